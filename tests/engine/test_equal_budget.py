"""Compare at equal budget: effort bands, and only figures within the compared band count."""

from __future__ import annotations

import numpy as np
import pytest

from advisor.domain import Policy, ProfileError
from advisor.domain.efforts import BANDS, budget_band, effort_band
from advisor.domain.vocabulary import Mode
from advisor.engine import build_decision_matrix
from advisor.sources.epoch import _suffix
from advisor.sources.identity import mode_of
from tests.conftest import tiny_frames_with_results


@pytest.mark.parametrize(
    ("effort", "settings", "thinking", "band"),
    [
        ("high", "", True, "high"),
        ("xhigh", "", True, "max"),
        ("minimal", "", True, "none"),
        ("", "thinking budget 16K", True, "medium"),
        ("", "thinking budget 32K; harness: x", True, "high"),
        ("", "thinking budget 64K", True, "max"),
        ("", "thinking budget 4K", True, "low"),
        ("", "", True, ""),  # thinking of no stated effort cannot be placed
        ("", "", False, "none"),  # standard use
        ("low", "thinking budget 64K", True, "low"),  # a stated effort wins
    ],
)
def test_effort_bands(effort, settings, thinking, band):
    assert effort_band(effort, settings, thinking) == band
    assert band == "" or band in BANDS


def test_budget_band_edges():
    assert [budget_band(k) for k in (7.9, 8, 23.9, 24, 47.9, 48)] == [
        "low",
        "medium",
        "medium",
        "high",
        "high",
        "max",
    ]


@pytest.mark.parametrize(
    ("version", "band"),
    [("claude-opus-4_32K", "high"), ("o3-2025-04-16_medium", "medium"), ("gpt-5_none", "none")],
)
def test_epoch_suffixes_land_in_bands(version, band):
    effort, budget, _ = _suffix(version)
    mode, effort, settings = mode_of(effort, budget)
    assert effort_band(effort, settings, mode == "extended_thinking") == band


RESULTS = """
model_id,benchmark,condition,score,unit,reasoning_effort,settings,source_kind,reported_by,source_url,source_date
beta,code,extended_thinking,80,percent,high,,third_party,Lab,https://lab.example/hi,2025-02-01
beta,code,extended_thinking,70,percent,low,,third_party,Lab,https://lab.example/lo,2025-02-01
beta,know,extended_thinking,66,percent,,thinking budget 32K,third_party,Lab,https://lab.example/b,2025-02-01
beta,know,extended_thinking,61,percent,,,vendor,VendorB,https://b.example/beta,2025-02-01
alpha,code,standard,50,percent,,,vendor,VendorA,https://a.example/alpha,2025-01-01
"""


@pytest.fixture
def frames(fresh_db, tiny_folder):
    return tiny_frames_with_results(fresh_db, tiny_folder, RESULTS)


def test_equal_budget_counts_only_the_bands_figures(frames):
    deployed = build_decision_matrix(frames, Policy())
    row = deployed.labels().index("beta@extended_thinking")
    assert deployed.values[row, deployed.criteria.index("code")] == 80  # the highest effort

    high = build_decision_matrix(frames, Policy(budget_band="high"))
    assert set(high.modes) == {Mode.EXTENDED_THINKING.value}  # the band's mode only
    row = high.labels().index("beta@extended_thinking")
    assert high.values[row, high.criteria.index("code")] == 80
    assert high.values[row, high.criteria.index("know")] == 66  # the 32K budget is "high"
    aside = high.set_aside.drop_duplicates("source_url").set_index("source_url")["reason"]
    assert aside["https://lab.example/lo"] == "effort band low, not the band compared (high)"
    assert aside["https://b.example/beta"].startswith("effort not stated")

    low = build_decision_matrix(frames, Policy(budget_band="low"))
    row = low.labels().index("beta@extended_thinking")
    assert low.values[row, low.criteria.index("code")] == 70
    assert (
        low.values[row, low.criteria.index("know")] != low.values[row, low.criteria.index("know")]
    )

    none = build_decision_matrix(frames, Policy(budget_band="none"))
    assert set(none.modes) == {Mode.STANDARD.value}
    assert none.values[none.labels().index("alpha@standard"), none.criteria.index("code")] == 50


def test_equal_budget_is_checked_against_the_modes():
    with pytest.raises(ProfileError, match="choose one of none, low, medium, high, max"):
        Policy(budget_band="huge")
    with pytest.raises(ProfileError, match=r"which policy\.modes leaves out"):
        Policy(budget_band="high", modes=(Mode.STANDARD,))
    with pytest.raises(ProfileError, match="budget_band"):
        Policy(budget_band=["high"])  # type: ignore[arg-type]


def test_a_candidate_per_effort_band(frames):
    matrix = build_decision_matrix(frames, Policy(effort_candidates=True))
    labels = matrix.labels()
    beta = [label for label in labels if label.startswith("beta@extended_thinking")]
    # code at high and low, know at 32K (high) and unstated: three candidates, each offer
    assert {label.split("/")[0] for label in beta} == {
        "beta@extended_thinking~low",
        "beta@extended_thinking~high",
        "beta@extended_thinking~unstated",
    }
    code, know = matrix.criteria.index("code"), matrix.criteria.index("know")
    high = labels.index("beta@extended_thinking~high")
    low = labels.index("beta@extended_thinking~low")
    unstated = labels.index("beta@extended_thinking~unstated")
    assert matrix.values[high, code] == 80 and matrix.values[high, know] == 66
    assert matrix.values[low, code] == 70 and np.isnan(matrix.values[low, know])
    assert matrix.values[unstated, know] == 61 and np.isnan(matrix.values[unstated, code])
    # Bands sort least compute first, then the unstated figures; a one-band model stays whole.
    assert labels.index("beta@extended_thinking~low") < high < unstated
    assert "alpha@standard" in labels and matrix.efforts[labels.index("alpha@standard")] == ""
    aside = matrix.set_aside[matrix.set_aside["row"] == high]
    assert "effort band low: counted for that band's candidate" in set(aside["reason"])


def test_effort_candidates_are_ranked_and_named(frames):
    from advisor.domain import Profile
    from advisor.engine import rank

    profile = Profile("e", {"code": 1.0}, policy=Policy(effort_candidates=True))
    ranking = rank(build_decision_matrix(frames, profile.policy), profile)
    top = ranking.candidates[0]
    assert top.candidate.startswith("beta@extended_thinking~high") and top.effort == "high"
    assert ranking.place_of(top) == 1
    keys = ranking.model_places()
    assert ("beta", "extended_thinking", "low") in keys and ("alpha", "standard") in keys


def test_a_bands_reasoning_tokens_price_its_candidate(frames):
    from advisor.domain import Workload
    from advisor.engine.workload import apply_workload

    matrix = build_decision_matrix(frames, Policy(effort_candidates=True))
    workload = Workload(
        requests_per_day=1000,
        input_tokens_per_request=1000,
        output_tokens_per_request=500,
        reasoning_tokens_extended_thinking=4000,
        reasoning_tokens_by_band={"high": 16000, "low": 1000},
    )
    priced = apply_workload(matrix, workload, 1)
    cost = priced.column("cost_per_1k_requests")
    labels = matrix.labels()
    high, low = (
        labels.index("beta@extended_thinking~high"),
        labels.index("beta@extended_thinking~low"),
    )
    unstated = labels.index("beta@extended_thinking~unstated")
    # beta: $2 in, $6 out per Mtok; 1k requests of 1,000 in and 500 + reasoning out
    assert cost[high] == pytest.approx((1000 * 2 + 16500 * 6) / 1000)
    assert cost[low] == pytest.approx((1000 * 2 + 1500 * 6) / 1000)
    assert cost[unstated] == pytest.approx((1000 * 2 + 4500 * 6) / 1000)  # the mode's figure
    at_high = apply_workload(build_decision_matrix(frames, Policy(budget_band="high")), workload, 1)
    row = at_high.labels().index("beta@extended_thinking")
    assert at_high.column("cost_per_1k_requests")[row] == pytest.approx(cost[high])
