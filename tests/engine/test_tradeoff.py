"""The trade-off chart's data, shared by the GUI and the report."""

from __future__ import annotations

import numpy as np
import pytest
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
    # beta's two self-hosted offers have no per-token price, so they are not drawn.
    assert len(labels) == 4 and data.not_shown == 2
    assert data.y_higher_is_better and not data.x_higher_is_better
    front = {labels[i] for i in data.front}
    # alpha is cheapest; beta@ET scores best at 3.0; beta@std and gamma are beaten.
    assert front == {"alpha@standard", "beta@extended_thinking"}
    assert data.log_x_possible
    missing = tradeoff(matrix, rank(matrix, profile), "latency_ttft_s", SCORE)
    # Latency is measured on the vendors' APIs only: alpha and beta@standard.
    assert len(missing.rows) == 2 and missing.not_shown == 4
    assert np.all(np.isfinite(missing.x))


def test_vendor_styles_tell_the_twenty_busiest_vendors_apart():
    from advisor.engine.tradeoff import MARKERS, VENDOR_COLOURS, vendor_styles

    vendors = [f"v{i:02d}" for i in range(25) for _ in range(25 - i)]  # v00 has most models
    styles = vendor_styles(vendors)
    assert sorted(styles) == [f"v{i:02d}" for i in range(20)]  # the five smallest share grey
    looks = {(s.colour, s.marker) for s in styles.values()}
    assert len(looks) == 20
    assert {s.colour for s in styles.values()} == set(VENDOR_COLOURS)
    assert {s.marker for s in styles.values()} == set(MARKERS)
    assert vendor_styles(list(reversed(vendors))) == styles  # order of the models is irrelevant


@pytest.mark.parametrize(
    ("value", "spacing", "text"),
    [
        (1_000_000, None, "1,000,000"),
        (1_000_000, 200_000, "1,000,000"),
        (200_000, 100_000, "200,000"),
        (1_000, None, "1,000"),
        (0.5, None, "0.5"),
        (0.02, None, "0.02"),
        (0.35, 0.05, "0.35"),
        (0.4, 0.1, "0.4"),
        (0, 0.1, "0"),
        (-0.0, None, "0"),
        (2.5, 0.5, "2.5"),
        (float("nan"), None, ""),
    ],
)
def test_tick_text_is_a_plain_number(value, spacing, text):
    from advisor.engine.tradeoff import tick_text

    assert tick_text(value, spacing) == text
    assert "e" not in tick_text(value, spacing)


def test_legend_entries_list_styled_vendors_then_the_others_counted():
    from advisor.engine.tradeoff import OTHER_VENDORS, VendorStyle, legend_entries

    styles = {"A": VendorStyle("#111111", "circle"), "B": VendorStyle("#222222", "triangle")}
    assert legend_entries(["B", "A", "B"], styles) == [("A", styles["A"]), ("B", styles["B"])]
    assert legend_entries(["A", "X"], styles)[-1] == ("1 other vendor", OTHER_VENDORS)
    assert legend_entries(["X", "Y", "X"], styles) == [("2 other vendors", OTHER_VENDORS)]
