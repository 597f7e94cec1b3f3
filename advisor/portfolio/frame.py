"""The period: each counted account's ARR at period start and at period end.

With ARR at both dates the ARR columns decide; with contract value and status, the value
counts at period start unless the account joined later, and at period end if it is active.
"""

from __future__ import annotations

import calendar
import operator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from advisor.crm_import import (
    ROW_LEVEL_BASES,
    AccountsImport,
    BoolArray,
    FloatArray,
    RowIssue,
    mask_array,
    positions,
    row_issue,
)
from advisor.i18n import SPANISH, _, current
from advisor.portfolio.deals import aggregate_rows
from advisor.resources import shipped

SAMPLE_EXPORT = shipped("examples") / "crm" / "accounts.csv"
SAMPLE_AS_OF = date(2025, 6, 30)  # the date the shipped sample export was taken
FRAME_COLUMNS = ("row", "account", "owner", "segment", "health", "nps", "renewal_date")


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier, clamped to the month's last day (31 May − 3 → 28 Feb)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def cents(amount: float) -> str:
    """An amount as the file holds it, to the cent, in the current language: '1,200.50' in
    English (rounded as it always was), '1.200,50' in Spanish."""
    text = f"{amount:,.2f}"
    return text.translate(_SPANISH_MARKS) if current() == SPANISH else text


_SPANISH_MARKS = str.maketrans(",.", ".,")


def iso_day(value: Any) -> str:
    """A timestamp from the accounts table as YYYY-MM-DD."""
    return pd.Timestamp(value).date().isoformat()


@dataclass
class PeriodIssues:
    """Rows the period leaves out and values it overrides, named after their accounts.

    Positions and messages are collected first; `named` reads the rows and names of those
    positions only, in one pass.
    """

    accounts: pd.DataFrame
    pending: list[tuple[bool, int, str]] = field(default_factory=list)  # excluded?, position

    def exclude(self, position: int, message: str) -> None:
        self.pending.append((True, position, message))

    def warn(self, position: int, message: str) -> None:
        self.pending.append((False, position, message))

    def named(self) -> tuple[list[RowIssue], list[RowIssue]]:
        """The rows left out and the warnings, each with its row number and account name."""
        at = [position for _, position, _ in self.pending]
        rows = self.accounts["row"].iloc[at].tolist()
        names = self.accounts["account"].iloc[at].tolist()
        excluded: list[RowIssue] = []
        warnings: list[RowIssue] = []
        for (left_out, _at, message), row, name in zip(self.pending, rows, names, strict=True):
            issue = row_issue(int(row), str(name), "", message)
            (excluded if left_out else warnings).append(issue)
        return excluded, warnings


def compared(dates: pd.Series[Any], compare: Any, day: date) -> BoolArray:
    """`compare(dates, Timestamp(day))` as a mask, a missing date false: in numpy when the
    dates are plain datetime64 (NaT compares false there too), else through pandas."""
    values = dates.to_numpy()
    if values.dtype.kind == "M":
        found: BoolArray = compare(values, np.datetime64(day, "us"))
        return found
    return mask_array(compare(dates, pd.Timestamp(day)))


@dataclass(frozen=True)
class PeriodArr:
    """ARR at period start and end of every account, and which accounts count."""

    start: FloatArray
    end: FloatArray
    keep: BoolArray


def period_frame(
    imported: AccountsImport, as_of: date, period_start: date, notes: list[str] | None = None
) -> tuple[pd.DataFrame, list[RowIssue], list[RowIssue]]:
    """Each counted account's ARR at period start and end, with rows left out and warnings.

    Columns: row, account, owner, segment, health, nps, renewal_date, arr_start, arr_end,
    returning (paid before the period, had no ARR at its start: a reactivation when it has ARR
    at its end). What the period adds to the notes (rows aggregated) goes into `notes`.
    """
    accounts = imported.accounts
    if imported.basis in ROW_LEVEL_BASES:
        by_id = "account_id" in imported.mapping
        grouped = aggregate_rows(accounts, imported.basis, by_id, as_of, period_start)
        if notes is not None:
            notes.append(grouped.note)
        columns = [*FRAME_COLUMNS, "arr_start", "arr_end", "returning"]
        return grouped.frame[columns], grouped.excluded, grouped.warnings
    issues = PeriodIssues(accounts)
    if imported.basis == "arr":
        arr = _arr_basis(accounts, period_start, issues)
    else:
        arr = _contract_basis(accounts, as_of, period_start, issues)
    returning = (arr.start <= 0) & (
        compared(accounts["start_date"], operator.lt, period_start)
        | compared(accounts["churn_date"], operator.lt, period_start)
    )
    frame = pd.DataFrame(
        {
            **{name: accounts[name] for name in FRAME_COLUMNS},
            "arr_start": arr.start,
            "arr_end": arr.end,
            "returning": returning,
        },
        copy=False,  # the accounts' columns are shared, not copied: copy on write keeps them
    )
    if not arr.keep.all():  # most periods keep every account: the frame is not copied again
        frame = frame.loc[arr.keep].reset_index(drop=True)
    return frame, *issues.named()


def _arr_basis(accounts: pd.DataFrame, period_start: date, issues: PeriodIssues) -> PeriodArr:
    """The ARR columns decide; statuses that disagree with them are listed as warnings."""
    status = accounts["status"]  # compared in Arrow: no Python string per row
    arr_start = accounts["arr_start"].to_numpy(dtype="float64", copy=True)
    arr_end = accounts["arr_end"].to_numpy(dtype="float64", copy=True)
    churned = mask_array(status == "churned")
    # A churned account whose CRM record kept only its last ARR: that is the ARR it had.
    last_value_only = churned & (arr_start == 0) & (arr_end > 0)
    for position in positions(last_value_only):
        issues.warn(
            position,
            _(
                "status is churned, ARR at period start is empty and ARR at period end is "
                "{amount}: counted as churn of the {amount} it had",
                amount=cents(arr_end[position]),
            ),
        )
    arr_start[last_value_only] = arr_end[last_value_only]
    churned_with_arr = churned & (arr_end > 0) & ~last_value_only
    for position in positions(churned_with_arr):
        issues.warn(
            position,
            _(
                "status is churned but ARR at period end is {amount}; counted as churned "
                "(ending ARR 0)",
                amount=cents(arr_end[position]),
            ),
        )
    arr_end[churned_with_arr | last_value_only] = 0.0
    active_without_arr = mask_array(status == "active") & (arr_end == 0) & (arr_start > 0)
    for position in positions(active_without_arr):
        issues.warn(
            position, _("status is active but there is no ARR at period end; counted as churned")
        )
    late_start = compared(accounts["start_date"], operator.gt, period_start) & (arr_start > 0)
    for position in positions(late_start):
        issues.warn(
            position,
            _(
                "customer since {since}, after the period start ({start}), yet it has ARR at "
                "period start; the ARR columns decide",
                since=iso_day(accounts["start_date"].iloc[position]),
                start=period_start.isoformat(),
            ),
        )
    idle = (arr_start == 0) & (arr_end == 0)
    for position in positions(idle & churned):
        issues.exclude(
            position,
            _(
                "status is churned but neither ARR column gives the ARR it had; fill in ARR at "
                "period start so its churn is counted"
            ),
        )
    for position in positions(idle & ~churned):
        issues.exclude(
            position, _("no ARR at period start or at period end: not a customer in the period")
        )
    return PeriodArr(arr_start, arr_end, ~idle)


def _contract_basis(
    accounts: pd.DataFrame, as_of: date, period_start: date, issues: PeriodIssues
) -> PeriodArr:
    """Contract value at period start unless joined later, at period end if still active."""
    start_ts = pd.Timestamp(period_start)
    status = accounts["status"]  # compared in Arrow: no Python string per row
    value = accounts["contract_value"].to_numpy(dtype="float64")
    started = accounts["start_date"]
    left = accounts["churn_date"].where(accounts["churn_date"].notna(), accounts["renewal_date"])
    churned = mask_array(status == "churned")
    future = mask_array(started > pd.Timestamp(as_of))
    gone_before = churned & mask_array(left <= start_ts) & ~future
    joined = mask_array(started > start_ts)
    in_and_out = joined & churned & ~future & ~gone_before
    for position in positions(future):
        issues.exclude(
            position,
            _(
                "customer since {since}, after the as-of date ({date})",
                since=iso_day(started.iloc[position]),
                date=as_of.isoformat(),
            ),
        )
    for position in positions(gone_before):
        issues.exclude(
            position,
            _(
                "left on {day}, before the period start ({start})",
                day=iso_day(left.iloc[position]),
                start=period_start.isoformat(),
            ),
        )
    for position in positions(in_and_out):
        issues.exclude(position, _("joined and left within the period: never in the cohort"))
    zero = (value == 0) & ~future & ~gone_before & ~in_and_out
    for position in positions(zero & churned):
        issues.exclude(
            position,
            _(
                "status is churned and the contract value is 0: the ARR it had is unknown; fill "
                "in the value it paid before it left so its churn is counted"
            ),
        )
    for position in positions(zero & ~churned):
        issues.exclude(position, _("contract value is 0: not a paying customer"))
    arr_start = np.where(joined, 0.0, value)
    arr_end = np.where(mask_array((status == "active") | (status == "open")), value, 0.0)
    return PeriodArr(arr_start, arr_end, ~(future | gone_before | in_and_out | zero))
