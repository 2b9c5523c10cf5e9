"""Side-by-side comparison of 2 to 4 candidates: is each difference real? The probability that
one outscores another under measurement noise, grouped contribution bars per weight key and a
table of the figures behind them with their standard errors and, per criterion, the
probability that the first candidate's figure is the better (source and date in each cell's
tooltip)."""

from __future__ import annotations

import html
import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from advisor.app import estimates, uncertainty
from advisor.app.ranking import figures_for
from advisor.domain.criteria import WORKLOAD_CRITERIA
from advisor.domain.uncertainty_words import (
    estimate_cell,
    estimate_text,
    odds_text,
    plus_minus,
    uncertainty_text,
)
from advisor.gui.charts.bar_chart import COLOURS, bar_plot, grouped_bars
from advisor.gui.labels import (
    candidate_text,
    catalogue_names,
    criterion_label,
    format_figure,
    model_names,
)
from advisor.gui.models.session import QtSession
from advisor.gui.theme import ESTIMATE_COLOUR

# Draws per comparison: P within about half a point, in well under 100 ms for 4 candidates.
COMPARE_SAMPLES = 10_000

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
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.TextFormat.RichText)
        self.verdict.setAccessibleName("Is the difference real?")
        layout.addWidget(self.verdict)
        self.comparison: uncertainty.Comparison | None = None
        self.plot, self.legend = bar_plot("Contribution to the score")
        layout.addWidget(self.plot, 3)
        self.figures = QTableWidget()
        self.figures.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.figures.setAlternatingRowColors(True)
        layout.addWidget(self.figures, 3)
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
        self.verdict.setText("")
        self.comparison = None
        rec = self.state.recommendation
        ranked = [] if rec is None else [c for c in self.candidates if rec.ranking.find(c)]
        if len(ranked) < 2:
            self.hint.setText(
                "Select 2 to 4 ranked candidates in the table (Ctrl+click or Shift+click) to "
                "compare them here."
            )
            return
        self.hint.setText(
            "Bars: each group's share of the score. Table: figures ± standard error, and P(#1 "
            "better) per criterion; hover a cell for its source. (?) unspecified, ‖ parallel."
        )
        found = [rec.ranking.find(c) for c in ranked]
        self.comparison = uncertainty.comparison(rec, ranked, samples=COMPARE_SAMPLES)
        self.verdict.setText(self._verdict_html(self.comparison))
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

    def _verdict_html(self, result: uncertainty.Comparison) -> str:
        names = model_names(self.state.session.frames)
        lines = []
        first = html.escape(candidate_text(result.labels[0], names))
        for b in range(1, len(result.labels)):
            p = float(result.overall[0, b])
            other = html.escape(candidate_text(result.labels[b], names))
            real = max(p, 1 - p) >= result.confidence
            verdict = (
                "<b>the gap is real</b>"
                if real
                else "<b style='color:#b9770e'>within measurement noise</b>"
            )
            lines.append(f"{first} outscores {other} in {odds_text(p)} of draws: {verdict}.")
        shares = ", ".join(
            f"{html.escape(candidate_text(label, names))} {odds_text(float(p))}"
            for label, p in zip(result.labels, result.p_first, strict=True)
        )
        caveat = (
            f"; {result.unknown_errors:,} figures of unknown error held fixed (the odds "
            "overstate certainty)"
            if result.unknown_errors
            else ""
        )
        guessed = 0 if result.estimated is None else int(result.estimated.sum())
        if guessed:
            caveat += f"; {guessed:,} estimated figures drawn within their own standard errors"
        return (
            "<br>".join(lines)
            + f"<br><small>P(first): {shares}. {result.samples:,} draws within the standard "
            f"errors; a gap is real at {result.confidence:.0%}{caveat}.</small>"
        )

    def _fill_table(self, rec, labels: list[str]) -> None:
        matrix = rec.matrix
        criteria = list(rec.ranking.criteria)
        if rec.profile.workload is not None:  # what the workload costs, weighted or not
            criteria += [c for c in WORKLOAD_CRITERIA if c not in criteria and c in matrix.criteria]
        column_of = {c: j for j, c in enumerate(matrix.criteria)}
        names = model_names(self.state.session.frames)
        result = self.comparison
        odds_of = {c: j for j, c in enumerate(result.criteria)} if result is not None else {}
        pair_columns = len(labels) - 1
        self.figures.setColumnCount(len(labels) + pair_columns)
        self.figures.setRowCount(len(criteria))
        self.figures.setHorizontalHeaderLabels(
            [candidate_text(label, names) for label in labels]
            + [f"P(#1 better than #{b + 1})" for b in range(1, len(labels))]
        )
        self.figures.setVerticalHeaderLabels([criterion_label(c, self._names) for c in criteria])
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for col, label in enumerate(labels):
            row = matrix.row_of(label)
            mine = {f["criterion"]: f for f in figures_for(rec, row)}
            guessed = {e["criterion"]: e for e in estimates.estimates_for(rec, row)}
            for r, criterion in enumerate(criteria):
                value = matrix.values[row, column_of[criterion]]
                if criterion in guessed:
                    e = guessed[criterion]
                    item = QTableWidgetItem(estimate_cell(e["value"], e["stderr"]))
                    item.setToolTip(
                        estimate_text(e["value"], e["stderr"], *e["interval_80"])
                        + f"; from the model's {e['based_on']} published benchmark scores. "
                        "The comparison draws it within its own standard error"
                    )
                    font = item.font()
                    font.setItalic(True)
                    item.setFont(font)
                    item.setForeground(QColor(ESTIMATE_COLOUR))
                elif math.isnan(value):
                    item = QTableWidgetItem("—")
                    item.setToolTip("No counted figure")
                else:
                    f = mine.get(criterion)
                    condition = str(f["condition"]) if f is not None and f["condition"] else ""
                    shown = format_figure(criterion, value)
                    spread = "" if f is None else plus_minus(f["stderr"], f["stderr_origin"])
                    text = f"{shown}{' ' + spread if spread else ''}"
                    item = QTableWidgetItem(f"{text}{CONDITION_MARKS.get(condition, '')}")
                    if f is not None:
                        error = uncertainty_text(f["stderr"], f["stderr_origin"])
                        item.setToolTip(
                            f"{condition or 'attribute'} · {f['source_kind'] or ''} · "
                            f"{f['source_date'] or 'undated'}\n{f['source_url'] or 'no source URL'}"
                            + (f"\n{error}" if error else "")
                            + (f"\n{f['flags']}" if f["flags"] else "")
                        )
                item.setTextAlignment(right)
                self.figures.setItem(r, col, item)
        for b in range(1, len(labels)):
            for r, criterion in enumerate(criteria):
                j = odds_of.get(criterion)
                p = None if j is None or result is None else float(result.by_criterion[0, b, j])
                item = QTableWidgetItem("" if j is None else odds_text(p))
                item.setTextAlignment(right)
                if j is not None:
                    item.setToolTip(
                        "Not known: a figure is missing, or the two figures' errors are unknown"
                        if p is None or math.isnan(p)
                        else f"P(#1's figure is better than #{b + 1}'s) = {odds_text(p)} "
                        "(normal errors with the two standard errors; exact figures give 0, "
                        "50 or 100%)"
                    )
                self.figures.setItem(r, len(labels) + b - 1, item)
        self.figures.resizeColumnsToContents()
