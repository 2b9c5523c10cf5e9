"""Is a difference real? The faces' one way to the measurement-noise studies: which candidates
are statistically tied at the top, and P(A outscores B) overall and per criterion
(``advisor compare``, the ranking table's tie marks, the compare tab, the report's summary)."""

from __future__ import annotations

from typing import Any

import numpy as np

from advisor.app.ranking import Recommendation
from advisor.domain.errors import AdvisorError
from advisor.domain.uncertainty_words import verdict_text
from advisor.engine.uncertainty import CONFIDENCE, SAMPLES, Comparison, TieGroups, compare
from advisor.engine.uncertainty import tie_groups as _tie_groups

__all__ = [
    "CONFIDENCE",
    "SAMPLES",
    "Comparison",
    "TieGroups",
    "comparison",
    "comparison_to_dict",
    "resolve_candidates",
    "tie_groups",
    "tie_groups_to_dict",
    "verdict_text",
]


MAX_SAMPLES = 1_000_000  # a million draws of a few candidates fit in memory comfortably


def tie_groups(
    recommendation: Recommendation,
    *,
    samples: int = SAMPLES,
    seed: int = 0,
    every_offer: bool = False,
) -> TieGroups:
    """The ranked candidates (each model once, at its best offer, unless ``every_offer``)
    split into runs that measurement noise cannot tell apart, with each one's P(first)."""
    return _tie_groups(
        recommendation.matrix,
        recommendation.ranking,
        samples=samples,
        seed=seed,
        every_offer=every_offer,
    )


def resolve_candidates(recommendation: Recommendation, names: list[str]) -> list[str]:
    """Each name as a ranked candidate's label: a full label (``gpt-5@standard/azure``), a
    model in a mode (its best-ranked offer) or a bare model id (its best-ranked offer in any
    mode). Raises :class:`AdvisorError` naming the first that is unknown or excluded."""
    ranking = recommendation.ranking
    ranked = [c.candidate for c in ranking.candidates]
    excluded = {e.candidate: e for e in ranking.excluded}
    out: list[str] = []
    for name in names:
        name = name.strip()
        if name in ranked:
            label = name
        else:
            prefixes = (name + "/", name + "~") if "@" in name else (name + "@",)
            label = next((c for c in ranked if c.startswith(prefixes)), "")
        if not label:
            gone = excluded.get(name) or next(
                (e for key, e in excluded.items() if key.startswith(prefixes)), None
            )
            if gone is not None:
                raise AdvisorError(
                    f"{name} is excluded by the profile's constraints ({'; '.join(gone.reasons)}), "
                    "so it has no score to compare."
                )
            raise AdvisorError(
                f"No ranked candidate {name!r}; name a model id (gpt-5), a model in a mode "
                "(gpt-5@extended_thinking) or a full label from `advisor rank --every-offer`."
            )
        if label in out:
            raise AdvisorError(f"{name} names {label}, which is already being compared.")
        out.append(label)
    if len(out) < 2:
        raise AdvisorError("Name at least two candidates to compare.")
    return out


def comparison(
    recommendation: Recommendation,
    labels: list[str],
    *,
    samples: int = SAMPLES,
    seed: int = 0,
) -> Comparison:
    """P(A outscores B) overall (the profile's weights and method) and per weighted criterion
    for ranked candidates ``labels``."""
    if not 100 <= samples <= MAX_SAMPLES:
        raise AdvisorError(
            f"--samples is {samples:,}; draw from 100 to {MAX_SAMPLES:,} samples (10,000 give "
            "each probability to about half a point)."
        )
    return compare(
        recommendation.matrix, recommendation.ranking, labels, samples=samples, seed=seed
    )


def _number(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def comparison_to_dict(result: Comparison) -> dict[str, Any]:
    """A comparison as plain data (``advisor compare --json``)."""
    k = len(result.labels)
    return {
        "candidates": [
            {
                "candidate": label,
                "score": float(result.scores[i]),
                "p_first": float(result.p_first[i]),
            }
            for i, label in enumerate(result.labels)
        ],
        "samples": result.samples,
        "seed": result.seed,
        "confidence": result.confidence,
        "figures_with_error": result.known_errors,
        "figures_of_unknown_error": result.unknown_errors,
        "estimated_figures": _estimated_count(result),
        "pairs": [
            {
                "a": result.labels[a],
                "b": result.labels[b],
                "p_a_beats_b": float(result.overall[a, b]),
                "distinguishable": bool(
                    max(result.overall[a, b], result.overall[b, a]) >= result.confidence
                ),
                "by_criterion": {
                    criterion: _number(result.by_criterion[a, b, j])
                    for j, criterion in enumerate(result.criteria)
                },
            }
            for a in range(k)
            for b in range(a + 1, k)
        ],
        "figures": {
            label: {
                criterion: {
                    "value": _number(result.values[i, j]),
                    "stderr": _number(result.stderrs[i, j]),
                    "estimated": bool(result.estimated is not None and result.estimated[i, j]),
                }
                for j, criterion in enumerate(result.criteria)
            }
            for i, label in enumerate(result.labels)
        },
    }


def _estimated_count(result: Comparison) -> int:
    return 0 if result.estimated is None else int(result.estimated.sum())


def tie_groups_to_dict(groups: TieGroups, top: int | None = None) -> dict[str, Any]:
    """Tie groups as plain data: each candidate's run, P(first) and P(leader beats it)."""
    shown = len(groups.labels) if top is None else min(top, len(groups.labels))
    return {
        "samples": groups.samples,
        "seed": groups.seed,
        "confidence": groups.confidence,
        "tied_at_top": list(groups.top()),
        "leader_distinguishable": groups.distinguishable(),
        "figures_with_error": groups.noise.known,
        "figures_of_unknown_error": groups.noise.unknown,
        "candidates": [
            {
                "candidate": groups.labels[i],
                "group": int(groups.group[i]),
                "p_first": float(groups.p_first[i]),
                "p_leader_beats": float(groups.p_leader[i]) if i else None,
            }
            for i in range(shown)
        ],
    }
