"""Bare numpy kernels: normalisation, aggregation, Pareto. No validation, no NaN handling
unless a ``present`` mask is passed; callers (``advisor.engine.rank``) check their inputs.

Every formula here is stated in docs/scoring.md.
"""

from __future__ import annotations

import numpy as np

from advisor.domain.vocabulary import Normalization


def minmax_normalize(x: np.ndarray, benefit: np.ndarray) -> np.ndarray:
    """Per column: benefit ``(x - min) / (max - min)``, cost ``(max - x) / (max - min)``;
    a column with no spread is 1 for everyone. NaNs are ignored and stay NaN."""
    gaps = np.isnan(x).any()
    lo = np.nanmin(x, axis=0) if gaps else x.min(axis=0)
    hi = np.nanmax(x, axis=0) if gaps else x.max(axis=0)
    spread = hi - lo
    flat = spread == 0  # exact zero, as pymcdm compares
    # (x - lo) / s for benefit, (x - hi) / -s for cost: two passes over x instead of four.
    ref = np.where(benefit, lo, hi)
    # Divide rather than multiply by 1/s: 1/s overflows for a subnormal spread.
    divisor = np.where(benefit, 1.0, -1.0) * np.where(flat, 1.0, spread)
    out = x - ref
    out /= divisor
    if flat.any():
        out[:, flat] = np.where(np.isnan(x[:, flat]), np.nan, 1.0)
    return out


def normalize(x: np.ndarray, benefit: np.ndarray, normalization: Normalization) -> np.ndarray:
    """``x`` normalised per column by the policy's rule (min-max or vector)."""
    if normalization is Normalization.MINMAX:
        return minmax_normalize(x, benefit)
    return vector_normalize(x, benefit)


def vector_normalize(x: np.ndarray, benefit: np.ndarray) -> np.ndarray:
    """Per column: benefit ``x / ||x||``, cost ``1 - x / ||x||`` (``||x||`` over present values);
    an all-zero column is 1 for everyone."""
    norm = np.sqrt(np.nansum(x * x, axis=0))
    zero = norm == 0
    safe = np.where(zero, 1.0, norm)
    ratio = x / safe
    out = np.where(benefit, ratio, 1.0 - ratio)
    if zero.any():
        out[:, zero] = np.where(np.isnan(x[:, zero]), np.nan, 1.0)
    return out


def wsm(n: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Weighted sum of a complete normalised matrix; ``w`` sums to 1."""
    return n @ w


def wsm_renormalised(n: np.ndarray, w: np.ndarray, present: np.ndarray) -> np.ndarray:
    """Weighted sum over each row's present criteria, weights rescaled to sum to 1 per row."""
    wp = present * w
    total = wp.sum(axis=1)
    return np.where(present, n, 0.0) @ w / np.where(total > 0, total, 1.0)


def topsis(n: np.ndarray, w: np.ndarray) -> np.ndarray:
    """TOPSIS closeness ``D- / (D+ + D-)`` on ``v = n * w``; ideal = column max, anti-ideal =
    column min. A row at the ideal with ``D+ = D- = 0`` scores 1."""
    v = n * w
    d_plus = np.sqrt(((v - v.max(axis=0)) ** 2).sum(axis=1))
    d_minus = np.sqrt(((v - v.min(axis=0)) ** 2).sum(axis=1))
    total = d_plus + d_minus
    return np.where(total > 0, d_minus / np.where(total > 0, total, 1.0), 1.0)


def topsis_renormalised(n: np.ndarray, w: np.ndarray, present: np.ndarray) -> np.ndarray:
    """TOPSIS with each row's weights rescaled over its present criteria; ideal and anti-ideal
    are the column max and min of the normalised values present; absent criteria add no
    distance."""
    wp = present * w
    total_w = wp.sum(axis=1, keepdims=True)
    wr = wp / np.where(total_w > 0, total_w, 1.0)
    filled_hi = np.where(present, n, -np.inf)
    filled_lo = np.where(present, n, np.inf)
    best = filled_hi.max(axis=0)
    worst = filled_lo.min(axis=0)
    nz = np.where(present, n, 0.0)
    d_plus = np.sqrt((wr**2 * np.where(present, (nz - best) ** 2, 0.0)).sum(axis=1))
    d_minus = np.sqrt((wr**2 * np.where(present, (nz - worst) ** 2, 0.0)).sum(axis=1))
    total = d_plus + d_minus
    return np.where(total > 0, d_minus / np.where(total > 0, total, 1.0), 1.0)


TIE_TOLERANCE = 1e-9


def snap_ties(values: np.ndarray, tolerance: float = TIE_TOLERANCE) -> np.ndarray:
    """``values`` with every run of near-equal values (consecutive differences at most
    ``tolerance``, along the last axis) set to the run's largest value.

    Scores and normalised values are sums of floats whose last bits depend on the order of
    summation; snapping makes such noise an exact tie, which the deterministic tie-break (model
    id, then mode) then settles, so that reordering rows never changes a rank or a Pareto flag.
    """
    values = np.asarray(values, dtype=float)
    if values.shape[-1] < 2:
        return values.copy()
    order = np.argsort(-values, axis=-1, kind="stable")
    ordered = np.take_along_axis(values, order, axis=-1)
    starts = np.ones(ordered.shape, dtype=bool)
    starts[..., 1:] = ~(ordered[..., :-1] - ordered[..., 1:] <= tolerance)  # NaN starts a run
    positions = np.broadcast_to(np.arange(ordered.shape[-1]), ordered.shape)
    leader = np.maximum.accumulate(np.where(starts, positions, 0), axis=-1)
    snapped = np.empty_like(values)
    np.put_along_axis(snapped, order, np.take_along_axis(ordered, leader, axis=-1), axis=-1)
    return snapped


def sample_ranks(scores: np.ndarray, jitter: np.ndarray) -> np.ndarray:
    """Rank (0 = best) of each column in each row of ``scores`` (samples x candidates), higher
    first, runs of near-equal scores (as :func:`snap_ties` finds them) ordered by ``jitter``
    ascending: the same ranks as ``lexsort((jitter, -snap_ties(scores)))`` gives.

    One argsort per row; only the rows that hold a tied run are sorted again (the random
    tie-break), so an untied study costs little more than the sort itself.
    """
    samples, count = scores.shape
    order = np.argsort(-scores, axis=1)  # run membership does not depend on the sort kind
    if count > 1:
        ordered = np.take_along_axis(scores, order, axis=1)
        tied = np.zeros((samples, count), dtype=bool)
        tied[:, 1:] = ordered[:, :-1] - ordered[:, 1:] <= TIE_TOLERANCE
        rows = np.flatnonzero(tied[:, 1:].any(axis=1))
        if len(rows):
            starts = ~tied[rows]
            run = np.cumsum(starts, axis=1)  # run number of each sorted position
            held = np.take_along_axis(jitter[rows], order[rows], axis=1)
            within = np.lexsort((held, run), axis=1)
            order[rows] = np.take_along_axis(order[rows], within, axis=1)
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(count)[None, :], axis=1)
    return ranks


DOMINANCE_CELLS = 1 << 22  # rows x candidates x columns compared at once
PAGE_ROWS = 16  # a page this small is checked row by row, each against its own rivals


def dominated_among(y: np.ndarray, rows: np.ndarray, rivals: np.ndarray) -> np.ndarray:
    """For each of ``rows``: whether one of ``rivals`` (row indices of ``y``) dominates it
    (higher is better); the caller knows no other row can."""
    rows = np.asarray(rows, dtype=np.int64)
    own = y[rows][:, None, :]
    theirs = y[np.asarray(rivals, dtype=np.int64)][None]
    at_least = np.all(theirs >= own, axis=2)
    return np.any(at_least & np.any(theirs > own, axis=2), axis=1)


def rows_by_sum(y: np.ndarray, sums: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``y``'s rows in decreasing order of their sums, and those sums negated (ascending):
    what :func:`dominated_by_sum` reads, made once per set of rows."""
    order = np.argsort(-sums, kind="stable")
    return y[order], -sums[order]


def dominated_by_sum(
    y: np.ndarray,
    sums: np.ndarray,
    rows: np.ndarray,
    by_sum: tuple[np.ndarray, np.ndarray] | None = None,
) -> np.ndarray:
    """For each of ``rows``: whether another row of ``y`` dominates it (higher is better),
    comparing them only with the rows whose sum (``sums``, ``y.sum(axis=1)``) is at least the
    smallest of theirs: a floating-point sum never decreases when no term does, so no other row
    can dominate one of them. One vectorised pass for a page of rows; ``by_sum`` is
    :func:`rows_by_sum` of ``y`` when kept from an earlier page."""
    rows = np.asarray(rows, dtype=np.int64)
    out = np.zeros(len(rows), dtype=bool)
    if not len(rows):
        return out
    ordered, negated = by_sum if by_sum is not None else rows_by_sum(y, sums)
    if len(rows) <= PAGE_ROWS:  # each row against the rows of at least its own sum
        for i, row in enumerate(rows.tolist()):
            own = y[row]
            rivals = ordered[: np.searchsorted(negated, -sums[row], side="right")]
            at_least = np.all(rivals >= own, axis=1)
            out[i] = bool(at_least.any() and np.any(rivals[at_least] > own))
        return out
    candidates = ordered[: np.searchsorted(negated, -sums[rows].min(), side="right")]
    step = max(1, DOMINANCE_CELLS // max(candidates.size, 1))
    for start in range(0, len(rows), step):
        own = y[rows[start : start + step]][:, None, :]
        at_least = np.all(candidates[None] >= own, axis=2)
        better = np.any(candidates[None] > own, axis=2)
        out[start : start + step] = np.any(at_least & better, axis=1)
    return out


PARETO_PIVOTS = 64  # strongest rows (by sum) tried first as dominators, in batches of 8
PARETO_PAIR_CHUNK = 1 << 20  # candidate pairs held at once (bounds memory: ~20 MB)


def pareto_mask(y: np.ndarray, tolerance: float = 0.0) -> np.ndarray:
    """True for rows no other row dominates (``>=`` everywhere and ``>`` somewhere); higher is
    better in every column. With ``tolerance``, each column's runs of near-equal values count
    as equal, exactly as on ``snap_ties(y.T, tolerance).T`` (without snapping first).

    Two passes, both vectorised. First the strongest rows by sum are tried as dominators,
    eight at a time while a batch still removes rows: on correlated data (a real catalogue)
    they dominate nearly everything, and a row dominated by a removed row is dominated by the
    pivot that removed it, so only the rest need a full test. Then each remaining row is
    compared only with the rows at least as good as it in the column where it is strongest
    (a prefix of that column's sort order), those pairs filtered column by column — its second
    strongest first — until only dominators are left. Cost grows with the pairs, about
    rows² / (columns + 1) when every row is on the front (random data), far fewer otherwise.
    """
    count = len(y)
    if count < 2 or y.shape[1] == 0:
        return np.ones(count, dtype=bool)
    ranks, order, at_least = _column_ranks(y, tolerance)
    rest = np.flatnonzero(_not_dominated_by_pivots(y, ranks))
    if len(rest) < count:
        ranks, order, at_least = _column_ranks(y[rest], tolerance)
    mask = np.zeros(count, dtype=bool)
    mask[rest[~_dominated_by_pairs(ranks, order, at_least)]] = True
    return mask


def _column_ranks(
    y: np.ndarray, tolerance: float = 0.0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per column: each row's rank (0 = best; a run of values with consecutive gaps at most
    ``tolerance`` shares one), the rows best first (columns x rows), and how many rows are at
    least as good as each row (itself included)."""
    count, columns = y.shape
    negated = np.ascontiguousarray(-y.T)
    order = np.argsort(negated, axis=1)  # unstable is fine: ranks and prefixes span tie groups
    ordered = np.take_along_axis(negated, order, axis=1)
    starts = np.ones((columns, count), dtype=bool)  # a new value starts a tie group
    starts[:, 1:] = ordered[:, 1:] - ordered[:, :-1] > tolerance
    small = np.int16 if count < np.iinfo(np.int16).max else np.int32
    dense = (np.cumsum(starts, axis=1, dtype=np.int32) - 1).astype(small)
    ranks = np.empty((columns, count), dtype=small)
    np.put_along_axis(ranks, order, dense, axis=1)
    ends = np.ones((columns, count), dtype=bool)  # the last row of a tie group
    ends[:, :-1] = starts[:, 1:]
    position = np.where(ends, np.arange(count, dtype=np.int32)[None, :], count)
    group_end = np.minimum.accumulate(position[:, ::-1], axis=1)[:, ::-1] + 1
    at_least = np.empty((columns, count), dtype=np.int32)
    np.put_along_axis(at_least, order, group_end.astype(np.int32), axis=1)
    return np.ascontiguousarray(ranks.T), order, np.ascontiguousarray(at_least.T)


def _not_dominated_by_pivots(y: np.ndarray, ranks: np.ndarray) -> np.ndarray:
    keep = np.ones(len(y), dtype=bool)
    pivots = np.argsort(-y.sum(axis=1), kind="stable")[:PARETO_PIVOTS]
    for start in range(0, len(pivots), 8):
        before = int(keep.sum())
        for p in pivots[start : start + 8]:
            row = ranks[p]  # a smaller rank is better
            keep &= ~(np.all(ranks >= row, axis=1) & np.any(ranks > row, axis=1))
        if before - int(keep.sum()) < 0.01 * before:
            break  # random-like data: the pivots remove next to nothing
    return keep


def _dominated_by_pairs(ranks: np.ndarray, order: np.ndarray, at_least: np.ndarray) -> np.ndarray:
    count, columns = ranks.shape
    if columns > 1:
        strongest = np.argpartition(at_least, 1, axis=1)[:, :2]
    else:
        strongest = np.zeros((count, 1), dtype=np.int64)
    best = strongest[:, 0]
    sizes = at_least[np.arange(count), best].astype(np.int64)  # candidates, itself included
    # Probing costs a few full row tests; it pays where candidate sets are long: those more than
    # twice what a row of random data on the front has (ties, rows worst almost everywhere).
    dominated = np.zeros(count, dtype=bool)
    long = np.flatnonzero(sizes > 2 * count // (columns + 1))
    if len(long):
        dominated[long] = _dominated_by_probes(ranks, order, at_least, strongest, long)
    live = np.flatnonzero(~dominated)
    # Pairs are generated as flat positions: into each column's order (the candidates), then
    # into the column-major ranks, with each row's own values repeated, not gathered.
    order_flat = order.astype(np.int32 if count < 2**31 else np.int64).ravel()
    by_column = np.ascontiguousarray(ranks.T)
    by_column_flat = by_column.ravel()
    second = strongest[:, -1]
    total = np.cumsum(sizes[live])
    start = 0
    while start < len(live):
        done = int(total[start - 1]) if start else 0
        stop = max(int(np.searchsorted(total, done + PARETO_PAIR_CHUNK, side="right")), start + 1)
        rows = live[start:stop]
        counts = sizes[rows]
        firsts = np.cumsum(counts) - counts
        positions = np.arange(int(counts.sum())) + np.repeat(best[rows] * count - firsts, counts)
        other = order_flat[positions]  # itself among them: it never strictly beats itself
        theirs = by_column_flat[other + np.repeat(second[rows] * count, counts)]
        kept = np.flatnonzero(theirs <= np.repeat(ranks[rows, second[rows]], counts))
        other = other[kept]
        row = rows[np.repeat(np.arange(len(rows)), counts)[kept]]
        for k in range(columns):
            if not len(row):
                break
            ok = by_column[k][other] <= by_column[k][row]
            row, other = row[ok], other[ok]
        if len(row):
            dominated[row[np.any(ranks[other] < ranks[row], axis=1)]] = True
        start = stop
    return dominated


PARETO_PROBES = 1  # per row and strongest column: the best rows of that column, tried first


def _dominated_by_probes(
    ranks: np.ndarray,
    order: np.ndarray,
    at_least: np.ndarray,
    strongest: np.ndarray,
    rows: np.ndarray,
) -> np.ndarray:
    """Which of ``rows`` one of a few likely dominators dominates, found before any pair is
    made: in each of the row's two strongest columns, the row of the largest rank sum among
    those at least as good there, and that column's best row. Ties make candidate sets long
    (a row worst in most columns is compared with everything better in its one good column);
    such a row is dominated by nearly any strong row, and a probe finds one in one test."""
    count, columns = ranks.shape
    strength = -ranks.sum(axis=1, dtype=np.int64)
    wanted = np.unique(strongest[rows])
    in_order = order[wanted]  # the wanted columns' rows, best first
    strength_in_order = strength[in_order]
    running = np.maximum.accumulate(strength_in_order, axis=1)
    where = np.where(strength_in_order == running, np.arange(count)[None, :], 0)
    strongest_so_far = np.take_along_axis(in_order, np.maximum.accumulate(where, axis=1), axis=1)
    picks = []
    for j in range(strongest.shape[1]):
        column = strongest[rows, j]
        reach = at_least[rows, column] - 1
        place = np.searchsorted(wanted, column)
        picks += [strongest_so_far[place, reach][:, None], in_order[place, :PARETO_PROBES]]
    probes = np.concatenate(picks, axis=1)
    dominated = np.zeros(len(rows), dtype=bool)
    step = max(1, DOMINANCE_CELLS // max(probes.shape[1] * columns, 1))
    for start in range(0, len(rows), step):
        mine = ranks[rows[start : start + step]][:, None, :]
        theirs = ranks[probes[start : start + step]]
        beaten = np.all(theirs <= mine, axis=2) & np.any(theirs < mine, axis=2)
        dominated[start : start + step] = np.any(beaten, axis=1)
    return dominated
