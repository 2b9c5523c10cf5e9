"""The bundled catalogue, rebuilt from the snapshots kept in the project: one reproducible step
from ``data/sources/`` to ``data/*.csv``, so that ``data/`` is derived and never hand-edited.

Inputs: each source's snapshot (``data/sources/<source>/``, in its own published format), the
mapping table ``data/sources/aliases.csv``, and the hand-curated rows no source carries
(``data/sources/curated/``: vendor launch-table figures, vendor-documented model attributes,
rate limits, benchmark definitions and criterion groups). Outputs: the catalogue CSVs, written
in a stable order, and ``data/sources/mapping-report.txt``: every source name that maps to no
model, or to more than one. Rebuilding twice gives the same bytes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from advisor.catalogue.exporter import format_cell
from advisor.domain.catalogue_format import (
    BENCHMARKS,
    CRITERION_GROUPS,
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
from advisor.sources.base import Reading
from advisor.sources.identity import Identities, read_aliases
from advisor.sources.registry import SOURCES as KNOWN_SOURCES
from advisor.sources.registry import connector
from advisor.sources.rows import CatalogueRows, catalogue_rows, choose_attributes

CURATED = "curated"
ALIASES = "aliases.csv"
REPORT = "mapping-report.txt"
# The catalogue files the build writes (measurements are the team's own: none are bundled).
OUTPUTS = (MODELS, MODEL_ATTRIBUTES, BENCHMARKS, CRITERION_GROUPS, RESULTS, RATE_LIMITS, SOURCES)


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
    benchmarks = read_curated(curated, BENCHMARKS)
    have = {b["benchmark"] for b in benchmarks}
    benchmarks += [_parsed(BENCHMARKS, b) for b in rows.benchmarks if b["benchmark"] not in have]
    tables = {
        "models": models,
        "model_attributes": attributes,
        "benchmarks": benchmarks,
        "criterion_groups": read_curated(curated, CRITERION_GROUPS),
        "results": _unique(RESULTS, read_curated(curated, RESULTS) + rows.results),
        "rate_limits": read_curated(curated, RATE_LIMITS),
        "sources": rows.sources,
    }
    return Bundle(tables, rows, readings)


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
        writer.writerow(format_cell(c, row.get(c)) for c in spec.columns)
    return buffer.getvalue()


def write(bundle: Bundle, target: Path) -> list[Path]:
    """Write the rebuilt files into ``target`` (``data/``; the report into its sources
    folder); return the paths written."""
    written = []
    for name, text in bundle.files().items():
        path = target / "sources" / name if name == REPORT else target / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
