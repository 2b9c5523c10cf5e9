"""Catalogue ▸ Update from source…: pick a public source and a copy of it (a file or folder on
disk, or the newest published copy, downloaded only when the user presses Download), preview
what a sync would add, change and remove — with unmapped names, conflicts with the user's own
values and rejected records — and apply it all or nothing.

Reading, downloading and writing run in a worker thread with its own connection to the
catalogue, so the window stays responsive; a progress bar shows what is happening."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from advisor.app import source_sync
from advisor.app.workspace import Workspace
from advisor.domain.errors import AdvisorError
from advisor.domain.wording import counted, rows_are
from advisor.gui.dialogs.catalogue_dialogs import key_text, read_only_table, value_text

# Sync threads stay referenced until they finish: destroying a running QThread aborts.
_RUNNING: set[QThread] = set()


class SyncWorker(QObject):
    """Downloads, plans or applies a sync off the GUI thread, on its own connection."""

    progress = Signal(str, int)  # what is happening, bytes downloaded (-1: not a download)
    downloaded = Signal(str)  # the file saved
    planned = Signal(object)  # a SyncPlan
    applied = Signal(object, str)  # the SyncPlan written, the snapshot saved first ("")
    failed = Signal(str)

    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self.db_path = db_path

    @Slot(str, str)
    def download(self, source: str, url: str) -> None:
        self._run(self._download, source, url)

    @Slot(str, str)
    def plan(self, source: str, path: str) -> None:
        self._run(self._plan, source, path)

    @Slot(object, str)
    def apply(self, plan, snapshot: str) -> None:
        self._run(self._apply, plan, snapshot)

    def _run(self, job, *args) -> None:
        try:
            job(*args)
        except AdvisorError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # a bug: say so plainly rather than lose the thread silently
            self.failed.emit(f"The update could not be done ({type(exc).__name__}: {exc}).")

    def _download(self, source: str, url: str) -> None:
        self.progress.emit(f"Downloading {source}…", 0)
        with Workspace.open(self.db_path) as workspace:
            path = source_sync.download(
                workspace,
                source,
                url=url,
                progress=lambda got: self.progress.emit(f"Downloading {source}…", got),
            )
        self.downloaded.emit(str(path))

    def _plan(self, source: str, path: str) -> None:
        self.progress.emit(f"Reading {Path(path).name} and working out the changes…", -1)
        with Workspace.open(self.db_path) as workspace:
            self.planned.emit(source_sync.plan(workspace, source, path))

    def _apply(self, plan, snapshot: str) -> None:
        with Workspace.open(self.db_path) as workspace:
            saved = ""
            if snapshot:
                self.progress.emit("Saving a snapshot first…", -1)
                saved = workspace.take_snapshot(snapshot).name
            self.progress.emit("Writing the changes in one transaction…", -1)
            source_sync.apply(workspace, plan)
        self.applied.emit(plan, saved)


class SourceSyncDialog(QDialog):
    """Update the catalogue from a public source, with a preview of every change."""

    want_download = Signal(str, str)
    want_plan = Signal(str, str)
    want_apply = Signal(object, str)
    previewed = Signal()  # a preview is on show
    synced = Signal(str)  # a summary sentence, once a sync is written

    def __init__(self, db_path: Path, parent: QWidget | None = None, folder: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Update the catalogue from a public source")
        self.resize(980, 640)
        self.folder = folder or str(Path.home())
        self.plan: source_sync.SyncPlan | None = None
        self.result_text = ""
        self.sources = {info.key: info for info in source_sync.sources()}
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.source = QComboBox()
        for info in self.sources.values():
            self.source.addItem(f"{info.title} ({info.licence})", info.key)
        self.source.setAccessibleName("Source")
        form.addRow("Source", self.source)
        file_row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setPlaceholderText("the file or folder you downloaded")
        self.path.setAccessibleName("Copy of the source")
        self.choose = QPushButton("Choose…")
        self.preview_button = QPushButton("Preview")
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.choose)
        file_row.addWidget(self.preview_button)
        form.addRow("Copy", file_row)
        url_row = QHBoxLayout()
        self.url = QLineEdit()
        self.url.setAccessibleName("Download address")
        self.download_button = QPushButton("Download newest copy")
        self.download_button.setToolTip(
            "Fetch the source's published copy from this address. The only network use "
            "besides the live probe, and only when you press this button."
        )
        url_row.addWidget(self.url, 1)
        url_row.addWidget(self.download_button)
        form.addRow("Published at", url_row)
        layout.addLayout(form)
        self.about = QLabel()
        self.about.setObjectName("hint")
        self.about.setWordWrap(True)
        layout.addWidget(self.about)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        self.summary = QLabel(
            "Choose a copy of the source and press Preview: nothing is written "
            "until you apply the changes."
        )
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.summary)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        snap_row = QHBoxLayout()
        self.snapshot = QCheckBox("First save a snapshot of the catalogue, named")
        self.snapshot.setChecked(True)
        self.snapshot_name = QLineEdit()
        snap_row.addWidget(self.snapshot)
        snap_row.addWidget(self.snapshot_name, 1)
        layout.addLayout(snap_row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.apply_button = self.buttons.addButton(
            "Apply changes", QDialogButtonBox.ButtonRole.ApplyRole
        )
        self.apply_button.setEnabled(False)
        layout.addWidget(self.buttons)

        self.thread = QThread()
        self.worker = SyncWorker(Path(db_path))
        self.worker.moveToThread(self.thread)
        self.want_download.connect(self.worker.download)
        self.want_plan.connect(self.worker.plan)
        self.want_apply.connect(self.worker.apply)
        self.worker.progress.connect(self._on_progress)
        self.worker.downloaded.connect(self._on_downloaded)
        self.worker.planned.connect(self._on_planned)
        self.worker.applied.connect(self._on_applied)
        self.worker.failed.connect(self._on_failed)
        # The worker is deleted on its own thread as that thread ends, never from this one.
        self.thread.finished.connect(self.worker.deleteLater)
        _RUNNING.add(self.thread)
        self.thread.start()

        self.source.currentIndexChanged.connect(self._source_changed)
        self.choose.clicked.connect(self._choose)
        self.preview_button.clicked.connect(self.start_preview)
        self.download_button.clicked.connect(self.start_download)
        self.path.textChanged.connect(self._forget_plan)
        self.apply_button.clicked.connect(self.start_apply)
        self.buttons.rejected.connect(self.reject)
        self._source_changed()

    # ----- choices ---------------------------------------------------------------------------
    @property
    def key(self) -> str:
        return str(self.source.currentData())

    def _source_changed(self, *_args) -> None:
        info = self.sources[self.key]
        self.url.setText(info.download_url)
        self.url.setEnabled(bool(info.download_url))
        self.download_button.setEnabled(bool(info.download_url))
        layout = "a folder" if info.layout == "folder" else "a file"
        how = (
            ""
            if info.download_url
            else f" It publishes no single file: download the folder from {info.homepage}."
        )
        self.about.setText(
            f"{info.title}, {info.homepage}: licence {info.licence}, credited as "
            f"“{info.credit}”. Give {layout} in its published format.{how}"
        )
        self.snapshot_name.setText(f"before {info.key} update {date.today().isoformat()}")
        self._forget_plan()

    def _choose(self) -> None:
        info = self.sources[self.key]
        if info.layout == "folder":
            chosen = QFileDialog.getExistingDirectory(
                self, f"Choose the {info.title} folder", self.folder
            )
        else:
            chosen, _ = QFileDialog.getOpenFileName(
                self, f"Choose the {info.title} file", self.folder
            )
        if chosen:
            self.path.setText(chosen)
            self.start_preview()

    # ----- work ------------------------------------------------------------------------------
    def _busy(self, busy: bool) -> None:
        for widget in (self.source, self.path, self.choose, self.preview_button, self.url):
            widget.setEnabled(not busy)
        info = self.sources[self.key]
        self.url.setEnabled(not busy and bool(info.download_url))
        self.download_button.setEnabled(not busy and bool(info.download_url))
        self.apply_button.setEnabled(not busy and self._can_apply())
        self.progress.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)

    def start_preview(self) -> None:
        path = self.path.text().strip()
        if not path:
            self.summary.setText("Choose the file or folder to read first.")
            return
        self.folder = str(Path(path).parent)
        self._forget_plan()
        self._busy(True)
        self.want_plan.emit(self.key, path)

    def start_download(self) -> None:
        self._forget_plan()
        self._busy(True)
        self.want_download.emit(self.key, self.url.text().strip())

    def start_apply(self) -> None:
        if not self._can_apply():
            return
        name = self.snapshot_name.text().strip() if self.snapshot.isChecked() else ""
        self._busy(True)
        self.apply_button.setEnabled(False)
        self.want_apply.emit(self.plan, name)

    def _can_apply(self) -> bool:
        plan = self.plan
        return bool(plan is not None and plan.accepted and plan.changes)

    def _forget_plan(self, *_args) -> None:
        self.plan = None
        self.apply_button.setEnabled(False)

    # ----- results ---------------------------------------------------------------------------
    @Slot(str, int)
    def _on_progress(self, text: str, got: int) -> None:
        self.progress.setFormat(text if got < 0 else f"{text} {got / 1e6:.1f} MB")
        if got < 0:
            self.progress.setRange(0, 0)

    @Slot(str)
    def _on_downloaded(self, path: str) -> None:
        self.path.blockSignals(True)
        self.path.setText(path)
        self.path.blockSignals(False)
        self._busy(True)
        self.want_plan.emit(self.key, path)

    @Slot(object)
    def _on_planned(self, plan) -> None:
        self.plan = plan
        self._busy(False)
        self._show_plan(plan)
        self.apply_button.setEnabled(self._can_apply())
        self.previewed.emit()

    @Slot(object, str)
    def _on_applied(self, plan, snapshot: str) -> None:
        self._busy(False)
        self.plan = None
        self.apply_button.setEnabled(False)
        text = (
            f"Updated from {plan.reading.info.title} (snapshot {plan.reading.snapshot_date}): "
            f"{counted(plan.count('added'), 'row')} added, {plan.count('changed'):,} changed, "
            f"{plan.count('removed')} removed."
        )
        if plan.conflicts:
            text += f" {counted(len(plan.conflicts), 'value')} you set by hand kept."
        if snapshot:
            text += f" Snapshot “{snapshot}” saved first."
        self.result_text = text
        self.summary.setText(text)
        self.synced.emit(text)

    @Slot(str)
    def _on_failed(self, error: str) -> None:
        self._busy(False)
        self.summary.setText(f"<span style='color:#c0392b'>{error}</span>")
        self.summary.setObjectName("problem")

    def _show_plan(self, plan: source_sync.SyncPlan) -> None:
        r = plan.reading
        self.tabs.clear()
        changes = {
            kind: [c for c in plan.changes if c.kind == kind]
            for kind in ("added", "changed", "removed")
        }
        tables = {
            "Added": read_only_table(
                ["Table", "Row"], [[c.table, key_text(c.key)] for c in changes["added"]]
            ),
            "Changed": read_only_table(
                ["Table", "Row", "Column", "Now", "After the update"],
                [
                    [c.table, key_text(c.key), col, value_text(a), value_text(b)]
                    for c in changes["changed"]
                    for col, a, b in c.changes
                ],
            ),
            "Removed": read_only_table(
                ["Table", "Row"], [[c.table, key_text(c.key)] for c in changes["removed"]]
            ),
            "Unmapped names": read_only_table(
                ["Name in the source", "Records", "Why", "Closest catalogue id"],
                [
                    [name, n, "ambiguous", near]
                    for (_s, name, _f, near), n in sorted(plan.report.ambiguous.items())
                ]
                + [
                    [name, n, "maps to no model", near]
                    for (_s, name, _f, near), n in sorted(plan.report.unmapped.items())
                ],
            ),
            "Conflicts": read_only_table(
                ["Model", "Column", "Yours (kept)", "The source's"],
                [
                    [c.model_id, c.column, value_text(c.yours), value_text(c.source)]
                    for c in plan.conflicts
                ],
            ),
            "Rejected": read_only_table(
                ["File", "Line", "Field", "Problem"],
                [[p.file, p.line or "", p.column or "", p.reason] for p in plan.rejected],
            ),
        }
        counts = {
            "Added": len(changes["added"]),
            "Changed": len(changes["changed"]),
            "Removed": len(changes["removed"]),
            "Unmapped names": len(plan.report.ambiguous) + len(plan.report.unmapped),
            "Conflicts": len(plan.conflicts),
            "Rejected": len(plan.rejected),
        }
        for title, widget in tables.items():
            self.tabs.addTab(widget, f"{title} ({counts[title]})")
        read = (
            f"{r.info.title}: {counted(r.records, 'record')} read from <b>{plan.path.name}</b> "
            f"(snapshot {r.snapshot_date or 'undated'}); {len(r.skipped):,} set aside as not "
            "model figures."
        )
        if not plan.accepted:
            self.summary.setText(
                f"{read}<br><b>This copy is rejected</b>: "
                f"{counted(len(plan.rejected), 'record')} cannot be read, each listed with its "
                "file, record and field. Nothing will be written."
            )
            self.tabs.setCurrentWidget(tables["Rejected"])
        elif not plan.changes:
            self.summary.setText(
                f"{read}<br>Nothing to change: {rows_are(plan.unchanged)} as the catalogue "
                "already has them."
            )
            self.tabs.setCurrentWidget(tables["Unmapped names"])
        else:
            self.summary.setText(
                f"{read}<br>Applying adds {counted(counts['Added'], 'row')}, changes "
                f"{counts['Changed']:,} and removes {counts['Removed']:,} ({plan.unchanged:,} "
                "unchanged); values you set by hand are kept "
                f"({counted(counts['Conflicts'], 'conflict')}). All or nothing, in one "
                "transaction."
            )
            self.tabs.setCurrentWidget(tables["Changed" if counts["Changed"] else "Added"])

    # ----- closing ---------------------------------------------------------------------------
    def stop(self) -> None:
        """End the worker thread (a sync being written finishes first)."""
        if self.thread.isRunning():
            self.thread.quit()
            self.thread.wait()
        _RUNNING.discard(self.thread)  # here, on the GUI thread, once it has stopped

    def done(self, result: int) -> None:
        self.stop()
        super().done(result)
