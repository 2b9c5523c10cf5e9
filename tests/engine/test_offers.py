"""Offers on the tiny catalogue: a model in a mode bought through one channel and region, with
its own prices, lifecycle and due-diligence findings (docs/scoring.md, "Offers")."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from advisor.catalogue import import_folder, load_frames
from advisor.domain import Constraints, Policy, Profile
from advisor.engine import build_decision_matrix, rank
from advisor.engine.matrix import MODEL_LIMIT_DETAIL
from tests.conftest import write_csv

# alpha is also sold on Bedrock in the EU (dearer) and in the US, and through OpenRouter
# (two price sources disagree: the vendor-stated one wins by the precedence rule).
OFFER_ATTRIBUTES = """
model_id,attribute,value,channel,region,source_kind,reported_by,source_url,source_date,source_record
alpha,input_usd_per_mtok,1.1,bedrock,eu,third_party,litellm (BerriAI),https://litellm.example,2026-07-24,eu.vendora.alpha-v1:0
alpha,output_usd_per_mtok,3.3,bedrock,eu,third_party,litellm (BerriAI),https://litellm.example,2026-07-24,eu.vendora.alpha-v1:0
alpha,context_window,50000,bedrock,eu,third_party,litellm (BerriAI),https://litellm.example,2026-07-24,eu.vendora.alpha-v1:0
alpha,input_usd_per_mtok,1,bedrock,us,third_party,litellm (BerriAI),https://litellm.example,2026-07-24,us.vendora.alpha-v1:0
alpha,output_usd_per_mtok,3,bedrock,us,third_party,litellm (BerriAI),https://litellm.example,2026-07-24,us.vendora.alpha-v1:0
alpha,input_usd_per_mtok,2,openrouter,,third_party,models.dev,https://models.dev,2026-06-30,providers/openrouter/models/vendora/alpha.toml
alpha,output_usd_per_mtok,4,openrouter,,third_party,models.dev,https://models.dev,2026-06-30,providers/openrouter/models/vendora/alpha.toml
alpha,input_usd_per_mtok,2.5,openrouter,,third_party,genai-prices (Pydantic),https://genai.example,2026-09-01,openrouter/vendora/alpha
alpha,output_usd_per_mtok,5,openrouter,,third_party,genai-prices (Pydantic),https://genai.example,2026-09-01,openrouter/vendora/alpha
"""
LIFECYCLE = """
model_id,channel,region,event,date,source_kind,reported_by,source_url,source_date,source_record
gamma,,,retirement,2026-06-15,vendor,VendorC,https://c.example/deprecations,2026-08-17,gamma-1
alpha,bedrock,us,deprecation,2027-02-01,third_party,litellm (BerriAI),https://litellm.example,2026-07-24,us.vendora.alpha-v1:0
alpha,openrouter,,preview,,third_party,models.dev,https://models.dev,2026-06-30,vendora/alpha
"""
ASSURANCES = """
vendor,channel,assurance,value,detail,evidence,recorded_on,recorded_by
VendorA,,dpa,yes,,https://a.example/dpa,2026-10-01,Procurement
VendorA,,zero_data_retention,no,,https://a.example/privacy,2024-01-10,Procurement
,bedrock,dpa,yes,AWS service terms,https://aws.example/dpa,2026-09-01,Procurement
VendorB,,dpa,on_request,Enterprise plan,https://b.example/trust,2026-11-01,Legal
"""
WEIGHTS = {"code": 0.6, "price": 0.4}


@pytest.fixture
def offers_db(fresh_db, tiny_folder):
    write_csv(tiny_folder, "model_attributes.csv", OFFER_ATTRIBUTES)
    write_csv(tiny_folder, "lifecycle.csv", LIFECYCLE)
    write_csv(tiny_folder, "assurances.csv", ASSURANCES)
    import_folder(fresh_db, tiny_folder)
    return fresh_db


def matrix_of(db, policy=None):
    return build_decision_matrix(load_frames(db), policy or Policy())


def run(db, decision_date="2026-12-01", **constraints):
    policy = Policy(decision_date=decision_date)
    profile = Profile("offers", WEIGHTS, Constraints(**constraints), policy)
    return rank(matrix_of(db, policy), profile)


def cell(matrix, label, criterion):
    return matrix.values[matrix.labels().index(label), matrix.criteria.index(criterion)]


def figure(matrix, label, criterion):
    row = matrix.labels().index(label)
    figures = matrix.figures
    return figures[(figures["row"] == row) & (figures["criterion"] == criterion)].iloc[0]


def reasons(ranking):
    return {e.candidate: e.reasons for e in ranking.excluded}


def test_every_listed_offer_is_a_candidate_with_its_own_price_and_provenance(offers_db):
    m = matrix_of(offers_db)
    alpha = [label for label in m.labels() if label.startswith("alpha@")]
    assert alpha == [
        "alpha@standard",
        "alpha@standard/bedrock:eu",
        "alpha@standard/bedrock:us",
        "alpha@standard/openrouter",
    ]
    assert cell(m, "alpha@standard", "input_usd_per_mtok") == 1
    assert cell(m, "alpha@standard/bedrock:eu", "input_usd_per_mtok") == 1.1
    assert cell(m, "alpha@standard/bedrock:eu", "blended_usd_per_mtok") == pytest.approx(
        (3 * 1.1 + 3.3) / 4
    )
    price = figure(m, "alpha@standard/bedrock:eu", "input_usd_per_mtok")
    assert price["source_record"] == "eu.vendora.alpha-v1:0"
    assert price["reported_by"] == "litellm (BerriAI)"
    # Disagreeing sources of one offer: the newest third-party figure counts, the other is kept.
    assert cell(m, "alpha@standard/openrouter", "input_usd_per_mtok") == 2.5
    row = m.labels().index("alpha@standard/openrouter")
    others = m.alternatives[m.alternatives["row"] == row]
    assert set(others["value"]) == {2.0, 4.0}
    assert set(others["reported_by"]) == {"models.dev"}


def test_benchmarks_belong_to_the_model_and_limits_to_the_offer(offers_db):
    m = matrix_of(offers_db)
    for label in ("alpha@standard", "alpha@standard/bedrock:eu", "alpha@standard/openrouter"):
        assert cell(m, label, "code") == 50
    assert cell(m, "alpha@standard/bedrock:eu", "context_window") == 50000
    # An offer that states no context window shows the model's own, said so.
    assert cell(m, "alpha@standard/bedrock:us", "context_window") == 100000
    assert figure(m, "alpha@standard/bedrock:us", "context_window")["detail"] == (
        MODEL_LIMIT_DETAIL
    )
    # Rate limits and measurements are the vendor API's: unknown for the other offers.
    assert cell(m, "alpha@standard", "rate_limit_rpm") == 100
    assert np.isnan(cell(m, "alpha@standard/bedrock:eu", "rate_limit_rpm"))
    assert np.isnan(cell(m, "alpha@standard/bedrock:eu", "latency_ttft_s"))


def test_an_open_weights_model_is_also_offered_self_hosted_without_a_price(offers_db):
    m = matrix_of(offers_db)
    assert "beta@standard/self_hosted" in m.labels()
    assert np.isnan(cell(m, "beta@standard/self_hosted", "blended_usd_per_mtok"))
    assert cell(m, "beta@standard/self_hosted", "context_window") == 200000
    assert not any(label.startswith("alpha@standard/self_hosted") for label in m.labels())


def test_a_retired_offer_is_excluded_with_its_date_and_source(offers_db):
    r = run(offers_db)
    assert reasons(r)["gamma@standard"] == (
        "retired on 2026-06-15 (VendorC, https://c.example/deprecations)",
    )
    assert r.find("gamma@standard") is None


def test_a_decision_date_before_the_retirement_keeps_it(offers_db):
    r = run(offers_db, decision_date="2026-01-15")
    assert r.find("gamma@standard") is None  # retiring within 6 months of the decision
    assert "sooner than the 6 months" in reasons(r)["gamma@standard"][0]
    earlier = run(offers_db, decision_date="2025-06-01")
    assert earlier.find("gamma@standard") is not None
    flagged = run(offers_db, decision_date="2026-01-15", retiring="flag")
    assert flagged.find("gamma@standard") is not None


def test_an_offer_retiring_within_the_support_months_is_excluded_or_flagged(offers_db):
    r = run(offers_db)  # deprecation 2027-02-01 is within 6 months of 2026-12-01
    assert reasons(r)["alpha@standard/bedrock:us"] == (
        "deprecated from 2027-02-01 (litellm (BerriAI), https://litellm.example): sooner than "
        "the 6 months of support after 2026-12-01 the profile requires",
    )
    assert run(offers_db, min_support_months=1).find("alpha@standard/bedrock:us") is not None
    assert run(offers_db, retiring="flag").find("alpha@standard/bedrock:us") is not None


def test_an_eu_only_profile_keeps_eu_offers_and_self_hosting(offers_db):
    r = run(offers_db, regions_include=("eu",))
    ranked = {c.candidate for c in r.candidates}
    assert ranked == {
        "alpha@standard/bedrock:eu",
        "beta@standard/self_hosted",
        "beta@extended_thinking/self_hosted",
    }
    why = reasons(r)
    assert why["alpha@standard/bedrock:us"][0] == "served from United States, not from eu"
    assert why["alpha@standard"] == (
        "Vendor API states no region for this offer, so serving from eu cannot be checked",
    )
    # A cloud region code lies in its jurisdiction.
    assert run(offers_db, regions_include=("us",)).find("alpha@standard/bedrock:us") is None


def test_channel_and_self_hosting_constraints(offers_db):
    only_clouds = run(offers_db, channels_include=("bedrock",))
    assert {c.channel for c in only_clouds.candidates} == {"bedrock"}
    no_gateways = run(offers_db, channels_exclude=("openrouter",))
    assert reasons(no_gateways)["alpha@standard/openrouter"] == (
        "OpenRouter is excluded by the profile",
    )
    hosted = run(offers_db, self_hosted_only=True)
    assert {c.candidate for c in hosted.candidates} == {
        "beta@standard/self_hosted",
        "beta@extended_thinking/self_hosted",
    }


def test_required_assurances_exclude_missing_and_negative_findings(offers_db):
    r = run(offers_db, required_assurances=("dpa",))
    ranked = {c.candidate for c in r.candidates}
    # VendorA's own API and any Bedrock offer (a vendor-less Bedrock finding) have a DPA;
    # VendorB offers it on request; OpenRouter and self-hosting have no finding.
    assert {"alpha@standard", "alpha@standard/bedrock:eu", "beta@standard"} <= ranked
    why = reasons(r)
    assert why["alpha@standard/openrouter"] == (
        "Data processing agreement (DPA): no finding recorded for VendorA via OpenRouter",
    )
    none = run(offers_db, required_assurances=("zero_data_retention",))
    assert reasons(none)["alpha@standard"] == (
        "Zero data retention available: recorded as 'no' for VendorA via Vendor API "
        "(https://a.example/privacy, 2024-01-10)",
    )


def test_the_ranking_shows_each_model_once_through_its_best_offer(offers_db):
    r = run(offers_db, min_support_months=0)
    best = r.best_offers()
    keys = [(c.model_id, c.mode) for c in best]
    assert len(keys) == len(set(keys))
    assert {c.model_id for c in best} == {"alpha", "beta"}
    alpha = next(c for c in best if c.model_id == "alpha")
    offers = [c for c in r.candidates if c.model_id == "alpha"]
    assert alpha == offers[0] and alpha.best_offer
    assert all(not c.best_offer for c in offers[1:])
    assert alpha.channel == "api"  # cheapest: the vendor's own price


def test_offers_keep_the_tie_break_order_and_survive_the_matrix_cache(offers_db):
    from advisor.engine.matrix_codec import decode_matrix, encode_matrix

    m = matrix_of(offers_db)
    assert m.rows_in_tiebreak_order
    again = decode_matrix(encode_matrix(m))
    assert again.labels() == m.labels()
    assert list(again.regions) == list(m.regions)
    assert again.lifecycle.equals(m.lifecycle)
    replaced = dataclasses.replace(m, tiebreak=None)
    assert list(replaced.tiebreak) == list(range(len(m)))


def test_rank_acceptability_names_each_offer_and_sums_a_models_offers(offers_db):
    from advisor.engine.sensitivity import rank_acceptability

    r = run(offers_db, min_support_months=0)
    m = matrix_of(offers_db, Policy(decision_date="2026-12-01"))
    study = rank_acceptability(m, r, samples=300, seed=1)
    assert list(study.labels) == [c.candidate for c in sorted(r.candidates, key=_row_of(m))]
    assert len(set(study.labels)) == len(study.labels)
    alpha = [label for label in study.labels if label.startswith("alpha@standard")]
    assert study.model_rank1("alpha@standard") == pytest.approx(
        sum(study.rank1(label) for label in alpha)
    )


def _row_of(matrix):
    rows = {label: i for i, label in enumerate(matrix.labels())}
    return lambda c: rows[c.candidate]
