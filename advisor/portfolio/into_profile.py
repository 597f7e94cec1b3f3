"""The portfolio's figures carried into the company profile, each with the sentence citing it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from advisor.portfolio.metrics import logo_churn_rate
from advisor.portfolio.renewals import RENEWAL_WINDOWS, calendar_records
from advisor.portfolio.report import PortfolioReport
from advisor.wording import money, percent, plural


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
                f"; {plural(renewals.accounts, 'renewal')} worth {report.money(renewals.arr)} "
                f"{'falls' if renewals.accounts == 1 else 'fall'} in the "
                f"next {renewals.days} days"
            )
            if renewals.unowned_accounts:
                picture += f", {renewals.unowned_accounts} without an owner"
        updates["active_accounts"] = report.active_accounts
        sources["active_accounts"] = (
            f"{plural(report.active_accounts, 'account')} with ARR on {report.as_of.isoformat()} "
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
    _renewal_figures(report, updates, sources, skipped)
    nps = report.metric("nps")
    if nps.value is not None:
        updates["nps"] = round(nps.value, 1)
        sources["nps"] = (
            f"portfolio NPS {nps.shown()} from {report.nps_responses} accounts {origin}"
        )
    return ProfileFigures(updates, sources, skipped)


def _period_months(report: PortfolioReport) -> int:
    start, end = report.period_start, report.as_of
    return max((end.year - start.year) * 12 + end.month - start.month, 1)


def _renewal_figures(
    report: PortfolioReport,
    updates: dict[str, Any],
    sources: dict[str, str],
    skipped: dict[str, str],
) -> None:
    """The renewal months and the pace of new accounts the hire-by date is computed from."""
    if not report.active_accounts:
        skipped["renewals_by_month"] = "no account has ARR at period end"
        skipped["accounts_added_per_quarter"] = "no account has ARR at period end"
        return
    origin = f"in the export {report.source}"
    by_month: dict[str, int] = {}
    for record in calendar_records(report.calendar):
        month = str(record["month"])[:7]
        by_month[month] = by_month.get(month, 0) + int(record["accounts"])
    if by_month:
        updates["renewals_by_month"] = " ".join(f"{m}:{n}" for m, n in sorted(by_month.items()))
        dated = sum(by_month.values())
        sources["renewals_by_month"] = (
            f"renewal dates of {plural(dated, 'active account')} in the 12 months from "
            f"{report.as_of.isoformat()} {origin}"
        )
    else:
        skipped["renewals_by_month"] = "no active account has a renewal date in the next 12 months"
    months = _period_months(report)
    pace = round(report.new_accounts * 3 / months)
    updates["accounts_added_per_quarter"] = pace
    sources["accounts_added_per_quarter"] = (
        f"{plural(report.new_accounts, 'new account')} over the {months} months to "
        f"{report.as_of.isoformat()} {origin}, about {pace} a quarter"
    )
