"""How figures count: the three stances (as deployed, peak claims, at equal budget),
conditions, method, normalisation, missing-data rule, modes, rate-limit tier, age limit and own
measurements."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from advisor.app.session import PEAK_CONDITIONS
from advisor.domain.efforts import BANDS
from advisor.domain.vocabulary import Condition, Method, MissingRule, Mode, Normalization
from advisor.gui.labels import (
    BAND_LABELS,
    CONDITION_LABELS,
    CONDITION_TIPS,
    METHOD_LABELS,
    MISSING_LABELS,
    MISSING_TIPS,
    NORMALIZATION_LABELS,
    PARALLEL_NOTE,
)
from advisor.gui.models.session import QtSession
from advisor.gui.signals import quietly


class PolicyBox(QGroupBox):
    """Which conditions count (two one-click stances), method, normalisation, missing data."""

    def __init__(self, state: QtSession) -> None:
        super().__init__("How figures count")
        self.state = state
        layout = QVBoxLayout(self)
        stances = QHBoxLayout()
        self.as_deployed = QPushButton("Compare as deployed")
        self.as_deployed.setToolTip("Count only what a customer can buy (default)")
        self.peak = QPushButton("Compare peak claims")
        self.peak.setToolTip("Count every condition, parallel test-time compute included")
        self.equal = QPushButton("Compare at equal budget")
        self.equal.setToolTip(
            "Count only figures obtained within one effort band (the reasoning effort or "
            "thinking budget the source states), so no model is scored on more compute than "
            "another; figures of other bands, or of no stated effort, are listed, not scored"
        )
        group = QButtonGroup(self)
        for button in (self.as_deployed, self.peak, self.equal):
            button.setCheckable(True)
            group.addButton(button)
            stances.addWidget(button)
        layout.addLayout(stances)
        band_row = QHBoxLayout()
        band_row.addWidget(QLabel("Effort band at equal budget"))
        self.band = QComboBox()
        self.band.setAccessibleName("Effort band at equal budget")
        for band, meaning in BANDS.items():
            self.band.addItem(BAND_LABELS[band], band)
            self.band.setItemData(self.band.count() - 1, meaning, Qt.ItemDataRole.ToolTipRole)
        self.band.setCurrentIndex(self.band.findData("high"))
        band_row.addWidget(self.band, 1)
        layout.addLayout(band_row)
        self.conditions: dict[Condition, QCheckBox] = {}
        counted = QLabel("Figures that count, by how they were obtained:")
        counted.setObjectName("hint")
        layout.addWidget(counted)
        grid = QGridLayout()
        for i, condition in enumerate(Condition):
            box = QCheckBox(f"{CONDITION_LABELS[condition]} scores")
            box.setToolTip(
                f"Count benchmark figures obtained this way: {CONDITION_TIPS[condition]}"
            )
            if not condition.buyable:
                box.setObjectName("peak")
            self.conditions[condition] = box
            grid.addWidget(box, i // 2, i % 2)
            box.toggled.connect(self._on_condition_toggled)
        layout.addLayout(grid)
        self.note = QLabel(PARALLEL_NOTE)
        self.note.setWordWrap(True)
        self.note.setObjectName("hint")
        layout.addWidget(self.note)
        form = QFormLayout()
        self.method = QComboBox()
        for method, label in METHOD_LABELS.items():
            self.method.addItem(label, method)
        self.normalization = QComboBox()
        for norm, label in NORMALIZATION_LABELS.items():
            self.normalization.addItem(label, norm)
        self.missing = QComboBox()
        for rule, label in MISSING_LABELS.items():
            self.missing.addItem(label, rule)
            self.missing.setItemData(
                self.missing.count() - 1, MISSING_TIPS[rule], Qt.ItemDataRole.ToolTipRole
            )
        self.estimates_count = QCheckBox("Estimates can meet a required figure")
        self.estimates_count.setToolTip(
            "Under the 'estimate' rule, let an estimate satisfy a criterion the requirements "
            "mark as required (policy.estimates_satisfy_requirements); unticked, a candidate "
            "without a published figure for it is excluded"
        )
        self.modes = {
            Mode.STANDARD: QCheckBox("Standard mode"),
            Mode.EXTENDED_THINKING: QCheckBox("Thinking mode"),
        }
        self.modes[Mode.STANDARD].setToolTip(
            "Rank each model as you would run it without extended thinking (a candidate per mode)"
        )
        self.modes[Mode.EXTENDED_THINKING].setToolTip(
            "Rank each model run with extended thinking as a candidate of its own"
        )
        modes_row = QHBoxLayout()
        for box in self.modes.values():
            modes_row.addWidget(box)
            box.toggled.connect(self._on_modes_toggled)
        self.tier = QSpinBox()
        self.tier.setRange(0, 5)
        self.tier.setToolTip("Account tier for rate limits: 0 = free, 1 = first paid tier, …")
        form.addRow("Method", self.method)
        form.addRow("Normalisation", self.normalization)
        form.addRow("Missing figure", self.missing)
        form.addRow("", self.estimates_count)
        form.addRow("Candidates in", modes_row)
        form.addRow("Rate-limit tier", self.tier)
        self.stale = QSpinBox()
        self.stale.setRange(1, 120)
        self.stale.setSuffix(" months")
        self.stale.setToolTip(
            "Figures whose source date is older than this are flagged ⚠ in the ranking, the "
            "detail pane and the report"
        )
        form.addRow("Flag figures older than", self.stale)
        self.own = QCheckBox("Use my measurements first")
        self.own.setToolTip(
            "Latency, speed and rate limits measured by your team (e.g. with Probe ▸ Measure) "
            "count before published figures; untick to rank on published figures only"
        )
        form.addRow("Measured figures", self.own)
        self.per_band = QCheckBox("A candidate per effort band")
        self.per_band.setToolTip(
            "Where a model's thinking figures come from several effort bands (low, medium, "
            "high …), rank each band as a candidate of its own, counting only its band's "
            "figures and, with a workload, its band's reasoning tokens"
        )
        form.addRow("Effort", self.per_band)
        layout.addLayout(form)
        self.as_deployed.clicked.connect(state.compare_as_deployed)
        self.peak.clicked.connect(state.compare_peak_claims)
        self.equal.clicked.connect(lambda: state.compare_at_equal_budget(self.band.currentData()))
        self.band.currentIndexChanged.connect(self._on_band_chosen)
        self.method.currentIndexChanged.connect(
            lambda _i: state.set_policy(method=Method(self.method.currentData()))
        )
        self.normalization.currentIndexChanged.connect(
            lambda _i: state.set_policy(
                normalization=Normalization(self.normalization.currentData())
            )
        )
        self.missing.currentIndexChanged.connect(
            lambda _i: state.set_policy(missing=MissingRule(self.missing.currentData()))
        )
        self.estimates_count.toggled.connect(
            lambda on: state.set_policy(estimates_satisfy_requirements=on)
        )
        self.tier.valueChanged.connect(lambda v: state.set_policy(rate_limit_tier=v))
        self.stale.valueChanged.connect(lambda v: state.set_policy(stale_after_months=v))
        self.own.toggled.connect(lambda on: state.set_policy(own_measurements=on))
        self.per_band.toggled.connect(lambda on: state.set_policy(effort_candidates=on))
        state.policy_changed.connect(self._on_policy_changed)

    def _on_band_chosen(self, _index: int) -> None:
        if self.state.policy.budget_band is not None:  # a new band, while at equal budget
            self.state.compare_at_equal_budget(self.band.currentData())

    def _on_condition_toggled(self, _on: bool) -> None:
        chosen = tuple(c for c, box in self.conditions.items() if box.isChecked())
        if chosen:
            self.state.set_policy(conditions=chosen)
        else:  # at least one condition must count; put the last one back
            self._on_policy_changed()

    def _on_modes_toggled(self, _on: bool) -> None:
        chosen = tuple(m for m, box in self.modes.items() if box.isChecked())
        if chosen:
            self.state.set_policy(modes=chosen)
        else:
            self._on_policy_changed()

    def _on_policy_changed(self) -> None:
        p = self.state.policy
        widgets = [
            *self.conditions.values(),
            *self.modes.values(),
            self.method,
            self.normalization,
            self.missing,
            self.estimates_count,
            self.tier,
            self.stale,
            self.own,
            self.band,
            self.per_band,
        ]
        with quietly(*widgets):
            if p.budget_band is not None:
                self.band.setCurrentIndex(self.band.findData(p.budget_band))
            for condition, box in self.conditions.items():
                box.setChecked(condition in p.conditions)
            for mode, box in self.modes.items():
                box.setChecked(mode in p.modes)
            self.method.setCurrentIndex(self.method.findData(p.method))
            self.normalization.setCurrentIndex(self.normalization.findData(p.normalization))
            self.missing.setCurrentIndex(self.missing.findData(p.missing))
            self.estimates_count.setChecked(p.estimates_satisfy_requirements)
            self.estimates_count.setEnabled(p.missing is MissingRule.ESTIMATE)
            self.tier.setValue(p.rate_limit_tier)
            self.stale.setValue(p.stale_after_months)
            self.own.setChecked(p.own_measurements)
            self.per_band.setChecked(p.effort_candidates)
            self.per_band.setEnabled(p.budget_band is None)  # one band already at equal budget
        equal = p.budget_band is not None
        peak = set(p.conditions) == set(PEAK_CONDITIONS) and not equal
        deployed = all(c.buyable for c in p.conditions) and not equal
        group = self.peak.group()
        group.setExclusive(False)
        self.equal.setChecked(equal)
        self.peak.setChecked(peak)
        self.as_deployed.setChecked(deployed and not peak)
        group.setExclusive(True)
