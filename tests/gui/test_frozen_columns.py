"""At the first-run size (1280×800) the ranking table shows about ten candidates, and the
candidate's name stays beside its reason for exclusion however far the table is scrolled
sideways (first-time user's defect 10: "scrolling right scrolls the Candidate column away")."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from advisor.gui.views.ranking_table import FROZEN_COLUMNS, LABEL_ROLE


def _reasons_column(table) -> int:
    return table.model().columnCount() - 1


def _last_excluded_row(table) -> int:
    model = table.model()
    return next(r for r in reversed(range(model.rowCount())) if model.index(r, 1).data() == "—")


def test_ten_candidates_show_at_the_first_run_size(bundled_window):
    table = bundled_window.table
    QApplication.processEvents()
    rows = table.viewport().height() // table.rowHeight(0)
    assert rows >= 9, (table.viewport().height(), table.rowHeight(0))


def test_the_name_stays_beside_the_reason_when_scrolled_to_it(bundled_window):
    table = bundled_window.table
    model = table.model()
    row = _last_excluded_row(table)
    reason = model.index(row, _reasons_column(table))
    table.scrollTo(reason)
    QApplication.processEvents()
    assert table.horizontalScrollBar().value() > 0  # the table did scroll sideways
    frozen = table.frozen.view
    assert frozen.isVisible()
    name = model.index(row, 2)
    name_rect, reason_rect = frozen.visualRect(name), table.visualRect(reason)
    # same row on screen, the name at the left, the reason's start just beside it
    assert name_rect.top() == reason_rect.top()
    assert frozen.viewport().rect().contains(name_rect.center())
    assert table.frozen.width() <= reason_rect.left() < table.viewport().width()
    assert reason.data()  # an excluded candidate has a reason


def test_a_click_on_a_frozen_name_selects_that_candidate(bundled_window, qtbot):
    window = bundled_window
    table = window.table
    frozen = table.frozen.view
    table.horizontalScrollBar().setValue(table.horizontalScrollBar().maximum())
    index = table.model().index(3, 2)
    qtbot.mouseClick(
        frozen.viewport(), Qt.MouseButton.LeftButton, pos=frozen.visualRect(index).center()
    )
    label = index.data(LABEL_ROLE)
    assert window.state.selected == label
    assert table.selected_labels() == [label]
    name = index.data().split(" · ")[0]
    assert window.detail.header.text().startswith(f"<b>{name}</b>")


def test_the_frozen_header_sorts_and_shows_the_order(bundled_window, qtbot):
    table = bundled_window.table
    frozen = table.frozen.view
    header = frozen.horizontalHeader()
    candidate = header.sectionViewportPosition(2) + header.sectionSize(2) // 2
    for expected in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        qtbot.mouseClick(
            header.viewport(),
            Qt.MouseButton.LeftButton,
            pos=QPoint(candidate, header.height() // 2),
        )
        main = table.horizontalHeader()
        assert (main.sortIndicatorSection(), main.sortIndicatorOrder()) == (2, expected)
        assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (2, expected)
    model = table.model()
    ranked = [r for r in range(model.rowCount()) if model.index(r, 1).data() != "—"]
    names = [model.index(r, 2).data().split(" · ")[0].lower() for r in ranked]
    assert names == sorted(names, reverse=True)


def test_the_frozen_part_follows_column_widths_and_vertical_scrolling(bundled_window):
    table = bundled_window.table
    frozen = table.frozen.view
    table.setColumnWidth(2, 300)
    assert frozen.columnWidth(2) == 300
    assert frozen.width() == sum(table.columnWidth(c) for c in range(FROZEN_COLUMNS))
    table.verticalScrollBar().setValue(table.verticalScrollBar().maximum() // 2)
    assert frozen.verticalScrollBar().value() == table.verticalScrollBar().value()
    assert all(frozen.isColumnHidden(c) for c in range(FROZEN_COLUMNS, table.model().columnCount()))
