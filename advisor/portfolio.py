"""Portfolio diagnostics from a CRM export: retention, renewals due, concentration, tiers, owners.

The period runs from the period start (by default twelve months before the as-of date) to the
as-of date. Every retention metric is computed over the **cohort**: the accounts with ARR at
period start. Accounts with no ARR at period start but ARR at period end are **new**: they are
reported apart and never enter NRR, GRR or logo retention.

Definitions (S = starting ARR of the cohort; for each cohort account s = its ARR at period
start, e = its ARR at period end):

- **Starting ARR** S = Σ s over the cohort.
- **Expansion** = Σ (e − s) over cohort accounts still active whose ARR grew.
- **Contraction** = Σ (s − e) over cohort accounts still active whose ARR shrank.
- **Churned ARR** = Σ s over cohort accounts whose ARR at period end is 0.
- **Retained ARR** = Σ e over the cohort = S + expansion − contraction − churned ARR.
- **New ARR** = Σ e over new accounts. **Ending ARR** = retained ARR + new ARR: the ARR bridge
  start → + expansion → − contraction → − churn → retained → + new → end always adds up.
- **NRR** (net revenue retention) = retained ARR ÷ S.
- **GRR** (gross revenue retention) = Σ min(s, e) ÷ S = (S − contraction − churned ARR) ÷ S:
  revenue kept before any expansion, so 0 ≤ GRR ≤ 1 and GRR ≤ NRR.
- **Logo retention** = cohort accounts still active at period end ÷ cohort accounts;
  **logo churn** = 1 − logo retention.
- **Contraction rate** = contraction ÷ S; **expansion rate** = expansion ÷ S.
- With no cohort (S = 0, e.g. every account is new) these ratios are "n/a" with the reason,
  never infinite or NaN.

When the export has contract value and status instead of ARR at both dates, an account's
contract value counts at period start unless it became a customer after the period start, and
at period end only if its status is active; expansion and contraction are then invisible.
Churned accounts that left before the period start (by their churn date, or their contract end
date when there is none) are left out and listed.

With ARR at both dates, the ARR columns decide: a churned status with ARR still filled in counts
as churn (ending ARR 0), an active status without ARR at period end counts as churn too, and
both are listed as warnings. Rows with no ARR at either date are not customers in the period
and are listed as excluded.

Beyond retention:

- **Renewals due** in the next 30/60/90/120 days (cumulative): accounts active at the as-of date
  whose renewal date falls within that many days, with their ARR at period end, and how many of
  them have no owner. Renewal dates before the as-of date on active accounts are **overdue**.
- **Concentration**: the share of ending ARR held by the largest 10% of active accounts (at
  least one account) and by the 5 largest; the concentration curve plots the cumulative share
  of ARR against the share of accounts, largest first. A few large growing accounts can carry
  NRR while many small ones leave: that is why NRR is always shown next to logo retention.
- **Tiers** (ABC by cumulative ARR): ranked by ending ARR, an account is **A** while the
  accounts ranked above it hold less than 80% of ARR, **B** while they hold less than 95%, and
  **C** after that.
- **Accounts per owner**: active accounts, ARR and renewals due in 120 days per owner, compared
  with the rule pack's book size for the segment (over, within or under the range).
- **Portfolio NPS**: from 0–10 ratings, % promoters (9–10) − % detractors (0–6); from NPS
  scores between -100 and 100, their mean. Over active accounts with a value.

Every metric with a target in the rule pack is marked healthy, watch or alarm.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from advisor.crm_import import (
    AccountsImport,
    FloatArray,
    RowIssue,
    mask_array,
    positions,
    row_issue,
)
from advisor.rules import MetricTarget, RulePack
from advisor.wording import money, percent

SAMPLE_EXPORT = Path(__file__).resolve().parent.parent / "examples" / "crm" / "accounts.csv"
SAMPLE_AS_OF = date(2025, 6, 30)  # the date the shipped sample export was taken
RENEWAL_WINDOWS = (30, 60, 90, 120)
TIER_CUTOFFS = (0.80, 0.95)
NO_OWNER = "(no owner)"
AT_RISK_HEALTH = frozenset(
    {"red", "at risk", "at-risk", "poor", "critical", "bad", "churn risk", "high risk", "risk"}
)


# ---------------------------------------------------------------------------------------------
# The period


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier, clamped to the month's last day (31 May − 3 → 28 Feb)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def _day(value: Any) -> date:
    return pd.Timestamp(value).date()


def _fmt_day(value: Any) -> str:
    return _day(value).isoformat()


def period_frame(
    imported: AccountsImport, as_of: date, period_start: date
) -> tuple[pd.DataFrame, list[RowIssue], list[RowIssue]]:
    """Each counted account's ARR at period start and end, with rows left out and warnings.

    Columns: row, account, owner, segment, health, nps, renewal_date, arr_start, arr_end.
    """
    accounts = imported.accounts
    start_ts = pd.Timestamp(period_start)
    end_ts = pd.Timestamp(as_of)
    status = accounts["status"].to_numpy(dtype=object)
    rows = [int(r) for r in accounts["row"].tolist()]
    names = [str(n) for n in accounts["account"].tolist()]
    excluded: list[RowIssue] = []
    warnings: list[RowIssue] = []

    def issue(position: int, message: str) -> RowIssue:
        return row_issue(rows[position], names[position], "", message)

    def day(series: pd.Series[Any], position: int) -> str:
        return _fmt_day(series.iloc[position])

    if imported.basis == "arr":
        arr_start = accounts["arr_start"].to_numpy(dtype="float64", copy=True)
        arr_end = accounts["arr_end"].to_numpy(dtype="float64", copy=True)
        churned_with_arr = (status == "churned") & (arr_end > 0)
        for position in positions(churned_with_arr):
            warnings.append(
                issue(
                    position,
                    f"status is churned but ARR at period end is {arr_end[position]:,.2f}; "
                    "counted as churned (ending ARR 0)",
                )
            )
        arr_end[churned_with_arr] = 0.0
        active_without_arr = (status == "active") & (arr_end == 0) & (arr_start > 0)
        for position in positions(active_without_arr):
            warnings.append(
                issue(
                    position,
                    "status is active but there is no ARR at period end; counted as churned",
                )
            )
        late_start = mask_array(accounts["start_date"] > start_ts) & (arr_start > 0)
        for position in positions(late_start):
            warnings.append(
                issue(
                    position,
                    f"customer since {day(accounts['start_date'], position)}, after the period "
                    f"start ({period_start.isoformat()}), yet it has ARR at period start; the "
                    "ARR columns decide",
                )
            )
        idle = (arr_start == 0) & (arr_end == 0)
        for position in positions(idle):
            excluded.append(
                issue(
                    position,
                    "no ARR at period start or at period end: not a customer in the period",
                )
            )
        keep = ~idle
    else:
        value = accounts["contract_value"].to_numpy(dtype="float64")
        started = accounts["start_date"]
        left = accounts["churn_date"].where(
            accounts["churn_date"].notna(), accounts["renewal_date"]
        )
        churned = status == "churned"
        future = mask_array(started > end_ts)
        gone_before = churned & mask_array(left <= start_ts) & ~future
        joined = mask_array(started > start_ts)
        in_and_out = joined & churned & ~future & ~gone_before
        for position in positions(future):
            excluded.append(
                issue(
                    position,
                    f"customer since {day(started, position)}, after the as-of date "
                    f"({as_of.isoformat()})",
                )
            )
        for position in positions(gone_before):
            excluded.append(
                issue(
                    position,
                    f"left on {day(left, position)}, before the period start "
                    f"({period_start.isoformat()})",
                )
            )
        for position in positions(in_and_out):
            excluded.append(
                issue(position, "joined and left within the period: never in the cohort")
            )
        zero = (value == 0) & ~future & ~gone_before & ~in_and_out
        for position in positions(zero):
            excluded.append(issue(position, "contract value is 0: not a paying customer"))
        arr_start = np.where(joined, 0.0, value)
        arr_end = np.where(status == "active", value, 0.0)
        keep = ~(future | gone_before | in_and_out | zero)
    frame = pd.DataFrame(
        {
            "row": accounts["row"],
            "account": accounts["account"],
            "owner": accounts["owner"],
            "segment": accounts["segment"],
            "health": accounts["health"],
            "nps": accounts["nps"],
            "renewal_date": accounts["renewal_date"],
            "arr_start": arr_start,
            "arr_end": arr_end,
        }
    )
    frame = frame.loc[keep].reset_index(drop=True)
    return frame, excluded, warnings


# ---------------------------------------------------------------------------------------------
# Retention metrics: one function each, over a frame with arr_start and arr_end


@dataclass(frozen=True)
class Measure:
    """A ratio, or None with the reason it cannot be computed."""

    value: float | None
    reason: str = ""

    @property
    def available(self) -> bool:
        return self.value is not None


def _arrays(frame: pd.DataFrame) -> tuple[FloatArray, FloatArray]:
    """ARR at period start and at period end as float arrays (the metrics work on these)."""
    return (
        frame["arr_start"].to_numpy(dtype="float64"),
        frame["arr_end"].to_numpy(dtype="float64"),
    )


def _total(values: FloatArray) -> float:
    return float(values.sum()) if len(values) else 0.0


def _sum(series: pd.Series[float]) -> float:
    return _total(series.to_numpy(dtype="float64"))


def cohort_accounts(frame: pd.DataFrame) -> int:
    """Accounts active at period start (ARR at period start above 0)."""
    start, _ = _arrays(frame)
    return int((start > 0).sum())


def retained_accounts(frame: pd.DataFrame) -> int:
    """Cohort accounts still active at period end."""
    start, end = _arrays(frame)
    return int(((start > 0) & (end > 0)).sum())


def churned_accounts(frame: pd.DataFrame) -> int:
    """Cohort accounts with no ARR at period end."""
    start, end = _arrays(frame)
    return int(((start > 0) & (end <= 0)).sum())


def new_accounts(frame: pd.DataFrame) -> int:
    """Accounts with ARR at period end but none at period start."""
    start, end = _arrays(frame)
    return int(((start <= 0) & (end > 0)).sum())


def active_accounts(frame: pd.DataFrame) -> int:
    """Accounts with ARR at period end (cohort survivors and new accounts)."""
    _, end = _arrays(frame)
    return int((end > 0).sum())


def starting_arr(frame: pd.DataFrame) -> float:
    start, _ = _arrays(frame)
    return _total(start[start > 0])


def expansion_arr(frame: pd.DataFrame) -> float:
    start, end = _arrays(frame)
    kept = (start > 0) & (end > 0)
    return _total(np.clip(end[kept] - start[kept], 0, None))


def contraction_arr(frame: pd.DataFrame) -> float:
    start, end = _arrays(frame)
    kept = (start > 0) & (end > 0)
    return _total(np.clip(start[kept] - end[kept], 0, None))


def churned_arr(frame: pd.DataFrame) -> float:
    start, end = _arrays(frame)
    return _total(start[(start > 0) & (end <= 0)])


def retained_arr(frame: pd.DataFrame) -> float:
    start, end = _arrays(frame)
    return _total(np.clip(end[start > 0], 0, None))


def new_arr(frame: pd.DataFrame) -> float:
    start, end = _arrays(frame)
    return _total(end[(start <= 0) & (end > 0)])


def ending_arr(frame: pd.DataFrame) -> float:
    _, end = _arrays(frame)
    return _total(end[end > 0])


def _no_cohort_reason(frame: pd.DataFrame) -> str:
    new = new_accounts(frame)
    if new:
        return (
            f"no account had ARR at period start; the {new} new account"
            f"{'s are' if new != 1 else ' is'} reported apart"
        )
    return "no account had ARR at period start"


def _ratio(numerator: float, frame: pd.DataFrame) -> Measure:
    start = starting_arr(frame)
    if start <= 0:
        return Measure(None, _no_cohort_reason(frame))
    return Measure(numerator / start)


def net_revenue_retention(frame: pd.DataFrame) -> Measure:
    """Retained ARR of the cohort ÷ its starting ARR (new accounts excluded)."""
    return _ratio(retained_arr(frame), frame)


def gross_revenue_retention(frame: pd.DataFrame) -> Measure:
    """Σ min(start, end) over the cohort ÷ starting ARR: what was kept before expansion."""
    start, end = _arrays(frame)
    cohort = start > 0
    return _ratio(_total(np.minimum(start[cohort], np.clip(end[cohort], 0, None))), frame)


def logo_retention(frame: pd.DataFrame) -> Measure:
    """Cohort accounts still active at period end ÷ cohort accounts."""
    cohort = cohort_accounts(frame)
    if cohort == 0:
        return Measure(None, _no_cohort_reason(frame))
    return Measure(retained_accounts(frame) / cohort)


def logo_churn_rate(frame: pd.DataFrame) -> Measure:
    """Cohort accounts lost ÷ cohort accounts (1 − logo retention)."""
    cohort = cohort_accounts(frame)
    if cohort == 0:
        return Measure(None, _no_cohort_reason(frame))
    return Measure(churned_accounts(frame) / cohort)


def contraction_rate(frame: pd.DataFrame) -> Measure:
    """Contraction ÷ starting ARR (downgrades of accounts that stayed)."""
    return _ratio(contraction_arr(frame), frame)


def expansion_rate(frame: pd.DataFrame) -> Measure:
    """Expansion ÷ starting ARR (growth of accounts that stayed)."""
    return _ratio(expansion_arr(frame), frame)


@dataclass(frozen=True)
class ArrBridge:
    """Start → + expansion → − contraction → − churn → retained → + new → end."""

    starting: float
    expansion: float
    contraction: float
    churned: float
    retained: float
    new: float
    ending: float

    def steps(self) -> list[tuple[str, float]]:
        """Signed steps of the waterfall, ending on the total."""
        return [
            ("Starting ARR", self.starting),
            ("Expansion", self.expansion),
            ("Contraction", -self.contraction),
            ("Churn", -self.churned),
            ("Retained ARR", self.retained),
            ("New accounts", self.new),
            ("Ending ARR", self.ending),
        ]


def arr_bridge(frame: pd.DataFrame) -> ArrBridge:
    retained = retained_arr(frame)
    new = new_arr(frame)
    return ArrBridge(
        starting=starting_arr(frame),
        expansion=expansion_arr(frame),
        contraction=contraction_arr(frame),
        churned=churned_arr(frame),
        retained=retained,
        new=new,
        ending=retained + new,
    )


# ---------------------------------------------------------------------------------------------
# Renewals


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
            "arr": _round(self.arr),
            "unowned_accounts": self.unowned_accounts,
            "unowned_arr": _round(self.unowned_arr),
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


def _window(days: int, due: pd.DataFrame) -> RenewalWindow:
    unowned = due.loc[due["owner"] == ""]
    return RenewalWindow(
        days=days,
        accounts=len(due),
        arr=_sum(due["arr_end"]),
        unowned_accounts=len(unowned),
        unowned_arr=_sum(unowned["arr_end"]),
        unowned_names=tuple(unowned.sort_values("renewal_date")["account"].astype(str)),
    )


def days_until_renewal(frame: pd.DataFrame, as_of: date) -> pd.Series[float]:
    """Days from the as-of date to each renewal date (NaN when there is none)."""
    delta = frame["renewal_date"] - pd.Timestamp(as_of)
    return delta.dt.days.astype("float64")


def renewals_due(
    frame: pd.DataFrame, as_of: date, windows: Sequence[int] = RENEWAL_WINDOWS
) -> RenewalOutlook:
    """Renewals of active accounts due within each window, plus overdue and undated ones."""
    active = frame.loc[frame["arr_end"] > 0]
    days = days_until_renewal(active, as_of)
    found = [_window(w, active.loc[(days >= 0) & (days <= w)]) for w in windows]
    overdue = _window(-1, active.loc[days < 0])
    longest = max(windows) if windows else 0
    due = active.loc[(days >= 0) & (days <= longest)]
    at_risk = int(due["health"].str.lower().isin(AT_RISK_HEALTH).sum())
    return RenewalOutlook(
        windows=tuple(found),
        overdue=overdue,
        undated_accounts=int(days.isna().sum()),
        at_risk_in_120=at_risk,
    )


def renewal_calendar(frame: pd.DataFrame, as_of: date, months: int = 12) -> pd.DataFrame:
    """Renewals of active accounts by month and owner over the next `months` months.

    Columns: month (first day, as a date), owner (NO_OWNER when empty), accounts, arr.
    Overdue renewals are not included: they are reported apart.
    """
    active = frame.loc[(frame["arr_end"] > 0) & frame["renewal_date"].notna()]
    first = pd.Timestamp(as_of)
    last = pd.Timestamp(months_before(as_of, -months))
    upcoming = active.loc[(active["renewal_date"] >= first) & (active["renewal_date"] < last)]
    if upcoming.empty:
        return pd.DataFrame(
            {
                "month": pd.Series([], dtype="object"),
                "owner": pd.Series([], dtype="str"),
                "accounts": pd.Series([], dtype="int64"),
                "arr": pd.Series([], dtype="float64"),
            }
        )
    grouped = (
        pd.DataFrame(
            {
                "month": upcoming["renewal_date"].dt.to_period("M").dt.start_time.dt.date,
                "owner": upcoming["owner"].where(upcoming["owner"] != "", NO_OWNER),
                "arr": upcoming["arr_end"],
            }
        )
        .groupby(["month", "owner"], sort=True)
        .agg(accounts=("arr", "size"), arr=("arr", "sum"))
        .reset_index()
    )
    return grouped


# ---------------------------------------------------------------------------------------------
# Concentration and tiers


@dataclass(frozen=True)
class Concentration:
    accounts: int
    top_decile_accounts: int
    top_decile_share: float | None
    top5_share: float | None
    curve: tuple[tuple[float, float], ...]  # (share of accounts, share of ARR), largest first
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "accounts": self.accounts,
            "top_10_percent_accounts": self.top_decile_accounts,
            "top_10_percent_share": _round(self.top_decile_share),
            "top_5_share": _round(self.top5_share),
            "reason": self.reason,
        }


def _sorted_arr(frame: pd.DataFrame) -> np.ndarray[Any, np.dtype[np.float64]]:
    active = frame.loc[frame["arr_end"] > 0, "arr_end"].to_numpy(dtype="float64")
    return np.sort(active)[::-1]


def concentration(frame: pd.DataFrame, curve_points: int = 200) -> Concentration:
    """Share of ending ARR in the largest 10% of accounts and in the top 5; the curve."""
    values = _sorted_arr(frame)
    count = len(values)
    total = float(values.sum())
    if count == 0 or total <= 0:
        return Concentration(0, 0, None, None, (), "no account has ARR at period end")
    decile = max(1, math.ceil(count * 0.10))
    cumulative = np.cumsum(values) / total
    shares = np.arange(1, count + 1) / count
    step = max(1, count // curve_points)
    picked = list(range(step - 1, count, step))
    if picked[-1] != count - 1:
        picked.append(count - 1)
    curve = ((0.0, 0.0), *((float(shares[i]), float(cumulative[i])) for i in picked))
    return Concentration(
        accounts=count,
        top_decile_accounts=decile,
        top_decile_share=float(cumulative[decile - 1]),
        top5_share=float(cumulative[min(5, count) - 1]),
        curve=curve,
    )


def assign_tiers(
    frame: pd.DataFrame, cutoffs: tuple[float, float] = TIER_CUTOFFS
) -> pd.Series[str]:
    """A, B or C for each active account (ABC by cumulative ending ARR); "" for the others.

    Accounts with equal ARR keep the file's order, so the split is the same on every run.
    """
    _, end = _arrays(frame)
    labels = np.full(len(end), "", dtype=object)
    active = np.flatnonzero(end > 0)
    total = _total(end[active])
    if total > 0:
        ranked = active[np.argsort(-end[active], kind="stable")]
        values = end[ranked]
        above = (np.cumsum(values) - values) / total
        labels[ranked] = np.where(above < cutoffs[0], "A", np.where(above < cutoffs[1], "B", "C"))
    return pd.Series(labels, index=frame.index, dtype="str")


@dataclass(frozen=True)
class TierSummary:
    tier: str
    accounts: int
    arr: float
    share: float
    smallest: float
    largest: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "tier": self.tier,
            "accounts": self.accounts,
            "arr": _round(self.arr),
            "share": _round(self.share),
            "smallest": _round(self.smallest),
            "largest": _round(self.largest),
        }


def tier_summary(frame: pd.DataFrame) -> list[TierSummary]:
    tiers = assign_tiers(frame).to_numpy(dtype=object)
    _, end = _arrays(frame)
    total = ending_arr(frame)
    result = []
    for tier in ("A", "B", "C"):
        values = end[tiers == tier]
        result.append(
            TierSummary(
                tier=tier,
                accounts=len(values),
                arr=_total(values),
                share=_total(values) / total if total > 0 else 0.0,
                smallest=float(values.min()) if len(values) else 0.0,
                largest=float(values.max()) if len(values) else 0.0,
            )
        )
    return result


# ---------------------------------------------------------------------------------------------
# Owners, segments, NPS, health


@dataclass(frozen=True)
class OwnerBook:
    owner: str
    accounts: int
    arr: float
    renewals_120: int
    book: str  # over | within | under | none (for the accounts nobody owns)

    def to_dict(self) -> dict[str, Any]:
        return {
            "owner": self.owner,
            "accounts": self.accounts,
            "arr": _round(self.arr),
            "renewals_due_120_days": self.renewals_120,
            "book": self.book,
        }


def owner_books(frame: pd.DataFrame, as_of: date, book_size: tuple[int, int]) -> list[OwnerBook]:
    """Active accounts per owner, largest book first; unowned accounts last."""
    active = frame.loc[frame["arr_end"] > 0]
    days = days_until_renewal(active, as_of)
    due = (days >= 0) & (days <= max(RENEWAL_WINDOWS))
    books: list[OwnerBook] = []
    for owner, group in active.groupby("owner", sort=False):
        count = len(group)
        name = str(owner)
        if not name:
            book = "none"
        elif count > book_size[1]:
            book = "over"
        elif count < book_size[0]:
            book = "under"
        else:
            book = "within"
        books.append(
            OwnerBook(
                owner=name or NO_OWNER,
                accounts=count,
                arr=_sum(group["arr_end"]),
                renewals_120=int(due.loc[group.index].sum()),
                book=book,
            )
        )
    books.sort(key=lambda b: (b.book == "none", -b.accounts, b.owner))
    return books


@dataclass(frozen=True)
class SegmentRetention:
    segment: str
    cohort_accounts: int
    new_accounts: int
    starting_arr: float
    nrr: Measure
    grr: Measure
    logo_retention: Measure

    def to_dict(self) -> dict[str, Any]:
        return {
            "segment": self.segment,
            "cohort_accounts": self.cohort_accounts,
            "new_accounts": self.new_accounts,
            "starting_arr": _round(self.starting_arr),
            "nrr": _round(self.nrr.value),
            "grr": _round(self.grr.value),
            "logo_retention": _round(self.logo_retention.value),
        }


def segment_retention(frame: pd.DataFrame) -> list[SegmentRetention]:
    """NRR, GRR and logo retention per segment label (empty labels grouped as "(none)")."""
    if frame.empty or not bool((frame["segment"] != "").any()):
        return []
    result = []
    labels = frame["segment"].where(frame["segment"] != "", "(none)")
    # Only the ARR columns travel into the groups: copying text columns is the slow part.
    amounts = frame[["arr_start", "arr_end"]]
    for segment, group in amounts.groupby(labels, sort=True):
        result.append(
            SegmentRetention(
                segment=str(segment),
                cohort_accounts=cohort_accounts(group),
                new_accounts=new_accounts(group),
                starting_arr=starting_arr(group),
                nrr=net_revenue_retention(group),
                grr=gross_revenue_retention(group),
                logo_retention=logo_retention(group),
            )
        )
    return result


@dataclass(frozen=True)
class NpsResult:
    measure: Measure
    responses: int
    scale: str  # rating (0–10) | score (-100 to 100) | ""


def portfolio_nps(frame: pd.DataFrame) -> NpsResult:
    """NPS of active accounts from 0–10 ratings, or the mean of per-account NPS scores."""
    values = frame.loc[(frame["arr_end"] > 0) & frame["nps"].notna(), "nps"].to_numpy(
        dtype="float64"
    )
    if len(values) == 0:
        return NpsResult(Measure(None, "no NPS values in the export"), 0, "")
    ratings = bool(np.all((values >= 0) & (values <= 10) & (values == np.round(values))))
    if ratings:
        promoters = float(np.mean(values >= 9))
        detractors = float(np.mean(values <= 6))
        return NpsResult(Measure(100 * (promoters - detractors)), len(values), "rating")
    return NpsResult(Measure(float(np.mean(values))), len(values), "score")


@dataclass(frozen=True)
class HealthSummary:
    labels: dict[str, int]  # label -> active accounts
    at_risk_accounts: int
    at_risk_arr: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "labels": dict(self.labels),
            "at_risk_accounts": self.at_risk_accounts,
            "at_risk_arr": _round(self.at_risk_arr),
        }


def health_summary(frame: pd.DataFrame) -> HealthSummary | None:
    active = frame.loc[(frame["arr_end"] > 0) & (frame["health"] != "")]
    if active.empty:
        return None
    keys = active["health"].str.lower()
    at_risk = keys.isin(AT_RISK_HEALTH)
    counts = keys.value_counts()
    return HealthSummary(
        labels={str(k): int(v) for k, v in counts.items()},
        at_risk_accounts=int(at_risk.sum()),
        at_risk_arr=_sum(active.loc[at_risk, "arr_end"]),
    )


# ---------------------------------------------------------------------------------------------
# Target status and the report


@dataclass(frozen=True)
class MetricResult:
    name: str
    label: str
    value: float | None
    reason: str  # why value is None
    status: str | None  # healthy | watch | alarm (None without a value or a target)
    target: MetricTarget | None
    basis: str  # what the figure is computed over

    def shown(self, currency: str = "EUR") -> str:
        if self.value is None:
            return "n/a"
        if self.name == "nps":
            return f"{self.value:.0f}"
        return percent(self.value)

    def target_text(self) -> str:
        target = self.target
        if target is None:
            return ""
        if self.name == "nps":
            healthy, alarm = f"{target.healthy:g}", f"{target.alarm:g}"
        else:
            healthy, alarm = percent(target.healthy), percent(target.alarm)
        if target.direction == "higher":
            text = f"healthy at {healthy} or more, alarm under {alarm}"
        else:
            text = f"healthy at {healthy} or less, alarm above {alarm}"
        if target.best_in_class is not None:
            best = (
                f"{target.best_in_class:g}" if self.name == "nps" else percent(target.best_in_class)
            )
            text += f"; best in class {best}"
        return text

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "label": self.label,
            "value": _round(self.value),
            "shown": self.shown(),
            "reason": self.reason,
            "status": self.status,
            "target": self.target_text(),
            "target_source": self.target.source if self.target else "",
            "basis": self.basis,
        }


METRIC_LABELS = {
    "nrr": "Net revenue retention",
    "logo_retention": "Logo retention",
    "grr": "Gross revenue retention",
    "contraction_rate": "Contraction rate",
    "expansion_rate": "Expansion rate",
    "renewal_rate": "Renewal rate",
    "nps": "Portfolio NPS",
}


def metric_result(name: str, measure: Measure, pack: RulePack, basis: str) -> MetricResult:
    target = pack.metric_targets.get(name)
    status = target.status(measure.value) if target and measure.value is not None else None
    label = target.label if target else METRIC_LABELS.get(name, name)
    return MetricResult(name, label, measure.value, measure.reason, status, target, basis)


@dataclass
class PortfolioReport:
    """Everything the page, the CLI and the assessment need from one export."""

    source: str
    source_details: str
    basis: str
    currency: str
    as_of: date
    period_start: date
    rows_read: int
    mapping: dict[str, str]
    excluded: list[RowIssue]
    warnings: list[RowIssue]
    notes: list[str]
    cohort_accounts: int
    retained_accounts: int
    churned_accounts: int
    new_accounts: int
    active_accounts: int
    bridge: ArrBridge
    metrics: list[MetricResult]
    renewals: RenewalOutlook
    calendar: pd.DataFrame
    concentration: Concentration
    tiers: list[TierSummary]
    owners: list[OwnerBook]
    book_size: tuple[int, int]
    book_segment: str
    segments: list[SegmentRetention]
    nps_responses: int
    health: HealthSummary | None
    frame: pd.DataFrame = field(repr=False)

    @property
    def excluded_rows(self) -> int:
        return len({i.line for i in self.excluded if i.message != "empty row"})

    @property
    def accounts_counted(self) -> int:
        return len(self.frame)

    def metric(self, name: str) -> MetricResult:
        for item in self.metrics:
            if item.name == name:
                return item
        raise KeyError(name)

    def money(self, amount: float) -> str:
        return short_money(amount, self.currency)

    def headlines(self) -> list[str]:
        """The few sentences a workshop opens with."""
        lines = []
        nrr, logos = self.metric("nrr"), self.metric("logo_retention")
        if nrr.value is not None and logos.value is not None:
            lines.append(
                f"NRR {nrr.shown()} next to logo retention {logos.shown()}: "
                f"{self.retained_accounts} of {self.cohort_accounts} accounts active on "
                f"{self.period_start.isoformat()} are still customers."
            )
        else:
            lines.append(f"No retention figures: {nrr.reason}.")
        if self.new_accounts:
            lines.append(
                f"{self.new_accounts} new account{'s' if self.new_accounts != 1 else ''} "
                f"({self.money(self.bridge.new)}) joined during the period, reported apart."
            )
        window = self.renewals.window(120) if 120 in RENEWAL_WINDOWS else self.renewals.windows[-1]
        if window.accounts:
            unowned = (
                f"; nobody owns {window.unowned_accounts} of them"
                if window.unowned_accounts
                else "; every one has an owner"
            )
            lines.append(
                f"{window.accounts} renewal{'s' if window.accounts != 1 else ''} worth "
                f"{self.money(window.arr)} fall in the next {window.days} days{unowned}."
            )
        if self.renewals.overdue.accounts:
            lines.append(
                f"{self.renewals.overdue.accounts} active account"
                f"{'s have' if self.renewals.overdue.accounts != 1 else ' has'} a renewal date "
                "already past."
            )
        if self.concentration.top5_share is not None:
            lines.append(
                f"The 5 largest accounts hold {percent(self.concentration.top5_share)} of ARR; "
                f"the top 10% ({self.concentration.top_decile_accounts}) hold "
                f"{percent(self.concentration.top_decile_share or 0.0)}."
            )
        return lines

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data: no NaN, no infinity, dates as ISO text."""
        return {
            "source": self.source,
            "source_details": self.source_details,
            "basis": self.basis,
            "currency": self.currency,
            "as_of": self.as_of.isoformat(),
            "period_start": self.period_start.isoformat(),
            "rows_read": self.rows_read,
            "accounts_counted": self.accounts_counted,
            "rows_excluded": self.excluded_rows,
            "mapping": dict(self.mapping),
            "headlines": self.headlines(),
            "accounts": {
                "cohort": self.cohort_accounts,
                "retained": self.retained_accounts,
                "churned": self.churned_accounts,
                "new": self.new_accounts,
                "active_at_end": self.active_accounts,
            },
            "bridge": {
                "starting_arr": _round(self.bridge.starting),
                "expansion": _round(self.bridge.expansion),
                "contraction": _round(self.bridge.contraction),
                "churned_arr": _round(self.bridge.churned),
                "retained_arr": _round(self.bridge.retained),
                "new_arr": _round(self.bridge.new),
                "ending_arr": _round(self.bridge.ending),
            },
            "metrics": [m.to_dict() for m in self.metrics],
            "renewals": self.renewals.to_dict(),
            "renewal_calendar": calendar_records(self.calendar),
            "concentration": self.concentration.to_dict(),
            "tiers": [t.to_dict() for t in self.tiers],
            "owners": [o.to_dict() for o in self.owners],
            "book_size": {
                "segment": self.book_segment,
                "low": self.book_size[0],
                "high": self.book_size[1],
            },
            "segments": [s.to_dict() for s in self.segments],
            "health": self.health.to_dict() if self.health else None,
            "excluded": [i.to_dict() for i in self.excluded],
            "warnings": [i.to_dict() for i in self.warnings],
            "notes": list(self.notes),
        }


def calendar_records(calendar: pd.DataFrame) -> list[dict[str, Any]]:
    """The renewals calendar as plain records (month as ISO text)."""
    return [
        {
            "month": str(month),
            "owner": str(owner),
            "accounts": int(accounts),
            "arr": _round(float(arr)),
        }
        for month, owner, accounts, arr in zip(
            calendar["month"].tolist(),
            calendar["owner"].tolist(),
            calendar["accounts"].tolist(),
            calendar["arr"].tolist(),
            strict=True,
        )
    ]


def _round(value: float | None, digits: int = 6) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return round(float(value), digits)


def short_money(amount: float, currency: str = "EUR") -> str:
    """€410k, €4.1M, €950: for sentences; tables use the full amount."""
    size = abs(amount)
    if size >= 1_000_000:
        text = f"{amount / 1_000_000:.1f}".rstrip("0").rstrip(".") + "M"
    elif size >= 10_000:
        text = f"{amount / 1000:.0f}k"
    elif size >= 1000:
        text = f"{amount / 1000:.1f}".rstrip("0").rstrip(".") + "k"
    else:
        return money(amount, currency)
    symbol = {"EUR": "€", "USD": "$", "GBP": "£"}.get(currency)
    return f"{symbol}{text}" if symbol else f"{text} {currency}"


def diagnose(
    imported: AccountsImport,
    as_of: date,
    pack: RulePack,
    *,
    period_months: int = 12,
    segment: str | None = None,
    currency: str | None = None,
) -> PortfolioReport:
    """All portfolio metrics for the period ending on `as_of`, each against the pack's targets."""
    if not 1 <= period_months <= 120:
        raise ValueError(f"the period must be 1 to 120 months, not {period_months}")
    start = months_before(as_of, period_months)
    frame, excluded, warnings = period_frame(imported, as_of, start)
    book_segment = segment if segment in pack.book_sizes else "mid_market"
    cohort = cohort_accounts(frame)
    basis = f"{cohort} accounts active on {start.isoformat()}" if cohort else "no accounts at start"
    nps = portfolio_nps(frame)
    nps_basis = f"{nps.responses} active accounts with an NPS value" if nps.responses else ""
    renewal_rate = Measure(
        None,
        "the export holds the next renewal dates, not the outcome of past renewals",
    )
    metrics = [
        metric_result("nrr", net_revenue_retention(frame), pack, basis),
        metric_result("logo_retention", logo_retention(frame), pack, basis),
        metric_result("grr", gross_revenue_retention(frame), pack, basis),
        metric_result("contraction_rate", _visible(contraction_rate(frame), imported), pack, basis),
        metric_result("expansion_rate", _visible(expansion_rate(frame), imported), pack, basis),
        metric_result("renewal_rate", renewal_rate, pack, ""),
        metric_result("nps", nps.measure, pack, nps_basis),
    ]
    all_excluded = sorted([*imported.excluded, *excluded], key=lambda i: i.line)
    all_warnings = sorted([*imported.warnings, *warnings], key=lambda i: i.line)
    return PortfolioReport(
        source=imported.source,
        source_details=imported.describe_source(),
        basis=imported.basis,
        currency=currency or imported.currency or "EUR",
        as_of=as_of,
        period_start=start,
        rows_read=imported.rows_read,
        mapping=dict(imported.mapping),
        excluded=all_excluded,
        warnings=all_warnings,
        notes=list(imported.notes),
        cohort_accounts=cohort,
        retained_accounts=retained_accounts(frame),
        churned_accounts=churned_accounts(frame),
        new_accounts=new_accounts(frame),
        active_accounts=active_accounts(frame),
        bridge=arr_bridge(frame),
        metrics=metrics,
        renewals=renewals_due(frame, as_of),
        calendar=renewal_calendar(frame, as_of),
        concentration=concentration(frame),
        tiers=tier_summary(frame),
        owners=owner_books(frame, as_of, pack.book_size(book_segment)),
        book_size=pack.book_size(book_segment),
        book_segment=book_segment,
        segments=segment_retention(frame),
        nps_responses=nps.responses,
        health=health_summary(frame),
        frame=frame,
    )


def _visible(measure: Measure, imported: AccountsImport) -> Measure:
    """Expansion and contraction cannot be seen from contract value and status alone."""
    if imported.basis == "contract" and measure.value is not None:
        return Measure(None, "needs ARR at period start and at period end")
    return measure


# ---------------------------------------------------------------------------------------------
# Into the assessment


@dataclass(frozen=True)
class ProfileFigures:
    """Profile values from the export, a source sentence for each, and what was left out."""

    updates: dict[str, Any]
    sources: dict[str, str]
    skipped: dict[str, str]


def profile_figures(report: PortfolioReport) -> ProfileFigures:
    """The values "Use these figures" merges into the company profile, each with its source."""
    updates: dict[str, Any] = {}
    sources: dict[str, str] = {}
    skipped: dict[str, str] = {}
    origin = f"in the export {report.source}"
    start = report.period_start.isoformat()
    cohort = report.cohort_accounts
    renewals = report.renewals.window(max(RENEWAL_WINDOWS))
    if report.active_accounts:
        picture = ""
        if renewals.accounts:
            picture = (
                f"; {renewals.accounts} renewals worth {report.money(renewals.arr)} fall in the "
                f"next {renewals.days} days"
            )
            if renewals.unowned_accounts:
                picture += f", {renewals.unowned_accounts} without an owner"
        updates["active_accounts"] = report.active_accounts
        sources["active_accounts"] = (
            f"{report.active_accounts} accounts with ARR on {report.as_of.isoformat()} "
            f"{origin}{picture}"
        )
        average = report.bridge.ending / report.active_accounts
        updates["avg_contract_value"] = round(average, 2)
        sources["avg_contract_value"] = (
            f"average ARR {money(average, report.currency)} over {report.active_accounts} "
            f"active accounts {origin}"
        )
    else:
        skipped["active_accounts"] = "no account has ARR at period end"
        skipped["avg_contract_value"] = "no account has ARR at period end"
    figures = {
        "logo_retention": ("logo retention", report.metric("logo_retention")),
        "nrr": ("NRR", report.metric("nrr")),
        "grr": ("GRR", report.metric("grr")),
        "contraction_rate": ("contraction", report.metric("contraction_rate")),
    }
    for name, (words, metric) in figures.items():
        if metric.value is None:
            skipped[name] = metric.reason
            continue
        if name == "nrr" and metric.value > 5:
            skipped[name] = f"NRR {metric.shown()} is beyond the profile's 500% limit"
            continue
        updates[name] = round(metric.value, 4)
        sources[name] = f"{words} {metric.shown()} from {cohort} accounts {origin}"
    churn = logo_churn_rate(report.frame)
    if churn.value is not None:
        updates["logo_churn_rate"] = round(churn.value, 4)
        sources["logo_churn_rate"] = (
            f"logo churn {percent(churn.value)}: {report.churned_accounts} of {cohort} accounts "
            f"active on {start} had left by {report.as_of.isoformat()} ({report.source})"
        )
    else:
        skipped["logo_churn_rate"] = churn.reason
    nps = report.metric("nps")
    if nps.value is not None:
        updates["nps"] = round(nps.value, 1)
        sources["nps"] = (
            f"portfolio NPS {nps.shown()} from {report.nps_responses} accounts {origin}"
        )
    return ProfileFigures(updates, sources, skipped)
