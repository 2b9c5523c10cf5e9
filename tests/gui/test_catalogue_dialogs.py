"""Import preview, snapshots (compare, rank against one) and bundled-update conflicts in the GUI;
a damaged catalogue is set aside only once the user agrees."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from PySide6.QtWidgets import QMessageBox

from advisor.gui.dialogs.catalogue_dialogs import (
    ConflictsDialog,
    ImportPreviewDialog,
    SnapshotsDialog,
)
from tests.conftest import write_csv


def _models(window) -> set[str]:
    return set(window.state.session.frames.models["model_id"])


def test_import_preview_shows_added_and_changed_then_imports_and_snapshots(window, tmp_path, qtbot):
    folder = tmp_path / "update"
    write_csv(
        folder,
        "models.csv",
        "model_id,vendor,display_name,input_usd_per_mtok\nalpha,VendorA,Alpha,1.5\n"
        "delta,VendorA,Delta,3\n",
    )
    dialog = ImportPreviewDialog(window.catalogue_actions, folder, window)
    qtbot.addWidget(dialog)
    assert dialog.tabs.tabText(0) == "Added (1)" and dialog.tabs.tabText(1) == "Changed (1)"
    changed = [dialog.changed.item(0, c).text() for c in range(5)]
    assert changed == ["Models", "alpha", "input_usd_per_mtok", "1", "1.5"]
    assert dialog.import_button.isEnabled() and dialog.snapshot.isChecked()
    assert "adds 1 row and changes 1 (0 unchanged)" in dialog.summary.text()  # not "1 rows"
    assert "delta" not in _models(window)  # nothing written by the preview
    dialog.accept()
    assert "delta" in _models(window)
    assert "Imported update: 1 row added, 1 changed." in dialog.result_text
    assert len(window.catalogue_actions.store.snapshots()) == 1
    labels = {c.model_id for c in window.state.recommendation.ranking.candidates}
    assert "delta" in labels or any(
        e.model_id == "delta" for e in window.state.recommendation.ranking.excluded
    )


def test_a_rejected_import_lists_every_problem_and_cannot_be_imported(window, tmp_path, qtbot):
    path = tmp_path / "bad.csv"
    path.write_text(
        "model_id,benchmark,condition,score\nalpha,code,standard,abc\nnobody,code,standard,5\n"
        "alpha,code,best_of_all,5\n"
    )
    path = path.rename(tmp_path / "benchmark_results.csv")
    dialog = ImportPreviewDialog(window.catalogue_actions, path, window)
    qtbot.addWidget(dialog)
    assert dialog.tabs.currentWidget() is dialog.rejected
    rows = [
        tuple(dialog.rejected.item(r, c).text() for c in range(3))
        for r in range(dialog.rejected.rowCount())
    ]
    assert sorted(rows) == sorted(
        [
            ("benchmark_results.csv", "2", "score"),
            ("benchmark_results.csv", "3", "model_id"),
            ("benchmark_results.csv", "4", "condition"),
        ]
    )
    assert not dialog.import_button.isEnabled()
    assert "rejected" in dialog.summary.text()


def test_snapshot_compare_and_rank_against_an_older_snapshot(window, qtbot):
    actions = window.catalogue_actions
    actions.store.take_snapshot("before price change")
    key = ("beta",)
    from advisor.catalogue.editing import fetch_row
    from advisor.domain.catalogue_format import row_texts, spec_of

    texts = row_texts(spec_of("models"), fetch_row(actions.store.db, "models", key))
    actions.update_row("models", key, texts | {"input_usd_per_mtok": "400"})
    top_now = window.state.recommendation.ranking.candidates[0].candidate
    dialog = SnapshotsDialog(actions, window)
    qtbot.addWidget(dialog)
    assert dialog.list.rowCount() == 1 and dialog.new.currentText() == "Current catalogue"
    dialog.compare()
    cells = [dialog.changes_table.item(0, c).text() for c in range(6)]
    assert cells == ["Models", "beta", "changed", "input_usd_per_mtok", "2", "400"]
    assert "1 change: 0 models added, 0 removed, 1 price changed" in dialog.diff_summary.text()
    ranking_rows = {
        dialog.ranking_table.item(r, 0).text(): dialog.ranking_table.item(r, 1).text()
        for r in range(dialog.ranking_table.rowCount())
    }
    assert ranking_rows["beta@extended_thinking"] == "1"
    dialog.list.selectRow(0)
    dialog.rank_against()
    assert window.state.store.read_only and window.snapshot_banner.isVisible()
    assert window.state.recommendation.ranking.candidates[0].candidate == "beta@extended_thinking"
    assert "Snapshot “before-price-change”" in window.status.text()
    editor = window.show_editor()
    qtbot.addWidget(editor)
    assert not editor.add_button.isEnabled() and editor.read_only_note.isVisible()
    assert not window.import_file_action.isEnabled()
    window.open_snapshot(None)
    assert not window.state.store.read_only and not window.snapshot_banner.isVisible()
    assert window.state.recommendation.ranking.candidates[0].candidate == top_now


def test_conflicts_dialog_keeps_mine_or_takes_the_bundled_value(window, qtbot):
    store = window.catalogue_actions.store
    now = datetime.now(UTC).isoformat()
    mine = dict(store.db["models"].get("alpha"))
    bundled = dict(mine, input_usd_per_mtok=0.5)
    for model_id in ("alpha",):
        store.db["bundle_conflicts"].insert(
            {
                "tbl": "models",
                "key": json.dumps([model_id]),
                "yours": json.dumps(mine),
                "bundled": json.dumps(bundled),
                "found_at": now,
            }
        )
    store.db.conn.commit()
    window.state.reload_catalogue()
    assert window.conflicts_action.text() == "Bundled-update &conflicts (1)…"
    dialog = ConflictsDialog(window.catalogue_actions, window)
    qtbot.addWidget(dialog)
    assert [dialog.table.item(0, c).text() for c in range(5)] == [
        "Models",
        "alpha",
        "input_usd_per_mtok",
        "1",
        "0.5",
    ]
    dialog.table.selectRow(0)
    dialog.take.click()
    assert dialog.table.rowCount() == 0 and "No conflicts" in dialog.intro.text()
    assert store.db["models"].get("alpha")["input_usd_per_mtok"] == 0.5
    window.undo_action.trigger()
    assert store.db["models"].get("alpha")["input_usd_per_mtok"] == 1


def test_a_damaged_catalogue_is_set_aside_only_when_the_user_agrees(tmp_path, monkeypatch, qtbot):
    from advisor.gui import app

    path = tmp_path / "catalogue.sqlite"
    damaged = b"this is not a database" * 100
    path.write_bytes(damaged)
    asked = []
    answer = [QMessageBox.StandardButton.No]

    def question(*args, **kw):
        asked.append(args[2])
        assert path.read_bytes() == damaged  # nothing is renamed before the user answers
        return answer[0]

    monkeypatch.setattr(QMessageBox, "question", question)
    assert app.open_main_window(path) is None  # "No": the file stays exactly as it was
    assert path.read_bytes() == damaged and not list(tmp_path.glob("*.corrupt-*"))
    assert "damaged" in asked[0] and "start from the bundled catalogue?" in asked[0]
    answer[0] = QMessageBox.StandardButton.Yes
    window = app.open_main_window(path)
    qtbot.addWidget(window)
    aside = list(tmp_path.glob("catalogue.sqlite.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == damaged
    assert len(window.state.session.frames.models) > 10  # the bundled catalogue


def test_a_read_only_catalogue_opens_ranks_and_says_why_nothing_can_change(
    tmp_path, qtbot, immutable, monkeypatch
):
    import shutil

    from advisor.catalogue import open_catalogue
    from advisor.gui import app

    folder = tmp_path / "share"
    folder.mkdir()
    path = folder / "catalogue.sqlite"
    open_catalogue(tmp_path / "first.sqlite").close()
    shutil.copy(tmp_path / "first.sqlite", path)
    immutable(folder)
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    window = app.open_main_window(path)
    qtbot.addWidget(window)
    assert window.state.store.read_only and len(window.state.recommendation.ranking) > 10
    assert not window.snapshot_banner.isHidden()
    assert "is read-only" in window.snapshot_banner.text()
    assert not window.import_file_action.isEnabled()
    assert window.import_path(tmp_path) is False and "cannot import" in told[0]
    window.state.store.close()
