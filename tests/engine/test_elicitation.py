"""AHP and swing weighting: a published textbook example, consistent matrices, pymcdm as an
independent oracle, and the most inconsistent judgement."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pymcdm.weights.subjective import AHP as PymcdmAHP

from advisor.domain import ProfileError
from advisor.domain.stakeholders import Elicitation
from advisor.domain.vocabulary import ElicitationMethod
from advisor.engine.elicitation import (
    RANDOM_INDEX,
    SCALE,
    ahp,
    elicited_weights,
    nearest_on_scale,
    pairwise_matrix,
    swing_weights,
)

# Saaty, T. L. (1990). "How to make a decision: The analytic hierarchy process." European Journal
# of Operational Research 48(1), 9-26: the house example (criteria: size of house, transportation,
# neighbourhood, age of house, yard space, modern facilities, general condition, financing).
# Published there: priorities .173 .054 .188 .018 .031 .036 .167 .333, lambda_max 9.669,
# C.I. 0.238, C.R. 0.169.
SAATY_1990_HOUSE = """
1   5   3   7   6   6   1/3 1/4
1/5 1   1/3 5   3   3   1/5 1/7
1/3 3   1   6   3   4   6   1/5
1/7 1/5 1/6 1   1/3 1/4 1/7 1/8
1/6 1/3 1/3 3   1   1/2 1/5 1/6
1/6 1/3 1/4 4   2   1   1/5 1/6
3   5   1/6 7   5   5   1   1/2
4   7   5   8   6   6   2   1
"""


def _matrix(text: str) -> np.ndarray:
    return np.array(
        [[float(Fraction(x)) for x in line.split()] for line in text.split("\n") if line]
    )


def _upper(a: np.ndarray) -> list[float]:
    return a[np.triu_indices(len(a), 1)].tolist()


def test_saaty_1990_house_example_matches_the_published_values():
    a = _matrix(SAATY_1990_HOUSE)
    result = ahp(8, _upper(a))
    published = [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333]
    np.testing.assert_allclose(result.weights, published, atol=5e-4)
    assert result.lambda_max == pytest.approx(9.669, abs=5e-4)
    assert result.consistency_index == pytest.approx(0.238, abs=5e-4)
    assert result.consistency_ratio == pytest.approx(0.169, abs=5e-4)
    assert not result.acceptable
    # Neighbourhood judged 6 times as important as general condition, although the other
    # answers put the two about level: the judgement to revisit.
    worst = result.worst
    assert (worst.row, worst.col, worst.given) == (2, 6, 6.0)
    assert worst.implied == pytest.approx(1.13, abs=0.01) and worst.suggested == 1.0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0.2, 5.0), min_size=2, max_size=9))
def test_a_consistent_matrix_has_cr_zero_and_weights_in_its_ratios(raw):
    w = np.asarray(raw) / sum(raw)
    n = len(w)
    a = np.outer(w, 1 / w)  # a_ij = w_i / w_j: perfectly consistent
    result = ahp(n, _upper(a))
    assert result.consistency_ratio == pytest.approx(0.0, abs=1e-9)
    assert result.lambda_max == pytest.approx(n, abs=1e-9)
    np.testing.assert_allclose(result.weights, w, rtol=1e-9)
    assert result.worst is None


def test_all_equal_judgements_give_equal_weights():
    result = ahp(4, [1.0] * 6)
    np.testing.assert_allclose(result.weights, 0.25)
    assert result.consistency_ratio == 0.0


@settings(max_examples=40, deadline=None)
@given(st.integers(3, 9), st.data())
def test_weights_and_consistency_index_agree_with_pymcdm(n, data):
    judgements = data.draw(
        st.lists(st.sampled_from(SCALE), min_size=n * (n - 1) // 2, max_size=n * (n - 1) // 2)
    )
    a = pairwise_matrix(n, judgements)
    oracle = PymcdmAHP(matrix=a)
    ours = ahp(n, judgements)
    np.testing.assert_allclose(ours.weights, oracle(), rtol=1e-6, atol=1e-9)
    # pymcdm divides by another random index table (Tummala & Ling 1998); compare the CI.
    oracle_ci = oracle.get_cr() * PymcdmAHP.RI_M[n - 1]
    assert ours.consistency_index == pytest.approx(oracle_ci, abs=1e-9)
    assert ours.consistency_ratio == pytest.approx(ours.consistency_index / RANDOM_INDEX[n])


def test_the_scale_rounds_on_a_log_scale():
    assert nearest_on_scale(1.13) == 1.0
    assert nearest_on_scale(2.6) == 3.0
    assert nearest_on_scale(0.3) == pytest.approx(1 / 3)
    assert nearest_on_scale(50) == 9.0


def test_bad_judgements_are_refused_in_a_sentence():
    with pytest.raises(ProfileError, match="3 judgements"):
        ahp(3, [1.0, 2.0])
    with pytest.raises(ProfileError, match="positive ratio"):
        ahp(3, [1.0, -2.0, 1.0])
    with pytest.raises(ProfileError, match="2 to 15"):
        ahp(16, [1.0] * 120)


def test_swing_weights_are_ratings_over_their_sum():
    np.testing.assert_allclose(swing_weights([100, 50, 50]), [0.5, 0.25, 0.25])
    with pytest.raises(ProfileError):
        swing_weights([0, 0])


def test_elicited_weights_follow_the_method():
    pairwise = Elicitation(ElicitationMethod.AHP, ("coding", "price"), judgements=(3.0,))
    assert elicited_weights(pairwise) == pytest.approx({"coding": 0.75, "price": 0.25})
    swing = Elicitation(ElicitationMethod.SWING, ("a", "b", "c"), ratings=(100.0, 60.0, 40.0))
    assert elicited_weights(swing) == pytest.approx({"a": 0.5, "b": 0.3, "c": 0.2})
