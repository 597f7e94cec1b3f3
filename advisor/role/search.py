"""What the search fields put in the drafted role: the reporting line, and what changes for the
account executives (the accounts they hand over, when, and their commission on those renewals).

Each sentence is empty when the profile leaves its fields out, so the role says nothing it was
not told.
"""

from __future__ import annotations

import datetime as dt

from advisor import present
from advisor.i18n import N_, _, formats, n_
from advisor.profile import CompanyProfile

REPORTS_TO = {  # whom, as other documents name them
    "ceo": N_("the CEO"),
    "head_of_sales": N_("the head of sales"),
    "head_of_cs": N_("the head of customer success"),
}
COMMISSION = {
    "keeps": N_("they keep their commission on those renewals"),
    "shared": N_(
        "their commission on those renewals is shared with the Account Manager for a "
        "transition period"
    ),
    "ends": N_(
        "their commission on those renewals ends at the handover, and the Account Manager is "
        "paid on them"
    ),
}


def reporting_line(profile: CompanyProfile) -> str:
    """Whom the Account Manager reports to, as a sentence; empty when not given."""
    if profile.reports_to is None:
        return ""
    whom = profile.reports_to.value
    if whom == "ceo":
        return _("The Account Manager reports to the CEO.")
    if whom == "head_of_sales":
        return _("The Account Manager reports to the head of sales.")
    if whom == "head_of_cs":
        return _("The Account Manager reports to the head of customer success.")
    return _(
        "The Account Manager reports to someone other than the CEO, the head of sales or "
        "the head of customer success: name that person in the offer."
    )


def ae_handover(profile: CompanyProfile) -> str:
    """What changes for the account executives, as a sentence; empty when nothing is given."""
    handed, day = profile.ae_handover_accounts, profile.ae_handover_date
    commission = profile.ae_renewal_commission
    if handed is None and day is None and commission is None:
        return ""
    # Translators: {when} is empty or " on 1 March 2027"; {tail} empty or "; " and what
    # happens to the account executives' commission
    values = {
        "when": _(" on {date}", date=present.date(dt.date.fromisoformat(day))) if day else "",
        "tail": "; " + _(COMMISSION[commission.value]) if commission is not None else "",
    }
    if handed is None:
        return _(
            "The account executives hand their accounts over to the Account Manager{when}{tail}.",
            **values,
        )
    if handed > profile.active_accounts:  # the assessment warns: say only what was given
        return _(
            "The account executives hand {handed} accounts over to the Account "
            "Manager{when}{tail}.",
            handed=formats.number(handed),
            **values,
        )
    return n_(
        "The account executives hand {handed} of the {number} active account over to the "
        "Account Manager{when}{tail}.",
        "The account executives hand {handed} of the {number} active accounts over to the "
        "Account Manager{when}{tail}.",
        profile.active_accounts,
        handed=formats.number(handed),
        number=formats.number(profile.active_accounts),
        **values,
    )
