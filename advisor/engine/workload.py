"""Workload fit: monthly cost, cost per 1,000 requests, rate-limit headroom at peak and expected
response time, derived per candidate from list prices, published limits and measurements.

Vectorised over candidates; formulas in docs/scoring.md ("Workload"). The derived values become
ordinary criteria columns of a new decision matrix, each with a figure row that spells out its
inputs, so the detail pane and the report can show how it was computed.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from advisor.domain.criteria import WORKLOAD_CRITERIA
from advisor.domain.profile import Workload
from advisor.engine.matrix import FIGURE_COLUMNS, DecisionMatrix

MODE_THINKING = "extended_thinking"


def _money(value: float) -> str:
    if value != value:
        return "?"
    return f"${value:,.2f}" if value >= 1 else f"${value:.4g}"


def _count(value: float) -> str:
    return "?" if value != value else f"{value:,.0f}"


def peak_requests_per_minute(workload: Workload, response_s: np.ndarray) -> np.ndarray:
    """The stated peak, or (Little's law) concurrency x 60 / response time when only the
    number of simultaneous requests is known; NaN when neither is."""
    if workload.peak_requests_per_min is not None:
        peak = float(workload.peak_requests_per_min)
        return np.full(len(response_s), peak if peak > 0 else np.nan)  # no demand: no ratio
    if workload.concurrency:
        with np.errstate(divide="ignore", invalid="ignore"):
            return workload.concurrency * 60.0 / response_s
    return np.full(len(response_s), np.nan)


def _headroom_by_tier(
    matrix: DecisionMatrix, peak: np.ndarray, tokens_in: float, tokens_out: np.ndarray
) -> pd.DataFrame:
    """One row per (candidate row, published tier): each limit over its peak demand, and the
    smallest of them (the binding limit)."""
    limits = matrix.rate_limits
    # Published tiers are the vendor's own API's: other offers' limits are not known here.
    api = np.flatnonzero(np.asarray(matrix.channels, dtype=object) == "")
    rows = pd.DataFrame({"row": api, "model_id": np.asarray(matrix.model_ids)[api]})
    if limits is None or limits.empty:
        return rows.iloc[0:0].assign(tier_level=[], headroom=[], binding=[])
    table = rows.merge(limits, on="model_id")
    demand_rpm = peak[table["row"]]
    demand_in = demand_rpm * tokens_in
    demand_out = demand_rpm * tokens_out[table["row"]]
    ratios = {
        "requests/min": table["requests_per_min"] / demand_rpm,
        "input tokens/min": table["input_tokens_per_min"]
        / np.where(demand_in > 0, demand_in, np.nan),
        "output tokens/min": table["output_tokens_per_min"]
        / np.where(demand_out > 0, demand_out, np.nan),
        "tokens/min (input + output)": table["tokens_per_min"].where(
            table["input_tokens_per_min"].isna()
        )
        / np.where(demand_in + demand_out > 0, demand_in + demand_out, np.nan),
    }
    names = list(ratios)
    grid = np.column_stack(
        [pd.to_numeric(ratios[k], errors="coerce").to_numpy(float) for k in names]
    )
    known = ~np.isnan(grid).all(axis=1)
    filled = np.where(np.isnan(grid), np.inf, grid)
    table["headroom"] = np.where(known, filled.min(axis=1), np.nan)
    table["binding"] = np.where(known, np.array(names, dtype=object)[filled.argmin(axis=1)], None)
    return table


def apply_workload(matrix: DecisionMatrix, workload: Workload, default_tier: int) -> DecisionMatrix:
    """A copy of ``matrix`` whose workload criteria are filled in for ``workload``."""
    n = len(matrix)
    col = matrix.column
    modes = np.asarray(matrix.modes, dtype=object)
    reasoning = np.where(
        modes == MODE_THINKING,
        workload.reasoning_tokens_extended_thinking,
        workload.reasoning_tokens_standard,
    ).astype(float)
    for band, tokens in workload.reasoning_tokens_by_band.items():  # a band's own figure
        reasoning[matrix.row_bands() == band] = float(tokens)
    tokens_in = float(workload.input_tokens_per_request)
    tokens_out = workload.output_tokens_per_request + reasoning
    share = workload.cached_input_share
    p_in, p_out, p_cache = (
        col("input_usd_per_mtok"),
        col("output_usd_per_mtok"),
        col("cache_read_usd_per_mtok"),
    )
    cache_known = ~np.isnan(p_cache)
    p_cached = np.where(cache_known, p_cache, p_in)
    per_request = (
        tokens_in * (1 - share) * p_in + tokens_in * share * p_cached + tokens_out * p_out
    ) / 1e6
    monthly = per_request * workload.requests_per_day * workload.working_days_per_month
    per_1k = per_request * 1000
    ttft, speed = col("latency_ttft_s"), col("output_tokens_per_s")
    with np.errstate(divide="ignore", invalid="ignore"):
        response = ttft + tokens_out / speed
    peak = peak_requests_per_minute(workload, response)

    allowed = np.array(
        [workload.tiers.get(str(v), default_tier) for v in matrix.vendors], dtype=float
    )
    by_tier = _headroom_by_tier(matrix, peak, tokens_in, tokens_out)
    headroom = np.full(n, np.nan)
    binding = np.full(n, None, dtype=object)
    limit_source = np.full(n, None, dtype=object)
    limit_date = np.full(n, None, dtype=object)
    lowest = np.full(n, np.nan)
    best_tier = np.full(n, np.nan)
    best_headroom = np.full(n, np.nan)
    if len(by_tier):
        at_allowed = by_tier[by_tier["tier_level"] == allowed[by_tier["row"]]]
        headroom[at_allowed["row"]] = at_allowed["headroom"]
        binding[at_allowed["row"]] = at_allowed["binding"]
        limit_date[at_allowed["row"]] = at_allowed["source_date"].to_numpy()
        limit_source[at_allowed["row"]] = (
            "tier " + at_allowed["tier"].astype(str) + " · " + at_allowed["source_url"].fillna("")
        ).to_numpy()
        fits = by_tier[by_tier["headroom"] >= 1].groupby("row")["tier_level"].min()
        lowest[fits.index] = fits.to_numpy()
        known = by_tier.dropna(subset=["headroom"])
        if len(known):
            best = known.loc[known.groupby("row")["headroom"].idxmax()]
            best_tier[best["row"]] = best["tier_level"]
            best_headroom[best["row"]] = best["headroom"]

    values = matrix.values.copy()
    derived = {
        "monthly_cost": monthly,
        "cost_per_1k_requests": per_1k,
        "rate_limit_headroom": headroom,
        "response_time_s": response,
    }
    for criterion, array in derived.items():
        # an overflow or a ratio over no demand is no figure: it is missing, never inf or NaN
        finite = np.where(np.isfinite(array), array, np.nan)
        derived[criterion] = finite
        values[:, matrix.criteria.index(criterion)] = finite

    figures = _derived_figures(
        matrix,
        workload,
        derived,
        {
            "per_request": per_request,
            "reasoning": reasoning,
            "p_cached": p_cached,
            "cache_known": cache_known,
            "peak": peak,
            "allowed": allowed,
            "binding": binding,
            "limit_source": limit_source,
            "limit_date": limit_date,
        },
    )
    base = matrix.figures
    if base is not None:
        base = base[~base["criterion"].isin(WORKLOAD_CRITERIA)]
        figures = pd.concat([base, figures], ignore_index=True).sort_values(
            ["row", "criterion"], kind="stable"
        )
    info = {
        "allowed_tier": allowed,
        "lowest_fitting_tier": lowest,
        "best_tier": best_tier,
        "best_headroom": best_headroom,
        "peak_rpm": peak,
        "binding": binding,
    }
    return dataclasses.replace(
        matrix,
        values=values,
        figures=figures.reset_index(drop=True),
        workload_info=info,
        pareto_memo={},
    )


def _derived_figures(
    matrix: DecisionMatrix,
    workload: Workload,
    derived: dict[str, np.ndarray],
    parts: dict[str, np.ndarray],
) -> pd.DataFrame:
    """One figure row per candidate and derived criterion, its formula and inputs in ``detail``
    (``parts``: the per-candidate intermediate arrays of :func:`apply_workload`)."""
    w = workload
    per_request, reasoning, p_cached = parts["per_request"], parts["reasoning"], parts["p_cached"]
    cache_known, peak, allowed = parts["cache_known"], parts["peak"], parts["allowed"]
    binding, limit_source, limit_date = parts["binding"], parts["limit_source"], parts["limit_date"]
    price_source = {}
    if matrix.figures is not None:
        prices = matrix.figures[matrix.figures["criterion"] == "input_usd_per_mtok"]
        price_source = dict(zip(prices["row"], prices["source_url"], strict=True))
        dates = dict(zip(prices["row"], prices["source_date"], strict=True))
    else:
        dates = {}
    col = matrix.column
    p_in, p_out = col("input_usd_per_mtok"), col("output_usd_per_mtok")
    records = []
    for r in range(len(matrix)):
        mode = matrix.modes[r]
        cache_note = "" if cache_known[r] else " (no cache price: cached input at the input price)"
        cost_detail = (
            f"per request = ({w.input_tokens_per_request:,.0f} x {1 - w.cached_input_share:.0%} x "
            f"{_money(p_in[r])} + {w.input_tokens_per_request:,.0f} x {w.cached_input_share:.0%} "
            f"x {_money(p_cached[r])} + ({w.output_tokens_per_request:,.0f} output + "
            f"{reasoning[r]:,.0f} reasoning) x {_money(p_out[r])}) / 1M = "
            f"{_money(per_request[r])}{cache_note}"
        )
        records.append(
            (
                r,
                "monthly_cost",
                derived["monthly_cost"][r],
                mode,
                price_source.get(r),
                dates.get(r),
                f"{cost_detail}; x {w.requests_per_day:,.0f} requests/day x "
                f"{w.working_days_per_month:g} days",
            )
        )
        records.append(
            (
                r,
                "cost_per_1k_requests",
                derived["cost_per_1k_requests"][r],
                mode,
                price_source.get(r),
                dates.get(r),
                f"{cost_detail}; x 1,000",
            )
        )
        demand = (
            f"peak {_count(peak[r])} requests/min, {_count(peak[r] * w.input_tokens_per_request)} "
            f"input and {_count(peak[r] * (w.output_tokens_per_request + reasoning[r]))} output "
            f"tokens/min"
        )
        source = limit_source[r] or ""
        url = source.split(" · ", 1)[1] if " · " in source else None
        records.append(
            (
                r,
                "rate_limit_headroom",
                derived["rate_limit_headroom"][r],
                mode,
                url,
                limit_date[r],
                f"{demand} against the published limits at tier {allowed[r]:.0f}"
                + (f" ({source.split(' · ')[0]})" if source else " (none published)")
                + (f"; binding: {binding[r]}" if binding[r] else ""),
            )
        )
        records.append(
            (
                r,
                "response_time_s",
                derived["response_time_s"][r],
                mode,
                None,
                None,
                f"time to first token + ({w.output_tokens_per_request:,.0f} output + "
                f"{reasoning[r]:,.0f} reasoning tokens) / output speed (measurements)",
            )
        )
    frame = pd.DataFrame.from_records(
        records,
        columns=["row", "criterion", "value", "condition", "source_url", "source_date", "detail"],
    )
    frame = frame.dropna(subset=["value"])
    frame["source_kind"] = "derived"
    frame["flags"] = ""
    for column in FIGURE_COLUMNS:
        if column not in frame:
            frame[column] = None
    return frame[FIGURE_COLUMNS]
