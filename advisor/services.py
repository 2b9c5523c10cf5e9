"""Use cases that wire catalogue, engine and files together for the CLI and the GUI."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sqlite_utils import Database

from advisor.catalogue import (
    ImportSummary,
    bundled_data_dir,
    default_db_path,
    export_folder,
    load_frames,
    matrix_cache,
    open_catalogue,
    read_table,
)
from advisor.domain.catalogue_format import SPECS_BY_TABLE
from advisor.domain.criteria import ATTRIBUTE_CRITERIA
from advisor.domain.errors import AdvisorError, ProfileError
from advisor.domain.files import publish
from advisor.domain.frames import CatalogueFrames
from advisor.domain.profile import Policy, Profile
from advisor.domain.profile_toml import profile_from_toml, profile_to_toml
from advisor.domain.ranking import Ranking
from advisor.domain.stakeholders import shares
from advisor.engine import DecisionMatrix, build_decision_matrix, rank
from advisor.engine.matrix_codec import (
    StoredFrames,
    Unencodable,
    builder_fingerprint,
    decode_matrix,
    encode_frames,
    encode_matrix,
)
from advisor.engine.weights import unknown_key_error
from advisor.engine.workload import apply_workload
from advisor.report.document import ReportOptions


def resolve_db_path(db: str | Path | None) -> Path:
    """``--db`` if given, else ``$ADVISOR_DB``, else the user data folder."""
    return Path(db).expanduser() if db else default_db_path()


@contextmanager
def catalogue(db: str | Path | None = None, snapshot: str | None = None) -> Iterator[Database]:
    """Open the user's catalogue (created from the bundled data on first use), or one of its
    snapshots as it was taken, and close it."""
    path = resolve_db_path(db)
    if snapshot:
        from advisor.catalogue.snapshots import find_snapshot

        database = open_catalogue(find_snapshot(path, snapshot).path, merge_updates=False)
    else:
        database = open_catalogue(path)
    try:
        yield database
    finally:
        database.close()


def load_profile(path: str | Path) -> Profile:
    """Read a profile TOML file; every failure is a :class:`ProfileError` naming the file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProfileError(f"Profile {path} does not exist; check the path.") from None
    except IsADirectoryError:
        raise ProfileError(f"Profile {path} is a folder; give a .toml file.") from None
    except UnicodeDecodeError:
        raise ProfileError(f"Profile {path} is not UTF-8 text; save it as a TOML file.") from None
    except OSError as exc:
        raise ProfileError(f"Profile {path} cannot be read ({exc.strerror}).") from None
    try:
        return profile_from_toml(text)
    except ProfileError as exc:
        raise ProfileError(f"Profile {path}: {exc}") from None


def atomic_write_text(path: Path, text: str) -> None:
    """Write to a temporary file in the same folder, then rename over ``path``."""
    path = Path(path)
    try:
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise AdvisorError(
            f"Cannot write {path} ({exc.strerror}); choose another location."
        ) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        publish(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise AdvisorError(
            f"Cannot write {path} ({exc.strerror}); choose another location."
        ) from None


def save_profile(profile: Profile, path: str | Path) -> None:
    """Write a profile as TOML, atomically."""
    atomic_write_text(Path(path), profile_to_toml(profile))


@dataclass(frozen=True)
class Recommendation:
    """A ranking together with the matrix (and so the provenance) behind it."""

    profile: Profile
    matrix: DecisionMatrix
    ranking: Ranking


class RankingSession:
    """Ranks profiles against one loaded catalogue, building each decision matrix once per
    policy (conditions, modes, tier) so that weight and constraint edits only re-rank."""

    def __init__(self, frames: CatalogueFrames) -> None:
        self.frames = frames
        self._matrices: dict[tuple, DecisionMatrix] = {}
        self._with_workload: dict[tuple, DecisionMatrix] = {}

    @classmethod
    def from_db(cls, db: Database) -> RankingSession:
        """A session on ``db`` as it is now. Matrices stored in the database's matrix cache for
        this catalogue revision are used as they are (no table is read); otherwise the tables
        are read once, and each matrix built is stored for the next session (best effort).

        Everything is read here, so the session stays usable after ``db`` is closed.
        """
        prefix = f"{builder_fingerprint()}:"
        at_revision, stored = matrix_cache.cached(db)
        stored = {k[len(prefix) :]: v for k, v in stored.items() if k.startswith(prefix)}
        frames = None
        if "frames" in stored:
            try:
                frames = StoredFrames(stored["frames"])
            except Unencodable:
                frames = None
        if frames is None:
            with matrix_cache.read_snapshot(db):
                if matrix_cache.revision(db) != at_revision:  # changed since: nothing stored
                    at_revision, stored = matrix_cache.revision(db), {}
                frames = load_frames(db)
            with suppress(Unencodable):
                matrix_cache.store(db, prefix + "frames", at_revision, encode_frames(frames))
        session = cls(frames)
        session._store = (db, prefix, at_revision, stored)
        return session

    def matrix(self, policy: Policy) -> DecisionMatrix:
        key = (policy.conditions, policy.modes, policy.rate_limit_tier, policy.own_measurements)
        if key not in self._matrices:
            db, prefix, at_revision, stored = getattr(self, "_store", (None, "", None, {}))
            name = "matrix:" + repr(
                ([c.value for c in key[0]], [m.value for m in key[1]], key[2], key[3])
            )
            matrix = None
            if name in stored:
                try:
                    matrix = decode_matrix(stored.pop(name))
                except Unencodable:
                    matrix = None
            if matrix is None:
                matrix = build_decision_matrix(self.frames, policy)
                if db is not None:
                    with suppress(Unencodable):
                        matrix_cache.store(db, prefix + name, at_revision, encode_matrix(matrix))
            self._matrices[key] = matrix
        return self._matrices[key]

    def recommend(self, profile: Profile) -> Recommendation:
        matrix = self.matrix(profile.policy)
        if profile.workload is not None:
            key = (id(matrix), repr(profile.workload), profile.policy.rate_limit_tier)
            if key not in self._with_workload:
                if len(self._with_workload) > 32:
                    self._with_workload.clear()
                self._with_workload[key] = apply_workload(
                    matrix, profile.workload, profile.policy.rate_limit_tier
                )
            matrix = self._with_workload[key]
        _check_stakeholder_keys(profile, matrix)
        return Recommendation(profile, matrix, rank(matrix, profile))


def _check_stakeholder_keys(profile: Profile, matrix: DecisionMatrix) -> None:
    """A group's weights come from its stakeholders: an unknown key names whose it is."""
    known = [*matrix.criteria, *matrix.groups]
    for stakeholder in profile.stakeholders:
        for key in stakeholder.weights:
            if key not in matrix.groups and key not in matrix.criteria:
                raise unknown_key_error(f"stakeholders.{stakeholder.name}.weights", key, known)


def recommend(profile: Profile, db: Database) -> Recommendation:
    """Build the decision matrix for ``profile`` from ``db`` and rank it."""
    return RankingSession.from_db(db).recommend(profile)


def sensitivity(
    recommendation: Recommendation,
    *,
    samples: int = 5000,
    concentration: float | None = 50.0,
    relative_error: float = 0.0,
    seed: int = 0,
    progress=None,
) -> dict[str, Any]:
    """Rank acceptability, stability intervals and data-gap impact as plain data."""
    from advisor.engine.sensitivity import data_gap_impact, rank_acceptability, stability_intervals

    matrix, ranking, profile = recommendation.matrix, recommendation.ranking, recommendation.profile
    acceptability = rank_acceptability(
        matrix,
        ranking,
        samples=samples,
        concentration=concentration,
        relative_error=relative_error,
        seed=seed,
        progress=progress,
    )
    order = np.argsort(acceptability.expected_rank, kind="stable")
    return {
        "profile": profile.name,
        "samples": acceptability.samples,
        "seed": seed,
        "concentration": concentration,
        "relative_error": relative_error,
        "current_top": ranking.candidates[0].candidate if len(ranking) else None,
        "acceptability": [
            {
                "candidate": acceptability.labels[i],
                "rank_probabilities": [float(p) for p in acceptability.probabilities[i]],
                "expected_rank": float(acceptability.expected_rank[i]),
                "central_weights": None
                if np.isnan(acceptability.central_weights[i]).any()
                else dict(
                    zip(
                        acceptability.weight_keys,
                        (float(w) for w in acceptability.central_weights[i]),
                        strict=True,
                    )
                ),
            }
            for i in order
        ],
        "stability": [
            {
                "key": s.key,
                "weight": s.weight,
                "low": s.low,
                "high": s.high,
                "below": s.below,
                "above": s.above,
            }
            for s in stability_intervals(matrix, ranking)
        ],
        "data_gaps": [
            {
                "candidate": g.candidate,
                "missing": list(g.missing),
                "rank": g.rank,
                "best_rank": g.best_rank,
                "worst_rank": g.worst_rank,
            }
            for g in data_gap_impact(matrix, profile, ranking)
        ],
    }


def group_analysis(recommendation: Recommendation, top_k: int | None = None):
    """Each stakeholder's ranking, weight spread and consensus for a profile with stakeholders
    (:class:`advisor.engine.stakeholders.GroupAnalysis`); None when it has none."""
    from advisor.engine.stakeholders import analyse

    if not recommendation.profile.stakeholders:
        return None
    return analyse(
        recommendation.matrix, recommendation.profile, recommendation.ranking, top_k=top_k
    )


def group_to_dict(analysis, profile: Profile) -> dict[str, Any]:
    """A group analysis as plain data (the CLI's JSON output)."""
    return {
        "profile": profile.name,
        "aggregation": profile.aggregation.value,
        "top_k": analysis.top_k,
        "group_weights": shares(profile.weights),
        "stakeholders": [
            {
                "name": s.name,
                "weights": shares(s.weights),
                "elicitation": s.elicitation.summary if s.elicitation else "entered directly",
                "consistency_ratio": s.elicitation.consistency_ratio if s.elicitation else None,
                "top": list(analysis.top(s.name)),
            }
            for s in profile.stakeholders
        ],
        "group_top": [c.candidate for c in analysis.group.top(3)],
        "spread": [
            {"key": w.key, "spread": w.spread, "group": w.group, "shares": w.shares}
            for w in analysis.spreads
        ],
        "consensus": list(analysis.consensus),
    }


def catalogue_facts(frames: CatalogueFrames) -> dict[str, Any]:
    """What a person wants to know about a catalogue at a glance: how many models, results and
    distinct sources, and the date of its newest dated figure ("" when none is dated)."""
    sources: set[str] = set()
    for column in (frames.models["source_url"], frames.results["source_url"]):
        for value in column.dropna():
            sources.update(u.strip() for u in str(value).split(" ; ") if u.strip())
    dates = pd.concat(
        [frames.models["source_date"], frames.results["source_date"]], ignore_index=True
    )
    dated = dates.dropna().astype(str).str.extract(r"^\s*(\d{4}-\d{2}(?:-\d{2})?)")[0]
    return {
        "models": len(frames.models),
        "results": len(frames.results),
        "sources": len(sources),
        "newest": str(dated.max()) if dated.notna().any() else "",
    }


def display_names(frames: CatalogueFrames) -> dict[str, str]:
    """Readable names of benchmarks and criterion groups (model attributes have labels in
    ``advisor.domain.criteria``)."""
    names = dict(zip(frames.benchmarks["benchmark"], frames.benchmarks["name"], strict=True))
    groups = frames.criterion_groups.dropna(subset=["label"])
    names.update(zip(groups["group"], groups["label"], strict=True))
    return names


def export_report(
    session: RankingSession,
    profile: Profile,
    path: str | Path,
    options: ReportOptions | None = None,
    catalogue_meta: dict[str, str] | None = None,
) -> Path:
    """Rank ``profile`` and write the recommendation report PDF to ``path`` (atomically)."""
    from advisor.report import ReportInputs, write_report

    rec = session.recommend(profile)
    frames = session.frames
    inputs = ReportInputs(
        profile=profile,
        matrix=rec.matrix,
        ranking=rec.ranking,
        model_names=dict(
            zip(frames.models["model_id"], frames.models["display_name"], strict=True)
        ),
        criterion_names=display_names(frames),
        catalogue_meta=dict(catalogue_meta or {}),
    )
    return write_report(inputs, Path(path), options)


def example_profiles() -> list[Path]:
    """The bundled example profiles, by file name."""
    return sorted((bundled_data_dir() / "profiles").glob("*.toml"))


def import_catalogue(source: str | Path, db: Database, *, dry_run: bool = False) -> ImportSummary:
    """Import a folder of catalogue CSVs, one CSV or a JSON file, all or nothing."""
    from advisor.catalogue.importer import import_path

    return import_path(db, Path(source), dry_run=dry_run)


def export_catalogue(
    target: str | Path, db: Database, only: dict[str, set[tuple]] | None = None
) -> list[Path]:
    """Export the catalogue (or the rows ``only`` names, by table and primary key): a ``.json``
    or ``.xlsx`` file, otherwise a folder of CSV files."""
    from advisor.catalogue.exporter import export_json, export_xlsx

    if str(target).lower().endswith(".json"):
        return [export_json(db, Path(target), only)]
    if str(target).lower().endswith(".xlsx"):
        return [export_xlsx(db, Path(target), only)]
    return export_folder(db, Path(target), only)


def filtered_view(
    db: Database,
    tables: list[str] | None = None,
    models: list[str] | None = None,
    vendors: list[str] | None = None,
) -> dict[str, set[tuple]]:
    """The primary keys of a filtered view, by table, for :func:`export_catalogue`.

    ``tables`` limits the tables (default: all). ``models`` and ``vendors`` keep the rows about
    those models (or those vendors' models): the models, their results, measurements and rate
    limits, and the vendors and benchmarks those rows refer to. (A rate limit may name other
    models of the same family too; importing it needs those models in the catalogue.)
    """
    from advisor.domain.catalogue_format import FILE_SPECS
    from advisor.catalogue.importer import split_list

    wanted = set(tables or (s.table for s in FILE_SPECS))
    chosen_models = set(models or ())
    if vendors:
        chosen_models |= {
            r[0]
            for r in db.execute(
                f"SELECT model_id FROM models WHERE vendor IN ({', '.join('?' * len(vendors))})",
                list(vendors),
            )
        }
    filtering = bool(models or vendors)
    only: dict[str, set[tuple]] = {}
    rows_of: dict[str, list[dict]] = {}
    for spec in FILE_SPECS:
        rows = [dict(r) for r in db[spec.table].rows]
        if filtering:
            if "model_id" in spec.names:
                rows = [r for r in rows if r["model_id"] in chosen_models]
            elif spec.table == "rate_limits":
                rows = [r for r in rows if chosen_models & set(split_list(r.get("model_ids")))]
        rows_of[spec.table] = rows
    if filtering:
        used_vendors = {r["vendor"] for r in rows_of["models"] + rows_of["rate_limits"]}
        used_benchmarks = {r["benchmark"] for r in rows_of["results"]}
        rows_of["vendors"] = [r for r in rows_of["vendors"] if r["vendor"] in used_vendors]
        rows_of["benchmarks"] = [
            r for r in rows_of["benchmarks"] if r["benchmark"] in used_benchmarks
        ]
        if not tables:
            wanted.discard("criterion_groups")  # not about any model
    for spec in FILE_SPECS:
        if spec.table in wanted:
            only[spec.table] = {tuple(r[c] for c in spec.pk) for r in rows_of[spec.table]}
    return only


LISTABLE = {
    "models": "models",
    "benchmarks": "benchmarks",
    "results": "results",
    "rate-limits": "rate_limits",
    "measurements": "measurements",
    "groups": "criterion_groups",
    "vendors": "vendors",
}


def list_table(db: Database, what: str) -> pd.DataFrame:
    """A catalogue table as a DataFrame, or the list of criteria (``what == "criteria"``)."""
    if what == "criteria":
        return criteria_table(db)
    return read_table(db, SPECS_BY_TABLE[LISTABLE[what]])


def criteria_table(db: Database) -> pd.DataFrame:
    """Every id a profile may weight: groups, model attributes and benchmarks."""
    frames = load_frames(db)
    rows: list[dict[str, Any]] = []
    for group, members in frames.criterion_groups.groupby("group", sort=True):
        rows.append(
            {
                "criterion": group,
                "kind": "group",
                "label": members["label"].dropna().iloc[0]
                if members["label"].notna().any()
                else group,
                "direction": "",
                "members": " ; ".join(
                    f"{c} {w:g}"
                    for c, w in zip(members["criterion"], members["weight"], strict=True)
                ),
            }
        )
    for info in ATTRIBUTE_CRITERIA.values():
        rows.append(
            {
                "criterion": info.id,
                "kind": info.kind,
                "label": f"{info.label} ({info.unit})",
                "direction": "higher" if info.higher_is_better else "lower",
                "members": "",
            }
        )
    for b in frames.benchmarks.itertuples(index=False):
        rows.append(
            {
                "criterion": b.benchmark,
                "kind": f"benchmark ({b.category})",
                "label": f"{b.name} ({b.unit})",
                "direction": "higher" if b.higher_is_better else "lower",
                "members": "",
            }
        )
    return pd.DataFrame(rows)


def _clean(value: Any) -> Any:
    if value is None or (isinstance(value, float) and value != value):
        return None
    return value


def figures_for(recommendation: Recommendation, row: int) -> list[dict[str, Any]]:
    """Every figure counted for one matrix row, with condition, source and flags."""
    figures = recommendation.matrix.figures
    if figures is None:
        return []
    subset = figures[figures["row"] == row]
    return [
        {k: _clean(v) for k, v in record.items() if k != "row"}
        for record in subset.to_dict(orient="records")
    ]


def set_aside_for(recommendation: Recommendation, row: int) -> list[dict[str, Any]]:
    """Results that describe this candidate's mode but that the policy does not count."""
    aside = recommendation.matrix.set_aside
    if aside is None or aside.empty:
        return []
    subset = aside[aside["row"] == row]
    keep = ["benchmark", "condition", "score", "source_kind", "source_url", "source_date", "reason"]
    return [{k: _clean(v) for k, v in r.items()} for r in subset[keep].to_dict(orient="records")]


def ranking_to_dict(recommendation: Recommendation, top: int | None = None) -> dict[str, Any]:
    """The ranking as plain data (the CLI's JSON output)."""
    ranking = recommendation.ranking
    profile = recommendation.profile
    ranked = ranking.top(top) if top else ranking.candidates
    row_of = {label: i for i, label in enumerate(recommendation.matrix.labels())}
    return {
        "profile": profile.name,
        "policy": {
            "method": profile.policy.method.value,
            "normalization": profile.policy.normalization.value,
            "conditions": [c.value for c in profile.policy.conditions],
            "missing": profile.policy.missing.value,
            "modes": [m.value for m in profile.policy.modes],
            "rate_limit_tier": profile.policy.rate_limit_tier,
        },
        "criteria": dict(zip(ranking.criteria, (float(w) for w in ranking.weights), strict=True)),
        "ranking": [
            {
                "candidate": c.candidate,
                "model_id": c.model_id,
                "mode": c.mode,
                "rank": c.rank,
                "score": c.score,
                "contributions": c.contributions,
                "criterion_contributions": c.criterion_contributions,
                "coverage": c.coverage,
                "pareto": c.pareto,
                "missing": list(c.missing),
                "figures": figures_for(recommendation, row_of[c.candidate]),
                "not_counted": set_aside_for(recommendation, row_of[c.candidate]),
            }
            for c in ranked
        ],
        "excluded": [
            {
                "candidate": e.candidate,
                "model_id": e.model_id,
                "mode": e.mode,
                "reasons": list(e.reasons),
            }
            for e in ranking.excluded
        ],
        "notes": list(ranking.notes),
    }


class CatalogueStore:
    """The catalogue a window works on: one open connection, validated edits applied as single
    transactions, imports with a preview, snapshots and bundled-update conflicts.

    Opened on a snapshot it is read-only: it ranks the catalogue as it was when taken.
    """

    def __init__(self, path: Path, db: Database, snapshot: Any = None) -> None:
        self.path = Path(path)
        self.db = db
        self.snapshot = snapshot

    @classmethod
    def open(cls, db: str | Path | None = None, snapshot: str | None = None) -> CatalogueStore:
        path = resolve_db_path(db)
        if snapshot:
            from advisor.catalogue.snapshots import find_snapshot

            found = find_snapshot(path, snapshot)
            return cls(path, open_catalogue(found.path, merge_updates=False), found)
        return cls(path, open_catalogue(path))

    @property
    def read_only(self) -> bool:
        return self.snapshot is not None

    def close(self) -> None:
        self.db.close()

    def session(self) -> RankingSession:
        """A ranking session on the catalogue as it is now."""
        return RankingSession.from_db(self.db)

    def meta(self) -> dict[str, str]:
        from advisor.catalogue import meta

        facts = meta(self.db)
        if self.snapshot is not None:
            facts["snapshot"] = self.snapshot.name
            facts["snapshot_taken"] = self.snapshot.taken_text
        return facts

    # ----- rows ----------------------------------------------------------------------------
    def rows(self, table: str) -> tuple[list[dict[str, Any]], list[str]]:
        """Every stored row of ``table`` (by primary key) and each row's origin: "bundled",
        "edited" or "yours"."""
        from advisor.catalogue.editing import origins, spec_of

        spec = spec_of(table)
        columns = ", ".join(f'"{c}"' for c in spec.names)
        order = ", ".join(f'"{c}"' for c in spec.pk)
        cursor = self.db.execute(f'SELECT {columns} FROM "{table}" ORDER BY {order}')
        rows = [dict(zip(spec.names, r, strict=True)) for r in cursor.fetchall()]
        return rows, origins(self.db, table, rows)

    def _writable(self) -> None:
        if self.read_only:
            raise AdvisorError(
                f"Snapshot {self.snapshot.name!r} is read-only; return to the current catalogue "
                "to edit."
            )

    def plan_update(self, table: str, key: tuple, texts: dict[str, str]):
        from advisor.catalogue.editing import plan_update

        self._writable()
        return plan_update(self.db, table, key, texts)

    def plan_insert(self, table: str, texts: dict[str, str]):
        from advisor.catalogue.editing import plan_insert

        self._writable()
        return plan_insert(self.db, table, texts)

    def plan_delete(self, table: str, keys: list[tuple]):
        from advisor.catalogue.editing import plan_delete

        self._writable()
        return plan_delete(self.db, table, keys)

    def check(self, table: str, texts: dict[str, str], replacing: tuple | None = None):
        """Problems with a row as typed so far (for validation as you type)."""
        from advisor.catalogue.editing import parse_row

        return parse_row(self.db, table, texts, replacing=replacing)[1]

    def apply(self, edit) -> None:
        from advisor.catalogue.editing import apply_edit

        self._writable()
        apply_edit(self.db, edit)

    # ----- import, export ------------------------------------------------------------------
    def preview_import(self, source: str | Path):
        from advisor.catalogue.import_preview import preview_import

        return preview_import(self.db, Path(source))

    def import_(self, source: str | Path) -> ImportSummary:
        self._writable()
        return import_catalogue(source, self.db)

    def export(self, target: str | Path, only: dict[str, set[tuple]] | None = None) -> list[Path]:
        return export_catalogue(target, self.db, only)

    # ----- snapshots and conflicts ---------------------------------------------------------
    def snapshots(self) -> list:
        from advisor.catalogue.snapshots import list_snapshots

        return list_snapshots(self.path)

    def take_snapshot(self, name: str):
        from advisor.catalogue.snapshots import take_snapshot

        self._writable()
        return take_snapshot(self.db, self.path, name)

    def diff(self, old: str, new: str | None = None) -> list:
        """Changes from snapshot ``old`` to snapshot ``new`` (None: the current catalogue)."""
        from advisor.catalogue.snapshots import diff, find_snapshot

        before = open_catalogue(find_snapshot(self.path, old).path, merge_updates=False)
        if new:
            after = open_catalogue(find_snapshot(self.path, new).path, merge_updates=False)
        else:  # the current catalogue, even while this store shows a snapshot
            after = open_catalogue(self.path) if self.read_only else None
        try:
            return diff(before, after or self.db)
        finally:
            before.close()
            if after is not None:
                after.close()

    def recommend_in(self, profile: Profile, snapshot: str | None = None) -> Recommendation:
        """Rank ``profile`` against snapshot ``snapshot`` (None: the current catalogue)."""
        from advisor.catalogue.snapshots import find_snapshot

        if snapshot:
            db = open_catalogue(find_snapshot(self.path, snapshot).path, merge_updates=False)
        elif self.read_only:
            db = open_catalogue(self.path)
        else:
            return self.session().recommend(profile)
        try:
            return RankingSession.from_db(db).recommend(profile)
        finally:
            db.close()

    def conflicts(self) -> list[dict]:
        from advisor.catalogue.bundle_updates import conflicts

        return conflicts(self.db)

    def settle_conflict(self, table: str, key: list, *, take_bundled: bool):
        from advisor.catalogue.editing import settle_conflict

        self._writable()
        return settle_conflict(self.db, table, key, take_bundled=take_bundled)


# ----- live probe ---------------------------------------------------------------------------
_ENDPOINTS_META_KEY = "probe_endpoints"


def probe_endpoints(db: Database) -> list:
    """The probe's endpoints: the three vendors' defaults, overridden or extended by the user's
    own (kept in the catalogue's ``meta`` table; never a key)."""
    import json

    from advisor.probe.endpoints import DEFAULT_ENDPOINTS, Endpoint, Wire

    found = {e.name: e for e in DEFAULT_ENDPOINTS}
    row = db.execute("SELECT value FROM meta WHERE key = ?", [_ENDPOINTS_META_KEY]).fetchone()
    for item in json.loads(row[0]) if row else []:
        try:
            found[item["name"]] = Endpoint(
                item["name"], Wire(item["wire"]), item["base_url"], item.get("vendor", "")
            )
        except (KeyError, ValueError, AdvisorError):
            continue  # a damaged entry: fall back to the default
    return list(found.values())


def save_probe_endpoint(db: Database, endpoint) -> None:
    """Add or change an endpoint (name, wire format, base URL, catalogue vendor)."""
    import json

    from advisor.probe.endpoints import DEFAULT_ENDPOINTS

    defaults = {e.name: e for e in DEFAULT_ENDPOINTS}
    custom = [
        e for e in probe_endpoints(db) if defaults.get(e.name) != e and e.name != endpoint.name
    ]
    if defaults.get(endpoint.name) != endpoint:
        custom.append(endpoint)
    value = json.dumps(
        [
            {"name": e.name, "wire": e.wire.value, "base_url": e.base_url, "vendor": e.vendor}
            for e in custom
        ]
    )
    with db.atomic():
        db["meta"].upsert({"key": _ENDPOINTS_META_KEY, "value": value}, pk="key")


def endpoint_for(db: Database, model_id: str, endpoints: list | None = None):
    """The endpoint that serves ``model_id``'s vendor, or None."""
    row = db.execute("SELECT vendor FROM models WHERE model_id = ?", [model_id]).fetchone()
    if row is None:
        raise AdvisorError(
            f"No model {model_id!r} in the catalogue; see `advisor catalogue list models`."
        )
    for endpoint in endpoints or probe_endpoints(db):
        if endpoint.vendor == row[0]:
            return endpoint
    return None


def probe_rows(results, region: str, today: str | None = None) -> dict[str, list[dict]]:
    """Catalogue rows for a probe run: median time to first token and output speed per target
    (with sample count and interquartile spread), and the rate limits the vendor's headers
    stated. Every row is ``internal``, dated, and names the endpoint it was measured at."""
    from datetime import date

    today = today or date.today().isoformat()
    measurements, limits = [], []
    for result in results:
        target = result.target
        endpoint = target.endpoint
        errors = ", ".join(f"{n} {k}" for k, n in sorted(result.errors().items())) or "none"
        note = (
            f"Measured by Model Advisor's probe at endpoint {endpoint.name!r} as "
            f"{target.api_model or target.model_id!r}: {result.attempts} attempts, "
            f"{len(result.ok)} succeeded; errors: {errors}."
        )
        common = {
            "model_id": target.model_id,
            "mode": target.mode,
            "region": region,
            "source_kind": "internal",
            "reported_by": "Model Advisor probe",
            "source_url": endpoint.base_url,
            "source_date": today,
        }
        for metric, (median, spread) in (
            ("ttft_s", result.ttft()),
            ("output_tokens_per_s", result.tokens_per_s()),
        ):
            if median is None:
                continue
            estimated = metric == "output_tokens_per_s" and any(
                s.tokens_estimated for s in result.ok
            )
            measurements.append(
                common
                | {
                    "metric": metric,
                    "value": round(median, 4),
                    "sample_count": len(result.ok),
                    "spread": round(spread, 4),
                    "notes": note
                    + (" Token counts estimated (no usage reported)." if estimated else ""),
                }
            )
        seen = result.rate_limits()
        if seen.get("requests_limit") or seen.get("tokens_limit"):
            limits.append(
                {
                    "vendor": endpoint.vendor or endpoint.name,
                    "tier": "measured",
                    "model_id_or_family": target.model_id,
                    "requests_per_min": seen.get("requests_limit"),
                    "input_tokens_per_min": seen.get("input_tokens_limit"),
                    "output_tokens_per_min": seen.get("output_tokens_limit"),
                    "tokens_per_min": seen.get("tokens_limit"),
                    "source_url": endpoint.base_url,
                    "source_date": today,
                    "model_ids": target.model_id,
                    "notes": "Limits stated by the vendor's response headers to this account "
                    f"(endpoint {endpoint.name!r}), {today}.",
                }
            )
    return {"measurements.csv": measurements, "rate_limits.csv": limits}


def store_probe_results(db: Database, results, region: str) -> int:
    """Write a probe run into the catalogue in one transaction; return the rows written."""
    from advisor.domain.catalogue_format import SPECS_BY_FILE
    from advisor.catalogue.importer import ParsedFile, import_files

    files = {}
    for name, rows in probe_rows(results, region).items():
        if rows:
            spec = SPECS_BY_FILE[name]
            full = [{c: row.get(c) for c in spec.names} for row in rows]
            for row in full:
                for c in spec.pk:
                    row[c] = row[c] if row[c] is not None else ""
            files[name] = ParsedFile(spec, name, full, list(range(1, len(full) + 1)))
    if not files:
        return 0
    import_files(db, files)
    return sum(len(p.rows) for p in files.values())
