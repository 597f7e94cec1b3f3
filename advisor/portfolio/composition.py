"""How the book is made up: concentration, ABC tiers, owners' books, segments, NPS and health."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from advisor.crm_import import FloatArray
from advisor.i18n import N_, _
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
    starting_arr,
    sum_of,
)
from advisor.portfolio.renewals import AT_RISK_HEALTH, NO_OWNER, RENEWAL_WINDOWS, days_until_renewal

NO_SEGMENT = N_("(none)")  # the segment of accounts with none; shown with `_()`

TIER_CUTOFFS = (0.80, 0.95)
TierCodes = np.ndarray[Any, np.dtype[np.int8]]


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
        return Concentration(0, 0, None, None, (), _("no account has ARR at period end"))
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


TIER_LABELS = ("", "A", "B", "C")  # indexed by the codes `tier_codes` gives


def descending_order(values: FloatArray) -> np.ndarray[Any, np.dtype[np.intp]]:
    """`np.argsort(-values, kind="stable")`: largest first, equal values in the file's order.

    ARR repeats itself (rounded prices): the distinct values are ranked, and the rows sorted by
    their value's rank, a small integer numpy sorts by counting instead of comparing.
    """
    codes, distinct_values = pd.factorize(values)
    if (codes < 0).any():  # a NaN: no rank of its own, sorted by comparing
        return np.argsort(-values, kind="stable")
    rank = np.empty(len(distinct_values), dtype=np.intp)
    rank[np.argsort(-distinct_values, kind="stable")] = np.arange(len(distinct_values))
    return np.argsort(_small(rank[codes], len(distinct_values)), kind="stable")


def _small(codes: np.ndarray[Any, Any], count: int) -> np.ndarray[Any, Any]:
    """Codes below `count` as 16-bit integers where they fit: numpy sorts those by counting."""
    return codes.astype(np.uint16) if count <= np.iinfo(np.uint16).max + 1 else codes


def tier_codes(end: FloatArray, cutoffs: tuple[float, float] = TIER_CUTOFFS) -> TierCodes:
    """1, 2 or 3 (A, B, C) for each account with ARR at period end, 0 for the others."""
    codes = np.zeros(len(end), dtype=np.int8)
    active = np.flatnonzero(end > 0)
    total = sum_of(end[active])
    if total > 0:
        ranked = active[descending_order(end[active])]
        values = end[ranked]
        above = (np.cumsum(values) - values) / total
        codes[ranked] = np.where(above < cutoffs[0], 1, np.where(above < cutoffs[1], 2, 3))
    return codes


def assign_tiers(
    frame: pd.DataFrame, cutoffs: tuple[float, float] = TIER_CUTOFFS
) -> pd.Series[str]:
    """A, B or C for each active account (ABC by cumulative ending ARR); "" for the others.

    Accounts with equal ARR keep the file's order, so the split is the same on every run.
    """
    _start, end = arr_columns(frame)
    labels = np.array(TIER_LABELS, dtype=object)[tier_codes(end, cutoffs)]
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
    _start, end = arr_columns(frame)
    tiers = tier_codes(end)
    total = ending_arr(frame)
    result = []
    for code, tier in enumerate(TIER_LABELS[1:], start=1):
        values = end[tiers == code]
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


def _book(name: str, count: int, book_size: tuple[int, int]) -> str:
    if not name:
        return "none"
    if count > book_size[1]:
        return "over"
    if count < book_size[0]:
        return "under"
    return "within"


def owner_books(frame: pd.DataFrame, as_of: date, book_size: tuple[int, int]) -> list[OwnerBook]:
    """Active accounts per owner, largest book first; unowned accounts last.

    Owners are numbered once; each book's ARR is the sum of its accounts in file order.
    """
    _start, end = arr_columns(frame)
    codes, names = pd.factorize(frame["owner"])  # a missing owner is -1: not in any book
    days = days_until_renewal(frame, as_of).to_numpy(dtype="float64")
    active = (end > 0) & (codes >= 0)
    due = active & (days >= 0) & (days <= max(RENEWAL_WINDOWS))
    counts = np.bincount(codes[active], minlength=len(names))
    dues = np.bincount(codes[due], minlength=len(names))
    order = np.argsort(_small(codes[active], len(names)), kind="stable")
    amounts = end[active][order]
    bounds = np.concatenate(([0], np.cumsum(counts)))
    books: list[OwnerBook] = []
    for code in np.flatnonzero(counts).tolist():
        name = str(names[code])
        books.append(
            OwnerBook(
                owner=name or NO_OWNER,
                accounts=int(counts[code]),
                arr=sum_of(amounts[bounds[code] : bounds[code + 1]]),
                renewals_120=int(dues[code]),
                book=_book(name, int(counts[code]), book_size),
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
    labels = frame["segment"].where(frame["segment"] != "", NO_SEGMENT)
    # Grouped as `groupby(labels, sort=True)` groups them: the labels in order, each group's
    # rows in file order; only the ARR columns travel into the groups.
    codes, segments = pd.factorize(labels, sort=True)
    if (codes < 0).any():  # a missing label: no group, as groupby drops it
        codes = np.where(codes < 0, len(segments), codes)
    order = np.argsort(_small(codes, len(segments) + 1), kind="stable")
    bounds = np.concatenate(([0], np.cumsum(np.bincount(codes, minlength=len(segments)))))
    start, end = (column[order] for column in arr_columns(frame))
    for code, segment in enumerate(segments.tolist()):
        rows = slice(int(bounds[code]), int(bounds[code + 1]))
        group = pd.DataFrame({"arr_start": start[rows], "arr_end": end[rows]}, copy=False)
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
        return NpsResult(Measure(None, _("no NPS values in the export")), 0, "")
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
    _start, end = arr_columns(frame)
    labelled = (end > 0) & (frame["health"] != "").to_numpy(dtype=bool)
    if not labelled.any():
        return None
    keys = frame.loc[labelled, "health"].str.lower()
    at_risk = keys.isin(AT_RISK_HEALTH).to_numpy(dtype=bool)
    counts = keys.value_counts()
    return HealthSummary(
        labels={str(k): int(v) for k, v in counts.items()},
        at_risk_accounts=int(at_risk.sum()),
        at_risk_arr=sum_of(end[labelled][at_risk]),
    )
