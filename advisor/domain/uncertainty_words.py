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
