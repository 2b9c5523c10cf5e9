"""Stakeholders, how their weights were elicited, and how a group's weights are formed.

Pure standard library: the numeric elicitation (eigenvectors) lives in ``advisor.engine``; the
group rule lives here because a profile's weights are derived from its stakeholders when read.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from advisor.domain.errors import ProfileError
from advisor.domain.vocabulary import Aggregation, ElicitationMethod

SAATY_MIN, SAATY_MAX = 1 / 9, 9.0
# How each group rule reads in a sentence ("The group's weights are ...").
AGGREGATION_TEXT = {
    Aggregation.ARITHMETIC: "the arithmetic mean of the stakeholders' normalised weights",
    Aggregation.GEOMETRIC: "the geometric mean of the stakeholders' normalised weights, "
    "normalised again (a criterion any stakeholder leaves at 0 gets 0)",
}


def check_weights(section: str, weights: Mapping[str, float]) -> None:
    """Raise :class:`ProfileError` unless every weight is a finite number >= 0 and one is > 0."""
    if not weights:
        raise ProfileError(f"{section} is empty: give at least one criterion a positive weight.")
    for key, value in weights.items():
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ProfileError(f"{section}.{key} must be a number, not {value!r}.")
        if math.isnan(value) or math.isinf(value):
            raise ProfileError(f"{section}.{key} is {value!r}; give a finite number of 0 or more.")
        if value < 0:
            raise ProfileError(
                f"{section}.{key} is negative ({value!r}); weights must be 0 or more."
            )
    total = sum(weights.values())
    if not math.isfinite(total):
        raise ProfileError(f"{section} add up to more than a number can hold; use smaller weights.")
    if total <= 0:
        raise ProfileError(f"All {section} are 0: give at least one criterion a positive weight.")


def pair_count(n: int) -> int:
    """Judgements needed to compare ``n`` keys pairwise."""
    return n * (n - 1) // 2


@dataclass(frozen=True, slots=True)
class Elicitation:
    """The answers a set of weights was derived from, kept so the derivation can be checked.

    AHP: ``judgements`` holds the upper triangle of the pairwise matrix row by row: for keys
    (a, b, c) it is (a:b, a:c, b:c), where a:b = 3 means "a matters 3 times as much as b".
    Swing: ``ratings`` holds each key's swing rated out of 100 (the swing chosen first is 100).
    ``adjusted`` is true once the weights were changed by hand after elicitation.
    """

    method: ElicitationMethod
    keys: tuple[str, ...]
    judgements: tuple[float, ...] = ()
    ratings: tuple[float, ...] = ()
    consistency_ratio: float | None = None
    date: str = ""
    adjusted: bool = False

    def __post_init__(self) -> None:
        n = len(self.keys)
        if n < 2 or len(set(self.keys)) != n:
            raise ProfileError("elicitation.keys must name at least two different criteria.")
        if self.method is ElicitationMethod.AHP:
            if len(self.judgements) != pair_count(n):
                raise ProfileError(
                    f"elicitation.judgements needs {pair_count(n)} values for {n} keys "
                    f"(one per pair), not {len(self.judgements)}."
                )
            for value in self.judgements:
                if (
                    isinstance(value, bool)
                    or not isinstance(value, int | float)
                    or not SAATY_MIN - 1e-9 <= value <= SAATY_MAX + 1e-9
                ):
                    raise ProfileError(
                        f"elicitation.judgements holds {value!r}; each judgement is a ratio "
                        "from 1/9 to 9."
                    )
        else:
            if len(self.ratings) != n:
                raise ProfileError(
                    f"elicitation.ratings needs one rating per key ({n}), not {len(self.ratings)}."
                )
            for value in self.ratings:
                if (
                    isinstance(value, bool)
                    or not isinstance(value, int | float)
                    or not 0 <= value <= 100
                ):
                    raise ProfileError(
                        f"elicitation.ratings holds {value!r}; each rating is from 0 to 100."
                    )
            if max(self.ratings) != 100:
                raise ProfileError(
                    "elicitation.ratings: the swing chosen first is rated 100; none is."
                )

    @property
    def summary(self) -> str:
        """One line for people, e.g. "pairwise comparisons (AHP), CR 0.04, 2026-12-01"."""
        if self.method is ElicitationMethod.AHP:
            text = "pairwise comparisons (AHP)"
            if self.consistency_ratio is not None:
                text += f", consistency ratio {self.consistency_ratio:.2f}"
        else:
            text = "swing weighting"
        if self.date:
            text += f", {self.date}"
        if self.adjusted:
            text += ", then adjusted by hand"
        return text


@dataclass(frozen=True, slots=True)
class Stakeholder:
    """A named party to the decision with weights of their own."""

    name: str
    weights: dict[str, float] = field(default_factory=dict)
    elicitation: Elicitation | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ProfileError('Each stakeholder needs a name, e.g. name = "Security".')
        check_weights(f"stakeholders.{self.name}.weights", self.weights)


def shares(weights: Mapping[str, float]) -> dict[str, float]:
    """Each weight as a share of the total (the total must be positive)."""
    total = sum(weights.values())
    return {k: v / total for k, v in weights.items()}


def group_weights(
    stakeholders: Sequence[Stakeholder], rule: Aggregation = Aggregation.ARITHMETIC
) -> dict[str, float]:
    """The group's weights (shares summing to 1) over every key any stakeholder weights.

    Each stakeholder's weights are first normalised to shares (a key they leave out is 0).
    Arithmetic: the mean share. Geometric: the geometric mean of the shares, normalised again,
    so a key any stakeholder leaves at 0 gets 0 (a veto).
    """
    if not stakeholders:
        raise ProfileError("The group has no stakeholders.")
    keys: list[str] = []
    for stakeholder in stakeholders:
        keys += [k for k in stakeholder.weights if k not in keys]
    each = [shares(s.weights) for s in stakeholders]
    m = len(each)
    if rule is Aggregation.ARITHMETIC:
        combined = {k: sum(s.get(k, 0.0) for s in each) / m for k in keys}
    else:
        combined = {
            k: math.exp(sum(math.log(s[k]) for s in each) / m)
            if all(s.get(k, 0.0) > 0 for s in each)
            else 0.0
            for k in keys
        }
    total = sum(combined.values())
    if total <= 0:
        raise ProfileError(
            "No criterion is weighted by every stakeholder, so the geometric mean gives every "
            "weight 0; use the arithmetic mean, or have the stakeholders weight a shared criterion."
        )
    return {k: v / total for k, v in combined.items()}
