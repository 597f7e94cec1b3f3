"""Renewals due in the next 30/60/90/120 days, overdue ones, and the calendar by month and owner."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from advisor.crm_import import BoolArray, FloatArray
from advisor.portfolio.frame import months_before
from advisor.portfolio.metrics import rounded, sum_of

RENEWAL_WINDOWS = (30, 60, 90, 120)
NO_OWNER = "(no owner)"
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
    days: int, frame: pd.DataFrame, due: BoolArray, unowned: BoolArray, arr: FloatArray
) -> RenewalWindow:
    """The renewals of the rows `due` marks; `unowned` marks the rows nobody owns."""
    nobody = due & unowned
    names = frame.loc[nobody, ["renewal_date", "account"]].sort_values("renewal_date")
    return RenewalWindow(
        days=days,
        accounts=int(due.sum()),
        arr=sum_of(arr[due]),
        unowned_accounts=int(nobody.sum()),
        unowned_arr=sum_of(arr[nobody]),
        # As `astype(str)` words each name, without walking the Arrow column cell by cell.
        unowned_names=tuple(str(name) for name in names["account"].tolist()),
    )


def days_until_renewal(frame: pd.DataFrame, as_of: date) -> pd.Series[float]:
    """Days from the as-of date to each renewal date (NaN when there is none)."""
    delta = frame["renewal_date"] - pd.Timestamp(as_of)
    return delta.dt.days.astype("float64")


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
    found = [_window(w, frame, ahead & (days <= w), unowned, arr) for w in windows]
    overdue = _window(-1, frame, active & (days < 0), unowned, arr)
    longest = max(windows) if windows else 0
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
    # Grouped on numbers (the month, the owner's place in the sorted names): the same groups,
    # in the same order and summed over the same rows as grouping on the dates and the names.
    owner_codes, names = pd.factorize(frame["owner"][ahead])
    named = owner_codes >= 0  # a missing owner is no group, as grouping on the names drops it
    shown = [NO_OWNER if name == "" else str(name) for name in list(names)]
    order, owners = pd.factorize(np.array(shown, dtype=object), sort=True)
    grouped = (
        pd.DataFrame(
            {
                "month": renewal[ahead][named].astype("datetime64[M]").astype("int64"),
                "owner": order[owner_codes[named]],
                "arr": arr[ahead][named],
            }
        )
        .groupby(["month", "owner"], sort=True)
        .agg(accounts=("arr", "size"), arr=("arr", "sum"))
        .reset_index()
    )
    months_of = grouped["month"].to_numpy().astype("datetime64[M]").astype("datetime64[D]")
    return pd.DataFrame(
        {
            "month": pd.Series(months_of.tolist(), dtype="object"),
            "owner": pd.Series(owners[grouped["owner"].to_numpy()], dtype="str"),
            "accounts": grouped["accounts"].astype("int64"),
            "arr": grouped["arr"].astype("float64"),
        }
    )


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
