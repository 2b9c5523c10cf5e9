"""Hard constraints as vectorised pass/fail masks, each with a reason builder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from advisor.domain.constraints import BOUNDS, ConstraintInfo
from advisor.domain.profile import Constraints
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
    values = matrix.column(info.criterion)
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


def evaluate(matrix: DecisionMatrix, constraints: Constraints) -> list[Failure]:
    """Every active constraint that at least one row fails (coverage rules live in rank)."""
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
        absent = np.isnan(matrix.column(criterion))
        failures.append(
            Failure(
                "required_criteria",
                absent,
                lambda r, name=criterion: f"no counted figure for required criterion {name}",
            )
        )
    return [f for f in failures if f is not None and f.mask.any()]
