"""Updating the catalogue from a public source: read a newer copy of the source (a file or
folder the user downloaded, or one fetched with ``--download``), map its names, preview what
would change, and write it all or nothing.

A sync replaces the rows that source wrote before (results and model attributes whose
``source`` is its key): new rows are added, changed ones updated with both values shown,
rows gone from the newer copy removed. Models it names for the first time are created from its
registry records. Each model's attribute columns then follow the stated precedence
(advisor.domain.precedence) — except where the value on the model row is not the one the rule
gave before the sync (the user set it by hand): that value is kept and listed as a conflict,
as bundled updates are. The team's own rows (``source`` "") are never touched.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advisor.app.workspace import Workspace
from advisor.catalogue import bundled_data_dir
from advisor.catalogue.importer import import_files
from advisor.catalogue.readers import ParsedFile
from advisor.domain.catalogue_format import (
    BENCHMARKS,
    MODEL_ATTRIBUTES,
    MODELS,
    RESULTS,
    SOURCES,
    FileSpec,
    key_of,
    parse_cell,
)
from advisor.domain.errors import AdvisorError, ImportProblem, ImportRejected
from advisor.domain.files import MIB, unreadable_reason, zip_bomb_reason
from advisor.sources.base import Reading, SourceInfo
from advisor.sources.bundle import KEPT_COLUMNS
from advisor.sources.identity import Identities, read_aliases
from advisor.sources.registry import SOURCES as KNOWN_SOURCES
from advisor.sources.registry import connector, known
from advisor.sources.rows import (
    CatalogueRows,
    MappingReport,
    catalogue_rows,
    choose_attributes,
    distinct_names,
)

ALIASES = Path("sources") / "aliases.csv"  # under the bundled data folder
_SYNCED = (MODEL_ATTRIBUTES, RESULTS)


@dataclass(frozen=True)
class Change:
    """One row a sync adds, changes (with every changed column's two values) or removes."""

    table: str
    key: tuple
    kind: str  # "added", "changed" or "removed"
    changes: tuple[tuple[str, Any, Any], ...] = ()


@dataclass(frozen=True)
class Conflict:
    """A value the user set by hand that the source would change: theirs is kept."""

    model_id: str
    column: str
    yours: Any
    source: Any


@dataclass
class SyncPlan:
    """What syncing a copy of a source would do; nothing is written until :func:`apply`."""

    source: str
    path: Path
    reading: Reading
    report: MappingReport
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    files: dict[str, ParsedFile] = field(default_factory=dict)
    removed: dict[str, list[tuple]] = field(default_factory=dict)
    model_updates: list[dict[str, Any]] = field(default_factory=list)

    @property
    def rejected(self) -> list[ImportProblem]:
        """Records of the copy that cannot be read: any one refuses the whole sync."""
        return self.reading.problems

    @property
    def accepted(self) -> bool:
        return not self.rejected

    def count(self, kind: str) -> int:
        return sum(1 for c in self.changes if c.kind == kind)


def sources() -> list[SourceInfo]:
    """Every public source a catalogue can be updated from, as the window lists them."""
    return [connector(s.key).INFO for s in KNOWN_SOURCES]


def download(
    workspace: Workspace,
    source: str,
    *,
    url: str = "",
    progress: Callable[[int], None] | None = None,
) -> Path:
    """Fetch the newest published copy of ``source`` (network, only when asked) into the
    catalogue's folder (``sources/<source>/`` beside it); return the file saved."""
    from advisor.sources.download import download as fetch  # the network: only on request

    info = connector(known(source).key).INFO
    return fetch(info, workspace.path.parent / "sources" / info.key, url=url, progress=progress)


def read_copy(source: str, path: str | Path) -> Reading:
    """Read a copy of ``source`` with its connector; a path that is not there is one
    sentence."""
    path = Path(path).expanduser()
    if not path.exists():
        raise AdvisorError(
            f"{path} does not exist; give the {source} file or folder you downloaded "
            f"(or use --download)."
        )
    problem = copy_problem(path)
    if problem:
        raise AdvisorError(f"{problem}; nothing was read or written.")
    return connector(known(source).key).read(path)


MAX_SOURCE_FILE_BYTES = 1024 * MIB  # the largest published file (litellm's map) is ~1.5 MiB
MAX_SOURCE_UNPACKED_BYTES = 4096 * MIB
MAX_SOURCE_RATIO = 200


def copy_problem(path: Path) -> str:
    """Why a downloaded copy should not be read, naming the file ("" when it may be): a file
    in it is not a regular file (a device, a pipe), is larger than the limit, or is a zip
    that would unpack to far more than it holds."""
    files = [path] if not path.is_dir() else sorted(p for p in path.rglob("*") if not p.is_dir())
    for file in files:
        reason = unreadable_reason(file, MAX_SOURCE_FILE_BYTES)
        if not reason and file.suffix.lower() == ".zip":
            reason = zip_bomb_reason(file, MAX_SOURCE_UNPACKED_BYTES, MAX_SOURCE_RATIO)
        if reason:
            return f"{file} {reason}"
    return ""


def _aliases() -> list:
    path = bundled_data_dir() / ALIASES
    return read_aliases(path) if path.exists() else []


def _rows(db, spec: FileSpec, where: str = "", args: list | None = None) -> list[dict[str, Any]]:
    columns = ", ".join(f'"{c}"' for c in spec.names)
    sql = f'SELECT {columns} FROM "{spec.table}"' + (f" WHERE {where}" if where else "")
    return [dict(zip(spec.names, r, strict=True)) for r in db.execute(sql, args or []).fetchall()]


def _full(spec: FileSpec, row: dict[str, Any]) -> dict[str, Any]:
    full = {c: row.get(c) for c in spec.names}
    for column in spec.pk:
        if full[column] is None:
            full[column] = ""
    return {k: (int(v) if isinstance(v, bool) else v) for k, v in full.items()}


def _diff(spec: FileSpec, old: dict[str, Any], new: dict[str, Any]) -> tuple:
    return tuple(
        (c, old.get(c), new.get(c))
        for c in spec.names
        if c not in spec.pk and not _same(old.get(c), new.get(c))
    )


def _same(a: Any, b: Any) -> bool:
    if a in (None, "") and b in (None, ""):
        return True
    if isinstance(a, int | float) and isinstance(b, int | float):
        return float(a) == float(b)
    return a == b


def plan(workspace: Workspace, source: str, path: str | Path) -> SyncPlan:
    """Read ``path`` as a copy of ``source`` and work out the sync; writes nothing."""
    reading = read_copy(source, path)
    key = reading.info.key
    db = workspace.db
    models = {m["model_id"]: m for m in _rows(db, MODELS)}
    identities = Identities(models, _aliases())
    rows = catalogue_rows([reading], identities, {m: r["vendor"] for m, r in models.items()})
    out = SyncPlan(key, Path(path), reading, rows.report)
    if reading.problems:
        return out
    _plan_synced_tables(db, key, rows, out)
    _plan_models(db, key, rows, models, out)
    _plan_small_tables(db, key, rows, out)
    return out


def _plan_synced_tables(db, key: str, rows: CatalogueRows, out: SyncPlan) -> None:
    """Results and model attributes: the source's rows replaced by the copy's."""
    new_by_table = {"model_attributes": rows.model_attributes, "results": rows.results}
    for spec in _SYNCED:
        old = {key_of(spec, r): r for r in _rows(db, spec, '"source" = ?', [key])}
        new = {}
        for row in new_by_table[spec.table]:
            full = _full(spec, row)
            new.setdefault(key_of(spec, full), full)
        for k, row in new.items():
            before = old.get(k) or _existing(db, spec, k)
            if before is None:
                out.changes.append(Change(spec.table, k, "added"))
            elif diffs := _diff(spec, before, row):
                out.changes.append(Change(spec.table, k, "changed", diffs))
            else:
                out.unchanged += 1
        gone = [k for k in old if k not in new]
        out.changes += [Change(spec.table, k, "removed") for k in gone]
        out.removed[spec.table] = gone
        if new:
            out.files[spec.file] = ParsedFile(spec, spec.file, list(new.values()), [0] * len(new))


def _existing(db, spec: FileSpec, k: tuple) -> dict[str, Any] | None:
    where = " AND ".join(f'"{c}" = ?' for c in spec.pk)
    found = _rows(db, spec, where, list(k))
    return found[0] if found else None


def _plan_models(
    db, key: str, rows: CatalogueRows, models: dict[str, dict[str, Any]], out: SyncPlan
) -> None:
    """New models, and each model's attribute columns by the precedence rule (a value set by
    hand is kept: a conflict)."""
    current = _rows(db, MODEL_ATTRIBUTES)
    gone = set(out.removed.get("model_attributes", ()))
    after_rows = [r for r in current if key_of(MODEL_ATTRIBUTES, r) not in gone]
    added = out.files.get(MODEL_ATTRIBUTES.file)
    replaced = {key_of(MODEL_ATTRIBUTES, r) for r in added.rows} if added else set()
    after_rows = [r for r in after_rows if key_of(MODEL_ATTRIBUTES, r) not in replaced]
    after_rows += added.rows if added else []
    before = choose_attributes(current)
    after = choose_attributes(after_rows)
    new_models = [_full(MODELS, m) for m in rows.models if m["model_id"] not in models]
    distinct_names(new_models, (m["display_name"] for m in models.values()))
    for model in new_models:
        out.changes.append(Change("models", (model["model_id"],), "added"))
    updates: dict[str, dict[str, Any]] = {}
    everyone = {**models, **{m["model_id"]: m for m in new_models}}
    for (model_id, column), row in after.items():
        if model_id not in everyone or column not in MODELS.names:
            continue
        if column in KEPT_COLUMNS and everyone[model_id].get(column):
            continue
        value, reason = parse_cell(MODELS.column(column), row["value"])
        if reason:
            continue
        mine = everyone[model_id].get(column)
        was = before.get((model_id, column))
        was_value = parse_cell(MODELS.column(column), was["value"])[0] if was else None
        if _same(mine, value):
            continue
        if model_id in models and not _same(mine, was_value):
            out.conflicts.append(Conflict(model_id, column, mine, value))
            continue
        updates.setdefault(model_id, {"model_id": model_id})[column] = value
    for model in new_models:
        model.update(updates.pop(model["model_id"], {}))
    for model_id, columns in updates.items():
        diffs = tuple(
            (c, models[model_id].get(c), v) for c, v in columns.items() if c != "model_id"
        )
        out.changes.append(Change("models", (model_id,), "changed", diffs))
    out.model_updates = list(updates.values())
    rows_out = new_models + out.model_updates
    if rows_out:
        # A models row must carry every required column: an update names the row's own.
        for row in out.model_updates:
            found = models[row["model_id"]]
            row.update({c: found[c] for c in MODELS.required if c not in row})
        out.files[MODELS.file] = ParsedFile(MODELS, MODELS.file, rows_out, [0] * len(rows_out))


def _plan_small_tables(db, key: str, rows: CatalogueRows, out: SyncPlan) -> None:
    """Benchmarks the catalogue lacks, and the source's own row (its snapshot date)."""
    have = {r[0] for r in db.execute("SELECT benchmark FROM benchmarks").fetchall()}
    benchmarks = [_full(BENCHMARKS, b) for b in rows.benchmarks if b["benchmark"] not in have]
    for b in benchmarks:
        out.changes.append(Change("benchmarks", (b["benchmark"],), "added"))
    if benchmarks:
        out.files[BENCHMARKS.file] = ParsedFile(
            BENCHMARKS, BENCHMARKS.file, benchmarks, [0] * len(benchmarks)
        )
    stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    source_rows = [_full(SOURCES, {**r, "synced_at": stamp}) for r in rows.sources]
    out.files[SOURCES.file] = ParsedFile(SOURCES, SOURCES.file, source_rows, [0] * len(source_rows))


def apply(workspace: Workspace, planned: SyncPlan) -> SyncPlan:
    """Write a planned sync in one transaction (rows gone from the copy deleted, the rest
    upserted); a rejected plan writes nothing."""
    workspace.check_writable("sync a source")
    if not planned.accepted:
        raise ImportRejected(planned.rejected)
    db = workspace.db
    with db.atomic():
        for spec in _SYNCED:
            where = " AND ".join(f'"{c}" = ?' for c in spec.pk)
            for k in planned.removed.get(spec.table, ()):
                db.execute(f'DELETE FROM "{spec.table}" WHERE {where}', list(k))
        import_files(db, planned.files)
    return planned


def sync(
    workspace: Workspace,
    source: str,
    path: str | Path,
    *,
    dry_run: bool = False,
    progress: Callable[[str], None] | None = None,
) -> tuple[SyncPlan, float]:
    """Plan (and unless ``dry_run``, apply) a sync; return the plan and the seconds taken."""
    start = time.perf_counter()
    if progress:
        progress(f"Reading {path}")
    planned = plan(workspace, source, path)
    if not dry_run and planned.accepted:
        if progress:
            progress("Writing")
        apply(workspace, planned)
    return planned, time.perf_counter() - start
