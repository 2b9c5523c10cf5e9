"""Profiles kept in the catalogue, so a ranking can be reproduced from the database alone."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlite_utils import Database


def store_profile(db: Database, name: str, toml_text: str) -> None:
    """Save (or replace) a profile's TOML under its name."""
    db["profiles"].upsert(
        {
            "name": name,
            "toml": toml_text,
            "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
        },
        pk="name",
    )


def stored_profile(db: Database, name: str) -> str | None:
    """The TOML text saved under ``name``, or None."""
    row = db.execute("SELECT toml FROM profiles WHERE name = ?", [name]).fetchone()
    return row[0] if row else None


def stored_profiles(db: Database) -> list[tuple[str, str]]:
    """``(name, saved_at)`` of every stored profile, most recently saved first."""
    return db.execute("SELECT name, saved_at FROM profiles ORDER BY saved_at DESC, name").fetchall()
