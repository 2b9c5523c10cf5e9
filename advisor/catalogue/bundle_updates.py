"""Merge a newer bundled catalogue into the user's database without overwriting their edits.

The database keeps a copy of the bundled rows it was last merged with (``bundle_rows``). For each
row of the new bundle, by primary key:

- absent from the database and never bundled before: added;
- unchanged by the user since the last merge (equal to the old bundled copy): updated;
- changed by the user (or deleted) while the bundle changed it too: kept as the user has it and
  listed in ``bundle_conflicts`` for the user to decide;
- changed by the user while the bundle did not change it: kept, nothing to decide.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from advisor.catalogue.readers import read_folder
from advisor.domain.catalogue_format import FILE_SPECS, SPECS_BY_FILE
from advisor.domain.errors import CatalogueError, ImportRejected


@dataclass(frozen=True, slots=True)
class MergeSummary:
    """What a merge of the bundled catalogue did."""

    added: int
    updated: int
    conflicts: int
    bundle_hash: str


def bundle_hash(folder: Path) -> str:
    """A fingerprint of the bundled catalogue files."""
    digest = hashlib.sha256()
    for spec in FILE_SPECS:
        path = Path(folder) / spec.file
        if path.is_file():
            digest.update(spec.file.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _key(spec, row: dict) -> str:
    return json.dumps([row.get(c, "") for c in spec.pk], ensure_ascii=False)


def _comparable(spec, row: dict | None) -> dict | None:
    if row is None:
        return None
    return {c: row.get(c) for c in spec.names if c in row}


def _project(row: dict | None, columns: list[str]) -> dict | None:
    return None if row is None else {c: row.get(c) for c in columns}


def record_bundle(db: Database, folder: Path, files: dict | None = None) -> None:
    """Remember the bundled rows and their fingerprint (after a first import or a merge);
    ``files`` are the folder's files already read, when the caller has them."""
    if files is None:
        files, problems = read_folder(folder)
        if problems:
            raise ImportRejected(problems)
    rows = [
        {"tbl": parsed.spec.table, "key": _key(parsed.spec, row), "row": json.dumps(row)}
        for parsed in files.values()
        for row in parsed.rows
    ]
    with db.atomic():
        db.execute("DELETE FROM bundle_rows")
        db["bundle_rows"].insert_all(rows)
        db["meta"].upsert({"key": "bundle_hash", "value": bundle_hash(folder)}, pk="key")


def merge_bundle(db: Database, folder: Path) -> MergeSummary | None:
    """Merge ``folder`` into ``db`` if its fingerprint differs from the last one merged."""
    new_hash = bundle_hash(folder)
    row = db.execute("SELECT value FROM meta WHERE key = 'bundle_hash'").fetchone()
    if row is not None and row[0] == new_hash:
        return None
    files, problems = read_folder(folder)
    if problems:
        detail = "; ".join(str(p) for p in problems[:3])
        raise CatalogueError(
            f"The bundled catalogue in {folder} is invalid ({detail}); reinstall Model Advisor."
        )
    old = {
        (r[0], r[1]): json.loads(r[2])
        for r in db.execute("SELECT tbl, key, row FROM bundle_rows").fetchall()
    }
    added = updated = 0
    conflicts = []
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with db.atomic():
        vendors = {
            row["vendor"]
            for parsed in files.values()
            if "vendor" in parsed.spec.references
            for row in parsed.rows
        }
        db["vendors"].insert_all(({"vendor": v} for v in sorted(vendors)), pk="vendor", ignore=True)
        for spec in FILE_SPECS:
            parsed = files.get(spec.file)
            if parsed is None:
                continue
            table = db[spec.table]
            current = {_key(spec, r): r for r in table.rows}
            for new_row in parsed.rows:
                key = _key(spec, new_row)
                columns = list(new_row)
                mine = _project(current.get(key), columns)
                before = _project(old.get((spec.table, key)), columns)
                if mine is None and before is None:
                    table.insert(new_row, pk=spec.pk)  # a row new to the bundle
                    added += 1
                elif mine == new_row or before == new_row:
                    continue  # already equal, or the bundle did not change this row
                elif mine is not None and mine == before:
                    table.upsert(new_row, pk=spec.pk)  # untouched by the user: take the update
                    updated += 1
                else:  # the user changed or deleted it and so did the bundle: ask
                    mine = _comparable(spec, mine)
                    bundled = _comparable(spec, new_row)
                    conflicts.append(
                        {
                            "tbl": spec.table,
                            "key": key,
                            "yours": json.dumps(mine),
                            "bundled": json.dumps(bundled),
                            "found_at": now,
                        }
                    )
        db.execute("DELETE FROM bundle_conflicts")
        if conflicts:
            db["bundle_conflicts"].insert_all(conflicts)
    record_bundle(db, folder)
    return MergeSummary(added, updated, len(conflicts), new_hash)


def conflicts(db: Database) -> list[dict]:
    """Rows where both the user and the newer bundle changed the same figure."""
    out = []
    for tbl, key, yours, bundled in db.execute(
        "SELECT tbl, key, yours, bundled FROM bundle_conflicts ORDER BY tbl, key"
    ).fetchall():
        out.append(
            {
                "table": tbl,
                "key": json.loads(key),
                "yours": json.loads(yours),
                "bundled": json.loads(bundled),
                "file": next(s.file for s in SPECS_BY_FILE.values() if s.table == tbl),
            }
        )
    return out
