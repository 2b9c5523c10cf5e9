"""Which figures count as old."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from advisor.engine.freshness import cutoff_key, stale


def test_cutoff_moves_back_whole_months():
    assert cutoff_key(dt.date(2026, 11, 25), 12) == 20251125
    assert cutoff_key(dt.date(2026, 3, 31), 3) == 20251231
    assert cutoff_key(dt.date(2026, 1, 15), 1) == 20251215
    assert cutoff_key(dt.date(2026, 3, 31), 1) == 20260228


def test_stale_flags_dated_sources_only():
    dates = pd.Series(["2025-11-24", "2025-11-25", "2026-01-01", "2025", "undated", None])
    flags = stale(dates, dt.date(2026, 11, 25), 12)
    # "2025" reads as 2025-00-00, before the cutoff; undated and missing are never flagged here.
    assert flags.tolist() == [True, False, False, True, False, False]
