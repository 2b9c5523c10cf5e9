"""The controlled vocabulary: conditions, modes, source kinds and policy choices."""

from __future__ import annotations

from enum import StrEnum


class Condition(StrEnum):
    """How a published score was obtained (see data/SOURCES.md)."""

    STANDARD = "standard"
    EXTENDED_THINKING = "extended_thinking"
    PARALLEL = "parallel_test_time_compute"
    EXTENDED_PARALLEL = "extended_thinking+parallel_test_time_compute"
    UNSPECIFIED = "unspecified"

    @property
    def buyable(self) -> bool:
        """Whether a customer can usually run a model this way."""
        return self not in (Condition.PARALLEL, Condition.EXTENDED_PARALLEL)


class Mode(StrEnum):
    """How a customer runs a model. A candidate is a model in a mode."""

    STANDARD = "standard"
    EXTENDED_THINKING = "extended_thinking"


# Which result conditions can describe a model run in a given mode. A result counts for a
# candidate only when its condition is listed here for the mode AND allowed by the policy.
MODE_CONDITIONS: dict[Mode, tuple[Condition, ...]] = {
    Mode.STANDARD: (Condition.STANDARD, Condition.PARALLEL, Condition.UNSPECIFIED),
    Mode.EXTENDED_THINKING: (
        Condition.EXTENDED_THINKING,
        Condition.EXTENDED_PARALLEL,
        Condition.UNSPECIFIED,
    ),
}

# "Compare as deployed": what a customer can buy. Unspecified figures count but are flagged.
DEFAULT_CONDITIONS: tuple[Condition, ...] = (
    Condition.STANDARD,
    Condition.EXTENDED_THINKING,
    Condition.UNSPECIFIED,
)


class SourceKind(StrEnum):
    """Who published a figure relative to the model it describes."""

    VENDOR = "vendor"
    COMPETITOR = "competitor"
    THIRD_PARTY = "third_party"
    INTERNAL = "internal"


class Method(StrEnum):
    """Aggregation method."""

    WSM = "wsm"
    TOPSIS = "topsis"


class Normalization(StrEnum):
    """Column normalisation."""

    MINMAX = "minmax"
    VECTOR = "vector"


class MissingRule(StrEnum):
    """What to do with a weighted criterion a candidate has no figure for."""

    WORST = "worst"
    MEAN = "mean"
    EXCLUDE = "exclude"
    RENORMALISE = "renormalise"
    ESTIMATE = "estimate"  # a latent-capability model's estimate (benchmark scores only)


class Aggregation(StrEnum):
    """How several stakeholders' weights make the group's (docs/scoring.md, "Stakeholders")."""

    ARITHMETIC = "arithmetic"  # mean of each stakeholder's normalised weights
    GEOMETRIC = "geometric"  # geometric mean of normalised weights, normalised again


class ElicitationMethod(StrEnum):
    """How a set of weights was derived from someone's answers."""

    AHP = "ahp"  # pairwise comparisons, principal eigenvector (Saaty)
    SWING = "swing"  # rank the worst-to-best swings, then rate them out of 100
