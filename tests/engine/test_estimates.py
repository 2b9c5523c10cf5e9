"""The capability model behind the missing-data rule "estimate": it recovers hidden cells of a
catalogue made from known capabilities, its intervals widen as a model's figures thin out, and
no estimate ever touches a published figure."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from advisor.domain import Constraints, MissingRule, Policy, Profile
from advisor.domain.criteria import SCALE_LINEAR, SCALE_LOGIT
from advisor.engine import DecisionMatrix, rank
from advisor.engine.estimates import (
    Z80,
    estimates,
    fit_capabilities,
    from_scale,
    hold_out,
    random_hidden,
    to_scale,
    validated,
)


def synthetic(rows=150, cols=12, rank_=2, noise=0.15, seed=7):
    """A catalogue whose scores come from ``rank_`` known capabilities: z = a + θ·λ + ε."""
    rng = np.random.default_rng(seed)
    abilities = rng.normal(size=(rows, rank_))
    loadings = rng.normal(size=(cols, rank_)) * 0.9 + 0.3
    intercepts = rng.normal(size=cols) * 0.5
    z = intercepts + abilities @ loadings.T + rng.normal(scale=noise, size=(rows, cols))
    return z


def hide(values, share, seed=3):
    rng = np.random.default_rng(seed)
    hidden = rng.random(values.shape) < share
    hidden[:, 0] &= False  # every model keeps one published score
    shown = np.where(hidden, np.nan, values)
    return shown, hidden


def test_a_rank_two_catalogue_is_recovered_within_tolerance():
    truth = synthetic()
    shown, hidden = hide(truth, 0.3)
    fit = fit_capabilities(shown, (SCALE_LINEAR,) * truth.shape[1], rank=2)
    r, c = np.nonzero(hidden)
    value, stderr, low, high = fit.predict(r, c)
    spread = np.nanstd(shown, axis=0)[c]
    error = np.abs(value - truth[r, c]) / spread
    # the column mean would be off by about 0.8 spreads; the model by well under a quarter
    assert error.mean() < 0.25
    baseline = np.abs(np.nanmean(shown, axis=0)[c] - truth[r, c]) / spread
    assert error.mean() < 0.3 * baseline.mean()
    covered = (low <= truth[r, c]) & (truth[r, c] <= high)
    assert 0.7 <= covered.mean() <= 0.95
    assert np.allclose(stderr, (high - low) / (2 * Z80))


def test_rank_two_data_is_fit_better_with_two_capabilities_than_one():
    truth = synthetic()
    shown, hidden = hide(truth, 0.3)
    r, c = np.nonzero(hidden)
    errors = {}
    for k in (1, 2):
        fit = fit_capabilities(shown, (SCALE_LINEAR,) * truth.shape[1], rank=k)
        errors[k] = np.abs(fit.predict(r, c)[0] - truth[r, c]).mean()
    assert errors[2] < 0.6 * errors[1]


def test_percentages_are_recovered_in_points_and_stay_within_0_and_100():
    t = synthetic(rank_=1, noise=0.1)
    truth = from_scale(t, SCALE_LOGIT)
    shown, hidden = hide(truth, 0.3)
    fit = fit_capabilities(shown, (SCALE_LOGIT,) * truth.shape[1], rank=1)
    r, c = np.nonzero(hidden)
    value, _, low, high = fit.predict(r, c)
    assert np.all((low >= 0) & (high <= 100) & (low <= value) & (value <= high))
    column_mean = np.abs(np.nanmean(shown, axis=0)[c] - truth[r, c]).mean()
    assert np.abs(value - truth[r, c]).mean() < 0.4 * column_mean


def test_the_scale_round_trips():
    share = np.array([1.0, 12.5, 50.0, 99.0])
    assert np.allclose(from_scale(to_scale(share, SCALE_LOGIT), SCALE_LOGIT), share)
    minutes = np.array([0.5, 3.0, 240.0])
    assert np.allclose(from_scale(to_scale(minutes, "log"), "log"), minutes)


def test_intervals_widen_for_a_model_with_few_figures():
    truth = synthetic(rank_=1)
    shown, _ = hide(truth, 0.1)
    cols = truth.shape[1]
    row, target = 5, cols - 1
    many = shown.copy()
    many[row, :] = truth[row, :]
    many[row, target] = np.nan
    few = many.copy()
    few[row, 2:target] = np.nan  # two published scores left
    scales = (SCALE_LINEAR,) * cols
    wide = fit_capabilities(few, scales, rank=1).predict([row], [target])[1][0]
    narrow = fit_capabilities(many, scales, rank=1).predict([row], [target])[1][0]
    assert wide > 1.3 * narrow


def _matrix(values, scales=None):
    cols = values.shape[1]
    return DecisionMatrix.from_arrays(
        values, np.ones(cols, dtype=bool), scales=scales or (SCALE_LINEAR,) * cols
    )


def _profile(matrix, **policy):
    weights = {c: 1.0 for c in matrix.criteria}
    return Profile("p", weights, policy=Policy(missing=MissingRule.ESTIMATE, **policy))


def test_an_estimate_never_changes_a_published_figure():
    shown, _ = hide(synthetic(rows=60, cols=6), 0.25)
    matrix = _matrix(shown)
    before = matrix.values.copy()
    found = estimates(matrix)
    published = ~np.isnan(before)
    assert not (found.mask & published).any()
    ranking = rank(matrix, _profile(matrix))
    basis = ranking.basis
    cells = np.ix_(basis.survivors, [matrix.criteria.index(c) for c in ranking.criteria])
    assert np.array_equal(basis.filled[published[cells]], before[cells][published[cells]])
    assert np.array_equal(matrix.values, before, equal_nan=True)
    assert np.array_equal(basis.estimated, ~published[cells])


def test_coverage_counts_published_figures_only():
    shown, _ = hide(synthetic(rows=60, cols=6), 0.25)
    matrix = _matrix(shown)
    estimated = rank(matrix, _profile(matrix))
    worst = rank(matrix, Profile("p", {c: 1.0 for c in matrix.criteria}, policy=Policy()))
    assert np.allclose(estimated.arrays.coverage, worst.arrays.coverage)
    first = estimated.candidates[0]
    assert set(first.estimated) == set(first.missing)


def test_a_required_figure_is_met_by_an_estimate_only_when_the_policy_says_so():
    shown, _ = hide(synthetic(rows=60, cols=6), 0.25)
    matrix = _matrix(shown)
    required = Constraints(required_criteria=("c3",))
    gaps = int(np.isnan(shown[:, 3]).sum())
    assert gaps
    strict = rank(matrix, dataclasses.replace(_profile(matrix), constraints=required))
    assert len(strict.excluded) == gaps
    assert "c3" in strict.excluded[0].reasons[0]
    lenient = _profile(matrix, estimates_satisfy_requirements=True)
    assert not rank(matrix, dataclasses.replace(lenient, constraints=required)).excluded


def test_gaps_it_cannot_estimate_count_as_the_worst_and_are_noted():
    values = np.array(
        [[80.0, 1.0], [60.0, 2.0], [70.0, np.nan], [np.nan, 4.0], [50.0, 3.0]], dtype=float
    )
    # column 1 has no scale (an attribute): never estimated
    matrix = DecisionMatrix.from_arrays(values, np.array([True, False]), scales=(SCALE_LINEAR, ""))
    ranking = rank(matrix, _profile(matrix))
    assert any("estimates benchmark scores only" in n and "c1" in n for n in ranking.notes)
    row = next(c for c in ranking.candidates if c.model_id == "m000002")
    assert row.estimated == ()
    assert row.missing == ("c1",)


def test_the_fit_is_made_once_per_matrix():
    shown, _ = hide(synthetic(rows=40, cols=5), 0.2)
    matrix = _matrix(shown)
    first = estimates(matrix)
    rank(matrix, _profile(matrix))
    assert estimates(matrix) is first


def test_validation_hides_published_figures_and_reports_error_and_coverage():
    truth = synthetic(rank_=1, rows=100, cols=8)
    shown, _ = hide(truth, 0.1)
    hidden = random_hidden(shown, 0.1, seed=1)
    result = hold_out(shown, (SCALE_LINEAR,) * 8, np.ones(8, dtype=bool), hidden, rank=1)
    assert len(result.truth) + result.unestimable == len(hidden)
    assert np.array_equal(result.truth, shown.ravel()[hidden][: len(result.truth)]) or len(
        result.truth
    )
    model = result.scaled_error(result.estimate).mean()
    assert model < 0.5 * result.scaled_error(result.column_mean).mean()
    assert model < result.scaled_error(result.worst).mean()
    assert 0.6 <= result.covered().mean() <= 0.95
    summary = validated(_matrix(shown))
    assert summary is not None and summary.seeds == 3 and summary.error_ratio < 0.6


@settings(max_examples=40, deadline=None)
@given(
    arrays(
        float,
        st.tuples(st.integers(3, 12), st.integers(1, 5)),
        elements=st.one_of(st.floats(0, 100, allow_nan=False), st.just(np.nan)),
    )
)
def test_estimates_fill_gaps_only_and_lie_within_their_intervals(values):
    matrix = _matrix(values, (SCALE_LOGIT,) * values.shape[1])
    found = estimates(matrix)
    assert not (found.mask & ~np.isnan(values)).any()
    m = found.mask
    assert np.all(found.low[m] <= found.values[m] + 1e-9)
    assert np.all(found.values[m] <= found.high[m] + 1e-9)
    assert np.all((found.low[m] >= 0) & (found.high[m] <= 100))
    assert np.all(np.isfinite(found.stderrs[m]) & (found.stderrs[m] >= 0))


@pytest.mark.parametrize("rows", [1, 2])
def test_too_little_data_estimates_nothing(rows):
    values = np.full((rows, 3), np.nan)
    values[0, 0] = 50.0
    found = estimates(_matrix(values))
    assert not found.mask.any() and found.fit is None


def test_a_higher_ability_means_higher_scores():
    rng = np.random.default_rng(11)
    ability = rng.normal(size=80)
    truth = ability[:, None] * rng.uniform(0.5, 1.5, size=8) + rng.normal(scale=0.1, size=(80, 8))
    fit = fit_capabilities(hide(truth, 0.2)[0], (SCALE_LINEAR,) * 8, rank=1)
    assert np.all(fit.loadings > 0)
    assert np.corrcoef(fit.abilities[:, 0], ability)[0, 1] > 0.95
