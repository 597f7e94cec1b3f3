"""Retention metrics: one function each, over a period frame with arr_start and arr_end."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from advisor.crm_import import FloatArray
from advisor.i18n import _, n_, p_


@dataclass(frozen=True)
class Measure:
    """A ratio, or None with the reason it cannot be computed."""

    value: float | None
    reason: str = ""

    @property
    def available(self) -> bool:
        return self.value is not None


def arr_columns(frame: pd.DataFrame) -> tuple[FloatArray, FloatArray]:
    """ARR at period start and at period end as float arrays (the metrics work on these)."""
    return (
        frame["arr_start"].to_numpy(dtype="float64"),
        frame["arr_end"].to_numpy(dtype="float64"),
    )


def sum_of(values: FloatArray) -> float:
    return float(values.sum()) if len(values) else 0.0


def series_total(series: pd.Series[float]) -> float:
    return sum_of(series.to_numpy(dtype="float64"))


def cohort_accounts(frame: pd.DataFrame) -> int:
    """Accounts active at period start (ARR at period start above 0)."""
    start, _end = arr_columns(frame)
    return int((start > 0).sum())


def retained_accounts(frame: pd.DataFrame) -> int:
    """Cohort accounts still active at period end."""
    start, end = arr_columns(frame)
    return int(((start > 0) & (end > 0)).sum())


def churned_accounts(frame: pd.DataFrame) -> int:
    """Cohort accounts with no ARR at period end."""
    start, end = arr_columns(frame)
    return int(((start > 0) & (end <= 0)).sum())


def returning_column(frame: pd.DataFrame) -> np.ndarray[Any, np.dtype[np.bool_]]:
    """True for accounts that paid before the period (absent: no account did)."""
    if "returning" not in frame:
        return np.zeros(len(frame), dtype=bool)
    return frame["returning"].to_numpy(dtype=bool)


def new_accounts(frame: pd.DataFrame) -> int:
    """Accounts with ARR at period end, none at period start, and never a customer before."""
    start, end = arr_columns(frame)
    return int(((start <= 0) & (end > 0) & ~returning_column(frame)).sum())


def reactivated_accounts(frame: pd.DataFrame) -> int:
    """Accounts that paid before the period, had no ARR at its start and have ARR at its end."""
    start, end = arr_columns(frame)
    return int(((start <= 0) & (end > 0) & returning_column(frame)).sum())


def active_accounts(frame: pd.DataFrame) -> int:
    """Accounts with ARR at period end (cohort survivors and new accounts)."""
    _start, end = arr_columns(frame)
    return int((end > 0).sum())


def starting_arr(frame: pd.DataFrame) -> float:
    start, _end = arr_columns(frame)
    return sum_of(start[start > 0])


def expansion_arr(frame: pd.DataFrame) -> float:
    start, end = arr_columns(frame)
    kept = (start > 0) & (end > 0)
    return sum_of(np.clip(end[kept] - start[kept], 0, None))


def contraction_arr(frame: pd.DataFrame) -> float:
    start, end = arr_columns(frame)
    kept = (start > 0) & (end > 0)
    return sum_of(np.clip(start[kept] - end[kept], 0, None))


def churned_arr(frame: pd.DataFrame) -> float:
    start, end = arr_columns(frame)
    return sum_of(start[(start > 0) & (end <= 0)])


def retained_arr(frame: pd.DataFrame) -> float:
    start, end = arr_columns(frame)
    return sum_of(np.clip(end[start > 0], 0, None))


def new_arr(frame: pd.DataFrame) -> float:
    start, end = arr_columns(frame)
    return sum_of(end[(start <= 0) & (end > 0) & ~returning_column(frame)])


def reactivated_arr(frame: pd.DataFrame) -> float:
    start, end = arr_columns(frame)
    return sum_of(end[(start <= 0) & (end > 0) & returning_column(frame)])


def ending_arr(frame: pd.DataFrame) -> float:
    _start, end = arr_columns(frame)
    return sum_of(end[end > 0])


def _no_cohort_reason(frame: pd.DataFrame) -> str:
    new = new_accounts(frame)
    if new:
        return n_(
            "no account had ARR at period start; the {count} new account is reported apart",
            "no account had ARR at period start; the {count} new accounts are reported apart",
            new,
        )
    return _("no account had ARR at period start")


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
    start, end = arr_columns(frame)
    cohort = start > 0
    return _ratio(sum_of(np.minimum(start[cohort], np.clip(end[cohort], 0, None))), frame)


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
    reactivated: float = 0.0  # accounts back after churning before the period, apart from new

    def steps(self) -> list[tuple[str, float]]:
        """Signed steps of the waterfall, ending on the total (reactivations only when any); each
        named in the current language."""
        steps = [
            (p_("ARR bridge", "Starting ARR"), self.starting),
            (p_("ARR bridge", "Expansion"), self.expansion),
            (p_("ARR bridge", "Contraction"), -self.contraction),
            (p_("ARR bridge", "Churn"), -self.churned),
            (p_("ARR bridge", "Retained ARR"), self.retained),
            (p_("ARR bridge", "New accounts"), self.new),
        ]
        if self.reactivated:
            steps.append((p_("ARR bridge", "Reactivated"), self.reactivated))
        return [*steps, (p_("ARR bridge", "Ending ARR"), self.ending)]


def arr_bridge(frame: pd.DataFrame) -> ArrBridge:
    retained = retained_arr(frame)
    new = new_arr(frame)
    reactivated = reactivated_arr(frame)
    return ArrBridge(
        starting=starting_arr(frame),
        expansion=expansion_arr(frame),
        contraction=contraction_arr(frame),
        churned=churned_arr(frame),
        retained=retained,
        new=new,
        ending=retained + new + reactivated,
        reactivated=reactivated,
    )


def rounded(value: float | None, digits: int = 6) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return round(float(value), digits)
