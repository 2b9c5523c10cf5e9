"""Estimated figures for the missing-data rule ``estimate``: a latent-capability model fit over
the catalogue's published benchmark scores (formulas: docs/scoring.md, "Estimated figures").

Each benchmark score is put on an unbounded scale (logit of the share for percentages, log for
minutes, as published otherwise) and standardised per benchmark:
``z[i, j] = (t(y[i, j]) - centre[j]) / spread[j]``. The model is

    z[i, j] = intercept[j] + abilities[i] . loadings[j] + e[i, j],   e ~ N(0, noise[j]^2)

with ``abilities[i] ~ N(0, I)`` a priori (a factor model with a few latent capabilities). It is
fit by alternating ridge regressions on the published cells only. A missing cell's estimate is
the posterior mean of its model's abilities times the benchmark's loadings; its 80% interval
adds the benchmark's noise to the abilities' posterior variance, widened by the benchmark's
``inflation``, the factor that made the intervals cover 80% of figures hidden in an internal
cross-validation (shrunk towards the pooled factor).

Pure numpy: no figure is ever changed; estimates exist only for cells with no published figure.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from advisor.domain.criteria import SCALE_LINEAR, SCALE_LOG, SCALE_LOGIT
from advisor.engine.matrix import DecisionMatrix

__all__ = [
    "Z80",
    "CapabilityFit",
    "Estimates",
    "FitBlock",
    "HeldOut",
    "Validated",
    "counted_estimate",
    "estimates",
    "fit_block",
    "fit_capabilities",
    "hold_out",
    "random_hidden",
    "validated",
]

Z80 = 1.2815515655446004  # the standard normal's 90th percentile: 80% intervals are +- Z80 sd
# One latent capability (a per-benchmark intercept and slope, like a two-parameter item-response
# model): benchmarks/bench_estimates.py measured the lowest held-out error at rank 1 (2 and 3
# were worse on the bundled catalogue; it prints all three).
RANK = 1
FOLDS = 5
LOGIT_FLOOR = 0.005  # shares are clipped to [0.5%, 99.5%] before the logit
RIDGE = 1.0  # ridge on the loadings (the abilities' prior is N(0, I))
NOISE_PRIOR = 3.0  # pseudo-figures of pooled noise added to each benchmark's own
NOISE_FLOOR = 0.05  # no benchmark is taken to fit closer than 5% of its spread (never exactly)
INFLATION_PRIOR = 10.0  # pseudo-cells of the pooled interval factor in each benchmark's own
MIN_COLUMN_FIGURES = 3  # a benchmark needs this many published scores to be estimated
ITERATIONS = 200  # alternations at most; they stop once no ability moves by TOLERANCE
TOLERANCE = 1e-3
SEED = 20261201  # the internal cross-validation's folds (fixed: the same fit every time)


def to_scale(values: np.ndarray, scale: str) -> np.ndarray:
    """Published values on the model's unbounded scale ``t``."""
    if scale == SCALE_LOGIT:
        share = np.clip(values / 100.0, LOGIT_FLOOR, 1.0 - LOGIT_FLOOR)
        return np.log(share / (1.0 - share))
    if scale == SCALE_LOG:
        return np.log(np.maximum(values, 1e-6))
    return np.asarray(values, dtype=float)


def from_scale(t: np.ndarray, scale: str) -> np.ndarray:
    """The inverse of :func:`to_scale`: values in the benchmark's unit."""
    if scale == SCALE_LOGIT:
        return 100.0 / (1.0 + np.exp(-t))
    if scale == SCALE_LOG:
        return np.exp(t)
    return np.asarray(t, dtype=float)


@dataclass(frozen=True)
class CapabilityFit:
    """The fitted parameters (per benchmark: scale, centre, spread, intercept, loadings, noise;
    per model row: abilities and their posterior covariance) and how they were chosen."""

    scales: tuple[str, ...]
    centre: np.ndarray
    spread: np.ndarray
    intercept: np.ndarray
    loadings: np.ndarray  # benchmarks x rank
    noise: np.ndarray
    abilities: np.ndarray  # rows x rank
    covariance: np.ndarray  # rows x rank x rank
    inflation: np.ndarray  # per benchmark (>= 1)
    rank: int
    cv_error: float  # the internal cross-validation's mean |z error| (standardised units)

    def predict(self, rows: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, ...]:
        """(value, standard error, 80% low, 80% high) in each benchmark's unit for cells
        (rows[k], cols[k]); the standard error is the 80% interval's half-width / Z80."""
        rows, cols = np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)
        mean_z, sd_z = self.predict_z(rows, cols)
        t = self.centre[cols] + self.spread[cols] * mean_z
        half = Z80 * self.spread[cols] * sd_z
        value, low, high = (np.empty(len(rows)) for _ in range(3))
        for scale in set(self.scales):
            k = np.array([self.scales[c] == scale for c in cols], dtype=bool)
            if k.any():
                value[k] = from_scale(t[k], scale)
                low[k] = from_scale(t[k] - half[k], scale)
                high[k] = from_scale(t[k] + half[k], scale)
        return value, (high - low) / (2 * Z80), low, high

    def predict_z(self, rows: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Standardised estimate and its predictive standard deviation for cells."""
        v = self.loadings[cols]
        mean = self.intercept[cols] + np.einsum("ka,ka->k", self.abilities[rows], v)
        spread = np.einsum("ka,kab,kb->k", v, self.covariance[rows], v)
        return mean, self.inflation[cols] * np.sqrt(self.noise[cols] ** 2 + spread)


def _standardise(t: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    count = mask.sum(axis=0)
    filled = np.where(mask, t, 0.0)
    centre = filled.sum(axis=0) / np.maximum(count, 1)
    var = np.where(mask, (t - centre) ** 2, 0.0).sum(axis=0) / np.maximum(count - 1, 1)
    spread = np.sqrt(var)
    spread = np.where((count >= 2) & (spread > 1e-9), spread, 1.0)
    return np.where(mask, (t - centre) / spread, 0.0), centre, spread


def _row_posterior(
    z: np.ndarray, mask: np.ndarray, intercept: np.ndarray, v: np.ndarray, noise: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Each row's abilities given the benchmarks' parameters: posterior mean and covariance
    under the N(0, I) prior (a ridge regression per row, weighted by 1 / noise^2)."""
    k = v.shape[1]
    weight = mask / noise[None, :] ** 2
    outer = (v[:, :, None] * v[:, None, :]).reshape(len(v), k * k)
    precision = (weight @ outer).reshape(-1, k, k) + np.eye(k)[None]
    target = (weight * (z - intercept[None, :])) @ v
    covariance = np.linalg.inv(precision)
    return np.einsum("iab,ib->ia", covariance, target), covariance


def _column_fit(z: np.ndarray, mask: np.ndarray, u: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each benchmark's intercept and loadings given the rows' abilities (ridge on loadings)."""
    k = u.shape[1]
    x = np.hstack([np.ones((len(u), 1)), u])
    outer = (x[:, :, None] * x[:, None, :]).reshape(len(x), (k + 1) ** 2)
    gram = (mask.T.astype(float) @ outer).reshape(-1, k + 1, k + 1)
    gram += np.diag([1e-6] + [RIDGE] * k)[None]
    rhs = np.where(mask, z, 0.0).T @ x
    beta = np.linalg.solve(gram, rhs[..., None])[..., 0]
    return beta[:, 0], beta[:, 1:]


def _noise(z, mask, intercept, v, u) -> np.ndarray:
    """Each benchmark's residual standard deviation, shrunk towards the pooled one."""
    residual = np.where(mask, z - intercept[None, :] - u @ v.T, 0.0)
    rss = (residual**2).sum(axis=0)
    count = mask.sum(axis=0)
    pooled = rss.sum() / max(count.sum(), 1)
    return np.maximum(np.sqrt((rss + NOISE_PRIOR * pooled) / (count + NOISE_PRIOR)), NOISE_FLOOR)


def _core_fit(z: np.ndarray, mask: np.ndarray, rank: int, start: np.ndarray | None = None):
    """Alternating fits of the standardised matrix: (intercept, loadings, noise, u, cov)."""
    cols = z.shape[1]
    if start is None:  # the leading principal directions of the zero-filled matrix
        filled = np.where(mask, z, 0.0)
        _, vectors = np.linalg.eigh(filled.T @ filled)
        u = filled @ vectors[:, ::-1][:, :rank]
        u = u / max(float(u.std()), 1e-9)
    else:
        u = start
    noise = np.ones(cols)
    for _ in range(ITERATIONS):
        intercept, v = _column_fit(z, mask, u)
        noise = _noise(z, mask, intercept, v, u)
        previous, (u, covariance) = u, _row_posterior(z, mask, intercept, v, noise)
        if np.abs(u - previous).max(initial=0.0) < TOLERANCE:
            break
    intercept, v = _column_fit(z, mask, u)
    noise = _noise(z, mask, intercept, v, u)
    u, covariance = _row_posterior(z, mask, intercept, v, noise)
    return intercept, v, noise, u, covariance


def _orient(intercept, v, noise, u, cov):
    """Each capability's sign chosen so that its loadings sum to more than zero: a higher
    ability then means higher scores on most benchmarks (the fit is the same either way)."""
    sign = np.where(v.sum(axis=0) < 0, -1.0, 1.0)
    return intercept, v * sign, noise, u * sign, cov * sign[None, :, None] * sign[None, None, :]


def _folds(mask: np.ndarray) -> list[np.ndarray]:
    """FOLDS disjoint sets of published cells (flat indices), fixed by SEED."""
    cells = np.flatnonzero(mask.ravel())
    rng = np.random.default_rng(SEED)
    return np.array_split(rng.permutation(cells), FOLDS)


def fit_capabilities(
    values: np.ndarray, scales: tuple[str, ...], rank: int = RANK
) -> CapabilityFit:
    """Fit the model with ``rank`` latent capabilities to ``values`` (rows x benchmarks, NaN
    where nothing is published) whose columns are on ``scales``. The interval inflation comes
    from an internal FOLDS-fold cross-validation over the published cells: the factor that
    makes the 80% intervals cover 80% of the hidden figures (never below 1)."""
    values = np.asarray(values, dtype=float)
    mask = ~np.isnan(values)
    t = np.column_stack([to_scale(values[:, j], s) for j, s in enumerate(scales)])
    z, centre, spread = _standardise(t, mask)
    intercept, v, noise, u, cov = _orient(*_core_fit(z, mask, rank))
    abs_err, ratio, held_cols = [], [], []
    for held in _folds(mask):
        train = mask.copy()
        train.ravel()[held] = False
        fold = _core_fit(z, train, rank, start=u)
        r, c = np.unravel_index(held, mask.shape)
        fold_fit = CapabilityFit(
            scales, centre, spread, *fold[:2], fold[2], *fold[3:], np.ones(len(scales)), rank, 0.0
        )
        mean, sd = fold_fit.predict_z(r, c)
        abs_err.append(np.abs(z[r, c] - mean))
        ratio.append(np.abs(z[r, c] - mean) / sd)
        held_cols.append(c)
    ratios = np.concatenate(ratio) if ratio else np.zeros(0)
    columns = np.concatenate(held_cols) if held_cols else np.zeros(0, dtype=np.int64)
    inflation = _inflation(ratios, columns, len(scales))
    cv_error = float(np.concatenate(abs_err).mean()) if len(ratios) else float("nan")
    return CapabilityFit(
        scales, centre, spread, intercept, v, noise, u, cov, inflation, rank, cv_error
    )


def _inflation(ratios: np.ndarray, columns: np.ndarray, count: int) -> np.ndarray:
    """Per benchmark, the factor that makes 80% intervals hold 80% of the cross-validation's
    hidden cells: k_j = q80(|error| / sd) / Z80 over its own cells, shrunk towards the pooled
    factor by INFLATION_PRIOR pseudo-cells, never below 1."""
    if len(ratios) < 20:
        return np.ones(count)
    pooled = float(np.quantile(ratios, 0.8) / Z80)
    out = np.full(count, pooled)
    for j in range(count):
        own = ratios[columns == j]
        if len(own):
            mine = float(np.quantile(own, 0.8) / Z80)
            out[j] = (len(own) * mine + INFLATION_PRIOR * pooled) / (len(own) + INFLATION_PRIOR)
    return np.maximum(out, 1.0)


@dataclass(frozen=True)
class Estimates:
    """Estimated cells of a matrix, shaped like its ``values`` (NaN where a figure is published
    or no estimate is made), and the fit behind them: ``fit_row[r]`` is matrix row r's row in
    the fit (-1: none, no published benchmark score), ``fit_column[j]`` criterion j's (-1);
    ``based_on[r]`` how many published benchmark scores row r's model gave the fit."""

    values: np.ndarray
    stderrs: np.ndarray
    low: np.ndarray
    high: np.ndarray
    fit: CapabilityFit | None
    fit_row: np.ndarray
    fit_column: np.ndarray
    based_on: np.ndarray

    @property
    def mask(self) -> np.ndarray:
        return ~np.isnan(self.values)


def _empty(matrix: DecisionMatrix) -> Estimates:
    def nan() -> np.ndarray:
        return np.full(matrix.values.shape, np.nan)

    return Estimates(
        nan(),
        nan(),
        nan(),
        nan(),
        None,
        np.full(len(matrix), -1, dtype=np.int64),
        np.full(len(matrix.criteria), -1, dtype=np.int64),
        np.zeros(len(matrix), dtype=np.int64),
    )


def estimates(matrix: DecisionMatrix) -> Estimates:
    """The matrix's estimated cells (fit once per matrix and memoised with it: weights,
    constraints and what-if values never refit; a catalogue or condition change builds a new
    matrix, and so a new fit)."""
    memo = matrix.estimate_memo
    if "estimates" not in memo:
        memo["estimates"] = _estimate(matrix)
    return memo["estimates"]


@dataclass(frozen=True)
class FitBlock:
    """What the fit reads from a matrix: one row per (model, mode, band) with a published
    benchmark score (``rows``: its first matrix row) and one column per estimable benchmark
    (``columns``: matrix columns with at least MIN_COLUMN_FIGURES scores); ``fit_row`` maps
    every matrix row to its fit row (-1: none)."""

    values: np.ndarray
    scales: tuple[str, ...]
    columns: np.ndarray
    rows: np.ndarray
    fit_row: np.ndarray


def fit_block(matrix: DecisionMatrix) -> FitBlock | None:
    """The published benchmark scores the fit reads, or None when nothing can be estimated."""
    scales = matrix.scales or ("",) * len(matrix.criteria)
    cols = np.array(
        [j for j, s in enumerate(scales) if s in (SCALE_LOGIT, SCALE_LOG, SCALE_LINEAR)],
        dtype=np.int64,
    )
    if not len(cols) or not len(matrix):
        return None
    _, first, inverse = np.unique(matrix.model_mode_keys(), return_index=True, return_inverse=True)
    block = matrix.values[np.ix_(first, cols)]
    enough = (~np.isnan(block)).sum(axis=0) >= MIN_COLUMN_FIGURES
    cols, block = cols[enough], block[:, enough]
    has = (~np.isnan(block)).any(axis=1)
    if not len(cols) or has.sum() < 2:
        return None
    row_in_fit = np.full(len(first), -1, dtype=np.int64)
    row_in_fit[has] = np.arange(int(has.sum()))
    return FitBlock(
        block[has],
        tuple(scales[j] for j in cols),
        cols,
        first[has],
        row_in_fit[inverse.reshape(-1)],
    )


def _estimate(matrix: DecisionMatrix) -> Estimates:
    block = fit_block(matrix)
    out = _empty(matrix)
    if block is None:
        return out
    fit = fit_capabilities(block.values, block.scales)
    cols, fit_row = block.columns, block.fit_row
    out.fit_column[cols] = np.arange(len(cols))
    # Every matrix row gets its key's estimates where its own cell has no figure.
    r, c = np.nonzero(np.isnan(matrix.values[:, cols]) & (fit_row >= 0)[:, None])
    value, stderr, low, high = fit.predict(fit_row[r], c)
    for target, source in zip(
        (out.values, out.stderrs, out.low, out.high), (value, stderr, low, high), strict=True
    ):
        target[r, cols[c]] = source
    published = (~np.isnan(block.values)).sum(axis=1)
    based_on = np.where(fit_row >= 0, published[np.maximum(fit_row, 0)], 0)
    return Estimates(
        out.values, out.stderrs, out.low, out.high, fit, fit_row, out.fit_column, based_on
    )


def counted_estimate(ranking, count: int, criterion: str) -> tuple[np.ndarray, np.ndarray]:
    """(values, standard errors) over ``count`` matrix rows: the estimate a ranking's score
    counted for ``criterion`` in each row, NaN where it counted a published figure or none
    (other rules, excluded candidates, a criterion without weight)."""
    values, stderrs = np.full(count, np.nan), np.full(count, np.nan)
    basis = ranking.basis
    if basis is None or basis.estimated is None or criterion not in ranking.criteria:
        return values, stderrs
    j = ranking.criteria.index(criterion)
    flags = np.asarray(basis.estimated[:, j], dtype=bool)
    rows = np.asarray(basis.survivors)[flags]
    values[rows] = basis.filled[flags, j]
    stderrs[rows] = basis.estimate_se[flags, j]
    return values, stderrs


# ----- validation: hide published figures, estimate them, compare ------------------------------
@dataclass(frozen=True)
class HeldOut:
    """Published figures hidden from a fit and what it (and the baselines) said of them, one
    entry per hidden cell the fit could estimate (its model kept a published score).

    ``column`` is the cell's fit column; ``spread`` each column's standard deviation of the
    published figures (in its unit), so errors in different units can be pooled as
    ``|error| / spread``. Baselines: the column's mean, the model's own mean over its other
    benchmarks (standardised, then put on the column's scale) and the column's worst value.
    """

    column: np.ndarray
    truth: np.ndarray
    estimate: np.ndarray
    low: np.ndarray
    high: np.ndarray
    column_mean: np.ndarray
    own_mean: np.ndarray
    worst: np.ndarray
    spread: np.ndarray
    unestimable: int

    def covered(self) -> np.ndarray:
        return (self.truth >= self.low) & (self.truth <= self.high)

    def scaled_error(self, guess: np.ndarray) -> np.ndarray:
        return np.abs(guess - self.truth) / self.spread[self.column]

    @staticmethod
    def join(parts: list[HeldOut]) -> HeldOut:
        fields = ("column", "truth", "estimate", "low", "high", "column_mean", "own_mean", "worst")
        joined = {f: np.concatenate([getattr(p, f) for p in parts]) for f in fields}
        return HeldOut(
            **joined, spread=parts[0].spread, unestimable=sum(p.unestimable for p in parts)
        )


def hold_out(
    values: np.ndarray,
    scales: tuple[str, ...],
    higher_is_better: np.ndarray,
    hidden: np.ndarray,
    rank: int = RANK,
) -> HeldOut:
    """Hide the published cells ``hidden`` (flat indices into ``values``), fit on the rest and
    estimate them."""
    values = np.asarray(values, dtype=float)
    train = values.copy()
    train.ravel()[hidden] = np.nan
    rows_kept = ~np.isnan(train).all(axis=1)
    r, c = np.unravel_index(np.asarray(hidden, dtype=np.int64), values.shape)
    ok = rows_kept[r]
    position = np.cumsum(rows_kept) - 1
    fit = fit_capabilities(train[rows_kept], scales, rank)
    estimate, _se, low, high = fit.predict(position[r[ok]], c[ok])
    r, c = r[ok], c[ok]
    published = ~np.isnan(values)
    spread = np.array(
        [
            np.std(values[published[:, j], j]) if published[:, j].sum() > 1 else 1.0
            for j in range(values.shape[1])
        ]
    )
    spread = np.where(spread > 0, spread, 1.0)
    column_mean = np.nanmean(train, axis=0)
    worst = np.where(higher_is_better, np.nanmin(train, axis=0), np.nanmax(train, axis=0))
    t = np.column_stack([to_scale(train[:, j], s) for j, s in enumerate(scales)])
    z = (t - fit.centre) / fit.spread
    known = ~np.isnan(z)
    own = np.where(known, z, 0.0).sum(axis=1) / np.maximum(known.sum(axis=1), 1)  # mean z
    own_t = fit.centre[c] + fit.spread[c] * own[r]
    own_mean = np.array([from_scale(np.array([own_t[k]]), scales[c[k]])[0] for k in range(len(r))])
    return HeldOut(
        column=c,
        truth=values[r, c],
        estimate=estimate,
        low=low,
        high=high,
        column_mean=column_mean[c],
        own_mean=own_mean,
        worst=worst[c],
        spread=spread,
        unestimable=int((~ok).sum()),
    )


def random_hidden(values: np.ndarray, fraction: float, seed: int) -> np.ndarray:
    """A random ``fraction`` of the published cells (flat indices)."""
    cells = np.flatnonzero(~np.isnan(np.asarray(values, dtype=float)).ravel())
    count = max(1, round(fraction * len(cells)))
    return np.random.default_rng(seed).choice(cells, size=count, replace=False)


@dataclass(frozen=True)
class Validated:
    """A random hold-out's summary, for a caveat: mean |error| over the column-mean
    baseline's (pooled as |error| / spread), the 80% intervals' coverage, the mean error in
    points over percentage benchmarks, and how many hidden figures it rests on."""

    error_ratio: float
    coverage: float
    points: float
    figures: int
    seeds: int
    fraction: float


VALIDATION_SEEDS = (1, 2, 3)
VALIDATION_FRACTION = 0.1


def validated(matrix: DecisionMatrix) -> Validated | None:
    """Hide a random 10% of the matrix's published benchmark scores (three seeds), estimate
    them and summarise (memoised with the fit)."""
    memo = matrix.estimate_memo
    if "validated" not in memo:
        memo["validated"] = _validated(matrix)
    return memo["validated"]


def _validated(matrix: DecisionMatrix) -> Validated | None:
    block = fit_block(matrix)
    if block is None:
        return None
    higher = matrix.higher_is_better[block.columns]
    parts = [
        hold_out(
            block.values, block.scales, higher, random_hidden(block.values, VALIDATION_FRACTION, s)
        )
        for s in VALIDATION_SEEDS
    ]
    held = HeldOut.join(parts)
    if not len(held.truth):
        return None
    baseline = held.scaled_error(held.column_mean).mean()
    percent = np.array([block.scales[j] == SCALE_LOGIT for j in held.column], dtype=bool)
    return Validated(
        error_ratio=float(held.scaled_error(held.estimate).mean() / baseline) if baseline else 1.0,
        coverage=float(held.covered().mean()),
        points=float(np.abs(held.estimate - held.truth)[percent].mean())
        if percent.any()
        else float("nan"),
        figures=len(held.truth),
        seeds=len(VALIDATION_SEEDS),
        fraction=VALIDATION_FRACTION,
    )
