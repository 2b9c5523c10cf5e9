"""Properties every ranking must have, whatever the data."""

from __future__ import annotations

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from advisor.domain import Method, MissingRule, Normalization, Policy, Profile
from advisor.engine import DecisionMatrix, rank
from advisor.engine.methods import pareto_mask

METHODS = st.sampled_from(
    [
        (Method.WSM, Normalization.MINMAX),
        (Method.WSM, Normalization.VECTOR),
        (Method.TOPSIS, Normalization.MINMAX),
        (Method.TOPSIS, Normalization.VECTOR),
    ]
)


@st.composite
def cases(draw, allow_missing=False):
    rows = draw(st.integers(2, 15))
    cols = draw(st.integers(1, 6))
    element = st.floats(1, 100, allow_nan=False)
    if allow_missing:
        element = st.one_of(element, st.just(np.nan))
    values = draw(arrays(float, (rows, cols), elements=element))
    weights = draw(arrays(float, cols, elements=st.floats(0.05, 5)))
    benefit = draw(arrays(bool, cols))
    method, normalization = draw(METHODS)
    missing = draw(st.sampled_from(list(MissingRule))) if allow_missing else MissingRule.WORST
    return (
        values,
        weights,
        benefit,
        Policy(method=method, normalization=normalization, missing=missing),
    )


def run(values, weights, benefit, policy, ids=None):
    dm = DecisionMatrix.from_arrays(values, benefit, model_ids=ids)
    profile = Profile("p", dict(zip(dm.criteria, map(float, weights), strict=True)), policy=policy)
    return rank(dm, profile)


def by_id(ranking):
    return {c.model_id: c for c in ranking.candidates}


@settings(max_examples=120, deadline=None)
@given(cases(), st.data())
def test_dominating_candidate_never_ranks_below(case, data):
    values, weights, benefit, policy = case
    i = data.draw(st.integers(0, len(values) - 1))
    j = data.draw(st.sampled_from([k for k in range(len(values)) if k != i]))
    better = data.draw(arrays(float, values.shape[1], elements=st.floats(0, 10)))
    strict = data.draw(st.integers(0, values.shape[1] - 1))
    better[strict] += 1.0
    values = values.copy()
    values[j] = values[i] + np.where(benefit, better, -better)  # j dominates i
    values[j] = np.maximum(values[j], 0.001)
    assume(np.all(np.where(benefit, values[j] >= values[i], values[j] <= values[i])))
    assume(np.any(values[j] != values[i]))
    ranked = [c.model_id for c in run(values, weights, benefit, policy).candidates]
    assert ranked.index(f"m{j:06d}") < ranked.index(f"m{i:06d}")


@settings(max_examples=120, deadline=None)
@given(cases(allow_missing=True), st.floats(0.01, 1000))
def test_scaling_weights_changes_nothing(case, factor):
    values, weights, benefit, policy = case
    a = run(values, weights, benefit, policy)
    b = run(values, weights * factor, benefit, policy)
    np.testing.assert_allclose(
        np.asarray(a.arrays.scores), np.asarray(b.arrays.scores), atol=1e-12, equal_nan=True
    )
    assert [e.candidate for e in a.excluded] == [e.candidate for e in b.excluded]


@settings(max_examples=120, deadline=None)
@given(cases(allow_missing=True), st.randoms(use_true_random=False))
def test_row_order_changes_nothing(case, rnd):
    values, weights, benefit, policy = case
    ids = np.array([f"model-{k:03d}" for k in range(len(values))], dtype=object)
    perm = list(range(len(values)))
    rnd.shuffle(perm)
    a = run(values, weights, benefit, policy, ids)
    b = run(values[perm], weights, benefit, policy, ids[perm])
    sa, sb = by_id(a), by_id(b)
    assert sa.keys() == sb.keys()
    for key in sa:
        assert abs(sa[key].score - sb[key].score) < 1e-12
        assert sa[key].pareto == sb[key].pareto
    # Orders agree wherever neighbouring scores are not within rounding of each other.
    rounded = lambda r: [(round(c.score, 9), c.model_id) for c in r.candidates]  # noqa: E731
    assert sorted(rounded(a), key=lambda t: (-t[0], t[1])) == sorted(
        rounded(b), key=lambda t: (-t[0], t[1])
    )


@settings(max_examples=120, deadline=None)
@given(cases(allow_missing=True))
def test_scores_in_unit_interval_and_coverage_bounds(case):
    values, weights, benefit, policy = case
    r = run(values, weights, benefit, policy)
    for c in r.candidates:
        assert -1e-12 <= c.score <= 1 + 1e-12
        assert 0 <= c.coverage <= 1
    assert len(r) + len(r.excluded) == len(values)


@settings(max_examples=300, deadline=None)
@given(
    arrays(
        float,
        st.tuples(st.integers(0, 60), st.integers(1, 7)),
        elements=st.one_of(st.integers(0, 3).map(float), st.floats(-1, 1, allow_nan=False)),
    )
)
def test_pareto_matches_brute_force(y):
    expected = np.array(
        [
            not any(np.all(y[k] >= y[i]) and np.any(y[k] > y[i]) for k in range(len(y)) if k != i)
            for i in range(len(y))
        ],
        dtype=bool,
    )
    np.testing.assert_array_equal(pareto_mask(y), expected)


def test_snap_ties_makes_float_noise_an_exact_tie_and_keeps_real_gaps():
    from advisor.engine.methods import snap_ties

    scores = np.array([0.75, 0.7500000000000001, 0.7499999999999999, 0.5, 0.5 + 1e-6, np.nan])
    snapped = snap_ties(scores)
    assert snapped[0] == snapped[1] == snapped[2] == 0.7500000000000001
    assert snapped[3] == 0.5 and snapped[4] == 0.5 + 1e-6 and np.isnan(snapped[5])
    rows = np.vstack([scores, scores[::-1]])
    np.testing.assert_array_equal(snap_ties(rows)[1], snapped[::-1])


def test_exact_ties_in_theory_are_settled_by_model_id_not_by_rounding():
    # Three candidates tie at 0.75 in exact arithmetic; whatever the weights' float noise,
    # the first by id wins.
    values = np.array([[2.0, 2, 2, 2], [2, 2, 2, 2], [2, 1, 2, 1]])
    matrix = DecisionMatrix.from_arrays(values, np.array([True, False, True, True]))
    for t in np.linspace(0, 1, 41):
        weights = {"c0": (1 - t) / 3, "c1": (1 - t) / 3, "c2": t, "c3": (1 - t) / 3}
        ranking = rank(matrix, Profile("tie", {k: v for k, v in weights.items() if v > 0}))
        assert ranking.candidates[0].candidate == "m000000@standard"


@settings(max_examples=150, deadline=None)
@given(
    arrays(
        float,
        st.tuples(st.integers(2, 30), st.integers(1, 5)),
        elements=st.sampled_from([1.0, 2.0, 2.0 + 4e-9, 2.0 + 8e-9, 3.0, 5.0]),
    ),
    st.data(),
)
def test_a_page_of_pareto_flags_matches_the_whole_front(values, data):
    """top(n) finds its rows' flags one by one (compared only with rows of at least their
    sum); they agree with the whole front, near-ties included."""
    benefit = np.ones(values.shape[1], dtype=bool)
    dm = DecisionMatrix.from_arrays(values, benefit)
    profile = Profile("p", dict.fromkeys(dm.criteria, 1.0))
    n = data.draw(st.integers(1, len(values)))
    page = [c.pareto for c in rank(dm, profile).top(n)]
    dm.pareto_memo.clear()
    whole = [c.pareto for c in rank(dm, profile).candidates[:n]]
    assert page == whole


@settings(max_examples=150, deadline=None)
@given(
    arrays(
        float,
        st.tuples(st.integers(2, 30), st.integers(1, 5)),
        elements=st.sampled_from([np.nan, 1.0, 2.0, 2.0 + 4e-9, 2.0 + 8e-9, 2.0 + 1.2e-8, 5.0]),
    ),
    st.data(),
)
def test_a_page_of_pareto_flags_matches_the_whole_front_under_any_weights_and_rule(values, data):
    """Unequal weights, zero-weight-like small ones, gaps, chains of near-equal values, WSM
    (page rows compared only with rows of near-enough scores) and TOPSIS and renormalise
    (compared with rows of at least their sum): the page agrees with the whole front."""
    columns = values.shape[1]
    benefit = np.array(data.draw(st.lists(st.booleans(), min_size=columns, max_size=columns)))
    dm = DecisionMatrix.from_arrays(values, benefit)
    weights = data.draw(
        st.lists(st.sampled_from([1e-6, 0.1, 1.0, 3.0]), min_size=columns, max_size=columns)
    )
    policy = Policy(
        method=data.draw(st.sampled_from([Method.WSM, Method.TOPSIS])),
        missing=data.draw(st.sampled_from([MissingRule.WORST, MissingRule.RENORMALISE])),
    )
    profile = Profile("p", dict(zip(dm.criteria, weights, strict=True)), policy=policy)
    ranking = rank(dm, profile)
    n = data.draw(st.integers(1, max(1, len(ranking))))
    page = [c.pareto for c in ranking.top(n)]
    dm.pareto_memo.clear()
    whole = [c.pareto for c in rank(dm, profile).candidates[:n]]
    assert page == whole
