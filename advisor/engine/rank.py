"""Rank candidates in named stages: columns -> constraints -> missing data -> normalise ->
weight -> aggregate -> order, then assemble the :class:`Ranking` (formulas: docs/scoring.md).

Each stage is a function of the previous stages' results, so each can be tested on its own.
Vectorised throughout: no per-candidate Python loop runs on the way to a :class:`Ranking`.
Per-candidate objects, contributions, Pareto flags and exclusion reasons are computed only
when read (:class:`_Lazy`), so ranking 100,000 candidates costs little more than the arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from advisor.domain.profile import Constraints, Policy, Profile
from advisor.domain.ranking import Ranking, RankingArrays, ScoringBasis
from advisor.domain.vocabulary import Method, MissingRule, Normalization
from advisor.domain.wording import counted
from advisor.engine import methods
from advisor.engine.constraints import Failure, evaluate
from advisor.engine.estimates import MIN_COLUMN_FIGURES, Estimates, estimates
from advisor.engine.matrix import DecisionMatrix
from advisor.engine.weights import expand_weights

__all__ = [
    "Columns",
    "Filled",
    "Screened",
    "aggregate",
    "fill_missing",
    "normalise",
    "order",
    "rank",
    "screen",
    "select_columns",
    "weigh",
]


@dataclass(frozen=True)
class Columns:
    """Stage 1: the criteria the profile weights, for every candidate.

    ``expansion`` is weight keys x all criteria (see :func:`expand_weights`); ``used`` indexes
    the criteria with weight; ``present`` is None when no used cell is missing.
    """

    keys: tuple[str, ...]
    expansion: np.ndarray
    used: np.ndarray
    weights: np.ndarray
    benefit: np.ndarray
    values: np.ndarray
    present: np.ndarray | None
    coverage: np.ndarray


def select_columns(matrix: DecisionMatrix, profile: Profile) -> Columns:
    """Expand the profile's weights over the matrix and keep the weighted columns; coverage is
    each candidate's share of the weight it has figures for."""
    keys, expansion = expand_weights(profile.weights, matrix.criteria, matrix.groups)
    effective = expansion.sum(axis=0)
    used = np.flatnonzero(effective > 0)
    all_columns = len(used) == len(matrix.criteria)
    values = matrix.values if all_columns else matrix.values[:, used]
    weights = effective[used]
    # Column minima are NaN exactly where a column has a gap: one pass finds both.
    lo = values.min(axis=0) if len(matrix) else np.zeros(len(used))
    present = ~np.isnan(values) if np.isnan(lo).any() else None
    if present is None:
        coverage = np.ones(len(matrix))
    else:
        coverage = np.clip(present @ weights / weights.sum(), 0.0, 1.0)
    return Columns(
        keys, expansion, used, weights, matrix.higher_is_better[used], values, present, coverage
    )


@dataclass(frozen=True)
class Screened:
    """Stage 2: who passes every hard constraint (and coverage rule), and their figures."""

    failures: tuple[Failure, ...]
    failed: np.ndarray
    survivors: np.ndarray
    values: np.ndarray
    present: np.ndarray | None


def _coverage_rules(
    matrix: DecisionMatrix, constraints: Constraints, policy: Policy, columns: Columns
) -> list[Failure]:
    """The minimum-coverage constraint and the missing-data rule "exclude"."""
    failures = []
    coverage = columns.coverage
    if constraints.min_coverage is not None:
        limit = constraints.min_coverage
        failures.append(
            Failure(
                "min_coverage",
                coverage < limit - 1e-12,
                lambda r: f"data coverage {coverage[r]:.0%} is below the required {limit:.0%}",
            )
        )
    present = columns.present
    if policy.missing is MissingRule.EXCLUDE and present is not None:
        names = [matrix.criteria[j] for j in columns.used]
        failures.append(
            Failure(
                "missing",
                ~present.all(axis=1),
                lambda r: (
                    "missing-data rule 'exclude': no figure for "
                    + ", ".join(n for n, p in zip(names, present[r], strict=True) if not p)
                ),
            )
        )
    return failures


def screen(matrix: DecisionMatrix, profile: Profile, columns: Columns) -> Screened:
    """Apply the hard constraints, then the coverage rules; a row survives if it fails none.
    Under the rule "estimate" with ``policy.estimates_satisfy_requirements``, an estimated
    figure meets a required criterion."""
    policy = profile.policy
    estimated = None
    if (
        policy.missing is MissingRule.ESTIMATE
        and policy.estimates_satisfy_requirements
        and profile.constraints.required_criteria
    ):
        estimated = estimates(matrix).mask
    failures = evaluate(matrix, profile.constraints, policy.as_of(), estimated=estimated)
    failures += _coverage_rules(matrix, profile.constraints, profile.policy, columns)
    failures = [f for f in failures if f.mask.any()]
    if not failures:
        survivors = np.arange(len(matrix))
        return Screened(
            (), np.zeros(len(matrix), dtype=bool), survivors, columns.values, columns.present
        )
    failed = np.logical_or.reduce([f.mask for f in failures])
    survivors = np.flatnonzero(~failed)
    present = None if columns.present is None else columns.present[survivors]
    if present is not None and present.all():
        present = None
    return Screened(tuple(failures), failed, survivors, columns.values[survivors], present)


@dataclass(frozen=True)
class Filled:
    """Stage 3: the survivors' figures with gaps handled, over the criteria that can still
    discriminate. ``present`` marks the gaps (None: none); ``renormalise`` keeps them as NaN.
    Under ``estimate``, ``estimated`` marks the gaps filled by an estimate and ``estimate_se``
    holds their standard errors (NaN elsewhere); other gaps take the worst value."""

    used: np.ndarray
    weights: np.ndarray
    benefit: np.ndarray
    values: np.ndarray
    present: np.ndarray | None
    renormalise: bool
    notes: tuple[str, ...]
    unfigured: tuple[str, ...] = ()  # weighted criteria no survivor has a figure for
    estimated: np.ndarray | None = None
    estimate_se: np.ndarray | None = None


def _fill(x: np.ndarray, benefit: np.ndarray, rule: MissingRule) -> np.ndarray:
    """Replace NaNs by the column's worst observed value or its mean (survivors only)."""
    if rule in (MissingRule.WORST, MissingRule.ESTIMATE):
        fill = np.where(benefit, np.nanmin(x, axis=0), np.nanmax(x, axis=0))
    else:
        fill = np.nanmean(x, axis=0)
    return np.where(np.isnan(x), fill, x)


def fill_missing(
    matrix: DecisionMatrix, rule: MissingRule, columns: Columns, screened: Screened
) -> Filled:
    """Set aside criteria no survivor has a figure for (their weight goes to the others, with
    a note), then fill the remaining gaps by the missing-data rule (``renormalise`` keeps
    them)."""
    used, weights, benefit = columns.used, columns.weights, columns.benefit
    x, present = screened.values, screened.present
    notes: list[str] = []
    unfigured: tuple[str, ...] = ()
    if present is not None:
        observed = present.any(axis=0)
        if not observed.all():
            unfigured = tuple(matrix.criteria[used[j]] for j in np.flatnonzero(~observed))
            notes += [
                f"No ranked candidate has a figure for {matrix.criteria[used[j]]}; "
                "its weight was set aside and the other weights rescaled."
                for j in np.flatnonzero(~observed)
            ]
            keep = np.flatnonzero(observed)
            x, present = x[:, keep], present[:, keep]
            used, weights, benefit = used[keep], weights[keep], benefit[keep]
    renormalise = present is not None and rule is MissingRule.RENORMALISE
    estimated = estimate_se = None
    if present is not None and rule is MissingRule.ESTIMATE:
        found = estimates(matrix)
        cells = np.ix_(screened.survivors, used)
        estimated = ~present & found.mask[cells]
        estimate_se = np.where(estimated, found.stderrs[cells], np.nan)
        x = np.where(estimated, found.values[cells], x)
        notes += _estimate_notes(matrix, found, screened.survivors, used, present, estimated)
    if present is not None and not renormalise:
        x = _fill(x, benefit, rule)
    return Filled(
        used,
        weights,
        benefit,
        x,
        present,
        renormalise,
        tuple(notes),
        unfigured,
        estimated,
        estimate_se,
    )


def _estimate_notes(
    matrix: DecisionMatrix,
    found: Estimates,
    survivors: np.ndarray,
    used: np.ndarray,
    present: np.ndarray,
    estimated: np.ndarray,
) -> list[str]:
    """What the rule "estimate" could not estimate, and so filled with the worst value."""
    left = ~present & ~estimated
    if not left.any():
        return []
    scales = matrix.scales or ("",) * len(matrix.criteria)
    gaps = np.flatnonzero(left.any(axis=0))
    never = [matrix.criteria[used[j]] for j in gaps if not scales[used[j]]]
    few = [
        matrix.criteria[used[j]] for j in gaps if scales[used[j]] and found.fit_column[used[j]] < 0
    ]
    unscored = int((left.any(axis=1) & (found.fit_row[survivors] < 0)).sum())
    notes = []
    if never:
        notes.append(
            "Missing-data rule 'estimate' estimates benchmark scores only; gaps in "
            + ", ".join(never)
            + " count as the worst observed value."
        )
    if few:
        notes.append(
            f"Too few published scores to estimate from (fewer than {MIN_COLUMN_FIGURES}): "
            + ", ".join(few)
            + "; their gaps count as the worst observed value."
        )
    if unscored:
        notes.append(
            f"{counted(unscored, 'candidate')} {'has' if unscored == 1 else 'have'} no published "
            "benchmark score to estimate from; their benchmark gaps count as the worst observed "
            "value."
        )
    return notes


def normalise(filled: Filled, normalization: Normalization) -> np.ndarray:
    """Stage 4: every survivor's figures on a 0-to-1, higher-is-better scale."""
    if not (len(filled.values) and len(filled.used)):
        return np.zeros(filled.values.shape[:1] + filled.used.shape)
    return methods.normalize(filled.values, filled.benefit, normalization)


def weigh(filled: Filled) -> np.ndarray:
    """Stage 5: the criteria's weights, divided by their sum."""
    total = filled.weights.sum()
    return filled.weights / total if total > 0 else filled.weights


def aggregate(normalised: np.ndarray, w: np.ndarray, filled: Filled, method: Method) -> np.ndarray:
    """Stage 6: one score per survivor by WSM or TOPSIS (over each row's own figures under
    ``renormalise``)."""
    if not (len(normalised) and len(filled.used)):
        return np.zeros(len(normalised))
    if not filled.renormalise:
        return methods.wsm(normalised, w) if method is Method.WSM else methods.topsis(normalised, w)
    if method is Method.WSM:
        return methods.wsm_renormalised(normalised, w, filled.present)
    return methods.topsis_renormalised(normalised, w, filled.present)


def order(scores: np.ndarray, matrix: DecisionMatrix, survivors: np.ndarray) -> np.ndarray:
    """Stage 7: survivors' positions best first; scores within the tie tolerance are ties,
    settled by the documented tie-break (model id, then mode)."""
    tied = methods.snap_ties(scores)
    if matrix.rows_in_tiebreak_order:
        return np.argsort(-tied, kind="stable")  # survivors ascend, so ties keep id order
    return np.lexsort((matrix.tiebreak[survivors], -tied))


class _PerRow:
    """Indexable by matrix row: one row of a survivors-only array, computed on demand
    (``compute`` takes one survivor position or an array of them).

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

    def many(self, rows) -> np.ndarray:
        """Several rows at once (a page of candidates), as one rows x width array."""
        positions = self._position[np.asarray(rows, dtype=np.int64)]
        out = np.zeros((len(positions), self._width), dtype=self._dtype)
        kept = positions >= 0
        if kept.any():
            out[kept] = self._compute(positions[kept])
        return out


class _Lazy:
    """What a ranking computes only when read: contributions, gaps, Pareto flags, reasons."""

    def __init__(
        self,
        matrix: DecisionMatrix,
        policy: Policy,
        screened: Screened,
        filled: Filled,
        normalised: np.ndarray,
        w: np.ndarray,
        position: np.ndarray,
        order: np.ndarray,
        scores: np.ndarray | None = None,
    ) -> None:
        self.matrix, self.policy, self.screened, self.filled = matrix, policy, screened, filled
        self.normalised, self.w, self.position = normalised, w, position
        self.order = order  # the ranked rows, best first
        self.scores = scores  # by survivor position

    def criterion_row(self, p) -> np.ndarray:
        """Survivor p's contribution per criterion (its own weights under ``renormalise``);
        ``p`` may be an array of survivor positions (one row each)."""
        n, w, filled = self.normalised, self.w, self.filled
        if not filled.renormalise:
            return n[p] * w
        present = filled.present[p]
        total = (present * w).sum(axis=-1, keepdims=True)
        return np.where(present, n[p], 0.0) * w / np.where(total > 0, total, 1.0)

    def missing_row(self, p) -> np.ndarray:
        present = self.filled.present
        if present is None:
            return np.zeros((*np.shape(p), len(self.filled.used)), dtype=bool)
        return ~present[p]

    def estimated_row(self, p) -> np.ndarray:
        estimated = self.filled.estimated
        if estimated is None:
            return np.zeros((*np.shape(p), len(self.filled.used)), dtype=bool)
        return estimated[p]

    def _unsnapped(self) -> np.ndarray:
        filled, n = self.filled, self.normalised
        return np.where(filled.present, n, -1.0) if filled.renormalise else n

    def _aligned_and_sums(self) -> tuple[np.ndarray, np.ndarray]:
        """Direction-aligned normalised values for Pareto comparisons (under ``renormalise``
        a missing value counts as worse than any observed one), each criterion's float noise
        made an exact tie, and their row sums; kept with the matrix for the last few survivor
        sets, since weights do not change them."""
        memo = self.matrix.pareto_memo.setdefault("aligned", {})
        key = self._pareto_key
        if key not in memo:
            # per criterion: float noise is equality
            aligned = methods.snap_ties(self._unsnapped().T).T
            while len(memo) >= ALIGNED_KEPT:
                memo.pop(next(iter(memo)))
            memo[key] = (aligned, aligned.sum(axis=1))
        return memo[key]

    @cached_property
    def _pareto_key(self) -> tuple:
        return (tuple(self.filled.used), self.policy.missing, self.screened.survivors.tobytes())

    def pareto(self) -> np.ndarray:
        """Every row's Pareto flag (memoised on the matrix: weights' sizes do not matter)."""
        survivors = self.screened.survivors
        memo = self.matrix.pareto_memo
        key = self._pareto_key
        mask = memo.get(key)
        if mask is None:
            mask = np.zeros(len(self.matrix), dtype=bool)
            if len(survivors):  # runs of near-equal values count as ties, as in aligned
                mask[survivors] = methods.pareto_mask(self._unsnapped(), methods.TIE_TOLERANCE)
            if len(memo) > 64:
                memo.clear()  # the aligned values go too: they are rebuilt on demand
            memo[key] = mask
        return mask

    def pareto_rows(self, rows) -> list[bool]:
        """The Pareto flags of a few matrix rows (a page of candidates), without the whole
        front: they are compared only with the rows of at least the smallest of their sums."""
        aligned, sums = self._aligned_and_sums()
        positions = self.position[np.asarray(rows, dtype=np.int64)]
        flags = positions >= 0
        rivals = self._score_rivals(positions[flags]) if flags.any() else None
        if rivals is not None:
            flags[flags] = ~methods.dominated_among(aligned, positions[flags], rivals)
        elif flags.any():
            memo = self.matrix.pareto_memo.setdefault("by_sum", {})
            by_sum = memo.get(self._pareto_key)
            if by_sum is None:
                while len(memo) >= ALIGNED_KEPT:
                    memo.pop(next(iter(memo)))
                by_sum = memo[self._pareto_key] = methods.rows_by_sum(aligned, sums)
            flags[flags] = ~methods.dominated_by_sum(aligned, sums, positions[flags], by_sum)
        return flags.tolist()

    @property
    def _weighted_sum(self) -> bool:
        """Scores are a weighted sum of the values Pareto flags compare (WSM, no renormalise)."""
        return (
            self.scores is not None
            and self.policy.method is Method.WSM
            and not self.filled.renormalise
        )

    def _score_rivals(self, page: np.ndarray) -> np.ndarray | None:
        """The survivors that could dominate a row of ``page`` under a weighted sum: a
        dominator's compared values are at least the row's after near-equal values are
        snapped, so its score is at least the row's less, per criterion, the weight times
        the widest run that snapping merged (docs/scoring.md, section 8). None when scores
        are not such a sum."""
        if not self._weighted_sum:
            return None
        aligned, _ = self._aligned_and_sums()
        memo = self.matrix.pareto_memo.setdefault("spans", {})
        spans = memo.get(self._pareto_key)
        if spans is None:
            while len(memo) >= ALIGNED_KEPT:
                memo.pop(next(iter(memo)))
            widest = (aligned - self._unsnapped()).max(axis=0, initial=0.0)
            spans = memo[self._pareto_key] = widest
        scores = self.scores
        slack = float(spans @ self.w) + 1e-12 * (1.0 + float(np.abs(scores).max(initial=0.0)))
        if not np.isfinite(slack):
            return None
        return np.flatnonzero(scores >= scores[page].min() - slack)

    def best_offer_rows(self) -> frozenset[int]:
        """The ranked rows that are their model and mode's best-ranked offer."""
        keys = self.matrix.model_mode_keys()
        if len(keys) and keys[-1] == len(keys) - 1:  # factorised codes: one row per key
            return frozenset(self.order.tolist())
        first = np.unique(keys[self.order], return_index=True)[1]
        return frozenset(self.order[first].tolist())

    def reasons(self, row: int) -> tuple[tuple[str, str], ...]:
        return tuple((f.name, f.reason(row)) for f in self.screened.failures if f.mask[row])


ALIGNED_KEPT = 4  # survivor sets whose aligned Pareto values a matrix keeps


def rank(matrix: DecisionMatrix, profile: Profile) -> Ranking:
    """Rank every candidate of ``matrix`` under ``profile`` (formulas: docs/scoring.md).

    Raises :class:`~advisor.domain.ProfileError` when the profile names an unknown criterion.
    """
    policy = profile.policy
    columns = select_columns(matrix, profile)
    screened = screen(matrix, profile, columns)
    filled = fill_missing(matrix, policy.missing, columns, screened)
    n = normalise(filled, policy.normalization)
    w = weigh(filled)
    scores_s = aggregate(n, w, filled, policy.method)
    order_s = order(scores_s, matrix, screened.survivors)

    survivors, count = screened.survivors, len(matrix)
    scores = np.full(count, np.nan)
    scores[survivors] = scores_s
    position = np.full(count, -1)
    position[survivors] = np.arange(len(survivors))
    lazy = _Lazy(matrix, policy, screened, filled, n, w, position, survivors[order_s], scores_s)

    # Per-key contributions: each criterion's share split across the keys that weight it.
    expansion = columns.expansion[:, filled.used]
    weights = filled.weights
    share = np.divide(expansion, weights, out=np.zeros_like(expansion), where=weights > 0)
    excluded = np.flatnonzero(screened.failed)
    excluded = excluded[np.argsort(matrix.tiebreak[excluded], kind="stable")]
    arrays = RankingArrays(
        model_ids=matrix.model_ids,
        modes=matrix.modes,
        order=lazy.order,
        scores=scores,
        contributions=_PerRow(
            position, len(columns.keys), lambda p: lazy.criterion_row(p) @ share.T
        ),
        criterion_contributions=_PerRow(position, len(filled.used), lazy.criterion_row),
        coverage=columns.coverage,
        missing=_PerRow(position, len(filled.used), lazy.missing_row, dtype=bool),
        estimated=_PerRow(position, len(filled.used), lazy.estimated_row, dtype=bool),
        excluded=excluded,
        channels=matrix.channels,
        regions=matrix.regions,
        efforts=matrix.efforts,
        labels=matrix.labels_array,
    )
    key_totals = expansion.sum(axis=1)
    total = weights.sum()
    return Ranking(
        profile_name=profile.name,
        method=policy.method.value,
        normalization=policy.normalization.value,
        missing_rule=policy.missing.value,
        weight_keys=columns.keys,
        criteria=tuple(matrix.criteria[j] for j in filled.used),
        weights=w,
        arrays=arrays,
        pareto_fn=lazy.pareto,
        pareto_rows_fn=lazy.pareto_rows,
        best_offer_fn=lazy.best_offer_rows,
        reasons_fn=lazy.reasons,
        notes=filled.notes,
        unfigured=filled.unfigured,
        basis=ScoringBasis(
            survivors=survivors,
            filled=filled.values,
            present=filled.present if filled.renormalise else None,
            benefit=filled.benefit,
            key_shares=expansion / np.where(key_totals > 0, key_totals, 1.0)[:, None],
            key_weights=key_totals / total if total > 0 else key_totals,
            method=policy.method,
            normalization=policy.normalization,
            tiebreak=matrix.tiebreak[survivors],
            estimated=filled.estimated,
            estimate_se=filled.estimate_se,
        ),
    )
