"""Row edits: validated like an import, one transaction each, exactly undoable."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.catalogue import memory_catalogue
from advisor.catalogue.bundle_updates import merge_bundle
from advisor.catalogue.editing import (
    apply_edit,
    dependents,
    fetch_row,
    origins,
    parse_row,
    plan_delete,
    plan_insert,
    plan_update,
    settle_conflict,
)
from advisor.domain.catalogue_format import default_texts, row_texts, spec_of
from advisor.domain.errors import CatalogueError, ImportRejected
from tests.conftest import DATA, edit_csv_rows


def _dump(db) -> dict[str, list]:
    return {
        t: sorted(map(repr, db.execute(f'SELECT * FROM "{t}"').fetchall()))
        for t in ("vendors", "models", "benchmarks", "results", "measurements", "rate_limits")
    }


def _texts(db, table, key, **changes):
    return row_texts(spec_of(table), fetch_row(db, table, key)) | changes


def test_update_changes_one_value_and_undo_restores_it(tiny_db):
    before = _dump(tiny_db)
    edit = plan_update(
        tiny_db,
        "models",
        ("alpha",),
        _texts(tiny_db, "models", ("alpha",), input_usd_per_mtok="7.5"),
    )
    assert edit.description == "Change input_usd_per_mtok of models row alpha"
    apply_edit(tiny_db, edit)
    assert fetch_row(tiny_db, "models", ("alpha",))["input_usd_per_mtok"] == 7.5
    apply_edit(tiny_db, edit.inverse())
    assert _dump(tiny_db) == before


def test_no_change_is_no_edit(tiny_db):
    assert plan_update(tiny_db, "models", ("beta",), _texts(tiny_db, "models", ("beta",))) is None


@pytest.mark.parametrize(
    ("column", "text", "reason"),
    [
        ("input_usd_per_mtok", "-1", "below the minimum of 0"),
        ("input_usd_per_mtok", "cheap", "is not a number"),
        ("context_window", "1.5", "is not a whole number"),
        ("release_date", "May 2025", "YYYY-MM-DD"),
        ("display_name", "", "is required but empty"),
        ("hybrid_reasoning", "maybe", "yes/no"),
        ("input_usd_per_mtok", "inf", "not a finite number"),
    ],
)
def test_invalid_values_are_refused_with_the_column_and_reason(tiny_db, column, text, reason):
    before = _dump(tiny_db)
    with pytest.raises(ImportRejected) as caught:
        plan_update(
            tiny_db, "models", ("alpha",), _texts(tiny_db, "models", ("alpha",), **{column: text})
        )
    [problem] = caught.value.problems
    assert problem.column == column and reason in problem.reason and problem.line is None
    assert _dump(tiny_db) == before


def test_results_check_known_ids_conditions_units_and_key_clashes(tiny_db):
    texts = default_texts("results") | {"model_id": "nobody", "benchmark": "code", "score": "50"}
    row, problems = parse_row(tiny_db, "results", texts)
    assert row is None and [p.column for p in problems] == ["model_id"]
    texts |= {"model_id": "alpha", "condition": "best_of_all", "score": "120"}
    _, problems = parse_row(tiny_db, "results", texts)
    assert {p.column for p in problems} == {"condition"}
    texts |= {"condition": "standard"}
    _, problems = parse_row(tiny_db, "results", texts)
    assert [(p.column, "outside 0 to 100" in p.reason) for p in problems] == [("score", True)]
    texts |= {"score": "55", "unit": "points"}
    _, problems = parse_row(tiny_db, "results", texts)
    assert [p.column for p in problems] == ["unit"]
    clash = row_texts(spec_of("results"), next(iter(tiny_db["results"].rows)))
    _, problems = parse_row(tiny_db, "results", clash)
    assert "already exists" in problems[0].reason


def test_new_rows_default_to_internal_and_today(tiny_db):
    texts = default_texts("results")
    assert texts["source_kind"] == "internal" and texts["condition"] == "standard"
    texts |= {"model_id": "gamma", "benchmark": "know", "score": "61"}
    edit = plan_insert(tiny_db, "results", texts)
    apply_edit(tiny_db, edit)
    added = [
        r for r in tiny_db["results"].rows if r["model_id"] == "gamma" and r["benchmark"] == "know"
    ]
    assert added[0]["source_kind"] == "internal" and added[0]["score"] == 61


def test_a_new_vendor_is_created_with_the_model_and_removed_on_undo(tiny_db):
    texts = default_texts("models") | {
        "model_id": "delta",
        "vendor": "NewCo",
        "display_name": "Delta",
    }
    edit = plan_insert(tiny_db, "models", texts)
    assert [c.table for c in edit.changes] == ["vendors", "models"]
    apply_edit(tiny_db, edit)
    assert fetch_row(tiny_db, "vendors", ("NewCo",)) is not None
    apply_edit(tiny_db, edit.inverse())
    assert fetch_row(tiny_db, "vendors", ("NewCo",)) is None


def test_delete_takes_dependent_rows_and_undo_brings_them_back(tiny_db):
    before = _dump(tiny_db)
    edit = plan_delete(tiny_db, "models", [("beta",)])
    assert dependents(edit, "models") == {"results": 4, "measurements": 1}
    apply_edit(tiny_db, edit)
    assert (
        tiny_db.execute("SELECT count(*) FROM results WHERE model_id = 'beta'").fetchone()[0] == 0
    )
    apply_edit(tiny_db, edit.inverse())
    assert _dump(tiny_db) == before


def test_renaming_a_key_in_use_is_refused(tiny_db):
    with pytest.raises(ImportRejected, match="rejected") as caught:
        plan_update(
            tiny_db, "models", ("alpha",), _texts(tiny_db, "models", ("alpha",), model_id="alpha2")
        )
    assert "used by" in caught.value.problems[0].reason


def test_an_edit_on_stale_data_is_refused_whole(tiny_db):
    edit = plan_update(
        tiny_db, "models", ("alpha",), _texts(tiny_db, "models", ("alpha",), input_usd_per_mtok="9")
    )
    tiny_db["models"].update("alpha", {"input_usd_per_mtok": 3.0})  # another window
    before = _dump(tiny_db)
    with pytest.raises(CatalogueError, match="changed elsewhere"):
        apply_edit(tiny_db, edit)
    assert _dump(tiny_db) == before


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(price=st.text(max_size=12), context=st.text(max_size=8))
def test_any_typed_text_is_either_applied_exactly_or_refused_with_a_column(tiny_db, price, context):
    before = _dump(tiny_db)
    texts = _texts(tiny_db, "models", ("gamma",), input_usd_per_mtok=price, context_window=context)
    try:
        edit = plan_update(tiny_db, "models", ("gamma",), texts)
    except ImportRejected as exc:
        assert exc.problems and all(p.column for p in exc.problems)
        assert _dump(tiny_db) == before
        return
    if edit is not None:
        apply_edit(tiny_db, edit)
        apply_edit(tiny_db, edit.inverse())
    assert _dump(tiny_db) == before


def test_origins_tell_bundled_edited_and_yours_apart():
    db = memory_catalogue(DATA)
    rows = [dict(r) for r in db["models"].rows][:2]
    assert origins(db, "models", rows) == ["bundled", "bundled"]
    apply_edit(
        db,
        plan_update(
            db,
            "models",
            (rows[0]["model_id"],),
            row_texts(spec_of("models"), rows[0]) | {"notes": "ours"},
        ),
    )
    texts = default_texts("models") | {
        "model_id": "in-house",
        "vendor": "Us",
        "display_name": "In-house",
    }
    apply_edit(db, plan_insert(db, "models", texts))
    now = [
        fetch_row(db, "models", (rows[0]["model_id"],)),
        fetch_row(db, "models", ("in-house",)),
        rows[1],
    ]
    assert origins(db, "models", now) == ["edited", "yours", "bundled"]


def test_settle_conflict_keep_mine_or_take_bundled(tmp_path):
    import shutil

    bundle = tmp_path / "bundle"
    shutil.copytree(DATA, bundle)
    db = memory_catalogue(bundle)
    apply_edit(
        db,
        plan_update(
            db,
            "models",
            ("gpt-5",),
            _texts(db, "models", ("gpt-5",), input_usd_per_mtok="1.5", output_usd_per_mtok="11"),
        ),
    )
    edit_csv_rows(
        bundle / "models.csv", {"gpt-5": {"input_usd_per_mtok": "1.1", "output_usd_per_mtok": "9"}}
    )
    assert merge_bundle(db, bundle).conflicts == 1
    [(tbl, key)] = db.execute("SELECT tbl, key FROM bundle_conflicts").fetchall()
    edit = settle_conflict(db, tbl, json.loads(key), take_bundled=True)
    assert fetch_row(db, "models", ("gpt-5",))["input_usd_per_mtok"] == 1.1
    assert db["bundle_conflicts"].count == 0
    apply_edit(db, edit.inverse())  # undo brings the user's value back
    assert fetch_row(db, "models", ("gpt-5",))["input_usd_per_mtok"] == 1.5
    with pytest.raises(CatalogueError, match="already settled"):
        settle_conflict(db, tbl, json.loads(key), take_bundled=False)


def test_two_windows_on_one_file_never_overwrite_each_other(tmp_path):
    from advisor.catalogue import open_catalogue

    path = tmp_path / "shared.sqlite"
    first, second = open_catalogue(path), open_catalogue(path)
    try:
        texts = _texts(first, "models", ("gpt-5",))
        mine = plan_update(first, "models", ("gpt-5",), texts | {"input_usd_per_mtok": "1.5"})
        theirs = plan_update(second, "models", ("gpt-5",), texts | {"input_usd_per_mtok": "2"})
        apply_edit(second, theirs)
        with pytest.raises(CatalogueError, match="changed elsewhere"):
            apply_edit(first, mine)
        assert fetch_row(first, "models", ("gpt-5",))["input_usd_per_mtok"] == 2
        assert first.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        first.close()
        second.close()
