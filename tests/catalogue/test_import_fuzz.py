"""Malformed input of every kind: the importer never raises anything but ImportRejected, never
writes part of an import, and every rejection names where the problem is."""

from __future__ import annotations

import csv
import io
import json
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.catalogue.database import _connect, migrate
from advisor.catalogue.importer import import_path
from advisor.domain import ImportRejected
from tests.catalogue.test_import import snapshot
from tests.conftest import TINY_BENCHMARKS, TINY_MODELS, TINY_RESULTS, write_csv

NASTY = st.one_of(
    st.sampled_from(
        [
            "",
            "nan",
            "inf",
            "-inf",
            "-1",
            "1e309",
            "yes",
            "maybe",
            '=HYPERLINK("x")',
            "2025-13-45",
            "alpha",
            "beta",
            "code",
            "standard",
            "parallel_test_time_compute",
            "0",
            "100",
            "101",
            "x" * 5000,
        ]
    ),
    st.text(max_size=30),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)
COLUMNS = {
    "models.csv": [
        "model_id",
        "vendor",
        "display_name",
        "input_usd_per_mtok",
        "context_window",
        "open_weights",
        "release_date",
        "colour",
    ],
    "benchmark_results.csv": ["model_id", "benchmark", "condition", "score", "unit", "source_kind"],
}

ALL_COLUMNS = [column for columns in COLUMNS.values() for column in columns]


def fresh_tiny(tmp: Path):
    db = _connect(":memory:")
    migrate(db)
    folder = tmp / "base"
    write_csv(folder, "models.csv", TINY_MODELS)
    write_csv(folder, "benchmarks.csv", TINY_BENCHMARKS)
    write_csv(folder, "benchmark_results.csv", TINY_RESULTS)
    import_path(db, folder)
    return db


def check(db, path: Path) -> None:
    before = snapshot(db)
    try:
        import_path(db, path)
    except ImportRejected as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.file and problem.reason
            if problem.column is not None:  # a cell or header problem says which line it is on
                assert problem.line is not None
        assert snapshot(db) == before


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(sorted(COLUMNS)),
    st.lists(st.sampled_from(ALL_COLUMNS), min_size=1, max_size=8),
    st.lists(st.lists(NASTY, min_size=0, max_size=9), min_size=0, max_size=6),
    st.sampled_from(["csv", "json", "latin-1"]),
)
def test_malformed_files_are_rejected_cleanly(file_name, header, rows, form):
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        db = fresh_tiny(tmp)
        if form == "json":
            path = tmp / "in.json"
            items = [dict(zip(header, row, strict=False)) for row in rows]
            path.write_text(json.dumps({file_name: items}))
        else:
            folder = tmp / "in"
            folder.mkdir()
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            writer.writerow(header)
            writer.writerows(rows)
            encoding = "latin-1" if form == "latin-1" else "utf-8"
            data = buffer.getvalue().encode(encoding, errors="replace")
            if form == "latin-1":
                data += "é\n".encode("latin-1")
            (folder / file_name).write_bytes(data)
            path = folder
        check(db, path)
        shutil.rmtree(tmp, ignore_errors=True)


def test_an_xlsx_with_every_kind_of_bad_cell(tmp_path):
    from openpyxl import Workbook

    db = fresh_tiny(tmp_path)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "benchmark_results"
    sheet.append(["model_id", "benchmark", "condition", "score"])
    sheet.append(["alpha", "code", "standard", float("inf")])
    sheet.append(["ghost", "code", "standard", 50])
    sheet.append(["alpha", "code", "dreaming", "=1+1"])
    sheet.append(["alpha", "know", "standard", "x" * 5000])
    workbook.save(tmp_path / "bad.xlsx")
    before = snapshot(db)
    try:
        import_path(db, tmp_path / "bad.xlsx")
        raise AssertionError("a bad workbook was accepted")
    except ImportRejected as exc:
        located = [p for p in exc.problems if p.line is not None]
        assert len(located) == len(exc.problems) >= 4
    assert snapshot(db) == before
