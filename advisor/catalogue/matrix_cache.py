"""Storage for derived data keyed by catalogue revision (the persisted matrix cache).

Every write to a catalogue table (``CATALOGUE_TABLES``), from Model Advisor or from any other
SQLite client, bumps ``catalogue_revision.revision`` through triggers (schema step 3). A stored
blob is served only when it was stored under the current revision, so a cached blob can never
describe a catalogue that has changed since. This module stores bytes; what they mean (a
decision matrix, the tables) is the caller's business.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlite_utils import Database

# The tables the decision matrix is built from: each has triggers that bump the revision.
# (Schema step 3 made them for the first seven; step 4 for model_attributes and sources.)
FIRST_CATALOGUE_TABLES = (
    "vendors",
    "models",
    "benchmarks",
    "results",
    "rate_limits",
    "measurements",
    "criterion_groups",
)
CATALOGUE_TABLES = (
    *FIRST_CATALOGUE_TABLES,
    "model_attributes",
    "sources",
    "lifecycle",
    "assurances",
)
# Tables of the cache itself: never exported, listed, diffed or fingerprinted as catalogue data.
CACHE_TABLES = ("catalogue_revision", "matrix_cache")
# Entries kept per catalogue (each policy key is one entry, plus the tables).
MAX_ENTRIES = 16


def create_revision_triggers(db: Database, tables: tuple[str, ...]) -> None:
    """Triggers that bump the catalogue revision on every write to ``tables``."""
    for table in tables:
        for event in ("INSERT", "UPDATE", "DELETE"):
            db.execute(
                f'CREATE TRIGGER IF NOT EXISTS "{table}_{event.lower()}_revision" AFTER {event} '
                f'ON "{table}" BEGIN UPDATE catalogue_revision SET revision = revision + 1 '
                "WHERE id = 1; END"
            )


def create_cache_schema(db: Database) -> None:
    """Schema step 3: the revision counter, its triggers and the cache table."""
    db.execute(
        "CREATE TABLE catalogue_revision (id INTEGER PRIMARY KEY CHECK (id = 1), "
        "revision INTEGER NOT NULL)"
    )
    db.execute("INSERT INTO catalogue_revision (id, revision) VALUES (1, 0)")
    create_revision_triggers(db, FIRST_CATALOGUE_TABLES)
    db.execute(
        "CREATE TABLE matrix_cache (key TEXT PRIMARY KEY, revision INTEGER NOT NULL, "
        "data BLOB NOT NULL, stored_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)"
    )


def revision(db: Database) -> int:
    """The catalogue's revision: changes on every committed write to a catalogue table."""
    return db.execute("SELECT revision FROM catalogue_revision WHERE id = 1").fetchone()[0]


@contextmanager
def read_snapshot(db: Database) -> Iterator[None]:
    """One read transaction, so the revision and what is read with it agree (WAL readers see
    one consistent state). Inside an open transaction of the caller's, reads join it."""
    if db.conn.in_transaction:
        yield
        return
    db.execute("BEGIN")
    try:
        yield
    finally:
        if db.conn.in_transaction:
            db.execute("COMMIT")


def cached(db: Database) -> tuple[int, dict[str, bytes]]:
    """The current revision and every blob stored under it, by key."""
    with read_snapshot(db):
        current = revision(db)
        rows = db.execute(
            "SELECT key, data FROM matrix_cache WHERE revision = ?", [current]
        ).fetchall()
    return current, {key: bytes(data) for key, data in rows}


def store(db: Database, key: str, at_revision: int, data: bytes) -> bool:
    """Store ``data`` under ``key`` if the catalogue is still at ``at_revision``; drop blobs of
    older revisions. Best effort: returns False (and stores nothing) when the database is busy,
    read-only, closed, inside someone's open transaction, or has moved on."""
    try:
        if db.conn.in_transaction:  # committing here would commit the caller's writes
            return False
        timeout = db.execute("PRAGMA busy_timeout").fetchone()[0]
        db.execute("PRAGMA busy_timeout = 0")  # never keep a user waiting for a cache write
        try:
            with db.conn:
                db.execute("BEGIN IMMEDIATE")
                if revision(db) != at_revision:
                    return False
                db.execute("DELETE FROM matrix_cache WHERE revision != ?", [at_revision])
                db.execute(
                    "INSERT OR REPLACE INTO matrix_cache (key, revision, data) VALUES (?, ?, ?)",
                    [key, at_revision, data],
                )
                db.execute(
                    "DELETE FROM matrix_cache WHERE key NOT IN (SELECT key FROM matrix_cache "
                    "ORDER BY stored_at DESC, rowid DESC LIMIT ?)",
                    [MAX_ENTRIES],
                )
        finally:
            db.execute(f"PRAGMA busy_timeout = {int(timeout)}")
    except sqlite3.Error:
        return False
    return True


def clear(db: Database) -> None:
    """Drop every cached blob (they are rebuilt on demand)."""
    with db.conn:
        db.execute("DELETE FROM matrix_cache")
