"""Side-by-side comparison of 2 to 4 candidates: grouped contribution bars per weight key and a
table of the raw figures behind them (source and date in each cell's tooltip)."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from advisor.gui.labels import catalogue_names, criterion_label, format_number
from advisor.gui.state import AdvisorState

COLOURS = ("#4e79a7", "#f28e2b", "#59a14f", "#b07aa1")
CONDITION_MARKS = {
    "standard": "",
    "extended_thinking": "",
    "unspecified": " (?)",
    "parallel_test_time_compute": " (‖)",
    "extended_thinking+parallel_test_time_compute": " (‖)",
}


class CompareView(QWidget):
    """Compares the candidates given to :meth:`set_candidates` (the table's selected rows)."""

    def __init__(self, state: AdvisorState) -> None:
        super().__init__()
        self.state = state
        self._names = catalogue_names(state.session.frames)
        self.candidates: list[str] = []
        layout = QVBoxLayout(self)
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.plot = pg.PlotWidget()
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.showGrid(y=True, alpha=0.15)
        self.plot.setLabel("left", "Contribution to the score")
        self.plot.getAxis("left").enableAutoSIPrefix(False)
        self.legend = self.plot.addLegend(offset=(-10, 10), labelTextSize="8pt")
        layout.addWidget(self.plot, 3)
        self.figures = QTableWidget()
        self.figures.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.figures.setAlternatingRowColors(True)
        layout.addWidget(self.figures, 2)
        state.ranking_changed.connect(self._refresh)
        self._refresh()

    def set_candidates(self, labels: list[str]) -> None:
        """Compare these candidates (the first four are used)."""
        self.candidates = list(dict.fromkeys(labels))[:4]
        self._refresh()

    def _refresh(self) -> None:
        self.plot.clear()
        self.legend.clear()
        self.figures.clear()
        self.figures.setRowCount(0)
        self.figures.setColumnCount(0)
        rec = self.state.recommendation
        ranked = [] if rec is None else [c for c in self.candidates if rec.ranking.find(c)]
        if len(ranked) < 2:
            self.hint.setText(
                "Select 2 to 4 ranked candidates in the table (Ctrl+click or Shift+click) to "
                "compare them here."
            )
            return
        self.hint.setText(
            "Bars: what each criterion group adds to the score. Table: the figures counted; "
            "hover a cell for its source and date. (?) = condition unspecified, "
            "‖ = parallel test-time compute."
        )
        found = [rec.ranking.find(c) for c in ranked]
        keys = list(rec.ranking.weight_keys)
        width = 0.8 / len(found)
        for i, cand in enumerate(found):
            heights = [cand.contributions.get(k, 0.0) for k in keys]
            x = np.arange(len(keys)) - 0.4 + width * (i + 0.5)
            bars = pg.BarGraphItem(
                x=x,
                height=heights,
                width=width * 0.92,
                brush=pg.mkBrush(COLOURS[i]),
                pen=pg.mkPen(None),
            )
            self.plot.addItem(bars)
            self.legend.addItem(bars, f"{cand.candidate}  ({cand.score:.3f})")
        ticks = [(j, criterion_label(k, self._names)) for j, k in enumerate(keys)]
        self.plot.getAxis("bottom").setTicks([ticks])
        self.plot.setXRange(-0.6, len(keys) - 0.4, padding=0)
        self._fill_table(rec, ranked)

    def _fill_table(self, rec, labels: list[str]) -> None:
        matrix = rec.matrix
        rows_of = {label: i for i, label in enumerate(matrix.labels())}
        criteria = list(rec.ranking.criteria)
        figures = matrix.figures
        self.figures.setColumnCount(len(labels))
        self.figures.setRowCount(len(criteria))
        self.figures.setHorizontalHeaderLabels(labels)
        self.figures.setVerticalHeaderLabels([criterion_label(c, self._names) for c in criteria])
        for col, label in enumerate(labels):
            row = rows_of[label]
            mine = figures[figures["row"] == row].set_index("criterion")
            for r, criterion in enumerate(criteria):
                value = matrix.values[row, matrix.criteria.index(criterion)]
                if math.isnan(value):
                    item = QTableWidgetItem("—")
                    item.setToolTip("No counted figure")
                else:
                    f = mine.loc[criterion] if criterion in mine.index else None
                    condition = str(f["condition"]) if f is not None and f["condition"] else ""
                    shown = format_number(value)
                    item = QTableWidgetItem(f"{shown}{CONDITION_MARKS.get(condition, '')}")
                    if f is not None:
                        item.setToolTip(
                            f"{condition or 'attribute'} · {f['source_kind'] or ''} · "
                            f"{f['source_date'] or 'undated'}\n{f['source_url'] or 'no source URL'}"
                            + (f"\n{f['flags']}" if f["flags"] else "")
                        )
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.figures.setItem(r, col, item)
        self.figures.resizeColumnsToContents()
