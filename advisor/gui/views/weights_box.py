"""The weights box: one slider per criterion group, each expandable to its criteria, with each
weight's share of the total. It shows the weights on show — the profile's, a stakeholder's, or
(read-only) the group's — and redraws only when those change."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from advisor.gui.labels import GROUP_ORDER, catalogue_names, criterion_label
from advisor.gui.models.session import QtSession
from advisor.gui.signals import quietly


class WeightRow(QWidget):
    """Label, slider, numeric box and share of 100% for one weight key."""

    changed = Signal(str, float)

    def __init__(self, key: str, label: str, tooltip: str = "", indent: int = 0) -> None:
        super().__init__()
        self.key = key
        layout = QHBoxLayout(self)
        layout.setContentsMargins(indent, 0, 0, 0)
        self.name = QLabel(label)
        self.name.setToolTip(tooltip or key)
        self.name.setMinimumWidth(110 - indent)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 100)
        self.slider.setAccessibleName(f"Weight of {label}")
        self.box = QDoubleSpinBox()
        self.box.setRange(0, 100)
        self.box.setDecimals(1)
        self.box.setSingleStep(1)
        self.box.setAccessibleName(f"Weight of {label} (number)")
        self.box.setFixedWidth(64)
        self.share = QLabel("0%")
        self.share.setFixedWidth(40)
        self.share.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.share.setToolTip("Share of all weights")
        layout.addWidget(self.name)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.box)
        layout.addWidget(self.share)
        self.slider.valueChanged.connect(self._from_slider)
        self.box.valueChanged.connect(self._from_box)

    def set_value(self, value: float) -> None:
        with quietly(self.slider, self.box):  # the slider rounds: 45.5 must not echo as 46
            self.slider.setValue(round(value))
            self.box.setValue(value)

    def set_share(self, share: float) -> None:
        self.share.setText(f"{share:.0%}")

    def set_editable(self, editable: bool) -> None:
        self.slider.setEnabled(editable)
        self.box.setEnabled(editable)

    def _from_slider(self, value: int) -> None:
        with quietly(self.box):
            self.box.setValue(value)
        self.changed.emit(self.key, float(value))

    def _from_box(self, value: float) -> None:
        with quietly(self.slider):
            self.slider.setValue(round(value))
        self.changed.emit(self.key, float(value))


class WeightsBox(QGroupBox):
    """One row per criterion group, each expandable to its individual criteria."""

    guided_requested = Signal()

    def __init__(self, state: QtSession) -> None:
        super().__init__("Weights")
        self.state = state
        frames = state.session.frames
        self._benchmark_names = catalogue_names(frames)
        self._members: dict[str, list[str]] = {}
        labels: dict[str, str] = {}
        descriptions: dict[str, str] = {}
        for row in frames.criterion_groups.itertuples(index=False):
            self._members.setdefault(row.group, []).append(row.criterion)
            if isinstance(row.label, str) and row.label:
                labels.setdefault(row.group, row.label)
            if isinstance(row.description, str) and row.description:
                descriptions.setdefault(row.group, row.description)
        for group, members in self._members.items():
            members.sort()
            labels.setdefault(group, group)
            descriptions.setdefault(group, "")
        order = [g for g in GROUP_ORDER if g in self._members] + sorted(
            g for g in self._members if g not in GROUP_ORDER
        )
        self.rows: dict[str, WeightRow] = {}
        self._expanders: dict[str, QWidget] = {}
        layout = QVBoxLayout(self)
        layout.setSpacing(2)
        top = QHBoxLayout()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setObjectName("hint")
        top.addWidget(self.hint, 1)
        self.guided = QPushButton("Guided…")
        self.guided.setToolTip(
            "Derive the weights from your answers: pairwise comparisons (AHP) or swing "
            "weighting (Ctrl+G)"
        )
        self.guided.clicked.connect(self.guided_requested)
        top.addWidget(self.guided, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        for group in order:
            header = QHBoxLayout()
            toggle = QToolButton()
            toggle.setArrowType(Qt.ArrowType.RightArrow)
            toggle.setAutoRaise(True)
            toggle.setCheckable(True)
            toggle.setToolTip(f"Weight individual {labels[group].lower()} criteria")
            row = self._add_row(group, labels[group], descriptions[group])
            header.addWidget(toggle)
            header.addWidget(row, 1)
            layout.addLayout(header)
            members = QWidget()
            members_layout = QVBoxLayout(members)
            members_layout.setContentsMargins(0, 0, 0, 4)
            members_layout.setSpacing(0)
            for criterion in self._members[group]:
                members_layout.addWidget(
                    self._add_row(
                        criterion,
                        criterion_label(criterion, self._benchmark_names),
                        f"{criterion}: extra weight on this criterion alone",
                        indent=28,
                    )
                )
            members.setVisible(False)
            layout.addWidget(members)
            self._expanders[group] = members
            toggle.toggled.connect(lambda on, t=toggle, m=members: self._expand(t, m, on))
        self._other = QVBoxLayout()
        layout.addLayout(self._other)
        state.weights_changed.connect(self._on_weights_changed)
        state.stakeholders_changed.connect(self._on_owner_changed)
        state.view_changed.connect(lambda _name: self._on_owner_changed())

    def _add_row(self, key: str, label: str, tooltip: str, indent: int = 0) -> WeightRow:
        row = WeightRow(key, label, tooltip, indent)
        row.changed.connect(self.state.set_weight)
        self.rows[key] = row
        return row

    @staticmethod
    def _expand(toggle: QToolButton, members: QWidget, on: bool) -> None:
        toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        members.setVisible(on)

    def _on_owner_changed(self) -> None:
        """Whose weights are on show, and whether they can be edited here."""
        state = self.state
        editable = state.weights_editable
        if state.viewing:
            self.setTitle(f"Weights of {state.viewing}")
        else:
            self.setTitle("Weights of the group" if state.stakeholders else "Weights")
        self.guided.setEnabled(editable)
        for row in self.rows.values():
            row.set_editable(editable)
        self._show_hint()

    def _show_hint(self) -> None:
        state = self.state
        if not state.weights_editable:
            self.hint.setText(
                f"The group's weights: the {state.aggregation.value} mean of "
                f"{len(state.stakeholders)} stakeholders' weights. Choose a stakeholder in "
                "“Ranking for” above the ranking to change theirs."
            )
        else:
            how = state.elicitation
            self.hint.setText(
                "Drag to set how much each matters; shares update as you go."
                + (f" From {how.summary}." if how is not None else "")
            )

    def _on_weights_changed(self) -> None:
        self._show_hint()  # how they were elicited (and whether adjusted since)
        weights = self.state.weights
        shares = self.state.weight_shares()
        for key in weights:
            if key not in self.rows:  # a criterion weighted by the profile outside any group
                row = self._add_row(key, criterion_label(key, self._benchmark_names), key)
                row.set_editable(self.state.weights_editable)
                self._other.addWidget(row)
        for key, row in self.rows.items():
            row.set_value(weights.get(key, 0.0))
            row.set_share(shares.get(key, 0.0))
        for group, members in self._expanders.items():
            if any(weights.get(c, 0) > 0 for c in self._members[group]) and not members.isVisible():
                members.setVisible(True)
