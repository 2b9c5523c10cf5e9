"""The catalogue editor: browse, filter, add, edit and delete rows of every catalogue table.

Cells are checked as they are typed (type, range, allowed values); a whole row is checked like
an import (known ids, units, duplicate keys) when it is saved, and a refused edit changes
nothing and says why. Every edit is one transaction on the window's undo stack and the ranking
follows at once. The table model and cell editors are in ``catalogue_table``.
"""

from __future__ import annotations

import html
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from advisor.domain.catalogue_format import (
    SPECS_BY_TABLE,
    column_hint,
    default_texts,
    key_of,
    row_texts,
)
from advisor.domain.errors import AdvisorError, ImportRejected
from advisor.domain.wording import counted
from advisor.gui.dialogs.catalogue_table import (
    REFERENCE_COLUMNS,
    TABLE_LABELS,
    CatalogueTableModel,
    CellDelegate,
    RowFilter,
    editor_text,
    field_editor,
    mark_invalid,
    set_editor_text,
)
from advisor.gui.models.catalogue_actions import CatalogueActions


class RowDialog(QDialog):
    """A form for a new row (or a whole existing row): every field checked as it is typed,
    the row as a whole checked like an import; OK only when nothing is wrong."""

    def __init__(
        self,
        editor: CatalogueEditor,
        table: str,
        texts: dict[str, str],
        replacing: tuple | None = None,
    ) -> None:
        super().__init__(editor)
        self.editor, self.table, self.replacing = editor, table, replacing
        self.spec = SPECS_BY_TABLE[table]
        label = TABLE_LABELS[table].lower()
        self.setWindowTitle(f"Add to {label}" if replacing is None else f"Edit a row of {label}")
        layout = QVBoxLayout(self)
        form_box = QWidget()
        form = QFormLayout(form_box)
        self.fields: dict[str, QWidget] = {}
        for column in self.spec.columns:
            widget = field_editor(column, editor.known_ids(column.name))
            widget.setToolTip(column_hint(column))
            set_editor_text(widget, texts.get(column.name, ""))
            if isinstance(widget, QLineEdit):
                widget.textChanged.connect(self.validate)
            elif widget.isEditable():
                widget.editTextChanged.connect(self.validate)
            else:
                widget.currentIndexChanged.connect(self.validate)
            self.fields[column.name] = widget
            form.addRow(column.name + (" *" if column.required else ""), widget)
        scroll = QScrollArea()
        scroll.setWidget(form_box)
        scroll.setWidgetResizable(True)
        layout.addWidget(scroll)
        self.problems = QLabel()
        self.problems.setObjectName("problem")
        self.problems.setWordWrap(True)
        layout.addWidget(self.problems)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(560, 620)
        self.validate()

    def texts(self) -> dict[str, str]:
        return {name: editor_text(w) for name, w in self.fields.items()}

    def validate(self, *_args) -> list[str]:
        """Check the row as typed; mark the fields at fault and say why."""
        problems = self.editor.actions.store.check(self.table, self.texts(), self.replacing)
        by_column: dict[str, str] = {}
        for p in problems:
            by_column.setdefault(p.column or "", p.reason)
        for name, widget in self.fields.items():
            mark_invalid(widget, by_column.get(name, ""))
        lines = [f"{p.column}: {p.reason}" if p.column else p.reason for p in problems]
        self.problems.setText("\n".join(lines))
        self.problems.setVisible(bool(lines))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not lines)
        return lines


class CatalogueEditor(QWidget):
    """A window on every catalogue table, for analysts to keep the catalogue current."""

    def __init__(self, actions: CatalogueActions, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.actions = actions
        self.state = actions.state
        self.setWindowTitle("Catalogue — Model Advisor")
        self.resize(1180, 640)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.table_choice = QComboBox()
        for table, label in TABLE_LABELS.items():
            self.table_choice.addItem(label, table)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter: any text in any column (model, benchmark, URL…)")
        self.filter.setClearButtonEnabled(True)
        self.origin = QComboBox()
        for text, value in (
            ("All rows", ""),
            ("Bundled", "bundled"),
            ("Edited by you", "edited"),
            ("Added by you", "yours"),
        ):
            self.origin.addItem(text, value)
        self.count = QLabel()
        bar.addWidget(QLabel("Table"))
        bar.addWidget(self.table_choice)
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.origin)
        bar.addWidget(self.count)
        layout.addLayout(bar)
        self.read_only_note = QLabel()
        self.read_only_note.setObjectName("stance")
        self.read_only_note.setWordWrap(True)
        layout.addWidget(self.read_only_note)
        self.model = CatalogueTableModel(self)
        self.model.on_edit = self._edit_cell
        self.proxy = RowFilter(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        # Rows start in primary-key order; a click on a header sorts by that column.
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.verticalHeader().setVisible(False)
        self.delegate = CellDelegate(self.model, self.known_ids, self)
        self.delegate.problem.connect(self._show_typing_problem)
        self.view.setItemDelegate(self.delegate)
        layout.addWidget(self.view, 1)
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.source.setOpenExternalLinks(False)
        self.source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.source)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Add row…")
        self.edit_button = QPushButton("Edit row…")
        self.delete_button = QPushButton("Delete")
        self.undo_button = QPushButton("Undo")
        self.redo_button = QPushButton("Redo")
        self.export_button = QPushButton("Export this view…")
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addSpacing(16)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.redo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        self.close_button = QPushButton("Close")
        self.close_button.setToolTip("Close the catalogue editor (Escape); edits are already saved")
        self.close_button.clicked.connect(self.close)
        buttons.addSpacing(16)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        stack = actions.undo_stack
        # what the message line says follows the stack: "Saved …" becomes "Undone …" on undo
        self._stack_at = (stack.index(), _commands(stack))
        self._saving = False
        stack.indexChanged.connect(self._on_stack_moved)
        self.undo_button.clicked.connect(stack.undo)
        self.redo_button.clicked.connect(stack.redo)
        stack.canUndoChanged.connect(self._update_buttons)
        stack.canRedoChanged.connect(self._update_buttons)
        stack.undoTextChanged.connect(lambda t: self.undo_button.setToolTip(f"Undo {t}"))
        stack.redoTextChanged.connect(lambda t: self.redo_button.setToolTip(f"Redo {t}"))
        self.add_button.clicked.connect(self.add_row)
        self.edit_button.clicked.connect(self.edit_row)
        self.delete_button.clicked.connect(self.delete_rows)
        self.export_button.clicked.connect(self.export_view)
        self.view.addAction(self.delete_action())
        self.table_choice.currentIndexChanged.connect(lambda _i: self.reload())
        self.filter.textChanged.connect(self._apply_filter)
        self.origin.currentIndexChanged.connect(self._apply_filter)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.view.selectionModel().currentRowChanged.connect(self._show_source)
        # Queued: an edit committed from a cell editor reloads after the editor has closed.
        self.state.catalogue_changed.connect(self.reload, Qt.ConnectionType.QueuedConnection)
        actions.failed.connect(lambda text: self.say(text, error=True))
        self._known: dict[str, list[str]] = {}
        self.reload()

    # ----- reading -------------------------------------------------------------------------
    @property
    def table(self) -> str:
        return self.table_choice.currentData()

    def show_table(self, table: str) -> None:
        self.table_choice.setCurrentIndex(self.table_choice.findData(table))

    def known_ids(self, column: str) -> list[str]:
        """Ids a reference column may take (models, benchmarks, vendors in the catalogue)."""
        table = REFERENCE_COLUMNS.get(column)
        if table is None or table == self.table:
            return []
        if table not in self._known:
            rows = self.actions.store.rows(table)
            self._known[table] = [r[SPECS_BY_TABLE[table].pk[0]] for r in rows]
        return self._known[table]

    def reload(self) -> None:
        """Re-read the current table (after any edit, import or change of snapshot)."""
        self._known.clear()
        store = self.actions.store
        same_table = self.model.spec.table == self.table and self.model.rows
        keep = {self._key(r) for r in self.selected_rows()} if same_table else set()
        scroll = self.view.verticalScrollBar().value()
        rows = store.rows(self.table)
        origins = store.origins(self.table, rows)
        self.model.set_rows(SPECS_BY_TABLE[self.table], rows, origins, store.read_only)
        if same_table:  # an edit: keep the user's place
            for i, row in enumerate(rows):
                if key_of(self.model.spec, row) in keep:
                    self.view.selectRow(self.proxy.mapFromSource(self.model.index(i, 0)).row())
            self.view.verticalScrollBar().setValue(scroll)
        else:
            self.view.resizeColumnsToContents()
            for column in range(self.model.columnCount()):
                self.view.setColumnWidth(column, min(self.view.columnWidth(column), 260))
        if store.snapshot is not None:
            self.read_only_note.setText(
                f"Showing snapshot “{store.snapshot.name}” (read-only). Return to the current "
                "catalogue (Catalogue menu) to edit."
            )
        elif store.read_only:
            self.read_only_note.setText(store.read_only_reason())
        self.read_only_note.setVisible(store.read_only)
        self._apply_filter()
        self._show_source()

    def _show_source(self, *_args) -> None:
        """Where the current row's figures come from: source URL(s), date, notes."""
        index = self.view.currentIndex()
        if not index.isValid():
            self.source.setText("Select a row to see its source.")
            return
        row = self.model.rows[self.proxy.mapToSource(index).row()]
        url = row.get("source_url") or row.get("url") or row.get("website") or ""
        parts = [f"<b>Source:</b> {html.escape(url) if url else '— (none given)'}"]
        if "source_date" in row:
            parts.append(f"<b>Dated:</b> {html.escape(str(row.get('source_date') or '—'))}")
        if "source_kind" in row:
            parts.append(f"<b>Kind:</b> {html.escape(str(row.get('source_kind') or '—'))}")
        notes = row.get("notes") or row.get("description")
        if notes:
            parts.append(f"<b>Notes:</b> {html.escape(str(notes))}")
        self.source.setText(" · ".join(parts))

    def _apply_filter(self, *_args) -> None:
        self.proxy.set_filter(self.filter.text(), self.origin.currentData())
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(
            f"{shown:,} of {counted(total, 'row')}" if shown != total else counted(total, "row")
        )
        self._update_buttons()

    def selected_rows(self) -> list[int]:
        rows = {self.proxy.mapToSource(i).row() for i in self.view.selectionModel().selectedRows()}
        return sorted(rows)

    def _update_buttons(self, *_args) -> None:
        if not shiboken6.isValid(self.actions.undo_stack):  # the window is being torn down
            return
        writable = not self.actions.read_only
        selected = bool(self.view.selectionModel().selectedRows())
        self.add_button.setEnabled(writable)
        self.edit_button.setEnabled(writable and len(self.selected_rows()) == 1)
        self.delete_button.setEnabled(writable and selected)
        self.undo_button.setEnabled(writable and self.actions.undo_stack.canUndo())
        self.redo_button.setEnabled(writable and self.actions.undo_stack.canRedo())

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setObjectName("problem" if error else "")
        self.message.setStyleSheet("color: #d62728;" if error else "")
        self.message.setText(text)

    def _show_typing_problem(self, problem: str) -> None:
        self.say(problem, error=True) if problem else self.say("")

    # ----- editing -------------------------------------------------------------------------
    def _key(self, row: int) -> tuple:
        return key_of(self.model.spec, self.model.rows[row])

    def _edit_cell(self, row: int, column: str, text: str) -> bool:
        texts = row_texts(self.model.spec, self.model.rows[row]) | {column: text}
        return self._run(lambda: self.actions.update_row(self.table, self._key(row), texts))

    def _run(self, action) -> bool:
        """Do one change; on refusal say why (every problem) and change nothing."""
        self._saving = True
        try:
            changed = action()
        except ImportRejected as exc:
            lines = [f"{p.column}: {p.reason}" if p.column else p.reason for p in exc.problems]
            self.say("Not saved — " + "; ".join(lines), error=True)
            return False
        except AdvisorError as exc:
            self.say(f"Not saved — {exc}", error=True)
            return False
        finally:
            self._saving = False
        if changed is not False:
            self.say(f"Saved: {self.actions.undo_stack.undoText()}. Undo with Ctrl+Z.")
        return True

    def _on_stack_moved(self, index: int) -> None:
        stack = self.actions.undo_stack
        if not shiboken6.isValid(stack) or not shiboken6.isValid(self.message):
            return  # the window is closing
        before, commands = self._stack_at
        now = _commands(stack)
        self._stack_at = (index, now)
        if self._saving:
            return  # _run says what was saved
        if index < before:
            self.say(f"Undone: {stack.text(index)}. Redo with Ctrl+Shift+Z.")
        elif index > before and index <= len(commands) and now[index - 1] == commands[index - 1]:
            self.say(f"Redone: {stack.text(index - 1)}. Undo with Ctrl+Z.")  # the same step
        else:
            self.say("")  # a new step from elsewhere (the window, an import): nothing to say

    def keyPressEvent(self, event) -> None:
        # Escape closes the editor (a cell being edited takes its own Escape first)
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def add_row(self) -> None:
        texts = default_texts(self.table)
        dialog = RowDialog(self, self.table, texts)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._run(lambda: self.actions.add_row(self.table, dialog.texts()))

    def edit_row(self) -> None:
        rows = self.selected_rows()
        if len(rows) != 1:
            return
        key = self._key(rows[0])
        texts = row_texts(self.model.spec, self.model.rows[rows[0]])
        dialog = RowDialog(self, self.table, texts, replacing=key)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._run(lambda: self.actions.update_row(self.table, key, dialog.texts()))

    def delete_action(self) -> QAction:
        action = QAction("Delete", self)
        action.setShortcut(QKeySequence.StandardKey.Delete)
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(self.delete_rows)
        return action

    def delete_rows(self) -> None:
        rows = self.selected_rows()
        if not rows or self.actions.read_only:
            return
        keys = [self._key(r) for r in rows]
        try:
            edit = self.actions.plan_delete(self.table, keys)
        except AdvisorError as exc:
            self.say(f"Not deleted — {exc}", error=True)
            return
        extra = self.actions.store.dependents(edit, self.table)
        text = f"{edit.description}?"
        if extra:
            listed = ", ".join(f"{n} {TABLE_LABELS[t].lower()}" for t, n in extra.items())
            text = f"{edit.description}?\n\nThis also deletes rows that depend on it: {listed}."
        answer = QMessageBox.question(self, "Delete rows", text + "\n\nYou can undo this (Ctrl+Z).")
        if answer == QMessageBox.StandardButton.Yes:
            self._run(lambda: self.actions.apply(edit))

    def export_view(self) -> None:
        """Export the rows shown (this table, this filter) as CSV, JSON or Excel."""
        rows = [
            self.proxy.mapToSource(self.proxy.index(i, 0)).row()
            for i in range(self.proxy.rowCount())
        ]
        only = {self.table: {self._key(r) for r in rows}}
        path = export_dialog(self, f"{self.table}-view")
        if not path:
            return
        try:
            written = self.actions.export(path, only)
        except AdvisorError as exc:
            self.say(f"Not exported — {exc}", error=True)
            return
        self.say(f"Exported {counted(len(rows), 'row')} to {', '.join(str(p) for p in written)}.")


def _commands(stack) -> list[int]:
    """The stack's steps by identity, to tell a redo (the same step again) from a new one."""
    return [shiboken6.getCppPointer(stack.command(i))[0] for i in range(stack.count())]


def export_dialog(parent: QWidget, stem: str) -> str:
    """Ask where to export: a CSV folder, a .json or an .xlsx file. "" if cancelled."""
    csv_filter, json_filter, xlsx_filter = (
        "Folder of CSV files (*)",
        "JSON (*.json)",
        "Excel workbook (*.xlsx)",
    )
    path, chosen = QFileDialog.getSaveFileName(
        parent,
        "Export catalogue",
        str(Path.home() / stem),
        ";;".join((csv_filter, json_filter, xlsx_filter)),
    )
    if not path:
        return ""
    if chosen == json_filter and not path.lower().endswith(".json"):
        path += ".json"
    if chosen == xlsx_filter and not path.lower().endswith(".xlsx"):
        path += ".xlsx"
    return path
