"""Δ after a slider drag compares with the ranking before the drag, not with the last
position the drag passed through (first-time user's defect 25), and the heading's edited
mark agrees with the title's after Save as (defect 24)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QFileDialog

from tests.gui.pages import requirements


def _deltas(window) -> dict[tuple[str, str], str]:
    """Δ per model and mode (the table shows each once, through its best offer)."""
    from advisor.domain.offers import parse_label
    from advisor.gui.views.ranking_table import LABEL_ROLE

    model = window.table.source
    return {
        parse_label(model.index(r, 0).data(LABEL_ROLE))[:2]: model.index(r, 0).data()
        for r in range(model.rowCount())
    }


def test_rank_changes_after_a_drag_count_from_before_the_drag(bundled_window, qtbot):
    window = bundled_window
    state = window.state
    before = state.recommendation.ranking.model_places()
    offers_before = state.recommendation.ranking.ranks()
    slider = requirements(window).slider("price")
    slider.setSliderDown(True)  # the user presses the handle …
    for value in range(slider.value() + 5, 101, 5):  # … and drags it to the end
        slider.setValue(value)
        qtbot.wait(1)  # each step re-ranks on the next turn of the event loop
        QApplication.processEvents()
    slider.setSliderDown(False)
    QApplication.processEvents()
    after = state.recommendation.ranking.model_places()
    left = state.recommendation.ranking.ranks()
    moved = {c for c in after if c in before and after[c] != before[c]}
    assert len(moved) > 5  # the drag reshuffled the list
    shown = _deltas(window)
    for candidate in moved:
        change = before[candidate] - after[candidate]
        assert shown[candidate] == (f"▲{change}" if change > 0 else f"▼{-change}"), candidate
    # the next edit compares with the ranking the drag left
    requirements(window).weight("coding").box.setValue(46)
    state.rerank_now()
    assert state.previous_ranks == left != offers_before


def test_the_headings_edited_mark_clears_on_save_as(bundled_window, tmp_path, monkeypatch):
    window = bundled_window
    title = window.requirements.title
    requirements(window).weight("coding").box.setValue(30)
    assert title.text().endswith(" •") and window.isWindowModified()
    target = tmp_path / "my-coding.toml"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "Profiles (*.toml)")
    )
    window.save_as_action.trigger()
    assert target.exists()
    assert not title.text().endswith("•") and not window.isWindowModified()
    assert "my-coding.toml" in window.windowTitle()
    requirements(window).weight("coding").box.setValue(31)
    assert title.text().endswith(" •") and window.isWindowModified()
