"""Measurement noise in the window: tie marks in the ranking, ± in tooltips and the detail,
P(A beats B) in the compare tab, the sensitivity tab's figure-uncertainty choice."""

from __future__ import annotations

from PySide6.QtCore import Qt

from advisor.gui.views.ranking_table import RANK
from tests.gui.conftest import table_labels
from tests.gui.pages import requirements, select_rows


def test_the_ranking_marks_candidates_tied_within_noise(window, qtbot):
    model = window.table.source
    qtbot.waitUntil(lambda: bool(model.ties), timeout=5000)  # after the ranking settles
    shown = [model.data(model.index(r, RANK)) for r in range(model.rowCount())]
    groups = model.tie_groups
    assert groups is not None and set(groups.labels) <= set(table_labels(window))
    for r, text in enumerate(shown):
        tie = model.ties.get(model.rows[r].label)
        if tie is not None:
            assert text.endswith("≈") == tie.within
    tip = model.data(model.index(0, RANK), Qt.ItemDataRole.ToolTipRole)
    assert "P(first)" in tip
    header = model.headerData(RANK, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "≈ = within measurement noise" in header


def test_tie_marks_follow_a_new_ranking(window, qtbot):
    model = window.table.source
    qtbot.waitUntil(lambda: bool(model.ties), timeout=5000)
    window.state.set_weight("code", 0.9)
    window.state.rerank_now()
    assert model.ties == {}  # stale marks are dropped at once ...
    qtbot.waitUntil(lambda: bool(model.ties), timeout=5000)  # ... and redrawn
    assert set(model.ties) == set(model.tie_groups.labels)


def test_compare_says_whether_each_gap_is_real(window):
    select_rows(window, [0, 1])
    view = window.compare
    assert view.comparison is not None and len(view.comparison.labels) == 2
    text = view.verdict.text()
    assert "outscores" in text and ("the gap is real" in text or "measurement noise" in text)
    assert "P(first): " in text and "draws within the standard errors" in text
    figures = view.figures
    headers = [figures.horizontalHeaderItem(c).text() for c in range(figures.columnCount())]
    assert headers[-1] == "P(#1 better than #2)"
    criteria = [figures.verticalHeaderItem(r).text() for r in range(figures.rowCount())]
    code = criteria.index("Code bench")
    assert "±" in figures.item(code, 0).text()
    assert figures.item(code, 2).text().endswith("%")
    assert "standard error" in figures.item(code, 0).toolTip()


def test_detail_shows_each_figures_standard_error(window):
    window.state.select("alpha@standard")  # it has both benchmarks
    text = window.detail.figures.toPlainText()
    assert "±" in text and "binomial, 100 items" in text
    assert "±? unknown" in text  # the knowledge bench states no item count


def test_sensitivity_offers_own_errors_by_default(window, qtbot):
    from advisor.app.analysis import FIXED, OWN_ERRORS, RELATIVE

    view = window.sensitivity
    assert view.noise.currentData() == OWN_ERRORS and not view.error.isEnabled()
    assert view.settings()["relative_error"] is None
    view.noise.setCurrentIndex(view.noise.findData(RELATIVE))
    assert view.error.isEnabled() and view.settings()["relative_error"] == 0.05
    view.noise.setCurrentIndex(view.noise.findData(FIXED))
    assert view.settings()["relative_error"] == 0.0


def test_compare_at_equal_budget_from_the_policy_box(window):
    box = requirements(window).policy
    box.equal.click()
    assert window.state.policy.budget_band == "high" and box.equal.isChecked()
    assert window.stance.isVisibleTo(window) and "At equal budget" in window.stance.text()
    box.band.setCurrentIndex(box.band.findData("medium"))
    assert window.state.policy.budget_band == "medium"
    window.state.rerank_now()
    assert all(m == "extended_thinking" for m in window.state.recommendation.matrix.modes)
    box.as_deployed.click()
    assert window.state.policy.budget_band is None and not box.equal.isChecked()
    assert not window.stance.isVisibleTo(window)


def test_a_candidate_per_effort_band_from_the_policy_box(window):
    from advisor.gui.labels import candidate_text

    box = requirements(window).policy
    box.per_band.setChecked(True)
    assert window.state.policy.effort_candidates is True
    box.equal.click()
    assert not box.per_band.isEnabled()  # at equal budget there is one band already
    box.as_deployed.click()
    assert box.per_band.isEnabled()
    assert candidate_text("gpt-5@extended_thinking~high/azure", {"gpt-5": "GPT-5"}) == (
        "GPT-5 · extended thinking · high effort · Microsoft Azure"
    )
