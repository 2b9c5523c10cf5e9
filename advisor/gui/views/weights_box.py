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

NAME_WIDTH = 116  # every row's name is this wide (less its indent): the sliders line up
MEMBER_INDENT = 14  # a group's criteria sit this far in under the group's name


class WeightRow(QWidget):
    """Label, slider, numeric box and share of 100% for one weight key."""

    changed = Signal(str, float)

    def __init__(self, key: str, label: str, tooltip: str = "", indent: int = 0) -> None:
        super().__init__()
        self.key = key
        layout = QHBoxLayout(self)
        layout.setContentsMargins(indent, 0, 0, 0)
        self.name = QLabel()
        self.name.setFixedWidth(NAME_WIDTH - indent)
        # a long benchmark name is cut at its end (the tooltip has it whole)
        self.name.setText(
            self.name.fontMetrics().elidedText(
                label, Qt.TextElideMode.ElideRight, NAME_WIDTH - indent
            )
        )
        self.name.setToolTip(tooltip or label)
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
        self.share.setText(f"{share:.0%}" if share == 0 or share >= 0.005 else "<1%")

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
        blend: dict[str, dict[str, float]] = {}  # group -> criterion -> its weight in the group
        labels: dict[str, str] = {}
        descriptions: dict[str, str] = {}
        for row in frames.criterion_groups.itertuples(index=False):
            self._members.setdefault(row.group, []).append(row.criterion)
            blend.setdefault(row.group, {})[row.criterion] = float(row.weight)
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
        self._member_rows: dict[str, WeightRow] = {}  # a group's criteria, by criterion
        self._expanders: dict[str, QWidget] = {}
        self.blends: dict[str, QLabel] = {}  # what each group blends, above its criteria
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
            header.setSpacing(6)
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
            # the criteria's sliders start where the group's does (the toggle's width in)
            members_layout.setContentsMargins(toggle.sizeHint().width() + header.spacing(), 0, 0, 4)
            members_layout.setSpacing(0)
            total = sum(blend[group].values()) or 1.0
            part = {c: w / total for c, w in blend[group].items()}  # each one's part of the group
            names = {c: criterion_label(c, self._benchmark_names) for c in self._members[group]}
            caption = QLabel(
                f"{labels[group]} blends "
                + ", ".join(
                    f"{names[c]} {part[c]:.0%}"
                    for c in sorted(self._members[group], key=lambda c: -part[c])
                )
                + ". A box below adds weight to one criterion alone; % is each criterion's "
                "share of all the weight, through the group and its own."
            )
            caption.setObjectName("hint")
            caption.setWordWrap(True)
            caption.setContentsMargins(MEMBER_INDENT, 0, 0, 2)
            members_layout.addWidget(caption)
            self.blends[group] = caption
            for criterion in self._members[group]:
                row = self._add_row(
                    criterion,
                    names[criterion],
                    f"{names[criterion]}: {part[criterion]:.0%} of "
                    f"{labels[group]}. The box adds weight on this criterion alone; % is its "
                    "share of all the weight, through the group and its own.",
                    indent=MEMBER_INDENT,
                )
                self._member_rows[criterion] = row
                members_layout.addWidget(row)
            members.setVisible(False)
            layout.addWidget(members)
            self._expanders[group] = members
            toggle.toggled.connect(lambda on, t=toggle, m=members: self._expand(t, m, on))
        self._other = QVBoxLayout()
        layout.addLayout(self._other)
        state.weights_changed.connect(self._on_weights_changed)
        state.ranking_changed.connect(self._show_member_shares)
        state.stakeholders_changed.connect(self._on_owner_changed)
        state.view_changed.connect(lambda _name: self._on_owner_changed())

    def _add_row(self, key: str, label: str, tooltip: str, indent: int = 0) -> WeightRow:
        row = WeightRow(key, label, tooltip, indent)
        row.changed.connect(self.state.set_weight)
        # Δ after a drag compares with the ranking before the drag, not its last step
        row.slider.sliderPressed.connect(self.state.begin_gesture)
        row.slider.sliderReleased.connect(self.state.end_gesture)
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
            if key not in self._member_rows:  # a group's criteria follow the ranking
                row.set_share(shares.get(key, 0.0))
        for group, members in self._expanders.items():
            if any(weights.get(c, 0) > 0 for c in self._members[group]) and not members.isVisible():
                members.setVisible(True)

    def _show_member_shares(self) -> None:
        """A group's criteria show their share of all the weight they receive (through the
        group and their own), so an expanded group never reads as 0% throughout."""
        effective = self.state.effective_shares() or self.state.weight_shares()
        for criterion, row in self._member_rows.items():
            row.set_share(effective.get(criterion, 0.0))
