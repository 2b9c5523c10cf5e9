"""Rank candidates: constraints -> missing data -> normalise -> weight -> aggregate -> order.

Vectorised throughout: no per-candidate Python loop runs on the way to a :class:`Ranking`.
Per-candidate objects, contributions, Pareto flags and exclusion reasons are computed only
when read, so ranking 100,000 candidates costs little more than the arithmetic itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from advisor.domain.profile import Profile
from advisor.domain.ranking import Ranking, RankingArrays
from advisor.domain.vocabulary import Method, MissingRule, Normalization
from advisor.engine import methods
from advisor.engine.constraints import Failure, evaluate
from advisor.engine.matrix import DecisionMatrix
from advisor.engine.weights import expand_weights


@dataclass(frozen=True)
class ScoringBasis:
    """The scored problem after constraints and missing-data filling, for re-scoring.

    ``filled`` is survivors x criteria (NaN only under ``renormalise``, with ``present``);
    ``key_shares[k, c]`` is criterion c's share of weight key k (rows sum to 1 for keys with
    weight); ``key_weights`` are the keys' normalised weights.
    """

    survivors: np.ndarray
    filled: np.ndarray
    present: np.ndarray | None
    benefit: np.ndarray
    key_shares: np.ndarray
    key_weights: np.ndarray
    method: Method
    normalization: Normalization
    tiebreak: np.ndarray


def _fill(x: np.ndarray, benefit: np.ndarray, rule: MissingRule) -> np.ndarray:
    """Replace NaNs by the column's worst observed value or its mean (survivors only)."""
    if rule is MissingRule.WORST:
        fill = np.where(benefit, np.nanmin(x, axis=0), np.nanmax(x, axis=0))
    else:
        fill = np.nanmean(x, axis=0)
    return np.where(np.isnan(x), fill, x)


class _PerRow:
    """Indexable by matrix row: one row of a survivors-only array, computed on demand.

    Rows that were excluded read as zeros (or False), so views can index every row alike.
    """

    def __init__(self, position: np.ndarray, width: int, compute, dtype=float) -> None:
        self._position = position
        self._width = width
        self._compute = compute
        self._dtype = dtype

    def __getitem__(self, row: int) -> np.ndarray:
        p = self._position[row]
        if p < 0:
            return np.zeros(self._width, dtype=self._dtype)
        return self._compute(int(p))


def _aggregate(n: np.ndarray, w: np.ndarray, present: np.ndarray | None, method: Method):
    if present is None:
        return methods.wsm(n, w) if method is Method.WSM else methods.topsis(n, w)
    if method is Method.WSM:
        return methods.wsm_renormalised(n, w, present)
    return methods.topsis_renormalised(n, w, present)


def rank(matrix: DecisionMatrix, profile: Profile) -> Ranking:
    """Rank every candidate of ``matrix`` under ``profile`` (formulas: docs/scoring.md).

    Raises :class:`~advisor.domain.ProfileError` when the profile names an unknown criterion.
    """
    policy = profile.policy
    keys, expansion = expand_weights(profile.weights, matrix.criteria, matrix.groups)
    effective = expansion.sum(axis=0)
    used = np.flatnonzero(effective > 0)
    count = len(matrix)
    notes: list[str] = []

    all_columns = len(used) == len(matrix.criteria)
    x_all = matrix.values if all_columns else matrix.values[:, used]
    weights = effective[used]
    benefit = matrix.higher_is_better[used]
    # Column minima are NaN exactly where a column has a gap: one pass finds both.
    lo_all = x_all.min(axis=0) if count else np.zeros(len(used))
    gappy = np.isnan(lo_all)
    present_all = ~np.isnan(x_all) if gappy.any() else None
    if present_all is None:
        coverage = np.ones(count)
    else:
        coverage = np.clip(present_all @ weights / weights.sum(), 0.0, 1.0)

    # Constraints, then coverage rules; a row is ranked only if it fails none.
    failures: list[Failure] = evaluate(matrix, profile.constraints)
    if profile.constraints.min_coverage is not None:
        low = coverage < profile.constraints.min_coverage - 1e-12
        limit = profile.constraints.min_coverage
        failures.append(
            Failure(
                "min_coverage",
                low,
                lambda r: f"data coverage {coverage[r]:.0%} is below the required {limit:.0%}",
            )
        )
    if policy.missing is MissingRule.EXCLUDE and present_all is not None:
        lacking = ~present_all.all(axis=1)
        names = [matrix.criteria[j] for j in used]
        failures.append(
            Failure(
                "missing",
                lacking,
                lambda r: (
                    "missing-data rule 'exclude': no figure for "
                    + ", ".join(n for n, p in zip(names, present_all[r], strict=True) if not p)
                ),
            )
        )
    failures = [f for f in failures if f.mask.any()]
    if failures:
        failed = np.logical_or.reduce([f.mask for f in failures])
        survivors = np.flatnonzero(~failed)
        x = x_all[survivors]
        present = None if present_all is None else present_all[survivors]
        if present is not None and present.all():
            present = None
    else:
        failed = np.zeros(count, dtype=bool)
        survivors = np.arange(count)
        x, present = x_all, present_all

    # Criteria with no figure among the survivors cannot discriminate: set their weight aside.
    if present is not None:
        observed = present.any(axis=0)
        if not observed.all():
            for j in np.flatnonzero(~observed):
                notes.append(
                    f"No ranked candidate has a figure for {matrix.criteria[used[j]]}; "
                    "its weight was set aside and the other weights rescaled."
                )
            keep = np.flatnonzero(observed)
            x, present, benefit, weights = (
                x[:, keep],
                present[:, keep],
                benefit[keep],
                weights[keep],
            )
            used = used[keep]
    total = weights.sum()
    w = weights / total if total > 0 else weights

    renormalise = present is not None and policy.missing is MissingRule.RENORMALISE
    if present is not None and not renormalise:
        x = _fill(x, benefit, policy.missing)
    if len(survivors) and len(used):
        normalize = (
            methods.minmax_normalize
            if policy.normalization is Normalization.MINMAX
            else methods.vector_normalize
        )
        n = normalize(x, benefit)
        scores_s = _aggregate(n, w, present if renormalise else None, policy.method)
    else:
        n = np.zeros((len(survivors), len(used)))
        scores_s = np.zeros(len(survivors))

    tied = methods.snap_ties(scores_s)  # float noise is a tie, settled by the tie-break
    if matrix.rows_in_tiebreak_order:
        order_s = np.argsort(-tied, kind="stable")  # survivors ascend, so ties keep id order
    else:
        order_s = np.lexsort((matrix.tiebreak[survivors], -tied))
    scores = np.full(count, np.nan)
    scores[survivors] = scores_s
    position = np.full(count, -1)
    position[survivors] = np.arange(len(survivors))

    # Per-key contributions: each criterion's share split across the keys that weight it.
    expansion_used = expansion[:, used]
    share = np.divide(expansion_used, weights, out=np.zeros_like(expansion_used), where=weights > 0)

    def criterion_row(p: int) -> np.ndarray:
        if not renormalise:
            return n[p] * w
        wp = present[p] * w
        total_p = wp.sum()
        return np.where(present[p], n[p], 0.0) * w / (total_p if total_p > 0 else 1.0)

    def missing_row(p: int) -> np.ndarray:
        return np.zeros(len(used), dtype=bool) if present is None else ~present[p]

    # Pareto flags compare direction-aligned normalised values; for the renormalise rule a
    # missing value counts as worse than any observed one.
    @cache
    def aligned() -> np.ndarray:
        values = np.where(present, n, -1.0) if renormalise else n
        return methods.snap_ties(values.T).T  # per criterion: float noise is equality

    def pareto() -> np.ndarray:
        key = (tuple(used), policy.missing, survivors.tobytes())
        mask = matrix.pareto_memo.get(key)
        if mask is None:
            mask = np.zeros(count, dtype=bool)
            if len(survivors):
                mask[survivors] = methods.pareto_mask(aligned())
            if len(matrix.pareto_memo) > 64:
                matrix.pareto_memo.clear()
            matrix.pareto_memo[key] = mask
        return mask

    def pareto_row(row: int) -> bool:
        return bool(position[row] >= 0) and not methods.is_dominated(aligned(), int(position[row]))

    def reasons(row: int) -> tuple[str, ...]:
        return tuple((f.name, f.reason(row)) for f in failures if f.mask[row])

    excluded = np.flatnonzero(failed)
    excluded = excluded[np.argsort(matrix.tiebreak[excluded], kind="stable")]
    arrays = RankingArrays(
        model_ids=matrix.model_ids,
        modes=matrix.modes,
        order=survivors[order_s],
        scores=scores,
        contributions=_PerRow(position, len(keys), lambda p: criterion_row(p) @ share.T),
        criterion_contributions=_PerRow(position, len(used), criterion_row),
        coverage=coverage,
        missing=_PerRow(position, len(used), missing_row, dtype=bool),
        excluded=excluded,
    )
    key_totals = expansion_used.sum(axis=1)
    return Ranking(
        profile_name=profile.name,
        method=policy.method.value,
        normalization=policy.normalization.value,
        missing_rule=policy.missing.value,
        weight_keys=keys,
        criteria=tuple(matrix.criteria[j] for j in used),
        weights=w,
        arrays=arrays,
        pareto_fn=pareto,
        pareto_row_fn=pareto_row,
        reasons_fn=reasons,
        notes=tuple(notes),
        basis=ScoringBasis(
            survivors=survivors,
            filled=x,
            present=present if renormalise else None,
            benefit=benefit,
            key_shares=expansion_used / np.where(key_totals > 0, key_totals, 1.0)[:, None],
            key_weights=key_totals / total if total > 0 else key_totals,
            method=policy.method,
            normalization=policy.normalization,
            tiebreak=matrix.tiebreak[survivors],
        ),
    )
