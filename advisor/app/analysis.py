"""The studies behind a recommendation, assembled in this one place for the command line, the
window and the report: how robust the ranking is (rank acceptability, weight stability, data
gaps, what-if sweeps), where stakeholders agree, and what a trade-off chart plots."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from advisor.app.ranking import Recommendation
from advisor.engine.sensitivity import (
    FIXED,
    OWN_ERRORS,
    RELATIVE,
    Acceptability,
    GapImpact,
    StabilityInterval,
    data_gap_impact,
    rank_acceptability,
    stability_intervals,
)
from advisor.engine.sensitivity import what_if as _what_if
from advisor.engine.stakeholders import GroupAnalysis, analyse
from advisor.engine.tradeoff import GROUPS as GROUPS  # re-exported for the faces
from advisor.engine.tradeoff import (
    OTHER_VENDORS,
    SCORE,
    TradeoffData,
    VendorStyle,
    legend_entries,
    tick_text,
)
from advisor.engine.tradeoff import axis_sections as _axis_sections
from advisor.engine.tradeoff import tradeoff as _tradeoff
from advisor.engine.tradeoff import vendor_styles as _vendor_styles

# The figure-uncertainty choices the faces offer, as (label, kind).
FIGURE_NOISE_CHOICES = (
    ("Figures vary by their own standard errors", OWN_ERRORS),
    ("Figures vary by a share of each (±)", RELATIVE),
    ("Figures fixed (weights only)", FIXED),
)

__all__ = [
    "FIGURE_NOISE_CHOICES",
    "FIXED",
    "OTHER_VENDORS",
    "OWN_ERRORS",
    "RELATIVE",
    "SCORE",
    "SensitivityStudy",
    "TradeoffData",
    "VendorStyle",
    "figure_noise_text",
    "group_analysis",
    "legend_entries",
    "sensitivity",
    "tick_text",
    "tradeoff",
    "vendor_styles",
    "what_if",
]


@dataclass(frozen=True)
class SensitivityStudy:
    """How safe a recommendation is: rank acceptability under sampled weights, the weight
    stability of the top candidate and (when asked for) the effect of missing figures."""

    profile: str
    seed: int
    concentration: float | None
    relative_error: float | None  # None: each figure's own standard error
    current_top: str | None
    acceptability: Acceptability
    stability: tuple[StabilityInterval, ...]
    data_gaps: tuple[GapImpact, ...]

    @property
    def samples(self) -> int:
        """Weight samples drawn (fewer than asked for when the study was cancelled)."""
        return self.acceptability.samples

    def as_dict(self) -> dict[str, Any]:
        """The study as plain data: the command line's JSON and what the window charts.
        Candidates are listed by expected rank, best first."""
        a = self.acceptability
        order = np.argsort(a.expected_rank, kind="stable")
        return {
            "profile": self.profile,
            "samples": a.samples,
            "seed": self.seed,
            "concentration": self.concentration,
            "relative_error": self.relative_error,
            "figure_noise": self.acceptability.figure_noise,
            "known_errors": self.acceptability.known_errors,
            "unknown_errors": self.acceptability.unknown_errors,
            "current_top": self.current_top,
            "acceptability": [
                {
                    "candidate": a.labels[i],
                    "rank_probabilities": [float(p) for p in a.probabilities[i]],
                    "expected_rank": float(a.expected_rank[i]),
                    "central_weights": None
                    if np.isnan(a.central_weights[i]).any()
                    else dict(
                        zip(a.weight_keys, (float(w) for w in a.central_weights[i]), strict=True)
                    ),
                }
                for i in order
            ],
            "stability": [
                {
                    "key": s.key,
                    "weight": s.weight,
                    "low": s.low,
                    "high": s.high,
                    "below": s.below,
                    "above": s.above,
                }
                for s in self.stability
            ],
            "data_gaps": [
                {
                    "candidate": g.candidate,
                    "missing": list(g.missing),
                    "rank": g.rank,
                    "best_rank": g.best_rank,
                    "worst_rank": g.worst_rank,
                }
                for g in self.data_gaps
            ],
        }


def sensitivity(
    recommendation: Recommendation,
    *,
    samples: int = 5000,
    concentration: float | None = 50.0,
    relative_error: float | None = None,
    seed: int = 0,
    progress: Callable[[float], bool] | None = None,
    data_gaps: bool = True,
) -> SensitivityStudy:
    """Rank acceptability (SMAA) around the profile's weights, stability intervals of the top
    candidate and, with ``data_gaps``, the best and worst rank each candidate could reach if
    its missing figures were the best or worst observed. Formulas: docs/scoring.md.

    Figures vary by their own standard errors (``relative_error`` None, the default), are held
    fixed (0) or vary uniformly within +/- ``relative_error`` (an override).

    ``progress(share_done)`` is called between chunks of samples; returning False stops early.
    """
    matrix, ranking, profile = recommendation.matrix, recommendation.ranking, recommendation.profile

    cancelled = False

    def tracked(share: float) -> bool:
        nonlocal cancelled
        if progress is not None and progress(share) is False:
            cancelled = True
        return not cancelled

    def stopped() -> bool:  # cancelled during the samples, or asked again between gaps
        return cancelled or (progress is not None and not tracked(1.0))

    acceptability = rank_acceptability(
        matrix,
        ranking,
        samples=samples,
        concentration=concentration,
        relative_error=relative_error,
        seed=seed,
        progress=tracked if progress is not None else None,
    )
    return SensitivityStudy(
        profile=profile.name,
        seed=seed,
        concentration=concentration,
        relative_error=relative_error,
        current_top=ranking.candidates[0].candidate if len(ranking) else None,
        acceptability=acceptability,
        stability=tuple(stability_intervals(matrix, ranking)) if not cancelled else (),
        data_gaps=tuple(data_gap_impact(matrix, profile, ranking, stop=stopped))
        if data_gaps and not cancelled
        else (),
    )


def figure_noise_text(study: dict[str, Any]) -> str:
    """How a study varied the figures, as a phrase for a sentence ("each benchmark figure
    drawn from its own standard error ...")."""
    kind = study.get("figure_noise")
    if kind == "relative":
        return f"every figure perturbed by up to ±{study['relative_error']:.0%}"
    if kind == "own":
        known, unknown = study.get("known_errors", 0), study.get("unknown_errors", 0)
        if not known:
            return "figures held fixed (no weighted benchmark figure states its uncertainty)"
        text = f"each of {known:,} weighted benchmark figures drawn from its own standard error"
        if unknown:
            text += f" ({unknown:,} of unknown error held fixed)"
        return text
    return "figures held fixed (weights only)"


def group_analysis(
    recommendation: Recommendation, top_k: int | None = None
) -> GroupAnalysis | None:
    """Each stakeholder's ranking, the weight spread and the consensus for a profile with
    stakeholders (``recommendation`` must be the group's); None when it has none."""
    if not recommendation.profile.stakeholders:
        return None
    return analyse(
        recommendation.matrix, recommendation.profile, recommendation.ranking, top_k=top_k
    )


def axis_sections(recommendation: Recommendation) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """What a trade-off axis can show for this recommendation, by section, each key once."""
    return _axis_sections(recommendation.matrix)


def tradeoff(recommendation: Recommendation, x_key: str, y_key: str) -> TradeoffData:
    """What a trade-off chart of ``y_key`` against ``x_key`` plots (criterion ids or
    :data:`SCORE`): the ranked candidates with both figures, and the best trade-offs."""
    return _tradeoff(recommendation.matrix, recommendation.ranking, x_key, y_key)


def vendor_styles(frames) -> dict[str, VendorStyle]:
    """Each vendor's colour and marker for a catalogue's charts (the window's and the
    report's alike)."""
    return _vendor_styles(frames.models["vendor"])


def what_if(
    recommendation: Recommendation, key: str, top: int = 5
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """The top candidates' scores as weight ``key`` sweeps from 0 to 1, the others rescaled."""
    return _what_if(recommendation.matrix, recommendation.ranking, key, top=top)
