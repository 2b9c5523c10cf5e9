"""Frozen leading columns for a table view: the first columns stay in place while the rest
scroll sideways, so a row's name stays beside whatever column the user scrolled to.

The technique is Qt's own (the "Frozen Column" example): a second view over the same model and
selection model, laid over the table's left edge, showing only the frozen columns and scrolled
vertically with it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


class FrozenColumns(QObject):
    """Keeps the first ``count`` columns of ``table`` in view while the others scroll."""

    def __init__(self, table: QTableView, count: int) -> None:
        super().__init__(table)
        self.table = table
        self.count = count
        view = self.view = QTableView(table)
        view.setObjectName("frozenColumns")
        view.setModel(table.model())
        view.setSelectionModel(table.selectionModel())
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays with the table
        view.setSelectionBehavior(table.selectionBehavior())
        view.setSelectionMode(table.selectionMode())
        view.setAlternatingRowColors(table.alternatingRowColors())
        view.setWordWrap(table.wordWrap())
        view.setTextElideMode(table.textElideMode())
        view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(table.verticalHeader().defaultSectionSize())
        view.setStyleSheet("QTableView#frozenColumns { border: none; }")
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setHighlightSections(table.horizontalHeader().highlightSections())
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.viewport().stackUnder(view)
        self._hide_scrolling_columns()

        main = table.horizontalHeader()
        main.sectionResized.connect(self._main_resized)
        header.sectionResized.connect(self._frozen_resized)
        header.sectionClicked.connect(self._sort_clicked)
        main.sortIndicatorChanged.connect(
            lambda column, order: header.setSortIndicator(column, order)
        )
        header.setSortIndicator(main.sortIndicatorSection(), main.sortIndicatorOrder())
        table.verticalHeader().sectionResized.connect(
            lambda row, _old, new: view.setRowHeight(row, new)
        )
        view.verticalScrollBar().valueChanged.connect(table.verticalScrollBar().setValue)
        table.verticalScrollBar().valueChanged.connect(view.verticalScrollBar().setValue)
        table.model().modelReset.connect(self._hide_scrolling_columns)
        for column in range(count):
            view.setColumnWidth(column, table.columnWidth(column))
        view.show()
        self.update_geometry()

    def width(self) -> int:
        return sum(self.table.columnWidth(c) for c in range(self.count))

    def update_geometry(self) -> None:
        """Lay the frozen view over the table's first columns, header included."""
        table = self.table
        frame = table.frameWidth()
        left = frame + (table.verticalHeader().width() if table.verticalHeader().isVisible() else 0)
        self.view.horizontalHeader().setFixedHeight(table.horizontalHeader().height())
        self.view.setGeometry(
            left,
            frame,
            min(self.width(), table.viewport().width()),  # never over the scroll bar
            table.viewport().height() + table.horizontalHeader().height(),
        )

    def _hide_scrolling_columns(self) -> None:
        for column in range(self.table.model().columnCount()):
            self.view.setColumnHidden(column, column >= self.count)
        self.update_geometry()

    def _main_resized(self, column: int, _old: int, new: int) -> None:
        if column < self.count and self.view.columnWidth(column) != new:
            self.view.setColumnWidth(column, new)
        self.update_geometry()

    def _frozen_resized(self, column: int, _old: int, new: int) -> None:
        # widening the name in the frozen header widens it in the table underneath
        if column < self.count and self.table.columnWidth(column) != new:
            self.table.setColumnWidth(column, new)
        self.update_geometry()

    def _sort_clicked(self, column: int) -> None:
        main = self.table.horizontalHeader()
        if main.sortIndicatorSection() == column:
            order = (
                Qt.SortOrder.DescendingOrder
                if main.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
                else Qt.SortOrder.AscendingOrder
            )
        else:
            order = Qt.SortOrder.AscendingOrder
        self.table.sortByColumn(column, order)

    def scroll_to(self, index: QModelIndex, scroll) -> None:
        """The table's ``scrollTo``, aware of the frozen part: a frozen cell scrolls the rows
        only; a scrolling cell hidden under the frozen columns is brought out beside them."""
        table = self.table
        bar = table.horizontalScrollBar()
        if not index.isValid():
            return
        if index.column() < self.count:
            position = bar.value()
            scroll(index)
            bar.setValue(position)
            return
        scroll(index)
        hidden = self.width() - table.visualRect(index).left()
        if hidden > 0:
            bar.setValue(bar.value() - hidden)
