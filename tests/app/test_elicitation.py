"""The door to guided weights gives the published answers (Saaty 1990's house example)."""

from __future__ import annotations

import numpy as np
import pytest

from advisor.app import elicitation
from tests.engine.test_elicitation import SAATY_1990_HOUSE, _matrix, _upper


def test_pairwise_and_swing_weights():
    result = elicitation.ahp(8, _upper(_matrix(SAATY_1990_HOUSE)))
    published = [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333]
    np.testing.assert_allclose(result.weights, published, atol=5e-4)
    assert result.consistency_ratio == pytest.approx(0.169, abs=5e-4)
    assert result.consistency_ratio > elicitation.ACCEPTABLE_CR and elicitation.MAX_KEYS == 15
    assert list(elicitation.swing_weights([100, 50, 50])) == [0.5, 0.25, 0.25]
