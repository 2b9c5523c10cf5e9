"""The team's requirements: weights per criterion, hard constraints and policy."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from dataclasses import dataclass, field

from advisor.domain.constraints import BOUNDS
from advisor.domain.efforts import BANDS, band_mode
from advisor.domain.errors import ProfileError
from advisor.domain.offers import ASSURANCES, CHANNELS, LIFECYCLE_RULES, REGIONS, is_region
from advisor.domain.stakeholders import Elicitation, Stakeholder, check_weights
from advisor.domain.vocabulary import (
    DEFAULT_CONDITIONS,
    Aggregation,
    Condition,
    Method,
    MissingRule,
    Mode,
    Normalization,
)


def _check_number(key: str, value: float | None, *, minimum: float = 0.0) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ProfileError(f"{key} must be a number, not {value!r}.")
    if math.isnan(value) or value < minimum:
        raise ProfileError(f"{key} must be a number of at least {minimum:g}, not {value!r}.")


@dataclass(frozen=True, slots=True)
class Constraints:
    """Hard constraints. ``None`` or empty means the constraint is off.

    A candidate whose figure for a constrained criterion is missing fails that constraint:
    a requirement that cannot be checked is not met.
    """

    max_blended_usd_per_mtok: float | None = None
    max_input_usd_per_mtok: float | None = None
    max_output_usd_per_mtok: float | None = None
    min_context_window: float | None = None
    max_latency_ttft_s: float | None = None
    min_rate_limit_rpm: float | None = None
    open_weights_only: bool = False
    vendors_include: tuple[str, ...] = ()
    vendors_exclude: tuple[str, ...] = ()
    min_coverage: float | None = None
    required_criteria: tuple[str, ...] = ()
    max_monthly_cost: float | None = None
    min_rate_limit_headroom: float | None = None
    max_response_time_s: float | None = None
    max_cost_per_task: float | None = None  # Aider polyglot's cost per task, USD
    # What the team can buy (advisor.domain.offers): channel words ("api" = the vendor's own
    # API), regions an offer must be served from, self-hosting only, required assurances.
    channels_include: tuple[str, ...] = ()
    channels_exclude: tuple[str, ...] = ()
    regions_include: tuple[str, ...] = ()
    self_hosted_only: bool = False
    required_assurances: tuple[str, ...] = ()
    # An offer must stay supported this many months after the decision date; one retiring (or
    # deprecated) sooner is excluded or, with retiring = "flag", ranked and flagged.
    min_support_months: int = 6
    retiring: str = "exclude"

    def __post_init__(self) -> None:
        for bound in BOUNDS:
            _check_number(f"constraints.{bound.name}", getattr(self, bound.name))
        _check_number("constraints.min_coverage", self.min_coverage)
        if self.min_coverage is not None and self.min_coverage > 1:
            raise ProfileError(
                f"constraints.min_coverage is a share from 0 to 1, not {self.min_coverage!r}."
            )
        if not isinstance(self.open_weights_only, bool):
            raise ProfileError("constraints.open_weights_only must be true or false.")
        if not isinstance(self.self_hosted_only, bool):
            raise ProfileError("constraints.self_hosted_only must be true or false.")
        for key in ("channels_include", "channels_exclude"):
            _check_words(f"constraints.{key}", getattr(self, key), CHANNELS, "channel")
        _check_words("constraints.required_assurances", self.required_assurances, ASSURANCES)
        for region in self.regions_include:
            if not is_region(region):
                raise ProfileError(
                    f"constraints.regions_include: {region!r} is not a region; use a region "
                    f"word ({', '.join(REGIONS)}) or a cloud region code such as "
                    '"eu-central-1".'
                )
        if (
            isinstance(self.min_support_months, bool)
            or not isinstance(self.min_support_months, int)
            or self.min_support_months < 0
        ):
            raise ProfileError(
                "constraints.min_support_months must be a whole number of months, at least 0."
            )
        if self.retiring not in LIFECYCLE_RULES:
            raise ProfileError(
                f"constraints.retiring is {self.retiring!r}; use "
                + " or ".join(f'"{r}"' for r in LIFECYCLE_RULES)
                + "."
            )


def _check_words(key: str, words: tuple[str, ...], known: dict, what: str = "") -> None:
    """Every word of a list setting is one of ``known``'s keys."""
    for word in words:
        if word not in known:
            kind = f"{what} " if what else ""
            raise ProfileError(
                f"{key}: {word!r} is not a known {kind}word; use one of {', '.join(known)}."
            )


# Far above any real team (a billion requests a day, a billion tokens per request), low enough
# that a month's cost cannot overflow to infinity.
WORKLOAD_MAXIMA = {
    "requests_per_day": 1e10,
    "peak_requests_per_min": 1e9,
    "concurrency": 1e9,
    "input_tokens_per_request": 1e9,
    "output_tokens_per_request": 1e9,
    "reasoning_tokens_standard": 1e9,
    "reasoning_tokens_extended_thinking": 1e9,
}


@dataclass(frozen=True, slots=True)
class Workload:
    """How the team will use the model; turns list prices and limits into monthly cost, rate
    headroom and response time (formulas in docs/scoring.md, "Workload")."""

    requests_per_day: float = 0.0
    peak_requests_per_min: float | None = None
    input_tokens_per_request: float = 0.0
    output_tokens_per_request: float = 0.0
    cached_input_share: float = 0.0
    reasoning_tokens_standard: float = 0.0
    reasoning_tokens_extended_thinking: float = 0.0
    concurrency: float | None = None
    working_days_per_month: float = 21.0
    tiers: dict[str, int] = field(default_factory=dict)  # vendor -> account tier level
    # Thinking tokens per request at each effort band, where they differ from the mode's
    # (a candidate of that band, or a comparison at equal budget in it, uses its own).
    reasoning_tokens_by_band: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in (
            "requests_per_day",
            "peak_requests_per_min",
            "input_tokens_per_request",
            "output_tokens_per_request",
            "reasoning_tokens_standard",
            "reasoning_tokens_extended_thinking",
            "concurrency",
            "working_days_per_month",
        ):
            _check_number(f"workload.{name}", getattr(self, name))
        _check_number("workload.cached_input_share", self.cached_input_share)
        if self.cached_input_share > 1:
            raise ProfileError(
                "workload.cached_input_share is a share from 0 to 1, "
                f"not {self.cached_input_share!r}."
            )
        if self.working_days_per_month > 31:
            raise ProfileError("workload.working_days_per_month cannot exceed 31.")
        for name, most in WORKLOAD_MAXIMA.items():
            value = getattr(self, name)
            if value is not None and value > most:
                raise ProfileError(
                    f"workload.{name} must be at most {most:,.0f}, not {value!r}; no team's "
                    "workload is that large."
                )
        for band, tokens in self.reasoning_tokens_by_band.items():
            if band not in BANDS:
                raise ProfileError(
                    f"workload.reasoning_tokens_by_band.{band} is not an effort band; use "
                    f"{', '.join(BANDS)}."
                )
            _check_number(f"workload.reasoning_tokens_by_band.{band}", tokens)
            if tokens is None or tokens > WORKLOAD_MAXIMA["reasoning_tokens_extended_thinking"]:
                raise ProfileError(
                    f"workload.reasoning_tokens_by_band.{band} must be a number of tokens from 0 "
                    "to 1,000,000,000."
                )
        for vendor, tier in self.tiers.items():
            if isinstance(tier, bool) or not isinstance(tier, int) or tier < 0:
                raise ProfileError(
                    f"workload.tiers.{vendor} must be a whole number (0 = free tier, 1 = first "
                    "paid tier …)."
                )

    def volume_problem(self) -> str:
        """Why this workload cannot describe a team's use, as a sentence ("" when it can): no
        requests, or a stated peak of none, leave nothing to cost or to compare limits with."""
        if self.requests_per_day <= 0:
            return (
                "workload.requests_per_day must be above 0: a workload of no requests has no "
                "monthly cost and no load to compare with rate limits (leave [workload] out to "
                "rank without one)."
            )
        if self.peak_requests_per_min is not None and self.peak_requests_per_min <= 0:
            return (
                "workload.peak_requests_per_min must be above 0, or left out to derive the "
                "peak from workload.concurrency."
            )
        if self.working_days_per_month < 1:
            return "workload.working_days_per_month must be at least 1."
        return ""

    def reasoning_tokens(self, mode: str, band: str = "") -> float:
        """Thinking tokens per request for a mode, at an effort band when one is given and
        the workload states its own figure for it."""
        if band in self.reasoning_tokens_by_band:
            return float(self.reasoning_tokens_by_band[band])
        if mode == "extended_thinking":
            return self.reasoning_tokens_extended_thinking
        return self.reasoning_tokens_standard


@dataclass(frozen=True, slots=True)
class Policy:
    """How figures are chosen and combined."""

    method: Method = Method.WSM
    normalization: Normalization = Normalization.MINMAX
    conditions: tuple[Condition, ...] = DEFAULT_CONDITIONS
    missing: MissingRule = MissingRule.WORST
    modes: tuple[Mode, ...] = (Mode.STANDARD, Mode.EXTENDED_THINKING)
    rate_limit_tier: int = 1
    stale_after_months: int = 12
    # Latency, speed and rate limits measured by the team (source kind "internal", e.g. by the
    # live probe) count before published ones; False ranks on published figures only.
    own_measurements: bool = True
    # The day the decision is made, YYYY-MM-DD: lifecycle dates are judged against it
    # (None: the day the ranking runs).
    decision_date: str | None = None
    # "Compare at equal budget": only figures obtained within this effort band count
    # (advisor.domain.efforts.BANDS); None compares every figure the conditions allow.
    budget_band: str | None = None
    # A candidate per effort band: a model whose thinking figures come from several bands is
    # ranked once per band, each counting only its own band's figures.
    effort_candidates: bool = False
    # Under missing = "estimate": whether an estimated figure meets constraints.required_criteria
    # (by default a requirement needs a published figure).
    estimates_satisfy_requirements: bool = False

    def __post_init__(self) -> None:
        if not self.conditions:
            raise ProfileError(
                'policy.conditions is empty: allow at least one condition, e.g. "standard".'
            )
        if not self.modes:
            raise ProfileError(
                'policy.modes is empty: allow "standard", "extended_thinking" or both.'
            )
        if (
            isinstance(self.rate_limit_tier, bool)
            or not isinstance(self.rate_limit_tier, int)
            or self.rate_limit_tier < 0
        ):
            raise ProfileError(
                "policy.rate_limit_tier must be a whole number "
                "(0 = free tier, 1 = first paid tier)."
            )
        if not isinstance(self.own_measurements, bool):
            raise ProfileError("policy.own_measurements must be true or false.")
        if not isinstance(self.effort_candidates, bool):
            raise ProfileError("policy.effort_candidates must be true or false.")
        if not isinstance(self.estimates_satisfy_requirements, bool):
            raise ProfileError("policy.estimates_satisfy_requirements must be true or false.")
        if (
            isinstance(self.stale_after_months, bool)
            or not isinstance(self.stale_after_months, int)
            or self.stale_after_months < 1
        ):
            raise ProfileError(
                "policy.stale_after_months must be a whole number of months, at least 1."
            )
        if self.budget_band is not None:
            if not isinstance(self.budget_band, str) or self.budget_band not in BANDS:
                raise ProfileError(
                    f"policy.budget_band is {self.budget_band!r}; choose one of "
                    f"{', '.join(BANDS)}, or leave it out to compare every figure."
                )
            mode = Mode(band_mode(self.budget_band))
            if mode not in self.modes:
                raise ProfileError(
                    f'policy.budget_band "{self.budget_band}" compares models in {mode.value} '
                    f"mode, which policy.modes leaves out; add it or choose another band."
                )
        if self.decision_date is not None:
            try:
                dt.date.fromisoformat(str(self.decision_date))
                ok = len(str(self.decision_date)) == 10
            except ValueError:
                ok = False
            if not ok or not isinstance(self.decision_date, str):
                raise ProfileError(
                    f"policy.decision_date is {self.decision_date!r}; write a date as "
                    '"YYYY-MM-DD", or leave it out to judge lifecycle dates against today.'
                )

    def as_of(self) -> dt.date:
        """The decision date: ``decision_date``, else today."""
        if self.decision_date is None:
            return dt.date.today()
        return dt.date.fromisoformat(self.decision_date)


@dataclass(frozen=True, slots=True)
class Profile:
    """Requirements: weights (criterion or criterion-group id -> weight), constraints, policy.

    With ``stakeholders``, ``weights`` are the group's: :func:`group_weights` of theirs under
    ``aggregation`` (the TOML reader and the window keep them so). ``elicitation`` records how
    the profile's own weights were derived when it has no stakeholders.
    """

    name: str
    weights: dict[str, float]
    constraints: Constraints = field(default_factory=Constraints)
    policy: Policy = field(default_factory=Policy)
    description: str = ""
    workload: Workload | None = None
    elicitation: Elicitation | None = None
    stakeholders: tuple[Stakeholder, ...] = ()
    aggregation: Aggregation = Aggregation.ARITHMETIC
    consensus_top_k: int = 3

    def __post_init__(self) -> None:
        check_weights("weights", self.weights)
        names = [s.name for s in self.stakeholders]
        if len(set(names)) != len(names):
            raise ProfileError("Two stakeholders share a name; give each a different name.")
        if (
            isinstance(self.consensus_top_k, bool)
            or not isinstance(self.consensus_top_k, int)
            or self.consensus_top_k < 1
        ):
            raise ProfileError("group.consensus_top_k must be a whole number, at least 1.")

    def with_weights(self, weights: dict[str, float]) -> Profile:
        """A copy with other weights (the rest unchanged)."""
        return dataclasses.replace(self, weights=dict(weights))

    def stakeholder(self, name: str) -> Stakeholder:
        """The stakeholder called ``name``; raises ProfileError naming the known ones."""
        for stakeholder in self.stakeholders:
            if stakeholder.name == name:
                return stakeholder
        known = ", ".join(repr(s.name) for s in self.stakeholders) or "none"
        raise ProfileError(f"No stakeholder is called {name!r}; the profile has {known}.")

    def for_stakeholder(self, name: str) -> Profile:
        """The profile as ``name`` would have it: their weights, everything else shared."""
        stakeholder = self.stakeholder(name)
        return dataclasses.replace(
            self, weights=dict(stakeholder.weights), elicitation=stakeholder.elicitation
        )
