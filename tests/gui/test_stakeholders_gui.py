"""Stakeholders and guided weights in the window, driven through real widgets."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from advisor.domain import Profile
from advisor.domain.profile_toml import profile_from_toml
from advisor.domain.stakeholders import Stakeholder, group_weights
from advisor.domain.vocabulary import Aggregation, ElicitationMethod
from advisor.engine import rank
from advisor.engine.elicitation import ahp
from tests.gui.conftest import table_labels, top
from tests.gui.pages import requirements

PEOPLE = (
    Stakeholder("Engineering", {"code": 0.8, "know": 0.2}),
    Stakeholder("Finance", {"price": 0.9, "code": 0.1}),
)


@pytest.fixture
def committee(window):
    window.state.load(
        Profile("committee", group_weights(PEOPLE), stakeholders=PEOPLE, consensus_top_k=2)
    )
    return window


def test_ranking_switches_between_the_group_and_each_stakeholder(committee, qtbot):
    w = committee
    assert w.view_row.isVisible() and w.view_picker.count() == 3
    assert not requirements(w).slider("code").isEnabled()  # group: derived
    group_top = top(w)
    w.view_picker.setCurrentIndex(2)
    w.view_picker.activated.emit(2)
    assert w.state.viewing == "Finance"
    assert requirements(w).weights_title() == "Weights of Finance"
    assert requirements(w).slider("price").isEnabled()
    rec = w.state.recommendation
    expected = rank(rec.matrix, w.state.profile().for_stakeholder("Finance")).best_offers()
    assert table_labels(w)[: len(expected)] == [c.candidate for c in expected]
    assert top(w) == expected[0].candidate
    w.view_picker.setCurrentIndex(0)
    w.view_picker.activated.emit(0)
    assert top(w) == group_top


def test_a_stakeholders_slider_changes_their_weights_and_the_group(committee, qtbot):
    w = committee
    w.state.view("Engineering")
    before = w.state.profile().weights
    requirements(w).slider("know").setValue(90)
    qtbot.waitUntil(lambda: w.state.profile().weights != before)
    engineering = w.state.profile().stakeholder("Engineering")
    assert engineering.weights["know"] == pytest.approx(90)
    assert w.state.profile().weights == pytest.approx(
        group_weights(w.state.stakeholders, Aggregation.ARITHMETIC)
    )
    assert w.state.dirty


def test_stakeholders_tab_shows_tops_spread_and_consensus(committee, qtbot):
    w = committee
    view = w.stakeholders
    analysis = w.state.group_analysis()
    assert view.tops.rowCount() == 3
    assert view.tops.verticalHeaderItem(1).text() == "Engineering"
    assert view.tops.item(1, 0).toolTip() == analysis.top("Engineering")[0]
    assert "Widest weight spread" in view.spread.text()
    assert "top 2" in view.consensus.text()
    view.top_k.setValue(3)
    assert w.state.group_analysis().top_k == 3 and "top 3" in view.consensus.text()
    bars = [i for i in view.plot.getPlotItem().items if type(i).__name__ == "BarGraphItem"]
    assert len(bars) == 3  # two stakeholders and the group
    index = view.rule.findData(Aggregation.GEOMETRIC)
    view.rule.setCurrentIndex(index)
    view.rule.activated.emit(index)
    assert w.state.aggregation is Aggregation.GEOMETRIC
    assert w.state.profile().weights == pytest.approx(group_weights(PEOPLE, Aggregation.GEOMETRIC))


def test_add_rename_remove_through_the_buttons(window, qtbot, monkeypatch):
    w = window
    view = w.stakeholders
    answers = iter([("Security", True), ("Legal", True), ("Security", True)])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: next(answers))
    view.add_button.click()
    assert [s.name for s in w.state.stakeholders] == ["Security"]
    assert w.state.viewing == "Security" and w.view_row.isVisible()
    view.add_button.click()
    assert w.state.viewing == "Legal"
    view.people.setCurrentRow(1)
    view.add_button.click()  # a name already taken: refused with a message
    assert len(w.state.stakeholders) == 2
    view.people.setCurrentRow(0)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Security and privacy", True))
    view.rename_button.click()
    assert [s.name for s in w.state.stakeholders] == ["Security and privacy", "Legal"]
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    view.people.setCurrentRow(1)
    view.remove_button.click()
    view.people.setCurrentRow(0)
    view.remove_button.click()
    assert w.state.stakeholders == () and not w.view_row.isVisible()
    assert requirements(w).slider("code").isEnabled()
    assert w.state.recommendation is not None


def test_pairwise_wizard_fills_the_weights_and_records_how(committee, qtbot, tmp_path):
    w = committee
    w.state.view("Engineering")
    w.show_guided_weights()
    wizard = w.wizard
    qtbot.addWidget(wizard)
    chosen = wizard.chosen()
    assert set(chosen) == {"code", "know"}
    for i in range(wizard.criteria.count()):  # also weigh price
        item = wizard.criteria.item(i)
        if item.data(Qt.ItemDataRole.UserRole) == "price":
            item.setCheckState(Qt.CheckState.Checked)
    keys = wizard.chosen()
    assert len(wizard.rows) == 3
    judgements = [3.0, 5.0, 2.0]
    for row, value in zip(wizard.rows, judgements, strict=True):
        row.set_judgement(value)
    expected = ahp(3, judgements)
    assert f"Consistency ratio {expected.consistency_ratio:.2f}" in wizard.consistency.text()
    wizard.apply_button.click()
    assert not wizard.isVisible()
    person = w.state.profile().stakeholder("Engineering")
    shares = {k: v / sum(person.weights.values()) for k, v in person.weights.items()}
    np.testing.assert_allclose([shares[k] for k in keys], expected.weights, rtol=1e-9)
    assert person.elicitation.method is ElicitationMethod.AHP
    assert person.elicitation.judgements == tuple(judgements)
    path = tmp_path / "committee.toml"
    w._save_to(path)
    again = profile_from_toml(path.read_text())
    assert again.stakeholder("Engineering").elicitation == person.elicitation


def test_an_inconsistent_answer_is_pointed_out_and_can_be_fixed(window, qtbot):
    w = window
    w.show_guided_weights()
    wizard = w.wizard
    qtbot.addWidget(wizard)
    assert wizard.chosen() == ["price", "code", "know"]
    # price 3x code, code 3x know, but know 3x price: a cycle
    for row, value in zip(wizard.rows, [3.0, 1 / 3, 3.0], strict=True):
        row.set_judgement(value)
    assert "Most inconsistent" in wizard.consistency.text()
    assert wizard.fix.isVisibleTo(wizard)
    before = ahp(3, [r.judgement for r in wizard.rows]).consistency_ratio
    wizard.fix.click()
    after = ahp(3, [r.judgement for r in wizard.rows]).consistency_ratio
    assert after < before


def test_swing_weighting_and_a_contradictory_order(window, qtbot):
    w = window
    w.show_guided_weights()
    wizard = w.wizard
    qtbot.addWidget(wizard)
    wizard.swing_choice.setChecked(True)
    order = list(wizard.swing_order)
    boxes = [wizard.swings.cellWidget(r, 2) for r in range(len(order))]
    assert not boxes[0].isEnabled() and boxes[0].value() == 100
    boxes[1].setValue(50)
    boxes[2].setValue(70)  # ranked below but worth more
    assert not wizard.apply_button.isEnabled() and "move it up" in wizard.result.text()
    wizard.swings.selectRow(2)
    wizard.down.click()  # nothing below the last row
    wizard.up.click()
    assert wizard.swing_order == [order[0], order[2], order[1]]
    assert wizard.apply_button.isEnabled()
    wizard.apply_button.click()
    assert w.state.elicitation.method is ElicitationMethod.SWING
    shares = w.state.weight_shares()
    assert shares[order[0]] == pytest.approx(100 / 220)
    assert shares[order[2]] == pytest.approx(70 / 220)


def test_guided_weights_on_the_group_says_to_choose_a_stakeholder(committee, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    committee.guided_action.trigger()
    assert told and "Choose a stakeholder" in told[0]


def test_a_geometric_group_with_no_shared_weight_explains_itself(committee, qtbot):
    w = committee
    w.state.set_aggregation(Aggregation.GEOMETRIC)
    w.state.view("Finance")
    requirements(w).slider("code").setValue(0)  # Finance no longer weighs code
    w.state.rerank_now()
    w.state.view("")
    assert w.state.recommendation is None
    assert "geometric mean gives every weight 0" in w.problem.text()
    assert w.problem.isVisible()


def test_the_wizard_applies_only_to_whom_it_was_opened_for(committee, qtbot):
    w = committee
    w.state.view("Engineering")
    w.show_guided_weights()
    wizard = w.wizard
    qtbot.addWidget(wizard)
    assert wizard.isModal()
    finance_before = w.state.profile().stakeholder("Finance")
    w.state.view("Finance")  # cannot happen by hand while the modal wizard is open
    wizard.apply_button.click()
    assert w.state.profile().stakeholder("Finance") == finance_before


def test_saving_is_refused_while_the_weights_on_show_are_all_zero(committee, tmp_path):
    from advisor.domain import ProfileError

    w = committee
    w.state.view("Engineering")
    for key in ("code", "know"):
        requirements(w).slider(key).setValue(0)
    with pytest.raises(ProfileError, match="All of Engineering's weights are 0"):
        w.state.save_file(tmp_path / "p.toml")
    assert not (tmp_path / "p.toml").exists()


def test_a_stakeholder_ranks_even_when_the_geometric_group_cannot(committee):
    w = committee
    w.state.set_aggregation(Aggregation.GEOMETRIC)
    w.state.view("Finance")
    requirements(w).slider("code").setValue(0)
    w.state.rerank_now()
    assert w.state.recommendation is not None and w.state.problem == ""


def test_renaming_to_the_same_name_changes_nothing(committee):
    committee.state.rename_stakeholder("Finance", "Finance ")
    assert not committee.state.dirty


def test_recorded_answers_off_the_scale_are_kept_exactly(committee, qtbot):
    from advisor.domain.stakeholders import Elicitation

    w = committee
    w.state.view("Engineering")
    record = Elicitation(ElicitationMethod.AHP, ("code", "know"), judgements=(1.4,))
    w.state.apply_elicitation({"code": 1.4 / 2.4, "know": 1 / 2.4}, record)
    before = w.state.profile().stakeholder("Engineering").weights
    w.show_guided_weights()
    wizard = w.wizard
    qtbot.addWidget(wizard)
    assert wizard.rows[0].judgement == 1.4 and "1.4×" in wizard.rows[0].words.text()
    wizard.apply_button.click()
    after = w.state.profile().stakeholder("Engineering").weights
    assert after == pytest.approx(before)


def test_a_profile_without_stakeholders_shows_an_empty_state(committee, qtbot):
    """Loading a profile with no stakeholders after a committee: no old axes, no bars, the
    empty-state text (first-time user's defect 12)."""
    w = committee
    view = w.stakeholders
    assert not view.plot.isHidden() and view.plot.getAxis("bottom")._tickLevels[0]
    w.state.load(Profile("solo", {"code": 0.6, "know": 0.4}))
    assert view.plot.isHidden()
    assert view.plot.getAxis("bottom")._tickLevels == [[]]
    assert "Add them here" in view.hint.text()


def test_the_export_dialog_says_the_report_is_the_groups(committee, qtbot):
    from advisor.gui.dialogs.report_export import ReportDialog

    w = committee
    plain = ReportDialog(w, w.settings, w.state.name, w.state.viewing)
    assert not hasattr(plain, "which")  # the window shows the group: nothing to explain
    w.view_picker.setCurrentIndex(2)
    w.view_picker.activated.emit(2)
    assert w.state.viewing == "Finance"
    dialog = ReportDialog(w, w.settings, w.state.name, w.state.viewing)
    assert "the window now shows Finance's ranking" in dialog.which.text()
