"""What the search fields put in the drafted role: the reporting line, and what changes for the
account executives (the accounts they hand over, when, and their commission on those renewals).

Each sentence is empty when the profile leaves its fields out, so the role says nothing it was
not told.
"""

from __future__ import annotations

import datetime as dt

from advisor import present
from advisor.profile import CompanyProfile

REPORTS_TO = {
    "ceo": "the CEO",
    "head_of_sales": "the head of sales",
    "head_of_cs": "the head of customer success",
}
COMMISSION = {
    "keeps": "they keep their commission on those renewals",
    "shared": (
        "their commission on those renewals is shared with the Account Manager for a "
        "transition period"
    ),
    "ends": (
        "their commission on those renewals ends at the handover, and the Account Manager is "
        "paid on them"
    ),
}


def reporting_line(profile: CompanyProfile) -> str:
    """Whom the Account Manager reports to, as a sentence; empty when not given."""
    if profile.reports_to is None:
        return ""
    whom = REPORTS_TO.get(profile.reports_to.value)
    if whom is None:
        return (
            "The Account Manager reports to someone other than the CEO, the head of sales or "
            "the head of customer success: name that person in the offer."
        )
    return f"The Account Manager reports to {whom}."


def ae_handover(profile: CompanyProfile) -> str:
    """What changes for the account executives, as a sentence; empty when nothing is given."""
    handed, day = profile.ae_handover_accounts, profile.ae_handover_date
    commission = profile.ae_renewal_commission
    if handed is None and day is None and commission is None:
        return ""
    if handed is None:
        what = "The account executives hand their accounts over to the Account Manager"
    elif handed > profile.active_accounts:  # the assessment warns: say only what was given
        what = f"The account executives hand {handed:,} accounts over to the Account Manager"
    else:
        what = (
            f"The account executives hand {handed:,} of the {profile.active_accounts:,} active "
            f"account{'s' if profile.active_accounts != 1 else ''} over to the Account Manager"
        )
    when = f" on {present.date(dt.date.fromisoformat(day))}" if day else ""
    tail = f"; {COMMISSION[commission.value]}" if commission is not None else ""
    return f"{what}{when}{tail}."
