"""The side panel where the team states its requirements: preset, weights, constraints, policy
and workload, top to bottom.

Every control writes straight to the session; there is no Apply button. Each box redraws from
the session only when what it shows changes (see its ``state.*_changed`` subscriptions).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from advisor.app.profiles import example_title
from advisor.gui.models.session import QtSession
from advisor.gui.views.constraints_box import ConstraintsBox
from advisor.gui.views.policy_box import PolicyBox
from advisor.gui.views.weights_box import WeightsBox
from advisor.gui.views.workload_box import WorkloadBox

__all__ = ["ConstraintsBox", "PolicyBox", "RequirementsPanel", "WeightsBox", "WorkloadBox"]


class RequirementsPanel(QWidget):
    """Preset picker, weights, constraints and policy, top to bottom."""

    preset_requested = Signal(Path)

    def __init__(self, state: QtSession, presets: list[Path]) -> None:
        super().__init__()
        self.state = state
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        row = QHBoxLayout()
        row.addWidget(QLabel("Start from"))
        self.presets = QComboBox()
        self.presets.addItem("Choose an example profile…", None)
        for path in presets:
            self.presets.addItem(example_title(path), path)
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
        state.name_changed.connect(self._show_title)
        state.dirty_changed.connect(lambda _dirty: self._show_title())

    def _on_preset_activated(self, index: int) -> None:
        path = self.presets.itemData(index)
        self.presets.setCurrentIndex(0)
        if path is not None:
            self.preset_requested.emit(Path(path))

    def _show_title(self) -> None:
        self.title.setText(self.state.name + (" •" if self.state.dirty else ""))
