"""Compare at equal budget: effort bands, and only figures within the compared band count."""

from __future__ import annotations

import pytest

from advisor.catalogue import import_folder, load_frames
from advisor.domain import Policy, ProfileError
from advisor.domain.efforts import BANDS, budget_band, effort_band
from advisor.domain.vocabulary import Mode
from advisor.engine import build_decision_matrix
from advisor.sources.epoch import _suffix
from advisor.sources.identity import mode_of
from tests.conftest import write_csv


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
    write_csv(tiny_folder, "benchmark_results.csv", RESULTS)
    import_folder(fresh_db, tiny_folder)
    return load_frames(fresh_db)


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
