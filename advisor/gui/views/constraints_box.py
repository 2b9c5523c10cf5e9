"""The hard constraints box: price, context, latency, rate limit, coverage and the workload's
bounds, open weights and vendors; then what the team can buy: channels, regions, self-hosting,
the support an offer must still have, and the due-diligence findings required. 0 in a numeric
box means the constraint is off."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
)

from advisor.app.offers import offer_choices
from advisor.domain.constraints import constraint_label
from advisor.domain.offers import ASSURANCES, REGIONS, channel_label, region_label
from advisor.gui.models.session import QtSession
from advisor.gui.signals import quietly


def _off_at_zero(value: float) -> float | None:
    return value or None


def _zero_when_off(value: float | None) -> float:
    return value or 0


def _whole(value: float | None) -> int:
    return int(value or 0)


def _share(percent: int) -> float | None:
    return percent / 100 if percent else None


def _percent(share: float | None) -> int:
    return round(100 * (share or 0))


def _checklist(items: list[tuple[str, str]], checked: bool, tip: str) -> QListWidget:
    """A list of checkable (word, label) items; the word is each item's data."""
    widget = QListWidget()
    widget.setMaximumHeight(120)
    widget.setToolTip(tip)
    for word, label in items:
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, word)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        widget.addItem(item)
    return widget


def _words(widget: QListWidget, checked: bool = True) -> list[str]:
    """The words of the items ticked (or, with ``checked`` False, not ticked)."""
    state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
    return [
        widget.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(widget.count())
        if widget.item(i).checkState() == state
    ]


def _tick(widget: QListWidget, ticked) -> None:
    for i in range(widget.count()):
        item = widget.item(i)
        on = ticked(item.data(Qt.ItemDataRole.UserRole))
        item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


def _optional_double(maximum: float, decimals: int, suffix: str, off: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0, maximum)
    box.setDecimals(decimals)
    box.setSuffix(suffix)
    box.setSpecialValueText(off)  # shown at the minimum (0): the constraint is off
    return box


class ConstraintsBox(QGroupBox):
    """Hard constraints; 0 in a numeric box means the constraint is off."""

    def __init__(self, state: QtSession) -> None:
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
        self.max_task_cost = _optional_double(100, 3, " USD/task", "No limit")
        self.max_task_cost.setSingleStep(0.01)
        self.max_task_cost.setToolTip(
            "What the run behind Aider polyglot's score cost per exercise (its total cost over "
            "its exercises, as the leaderboard states it): the best within a budget per task. "
            "A candidate with no stated cost fails it"
        )
        self.open_weights = QCheckBox("Open weights only")
        vendors = sorted(set(state.session.frames.models["vendor"]))
        self.vendors = _checklist([(v, v) for v in vendors], True, "Untick a vendor to exclude it")
        # constraint, its box, the box's value as the constraint (0 is off), and back
        self._bounds = (
            ("max_blended_usd_per_mtok", self.max_price, _off_at_zero, _zero_when_off),
            ("min_context_window", self.min_context, _off_at_zero, _whole),
            ("max_latency_ttft_s", self.max_latency, _off_at_zero, _zero_when_off),
            ("min_rate_limit_rpm", self.min_rpm, _off_at_zero, _whole),
            ("min_coverage", self.min_coverage, _share, _percent),
            ("max_monthly_cost", self.max_monthly, _off_at_zero, _zero_when_off),
            ("min_rate_limit_headroom", self.min_headroom, _off_at_zero, _zero_when_off),
            ("max_response_time_s", self.max_response, _off_at_zero, _zero_when_off),
            ("max_cost_per_task", self.max_task_cost, _off_at_zero, _zero_when_off),
        )
        for name, box, to_constraint, _shown in self._bounds:
            form.addRow(constraint_label(name), box)
            box.valueChanged.connect(
                lambda v, n=name, f=to_constraint: state.set_constraints(**{n: f(v)})
            )
        form.addRow(self.open_weights)
        form.addRow("Vendors", self.vendors)
        self.open_weights.toggled.connect(lambda on: state.set_constraints(open_weights_only=on))
        self.vendors.itemChanged.connect(self._on_vendor_toggled)
        self._add_offer_rows(form)
        state.constraints_changed.connect(self._on_constraints_changed)

    def _add_offer_rows(self, form: QFormLayout) -> None:
        """Channels, regions, self-hosting, support and required findings."""
        state = self.state
        channels, regions = offer_choices(state.session.frames)
        self.channels = _checklist(
            [(w, channel_label(w)) for w in channels],
            True,
            "Untick a channel to exclude its offers (the vendor's API, a cloud, a gateway, "
            "self-hosting)",
        )
        places = [r for r in regions if r in REGIONS]
        self.regions = _checklist(
            [(r, region_label(r)) for r in places],
            False,
            "Tick regions to keep only offers served from them (none ticked: any region). "
            "An offer whose region is not stated is not known to be there; self-hosting "
            "runs where you run it",
        )
        self.self_hosted = QCheckBox("Self-hosted only")
        self.self_hosted.setToolTip("Only open-weights models run on your own hardware")
        self.min_support = QSpinBox()
        self.min_support.setRange(0, 120)
        self.min_support.setSuffix(" months")
        self.min_support.setToolTip(
            "An offer must stay supported this long after the decision date (retired offers "
            "are never candidates)"
        )
        self.retiring = QComboBox()
        self.retiring.addItem("Exclude offers retiring sooner", "exclude")
        self.retiring.addItem("Rank them, flagged", "flag")
        self.assurances = _checklist(
            list(ASSURANCES.items()),
            False,
            "Tick a finding to require it: an offer whose vendor and channel have no such "
            "finding recorded, or a negative one, is excluded (Catalogue ▸ Edit ▸ assurances)",
        )
        form.addRow("Channels", self.channels)
        form.addRow("Served from", self.regions)
        form.addRow(self.self_hosted)
        form.addRow(constraint_label("min_support_months"), self.min_support)
        form.addRow("", self.retiring)
        form.addRow("Due diligence", self.assurances)
        self.channels.itemChanged.connect(self._on_channel_toggled)
        self.regions.itemChanged.connect(
            lambda _i: state.set_constraints(regions_include=tuple(_words(self.regions)))
        )
        self.assurances.itemChanged.connect(
            lambda _i: state.set_constraints(required_assurances=tuple(_words(self.assurances)))
        )
        self.self_hosted.toggled.connect(lambda on: state.set_constraints(self_hosted_only=on))
        self.min_support.valueChanged.connect(
            lambda v: state.set_constraints(min_support_months=int(v))
        )
        self.retiring.currentIndexChanged.connect(
            lambda _i: state.set_constraints(retiring=self.retiring.currentData())
        )

    def _on_channel_toggled(self, _item: QListWidgetItem) -> None:
        if self.state.constraints.channels_include:
            self.state.set_constraints(channels_include=tuple(_words(self.channels)))
        else:
            self.state.set_constraints(channels_exclude=tuple(_words(self.channels, False)))

    def _on_vendor_toggled(self, _item: QListWidgetItem) -> None:
        ticked = _words(self.vendors)
        if self.state.constraints.vendors_include:
            self.state.set_constraints(vendors_include=tuple(ticked))
        else:
            every = [self.vendors.item(i).text() for i in range(self.vendors.count())]
            self.state.set_constraints(vendors_exclude=tuple(v for v in every if v not in ticked))

    def _on_constraints_changed(self) -> None:
        c = self.state.constraints
        boxes = [box for _name, box, _f, _g in self._bounds]
        offer_widgets = (
            self.channels,
            self.regions,
            self.self_hosted,
            self.min_support,
            self.retiring,
            self.assurances,
        )
        with quietly(*boxes, self.open_weights, self.vendors, *offer_widgets):
            for region in c.regions_include:  # a profile may name a cloud region code
                if region not in _words(self.regions) + _words(self.regions, False):
                    self.regions.addItem(region_label(region))
                    item = self.regions.item(self.regions.count() - 1)
                    item.setData(Qt.ItemDataRole.UserRole, region)
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            _tick(
                self.channels,
                lambda w: (
                    (not c.channels_include or w in c.channels_include)
                    and w not in c.channels_exclude
                ),
            )
            _tick(self.regions, lambda r: r in c.regions_include)
            _tick(self.assurances, lambda a: a in c.required_assurances)
            self.self_hosted.setChecked(c.self_hosted_only)
            self.min_support.setValue(c.min_support_months)
            self.retiring.setCurrentIndex(max(0, self.retiring.findData(c.retiring)))
            for name, box, _to_constraint, shown in self._bounds:
                box.setValue(shown(getattr(c, name)))
            self.open_weights.setChecked(c.open_weights_only)
            for i in range(self.vendors.count()):
                item = self.vendors.item(i)
                allowed = (not c.vendors_include or item.text() in c.vendors_include) and (
                    item.text() not in c.vendors_exclude
                )
                item.setCheckState(Qt.CheckState.Checked if allowed else Qt.CheckState.Unchecked)
