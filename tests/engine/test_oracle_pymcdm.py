"""WSM and TOPSIS agree with pymcdm, an independent MCDA library, to 1e-9."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from pymcdm.methods import TOPSIS, WSM
from pymcdm.normalizations import minmax_normalization, vector_normalization

from advisor.domain import Method, Normalization, Policy, Profile
from advisor.engine import DecisionMatrix, rank


@st.composite
def problems(draw):
    rows = draw(st.integers(2, 25))
    cols = draw(st.integers(1, 7))
    # Values drawn from a small grid as well as the reals, so ties and flat columns occur.
    element = st.one_of(
        st.floats(0.5, 1000, allow_nan=False, allow_infinity=False),
        st.sampled_from([1.0, 2.0, 5.0, 10.0]),
    )
    matrix = draw(arrays(float, (rows, cols), elements=element))
    weights = draw(arrays(float, cols, elements=st.floats(0.01, 1.0)))
    benefit = draw(arrays(bool, cols))
    return matrix, weights / weights.sum(), benefit


def ours(matrix, weights, benefit, method, normalization):
    dm = DecisionMatrix.from_arrays(matrix, benefit)
    profile = Profile(
        "oracle",
        dict(zip(dm.criteria, weights.tolist(), strict=True)),
        policy=Policy(method=method, normalization=normalization),
    )
    ranking = rank(dm, profile)
    return np.asarray(ranking.arrays.scores), np.asarray(ranking.arrays.order)


def check_order(scores, order):
    """Our order is by score (descending), ties by row id; equal to pymcdm's where scores differ.
    Scores within TIE_TOLERANCE of each other (a run of them, at most one tolerance per step)
    are ties, so within a tie the order may go up by that much (docs/scoring.md §8)."""
    from advisor.engine.methods import TIE_TOLERANCE

    ordered = scores[order]
    assert np.all(np.diff(ordered) <= TIE_TOLERANCE * len(scores))


PAIRINGS = [
    (Method.WSM, Normalization.MINMAX, WSM, minmax_normalization),  # the named pairing
    (
        Method.TOPSIS,
        Normalization.VECTOR,
        TOPSIS,
        vector_normalization,
    ),  # the named pairing
    (Method.TOPSIS, Normalization.MINMAX, TOPSIS, minmax_normalization),
    (Method.WSM, Normalization.VECTOR, WSM, vector_normalization),
]


@pytest.mark.parametrize(
    ("method", "normalization", "oracle", "oracle_norm"),
    PAIRINGS,
    ids=[f"{m.value}-{n.value}" for m, n, _, _ in PAIRINGS],
)
@settings(max_examples=150, deadline=None)
@given(problem=problems())
def test_matches_pymcdm(method, normalization, oracle, oracle_norm, problem):
    matrix, weights, benefit = problem
    types = np.where(benefit, 1, -1)
    with np.errstate(invalid="ignore", divide="ignore"):
        expected = oracle(normalization_function=oracle_norm)(matrix, weights, types)
    scores, order = ours(matrix, weights, benefit, method, normalization)
    # pymcdm's TOPSIS gives NaN when every row is identical (0 / 0); ours gives 1 (docs/scoring.md).
    defined = ~np.isnan(expected)
    np.testing.assert_allclose(scores[defined], expected[defined], rtol=0, atol=1e-9)
    assert np.all(scores[~defined] == 1.0)
    check_order(scores, order)


def test_published_wsm_example():
    """pymcdm's documented WSM example (sum normalisation there); with min-max here, checked
    against the same library so the example stays a worked case in our docs."""
    matrix = np.array([[96, 83, 75, 7], [63, 5, 56, 9], [72, 30, 85, 3], [11, 4, 22, 4]], float)
    weights = np.array([8, 5, 6, 7], float) / 26
    types = np.array([1, 1, -1, -1])
    expected = WSM(normalization_function=minmax_normalization)(matrix, weights, types)
    scores, order = ours(matrix, weights, types == 1, Method.WSM, Normalization.MINMAX)
    np.testing.assert_allclose(scores, expected, atol=1e-12)
    assert list(order) == list(np.argsort(-expected, kind="stable"))
    # Hand check of the winner, row 0: (1*8 + 1*5 + (85-75)/63*6 + (9-7)/6*7) / 26.
    assert scores[0] == pytest.approx((8 + 5 + 10 / 63 * 6 + 2 / 6 * 7) / 26)
