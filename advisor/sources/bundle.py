"""The bundled catalogue, rebuilt from the snapshots kept in the project: one reproducible step
from ``data/sources/`` to ``data/*.csv``, so that ``data/`` is derived and never hand-edited.

Inputs: each source's snapshot (``data/sources/<source>/``, in its own published format), the
mapping table ``data/sources/aliases.csv``, and the hand-curated rows no source carries
(``data/sources/curated/``: vendor launch-table figures, vendor-documented model attributes,
rate limits, benchmark definitions and criterion groups). Outputs: the catalogue CSVs, written
in a stable order, and ``data/sources/mapping-report.txt``: every source name that maps to no
model, or to more than one. Rebuilding twice gives the same bytes.

Run it from the project folder::

    python -m advisor.sources.bundle            # rebuild data/ from data/sources/
    python -m advisor.sources.bundle --check    # exit 1, naming the files, if data/ differs
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from advisor.catalogue.exporter import csv_cell
from advisor.domain.catalogue_format import (
    BENCHMARKS,
    CRITERION_GROUPS,
    LIFECYCLE,
    MODEL_ATTRIBUTES,
    MODELS,
    RATE_LIMITS,
    RESULTS,
    SOURCES,
    FileSpec,
    key_of,
    parse_cell,
)
from advisor.domain.errors import AdvisorError
from advisor.domain.files import write_atomically
from advisor.sources.base import Reading
from advisor.sources.identity import Identities, read_aliases
from advisor.sources.registry import SOURCES as KNOWN_SOURCES
from advisor.sources.registry import connector
from advisor.sources.rows import (
    CatalogueRows,
    catalogue_rows,
    choose_attributes,
    distinct_names,
)

CURATED = "curated"
ALIASES = "aliases.csv"
REPORT = "mapping-report.txt"
# A model's own name stays as curated or as the registry that created it named it; the
# sources' other names for it are kept in model_attributes.
KEPT_COLUMNS = ("display_name",)
# The catalogue files the build writes (measurements are the team's own: none are bundled).
# Assurance findings are the team's own due diligence: the bundle ships none but what a
# stored public source states, and no stored source states any (docs/catalogue.md).
OUTPUTS = (
    MODELS,
    MODEL_ATTRIBUTES,
    LIFECYCLE,
    BENCHMARKS,
    CRITERION_GROUPS,
    RESULTS,
    RATE_LIMITS,
    SOURCES,
)


@dataclass
class Bundle:
    """The rebuilt catalogue: rows per output file, the mapping report, and the readings."""

    tables: dict[str, list[dict[str, Any]]]
    rows: CatalogueRows
    readings: list[Reading]

    def files(self) -> dict[str, str]:
        """Every output file's text, by file name."""
        out = {spec.file: _csv_text(spec, self.tables[spec.table]) for spec in OUTPUTS}
        out[REPORT] = "\n".join(self.report_lines()) + "\n"
        return out

    def report_lines(self) -> list[str]:
        counts = [
            f"{r.info.key}: {r.records} records read, {len(r.skipped)} skipped "
            f"(snapshot {r.snapshot_date})"
            for r in self.readings
        ]
        report = self.rows.report
        lines = [
            "# Mapping report of the bundled catalogue (written by the bundle build)",
            "",
            *counts,
            "",
            f"{len(report.created)} models created from registry records; "
            f"{sum(report.unmapped.values())} records of {len(report.unmapped)} names map to "
            f"no model; {sum(report.ambiguous.values())} records of {len(report.ambiguous)} "
            f"names are ambiguous; {sum(report.ignored.values())} records of "
            f"{len(report.ignored)} names are set aside by the mapping table.",
            "",
            *report.lines(),
        ]
        for (source, name, note), n in sorted(report.ignored.items()):
            lines.append(f"{source}: {name!r} set aside ({n} records): {note}")
        return lines


def read_curated(folder: Path, spec: FileSpec) -> list[dict[str, Any]]:
    """One curated CSV, each cell parsed as the catalogue format reads it."""
    path = folder / spec.file
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8") as handle:
        rows = []
        for line, raw in enumerate(csv.DictReader(handle), start=2):
            row = {}
            for name, text in raw.items():
                if name not in spec.names:
                    continue
                value, reason = parse_cell(spec.column(name), text or "")
                if reason:
                    raise AdvisorError(f"{path}, line {line}, column {name}: {reason}.")
                row[name] = value
            rows.append(row)
    return rows


def read_sources(folder: Path) -> list[Reading]:
    """Every bundled source's snapshot, read by its connector; a snapshot with problems stops
    the build (the bundle is only ever built from clean copies)."""
    readings = []
    for known in KNOWN_SOURCES:
        reading = connector(known.key).read(folder / known.bundled)
        if reading.problems:
            listed = "; ".join(str(p) for p in reading.problems[:3])
            raise AdvisorError(
                f"The {known.key} snapshot in {folder / known.bundled} has "
                f"{len(reading.problems)} problems ({listed})."
            )
        readings.append(reading)
    return readings


def build(folder: Path) -> Bundle:
    """Rebuild the bundled catalogue from the sources folder (``data/sources``)."""
    curated = folder / CURATED
    models = read_curated(curated, MODELS)
    identities = Identities((m["model_id"] for m in models), read_aliases(folder / ALIASES))
    readings = read_sources(folder)
    rows = catalogue_rows(readings, identities, {m["model_id"]: m["vendor"] for m in models})
    attributes = _unique(
        MODEL_ATTRIBUTES, read_curated(curated, MODEL_ATTRIBUTES) + rows.model_attributes
    )
    models = _with_chosen_attributes(models + rows.models, attributes)
    distinct_names(
        [m for m in models if m.get("source")],
        (m["display_name"] for m in models if not m.get("source")),
    )
    benchmarks = read_curated(curated, BENCHMARKS)
    have = {b["benchmark"] for b in benchmarks}
    benchmarks += [_parsed(BENCHMARKS, b) for b in rows.benchmarks if b["benchmark"] not in have]
    benchmarks = _with_item_counts(benchmarks, read_item_counts(curated / ITEM_COUNTS))
    tables = {
        "models": models,
        "model_attributes": attributes,
        "benchmarks": benchmarks,
        "criterion_groups": read_curated(curated, CRITERION_GROUPS),
        "results": _unique(RESULTS, read_curated(curated, RESULTS) + rows.results),
        "rate_limits": read_curated(curated, RATE_LIMITS),
        "lifecycle": _unique(LIFECYCLE, read_curated(curated, LIFECYCLE) + rows.lifecycle),
        "sources": rows.sources,
    }
    return Bundle(tables, rows, readings)


ITEM_COUNTS = "benchmark_items.csv"


def read_item_counts(path: Path) -> dict[str, tuple[int, str]]:
    """Each benchmark's item count and the page that states it (``benchmark_items.csv``)."""
    if not path.exists():
        return {}
    counts: dict[str, tuple[int, str]] = {}
    with path.open(newline="", encoding="utf-8") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            text = (row.get("n_items") or "").strip()
            if not text.isdigit() or int(text) < 1:
                raise AdvisorError(
                    f"{path}, line {line}, column n_items: {text!r} is not a whole number of "
                    "items (1 or more)."
                )
            source = (row.get("n_items_source") or "").strip()
            if not source:
                raise AdvisorError(
                    f"{path}, line {line}, column n_items_source: empty; name the page that "
                    "states the count."
                )
            counts[(row.get("benchmark") or "").strip()] = (int(text), source)
    return counts


def _with_item_counts(
    benchmarks: list[dict[str, Any]], counts: dict[str, tuple[int, str]]
) -> list[dict[str, Any]]:
    """Benchmark rows with their item count and its source, where the table states one."""
    known = {b["benchmark"] for b in benchmarks}
    unknown = sorted(set(counts) - known)
    if unknown:
        raise AdvisorError(
            f"{ITEM_COUNTS} names benchmarks the catalogue does not define: {', '.join(unknown)}."
        )
    out = []
    for row in benchmarks:
        n, source = counts.get(row["benchmark"], (None, None))
        out.append({**row, "n_items": n, "n_items_source": source})
    return out


def _parsed(spec: FileSpec, row: dict[str, Any]) -> dict[str, Any]:
    """A row of Python values as the catalogue stores them (booleans as 1/0)."""
    return {k: (int(v) if isinstance(v, bool) else v) for k, v in row.items()}


def _unique(spec: FileSpec, rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows keyed by the spec's primary key, the first of any duplicate kept."""
    out: dict[tuple, dict[str, Any]] = {}
    for row in rows:
        full = {c: row.get(c) for c in spec.names}
        for column in spec.pk:
            if full[column] is None:
                full[column] = ""
        out.setdefault(key_of(spec, full), full)
    return list(out.values())


def _with_chosen_attributes(
    models: list[dict[str, Any]], attributes: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Each model's attribute columns: the value that counts by the stated precedence."""
    chosen = choose_attributes(attributes)
    out = []
    for model in models:
        row = {c: model.get(c) for c in MODELS.names}
        for column in MODELS.names:
            if column in KEPT_COLUMNS and row.get(column):
                continue
            found = chosen.get((row["model_id"], column))
            if found is not None:
                value, reason = parse_cell(MODELS.column(column), found["value"])
                if not reason:
                    row[column] = value
        out.append(row)
    return out


def _csv_text(spec: FileSpec, rows: list[dict[str, Any]]) -> str:
    ordered = sorted(rows, key=lambda r: tuple(str(v) for v in key_of(spec, r)))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(spec.names)
    for row in ordered:
        writer.writerow(csv_cell(c, row.get(c.name)) for c in spec.columns)
    return buffer.getvalue()


def write(bundle: Bundle, target: Path) -> list[Path]:
    """Write the rebuilt files into ``target`` (``data/``; the report into its sources
    folder); return the paths written."""
    written = []
    for name, text in bundle.files().items():
        path = target / "sources" / name if name == REPORT else target / name
        written.append(
            write_atomically(path, partial(_write_text, text=text), what="the bundled file ")
        )
    return written


def _write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="")


def differences(bundle: Bundle, target: Path) -> list[str]:
    """The output files whose text in ``target`` differs from the rebuild (or is missing)."""
    out = []
    for name, text in bundle.files().items():
        path = target / "sources" / name if name == REPORT else target / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            out.append(str(path))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m advisor.sources.bundle",
        description="Rebuild the bundled catalogue (data/*.csv) from the source snapshots in "
        "data/sources/.",
    )
    parser.add_argument("--data", type=Path, default=Path("data"), help="the data folder")
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if data/ is not a rebuild"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        bundle = build(args.data / "sources")
    except AdvisorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    seconds = time.perf_counter() - started
    if args.check:
        stale = differences(bundle, args.data)
        if stale:
            print(
                "error: these files are not what the sources rebuild to: "
                + ", ".join(stale)
                + "; run `python -m advisor.sources.bundle` and commit the result.",
                file=sys.stderr,
            )
            return 1
        print(f"{args.data} matches a rebuild from {args.data / 'sources'} ({seconds:.1f} s).")
        return 0
    written = write(bundle, args.data)
    counts = ", ".join(f"{len(rows)} {table}" for table, rows in bundle.tables.items())
    print(f"Rebuilt {len(written)} files in {args.data} in {seconds:.1f} s: {counts}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
