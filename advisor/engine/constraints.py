"""Hard constraints as vectorised pass/fail masks, each with a reason builder."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from advisor.domain.constraints import BOUNDS, ConstraintInfo
from advisor.domain.offers import (
    SATISFYING_VALUES,
    SELF_HOSTED,
    assurance_label,
    channel_label,
    channel_word,
    region_allowed,
    region_label,
)
from advisor.domain.profile import Constraints
from advisor.engine.due_diligence import finding_for
from advisor.engine.lifecycle import lifecycle
from advisor.engine.matrix import DecisionMatrix
from advisor.engine.weights import unknown_key_error


@dataclass(frozen=True, slots=True)
class Failure:
    """Rows that fail one constraint, and how to say why for a given row."""

    name: str
    mask: np.ndarray
    reason: Callable[[int], str]


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.4g}"


def _bound(matrix: DecisionMatrix, info: ConstraintInfo, limit: float | None) -> Failure | None:
    """Rows beyond one bound (or without the figure), with the reason for each."""
    if limit is None:
        return None
    if info.criterion in matrix.criteria:
        values = matrix.column(info.criterion)
    else:  # a catalogue with no figure for it at all
        values = np.full(len(matrix), np.nan)
    with np.errstate(invalid="ignore"):
        beyond = values > limit if info.upper else values < limit
    missing = np.isnan(values)
    word = "max" if info.upper else "min"
    what, unit = info.what, info.unit

    def reason(row: int) -> str:
        if missing[row]:
            return f"{what} unknown, so the {word} of {_fmt(limit)}{unit} cannot be checked"
        verb = "exceeds" if info.upper else "is below"
        return f"{what} {_fmt(values[row])}{unit} {verb} the {word} of {_fmt(limit)}{unit}"

    return Failure(info.name, beyond | missing, reason)


def _headroom(matrix: DecisionMatrix, bound: float | None) -> Failure | None:
    """Rate-limit headroom at peak, with the tier the workload would need in the reason."""
    if bound is None:
        return None
    values = matrix.column("rate_limit_headroom")
    info = matrix.workload_info
    with np.errstate(invalid="ignore"):
        failed = ~(values >= bound)

    def reason(row: int) -> str:
        if not info:
            return "no workload in the profile, so rate-limit headroom cannot be checked"
        allowed = int(info["allowed_tier"][row])
        peak = info["peak_rpm"][row]
        lowest = info["lowest_fitting_tier"][row]
        if np.isnan(peak):
            return "the workload gives no peak load, so rate-limit headroom cannot be checked"
        demand = f"{_fmt(round(peak))} requests/min at peak"
        if np.isnan(values[row]) and np.isnan(info["best_tier"][row]):
            if matrix.channels[row]:
                via = channel_label(matrix.channels[row])
                return f"no published rate limits for {via}, so {demand} cannot be checked"
            return f"no published rate limits for this model, so {demand} cannot be checked"
        if not np.isnan(lowest) and lowest > allowed:
            return f"needs tier {int(lowest)} for {demand}; profile allows tier {allowed}"
        if np.isnan(lowest):
            best, best_h = info["best_tier"][row], info["best_headroom"][row]
            return (
                f"no published tier carries {demand} (best: tier {int(best)}, "
                f"{best_h:.2f}x the demand)"
            )
        if np.isnan(values[row]):
            return f"no published rate limits at tier {allowed} for {demand}"
        return (
            f"rate-limit headroom {values[row]:.2f}x at tier {allowed} is below the min of "
            f"{bound:g}x for {demand}"
        )

    return Failure("min_rate_limit_headroom", failed, reason)


def channel_words(matrix: DecisionMatrix) -> np.ndarray:
    """Each row's channel word ("api" for the vendor's own API), computed once per matrix."""
    memo = matrix.__dict__
    if "_channel_words" not in memo:
        memo["_channel_words"] = np.array([channel_word(ch) for ch in matrix.channels], object)
    return memo["_channel_words"]


def _offer_rules(matrix: DecisionMatrix, c: Constraints) -> list[Failure]:
    """Channels, regions and self-hosting: what the team can buy."""
    words = channel_words(matrix)
    regions = matrix.regions
    failures = []

    def via(r: int) -> str:
        return channel_label(words[r])

    if c.channels_include:
        outside = ~np.isin(words, list(c.channels_include))
        failures.append(
            Failure(
                "channels_include",
                outside,
                lambda r: f"offered through {via(r)}, not a channel the profile lists",
            )
        )
    if c.channels_exclude:
        inside = np.isin(words, list(c.channels_exclude))
        failures.append(
            Failure("channels_exclude", inside, lambda r: f"{via(r)} is excluded by the profile")
        )
    if c.self_hosted_only:
        hosted = words == SELF_HOSTED
        failures.append(
            Failure(
                "self_hosted_only",
                ~hosted,
                lambda r: f"offered through {via(r)}; the profile requires self-hosting",
            )
        )
    if c.regions_include:
        wanted = tuple(c.regions_include)
        # Self-hosting runs wherever the team runs it, so it meets any region requirement.
        allowed = np.array(
            [
                w == SELF_HOSTED or region_allowed(str(g), wanted)
                for w, g in zip(words, regions, strict=True)
            ],
            dtype=bool,
        )
        places = ", ".join(wanted)
        failures.append(
            Failure(
                "regions_include",
                ~allowed,
                lambda r: (
                    f"{via(r)} states no region for this offer, so serving from {places} "
                    "cannot be checked"
                    if not regions[r]
                    else f"served from {region_label(str(regions[r]))}, not from {places}"
                ),
            )
        )
    return failures


def _assurance_rules(matrix: DecisionMatrix, required: tuple[str, ...]) -> list[Failure]:
    """Each required due-diligence finding: recorded and positive for the offer's vendor and
    channel (advisor.engine.due_diligence.finding_for)."""
    failures = []
    memo = matrix.__dict__.setdefault("_assurance_masks", {})  # weights never change them
    for key in required:
        if key not in memo:
            found = [finding_for(matrix, r, key) for r in range(len(matrix))]
            bad = [f is None or f["value"] not in SATISFYING_VALUES for f in found]
            memo[key] = (found, np.array(bad, dtype=bool))
        found, failed = memo[key]

        def reason(r: int, key: str = key, found: list = found) -> str:
            label = assurance_label(key)
            who = f"{matrix.vendors[r]} via {channel_label(matrix.channels[r])}"
            finding = found[r]
            if finding is None:
                return f"{label}: no finding recorded for {who}"
            return (
                f"{label}: recorded as '{finding['value']}' for {who} ({finding['evidence']}, "
                f"{finding['recorded_on']})"
            )

        failures.append(Failure("required_assurances", failed, reason))
    return failures


def _lifecycle_rules(matrix: DecisionMatrix, c: Constraints, as_of: dt.date) -> list[Failure]:
    """Retired offers are never candidates; offers whose support ends within the required
    months are excluded unless the profile flags them instead (``retiring = "flag"``)."""
    state = lifecycle(matrix, as_of, c.min_support_months)
    failures = [Failure("retired", state.retired, lambda r: str(state.texts[r]))]
    if c.retiring == "exclude":
        months = c.min_support_months
        failures.append(
            Failure(
                "min_support_months",
                state.short & ~state.retired,
                lambda r: (
                    f"{state.texts[r]}: sooner than the {months} months of support after "
                    f"{as_of.isoformat()} the profile requires"
                ),
            )
        )
    return failures


def evaluate(
    matrix: DecisionMatrix,
    constraints: Constraints,
    as_of: dt.date | None = None,
    *,
    estimated: np.ndarray | None = None,
) -> list[Failure]:
    """Every active constraint that at least one row fails (coverage rules live in rank).
    Lifecycle dates are judged on ``as_of`` (default: today). ``estimated`` (like the matrix's
    values) marks estimated cells that meet a required criterion; None: only figures do."""
    c = constraints
    failures = [
        _headroom(matrix, c.min_rate_limit_headroom)
        if info.name == "min_rate_limit_headroom"  # its reason names the tier it would need
        else _bound(matrix, info, getattr(c, info.name))
        for info in BOUNDS
    ]
    if c.open_weights_only:
        closed = matrix.open_weights != 1.0
        unknown = np.isnan(matrix.open_weights)
        failures.append(
            Failure(
                "open_weights_only",
                closed,
                lambda r: (
                    "open weights not stated by the catalogue"
                    if unknown[r]
                    else "weights are not open (profile requires open weights)"
                ),
            )
        )
    if c.vendors_include:
        allowed = set(c.vendors_include)
        outside = np.array([v not in allowed for v in matrix.vendors], dtype=bool)
        failures.append(
            Failure(
                "vendors_include",
                outside,
                lambda r: f"vendor {matrix.vendors[r]} is not in the profile's vendor list",
            )
        )
    if c.vendors_exclude:
        banned = set(c.vendors_exclude)
        inside = np.array([v in banned for v in matrix.vendors], dtype=bool)
        failures.append(
            Failure(
                "vendors_exclude",
                inside,
                lambda r: f"vendor {matrix.vendors[r]} is excluded by the profile",
            )
        )
    for criterion in c.required_criteria:
        if criterion not in matrix.criteria:
            raise unknown_key_error("constraints.required_criteria", criterion, matrix.criteria)
        j = matrix.criteria.index(criterion)
        absent = np.isnan(matrix.values[:, j])
        if estimated is not None:
            absent = absent & ~estimated[:, j]
        failures.append(
            Failure(
                "required_criteria",
                absent,
                lambda r, name=criterion: (
                    f"no counted figure for required criterion {name}"
                    + ("" if estimated is None else " and no estimate of it")
                ),
            )
        )
    failures += _offer_rules(matrix, c)
    failures += _assurance_rules(matrix, c.required_assurances)
    failures += _lifecycle_rules(matrix, c, as_of or dt.date.today())
    return [f for f in failures if f is not None and f.mask.any()]
