"""The decision matrix: one row per candidate (a model in a mode, bought through one offer),
one column per criterion, built from the catalogue tables under a policy. Every cell used keeps
its provenance."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from advisor.domain.criteria import (
    ATTRIBUTE_CRITERIA,
    MEASUREMENT_METRICS,
    TASK_METRICS,
    estimate_scale,
    task_criterion,
)
from advisor.domain.efforts import (
    UNSTATED,
    band_mode,
    band_order,
    effort_band,
    effort_suffix,
)
from advisor.domain.frames import CatalogueFrames
from advisor.domain.offers import SELF_HOSTED, offer_suffix
from advisor.domain.precedence import attribute_rank
from advisor.domain.profile import Policy
from advisor.domain.vocabulary import MODE_CONDITIONS, Condition, Mode, SourceKind

FIGURE_COLUMNS = [
    "row",
    "criterion",
    "value",
    "condition",
    "reasoning_effort",
    "harness",
    "task_subset",
    "settings",
    "source_kind",
    "reported_by",
    "source_url",
    "source_date",
    "source_record",
    "source",  # the public source that wrote the row (its credit: the sources table)
    "stderr",  # standard error in the figure's unit (NaN: unknown); stderr_origin says how
    "stderr_origin",
    "flags",
    "detail",
]
# Other figures for a used cell: the figure columns without flags and detail.
ALTERNATIVE_COLUMNS = [c for c in FIGURE_COLUMNS if c not in ("flags", "detail")]
# Attribute criteria read from the models table, and the models column each one is.
ATTRIBUTE_FIGURES = (
    "input_usd_per_mtok",
    "output_usd_per_mtok",
    "cache_read_usd_per_mtok",
    "blended_usd_per_mtok",
    "context_window",
    "max_output_tokens",
)


@dataclass(frozen=True)
class DecisionMatrix:
    """Candidates x criteria. ``values`` holds NaN where no figure counts.

    ``figures`` has one row per used cell (see ``FIGURE_COLUMNS``); ``set_aside`` lists results
    that describe a candidate's mode but whose condition the policy does not count;
    ``alternatives`` lists, per used cell, every other figure that could have counted (another
    source's price, another run of the benchmark) and lost to it by the stated rule
    (``ALTERNATIVE_COLUMNS``).

    ``channels`` and ``regions`` name each row's offer (channel "" is the vendor's own API,
    region "" not stated); ``lifecycle`` lists the lifecycle events that describe each row's
    offer (``row`` plus the lifecycle table's columns) and ``assurances`` the due-diligence
    findings, as the catalogue holds them.
    """

    model_ids: np.ndarray
    modes: np.ndarray
    vendors: np.ndarray
    open_weights: np.ndarray  # 1.0, 0.0 or NaN (unknown)
    criteria: tuple[str, ...]
    higher_is_better: np.ndarray
    values: np.ndarray
    groups: dict[str, dict[str, float]] = field(default_factory=dict)
    figures: pd.DataFrame | None = None
    set_aside: pd.DataFrame | None = None
    alternatives: pd.DataFrame | None = None
    tiebreak: np.ndarray | None = None
    # Published limits per model and tier (all tiers), for the workload's headroom.
    rate_limits: pd.DataFrame | None = None
    # Per-row facts behind derived workload criteria, for constraint reasons and display.
    workload_info: dict = field(default_factory=dict, compare=False, repr=False)
    # Pareto masks depend only on which criteria are weighted, the missing-data rule and who
    # survived the constraints, never on the weights' sizes: rank() memoises them here.
    pareto_memo: dict = field(default_factory=dict, compare=False, repr=False)
    channels: np.ndarray | None = None
    regions: np.ndarray | None = None
    lifecycle: pd.DataFrame | None = None
    assurances: pd.DataFrame | None = None
    # Each row's effort band when the policy ranks a candidate per band ("" otherwise;
    # "unstated" for the figures of no stated effort): advisor.domain.efforts.
    efforts: np.ndarray | None = None
    # The band every figure comes from when the policy compares at equal budget, else None.
    budget_band: str | None = None
    # Per criterion, the scale the missing-data rule "estimate" fits it on
    # (advisor.domain.criteria.estimate_scale; "" never estimated). None: nothing is estimated.
    scales: tuple[str, ...] | None = None
    # The capability fit behind estimates (advisor.engine.estimates): it reads published
    # benchmark scores only, so matrices derived by a workload or a what-if share it.
    estimate_memo: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for name in ("channels", "regions", "efforts"):
            if getattr(self, name) is None:
                object.__setattr__(self, name, np.full(len(self.model_ids), "", dtype=object))
        if self.tiebreak is None:
            # Ties are broken by model id, then mode, then band, then offer (the vendor's own
            # API first): precompute each row's place in that order.
            order = np.lexsort(
                (
                    self.regions.astype(str),
                    self.channels.astype(str),
                    self.channels.astype(str) != "",
                    np.array([band_order(e) for e in self.efforts.astype(str)]),
                    self.modes.astype(str),
                    self.model_ids.astype(str),
                )
            )
            tiebreak = np.empty(len(order), dtype=np.int64)
            tiebreak[order] = np.arange(len(order))
            object.__setattr__(self, "tiebreak", tiebreak)

    @property
    def rows_in_tiebreak_order(self) -> bool:
        """Whether rows are already sorted by model id then mode (true for built matrices)."""
        tiebreak = self.tiebreak
        return bool(len(tiebreak) < 2 or np.all(tiebreak[1:] > tiebreak[:-1]))

    @classmethod
    def from_arrays(
        cls,
        values: np.ndarray,
        higher_is_better: np.ndarray,
        *,
        criteria: tuple[str, ...] | None = None,
        model_ids: np.ndarray | None = None,
        modes: np.ndarray | None = None,
        vendors: np.ndarray | None = None,
        stderrs: np.ndarray | None = None,
        scales: tuple[str, ...] | None = None,
    ) -> DecisionMatrix:
        """A matrix from plain arrays (tests, benchmarks, what-if studies). With ``stderrs``
        (same shape, NaN: unknown) every column is a benchmark whose figures state them; with
        ``scales`` (one per column, see :attr:`scales`) the rule "estimate" can fill gaps."""
        values = np.asarray(values, dtype=float)
        rows, cols = values.shape
        criteria = criteria or tuple(f"c{j}" for j in range(cols))
        figures = None
        if stderrs is not None:
            stderrs = np.broadcast_to(np.asarray(stderrs, dtype=float), values.shape)
            r, c = np.nonzero(~np.isnan(values))
            se = stderrs[r, c]
            figures = pd.DataFrame({column: None for column in FIGURE_COLUMNS}, index=range(len(r)))
            figures["row"], figures["criterion"] = r, np.array(criteria, dtype=object)[c]
            figures["value"], figures["stderr"] = values[r, c], se
            figures["stderr_origin"] = np.where(np.isnan(se), "unknown", STDERR_STATED)
        return cls(
            model_ids=model_ids
            if model_ids is not None
            else np.array([f"m{i:06d}" for i in range(rows)]),
            modes=modes if modes is not None else np.full(rows, Mode.STANDARD.value, dtype=object),
            vendors=vendors if vendors is not None else np.full(rows, "vendor", dtype=object),
            open_weights=np.full(rows, np.nan),
            criteria=criteria,
            higher_is_better=np.asarray(higher_is_better, dtype=bool),
            values=values,
            figures=figures,
            scales=scales,
        )

    def __len__(self) -> int:
        return len(self.model_ids)

    def column(self, criterion: str) -> np.ndarray:
        """Values of one criterion (NaN where missing)."""
        return self.values[:, self.criteria.index(criterion)]

    def labels_array(self) -> np.ndarray:
        """:meth:`labels` as an object array, made once per matrix."""
        memo = self.__dict__
        if "_labels" not in memo:
            memo["_labels"] = np.array(self.labels(), dtype=object)
        return memo["_labels"]

    def row_of(self, label: str) -> int:
        """The row of a candidate label (a lookup made once per matrix)."""
        memo = self.__dict__
        if "_row_of" not in memo:
            memo["_row_of"] = {lab: i for i, lab in enumerate(self.labels_array().tolist())}
        return memo["_row_of"][label]

    def stderrs(self) -> np.ndarray:
        """Each cell's standard error in the criterion's unit, like ``values`` (NaN where the
        figure is missing or its uncertainty unknown; see ``figures.stderr_origin``)."""
        memo = self.__dict__
        if "_stderrs" not in memo:
            out = np.full(self.values.shape, np.nan)
            figures = self.figures
            if figures is not None and len(figures) and "stderr" in figures:
                index = {c: j for j, c in enumerate(self.criteria)}
                cols = figures["criterion"].map(index)
                se = pd.to_numeric(figures["stderr"], errors="coerce")
                known = (cols.notna() & se.notna()).to_numpy(bool)
                out[figures["row"].to_numpy(int)[known], cols.to_numpy()[known].astype(int)] = (
                    se.to_numpy(float)[known]
                )
            memo["_stderrs"] = out
        return memo["_stderrs"]

    def row_bands(self) -> np.ndarray:
        """The effort band each row's figures come from: its own band when candidates are
        ranked per band, the compared band at equal budget, else "" (made once per matrix)."""
        memo = self.__dict__
        if "_row_bands" not in memo:
            bands = np.asarray(self.efforts, dtype=object).copy()
            bands[bands == UNSTATED] = ""
            if self.budget_band is not None:
                bands[:] = self.budget_band
            memo["_row_bands"] = bands
        return memo["_row_bands"]

    def model_mode_keys(self) -> np.ndarray:
        """One integer per (model, mode, effort band): rows with the same key are offers of
        one model in one mode (and band) (made once per matrix)."""
        memo = self.__dict__
        if "_model_mode_keys" not in memo:
            pairs = pd.MultiIndex.from_arrays([self.model_ids, self.modes, self.efforts])
            memo["_model_mode_keys"] = pd.factorize(pairs)[0].astype(np.int64)
        return memo["_model_mode_keys"]

    def labels(self) -> list[str]:
        """``model_id@mode`` for every row, its effort band when the policy ranks one
        candidate per band (``~high``), then its offer unless it is the vendor's own API
        (``model_id@mode/bedrock:eu``; :func:`advisor.domain.offers.offer_suffix`)."""
        return [
            f"{m}@{mode}{effort_suffix(e)}{offer_suffix(c, r)}"
            for m, mode, e, c, r in zip(
                self.model_ids, self.modes, self.efforts, self.channels, self.regions, strict=True
            )
        ]


def _date_keys(texts) -> np.ndarray:
    """``date_key`` of each distinct text."""
    parts = pd.Series(texts, dtype=object).str.extract(r"^\s*(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
    parts = parts.fillna("0").astype(int)
    return (parts[0] * 10000 + parts[1] * 100 + parts[2]).to_numpy(dtype=np.int64)


def date_key(dates: pd.Series) -> pd.Series:
    """Sortable integer from free-text source dates: 2025-05-22 -> 20250522, "2025 (...)" ->
    20250000, undated -> 0. Only a leading ISO date (or year, or year-month) is read."""
    # Source dates repeat a lot: parse each distinct text once.
    codes, distinct = pd.factorize(dates.fillna("").astype(str))
    keys = _date_keys(distinct)
    return pd.Series(
        keys[codes] if len(distinct) else np.zeros(len(dates), dtype=int), index=dates.index
    )


# Extended thinking: the highest stated effort first; standard use: no stated effort first.
_EFFORT_ORDER = {
    Mode.EXTENDED_THINKING.value: {
        e: i for i, e in enumerate(("max", "xhigh", "high", "medium", "low", "minimal", "", "none"))
    },
    Mode.STANDARD.value: {
        e: i for i, e in enumerate(("", "none", "minimal", "low", "medium", "high", "xhigh", "max"))
    },
}
# Independent figures first: the team's own, then third parties', then the vendor's, then a
# competitor's comparison table.
_KIND_ORDER = {
    SourceKind.INTERNAL.value: 0,
    SourceKind.THIRD_PARTY.value: 1,
    SourceKind.VENDOR.value: 2,
    SourceKind.COMPETITOR.value: 3,
}
_PARALLEL = {Condition.PARALLEL.value, Condition.EXTENDED_PARALLEL.value}
_EXACT = {Condition.STANDARD.value, Condition.EXTENDED_THINKING.value}


def candidates_of(frames: CatalogueFrames, policy: Policy) -> pd.DataFrame:
    """The candidates ``policy`` allows, one per model, mode (and band) and offer, sorted by
    model id, mode, band and offer (the vendor's own API first): a matrix's rows."""
    models = frames.models
    thinking_results = frames.results["condition"].isin(
        [Condition.EXTENDED_THINKING.value, Condition.EXTENDED_PARALLEL.value]
    )
    thinking_models = frames.results.loc[thinking_results, "model_id"].unique()
    hybrid = models["hybrid_reasoning"].map(lambda v: v is True)
    has_thinking = hybrid | models["model_id"].isin(thinking_models)
    parts = []
    modes = policy.modes
    if policy.budget_band is not None:  # at equal budget: the band's own mode only
        modes = tuple(m for m in modes if m.value == band_mode(policy.budget_band))
    if Mode.STANDARD in modes:
        parts.append(models.assign(mode=Mode.STANDARD.value, effort=""))
    if Mode.EXTENDED_THINKING in modes:
        thinking = models[has_thinking].assign(mode=Mode.EXTENDED_THINKING.value, effort="")
        if policy.effort_candidates and policy.budget_band is None:
            thinking = _split_by_band(thinking, frames.results, policy)
        parts.append(thinking)
    candidates = pd.concat(parts, ignore_index=True)
    candidates = candidates.merge(offer_table(frames), on="model_id", how="left")
    candidates[["channel", "region"]] = candidates[["channel", "region"]].fillna("")
    candidates["_third"] = candidates["channel"] != ""
    candidates["_band"] = candidates["effort"].map(band_order)
    candidates = candidates.sort_values(
        ["model_id", "mode", "_band", "_third", "channel", "region"], kind="stable"
    ).reset_index(drop=True)
    candidates = candidates.drop(columns=["_third", "_band"])
    candidates["row"] = np.arange(len(candidates))
    return candidates


def _split_by_band(thinking: pd.DataFrame, results: pd.DataFrame, policy: Policy) -> pd.DataFrame:
    """Thinking candidates, one per effort band for each model whose counted thinking figures
    come from two bands or more (the figures of no stated effort make a band of their own)."""
    conditions = {c.value for c in MODE_CONDITIONS[Mode.EXTENDED_THINKING]} & {
        c.value for c in policy.conditions
    }
    fits = results["condition"].isin(conditions).to_numpy(bool)
    bands = result_bands(results)[0][fits]
    found = pd.DataFrame(
        {
            "model_id": results["model_id"].to_numpy(dtype=object)[fits],
            "band": np.where(bands == "", UNSTATED, bands),
        }
    ).drop_duplicates()
    counts = found["model_id"].value_counts()
    split = found[found["model_id"].map(counts) >= 2]
    if split.empty:
        return thinking
    kept = thinking[~thinking["model_id"].isin(split["model_id"])]
    banded = thinking.drop(columns=["effort"]).merge(
        split.rename(columns={"band": "effort"}), on="model_id"
    )
    return pd.concat([kept, banded], ignore_index=True)


_OFFER_PRICES = ("input_usd_per_mtok", "output_usd_per_mtok")


def offer_table(frames: CatalogueFrames) -> pd.DataFrame:
    """Every offer of every model: the vendor's own API (channel ""), each channel and region
    a source prices the model on, and self-hosting for a model with open weights.

    An offer exists where a source states a price for it; self-hosting has no per-token price
    (the team's own infrastructure costs it)."""
    models = frames.models
    parts = [pd.DataFrame({"model_id": models["model_id"], "channel": "", "region": ""})]
    attributes = frames.model_attributes
    if attributes is not None and len(attributes):
        listed = attributes.assign(region=attributes.get("region", ""))
        channel = listed["channel"].fillna("")
        priced = listed[(channel != "") & listed["attribute"].isin(_OFFER_PRICES)]
        parts.append(priced[["model_id", "channel", "region"]].fillna(""))
    open_models = models.loc[models["open_weights"].map(lambda v: v is True), "model_id"]
    parts.append(pd.DataFrame({"model_id": open_models, "channel": SELF_HOSTED, "region": ""}))
    offers = pd.concat(parts, ignore_index=True).drop_duplicates()
    return offers[offers["model_id"].isin(models["model_id"])].reset_index(drop=True)


_FLAG_TEXTS = (
    "condition unspecified by the source",
    "parallel test-time compute (usually not buyable)",
    "reported by a competitor",
    "partial task set",
    "non-standard harness",
    "undated source",
)
# Every combination of the flags above, joined in that order: a figure's flags are looked up
# by its bitmask instead of being joined row by row.
_FLAG_STRINGS = np.array(
    ["; ".join(t for b, t in enumerate(_FLAG_TEXTS) if mask >> b & 1) for mask in range(64)],
    dtype=object,
)


def _texts(values: pd.Series) -> np.ndarray:
    """A text column as a plain object array (cheaper to compare than pandas strings)."""
    return values.to_numpy(dtype=object)


def _nonblank(values: pd.Series) -> np.ndarray:
    """Whether each text is neither missing nor empty."""
    texts = _texts(values)
    return pd.notna(texts) & (texts != "")


class _Distinct:
    """A column factorised once: tests on its few distinct values, then looked up per row."""

    def __init__(self, values: pd.Series) -> None:
        self.codes, uniques = pd.factorize(values.to_numpy(dtype=object))
        self.uniques = list(uniques)

    def among(self, choices) -> np.ndarray:
        """Whether each value is one of ``choices`` (missing values never are)."""
        choices = set(choices)
        hits = np.array([u in choices for u in self.uniques] + [False], dtype=bool)
        return hits[self.codes]


def _flag_bits(
    condition: _Distinct, competitor: np.ndarray, results: pd.DataFrame, undated: np.ndarray
) -> np.ndarray:
    """Each result's flags as a bitmask over ``_FLAG_TEXTS``."""
    tests = (
        condition.among([Condition.UNSPECIFIED.value]),
        condition.among(_PARALLEL),
        competitor,
        _nonblank(results["task_subset"]),
        _nonblank(results["harness"]),
        undated,
    )
    bits = np.zeros(len(results), dtype=np.int64)
    for b, test in enumerate(tests):
        bits |= test.astype(np.int64) << b
    return bits


def _sort_codes(values: pd.Series) -> np.ndarray:
    """Integer codes that sort like the texts (missing values last, as pandas sorts them)."""
    codes, uniques = pd.factorize(values, sort=True)
    return np.where(codes < 0, len(uniques), codes)


def _candidate_pairs(results: pd.DataFrame, candidates: pd.DataFrame) -> tuple[np.ndarray, ...]:
    """The inner join of results with candidates on model id as two index arrays (result
    position, candidate row), in the join's order: by result, then by candidate row.

    Candidates are sorted by model id, so each model's candidates are consecutive rows.
    """
    models, first = np.unique(candidates["model_id"].to_numpy(dtype=object), return_index=True)
    counts = np.diff(np.append(np.sort(first), len(candidates)))[np.argsort(np.argsort(first))]
    model = pd.Index(models).get_indexer(results["model_id"])
    known = np.flatnonzero(model >= 0)
    model = model[known]
    per_result = counts[model]
    at = np.repeat(known, per_result)
    starts = np.repeat(np.cumsum(per_result) - per_result, per_result)
    rows = np.repeat(first[model], per_result) + (np.arange(len(at)) - starts)
    return at.astype(np.int64), rows.astype(np.int64)


def benchmark_figures(
    frames: CatalogueFrames, candidates: pd.DataFrame, policy: Policy
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The benchmark (and cost- and time-per-task) figure that counts per candidate and
    benchmark, the results set aside, and the figures that lost to the counted ones."""
    results = frames.results
    at, rows = _candidate_pairs(results, candidates)
    thinking = candidates["mode"].to_numpy(dtype=object)[rows] == Mode.EXTENDED_THINKING.value
    condition = _Distinct(results["condition"])
    fits_standard = condition.among(c.value for c in MODE_CONDITIONS[Mode.STANDARD])
    fits_thinking = condition.among(c.value for c in MODE_CONDITIONS[Mode.EXTENDED_THINKING])
    fits = np.where(thinking, fits_thinking[at], fits_standard[at])
    allowed = condition.among(c.value for c in policy.conditions)[at]

    reasons = np.full(len(at), "", dtype=object)  # why a fitting result is set aside
    efforts = candidates["effort"].to_numpy(dtype=object)[rows]
    split = efforts != ""
    if policy.budget_band is not None or split.any():
        as_thinking, as_standard = result_bands(results)
        band = np.where(thinking, as_thinking[at], as_standard[at]).astype(object)
    if policy.budget_band is not None:
        other_band = allowed & (band != policy.budget_band)
        reasons[other_band] = np.where(
            band[other_band] == "",
            "effort not stated, so not comparable at equal budget (band "
            + policy.budget_band
            + ")",
            "effort band "
            + band[other_band].astype(object)
            + ", not the band compared ("
            + policy.budget_band
            + ")",
        )
        allowed = allowed & ~other_band
    if split.any():
        own = np.where(band == "", UNSTATED, band)
        sibling = allowed & split & (own != efforts)
        reasons[sibling] = np.where(
            own[sibling] == UNSTATED,
            "effort not stated: counted for the candidate of figures of no stated effort",
            "effort band " + own[sibling].astype(object) + ": counted for that band's candidate",
        )
        allowed = allowed & ~sibling
    aside = fits & ~allowed
    set_aside = results.iloc[at[aside]].reset_index(drop=True)
    set_aside["mode"] = candidates["mode"].iloc[rows[aside]].reset_index(drop=True)
    set_aside["row"] = rows[aside]
    why = reasons[aside]
    by_condition = why == ""  # set aside by the conditions the policy counts
    why[by_condition] = (
        "condition " + set_aside["condition"].to_numpy(dtype=object)[by_condition] + " is not "
        "counted by the policy"
    )
    set_aside["reason"] = why

    keep = fits & allowed
    at, rows, thinking = at[keep], rows[keep], thinking[keep]
    # Sort keys once per result (not per candidate), then taken for each (result, candidate).
    cond_rank = np.select([condition.among(_PARALLEL), condition.among(_EXACT)], [0, 1], 2)
    kinds = _Distinct(results["source_kind"])
    competitor = kinds.among([SourceKind.COMPETITOR.value])
    kind_rank = np.array([_KIND_ORDER.get(k, 4) for k in kinds.uniques] + [4])[kinds.codes]
    date_codes, dates = pd.factorize(results["source_date"].fillna("").astype(str))
    newest = -_date_keys(dates)[date_codes]
    undated = np.array([d.startswith("undated") for d in dates], dtype=bool)[date_codes]
    effort_codes, efforts = pd.factorize(results["reasoning_effort"].fillna(""))
    thinking_order = _EFFORT_ORDER[Mode.EXTENDED_THINKING.value]
    standard_order = _EFFORT_ORDER[Mode.STANDARD.value]
    effort = np.where(
        thinking,
        np.array([thinking_order.get(e, 8) for e in efforts], dtype=float)[effort_codes[at]],
        np.array([standard_order.get(e, 8) for e in efforts], dtype=float)[effort_codes[at]],
    )
    benchmark = _sort_codes(results["benchmark"])[at]
    order = np.lexsort(
        (
            _sort_codes(results["source_url"])[at],
            _nonblank(results["settings"])[at],
            _nonblank(results["task_subset"])[at],
            _nonblank(results["harness"])[at],
            effort,
            newest[at],
            kind_rank[at],
            cond_rank[at],
            benchmark,
            rows,
        )
    )
    # The first figure of each (row, benchmark) in that order is the one that counts.
    first = np.ones(len(order), dtype=bool)
    first[1:] = (rows[order][1:] != rows[order][:-1]) | (
        benchmark[order][1:] != benchmark[order][:-1]
    )
    chosen = at[order[first]]
    columns = [c for c in FIGURE_COLUMNS if c in results or c in ("criterion", "value")]
    cells = results.rename(columns={"benchmark": "criterion", "score": "value"})[columns]
    cells = cells.iloc[chosen].reset_index(drop=True)
    cells["row"] = rows[order[first]]
    cells["flags"] = _FLAG_STRINGS[_flag_bits(condition, competitor, results, undated)[chosen]]
    cells["detail"] = ""
    stated_trials = results["trials"].iloc[chosen] if "trials" in results else None
    cells = with_stderrs(cells, frames.benchmarks, stated_trials)
    cells = pd.concat([cells, _task_cells(results.iloc[chosen], cells)], ignore_index=True)
    lost = order[~first]
    others = results.rename(columns={"benchmark": "criterion", "score": "value"})
    others = others[[c for c in ALTERNATIVE_COLUMNS if c in others]]
    others = others.iloc[at[lost]].reset_index(drop=True)
    others["row"] = rows[lost]
    return cells, set_aside, others


TASK_DETAIL = "what the run behind the score cost (or took) per task, as its source states"


def _task_cells(chosen: pd.DataFrame, cells: pd.DataFrame) -> pd.DataFrame:
    """The cost and time per task of each counted benchmark figure's own run, where its source
    states them, as figures of the criteria "benchmark:cost_per_task" and
    "benchmark:seconds_per_task" with the figure's provenance."""
    parts = []
    for metric, (column, _words, _unit) in TASK_METRICS.items():
        if column not in chosen:
            continue
        values = pd.to_numeric(chosen[column], errors="coerce").to_numpy(float)
        known = ~np.isnan(values)
        if not known.any():
            continue
        part = cells.loc[known].copy()
        part["criterion"] = [task_criterion(b, metric) for b in part["criterion"]]
        part["value"] = values[known]
        part["stderr"] = np.nan
        part["stderr_origin"] = None
        part["detail"] = TASK_DETAIL
        parts.append(part)
    return pd.concat(parts, ignore_index=True) if parts else cells.iloc[:0]


def task_criteria(results: pd.DataFrame) -> tuple[str, ...]:
    """The cost- and time-per-task criteria the catalogue has figures for, sorted."""
    out = set()
    for metric, (column, _words, _unit) in TASK_METRICS.items():
        if column in results:
            stated = pd.to_numeric(results[column], errors="coerce").notna()
            out |= {task_criterion(b, metric) for b in results.loc[stated, "benchmark"]}
    return tuple(sorted(out))


STDERR_STATED = "stated by the source"


def with_stderrs(
    cells: pd.DataFrame, benchmarks: pd.DataFrame, trials: pd.Series | None = None
) -> pd.DataFrame:
    """Benchmark figures with their standard error and its origin (docs/scoring.md,
    "Uncertainty"): the source's own; else, for a percent score over a known number of items
    n averaged over t stated trials, the binomial 100 * sqrt(p (1 - p) / (n t)) with p held
    within [1 / 2n, 1 - 1 / 2n]; else unknown (NaN), with the reason."""
    info = benchmarks.set_index("benchmark")
    n_items = info["n_items"] if "n_items" in info else pd.Series(np.nan, index=info.index)
    n = pd.to_numeric(cells["criterion"].map(n_items), errors="coerce").to_numpy(float)
    percent = (cells["criterion"].map(info["unit"]) == "percent").to_numpy(bool)
    stated = pd.to_numeric(cells["stderr"], errors="coerce").to_numpy(float)
    if trials is None:
        trials = cells["trials"] if "trials" in cells else pd.Series(np.nan, index=cells.index)
    t = pd.to_numeric(pd.Series(np.asarray(trials)), errors="coerce").to_numpy(float)
    runs = np.where(np.isnan(t) | (t < 1), 1.0, t)
    value = pd.to_numeric(cells["value"], errors="coerce").to_numpy(float)
    binomial = percent & (n >= 1) & ~np.isnan(value)
    with np.errstate(invalid="ignore", divide="ignore"):
        half = 0.5 / n
        p = np.clip(value / 100.0, half, 1 - half)
        spread = 100.0 * np.sqrt(p * (1 - p) / (n * runs))
    known = ~np.isnan(stated)
    origin = pd.Series(
        np.where(
            percent, "unknown: no item count for this benchmark", "unknown: not a percent score"
        ),
        dtype=object,
    )
    derived = binomial & ~known
    if derived.any():  # a few distinct (items, trials) pairs: each text made once
        pairs = n[derived].astype(np.int64) * 1_000_003 + runs[derived].astype(np.int64)
        distinct, codes = np.unique(pairs, return_inverse=True)
        texts = np.array(
            [
                f"binomial, {p // 1_000_003} items"
                + (f" x {p % 1_000_003} trials" if p % 1_000_003 > 1 else "")
                for p in distinct.tolist()
            ],
            dtype=object,
        )
        origin[derived] = texts[codes.reshape(-1)]
    origin[known] = STDERR_STATED
    out = cells.copy()
    out["stderr"] = np.where(known, stated, np.where(binomial, spread, np.nan))
    out["stderr_origin"] = origin.to_numpy(dtype=object)
    return out


def result_bands(results: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Each result's effort band (advisor.domain.efforts) if it describes extended thinking,
    and if it describes standard use; worked out once per distinct (effort, settings)."""
    pairs = pd.MultiIndex.from_arrays(
        [results["reasoning_effort"].fillna(""), results["settings"].fillna("")]
    )
    codes, distinct = pd.factorize(pairs)
    thinking = np.array([effort_band(e, s, True) for e, s in distinct] or [""], dtype=object)
    standard = np.array([effort_band(e, s, False) for e, s in distinct] or [""], dtype=object)
    return thinking[codes], standard[codes]


def _sourced_attributes(attributes: pd.DataFrame | None) -> pd.DataFrame:
    """Sourced attribute values of the vendors' own APIs, as numbers, each with its
    precedence step (advisor.domain.precedence), best first per model and attribute."""
    columns = ["model_id", "attribute", "number", "rank", *_PROVENANCE]
    if attributes is None or attributes.empty:
        return pd.DataFrame(columns=columns)
    own = attributes[attributes["channel"].fillna("") == ""].copy()
    own["number"] = pd.to_numeric(own["value"], errors="coerce")
    own["rank"] = [
        attribute_rank(k, r) for k, r in zip(own["source_kind"], own["reported_by"], strict=True)
    ]
    own["_newest"] = -_date_keys(own["source_date"].fillna("").astype(str))
    own = own.sort_values(["model_id", "attribute", "rank", "_newest", "source_record"])
    return own[columns].reset_index(drop=True)


_PROVENANCE = (
    "source_kind",
    "reported_by",
    "source_url",
    "source_date",
    "source_record",
    "source",
)


def _attribute_cells(
    candidates: pd.DataFrame, sourced: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One figure per candidate and attribute, and every other source's value for it. A
    figure's provenance is the best-ranked sourced value equal to the one used, else the model
    row's own (a vendor's, unless it says)."""
    attrs = candidates.copy()
    attrs["blended_usd_per_mtok"] = (
        3 * attrs["input_usd_per_mtok"] + attrs["output_usd_per_mtok"]
    ) / 4
    for column in ("source_kind", "reported_by", "source"):
        if column not in attrs:
            attrs[column] = None
    attrs["source_kind"] = attrs["source_kind"].fillna(SourceKind.VENDOR.value)
    attrs["source_record"] = ""
    long = attrs.melt(
        id_vars=["row", "model_id", *_PROVENANCE],
        value_vars=list(ATTRIBUTE_FIGURES),
        var_name="criterion",
        value_name="value",
    ).dropna(subset=["value"])
    if len(sourced):
        stated = sourced.rename(columns={"attribute": "criterion"})
        matched = (
            long[["model_id", "criterion", "value"]]
            .reset_index()
            .merge(stated, on=["model_id", "criterion"])
        )
        same = np.isclose(matched["number"], matched["value"], rtol=1e-9, atol=0)
        best = matched[same].drop_duplicates("index")  # sourced rows come best first
        long.loc[best["index"], list(_PROVENANCE)] = best[list(_PROVENANCE)].to_numpy()
    # whether or not other models' attributes are sourced: a row's figures are its own
    long = _blended_provenance(long)
    if len(sourced):
        others = _other_attribute_values(long, stated)
    else:
        others = pd.DataFrame(columns=ALTERNATIVE_COLUMNS)
    long["condition"] = ""
    long["flags"] = ""
    long["detail"] = np.where(
        long["criterion"] == "blended_usd_per_mtok", "(3 x input + output) / 4", ""
    )
    return long.drop(columns=["model_id"]), others


def _other_attribute_values(long: pd.DataFrame, stated: pd.DataFrame) -> pd.DataFrame:
    """Sourced values of each used attribute other than the one cited."""
    used = long[["row", "model_id", "criterion", "source_url", "source_record"]]
    pairs = used.merge(stated, on=["model_id", "criterion"], suffixes=("_used", ""))
    cited = (pairs["source_url"].fillna("") == pairs["source_url_used"].fillna("")) & (
        pairs["source_record"].fillna("") == pairs["source_record_used"].fillna("")
    )
    others = pairs[~cited & pairs["number"].notna()].rename(columns={"number": "value"})
    for column in ALTERNATIVE_COLUMNS:
        if column not in others:
            others[column] = None
    return others[ALTERNATIVE_COLUMNS].reset_index(drop=True)


def _blended_provenance(long: pd.DataFrame) -> pd.DataFrame:
    """The blended price cites what its input and output prices cite."""
    blended = np.flatnonzero((long["criterion"] == "blended_usd_per_mtok").to_numpy())
    if not len(blended):
        return long
    rows = long["row"].to_numpy()[blended]

    def part(name: str) -> pd.DataFrame:
        found = long[long["criterion"] == name].drop_duplicates("row").set_index("row")
        return found.reindex(rows)

    a, b = part("input_usd_per_mtok"), part("output_usd_per_mtok")
    ua, ub = a["source_url"].fillna("").to_numpy(), b["source_url"].fillna("").to_numpy()
    ra, rb = a["source_record"].fillna("").to_numpy(), b["source_record"].fillna("").to_numpy()
    urls = np.where((ua == ub) | (ub == ""), ua, np.where(ua == "", ub, ua + " ; " + ub))
    records = np.where((ra == rb) | (rb == ""), ra, np.where(ra == "", rb, ra + " ; " + rb))
    columns = [long.columns.get_loc(c) for c in _PROVENANCE]
    values = np.column_stack(
        [
            a["source_kind"].to_numpy(dtype=object),
            a["reported_by"].to_numpy(dtype=object),
            urls,
            a["source_date"].to_numpy(dtype=object),
            records,
            a["source"].to_numpy(dtype=object),
        ]
    )
    long.iloc[blended, columns] = values
    return long


# What an offer may state itself; an offer that states no context or output limit is shown the
# model's own (from its vendor's API), said so in the figure's detail.
_OFFER_FIGURES = (
    "input_usd_per_mtok",
    "output_usd_per_mtok",
    "cache_read_usd_per_mtok",
    "context_window",
    "max_output_tokens",
)
_MODEL_LIMITS = ("context_window", "max_output_tokens")
MODEL_LIMIT_DETAIL = "the model's own figure (its vendor's API): this offer states none"


def _sourced_offer_attributes(attributes: pd.DataFrame | None) -> pd.DataFrame:
    """Sourced values of every other channel's offers, as numbers, best first per offer and
    attribute by the same precedence as the vendors' own (advisor.domain.precedence)."""
    columns = ["model_id", "channel", "region", "attribute", "number", *_PROVENANCE]
    if attributes is None or attributes.empty:
        return pd.DataFrame(columns=columns)
    listed = attributes[attributes["channel"].fillna("") != ""].copy()
    listed["region"] = listed["region"].fillna("") if "region" in listed else ""
    listed["number"] = pd.to_numeric(listed["value"], errors="coerce")
    listed = listed[listed["number"].notna() & listed["attribute"].isin(_OFFER_FIGURES)]
    listed["rank"] = [
        attribute_rank(k, r)
        for k, r in zip(listed["source_kind"], listed["reported_by"], strict=True)
    ]
    listed["_newest"] = -_date_keys(listed["source_date"].fillna("").astype(str))
    listed = listed.sort_values(
        ["model_id", "channel", "region", "attribute", "rank", "_newest", "source_record"]
    )
    return listed[columns].reset_index(drop=True)


def _offer_attribute_cells(
    candidates: pd.DataFrame, attributes: pd.DataFrame | None, api_cells: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One figure per offer row (not the vendor's own API) and attribute, with its own
    provenance, and every other source's value for it; limits the offer does not state are the
    model's own, said so."""
    offers = candidates.loc[candidates["channel"] != "", ["row", "model_id", "mode", "channel"]]
    offers = offers.assign(region=candidates.loc[offers.index, "region"])
    stated = _sourced_offer_attributes(attributes)
    pairs = offers.merge(stated, on=["model_id", "channel", "region"])
    pairs = pairs.rename(columns={"attribute": "criterion", "number": "value"})
    first = ~pairs.duplicated(["row", "criterion"])
    keep = ["row", "criterion", "value", *_PROVENANCE]
    cells = pairs.loc[first, keep].assign(detail="")
    others = pairs.loc[~first, keep]

    prices = cells.set_index(["row", "criterion"])["value"]
    rows_in = prices.xs("input_usd_per_mtok", level="criterion") if len(prices) else prices
    rows_out = prices.xs("output_usd_per_mtok", level="criterion") if len(prices) else prices
    both = rows_in.index.intersection(rows_out.index)
    if len(both):
        base = cells[(cells["criterion"] == "input_usd_per_mtok") & cells["row"].isin(both)]
        blended = base.assign(
            criterion="blended_usd_per_mtok",
            value=((3 * rows_in[both] + rows_out[both]) / 4).reindex(base["row"]).to_numpy(),
            detail="(3 x input + output) / 4",
        )
        cells = _blended_provenance(pd.concat([cells, blended], ignore_index=True))

    api_rows = candidates.loc[candidates["channel"] == "", ["row", "model_id", "mode"]]
    limits = api_cells[api_cells["criterion"].isin(_MODEL_LIMITS)].merge(
        api_rows, on="row", suffixes=("", "_api")
    )
    limits = limits.drop(columns=["row"]).merge(offers[["row", "model_id", "mode"]])
    have = pd.MultiIndex.from_frame(cells[["row", "criterion"]])
    wanted = pd.MultiIndex.from_frame(limits[["row", "criterion"]])
    fallback = limits[~wanted.isin(have)].assign(detail=MODEL_LIMIT_DETAIL)
    cells = pd.concat([cells, fallback[[*keep, "detail"]]], ignore_index=True)
    cells["condition"] = ""
    cells["flags"] = ""
    for column in ALTERNATIVE_COLUMNS:
        if column not in others:
            others[column] = None
    return cells, others[ALTERNATIVE_COLUMNS].reset_index(drop=True)


def _measurement_cells(
    frames: CatalogueFrames, candidates: pd.DataFrame, own: bool = True
) -> pd.DataFrame:
    measurements = frames.measurements
    if not own:  # published figures only
        measurements = measurements[measurements["source_kind"] != SourceKind.INTERNAL.value]
    m = measurements.merge(candidates[["model_id", "mode", "row"]], on=["model_id", "mode"])
    if m.empty:
        return m.assign(criterion=[], flags=[], detail=[])
    m["criterion"] = m["metric"].map(MEASUREMENT_METRICS)
    m["_internal"] = (m["source_kind"] != SourceKind.INTERNAL.value).astype(int)
    m["_date"] = -date_key(m["source_date"])
    m = m.sort_values(["row", "criterion", "_internal", "_date", "region"], kind="stable")
    m = m.drop_duplicates(["row", "criterion"], keep="first")
    m["condition"] = m["mode"]
    m["flags"] = ""
    m["detail"] = (
        "region "
        + m["region"].fillna("").replace("", "unstated")
        + ", n="
        + m["sample_count"].astype("Int64").astype(str).replace("<NA>", "?")
    )
    return m


def rate_limit_table(frames: CatalogueFrames) -> pd.DataFrame:
    """Published limits per catalogue model and tier level, the newest source per pair."""
    limits = frames.rate_limits[frames.rate_limits["tier_level"].notna()].copy()
    limits["model_id"] = limits["model_ids"].fillna("").str.split(";")
    limits = limits.explode("model_id")
    limits["model_id"] = limits["model_id"].str.strip()
    limits = limits[limits["model_id"] != ""]
    limits["_date"] = -date_key(limits["source_date"])
    limits = limits.sort_values(["model_id", "tier_level", "_date", "source_url"], kind="stable")
    limits = limits.drop_duplicates(["model_id", "tier_level"], keep="first")
    limits["tier_level"] = limits["tier_level"].astype(int)
    return limits.drop(columns=["_date"]).reset_index(drop=True)


MEASURED_TIER = "measured"  # rate limits read from the team's own account (the live probe)


def _rate_limit_cells(
    frames: CatalogueFrames, candidates: pd.DataFrame, tier: int, own: bool = True
) -> pd.DataFrame:
    rate_limits = frames.rate_limits
    measured = (rate_limits["tier"] == MEASURED_TIER).to_numpy(bool)
    limits = rate_limits[(rate_limits["tier_level"] == tier).to_numpy(bool) | (measured & own)]
    limits = limits.copy()
    limits["_own"] = (limits["tier"] != MEASURED_TIER).astype(int)  # 0 (first) for measured
    limits["model_id"] = limits["model_ids"].fillna("").str.split(";")
    limits = limits.explode("model_id")
    limits["model_id"] = limits["model_id"].str.strip()
    limits = limits[limits["model_id"] != ""]
    limits["rate_limit_rpm"] = limits["requests_per_min"]
    separate = pd.to_numeric(limits["input_tokens_per_min"]).to_numpy(float)
    combined_tpm = pd.to_numeric(limits["tokens_per_min"]).to_numpy(float)
    limits["rate_limit_input_tpm"] = np.where(np.isnan(separate), combined_tpm, separate)
    limits["_date"] = -date_key(limits["source_date"])
    long = limits.melt(
        id_vars=[
            "model_id",
            "tier",
            "source_url",
            "source_date",
            "_date",
            "_own",
            "tokens_per_min",
        ],
        value_vars=["rate_limit_rpm", "rate_limit_input_tpm"],
        var_name="criterion",
        value_name="value",
    ).dropna(subset=["value"])
    long = long.sort_values(["model_id", "criterion", "_own", "_date", "source_url"], kind="stable")
    long = long.drop_duplicates(["model_id", "criterion"], keep="first")
    long = long.merge(candidates[["model_id", "row"]], on="model_id")
    combined = (long["criterion"] == "rate_limit_input_tpm") & long["tokens_per_min"].notna()
    long["detail"] = "tier " + long["tier"].astype(str)
    own_rows = long["_own"] == 0
    long.loc[own_rows, "detail"] = "measured: stated by the vendor to your account"
    long.loc[combined, "detail"] += " (one combined input+output TPM figure)"
    long["condition"] = ""
    long["source_kind"] = SourceKind.VENDOR.value
    long.loc[own_rows, "source_kind"] = SourceKind.INTERNAL.value
    long["flags"] = ""
    return long


def _groups(frames: CatalogueFrames) -> dict[str, dict[str, float]]:
    groups: dict[str, dict[str, float]] = {}
    for row in frames.criterion_groups.itertuples(index=False):
        groups.setdefault(row.group, {})[row.criterion] = float(row.weight)
    return groups


def _alternatives(*parts: pd.DataFrame) -> pd.DataFrame:
    """Other figures, by row and criterion, in the order the rule ranked them."""
    frames = [p for p in parts if len(p)]
    if not frames:
        return pd.DataFrame(columns=ALTERNATIVE_COLUMNS)
    others = pd.concat(frames, ignore_index=True)
    for column in ALTERNATIVE_COLUMNS:
        if column not in others:
            others[column] = None
    others = others[ALTERNATIVE_COLUMNS]
    order = np.lexsort((_sort_codes(others["criterion"]), others["row"].to_numpy()))
    return others.take(order).reset_index(drop=True)


def build_decision_matrix(
    frames: CatalogueFrames, policy: Policy, tasks: tuple[str, ...] | None = None
) -> DecisionMatrix:
    """Enumerate candidates the policy allows and pick, per candidate and criterion, the one
    figure that counts (rules in docs/scoring.md, "Which figure counts"). ``tasks``: the
    cost- and time-per-task criteria, when ``frames`` holds only some models' rows
    (default: :func:`task_criteria` of its results)."""
    candidates = candidates_of(frames, policy)
    bench_cells, set_aside, bench_others = benchmark_figures(frames, candidates, policy)
    cells, others = attribute_figures(frames, candidates, policy)
    return assemble_matrix(
        frames,
        policy,
        candidates,
        [*cells, bench_cells],
        set_aside,
        [*others, bench_others],
        tasks=tasks,
        rate_limits=rate_limit_table(frames),
    )


def attribute_figures(
    frames: CatalogueFrames, candidates: pd.DataFrame, policy: Policy
) -> tuple[list[pd.DataFrame], list[pd.DataFrame]]:
    """Every figure that is not a benchmark's (prices, limits, measurements, rate limits: the
    criteria of ``ATTRIBUTE_CRITERIA``), and the other sources' values that lost to them."""
    # The vendor's own API: its prices and limits, measurements and published rate limits
    # (measured and published on that API, not on a cloud's or a reseller's).
    api = candidates[candidates["channel"] == ""]
    sourced = _sourced_attributes(frames.model_attributes)
    attr_cells, attr_others = _attribute_cells(api, sourced)
    offer_cells, offer_others = _offer_attribute_cells(
        candidates, frames.model_attributes, attr_cells
    )
    cells = [
        attr_cells,
        offer_cells,
        _measurement_cells(frames, api, policy.own_measurements),
        _rate_limit_cells(frames, api, policy.rate_limit_tier, policy.own_measurements),
    ]
    return cells, [attr_others, offer_others]


def assemble_matrix(
    frames: CatalogueFrames,
    policy: Policy,
    candidates: pd.DataFrame,
    cells: list[pd.DataFrame],
    set_aside: pd.DataFrame,
    others: list[pd.DataFrame],
    *,
    tasks: tuple[str, ...] | None,
    rate_limits: pd.DataFrame,
) -> DecisionMatrix:
    """The matrix of ``candidates`` from their figures (``cells``, one per row and criterion,
    in any order), the results set aside and the alternatives (``others``)."""
    cells = pd.concat(cells, ignore_index=True)
    for column in FIGURE_COLUMNS:
        if column not in cells:
            cells[column] = None
    cells = cells[FIGURE_COLUMNS]
    # A stable sort by row, then criterion (as sort_values would, on integer codes).
    order = np.lexsort((_sort_codes(cells["criterion"]), cells["row"].to_numpy()))
    figures = cells.take(order).reset_index(drop=True)

    benchmarks = frames.benchmarks.sort_values("benchmark")
    if tasks is None:
        tasks = task_criteria(frames.results)
    criteria = tuple(ATTRIBUTE_CRITERIA) + tuple(benchmarks["benchmark"]) + tasks
    higher = np.array(
        [ATTRIBUTE_CRITERIA[c].higher_is_better for c in ATTRIBUTE_CRITERIA]
        + [bool(v) for v in benchmarks["higher_is_better"]]
        + [False] * len(tasks),  # less cost and time per task is better
        dtype=bool,
    )
    values = np.full((len(candidates), len(criteria)), np.nan)
    index = {c: j for j, c in enumerate(criteria)}
    cols = figures["criterion"].map(index)
    known = cols.notna()
    values[figures.loc[known, "row"].to_numpy(int), cols[known].to_numpy(int)] = figures.loc[
        known, "value"
    ].to_numpy(float)

    open_weights = candidates["open_weights"].map({True: 1.0, False: 0.0}).astype(float).to_numpy()
    return DecisionMatrix(
        model_ids=candidates["model_id"].to_numpy(dtype=object),
        modes=candidates["mode"].to_numpy(dtype=object),
        vendors=candidates["vendor"].to_numpy(dtype=object),
        open_weights=open_weights,
        criteria=criteria,
        higher_is_better=higher,
        values=values,
        groups=_groups(frames),
        figures=figures,
        set_aside=set_aside.reset_index(drop=True),
        alternatives=_alternatives(*others),
        tiebreak=np.arange(len(candidates)),
        rate_limits=rate_limits,
        channels=candidates["channel"].to_numpy(dtype=object),
        regions=candidates["region"].to_numpy(dtype=object),
        efforts=candidates["effort"].to_numpy(dtype=object),
        budget_band=policy.budget_band,
        scales=tuple([""] * len(ATTRIBUTE_CRITERIA))
        + tuple(estimate_scale(u) for u in benchmarks["unit"])
        + ("",) * len(tasks),
        lifecycle=offer_lifecycle(frames.lifecycle, candidates),
        assurances=frames.assurances,
    )


LIFECYCLE_COLUMNS = (
    "row",
    "event",
    "date",
    "source_kind",
    "reported_by",
    "source_url",
    "source_date",
    "source_record",
    "notes",
    "source",
)


def offer_lifecycle(lifecycle: pd.DataFrame | None, candidates: pd.DataFrame) -> pd.DataFrame:
    """The lifecycle events that describe each candidate's offer (same model, channel and
    region), one row per (candidate row, event)."""
    if lifecycle is None or lifecycle.empty:
        return pd.DataFrame(columns=list(LIFECYCLE_COLUMNS))
    events = lifecycle.assign(
        channel=lifecycle["channel"].fillna(""), region=lifecycle["region"].fillna("")
    )
    keys = candidates[["row", "model_id", "channel", "region"]]
    matched = keys.merge(events, on=["model_id", "channel", "region"])
    matched = matched.sort_values(["row", "event", "date"], kind="stable", na_position="last")
    return matched[list(LIFECYCLE_COLUMNS)].reset_index(drop=True)
