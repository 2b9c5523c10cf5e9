"""Probe endpoints and API keys in the window: each endpoint's base URL, API format and vendor,
and its key — typed into a password field and kept in the OS keyring only (or for this session,
where no keyring exists) — set, replaced, tested with one request, or deleted."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from advisor.app import probe as live
from advisor.domain.errors import AdvisorError
from advisor.gui.dialogs.probe_dialog import ProbeRun
from advisor.gui.models.catalogue_actions import CatalogueActions


class KeysDialog(QDialog):
    """Endpoints (base URL, API format, vendor) and their keys: set, replace, test, delete.
    A key is typed into a password field and goes straight to the OS keyring."""

    def __init__(self, actions: CatalogueActions, keys: live.KeyStore, parent=None) -> None:
        super().__init__(parent)
        self.actions, self.keys = actions, keys
        self.setWindowTitle("Probe endpoints and API keys")
        self.resize(900, 420)
        layout = QVBoxLayout(self)
        self.status = live.keyring_status()
        self.keyring_note = QLabel(
            f"Keys are kept in the system keyring ({self.status.backend}) and nowhere else."
            if self.status.usable
            else self.status.reason + " A session-only key is forgotten when Model Advisor closes."
        )
        self.keyring_note.setWordWrap(True)
        if not self.status.usable:
            self.keyring_note.setObjectName("stance")
        layout.addWidget(self.keyring_note)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            ["Endpoint", "API format", "Base URL", "Vendor", "Key"]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.set_button = QPushButton("Set key…")
        self.test_button = QPushButton("Test key")
        self.delete_button = QPushButton("Delete key")
        self.edit_button = QPushButton("Edit endpoint…")
        self.add_button = QPushButton("Add endpoint…")
        for button in (self.set_button, self.test_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.edit_button)
        row.addWidget(self.add_button)
        layout.addLayout(row)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.set_button.clicked.connect(self.set_key)
        self.test_button.clicked.connect(self.test_key)
        self.delete_button.clicked.connect(self.delete_key)
        self.edit_button.clicked.connect(lambda: self.edit_endpoint(self.selected()))
        self.add_button.clicked.connect(lambda: self.edit_endpoint(None))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self._run: ProbeRun | None = None
        self.refresh()

    def refresh(self) -> None:
        self.endpoints = live.endpoints(self.actions.store)
        self.table.setRowCount(len(self.endpoints))
        for i, e in enumerate(self.endpoints):
            where = self.keys.where(e.name)
            key_text = {"keyring": "in the keyring", "session": "this session only"}.get(
                where, "none"
            )
            for c, text in enumerate((e.name, e.wire.value, e.base_url, e.vendor or "—", key_text)):
                self.table.setItem(i, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        if self.endpoints and not self.table.selectedItems():
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.endpoints[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        e = self.selected()
        has_key = e is not None and bool(self.keys.where(e.name))
        self.set_button.setEnabled(e is not None)
        self.test_button.setEnabled(has_key and self._run is None)
        self.delete_button.setEnabled(has_key)
        self.edit_button.setEnabled(e is not None)

    def say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #d62728;" if error else "")
        self.message.setText(text)

    def set_key(self) -> None:
        endpoint = self.selected()
        if endpoint is None:
            return
        dialog = KeyEntryDialog(endpoint.name, self.status, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.store_key(endpoint.name, dialog.key.text(), dialog.session_only.isChecked())

    def store_key(self, name: str, key: str, session_only: bool) -> bool:
        try:
            self.keys.set(name, key, session_only=session_only)
        except AdvisorError as exc:
            self.say(str(exc), error=True)
            return False
        where = "for this session only" if session_only else "in the system keyring"
        self.say(f"Key for {name} stored {where}.")
        self.refresh()
        return True

    def delete_key(self) -> None:
        endpoint = self.selected()
        if endpoint is None:
            return
        try:
            self.keys.delete(endpoint.name)
        except AdvisorError as exc:
            self.say(str(exc), error=True)
            return
        self.say(f"Deleted the key for {endpoint.name}.")
        self.refresh()

    def test_key(self, api_model: str | None = None) -> None:
        """One small request with the key; says whether the endpoint accepted it."""
        endpoint = self.selected()
        if endpoint is None:
            return
        if api_model is None:
            default = live.a_model_of(self.actions.store, endpoint.vendor)
            api_model, ok = QInputDialog.getText(
                self, "Test key", "Model name at the endpoint:", text=default
            )
            if not ok or not api_model.strip():
                return
        target = live.target(api_model.strip(), endpoint)
        self.say(f"Testing the key for {endpoint.name}…")
        self._run = ProbeRun([target], self.keys, {"samples": 1, "timeout": 20.0}, self)
        self._run.done.connect(self._on_tested)
        self._update_buttons()

    @Slot(object)
    def _on_tested(self, results) -> None:
        self._run = None
        [result] = results
        sample = result.samples[0] if result.samples else None
        if sample is not None and not sample.error:
            self.say(f"The key works: first token after {sample.ttft_s:.2f} s.")
        elif sample is not None:
            self.say(
                f"The test failed: {live.ERROR_LABELS[sample.error]}"
                + (f" ({sample.detail})" if sample.detail else "")
                + ". Check the key, the base URL and the model name.",
                error=True,
            )
        self._update_buttons()

    def edit_endpoint(self, endpoint) -> None:
        dialog = EndpointDialog(endpoint, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            live.save_endpoint(self.actions.store, dialog.endpoint())
        except AdvisorError as exc:
            self.say(str(exc), error=True)
            return
        self.refresh()

    def done(self, result: int) -> None:
        if self._run is not None:
            self._run.cancel()
        super().done(result)


class KeyEntryDialog(QDialog):
    """A hidden field for one key; session-only when no keyring can hold it."""

    def __init__(self, name: str, status, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"API key for {name}")
        layout = QVBoxLayout(self)
        self.key = QLineEdit()
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setPlaceholderText("Paste the key from the vendor's console")
        layout.addWidget(self.key)
        self.session_only = QCheckBox("Keep for this session only (never written anywhere)")
        if not status.usable:
            self.session_only.setChecked(True)
            self.session_only.setEnabled(False)
            note = QLabel(status.reason)
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addWidget(self.session_only)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(460, 0)


class EndpointDialog(QDialog):
    """Name, API format, base URL and catalogue vendor of an endpoint."""

    def __init__(self, endpoint: live.Endpoint | None, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Endpoint" if endpoint else "Add an endpoint")
        form = QFormLayout(self)
        self.name = QLineEdit(endpoint.name if endpoint else "")
        self.name.setEnabled(endpoint is None)
        self.wire = QComboBox()
        for wire, label in live.WIRE_LABELS.items():
            self.wire.addItem(label, wire)
        if endpoint:
            self.wire.setCurrentIndex(self.wire.findData(endpoint.wire))
        self.base_url = QLineEdit(endpoint.base_url if endpoint else "http://127.0.0.1:8000/v1")
        self.vendor = QLineEdit(endpoint.vendor if endpoint else "")
        self.vendor.setPlaceholderText("the catalogue vendor whose models it serves")
        form.addRow("Name", self.name)
        form.addRow("API format", self.wire)
        form.addRow("Base URL", self.base_url)
        form.addRow("Vendor", self.vendor)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.hide()
        form.addRow(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(520, 0)

    def endpoint(self) -> live.Endpoint:
        return live.Endpoint(
            self.name.text().strip(),
            self.wire.currentData(),
            self.base_url.text().strip(),
            self.vendor.text().strip(),
        )

    def accept(self) -> None:
        try:
            self.endpoint()
        except AdvisorError as exc:
            self.problem.setText(str(exc))
            self.problem.show()
            return
        super().accept()
