"""Reading catalogue files in every format the importer takes — a folder of CSV files, one CSV,
a JSON file, an Excel workbook — into rows of Python values, checked cell by cell. Every
problem names its file, line (or item, or row), column and reason; nothing is written here."""

from __future__ import annotations

import csv
import json
import zipfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advisor.domain.catalogue_format import (
    FILE_SPECS,
    SPECS_BY_FILE,
    SPECS_BY_TABLE,
    FileSpec,
    is_text,
    parse_cell,
    restore_formula_text,
)
from advisor.domain.errors import ImportProblem, ImportRejected
from advisor.domain.files import MIB, unreadable_reason, zip_bomb_reason

# What one import reads at most (docs/catalogue.md, "Limits"): far above any real catalogue,
# low enough that a wrong file (a device, a dump, a decompression bomb) is refused at once.
MAX_CSV_BYTES = 1024 * MIB
MAX_JSON_BYTES = 256 * MIB
MAX_XLSX_BYTES = 256 * MIB
MAX_XLSX_UNPACKED_BYTES = 1024 * MIB  # every part of the workbook, unpacked
MAX_XLSX_RATIO = 200  # a part larger than 10 MiB may unpack to at most this times its size


@dataclass
class ParsedFile:
    """Rows of one CSV file converted to Python values (only the columns the file has)."""

    spec: FileSpec
    name: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)


class _Unreadable(Exception):
    """A record that cannot be read at all (bad CSV quoting, bad encoding)."""


def parse_records(
    name: str,
    spec: FileSpec,
    header: list[str],
    records: Iterable[tuple[int, list[str]]],
    problems: list[ImportProblem],
) -> ParsedFile:
    """Validate a header and convert every record (``(line, cells)``) of one table.

    Shared by CSV, JSON and single-file imports, so every format is checked the same way and
    every problem names the file, line, column and reason.
    """
    parsed = ParsedFile(spec, name)
    header = [h.strip() for h in header]
    header_problems = len(problems)
    known = set(spec.names)
    for column in header:
        if column not in known:
            problems.append(
                ImportProblem(
                    name, 1, column, f"unknown column; known columns are {', '.join(spec.names)}"
                )
            )
    for column, count in Counter(header).items():
        if count > 1:
            problems.append(ImportProblem(name, 1, column, "column appears more than once"))
    for column in spec.required:
        if column not in header:
            problems.append(ImportProblem(name, 1, column, "required column is missing"))
    if len(problems) > header_problems:
        return parsed  # rows cannot be read reliably under a broken header
    columns = [spec.column(c) for c in header]
    seen: dict[tuple, int] = {}
    try:
        for start, record in records:
            if not any(str(cell).strip() for cell in record):
                continue
            if len(record) != len(columns):
                problems.append(
                    ImportProblem(
                        name,
                        start,
                        None,
                        f"has {len(record)} fields but the header has {len(columns)}",
                    )
                )
                continue
            row: dict[str, Any] = {}
            ok = True
            for column, raw in zip(columns, record, strict=True):
                value, reason = parse_cell(column, str(raw))
                if reason:
                    problems.append(ImportProblem(name, start, column.name, reason))
                    ok = False
                row[column.name] = value
            if not ok:
                continue
            for key_column in spec.pk:  # optional key columns the file leaves out are blank
                row.setdefault(key_column, "")
            key = tuple(row[c] for c in spec.pk)
            if key in seen:
                problems.append(
                    ImportProblem(
                        name,
                        start,
                        None,
                        f"duplicate key ({', '.join(map(str, key))}) already on line {seen[key]}",
                    )
                )
                continue
            seen[key] = start
            parsed.rows.append(row)
            parsed.lines.append(start)
    except _Unreadable as exc:
        line, reason = exc.args
        problems.append(ImportProblem(name, line, None, reason))
    return parsed


def _csv_records(reader, first_line: int, restore: list[bool]) -> Iterable[tuple[int, list[str]]]:
    """Records of a CSV file; text columns (``restore``) lose the apostrophe an export puts
    before formula-like text."""
    line = first_line
    while True:
        start = line + 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except (csv.Error, UnicodeDecodeError) as exc:
            raise _Unreadable(start, f"is not readable CSV ({exc})") from None
        line = reader.line_num
        if len(record) == len(restore):
            for at, cell in enumerate(record):
                if cell[:1] == "'" and restore[at]:
                    record[at] = restore_formula_text(cell)
        yield start, record


def read_csv(
    path: Path, spec: FileSpec, problems: list[ImportProblem], name: str | None = None
) -> ParsedFile:
    """Read and convert one CSV file, appending every problem found to ``problems``."""
    name = name or path.name
    problem = unreadable_reason(path, MAX_CSV_BYTES)
    if problem:
        problems.append(ImportProblem(name, None, None, problem))
        return ParsedFile(spec, name)
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as exc:
        problems.append(ImportProblem(name, None, None, f"cannot be read ({exc.strerror})"))
        return ParsedFile(spec, name)
    with handle:
        reader = csv.reader(handle)
        try:
            header = next(reader, None)
        except (csv.Error, UnicodeDecodeError) as exc:
            problems.append(ImportProblem(name, 1, None, f"is not readable CSV ({exc})"))
            return ParsedFile(spec, name)
        if header is None:
            problems.append(ImportProblem(name, 1, None, "is empty; a header row is required"))
            return ParsedFile(spec, name)
        known = set(spec.names)
        restore = [h.strip() in known and is_text(spec.column(h.strip())) for h in header]
        records = _csv_records(reader, reader.line_num, restore)
        return parse_records(name, spec, header, records, problems)


def read_folder(folder: Path) -> tuple[dict[str, ParsedFile], list[ImportProblem]]:
    """Read every catalogue CSV in ``folder``; unknown CSV files are problems."""
    problems: list[ImportProblem] = []
    if not folder.is_dir():
        raise ImportRejected(
            [ImportProblem(str(folder), None, None, "is not a folder of catalogue CSV files")]
        )
    files: dict[str, ParsedFile] = {}
    csv_paths = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".csv")
    for path in csv_paths:
        spec = SPECS_BY_FILE.get(path.name)
        if spec is None:
            problems.append(
                ImportProblem(
                    path.name,
                    None,
                    None,
                    "is not a catalogue file; expected one of "
                    + ", ".join(s.file for s in FILE_SPECS),
                )
            )
            continue
        files[path.name] = read_csv(path, spec, problems)
    if not csv_paths:
        problems.append(
            ImportProblem(str(folder), None, None, "holds no catalogue CSV files (e.g. models.csv)")
        )
    return files, problems


class _NotACell(Exception):
    """A JSON value that cannot be one cell (a list, an object, a number too large to store);
    the argument says why."""


def _cell_text(value: Any) -> str:
    """A JSON value as the text a CSV cell would hold; a list or object is :class:`_NotACell`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        if value.bit_length() > 63:
            raise _NotACell("is a number too large to store (more than 64 bits)")
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return value
    kind = "a list" if isinstance(value, list) else "an object"
    raise _NotACell(f"is {kind}; give a single value")


class _DuplicateKey(Exception):
    pass


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """json.loads' object hook: a key given twice in one object is an error, not "last wins"."""
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise _DuplicateKey(key)
        seen[key] = value
    return seen


def _json_records(
    items: list[dict], header: list[str], name: str, problems: list[ImportProblem]
) -> Iterable[tuple[int, list[str]]]:
    for number, item in enumerate(items, start=1):
        cells = []
        for column in header:
            try:
                cells.append(_cell_text(item.get(column)))
            except _NotACell as exc:
                problems.append(ImportProblem(name, number, column, str(exc)))
                cells = []
                break
        if cells:
            yield number, cells


def _unknown_table(name: str) -> ImportProblem:
    expected = ", ".join(s.table for s in FILE_SPECS)
    return ImportProblem(name, None, None, f"names no catalogue table; expected {expected}")


def _spec_for(name: str) -> FileSpec | None:
    stem = Path(name).name
    return SPECS_BY_FILE.get(stem) or SPECS_BY_FILE.get(f"{stem}.csv") or SPECS_BY_TABLE.get(stem)


def read_json(path: Path) -> tuple[dict[str, ParsedFile], list[ImportProblem]]:
    """A JSON object whose keys name catalogue files or tables ("models.csv", "models", …) and
    whose values are arrays of row objects; "line" in a problem is the item number."""
    problems: list[ImportProblem] = []
    problem = unreadable_reason(path, MAX_JSON_BYTES)
    if problem:
        return {}, [ImportProblem(path.name, None, None, problem)]
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"), object_pairs_hook=_unique_keys)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return {}, [ImportProblem(path.name, None, None, f"is not readable JSON ({exc})")]
    except ValueError:  # a number of thousands of digits (Python's int conversion limit)
        return {}, [ImportProblem(path.name, None, None, "holds a number with thousands of digits")]
    except RecursionError:
        return {}, [
            ImportProblem(
                path.name,
                None,
                None,
                "nests arrays or objects too deeply; a catalogue file is an object of arrays "
                "of flat row objects",
            )
        ]
    except _DuplicateKey as exc:
        return {}, [
            ImportProblem(
                path.name,
                None,
                str(exc),
                "this key appears twice in one object; give each table, and each column of "
                "a row, once (nothing was read)",
            )
        ]
    if not isinstance(data, dict):
        return {}, [
            ImportProblem(
                path.name, None, None, 'must be an object such as {"models": [ {...}, … ]}'
            )
        ]
    files: dict[str, ParsedFile] = {}
    for key, items in data.items():
        spec = _spec_for(key)
        name = f"{path.name} › {key}"
        if spec is None:
            problems.append(_unknown_table(name))
            continue
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            problems.append(ImportProblem(name, None, None, "must be an array of row objects"))
            continue
        if spec.file in files:
            problems.append(_same_table(name, files[spec.file].name))
            continue
        header = list(dict.fromkeys(k for item in items for k in item))
        records = _json_records(items, header, name, problems)
        files[spec.file] = parse_records(name, spec, header, records, problems)
    return files, problems


def _same_table(name: str, first: str) -> ImportProblem:
    return ImportProblem(
        name,
        None,
        None,
        f"names the same table as {first}; put all of a table's rows in one place",
    )


def read_single_csv(path: Path) -> tuple[dict[str, ParsedFile], list[ImportProblem]]:
    """One CSV file, recognised by its name or, failing that, by its columns."""
    problems: list[ImportProblem] = []
    problem = unreadable_reason(path, MAX_CSV_BYTES)
    if problem:
        return {}, [ImportProblem(path.name, None, None, problem)]
    spec = SPECS_BY_FILE.get(path.name)
    if spec is None:
        try:
            with path.open(newline="", encoding="utf-8-sig") as handle:
                header = {h.strip() for h in next(csv.reader(handle), [])}
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            return {}, [ImportProblem(path.name, None, None, f"cannot be read ({exc})")]
        matches = [s for s in FILE_SPECS if set(s.required) <= header <= set(s.names)]
        if len(matches) != 1:
            return {}, [
                ImportProblem(
                    path.name,
                    1,
                    None,
                    "its columns match no single catalogue "
                    "table; name the file after one (e.g. models.csv)",
                )
            ]
        spec = matches[0]
    return {spec.file: read_csv(path, spec, problems)}, problems


def _xlsx_text(value: Any) -> str:
    """A spreadsheet cell as CSV text. Formulas are refused, never evaluated."""
    if isinstance(value, float) and value.is_integer():
        return repr(value)
    if hasattr(value, "isoformat"):  # a date cell
        return value.isoformat()[:10]
    return _cell_text(value)


def _xlsx_records(
    rows: Iterable[tuple], header: list[str], name: str, problems: list[ImportProblem]
) -> Iterable[tuple[int, list[str]]]:
    width = len(header)
    for number, cells in enumerate(rows, start=2):
        values = []
        for column, cell in zip(header, cells[:width], strict=False):
            if getattr(cell, "data_type", None) == "f":  # a formula; text "=…" is text
                problems.append(
                    ImportProblem(name, number, column, "holds a formula; paste values only")
                )
                values = []
                break
            values.append(cell.value)
        else:
            values += [None] * (width - len(values))
        if not values:
            yield number, [""] * width  # the row is then skipped as empty
            continue
        yield number, [_xlsx_text(v) for v in values]


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a password-protected or .xls workbook


def _workbook_problem(path: Path) -> str:
    """Why ``path`` cannot be opened as an .xlsx workbook, before any XML is parsed ("" when
    it can): not a zip, an encrypted or old-format workbook, or parts that unpack to far more
    than they could hold (a decompression bomb)."""
    problem = unreadable_reason(path, MAX_XLSX_BYTES)
    if problem:
        return problem
    with path.open("rb") as handle:
        start = handle.read(8)
    if start == _OLE_MAGIC:
        return (
            "is a password-protected or old-format (.xls) workbook; save it from Excel as an "
            ".xlsx workbook without a password"
        )
    if not zipfile.is_zipfile(path):
        return "is not an .xlsx workbook (it is not a zip file); save it from Excel as .xlsx"
    return zip_bomb_reason(path, MAX_XLSX_UNPACKED_BYTES, MAX_XLSX_RATIO)


def _xml_problem(exc: Exception) -> str:
    text = str(exc)
    if "entity" in text or "amplification" in text:
        return (
            "uses XML entity declarations (as billion-laughs and external-entity attacks do), "
            "which Model Advisor neither expands nor fetches; save it again from Excel"
        )
    return f"has XML that cannot be read ({type(exc).__name__}); save it again from Excel"


def read_xlsx(path: Path) -> tuple[dict[str, ParsedFile], list[ImportProblem]]:
    """An Excel workbook with one sheet per catalogue file or table ("models", "models.csv" …);
    row 1 is the header. Cells holding formulas are rejected with their location; text that
    starts with "=" is text. The workbook is checked as a zip before any XML is parsed."""
    problem = _workbook_problem(path)
    if problem:
        return {}, [ImportProblem(path.name, None, None, problem)]
    from xml.etree.ElementTree import ParseError

    from openpyxl import load_workbook  # a third of a second to import: only for .xlsx
    from openpyxl.utils.exceptions import InvalidFileException

    problems: list[ImportProblem] = []
    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except ParseError as exc:
        return {}, [ImportProblem(path.name, None, None, _xml_problem(exc))]
    except (OSError, InvalidFileException, KeyError, ValueError, zipfile.BadZipFile) as exc:
        return {}, [
            ImportProblem(path.name, None, None, f"is not a readable .xlsx workbook ({exc})")
        ]
    files: dict[str, ParsedFile] = {}
    try:
        for sheet in workbook.worksheets:
            spec = _spec_for(sheet.title)
            name = f"{path.name} › {sheet.title}"
            if spec is None:
                problems.append(_unknown_table(name))
                continue
            if spec.file in files:
                problems.append(_same_table(name, files[spec.file].name))
                continue
            rows = sheet.iter_rows()
            header = [str(c.value).strip() if c.value is not None else "" for c in next(rows, ())]
            while header and header[-1] == "":
                header.pop()

            records = _xlsx_records(rows, header, name, problems)
            files[spec.file] = parse_records(name, spec, header, records, problems)
    except ParseError as exc:
        return {}, [ImportProblem(path.name, None, None, _xml_problem(exc))]
    except (KeyError, ValueError, zipfile.BadZipFile, EOFError) as exc:
        return {}, [
            ImportProblem(
                path.name,
                None,
                None,
                f"is a damaged .xlsx workbook ({type(exc).__name__}); save it again from Excel",
            )
        ]
    finally:
        workbook.close()
    return files, problems


def read_source(path: Path) -> tuple[dict[str, ParsedFile], list[ImportProblem]]:
    """A folder of CSV files, one CSV file, a JSON file or an Excel workbook."""
    path = Path(path)
    if path.is_dir():
        return read_folder(path)
    if not path.exists():
        raise ImportRejected([ImportProblem(str(path), None, None, "does not exist")])
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return read_single_csv(path)
    if suffix == ".json":
        return read_json(path)
    if suffix == ".xlsx":
        return read_xlsx(path)
    raise ImportRejected(
        [ImportProblem(path.name, None, None, "is not a folder, a .csv, a .json or an .xlsx file")]
    )
