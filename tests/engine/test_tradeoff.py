"""The trade-off chart's data, shared by the GUI and the report."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from advisor.catalogue import load_frames
from advisor.domain import Policy, Profile
from advisor.engine import build_decision_matrix, rank
from advisor.engine.tradeoff import SCORE, pareto_front_2d, tradeoff


@given(
    arrays(float, st.integers(1, 25), elements=st.integers(0, 5).map(float)),
    st.data(),
    st.booleans(),
    st.booleans(),
)
def test_front_matches_brute_force(x, data, x_higher, y_higher):
    y = data.draw(arrays(float, len(x), elements=st.integers(0, 5).map(float)))
    sx = x if x_higher else -x
    sy = y if y_higher else -y
    beaten = [
        any(
            sx[j] >= sx[i] and sy[j] >= sy[i] and (sx[j] > sx[i] or sy[j] > sy[i])
            for j in range(len(x))
        )
        for i in range(len(x))
    ]
    front = pareto_front_2d(x, y, x_higher, y_higher)
    # Every unbeaten point is on the front unless an identical point already represents it.
    on_front = {(x[i], y[i]) for i in front}
    assert on_front == {(x[i], y[i]) for i in range(len(x)) if not beaten[i]}
    assert list(x[front]) == sorted(x[front])


def test_score_against_price_on_the_tiny_catalogue(tiny_db):
    profile = Profile("t", {"code": 1.0})
    matrix = build_decision_matrix(load_frames(tiny_db), Policy())
    data = tradeoff(matrix, rank(matrix, profile), "blended_usd_per_mtok", SCORE)
    labels = [matrix.labels()[r] for r in data.rows]
    assert len(labels) == 4 and data.not_shown == 0
    assert data.y_higher_is_better and not data.x_higher_is_better
    front = {labels[i] for i in data.front}
    # alpha is cheapest; beta@ET scores best at 3.0; beta@std and gamma are beaten.
    assert front == {"alpha@standard", "beta@extended_thinking"}
    assert data.log_x_possible
    missing = tradeoff(matrix, rank(matrix, profile), "latency_ttft_s", SCORE)
    assert len(missing.rows) == 2 and missing.not_shown == 2
    assert np.all(np.isfinite(missing.x))
