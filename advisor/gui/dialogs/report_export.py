"""File ▸ Export report…: ask for the cover details, write the PDF in a worker thread, show
progress, and report success or a clear error. The report code itself is Qt-free."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QSpinBox,
    QWidget,
)

from advisor.app.report import ReportOptions, export_report
from advisor.domain.errors import AdvisorError


class ReportDialog(QDialog):
    """Cover details and layout; remembers organisation and author between sessions."""

    def __init__(
        self, parent: QWidget, settings: QSettings, profile_name: str, viewing: str = ""
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export report")
        self.settings = settings
        form = QFormLayout(self)
        self.title = QLineEdit(str(settings.value("report/title", ReportOptions().title)))
        self.organisation = QLineEdit(str(settings.value("report/organisation", "")))
        self.author = QLineEdit(str(settings.value("report/author", "")))
        self.page_size = QComboBox()
        self.page_size.addItems(["A4", "Letter"])
        self.page_size.setCurrentText(str(settings.value("report/page_size", "A4")))
        self.shortlist = QSpinBox()
        self.shortlist.setRange(1, 10)
        self.shortlist.setValue(int(settings.value("report/shortlist", 3)))
        self.shortlist.setSuffix(" candidates with their own page")
        form.addRow("Title", self.title)
        form.addRow("Organisation", self.organisation)
        form.addRow("Author", self.author)
        form.addRow("Page size", self.page_size)
        form.addRow("Shortlist", self.shortlist)
        if viewing:  # the window shows one stakeholder's ranking; the report is the group's
            self.which = QLabel(
                f"The report ranks on the group's weights and shows every stakeholder's; the "
                f"window now shows {viewing}'s ranking. Choose the group under “Ranking for” "
                "to see on screen what the report will say."
            )
            self.which.setWordWrap(True)
            self.which.setObjectName("hint")
            form.addRow(self.which)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setToolTip(f"Report for the profile “{profile_name}”")

    def options(self) -> ReportOptions:
        values = {
            "report/title": self.title.text().strip() or ReportOptions().title,
            "report/organisation": self.organisation.text().strip(),
            "report/author": self.author.text().strip(),
            "report/page_size": self.page_size.currentText(),
            "report/shortlist": self.shortlist.value(),
        }
        for key, value in values.items():
            self.settings.setValue(key, value)
        return ReportOptions(
            title=values["report/title"],
            organisation=values["report/organisation"],
            author=values["report/author"],
            page_size=values["report/page_size"],
            shortlist=values["report/shortlist"],
            date=dt.date.today(),
        )


class ExportWorker(QObject):
    """Writes the report off the GUI thread."""

    finished = Signal(str)
    failed = Signal(str)

    def __init__(self, session, profile, path: Path, options: ReportOptions, meta: dict) -> None:
        super().__init__()
        self.args = (session, profile, path, options, meta)

    def run(self) -> None:
        try:
            written = export_report(*self.args)
        except AdvisorError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # a bug: say so plainly rather than lose the thread silently
            self.failed.emit(f"The report could not be written ({type(exc).__name__}: {exc}).")
        else:
            self.finished.emit(str(written))


class ReportExport(QObject):
    """Runs one export with a busy progress dialog; emits ``done`` with the path or an error."""

    done = Signal(str, str)  # path, error ("" on success)

    def __init__(self, parent: QWidget, state, path: Path, options: ReportOptions) -> None:
        super().__init__(parent)
        self.path = path
        self.progress = QProgressDialog("Writing the report…", "Hide", 0, 0, parent)
        self.progress.setWindowTitle("Export report")
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(300)
        self.thread = QThread(self)
        self.worker = ExportWorker(
            state.session, state.profile(), path, options, state.catalogue_meta
        )
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        # Bound slots of this GUI-thread object, so Qt queues the calls back to the GUI thread.
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)

    def start(self) -> None:
        self.thread.start()

    @Slot(str)
    def _on_finished(self, path: str) -> None:
        self._finish(path, "")

    @Slot(str)
    def _on_failed(self, error: str) -> None:
        self._finish("", error)

    def _finish(self, path: str, error: str) -> None:
        self.thread.quit()
        self.thread.wait()
        self.progress.reset()
        self.done.emit(path, error)
