"""The export layouts of HubSpot, Salesforce, Pipedrive, Zoho CRM, Close, Stripe and Holded.

A layout is what one system writes in one kind of export: its default column headers, the
level of its rows (one per account, one per deal, one per subscription), its status words, and
how it writes amounts and dates. A file whose headers carry a layout's signature is read under
that layout without any `--map`; `--preset NAME` (or the app's choice) names the layout when
detection finds none or more than one. A layout whose headers no documentation of the system
confirms is never detected (`detect=False`): only `--preset` reads a file under it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, cast

from advisor.crm_import import statuses
from advisor.crm_import.errors import ExportError
from advisor.crm_import.fields import IMPORT_FIELDS
from advisor.crm_import.mapping import detect_mapping, normalise_header
from advisor.crm_import.vocabulary import vocabulary
from advisor.i18n import N_, _
from advisor.problems import suggest

Level = Literal["accounts", "deals", "subscriptions"]
ARR_END_KEYS = frozenset(normalise_header(alias) for alias in IMPORT_FIELDS["arr_end"].aliases)
LEVEL_WORDS = {  # shown with `_()`, as are a layout's label and its reasons for ignoring columns
    "accounts": N_("one row per account"),
    "deals": N_("one row per deal: an account's rows are aggregated"),
    "subscriptions": N_("one row per subscription: an account's rows are summed"),
}


@dataclass(frozen=True)
class Layout:
    """One system's export: how to recognise it and how to read it."""

    name: str
    label: str
    level: Level
    signature: tuple[str, ...]  # headers that must all be present (compared normalised)
    columns: Mapping[str, tuple[str, ...]]  # field -> the system's headers, preferred first
    vocabulary: Mapping[str, str] = field(default_factory=dict)
    cents: bool = False  # amounts are written in cents
    annual: tuple[str, ...] = ()  # amount headers already annualised (no billing period applied)
    date_format: str | None = None  # the system's default for day/month dates that decide nothing
    ignored: Mapping[str, str] = field(default_factory=dict)  # header -> why it is not used
    # Fields whose headers each fill some rows (one per outcome): every row's value is read
    # from the first of them it fills, not from one header for the whole file (coalesce.py).
    coalesce: tuple[str, ...] = ()
    periods: Mapping[str, float] = field(default_factory=dict)  # the system's own period words
    detect: bool = True  # False: read under --preset only (its headers are not confirmed)

    def describe(self) -> str:
        # Translators: {layout} is "HubSpot deals export"; {level} "one row per deal: …".
        return _("{layout} ({level})", layout=_(self.label), level=_(LEVEL_WORDS[self.level]))


LAYOUTS: dict[str, Layout] = {
    item.name: item
    for item in (
        Layout(
            "hubspot-companies",
            N_("HubSpot companies export"),
            "accounts",
            ("Company name", "Lifecycle Stage"),
            {
                "account": ("Company name",),
                "account_id": ("Record ID", "Company ID"),
                "owner": ("Company owner", "HubSpot Owner"),
                "status": ("Lifecycle Stage",),
                "contract_value": (
                    "Annual recurring revenue",
                    "ARR",
                    "Recent Deal Amount",
                    "Amount",
                    "Total Revenue",
                ),
                "start_date": ("Became a Customer Date",),
                "churn_date": ("Churn Date", "Became a Former customer Date"),
                "renewal_date": ("Renewal Date", "Contract End Date"),
            },
            statuses.HUBSPOT_LIFECYCLE,
            ignored={
                "Annual Revenue": N_("the company's own yearly revenue, not what it pays you"),
                "Close Date": N_("the date its first deal closed, not a renewal date"),
            },
        ),
        Layout(
            "hubspot-deals",
            N_("HubSpot deals export"),
            "deals",
            ("Deal Name", "Deal Stage"),
            {
                "account": ("Associated Company", "Associated Company (Primary)", "Company name"),
                "account_id": ("Associated Company IDs", "Associated Company ID"),
                "owner": ("Deal owner", "Deal Owner"),
                "status": ("Deal Stage",),
                "contract_value": ("Annual recurring revenue", "Amount"),
                "close_date": ("Close Date",),
                "deal_type": ("Deal Type",),
                "pipeline": ("Pipeline",),
            },
            statuses.HUBSPOT_DEAL_STAGES,
            annual=("Annual recurring revenue",),
            ignored={"Record ID": "the deal's ID, not the account's"},
        ),
        Layout(
            "salesforce-accounts",
            N_("Salesforce account report"),
            "accounts",
            ("Account Name", "Account Owner", "Type"),
            {
                "account": ("Account Name",),
                "account_id": ("Account ID",),
                "owner": ("Account Owner",),
                "status": ("Type",),
                "contract_value": ("Annual Contract Value", "ARR", "Contract Value"),
                "currency": ("Annual Contract Value Currency", "ARR Currency", "Account Currency"),
                "renewal_date": ("Contract End Date",),
                "start_date": ("Customer Since",),
                "segment": ("Segment",),
            },
            statuses.SALESFORCE_ACCOUNT_TYPES,
            date_format="%m/%d/%Y",
            ignored={"Annual Revenue": "the company's own yearly revenue, not what it pays you"},
        ),
        Layout(
            "salesforce-opportunities",
            N_("Salesforce opportunity report"),
            "deals",
            ("Opportunity Name", "Stage"),
            {
                "account": ("Account Name",),
                "account_id": ("Account ID",),
                "owner": ("Opportunity Owner", "Account Owner"),
                "status": ("Stage",),
                "deal_type": ("Type",),
                "contract_value": ("ARR", "Amount"),
                "currency": ("Amount Currency", "ARR Currency", "Opportunity Currency"),
                "close_date": ("Close Date",),
                "renewal_date": ("Contract End Date",),
            },
            statuses.SALESFORCE_STAGES,
            date_format="%m/%d/%Y",
            ignored={
                "Opportunity ID": N_("the opportunity's ID, not the account's"),
                "Probability (%)": "",
                "Expected Revenue": N_("amount × probability, a forecast"),
            },
        ),
        Layout(
            "pipedrive-organizations",
            N_("Pipedrive organizations export"),
            "accounts",
            ("Organization - Name",),
            {
                "account": ("Organization - Name",),
                "account_id": ("Organization - ID",),
                "owner": ("Organization - Owner",),
                "status": ("Organization - Customer status", "Organization - Status"),
                "contract_value": ("Organization - ARR", "Organization - Contract value"),
                "renewal_date": ("Organization - Renewal date",),
                "start_date": ("Organization - Customer since",),
                "churn_date": ("Organization - Churn date",),
                "segment": ("Organization - Segment",),
            },
            statuses.PIPEDRIVE_ORGANIZATION_STATUSES,
            date_format="%d.%m.%Y",
        ),
        Layout(
            "pipedrive-deals",
            N_("Pipedrive deals export"),
            "deals",
            ("Deal - Title", "Deal - Status"),
            {
                "account": ("Deal - Organization", "Organization - Name"),
                "account_id": ("Deal - Organization ID", "Organization - ID"),
                "owner": ("Deal - Owner",),
                "status": ("Deal - Status",),
                "contract_value": ("Deal - Value",),
                "currency": ("Deal - Currency", "Deal - Currency of Value"),
                # "Deal closed on" is filled for won and lost deals alike; without it a won
                # deal's date is its won time and a lost deal's its lost time.
                "close_date": ("Deal - Deal closed on", "Deal - Won time", "Deal - Lost time"),
                "deal_type": ("Deal - Type", "Deal - Deal type"),
                "pipeline": ("Deal - Pipeline",),
            },
            statuses.PIPEDRIVE_DEAL_STATUSES,
            date_format="%d.%m.%Y",
            ignored={"Deal - ID": "the deal's ID, not the account's"},
            coalesce=("close_date",),
        ),
        Layout(
            "zoho-deals",
            N_("Zoho CRM deals export"),
            "deals",
            ("Deal Name", "Deal Owner", "Closing Date"),
            {
                "account": ("Account Name",),
                "owner": ("Deal Owner",),
                "status": ("Stage",),
                "deal_type": ("Type",),
                "pipeline": ("Pipeline",),
                "contract_value": ("Amount",),
                "currency": ("Currency",),
                "close_date": ("Closing Date",),
            },
            statuses.ZOHO_STAGES,
            date_format="%m/%d/%Y",
            ignored={
                "Record Id": N_("the deal's ID, not the account's"),
                "Expected Revenue": N_("amount × probability, a forecast"),
            },
        ),
        Layout(
            "close-opportunities",
            N_("Close opportunities export"),
            "deals",
            ("lead_name", "status_type"),
            {
                "account": ("lead_name",),
                "account_id": ("lead_id",),
                "owner": ("user_name",),
                "status": ("status_type",),
                "contract_value": ("annualized_value", "value"),
                "billing_period": ("value_period",),
                "currency": ("value_currency",),
                "close_date": ("date_won", "date_lost"),  # a won deal's, a lost deal's
                "pipeline": ("pipeline_name",),
            },
            statuses.CLOSE_STATUS_TYPES,
            cents=True,
            annual=("annualized_value",),
            ignored={
                "id": N_("the opportunity's ID, not the account's"),
                "status_label": N_("the status's display name; status_type is read"),
                "value": "",
                "expected_value": N_("value × confidence, a forecast"),
                "annualized_expected_value": N_("a forecast"),
            },
            coalesce=("close_date",),
        ),
        Layout(
            "stripe-subscriptions",
            N_("Stripe subscriptions export"),
            "subscriptions",
            ("Status", "Interval", "Quantity"),
            {
                "account": ("Customer Name", "Customer Description", "Customer Email"),
                "account_id": ("Customer ID", "Customer"),
                "status": ("Status",),
                "contract_value": ("Amount",),
                "billing_period": ("Interval",),
                "quantity": ("Quantity",),
                "currency": ("Currency",),
                "start_date": ("Start Date", "Start Date (UTC)", "Start (UTC)", "Start"),
                "churn_date": ("Ended At", "Ended At (UTC)"),
                "renewal_date": ("Current Period End", "Current Period End (UTC)"),
            },
            statuses.STRIPE_STATUSES,
            ignored={
                "id": N_("the subscription's ID, not the customer's"),
                "Canceled At": N_(
                    "when the cancellation was asked for; Ended At is when it stopped"
                ),
                "Canceled At (UTC)": N_(
                    "when the cancellation was asked for; Ended At is when it stopped"
                ),
            },
        ),
    )
}

# The layouts of systems with their interface in another language, from the vocabulary files.
LAYOUTS.update(
    {
        spec.name: Layout(
            spec.name,
            spec.label,
            cast(Level, spec.level),
            spec.signature,
            spec.columns,
            {statuses.status_key(word): meaning for word, meaning in spec.statuses.items()},
            date_format=spec.date_format,
            ignored=spec.ignored,
            periods=spec.periods,
            detect=spec.detect,
        )
        for spec in vocabulary().layouts
    }
)


def find_layout(name: str) -> Layout:
    """The layout a preset names, or an error listing the presets."""
    if name in LAYOUTS:
        return LAYOUTS[name]
    # Translators: {suggestion} is " (did you mean 'x'?)" or empty; {presets} the presets' names.
    raise ExportError.at(
        _(
            "--preset: unknown preset '{name}'{suggestion}; presets: {presets}",
            name=name,
            suggestion=suggest(name, LAYOUTS),
            presets=", ".join(LAYOUTS),
        )
    )


@dataclass(frozen=True)
class LayoutMatch:
    """The layout a file's headers carry, or the ones it could be when detection cannot tell."""

    layout: Layout | None
    candidates: tuple[Layout, ...]

    @property
    def ambiguous(self) -> bool:
        return self.layout is None and len(self.candidates) > 1


def detect_layout(headers: Sequence[str]) -> LayoutMatch:
    """The one layout whose signature the headers carry and which fits them best."""
    keys = {normalise_header(header) for header in headers}
    scored: list[tuple[int, Layout]] = []
    for layout in LAYOUTS.values():
        if not layout.detect or not all(normalise_header(h) in keys for h in layout.signature):
            continue
        known = {normalise_header(h) for names in layout.columns.values() for h in names}
        scored.append((len(known & keys), layout))
    if not scored:
        return LayoutMatch(None, ())
    scored.sort(key=lambda item: -item[0])
    best = [layout for score, layout in scored if score == scored[0][0]]
    if len(best) == 1:
        return LayoutMatch(best[0], tuple(layout for _, layout in scored))
    return LayoutMatch(None, tuple(best))


def layout_mapping(layout: Layout, headers: Sequence[str]) -> dict[str, str]:
    """field -> header: the layout's own headers first, then the usual names for the rest."""
    by_key: dict[str, str] = {}
    for header in headers:
        by_key.setdefault(normalise_header(header), header)
    mapping: dict[str, str] = {}
    for name, names in layout.columns.items():
        for wanted in names:
            found = by_key.get(normalise_header(wanted))
            if found is not None and found not in mapping.values():
                mapping[name] = found
                break
    ignored = {normalise_header(h) for h in layout.ignored}
    rest = [h for h in headers if h not in mapping.values() and normalise_header(h) not in ignored]
    for name, header in detect_mapping(rest).items():
        if name in mapping or (layout.level != "accounts" and name == "account_id"):
            continue  # a deal's or a subscription's own ID would keep its rows apart
        mapping[name] = header
    if layout.level == "accounts":
        mapping.pop("close_date", None)
        _start_and_end_pair(mapping)
    return mapping


def _start_and_end_pair(mapping: dict[str, str]) -> None:
    """ "Prior Year ARR" next to "ARR": the layout took "ARR" as the current contract value, but
    beside the period start's ARR it is the ARR at the period end."""
    value = mapping.get("contract_value")
    if (
        "arr_start" in mapping
        and "arr_end" not in mapping
        and value is not None
        and normalise_header(value) in ARR_END_KEYS
    ):
        mapping["arr_end"] = mapping.pop("contract_value")


def ignored_by_layout(layout: Layout, headers: Sequence[str]) -> dict[str, str]:
    """Headers of the file that the layout deliberately leaves out, with why."""
    reasons = {normalise_header(h): why for h, why in layout.ignored.items()}
    return {
        h: _(reasons[normalise_header(h)]) if reasons[normalise_header(h)] else ""
        for h in headers
        if normalise_header(h) in reasons
    }
