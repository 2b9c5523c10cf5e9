"""The side panel where the team states its requirements: preset, weights, constraints, policy.

Every control writes straight to :class:`AdvisorState`; there is no Apply button. The panel
redraws from the state when a whole profile is loaded (``_on_profile_loaded``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSlider,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from advisor.domain.vocabulary import Condition, Method, MissingRule, Mode, Normalization
from advisor.gui.labels import (
    CONDITION_LABELS,
    CONDITION_TIPS,
    GROUP_ORDER,
    METHOD_LABELS,
    MISSING_LABELS,
    NORMALIZATION_LABELS,
    PARALLEL_NOTE,
    catalogue_names,
    criterion_label,
)
from advisor.gui.state import PEAK_CONDITIONS, AdvisorState


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
        for widget in (self.slider, self.box):
            widget.blockSignals(True)
        self.slider.setValue(round(value))
        self.box.setValue(value)
        for widget in (self.slider, self.box):
            widget.blockSignals(False)

    def set_share(self, share: float) -> None:
        self.share.setText(f"{share:.0%}")

    def _from_slider(self, value: int) -> None:
        self.box.blockSignals(True)
        self.box.setValue(value)
        self.box.blockSignals(False)
        self.changed.emit(self.key, float(value))

    def _from_box(self, value: float) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(round(value))
        self.slider.blockSignals(False)
        self.changed.emit(self.key, float(value))


class WeightsBox(QGroupBox):
    """One row per criterion group, each expandable to its individual criteria."""

    guided_requested = Signal()

    def __init__(self, state: AdvisorState) -> None:
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
        state.profile_changed.connect(self._on_profile_changed)

    def _add_row(self, key: str, label: str, tooltip: str, indent: int = 0) -> WeightRow:
        row = WeightRow(key, label, tooltip, indent)
        row.changed.connect(self.state.set_weight)
        self.rows[key] = row
        return row

    @staticmethod
    def _expand(toggle: QToolButton, members: QWidget, on: bool) -> None:
        toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        members.setVisible(on)

    def _on_profile_changed(self) -> None:
        state = self.state
        editable = state.weights_editable
        if state.viewing:
            self.setTitle(f"Weights of {state.viewing}")
        else:
            self.setTitle("Weights of the group" if state.stakeholders else "Weights")
        if not editable:
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
        self.guided.setEnabled(editable)
        for row in self.rows.values():
            row.slider.setEnabled(editable)
            row.box.setEnabled(editable)
        weights = self.state.weights
        shares = self.state.weight_shares()
        for key in weights:
            if key not in self.rows:  # a criterion weighted by the profile outside any group
                self._other.addWidget(
                    self._add_row(key, criterion_label(key, self._benchmark_names), key)
                )
        for key, row in self.rows.items():
            row.set_value(weights.get(key, 0.0))
            row.set_share(shares.get(key, 0.0))
        for group, members in self._expanders.items():
            if any(weights.get(c, 0) > 0 for c in self._members[group]) and not members.isVisible():
                members.setVisible(True)


def _optional_double(maximum: float, decimals: int, suffix: str, off: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0, maximum)
    box.setDecimals(decimals)
    box.setSuffix(suffix)
    box.setSpecialValueText(off)  # shown at the minimum (0): the constraint is off
    return box


class ConstraintsBox(QGroupBox):
    """Hard constraints; 0 in a numeric box means the constraint is off."""

    def __init__(self, state: AdvisorState) -> None:
        super().__init__("Hard constraints")
        self.state = state
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.max_price = _optional_double(1000, 2, " $/Mtok", "No limit")
        self.max_price.setToolTip("Blended list price: (3 x input + output) / 4 per million tokens")
        self.min_context = QSpinBox()
        self.min_context.setRange(0, 20_000_000)
        self.min_context.setSingleStep(16_000)
        self.min_context.setSuffix(" tokens")
        self.min_context.setSpecialValueText("No minimum")
        self.min_context.setGroupSeparatorShown(True)
        self.max_latency = _optional_double(600, 2, " s", "No limit")
        self.max_latency.setToolTip("Time to first token (needs measurements)")
        self.min_rpm = QSpinBox()
        self.min_rpm.setRange(0, 10_000_000)
        self.min_rpm.setSingleStep(100)
        self.min_rpm.setSuffix(" requests/min")
        self.min_rpm.setSpecialValueText("No minimum")
        self.min_rpm.setGroupSeparatorShown(True)
        self.min_coverage = QSpinBox()
        self.min_coverage.setRange(0, 100)
        self.min_coverage.setSuffix("% of weight")
        self.min_coverage.setSpecialValueText("Any")
        self.min_coverage.setToolTip("Share of the weight a candidate must have figures for")
        self.max_monthly = _optional_double(1e9, 0, " USD/month", "No limit")
        self.max_monthly.setGroupSeparatorShown(True)
        self.max_monthly.setToolTip("Needs the workload below")
        self.min_headroom = _optional_double(100, 2, "x peak demand", "No minimum")
        self.min_headroom.setSingleStep(0.1)
        self.min_headroom.setToolTip(
            "Published limit at the expected tier over peak demand; "
            "1 = just enough (needs the workload below)"
        )
        self.max_response = _optional_double(3600, 1, " s", "No limit")
        self.max_response.setToolTip(
            "Time to first token + (reasoning + output tokens) / output "
            "speed (needs measurements and the workload)"
        )
        self.open_weights = QCheckBox("Open weights only")
        self.vendors = QListWidget()
        self.vendors.setMaximumHeight(120)
        self.vendors.setToolTip("Untick a vendor to exclude it")
        for vendor in sorted(set(state.session.frames.models["vendor"])):
            item = QListWidgetItem(vendor)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.vendors.addItem(item)
        form.addRow("Max price", self.max_price)
        form.addRow("Min context", self.min_context)
        form.addRow("Max latency", self.max_latency)
        form.addRow("Min rate limit", self.min_rpm)
        form.addRow("Min coverage", self.min_coverage)
        form.addRow("Max monthly cost", self.max_monthly)
        form.addRow("Min headroom", self.min_headroom)
        form.addRow("Max response", self.max_response)
        form.addRow(self.open_weights)
        form.addRow("Vendors", self.vendors)
        self.max_price.valueChanged.connect(
            lambda v: state.set_constraints(max_blended_usd_per_mtok=v or None)
        )
        self.min_context.valueChanged.connect(
            lambda v: state.set_constraints(min_context_window=v or None)
        )
        self.max_latency.valueChanged.connect(
            lambda v: state.set_constraints(max_latency_ttft_s=v or None)
        )
        self.min_rpm.valueChanged.connect(
            lambda v: state.set_constraints(min_rate_limit_rpm=v or None)
        )
        self.min_coverage.valueChanged.connect(
            lambda v: state.set_constraints(min_coverage=v / 100 if v else None)
        )
        self.max_monthly.valueChanged.connect(
            lambda v: state.set_constraints(max_monthly_cost=v or None)
        )
        self.min_headroom.valueChanged.connect(
            lambda v: state.set_constraints(min_rate_limit_headroom=v or None)
        )
        self.max_response.valueChanged.connect(
            lambda v: state.set_constraints(max_response_time_s=v or None)
        )
        self.open_weights.toggled.connect(lambda on: state.set_constraints(open_weights_only=on))
        self.vendors.itemChanged.connect(self._on_vendor_toggled)
        state.profile_changed.connect(self._on_profile_changed)

    def _ticked(self) -> list[str]:
        return [
            self.vendors.item(i).text()
            for i in range(self.vendors.count())
            if self.vendors.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _on_vendor_toggled(self, _item: QListWidgetItem) -> None:
        ticked = self._ticked()
        if self.state.constraints.vendors_include:
            self.state.set_constraints(vendors_include=tuple(ticked))
        else:
            every = [self.vendors.item(i).text() for i in range(self.vendors.count())]
            self.state.set_constraints(vendors_exclude=tuple(v for v in every if v not in ticked))

    def _on_profile_changed(self) -> None:
        c = self.state.constraints
        values = (
            (self.max_price, c.max_blended_usd_per_mtok or 0),
            (self.min_context, int(c.min_context_window or 0)),
            (self.max_latency, c.max_latency_ttft_s or 0),
            (self.min_rpm, int(c.min_rate_limit_rpm or 0)),
            (self.min_coverage, round(100 * (c.min_coverage or 0))),
            (self.max_monthly, c.max_monthly_cost or 0),
            (self.min_headroom, c.min_rate_limit_headroom or 0),
            (self.max_response, c.max_response_time_s or 0),
        )
        for box, value in values:
            box.blockSignals(True)
            box.setValue(value)
            box.blockSignals(False)
        self.open_weights.blockSignals(True)
        self.open_weights.setChecked(c.open_weights_only)
        self.open_weights.blockSignals(False)
        self.vendors.blockSignals(True)
        for i in range(self.vendors.count()):
            item = self.vendors.item(i)
            allowed = (not c.vendors_include or item.text() in c.vendors_include) and (
                item.text() not in c.vendors_exclude
            )
            item.setCheckState(Qt.CheckState.Checked if allowed else Qt.CheckState.Unchecked)
        self.vendors.blockSignals(False)


class PolicyBox(QGroupBox):
    """Which conditions count (two one-click stances), method, normalisation, missing data."""

    def __init__(self, state: AdvisorState) -> None:
        super().__init__("How figures count")
        self.state = state
        layout = QVBoxLayout(self)
        stances = QHBoxLayout()
        self.as_deployed = QPushButton("Compare as deployed")
        self.as_deployed.setToolTip("Count only what a customer can buy (default)")
        self.peak = QPushButton("Compare peak claims")
        self.peak.setToolTip("Count every condition, parallel test-time compute included")
        group = QButtonGroup(self)
        for button in (self.as_deployed, self.peak):
            button.setCheckable(True)
            group.addButton(button)
            stances.addWidget(button)
        layout.addLayout(stances)
        self.conditions: dict[Condition, QCheckBox] = {}
        grid = QGridLayout()
        for i, condition in enumerate(Condition):
            box = QCheckBox(CONDITION_LABELS[condition])
            box.setToolTip(f"{condition.value}: {CONDITION_TIPS[condition]}")
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
        self.modes = {
            Mode.STANDARD: QCheckBox("Standard"),
            Mode.EXTENDED_THINKING: QCheckBox("Extended thinking"),
        }
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
        form.addRow("Modes", modes_row)
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
        layout.addLayout(form)
        self.as_deployed.clicked.connect(state.compare_as_deployed)
        self.peak.clicked.connect(state.compare_peak_claims)
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
        self.tier.valueChanged.connect(lambda v: state.set_policy(rate_limit_tier=v))
        self.stale.valueChanged.connect(lambda v: state.set_policy(stale_after_months=v))
        self.own.toggled.connect(lambda on: state.set_policy(own_measurements=on))
        state.profile_changed.connect(self._on_profile_changed)

    def _on_condition_toggled(self, _on: bool) -> None:
        chosen = tuple(c for c, box in self.conditions.items() if box.isChecked())
        if chosen:
            self.state.set_policy(conditions=chosen)
        else:  # at least one condition must count; put the last one back
            self._on_profile_changed()

    def _on_modes_toggled(self, _on: bool) -> None:
        chosen = tuple(m for m, box in self.modes.items() if box.isChecked())
        if chosen:
            self.state.set_policy(modes=chosen)
        else:
            self._on_profile_changed()

    def _on_profile_changed(self) -> None:
        p = self.state.policy
        widgets = [
            *self.conditions.values(),
            *self.modes.values(),
            self.method,
            self.normalization,
            self.missing,
            self.tier,
            self.stale,
            self.own,
        ]
        for w in widgets:
            w.blockSignals(True)
        for condition, box in self.conditions.items():
            box.setChecked(condition in p.conditions)
        for mode, box in self.modes.items():
            box.setChecked(mode in p.modes)
        self.method.setCurrentIndex(self.method.findData(p.method))
        self.normalization.setCurrentIndex(self.normalization.findData(p.normalization))
        self.missing.setCurrentIndex(self.missing.findData(p.missing))
        self.tier.setValue(p.rate_limit_tier)
        self.stale.setValue(p.stale_after_months)
        self.own.setChecked(p.own_measurements)
        for w in widgets:
            w.blockSignals(False)
        peak = set(p.conditions) == set(PEAK_CONDITIONS)
        deployed = all(c.buyable for c in p.conditions)
        self.peak.setChecked(peak)
        self.as_deployed.setChecked(deployed and not peak)
        if not peak and not deployed:
            group = self.peak.group()
            group.setExclusive(False)
            self.peak.setChecked(False)
            self.as_deployed.setChecked(False)
            group.setExclusive(True)


WORKLOAD_FIELDS = (
    # attribute, label, maximum, decimals, suffix, special text at 0
    ("requests_per_day", "Requests per day", 1e9, 0, "", ""),
    ("peak_requests_per_min", "Peak requests per minute", 1e7, 0, "", "From concurrency"),
    ("concurrency", "Requests in flight at peak", 1e6, 0, "", "Not stated"),
    ("input_tokens_per_request", "Input tokens per request", 1e7, 0, "", ""),
    ("output_tokens_per_request", "Output tokens per request", 1e6, 0, "", ""),
    ("cached_input_share", "Input served from cache", 100, 0, " %", ""),
    ("reasoning_tokens_standard", "Reasoning tokens (standard)", 1e6, 0, "", ""),
    ("reasoning_tokens_extended_thinking", "Reasoning tokens (thinking)", 1e6, 0, "", ""),
    ("working_days_per_month", "Working days per month", 31, 0, "", ""),
)


class WorkloadBox(QGroupBox):
    """The team's volume and token mix, and the account tier it expects per vendor."""

    def __init__(self, state: AdvisorState) -> None:
        super().__init__("Workload (monthly cost, headroom, response time)")
        self.state = state
        self.setCheckable(True)
        self.setChecked(False)
        self.setToolTip(
            "Turn on to derive monthly cost, rate-limit headroom at peak and "
            "response time; weight or constrain them like any criterion."
        )
        form = QFormLayout(self)
        self.boxes: dict[str, QDoubleSpinBox] = {}
        for name, label, maximum, decimals, suffix, special in WORKLOAD_FIELDS:
            box = QDoubleSpinBox()
            box.setRange(0, maximum)
            box.setDecimals(decimals)
            box.setSuffix(suffix)
            box.setGroupSeparatorShown(True)
            if special:
                box.setSpecialValueText(special)
            box.valueChanged.connect(lambda v, n=name: self._changed(n, v))
            self.boxes[name] = box
            form.addRow(label, box)
        self.default_note = QLabel()
        self.default_note.setObjectName("hint")
        self.default_note.setWordWrap(True)
        self.tier_box = QSpinBox()
        self.tier_box.setRange(0, 9)
        self.tier_box.setPrefix("tier ")
        self.tier_vendor = QComboBox()
        self.tier_vendor.addItems(sorted(set(state.session.frames.models["vendor"])))
        row = QHBoxLayout()
        row.addWidget(self.tier_vendor, 1)
        row.addWidget(self.tier_box)
        form.addRow("Account tier", row)
        form.addRow(self.default_note)
        self.toggled.connect(
            lambda on: state.set_workload(on, **self._values()) if on else state.set_workload(False)
        )
        self.tier_vendor.currentTextChanged.connect(self._show_tier)
        self.tier_box.valueChanged.connect(self._tier_changed)
        state.profile_changed.connect(self._on_profile_changed)

    def _values(self) -> dict:
        values = {name: box.value() for name, box in self.boxes.items()}
        values["cached_input_share"] /= 100
        values["peak_requests_per_min"] = values["peak_requests_per_min"] or None
        values["concurrency"] = values["concurrency"] or None
        return values

    def _changed(self, name: str, value: float) -> None:
        if not self.isChecked():
            return
        if name == "cached_input_share":
            value = value / 100
        elif name in ("peak_requests_per_min", "concurrency"):
            value = value or None
        self.state.set_workload(True, **{name: value})

    def _show_tier(self, vendor: str) -> None:
        workload = self.state.workload
        tier = workload.tiers.get(vendor) if workload else None
        self.tier_box.blockSignals(True)
        self.tier_box.setValue(tier if tier is not None else self.state.policy.rate_limit_tier)
        self.tier_box.blockSignals(False)

    def _tier_changed(self, tier: int) -> None:
        if self.isChecked() and self.state.workload is not None:
            tiers = dict(self.state.workload.tiers)
            tiers[self.tier_vendor.currentText()] = tier
            self.state.set_workload(True, tiers=tiers)

    def _on_profile_changed(self) -> None:
        workload = self.state.workload
        self.blockSignals(True)
        self.setChecked(workload is not None)
        self.blockSignals(False)
        if workload is not None:
            for name, box in self.boxes.items():
                value = getattr(workload, name)
                value = (value or 0) * (100 if name == "cached_input_share" else 1)
                box.blockSignals(True)
                box.setValue(value)
                box.blockSignals(False)
        self._show_tier(self.tier_vendor.currentText())
        tiers = workload.tiers if workload else {}
        listed = ", ".join(f"{v}: tier {t}" for v, t in sorted(tiers.items()))
        self.default_note.setText(
            f"Other vendors: tier {self.state.policy.rate_limit_tier} (the policy's tier)."
            + (f" Set: {listed}." if listed else "")
        )


class RequirementsPanel(QWidget):
    """Preset picker, weights, constraints and policy, top to bottom."""

    preset_requested = Signal(Path)

    def __init__(self, state: AdvisorState, presets: list[Path]) -> None:
        super().__init__()
        self.state = state
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        row = QHBoxLayout()
        row.addWidget(QLabel("Start from"))
        self.presets = QComboBox()
        self.presets.addItem("Choose an example profile…", None)
        for path in presets:
            self.presets.addItem(path.stem.replace("-", " ").capitalize(), path)
        self.presets.setAccessibleName("Example profile")
        row.addWidget(self.presets, 1)
        layout.addLayout(row)
        self.title = QLabel()
        self.title.setObjectName("profileTitle")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.weights = WeightsBox(state)
        self.constraints = ConstraintsBox(state)
        self.policy = PolicyBox(state)
        self.workload = WorkloadBox(state)
        layout.addWidget(self.weights)
        layout.addWidget(self.constraints)
        layout.addWidget(self.policy)
        layout.addWidget(self.workload)
        layout.addStretch(1)
        self.presets.activated.connect(self._on_preset_activated)
        state.profile_changed.connect(self._on_profile_changed)

    def _on_preset_activated(self, index: int) -> None:
        path = self.presets.itemData(index)
        self.presets.setCurrentIndex(0)
        if path is not None:
            self.preset_requested.emit(Path(path))

    def _on_profile_changed(self) -> None:
        self.title.setText(self.state.name + (" •" if self.state.dirty else ""))
