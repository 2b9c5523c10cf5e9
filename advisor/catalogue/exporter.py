"""Export the catalogue to the CSV folder format that import reads."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from sqlite_utils import Database

from advisor.domain.catalogue_format import (
    BOOL,
    FILE_SPECS,
    INTEGER,
    REAL,
    Column,
    is_text,
    neutralise_formula,
)
from advisor.domain.errors import CatalogueError
from advisor.domain.files import write_atomically


def format_cell(column: Column, value: object) -> str:
    """A value as the CSV format writes it (booleans as yes/no, 15.0 as 15)."""
    if value is None or value == "":
        return ""
    if column.type == BOOL:
        return "yes" if value else "no"
    if column.type in (REAL, INTEGER):
        number = float(value)  # type: ignore[arg-type]
        return str(int(number)) if number.is_integer() else repr(number)
    return str(value)


def csv_cell(column: Column, value: object) -> str:
    """A value as a CSV export writes it: :func:`format_cell`, with text a spreadsheet would
    run as a formula neutralised (CSV injection)."""
    text = format_cell(column, value)
    return neutralise_formula(text) if is_text(column) else text


# A filtered view: table -> the primary keys of the rows to export (tables left out: none).
Only = dict[str, set[tuple]] | None


def _rows(db: Database, spec, only: Only = None) -> list[tuple]:
    """A table's rows in the CSV format's column order, by primary key (only ``only``'s)."""
    if only is not None and spec.table not in only:
        return []
    columns = ", ".join(f'"{c}"' for c in spec.names)
    order = ", ".join(f'"{c}"' for c in spec.pk)
    rows = db.execute(f'SELECT {columns} FROM "{spec.table}" ORDER BY {order}').fetchall()
    if only is None:
        return rows
    keys, where = only[spec.table], [spec.names.index(c) for c in spec.pk]
    return [row for row in rows if tuple(row[i] for i in where) in keys]


def export_folder(db: Database, folder: Path, only: Only = None) -> list[Path]:
    """Write one CSV per non-empty table into ``folder``; return the files written.
    ``only`` limits the export to a filtered view (table -> primary keys).

    Each file is written to a temporary name and renamed, so a failed export never leaves a
    half-written file in place of a good one.
    """
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CatalogueError(
            f"Cannot create {folder} ({exc.strerror}); choose another folder."
        ) from None
    written = []
    for spec in FILE_SPECS:
        rows = _rows(db, spec, only)
        if not rows:
            continue
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(spec.names)
        for row in rows:
            writer.writerow(csv_cell(c, v) for c, v in zip(spec.columns, row, strict=True))
        text = buffer.getvalue()
        written.append(
            write_atomically(
                folder / spec.file,
                lambda t, text=text: t.write_text(text, encoding="utf-8"),
                error=CatalogueError,
            )
        )
    return written


def export_json(db: Database, path: Path, only: Only = None) -> Path:
    """Write the whole catalogue as one JSON object (file name -> rows), atomically."""
    data = {}
    for spec in FILE_SPECS:
        rows = _rows(db, spec, only)
        if rows:
            data[spec.file] = [
                {
                    c.name: _json_value(c, v)
                    for c, v in zip(spec.columns, row, strict=True)
                    if v is not None and v != ""
                }
                for row in rows
            ]
    text = json.dumps(data, indent=1, ensure_ascii=False)
    return write_atomically(
        path, lambda temp: temp.write_text(text, encoding="utf-8"), error=CatalogueError
    )


def _json_value(column: Column, value: object) -> object:
    if column.type == BOOL:
        return bool(value)
    return value


def export_xlsx(db: Database, path: Path, only: Only = None) -> Path:
    """Write the catalogue as an Excel workbook, one sheet per table, atomically."""
    from openpyxl import Workbook  # a third of a second to import: only for .xlsx
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)  # streamed: linear in the number of rows
    for spec in FILE_SPECS:
        rows = _rows(db, spec, only)
        if not rows:
            continue
        sheet = workbook.create_sheet(spec.table)
        sheet.append(list(spec.names))

        def cell(value, sheet=sheet):
            written = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                written.data_type = "s"  # text stays text: "=…" never becomes a formula
            return written

        for row in rows:
            sheet.append(
                [
                    cell(format_cell(c, v) if c.type == BOOL else v)
                    for c, v in zip(spec.columns, row, strict=True)
                ]
            )
    return write_atomically(path, workbook.save, error=CatalogueError)
