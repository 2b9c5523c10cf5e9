"""A figure's uncertainty in words, the same in the window, the command line and the report:
"±2.1" in a table cell, "±2.1 (binomial, 225 items)" where there is room, and the probability
that one candidate outscores another."""

from __future__ import annotations

import math


def _known(stderr: object) -> float | None:
    try:
        value = float(stderr)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(value) else value


def _digits(value: float) -> str:
    return f"{value:.2f}" if value < 1 else f"{value:.1f}"


def plus_minus(stderr: object, origin: object) -> str:
    """A table cell: "±2.1", "±?" for a benchmark figure of unknown error, "" for an exact
    figure (a price or a limit: no origin)."""
    value = _known(stderr)
    if value is not None:
        return f"±{_digits(value)}"
    return "±?" if isinstance(origin, str) and origin else ""


def uncertainty_text(stderr: object, origin: object) -> str:
    """Where there is room: "±2.1 standard error (binomial, 225 items)", "standard error
    unknown (no item count for this benchmark)", or "" for an exact figure."""
    if not isinstance(origin, str) or not origin:
        return ""
    value = _known(stderr)
    if value is None:
        reason = origin.removeprefix("unknown:").strip()
        return f"standard error unknown ({reason})" if reason else "standard error unknown"
    return f"±{_digits(value)} standard error ({origin})"


def odds_text(p: float | None) -> str:
    """P(A outscores B) as a cell: "97%", ">99.9%", "<0.1%", or "?" when not known."""
    if p is None or (isinstance(p, float) and math.isnan(p)):
        return "?"
    if p > 0.999 and p < 1:
        return ">99.9%"
    if 0 < p < 0.001:
        return "<0.1%"
    return f"{p:.0%}" if p in (0.0, 1.0) or 0.01 <= p <= 0.99 else f"{p:.1%}"


def verdict_text(groups, name=lambda label: label) -> str:
    """One sentence: is the leader distinguishable from the runner-up, and at what confidence?

    ``groups`` is a tie-group study (``advisor.engine.uncertainty.TieGroups``: labels in rank
    order, group, p_first, p_leader, samples, confidence, noise.known); ``name`` turns a label
    into the face's display name."""
    if not groups.labels:
        return "No candidate is ranked, so there is nothing to tell apart."
    if len(groups.labels) == 1:
        return f"{name(groups.labels[0])} is the only ranked candidate."
    odds = float(groups.p_leader[1])
    leader, runner = name(groups.labels[0]), name(groups.labels[1])
    draws = f"{groups.samples:,} draws of the figures within their standard errors"
    if groups.noise.known == 0:
        return (
            f"No weighted benchmark figure states its uncertainty, so the gap between {leader} "
            f"and {runner} cannot be tested against measurement noise."
        )
    if odds >= groups.confidence:
        return (
            f"{leader} outscores the runner-up, {runner}, in {odds_text(odds)} of {draws}: the "
            f"lead is real at {groups.confidence:.0%} confidence."
        )
    tied = [label for label, g in zip(groups.labels, groups.group, strict=True) if g == 0]
    shares = ", ".join(odds_text(float(p)) for p in groups.p_first[: len(tied)])
    return (
        f"Ranks 1–{len(tied)} are within measurement noise ({', '.join(name(t) for t in tied)}: "
        f"P(first) {shares}); {leader} outscores {runner} in only {odds_text(odds)} of {draws}, "
        f"below the {groups.confidence:.0%} a real lead needs."
    )


def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3g}"


ESTIMATED = "estimated"


def estimate_cell(value: float, stderr: object) -> str:
    """An estimated figure in a table cell, never mistakable for a published one:
    "62.3 estimated ±5.1"."""
    se = _known(stderr)
    spread = f" ±{_digits(se)}" if se is not None else ""
    return f"{_number(value)} {ESTIMATED}{spread}"


def interval_text(low: float, high: float) -> str:
    """An estimate's 80% interval in the figure's unit: "55–68.9"."""
    return f"{_number(low)}–{_number(high)}"


def estimate_text(value: float, stderr: object, low: float, high: float) -> str:
    """Where there is room: "62.3 estimated ±5.1 (80% interval 55–68.9; no published
    figure)"."""
    return (
        f"{estimate_cell(value, stderr)} (80% interval {interval_text(low, high)}; "
        "no published figure)"
    )


def validation_text(validated) -> str:
    """The caveat every face puts beside estimates: how wrong they were when published figures
    were hidden (``validated``: advisor.engine.estimates.Validated)."""
    points = (
        f" (on percentage benchmarks, {validated.points:.1f} points on average)"
        if not math.isnan(validated.points)
        else ""
    )
    return (
        "Estimated figures are not published ones: a capability model fit to the catalogue's "
        f"published benchmark scores makes them. With a random {validated.fraction:.0%} of "
        f"those scores hidden ({validated.figures:,} figures over {validated.seeds} draws), "
        f"its estimates were off by {validated.error_ratio:.0%} of the error of guessing each "
        f"benchmark's mean{points}, and their 80% intervals held {validated.coverage:.0%} of "
        "the hidden figures."
    )
