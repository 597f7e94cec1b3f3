"""Status words onto four meanings: a customer, a churned one, an open deal, not yet a customer.

Every system writes its own words, and the same word can mean different things: Close's
`status_type` "active" is an open opportunity, Stripe's "active" a paying subscription. A
layout brings its system's vocabulary, read before the general words below.

What counts as a customer follows the subscription analytics vendors: a subscription whose
payment failed and is being retried (Stripe `past_due`, `unpaid`) is still a customer, as
ChartMogul (past-due handling: active until the retries end) and Paddle (`past_due`: payment
retried, the subscription still runs) count it; a trial (`trialing`) or a subscription whose
first payment never went through (`incomplete`, `incomplete_expired`) is not a customer yet.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from advisor.crm_import.fields import (
    ACTIVE_STATUSES,
    CHURNED_STATUSES,
    OPEN_STATUSES,
    PROSPECT_STATUSES,
)
from advisor.crm_import.vocabulary import vocabulary as vocabulary_files
from advisor.i18n import N_, _

ACTIVE = "active"
CHURNED = "churned"
OPEN = "open"
PROSPECT = "prospect"
UNKNOWN = "unknown"
CATEGORY_WORDS = {  # shown with `_()`
    ACTIVE: N_("a customer"),
    CHURNED: N_("churned"),
    OPEN: N_("an open deal"),
    PROSPECT: N_("not yet a customer"),
}


def status_key(value: str) -> str:
    """The word as compared: lower case, accents dropped, punctuation as spaces."""
    folded = unicodedata.normalize("NFKD", value.casefold())
    return " ".join(
        re.findall(r"[a-z0-9]+", "".join(c for c in folded if not unicodedata.combining(c)))
    )


def _words(category: str, words: str) -> dict[str, str]:
    return {status_key(word): category for word in words.split("|")}


# Each system's words, as its exports write them (compared through status_key).
HUBSPOT_LIFECYCLE = {
    **_words(ACTIVE, "Customer|Evangelist"),
    **_words(CHURNED, "Former customer|Churned customer|Churned"),
    **_words(
        PROSPECT,
        "Subscriber|Lead|Marketing qualified lead|Sales qualified lead|Opportunity|Other",
    ),
}
HUBSPOT_DEAL_STAGES = {
    **_words(ACTIVE, "Closed won"),
    **_words(CHURNED, "Closed lost"),
    **_words(
        OPEN,
        "Appointment scheduled|Qualified to buy|Presentation scheduled|"
        "Decision maker bought-in|Contract sent",
    ),
}
SALESFORCE_ACCOUNT_TYPES = {
    **_words(ACTIVE, "Customer - Direct|Customer - Channel|Customer"),
    **_words(CHURNED, "Former Customer|Churned"),
    **_words(
        PROSPECT,
        "Prospect|Channel Partner / Reseller|Installation Partner|Technology Partner|Partner",
    ),
}
SALESFORCE_STAGES = {
    **_words(ACTIVE, "Closed Won"),
    **_words(CHURNED, "Closed Lost"),
    **_words(
        OPEN,
        "Prospecting|Qualification|Needs Analysis|Value Proposition|Id. Decision Makers|"
        "Perception Analysis|Proposal/Price Quote|Negotiation/Review",
    ),
}
PIPEDRIVE_DEAL_STATUSES = {
    **_words(ACTIVE, "Won"),
    **_words(CHURNED, "Lost"),
    **_words(OPEN, "Open"),
}
PIPEDRIVE_ORGANIZATION_STATUSES = {
    **_words(ACTIVE, "Customer|Active"),
    **_words(CHURNED, "Former customer|Churned|Lost"),
    **_words(PROSPECT, "Prospect|Lead"),
}
ZOHO_STAGES = {
    **_words(ACTIVE, "Closed Won"),
    **_words(CHURNED, "Closed Lost|Closed Lost to Competition|Closed-Lost to Competition"),
    **_words(
        OPEN,
        "Qualification|Needs Analysis|Value Proposition|Identify Decision Makers|"
        "Id. Decision Makers|Perception Analysis|Proposal/Price Quote|Negotiation/Review",
    ),
}
# Close's status_type: "active" is an opportunity still open, not a paying customer.
CLOSE_STATUS_TYPES = {
    **_words(ACTIVE, "won"),
    **_words(CHURNED, "lost"),
    **_words(OPEN, "active"),
}
STRIPE_STATUSES = {
    **_words(ACTIVE, "active|past_due|unpaid"),
    **_words(CHURNED, "canceled|cancelled|ended"),
    **_words(PROSPECT, "trialing|incomplete|incomplete_expired|paused"),
}

# Deal types and pipelines that renew or extend a customer's contract, compared by how they
# start (through status_key): "Renewal", a "Renewals" pipeline (Close, HubSpot, Pipedrive),
# "Existing Business" (HubSpot, Salesforce, Zoho; HubSpot's internal "existingbusiness").
# A deal of one of these was made with an account that was a customer before it.
RENEWAL_DEAL_WORDS = ("renewal", "existing")


def is_renewal(value: str) -> bool:
    """True when a deal type or a pipeline names a renewal or existing business."""
    return status_key(value).startswith(RENEWAL_DEAL_WORDS)


GENERAL = {
    **{word: ACTIVE for word in ACTIVE_STATUSES},
    **{word: CHURNED for word in CHURNED_STATUSES},
    **{word: OPEN for word in OPEN_STATUSES},
    **{word: PROSPECT for word in PROSPECT_STATUSES},
    # Stripe's words read in any file, except "paused", which elsewhere can mean a customer.
    **{word: category for word, category in STRIPE_STATUSES.items() if word != "paused"},
}
# Other languages' words (the vocabulary data files), read in any file after the general ones.
OTHER_LANGUAGES = {
    status_key(word): category for word, category in vocabulary_files().statuses.items()
}


def status_category(value: str, vocabulary: Mapping[str, str] | None = None) -> str:
    """active | churned | open | prospect | "" (empty) | unknown.

    The layout's vocabulary decides first; then the general words and their prefixes
    ("Former …", "Customer - …").
    """
    key = status_key(value)
    if not key:
        return ""
    if vocabulary and key in vocabulary:
        return vocabulary[key]
    if key in GENERAL:
        return GENERAL[key]
    if key in OTHER_LANGUAGES:
        return OTHER_LANGUAGES[key]
    if key.startswith(("former ", "ex ", "churned", "cancel", "closed lost")):
        return CHURNED
    if key.startswith(("customer", "active", "closed won")):
        return ACTIVE
    if key.startswith(("prospect", "lead")):
        return PROSPECT
    return UNKNOWN


def understood_words(vocabulary: Mapping[str, str] | None) -> str:
    """The words read, by meaning: the layout's own when it has them, else the general ones
    and then the other languages' ones."""
    if vocabulary:
        return _by_meaning(vocabulary)
    # Translators: {words} and {other} list status words by meaning ("a customer: active, won").
    return _(
        "{words}; in other languages — {other}",
        words=_by_meaning(GENERAL),
        other=_by_meaning(OTHER_LANGUAGES),
    )


def _by_meaning(words: Mapping[str, str]) -> str:
    parts = []
    for category, meaning in CATEGORY_WORDS.items():
        listed = sorted(word for word, found in words.items() if found == category)
        if listed:
            parts.append(f"{_(meaning)}: {', '.join(listed)}")
    return "; ".join(parts)


def looks_like_status(values: set[str], vocabulary: Mapping[str, str] | None) -> bool:
    """True when most of a column's distinct words are status words."""
    keys = [v for v in values if v.strip()]
    if not keys:
        return False
    known = sum(status_category(v, vocabulary) not in ("", UNKNOWN) for v in keys)
    return known * 2 >= len(keys)
