"""The portfolio's figures carried into the company profile, each with the sentence citing it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from advisor.i18n import _, n_
from advisor.i18n.formats import number
from advisor.portfolio.metrics import logo_churn_rate
from advisor.portfolio.renewals import RENEWAL_WINDOWS, calendar_records
from advisor.portfolio.report import PortfolioReport
from advisor.wording import money, percent


@dataclass(frozen=True)
class ProfileFigures:
    """Profile values from the export, a source sentence for each, and what was left out."""

    updates: dict[str, Any]
    sources: dict[str, str]
    skipped: dict[str, str]


def _accounts_source(report: PortfolioReport) -> str:
    """Where the count of active accounts comes from, with the renewals it brings."""
    renewals = report.renewals.window(max(RENEWAL_WINDOWS))
    values = {
        "count": number(report.active_accounts),
        "date": report.as_of.isoformat(),
        "source": report.source,
    }
    accounts = n_(
        "{count} account with ARR on {date} in the export {source}",
        "{count} accounts with ARR on {date} in the export {source}",
        report.active_accounts,
        **values,
    )
    if not renewals.accounts:
        return accounts
    due = {"count": number(renewals.accounts), "amount": report.money(renewals.arr)}
    if renewals.unowned_accounts:
        # Translators: {accounts} is "40 accounts with ARR on 2025-06-30 in the export x.csv".
        return n_(
            "{accounts}; {count} renewal worth {amount} falls in the next {days} days, "
            "{unowned} without an owner",
            "{accounts}; {count} renewals worth {amount} fall in the next {days} days, "
            "{unowned} without an owner",
            renewals.accounts,
            accounts=accounts,
            days=renewals.days,
            unowned=renewals.unowned_accounts,
            **due,
        )
    return n_(
        "{accounts}; {count} renewal worth {amount} falls in the next {days} days",
        "{accounts}; {count} renewals worth {amount} fall in the next {days} days",
        renewals.accounts,
        accounts=accounts,
        days=renewals.days,
        **due,
    )


def _metric_source(name: str, shown: str, cohort: int, source: str) -> str:
    """Where a retention figure comes from: its value over the cohort, in the export."""
    values = {"value": shown, "count": cohort, "source": source}
    if name == "logo_retention":
        return _("logo retention {value} from {count} accounts in the export {source}", **values)
    if name == "nrr":
        return _("NRR {value} from {count} accounts in the export {source}", **values)
    if name == "grr":
        return _("GRR {value} from {count} accounts in the export {source}", **values)
    return _("contraction {value} from {count} accounts in the export {source}", **values)


def profile_figures(report: PortfolioReport) -> ProfileFigures:
    """The values "Use these figures" merges into the company profile, each with its source."""
    updates: dict[str, Any] = {}
    sources: dict[str, str] = {}
    skipped: dict[str, str] = {}
    start = report.period_start.isoformat()
    cohort = report.cohort_accounts
    if report.active_accounts:
        updates["active_accounts"] = report.active_accounts
        sources["active_accounts"] = _accounts_source(report)
        average = report.bridge.ending / report.active_accounts
        updates["avg_contract_value"] = round(average, 2)
        sources["avg_contract_value"] = _(
            "average ARR {amount} over {count} active accounts in the export {source}",
            amount=money(average, report.currency),
            count=report.active_accounts,
            source=report.source,
        )
    else:
        skipped["active_accounts"] = _("no account has ARR at period end")
        skipped["avg_contract_value"] = _("no account has ARR at period end")
    for name in ("logo_retention", "nrr", "grr", "contraction_rate"):
        metric = report.metric(name)
        if metric.value is None:
            skipped[name] = metric.reason
            continue
        if name == "nrr" and metric.value > 5:
            skipped[name] = _(
                "NRR {value} is beyond the profile's 500% limit", value=metric.shown()
            )
            continue
        updates[name] = round(metric.value, 4)
        sources[name] = _metric_source(name, metric.shown(), cohort, report.source)
    churn = logo_churn_rate(report.frame)
    if churn.value is not None:
        updates["logo_churn_rate"] = round(churn.value, 4)
        # Translators: {churned} of {count} accounts active on {start} had left by {end}.
        sources["logo_churn_rate"] = _(
            "logo churn {value}: {churned} of {count} accounts active on {start} had left by "
            "{end} ({source})",
            value=percent(churn.value),
            churned=report.churned_accounts,
            count=cohort,
            start=start,
            end=report.as_of.isoformat(),
            source=report.source,
        )
    else:
        skipped["logo_churn_rate"] = churn.reason
    _renewal_figures(report, updates, sources, skipped)
    nps = report.metric("nps")
    if nps.value is not None:
        updates["nps"] = round(nps.value, 1)
        sources["nps"] = _(
            "portfolio NPS {value} from {count} accounts in the export {source}",
            value=nps.shown(),
            count=report.nps_responses,
            source=report.source,
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
        skipped["renewals_by_month"] = _("no account has ARR at period end")
        skipped["accounts_added_per_quarter"] = _("no account has ARR at period end")
        return
    by_month: dict[str, int] = {}
    for record in calendar_records(report.calendar):
        month = str(record["month"])[:7]
        by_month[month] = by_month.get(month, 0) + int(record["accounts"])
    if by_month:
        updates["renewals_by_month"] = " ".join(f"{m}:{n}" for m, n in sorted(by_month.items()))
        dated = sum(by_month.values())
        sources["renewals_by_month"] = n_(
            "renewal dates of {count} active account in the 12 months from {date} in the export "
            "{source}",
            "renewal dates of {count} active accounts in the 12 months from {date} in the export "
            "{source}",
            dated,
            count=number(dated),
            date=report.as_of.isoformat(),
            source=report.source,
        )
    else:
        skipped["renewals_by_month"] = _(
            "no active account has a renewal date in the next 12 months"
        )
    months = _period_months(report)
    pace = round(report.new_accounts * 3 / months)
    updates["accounts_added_per_quarter"] = pace
    # Translators: {count} new accounts over {months} months; {pace} new accounts a quarter.
    sources["accounts_added_per_quarter"] = n_(
        "{count} new account over the {months} months to {date} in the export {source}, about "
        "{pace} a quarter",
        "{count} new accounts over the {months} months to {date} in the export {source}, about "
        "{pace} a quarter",
        report.new_accounts,
        count=number(report.new_accounts),
        months=months,
        date=report.as_of.isoformat(),
        source=report.source,
        pace=pace,
    )
