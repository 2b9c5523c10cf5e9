"""Catalogue ▸ Update from source…: pick a source and a copy, see the preview with both values,
apply it (a snapshot first) and the ranking follows; a rejected copy cannot be applied; the
Download button fetches from the address shown (a server on 127.0.0.1 here). And the candidate
detail shows the other sources' figures with Epoch AI's credit."""

from __future__ import annotations

from advisor.app.workspace import list_snapshots
from tests.conftest import DATA
from tests.sources.file_server import FileServer, closed_port_url

VECTARA = DATA / "sources" / "vectara-hallucination" / "README.md"


def _open(window):
    dialog = window.update_from_source()
    dialog.source.setCurrentIndex(dialog.source.findData("vectara"))
    return dialog


def _tab_titles(dialog) -> list[str]:
    return [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]


def _newer(tmp_path):
    text = VECTARA.read_text(encoding="utf-8")
    newer = tmp_path / "README.md"
    newer.write_text(
        text.replace("|openai/gpt-4.1-2025-04-14|5.6 %|", "|openai/gpt-4.1-2025-04-14|4.2 %|"),
        encoding="utf-8",
    )
    return newer


def test_preview_then_apply_with_a_snapshot_first(bundled_window, qtbot, tmp_path):
    window = bundled_window
    dialog = _open(window)
    qtbot.addWidget(dialog)
    assert "Apache-2.0" in dialog.source.currentText()
    assert dialog.url.text().startswith("https://raw.githubusercontent.com/vectara/")
    dialog.path.setText(str(_newer(tmp_path)))
    with qtbot.waitSignal(dialog.previewed, timeout=30000):
        dialog.preview_button.click()
    qtbot.waitUntil(lambda: dialog.plan is not None)
    assert "Changed (1)" in _tab_titles(dialog) and "Rejected (0)" in _tab_titles(dialog)
    changed = dialog.tabs.currentWidget()
    cells = [changed.item(0, c).text() for c in range(changed.columnCount())]
    assert cells[2:] == ["score", "5.6", "4.2"]
    assert dialog.apply_button.isEnabled()
    with qtbot.waitSignal(dialog.synced, timeout=30000):
        dialog.apply_button.click()
    assert "1 changed" in dialog.result_text and "Snapshot" in dialog.result_text
    names = [s.name for s in list_snapshots(window.state.store.path)]
    assert any(n.startswith("before") and "vectara" in n for n in names), names
    qtbot.waitUntil(lambda: "Updated from" in window.statusBar().currentMessage())
    frames = window.state.session.frames
    mine = frames.results[
        (frames.results["model_id"] == "gpt-4.1")
        & (frames.results["benchmark"] == "vectara-hallucination-rate")
    ]
    assert list(mine["score"]) == [4.2]  # the window ranks on the synced catalogue
    assert not dialog.apply_button.isEnabled()
    dialog.reject()


def test_a_rejected_copy_lists_its_problems_and_cannot_be_applied(bundled_window, qtbot, tmp_path):
    dialog = _open(bundled_window)
    qtbot.addWidget(dialog)
    broken = tmp_path / "README.md"
    broken.write_text("# no leaderboard here\n", encoding="utf-8")
    dialog.path.setText(str(broken))
    with qtbot.waitSignal(dialog.previewed, timeout=30000):
        dialog.preview_button.click()
    qtbot.waitUntil(lambda: dialog.plan is not None)
    assert "Rejected (1)" in _tab_titles(dialog)
    assert "This copy is rejected" in dialog.summary.text()
    rejected = dialog.tabs.currentWidget()
    assert "no leaderboard section" in rejected.item(0, 3).text()
    assert not dialog.apply_button.isEnabled()
    dialog.reject()


def test_download_fetches_then_previews(bundled_window, qtbot, tmp_path):
    dialog = _open(bundled_window)
    qtbot.addWidget(dialog)
    with FileServer(VECTARA.parent) as server:
        dialog.url.setText(server.url("README.md"))
        with qtbot.waitSignal(dialog.previewed, timeout=30000):
            dialog.download_button.click()
    qtbot.waitUntil(lambda: dialog.plan is not None)
    assert server.requests == ["/README.md"]
    assert dialog.path.text().endswith("README.md")
    assert "Nothing to change" in dialog.summary.text()
    assert not dialog.apply_button.isEnabled()
    dialog.reject()


def test_download_offline_says_so_in_the_window(bundled_window, qtbot):
    dialog = _open(bundled_window)
    qtbot.addWidget(dialog)
    dialog.url.setText(closed_port_url("README.md"))
    dialog.download_button.click()
    qtbot.waitUntil(lambda: "may be offline" in dialog.summary.text(), timeout=30000)
    assert dialog.download_button.isEnabled() and not dialog.progress.isVisible()
    dialog.reject()


def test_the_detail_shows_other_sources_figures_and_epochs_credit(bundled_window, qtbot):
    window = bundled_window
    window.state.select("claude-opus-4@standard")
    qtbot.waitUntil(lambda: "Other sources' figures" in window.detail.figures.toPlainText())
    text = window.detail.figures.toPlainText()
    assert "Epoch AI, AI Benchmarking Hub" in text
    assert "record " in text  # every figure names the source's own record
