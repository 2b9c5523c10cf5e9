"""The hard constraints box: price, context, latency, rate limit, coverage and the workload's
bounds, open weights and vendors. 0 in a numeric box means the constraint is off."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
)

from advisor.domain.constraints import constraint_label
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
        self.open_weights = QCheckBox("Open weights only")
        self.vendors = QListWidget()
        self.vendors.setMaximumHeight(120)
        self.vendors.setToolTip("Untick a vendor to exclude it")
        for vendor in sorted(set(state.session.frames.models["vendor"])):
            item = QListWidgetItem(vendor)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.vendors.addItem(item)
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
        state.constraints_changed.connect(self._on_constraints_changed)

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

    def _on_constraints_changed(self) -> None:
        c = self.state.constraints
        boxes = [box for _name, box, _f, _g in self._bounds]
        with quietly(*boxes, self.open_weights, self.vendors):
            for name, box, _to_constraint, shown in self._bounds:
                box.setValue(shown(getattr(c, name)))
            self.open_weights.setChecked(c.open_weights_only)
            for i in range(self.vendors.count()):
                item = self.vendors.item(i)
                allowed = (not c.vendors_include or item.text() in c.vendors_include) and (
                    item.text() not in c.vendors_exclude
                )
                item.setCheckState(Qt.CheckState.Checked if allowed else Qt.CheckState.Unchecked)
