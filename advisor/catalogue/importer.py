"""Import catalogue files: check every row against the catalogue (known ids, units, ranges),
then write all of it in one transaction, or nothing. Files are read by
:mod:`advisor.catalogue.readers`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from advisor.catalogue.readers import ParsedFile, read_source
from advisor.domain.catalogue_format import (
    FILE_SPECS,
    VENDORS,
    FileSpec,
    split_list,
)
from advisor.domain.criteria import ATTRIBUTE_CRITERIA, task_parts
from advisor.domain.errors import ImportProblem, ImportRejected


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
            task = task_parts(row["criterion"])
            if row["criterion"] not in criteria and not (task and task[0] in benchmarks):
                problems.append(
                    ImportProblem(
                        parsed.name,
                        line,
                        "criterion",
                        f"unknown criterion {row['criterion']!r}: use a benchmark id, a "
                        "benchmark's cost or time per task (aider-polyglot:cost_per_task) or "
                        f"one of {', '.join(ATTRIBUTE_CRITERIA)}",
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
    _check_lifecycle(db, files, problems)
    _check_assurances(db, files, problems)


def _check_lifecycle(
    db: Database, files: dict[str, ParsedFile], problems: list[ImportProblem]
) -> None:
    """An offer cannot retire (or be deprecated) before it was released: its own release
    event, else the model's release date, file or catalogue."""
    parsed = files.get("lifecycle.csv")
    if parsed is None:
        return
    released = dict(db.execute("SELECT model_id, release_date FROM models").fetchall())
    if "models.csv" in files:
        released.update({r["model_id"]: r.get("release_date") for r in files["models.csv"].rows})
    offer_release: dict[tuple, str] = {}
    for row in db["lifecycle"].rows_where("event = 'release' AND date IS NOT NULL"):
        offer_release[(row["model_id"], row["channel"], row["region"])] = row["date"]
    for row in parsed.rows:
        if row["event"] == "release" and row.get("date"):
            offer_release[(row["model_id"], row["channel"], row["region"])] = row["date"]
    for row, line in zip(parsed.rows, parsed.lines, strict=True):
        if row["event"] not in ("retirement", "deprecation") or not row.get("date"):
            continue
        offer = (row["model_id"], row["channel"], row["region"])
        start = offer_release.get(offer) or released.get(row["model_id"])
        if start and row["date"] < start:
            whose = "the offer's release" if offer in offer_release else "the model's release"
            problems.append(
                ImportProblem(
                    parsed.name,
                    line,
                    "date",
                    f"{row['event']} on {row['date']} is before {whose} on {start}; check "
                    "both dates",
                )
            )


def _check_assurances(
    db: Database, files: dict[str, ParsedFile], problems: list[ImportProblem]
) -> None:
    """A finding names a vendor the catalogue knows (or none, for every vendor on a channel
    other than the vendors' own APIs)."""
    parsed = files.get("assurances.csv")
    if parsed is None:
        return
    vendors = _existing_keys(db, "vendors", "vendor") | _existing_keys(db, "models", "vendor")
    for name in ("vendors.csv", "models.csv"):
        if name in files:
            vendors |= {r["vendor"] for r in files[name].rows}
    for row, line in zip(parsed.rows, parsed.lines, strict=True):
        vendor = row.get("vendor") or ""
        if vendor and vendor not in vendors:
            problems.append(
                ImportProblem(
                    parsed.name,
                    line,
                    "vendor",
                    f"unknown vendor {vendor!r}: use a vendor of models.csv, or leave it "
                    "blank for every vendor on the channel",
                )
            )
        elif not vendor and not row.get("channel"):
            problems.append(
                ImportProblem(
                    parsed.name,
                    line,
                    "vendor",
                    "a finding about vendors' own APIs (channel blank) must name its vendor",
                )
            )


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


def import_path(db: Database, path: Path, *, dry_run: bool = False) -> ImportSummary:
    """Import a folder of CSV files, one CSV, a JSON file or an Excel workbook: all of it, or
    (on any problem) none of it.

    Raises :class:`ImportRejected` listing file, line, column and reason for every problem.
    """
    files, problems = read_source(Path(path))
    return import_parsed(db, files, problems, dry_run=dry_run)


def import_parsed(
    db: Database, files: dict[str, ParsedFile], problems: list, *, dry_run: bool = False
) -> ImportSummary:
    """Import files already read (``read_source``/``read_folder``), or, if reading found
    problems, raise :class:`ImportRejected` with them and every reference problem too."""
    if problems:
        # Reference checks still run on the rows that parsed, so one pass reports everything.
        _check_references(db, files, problems)
        raise ImportRejected(problems)
    return import_files(db, files, dry_run=dry_run)


import_folder = import_path  # a folder is one kind of source; the name reads well in tests
