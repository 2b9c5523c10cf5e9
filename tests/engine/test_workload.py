"""Workload fit on the tiny catalogue, computed by hand (tests/conftest.py).

Workload: 10,000 requests/day over 20 working days, peak 200 requests/min, 1,000 input tokens
(20% from cache), 500 output tokens, 2,000 reasoning tokens in extended thinking (0 standard).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.app.ranking import RankingSession
from advisor.catalogue import import_folder
from advisor.domain import Constraints, Profile, Workload
from tests.conftest import write_csv

WORKLOAD = Workload(
    requests_per_day=10_000,
    peak_requests_per_min=200,
    input_tokens_per_request=1_000,
    output_tokens_per_request=500,
    cached_input_share=0.2,
    reasoning_tokens_extended_thinking=2_000,
    working_days_per_month=20,
)


@pytest.fixture
def session(tiny_db, tmp_path):
    extra = tmp_path / "extra"
    write_csv(
        extra,
        "models.csv",
        "model_id,vendor,display_name,cache_read_usd_per_mtok\nbeta,VendorB,Beta,0.2\n",
    )
    write_csv(
        extra,
        "measurements.csv",
        "model_id,mode,metric,value,region,sample_count,source_kind,source_date\n"
        "alpha,standard,output_tokens_per_s,50,eu-west,5,internal,2025-06-01\n"
        "beta,standard,output_tokens_per_s,100,eu-west,5,internal,2025-06-01\n"
        "beta,extended_thinking,ttft_s,2.0,eu-west,5,internal,2025-06-01\n"
        "beta,extended_thinking,output_tokens_per_s,100,eu-west,5,internal,2025-06-01\n",
    )
    import_folder(tiny_db, extra)
    return RankingSession.from_db(tiny_db)


def derived(session, workload=WORKLOAD, **constraints):
    profile = Profile("w", {"monthly_cost": 1.0}, Constraints(**constraints), workload=workload)
    rec = session.recommend(profile)
    labels = rec.matrix.labels()
    table = {
        c: dict(zip(labels, rec.matrix.column(c), strict=True))
        for c in ("monthly_cost", "cost_per_1k_requests", "rate_limit_headroom", "response_time_s")
    }
    return rec, table


def test_monthly_cost_and_cost_per_1k_by_hand(session):
    """alpha (no cache price: cached input at the input price $1):
    (1000 x 0.8 x 1 + 1000 x 0.2 x 1 + 500 x 3) / 1e6 = $0.0025 per request.
    beta standard (cache $0.2): (1000 x 0.8 x 2 + 1000 x 0.2 x 0.2 + 500 x 6) / 1e6 = $0.00464.
    beta extended thinking adds 2,000 reasoning tokens at the output price:
    (1600 + 40 + 2500 x 6) / 1e6 = $0.01664. Monthly = per request x 10,000 x 20."""
    _, t = derived(session)
    assert t["monthly_cost"]["alpha@standard"] == pytest.approx(500.0)
    assert t["monthly_cost"]["beta@standard"] == pytest.approx(928.0)
    assert t["monthly_cost"]["beta@extended_thinking"] == pytest.approx(3328.0)
    assert t["cost_per_1k_requests"]["beta@extended_thinking"] == pytest.approx(16.64)
    assert t["monthly_cost"]["gamma@standard"] == pytest.approx(
        (1000 * 4 + 500 * 12) / 1e6 * 10_000 * 20
    )


def test_headroom_by_hand(session):
    """Peak 200 requests/min and 200,000 input tokens/min. alpha tier 1: 100/200 = 0.5 and
    10,000/200,000 = 0.05 -> 0.05. beta tier 1: 1,000/200 = 5 and 100,000/200,000 = 0.5 -> 0.5.
    gamma publishes nothing."""
    rec, t = derived(session)
    assert t["rate_limit_headroom"]["alpha@standard"] == pytest.approx(0.05)
    assert t["rate_limit_headroom"]["beta@standard"] == pytest.approx(0.5)
    assert t["rate_limit_headroom"]["beta@extended_thinking"] == pytest.approx(0.5)
    assert t["rate_limit_headroom"]["gamma@standard"] != t["rate_limit_headroom"]["gamma@standard"]
    row = rec.matrix.labels().index("beta@standard")
    assert rec.matrix.workload_info["lowest_fitting_tier"][row] == 2


def test_response_time_by_hand(session):
    """alpha 0.5 s + 500 / 50 = 10.5 s; beta standard 1.5 + 500 / 100 = 6.5 s; beta thinking
    2.0 + (500 + 2000) / 100 = 27 s: thinking tokens change the wait, not just the score."""
    _, t = derived(session)
    assert t["response_time_s"]["alpha@standard"] == pytest.approx(10.5)
    assert t["response_time_s"]["beta@standard"] == pytest.approx(6.5)
    assert t["response_time_s"]["beta@extended_thinking"] == pytest.approx(27.0)


def test_exceeding_every_tier_excludes_with_the_reason_and_a_higher_tier_brings_it_back(session):
    rec, _ = derived(session, min_rate_limit_headroom=1.0)
    reasons = {e.candidate: e.reasons for e in rec.ranking.excluded}
    assert reasons["alpha@standard"] == (
        "no published tier carries 200 requests/min at peak (best: tier 1, 0.05x the demand)",
    )
    assert reasons["beta@standard"] == (
        "needs tier 2 for 200 requests/min at peak; profile allows tier 1",
    )
    assert reasons["gamma@standard"] == (
        "no published rate limits for this model, so 200 requests/min at peak cannot be checked",
    )
    higher = (
        Workload(**{**WORKLOAD.__dict__, "tiers": {"VendorB": 2}})
        if hasattr(WORKLOAD, "__dict__")
        else None
    )
    import dataclasses

    higher = dataclasses.replace(WORKLOAD, tiers={"VendorB": 2})
    rec, t = derived(session, higher, min_rate_limit_headroom=1.0)
    ranked = {c.candidate for c in rec.ranking.candidates}
    assert ranked == {"beta@standard", "beta@extended_thinking"}
    assert t["rate_limit_headroom"]["beta@standard"] == pytest.approx(2.5)


def test_cost_and_response_constraints(session):
    rec, _ = derived(session, max_monthly_cost=1000, max_response_time_s=20)
    reasons = {e.candidate: e.reasons for e in rec.ranking.excluded}
    assert reasons["beta@extended_thinking"] == (
        "monthly cost 3,328 USD exceeds the max of 1,000 USD",
        "expected response time 27 s exceeds the max of 20 s",
    )
    assert "gamma@standard" in reasons  # 2,000 USD and no measurement


def test_derived_figures_show_their_inputs(session):
    rec, _ = derived(session)
    figures = rec.matrix.figures
    row = rec.matrix.labels().index("beta@extended_thinking")
    cost = figures[(figures["row"] == row) & (figures["criterion"] == "monthly_cost")].iloc[0]
    assert "2,000 reasoning" in cost["detail"] and "$0.2" in cost["detail"]
    assert cost["source_url"] == "https://b.example/beta"
    head = figures[(figures["row"] == row) & (figures["criterion"] == "rate_limit_headroom")].iloc[
        0
    ]
    assert "tier 1" in head["detail"] and "binding: input tokens/min" in head["detail"]


def test_concurrency_gives_the_peak_through_littles_law(session):
    import dataclasses

    w = dataclasses.replace(WORKLOAD, peak_requests_per_min=None, concurrency=10)
    rec, _ = derived(session, w)
    row = rec.matrix.labels().index("beta@standard")
    # 10 requests in flight, each taking 6.5 s: 10 x 60 / 6.5 requests per minute.
    assert rec.matrix.workload_info["peak_rpm"][row] == pytest.approx(600 / 6.5)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.floats(1, 1e6),
    st.floats(1, 1e4),
    st.floats(1, 5000),
    st.floats(1, 5000),
    st.floats(0, 1),
    st.floats(1.5, 20),
)
def test_doubling_volume_doubles_cost_and_halves_headroom(
    session, per_day, peak, tin, tout, share, factor
):
    import dataclasses

    w = Workload(
        requests_per_day=per_day,
        peak_requests_per_min=peak,
        input_tokens_per_request=tin,
        output_tokens_per_request=tout,
        cached_input_share=share,
    )
    w2 = dataclasses.replace(w, requests_per_day=per_day * 2, peak_requests_per_min=peak * 2)
    _, a = derived(session, w)
    _, b = derived(session, w2)
    for label, cost in a["monthly_cost"].items():
        if cost != cost:  # a self-hosted offer: no per-token price, no cost
            assert b["monthly_cost"][label] != b["monthly_cost"][label]
            continue
        assert b["monthly_cost"][label] == pytest.approx(2 * cost)
        head = a["rate_limit_headroom"][label]
        if head == head:
            assert b["rate_limit_headroom"][label] == pytest.approx(head / 2)


def test_profile_toml_round_trip_with_workload():
    import dataclasses

    from advisor.domain.profile_toml import profile_from_toml, profile_to_toml

    profile = Profile(
        "w",
        {"monthly_cost": 1.0},
        workload=dataclasses.replace(WORKLOAD, tiers={"Anthropic": 2, "OpenAI": 3}),
    )
    assert profile_from_toml(profile_to_toml(profile)) == profile
