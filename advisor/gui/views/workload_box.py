"""The workload box: the team's volume and token mix, and the account tier it expects per
vendor; turned on, it adds monthly cost, rate-limit headroom and response time as criteria."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
)

from advisor.gui.models.session import QtSession
from advisor.gui.signals import quietly

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

    def __init__(self, state: QtSession) -> None:
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
        state.workload_changed.connect(self._on_workload_changed)
        state.policy_changed.connect(self._show_tiers)  # others are at the policy's tier

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
        with quietly(self.tier_box):
            self.tier_box.setValue(tier if tier is not None else self.state.policy.rate_limit_tier)

    def _tier_changed(self, tier: int) -> None:
        if self.isChecked() and self.state.workload is not None:
            tiers = dict(self.state.workload.tiers)
            tiers[self.tier_vendor.currentText()] = tier
            self.state.set_workload(True, tiers=tiers)

    def _on_workload_changed(self) -> None:
        workload = self.state.workload
        with quietly(self, *self.boxes.values()):
            self.setChecked(workload is not None)
            if workload is not None:
                for name, box in self.boxes.items():
                    value = getattr(workload, name)
                    box.setValue((value or 0) * (100 if name == "cached_input_share" else 1))
        self._show_tiers()

    def _show_tiers(self) -> None:
        """The tier of the vendor chosen, and which tier every other vendor is at."""
        self._show_tier(self.tier_vendor.currentText())
        workload = self.state.workload
        tiers = workload.tiers if workload else {}
        listed = ", ".join(f"{v}: tier {t}" for v, t in sorted(tiers.items()))
        self.default_note.setText(
            f"Other vendors: tier {self.state.policy.rate_limit_tier} (the policy's tier)."
            + (f" Set: {listed}." if listed else "")
        )
