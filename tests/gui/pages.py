"""Page helpers: how a test reaches the window's controls, so that a change of layout changes
one place, not every test."""

from __future__ import annotations

from PySide6.QtWidgets import QSlider

from advisor.gui.views.constraints_box import ConstraintsBox
from advisor.gui.views.policy_box import PolicyBox
from advisor.gui.views.weights_box import WeightRow
from advisor.gui.views.workload_box import WorkloadBox


class RequirementsPage:
    """The requirements panel: weights by key, and the constraints, policy and workload boxes."""

    def __init__(self, window) -> None:
        self._panel = window.requirements

    def weight(self, key: str) -> WeightRow:
        """The row (slider, number box, share) of one weight key."""
        return self._panel.weights.rows[key]

    def slider(self, key: str) -> QSlider:
        return self.weight(key).slider

    def weight_rows(self) -> list[WeightRow]:
        return list(self._panel.weights.rows.values())

    def weights_title(self) -> str:
        return self._panel.weights.title()

    @property
    def constraints(self) -> ConstraintsBox:
        return self._panel.constraints

    @property
    def policy(self) -> PolicyBox:
        return self._panel.policy

    @property
    def workload(self) -> WorkloadBox:
        return self._panel.workload


def requirements(window) -> RequirementsPage:
    return RequirementsPage(window)


def select_rows(window, rows) -> None:
    """Select these rows of the ranking table, as a user's ctrl-clicks would."""
    from PySide6.QtCore import QItemSelectionModel

    table = window.table
    table.clearSelection()
    for r in rows:
        table.selectionModel().select(
            table.source.index(r, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
