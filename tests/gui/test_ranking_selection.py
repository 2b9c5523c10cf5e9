"""The highlighted row, the state's selection and the detail pane always describe the same
candidate: after sorting by any column in either order, and after a re-rank (first-time
user's defect 2)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from advisor.gui.views.ranking_table import LABEL_ROLE, SCORE
from tests.gui.pages import requirements


def highlighted(window) -> list[str]:
    return window.table.selected_labels()


def test_selection_follows_the_candidate_through_every_sort(bundled_window, qtbot):
    window = bundled_window
    table = window.table
    labels = [c.candidate for c in window.state.recommendation.ranking.best_offers()]
    chosen = labels[5]
    window.state.select(chosen)
    name = window.detail.header.text()
    assert highlighted(window) == [chosen]
    for column in range(table.model().columnCount()):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            table.sortByColumn(column, order)
            assert table.currentIndex().data(LABEL_ROLE) == chosen, (column, order)
            assert highlighted(window) == [chosen], (column, order)
            assert window.state.selected == chosen
            assert window.detail.header.text() == name


def test_a_rerank_keeps_the_candidate_selected_and_the_view_where_it_was(bundled_window, qtbot):
    window = bundled_window
    table = window.table
    chosen = window.state.recommendation.ranking.best_offers()[30].candidate  # below the fold
    window.state.select(chosen)
    table.scrollToTop()
    requirements(window).weight("coding").box.setValue(5)
    window.state.rerank_now()
    qtbot.waitUntil(lambda: highlighted(window) == [chosen])
    assert table.verticalScrollBar().value() == 0  # the top of the ranking is still in view
    assert window.state.selected == chosen and table.currentIndex().data(LABEL_ROLE) == chosen


def test_the_first_click_on_a_column_puts_the_best_first(bundled_window):
    """Score, price and the rest sort best first on the first click; names A to Z
    (first-time user's defect 22)."""
    table, model = bundled_window.table, bundled_window.table.model()
    ranked = [r for r in range(model.rowCount()) if model.data(model.index(r, 1)) != "—"]
    table.sortByColumn(SCORE, Qt.SortOrder.AscendingOrder)  # a first click on Score
    scores = [float(model.data(model.index(r, SCORE))) for r in ranked]
    assert scores == sorted(scores, reverse=True)
    table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    names = [model.data(model.index(r, 2)).split(" · ")[0].lower() for r in ranked]
    assert names == sorted(names)
