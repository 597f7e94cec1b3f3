"""Deal-level and subscription-level files: several rows per account, one account's ARR.

Rows belong to the same account by account ID when one is mapped and filled, else by name
(ignoring case). Each account's ARR at a date is read from its rows:

- **Deals** (HubSpot deals, Salesforce opportunities, Pipedrive, Zoho, Close): a won deal runs
  for twelve months from its close date, so the ARR at a date is the sum of the deals won in the
  twelve months up to it (a renewal replaces the deal it renews, an upsell adds to it). When none
  was won in those twelve months, the latest earlier won deal still runs unless a lost deal
  closed after it. A deal lost during the period is churn, its amount the ARR lost. An open
  renewal on a contract still running is a customer: with no won deal in the file, an open
  deal of type renewal or existing business (or in a renewals pipeline) counts at its amount,
  and a renewal won in the period stands for the contract it renewed. An open deal on an
  account with no won deal and no renewal type is not a customer yet, and neither is an account
  whose deals were all lost and none a renewal: a prospect that said no never was a customer, so
  it cannot churn. A lost renewal churns its account at the renewal's amount. The close date of a won deal is
  when it was signed: it is never read as the next renewal date (an open deal's expected close
  date is).
- **Subscriptions** (Stripe, Holded's recurring invoices): concurrent, so they add up. A
  subscription pays from its start date up to, not including, its end date (Stripe's
  `ended_at`), so it counts at a date when it started on or before it and had not ended by
  then: at period start whatever its status now, at period end when its status is a
  customer's (active, past due, unpaid) or when it ended after the as-of date (an export
  taken after the period still shows it paying on that date). Each counts at its amount and
  quantity in the file (the current ones) at both dates. A file without a status column (a
  recurring-invoice export) is read by the dates alone: a row pays from its start date up to,
  not including, its end date, and one without an end date is still paying; the end date of
  one still paying on the as-of date is its next renewal.

An account with no ARR at period start but ARR at period end is **reactivated** when its rows
show it paid before (a won deal closed, or a subscription started, before the period start)
and **new** otherwise; reactivations are reported apart from new accounts, following
ChartMogul's definition (a previously paying customer that churned and moves back onto a paid
plan).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from advisor.crm_import import RowIssue, is_renewal, row_issue
from advisor.crm_import.fields import DATED
from advisor.i18n import _, n_
from advisor.i18n.formats import number

NO_DAY = np.iinfo(np.int64).min  # a missing date, as a day number


@dataclass
class Row:
    """One deal or subscription, with its dates as day numbers (NO_DAY when empty)."""

    position: int
    value: float
    status: str
    close: int
    start: int
    end: int
    deal_type: str
    pipeline: str = ""


@dataclass
class AccountArr:
    start: float
    end: float
    returning: bool
    renewal: int  # the next renewal date as a day number, NO_DAY without one
    reason: str = ""  # why the account is left out ("" when it counts)
    warning: str = ""


def _days(series: pd.Series[Any]) -> list[int]:
    days = series.to_numpy(dtype="datetime64[D]").astype("int64")
    return [int(day) for day in days.tolist()]


def _day_number(day: date) -> int:
    return int(np.datetime64(day, "D").astype("int64"))


def group_keys(accounts: pd.DataFrame, by_id: bool) -> list[str]:
    """The key that puts an account's rows together: its ID when filled, else its name."""
    names = accounts["account"].str.lower()
    if not by_id:
        return [f"name:{n}" for n in names.tolist()]
    ids = accounts["account_id"]
    return ("id:" + ids.str.lower()).where(ids != "", "name:" + names).tolist()


def _is_renewal(row: Row) -> bool:
    """A deal whose type or pipeline says renewal or existing business (`statuses`' words)."""
    return is_renewal(row.deal_type) or is_renewal(row.pipeline)


def deal_account(rows: list[Row], as_of: int, start: int) -> AccountArr:
    """One account's ARR at period start and end from its deals."""
    year = 365
    won = [r for r in rows if r.status == "active" and (r.close == NO_DAY or r.close <= as_of)]
    lost = [r for r in rows if r.status == "churned" and (r.close == NO_DAY or r.close <= as_of)]
    open_rows = [r for r in rows if r.status == "open"]

    def in_force(day: int) -> float:
        recent = sum(r.value for r in won if r.close != NO_DAY and day - year < r.close <= day)
        if recent:
            return recent
        earlier = [r for r in won if r.close == NO_DAY or r.close <= day - year]
        if not earlier:
            return 0.0
        latest = max(earlier, key=lambda r: r.close)
        if any(latest.close < r.close <= day for r in lost if r.close != NO_DAY):
            return 0.0
        return latest.value

    arr_start, arr_end = in_force(start), in_force(as_of)
    last_won = max((r.close for r in won), default=NO_DAY)
    lost_in_period = [
        r for r in lost if (r.close == NO_DAY or r.close > start) and r.close >= last_won
    ]
    warning = ""
    if lost_in_period:
        arr_end = 0.0
        if arr_start == 0:
            # Only a customer churns: an account with a won deal, or one whose lost deal renewed
            # a contract the file does not hold. A prospect that said no never was one.
            churned = lost_in_period if won else [r for r in lost_in_period if _is_renewal(r)]
            arr_start = sum(r.value for r in churned)
            if churned and not won:
                warning = _(
                    "renewal lost in the period and no won deal in the file: counted as churn "
                    "of the renewal's amount"
                )
    first = min(won, key=lambda r: r.close, default=None)
    if arr_start == 0 and arr_end > 0 and first and first.close > start and _is_renewal(first):
        # The file's first won deal renews a contract that ran at the period start and that the
        # file does not hold: the renewal's amount stands for it (a flat renewal).
        arr_start = first.value
        warning = _(
            "renewal won in the period and no earlier won deal in the file: ARR at period start "
            "taken as the renewal's amount"
        )
    renewal = min((r.close for r in open_rows if r.close != NO_DAY), default=NO_DAY)
    if arr_end == 0 and not lost_in_period and open_rows:
        renewals = [r for r in open_rows if _is_renewal(r)]
        if won and arr_start:
            arr_end = arr_start  # an open renewal on the contract still running
        elif renewals and not won:
            arr_start = arr_end = sum(r.value for r in renewals)
            warning = _(
                "open renewal and no won deal in the file: counted as a customer on its running "
                "contract, at the renewal's amount"
            )
    returning = arr_start == 0 and arr_end > 0 and any(r.close < start for r in won)
    if arr_start == 0 and arr_end == 0:
        return AccountArr(0.0, 0.0, False, renewal, _idle_deal_reason(won, lost, open_rows))
    return AccountArr(arr_start, arr_end, returning, renewal, warning=warning)


def _idle_deal_reason(won: list[Row], lost: list[Row], open_rows: list[Row]) -> str:
    if lost and not won and not any(_is_renewal(r) for r in lost):
        return _(
            "its deals were lost and none was won: a prospect that said no, not a churned "
            "customer; if a lost deal renewed a contract the file does not hold, map the column "
            "that says so to deal type or pipeline (--map 'COLUMN=deal_type')"
        )
    if lost and not won:
        return _("its deals were lost before the period start: not a customer in the period")
    if open_rows and not won:
        return _(
            "only open deals and no won deal (nor an open renewal): not a customer yet; map "
            "the deal type if these are renewals"
        )
    return _("no won deal runs at period start or at period end: not a customer in the period")


def _pays_on(row: Row, day: int) -> bool:
    """Whether a subscription pays on a day: started on or before it, not ended by then."""
    began = row.start == NO_DAY or row.start <= day
    return began and (row.end == NO_DAY or row.end > day)


def subscription_account(rows: list[Row], as_of: int, start: int) -> AccountArr:
    """One account's ARR at period start and end from its concurrent subscriptions."""
    arr_start = arr_end = 0.0
    counted = False  # a subscription ran at either date, whatever its amount
    for r in rows:
        if r.status not in ("active", "churned", DATED):
            continue
        if _pays_on(r, start):
            arr_start += r.value
            counted = True
        if r.status == "active":
            paying_at_end = r.start == NO_DAY or r.start <= as_of
        elif r.status == DATED:  # no status: its dates alone say, no end date is still paying
            paying_at_end = _pays_on(r, as_of)
        else:  # churned: paying at the end only when it ended after it (not when undated)
            paying_at_end = r.end != NO_DAY and _pays_on(r, as_of)
        if paying_at_end:
            arr_end += r.value
            counted = True
    paid_before = any(r.start != NO_DAY and r.start < start for r in rows if r.status != "")
    returning = arr_start == 0 and arr_end > 0 and paid_before
    if arr_start == 0 and arr_end == 0:
        later = all(r.start != NO_DAY and r.start > as_of for r in rows)
        if counted:
            why = _("its subscriptions in the period are at 0: not a paying customer")
        elif later:
            why = _("its subscriptions start after the as-of date")
        else:
            why = _("its subscriptions ended before the period start")
        return AccountArr(0.0, 0.0, False, NO_DAY, why)
    running = [r for r in rows if r.status == "active" or (r.status == DATED and r.end > as_of)]
    renewal = min((r.end for r in running if r.end != NO_DAY), default=NO_DAY)
    return AccountArr(arr_start, arr_end, returning, renewal)


@dataclass
class Aggregated:
    frame: pd.DataFrame
    excluded: list[RowIssue]
    warnings: list[RowIssue]
    note: str


def aggregate_rows(
    accounts: pd.DataFrame, basis: str, by_id: bool, as_of: date, period_start: date
) -> Aggregated:
    """One row per account from its deals or subscriptions, with ARR at start and end."""
    keys = group_keys(accounts, by_id)
    groups: dict[str, list[int]] = {}
    for position, key in enumerate(keys):
        groups.setdefault(key, []).append(position)
    rows = _rows(accounts)
    reader: Callable[[list[Row], int, int], AccountArr] = (
        deal_account if basis == "deals" else subscription_account
    )
    as_of_day, start_day = _day_number(as_of), _day_number(period_start)
    renewal_days = _days(accounts["renewal_date"])
    picked: list[int] = []
    results: list[AccountArr] = []
    excluded: list[RowIssue] = []
    warnings: list[RowIssue] = []
    numbers = accounts["row"].tolist()
    names = accounts["account"].tolist()
    for positions in groups.values():
        result = reader([rows[p] for p in positions], as_of_day, start_day)
        latest = max(positions, key=lambda p: (rows[p].close, p))
        first = positions[0]
        if result.reason:
            for p in positions:
                excluded.append(row_issue(int(numbers[p]), str(names[p]), "", result.reason))
            continue
        if result.warning:
            warnings.append(row_issue(int(numbers[first]), str(names[first]), "", result.warning))
        dated = [
            renewal_days[p]
            for p in positions
            if rows[p].status in ("active", "open") and renewal_days[p] != NO_DAY
        ]
        if dated:
            result.renewal = min(dated)  # the renewal date column, where the file has one
        picked.append(latest)
        results.append(result)
    frame = _account_frame(accounts, picked, results)
    return Aggregated(
        frame, excluded, warnings, _aggregated_note(basis, by_id, len(accounts), len(groups))
    )


def _aggregated_note(basis: str, by_id: bool, rows: int, accounts: int) -> str:
    """How rows were summed into accounts: one sentence per kind of file and way of matching."""
    values = {"count": number(rows), "accounts": number(accounts)}
    if basis == "deals" and by_id:
        return n_(
            "{count} deal read as {accounts} accounts: rows of the same account (by account ID, "
            "else by name) are aggregated",
            "{count} deals read as {accounts} accounts: rows of the same account (by account ID, "
            "else by name) are aggregated",
            rows,
            **values,
        )
    if basis == "deals":
        return n_(
            "{count} deal read as {accounts} accounts: rows of the same account (by name) are "
            "aggregated",
            "{count} deals read as {accounts} accounts: rows of the same account (by name) are "
            "aggregated",
            rows,
            **values,
        )
    if by_id:
        return n_(
            "{count} subscription read as {accounts} accounts: rows of the same account (by "
            "account ID, else by name) are aggregated; each subscription counts at its current "
            "amount and quantity at both dates, so a change of seats or plan inside one "
            "subscription is not seen as expansion or contraction",
            "{count} subscriptions read as {accounts} accounts: rows of the same account (by "
            "account ID, else by name) are aggregated; each subscription counts at its current "
            "amount and quantity at both dates, so a change of seats or plan inside one "
            "subscription is not seen as expansion or contraction",
            rows,
            **values,
        )
    return n_(
        "{count} subscription read as {accounts} accounts: rows of the same account (by name) "
        "are aggregated; each subscription counts at its current amount and quantity at both "
        "dates, so a change of seats or plan inside one subscription is not seen as expansion or "
        "contraction",
        "{count} subscriptions read as {accounts} accounts: rows of the same account (by name) "
        "are aggregated; each subscription counts at its current amount and quantity at both "
        "dates, so a change of seats or plan inside one subscription is not seen as expansion or "
        "contraction",
        rows,
        **values,
    )


def _rows(accounts: pd.DataFrame) -> list[Row]:
    values = accounts["contract_value"].to_numpy(dtype="float64").tolist()
    statuses = accounts["status"].tolist()
    close = _days(accounts["close_date"])
    start = _days(accounts["start_date"])
    end = _days(accounts["churn_date"])
    types = accounts["deal_type"].tolist()
    pipelines = accounts["pipeline"].tolist()
    return [
        Row(
            i,
            float(values[i]),
            str(statuses[i]),
            close[i],
            start[i],
            end[i],
            str(types[i]),
            str(pipelines[i]),
        )
        for i in range(len(values))
    ]


def _account_frame(
    accounts: pd.DataFrame, picked: list[int], results: list[AccountArr]
) -> pd.DataFrame:
    """The latest row of each counted account carries its owner, segment, health and NPS."""
    frame = accounts.iloc[picked].reset_index(drop=True).copy()
    frame["arr_start"] = np.array([r.start for r in results], dtype="float64")
    frame["arr_end"] = np.array([r.end for r in results], dtype="float64")
    frame["returning"] = np.array([r.returning for r in results], dtype=bool)
    renewal = [r.renewal for r in results]
    frame["renewal_date"] = pd.Series(
        [pd.NaT if day == NO_DAY else np.datetime64(day, "D") for day in renewal],
        dtype="datetime64[us]",
    )
    return frame
