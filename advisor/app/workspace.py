"""The catalogue a face works on: one :class:`Workspace` for the command line and the window.

A workspace is the user's catalogue (created from the bundled data on first use, bundled
updates merged in) or one of its snapshots, opened read-only as it was when taken. It holds one
open connection; its facts, row edits (validated, one transaction each, exactly undoable),
snapshots and bundled-update conflicts are its methods. Imports and exports are in
:mod:`advisor.app.catalogue_io`, rankings in :mod:`advisor.app.ranking`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from sqlite_utils import Database

from advisor.app.ranking import RankingSession, Recommendation
from advisor.catalogue import (
    default_db_path,
    editing,
    is_read_only,
    meta,
    open_catalogue,
    schema_version,
    set_aside,
    snapshots,
)
from advisor.catalogue.bundle_updates import conflicts
from advisor.catalogue.editing import Edit
from advisor.catalogue.snapshots import Change, Snapshot
from advisor.domain.catalogue_format import spec_of
from advisor.domain.errors import AdvisorError, ImportProblem
from advisor.domain.frames import CatalogueFrames
from advisor.domain.profile import Profile

__all__ = [
    "CatalogueInfo",
    "Change",
    "Edit",
    "Snapshot",
    "Workspace",
    "catalogue_facts",
    "data_date",
    "kind_shares",
]

ENDPOINTS_META_KEY = "probe_endpoints"  # the probe's own endpoints, kept in the meta table
COUNTED_TABLES = ("models", "benchmarks", "results", "rate_limits", "measurements")


def resolve_db_path(db: str | Path | None) -> Path:
    """``--db`` if given, else ``$ADVISOR_DB``, else the user data folder."""
    return Path(db).expanduser() if db else default_db_path()


def set_aside_damaged(path: str | Path) -> Path:
    """Rename a damaged catalogue to ``<name>.corrupt-<time>`` (bytes intact) so the next open
    starts from the bundled data; return where it went."""
    return set_aside(Path(path))


def list_snapshots(db: str | Path | None = None) -> list[Snapshot]:
    """The snapshots saved beside a catalogue, oldest first (the catalogue is not opened)."""
    return snapshots.list_snapshots(resolve_db_path(db))


@dataclass(frozen=True)
class CatalogueInfo:
    """Where a catalogue is and what it holds (``advisor catalogue info``)."""

    path: Path
    schema_version: int
    counts: dict[str, int]
    facts: dict[str, str]  # the meta table, without the probe's endpoints
    own_endpoints: int
    conflicts: list[dict]
    summary: dict[str, Any]  # catalogue_facts: vendors, source kinds, public sources


class Workspace:
    """The open catalogue (or snapshot) a face works on. Use it as a context manager, or
    :meth:`close` it. Every method raises :class:`AdvisorError` with a sentence for people
    when it cannot act, and changes nothing in that case."""

    def __init__(
        self, path: Path, db: Database, snapshot: Snapshot | None = None, created: bool = False
    ) -> None:
        self.path = Path(path)  # the user's catalogue, even while a snapshot is shown
        self.db = db
        self.snapshot = snapshot
        self.created = created  # this open created the catalogue from the bundled data
        # its file or folder cannot be written: it ranks, lists and exports, but changes nothing
        self.file_read_only = is_read_only(db)

    @classmethod
    def open(
        cls,
        db: str | Path | None = None,
        snapshot: str | None = None,
        *,
        set_damaged_aside: bool = True,
    ) -> Workspace:
        """The catalogue at ``db`` (default: ``$ADVISOR_DB`` or the user data folder), or its
        snapshot called ``snapshot``, read-only. A damaged file is set aside (renamed, bytes
        intact) unless ``set_damaged_aside`` is False: then :class:`CatalogueDamaged` leaves it
        in place and :func:`set_aside_damaged` does it once the user agrees."""
        path = resolve_db_path(db)
        if snapshot:
            found = snapshots.find_snapshot(path, snapshot)
            return cls(path, open_catalogue(found.path, merge_updates=False), found)
        created = not path.exists()
        database = open_catalogue(path, set_damaged_aside=set_damaged_aside)
        return cls(path, database, created=created)

    def reopen(self, snapshot: str | None = None) -> Workspace:
        """The same catalogue anew, or one of its snapshots (this workspace stays open)."""
        return Workspace.open(self.path, snapshot)

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    @property
    def read_only(self) -> bool:
        """A snapshot is read-only (it ranks the catalogue as it was when taken), and so is a
        catalogue whose file or folder cannot be written."""
        return self.snapshot is not None or self.file_read_only

    def read_only_reason(self, action: str = "edit") -> str:
        """Why this workspace cannot ``action``, as a sentence ("" when it can)."""
        if self.snapshot is not None:
            return (
                f"Snapshot {self.snapshot.name!r} is read-only; return to the current catalogue "
                f"to {action}."
            )
        if self.file_read_only:
            return (
                f"The catalogue {self.path} is read-only (its file or its folder cannot be "
                f"written), so Model Advisor cannot {action}; copy it to a writable folder and "
                "pass --db with the copy."
            )
        return ""

    def check_writable(self, action: str = "edit") -> None:
        """Refuse a change to a snapshot or a read-only catalogue, in one sentence."""
        reason = self.read_only_reason(action)
        if reason:
            raise AdvisorError(reason)

    # ----- ranking -------------------------------------------------------------------------
    def session(self) -> RankingSession:
        """A ranking session on the catalogue as it is now (usable after :meth:`close`)."""
        return RankingSession.from_db(self.db)

    def session_after(self, session: RankingSession, edit: Edit) -> RankingSession:
        """``session`` (on this catalogue) brought up to date after ``edit`` was applied: only
        the rows the edit changed are read again and rebuilt (:meth:`RankingSession.after_edit`)."""
        return session.after_edit(self.db, edit)

    def recommend(self, profile: Profile) -> Recommendation:
        """Rank ``profile`` against this catalogue."""
        return self.session().recommend(profile)

    def recommend_in(self, profile: Profile, snapshot: str | None = None) -> Recommendation:
        """Rank ``profile`` against snapshot ``snapshot`` (None: the current catalogue, even
        while this workspace shows a snapshot)."""
        if not snapshot and self.snapshot is None:
            return self.recommend(profile)
        with self.reopen(snapshot) as other:
            return other.recommend(profile)

    # ----- facts ---------------------------------------------------------------------------
    def meta(self) -> dict[str, str]:
        """Key/value facts about the catalogue (creation time, bundle it came from), and the
        snapshot's name and date when one is shown."""
        facts = meta(self.db)
        if self.snapshot is not None:
            facts["snapshot"] = self.snapshot.name
            facts["snapshot_taken"] = self.snapshot.taken_text
        return facts

    def info(self) -> CatalogueInfo:
        """Path, schema version, row counts, facts and pending conflicts."""
        facts = self.meta()
        endpoints = facts.pop(ENDPOINTS_META_KEY, None)
        return CatalogueInfo(
            path=self.path,
            schema_version=schema_version(self.db),
            counts={t: self.db[t].count for t in COUNTED_TABLES},
            facts=facts,
            own_endpoints=len(json.loads(endpoints)) if endpoints else 0,
            conflicts=self.conflicts(),
            summary=catalogue_facts(self.session().frames),
        )

    # ----- rows and edits ------------------------------------------------------------------
    def rows(self, table: str) -> list[dict[str, Any]]:
        """Every stored row of ``table``, every column of its format, by primary key."""
        spec = spec_of(table)
        columns = ", ".join(f'"{c}"' for c in spec.names)
        order = ", ".join(f'"{c}"' for c in spec.pk)
        cursor = self.db.execute(f'SELECT {columns} FROM "{table}" ORDER BY {order}')
        return [dict(zip(spec.names, r, strict=True)) for r in cursor.fetchall()]

    def origins(self, table: str, rows: list[dict[str, Any]]) -> list[str]:
        """Each row's origin: "bundled", "edited" (a shipped row changed) or "yours"."""
        return editing.origins(self.db, table, rows)

    def check(
        self, table: str, texts: dict[str, str], replacing: tuple | None = None
    ) -> list[ImportProblem]:
        """Problems with a row as typed so far (for validation as you type)."""
        return editing.parse_row(self.db, table, texts, replacing=replacing)[1]

    def plan_update(self, table: str, key: tuple, texts: dict[str, str]) -> Edit | None:
        """The edit replacing row ``key`` with ``texts`` (None if nothing changes)."""
        self.check_writable()
        return editing.plan_update(self.db, table, key, texts)

    def plan_insert(self, table: str, texts: dict[str, str]) -> Edit:
        self.check_writable()
        return editing.plan_insert(self.db, table, texts)

    def plan_delete(self, table: str, keys: list[tuple]) -> Edit:
        """The edit deleting rows ``keys`` and the rows that depend on them."""
        self.check_writable()
        return editing.plan_delete(self.db, table, keys)

    @staticmethod
    def dependents(edit: Edit, table: str) -> dict[str, int]:
        """How many rows of each other table a planned delete takes with it."""
        return editing.dependents(edit, table)

    def apply(self, edit: Edit) -> None:
        """Apply a planned edit (or its inverse) in one transaction."""
        self.check_writable()
        editing.apply_edit(self.db, edit)

    # ----- snapshots -----------------------------------------------------------------------
    def snapshots(self) -> list[Snapshot]:
        """The catalogue's snapshots, oldest first."""
        return snapshots.list_snapshots(self.path)

    def take_snapshot(self, name: str) -> Snapshot:
        """Save the catalogue as it is now under a dated name."""
        self.check_writable("save a snapshot")
        return snapshots.take_snapshot(self.db, self.path, name)

    def diff(self, old: str, new: str | None = None) -> list[Change]:
        """Changes from snapshot ``old`` to snapshot ``new`` (None: the current catalogue,
        even while this workspace shows a snapshot)."""
        with self.reopen(old) as before:
            if new or self.snapshot is not None:
                with self.reopen(new) as after:
                    return snapshots.diff(before.db, after.db)
            return snapshots.diff(before.db, self.db)

    # ----- bundled-update conflicts --------------------------------------------------------
    def conflicts(self) -> list[dict]:
        """Rows the user changed that a newer bundled catalogue also changed (theirs kept)."""
        return [] if self.snapshot is not None else conflicts(self.db)

    def settle_conflict(self, table: str, key: list, *, take_bundled: bool) -> Edit | None:
        """Keep the user's row, or take the bundled one (an undoable edit, returned)."""
        self.check_writable()
        return editing.settle_conflict(self.db, table, key, take_bundled=take_bundled)


def catalogue_facts(frames: CatalogueFrames) -> dict[str, Any]:
    """What a person wants to know about a catalogue at a glance: how many models (from how
    many vendors, with how many release dates known), results (and how many of each source
    kind), distinct source URLs, the date of its newest dated figure ("" when none is dated),
    and the public sources it was built or synced from, each with its snapshot date."""
    sources: set[str] = set()
    for column in (frames.models["source_url"], frames.results["source_url"]):
        for value in column.dropna().unique():  # a few hundred distinct among 100,000s
            sources.update(u.strip() for u in str(value).split(" ; ") if u.strip())
    dates = pd.concat(
        [frames.models["source_date"], frames.results["source_date"]], ignore_index=True
    )
    dates = pd.Series(dates.dropna().astype(str).unique(), dtype=object)
    dated = dates.str.extract(r"^\s*(\d{4}-\d{2}(?:-\d{2})?)")[0]
    released = frames.models["release_date"].dropna().astype(str)
    released = released[released != ""]
    kinds = frames.results["source_kind"].fillna("unstated").value_counts()
    public = frames.sources if frames.sources is not None else pd.DataFrame()
    return {
        "models": len(frames.models),
        "vendors": int(frames.models["vendor"].nunique()),
        "release_dates": len(released),
        "newest_release": str(released.max()) if len(released) else "",
        "results": len(frames.results),
        "results_by_kind": {str(k): int(n) for k, n in kinds.items()},
        "sources": len(sources),
        "newest": str(dated.max()) if dated.notna().any() else "",
        "public_sources": [
            {
                "source": str(r["source"]),
                "title": str(r["title"]),
                "licence": str(r["licence"]),
                "snapshot_date": str(r["snapshot_date"] or ""),
                "synced_at": str(r["synced_at"] or ""),
            }
            for r in public.to_dict(orient="records")
        ],
    }


def data_date(facts: dict[str, Any]) -> str:
    """How current the catalogue's data is: the newest of its dated figures and of its public
    sources' snapshot dates, YYYY-MM-DD ("" when nothing is dated). Not the day the local
    database file was created."""
    dates = [facts.get("newest", "")] + [
        s.get("snapshot_date", "") for s in facts.get("public_sources", [])
    ]
    dates = [str(d)[:10] for d in dates if d]
    return max(dates) if dates else ""


def kind_shares(facts: dict[str, Any]) -> str:
    """The results' source kinds as a sentence part: "62% third-party, 35% vendor, …"."""
    total = facts["results"] or 1
    return ", ".join(
        f"{n / total:.0%} {kind.replace('_', '-')}"
        for kind, n in sorted(facts["results_by_kind"].items(), key=lambda kv: -kv[1])
    )
