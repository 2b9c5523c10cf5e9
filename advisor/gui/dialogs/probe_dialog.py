"""The live probe in the window: choose candidates and settings, run, watch progress, cancel.
Requests run on a worker thread; the catalogue is written on the GUI thread when the run ends,
so a cancelled run keeps (and stores) what it measured."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QSettings, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
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

from advisor.app import probe as live
from advisor.domain.errors import AdvisorError
from advisor.domain.wording import counted
from advisor.gui.models.catalogue_actions import CatalogueActions

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
        results = live.run(
            self.targets,
            self.keys,
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


class ProbeDialog(QDialog):
    """Choose candidates and settings, run, watch progress, cancel; results go into the
    catalogue as internal measurements and the ranking follows."""

    def __init__(
        self,
        actions: CatalogueActions,
        keys: live.KeyStore,
        settings: QSettings,
        labels: list[str],
        parent=None,
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
        endpoints = live.endpoints(actions.store)
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
            served = live.endpoint_for(actions.store, model_id, endpoints)
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
        self.results = QTableWidget(0, len(live.RESULT_HEADERS))
        self.results.setHorizontalHeaderLabels(list(live.RESULT_HEADERS))
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

    def chosen_targets(self) -> list[live.Target]:
        """The ticked candidates at their chosen endpoints; an AdvisorError saying what to do
        when none is ticked or an endpoint has no key."""
        targets = []
        for i in range(self.targets.rowCount()):
            if self.targets.item(i, 0).checkState() != Qt.CheckState.Checked:
                continue
            label = self.targets.item(i, 1).text()
            model_id = label.partition("@")[0]
            endpoint = self._endpoints.get(self.targets.cellWidget(i, 2).currentData())
            if endpoint is None:
                raise AdvisorError(f"Choose an endpoint for {model_id}.")
            api = self.targets.item(i, 3).text().strip() or model_id
            self.settings.setValue(f"probe/api_model/{model_id}", api)
            targets.append(live.target(label, endpoint, api))
        if not targets:
            raise AdvisorError("Tick at least one candidate to measure.")
        missing = live.missing_keys(targets, self.keys, environment=False)
        if missing:
            raise AdvisorError(
                f"No key for {', '.join(missing)}: set one under Probe ▸ Endpoints and API keys."
            )
        return targets

    def start(self) -> None:
        if self.actions.read_only:
            self.say(self.actions.state.store.read_only_reason("store measurements"), True)
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
        self.say(f"Measuring {counted(len(targets), 'candidate')}…")
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
        rows = [live.result_row(r) for r in results]
        self.results.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.results.setItem(r, c, QTableWidgetItem(text))
        self.results.resizeColumnsToContents()
        try:
            stored = live.store_results(self.actions.store, results, self.region.text().strip())
        except AdvisorError as exc:
            self.say(f"Measured, but not stored: {exc}", error=True)
            return
        self.actions.state.reload_catalogue()
        prefix = "Cancelled; kept what was measured. " if cancelled else ""
        self.say(
            prefix
            + f"Stored {counted(stored, 'figure')} as your own measurements; the ranking uses them "
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
