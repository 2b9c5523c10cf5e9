"""What the missing-data rule "estimate" put in a ranking, for every face: each estimated
figure with its interval and the fitted parameters that reproduce it, and the validation that
goes with a caveat (model and formulas: advisor.engine.estimates, docs/scoring.md)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from advisor.app.ranking import Recommendation
from advisor.domain.uncertainty_words import validation_text
from advisor.engine.estimates import Z80, Validated, counted_estimate, estimates, validated

__all__ = [
    "Validated",
    "caveat",
    "counted_estimates",
    "estimated_cells",
    "estimates_for",
    "validation",
]


def estimated_cells(recommendation: Recommendation, row: int) -> dict[str, int]:
    """criterion -> matrix column, for the weighted criteria an estimate filled in this row's
    score (empty under other rules and for excluded candidates)."""
    ranking = recommendation.ranking
    flags = ranking.arrays.estimated
    if flags is None or ranking.basis is None or ranking.basis.estimated is None:
        return {}
    row_flags = flags[row]
    index = {c: j for j, c in enumerate(recommendation.matrix.criteria)}
    return {c: index[c] for j, c in enumerate(ranking.criteria) if row_flags[j]}


def counted_estimates(
    recommendation: Recommendation, criteria: tuple[str, ...]
) -> tuple[np.ndarray, np.ndarray]:
    """(values, standard errors), matrix rows x ``criteria``: the estimate each row's score
    counted for each criterion, NaN where it counted a published figure or none (other rules,
    excluded candidates, criteria without weight)."""
    count = len(recommendation.matrix)
    pairs = [counted_estimate(recommendation.ranking, count, c) for c in criteria]
    if not pairs:
        return np.full((count, 0), np.nan), np.full((count, 0), np.nan)
    return np.column_stack([v for v, _ in pairs]), np.column_stack([e for _, e in pairs])


def estimates_for(
    recommendation: Recommendation, row: int, parameters: bool = False
) -> list[dict[str, Any]]:
    """Every estimate counted in one matrix row's score: criterion, value, standard error and
    80% interval in the criterion's unit, and how many published benchmark scores of the model
    it rests on (``based_on``); with ``parameters``, the fitted numbers that
    reproduce it (docs/scoring.md, "Estimated figures")."""
    cells = estimated_cells(recommendation, row)
    if not cells:
        return []
    found = estimates(recommendation.matrix)
    out = []
    for criterion, j in cells.items():
        entry: dict[str, Any] = {
            "criterion": criterion,
            "value": float(found.values[row, j]),
            "stderr": float(found.stderrs[row, j]),
            "interval_80": [float(found.low[row, j]), float(found.high[row, j])],
            "based_on": int(found.based_on[row]),
        }
        if parameters and found.fit is not None:
            entry["model"] = _parameters(found, row, j)
        out.append(entry)
    return out


def _parameters(found, row: int, column: int) -> dict[str, Any]:
    fit, i, j = found.fit, int(found.fit_row[row]), int(found.fit_column[column])
    return {
        "scale": fit.scales[j],
        "centre": float(fit.centre[j]),
        "spread": float(fit.spread[j]),
        "intercept": float(fit.intercept[j]),
        "loadings": [float(x) for x in fit.loadings[j]],
        "noise": float(fit.noise[j]),
        "abilities": [float(x) for x in fit.abilities[i]],
        "covariance": np.asarray(fit.covariance[i]).tolist(),
        "inflation": float(fit.inflation[j]),
        "z80": Z80,
        "rank": fit.rank,
    }


def validation(recommendation: Recommendation) -> Validated | None:
    """The estimates' validated error on this catalogue (a random 10% of the published scores
    hidden, three seeds), or None when nothing can be estimated."""
    found = validated(recommendation.matrix)
    return None if found is None or math.isnan(found.coverage) else found


def caveat(recommendation: Recommendation) -> str:
    """The sentence every face prints beside estimates ("" when the ranking counts none)."""
    if recommendation.ranking.basis is None or recommendation.ranking.basis.estimated is None:
        return ""
    if not np.asarray(recommendation.ranking.basis.estimated).any():
        return ""
    found = validation(recommendation)
    return validation_text(found) if found is not None else ""
