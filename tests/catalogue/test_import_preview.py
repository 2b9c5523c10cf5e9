"""The import preview: rows added and changed (with both values) and every problem, no writes."""

from __future__ import annotations

import json

from advisor.catalogue.import_preview import preview_import
from tests.conftest import write_csv


def _counts(db):
    return {t: db[t].count for t in ("vendors", "models", "results")}


def test_preview_lists_added_and_changed_rows_with_both_values(tiny_db, tmp_path):
    folder = tmp_path / "update"
    write_csv(
        folder,
        "models.csv",
        "model_id,vendor,display_name,input_usd_per_mtok\n"
        "alpha,VendorA,Alpha,1.5\nbeta,VendorB,Beta,2\ndelta,NewCo,Delta,3\n",
    )
    before = _counts(tiny_db)
    preview = preview_import(tiny_db, folder)
    assert preview.accepted
    assert (preview.added, preview.changed, preview.unchanged) == (2, 1, 1)  # delta + NewCo
    rows = {(r.table, r.key, r.kind): r.changes for r in preview.rows}
    assert rows[("models", ("alpha",), "changed")] == (("input_usd_per_mtok", 1.0, 1.5),)
    assert ("models", ("delta",), "added") in rows and ("vendors", ("NewCo",), "added") in rows
    assert _counts(tiny_db) == before


def test_preview_of_a_bad_json_lists_every_problem_and_writes_nothing(tiny_db, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps(
            {
                "benchmark_results": [
                    {
                        "model_id": "alpha",
                        "benchmark": "code",
                        "condition": "standard",
                        "score": "x",
                    },
                    {
                        "model_id": "nobody",
                        "benchmark": "code",
                        "condition": "standard",
                        "score": 5,
                    },
                ]
            }
        )
    )
    before = _counts(tiny_db)
    preview = preview_import(tiny_db, path)
    assert not preview.accepted and not preview.rows
    assert [(p.line, p.column) for p in preview.problems] == [(1, "score"), (2, "model_id")]
    assert _counts(tiny_db) == before


def test_preview_of_an_unknown_file_type_is_a_problem_not_an_exception(tiny_db, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    preview = preview_import(tiny_db, path)
    assert not preview.accepted and "not a folder" in preview.problems[0].reason
