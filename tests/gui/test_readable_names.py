"""No internal id reaches the window: the Sensitivity tab, the chart's hover tip and the
candidate detail name candidates and conditions as people read them (first-time user's
defect 6)."""

from __future__ import annotations

from advisor.app import analysis
from advisor.app.analysis import SCORE


def test_sensitivity_names_candidates_as_the_table_does(bundled_window):
    window = bundled_window
    rec = window.state.recommendation
    study = analysis.sensitivity(rec, samples=200, data_gaps=False).as_dict()
    window.sensitivity._draw(study)
    summary = window.sensitivity.summary.text()
    top = study["current_top"]
    assert top not in summary and " · " in summary  # "GPT-5 · extended thinking"
    ticks = window.sensitivity.acceptability.getAxis("left")._tickLevels[0]
    assert ticks and all("@" not in name for _pos, name in ticks)


def test_the_chart_tip_and_the_detail_use_names_not_ids(bundled_window):
    window = bundled_window
    view = window.tradeoffs
    view.set_axes(SCORE, "blended_usd_per_mtok")
    label = next(iter(view._rows))
    head = view._tip_for(label).splitlines()[0]
    assert "@" not in head and " · " in head
    window.state.select(label)
    html = window.detail.figures.toHtml()
    assert "extended_thinking" not in html and "parallel_test_time_compute" not in html


def test_table_markers_are_explained_and_names_are_cut_in_the_middle(bundled_window):
    from PySide6.QtCore import Qt

    from advisor.gui.views.ranking_table import PARETO

    table = bundled_window.table
    model = table.model()
    tip = Qt.ItemDataRole.ToolTipRole
    horizontal = Qt.Orientation.Horizontal
    assert "older than 12 months" in model.headerData(model.old_column, horizontal, tip)
    assert "Diamond" in model.headerData(model.headers.index("GPQA ◆"), horizontal, tip)
    assert "Pareto" in model.headerData(PARETO, horizontal, tip)
    star = next(r for r in range(model.rowCount()) if model.data(model.index(r, PARETO)) == "★")
    assert "Pareto-optimal" in model.data(model.index(star, PARETO), tip)
    assert "@" not in model.data(model.index(0, 2), tip)
    assert table.textElideMode() == Qt.TextElideMode.ElideMiddle
