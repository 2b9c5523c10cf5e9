"""Edit ▸ Undo and Redo cover weight, constraint and policy edits, not only catalogue edits
(first-time user's defect 16); a slider drag is one step; loading another profile leaves
nothing of the old one to undo."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from advisor.domain import Profile
from tests.gui.pages import requirements


def test_undo_and_redo_a_weight_a_constraint_and_a_policy_edit(window, qtbot):
    state = window.state
    start = state.edit_state()
    assert not window.undo_action.isEnabled()
    box = requirements(window).weight("know").box
    box.setValue(70)
    QApplication.processEvents()
    assert window.undo_action.isEnabled()
    assert "profile" in window.undo_action.text()
    window.undo_action.trigger()
    assert state.edit_state() == start and box.value() != 70
    window.redo_action.trigger()
    assert dict(state.edit_state().weights)["know"] == 70
    window.undo_action.trigger()
    state.set_constraints(max_blended_usd_per_mtok=2.0)
    window.undo_action.trigger()
    assert state.constraints.max_blended_usd_per_mtok is None
    state.compare_peak_claims()
    window.undo_action.trigger()
    assert state.policy == start.policy
    state.rerank_now()
    assert state.recommendation is not None  # the ranking follows the undone profile


def test_a_drag_is_one_step_and_a_load_clears_the_profile_history(window, qtbot):
    state = window.state
    start = state.edit_state()
    slider = requirements(window).slider("code")
    for value in range(10, 60, 5):  # a drag: many ticks in a moment
        slider.setValue(value)
    QApplication.processEvents()
    window.undo_action.trigger()
    assert state.edit_state() == start
    state.set_weight("know", 10)
    state.load(Profile("other", {"code": 1.0}))
    window.undo_action.trigger()  # the old profile's edit is gone: nothing changes
    assert state.name == "other" and list(dict(state.edit_state().weights)) == ["code"]
