"""The Stakeholders tab: who takes part, how the group's weights are formed, a chart of each
stakeholder's weights, and where they disagree (top 3 each, widest spreads, acceptable to all)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from advisor.domain.errors import AdvisorError
from advisor.domain.stakeholders import shares
from advisor.domain.vocabulary import Aggregation
from advisor.gui.charts.bar_chart import COLOURS, bar_plot, grouped_bars
from advisor.gui.labels import candidate_text, catalogue_names, criterion_label, model_names
from advisor.gui.models.session import QtSession
from advisor.gui.signals import quietly

GROUP_COLOUR = "#555555"
AGGREGATION_LABELS = {
    Aggregation.ARITHMETIC: "Arithmetic mean",
    Aggregation.GEOMETRIC: "Geometric mean",
}


class StakeholdersView(QWidget):
    """Manage stakeholders and see their weights side by side and where they disagree."""

    def __init__(self, state: QtSession) -> None:
        super().__init__()
        self.state = state
        self._names = catalogue_names(state.session.frames)
        self._models = model_names(state.session.frames)
        state.catalogue_changed.connect(self._on_catalogue_changed)
        layout = QHBoxLayout(self)
        left_box = QWidget()
        left_box.setFixedWidth(270)
        left = QVBoxLayout(left_box)
        left.setContentsMargins(0, 0, 0, 0)
        self.people = QListWidget()
        self.people.setAccessibleName("Stakeholders")
        self.people.itemDoubleClicked.connect(lambda item: self._view(item.text()))
        title = QLabel("Stakeholders: double-click one to rank and weigh as them")
        title.setWordWrap(True)
        left.addWidget(title)
        left.addWidget(self.people, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Add…")
        self.rename_button = QPushButton("Rename…")
        self.remove_button = QPushButton("Remove")
        self.add_button.clicked.connect(self.add)
        self.rename_button.clicked.connect(self.rename)
        self.remove_button.clicked.connect(self.remove)
        for b in (self.add_button, self.rename_button, self.remove_button):
            buttons.addWidget(b)
        left.addLayout(buttons)
        form = QFormLayout()
        self.rule = QComboBox()
        for rule, text in AGGREGATION_LABELS.items():
            self.rule.addItem(text, rule)
        self.rule.setToolTip(
            "How the group's weights are formed from each stakeholder's normalised weights. "
            "Arithmetic: the mean share. Geometric: the geometric mean, normalised again; a "
            "criterion any stakeholder leaves at 0 gets 0."
        )
        self.rule.activated.connect(self._rule_chosen)
        self.top_k = QSpinBox()
        self.top_k.setRange(1, 9999)
        self.top_k.setToolTip("A candidate is acceptable to all when it is in every top k.")
        self.top_k.valueChanged.connect(self.state.set_consensus_top_k)
        form.addRow("Group", self.rule)
        form.addRow("Consensus: top", self.top_k)
        left.addLayout(form)
        layout.addWidget(left_box)

        right = QVBoxLayout()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setObjectName("hint")
        self.plot, self.legend = bar_plot("Share of their weights")
        right.addWidget(self.hint)
        right.addWidget(self.plot, 1)
        self.tops = QTableWidget(0, 3)
        self.tops.setHorizontalHeaderLabels(["1", "2", "3"])
        self.tops.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.tops.horizontalHeader().setStretchLastSection(True)
        self.tops.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tops.hide()
        right.addWidget(self.tops)
        self.spread = QLabel()
        self.spread.setWordWrap(True)
        self.spread.setTextFormat(Qt.TextFormat.RichText)
        self.consensus = QLabel()
        self.consensus.setWordWrap(True)
        self.consensus.setTextFormat(Qt.TextFormat.RichText)
        right.addWidget(self.spread)
        right.addWidget(self.consensus)
        layout.addLayout(right, 1)
        state.stakeholders_changed.connect(self._on_stakeholders_changed)
        state.view_changed.connect(lambda _name: self._on_stakeholders_changed())
        state.weights_changed.connect(self._draw_weights)
        state.ranking_changed.connect(self._on_ranking_changed)
        self._on_stakeholders_changed()
        self._on_ranking_changed()

    # ----- actions -------------------------------------------------------------------------
    def add(self) -> None:
        name, ok = QInputDialog.getText(
            self,
            "Add stakeholder",
            "Name (e.g. Engineering, Security, Finance, Legal). They start from the weights "
            "on show; adjust them or use Guided weights.",
        )
        if ok:
            self._try(lambda: self.state.add_stakeholder(name))

    def rename(self) -> None:
        item = self.people.currentItem()
        if item is None:
            return
        name, ok = QInputDialog.getText(self, "Rename stakeholder", "New name", text=item.text())
        if ok:
            self._try(lambda: self.state.rename_stakeholder(item.text(), name))

    def remove(self) -> None:
        item = self.people.currentItem()
        if item is None:
            return
        last = len(self.state.stakeholders) == 1
        answer = QMessageBox.question(
            self,
            "Remove stakeholder",
            f"Remove {html.escape(item.text())} and their weights?"
            + (" Their weights become the profile's." if last else ""),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._try(lambda: self.state.remove_stakeholder(item.text()))

    def _view(self, name: str) -> None:
        self._try(lambda: self.state.view(name))

    def _rule_chosen(self, index: int) -> None:
        self._try(lambda: self.state.set_aggregation(self.rule.itemData(index)))
        self.rule.setCurrentIndex(self.rule.findData(self.state.aggregation))

    def _try(self, action) -> None:
        try:
            action()
        except AdvisorError as exc:
            QMessageBox.warning(self, "Stakeholders", str(exc))

    # ----- drawing -------------------------------------------------------------------------
    def _on_catalogue_changed(self) -> None:
        self._names = catalogue_names(self.state.session.frames)
        self._models = model_names(self.state.session.frames)

    def _on_stakeholders_changed(self) -> None:
        people = self.state.stakeholders
        current = self.people.currentItem().text() if self.people.currentItem() else ""
        with quietly(self.people, self.top_k):
            self._fill_people(people, current)
            self.top_k.setValue(self.state.consensus_top_k)
        self.rename_button.setEnabled(bool(people))
        self.remove_button.setEnabled(bool(people))
        self.rule.setCurrentIndex(self.rule.findData(self.state.aggregation))
        self.rule.setEnabled(len(people) > 1)
        self._draw_weights()

    def _fill_people(self, people, current: str) -> None:
        self.people.clear()
        for person in people:
            how = person.elicitation.summary if person.elicitation else "weights entered directly"
            item = QListWidgetItem(person.name)
            item.setToolTip(how)
            if person.name == self.state.viewing:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.people.addItem(item)
            if person.name in (current, self.state.viewing):
                self.people.setCurrentItem(item)

    def _draw_weights(self) -> None:
        self.plot.clear()
        self.legend.clear()
        people = self.state.stakeholders
        self.plot.setVisible(bool(people))  # no stakeholders: an empty state, never old axes
        if not people:
            self.plot.getAxis("bottom").setTicks([[]])
            self.hint.setText(
                "A procurement decision has several stakeholders. Add them here (engineering, "
                "security, finance, legal…): each states their own weights, by sliders or "
                "Guided weights; the group ranks on the rule on the left, and this tab shows "
                "where they disagree. Without stakeholders the profile's weights are used."
            )
            return
        self.hint.setText(
            "Each stakeholder's weights as shares of their own total, and the group's (grey). "
            "Switch the ranking between the group and any stakeholder above the table."
        )
        try:
            group = shares(self.state.profile().weights)
        except AdvisorError:  # no valid group weights: the problem banner says why
            group = {}
        everyone = dict.fromkeys([*group, *(k for p in people for k in p.weights)])
        keys = sorted(everyone, key=lambda k: -group.get(k, 0))
        series = [
            (p.name, shares(p.weights), COLOURS[i % len(COLOURS)]) for i, p in enumerate(people)
        ]
        series.append(("Group", group, GROUP_COLOUR))
        grouped_bars(
            self.plot,
            self.legend,
            [criterion_label(k, self._names) for k in keys],
            [(name, [values.get(k, 0.0) for k in keys], colour) for name, values, colour in series],
        )
        self.plot.setYRange(0, max(max(v.values(), default=0) for _, v, _ in series) * 1.1)

    def _on_ranking_changed(self) -> None:
        analysis = self.state.group_analysis()
        self.tops.setRowCount(0)
        self.tops.hide()
        self.spread.clear()
        self.consensus.clear()
        if analysis is None:
            return
        rows = [("Group", [c.candidate for c in analysis.group.top(3)])]
        rows += [(p.name, list(analysis.top(p.name))) for p in self.state.stakeholders]
        self.tops.setRowCount(len(rows))
        self.tops.setVerticalHeaderLabels([who for who, _ in rows])
        for r, (_who, labels) in enumerate(rows):
            for c, label in enumerate(labels):
                item = QTableWidgetItem(candidate_text(label, self._models))
                item.setToolTip(label)
                self.tops.setItem(r, c, item)
        self.tops.resizeColumnsToContents()
        height = self.tops.horizontalHeader().height() + 2 * self.tops.frameWidth()
        height += sum(self.tops.rowHeight(r) for r in range(len(rows)))
        scrollbar = self.tops.horizontalScrollBar().sizeHint().height()
        self.tops.setFixedHeight(height + scrollbar)
        self.tops.show()
        parts = [
            s.describe(f"<b>{html.escape(criterion_label(s.key, self._names))}</b>", html.escape)
            for s in analysis.widest()
        ]
        self.spread.setText(
            "<b>Widest weight spread:</b> " + ("; ".join(parts) if parts else "none")
        )
        consensus = html.escape(
            ", ".join(candidate_text(c, self._models) for c in analysis.consensus)
        ) or (
            "none: no candidate is in every stakeholder's top "
            f"{analysis.top_k}; widen k or revisit the widest spreads"
        )
        self.consensus.setText(
            f"<b>Acceptable to all</b> (in every stakeholder's top {analysis.top_k}): {consensus}"
        )
