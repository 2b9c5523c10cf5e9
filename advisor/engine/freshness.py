"""Which figures are old: a source date more than ``months`` before ``as_of``."""

from __future__ import annotations

import calendar
import datetime as dt

import numpy as np
import pandas as pd

from advisor.engine.matrix import date_key


def cutoff_key(as_of: dt.date, months: int) -> int:
    """The YYYYMMDD integer ``months`` calendar months before ``as_of``."""
    month_index = as_of.year * 12 + (as_of.month - 1) - months
    year, month = divmod(month_index, 12)
    day = min(as_of.day, calendar.monthrange(year, month + 1)[1])  # 31 March - 1 month = 28 Feb
    return year * 10000 + (month + 1) * 100 + day


def stale(source_dates: pd.Series, as_of: dt.date, months: int) -> np.ndarray:
    """True where a dated source is older than the cutoff (undated sources are not flagged here;
    they carry their own "undated source" flag)."""
    keys = date_key(source_dates).to_numpy()
    return (keys > 0) & (keys < cutoff_key(as_of, months))
