"""Imports, exports, filtered views and listings through the application layer."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from advisor.app import catalogue_io
from advisor.domain import AdvisorError, ImportRejected
from tests.conftest import write_csv


def _models(workspace) -> set[str]:
    return {r["model_id"] for r in workspace.rows("models")}


def test_preview_dry_run_and_import(workspace, tmp_path):
    folder = tmp_path / "update"
    write_csv(folder, "models.csv", "model_id,vendor,display_name\ndelta,VendorD,Delta\n")
    preview = catalogue_io.preview(workspace, folder)
    added = {(r.table, r.key) for r in preview.rows if r.kind == "added"}
    assert preview.accepted and added == {("models", ("delta",)), ("vendors", ("VendorD",))}
    summary = catalogue_io.import_catalogue(workspace, folder, dry_run=True)
    assert summary.dry_run and "delta" not in _models(workspace)
    catalogue_io.import_catalogue(workspace, folder)
    assert "delta" in _models(workspace)


def test_a_rejected_import_writes_nothing(workspace, tmp_path):
    bad = write_csv(
        tmp_path / "bad",
        "benchmark_results.csv",
        "model_id,benchmark,condition,score\nghost,code,standard,5\n",
    )
    before = workspace.rows("results")
    with pytest.raises(ImportRejected) as caught:
        catalogue_io.import_catalogue(workspace, bad)
    assert caught.value.lines() == [
        "benchmark_results.csv, line 2, column model_id: unknown model_id 'ghost': add it to "
        "models.csv first"
    ]
    assert workspace.rows("results") == before


def test_a_snapshot_takes_no_import(workspace, tmp_path):
    workspace.take_snapshot("frozen")
    folder = tmp_path / "update"
    write_csv(folder, "models.csv", "model_id,vendor,display_name\ndelta,VendorD,Delta\n")
    with workspace.reopen("frozen") as frozen:
        with pytest.raises(
            AdvisorError, match="read-only; return to the current catalogue to import"
        ):
            catalogue_io.import_catalogue(frozen, folder)
        assert catalogue_io.import_catalogue(frozen, folder, dry_run=True).dry_run


def test_exports_in_every_format_import_again(workspace, tmp_path):
    written = catalogue_io.export_catalogue(workspace, tmp_path / "csv")
    assert sorted(p.name for p in written) == [
        "benchmark_results.csv",
        "benchmarks.csv",
        "criterion_groups.csv",
        "measurements.csv",
        "models.csv",
        "rate_limits.csv",
        "vendors.csv",
    ]
    [as_json] = catalogue_io.export_catalogue(workspace, tmp_path / "all.json")
    assert len(json.loads(as_json.read_text())["models.csv"]) == 3
    [as_xlsx] = catalogue_io.export_catalogue(workspace, tmp_path / "all.xlsx")
    assert load_workbook(as_xlsx).sheetnames == [
        "vendors",
        "models",
        "benchmarks",
        "criterion_groups",
        "results",
        "rate_limits",
        "measurements",
    ]
    summary = catalogue_io.import_catalogue(workspace, tmp_path / "csv", dry_run=True)
    assert sum(t.added + t.changed for t in summary.tables) == 0


def test_a_filtered_view_keeps_the_rows_about_the_models_chosen(workspace):
    only = catalogue_io.filtered_view(workspace, models=["alpha"])
    assert only["models"] == {("alpha",)}
    assert only["vendors"] == {("VendorA",)}
    assert {k[1] for k in only["results"]} == {"code", "know"}
    assert only["benchmarks"] == {("code",), ("know",)}
    assert {k[0] for k in only["rate_limits"]} == {"VendorA"}
    assert "criterion_groups" not in only
    by_vendor = catalogue_io.filtered_view(workspace, vendors=["VendorB"])
    assert by_vendor["models"] == {("beta",)}
    tables = catalogue_io.filtered_view(workspace, tables=["benchmarks"])
    assert list(tables) == ["benchmarks"] and len(tables["benchmarks"]) == 2


def test_listings(workspace):
    models = catalogue_io.list_table(workspace, "models")
    assert list(models["model_id"]) == ["alpha", "beta", "gamma"]
    criteria = catalogue_io.list_table(workspace, "criteria")
    kinds = dict(zip(criteria["criterion"], criteria["kind"], strict=True))
    assert kinds["price"] == "group" and kinds["code"] == "benchmark (coding)"
    assert kinds["context_window"] == "attribute"
    assert set(catalogue_io.LISTABLE) | {"criteria"} == {
        "models",
        "benchmarks",
        "results",
        "criteria",
        "groups",
        "rate-limits",
        "measurements",
        "vendors",
    }
