"""The portfolio report as the tables the Portfolio page shows: plain rows, no widgets."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import msgspec
import pandas as pd

from advisor import wording
from advisor.crm_import import RowIssue
from advisor.fields import FIELDS
from advisor.i18n import N_, _, n_, p_
from advisor.i18n.formats import number
from advisor.portfolio.composition import NO_SEGMENT
from advisor.portfolio.into_profile import ProfileFigures
from advisor.portfolio.renewals import NO_OWNER, RenewalWindow
from advisor.portfolio.report import PortfolioReport

if TYPE_CHECKING:  # the profile's model (and pydantic) stays out of `advisor diagnose`
    from advisor.profile import CompanyProfile

# How an owner's book compares with the rule pack's book size; shown with `_()`.
BOOK_WORDS = {
    "over": N_("over the range"),
    "within": N_("within"),
    "under": N_("under"),
    "none": N_("unowned"),
}


def figure_text(name: str, value: Any, currency: str) -> str:
    """A profile figure as the carry-over table shows it (an NPS as a whole number)."""
    if value is not None and FIELDS[name].kind == "score":
        return number(float(value))
    return wording.value(name, value, currency)


def carried_figures_table(
    figures: ProfileFigures, profile: CompanyProfile, currency: str
) -> pd.DataFrame:
    """Each figure the export gives next to the profile's value now, with its source."""
    current = msgspec.structs.asdict(profile)
    rows = [
        {
            p_("column", "Field"): _(FIELDS[name].label),
            p_("column", "Now"): figure_text(name, current.get(name), profile.currency),
            p_("column", "From the export"): figure_text(name, new, currency),
            p_("column", "Source"): figures.sources[name],
        }
        for name, new in figures.updates.items()
    ]
    return pd.DataFrame(rows)


def _renewal_row(within: str, window: RenewalWindow, currency: str) -> dict[str, Any]:
    return {
        p_("column", "Within"): within,
        p_("column", "Accounts"): window.accounts,
        p_("column", "ARR"): wording.money(window.arr, currency),
        p_("column", "Without an owner"): window.unowned_accounts,
        p_("column", "Unowned accounts"): ", ".join(window.unowned_names),
    }


def renewals_table(report: PortfolioReport) -> pd.DataFrame:
    """Renewals due per window, then the overdue ones when there are any."""
    renewals = report.renewals
    rows = [
        _renewal_row(n_("{count} day", "{count} days", w.days), w, report.currency)
        for w in renewals.windows
    ]
    if renewals.overdue.accounts:
        rows.append(
            _renewal_row(p_("renewal window", "overdue"), renewals.overdue, report.currency)
        )
    return pd.DataFrame(rows)


def owners_table(report: PortfolioReport) -> pd.DataFrame:
    """Each owner's book against the rule pack's book size."""
    return pd.DataFrame(
        [
            {
                p_("column", "Owner"): _(NO_OWNER) if book.owner == NO_OWNER else book.owner,
                p_("column", "Accounts"): book.accounts,
                p_("column", "ARR"): wording.money(book.arr, report.currency),
                p_("column", "Renewals in 120 days"): book.renewals_120,
                p_("column", "Book"): _(BOOK_WORDS[book.book]),
            }
            for book in report.owners
        ]
    )


def ratio_text(value: float | None) -> str:
    return _("n/a") if value is None else wording.percent(value)


def segments_table(report: PortfolioReport) -> pd.DataFrame:
    """NRR, GRR and logo retention per segment."""
    return pd.DataFrame(
        [
            {
                p_("column", "Segment"): _(NO_SEGMENT)
                if seg.segment == NO_SEGMENT
                else seg.segment,
                p_("column", "Accounts at start"): seg.cohort_accounts,
                p_("column", "NRR"): ratio_text(seg.nrr.value),
                p_("column", "GRR"): ratio_text(seg.grr.value),
                p_("column", "Logo retention"): ratio_text(seg.logo_retention.value),
                p_("column", "New accounts"): seg.new_accounts,
            }
            for seg in report.segments
        ]
    )


def issues_table(issues: list[RowIssue]) -> pd.DataFrame:
    """Rows left out or counted with a value set aside: row, account, column and reason."""
    return pd.DataFrame(
        {
            p_("column", "Row"): [i.line for i in issues],
            p_("column", "Account"): [i.context for i in issues],
            p_("column", "Column"): [i.path for i in issues],
            p_("column", "Reason"): [i.shown for i in issues],
        }
    )
