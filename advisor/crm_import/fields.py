"""The columns the diagnostics understand, the header names that map to them, status words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from advisor.i18n import N_


@dataclass(frozen=True)
class ImportField:
    """A column the diagnostics understand, with the header names that map to it."""

    name: str
    label: str  # shown with `_()`, as is `help`
    kind: str  # text | money | date | status | score
    help: str
    aliases: tuple[str, ...]


IMPORT_FIELDS: dict[str, ImportField] = {
    item.name: item
    for item in (
        ImportField(
            "account",
            N_("Account name"),
            "text",
            N_("Required. The company the contract is with."),
            (
                "company name",
                "account name",
                "customer name",
                "client name",
                "organization name",
                "organisation name",
                "company",
                "account",
                "customer",
                "client",
                "organization",
                "organisation",
                "name",
            ),
        ),
        ImportField(
            "account_id",
            N_("Account ID"),
            "text",
            N_("Optional. When present, duplicates are found by ID rather than by name."),
            (
                "record id",
                "account id",
                "company id",
                "customer id",
                "client id",
                "salesforce id",
                "hubspot id",
                "account number",
                "id",
            ),
        ),
        ImportField(
            "arr_start",
            N_("ARR at period start"),
            "money",
            N_(
                "Annual recurring revenue of the account on the first day of the period "
                "(empty or 0 for an account that joined during the period)."
            ),
            (
                "arr at period start",
                "arr period start",
                "arr at start",
                "arr start",
                "starting arr",
                "start arr",
                "opening arr",
                "beginning arr",
                "arr 12 months ago",
                "arr 1 year ago",
                "arr last year",
                "arr prior year",
                "prior year arr",
                "previous year arr",
                "last year arr",
                "prior arr",
                "previous arr",
            ),
        ),
        ImportField(
            "arr_end",
            N_("ARR at period end"),
            "money",
            N_("Annual recurring revenue on the as-of date (empty or 0 for an account that left)."),
            (
                "arr at period end",
                "arr period end",
                "arr at end",
                "arr end",
                "ending arr",
                "end arr",
                "closing arr",
                "current arr",
                "arr today",
                "arr now",
                "arr",
                "annual recurring revenue",
            ),
        ),
        ImportField(
            "contract_value",
            N_("Annual contract value"),
            "money",
            N_(
                "Used with status when the export has no ARR at both dates: the account's yearly "
                "value, counted at period start unless it joined later and at period end if active."
            ),
            (
                "annual contract value",
                "contract value",
                "acv",
                "amount",
                "deal amount",
                "contract amount",
                "annual value",
            ),
        ),
        ImportField(
            "status",
            N_("Status"),
            "status",
            N_("Active or churned (customer / former customer, closed won / closed lost…)."),
            (
                "status",
                "account status",
                "customer status",
                "deal status",
                "subscription status",
                "status type",
                "lifecycle stage",
                "deal stage",
                "opportunity stage",
                "stage",
                "type",
                "account type",
                "customer type",
            ),
        ),
        ImportField(
            "renewal_date",
            N_("Renewal date"),
            "date",
            N_("The next renewal or contract end date: feeds the renewals calendar."),
            (
                "renewal date",
                "next renewal date",
                "next renewal",
                "contract end date",
                "contract end",
                "end date",
                "expiration date",
                "expiry date",
                "renewal",
                "current period end",
            ),
        ),
        ImportField(
            "owner",
            N_("Owner"),
            "text",
            N_("Who looks after the account; empty means nobody owns it."),
            (
                "account owner",
                "company owner",
                "owner",
                "owner name",
                "account owner full name",
                "owner full name",
                "account manager",
                "customer success manager",
                "csm",
                "hubspot owner",
                "contact owner",
                "assigned to",
            ),
        ),
        ImportField(
            "segment",
            N_("Segment"),
            "text",
            N_("Optional. Retention is also shown per segment."),
            ("segment", "customer segment", "market segment", "account segment"),
        ),
        ImportField(
            "health",
            N_("Health"),
            "text",
            N_("Optional. A health label such as green / yellow / red or healthy / at risk."),
            ("health", "health score", "account health", "customer health", "health status"),
        ),
        ImportField(
            "nps",
            N_("NPS"),
            "score",
            N_("Optional. A 0–10 rating per account, or an NPS between -100 and 100."),
            ("nps", "nps score", "net promoter score", "latest nps", "nps rating"),
        ),
        ImportField(
            "start_date",
            N_("Customer since"),
            "date",
            N_(
                "Optional. The first contract date: tells new accounts apart when the export has no "
                "ARR at period start."
            ),
            (
                "customer since",
                "client since",
                "became a customer date",
                "first contract date",
                "customer start date",
                "start date",
                "acquisition date",
            ),
        ),
        ImportField(
            "churn_date",
            N_("Churn date"),
            "date",
            N_(
                "Optional. When a churned account left: accounts gone before the period are left out."
            ),
            (
                "churn date",
                "churned date",
                "churned on",
                "cancellation date",
                "cancelled date",
                "canceled date",
                "lost date",
                "termination date",
                "ended at",
            ),
        ),
        ImportField(
            "close_date",
            N_("Close date"),
            "date",
            N_(
                "Deal files: when a deal was won or lost (or is expected to close). Never read as the "
                "next renewal date: a won renewal's close date is when it was signed."
            ),
            ("close date", "closing date", "date won", "won time", "deal closed on", "closed date"),
        ),
        ImportField(
            "deal_type",
            N_("Deal type"),
            "text",
            N_(
                "Deal files: new business, existing business or renewal. An open renewal with no won "
                "deal in the file is a customer on its running contract."
            ),
            ("deal type", "opportunity type", "business type", "type"),
        ),
        ImportField(
            "pipeline",
            N_("Pipeline"),
            "text",
            N_(
                "Deal files: the pipeline a deal is in. A deal in a renewals pipeline renews a "
                "customer's contract, as a deal of type renewal does."
            ),
            ("pipeline", "pipeline name", "deal pipeline", "opportunity pipeline"),
        ),
        ImportField(
            "billing_period",
            N_("Billing period"),
            "text",
            N_(
                "How often the amount is charged (month, quarter, week, year): amounts are annualised."
            ),
            (
                "billing period",
                "billing interval",
                "billing frequency",
                "interval",
                "plan interval",
                "value period",
            ),
        ),
        ImportField(
            "quantity",
            N_("Quantity"),
            "number",
            N_("Seats or units: the amount is per unit and is multiplied by it."),
            ("quantity", "seats", "licenses", "licences", "units"),
        ),
        ImportField(
            "currency",
            N_("Currency"),
            "text",
            N_("The currency code of each row's amounts, for amounts written without a symbol."),
            (
                "currency",
                "value currency",
                "amount currency",
                "opportunity currency",
                "deal currency",
                "currency code",
            ),
        ),
    )
}

IGNORE = "ignore"  # the field name that unmaps a column in an override
CURRENCY_TOKENS = frozenset({"eur", "usd", "gbp", "chf", "in", "k"})

# Status words, compared after lower-casing and turning punctuation into spaces.
ACTIVE_STATUSES = frozenset(
    {
        "active",
        "customer",
        "current",
        "live",
        "paying",
        "renewed",
        "won",
        "closed won",
        "signed",
        "in contract",
        "new",
        "onboarding",
        "at risk",
    }
)
CHURNED_STATUSES = frozenset(
    {
        "churned",
        "churn",
        "lost",
        "closed lost",
        "cancelled",
        "canceled",
        "terminated",
        "inactive",
        "former customer",
        "ex customer",
        "past customer",
        "ended",
        "expired",
        "not renewed",
        "lapsed",
    }
)
PROSPECT_STATUSES = frozenset(
    {
        "prospect",
        "lead",
        "opportunity",
        "subscriber",
        "marketing qualified lead",
        "sales qualified lead",
        "evangelist",
        "partner",
    }
)

OPEN_STATUSES = frozenset(
    {
        "open",
        "in progress",
        "pending",
        "negotiation",
        "negotiation review",
        "proposal",
        "proposal price quote",
        "contract sent",
        "renewal due",
        "up for renewal",
    }
)

# arr: ARR at both dates; contract: one value and a status per account; deals: several deals per
# account (won, lost, open); subscriptions: several concurrent subscriptions per account.
Basis = Literal["arr", "contract", "deals", "subscriptions"]
ROW_LEVEL_BASES = ("deals", "subscriptions")
# The status of each row of a subscription file without a status column (a recurring-invoice
# export): it pays from its start date up to, not including, its end date, or runs on without one.
DATED = "dated"

# The columns of AccountsImport.accounts, in order.
ACCOUNT_COLUMNS = (
    "row",
    "account",
    "account_id",
    "arr_start",
    "arr_end",
    "contract_value",
    "status",
    "renewal_date",
    "owner",
    "segment",
    "health",
    "nps",
    "start_date",
    "churn_date",
    "close_date",
    "deal_type",
    "pipeline",
)
