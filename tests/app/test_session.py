"""The window's state without Qt: each edit sends only its own notification, a burst of edits
asks for one re-rank, stakeholder views switch the weights on show, files round-trip."""

from __future__ import annotations

import subprocess
import sys

import pytest

from advisor.app.profiles import load_profile
from advisor.app.session import NOTIFICATIONS, SessionModel, as_points, weight_shares
from advisor.domain import Profile, ProfileError
from advisor.domain.stakeholders import Stakeholder, group_weights
from advisor.domain.vocabulary import Aggregation, Condition

TINY = Profile("tiny", {"code": 0.5, "know": 0.3, "price": 0.2})


class Recorder:
    """Every notification a model sends, in order, with its arguments."""

    def __init__(self, model: SessionModel) -> None:
        self.seen: list[tuple] = []
        for name in NOTIFICATIONS:
            getattr(model, name).connect(lambda *args, n=name: self.seen.append((n, *args)))

    def names(self) -> list[str]:
        return [event[0] for event in self.seen]

    def clear(self) -> None:
        self.seen.clear()


@pytest.fixture
def model(workspace):
    session = SessionModel.on(workspace)
    session.load(TINY)
    return session


def test_the_session_model_imports_no_qt():
    code = (
        "import sys, advisor.app.session\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_loading_sends_every_profile_notification_once_and_ranks(workspace):
    model = SessionModel.on(workspace)
    seen = Recorder(model)
    model.load(TINY)
    names = seen.names()
    for name in (
        "name_changed",
        "weights_changed",
        "constraints_changed",
        "policy_changed",
        "workload_changed",
        "stakeholders_changed",
        "view_changed",
        "path_changed",
        "ranking_changed",
    ):
        assert names.count(name) == 1, name
    assert "dirty_changed" not in names  # a load is not an edit
    assert model.recommendation.ranking.candidates[0].candidate == "beta@extended_thinking"
    assert model.weights == pytest.approx({"code": 50.0, "know": 30.0, "price": 20.0})


def test_a_weight_edit_sends_weights_dirty_and_ranking_only(model):
    seen = Recorder(model)
    model.set_weight("code", 0)
    assert seen.names() == ["weights_changed", "dirty_changed", "profile_edited", "ranking_changed"]
    assert seen.seen[1] == ("dirty_changed", True)
    assert model.recommendation.ranking.candidates[0].candidate == "alpha@standard"
    seen.clear()
    model.set_weight("code", 0)  # no change, no notification
    assert seen.names() == []


def test_constraints_policy_and_workload_send_their_own_notification(model):
    seen = Recorder(model)
    model.set_constraints(max_blended_usd_per_mtok=3.5)
    assert seen.names() == [
        "constraints_changed",
        "dirty_changed",
        "profile_edited",
        "ranking_changed",
    ]
    seen.clear()
    model.compare_peak_claims()
    assert seen.names() == ["policy_changed", "profile_edited", "ranking_changed"]
    assert set(model.policy.conditions) == set(Condition)
    seen.clear()
    model.set_workload(True, requests_per_day=1000)
    assert seen.names() == ["workload_changed", "profile_edited", "ranking_changed"]
    excluded = [e.candidate for e in model.recommendation.ranking.excluded]
    # gamma costs too much; beta self-hosted has no per-token price to check.
    assert excluded == [
        "beta@extended_thinking/self_hosted",
        "beta@standard/self_hosted",
        "gamma@standard",
    ]


def test_a_burst_of_edits_asks_for_one_deferred_rerank(model):
    asked, cancelled = [], []
    model.defer_rerank = lambda: asked.append(1)
    model.cancel_rerank = lambda: cancelled.append(1)
    seen = Recorder(model)
    for value in range(10, 60, 5):
        model.set_weight("code", value)
    assert "ranking_changed" not in seen.names() and len(asked) == 10
    before = model.recommendation
    model.rerank_now()  # what the adapter's timer does when the burst ends
    assert seen.names().count("ranking_changed") == 1 and cancelled == [1]
    assert model.recommendation is not before
    assert model.previous_ranks == before.ranking.ranks()


def test_every_weight_at_zero_is_a_problem_not_a_ranking(model):
    for key in list(model.weights):
        model.set_weight(key, 0)
    assert model.recommendation is None
    assert "All weights are 0" in model.problem


def test_stakeholders_switch_the_weights_on_show(model):
    people = (
        Stakeholder("Engineering", {"code": 0.8, "price": 0.2}),
        Stakeholder("Finance", {"price": 0.7, "know": 0.3}),
    )
    model.load(
        Profile("committee", group_weights(people, Aggregation.ARITHMETIC), stakeholders=people)
    )
    assert not model.weights_editable
    seen = Recorder(model)
    model.set_weight("code", 1)  # the group's weights are derived: refused silently
    assert seen.names() == []
    model.view("Finance")
    assert seen.names()[:2] == ["view_changed", "weights_changed"]
    assert model.weights == pytest.approx(as_points({"price": 0.7, "know": 0.3}))
    assert model.recommendation.ranking.weight_keys == ("price", "know")
    model.set_weight("know", 70)
    assert model.profile().stakeholder("Finance").weights["know"] == 70
    assert model.profile().weights == pytest.approx(
        group_weights(model.stakeholders, Aggregation.ARITHMETIC)
    )
    assert model.group_analysis().top_k == 3


def test_renaming_and_removing_stakeholders(model):
    model.add_stakeholder("Security")
    assert model.viewing == "Security" and [s.name for s in model.stakeholders] == ["Security"]
    with pytest.raises(ProfileError, match="already a stakeholder"):
        model.add_stakeholder(" Security ")
    model.add_stakeholder("Legal")
    model.rename_stakeholder("Legal", "Legal and privacy")
    assert model.viewing == "Legal and privacy"
    seen = Recorder(model)
    model.remove_stakeholder("Legal and privacy")
    assert seen.names()[:3] == ["stakeholders_changed", "view_changed", "weights_changed"]
    assert model.viewing == ""
    model.remove_stakeholder("Security")  # the last one: their weights become the profile's
    assert model.stakeholders == () and model.weights_editable
    assert weight_shares(model.weights) == pytest.approx(weight_shares(TINY.weights))


def test_consensus_k_re_reports_the_ranking_without_re_ranking(model):
    model.add_stakeholder("Security")
    before = model.recommendation
    seen = Recorder(model)
    model.set_consensus_top_k(1)
    assert seen.names() == ["stakeholders_changed", "profile_edited", "ranking_changed"]
    assert model.recommendation is before and model.group_analysis().top_k == 1


def test_save_and_open_round_trip(model, tmp_path):
    model.set_weight("know", 70)
    path = tmp_path / "p.toml"
    model.save_file(path)
    assert not model.dirty and model.path == path
    saved = load_profile(path).weights
    assert weight_shares(saved) == pytest.approx(weight_shares(model.profile().weights))
    assert saved["know"] == pytest.approx(0.7)  # in the loaded profile's scale, not points
    model.load(TINY)
    model.open_file(path)
    assert model.weights["know"] == pytest.approx(100 * 70 / 140)  # as points of 100


def test_selection_and_catalogue_reload(model, workspace):
    seen = Recorder(model)
    model.select("alpha@standard")
    model.select("alpha@standard")
    assert seen.seen == [("selection_changed", "alpha@standard")]
    seen.clear()
    model.reload_catalogue()
    assert seen.names() == ["catalogue_changed", "ranking_changed"]
    assert model.catalogue_meta == workspace.meta()


def test_using_another_catalogue_closes_the_one_before(model, workspace):
    workspace.take_snapshot("first")
    snapshot = workspace.reopen("first")
    model.use_catalogue(snapshot)
    assert model.store is snapshot and model.catalogue_meta["snapshot"] == "first"
    with pytest.raises(Exception, match="closed"):
        workspace.db.execute("SELECT 1")
    snapshot.close()


def test_every_user_edit_is_reported_once_with_before_and_after_for_undo(model):
    """``profile_edited`` carries the profile before and after each user edit; restoring
    ``before`` puts it back and is not itself reported as an edit."""
    seen = Recorder(model)
    start = model.edit_state()
    model.set_weight("know", 70)
    [(_name, before, after)] = [e for e in seen.seen if e[0] == "profile_edited"]
    assert before == start and dict(after.weights)["know"] == 70
    seen.clear()
    model.restore_edit_state(before)
    assert "profile_edited" not in seen.names() and model.edit_state() == start


def test_rank_changes_during_a_gesture_count_from_its_start(model):
    start = model.recommendation.ranking.ranks()
    model.begin_gesture()
    for weight in (0.4, 0.6, 0.9, 1.5):
        model.set_weight("price", weight)
        model.rerank_now()
        assert model.previous_ranks == start  # never an intermediate position
    model.end_gesture()
    final = model.recommendation.ranking.ranks()
    assert model.previous_ranks == start
    model.set_weight("code", 0.6)  # re-ranks at once (no deferral outside the window)
    assert model.previous_ranks == final  # after the gesture, edits compare as before


def test_effective_shares_spread_a_group_over_its_criteria(model):
    shares = model.effective_shares()
    assert sum(shares.values()) == pytest.approx(1.0)
    assert all(v >= 0 for v in shares.values())
    groups = model.recommendation.matrix.groups
    price = groups.get("price", {"price": 1.0})  # a group, or a criterion weighted on its own
    total = sum(price.values())
    for criterion, share in price.items():
        assert shares[criterion] == pytest.approx(0.2 * share / total)


def test_a_press_and_release_that_changes_nothing_keeps_the_rank_changes(model):
    model.set_weight("price", 0.6)  # a real edit: its Δ is on show
    shown = dict(model.previous_ranks)
    ranking = model.recommendation
    model.begin_gesture()
    model.end_gesture()
    assert model.previous_ranks == shown and model.recommendation is ranking  # no re-rank
