"""Which figure counts: conditions, modes, source kinds and dates."""

from __future__ import annotations

import numpy as np
import pytest

from advisor.catalogue import import_folder, load_frames
from advisor.domain import Policy, Profile, ProfileError
from advisor.domain.vocabulary import Condition, Mode
from advisor.engine import build_decision_matrix, rank
from tests.conftest import write_csv


def cell(matrix, label, criterion):
    return matrix.column(criterion)[matrix.labels().index(label)]


def figure(matrix, label, criterion):
    figures = matrix.figures
    row = matrix.labels().index(label)
    hit = figures[(figures["row"] == row) & (figures["criterion"] == criterion)]
    assert len(hit) == 1
    return hit.iloc[0]


def test_default_policy_never_counts_parallel_compute(bundled_db):
    """Claude Opus 4's SWE-bench Verified: 72.5 standard and 79.4 with parallel compute by
    Anthropic, and Epoch AI's own standard run, which counts (independent figures first)."""
    m = build_decision_matrix(load_frames(bundled_db), Policy())
    counted = figure(m, "claude-opus-4@standard", "swe-bench-verified")
    assert counted["condition"] == Condition.STANDARD.value
    assert (counted["source_kind"], counted["reported_by"]) == ("third_party", "Epoch AI")
    row = m.labels().index("claude-opus-4@standard")
    others = m.alternatives[
        (m.alternatives["row"] == row) & (m.alternatives["criterion"] == "swe-bench-verified")
    ]
    assert 72.5 in set(others["value"])  # the vendor's figure: kept beside it, not counted
    aside = m.set_aside[(m.set_aside["model_id"] == "claude-opus-4")]
    assert 79.4 in set(aside["score"]) and 79.4 not in set(others["value"])
    assert set(aside["condition"]) <= {
        Condition.PARALLEL.value,
        Condition.EXTENDED_PARALLEL.value,
    }


def test_peak_claims_count_parallel_compute_and_flag_it(bundled_db):
    m = build_decision_matrix(load_frames(bundled_db), Policy(conditions=tuple(Condition)))
    assert cell(m, "claude-opus-4@standard", "swe-bench-verified") == 79.4
    fig = figure(m, "claude-opus-4@standard", "swe-bench-verified")
    assert "parallel test-time compute" in fig["flags"]


def test_modes_never_borrow_each_others_figures(tiny_db):
    m = build_decision_matrix(load_frames(tiny_db), Policy())
    assert cell(m, "beta@standard", "code") == 70
    assert cell(m, "beta@extended_thinking", "code") == 80
    assert np.isnan(cell(m, "beta@extended_thinking", "know"))


def test_models_without_thinking_have_one_mode(tiny_db):
    m = build_decision_matrix(load_frames(tiny_db), Policy())
    # beta has open weights, so it is also offered self-hosted, in each of its modes.
    assert sorted(m.labels()) == [
        "alpha@standard",
        "beta@extended_thinking",
        "beta@extended_thinking/self_hosted",
        "beta@standard",
        "beta@standard/self_hosted",
        "gamma@standard",
    ]
    only_standard = build_decision_matrix(load_frames(tiny_db), Policy(modes=(Mode.STANDARD,)))
    assert "beta@extended_thinking" not in only_standard.labels()


def test_unspecified_counts_flagged_and_loses_to_an_exact_condition(fresh_db, tiny_folder):
    write_csv(
        tiny_folder,
        "benchmark_results.csv",
        """
model_id,benchmark,condition,score,source_kind,reported_by,source_url,source_date
alpha,code,unspecified,99,competitor,VendorB,https://b.example/compare,2025-05-01
alpha,code,standard,50,vendor,VendorA,https://a.example/alpha,2025-01-01
gamma,code,unspecified,40,competitor,VendorB,https://b.example/compare,2025-05-01
""",
    )
    import_folder(fresh_db, tiny_folder)
    m = build_decision_matrix(load_frames(fresh_db), Policy())
    assert cell(m, "alpha@standard", "code") == 50  # the exact condition wins over a newer guess
    assert cell(m, "gamma@standard", "code") == 40
    flags = figure(m, "gamma@standard", "code")["flags"]
    assert "condition unspecified" in flags and "competitor" in flags
    strict = build_decision_matrix(load_frames(fresh_db), Policy(conditions=(Condition.STANDARD,)))
    assert np.isnan(cell(strict, "gamma@standard", "code"))


def test_most_recent_vendor_or_third_party_figure_counts(fresh_db, tiny_folder):
    write_csv(
        tiny_folder,
        "benchmark_results.csv",
        """
model_id,benchmark,condition,score,source_kind,reported_by,source_url,source_date
alpha,code,standard,50,vendor,VendorA,https://a.example/old,2025-01-01
alpha,code,standard,55,third_party,Leaderboard,https://lb.example/new,2025-07-01
alpha,code,standard,90,competitor,VendorB,https://b.example/newest,2025-09-01
alpha,code,standard,20,vendor,VendorA,https://a.example/undated,undated
""",
    )
    import_folder(fresh_db, tiny_folder)
    m = build_decision_matrix(load_frames(fresh_db), Policy())
    fig = figure(m, "alpha@standard", "code")
    assert (fig["value"], fig["source_url"]) == (55, "https://lb.example/new")


def test_unknown_weight_key_is_a_profile_error_naming_it(tiny_db):
    m = build_decision_matrix(load_frames(tiny_db), Policy())
    with pytest.raises(ProfileError, match=r"weights\.cod .*Did you mean 'code'"):
        rank(m, Profile("p", {"cod": 1.0}))


def test_group_weight_is_split_by_member_shares(bundled_db):
    m = build_decision_matrix(load_frames(bundled_db), Policy())
    r = rank(m, Profile("p", {"coding": 1.0}))
    weights = dict(zip(r.criteria, r.weights, strict=True))
    assert weights == pytest.approx(
        {
            "swe-bench-verified": 0.3,
            "terminal-bench-2": 0.2,
            "aider-polyglot": 0.15,
            "weirdml": 0.15,
            "webdev-arena": 0.1,
            "gso": 0.1,
        }
    )


def test_bundled_rate_limits_pick_the_newest_scheme_at_the_tier(bundled_db):
    m = build_decision_matrix(load_frames(bundled_db), Policy())
    fig = figure(m, "claude-opus-4@standard", "rate_limit_rpm")
    assert fig["value"] == 1000 and "Start (2026 tier scheme)" in fig["detail"]
    assert cell(m, "gpt-5@standard", "rate_limit_input_tpm") == 500000  # combined TPM figure
