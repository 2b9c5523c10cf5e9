"""Open the user's catalogue: create it from the bundled CSVs, migrate it, or set a damaged
file aside. Never overwrites a database it cannot read."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from advisor.catalogue.bundle_updates import merge_bundle, record_bundle
from advisor.catalogue.importer import import_parsed
from advisor.catalogue.paths import bundled_data_dir
from advisor.catalogue.readers import read_folder
from advisor.catalogue.schema import known_migrations, migrations
from advisor.domain.errors import CatalogueDamaged, CatalogueError, ImportRejected


def _connect(path: Path | str) -> Database:
    db = Database(path) if str(path) != ":memory:" else Database(memory=True)
    db.execute("PRAGMA foreign_keys = ON")
    # A second Model Advisor on the same file waits for a writer instead of failing at once.
    db.execute("PRAGMA busy_timeout = 5000")
    return db


def migrate(db: Database) -> None:
    """Apply pending migrations; refuse a database written by a newer version."""
    applied = [m.name for m in migrations.applied(db)]
    unknown = [name for name in applied if name not in known_migrations()]
    if unknown:
        raise CatalogueError(
            "This catalogue was written by a newer version of Model Advisor "
            f"(schema step {unknown[-1]!r}); upgrade Model Advisor to open it."
        )
    migrations.apply(db)


def populate_from_bundle(db: Database, folder: Path | None = None) -> None:
    """Import the bundled CSVs into an empty, migrated database."""
    folder = folder or bundled_data_dir()
    try:
        files, problems = read_folder(folder)  # read once: imported, then remembered
        import_parsed(db, files, problems)
    except ImportRejected as exc:  # a broken installation, not a user error
        detail = "; ".join(str(p) for p in exc.problems[:3])
        raise CatalogueError(
            f"The bundled catalogue in {folder} is invalid ({detail}); reinstall Model Advisor."
        ) from None
    now = datetime.now(UTC).isoformat(timespec="seconds")
    db["meta"].upsert_all(
        [
            {"key": "created_at", "value": now},
            {"key": "bundled_from", "value": str(folder)},
        ],
        pk="key",
    )
    record_bundle(db, folder, files)


def memory_catalogue(folder: Path | None = None) -> Database:
    """A fresh in-memory catalogue holding the bundled data (tests, previews)."""
    db = _connect(":memory:")
    migrate(db)
    populate_from_bundle(db, folder)
    return db


def _set_aside(path: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    os.replace(path, target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    return target


def _check_readable(path: Path) -> None:
    try:
        conn = sqlite3.connect(path)
        try:
            verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        verdict = str(exc)
    if verdict != "ok":
        aside = _set_aside(path)
        raise CatalogueDamaged(
            f"The catalogue database {path} is damaged ({verdict}); it was set aside as "
            f"{aside.name} and nothing was overwritten. Run again to start from the bundled "
            "catalogue, or pass --db with another file.",
            str(aside),
        )


def _create(path: Path, bundle: Path | None) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CatalogueError(
            f"Cannot create the folder for the catalogue {path} ({exc.strerror}); "
            "pass --db with a writable location."
        ) from None
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        db = _connect(temp)
        try:
            migrate(db)
            populate_from_bundle(db, bundle)
        finally:
            db.close()
        os.replace(temp, path)
    except OSError as exc:
        raise CatalogueError(
            f"Cannot write the catalogue {path} ({exc.strerror}); "
            "pass --db with a writable location."
        ) from None
    finally:
        temp.unlink(missing_ok=True)


def open_catalogue(
    path: Path | str, *, bundle: Path | None = None, merge_updates: bool = True
) -> Database:
    """Open (creating on first use) the catalogue at ``path``, migrated to this version.

    A new database is built in a temporary file and renamed into place, so an interrupted first
    run never leaves a half-written catalogue. A damaged file is renamed to
    ``<name>.corrupt-<timestamp>`` and :class:`CatalogueError` explains what happened.
    """
    path = Path(path)
    if path.is_dir():
        raise CatalogueError(f"{path} is a folder; pass --db with a database file name.")
    if not path.exists():
        _create(path, bundle)
    else:
        _check_readable(path)
    db = _connect(path)
    try:
        db.enable_wal()
        empty = not migrations.applied(db)  # e.g. a zero-length file: a valid, empty database
        migrate(db)
        if empty:
            populate_from_bundle(db, bundle)
        else:
            if merge_updates:  # snapshots are opened as they were taken
                merge_bundle(db, bundle or bundled_data_dir())
    except sqlite3.DatabaseError as exc:
        db.close()
        raise CatalogueError(f"Cannot open the catalogue {path} ({exc}).") from None
    except CatalogueError:
        db.close()
        raise
    return db
