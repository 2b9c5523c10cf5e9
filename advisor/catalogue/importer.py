"""Import a folder of catalogue CSV files: validate everything, then write all or nothing."""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from advisor.domain.catalogue_format import (
    FILE_SPECS,
    SPECS_BY_FILE,
    SPECS_BY_TABLE,
    VENDORS,
    FileSpec,
    parse_cell,
    split_list,
)
from advisor.domain.criteria import ATTRIBUTE_CRITERIA
from advisor.domain.errors import ImportProblem, ImportRejected


@dataclass
class ParsedFile:
    """Rows of one CSV file converted to Python values (only the columns the file has)."""

    spec: FileSpec
    name: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class TableChanges:
    """What an import does to one table."""

    table: str
    added: int
    changed: int
    unchanged: int


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What an import did (or, for a dry run, would do)."""

    tables: tuple[TableChanges, ...]
    dry_run: bool

    @property
    def total_rows(self) -> int:
        return sum(t.added + t.changed + t.unchanged for t in self.tables)


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


def _csv_records(reader, first_line: int) -> Iterable[tuple[int, list[str]]]:
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
        yield start, record


def read_csv(
    path: Path, spec: FileSpec, problems: list[ImportProblem], name: str | None = None
) -> ParsedFile:
    """Read and convert one CSV file, appending every problem found to ``problems``."""
    name = name or path.name
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
        return parse_records(name, spec, header, _csv_records(reader, reader.line_num), problems)


def _existing_keys(db: Database, table: str, column: str) -> set[Any]:
    return {row[0] for row in db.execute(f'SELECT "{column}" FROM "{table}"').fetchall()}


def _existing_rows(db: Database, table: str, column: str) -> dict[Any, dict[str, Any]]:
    return {row[column]: row for row in db[table].rows}


def _check_references(
    db: Database, files: dict[str, ParsedFile], problems: list[ImportProblem]
) -> None:
    """Unknown ids, unit and range checks that need other tables (file or database)."""

    def known(table: str, column: str) -> set[Any]:
        keys = _existing_keys(db, table, column)
        for parsed in files.values():
            if parsed.spec.table == table:
                keys.update(row[column] for row in parsed.rows)
        return keys

    models = known("models", "model_id")
    benchmarks = _existing_rows(db, "benchmarks", "benchmark")
    if "benchmarks.csv" in files:
        benchmarks.update({row["benchmark"]: row for row in files["benchmarks.csv"].rows})
    for parsed in files.values():
        for column, (table, _other) in parsed.spec.references.items():
            if table == "vendors":
                continue  # vendors referenced by models and rate limits are created as needed
            valid = models if table == "models" else set(benchmarks)
            for row, line in zip(parsed.rows, parsed.lines, strict=True):
                if column in row and row[column] not in valid:
                    problems.append(
                        ImportProblem(
                            parsed.name,
                            line,
                            column,
                            f"unknown {column} {row[column]!r}: add it to "
                            f"{'models.csv' if table == 'models' else 'benchmarks.csv'} first",
                        )
                    )
    if "benchmark_results.csv" in files:
        parsed = files["benchmark_results.csv"]
        for row, line in zip(parsed.rows, parsed.lines, strict=True):
            bench = benchmarks.get(row["benchmark"])
            if bench is None:
                continue
            unit = row.get("unit")
            if unit and unit != bench["unit"]:
                problems.append(
                    ImportProblem(
                        parsed.name,
                        line,
                        "unit",
                        f"{unit!r} differs from the unit of {row['benchmark']} ({bench['unit']!r})",
                    )
                )
            if bench["unit"] == "percent" and not 0 <= row["score"] <= 100:
                problems.append(
                    ImportProblem(
                        parsed.name, line, "score", f"{row['score']:g} is outside 0 to 100 percent"
                    )
                )
    if "rate_limits.csv" in files:
        parsed = files["rate_limits.csv"]
        for row, line in zip(parsed.rows, parsed.lines, strict=True):
            for model_id in split_list(row.get("model_ids")):
                if model_id not in models:
                    problems.append(
                        ImportProblem(
                            parsed.name, line, "model_ids", f"unknown model_id {model_id!r}"
                        )
                    )
    if "criterion_groups.csv" in files:
        parsed = files["criterion_groups.csv"]
        criteria = set(benchmarks) | set(ATTRIBUTE_CRITERIA)
        for row, line in zip(parsed.rows, parsed.lines, strict=True):
            if row["criterion"] not in criteria:
                problems.append(
                    ImportProblem(
                        parsed.name,
                        line,
                        "criterion",
                        f"unknown criterion {row['criterion']!r}: use a benchmark id or one of "
                        f"{', '.join(ATTRIBUTE_CRITERIA)}",
                    )
                )
            if row["group"] in criteria:
                problems.append(
                    ImportProblem(
                        parsed.name,
                        line,
                        "group",
                        f"group name {row['group']!r} is already a criterion id; pick another name",
                    )
                )


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


def _vendor_rows(db: Database, files: dict[str, ParsedFile]) -> ParsedFile:
    """vendors.csv rows plus a bare row for every vendor named elsewhere and not yet known."""
    vendors = files.get(VENDORS.file, ParsedFile(VENDORS, VENDORS.file))
    known = _existing_keys(db, "vendors", "vendor") | {row["vendor"] for row in vendors.rows}
    for parsed in files.values():
        if "vendor" in parsed.spec.references:
            for row in parsed.rows:
                if row["vendor"] not in known:
                    known.add(row["vendor"])
                    vendors.rows.append({"vendor": row["vendor"]})
                    vendors.lines.append(0)
    return vendors


def _count_changes(db: Database, parsed: ParsedFile) -> TableChanges:
    spec = parsed.spec
    existing = {tuple(row[c] for c in spec.pk): row for row in db[spec.table].rows}
    added = changed = unchanged = 0
    for row in parsed.rows:
        old = existing.get(tuple(row.get(c, "") for c in spec.pk))
        if old is None:
            added += 1
        elif any(old.get(k) != v for k, v in row.items()):
            changed += 1
        else:
            unchanged += 1
    return TableChanges(spec.table, added, changed, unchanged)


def upsert_rows(db: Database, spec: FileSpec, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows``, updating rows with an existing key; a column a row does not name keeps
    its stored value (sqlite-utils' upsert, as one ``executemany`` per set of columns)."""
    by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        by_columns.setdefault(tuple(row), []).append(row)
    pk = ", ".join(f'"{c}"' for c in spec.pk)
    for columns, group in by_columns.items():
        names = ", ".join(f'"{c}"' for c in columns)
        updates = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c not in spec.pk)
        action = f"DO UPDATE SET {updates}" if updates else "DO NOTHING"
        db.conn.executemany(
            f'INSERT INTO "{spec.table}" ({names}) VALUES ({", ".join("?" * len(columns))}) '
            f"ON CONFLICT ({pk}) {action}",
            [tuple(row.values()) for row in group],
        )


def import_files(
    db: Database, files: dict[str, ParsedFile], *, dry_run: bool = False
) -> ImportSummary:
    """Write already-parsed files in one transaction after checking references."""
    problems: list[ImportProblem] = []
    _check_references(db, files, problems)
    if problems:
        raise ImportRejected(problems)
    ordered = dict(files)
    ordered[VENDORS.file] = _vendor_rows(db, files)
    plan = [ordered[s.file] for s in FILE_SPECS if s.file in ordered and ordered[s.file].rows]
    summary = ImportSummary(tuple(_count_changes(db, p) for p in plan), dry_run)
    if dry_run:
        return summary
    with db.atomic():
        for parsed in plan:
            upsert_rows(db, parsed.spec, parsed.rows)
        broken = db.execute("PRAGMA foreign_key_check").fetchall()
        if broken:  # a safety net behind the checks above; the transaction rolls back
            table, rowid, parent, _ = broken[0]
            raise ImportRejected(
                [ImportProblem(table, None, None, f"row {rowid} refers to a missing {parent} row")]
            )
    return summary


def _cell_text(value: Any) -> str:
    """A JSON value as the text a CSV cell would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return value
    return json.dumps(value)


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
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return {}, [ImportProblem(path.name, None, None, f"is not readable JSON ({exc})")]
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
        header = list(dict.fromkeys(k for item in items for k in item))
        records = (
            (number, [_cell_text(item.get(column)) for column in header])
            for number, item in enumerate(items, start=1)
        )
        files[spec.file] = parse_records(name, spec, header, records, problems)
    return files, problems


def read_single_csv(path: Path) -> tuple[dict[str, ParsedFile], list[ImportProblem]]:
    """One CSV file, recognised by its name or, failing that, by its columns."""
    problems: list[ImportProblem] = []
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
    for number, values in enumerate(rows, start=2):
        cells = list(values[:width]) + [None] * (width - len(values[:width]))
        for column, value in zip(header, cells, strict=True):
            if isinstance(value, str) and value.startswith("="):
                problems.append(
                    ImportProblem(name, number, column, "holds a formula; paste values only")
                )
                cells = [None] * width  # the row is then skipped as empty
                break
        yield number, [_xlsx_text(v) for v in cells]


def read_xlsx(path: Path) -> tuple[dict[str, ParsedFile], list[ImportProblem]]:
    """An Excel workbook with one sheet per catalogue file or table ("models", "models.csv" …);
    row 1 is the header. Cells holding formulas are rejected with their location."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    problems: list[ImportProblem] = []
    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except (OSError, InvalidFileException, KeyError, ValueError) as exc:
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
            rows = sheet.iter_rows(values_only=True)
            header = [str(h).strip() if h is not None else "" for h in next(rows, ())]
            while header and header[-1] == "":
                header.pop()

            records = _xlsx_records(rows, header, name, problems)
            files[spec.file] = parse_records(name, spec, header, records, problems)
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


def import_path(db: Database, path: Path, *, dry_run: bool = False) -> ImportSummary:
    """Import a folder of CSV files, one CSV, a JSON file or an Excel workbook: all of it, or
    (on any problem) none of it.

    Raises :class:`ImportRejected` listing file, line, column and reason for every problem.
    """
    files, problems = read_source(Path(path))
    if problems:
        # Reference checks still run on the rows that parsed, so one pass reports everything.
        _check_references(db, files, problems)
        raise ImportRejected(problems)
    return import_files(db, files, dry_run=dry_run)


import_folder = import_path  # a folder is one kind of source; the name reads well in tests
