"""The engine's result. Per-candidate objects are built lazily from the engine's arrays, so a
ranking of 100,000 candidates costs no more than its maths until someone reads it."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from advisor.domain.efforts import effort_suffix
from advisor.domain.offers import channel_word, offer_suffix
from advisor.domain.vocabulary import Method, Normalization

if TYPE_CHECKING:  # numpy is the carrier; the domain itself needs only the names
    import numpy as np


@dataclass(frozen=True, slots=True)
class RankedCandidate:
    """A candidate that passed every hard constraint, with its place and why."""

    candidate: str
    model_id: str
    mode: str
    rank: int
    score: float
    contributions: dict[str, float]
    criterion_contributions: dict[str, float]
    coverage: float
    pareto: bool
    missing: tuple[str, ...]
    channel: str = "api"  # the offer's channel word ("api": the vendor's own API)
    region: str = ""  # where the offer is served from ("" not stated)
    best_offer: bool = True  # the best-ranked offer of its model and mode
    effort: str = ""  # its effort band when the policy ranks a candidate per band
    # Missing criteria whose gap an estimate filled (rule "estimate"); never counted as covered.
    estimated: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ExcludedCandidate:
    """A candidate that failed at least one hard constraint; one reason per failure."""

    candidate: str
    model_id: str
    mode: str
    reasons: tuple[str, ...]
    constraints: tuple[
        str, ...
    ] = ()  # the constraint behind each reason, e.g. "min_context_window"
    channel: str = "api"
    region: str = ""


@dataclass(frozen=True)
class ScoringBasis:
    """The scored problem after constraints and missing-data filling, for re-scoring (the
    sensitivity studies re-score many weight vectors without repeating either).

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
    # Under the rule "estimate": survivors x criteria, which filled values are estimates and
    # their standard errors in the criterion's unit (NaN elsewhere); None under other rules.
    estimated: np.ndarray | None = None
    estimate_se: np.ndarray | None = None


@dataclass(frozen=True, slots=True)
class RankingArrays:
    """Column data the engine hands over. Sequences are numpy arrays in practice; the domain
    only indexes them, so it needs no numpy import.

    ``order`` lists the row indices of ranked candidates, best first. ``contributions`` is rows x
    weight keys, ``criterion_contributions`` rows x criteria, ``missing`` and ``estimated`` rows x
    criteria (bool).
    """

    model_ids: Sequence[str]
    modes: Sequence[str]
    order: Sequence[int]
    scores: Sequence[float]
    contributions: Any
    criterion_contributions: Any
    coverage: Sequence[float]
    missing: Any
    excluded: Sequence[int]
    channels: Sequence[str] | None = None  # each row's offer: stored channel ("" vendor API)
    regions: Sequence[str] | None = None
    efforts: Sequence[str] | None = None  # each row's effort band ("" not split by band)
    estimated: Any = None  # rows x criteria (bool): gaps filled by an estimate
    # Every row's label, made on first call (and kept by the matrix): see Ranking._label.
    labels: Callable[[], Sequence[str]] | None = None


class Ranking:
    """Ordered candidates with score, contributions, coverage and Pareto flag, plus the
    excluded candidates with their reasons. Read-only."""

    __slots__ = (
        "_arrays",
        "_best",
        "_best_offer_fn",
        "_candidates",
        "_excluded",
        "_pareto",
        "_pareto_fn",
        "_pareto_rows",
        "_pareto_rows_fn",
        "_positions",
        "_reasons_fn",
        "basis",
        "criteria",
        "method",
        "missing_rule",
        "normalization",
        "notes",
        "profile_name",
        "unfigured",
        "weight_keys",
        "weights",
    )

    def __init__(
        self,
        *,
        profile_name: str,
        method: str,
        normalization: str,
        missing_rule: str,
        weight_keys: tuple[str, ...],
        criteria: tuple[str, ...],
        weights: Sequence[float],
        arrays: RankingArrays,
        pareto_fn: Callable[[], Sequence[bool]],
        pareto_rows_fn: Callable[[Sequence[int]], Sequence[bool]],
        reasons_fn: Callable[[int], tuple[tuple[str, str], ...]],
        best_offer_fn: Callable[[], frozenset[int]],
        notes: tuple[str, ...] = (),
        basis: ScoringBasis | None = None,
        unfigured: tuple[str, ...] = (),
    ) -> None:
        self.profile_name = profile_name
        self.method = method
        self.normalization = normalization
        self.missing_rule = missing_rule
        self.weight_keys = weight_keys
        self.criteria = criteria
        self.weights = weights
        self.notes = notes
        # Weighted criteria no ranked candidate has a figure for (the notes say so in ids; a
        # face names them with its own labels)
        self.unfigured = unfigured
        # What the engine scored (survivors' filled values, weights per key): lets sensitivity
        # analysis re-score many weight vectors without repeating constraints and fills.
        self.basis = basis
        self._arrays = arrays
        self._pareto_fn = pareto_fn
        self._reasons_fn = reasons_fn
        self._pareto: Sequence[bool] | None = None
        self._pareto_rows_fn = pareto_rows_fn
        self._best_offer_fn = best_offer_fn
        self._pareto_rows: dict[int, bool] = {}
        self._positions: dict[str, int] | None = None
        self._candidates: tuple[RankedCandidate, ...] | None = None
        self._excluded: tuple[ExcludedCandidate, ...] | None = None
        self._best: frozenset[int] | None = None

    def __len__(self) -> int:
        return len(self._arrays.order)

    @property
    def arrays(self) -> RankingArrays:
        """The raw columns behind this ranking (for fast views)."""
        return self._arrays

    @property
    def pareto_mask(self) -> Sequence[bool]:
        """Pareto-optimal flag per row of the decision matrix (False for excluded rows)."""
        if self._pareto is None:
            self._pareto = self._pareto_fn()
        return self._pareto

    def is_pareto(self, row: int) -> bool:
        """Pareto flag of one matrix row: checks that row only, unless every flag is known."""
        if self._pareto is not None:
            return bool(self._pareto[row])
        if row not in self._pareto_rows:
            self._known_pareto([row])
        return self._pareto_rows[row]

    def _known_pareto(self, rows: Sequence[int]) -> None:
        """Find the Pareto flags of ``rows`` (those not known yet) in one batch."""
        wanted = [r for r in rows if r not in self._pareto_rows]
        if wanted and self._pareto is None:
            for r, flag in zip(wanted, self._pareto_rows_fn(wanted), strict=True):
                self._pareto_rows[r] = bool(flag)

    def _offer(self, row: int) -> tuple[str, str]:
        """A row's offer as stored: (channel, region)."""
        a = self._arrays
        if a.channels is None:
            return "", ""
        region = "" if a.regions is None else str(a.regions[row] or "")
        return str(a.channels[row] or ""), region

    def _effort(self, row: int) -> str:
        efforts = self._arrays.efforts
        return "" if efforts is None else str(efforts[row] or "")

    def _key(self, row: int) -> tuple[str, str, str]:
        """(model id, mode, effort band): the rows of one key are offers of one model."""
        a = self._arrays
        return str(a.model_ids[row]), str(a.modes[row]), self._effort(row)

    def _labels(self) -> Sequence[str]:
        """Every row's label: the matrix's own when it hands them over, else made here."""
        made = self._arrays.labels
        if made is not None:
            return made()
        return _RowLabels(self)

    def _label(self, row: int) -> str:
        a = self._arrays
        return (
            f"{a.model_ids[row]}@{a.modes[row]}{effort_suffix(self._effort(row))}"
            f"{offer_suffix(*self._offer(row))}"
        )

    @property
    def best_offer_rows(self) -> frozenset[int]:
        """The matrix rows that are the best-ranked offer of their model and mode."""
        if self._best is None:
            self._best = self._best_offer_fn()
        return self._best

    def model_places(self) -> dict[tuple[str, ...], int]:
        """(model id, mode) -> its place among the models, each at its best-ranked offer;
        (model id, mode, band) when candidates are ranked per effort band."""
        a = self._arrays
        places: dict[tuple[str, ...], int] = {}
        for row in a.order:
            model, mode, effort = self._key(int(row))
            key = (model, mode, effort) if effort else (model, mode)
            if key not in places:
                places[key] = len(places) + 1
        return places

    def place_of(self, candidate: RankedCandidate) -> int:
        """A ranked candidate's place among the models (at its model's best offer)."""
        key = (candidate.model_id, candidate.mode)
        return self.model_places()[(*key, candidate.effort) if candidate.effort else key]

    def best_offers(self) -> tuple[RankedCandidate, ...]:
        """Each model and mode once, through its best-ranked offer, best first."""
        best = self.best_offer_rows
        order = self._arrays.order
        return tuple(self._ranked(p) for p in range(len(self)) if int(order[p]) in best)

    def _ranked(self, position: int, page: _Page | None = None) -> RankedCandidate:
        a = self._arrays
        row = int(a.order[position])
        if page is not None:  # the rows of a page, read at once
            contributions, per_criterion, missing, estimated = page.of(row)
        else:
            contributions = a.contributions[row]
            per_criterion = a.criterion_contributions[row]
            missing = a.missing[row]
            estimated = a.estimated[row] if a.estimated is not None else None
        channel, region = self._offer(row)
        return RankedCandidate(
            candidate=self._label(row),
            model_id=str(a.model_ids[row]),
            mode=str(a.modes[row]),
            rank=position + 1,
            score=float(a.scores[row]),
            contributions=dict(zip(self.weight_keys, _plain(contributions), strict=True)),
            criterion_contributions=dict(zip(self.criteria, _plain(per_criterion), strict=True)),
            coverage=float(a.coverage[row]),
            pareto=self.is_pareto(row),
            missing=_flagged(self.criteria, missing),
            channel=channel_word(channel),
            region=region,
            best_offer=a.channels is None or row in self.best_offer_rows,
            effort=self._effort(row),
            estimated=() if estimated is None else _flagged(self.criteria, estimated),
        )

    @property
    def candidates(self) -> tuple[RankedCandidate, ...]:
        """Every ranked candidate, best first."""
        if self._candidates is None:
            _ = self.pareto_mask  # one pass over all rows beats a check per row
            self._candidates = tuple(self._ranked(p) for p in range(len(self)))
        return self._candidates

    def iter_candidates(self) -> Iterator[RankedCandidate]:
        """Every ranked candidate, best first, built one at a time and not kept (a streamed
        dump of a large ranking holds one candidate at a time)."""
        if self._candidates is not None:
            yield from self._candidates
            return
        _ = self.pareto_mask
        for position in range(len(self)):
            yield self._ranked(position)

    def top(self, n: int) -> tuple[RankedCandidate, ...]:
        """The best ``n`` candidates, built without materialising the rest."""
        if self._candidates is not None:
            return self._candidates[:n]
        shown = range(min(n, len(self)))
        rows = [int(self._arrays.order[p]) for p in shown]
        self._known_pareto(rows)
        page = _Page.read(self._arrays, rows)
        return tuple(self._ranked(p, page) for p in shown)

    def ranks(self) -> dict[str, int]:
        """Candidate label -> rank for every ranked candidate (no per-candidate objects)."""
        labels = self._labels()
        return {labels[int(row)]: position + 1 for position, row in enumerate(self._arrays.order)}

    def find(self, candidate: str) -> RankedCandidate | None:
        """The ranked candidate with this label (``model_id@mode`` for the vendor's own API,
        ``model_id@mode/bedrock:eu`` for another offer), or None if excluded or unknown."""
        if self._positions is None:
            order = self._arrays.order
            labels = self._labels()
            self._positions = {labels[int(row)]: p for p, row in enumerate(order)}
        position = self._positions.get(candidate)
        return None if position is None else self._ranked(position)

    @property
    def excluded(self) -> tuple[ExcludedCandidate, ...]:
        """Candidates that failed a hard constraint, in model-id then mode order."""
        if self._excluded is None:
            a = self._arrays
            excluded = []
            for row in a.excluded:
                pairs = self._reasons_fn(int(row))
                channel, region = self._offer(int(row))
                excluded.append(
                    ExcludedCandidate(
                        candidate=self._label(int(row)),
                        model_id=str(a.model_ids[row]),
                        mode=str(a.modes[row]),
                        reasons=tuple(reason for _, reason in pairs),
                        constraints=tuple(name for name, _ in pairs),
                        channel=channel_word(channel),
                        region=region,
                    )
                )
            self._excluded = tuple(excluded)
        return self._excluded

    def main_exclusion(self) -> tuple[str, int] | None:
        """The constraint that excluded the most candidates and how many it excluded (on a
        tie, the one met first), or None when nothing is excluded."""
        counts: dict[str, int] = {}
        for excluded in self.excluded:
            for name in excluded.constraints:
                counts[name] = counts.get(name, 0) + 1
        return max(counts.items(), key=lambda kv: kv[1]) if counts else None


def _plain(values: Sequence) -> list:
    """Python numbers (or bools) from a row of the engine's arrays, in one step for numpy."""
    tolist = getattr(values, "tolist", None)
    return tolist() if tolist is not None else list(values)


def _flagged(names: tuple[str, ...], flags: Sequence) -> tuple[str, ...]:
    """The names whose flag is set."""
    return tuple(name for name, flag in zip(names, _plain(flags), strict=True) if flag)


class _RowLabels:
    """Labels made row by row on indexing (for arrays handed over without labels)."""

    __slots__ = ("_ranking",)

    def __init__(self, ranking: Ranking) -> None:
        self._ranking = ranking

    def __getitem__(self, row: int) -> str:
        return self._ranking._label(row)


class _Page:
    """A few rows' contributions, gaps and estimates, read from the engine's arrays at once
    (when they can give several rows in one step)."""

    __slots__ = ("_at", "_columns")

    def __init__(self, rows: list[int], columns: list[list]) -> None:
        self._at = {row: i for i, row in enumerate(rows)}
        self._columns = columns

    @classmethod
    def read(cls, arrays: RankingArrays, rows: list[int]) -> _Page | None:
        sources = [arrays.contributions, arrays.criterion_contributions, arrays.missing]
        if arrays.estimated is not None:
            sources.append(arrays.estimated)
        if not rows or not all(hasattr(s, "many") for s in sources):
            return None
        columns = [s.many(rows).tolist() for s in sources]
        if arrays.estimated is None:
            columns.append([None] * len(rows))
        return cls(rows, columns)

    def of(self, row: int) -> tuple:
        i = self._at[row]
        return tuple(column[i] for column in self._columns)
