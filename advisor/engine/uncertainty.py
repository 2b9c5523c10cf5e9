"""Is a difference real? Scores under each figure's own measurement noise, the probability that
one candidate outscores another, and the candidates statistically tied at the top.

Pure numpy over a ranking's :class:`~advisor.domain.ranking.ScoringBasis` and the matrix's
standard errors (``DecisionMatrix.stderrs``). A figure's error is Gaussian with its standard
error; figures with no known error are held fixed; the offers of one model in one mode share
their benchmark figures and so share their noise. Each criterion's normalisation (the
yardstick the weights were set against) stays the ranking's: the figures move, the scale does
not. Formulas in docs/scoring.md ("Uncertainty").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from advisor.domain.ranking import Ranking, ScoringBasis
from advisor.domain.vocabulary import Method, Normalization
from advisor.engine import methods
from advisor.engine.matrix import DecisionMatrix

# A gap counts as real when the leader outscores the other with at least this probability.
CONFIDENCE = 0.95
SAMPLES = 10_000


def normalized_scale(basis: ScoringBasis) -> np.ndarray:
    """How much one unit of each criterion moves its normalised value (per criterion): 1 /
    (max - min) for min-max, 1 / ||x|| for vector normalisation, 0 where the column has no
    spread (every survivor shares the figure, so it stays a tie)."""
    x = basis.filled
    if not len(x):
        return np.zeros(x.shape[1] if x.ndim == 2 else 0)
    if basis.normalization is Normalization.MINMAX:
        spread = np.nanmax(x, axis=0) - np.nanmin(x, axis=0)
    else:
        spread = np.sqrt(np.nansum(x * x, axis=0))
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = np.where(spread > 0, 1.0 / spread, 0.0)
    return np.nan_to_num(scale)


@dataclass(frozen=True)
class FigureNoise:
    """Each survivor's figure noise in normalised units (survivors x criteria, 0 where a figure
    is exact, filled in or of unknown error) and its group: rows of one group (a model's offers
    in one mode) share their draws."""

    sigma: np.ndarray
    groups: np.ndarray
    group_count: int
    known_by_row: np.ndarray  # weighted benchmark figures with a standard error, per survivor
    unknown_by_row: np.ndarray  # ... and without one

    @property
    def any(self) -> bool:
        return bool(self.sigma.any())

    @property
    def known(self) -> int:
        return int(self.known_by_row.sum())

    @property
    def unknown(self) -> int:
        return int(self.unknown_by_row.sum())


def basis_columns(matrix: DecisionMatrix, ranking: Ranking) -> np.ndarray:
    """The matrix column of each criterion the ranking scored (``ranking.criteria``)."""
    index = {c: j for j, c in enumerate(matrix.criteria)}
    return np.array([index[c] for c in ranking.criteria], dtype=np.int64)


def figure_noise(matrix: DecisionMatrix, ranking: Ranking) -> FigureNoise:
    """The noise of every survivor's figures, scaled like the ranking normalised them."""
    basis = ranking.basis
    rows = np.asarray(basis.survivors, dtype=np.int64)
    cols = basis_columns(matrix, ranking)
    se = matrix.stderrs()[np.ix_(rows, cols)]
    observed = ~np.isnan(matrix.values[np.ix_(rows, cols)])
    weighted = basis.key_shares.T @ basis.key_weights > 0
    if basis.estimated is not None:  # an estimate varies by its own standard error
        se = np.where(basis.estimated, basis.estimate_se, se)
        observed = observed | basis.estimated
    sigma = np.where(np.isnan(se) | ~observed, 0.0, se) * normalized_scale(basis)[None, :]
    sigma = np.where(weighted[None, :], sigma, 0.0)
    published = observed if basis.estimated is None else observed & ~basis.estimated
    counted = published & (_benchmark_columns(matrix)[cols] & weighted)[None, :]
    known = (counted & ~np.isnan(se)).sum(axis=1)
    unknown = counted.sum(axis=1) - known
    groups = np.unique(matrix.model_mode_keys()[rows], return_inverse=True)[1]
    return FigureNoise(
        sigma=sigma,
        groups=groups.astype(np.int64),
        group_count=int(groups.max()) + 1 if len(groups) else 0,
        known_by_row=known,
        unknown_by_row=unknown,
    )


def _benchmark_columns(matrix: DecisionMatrix) -> np.ndarray:
    """Which criteria are benchmark scores (figures with a standard error to speak of), made
    once per matrix."""
    memo = matrix.__dict__
    if "_benchmark_columns" not in memo:
        figures = matrix.figures
        if figures is None or "stderr_origin" not in figures:
            found = np.zeros(len(matrix.criteria), dtype=bool)
        else:
            names = set(figures.loc[figures["stderr_origin"].notna(), "criterion"])
            found = np.array([c in names for c in matrix.criteria], dtype=bool)
        memo["_benchmark_columns"] = found
    return memo["_benchmark_columns"]


def noisy_scores(
    basis: ScoringBasis,
    noise: FigureNoise,
    criterion_weights: np.ndarray,
    rng: np.random.Generator,
    *,
    samples: int | None = None,
    normalized: np.ndarray | None = None,
    columns: np.ndarray | None = None,
) -> np.ndarray:
    """Scores of the survivors (or of ``columns`` of them) under figure noise, one row per
    sample: ``criterion_weights`` is one weight vector (over the basis's criteria, summing to
    1) used for ``samples`` draws, or one row per sample.

    WSM is linear, so a survivor's score noise is exactly Gaussian with standard deviation
    sqrt(sum_j (w_j sigma_ij)^2) (over its present weight under the renormalise rule): one
    draw per sample and group instead of one per figure. TOPSIS re-scores each candidate's
    perturbed row against the ranking's ideal and anti-ideal points.
    """
    n = (
        methods.normalize(basis.filled, basis.benefit, basis.normalization)
        if normalized is None
        else normalized
    )
    fixed = np.ndim(criterion_weights) == 1
    w = np.atleast_2d(criterion_weights)
    count = int(samples) if fixed and samples is not None else len(w)
    keep = np.arange(len(n)) if columns is None else np.asarray(columns)
    n_k, sigma_k = n[keep], noise.sigma[keep]
    # Draws for the models (and modes) among these columns only.
    groups_k = np.unique(noise.groups[keep], return_inverse=True)[1].reshape(-1)
    group_count = max(int(groups_k.max(initial=-1)) + 1, 1)
    if basis.method is Method.WSM:
        draws = rng.standard_normal((count, group_count))
        present = None if basis.present is None else basis.present[keep]
        if present is None:
            base = w @ n_k.T
            denominator = np.ones((len(w), 1))
        else:
            denominator = w @ present.T.astype(float)
            denominator = np.where(denominator > 0, denominator, 1.0)
            base = (w @ np.where(present, n_k, 0.0).T) / denominator
        spread = np.sqrt((w * w) @ (sigma_k * sigma_k).T) / denominator
        return base + spread * draws[:, groups_k]
    w = np.broadcast_to(w, (count, w.shape[1]))
    # TOPSIS's ideal and anti-ideal points are part of the yardstick too: the ranking's (the
    # column best and worst of the figures as ranked), so each candidate's draw needs only its
    # own row.
    present = basis.present
    if present is None:
        best, worst = n.max(axis=0), n.min(axis=0)
    else:
        best = np.where(present, n, -np.inf).max(axis=0)
        worst = np.where(present, n, np.inf).min(axis=0)
    present_k = None if present is None else present[keep]
    out = np.empty((count, len(keep)))
    chunk = max(1, _CHUNK_CELLS // max(n_k.size, 1))
    for first in range(0, count, chunk):
        size = min(chunk, count - first)
        draws = rng.standard_normal((size, group_count, n.shape[1]))
        trial = n_k[None] + draws[:, groups_k] * sigma_k[None]
        out[first : first + size] = topsis_at(
            trial, w[first : first + size], best, worst, present_k
        )
    return out


_CHUNK_CELLS = 2_000_000  # perturbed rows scored at once by TOPSIS (16 MB of floats)


def topsis_at(
    n: np.ndarray,
    w: np.ndarray,
    best: np.ndarray,
    worst: np.ndarray,
    present: np.ndarray | None,
) -> np.ndarray:
    """TOPSIS closeness of a stack of normalised rows ``n`` (samples x candidates x criteria),
    sample s weighted by ``w[s]``, against given ideal (``best``) and anti-ideal (``worst``)
    normalised values: :func:`advisor.engine.methods.topsis` (or, with ``present``, its
    renormalised form) when those are the rows' own column best and worst."""
    if present is None:
        v = n * w[:, None, :]
        d_plus = np.sqrt(((v - (best * w)[:, None, :]) ** 2).sum(axis=2))
        d_minus = np.sqrt(((v - (worst * w)[:, None, :]) ** 2).sum(axis=2))
    else:
        wp = present[None] * w[:, None, :]
        total_w = wp.sum(axis=2, keepdims=True)
        wr = wp / np.where(total_w > 0, total_w, 1.0)
        nz = np.where(present[None], n, 0.0)
        far = np.where(present[None], (nz - best) ** 2, 0.0)
        near = np.where(present[None], (nz - worst) ** 2, 0.0)
        d_plus = np.sqrt((wr**2 * far).sum(axis=2))
        d_minus = np.sqrt((wr**2 * near).sum(axis=2))
    total = d_plus + d_minus
    return np.where(total > 0, d_minus / np.where(total > 0, total, 1.0), 1.0)


def _ahead(diff: np.ndarray) -> np.ndarray:
    """Share of samples (axis 0) in which a score difference is positive, a tie within the
    tie tolerance counting half."""
    tol = methods.TIE_TOLERANCE
    return (diff > tol).mean(axis=0) + 0.5 * (np.abs(diff) <= tol).mean(axis=0)


def beats(scores: np.ndarray, a: int, b: int) -> float:
    """P(column a outscores column b) over the samples, an exact tie counting half."""
    return float(_ahead(scores[:, a] - scores[:, b]))


def pairwise(scores: np.ndarray) -> np.ndarray:
    """P(row candidate outscores column candidate) for every pair of columns of ``scores``
    (samples x k): k x k, 0.5 on the diagonal, ``p[a, b] + p[b, a] = 1``."""
    k = scores.shape[1]
    out = np.full((k, k), 0.5)
    for a in range(k):
        wins = _ahead(scores[:, a : a + 1] - scores[:, a + 1 :])
        out[a, a + 1 :] = wins
        out[a + 1 :, a] = 1 - wins
    return out


def first_place(scores: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """P(each column is first) over the samples; scores within the tie tolerance of a sample's
    best share its first place at random."""
    count = scores.shape[1]
    if not count:
        return np.zeros(0)
    best = scores.max(axis=1, keepdims=True)
    tied = scores >= best - methods.TIE_TOLERANCE
    winners = np.argmax(scores, axis=1)
    shared = np.flatnonzero(tied.sum(axis=1) > 1)
    if len(shared):
        jitter = np.where(tied[shared], rng.random((len(shared), count)), np.inf)
        winners[shared] = np.argmin(jitter, axis=1)
    return np.bincount(winners, minlength=count) / len(scores)


def criterion_beats(
    values_a: np.ndarray,
    se_a: np.ndarray,
    values_b: np.ndarray,
    se_b: np.ndarray,
    higher_is_better: np.ndarray,
    noisy: np.ndarray,
) -> np.ndarray:
    """Per criterion, P(A's figure is better than B's) for Gaussian errors: Phi(d / sqrt(se_a^2
    + se_b^2)) with d the gap in the better direction. Exact figures (``noisy`` False: prices,
    limits) give 1, 0 or 0.5, as does a benchmark whose two figures are equal; a real gap
    between benchmark figures of unknown error, or a missing figure, gives NaN (not known).
    Arguments broadcast (pairs x criteria works as well as one pair)."""
    sign = np.where(higher_is_better, 1.0, -1.0)
    d = (np.asarray(values_a, float) - np.asarray(values_b, float)) * sign
    se_a, se_b = np.asarray(se_a, float), np.asarray(se_b, float)
    noisy = np.broadcast_to(noisy, d.shape)
    spread = np.sqrt(np.nan_to_num(se_a) ** 2 + np.nan_to_num(se_b) ** 2)
    equal = np.abs(d) <= methods.TIE_TOLERANCE
    exact = np.where(equal, 0.5, (d > 0).astype(float))
    unknown_error = np.isnan(se_a) | np.isnan(se_b)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = d / spread / np.sqrt(2.0)
    gaussian = 0.5 * (1.0 + _erf(np.where(spread > 0, z, 0.0)))
    out = np.where(noisy & ~equal & ~unknown_error & (spread > 0), gaussian, exact)
    out = np.where(noisy & ~equal & unknown_error, np.nan, out)
    return np.where(np.isnan(d), np.nan, out)


def _erf(x: np.ndarray) -> np.ndarray:
    """The error function, elementwise, within 1.5e-7 (Abramowitz and Stegun 7.1.26)."""
    t = 1.0 / (1.0 + 0.3275911 * np.abs(x))
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    return np.sign(x) * (1.0 - poly * np.exp(-x * x))


@dataclass(frozen=True)
class TieGroups:
    """Candidates in rank order, split into runs that measurement noise cannot tell apart.

    ``group[i]`` is the run (0: tied with the leader) of ``labels[i]``: a candidate joins the
    run of its head (the run's first candidate) while P(head outscores it) < ``confidence``.
    ``p_first`` is each one's probability of ranking first among these candidates and
    ``p_leader`` the probability that the leader outscores it (1 for the leader itself).
    """

    labels: tuple[str, ...]
    group: np.ndarray
    p_first: np.ndarray
    p_head: np.ndarray
    p_leader: np.ndarray
    confidence: float
    samples: int
    seed: int
    noise: FigureNoise

    def top(self) -> tuple[str, ...]:
        """The candidates statistically tied at the top, the leader first."""
        return tuple(label for label, g in zip(self.labels, self.group, strict=True) if g == 0)

    def runner_up_odds(self) -> float | None:
        """P(the leader outscores the runner-up); None with fewer than two candidates."""
        return float(self.p_leader[1]) if len(self.labels) > 1 else None

    def distinguishable(self) -> bool | None:
        """Whether the leader outscores the runner-up with at least ``confidence``."""
        odds = self.runner_up_odds()
        return None if odds is None else odds >= self.confidence

    def group_of(self, label: str) -> int | None:
        """The run a candidate is in, or None when it is not among these candidates."""
        try:
            return int(self.group[self.labels.index(label)])
        except ValueError:
            return None


def ranked_rows(ranking: Ranking, *, every_offer: bool = False) -> list[int]:
    """Matrix rows in rank order: each model and mode once, through its best-ranked offer
    (as the ranking shows them), or every offer."""
    order = [int(r) for r in ranking.arrays.order]
    if every_offer:
        return order
    best = ranking.best_offer_rows
    return [r for r in order if r in best]


def tie_groups(
    matrix: DecisionMatrix,
    ranking: Ranking,
    *,
    samples: int = SAMPLES,
    seed: int = 0,
    confidence: float = CONFIDENCE,
    every_offer: bool = False,
) -> TieGroups:
    """Monte Carlo over the figures' standard errors with the profile's weights and method:
    each candidate's P(first) and runs of candidates (in rank order) statistically tied."""
    basis = ranking.basis
    rng = np.random.default_rng(seed)
    noise = figure_noise(matrix, ranking)
    position = {int(r): i for i, r in enumerate(basis.survivors)}
    rows = [r for r in ranked_rows(ranking, every_offer=every_offer) if r in position]
    columns = np.array([position[r] for r in rows], dtype=np.int64)
    weights = basis.key_weights @ basis.key_shares
    scores = noisy_scores(basis, noise, weights, rng, samples=samples, columns=columns)
    count = len(rows)
    group = np.zeros(count, dtype=np.int64)
    p_head = np.ones(count)
    p_leader = np.ones(count)
    head = 0
    for i in range(1, count):
        p_leader[i] = beats(scores, 0, i)
        p = p_leader[i] if head == 0 else beats(scores, head, i)
        if p >= confidence:
            head = i
            p = 1.0
        group[i] = group[i - 1] + (1 if head == i else 0)
        p_head[i] = p
    return TieGroups(
        labels=tuple(matrix.labels_array()[rows].tolist()),
        group=group,
        p_first=first_place(scores, rng),
        p_head=p_head,
        p_leader=p_leader,
        confidence=confidence,
        samples=samples,
        seed=seed,
        noise=noise,
    )


@dataclass(frozen=True)
class Comparison:
    """Two or more candidates side by side under measurement noise.

    ``overall[a, b]`` is P(candidate a's score beats b's) with the profile's weights and
    method; ``by_criterion[a, b, j]`` is P(a's figure on criterion j is better than b's) (NaN
    where not known); ``p_first`` is P(first among these candidates).
    """

    labels: tuple[str, ...]
    criteria: tuple[str, ...]  # the weighted criteria, in matrix order
    values: np.ndarray  # candidates x criteria
    stderrs: np.ndarray  # candidates x criteria (NaN: unknown or exact)
    noisy: np.ndarray  # criteria: whether the criterion's figures carry sampling error
    scores: np.ndarray  # each candidate's score in the ranking
    overall: np.ndarray
    by_criterion: np.ndarray
    p_first: np.ndarray
    samples: int
    seed: int
    confidence: float = CONFIDENCE
    known_errors: int = 0  # weighted benchmark figures of the survivors with a standard error
    unknown_errors: int = 0  # ... and without one (held fixed)
    estimated: np.ndarray | None = None  # candidates x criteria: the value is an estimate


def compare(
    matrix: DecisionMatrix,
    ranking: Ranking,
    labels: list[str] | tuple[str, ...],
    *,
    samples: int = SAMPLES,
    seed: int = 0,
    confidence: float = CONFIDENCE,
) -> Comparison:
    """P(A outscores B) overall and per weighted criterion for ranked candidates ``labels``
    (each must be ranked: an excluded candidate has no score to compare)."""
    basis = ranking.basis
    position = {int(r): i for i, r in enumerate(basis.survivors)}
    rows = [matrix.row_of(label) for label in labels]
    columns = np.array([position[r] for r in rows], dtype=np.int64)
    rng = np.random.default_rng(seed)
    noise = figure_noise(matrix, ranking)
    weights = basis.key_weights @ basis.key_shares
    scores = noisy_scores(basis, noise, weights, rng, samples=samples, columns=columns)
    weighted = basis_columns(matrix, ranking)[weights > 0]
    values = matrix.values[np.ix_(rows, weighted)]
    se = matrix.stderrs()[np.ix_(rows, weighted)]
    estimated = np.zeros(values.shape, dtype=bool)
    if basis.estimated is not None:  # estimates compare by their own standard errors
        cells = np.ix_(columns, np.flatnonzero(weights > 0))
        estimated = basis.estimated[cells]
        values = np.where(estimated, basis.filled[cells], values)
        se = np.where(estimated, basis.estimate_se[cells], se)
    noisy = _benchmark_columns(matrix)[weighted]
    higher = matrix.higher_is_better[weighted]
    by_criterion = criterion_beats(
        values[:, None, :], se[:, None, :], values[None, :, :], se[None, :, :], higher, noisy
    )
    diagonal = np.arange(len(rows))
    by_criterion[diagonal, diagonal] = np.where(np.isnan(values), np.nan, 0.5)
    ranked = np.asarray(ranking.arrays.scores)
    return Comparison(
        labels=tuple(labels),
        criteria=tuple(matrix.criteria[j] for j in weighted),
        values=values,
        stderrs=se,
        noisy=noisy,
        scores=np.array([float(ranked[r]) for r in rows]),
        overall=pairwise(scores),
        by_criterion=by_criterion,
        p_first=first_place(scores, rng),
        samples=samples,
        seed=seed,
        confidence=confidence,
        known_errors=int(noise.known_by_row[columns].sum()),
        unknown_errors=int(noise.unknown_by_row[columns].sum()),
        estimated=estimated,
    )
