"""Every entry of both trade-off axis combos charts (groups, attributes, workload, benchmarks),
the combos are sectioned with each entry once, and Score vs Monthly cost charts with a workload
(first-time user's defect 1 and 18)."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt

from advisor.app.analysis import SCORE, tradeoff


def entries(combo) -> list[tuple[int, str, str]]:
    """(index, text, key) of every choosable entry of a combo."""
    model = combo.model()
    out = []
    for i in range(combo.count()):
        item = model.item(i)
        if item.flags() & Qt.ItemFlag.ItemIsSelectable:
            out.append((i, combo.itemText(i).strip(), combo.itemData(i)))
    return out


def headers(combo) -> list[str]:
    model = combo.model()
    return [
        combo.itemText(i)
        for i in range(combo.count())
        if not model.item(i).flags() & Qt.ItemFlag.ItemIsSelectable
    ]


def test_every_axis_entry_charts_on_both_axes(bundled_window, qtbot):
    window = bundled_window
    view = window.tradeoffs
    rec = window.state.recommendation
    choices = entries(view.x_axis)
    assert headers(view.x_axis) == [
        "Groups",
        "Model attributes",
        "Workload",
        "Cost and time per task",  # score against Aider's cost per exercise
        "Benchmarks",
    ]
    assert not [t for t, n in Counter(t for _i, t, _k in choices).items() if n > 1]
    assert {"coding", "agentic", "honesty"} <= {k for _i, _t, k in choices}
    assert "cost_at_volume" not in {k for _i, _t, k in choices}  # a group of one: its criterion
    for axis, other in ((view.x_axis, view.y_axis), (view.y_axis, view.x_axis)):
        other.setCurrentIndex(other.findData(SCORE))
        for index, text, key in choices:
            axis.setCurrentIndex(index)
            assert axis.currentData() == key
            x_key, y_key = view.x_axis.currentData(), view.y_axis.currentData()
            data = tradeoff(rec, x_key, y_key)
            assert len(view.scatter.points()) == len(data.rows), text
            side = "bottom" if axis is view.x_axis else "left"
            assert view.plot.getAxis(side).labelText.startswith(text), text


def test_a_group_axis_is_the_groups_normalised_score(bundled_window, qtbot):
    view = bundled_window.tradeoffs
    view.set_axes(SCORE, "coding")
    data = tradeoff(bundled_window.state.recommendation, "coding", SCORE)
    assert len(data.rows) > 10 and data.x.min() >= 0 and data.x.max() <= 1
    assert data.x.max() > 0.9  # some ranked candidate is best on the group's benchmarks


def test_score_against_monthly_cost_charts_with_a_workload(bundled_window, qtbot):
    window = bundled_window
    window.state.set_workload(
        True, requests_per_day=20000, input_tokens_per_request=2000, output_tokens_per_request=500
    )
    window.state.rerank_now()
    view = window.tradeoffs
    view.set_axes(SCORE, "monthly_cost")
    assert view.x_axis.currentText().strip() == "Monthly cost at the workload"
    assert len(view.scatter.points()) > 10
    assert "Monthly cost" in view.plot.getAxis("bottom").labelText


def test_the_chart_opens_on_score_against_price(qtbot, tmp_path, settings):
    """However the window is built (charts deferred or not), the first chart is Score against
    blended price, not Score against Score."""
    from advisor.gui.app import create_window

    for defer in (False, True):
        w = create_window(tmp_path / f"c{defer}.sqlite", settings, defer_charts=defer)
        qtbot.addWidget(w)
        if defer:
            w.build_charts()
        assert w.tradeoffs.y_axis.currentData() == SCORE
        assert w.tradeoffs.x_axis.currentData() == "blended_usd_per_mtok"
