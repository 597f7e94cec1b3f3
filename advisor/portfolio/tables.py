"""The portfolio report as the tables the Portfolio page shows: plain rows, no widgets."""

from __future__ import annotations

from typing import Any

import pandas as pd

from advisor import wording
from advisor.crm_import import RowIssue
from advisor.portfolio.into_profile import ProfileFigures
from advisor.portfolio.renewals import RenewalWindow
from advisor.portfolio.report import PortfolioReport
from advisor.profile import FIELDS, CompanyProfile

BOOK_WORDS = {"over": "over the range", "within": "within", "under": "under", "none": "unowned"}


def figure_text(name: str, value: Any, currency: str) -> str:
    """A profile figure as the carry-over table shows it (an NPS as a whole number)."""
    if value is not None and FIELDS[name].kind == "score":
        return f"{float(value):.0f}"
    return wording.value(name, value, currency)


def carried_figures_table(
    figures: ProfileFigures, profile: CompanyProfile, currency: str
) -> pd.DataFrame:
    """Each figure the export gives next to the profile's value now, with its source."""
    current = profile.model_dump()
    rows = [
        {
            "Field": FIELDS[name].label,
            "Now": figure_text(name, current.get(name), profile.currency),
            "From the export": figure_text(name, new, currency),
            "Source": figures.sources[name],
        }
        for name, new in figures.updates.items()
    ]
    return pd.DataFrame(rows)


def _renewal_row(within: str, window: RenewalWindow, currency: str) -> dict[str, Any]:
    return {
        "Within": within,
        "Accounts": window.accounts,
        "ARR": wording.money(window.arr, currency),
        "Without an owner": window.unowned_accounts,
        "Unowned accounts": ", ".join(window.unowned_names),
    }


def renewals_table(report: PortfolioReport) -> pd.DataFrame:
    """Renewals due per window, then the overdue ones when there are any."""
    renewals = report.renewals
    rows = [_renewal_row(f"{w.days} days", w, report.currency) for w in renewals.windows]
    if renewals.overdue.accounts:
        rows.append(_renewal_row("overdue", renewals.overdue, report.currency))
    return pd.DataFrame(rows)


def owners_table(report: PortfolioReport) -> pd.DataFrame:
    """Each owner's book against the rule pack's book size."""
    return pd.DataFrame(
        [
            {
                "Owner": book.owner,
                "Accounts": book.accounts,
                "ARR": wording.money(book.arr, report.currency),
                "Renewals in 120 days": book.renewals_120,
                "Book": BOOK_WORDS[book.book],
            }
            for book in report.owners
        ]
    )


def ratio_text(value: float | None) -> str:
    return "n/a" if value is None else wording.percent(value)


def segments_table(report: PortfolioReport) -> pd.DataFrame:
    """NRR, GRR and logo retention per segment."""
    return pd.DataFrame(
        [
            {
                "Segment": seg.segment,
                "Accounts at start": seg.cohort_accounts,
                "NRR": ratio_text(seg.nrr.value),
                "GRR": ratio_text(seg.grr.value),
                "Logo retention": ratio_text(seg.logo_retention.value),
                "New accounts": seg.new_accounts,
            }
            for seg in report.segments
        ]
    )


def issues_table(issues: list[RowIssue]) -> pd.DataFrame:
    """Rows left out or counted with a value set aside: row, account, column and reason."""
    return pd.DataFrame(
        {
            "Row": [i.line for i in issues],
            "Account": [i.context for i in issues],
            "Column": [i.path for i in issues],
            "Reason": [i.message for i in issues],
        }
    )
