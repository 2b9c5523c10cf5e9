"""What an import would do, row by row, before anything is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from advisor.catalogue.importer import TableChanges, _check_references, _vendor_rows
from advisor.catalogue.readers import read_source
from advisor.domain.catalogue_format import FILE_SPECS, VENDORS
from advisor.domain.errors import ImportProblem, ImportRejected


@dataclass(frozen=True, slots=True)
class PreviewRow:
    """A row the import adds, or changes (with each changed column's old and new value)."""

    table: str
    key: tuple
    kind: str  # "added" or "changed"
    changes: tuple[tuple[str, Any, Any], ...] = ()


@dataclass(frozen=True)
class ImportPreview:
    """Rows added and changed per table, and every problem that would reject the import."""

    source: Path
    tables: tuple[TableChanges, ...] = ()
    rows: tuple[PreviewRow, ...] = ()
    problems: tuple[ImportProblem, ...] = field(default_factory=tuple)

    @property
    def accepted(self) -> bool:
        return not self.problems

    @property
    def added(self) -> int:
        return sum(t.added for t in self.tables)

    @property
    def changed(self) -> int:
        return sum(t.changed for t in self.tables)

    @property
    def unchanged(self) -> int:
        return sum(t.unchanged for t in self.tables)


def preview_import(db: Database, source: Path) -> ImportPreview:
    """Read and validate ``source`` (folder, CSV, JSON or xlsx) and compare it with ``db``.

    Never writes. Problems are all of them (file, line or row, column, reason), sorted.
    """
    source = Path(source)
    try:
        files, problems = read_source(source)
    except ImportRejected as exc:
        return ImportPreview(source, problems=tuple(exc.problems))
    _check_references(db, files, problems)
    if problems:
        ordered = sorted(problems, key=lambda p: (p.file, p.line or 0, p.column or ""))
        return ImportPreview(source, problems=tuple(ordered))
    planned = dict(files)
    planned[VENDORS.file] = _vendor_rows(db, files)
    tables, rows = [], []
    for spec in FILE_SPECS:
        parsed = planned.get(spec.file)
        if parsed is None or not parsed.rows:
            continue
        existing = {tuple(r[c] for c in spec.pk): r for r in db[spec.table].rows}
        added = changed = unchanged = 0
        for row in parsed.rows:
            key = tuple(row.get(c, "") for c in spec.pk)
            old = existing.get(key)
            if old is None:
                added += 1
                rows.append(PreviewRow(spec.table, key, "added"))
                continue
            diffs = tuple((c, old.get(c), v) for c, v in row.items() if old.get(c) != v)
            if diffs:
                changed += 1
                rows.append(PreviewRow(spec.table, key, "changed", diffs))
            else:
                unchanged += 1
        tables.append(TableChanges(spec.table, added, changed, unchanged))
    return ImportPreview(source, tuple(tables), tuple(rows))
