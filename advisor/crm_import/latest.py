"""The latest date a file's rows record something that happened: how far its data reaches.

Start, end and close dates say something happened on that day; a renewal date, and the expected
close date of an open deal, look ahead, so they are left out. The latest of the others is the
earliest the export can have been taken, and what the portfolio's as-of date is proposed from.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import pandas as pd

EVENT_DATES = ("start_date", "churn_date", "close_date")


def latest_event_date(dates: Mapping[str, pd.Series[Any]], statuses: Sequence[str]) -> date | None:
    """The latest start, end or close date of any row (None when no row has one).

    `dates` holds each date field as parsed for every row (NaT where empty or unreadable);
    `statuses` each row's status category, so open deals' expected close dates are left out.
    """
    latest: pd.Timestamp | None = None
    for name in EVENT_DATES:
        if name not in dates:
            continue
        values = dates[name]
        if name == "close_date" and values.notna().any():
            values = values.where(pd.Series(list(statuses), index=values.index) != "open")
        found = values.max()
        if isinstance(found, pd.Timestamp) and not pd.isna(found):
            latest = found if latest is None else max(latest, found)
    return None if latest is None else latest.date()
