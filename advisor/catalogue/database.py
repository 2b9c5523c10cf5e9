"""Open the user's catalogue: create it from the bundled CSVs, migrate it, or set a damaged
file aside. Never overwrites a database it cannot read."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from advisor.catalogue.bundle_updates import merge_bundle, record_bundle
from advisor.catalogue.importer import import_parsed
from advisor.catalogue.paths import bundled_data_dir
from advisor.catalogue.readers import read_folder
from advisor.catalogue.schema import OWN_TABLES, known_migrations, migrations
from advisor.domain.catalogue_format import FILE_SPECS
from advisor.domain.errors import CatalogueDamaged, CatalogueError, ImportRejected


def _connect(path: Path | str) -> Database:
    db = Database(path) if str(path) != ":memory:" else Database(memory=True)
    db.execute("PRAGMA foreign_keys = ON")
    # A second Model Advisor on the same file waits for a writer instead of failing at once.
    db.execute("PRAGMA busy_timeout = 5000")
    return db


def pending_migrations(db: Database) -> list[str]:
    """The schema steps this version would apply; refuse a database written by a newer
    version."""
    applied = [m.name for m in migrations.applied(db)]
    unknown = [name for name in applied if name not in known_migrations()]
    if unknown:
        raise CatalogueError(
            "This catalogue was written by a newer version of Model Advisor "
            f"(schema step {unknown[-1]!r}); upgrade Model Advisor to open it."
        )
    return [name for name in known_migrations() if name not in applied]


def migrate(db: Database) -> None:
    """Apply pending migrations; refuse a database written by a newer version."""
    pending_migrations(db)
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


def set_aside(path: Path | str) -> Path:
    """Rename a damaged catalogue (with its ``-wal``/``-shm`` files) to
    ``<name>.corrupt-<UTC time>``, bytes intact, and return the new path."""
    path = Path(path)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    try:
        os.replace(path, target)
        for suffix in ("-wal", "-shm"):
            side = path.with_name(path.name + suffix)
            if side.exists():
                os.replace(side, target.with_name(target.name + suffix))
    except OSError as exc:
        raise CatalogueError(
            f"The catalogue {path} is damaged but cannot be set aside ({exc.strerror}); move "
            "it away yourself, or pass --db with another file."
        ) from None
    return target


# SQLite's primary result codes that mean "this file is not a healthy database" (the only
# verdicts that may set a file aside) and "another program holds it".
_DAMAGE_CODES = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
BUSY_TIMEOUT_S = 5.0  # how long an open waits for another program's lock
_BUSY_CODES = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}


def _primary_code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def _writable(path: Path) -> bool:
    """Can this process change the file and create its journal beside it?"""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def _read_only_connection(path: Path) -> sqlite3.Connection:
    """A connection that never writes: ``mode=ro``, or ``immutable=1`` where a WAL file's
    shared-memory file cannot be created (a read-only folder)."""
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError as exc:
        conn.close()
        if _primary_code(exc) != sqlite3.SQLITE_CANTOPEN:
            raise
        conn = sqlite3.connect(f"{uri}?immutable=1", uri=True)
    conn.execute("PRAGMA query_only = ON")
    return conn


def is_read_only(db: Database) -> bool:
    """Was the catalogue opened read-only (its file or folder cannot be written)?"""
    return bool(db.execute("PRAGMA query_only").fetchone()[0])


def _check_file(path: Path) -> None:
    """Refuse what is not a regular file the user may read, before SQLite touches it."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise CatalogueError(f"Cannot open the catalogue {path} ({exc.strerror}).") from None
    if not stat.S_ISREG(mode):
        raise CatalogueError(
            f"{path} is not a regular file (it is a device, a pipe or a socket); pass --db "
            "with a database file name."
        )
    if not os.access(path, os.R_OK):
        raise CatalogueError(
            f"You do not have permission to read the catalogue {path}; ask its owner for "
            "access, or pass --db with another file. Nothing was changed."
        )


def _verdict(path: Path, read_only: bool) -> str:
    """``PRAGMA quick_check``'s verdict ("ok" for a healthy file). An error that does not
    say the file is damaged (locked, cannot open, I/O) becomes a :class:`CatalogueError`
    that changes nothing."""
    try:
        if read_only:
            conn = _read_only_connection(path)
        else:
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
        try:
            return conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        code = _primary_code(exc)
        if code in _DAMAGE_CODES:
            return str(exc)
        if code in _BUSY_CODES:
            raise CatalogueError(
                f"The catalogue {path} is locked by another program (another Model Advisor, "
                "or an SQLite tool with a transaction open); close it and try again. Nothing "
                "was changed."
            ) from None
        raise CatalogueError(
            f"Cannot open the catalogue {path} ({exc}); nothing was changed. Check the file "
            "and its folder, or pass --db with another file."
        ) from None


def _check_readable(path: Path, read_only: bool, *, set_damaged_aside: bool) -> None:
    verdict = _verdict(path, read_only)
    if verdict == "ok":
        return
    if not set_damaged_aside or read_only:
        raise CatalogueDamaged(
            f"The catalogue database {path} is damaged ({verdict}).", None, str(path)
        )
    aside = set_aside(path)
    raise CatalogueDamaged(
        f"The catalogue database {path} is damaged ({verdict}); it was set aside as "
        f"{aside.name} and nothing was overwritten. Run again to start from the bundled "
        "catalogue, or pass --db with another file.",
        str(aside),
        str(path),
    )


def _check_schema_record(db: Database, path: Path) -> None:
    """Refuse, without writing, a catalogue that lost its record of schema steps (migrating
    it would write over tables it cannot account for)."""
    tables = set(db.table_names())
    if tables and "_sqlite_migrations" not in tables:
        raise CatalogueError(
            f"The catalogue {path} has lost its schema record (table _sqlite_migrations), so "
            "Model Advisor cannot tell which version wrote it; restore it from a snapshot or "
            "a backup, or pass --db with another file. Nothing was changed."
        )


def _check_tables(db: Database, path: Path) -> None:
    """Refuse a migrated catalogue whose tables were dropped outside Model Advisor (a ranking
    must never be served from a cache of tables that are gone)."""
    tables = set(db.table_names())
    missing = [t for t in expected_tables() if t not in tables]
    if missing:
        raise CatalogueError(
            f"The catalogue {path} is missing the table{'s' if len(missing) > 1 else ''} "
            f"{', '.join(missing)} (changed outside Model Advisor); restore it from a "
            "snapshot or a backup, or pass --db with another file. Nothing was changed."
        )


def expected_tables() -> tuple[str, ...]:
    """Every table a catalogue of this version has: one per catalogue file, and the schema's
    own (:data:`~advisor.catalogue.schema.OWN_TABLES`)."""
    return tuple(sorted({spec.table for spec in FILE_SPECS} | set(OWN_TABLES)))


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
    path: Path | str,
    *,
    bundle: Path | None = None,
    merge_updates: bool = True,
    set_damaged_aside: bool = True,
) -> Database:
    """Open (creating on first use) the catalogue at ``path``, migrated to this version.

    A new database is built in a temporary file and renamed into place, so an interrupted first
    run never leaves a half-written catalogue. Only a file SQLite calls damaged is renamed to
    ``<name>.corrupt-<timestamp>`` (or, with ``set_damaged_aside=False``, left in place) and
    reported as :class:`CatalogueDamaged`; a locked, unreadable or special file is a
    :class:`CatalogueError` that changes nothing. A healthy catalogue whose file or folder
    cannot be written is opened read-only (:func:`is_read_only`).
    """
    path = Path(path)
    if path.is_dir():
        raise CatalogueError(f"{path} is a folder; pass --db with a database file name.")
    if not path.exists():
        _create(path, bundle)
    else:
        _check_file(path)
    read_only = not _writable(path)
    _check_readable(path, read_only, set_damaged_aside=set_damaged_aside)
    try:
        db = Database(_read_only_connection(path)) if read_only else _connect(path)
    except sqlite3.DatabaseError as exc:
        raise CatalogueError(f"Cannot open the catalogue {path} ({exc}).") from None
    try:
        _check_schema_record(db, path)
        if read_only:
            if pending_migrations(db):
                raise CatalogueError(
                    f"The catalogue {path} needs an upgrade to this version of Model Advisor "
                    "but its file or folder is read-only; copy it to a writable folder and "
                    "pass --db with the copy."
                )
            _check_tables(db, path)
            db.execute("PRAGMA foreign_keys = ON")
            return db
        db.enable_wal()
        empty = not migrations.applied(db)  # e.g. a zero-length file: a valid, empty database
        migrate(db)
        _check_tables(db, path)
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
