"""Dialogs around the catalogue: import preview, snapshots and their comparison, and conflicts
between the user's edits and a newer bundled catalogue."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
)

from advisor.domain.errors import AdvisorError
from advisor.domain.wording import counted, rows_are
from advisor.gui.dialogs.catalogue_editor import TABLE_LABELS
from advisor.gui.models.catalogue_actions import CatalogueActions


def read_only_table(headers: list[str], rows: list[list[object]]) -> QTableWidget:
    """A read-only, sortable table of text."""
    widget = QTableWidget(len(rows), len(headers))
    widget.setHorizontalHeaderLabels(headers)
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    widget.verticalHeader().setVisible(False)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            text = "—" if value is None or value == "" else str(value)
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            widget.setItem(r, c, item)
    widget.resizeColumnsToContents()
    for c in range(len(headers)):
        widget.setColumnWidth(c, min(widget.columnWidth(c), 320))
    widget.horizontalHeader().setStretchLastSection(True)
    widget.setSortingEnabled(True)
    return widget


def key_text(key) -> str:
    return " / ".join(str(k) for k in key if k not in ("", None))


def value_text(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


class ImportPreviewDialog(QDialog):
    """What an import would add, change and reject, before anything is written."""

    def __init__(self, actions: CatalogueActions, source: Path, parent=None) -> None:
        super().__init__(parent)
        self.actions, self.source = actions, Path(source)
        self.setWindowTitle(f"Import {self.source.name}")
        self.resize(900, 560)
        layout = QVBoxLayout(self)
        self.preview = actions.preview(self.source)
        p = self.preview
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tabs = QTabWidget()
        added = [r for r in p.rows if r.kind == "added"]
        changed = [(r, c) for r in p.rows if r.kind == "changed" for c in r.changes]
        self.added = read_only_table(
            ["Table", "Row"], [[TABLE_LABELS[r.table], key_text(r.key)] for r in added]
        )
        self.changed = read_only_table(
            ["Table", "Row", "Column", "Now", "After import"],
            [
                [TABLE_LABELS[r.table], key_text(r.key), col, value_text(a), value_text(b)]
                for r, (col, a, b) in changed
            ],
        )
        self.rejected = read_only_table(
            ["File", "Line / row", "Column", "Problem"],
            [[q.file, q.line or "", q.column or "", q.reason] for q in p.problems],
        )
        self.tabs.addTab(self.added, f"Added ({len(added)})")
        self.tabs.addTab(self.changed, f"Changed ({p.changed})")
        self.tabs.addTab(self.rejected, f"Rejected ({len(p.problems)})")
        layout.addWidget(self.tabs, 1)
        snap_row = QHBoxLayout()
        self.snapshot = QCheckBox("After importing, save a snapshot named")
        self.snapshot_name = QLineEdit(f"import {self.source.stem} {date.today().isoformat()}")
        snap_row.addWidget(self.snapshot)
        snap_row.addWidget(self.snapshot_name, 1)
        layout.addLayout(snap_row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if not p.accepted:
            self.summary.setText(
                f"<b>This import would be rejected</b>: {counted(len(p.problems), 'problem')}, "
                "listed with file, line, column and reason. Nothing will be written; fix the "
                "source and import again."
            )
            self.summary.setObjectName("problem")
            self.tabs.setCurrentWidget(self.rejected)
            self.import_button.setEnabled(False)
        elif not (p.added or p.changed):
            self.summary.setText(
                f"Nothing to import: {rows_are(p.unchanged)} already in the catalogue as they are."
            )
            self.import_button.setEnabled(False)
        else:
            per_table = "; ".join(
                f"{TABLE_LABELS[t.table]}: {t.added} added, {t.changed} changed"
                for t in p.tables
                if t.added or t.changed
            )
            self.summary.setText(
                f"Importing <b>{self.source.name}</b> adds {counted(p.added, 'row')} and changes "
                f"{p.changed:,} ({p.unchanged:,} unchanged). {per_table}. All or nothing, in one "
                "transaction."
            )
            self.snapshot.setChecked(True)
            self.tabs.setCurrentWidget(self.changed if p.changed else self.added)
        self.snapshot.setEnabled(p.accepted)
        self.snapshot_name.setEnabled(p.accepted)
        self.result_text = ""

    def accept(self) -> None:
        name = self.snapshot_name.text().strip() if self.snapshot.isChecked() else ""
        try:
            self.result_text = self.actions.import_source(self.source, name)
        except AdvisorError as exc:
            QMessageBox.warning(self, "Import not done", str(exc))
            return
        super().accept()


class SnapshotsDialog(QDialog):
    """Saved snapshots: save one, compare two, rank against one."""

    CURRENT = "Current catalogue"

    def __init__(self, actions: CatalogueActions, parent=None) -> None:
        super().__init__(parent)
        self.actions = actions
        self.setWindowTitle("Catalogue snapshots")
        self.resize(980, 620)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "A snapshot is a dated copy of the whole catalogue. Compare two to see what "
                "changed, or rank against one to reproduce an earlier report."
            )
        )
        self.list = QTableWidget(0, 2)
        self.list.setHorizontalHeaderLabels(["Snapshot", "Taken"])
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.verticalHeader().setVisible(False)
        self.list.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.list.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.list.setMaximumHeight(170)
        layout.addWidget(self.list)
        row = QHBoxLayout()
        self.save_button = QPushButton("Save snapshot now…")
        self.rank_button = QPushButton("Rank against the selected snapshot")
        self.current_button = QPushButton("Return to the current catalogue")
        for button in (self.save_button, self.rank_button, self.current_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        compare = QHBoxLayout()
        self.old = QComboBox()
        self.new = QComboBox()
        self.compare_button = QPushButton("Compare")
        compare.addWidget(QLabel("What changed from"))
        compare.addWidget(self.old, 1)
        compare.addWidget(QLabel("to"))
        compare.addWidget(self.new, 1)
        compare.addWidget(self.compare_button)
        layout.addLayout(compare)
        self.diff_summary = QLabel()
        self.diff_summary.setWordWrap(True)
        layout.addWidget(self.diff_summary)
        self.diff_tabs = QTabWidget()
        layout.addWidget(self.diff_tabs, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.save_button.clicked.connect(self.save_snapshot)
        self.rank_button.clicked.connect(self.rank_against)
        self.current_button.clicked.connect(lambda: self._open(None))
        self.compare_button.clicked.connect(self.compare)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.refresh()

    def refresh(self) -> None:
        self.snapshots = self.actions.store.snapshots()
        self.list.setRowCount(len(self.snapshots))
        for i, snap in enumerate(self.snapshots):
            self.list.setItem(i, 0, QTableWidgetItem(snap.name))
            self.list.setItem(i, 1, QTableWidgetItem(snap.taken_text))
        names = [s.path.stem for s in self.snapshots]
        labels = [
            self.list.item(i, 0).text() + "  (" + self.list.item(i, 1).text() + ")"
            for i in range(len(names))
        ]
        for combo, extra in ((self.old, []), (self.new, [self.CURRENT])):
            combo.clear()
            for label, name in zip(labels, names, strict=True):
                combo.addItem(label, name)
            for label in extra:
                combo.addItem(label, "")
        if names:
            self.old.setCurrentIndex(len(names) - 1)
            self.new.setCurrentIndex(self.new.count() - 1)
        self._update_buttons()

    def _update_buttons(self) -> None:
        store = self.actions.store
        self.save_button.setEnabled(not store.read_only)
        self.rank_button.setEnabled(bool(self.list.selectedItems()))
        self.current_button.setEnabled(store.read_only)
        self.compare_button.setEnabled(bool(self.snapshots))

    def save_snapshot(self) -> None:
        name, ok = QInputDialog.getText(
            self, "Save snapshot", "Name (e.g. 2026-Q4 review):", text=date.today().isoformat()
        )
        if not ok or not name.strip():
            return
        try:
            snap = self.actions.store.take_snapshot(name)
        except AdvisorError as exc:
            QMessageBox.warning(self, "Snapshot not saved", str(exc))
            return
        self.refresh()
        self.diff_summary.setText(f"Saved snapshot “{snap.name}”.")

    def rank_against(self) -> None:
        rows = self.list.selectionModel().selectedRows()
        if rows:
            self._open(self.snapshots[rows[0].row()].path.stem)

    def _open(self, name: str | None) -> None:
        try:
            self.actions.open_snapshot(name)
        except AdvisorError as exc:
            QMessageBox.warning(self, "Cannot open snapshot", str(exc))
            return
        self._update_buttons()
        self.accept()

    def compare(self) -> None:
        old, new = self.old.currentData(), self.new.currentData() or None
        try:
            changes = self.actions.store.diff(old, new)
            rankings = self.actions.compare_rankings(old, new)
        except AdvisorError as exc:
            QMessageBox.warning(self, "Cannot compare", str(exc))
            return
        self.diff_tabs.clear()
        added_models = [c for c in changes if c.table == "models" and c.kind == "added"]
        removed_models = [c for c in changes if c.table == "models" and c.kind == "removed"]
        prices = [
            c for c in changes if c.table == "models" and c.column and "usd_per_mtok" in c.column
        ]
        scores = [c for c in changes if c.table == "results"]
        self.diff_summary.setText(
            f"{counted(len(changes), 'change')}: {counted(len(added_models), 'model')} added, "
            f"{len(removed_models):,} removed, {counted(len(prices), 'price')} changed, "
            f"{counted(len(scores), 'benchmark result')} added, "
            "removed or changed."
            if changes
            else "No differences: the two catalogues hold the same rows."
        )
        rows = [
            [
                TABLE_LABELS[c.table],
                key_text(c.key),
                c.kind,
                c.column or "",
                value_text(c.before) if c.kind == "changed" else "",
                value_text(c.after) if c.kind == "changed" else "",
            ]
            for c in changes
        ]
        headers = ["Table", "Row", "Change", "Column", "Before", "After"]
        self.changes_table = read_only_table(headers, rows)
        for r, change in enumerate(changes):
            colour = {"added": "#2ca02c", "removed": "#d62728"}.get(change.kind)
            if colour:
                self.changes_table.item(r, 2).setForeground(QColor(colour))
        self.diff_tabs.addTab(self.changes_table, f"Catalogue changes ({len(changes)})")
        if rankings:
            self.ranking_table = read_only_table(
                ["Candidate", "Rank before", "Score before", "Rank after", "Score after"],
                rankings,
            )
            self.diff_tabs.addTab(self.ranking_table, "Your ranking, before and after")


class ConflictsDialog(QDialog):
    """Rows that both the user and a newer bundled catalogue changed: keep or take bundled."""

    def __init__(self, actions: CatalogueActions, parent=None) -> None:
        super().__init__(parent)
        self.actions = actions
        self.setWindowTitle("Bundled-update conflicts")
        self.resize(960, 480)
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(["Table", "Row", "Column", "Yours", "Bundled"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.keep = QPushButton("Keep mine")
        self.take = QPushButton("Take the bundled value")
        row.addWidget(self.keep)
        row.addWidget(self.take)
        row.addStretch(1)
        layout.addLayout(row)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.keep.clicked.connect(lambda: self.settle(take_bundled=False))
        self.take.clicked.connect(lambda: self.settle(take_bundled=True))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.refresh()

    def refresh(self) -> None:
        self.conflicts = self.actions.store.conflicts()
        lines = []  # one line per differing column, each pointing at its conflict
        for index, conflict in enumerate(self.conflicts):
            yours, bundled = conflict["yours"] or {}, conflict["bundled"] or {}
            columns = [c for c in bundled if yours.get(c) != bundled.get(c)] or [""]
            for column in columns:
                lines.append(
                    (
                        index,
                        TABLE_LABELS[conflict["table"]],
                        key_text(conflict["key"]),
                        column,
                        "deleted by you" if not yours else value_text(yours.get(column)),
                        value_text(bundled.get(column)),
                    )
                )
        self.lines = lines
        self.table.setRowCount(len(lines))
        for r, line in enumerate(lines):
            for c, text in enumerate(line[1:]):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.intro.setText(
            f"A newer bundled catalogue changed {counted(len(self.conflicts), 'row')} that you had "
            "changed too. Your values are kept until you decide. Select rows, then keep yours "
            "or take the bundled values (undoable with Ctrl+Z)."
            if self.conflicts
            else "No conflicts: every bundled update was merged without touching your edits."
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        selected = bool(self.table.selectionModel().selectedRows())
        self.keep.setEnabled(selected and not self.actions.read_only)
        self.take.setEnabled(selected and not self.actions.read_only)

    def settle(self, *, take_bundled: bool) -> None:
        chosen = sorted(
            {self.lines[i.row()][0] for i in self.table.selectionModel().selectedRows()}
        )
        try:
            for index in chosen:
                conflict = self.conflicts[index]
                self.actions.settle_conflict(
                    conflict["table"], list(conflict["key"]), take_bundled=take_bundled
                )
        except AdvisorError as exc:
            QMessageBox.warning(self, "Not settled", str(exc))
        self.refresh()
