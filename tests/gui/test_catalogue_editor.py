"""The catalogue editor, driven through its real widgets: edits change the ranking at once,
invalid edits are refused with a message, undo restores, rows are marked by origin."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox

from advisor.domain.catalogue_format import default_texts
from advisor.gui.dialogs.catalogue_editor import RowDialog
from tests.gui.conftest import top


def _cell(editor, model_id: str, column: str):
    model = editor.model
    row = next(i for i, r in enumerate(model.rows) if r[model.spec.pk[0]] == model_id)
    col = model.spec.names.index(column) + 1
    return editor.proxy.mapFromSource(model.index(row, col))


def _type_into_cell(qtbot, editor, index, text: str) -> QLineEdit:
    editor.view.setCurrentIndex(index)
    editor.view.edit(index)
    line = editor.view.findChild(QLineEdit)
    assert line is not None and line.isVisible()
    line.selectAll()
    qtbot.keyClicks(line, text)
    return line


def _stored(path, sql):
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchone()[0]


@pytest.fixture
def editor(window, qtbot):
    ed = window.show_editor()
    qtbot.addWidget(ed)
    return ed


def test_editing_a_price_changes_the_ranking_and_undo_restores_it(window, editor, qtbot):
    assert top(window) == "beta@extended_thinking"
    score_before = window.state.recommendation.ranking.candidates[0].score
    index = _cell(editor, "beta", "input_usd_per_mtok")
    line = _type_into_cell(qtbot, editor, index, "400")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: top(window) != "beta@extended_thinking")
    db = window.state.store.path
    assert _stored(db, "SELECT input_usd_per_mtok FROM models WHERE model_id='beta'") == 400
    assert "Saved: Change input_usd_per_mtok of models row beta" in editor.message.text()
    qtbot.waitUntil(lambda: editor.model.origins[1] == "yours")  # tiny rows are not bundled
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: top(window) == "beta@extended_thinking")
    assert window.state.recommendation.ranking.candidates[0].score == pytest.approx(score_before)
    assert _stored(db, "SELECT input_usd_per_mtok FROM models WHERE model_id='beta'") == 2
    window.redo_action.trigger()
    qtbot.waitUntil(lambda: top(window) != "beta@extended_thinking")


def test_an_edit_updates_the_session_instead_of_reading_the_catalogue_again(window, editor, qtbot):
    """Only the edited model's rows are read again; its matrix rows are rebuilt in place."""
    frames = window.state.session.frames
    index = _cell(editor, "alpha", "input_usd_per_mtok")
    line = _type_into_cell(qtbot, editor, index, "0.5")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.state.session.frames is not frames)
    after = window.state.session.frames
    assert after.results is frames.results and after.benchmarks is frames.benchmarks
    prices = after.models.set_index("model_id")["input_usd_per_mtok"]
    assert prices["alpha"] == 0.5
    row = window.state.recommendation.matrix.row_of("alpha@standard")
    assert window.state.recommendation.matrix.column("input_usd_per_mtok")[row] == 0.5


def test_an_invalid_edit_is_flagged_while_typing_and_refused(window, editor, qtbot):
    ranking = window.state.recommendation.ranking.ranks()
    index = _cell(editor, "alpha", "input_usd_per_mtok")
    line = _type_into_cell(qtbot, editor, index, "-5")
    assert line.property("invalid") is True
    assert "below the minimum of 0" in editor.message.text()
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.message.text().startswith("Not saved"))
    assert "input_usd_per_mtok: -5 is below the minimum of 0" in editor.message.text()
    assert (
        _stored(
            window.state.store.path, "SELECT input_usd_per_mtok FROM models WHERE model_id='alpha'"
        )
        == 1
    )
    assert window.state.recommendation.ranking.ranks() == ranking
    assert not window.undo_action.isEnabled()


def test_an_unknown_id_is_refused_when_the_row_is_saved(window, editor, qtbot):
    editor.show_table("results")
    row = next(i for i, r in enumerate(editor.model.rows) if r["model_id"] == "gamma")
    index = editor.proxy.mapFromSource(editor.model.index(row, 2))  # benchmark column
    assert editor.model.column_name(2) == "benchmark"
    editor.model.setData(editor.proxy.mapToSource(index), "no-such-bench")
    assert "unknown benchmark 'no-such-bench'" in editor.message.text()


def test_add_row_dialog_validates_as_you_type_and_marks_the_row_yours(window, editor, qtbot):
    editor.show_table("results")
    texts = default_texts("results") | {"model_id": "gamma", "benchmark": "know", "score": "abc"}
    dialog = RowDialog(editor, "results", texts)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled() and "score: 'abc' is not a number" in dialog.problems.text()
    assert dialog.fields["score"].property("invalid") is True
    dialog.fields["score"].setText("64")
    assert ok.isEnabled() and not dialog.problems.isVisible()
    before = len(window.state.session.frames.results)
    window.catalogue_actions.add_row("results", dialog.texts())
    assert len(window.state.session.frames.results) == before + 1
    qtbot.waitUntil(lambda: len(editor.model.rows) == before + 1)
    added = [
        (r["source_kind"], o)
        for r, o in zip(editor.model.rows, editor.model.origins, strict=True)
        if r["model_id"] == "gamma" and r["benchmark"] == "know"
    ]
    assert added == [("internal", "yours")]


def test_delete_asks_names_the_dependents_and_can_be_undone(window, editor, qtbot, monkeypatch):
    asked = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda *args, **kw: asked.append(args[2]) or QMessageBox.StandardButton.Yes,
    )
    row = next(i for i, r in enumerate(editor.model.rows) if r["model_id"] == "gamma")
    editor.view.selectRow(editor.proxy.mapFromSource(editor.model.index(row, 0)).row())
    editor.delete_button.click()
    assert "benchmark results" in asked[0]
    labels = [c.model_id for c in window.state.recommendation.ranking.candidates]
    assert "gamma" not in labels
    window.undo_action.trigger()
    assert "gamma" in [c.model_id for c in window.state.recommendation.ranking.candidates]


def test_filter_and_origin_choice_narrow_the_rows(window, editor):
    editor.filter.setText("VendorB")
    assert editor.proxy.rowCount() == 1 and editor.count.text() == "1 of 3 rows"
    editor.filter.clear()
    editor.origin.setCurrentIndex(editor.origin.findData("bundled"))
    assert editor.proxy.rowCount() == 0  # the hand-made rows were not shipped


def test_every_row_shows_its_source(window, editor):
    editor.view.setCurrentIndex(_cell(editor, "alpha", "vendor"))
    assert "https://a.example/alpha" in editor.source.text()
    assert "2025-01-01" in editor.source.text()


def test_the_message_follows_undo_and_redo(window, editor, qtbot):
    """After an undo the editor no longer says "Saved … Undo with Ctrl+Z" (first-time user's
    defect 26)."""
    index = _cell(editor, "beta", "input_usd_per_mtok")
    line = _type_into_cell(qtbot, editor, index, "400")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.message.text().startswith("Saved:"))
    window.undo_action.trigger()
    assert editor.message.text().startswith("Undone: Change input_usd_per_mtok of models row beta")
    assert "Redo with" in editor.message.text()
    window.redo_action.trigger()
    assert editor.message.text().startswith("Redone: Change input_usd_per_mtok")
    # a new step from elsewhere after an undo is neither an undo nor a redo
    window.undo_action.trigger()
    assert editor.message.text().startswith("Undone:")
    window.state.set_weight("code", 0.9)
    assert editor.message.text() == ""


def test_the_editor_closes_with_its_button_and_with_escape(window, editor, qtbot):
    editor.show()
    qtbot.waitUntil(editor.isVisible)
    qtbot.mouseClick(editor.close_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisible()
    editor.show()
    qtbot.waitUntil(editor.isVisible)
    editor.view.setFocus()
    qtbot.keyClick(editor.view, Qt.Key.Key_Escape)
    assert not editor.isVisible()


def test_escape_in_a_cell_cancels_the_cell_not_the_editor(window, editor, qtbot):
    editor.show()
    index = _cell(editor, "beta", "input_usd_per_mtok")
    line = _type_into_cell(qtbot, editor, index, "77")
    qtbot.keyClick(line, Qt.Key.Key_Escape)
    assert editor.isVisible()
    assert (
        _stored(
            window.state.store.path, "SELECT input_usd_per_mtok FROM models WHERE model_id='beta'"
        )
        == 2
    )
