"""Cost and time per task: criteria from the run behind each counted score, and the bound."""

from __future__ import annotations

import numpy as np
import pytest

from advisor.catalogue import load_frames
from advisor.domain import Constraints, Policy, Profile
from advisor.domain.criteria import task_label, task_parts
from advisor.engine import build_decision_matrix, rank
from advisor.engine.matrix import TASK_DETAIL
from advisor.engine.tradeoff import TASKS, axis_sections
from tests.conftest import tiny_frames_with_results

RESULTS = """
model_id,benchmark,condition,score,unit,source_kind,reported_by,source_url,source_date,cost_per_task_usd,seconds_per_task
alpha,code,standard,50,percent,third_party,Board,https://board.example/a,2025-01-01,0.02,30
beta,code,standard,70,percent,third_party,Board,https://board.example/b,2025-02-01,0.09,
beta,code,standard,71,percent,vendor,VendorB,https://b.example/beta,2025-02-01,,
gamma,code,standard,60,percent,vendor,VendorC,https://c.example/gamma,2025-03-01,,
"""


@pytest.fixture
def frames(fresh_db, tiny_folder):
    return tiny_frames_with_results(fresh_db, tiny_folder, RESULTS)


def test_the_counted_runs_cost_and_time_are_criteria(frames):
    matrix = build_decision_matrix(frames, Policy())
    assert "code:cost_per_task" in matrix.criteria and "code:seconds_per_task" in matrix.criteria
    cost = matrix.column("code:cost_per_task")
    labels = matrix.labels()
    assert cost[labels.index("alpha@standard")] == 0.02
    # beta's counted score is the board's (independent first): its run's cost counts with it
    assert cost[labels.index("beta@standard")] == 0.09
    assert np.isnan(cost[labels.index("gamma@standard")])
    seconds = matrix.column("code:seconds_per_task")
    assert seconds[labels.index("alpha@standard")] == 30
    assert np.isnan(seconds[labels.index("beta@standard")])
    j = matrix.criteria.index("code:cost_per_task")
    assert not matrix.higher_is_better[j]  # cheaper per task is better
    figures = matrix.figures
    cited = figures[figures["criterion"] == "code:cost_per_task"]
    assert set(cited["source_url"]) == {"https://board.example/a", "https://board.example/b"}
    assert set(cited["detail"]) == {TASK_DETAIL}


def test_task_criteria_are_weighted_charted_and_named(frames):
    matrix = build_decision_matrix(frames, Policy())
    profile = Profile("t", {"code": 0.5, "code:cost_per_task": 0.5})
    ranking = rank(matrix, profile)
    assert ranking.candidates[0].candidate == "alpha@standard"  # far cheaper per task
    sections = dict(axis_sections(matrix))
    assert sections[TASKS] == ("code:cost_per_task", "code:seconds_per_task")
    assert "code:cost_per_task" not in sections["Benchmarks"]
    assert task_parts("code:cost_per_task") == ("code", "cost_per_task")
    assert task_parts("code") is None
    assert task_label("code:seconds_per_task", "Code bench") == "Code bench: time per task"


def test_max_cost_per_task_keeps_the_best_within_budget(bundled_db):
    frames = load_frames(bundled_db)
    matrix = build_decision_matrix(frames, Policy())
    profile = Profile("t", {"coding": 1.0}, Constraints(max_cost_per_task=0.05))
    ranking = rank(matrix, profile)
    cost = matrix.column("aider-polyglot:cost_per_task")
    labels = matrix.labels()
    assert ranking.candidates and all(
        cost[labels.index(c.candidate)] <= 0.05 for c in ranking.candidates
    )
    reasons = {e.candidate: e.reasons for e in ranking.excluded}
    assert any(
        "cost per task (Aider polyglot) 0.13 USD exceeds the max of 0.05 USD" in r
        for r in reasons["gpt-5@extended_thinking"]
    )
    unknown = next(r for c, r in reasons.items() if np.isnan(cost[labels.index(c)]))
    assert any("cost per task (Aider polyglot) unknown" in r for r in unknown)
