"""The live probe in the window: endpoints and API keys (keys in the OS keyring only), and a run
that measures latency, speed and rate limits from this workstation, with progress and Cancel.

Requests run on a worker thread; the catalogue is written on the GUI thread when the run ends,
so a cancelled run keeps (and stores) what it measured.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QSettings, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from advisor import services
from advisor.domain.errors import AdvisorError
from advisor.gui.catalogue_actions import CatalogueActions

# Probe threads stay referenced until they finish: destroying a running QThread aborts.
_RUNNING: set[QThread] = set()


class ProbeWorker(QObject):
    """Runs one probe on its thread; ``cancel`` stops it, keeping what finished."""

    progressed = Signal(int, int)
    finished = Signal(object)

    def __init__(self, targets, keys, settings: dict) -> None:
        super().__init__()
        self.targets, self.keys, self.settings = targets, keys, settings
        self.cancel = threading.Event()

    def run(self) -> None:
        from advisor.probe.runner import run_probe

        results = run_probe(
            self.targets,
            self.keys.get,
            cancel=self.cancel,
            progress=lambda done, total: self.progressed.emit(done, total),
            **self.settings,
        )
        self.finished.emit(results)


class ProbeRun(QObject):
    """A probe on a background thread; emits ``done(results)`` on the GUI thread."""

    progressed = Signal(int, int)
    done = Signal(object)

    def __init__(self, targets, keys, settings: dict, parent=None) -> None:
        super().__init__(parent)
        self.thread = QThread()
        self.worker = ProbeWorker(targets, keys, settings)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self.progressed)
        self.worker.finished.connect(self._finished)
        _RUNNING.add(self.thread)
        self.thread.start()

    def cancel(self) -> None:
        self.worker.cancel.set()

    @Slot(object)
    def _finished(self, results) -> None:
        self.thread.quit()
        self.thread.wait()
        _RUNNING.discard(self.thread)
        self.done.emit(results)


def result_rows(results) -> list[list[str]]:
    """One line per target: successes, medians with spread, errors and limits seen."""
    from advisor.probe.runner import ERROR_LABELS

    rows = []
    for r in results:
        ttft, ttft_iqr = r.ttft()
        speed, speed_iqr = r.tokens_per_s()
        limits = r.rate_limits()
        rows.append(
            [
                r.target.label,
                f"{len(r.ok)}/{r.attempts}",
                "—" if ttft is None else f"{ttft:.2f} s ± {ttft_iqr:.2f}",
                "—" if speed is None else f"{speed:.0f} ± {speed_iqr:.0f}",
                "; ".join(f"{n} {ERROR_LABELS[k]}" for k, n in sorted(r.errors().items()))
                or "none",
                " · ".join(
                    f"{name} {limits[key]:,.0f}"
                    for key, name in (("requests_limit", "RPM"), ("tokens_limit", "TPM"))
                    if key in limits
                )
                or "—",
            ]
        )
    return rows


class KeysDialog(QDialog):
    """Endpoints (base URL, API format, vendor) and their keys: set, replace, test, delete.
    A key is typed into a password field and goes straight to the OS keyring."""

    def __init__(self, actions: CatalogueActions, keys, parent=None) -> None:
        from advisor.probe.keys import keyring_status

        super().__init__(parent)
        self.actions, self.keys = actions, keys
        self.setWindowTitle("Probe endpoints and API keys")
        self.resize(900, 420)
        layout = QVBoxLayout(self)
        self.status = keyring_status()
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
        self.endpoints = services.probe_endpoints(self.actions.store.db)
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
        from advisor.probe.runner import Target

        endpoint = self.selected()
        if endpoint is None:
            return
        if api_model is None:
            default = self._a_model_of(endpoint.vendor)
            api_model, ok = QInputDialog.getText(
                self, "Test key", "Model name at the endpoint:", text=default
            )
            if not ok or not api_model.strip():
                return
        target = Target(api_model.strip(), "standard", endpoint, api_model.strip())
        self.say(f"Testing the key for {endpoint.name}…")
        self._run = ProbeRun([target], self.keys, {"samples": 1, "timeout": 20.0}, self)
        self._run.done.connect(self._on_tested)
        self._update_buttons()

    def _a_model_of(self, vendor: str) -> str:
        row = self.actions.store.db.execute(
            "SELECT model_id FROM models WHERE vendor = ? ORDER BY release_date DESC", [vendor]
        ).fetchone()
        return row[0] if row else ""

    @Slot(object)
    def _on_tested(self, results) -> None:
        from advisor.probe.runner import ERROR_LABELS

        self._run = None
        [result] = results
        sample = result.samples[0] if result.samples else None
        if sample is not None and not sample.error:
            self.say(f"The key works: first token after {sample.ttft_s:.2f} s.")
        elif sample is not None:
            self.say(
                f"The test failed: {ERROR_LABELS[sample.error]}"
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
            services.save_probe_endpoint(self.actions.store.db, dialog.endpoint())
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

    def __init__(self, endpoint, parent=None) -> None:
        from advisor.probe.endpoints import WIRE_LABELS

        super().__init__(parent)
        self.setWindowTitle("Endpoint" if endpoint else "Add an endpoint")
        form = QFormLayout(self)
        self.name = QLineEdit(endpoint.name if endpoint else "")
        self.name.setEnabled(endpoint is None)
        self.wire = QComboBox()
        for wire, label in WIRE_LABELS.items():
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

    def endpoint(self):
        from advisor.probe.endpoints import Endpoint

        return Endpoint(
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


class ProbeDialog(QDialog):
    """Choose candidates and settings, run, watch progress, cancel; results go into the
    catalogue as internal measurements and the ranking follows."""

    def __init__(
        self, actions: CatalogueActions, keys, settings: QSettings, labels: list[str], parent=None
    ) -> None:
        super().__init__(parent)
        self.actions, self.keys, self.settings = actions, keys, settings
        self.setWindowTitle("Measure from this workstation")
        self.resize(980, 600)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Sends a few small streamed requests per candidate with your own key, from this "
            "computer, and times the first token and the output speed; the vendor's rate-limit "
            "headers show your account's limits. The only feature of Model Advisor that uses "
            "the network. Results are stored as your own (internal) measurements."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.targets = QTableWidget(len(labels), 4)
        self.targets.setHorizontalHeaderLabels(
            ["Measure", "Candidate", "Endpoint", "Model name at the endpoint"]
        )
        self.targets.verticalHeader().setVisible(False)
        self.targets.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        endpoints = services.probe_endpoints(actions.store.db)
        self._endpoints = {e.name: e for e in endpoints}
        for i, label in enumerate(labels):
            model_id, _, _mode = label.partition("@")
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            check.setCheckState(Qt.CheckState.Checked if i < 3 else Qt.CheckState.Unchecked)
            self.targets.setItem(i, 0, check)
            item = QTableWidgetItem(label)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.targets.setItem(i, 1, item)
            combo = QComboBox()
            for e in endpoints:
                combo.addItem(e.name, e.name)
            served = services.endpoint_for(actions.store.db, model_id, endpoints)
            combo.setCurrentIndex(combo.findData(served.name) if served else -1)
            self.targets.setCellWidget(i, 2, combo)
            remembered = str(settings.value(f"probe/api_model/{model_id}", model_id))
            self.targets.setItem(i, 3, QTableWidgetItem(remembered))
        self.targets.resizeColumnsToContents()
        layout.addWidget(self.targets, 1)
        form = QHBoxLayout()
        self.samples = QSpinBox()
        self.samples.setRange(1, 100)
        self.samples.setValue(5)
        self.concurrency = QSpinBox()
        self.concurrency.setRange(1, 16)
        self.concurrency.setValue(2)
        self.timeout = QDoubleSpinBox()
        self.timeout.setRange(2, 300)
        self.timeout.setValue(30)
        self.timeout.setSuffix(" s")
        self.region = QLineEdit(str(settings.value("probe/region", "")))
        self.region.setPlaceholderText("where you are, e.g. office-eu")
        for text, widget in (
            ("Requests each", self.samples),
            ("At once", self.concurrency),
            ("Timeout", self.timeout),
            ("Region label", self.region),
        ):
            form.addWidget(QLabel(text))
            form.addWidget(widget)
        layout.addLayout(form)
        self.progress = QProgressBar()
        layout.addWidget(self.progress)
        self.results = QTableWidget(0, 6)
        self.results.setHorizontalHeaderLabels(
            ["Candidate", "OK", "First token (median ± IQR)", "Tokens/s", "Errors", "Limits seen"]
        )
        self.results.verticalHeader().setVisible(False)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.results, 1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.run_button = QPushButton("Run")
        self.cancel_button = QPushButton("Cancel run")
        self.cancel_button.setEnabled(False)
        self.close_button = QPushButton("Close")
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.run_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)
        self._run: ProbeRun | None = None
        self._close_when_done: int | None = None

    def say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #d62728;" if error else "")
        self.message.setText(text)

    def chosen_targets(self):
        from advisor.probe.runner import Target

        targets, missing = [], []
        for i in range(self.targets.rowCount()):
            if self.targets.item(i, 0).checkState() != Qt.CheckState.Checked:
                continue
            model_id, _, mode = self.targets.item(i, 1).text().partition("@")
            endpoint = self._endpoints.get(self.targets.cellWidget(i, 2).currentData())
            api = self.targets.item(i, 3).text().strip() or model_id
            if endpoint is None:
                raise AdvisorError(f"Choose an endpoint for {model_id}.")
            if not self.keys.get(endpoint.name) and endpoint.wire.value != "openai_compatible":
                missing.append(endpoint.name)
            self.settings.setValue(f"probe/api_model/{model_id}", api)
            targets.append(Target(model_id, mode or "standard", endpoint, api))
        if not targets:
            raise AdvisorError("Tick at least one candidate to measure.")
        if missing:
            raise AdvisorError(
                f"No key for {', '.join(sorted(set(missing)))}: set one under Probe ▸ Endpoints "
                "and API keys."
            )
        return targets

    def start(self) -> None:
        if self.actions.read_only:
            self.say("A snapshot is open (read-only): return to the current catalogue.", True)
            return
        try:
            targets = self.chosen_targets()
        except AdvisorError as exc:
            self.say(str(exc), error=True)
            return
        self.settings.setValue("probe/region", self.region.text().strip())
        settings = {
            "samples": self.samples.value(),
            "concurrency": self.concurrency.value(),
            "timeout": self.timeout.value(),
        }
        self.progress.setRange(0, len(targets) * settings["samples"])
        self.progress.setValue(0)
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.say(f"Measuring {len(targets)} candidate(s)…")
        self._run = ProbeRun(targets, self.keys, settings, self)
        self._run.progressed.connect(lambda done, _total: self.progress.setValue(done))
        self._run.done.connect(self._on_done)

    def cancel(self) -> None:
        if self._run is not None:
            self._run.cancel()
            self.cancel_button.setEnabled(False)
            self.say("Cancelling; what was measured is kept…")

    @property
    def running(self) -> bool:
        return self._run is not None

    @Slot(object)
    def _on_done(self, results) -> None:
        cancelled = self._run is not None and self._run.worker.cancel.is_set()
        self._run = None
        self.run_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        rows = result_rows(results)
        self.results.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.results.setItem(r, c, QTableWidgetItem(text))
        self.results.resizeColumnsToContents()
        try:
            stored = services.store_probe_results(
                self.actions.store.db, results, self.region.text().strip()
            )
        except AdvisorError as exc:
            self.say(f"Measured, but not stored: {exc}", error=True)
            return
        self.actions.state.reload_catalogue()
        prefix = "Cancelled; kept what was measured. " if cancelled else ""
        self.say(
            prefix + f"Stored {stored} figure(s) as your own measurements; the ranking uses them "
            "unless the profile ranks on published figures only."
            if stored
            else prefix + "Nothing was measured successfully, so nothing was stored."
        )
        if self._close_when_done is not None:
            super().done(self._close_when_done)

    def done(self, result: int) -> None:
        if self._run is not None:
            answer = QMessageBox.question(
                self, "Probe running", "Stop the run, keep what was measured, and close?"
            )
            if answer == QMessageBox.StandardButton.Yes:
                self._close_when_done = result
                self.cancel()
            return
        super().done(result)
