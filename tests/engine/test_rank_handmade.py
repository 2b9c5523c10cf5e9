"""Hand-computed scores on the tiny catalogue (tests/conftest.py), one test per rule.

Candidates (model id, mode): alpha@standard, beta@extended_thinking, beta@standard,
gamma@standard. Figures counted by default (parallel test-time compute is not):

    candidate               code  know  blended price (3:1)
    alpha@standard            50    80   (3*1 + 3)/4 = 1.5
    beta@extended_thinking    80    —    (3*2 + 6)/4 = 3.0
    beta@standard             70    60   3.0
    gamma@standard            60    —    (3*4 + 12)/4 = 6.0

Weights code 0.5, know 0.3, price 0.2. Min-max: code -> 0, 1, 2/3, 1/3; price (cost) ->
(6 - x)/4.5 = 1, 2/3, 2/3, 0. The docstring of each test gives the rest of the arithmetic.

The arithmetic is over the vendors' own APIs: every profile here buys through them
(``channels_include = ["api"]``), so beta's self-hosted offers (it has open weights) are
excluded by that constraint and left out of the comparisons below (``excluded``).
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from advisor.catalogue import load_frames
from advisor.domain import Constraints, Method, MissingRule, Policy, Profile
from advisor.domain.vocabulary import Condition
from advisor.engine import build_decision_matrix, rank

WEIGHTS = {"code": 0.5, "know": 0.3, "price": 0.2}


def run(db, *, missing=MissingRule.WORST, constraints=None, **policy):
    policy = Policy(missing=missing, **policy)
    constraints = dataclasses.replace(constraints or Constraints(), channels_include=("api",))
    profile = Profile("tiny", WEIGHTS, constraints, policy)
    matrix = build_decision_matrix(load_frames(db), profile.policy)
    return rank(matrix, profile)


def excluded(ranking):
    """Excluded candidates but the offers no profile here buys (not the vendor's own API)."""
    return [e for e in ranking.excluded if "channels_include" not in e.constraints]


def scores(ranking) -> dict[str, float]:
    return {c.candidate: c.score for c in ranking.candidates}


def order(ranking) -> list[str]:
    return [c.candidate for c in ranking.candidates]


def test_worst_rule(tiny_db):
    """know: missing -> worst observed 60 -> n = 1, 0, 0, 0.
    alpha 0.3 + 0.2 = 0.5; beta@ET 0.5 + 0.2*2/3; beta@std 0.5*2/3 + 0.2*2/3; gamma 0.5/3."""
    r = run(tiny_db)
    assert scores(r) == pytest.approx(
        {
            "alpha@standard": 0.5,
            "beta@extended_thinking": 0.5 + 0.2 * 2 / 3,
            "beta@standard": 0.5 * 2 / 3 + 0.2 * 2 / 3,
            "gamma@standard": 0.5 / 3,
        },
        abs=1e-12,
    )
    assert order(r) == [
        "beta@extended_thinking",
        "alpha@standard",
        "beta@standard",
        "gamma@standard",
    ]
    top = r.candidates[0]
    assert top.contributions == pytest.approx({"code": 0.5, "know": 0.0, "price": 0.2 * 2 / 3})
    assert sum(top.contributions.values()) == pytest.approx(top.score)
    assert top.missing == ("know",)
    assert top.coverage == pytest.approx(0.7)


def test_mean_rule(tiny_db):
    """know: missing -> mean of 80 and 60 = 70 -> n = 1, 0.5, 0, 0.5."""
    r = run(tiny_db, missing=MissingRule.MEAN)
    assert scores(r) == pytest.approx(
        {
            "alpha@standard": 0.5,
            "beta@extended_thinking": 0.5 + 0.15 + 0.2 * 2 / 3,
            "beta@standard": 0.5 * 2 / 3 + 0.2 * 2 / 3,
            "gamma@standard": 0.5 / 3 + 0.15,
        },
        abs=1e-12,
    )


def test_exclude_rule_and_tie_break(tiny_db):
    """beta@ET and gamma lack know and are excluded. Among alpha and beta@std every column is
    0/1: alpha 0.3 + 0.2 = 0.5 and beta@std 0.5 tie; the tie goes to the smaller model id."""
    r = run(tiny_db, missing=MissingRule.EXCLUDE)
    assert order(r) == ["alpha@standard", "beta@standard"]
    assert scores(r) == pytest.approx({"alpha@standard": 0.5, "beta@standard": 0.5})
    reasons = {e.candidate: e.reasons for e in excluded(r)}
    assert reasons == {
        "beta@extended_thinking": ("missing-data rule 'exclude': no figure for know",),
        "gamma@standard": ("missing-data rule 'exclude': no figure for know",),
    }


def test_renormalise_rule(tiny_db):
    """know over present values: alpha 1, beta@std 0. beta@ET (0.5*1 + 0.2*2/3) / 0.7;
    gamma (0.5/3) / 0.7."""
    r = run(tiny_db, missing=MissingRule.RENORMALISE)
    assert scores(r) == pytest.approx(
        {
            "alpha@standard": 0.5,
            "beta@extended_thinking": (0.5 + 0.2 * 2 / 3) / 0.7,
            "beta@standard": 0.5 * 2 / 3 + 0.2 * 2 / 3,
            "gamma@standard": (0.5 / 3) / 0.7,
        },
        abs=1e-12,
    )
    beta_et = next(c for c in r.candidates if c.candidate == "beta@extended_thinking")
    assert sum(beta_et.contributions.values()) == pytest.approx(beta_et.score)


def test_max_price_renormalises_over_survivors(tiny_db):
    """gamma (6.0) fails; price over survivors 1.5, 3, 3 -> 1, 0, 0; code 50, 80, 70 -> 0, 1, 2/3;
    know 80, worst 60, 60 -> 1, 0, 0. alpha 0.5 and beta@ET 0.5 tie (alpha first); beta@std 1/3."""
    r = run(tiny_db, constraints=Constraints(max_blended_usd_per_mtok=3.5))
    assert order(r) == ["alpha@standard", "beta@extended_thinking", "beta@standard"]
    assert scores(r) == pytest.approx(
        {"alpha@standard": 0.5, "beta@extended_thinking": 0.5, "beta@standard": 0.5 * 2 / 3}
    )
    assert [(e.candidate, e.reasons) for e in excluded(r)] == [
        ("gamma@standard", ("blended price 6 USD/Mtok exceeds the max of 3.5 USD/Mtok",))
    ]


@pytest.mark.parametrize(
    ("constraints", "expected_excluded"),
    [
        (
            Constraints(min_context_window=150000),
            {
                "alpha@standard": "context window 100,000 tokens is below the min of 150,000 tokens",
                "gamma@standard": "context window unknown, so the min of 150,000 tokens cannot be checked",
            },
        ),
        (
            Constraints(open_weights_only=True),
            {
                "alpha@standard": "weights are not open (profile requires open weights)",
                "gamma@standard": "weights are not open (profile requires open weights)",
            },
        ),
        (
            Constraints(vendors_include=("VendorA",)),
            {
                "beta@extended_thinking": "vendor VendorB is not in the profile's vendor list",
                "beta@standard": "vendor VendorB is not in the profile's vendor list",
                "gamma@standard": "vendor VendorC is not in the profile's vendor list",
            },
        ),
        (
            Constraints(vendors_exclude=("VendorB",)),
            {
                "beta@extended_thinking": "vendor VendorB is excluded by the profile",
                "beta@standard": "vendor VendorB is excluded by the profile",
            },
        ),
        (
            Constraints(required_criteria=("know",)),
            {
                "beta@extended_thinking": "no counted figure for required criterion know",
                "gamma@standard": "no counted figure for required criterion know",
            },
        ),
        (
            Constraints(min_coverage=0.8),
            {
                "beta@extended_thinking": "data coverage 70% is below the required 80%",
                "gamma@standard": "data coverage 70% is below the required 80%",
            },
        ),
        (
            Constraints(max_latency_ttft_s=1.0),
            {
                "beta@extended_thinking": "time to first token unknown, so the max of 1 s cannot be checked",
                "beta@standard": "time to first token 1.5 s exceeds the max of 1 s",
                "gamma@standard": "time to first token unknown, so the max of 1 s cannot be checked",
            },
        ),
        (
            Constraints(min_rate_limit_rpm=500),
            {
                "alpha@standard": "rate limit 100 requests/min is below the min of 500 requests/min",
                "gamma@standard": "rate limit unknown, so the min of 500 requests/min cannot be checked",
            },
        ),
    ],
    ids=[
        "context",
        "open-weights",
        "include",
        "exclude",
        "required",
        "coverage",
        "latency",
        "rate",
    ],
)
def test_each_constraint(tiny_db, constraints, expected_excluded):
    r = run(tiny_db, constraints=constraints)
    assert {e.candidate: e.reasons for e in excluded(r)} == {
        k: (v,) for k, v in expected_excluded.items()
    }
    ranked = set(order(r))
    assert ranked.isdisjoint(expected_excluded)
    assert len(ranked) + len(expected_excluded) == 4


def test_single_survivor_scores_one(tiny_db):
    """With one candidate every column has no spread, so every normalised value is 1."""
    r = run(tiny_db, constraints=Constraints(vendors_include=("VendorA",)))
    assert scores(r) == {"alpha@standard": pytest.approx(1.0)}


def test_one_reason_per_failed_constraint(tiny_db):
    r = run(
        tiny_db,
        constraints=Constraints(max_blended_usd_per_mtok=2.0, vendors_exclude=("VendorC",)),
    )
    gamma = next(e for e in excluded(r) if e.candidate == "gamma@standard")
    assert len(gamma.reasons) == 2


def test_rate_limit_tier_is_policy(tiny_db):
    r = run(tiny_db, constraints=Constraints(min_rate_limit_rpm=2000), rate_limit_tier=2)
    assert set(order(r)) == {"beta@standard", "beta@extended_thinking"}


def test_parallel_compute_only_counts_when_allowed(tiny_db):
    """Peak claims: beta@standard now counts its parallel-compute 90 for code, so code ->
    50, 80, 90, 60 -> 0, 0.75, 1, 0.25."""
    conditions = tuple(Condition)
    r = run(tiny_db, conditions=conditions)
    assert scores(r)["beta@standard"] == pytest.approx(0.5 * 1 + 0.2 * 2 / 3)
    assert scores(r)["alpha@standard"] == pytest.approx(0.5)


def test_topsis_runs_on_the_same_inputs(tiny_db):
    r = run(tiny_db, method=Method.TOPSIS)
    assert all(0 <= c.score <= 1 for c in r.candidates)
    assert order(r)[0] == "beta@extended_thinking"


def test_condition_outside_policy_is_not_counted_but_set_aside(tiny_db):
    policy = Policy(conditions=(Condition.STANDARD,))
    matrix = build_decision_matrix(load_frames(tiny_db), policy)
    row = matrix.labels().index("beta@extended_thinking")
    # Its only code figure is extended_thinking, which this policy does not count.
    assert np.isnan(matrix.column("code")[row])
    aside = matrix.set_aside[matrix.set_aside["row"] == row]
    assert list(aside["condition"]) == ["extended_thinking"]
    assert list(aside["score"]) == [80]


def test_a_subnormal_spread_normalises_without_overflow():
    import numpy as np

    from advisor.engine.methods import minmax_normalize

    x = np.array([[0.0, 0.0], [2.225073858507203e-309, 5.0]])
    out = minmax_normalize(x, np.array([True, False]))
    np.testing.assert_array_equal(out, [[0.0, 1.0], [1.0, 0.0]])
