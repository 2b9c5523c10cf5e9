"""Sensitivity: rank acceptability, stability intervals, what-if, data gaps."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from advisor.domain import Constraints, Method, Policy, Profile
from advisor.engine import DecisionMatrix, rank
from advisor.engine.sensitivity import (
    data_gap_impact,
    rank_acceptability,
    stability_intervals,
    what_if,
)


def problem(values, benefit=None, weights=None, method=Method.WSM):
    values = np.asarray(values, float)
    benefit = np.ones(values.shape[1], bool) if benefit is None else np.asarray(benefit)
    matrix = DecisionMatrix.from_arrays(values, benefit)
    weights = weights or {c: 1.0 for c in matrix.criteria}
    profile = Profile("s", weights, policy=Policy(method=method))
    return matrix, profile, rank(matrix, profile)


@pytest.mark.parametrize("method", [Method.WSM, Method.TOPSIS])
def test_dominant_candidate_always_wins(method):
    matrix, _, ranking = problem([[9, 9, 9], [1, 5, 2], [3, 1, 4]], method=method)
    result = rank_acceptability(matrix, ranking, samples=500, seed=1)
    assert result.rank1("m000000@standard") == 1.0


def test_identical_candidates_split_evenly_and_ranks_sum_to_one():
    matrix, _, ranking = problem([[5, 5], [5, 5], [1, 9], [9, 1]])
    result = rank_acceptability(matrix, ranking, samples=4000, concentration=None, seed=3)
    a, b = result.rank1("m000000@standard"), result.rank1("m000001@standard")
    assert abs(a - b) < 0.06
    np.testing.assert_allclose(result.probabilities.sum(axis=0), 1.0)
    assert result.expected_rank.min() >= 1 and result.expected_rank.max() <= 4


def test_same_seed_same_results():
    matrix, _, ranking = problem(np.random.default_rng(0).uniform(1, 9, (8, 4)))
    first = rank_acceptability(matrix, ranking, samples=700, seed=42, relative_error=0.05)
    again = rank_acceptability(matrix, ranking, samples=700, seed=42, relative_error=0.05)
    np.testing.assert_array_equal(first.probabilities, again.probabilities)
    other = rank_acceptability(matrix, ranking, samples=700, seed=43, relative_error=0.05)
    assert not np.array_equal(first.probabilities, other.probabilities)


@settings(max_examples=25, deadline=None)
@given(
    arrays(float, st.tuples(st.integers(2, 6), st.integers(2, 4)), elements=st.floats(1, 10)),
    st.data(),
)
def test_stability_intervals_match_brute_force(values, data):
    weights_raw = data.draw(arrays(float, values.shape[1], elements=st.floats(0.1, 1)))
    benefit = data.draw(arrays(bool, values.shape[1]))
    matrix = DecisionMatrix.from_arrays(values, benefit)
    weights = dict(zip(matrix.criteria, weights_raw.tolist(), strict=True))
    profile = Profile("s", weights)
    ranking = rank(matrix, profile)
    top = ranking.candidates[0].candidate
    for interval in stability_intervals(matrix, ranking):
        k = list(weights).index(interval.key)
        others = {c: w for c, w in weights.items() if c != interval.key}
        total = sum(others.values())
        for t in np.linspace(0.0, 1.0, 41):
            trial = {c: (1 - t) * w / total for c, w in others.items()} | {interval.key: t}
            if sum(trial.values()) <= 0:
                continue
            winner = rank(matrix, Profile("s", trial)).candidates[0].candidate
            margin = 1e-6
            if interval.low + margin < t < interval.high - margin:
                assert winner == top, (interval, t)
            elif t < interval.low - margin or t > interval.high + margin:
                assert winner != top, (interval, t)
        assert interval.low - 1e-9 <= interval.weight <= interval.high + 1e-9
        del k


def test_what_if_passes_through_the_current_scores():
    matrix, _, ranking = problem([[9, 1], [5, 5], [1, 9]], weights={"c0": 0.25, "c1": 0.75})
    _, lines = what_if(matrix, ranking, "c0", points=5)
    current = {c.candidate: c.score for c in ranking.candidates}
    for label, line in lines.items():
        assert line[1] == pytest.approx(current[label])  # t = 0.25 is the second point
    assert lines["m000000@standard"][-1] == pytest.approx(1.0)  # all weight on c0: best on c0


def test_data_gap_impact_brackets_the_rank(tiny_db):
    from advisor.catalogue import load_frames
    from advisor.engine import build_decision_matrix

    matrix = build_decision_matrix(load_frames(tiny_db), Policy())
    vendor_apis = Constraints(channels_include=("api",))
    profile = Profile("t", {"code": 0.5, "know": 0.3, "price": 0.2}, vendor_apis)
    ranking = rank(matrix, profile)
    impact = {g.candidate: g for g in data_gap_impact(matrix, profile, ranking)}
    gamma = impact["gamma@standard"]
    assert gamma.missing == ("know",)
    assert gamma.best_rank <= gamma.rank <= gamma.worst_rank
    # With know at the best observed 80, gamma scores 0.5/3 + 0.3 = 0.4667 and ties beta@standard,
    # which keeps its place on the id tie-break; at the worst (60) nothing changes (worst rule).
    assert (gamma.best_rank, gamma.worst_rank) == (4, 4)
    thinking = impact["beta@extended_thinking"]
    assert (thinking.best_rank, thinking.rank, thinking.worst_rank) == (1, 1, 1)
