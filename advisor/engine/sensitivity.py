"""How safe is the recommendation? Rank acceptability under sampled weights (SMAA-style),
weight stability intervals, one-at-a-time what-if sweeps, and data-gap impact.

Pure numpy over a ranking's :class:`~advisor.domain.ranking.ScoringBasis`: constraints and
missing-data filling are taken as the ranking applied them; only weights (and, optionally, the
figures themselves) vary. Formulas in docs/scoring.md ("Sensitivity").
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from advisor.domain.profile import Profile
from advisor.domain.ranking import Ranking, ScoringBasis
from advisor.domain.vocabulary import Method
from advisor.engine import methods
from advisor.engine.matrix import DecisionMatrix
from advisor.engine.rank import rank
from advisor.engine.uncertainty import figure_noise, noisy_scores


def _normalize(x: np.ndarray, basis: ScoringBasis) -> np.ndarray:
    return methods.normalize(x, basis.benefit, basis.normalization)


def scores_for(
    basis: ScoringBasis, key_weights: np.ndarray, normalized: np.ndarray | None = None
) -> np.ndarray:
    """Scores of every survivor for each row of ``key_weights`` (samples x keys) -> samples x n."""
    n = _normalize(basis.filled, basis) if normalized is None else normalized
    w = key_weights @ basis.key_shares  # samples x criteria, rows sum to 1
    present = basis.present
    if basis.method is Method.WSM:
        if present is None:
            return w @ n.T
        numerator = w @ np.where(present, n, 0.0).T
        denominator = w @ present.T.astype(float)
        return numerator / np.where(denominator > 0, denominator, 1.0)
    out = np.empty((len(w), len(n)))
    for s, weights in enumerate(w):
        out[s] = (
            methods.topsis(n, weights)
            if present is None
            else methods.topsis_renormalised(n, weights, present)
        )
    return out


@dataclass(frozen=True)
class Acceptability:
    """Rank acceptability: ``probabilities[i, r]`` is P(candidate i ranks r+1)."""

    labels: tuple[str, ...]
    probabilities: np.ndarray  # survivors x ranks shown
    expected_rank: np.ndarray
    central_weights: np.ndarray  # survivors x keys (NaN where the candidate never wins)
    weight_keys: tuple[str, ...]
    samples: int
    seed: int
    # How the figures themselves varied: OWN_ERRORS (each figure's own standard error),
    # FIXED (weights only) or RELATIVE (every figure within +/- relative_error).
    figure_noise: str = "fixed"
    relative_error: float = 0.0
    # Weighted benchmark figures with and without a known standard error (OWN_ERRORS only).
    known_errors: int = 0
    unknown_errors: int = 0

    def rank1(self, label: str) -> float:
        return float(self.probabilities[self.labels.index(label), 0])

    def model_rank1(self, label: str) -> float:
        """P(the candidate's model, in its mode, ranks first through any of its offers): the
        sum over its offers, since one sample has one first place."""
        key = label.split("/", 1)[0]
        return float(
            sum(
                self.probabilities[i, 0]
                for i, other in enumerate(self.labels)
                if other.split("/", 1)[0] == key
            )
        )


OWN_ERRORS = "own"
FIXED = "fixed"
RELATIVE = "relative"


def sample_weights(
    key_weights: np.ndarray, samples: int, concentration: float | None, rng: np.random.Generator
) -> np.ndarray:
    """Dirichlet samples centred on the user's weights (``concentration`` x weights as alpha),
    or uniform over the simplex when ``concentration`` is None."""
    active = key_weights > 0
    alpha = np.ones(active.sum()) if concentration is None else concentration * key_weights[active]
    draws = np.zeros((samples, len(key_weights)))
    draws[:, active] = rng.dirichlet(np.maximum(alpha, 1e-3), size=samples)
    return draws


def rank_acceptability(
    matrix: DecisionMatrix,
    ranking: Ranking,
    *,
    samples: int = 2000,
    concentration: float | None = 50.0,
    relative_error: float | None = None,
    seed: int = 0,
    ranks_shown: int = 3,
    progress=None,
) -> Acceptability:
    """SMAA-style rank acceptability under sampled weights and figure uncertainty, seeded and
    reproducible. ``relative_error`` None (the default) draws every figure from its own
    standard error (:mod:`advisor.engine.uncertainty`); 0 holds the figures fixed; a share
    above 0 perturbs every figure uniformly within +/- that share instead."""
    basis = ranking.basis
    rng = np.random.default_rng(seed)
    count = len(basis.survivors)
    labels = tuple(matrix.labels_array()[basis.survivors].tolist())
    shown = min(ranks_shown, count) if count else 0
    hits = np.zeros((count, max(shown, 1)))
    rank_sum = np.zeros(count)
    win_weight = np.zeros((count, len(basis.key_weights)))
    wins = np.zeros(count)
    chunk = 500
    base_n = _normalize(basis.filled, basis) if count else None
    kind = OWN_ERRORS if relative_error is None else (RELATIVE if relative_error > 0 else FIXED)
    errors = figure_noise(matrix, ranking) if kind == OWN_ERRORS and count else None
    # With no weighted figure of known error, the weights alone vary.
    noise = errors if errors is not None and errors.any else None
    done = 0
    while done < samples and count:
        size = min(chunk, samples - done)
        w = sample_weights(basis.key_weights, size, concentration, rng)
        if relative_error is not None and relative_error > 0:
            scores = np.empty((size, count))
            for s in range(size):
                noise_s = 1 + relative_error * rng.uniform(-1, 1, basis.filled.shape)
                scores[s] = scores_for(
                    basis, w[s : s + 1], _normalize(basis.filled * noise_s, basis)
                )
        elif noise is not None:
            scores = noisy_scores(basis, noise, w @ basis.key_shares, rng, normalized=base_n)
        else:
            scores = scores_for(basis, w, base_n)
        ranks = methods.sample_ranks(scores, rng.random(scores.shape))
        for r in range(shown):
            hits[:, r] += (ranks == r).sum(axis=0)
        rank_sum += ranks.sum(axis=0)
        winners = np.argmin(ranks, axis=1)
        np.add.at(wins, winners, 1)
        np.add.at(win_weight, winners, w)
        done += size
        if progress is not None and progress(done / samples) is False:
            break
    total = max(done, 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        central = win_weight / wins[:, None]
    return Acceptability(
        labels=labels,
        probabilities=hits[:, :shown] / total,
        expected_rank=rank_sum / total + 1,
        central_weights=central,
        weight_keys=ranking.weight_keys,
        samples=done,
        seed=seed,
        figure_noise=kind,
        relative_error=float(relative_error or 0.0),
        known_errors=errors.known if errors else 0,
        unknown_errors=errors.unknown if errors else 0,
    )


def _tilted(key_weights: np.ndarray, key: int, t: np.ndarray) -> np.ndarray:
    """Weights with key ``key`` set to each value of ``t`` and the others rescaled in proportion."""
    rest = key_weights.copy()
    rest[key] = 0.0
    total = rest.sum()
    scale = np.where(total > 0, (1 - t) / (total if total > 0 else 1.0), 0.0)
    out = scale[:, None] * rest[None, :]
    out[:, key] = t
    return out


def _winner(basis: ScoringBasis, key_weights: np.ndarray, normalized: np.ndarray) -> np.ndarray:
    scores = methods.snap_ties(scores_for(basis, key_weights, normalized))
    order = np.lexsort((np.broadcast_to(basis.tiebreak, scores.shape), -scores), axis=-1)
    return order[:, 0]


@dataclass(frozen=True)
class StabilityInterval:
    """The range of one key's weight over which the top candidate stays on top."""

    key: str
    weight: float
    low: float
    high: float
    below: str | None  # who takes over when the weight drops under ``low``
    above: str | None  # who takes over when it rises over ``high``


def stability_intervals(
    matrix: DecisionMatrix, ranking: Ranking, *, grid: int = 201, refine: int = 30
) -> list[StabilityInterval]:
    """For each weight key, scan its weight from 0 to 1 (others rescaled proportionally) and
    bisect the edges where the top candidate changes."""
    basis = ranking.basis
    if not len(basis.survivors):
        return []
    n = _normalize(basis.filled, basis)
    labels = matrix.labels_array()[basis.survivors].tolist()
    out = []
    for k, key in enumerate(ranking.weight_keys):
        current = float(basis.key_weights[k])
        top = int(_winner(basis, basis.key_weights[None, :], n)[0])
        t = np.linspace(0, 1, grid)
        winners = _winner(basis, _tilted(basis.key_weights, k, t), n)
        here = int(np.clip(np.searchsorted(t, current), 0, grid - 1))

        def edge(inside: float, outside: float, k: int = k, top: int = top) -> float:
            for _ in range(refine):
                mid = (inside + outside) / 2
                if _winner(basis, _tilted(basis.key_weights, k, np.array([mid])), n)[0] == top:
                    inside = mid
                else:
                    outside = mid
            return inside

        lo_idx = here
        while lo_idx > 0 and winners[lo_idx - 1] == top:
            lo_idx -= 1
        hi_idx = here
        while hi_idx < grid - 1 and winners[hi_idx + 1] == top:
            hi_idx += 1
        low = 0.0 if lo_idx == 0 else edge(min(t[lo_idx], current), t[lo_idx - 1])
        high = 1.0 if hi_idx == grid - 1 else edge(max(t[hi_idx], current), t[hi_idx + 1])
        below = None if low <= 0 else labels[int(winners[max(lo_idx - 1, 0)])]
        above = None if high >= 1 else labels[int(winners[min(hi_idx + 1, grid - 1)])]
        out.append(StabilityInterval(key, current, low, high, below, above))
    return out


def what_if(
    matrix: DecisionMatrix, ranking: Ranking, key: str, *, top: int = 5, points: int = 51
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Scores of the current top candidates as ``key``'s weight sweeps 0 to 1."""
    basis = ranking.basis
    t = np.linspace(0, 1, points)
    scores = scores_for(basis, _tilted(basis.key_weights, ranking.weight_keys.index(key), t))
    position = {int(r): i for i, r in enumerate(basis.survivors)}
    lines = {}
    for cand in ranking.top(top):
        row = matrix.labels().index(cand.candidate)
        lines[cand.candidate] = scores[:, position[row]]
    return t, lines


@dataclass(frozen=True)
class GapImpact:
    """Best and worst rank a candidate could reach if its missing figures were the best or the
    worst observed values."""

    candidate: str
    missing: tuple[str, ...]
    rank: int
    best_rank: int
    worst_rank: int


def data_gap_impact(
    matrix: DecisionMatrix, profile: Profile, ranking: Ranking, stop=None
) -> list[GapImpact]:
    """Re-rank with each gap-holding candidate's missing figures at the extremes observed.
    ``stop()`` is asked before each candidate; True ends the study early (what is done so far
    is returned)."""
    index = {c: j for j, c in enumerate(matrix.criteria)}
    survivors = np.asarray(ranking.basis.survivors)
    rows = {label: i for i, label in enumerate(matrix.labels())}
    out = []
    for cand in ranking.candidates:
        if not cand.missing:
            continue
        if stop is not None and stop():
            break
        row = rows[cand.candidate]
        extremes = {}
        for label, pick_best in (("best", True), ("worst", False)):
            values = matrix.values.copy()
            for criterion in cand.missing:
                j = index[criterion]
                observed = matrix.values[survivors, j]
                observed = observed[~np.isnan(observed)]
                if not len(observed):
                    continue
                higher = matrix.higher_is_better[j]
                values[row, j] = observed.max() if higher == pick_best else observed.min()
            trial = rank(_with_values(matrix, values), profile)
            extremes[label] = trial.ranks().get(cand.candidate, cand.rank)
        out.append(
            GapImpact(cand.candidate, cand.missing, cand.rank, extremes["best"], extremes["worst"])
        )
    return out


def _with_values(matrix: DecisionMatrix, values: np.ndarray) -> DecisionMatrix:
    return dataclasses.replace(matrix, values=values, pareto_memo={})
