"""Renewals due in the next 30/60/90/120 days, overdue ones, and the calendar by month and owner."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from advisor.crm_import import BoolArray, FloatArray
from advisor.i18n import N_
from advisor.portfolio.frame import months_before
from advisor.portfolio.metrics import rounded, sum_of

RENEWAL_WINDOWS = (30, 60, 90, 120)
NO_OWNER = N_("(no owner)")  # an owner cell left empty; shown with `_()`
AT_RISK_HEALTH = frozenset(
    {"red", "at risk", "at-risk", "poor", "critical", "bad", "churn risk", "high risk", "risk"}
)


@dataclass(frozen=True)
class RenewalWindow:
    days: int  # within this many days of the as-of date (cumulative); -1 for overdue
    accounts: int
    arr: float
    unowned_accounts: int
    unowned_arr: float
    unowned_names: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "days": self.days,
            "accounts": self.accounts,
            "arr": rounded(self.arr),
            "unowned_accounts": self.unowned_accounts,
            "unowned_arr": rounded(self.unowned_arr),
            "unowned_names": list(self.unowned_names),
        }


@dataclass(frozen=True)
class RenewalOutlook:
    windows: tuple[RenewalWindow, ...]
    overdue: RenewalWindow
    undated_accounts: int  # active accounts with no renewal date
    at_risk_in_120: int  # renewals due in 120 days on accounts with an at-risk health label

    def window(self, days: int) -> RenewalWindow:
        for item in self.windows:
            if item.days == days:
                return item
        raise KeyError(days)

    def to_dict(self) -> dict[str, Any]:
        return {
            "windows": [w.to_dict() for w in self.windows],
            "overdue": self.overdue.to_dict(),
            "undated_accounts": self.undated_accounts,
            "at_risk_in_120_days": self.at_risk_in_120,
        }


def _window(
    days: int,
    due: BoolArray,
    listed: BoolArray,
    arr: FloatArray,
    dates: np.ndarray[Any, Any],
    names: list[str],
) -> RenewalWindow:
    """The renewals of the rows `due` marks; `listed` marks the rows nobody owns that any
    window may hold, whose renewal dates and names `dates` and `names` hold (read once for
    every window)."""
    nobody = due & listed
    picked = np.flatnonzero(due[listed])
    # Soonest first, as `sort_values("renewal_date")` orders them (the same quicksort).
    order = picked[np.argsort(dates[picked], kind="quicksort")]
    return RenewalWindow(
        days=days,
        accounts=int(due.sum()),
        arr=sum_of(arr[due]),
        unowned_accounts=int(nobody.sum()),
        unowned_arr=sum_of(arr[nobody]),
        unowned_names=tuple(names[at] for at in order.tolist()),
    )


def days_until_renewal(frame: pd.DataFrame, as_of: date) -> pd.Series[float]:
    """Days from the as-of date to each renewal date (NaN when there is none).

    Whole days, rounded down as `Timedelta.days` counts them, worked out on the numbers alone.
    """
    renewal = frame["renewal_date"].to_numpy(dtype="datetime64[us]")
    days = np.floor((renewal - np.datetime64(as_of, "us")) / np.timedelta64(1, "D"))
    return pd.Series(days, index=frame.index, dtype="float64")


def renewals_due(
    frame: pd.DataFrame, as_of: date, windows: Sequence[int] = RENEWAL_WINDOWS
) -> RenewalOutlook:
    """Renewals of active accounts due within each window, plus overdue and undated ones.

    The days to each renewal are counted once; each window is a mask over the same rows.
    """
    arr = frame["arr_end"].to_numpy(dtype="float64")
    active = arr > 0
    days = days_until_renewal(frame, as_of).to_numpy(dtype="float64")
    unowned = (frame["owner"] == "").to_numpy(dtype=bool)
    ahead = active & (days >= 0)
    longest = max(windows) if windows else 0
    # Every window's rows and the overdue ones are active and due within the longest window:
    # only the unowned among those are ever named.
    listed = unowned & active & (days <= longest)
    at = np.flatnonzero(listed)
    dates = frame["renewal_date"].to_numpy()[at]
    # As `astype(str)` words each name, without walking the Arrow column cell by cell.
    names = [str(name) for name in frame["account"].take(at).tolist()]
    found = [_window(w, ahead & (days <= w), listed, arr, dates, names) for w in windows]
    overdue = _window(-1, active & (days < 0), listed, arr, dates, names)
    health = frame.loc[ahead & (days <= longest), "health"]
    at_risk = int(health.str.lower().isin(AT_RISK_HEALTH).sum())
    return RenewalOutlook(
        windows=tuple(found),
        overdue=overdue,
        undated_accounts=int((active & np.isnan(days)).sum()),
        at_risk_in_120=at_risk,
    )


def renewal_calendar(frame: pd.DataFrame, as_of: date, months: int = 12) -> pd.DataFrame:
    """Renewals of active accounts by month and owner over the next `months` months.

    Columns: month (first day, as a date), owner (NO_OWNER when empty), accounts, arr.
    Overdue renewals are not included: they are reported apart.
    """
    renewal = frame["renewal_date"].to_numpy(dtype="datetime64[us]")
    arr = frame["arr_end"].to_numpy(dtype="float64")
    first = np.datetime64(as_of, "us")
    last = np.datetime64(months_before(as_of, -months), "us")
    ahead = (arr > 0) & ~np.isnat(renewal) & (renewal >= first) & (renewal < last)
    if not ahead.any():
        return pd.DataFrame(
            {
                "month": pd.Series([], dtype="object"),
                "owner": pd.Series([], dtype="str"),
                "accounts": pd.Series([], dtype="int64"),
                "arr": pd.Series([], dtype="float64"),
            }
        )
    # Grouped on one number per month and owner (the month times the owners, plus the owner's
    # place among the sorted names): the same groups, in the same order and summed over the
    # same rows as grouping on the dates and the names, at a tenth of the work.
    owner_codes, names = pd.factorize(frame["owner"][ahead])
    named = owner_codes >= 0  # a missing owner is no group, as grouping on the names drops it
    shown = [NO_OWNER if name == "" else str(name) for name in list(names)]
    order, owners = pd.factorize(np.array(shown, dtype=object), sort=True)
    month = _months(renewal[ahead][named])
    key = month * len(owners) + order[owner_codes[named]]
    grouped = pd.Series(arr[ahead][named]).groupby(key, sort=True)
    sums, sizes = grouped.sum(), grouped.size()
    keys = sums.index.to_numpy(dtype="int64")
    months_of = (keys // len(owners)).astype("datetime64[M]").astype("datetime64[D]")
    return pd.DataFrame(
        {
            "month": pd.Series(months_of.tolist(), dtype="object"),
            "owner": pd.Series(owners[keys % len(owners)], dtype="str"),
            "accounts": pd.Series(sizes.to_numpy(), dtype="int64"),
            "arr": pd.Series(sums.to_numpy(), dtype="float64"),
        }
    )


def _months(dates: np.ndarray[Any, Any]) -> np.ndarray[Any, np.dtype[np.int64]]:
    """`dates.astype("datetime64[M]")` as numbers: each distinct day's month worked out once
    (renewals fall on a few hundred days), not a calendar sum per row."""
    codes, days = pd.factorize(dates.astype("datetime64[D]").view("int64"))
    months = days.astype("datetime64[D]").astype("datetime64[M]").astype("int64")
    return np.asarray(months[codes], dtype=np.int64)


def calendar_records(calendar: pd.DataFrame) -> list[dict[str, Any]]:
    """The renewals calendar as plain records (month as ISO text)."""
    return [
        {
            "month": str(month),
            "owner": str(owner),
            "accounts": int(accounts),
            "arr": rounded(float(arr)),
        }
        for month, owner, accounts, arr in zip(
            calendar["month"].tolist(),
            calendar["owner"].tolist(),
            calendar["accounts"].tolist(),
            calendar["arr"].tolist(),
            strict=True,
        )
    ]
