"""The catalogue editor's table: one catalogue table's rows with their origin (bundled, edited,
yours), a text and origin filter, and in-place cell editors that check every keystroke."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyledItemDelegate, QWidget

from advisor.domain.catalogue_format import (
    BOOL,
    SPECS_BY_TABLE,
    Column,
    FileSpec,
    cell_problem,
    cell_text,
    column_hint,
)

TABLE_LABELS = {
    "models": "Models",
    "results": "Benchmark results",
    "benchmarks": "Benchmarks",
    "measurements": "Measurements",
    "rate_limits": "Rate limits",
    "vendors": "Vendors",
    "criterion_groups": "Criterion groups",
    "lifecycle": "Lifecycle of offers",
    "assurances": "Due diligence (assurances)",
}
ORIGIN_TIPS = {
    "bundled": "As shipped with Model Advisor",
    "edited": "A shipped row you changed; kept when a newer catalogue is bundled",
    "yours": "Added by you (by hand or by an import); never touched by bundled updates",
}
ORIGIN_COLOURS = {"edited": QColor(255, 196, 0, 60), "yours": QColor(80, 160, 255, 55)}
# Columns whose values name rows of another table: offered as a list of known ids.
REFERENCE_COLUMNS = {"model_id": "models", "benchmark": "benchmarks", "vendor": "vendors"}


class CatalogueTableModel(QAbstractTableModel):
    """Rows of one catalogue table plus an Origin column; edits are handed to ``on_edit``."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.spec: FileSpec = SPECS_BY_TABLE["models"]
        self.rows: list[dict[str, Any]] = []
        self.origins: list[str] = []
        self.read_only = False
        self.on_edit = None  # callable(row, column name, text) -> bool

    def set_rows(self, spec: FileSpec, rows, origins, read_only: bool) -> None:
        self.beginResetModel()
        self.spec, self.rows, self.origins, self.read_only = spec, rows, origins, read_only
        self.endResetModel()

    def column_name(self, column: int) -> str:
        return "origin" if column == 0 else self.spec.names[column - 1]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.spec.names) + 1

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        name = self.column_name(section)
        if role == Qt.ItemDataRole.DisplayRole:
            required = section > 0 and self.spec.column(name).required
            return name + (" *" if required else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            if section == 0:
                return "Bundled, edited (a shipped row you changed) or yours (added by you)"
            return column_hint(self.spec.column(name))
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, name = self.rows[index.row()], self.column_name(index.column())
        origin = self.origins[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if name == "origin":
                return origin
            value = row.get(name)
            if value is None and role == Qt.ItemDataRole.DisplayRole:
                return "—"
            return cell_text(self.spec, name, value)
        if role == Qt.ItemDataRole.ToolTipRole:
            if name == "origin":
                return ORIGIN_TIPS[origin]
            value = row.get(name)
            return "missing" if value is None else cell_text(self.spec, name, value)
        if role == Qt.ItemDataRole.BackgroundRole:
            return ORIGIN_COLOURS.get(origin)
        if role == Qt.ItemDataRole.ForegroundRole and row.get(name) is None and name != "origin":
            return QColor("#8a8a8a")
        if role == Qt.ItemDataRole.UserRole:  # sort key: numbers as numbers
            return origin if name == "origin" else row.get(name)
        return None

    def flags(self, index: QModelIndex):
        flags = super().flags(index)
        if index.isValid() and index.column() > 0 and not self.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.on_edit is None:
            return False
        return self.on_edit(index.row(), self.column_name(index.column()), str(value))


class RowFilter(QSortFilterProxyModel):
    """Rows whose text contains the filter (any column) and whose origin is chosen."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.text = ""
        self.origin = ""
        self.setSortRole(Qt.ItemDataRole.UserRole)

    def set_filter(self, text: str, origin: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+; invalidateRowsFilter is deprecated
            self.beginFilterChange()
            self.text, self.origin = text.strip().lower(), origin
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.text, self.origin = text.strip().lower(), origin
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, _parent) -> bool:
        model: CatalogueTableModel = self.sourceModel()
        if self.origin and model.origins[source_row] != self.origin:
            return False
        if not self.text:
            return True
        row = model.rows[source_row]
        return any(self.text in str(v).lower() for v in row.values() if v is not None)

    def lessThan(self, left: QModelIndex, right: QModelIndex) -> bool:
        a, b = left.data(self.sortRole()), right.data(self.sortRole())
        if a is None or b is None:
            return a is None and b is not None  # missing first
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)


def field_editor(column: Column, known: list[str], parent=None) -> QWidget:
    """A combo box for yes/no, fixed choices and known ids; a line edit for the rest."""
    if column.type == BOOL or column.choices:
        combo = QComboBox(parent)
        choices = ("yes", "no") if column.type == BOOL else column.choices
        if not column.required:
            combo.addItem("")
        combo.addItems(list(choices))
        return combo
    if known:
        combo = QComboBox(parent)
        combo.setEditable(True)
        combo.addItems(known)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        return combo
    edit = QLineEdit(parent)
    edit.setPlaceholderText(column_hint(column))
    return edit


def editor_text(widget: QWidget) -> str:
    return widget.currentText() if isinstance(widget, QComboBox) else widget.text()


def set_editor_text(widget: QWidget, text: str) -> None:
    if isinstance(widget, QComboBox):
        if widget.isEditable():
            widget.setEditText(text)
        else:
            widget.setCurrentIndex(max(0, widget.findText(text)))
    else:
        widget.setText(text)


def mark_invalid(widget: QWidget, problem: str) -> None:
    widget.setProperty("invalid", bool(problem))
    widget.setToolTip(problem)
    widget.setStyleSheet("border: 2px solid #d62728;" if problem else "")


class CellDelegate(QStyledItemDelegate):
    """In-place editors that check each keystroke and say what is wrong."""

    problem = Signal(str)

    def __init__(
        self,
        model: CatalogueTableModel,
        known_ids: Callable[[str], list[str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model, self.known_ids = model, known_ids

    def createEditor(self, parent, _option, index):
        name = self.model.column_name(index.column())
        column = self.model.spec.column(name)
        widget = field_editor(column, self.known_ids(name), parent)
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(lambda text: self._check(widget, column, text))
        elif widget.isEditable():
            widget.editTextChanged.connect(lambda text: self._check(widget, column, text))
        return widget

    def _check(self, widget, column: Column, text: str) -> None:
        problem = cell_problem(column, text)
        mark_invalid(widget, problem)
        self.problem.emit(problem)

    def setEditorData(self, widget, index) -> None:
        set_editor_text(widget, index.data(Qt.ItemDataRole.EditRole) or "")

    def setModelData(self, widget, model, index) -> None:
        model.setData(index, editor_text(widget), Qt.ItemDataRole.EditRole)
