"""Rank candidates: constraints -> missing data -> normalise -> weight -> aggregate -> order.

Vectorised throughout: no per-candidate Python loop runs on the way to a :class:`Ranking`;
per-candidate objects, Pareto flags and exclusion reasons are built only when read.
"""

from __future__ import annotations

import numpy as np

from advisor.domain.profile import Profile
from advisor.domain.ranking import Ranking, RankingArrays
from advisor.domain.vocabulary import Method, MissingRule, Normalization
from advisor.engine import methods
from advisor.engine.constraints import Failure, evaluate
from advisor.engine.matrix import DecisionMatrix
from advisor.engine.weights import expand_weights


def _fill(x: np.ndarray, benefit: np.ndarray, rule: MissingRule) -> np.ndarray:
    """Replace NaNs by the column's worst observed value or its mean (survivors only)."""
    missing = np.isnan(x)
    if not missing.any():
        return x
    if rule is MissingRule.WORST:
        fill = np.where(benefit, np.nanmin(x, axis=0), np.nanmax(x, axis=0))
    else:
        fill = np.nanmean(x, axis=0)
    return np.where(missing, fill, x)


def _aggregate(
    n: np.ndarray, w: np.ndarray, present: np.ndarray | None, method: Method
) -> np.ndarray:
    if present is None:
        return methods.wsm(n, w) if method is Method.WSM else methods.topsis(n, w)
    if method is Method.WSM:
        return methods.wsm_renormalised(n, w, present)
    return methods.topsis_renormalised(n, w, present)


def rank(matrix: DecisionMatrix, profile: Profile) -> Ranking:
    """Rank every candidate of ``matrix`` under ``profile``.

    Raises :class:`~advisor.domain.ProfileError` when the profile names an unknown criterion.
    """
    policy = profile.policy
    keys, expansion = expand_weights(profile.weights, matrix.criteria, matrix.groups)
    effective = expansion.sum(axis=0)
    used = np.flatnonzero(effective > 0)
    notes: list[str] = []

    x_all = matrix.values[:, used]
    present_all = ~np.isnan(x_all)
    benefit = matrix.higher_is_better[used]
    weights = effective[used]
    count = len(matrix)

    # Constraints, then coverage rules; a row is ranked only if it fails none.
    failures: list[Failure] = evaluate(matrix, profile.constraints)
    coverage = (
        np.clip(present_all @ weights / weights.sum(), 0.0, 1.0) if len(used) else np.ones(count)
    )
    if profile.constraints.min_coverage is not None:
        low = coverage < profile.constraints.min_coverage - 1e-12
        limit = profile.constraints.min_coverage
        failures.append(
            Failure(
                low, lambda r: f"data coverage {coverage[r]:.0%} is below the required {limit:.0%}"
            )
        )
    if policy.missing is MissingRule.EXCLUDE:
        lacking = ~present_all.all(axis=1)
        names = [matrix.criteria[j] for j in used]
        failures.append(
            Failure(
                lacking,
                lambda r: (
                    "missing-data rule 'exclude': no figure for "
                    + ", ".join(n for n, p in zip(names, present_all[r], strict=True) if not p)
                ),
            )
        )
    failed = np.zeros(count, dtype=bool)
    for failure in failures:
        failed |= failure.mask
    survivors = np.flatnonzero(~failed)

    # Criteria with no figure among the survivors cannot discriminate: set their weight aside.
    x = x_all[survivors]
    present = present_all[survivors]
    observed = present.any(axis=0) if len(survivors) else np.zeros(len(used), dtype=bool)
    for j in np.flatnonzero(~observed):
        notes.append(
            f"No ranked candidate has a figure for {matrix.criteria[used[j]]}; "
            "its weight was set aside and the other weights rescaled."
        )
    keep = np.flatnonzero(observed)
    x, present, benefit, weights = x[:, keep], present[:, keep], benefit[keep], weights[keep]
    used = used[keep]
    expansion_used = expansion[:, used]
    total = weights.sum()
    w = weights / total if total > 0 else weights

    renormalise = policy.missing is MissingRule.RENORMALISE
    if len(survivors) and len(used):
        filled = x if renormalise else _fill(x, benefit, policy.missing)
        normalize = (
            methods.minmax_normalize
            if policy.normalization is Normalization.MINMAX
            else methods.vector_normalize
        )
        n = normalize(filled, benefit)
        scores_s = _aggregate(n, w, present if renormalise else None, policy.method)
        if renormalise:
            row_w = present * w
            row_total = row_w.sum(axis=1, keepdims=True)
            crit = np.where(present, n, 0.0) * w / np.where(row_total > 0, row_total, 1.0)
        else:
            crit = n * w
    else:
        n = np.zeros((len(survivors), len(used)))
        scores_s = np.zeros(len(survivors))
        crit = n

    # Per-key contributions: each criterion's share split across the keys that weight it.
    share = np.divide(expansion_used, weights, out=np.zeros_like(expansion_used), where=weights > 0)
    by_key = crit @ share.T

    order_s = np.lexsort((matrix.tiebreak[survivors], -scores_s))
    scores = np.full(count, np.nan)
    scores[survivors] = scores_s
    criterion_contrib = np.zeros((count, len(used)))
    criterion_contrib[survivors] = crit
    key_contrib = np.zeros((count, len(keys)))
    key_contrib[survivors] = by_key
    missing = np.zeros((count, len(used)), dtype=bool)
    missing[survivors] = ~present

    def pareto() -> np.ndarray:
        mask = np.zeros(count, dtype=bool)
        if len(survivors):
            aligned = np.where(present, n, -1.0) if renormalise else n
            mask[survivors] = methods.pareto_mask(aligned)
        return mask

    def reasons(row: int) -> tuple[str, ...]:
        return tuple(f.reason(row) for f in failures if f.mask[row])

    excluded = np.flatnonzero(failed)
    excluded = excluded[np.argsort(matrix.tiebreak[excluded], kind="stable")]
    arrays = RankingArrays(
        model_ids=matrix.model_ids,
        modes=matrix.modes,
        order=survivors[order_s],
        scores=scores,
        contributions=key_contrib,
        criterion_contributions=criterion_contrib,
        coverage=coverage,
        missing=missing,
        excluded=excluded,
    )
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
        reasons_fn=reasons,
        notes=tuple(notes),
    )
