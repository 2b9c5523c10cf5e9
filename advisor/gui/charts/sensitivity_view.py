"""The Sensitivity tab: rank acceptability (stacked bars), weight stability (tornado) and
what-if lines. The sampling runs in a worker thread with progress and cancel, restarted (after
a short pause) whenever the ranking changes."""

from __future__ import annotations

import atexit

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from advisor.app import analysis
from advisor.app.analysis import FIGURE_NOISE_CHOICES, FIXED, OWN_ERRORS, RELATIVE
from advisor.gui.labels import candidate_text, catalogue_names, criterion_label, model_names
from advisor.gui.models.session import QtSession
from advisor.gui.signals import quietly

RANK_COLOURS = ("#2a6ebb", "#7fa7d9", "#c7d7ee")
# Study threads are kept alive here until they finish, so closing the window while a study
# runs can never destroy a running QThread (which aborts the process); with their workers, so
# that a study still running when the interpreter exits is cancelled and waited for.
_RUNNING: dict[QThread, StudyWorker] = {}
DEBOUNCE_MS = 500


def _stop_running_studies() -> None:
    """At exit: cancel every study still running and wait for its thread (a window never
    closed, a finished signal never delivered): a QThread destroyed running aborts Python."""
    for thread, worker in list(_RUNNING.items()):
        worker.cancelled = True
        thread.quit()
        thread.wait()
    _RUNNING.clear()


atexit.register(_stop_running_studies)


class StudyWorker(QObject):
    """Runs one sensitivity study; checks ``cancelled`` between chunks of samples."""

    progressed = Signal(int)
    finished = Signal(object)

    def __init__(self, recommendation, settings: dict) -> None:
        super().__init__()
        self.recommendation = recommendation
        self.settings = settings
        self.cancelled = False

    def run(self) -> None:
        def progress(share: float) -> bool:
            self.progressed.emit(int(share * 100))
            return not self.cancelled

        study = analysis.sensitivity(self.recommendation, progress=progress, **self.settings)
        self.finished.emit(None if self.cancelled else study.as_dict())


class SensitivityView(QWidget):
    """How safe the recommendation is, recomputed in the background after edits."""

    def __init__(self, state: QtSession) -> None:
        super().__init__()
        self.state = state
        self._names = catalogue_names(state.session.frames)
        self.study: dict | None = None
        self._thread: QThread | None = None
        self._worker: StudyWorker | None = None
        layout = QVBoxLayout(self)
        controls = QHBoxLayout()
        self.samples = QSpinBox()
        self.samples.setRange(100, 100_000)
        self.samples.setSingleStep(500)
        self.samples.setValue(2000)
        self.samples.setSuffix(" samples")
        self.concentration = QDoubleSpinBox()
        self.concentration.setRange(1, 1000)
        self.concentration.setValue(50)
        self.concentration.setPrefix("closeness ")
        self.concentration.setToolTip(
            "Dirichlet concentration: how close sampled weights stay to yours (larger = closer)"
        )
        self.uniform = QCheckBox("Any weights")
        self.uniform.setToolTip("Sample weights uniformly: what wins if the weights are unknown")
        self.noise = QComboBox()
        self.noise.setAccessibleName("Figure uncertainty")
        for text, kind in FIGURE_NOISE_CHOICES:
            self.noise.addItem(text, kind)
        self.noise.setToolTip(
            "How the figures vary besides the weights: each benchmark figure by its own standard "
            "error (the source's, or binomial from the benchmark's item count), every figure "
            "within a share you set, or not at all"
        )
        self.error = QDoubleSpinBox()
        self.error.setRange(0.5, 50)
        self.error.setValue(5)
        self.error.setSuffix(" %")
        self.error.setToolTip("Perturb every figure by up to this share")
        self.error.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.cancel = QPushButton("Cancel")
        for widget in (self.samples, self.concentration, self.uniform):
            controls.addWidget(widget)
        controls.addWidget(self.progress, 1)
        controls.addWidget(self.cancel)
        layout.addLayout(controls)
        figures = QHBoxLayout()  # how the figures vary, on a row of its own
        figures.addWidget(self.noise)
        figures.addWidget(self.error)
        figures.addStretch(1)
        layout.addLayout(figures)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        grid = QGridLayout()
        self.acceptability = self._plot("", "Share of samples")
        self.tornado = self._plot("", "Weight share")
        self.whatif = self._plot("Score", "")
        self.whatif_key = QComboBox()
        self.whatif_key.setAccessibleName("Weight to sweep")
        for column, text in enumerate(
            (
                "How often each candidate ranks 1st (dark), 2nd and 3rd (light)",
                "Weight range that keeps the top candidate first (◆ = stated)",
            )
        ):
            title = QLabel(text)
            title.setWordWrap(True)
            grid.addWidget(title, 0, column)
        whatif_title = QHBoxLayout()
        whatif_title.addWidget(QLabel("What if one weight changes"))
        whatif_title.addWidget(self.whatif_key, 1)
        grid.addLayout(whatif_title, 0, 2)
        grid.addWidget(self.acceptability, 1, 0)
        grid.addWidget(self.tornado, 1, 1)
        grid.addWidget(self.whatif, 1, 2)
        layout.addLayout(grid, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.start)
        self.cancel.clicked.connect(self.stop)
        for signal in (
            self.samples.valueChanged,
            self.concentration.valueChanged,
            self.uniform.toggled,
            self.error.valueChanged,
            self.noise.currentIndexChanged,
        ):
            signal.connect(self._schedule)
        self.noise.currentIndexChanged.connect(
            lambda _i: self.error.setEnabled(self.noise.currentData() == RELATIVE)
        )
        self.whatif_key.currentIndexChanged.connect(self._draw_whatif)
        state.ranking_changed.connect(self._schedule)
        self._schedule()

    @staticmethod
    def _plot(y_label: str, x_label: str) -> pg.PlotWidget:
        plot = pg.PlotWidget()
        plot.setMenuEnabled(False)
        plot.setMouseEnabled(x=False, y=False)
        plot.showGrid(x=True, y=True, alpha=0.15)
        for side in ("left", "bottom"):
            plot.getAxis(side).enableAutoSIPrefix(False)
        if y_label:
            plot.setLabel("left", y_label)
        if x_label:
            plot.setLabel("bottom", x_label)
        return plot

    # ----- running -------------------------------------------------------------------------
    def _schedule(self, *_args) -> None:
        self._timer.start()  # debounced: a burst of edits redraws and runs one study

    def settings(self) -> dict:
        return {
            "samples": self.samples.value(),
            "concentration": None if self.uniform.isChecked() else self.concentration.value(),
            "relative_error": {OWN_ERRORS: None, FIXED: 0.0}.get(
                self.noise.currentData(), self.error.value() / 100
            ),
            "seed": 0,
        }

    def start(self) -> None:
        """Start a study of the current ranking, cancelling one that is running."""
        self.stop()
        self._fill_whatif_keys()
        self._draw_whatif()
        rec = self.state.recommendation
        if rec is None or len(rec.ranking) == 0:
            self.summary.setText(
                self.state.problem or "Nothing is ranked, so there is nothing to test."
            )
            return
        self.progress.setValue(0)
        self.cancel.setEnabled(True)
        self._thread = QThread()
        self._worker = StudyWorker(rec, self.settings())
        self._worker.moveToThread(self._thread)
        _RUNNING[self._thread] = self._worker
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self._on_progress)
        self._worker.finished.connect(self._on_finished)
        self._thread.start()

    def stop(self) -> None:
        """Cancel the running study (keeps the last finished result on screen)."""
        self._timer.stop()
        if self._worker is not None:
            self._worker.cancelled = True
        self._release_thread()

    def _release_thread(self) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            _RUNNING.pop(self._thread, None)  # released on the GUI thread, after it has stopped
        self._thread = self._worker = None
        self.cancel.setEnabled(False)

    @Slot(int)
    def _on_progress(self, percent: int) -> None:
        self.progress.setValue(percent)

    @Slot(object)
    def _on_finished(self, study) -> None:
        self._release_thread()
        if study is None:
            return
        self.study = study
        self.progress.setValue(100)
        self._draw(study)

    # ----- drawing -------------------------------------------------------------------------
    def _candidate(self, label: str) -> str:
        """A candidate as the ranking table names it ("GPT-5 · extended thinking")."""
        return candidate_text(label, model_names(self.state.session.frames))

    def _draw(self, study: dict) -> None:
        top = study["current_top"]
        first = next((a for a in study["acceptability"] if a["candidate"] == top), None)
        rank1 = first["rank_probabilities"][0] if first else 0.0
        self.summary.setText(
            f"The current recommendation, {self._candidate(top)}, ranks first in {rank1:.0%} of "
            f"{study['samples']:,} weight samples"
            + (" (weights near yours)" if study["concentration"] else " (any weights)")
            + f", {analysis.figure_noise_text(study)}."
        )
        shown = study["acceptability"][:8]
        self.acceptability.clear()
        rows = len(shown) - 1 - np.arange(len(shown))  # the most likely winner on top
        left = np.zeros(len(shown))
        for r in range(3):
            widths = np.array(
                [
                    a["rank_probabilities"][r] if r < len(a["rank_probabilities"]) else 0.0
                    for a in shown
                ]
            )
            self.acceptability.addItem(
                pg.BarGraphItem(
                    x0=left,
                    y=rows,
                    width=widths,
                    height=0.7,
                    brush=pg.mkBrush(RANK_COLOURS[r]),
                    pen=pg.mkPen(None),
                )
            )
            left = left + widths
        names = [self._candidate(a["candidate"]) for a in shown]
        self.acceptability.getAxis("left").setTicks([list(zip(rows.tolist(), names, strict=True))])
        self.acceptability.setXRange(0, 1)
        self.tornado.clear()
        rows = study["stability"]
        for i, s in enumerate(rows):
            self.tornado.addItem(
                pg.BarGraphItem(
                    x0=[s["low"]],
                    x1=[s["high"]],
                    y=[i],
                    height=0.6,
                    brush=pg.mkBrush("#7fa7d9"),
                    pen=pg.mkPen(None),
                )
            )
            self.tornado.addItem(
                pg.ScatterPlotItem(
                    x=[s["weight"]], y=[i], size=9, brush=pg.mkBrush("#2a6ebb"), symbol="d"
                )
            )
        self.tornado.getAxis("left").setTicks(
            [[(i, criterion_label(s["key"], self._names)) for i, s in enumerate(rows)]]
        )
        self.tornado.setXRange(0, 1)

    def _fill_whatif_keys(self) -> None:
        rec = self.state.recommendation
        keys = list(rec.ranking.weight_keys) if rec is not None else []
        current = [self.whatif_key.itemData(i) for i in range(self.whatif_key.count())]
        if keys == current:
            return
        with quietly(self.whatif_key):
            self.whatif_key.clear()
            for key in keys:
                self.whatif_key.addItem(criterion_label(key, self._names), key)

    def _draw_whatif(self, *_args) -> None:
        self.whatif.clear()
        rec = self.state.recommendation
        key = self.whatif_key.currentData()
        if rec is None or key is None or len(rec.ranking) == 0:
            return
        t, lines = analysis.what_if(rec, key, top=5)
        colours = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1")
        self.whatif.addLegend(offset=(-10, 10), labelTextSize="7pt")
        for colour, (label, scores) in zip(colours, lines.items(), strict=False):
            self.whatif.plot(t, scores, pen=pg.mkPen(colour, width=2), name=self._candidate(label))
        current = float(rec.ranking.basis.key_weights[rec.ranking.weight_keys.index(key)])
        self.whatif.addItem(
            pg.InfiniteLine(current, angle=90, pen=pg.mkPen("#888", style=Qt.PenStyle.DashLine))
        )
        self.whatif.setLabel("bottom", f"Weight of {criterion_label(key, self._names)}")
