"""The decision matrix: one row per candidate (a model in a mode), one column per criterion,
built from the catalogue tables under a policy. Every cell used keeps its provenance."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from advisor.domain.criteria import ATTRIBUTE_CRITERIA, MEASUREMENT_METRICS
from advisor.domain.frames import CatalogueFrames
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
    "flags",
    "detail",
]


@dataclass(frozen=True)
class DecisionMatrix:
    """Candidates x criteria. ``values`` holds NaN where no figure counts.

    ``figures`` has one row per used cell (see ``FIGURE_COLUMNS``); ``set_aside`` lists results
    that describe a candidate's mode but whose condition the policy does not count.
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
    tiebreak: np.ndarray | None = None
    # Published limits per model and tier (all tiers), for the workload's headroom.
    rate_limits: pd.DataFrame | None = None
    # Per-row facts behind derived workload criteria, for constraint reasons and display.
    workload_info: dict = field(default_factory=dict, compare=False, repr=False)
    # Pareto masks depend only on which criteria are weighted, the missing-data rule and who
    # survived the constraints, never on the weights' sizes: rank() memoises them here.
    pareto_memo: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.tiebreak is None:
            # Ties are broken by model id, then mode: precompute each row's place in that order.
            order = np.lexsort((self.modes.astype(str), self.model_ids.astype(str)))
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
    ) -> DecisionMatrix:
        """A matrix from plain arrays (tests, benchmarks, what-if studies)."""
        values = np.asarray(values, dtype=float)
        rows, cols = values.shape
        return cls(
            model_ids=model_ids
            if model_ids is not None
            else np.array([f"m{i:06d}" for i in range(rows)]),
            modes=modes if modes is not None else np.full(rows, Mode.STANDARD.value, dtype=object),
            vendors=vendors if vendors is not None else np.full(rows, "vendor", dtype=object),
            open_weights=np.full(rows, np.nan),
            criteria=criteria or tuple(f"c{j}" for j in range(cols)),
            higher_is_better=np.asarray(higher_is_better, dtype=bool),
            values=values,
        )

    def __len__(self) -> int:
        return len(self.model_ids)

    def column(self, criterion: str) -> np.ndarray:
        """Values of one criterion (NaN where missing)."""
        return self.values[:, self.criteria.index(criterion)]

    def labels(self) -> list[str]:
        """``model_id@mode`` for every row."""
        return [f"{m}@{mode}" for m, mode in zip(self.model_ids, self.modes, strict=True)]


def date_key(dates: pd.Series) -> pd.Series:
    """Sortable integer from free-text source dates: 2025-05-22 -> 20250522, "2025 (...)" ->
    20250000, undated -> 0. Only a leading ISO date (or year, or year-month) is read."""
    # Source dates repeat a lot: parse each distinct text once.
    codes, distinct = pd.factorize(dates.fillna("").astype(str))
    parts = pd.Series(distinct, dtype=object).str.extract(r"^\s*(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
    parts = parts.fillna("0").astype(int)
    keys = (parts[0] * 10000 + parts[1] * 100 + parts[2]).to_numpy()
    return pd.Series(
        keys[codes] if len(distinct) else np.zeros(len(dates), dtype=int), index=dates.index
    )


_EFFORT_ORDER = {
    Mode.EXTENDED_THINKING.value: {"high": 0, "medium": 1, "low": 2, "minimal": 3, "": 4},
    Mode.STANDARD.value: {"": 0, "minimal": 1, "low": 2, "medium": 3, "high": 4},
}
_PARALLEL = {Condition.PARALLEL.value, Condition.EXTENDED_PARALLEL.value}
_EXACT = {Condition.STANDARD.value, Condition.EXTENDED_THINKING.value}


def _candidates(frames: CatalogueFrames, policy: Policy) -> pd.DataFrame:
    models = frames.models
    thinking_results = frames.results["condition"].isin(
        [Condition.EXTENDED_THINKING.value, Condition.EXTENDED_PARALLEL.value]
    )
    thinking_models = set(frames.results.loc[thinking_results, "model_id"])
    hybrid = models["hybrid_reasoning"].map(lambda v: v is True)
    has_thinking = hybrid | models["model_id"].isin(thinking_models)
    parts = []
    if Mode.STANDARD in policy.modes:
        parts.append(models.assign(mode=Mode.STANDARD.value))
    if Mode.EXTENDED_THINKING in policy.modes:
        parts.append(models[has_thinking].assign(mode=Mode.EXTENDED_THINKING.value))
    candidates = pd.concat(parts, ignore_index=True)
    candidates = candidates.sort_values(["model_id", "mode"], kind="stable").reset_index(drop=True)
    candidates["row"] = np.arange(len(candidates))
    return candidates


def _flags(frame: pd.DataFrame) -> pd.Series:
    flags = pd.Series("", index=frame.index, dtype=object)

    def add(mask: pd.Series, text: str) -> None:
        flags.loc[mask] = flags.loc[mask].map(lambda f: f"{f}; {text}" if f else text)

    add(frame["condition"] == Condition.UNSPECIFIED.value, "condition unspecified by the source")
    add(frame["condition"].isin(_PARALLEL), "parallel test-time compute (usually not buyable)")
    add(frame["source_kind"] == SourceKind.COMPETITOR.value, "reported by a competitor")
    add(frame["task_subset"].fillna("") != "", "partial task set")
    add(frame["harness"].fillna("") != "", "non-standard harness")
    add(frame["source_date"].fillna("").str.startswith("undated"), "undated source")
    return flags


def _benchmark_cells(
    frames: CatalogueFrames, candidates: pd.DataFrame, policy: Policy
) -> tuple[pd.DataFrame, pd.DataFrame]:
    results = frames.results.merge(candidates[["model_id", "mode", "row"]], on="model_id")
    pairs = {(m.value, c.value) for m, conds in MODE_CONDITIONS.items() for c in conds}
    fits_mode = (results["mode"] + "|" + results["condition"]).isin([f"{m}|{c}" for m, c in pairs])
    allowed = results["condition"].isin([c.value for c in policy.conditions])
    counted = results[fits_mode & allowed].copy()
    set_aside = results[fits_mode & ~allowed].copy()
    set_aside["reason"] = "condition " + set_aside["condition"] + " is not counted by the policy"

    cond = counted["condition"]
    counted["_cond_rank"] = np.select([cond.isin(_PARALLEL), cond.isin(_EXACT)], [0, 1], default=2)
    counted["_kind_rank"] = (counted["source_kind"] == SourceKind.COMPETITOR.value).astype(int)
    counted["_date"] = -date_key(counted["source_date"])
    effort = counted["reasoning_effort"].fillna("")
    thinking = counted["mode"] == Mode.EXTENDED_THINKING.value
    counted["_effort"] = np.where(
        thinking,
        effort.map(_EFFORT_ORDER[Mode.EXTENDED_THINKING.value]).fillna(5),
        effort.map(_EFFORT_ORDER[Mode.STANDARD.value]).fillna(5),
    )
    for column in ("harness", "task_subset", "settings"):
        counted[f"_{column}"] = (counted[column].fillna("") != "").astype(int)
    counted = counted.sort_values(
        [
            "row",
            "benchmark",
            "_cond_rank",
            "_kind_rank",
            "_date",
            "_effort",
            "_harness",
            "_task_subset",
            "_settings",
            "source_url",
        ],
        kind="stable",
    ).drop_duplicates(["row", "benchmark"], keep="first")
    cells = counted.rename(columns={"benchmark": "criterion", "score": "value"})
    cells["flags"] = _flags(cells)
    cells["detail"] = ""
    return cells, set_aside


def _attribute_cells(candidates: pd.DataFrame) -> pd.DataFrame:
    attrs = candidates.copy()
    attrs["blended_usd_per_mtok"] = (
        3 * attrs["input_usd_per_mtok"] + attrs["output_usd_per_mtok"]
    ) / 4
    names = [
        "input_usd_per_mtok",
        "output_usd_per_mtok",
        "cache_read_usd_per_mtok",
        "blended_usd_per_mtok",
        "context_window",
        "max_output_tokens",
    ]
    long = attrs.melt(
        id_vars=["row", "source_url", "source_date"],
        value_vars=names,
        var_name="criterion",
        value_name="value",
    ).dropna(subset=["value"])
    long["condition"] = ""
    long["source_kind"] = SourceKind.VENDOR.value
    long["flags"] = ""
    long["detail"] = np.where(
        long["criterion"] == "blended_usd_per_mtok", "(3 x input + output) / 4", ""
    )
    return long


def _measurement_cells(frames: CatalogueFrames, candidates: pd.DataFrame) -> pd.DataFrame:
    m = frames.measurements.merge(candidates[["model_id", "mode", "row"]], on=["model_id", "mode"])
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


def _rate_limit_cells(frames: CatalogueFrames, candidates: pd.DataFrame, tier: int) -> pd.DataFrame:
    limits = frames.rate_limits[frames.rate_limits["tier_level"] == tier].copy()
    limits["model_id"] = limits["model_ids"].fillna("").str.split(";")
    limits = limits.explode("model_id")
    limits["model_id"] = limits["model_id"].str.strip()
    limits = limits[limits["model_id"] != ""]
    limits["rate_limit_rpm"] = limits["requests_per_min"]
    limits["rate_limit_input_tpm"] = limits["input_tokens_per_min"].fillna(limits["tokens_per_min"])
    limits["_date"] = -date_key(limits["source_date"])
    long = limits.melt(
        id_vars=["model_id", "tier", "source_url", "source_date", "_date", "tokens_per_min"],
        value_vars=["rate_limit_rpm", "rate_limit_input_tpm"],
        var_name="criterion",
        value_name="value",
    ).dropna(subset=["value"])
    long = long.sort_values(["model_id", "criterion", "_date", "source_url"], kind="stable")
    long = long.drop_duplicates(["model_id", "criterion"], keep="first")
    long = long.merge(candidates[["model_id", "row"]], on="model_id")
    combined = (long["criterion"] == "rate_limit_input_tpm") & long["tokens_per_min"].notna()
    long["detail"] = "tier " + long["tier"].astype(str)
    long.loc[combined, "detail"] += " (one combined input+output TPM figure)"
    long["condition"] = ""
    long["source_kind"] = SourceKind.VENDOR.value
    long["flags"] = ""
    return long


def _groups(frames: CatalogueFrames) -> dict[str, dict[str, float]]:
    groups: dict[str, dict[str, float]] = {}
    for row in frames.criterion_groups.itertuples(index=False):
        groups.setdefault(row.group, {})[row.criterion] = float(row.weight)
    return groups


def build_decision_matrix(frames: CatalogueFrames, policy: Policy) -> DecisionMatrix:
    """Enumerate candidates the policy allows and pick, per candidate and criterion, the one
    figure that counts (rules in docs/scoring.md, "Which figure counts")."""
    candidates = _candidates(frames, policy)
    bench_cells, set_aside = _benchmark_cells(frames, candidates, policy)
    cells = pd.concat(
        [
            _attribute_cells(candidates),
            bench_cells,
            _measurement_cells(frames, candidates),
            _rate_limit_cells(frames, candidates, policy.rate_limit_tier),
        ],
        ignore_index=True,
    )
    for column in FIGURE_COLUMNS:
        if column not in cells:
            cells[column] = None
    figures = (
        cells[FIGURE_COLUMNS]
        .sort_values(["row", "criterion"], kind="stable")
        .reset_index(drop=True)
    )

    benchmarks = frames.benchmarks.sort_values("benchmark")
    criteria = tuple(ATTRIBUTE_CRITERIA) + tuple(benchmarks["benchmark"])
    higher = np.array(
        [ATTRIBUTE_CRITERIA[c].higher_is_better for c in ATTRIBUTE_CRITERIA]
        + [bool(v) for v in benchmarks["higher_is_better"]],
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
        tiebreak=np.arange(len(candidates)),
        rate_limits=rate_limit_table(frames),
    )
