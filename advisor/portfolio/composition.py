"""How the book is made up: concentration, ABC tiers, owners' books, segments, NPS and health."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from advisor.portfolio.metrics import (
    Measure,
    arr_columns,
    cohort_accounts,
    ending_arr,
    gross_revenue_retention,
    logo_retention,
    net_revenue_retention,
    new_accounts,
    rounded,
    series_total,
    starting_arr,
    sum_of,
)
from advisor.portfolio.renewals import AT_RISK_HEALTH, NO_OWNER, RENEWAL_WINDOWS, days_until_renewal

TIER_CUTOFFS = (0.80, 0.95)


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
            "top_10_percent_share": rounded(self.top_decile_share),
            "top_5_share": rounded(self.top5_share),
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
    _, end = arr_columns(frame)
    labels = np.full(len(end), "", dtype=object)
    active = np.flatnonzero(end > 0)
    total = sum_of(end[active])
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
            "arr": rounded(self.arr),
            "share": rounded(self.share),
            "smallest": rounded(self.smallest),
            "largest": rounded(self.largest),
        }


def tier_summary(frame: pd.DataFrame) -> list[TierSummary]:
    tiers = assign_tiers(frame).to_numpy(dtype=object)
    _, end = arr_columns(frame)
    total = ending_arr(frame)
    result = []
    for tier in ("A", "B", "C"):
        values = end[tiers == tier]
        result.append(
            TierSummary(
                tier=tier,
                accounts=len(values),
                arr=sum_of(values),
                share=sum_of(values) / total if total > 0 else 0.0,
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
            "arr": rounded(self.arr),
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
                arr=series_total(group["arr_end"]),
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
            "starting_arr": rounded(self.starting_arr),
            "nrr": rounded(self.nrr.value),
            "grr": rounded(self.grr.value),
            "logo_retention": rounded(self.logo_retention.value),
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
            "at_risk_arr": rounded(self.at_risk_arr),
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
        at_risk_arr=series_total(active.loc[at_risk, "arr_end"]),
    )
