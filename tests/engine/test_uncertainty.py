"""Uncertainty: standard errors per figure, P(A beats B), tie groups, SMAA with figure noise."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from advisor.domain import Method, Policy, Profile
from advisor.engine import DecisionMatrix, methods, rank
from advisor.engine.matrix import STDERR_STATED, with_stderrs
from advisor.engine.sensitivity import FIXED, OWN_ERRORS, RELATIVE, rank_acceptability
from advisor.engine.uncertainty import (
    compare,
    criterion_beats,
    figure_noise,
    noisy_scores,
    tie_groups,
)

BENCHMARKS = pd.DataFrame(
    {
        "benchmark": ["gpqa-diamond", "aime-2025", "swe-bench-verified", "elo", "no-count"],
        "unit": ["percent", "percent", "percent", "rating", "percent"],
        "n_items": [198, 30, 500, None, None],
    }
)


def cells(rows):
    frame = pd.DataFrame(rows, columns=["criterion", "value", "stderr", "trials"])
    return with_stderrs(frame, BENCHMARKS)


def test_binomial_standard_error_matches_hand_computed_values():
    out = cells(
        [
            ("gpqa-diamond", 80.0, None, None),  # 100 * sqrt(.8 * .2 / 198)
            ("aime-2025", 50.0, None, None),  # 100 * sqrt(.25 / 30)
            ("swe-bench-verified", 72.7, None, 10),  # 500 items x 10 trials
        ]
    )
    assert out["stderr"].tolist() == pytest.approx([2.8427, 9.1287, 0.6300], abs=5e-4)
    assert out["stderr_origin"].tolist() == [
        "binomial, 198 items",
        "binomial, 30 items",
        "binomial, 500 items x 10 trials",
    ]


def test_a_perfect_score_keeps_half_an_item_of_doubt():
    out = cells([("aime-2025", 100.0, None, None), ("aime-2025", 0.0, None, None)])
    p = 1 - 1 / 60
    expected = 100 * math.sqrt(p * (1 - p) / 30)
    assert out["stderr"].tolist() == pytest.approx([expected, expected])


def test_the_sources_own_error_is_carried_and_unknown_is_said():
    out = cells(
        [
            ("gpqa-diamond", 80.0, 1.9, None),
            ("elo", 1400.0, None, None),
            ("no-count", 40.0, None, None),
        ]
    )
    assert out["stderr"].iloc[0] == 1.9 and out["stderr_origin"].iloc[0] == STDERR_STATED
    assert np.isnan(out["stderr"].iloc[1]) and np.isnan(out["stderr"].iloc[2])
    assert out["stderr_origin"].iloc[1] == "unknown: not a percent score"
    assert out["stderr_origin"].iloc[2] == "unknown: no item count for this benchmark"


def test_epochs_stderr_reaches_the_bundled_matrix(bundled_db):
    from advisor.catalogue.queries import load_frames
    from advisor.engine.matrix import build_decision_matrix

    frames = load_frames(bundled_db)
    matrix = build_decision_matrix(frames, Policy())
    figures = matrix.figures
    epoch = figures[(figures["source"] == "epoch") & figures["criterion"].eq("gpqa-diamond")]
    results = frames.results.set_index("source_record")
    sample = epoch.dropna(subset=["stderr"]).iloc[0]
    assert sample["stderr_origin"] == STDERR_STATED
    assert sample["stderr"] == results.loc[sample["source_record"], "stderr"]
    row = int(sample["row"])
    assert matrix.stderrs()[row, matrix.criteria.index("gpqa-diamond")] == sample["stderr"]
    # Prices carry no sampling error: no origin is stated for them.
    prices = figures[figures["criterion"] == "input_usd_per_mtok"]
    assert prices["stderr_origin"].isna().all()


def problem(values, stderrs, weights=None, method=Method.WSM, model_ids=None):
    values = np.asarray(values, float)
    matrix = DecisionMatrix.from_arrays(
        values,
        np.ones(values.shape[1], bool),
        stderrs=np.asarray(stderrs, float),
        model_ids=None if model_ids is None else np.array(model_ids, dtype=object),
    )
    weights = weights or {c: 1.0 for c in matrix.criteria}
    profile = Profile("u", weights, policy=Policy(method=method))
    return matrix, rank(matrix, profile)


@pytest.mark.parametrize("method", [Method.WSM, Method.TOPSIS])
def test_identical_figures_are_a_coin_toss(method):
    matrix, ranking = problem([[70, 50], [70, 50], [20, 10]], [[3, 3]] * 3, method=method)
    result = compare(matrix, ranking, matrix.labels()[:2], samples=20_000, seed=1)
    assert result.overall[0, 1] == pytest.approx(0.5, abs=0.02)
    assert result.overall[0, 1] + result.overall[1, 0] == pytest.approx(1.0)
    assert result.by_criterion[0, 1].tolist() == [0.5, 0.5]


@pytest.mark.parametrize("method", [Method.WSM, Method.TOPSIS])
def test_a_dominant_candidate_is_almost_surely_better(method):
    matrix, ranking = problem([[90, 90], [40, 40], [20, 10]], [[2, 2]] * 3, method=method)
    result = compare(matrix, ranking, matrix.labels()[:2], samples=5000, seed=2)
    assert result.overall[0, 1] > 0.999
    assert result.p_first[0] > 0.999


def test_per_criterion_odds_are_the_normal_cdf_of_the_gap():
    # 80 +- 3 against 76 +- 4: P = Phi(4 / 5).
    p = criterion_beats(
        np.array([80.0, 1.0, 5.0, 60.0]),
        np.array([3.0, np.nan, np.nan, np.nan]),
        np.array([76.0, 2.0, 5.0, 50.0]),
        np.array([4.0, np.nan, np.nan, 2.0]),
        np.array([True, False, True, True]),
        np.array([True, False, True, True]),
    )
    assert p[0] == pytest.approx(0.5 * (1 + math.erf(0.8 / math.sqrt(2))))
    assert p[1] == 1.0  # an exact figure, lower is better
    assert p[2] == 0.5  # the same figure
    assert np.isnan(p[3])  # a real gap whose significance is unknown


def test_wsm_shortcut_matches_drawing_every_figure():
    """The oracle: draw each figure from its own error and re-score by brute force."""
    rng = np.random.default_rng(5)
    values = rng.uniform(20, 90, (6, 4))
    se = rng.uniform(0.5, 4, (6, 4))
    matrix, ranking = problem(values, se, weights={"c0": 3, "c1": 1, "c2": 2, "c3": 1})
    basis = ranking.basis
    noise = figure_noise(matrix, ranking)
    weights = basis.key_weights @ basis.key_shares
    fast = noisy_scores(basis, noise, weights, np.random.default_rng(0), samples=40_000)
    draws = np.random.default_rng(1).standard_normal((40_000, 6, 4))
    normalized = methods.minmax_normalize(basis.filled, basis.benefit)
    slow = (normalized[None] + draws * noise.sigma[None]) @ weights
    np.testing.assert_allclose(fast.mean(axis=0), slow.mean(axis=0), atol=3e-3)
    np.testing.assert_allclose(fast.std(axis=0), slow.std(axis=0), rtol=0.03)


def test_offers_of_one_model_share_their_benchmark_noise():
    # Two rows of one model: the same figures, so their gap never changes sign.
    matrix, ranking = problem(
        [[70, 50], [70, 50], [69, 51]], [[3, 3]] * 3, model_ids=["a", "a", "b"]
    )
    noise = figure_noise(matrix, ranking)
    assert noise.groups[0] == noise.groups[1] != noise.groups[2]
    weights = ranking.basis.key_weights @ ranking.basis.key_shares
    scores = noisy_scores(ranking.basis, noise, weights, np.random.default_rng(0), samples=2000)
    np.testing.assert_allclose(scores[:, 0], scores[:, 1])


def test_tie_groups_on_a_crafted_case():
    # Three close leaders (within noise), then a clear gap, then two close followers.
    values = [[80, 80], [79.5, 79.8], [79, 79.5], [50, 50], [49.8, 49.9], [10, 10]]
    matrix, ranking = problem(values, [[2.5, 2.5]] * 6)
    groups = tie_groups(matrix, ranking, samples=20_000, seed=0)
    assert groups.group.tolist() == [0, 0, 0, 1, 1, 2]
    assert groups.top() == tuple(matrix.labels()[:3])
    assert groups.distinguishable() is False
    assert groups.p_first[:3].sum() > 0.99 and groups.p_first[0] > groups.p_first[2]
    assert groups.p_first.sum() == pytest.approx(1.0)
    assert 0.5 < groups.runner_up_odds() < 0.95


def test_exact_figures_alone_are_always_distinguishable():
    matrix, ranking = problem([[80, 80], [79.9, 80], [10, 10]], [[np.nan, np.nan]] * 3)
    groups = tie_groups(matrix, ranking, samples=500)
    assert groups.group.tolist() == [0, 1, 2] and groups.distinguishable() is True
    assert groups.noise.known == 0 and groups.noise.unknown == 6


def test_smaa_with_figure_noise_reproduces_with_the_seed():
    rng = np.random.default_rng(0)
    matrix, ranking = problem(rng.uniform(40, 60, (10, 4)), rng.uniform(1, 3, (10, 4)))
    first = rank_acceptability(matrix, ranking, samples=1500, seed=7)
    again = rank_acceptability(matrix, ranking, samples=1500, seed=7)
    other = rank_acceptability(matrix, ranking, samples=1500, seed=8)
    assert first.figure_noise == OWN_ERRORS and first.known_errors == 40
    np.testing.assert_array_equal(first.probabilities, again.probabilities)
    assert not np.array_equal(first.probabilities, other.probabilities)
    fixed = rank_acceptability(matrix, ranking, samples=1500, seed=7, relative_error=0)
    assert fixed.figure_noise == FIXED
    relative = rank_acceptability(matrix, ranking, samples=300, seed=7, relative_error=0.05)
    assert relative.figure_noise == RELATIVE and relative.relative_error == 0.05


def test_figure_noise_spreads_rank_acceptability():
    # Equal weights' sampling cannot separate two candidates with the same figures in a
    # different order; their own errors make the leader's first place less certain.
    values = [[60, 60], [59, 59.5], [20, 20]]
    matrix, ranking = problem(values, [[4, 4]] * 3)
    fixed = rank_acceptability(matrix, ranking, samples=3000, seed=1, relative_error=0)
    noisy = rank_acceptability(matrix, ranking, samples=3000, seed=1)
    leader = matrix.labels()[0]
    assert fixed.rank1(leader) == 1.0 and 0.5 < noisy.rank1(leader) < 0.9


def _old_ranks(scores, jitter):
    """The SMAA ranks as computed before issue 19: snap ties, then a lexsort per sample."""
    order = np.lexsort((jitter, -methods.snap_ties(scores)), axis=-1)
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(scores.shape[1])[None, :], axis=1)
    return ranks


@settings(max_examples=60, deadline=None)
@given(
    arrays(
        float,
        st.tuples(st.integers(1, 6), st.integers(1, 7)),
        elements=st.sampled_from([0.0, 0.25, 0.25 + 1e-12, 0.5, 0.5 - 1e-10, 1.0]),
    ),
    st.integers(0, 2**32 - 1),
)
def test_sample_ranks_equal_the_snap_and_lexsort_ranks(scores, seed):
    jitter = np.random.default_rng(seed).random(scores.shape)
    np.testing.assert_array_equal(methods.sample_ranks(scores, jitter), _old_ranks(scores, jitter))


@settings(max_examples=30, deadline=None)
@given(
    arrays(
        float,
        st.tuples(st.integers(1, 4), st.integers(2, 6), st.integers(1, 4)),
        elements=st.floats(0, 1),
    ),
    st.integers(0, 2**32 - 1),
    st.booleans(),
)
def test_topsis_against_the_rows_own_ideal_is_topsis(stack, seed, gaps):
    from advisor.engine.uncertainty import topsis_at

    rng = np.random.default_rng(seed)
    w = rng.dirichlet(np.ones(stack.shape[2]), size=stack.shape[0])
    present = rng.random(stack.shape[1:]) > 0.3 if gaps else None
    for s in range(stack.shape[0]):
        n = stack[s]
        if present is None:
            best, worst = n.max(axis=0), n.min(axis=0)
            one = methods.topsis(n, w[s])
        else:
            best = np.where(present, n, -np.inf).max(axis=0)
            worst = np.where(present, n, np.inf).min(axis=0)
            one = methods.topsis_renormalised(n, w[s], present)
        got = topsis_at(n[None], w[s : s + 1], best, worst, present)[0]
        np.testing.assert_allclose(got, one, rtol=1e-12, atol=1e-12)
