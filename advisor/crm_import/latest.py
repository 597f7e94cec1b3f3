"""The dates a file's rows record something on: how far its data reaches.

Start, end and close dates say something happened on that day, or (an end date after the day
the file is read) is scheduled to; a renewal date, and the expected close date of an open deal,
look ahead, so they are left out. The latest of the others that has already come is the earliest
the export can have been taken, and what the portfolio's as-of date is proposed from.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

EVENT_DATES = ("start_date", "churn_date", "close_date")


def event_days(dates: Mapping[str, pd.Series[Any]], statuses: Sequence[str]) -> tuple[date, ...]:
    """Every day a start, end or close date of any row falls on, once each, in order.

    `dates` holds each date field as parsed for every row (NaT where empty or unreadable);
    `statuses` each row's status category, so open deals' expected close dates are left out.
    """
    found: list[np.ndarray[Any, Any]] = []
    for name in EVENT_DATES:
        if name not in dates:
            continue
        values = dates[name]
        if name == "close_date" and values.notna().any():
            values = values.where(pd.Series(list(statuses), index=values.index) != "open")
        days = values.to_numpy().astype("datetime64[D]")
        # Distinct days first (a hash pass), so only a few hundred values are sorted.
        found.append(pd.unique(days[~np.isnat(days)]))
    if not found:
        return ()
    every = np.unique(np.concatenate(found))
    return tuple(every.astype(object).tolist())


def latest_on(days: Sequence[date], today: date) -> date | None:
    """The latest of the (ordered) days that is not after `today`; None when every one is."""
    at = bisect_right(days, today)
    return days[at - 1] if at else None
