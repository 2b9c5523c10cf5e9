"""Each offer's lifecycle at the decision date: retired, retiring within the support the
profile requires, deprecated, in preview, or none of these (rules in docs/scoring.md,
"Lifecycle")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from advisor.engine.freshness import cutoff_key
from advisor.engine.matrix import DecisionMatrix, date_key

RETIRED, RETIRING, DEPRECATED, PREVIEW = "retired", "retiring", "deprecated", "preview"


@dataclass(frozen=True)
class Lifecycle:
    """Per matrix row: a badge ("retired", "retiring", "deprecated", "preview" or ""), the
    sentence that explains it with its source, and whether support ends within the horizon
    (``short``: retiring or deprecated by the decision date plus the required months)."""

    badges: np.ndarray
    texts: np.ndarray
    retired: np.ndarray
    short: np.ndarray
    as_of: dt.date
    months: int


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _cited(event: Mapping[str, Any]) -> str:
    who = _text(event["reported_by"]) or _text(event["source"]) or "the catalogue"
    url = _text(event["source_url"])
    return f"{who}, {url}" if url else who


def _on(event: Mapping[str, Any]) -> str:
    date = _text(event["date"])
    return f"on {date}" if date else "(no date stated)"


def lifecycle(matrix: DecisionMatrix, as_of: dt.date, months: int) -> Lifecycle:
    """The lifecycle of every row's offer on ``as_of``, with ``months`` of support required.

    The earliest dated event of a kind counts (two sources giving two retirement dates: the
    sooner); an event stated without a date is in effect at any decision date. Memoised on the
    matrix: weights do not change it, so a slider move never recomputes it."""
    memo = matrix.__dict__.setdefault("_lifecycle_memo", {})
    key = (as_of, months)
    if key not in memo:
        if len(memo) > 8:
            memo.clear()
        memo[key] = _lifecycle(matrix, as_of, months)
    return memo[key]


def _lifecycle(matrix: DecisionMatrix, as_of: dt.date, months: int) -> Lifecycle:
    n = len(matrix)
    badges = np.full(n, "", dtype=object)
    texts = np.full(n, "", dtype=object)
    retired = np.zeros(n, dtype=bool)
    short = np.zeros(n, dtype=bool)
    events = matrix.lifecycle
    if events is None or events.empty:
        return Lifecycle(badges, texts, retired, short, as_of, months)
    today = as_of.year * 10000 + as_of.month * 100 + as_of.day
    horizon = cutoff_key(as_of, -months)
    keyed = events.assign(_key=date_key(events["date"]).to_numpy())
    dated = np.array([bool(_text(d)) for d in keyed["date"]], dtype=bool)
    keyed["_key"] = np.where(dated, keyed["_key"], 0)
    # Dated events first, earliest first; then dateless ones.
    keyed = keyed.assign(_undated=keyed["_key"] == 0).sort_values(
        ["row", "event", "_undated", "_key"], kind="stable"
    )
    first = keyed.drop_duplicates(["row", "event"])
    by_row: dict[int, dict[str, dict]] = {}
    for event in first.to_dict("records"):
        by_row.setdefault(int(event["row"]), {})[event["event"]] = event
    for r, by_event in by_row.items():
        end = [by_event[k] for k in ("retirement", "deprecation") if k in by_event]
        retirement = by_event.get("retirement")
        if retirement is not None and (retirement["_key"] == 0 or retirement["_key"] <= today):
            badges[r], retired[r] = RETIRED, True
            texts[r] = f"retired {_on(retirement)} ({_cited(retirement)})"
            continue
        deprecation = by_event.get("deprecation")
        if deprecation is not None and (deprecation["_key"] == 0 or deprecation["_key"] <= today):
            badges[r], short[r] = DEPRECATED, True
            texts[r] = f"deprecated {_on(deprecation)} ({_cited(deprecation)})"
            continue
        soonest = min(end, key=lambda e: e["_key"]) if end else None
        if soonest is not None and soonest["_key"] <= horizon:
            word = "retiring" if soonest["event"] == "retirement" else "deprecated from"
            badges[r], short[r] = RETIRING, True
            texts[r] = f"{word} {soonest['date']} ({_cited(soonest)})"
            continue
        if soonest is not None:
            word = "retires" if soonest["event"] == "retirement" else "deprecated from"
            texts[r] = f"{word} {soonest['date']} ({_cited(soonest)})"
        if "preview" in by_event:
            badges[r] = PREVIEW
            texts[r] = "; ".join(
                t for t in (texts[r], f"in preview ({_cited(by_event['preview'])})") if t
            )
    return Lifecycle(badges, texts, retired, short, as_of, months)
