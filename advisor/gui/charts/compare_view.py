"""Side-by-side comparison of 2 to 4 candidates: grouped contribution bars per weight key and a
table of the raw figures behind them (source and date in each cell's tooltip)."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from advisor.domain.criteria import WORKLOAD_CRITERIA
from advisor.gui.charts.bar_chart import COLOURS, bar_plot, grouped_bars
from advisor.gui.labels import (
    candidate_text,
    catalogue_names,
    criterion_label,
    format_figure,
    model_names,
)
from advisor.gui.models.session import QtSession

CONDITION_MARKS = {
    "standard": "",
    "extended_thinking": "",
    "unspecified": " (?)",
    "parallel_test_time_compute": " (‖)",
    "extended_thinking+parallel_test_time_compute": " (‖)",
}


class CompareView(QWidget):
    """Compares the candidates given to :meth:`set_candidates` (the table's selected rows)."""

    def __init__(self, state: QtSession) -> None:
        super().__init__()
        self.state = state
        self._names = catalogue_names(state.session.frames)
        self.candidates: list[str] = []
        layout = QVBoxLayout(self)
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.plot, self.legend = bar_plot("Contribution to the score")
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
        names = model_names(self.state.session.frames)
        grouped_bars(
            self.plot,
            self.legend,
            [criterion_label(k, self._names) for k in keys],
            [
                (
                    f"{candidate_text(cand.candidate, names)}  ({cand.score:.3f})",
                    [cand.contributions.get(k, 0.0) for k in keys],
                    COLOURS[i],
                )
                for i, cand in enumerate(found)
            ],
        )
        self._fill_table(rec, ranked)

    def _fill_table(self, rec, labels: list[str]) -> None:
        matrix = rec.matrix
        rows_of = {label: i for i, label in enumerate(matrix.labels())}
        criteria = list(rec.ranking.criteria)
        if rec.profile.workload is not None:  # what the workload costs, weighted or not
            criteria += [c for c in WORKLOAD_CRITERIA if c not in criteria and c in matrix.criteria]
        figures = matrix.figures
        names = model_names(self.state.session.frames)
        self.figures.setColumnCount(len(labels))
        self.figures.setRowCount(len(criteria))
        self.figures.setHorizontalHeaderLabels([candidate_text(label, names) for label in labels])
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
                    shown = format_figure(criterion, value)
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
