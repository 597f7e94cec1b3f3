"""When the period ends: the as-of date proposed from a file, and figures too old to carry.

An export says what happened up to the day it was taken. Without an as-of date given, the
period ends on the latest date the file's rows record (`AccountsImport.latest_date`), never
after today: an export whose data ends a year ago is not read as if it were today's, and a date
still to come (a recurring invoice's scheduled end) is left out for the latest one that has
come (`AccountsImport.latest_date_on`). Figures
whose period ended more than a quarter before today (or the day the case counts from) describe
the portfolio as it was then, and every output says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from advisor.i18n import N_, _, n_
from advisor.i18n.formats import number

STALE_AFTER_DAYS = 91  # about a quarter
WHICH_DATES = N_(
    "start, end and closed-deal dates; renewal dates and open deals' expected close dates look "
    "ahead and are left out"
)  # shown with `_()`


@dataclass(frozen=True)
class AsOfProposal:
    """The as-of date proposed for a file, and the sentence saying where it comes from."""

    day: date
    reason: str


def proposed_as_of(latest: date | None, today: date, passed: date | None = None) -> AsOfProposal:
    """The file's latest date as the end of the period, or today when it has none (or a later one).

    A date after today (a recurring invoice's scheduled end) is not data the file reaches: with
    `passed`, the latest of the file's dates not after today, the period ends on that instead.
    The reason follows the date: "2024-06-28, the latest date in the file's rows (…)".
    """
    if latest is None:
        return AsOfProposal(today, _("today: the file's rows hold no start, end or close date"))
    if latest > today and passed is not None:
        return AsOfProposal(passed, _passed_reason(latest))
    if latest > today:
        return AsOfProposal(
            today,
            _(
                "today: the latest date in the file's rows ({date}) is later",
                date=latest.isoformat(),
            ),
        )
    # Translators: {dates} says which of the file's dates are read.
    return AsOfProposal(
        latest, _("the latest date in the file's rows ({dates})", dates=_(WHICH_DATES))
    )


def _passed_reason(latest: date) -> str:
    # Translators: {dates} says which of the file's dates are read; {date} is the latest of them.
    return _(
        "the latest date in the file's rows that has come ({dates}); later ones, up to {date}, "
        "are scheduled, not data the file reaches",
        dates=_(WHICH_DATES),
        date=latest.isoformat(),
    )


def stale_figures_warning(as_of: date, today: date) -> str:
    """A warning when the period ended more than a quarter before `today`, else ""."""
    days = (today - as_of).days
    if days <= STALE_AFTER_DAYS:
        return ""
    # Translators: {count} days lie between {date} (the end of the figures) and {today}.
    return n_(
        "The figures end on {date}, {count} day before {today}: older than a quarter. Carried "
        "into the profile they describe the portfolio as it was then; use a recent export, or set "
        "the as-of date to the day the export was taken.",
        "The figures end on {date}, {count} days before {today}: older than a quarter. Carried "
        "into the profile they describe the portfolio as it was then; use a recent export, or set "
        "the as-of date to the day the export was taken.",
        days,
        count=number(days),
        date=as_of.isoformat(),
        today=today.isoformat(),
    )
