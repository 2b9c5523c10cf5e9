"""What each hard constraint is: the one table the engine, the report and the window read.

A *bound* constrains one criterion column from above (a maximum) or below (a minimum); the other
constraints are rules about a candidate (open weights, vendors, required figures, coverage, and
the missing-data rule when it excludes).
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor.domain.criteria import TASK_COST_BENCHMARK, task_criterion


@dataclass(frozen=True, slots=True)
class ConstraintInfo:
    """One constraint: its name (a :class:`~advisor.domain.profile.Constraints` field, or a rule
    the ranking applies), a short label, and for a bound the criterion, direction and units."""

    name: str
    label: str  # short, as the window labels it: "Max price"
    criterion: str = ""  # the bounded criterion column; "" when not a bound
    upper: bool = True  # a bound: True for a maximum, False for a minimum
    what: str = ""  # the figure in a sentence: "blended price"
    unit: str = ""  # after a number in an exclusion reason: " USD/Mtok"
    sentence: str = ""  # the requirement in words, "{}" for the value: "… at most {} USD …"

    @property
    def is_bound(self) -> bool:
        return bool(self.criterion)

    def describe(self, value: object) -> str:
        """The requirement with its value, as the report lists it."""
        if isinstance(value, bool):
            return self.sentence
        if isinstance(value, tuple | list):
            return self.sentence.format(", ".join(map(str, value)))
        if self.name == "min_coverage":
            return self.sentence.format(f"{value:.0%}")
        number = float(value)  # type: ignore[arg-type]
        return self.sentence.format(f"{number:,.0f}" if number.is_integer() else f"{number:g}")


def _bound(name, label, criterion, upper, what, unit, sentence) -> ConstraintInfo:
    return ConstraintInfo(name, label, criterion, upper, what, unit, sentence)


CONSTRAINTS: tuple[ConstraintInfo, ...] = (
    _bound(
        "max_blended_usd_per_mtok",
        "Max price",
        "blended_usd_per_mtok",
        True,
        "blended price",
        " USD/Mtok",
        "Blended price at most {} USD per million tokens",
    ),
    _bound(
        "max_input_usd_per_mtok",
        "Max input price",
        "input_usd_per_mtok",
        True,
        "input price",
        " USD/Mtok",
        "Input price at most {} USD per million tokens",
    ),
    _bound(
        "max_output_usd_per_mtok",
        "Max output price",
        "output_usd_per_mtok",
        True,
        "output price",
        " USD/Mtok",
        "Output price at most {} USD per million tokens",
    ),
    _bound(
        "min_context_window",
        "Min context",
        "context_window",
        False,
        "context window",
        " tokens",
        "Context window at least {} tokens",
    ),
    _bound(
        "max_latency_ttft_s",
        "Max latency",
        "latency_ttft_s",
        True,
        "time to first token",
        " s",
        "Time to first token at most {} s",
    ),
    _bound(
        "min_rate_limit_rpm",
        "Min rate limit",
        "rate_limit_rpm",
        False,
        "rate limit",
        " requests/min",
        "Rate limit at least {} requests per minute",
    ),
    _bound(
        "max_monthly_cost",
        "Max monthly cost",
        "monthly_cost",
        True,
        "monthly cost",
        " USD",
        "Monthly cost at the workload at most {} USD",
    ),
    _bound(
        "max_response_time_s",
        "Max response",
        "response_time_s",
        True,
        "expected response time",
        " s",
        "Expected response time at most {} s",
    ),
    _bound(
        "max_cost_per_task",
        "Max cost per task",
        task_criterion(TASK_COST_BENCHMARK, "cost_per_task"),
        True,
        "cost per task (Aider polyglot)",
        " USD",
        "Cost per task at most {} USD (Aider polyglot: the run behind the score, total cost over "
        "its exercises)",
    ),
    _bound(
        "min_rate_limit_headroom",
        "Min headroom",
        "rate_limit_headroom",
        False,
        "rate-limit headroom",
        "x",
        "Rate-limit headroom at peak at least {}x the demand",
    ),
    ConstraintInfo("open_weights_only", "Open weights only", sentence="Open weights only"),
    ConstraintInfo("vendors_include", "Vendors", sentence="Only vendors: {}"),
    ConstraintInfo("vendors_exclude", "Vendors", sentence="Excluded vendors: {}"),
    ConstraintInfo("required_criteria", "Required criteria", sentence="Required figures: {}"),
    ConstraintInfo(
        "min_coverage", "Min coverage", sentence="Figures for at least {} of the weight"
    ),
    ConstraintInfo("channels_include", "Channels", sentence="Only channels: {}"),
    ConstraintInfo("channels_exclude", "Channels", sentence="Excluded channels: {}"),
    ConstraintInfo("regions_include", "Regions", sentence="Only offers served from: {}"),
    ConstraintInfo("self_hosted_only", "Self-hosted only", sentence="Self-hosted offers only"),
    ConstraintInfo(
        "required_assurances", "Assurances", sentence="Due-diligence findings required: {}"
    ),
    ConstraintInfo(
        "min_support_months",
        "Min support",
        sentence="Offers supported at least {} months after the decision date",
    ),
    # Not a field of Constraints: an offer retired by the decision date is never a candidate.
    ConstraintInfo("retired", "Retired"),
    # Not a field of Constraints: the missing-data rule "exclude" excludes like a constraint.
    ConstraintInfo("missing", "Missing figure: exclude"),
)
CONSTRAINTS_BY_NAME: dict[str, ConstraintInfo] = {c.name: c for c in CONSTRAINTS}
BOUNDS: tuple[ConstraintInfo, ...] = tuple(c for c in CONSTRAINTS if c.is_bound)


def constraint_label(name: str) -> str:
    """The short label of a constraint (its name when it has none)."""
    info = CONSTRAINTS_BY_NAME.get(name)
    return info.label if info is not None else name
