"""Guided weights: derive weights from answers instead of sliders.

Two ways (docs/scoring.md §10): compare the chosen criteria in pairs (AHP, with the consistency
ratio and the most inconsistent judgement shown as you answer), or swing weighting (order the
worst-to-best improvements, then rate each against the first). Apply fills the weights on show
(the profile's or the viewed stakeholder's) and records how they were elicited.
"""

from __future__ import annotations

import datetime as dt
import itertools

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from advisor.app.elicitation import ACCEPTABLE_CR, MAX_KEYS, ahp, swing_weights
from advisor.domain.errors import AdvisorError
from advisor.domain.stakeholders import Elicitation
from advisor.domain.vocabulary import ElicitationMethod
from advisor.gui.dialogs.pair_row import PairRow, ratio_text
from advisor.gui.labels import GROUP_ORDER, catalogue_names, criterion_label, format_number
from advisor.gui.models.session import QtSession
from advisor.gui.signals import quietly


class WeightsWizard(QDialog):
    """Pick criteria, answer pairwise or swing questions, see the weights, apply them."""

    def __init__(self, state: QtSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        # Modal: the answers belong to whoever the wizard was opened for, so the view and the
        # profile cannot change underneath it.
        self.setModal(True)
        self.target = state.viewing
        who = state.viewing or "this profile"
        self.setWindowTitle(f"Guided weights for {who}")
        self.resize(720, 640)
        frames = state.session.frames
        self.names = catalogue_names(frames)
        groups = frames.criterion_groups
        present = list(dict.fromkeys(groups["group"]))
        self.keys_all = [g for g in GROUP_ORDER if g in present] + [
            g for g in present if g not in GROUP_ORDER
        ]
        # criteria weighted on their own (outside any group) can be elicited too
        self.keys_all += [k for k in state.weights if k not in self.keys_all]
        self.members = {
            g: dict(zip(rows["criterion"], rows["weight"], strict=True))
            for g, rows in groups.groupby("group")
        }
        layout = QVBoxLayout(self)
        heading = QLabel(f"Weights for {who}")
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setObjectName("profileTitle")
        layout.addWidget(heading)
        intro = QLabel(
            "Choose the criteria to weigh (3 to 7 is comfortable), then answer. Your answers, "
            "not slider positions, set the weights, and the way they were derived is saved "
            "with the profile and shown in the report."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        top = QHBoxLayout()
        self.criteria = QListWidget()
        self.criteria.setMaximumWidth(210)
        weighted = {k for k, v in state.weights.items() if v > 0}
        default = [k for k in self.keys_all if k in weighted] or self.keys_all[:5]
        for key in self.keys_all:
            item = QListWidgetItem(criterion_label(key, self.names))
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if key in default else Qt.CheckState.Unchecked)
            self.criteria.addItem(item)
        top.addWidget(self.criteria)
        right = QVBoxLayout()
        self.ahp_choice = QRadioButton("Compare them in pairs (AHP)")
        self.ahp_choice.setToolTip(
            "For each pair, say which matters more and by how much (1 to 9). The weights are "
            "the principal eigenvector of your answers; the consistency ratio says how well "
            "your answers agree with each other (at most 0.10 is acceptable)."
        )
        self.swing_choice = QRadioButton("Swing weighting")
        self.swing_choice.setToolTip(
            "Order the improvements from the worst to the best candidate on each criterion, "
            "then rate each against the one you want most (100)."
        )
        self.ahp_choice.setChecked(True)
        right.addWidget(self.ahp_choice)
        right.addWidget(self.swing_choice)
        self.pages = QStackedWidget()
        self.pairs_box = QWidget()
        self.pairs_layout = QVBoxLayout(self.pairs_box)
        self.pairs_layout.setSpacing(0)
        scroll = QScrollArea()
        scroll.setWidget(self.pairs_box)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        ahp_page = QWidget()
        ahp_layout = QVBoxLayout(ahp_page)
        ahp_layout.setContentsMargins(0, 0, 0, 0)
        ahp_layout.addWidget(scroll, 1)
        self.consistency = QLabel()
        self.consistency.setWordWrap(True)
        ahp_layout.addWidget(self.consistency)
        fix_row = QHBoxLayout()
        self.fix = QPushButton("Use the suggested value")
        self.fix.clicked.connect(self._use_suggestion)
        fix_row.addStretch(1)
        fix_row.addWidget(self.fix)
        ahp_layout.addLayout(fix_row)
        self.pages.addWidget(ahp_page)
        self.pages.addWidget(self._swing_page())
        right.addWidget(self.pages, 1)
        top.addLayout(right, 1)
        layout.addLayout(top, 1)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.result)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel
        )
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.setText("Use these weights")
        self.apply_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.rows: list[PairRow] = []
        self.weights: dict[str, float] = {}
        self.criteria.itemChanged.connect(lambda _item: self._rebuild())
        self.ahp_choice.toggled.connect(self._rebuild)
        self._rebuild()
        self._prefill()

    # ----- building ------------------------------------------------------------------------
    def _swing_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        text = QLabel(
            "Imagine a model that is the worst in the catalogue on every criterion. Which single "
            "improvement, from worst to best, would you want first? Put it at the top (it is "
            "worth 100), then rate each other improvement against it."
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        self.swings = QTableWidget(0, 3)
        self.swings.setHorizontalHeaderLabels(["Improvement", "From worst to best", "Worth"])
        self.swings.verticalHeader().setVisible(False)
        self.swings.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.swings.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.swings.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.swings.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.swings.setColumnWidth(0, 120)
        self.swings.setColumnWidth(1, 260)
        self.swings.setColumnWidth(2, 70)
        layout.addWidget(self.swings, 1)
        buttons = QHBoxLayout()
        self.up = QPushButton("Move up")
        self.down = QPushButton("Move down")
        self.up.clicked.connect(lambda: self._move(-1))
        self.down.clicked.connect(lambda: self._move(1))
        buttons.addWidget(self.up)
        buttons.addWidget(self.down)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.swing_order: list[str] = []
        self.ratings: dict[str, int] = {}
        return page

    def chosen(self) -> list[str]:
        """The checked criteria, in list order."""
        return [
            self.criteria.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.criteria.count())
            if self.criteria.item(i).checkState() == Qt.CheckState.Checked
        ]

    def label(self, key: str) -> str:
        return criterion_label(key, self.names)

    def _rebuild(self) -> None:
        keys = self.chosen()
        pairwise = self.ahp_choice.isChecked()
        self.pages.setCurrentIndex(0 if pairwise else 1)
        if pairwise:
            old = {r.key_pair: r.judgement for r in self.rows}
            for row in self.rows:
                row.hide()
                row.setParent(None)
                row.deleteLater()
            self.rows = []
            while self.pairs_layout.count():
                self.pairs_layout.takeAt(0)
            for i, a in enumerate(keys):
                for b in keys[i + 1 :]:
                    row = PairRow(self.label(a), self.label(b))
                    row.key_pair = (a, b)
                    if row.key_pair in old:
                        row.set_judgement(old[row.key_pair])
                    row.changed.connect(self._update)
                    self.rows.append(row)
                    self.pairs_layout.addWidget(row)
            self.pairs_layout.addStretch(1)
        else:
            self.swing_order = [k for k in self.swing_order if k in keys] + [
                k for k in keys if k not in self.swing_order
            ]
            self._fill_swings()
        self._update()

    def _range_text(self, key: str) -> str:
        """Worst and best figure in the current ranking's matrix for a group's main member."""
        rec = self.state.recommendation
        members = self.members.get(key, {key: 1.0})
        main = max(members, key=members.get)
        if rec is None or main not in rec.matrix.criteria:
            return "no figures"
        values = rec.matrix.column(main)
        values = values[~np.isnan(values)]
        if not values.size:
            return "no figures"
        higher = bool(rec.matrix.higher_is_better[rec.matrix.criteria.index(main)])
        worst, best = (values.min(), values.max()) if higher else (values.max(), values.min())
        text = f"{format_number(worst)} → {format_number(best)}"
        if len(members) > 1 or main != key:
            text += f" ({self.label(main)})"
        return text

    def _fill_swings(self) -> None:
        self.swings.setRowCount(len(self.swing_order))
        for row, key in enumerate(self.swing_order):
            self.swings.setItem(row, 0, QTableWidgetItem(self.label(key)))
            self.swings.setItem(row, 1, QTableWidgetItem(self._range_text(key)))
            box = QSpinBox()
            box.setRange(0, 100)
            box.setAccessibleName(f"Worth of {self.label(key)}")
            if row == 0:
                self.ratings[key] = 100
                box.setEnabled(False)
            box.setValue(self.ratings.setdefault(key, max(10, 100 - 20 * row)))
            box.valueChanged.connect(lambda v, k=key: self._rate(k, v))
            self.swings.setCellWidget(row, 2, box)

    def _rate(self, key: str, value: int) -> None:
        self.ratings[key] = value
        self._update()

    def _move(self, step: int) -> None:
        row = self.swings.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < len(self.swing_order):
            return
        order = self.swing_order
        order[row], order[target] = order[target], order[row]
        self._fill_swings()
        self.swings.selectRow(target)
        self._update()

    def _prefill(self) -> None:
        """Start from the recorded answers when the weights on show were elicited before."""
        e = self.state.elicitation
        if e is None or not set(e.keys) <= set(self.keys_all):
            return
        with quietly(self.criteria):  # one rebuild below, not one per ticked item
            for i in range(self.criteria.count()):
                item = self.criteria.item(i)
                key = item.data(Qt.ItemDataRole.UserRole)
                item.setCheckState(
                    Qt.CheckState.Checked if key in e.keys else Qt.CheckState.Unchecked
                )
        if e.method is ElicitationMethod.SWING:
            self.swing_choice.setChecked(True)
            order = sorted(range(len(e.keys)), key=lambda i: -e.ratings[i])
            self.swing_order = [e.keys[i] for i in order]
            self.ratings = {k: round(r) for k, r in zip(e.keys, e.ratings, strict=True)}
            self._fill_swings()
        else:
            self.ahp_choice.setChecked(True)
            self._rebuild()
            pairs = [(a, b) for i, a in enumerate(e.keys) for b in e.keys[i + 1 :]]
            given = dict(zip(pairs, e.judgements, strict=True))
            for row in self.rows:
                a, b = row.key_pair
                if (a, b) in given:
                    row.set_judgement(given[(a, b)])
                elif (b, a) in given:
                    row.set_judgement(1 / given[(b, a)])
        self._update()

    # ----- answers to weights --------------------------------------------------------------
    def elicitation(self) -> Elicitation | None:
        """The answers as a record, or None while they cannot give weights."""
        keys = self.chosen()
        today = dt.date.today().isoformat()
        if len(keys) < 2:
            return None
        if self.ahp_choice.isChecked():
            result = ahp(len(keys), [r.judgement for r in self.rows])
            return Elicitation(
                ElicitationMethod.AHP,
                tuple(keys),
                judgements=tuple(r.judgement for r in self.rows),
                consistency_ratio=round(result.consistency_ratio, 4),
                date=today,
            )
        ratings = [self.ratings.get(k, 0) for k in self.swing_order]
        if ratings[0] != 100 or sum(ratings) <= 0:
            return None
        return Elicitation(
            ElicitationMethod.SWING,
            tuple(self.swing_order),
            ratings=tuple(float(r) for r in ratings),
            date=today,
        )

    def _update(self) -> None:
        keys = self.chosen()
        self.weights = {}
        problem = ""
        self.fix.hide()
        for row in self.rows:
            row.mark(False)
        if len(keys) < 2:
            problem = "Tick at least two criteria."
        elif len(keys) > MAX_KEYS:
            problem = f"Pairwise comparison handles at most {MAX_KEYS} criteria."
        elif self.ahp_choice.isChecked():
            result = ahp(len(keys), [r.judgement for r in self.rows])
            self.weights = dict(zip(keys, result.weights.tolist(), strict=True))
            self._show_consistency(result)
        else:
            order = self.swing_order
            ratings = [self.ratings.get(k, 0) for k in order]
            for above, below in itertools.pairwise(order):
                if self.ratings.get(below, 0) > self.ratings.get(above, 0):
                    problem = (
                        f"{self.label(below)} is below {self.label(above)} in the order but "
                        "worth more; move it up or lower its worth."
                    )
                    break
            if not problem:
                self.weights = dict(zip(order, swing_weights(ratings).tolist(), strict=True))
        self.apply_button.setEnabled(bool(self.weights) and not problem)
        if problem:
            self.result.setText(f"<span style='color:#b03a2e'>{problem}</span>")
            return
        parts = sorted(self.weights.items(), key=lambda kv: -kv[1])
        self.result.setText(
            "<b>Resulting weights:</b> "
            + ", ".join(f"{self.label(k)} {v:.0%}" for k, v in parts)
            + ". Criteria not ticked get weight 0."
        )

    def _show_consistency(self, result) -> None:
        cr = result.consistency_ratio
        n = len(self.chosen())
        if n < 3:
            self.consistency.setText("Two criteria are always consistent.")
            return
        verdict = (
            "acceptable"
            if cr <= ACCEPTABLE_CR
            else f"above {ACCEPTABLE_CR:.2f}: some answers contradict the others"
        )
        text = f"<b>Consistency ratio {cr:.2f}</b> ({verdict})."
        worst = result.worst
        if worst is not None and cr > 0.0001:
            row = self.rows[self._pair_index(worst.row, worst.col, n)]
            row.mark(True)
            text += (
                f" Most inconsistent: <b>{row.left} vs {row.right}</b>: you said "
                f"{ratio_text(worst.given)}, your other answers imply about "
                f"{worst.implied:.2g} (suggested {ratio_text(worst.suggested)})."
            )
            self._suggestion = (row, worst.suggested)
            self.fix.setVisible(worst.suggested != worst.given)
        self.consistency.setText(text)

    @staticmethod
    def _pair_index(i: int, j: int, n: int) -> int:
        return i * n - i * (i + 1) // 2 + (j - i - 1)

    def _use_suggestion(self) -> None:
        row, value = self._suggestion
        row.set_judgement(value)

    def apply(self) -> None:
        elicitation = self.elicitation()
        if elicitation is None or not self.weights:
            return
        if self.state.viewing != self.target:
            QMessageBox.warning(
                self,
                "Weights not applied",
                "The weights on show changed owner while this was open; open Guided weights "
                "again for the one you mean.",
            )
            return
        try:
            self.state.apply_elicitation(self.weights, elicitation)
        except AdvisorError as exc:
            QMessageBox.warning(self, "Weights not applied", str(exc))
            return
        self.accept()
