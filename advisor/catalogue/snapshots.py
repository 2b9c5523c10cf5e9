"""Dated, named copies of the catalogue, their differences, and opening one to rank against."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from advisor.domain.catalogue_format import FILE_SPECS
from advisor.domain.errors import CatalogueError
from advisor.domain.files import write_atomically


@dataclass(frozen=True, slots=True)
class Snapshot:
    name: str
    taken: str  # UTC, 20261125T101500Z
    path: Path

    @property
    def taken_text(self) -> str:
        """When it was taken, for people: 2026-11-25 10:15 UTC."""
        t = self.taken
        if len(t) >= 13 and t[8] == "T":
            return f"{t[:4]}-{t[4:6]}-{t[6:8]} {t[9:11]}:{t[11:13]} UTC"
        return t


@dataclass(frozen=True, slots=True)
class Change:
    """One difference between two catalogues: a row added, removed, or a value changed."""

    table: str
    key: tuple
    kind: str  # "added", "removed" or "changed"
    column: str | None = None
    before: object = None
    after: object = None


def snapshot_dir(db_path: Path) -> Path:
    return Path(db_path).parent / "snapshots"


def _slug(name: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", name.strip()).strip("-")
    if not slug:
        raise CatalogueError("A snapshot needs a name with at least one letter or digit.")
    return slug[:60]


def take_snapshot(db: Database, db_path: Path, name: str) -> Snapshot:
    """Copy the catalogue (SQLite backup, consistent even while in use) under a dated name."""
    folder = snapshot_dir(db_path)
    taken = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = folder / f"{taken}_{_slug(name)}.sqlite"

    def copy(temp: Path) -> None:
        destination = sqlite3.connect(temp)
        try:
            db.conn.backup(destination)
        finally:
            destination.close()

    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(target, copy, error=CatalogueError)
    except (OSError, sqlite3.Error) as exc:
        raise CatalogueError(f"Cannot save the snapshot in {folder} ({exc}).") from None
    return Snapshot(name, taken, target)


def list_snapshots(db_path: Path) -> list[Snapshot]:
    """Snapshots beside the catalogue, oldest first."""
    out = []
    for path in sorted(snapshot_dir(db_path).glob("*_*.sqlite")):
        taken, _, name = path.stem.partition("_")
        out.append(Snapshot(name, taken, path))
    return out


def find_snapshot(db_path: Path, name: str) -> Snapshot:
    """The newest snapshot whose name (or dated file name) matches ``name``."""
    matches = [s for s in list_snapshots(db_path) if name in (s.name, s.path.stem, s.path.name)]
    if not matches:
        known = ", ".join(s.name for s in list_snapshots(db_path)) or "none yet"
        raise CatalogueError(f"No snapshot called {name!r}; snapshots: {known}.")
    return matches[-1]


def diff(old: Database, new: Database) -> list[Change]:
    """Every row added or removed and every value changed, table by table, from old to new."""
    changes: list[Change] = []
    for spec in FILE_SPECS:

        def rows(db: Database, spec=spec) -> dict[tuple, dict]:
            return {tuple(r[c] for c in spec.pk): r for r in db[spec.table].rows}

        before, after = rows(old), rows(new)
        for key in sorted(after.keys() - before.keys(), key=repr):
            changes.append(Change(spec.table, key, "added"))
        for key in sorted(before.keys() - after.keys(), key=repr):
            changes.append(Change(spec.table, key, "removed"))
        for key in sorted(before.keys() & after.keys(), key=repr):
            for column in spec.names:
                a, b = before[key].get(column), after[key].get(column)
                if a != b:
                    changes.append(Change(spec.table, key, "changed", column, a, b))
    return changes
