"""The faces' way to the measurement-noise studies: naming candidates, the comparison as plain
data, and the one-sentence verdict."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from advisor.app import uncertainty
from advisor.app.ranking import recommend
from advisor.domain import AdvisorError, Constraints, Profile
from advisor.domain.uncertainty_words import odds_text, plus_minus, uncertainty_text

TINY = Profile("tiny", {"code": 0.5, "know": 0.3, "price": 0.2})


def test_names_resolve_to_ranked_labels(tiny_db):
    rec = recommend(TINY, tiny_db)
    labels = uncertainty.resolve_candidates(rec, ["alpha", "beta@extended_thinking"])
    assert labels == ["alpha@standard", "beta@extended_thinking"]
    full = rec.ranking.candidates[-1].candidate
    assert uncertainty.resolve_candidates(rec, ["alpha", full])[1] == full


def test_an_excluded_candidate_is_refused_with_its_reason(tiny_db):
    rec = recommend(Profile("t", TINY.weights, Constraints(max_blended_usd_per_mtok=2.0)), tiny_db)
    excluded = rec.ranking.excluded[0]
    with pytest.raises(AdvisorError, match="excluded by the profile's constraints"):
        uncertainty.resolve_candidates(
            rec, [rec.ranking.candidates[0].candidate, excluded.candidate]
        )


def test_the_comparison_as_plain_data(tiny_db):
    rec = recommend(TINY, tiny_db)
    labels = uncertainty.resolve_candidates(rec, ["alpha", "beta"])
    data = uncertainty.comparison_to_dict(uncertainty.comparison(rec, labels, samples=2000))
    assert [c["candidate"] for c in data["candidates"]] == labels
    pair = data["pairs"][0]
    assert pair["a"] == labels[0] and set(pair["by_criterion"]) == {
        "blended_usd_per_mtok",
        "code",
        "know",
    }
    assert data["figures"][labels[0]]["code"]["stderr"] == pytest.approx(
        100 * np.sqrt(0.5 * 0.5 / 100)
    )
    assert data["figures"][labels[0]]["know"]["stderr"] is None  # no item count: unknown
    with pytest.raises(AdvisorError, match="draw from 100 to 1,000,000 samples"):
        uncertainty.comparison(rec, labels, samples=5)


def groups(p_leader, group, known=10):
    return SimpleNamespace(
        labels=("a@standard", "b@standard", "c@standard"),
        group=np.array(group),
        p_first=np.array([0.5, 0.3, 0.2]),
        p_leader=np.array([1.0, *p_leader]),
        samples=10_000,
        confidence=0.95,
        noise=SimpleNamespace(known=known),
    )


def test_the_verdict_says_whether_the_lead_is_real():
    real = uncertainty.verdict_text(groups([0.97, 0.99], [0, 1, 2]))
    assert "outscores the runner-up, b@standard, in 97%" in real and "real at 95%" in real
    tied = uncertainty.verdict_text(groups([0.62, 0.7], [0, 0, 0]), name=str.upper)
    assert tied.startswith("Ranks 1–3 are within measurement noise (A@STANDARD")
    assert "P(first) 50%, 30%, 20%" in tied and "only 62%" in tied
    blind = uncertainty.verdict_text(groups([0.6, 0.7], [0, 0, 0], known=0))
    assert "cannot be tested against measurement noise" in blind


def test_uncertainty_in_words():
    assert plus_minus(2.04, "stated by the source") == "±2.0"
    assert plus_minus(0.281, "binomial, 500 items x 50 trials") == "±0.28"
    assert plus_minus(None, "unknown: not a percent score") == "±?"
    assert plus_minus(float("nan"), None) == ""  # a price: exact, nothing to show
    assert uncertainty_text(2.04, "binomial, 225 items") == (
        "±2.0 standard error (binomial, 225 items)"
    )
    assert uncertainty_text(None, "unknown: no item count for this benchmark") == (
        "standard error unknown (no item count for this benchmark)"
    )
    assert [odds_text(p) for p in (0.9995, 0.0004, 0.5, 1.0, 0.004, None)] == [
        ">99.9%",
        "<0.1%",
        "50%",
        "100%",
        "0.4%",
        "?",
    ]
