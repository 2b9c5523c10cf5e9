"""Weights from answers: pairwise comparisons (AHP) and swing weighting (docs/scoring.md §10)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from advisor.domain.errors import ProfileError
from advisor.domain.stakeholders import Elicitation, pair_count
from advisor.domain.vocabulary import ElicitationMethod

# Saaty's random consistency index RI by matrix size n: the mean CI of random reciprocal
# matrices on the 1/9..9 scale (Saaty 1980, The Analytic Hierarchy Process, McGraw-Hill;
# n <= 10 as in Saaty 1990, "How to make a decision", EJOR 48:9-26).
RANDOM_INDEX = {
    1: 0.0,
    2: 0.0,
    3: 0.58,
    4: 0.90,
    5: 1.12,
    6: 1.24,
    7: 1.32,
    8: 1.41,
    9: 1.45,
    10: 1.49,
    11: 1.51,
    12: 1.48,
    13: 1.56,
    14: 1.57,
    15: 1.59,
}
MAX_KEYS = max(RANDOM_INDEX)
ACCEPTABLE_CR = 0.10  # Saaty's rule of thumb: revisit the judgements above this
SCALE = tuple([1 / v for v in range(9, 1, -1)] + list(range(1, 10)))


def pairwise_matrix(n: int, judgements: Sequence[float]) -> np.ndarray:
    """The reciprocal n x n matrix whose upper triangle (row by row) is ``judgements``."""
    if len(judgements) != pair_count(n):
        raise ProfileError(f"{n} criteria need {pair_count(n)} judgements, not {len(judgements)}.")
    a = np.ones((n, n))
    rows, cols = np.triu_indices(n, 1)
    values = np.asarray(judgements, dtype=float)
    if not np.all(np.isfinite(values)) or np.any(values <= 0):
        raise ProfileError("Each judgement must be a positive ratio, from 1/9 to 9.")
    a[rows, cols] = values
    a[cols, rows] = 1 / values
    return a


def nearest_on_scale(ratio: float) -> float:
    """The value of Saaty's 1/9..9 scale nearest to ``ratio`` (compared on a log scale)."""
    logs = np.log(np.asarray(SCALE))
    return float(SCALE[int(np.argmin(np.abs(logs - np.log(ratio))))])


@dataclass(frozen=True)
class Inconsistency:
    """The judgement that disagrees most with the weights the others imply."""

    row: int
    col: int
    given: float  # a[row, col] as answered
    implied: float  # w[row] / w[col]
    suggested: float  # ``implied`` rounded to the scale


@dataclass(frozen=True)
class AhpResult:
    weights: np.ndarray  # principal right eigenvector, summing to 1
    lambda_max: float
    consistency_index: float  # (lambda_max - n) / (n - 1)
    consistency_ratio: float  # CI / RI(n); 0 for n <= 2
    worst: Inconsistency | None  # None when every judgement agrees with the weights

    @property
    def acceptable(self) -> bool:
        return self.consistency_ratio <= ACCEPTABLE_CR


def ahp(n: int, judgements: Sequence[float]) -> AhpResult:
    """Saaty's eigenvector method on the pairwise matrix built from ``judgements``.

    Weights are the principal right eigenvector of A, normalised to sum to 1; lambda_max is
    its eigenvalue; CI = (lambda_max - n) / (n - 1); CR = CI / RI(n). The most inconsistent
    judgement is the pair (i, j) whose a_ij * w_j / w_i is furthest from 1 (on a log scale).
    """
    if not 2 <= n <= MAX_KEYS:
        raise ProfileError(f"Pairwise comparison works for 2 to {MAX_KEYS} criteria, not {n}.")
    a = pairwise_matrix(n, judgements)
    values, vectors = np.linalg.eig(a)
    top = int(np.argmax(values.real))
    lambda_max = float(values[top].real)
    w = np.abs(vectors[:, top].real)
    w = w / w.sum()
    ci = max(0.0, (lambda_max - n) / (n - 1))
    if ci < 1e-12:
        ci = 0.0
    ri = RANDOM_INDEX[n]
    cr = ci / ri if ri > 0 else 0.0
    error = np.abs(np.log(a * np.outer(1 / w, w)))
    rows, cols = np.triu_indices(n, 1)
    worst_pair = int(np.argmax(error[rows, cols]))
    i, j = int(rows[worst_pair]), int(cols[worst_pair])
    worst = None
    if error[i, j] > 1e-9:
        implied = float(w[i] / w[j])
        worst = Inconsistency(i, j, float(a[i, j]), implied, nearest_on_scale(implied))
    return AhpResult(w, lambda_max, ci, cr, worst)


def swing_weights(ratings: Sequence[float]) -> np.ndarray:
    """Swing weighting: each swing's rating (the first-chosen swing is 100) over their sum."""
    r = np.asarray(ratings, dtype=float)
    if r.size < 2 or np.any(~np.isfinite(r)) or np.any(r < 0) or r.sum() <= 0:
        raise ProfileError("Rate at least two swings from 0 to 100, at least one above 0.")
    return r / r.sum()


def elicited_weights(elicitation: Elicitation) -> dict[str, float]:
    """The weights (summing to 1, keyed like ``elicitation.keys``) its answers give."""
    n = len(elicitation.keys)
    if elicitation.method is ElicitationMethod.AHP:
        w = ahp(n, elicitation.judgements).weights
    else:
        w = swing_weights(elicitation.ratings)
    return {k: float(v) for k, v in zip(elicitation.keys, w, strict=True)}
