"""Effort bands: how much reasoning compute a figure cost, so that a comparison "at equal
budget" counts only figures obtained within the same band (docs/scoring.md, "At equal budget").

A result's band comes from its stated reasoning effort, else from a thinking-token budget in
its settings ("thinking budget 32K"), else — for standard use — ``none``. A figure of extended
thinking with neither stated has no band: it cannot be placed, so it never counts at equal
budget.
"""

from __future__ import annotations

import re

# The bands, least compute first, and what each one is.
BANDS: dict[str, str] = {
    "none": "no extended thinking (standard use, or effort none or minimal)",
    "low": "effort low, or a thinking budget under 8K tokens",
    "medium": "effort medium, or a thinking budget from 8K to under 24K tokens (16K)",
    "high": "effort high, or a thinking budget from 24K to under 48K tokens (32K)",
    "max": "effort xhigh or max, or a thinking budget of 48K tokens or more (64K)",
}
_EFFORTS = {
    "none": "none",
    "minimal": "none",
    "low": "low",
    "medium": "medium",
    "high": "high",
    "xhigh": "max",
    "max": "max",
}
# Upper bounds (exclusive, thousands of thinking tokens) of the budget bands.
_BUDGET_BOUNDS = ((8.0, "low"), (24.0, "medium"), (48.0, "high"))
_BUDGET = re.compile(r"thinking budget (\d+(?:\.\d+)?)\s*[Kk]\b")


def budget_band(thousands: float) -> str:
    """The band of a thinking-token budget given in thousands of tokens (32 for "32K")."""
    for bound, band in _BUDGET_BOUNDS:
        if thousands < bound:
            return band
    return "max"


def effort_band(effort: object, settings: object, extended_thinking: bool) -> str:
    """The band of one result ("" when it cannot be placed)."""
    if isinstance(effort, str) and effort in _EFFORTS:
        return _EFFORTS[effort]
    if isinstance(settings, str):
        found = _BUDGET.search(settings)
        if found:
            return budget_band(float(found.group(1)))
    return "" if extended_thinking else "none"


def band_mode(band: str) -> str:
    """The mode a band is run in: ``none`` is standard use, every other band thinking."""
    return "standard" if band == "none" else "extended_thinking"


UNSTATED = "unstated"  # a split model's candidate for its figures of no stated effort


def band_order(band: str) -> int:
    """Where a band sorts: least compute first, no split ("") first, unstated last."""
    if not band:
        return -1
    order = list(BANDS)
    return order.index(band) if band in order else len(order)


def effort_suffix(band: object) -> str:
    """A candidate label's band part: "~high", or "" when candidates are not split by band."""
    return f"~{band}" if isinstance(band, str) and band else ""


def split_label(label: str) -> tuple[str, str]:
    """``"gpt-5@extended_thinking~high/azure"`` -> (``"gpt-5@extended_thinking/azure"``,
    ``"high"``): a label without its band, and the band ("" when none)."""
    head, slash, offer = label.partition("/")
    base, tilde, band = head.partition("~")
    return base + slash + offer, band if tilde else ""


def band_text(band: str) -> str:
    """A band as a reader names it in a candidate's name: "high effort", "effort not stated"."""
    if band == UNSTATED:
        return "effort not stated"
    return f"{band} effort"
