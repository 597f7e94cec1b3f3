"""The vocabulary: every profile field and derived figure, with its kind, unit, label and choices.

The ground floor: it imports nothing of the package, so the words, the rule pack and the reader
of profiles can all name fields from here. `profile.CompanyProfile` validates the values (its
fields are these, and a test holds the two together); `economics` computes the derived figures.
"""

from __future__ import annotations

from enum import StrEnum

import msgspec


def N_(message: str, /) -> str:
    """Mark a label or help text for the catalogue; `advisor.wording` translates it where shown.

    Defined here, not imported, so the vocabulary stays the package's ground floor.
    """
    return message


class Segment(StrEnum):
    SMB = "smb"
    MID_MARKET = "mid_market"
    ENTERPRISE = "enterprise"


class BusinessModel(StrEnum):
    SAAS_SUBSCRIPTION = "saas_subscription"
    SERVICES_RETAINER = "services_retainer"
    PROJECT_CONSULTANCY = "project_consultancy"
    RESELLER = "reseller"


class ChurnTrend(StrEnum):
    FALLING = "falling"
    STABLE = "stable"
    RISING = "rising"


class DeliveryMaturity(StrEnum):
    AD_HOC = "ad_hoc"
    EMERGING = "emerging"
    STANDARDISED = "standardised"
    OPTIMISED = "optimised"


class KnowledgeHolder(StrEnum):
    FOUNDER = "founder"
    FEW_PEOPLE = "few_people"
    SHARED_IN_CRM = "shared_in_crm"


class RenewalOwner(StrEnum):
    FOUNDER = "founder"
    SALES = "sales"
    ACCOUNT_EXECUTIVE = "account_executive"
    ACCOUNT_MANAGER = "account_manager"
    CUSTOMER_SUCCESS = "customer_success"
    NOBODY = "nobody"


class CityBand(StrEnum):
    """Where in its country the Account Manager works, where pay differs by city."""

    MADRID_BARCELONA = "madrid_barcelona"
    REST_OF_SPAIN = "rest_of_spain"
    LONDON = "london"
    REST_OF_UK = "rest_of_uk"


class RemotePolicy(StrEnum):
    """Where the Account Manager works from."""

    ON_SITE = "on_site"
    HYBRID = "hybrid"
    REMOTE = "remote"


class ReportsTo(StrEnum):
    """Whom the Account Manager reports to."""

    CEO = "ceo"
    HEAD_OF_SALES = "head_of_sales"
    HEAD_OF_CS = "head_of_cs"
    OTHER = "other"


class AeRenewalCommission(StrEnum):
    """What happens to the account executives' commission on the renewals they hand over."""

    KEEPS = "keeps"  # the AEs keep it: the AM is paid on the same renewals too
    SHARED = "shared"  # split with the AM for a transition period
    ENDS = "ends"  # ends at the handover: the AM alone is paid on them


# The country (ISO 3166-1 alpha-2) each city band lies in.
CITY_BAND_COUNTRY: dict[str, str] = {
    CityBand.MADRID_BARCELONA.value: "ES",
    CityBand.REST_OF_SPAIN.value: "ES",
    CityBand.LONDON.value: "GB",
    CityBand.REST_OF_UK.value: "GB",
}


class FieldInfo(msgspec.Struct, frozen=True):
    """How a field is shown: label, unit, group and why it matters."""

    name: str
    label: str
    kind: str  # text | choice | count | money | rate | net_rate | yes_no | score
    unit: str  # as it reads after any number but 1: "accounts", "AMs"
    group: str
    help: str
    required: bool
    choices: tuple[str, ...] = ()
    unit_one: str = ""  # a count's unit after exactly 1: "account", "AM"


FIELD_GROUPS = (
    N_("Company"),
    N_("Portfolio"),
    N_("Revenue & margin"),
    N_("Retention"),
    N_("Delivery & knowledge"),
    N_("Renewals & growth"),
    N_("Search"),
)

# The "Search" fields describe the search for the Account Manager and what changes for the
# account executives; no shipped rule tests them, so they never move the verdict.
SEARCH_GROUP = "Search"

# A count's unit is a (one, many) pair so "1 AM" and "2 AMs" both read right.
_FIELD_SPECS: tuple[tuple[str, str, str, str | tuple[str, str], str, str], ...] = (
    (
        "company",
        N_("Company name"),
        "text",
        "",
        N_("Company"),
        N_("Shown on every output and the brief."),
    ),
    (
        "segment",
        N_("Client segment"),
        "choice",
        "",
        N_("Company"),
        (
            N_(
                "Sets how many accounts one AM can hold (enterprise books are smaller) and the "
                "cadence; checked against the band of the average contract value."
            )
        ),
    ),
    (
        "business_model",
        N_("Business model"),
        "choice",
        "",
        N_("Company"),
        N_(
            "Optional (default saas_subscription). Sets what a book is (accounts and revenue, or gross profit for a reseller), the words for revenue, the role's shape, its pay basis and its metrics."
        ),
    ),
    (
        "currency",
        N_("Currency"),
        "text",
        "ISO 4217",
        N_("Company"),
        N_("All money fields are in this currency; it picks the AM cost benchmark."),
    ),
    (
        "country",
        N_("Country the AM works in"),
        "text",
        "ISO 3166-1 alpha-2",
        N_("Company"),
        N_(
            "Optional. Two letters such as ES, DE, FR, GB or US: picks the rule pack's pay band for the AM's cost; its currency must be the profile's."
        ),
    ),
    (
        "city_band",
        N_("City band"),
        "choice",
        "",
        N_("Company"),
        N_(
            "Optional. Where in the country the AM works, for countries whose pay differs by city (Spain: Madrid or Barcelona against the rest; the UK: London against the rest)."
        ),
    ),
    (
        "active_accounts",
        N_("Active client accounts"),
        "count",
        (N_("account"), N_("accounts")),
        N_("Portfolio"),
        N_(
            "The main trigger: past about 15–25 accounts one person can no longer keep a view of every account's health."
        ),
    ),
    (
        "current_account_managers",
        N_("Current Account Managers"),
        "count",
        (N_("AM"), N_("AMs")),
        N_("Portfolio"),
        N_(
            "Optional. AMs who already look after accounts; the question becomes whether the book needs another one. Renewals run by an account manager need at least one."
        ),
    ),
    (
        "accounts_added_per_quarter",
        N_("New accounts per quarter"),
        "count",
        (N_("account/quarter"), N_("accounts/quarter")),
        N_("Portfolio"),
        N_("Optional. Used to tell when the book reaches the hiring zone."),
    ),
    (
        "avg_contract_value",
        N_("Average contract value"),
        "money",
        N_("per account per year"),
        N_("Revenue & margin"),
        N_(
            "With the account count it gives the yearly revenue the AM would look after (ARR for a subscription)."
        ),
    ),
    (
        "gross_margin",
        N_("Gross margin"),
        "rate",
        "%",
        N_("Revenue & margin"),
        N_(
            "An AM is paid from gross profit: thin margins on small contracts may not carry the salary."
        ),
    ),
    (
        "am_fully_loaded_cost",
        N_("AM fully loaded cost"),
        "money",
        N_("per year"),
        N_("Revenue & margin"),
        N_(
            "Optional. Salary, variable pay, taxes and tools; leave empty to use the pay band of `country`, else the rule pack's benchmark."
        ),
    ),
    (
        "logo_churn_rate",
        N_("Logo churn (last 12 months)"),
        "rate",
        N_("% of accounts"),
        N_("Retention"),
        N_("Share of accounts lost in a year: the revenue at risk an AM would defend."),
    ),
    (
        "churn_trend",
        N_("Churn trend"),
        "choice",
        "",
        N_("Retention"),
        N_("Rising churn with no product cause is a sign relationships decay unmanaged."),
    ),
    (
        "churn_cause_known",
        N_("A product/service problem explains the churn"),
        "yes_no",
        "",
        N_("Retention"),
        N_("If churn has a known product or service cause, fix that first: an AM cannot."),
    ),
    (
        "nrr",
        N_("Net revenue retention"),
        "net_rate",
        N_("% of starting revenue"),
        N_("Retention"),
        N_(
            "Optional. Above 100% the base grows without new logos; read it next to logo retention."
        ),
    ),
    (
        "grr",
        N_("Gross revenue retention"),
        "rate",
        N_("% of starting revenue"),
        N_("Retention"),
        N_("Optional. Revenue kept before expansion: never above 100%."),
    ),
    (
        "logo_retention",
        N_("Logo retention"),
        "rate",
        N_("% of accounts"),
        N_("Retention"),
        N_("Optional. Healthy is above 85%; a few big accounts can hide many small ones leaving."),
    ),
    (
        "contraction_rate",
        N_("Contraction rate"),
        "rate",
        N_("% of revenue per year"),
        N_("Retention"),
        N_("Optional. Downgrades and partial churn; above 8% a year is a warning."),
    ),
    (
        "nps",
        N_("Portfolio NPS"),
        "score",
        N_("-100 to 100"),
        N_("Retention"),
        N_("Optional. A low NPS is a red flag an AM must catch early."),
    ),
    (
        "delivery_maturity",
        N_("Delivery maturity"),
        "choice",
        "",
        N_("Delivery & knowledge"),
        N_(
            "An AM cannot manage a relationship whose service is inconsistent: below 'standardised', fix delivery first."
        ),
    ),
    (
        "knowledge_holder",
        N_("Who holds client knowledge"),
        "choice",
        "",
        N_("Delivery & knowledge"),
        N_(
            "When only the founder knows history, pricing context and contacts, the business is fragile."
        ),
    ),
    (
        "clients_escalate_to_leadership",
        N_("Clients escalate to the founder/C-level"),
        "yes_no",
        "",
        N_("Delivery & knowledge"),
        N_("Clients going to leadership to get things done means there is no management channel."),
    ),
    (
        "onboarding_consistent",
        N_("Client onboarding is consistent"),
        "yes_no",
        "",
        N_("Delivery & knowledge"),
        N_("Poor onboarding predicts churn."),
    ),
    (
        "renewal_owner",
        N_("Who runs renewals today"),
        "choice",
        "",
        N_("Renewals & growth"),
        N_(
            "Sales-run renewals are rushed: sales incentives favour new logos. Nobody owning them is worse."
        ),
    ),
    (
        "renewal_lead_days",
        N_("Renewal work starts"),
        "count",
        (N_("day before expiry"), N_("days before expiry")),
        N_("Renewals & growth"),
        N_("Renewals should start 90–120 days before expiry, with data and a proposal ready."),
    ),
    (
        "renewal_hours_per_month",
        N_("Hours the founder/AE can give to renewals"),
        "count",
        (N_("hour a month"), N_("hours a month")),
        N_("Renewals & growth"),
        N_(
            "What the people running renewals today can spend on them each month beside their other work (default 16, about half a day a week); the hire-by date compares it with the hours the renewal playbook asks for."
        ),
    ),
    (
        "renewals_by_month",
        N_("Renewals due by month"),
        "text",
        "YYYY-MM:renewals",
        N_("Renewals & growth"),
        N_(
            "Optional. Renewal dates of the active accounts counted by month, e.g. 2027-01:3 2027-02:1; 'Use these figures' on the Portfolio page fills it from a CRM export. Without it the renewals are spread evenly over the year."
        ),
    ),
    (
        "unworked_upsell",
        N_("Obvious upsell nobody works"),
        "yes_no",
        "",
        N_("Renewals & growth"),
        N_("Expansion left on the table while the team chases new business."),
    ),
    (
        "sector",
        N_("Sector"),
        "text",
        "",
        N_("Search"),
        N_(
            "Optional. The sector the company sells into, e.g. logistics software; a search targets AMs who know it."
        ),
    ),
    (
        "buyer_personas",
        N_("Buyer personas"),
        "text",
        N_("items separated by ;"),
        N_("Search"),
        N_(
            "Optional. The titles the AM sells to, separated by ';', e.g. Head of Operations; CFO (a list in a profile file)."
        ),
    ),
    (
        "location",
        N_("Location"),
        "text",
        "",
        N_("Search"),
        N_("Optional. The city or region the AM works from or near, e.g. Madrid."),
    ),
    (
        "remote_policy",
        N_("Remote policy"),
        "choice",
        "",
        N_("Search"),
        N_("Optional. on_site, hybrid or remote."),
    ),
    (
        "languages",
        N_("Languages"),
        "text",
        N_("items separated by ;"),
        N_("Search"),
        N_(
            "Optional. The languages the AM must speak with clients, separated by ';', e.g. Spanish; English (a list in a profile file)."
        ),
    ),
    (
        "reports_to",
        N_("AM reports to"),
        "choice",
        "",
        N_("Search"),
        N_("Optional. The AM's reporting line: ceo, head_of_sales, head_of_cs or other."),
    ),
    (
        "ae_handover_accounts",
        N_("Accounts the AEs hand over"),
        "count",
        (N_("account"), N_("accounts")),
        N_("Search"),
        N_("Optional. How many of the active accounts the account executives hand over to the AM."),
    ),
    (
        "ae_renewal_commission",
        N_("AEs' commission on those renewals"),
        "choice",
        "",
        N_("Search"),
        N_(
            "Optional. What happens to the AEs' commission on the renewals they hand over: keeps (they keep it), shared (split with the AM for a while) or ends (the AM alone is paid on them)."
        ),
    ),
    (
        "ae_handover_date",
        N_("AE handover date"),
        "text",
        "YYYY-MM-DD",
        N_("Search"),
        N_("Optional. The day the account executives hand the accounts over."),
    ),
    (
        "notes",
        N_("Notes"),
        "text",
        "",
        N_("Company"),
        N_("Optional. Context for the brief; shown as plain text."),
    ),
)


# The fields a profile must give; every other one has a default or may be left empty.
_REQUIRED = frozenset(
    {
        "company",
        "segment",
        "active_accounts",
        "avg_contract_value",
        "gross_margin",
        "logo_churn_rate",
        "churn_trend",
        "churn_cause_known",
        "delivery_maturity",
        "knowledge_holder",
        "renewal_owner",
        "renewal_lead_days",
        "unworked_upsell",
        "clients_escalate_to_leadership",
        "onboarding_consistent",
    }
)

# The fields answered by picking one value of an enum.
_CHOICE_ENUMS: dict[str, type[StrEnum]] = {
    "segment": Segment,
    "business_model": BusinessModel,
    "churn_trend": ChurnTrend,
    "delivery_maturity": DeliveryMaturity,
    "knowledge_holder": KnowledgeHolder,
    "renewal_owner": RenewalOwner,
    "city_band": CityBand,
    "remote_policy": RemotePolicy,
    "reports_to": ReportsTo,
    "ae_renewal_commission": AeRenewalCommission,
}


def _choices(name: str) -> tuple[str, ...]:
    enum = _CHOICE_ENUMS.get(name)
    return tuple(member.value for member in enum) if enum else ()


def _unit_pair(unit: str | tuple[str, str]) -> tuple[str, str]:
    return unit if isinstance(unit, tuple) else (unit, unit)


FIELDS: dict[str, FieldInfo] = {
    name: FieldInfo(
        name=name,
        label=label,
        kind=kind,
        unit=_unit_pair(unit)[1],
        unit_one=_unit_pair(unit)[0],
        group=group,
        help=help_text,
        required=name in _REQUIRED,
        choices=_choices(name),
    )
    for name, label, kind, unit, group, help_text in _FIELD_SPECS
}

# Field names per group, in field order: the form and the documents show them this way.
FIELDS_BY_GROUP: dict[str, tuple[str, ...]] = {
    group: tuple(name for name, info in FIELDS.items() if info.group == group)
    for group in FIELD_GROUPS
}

NUMERIC_KINDS = {"count", "money", "rate", "net_rate", "score"}


# Figures derived from the profile: `economics.derived_values` computes them.
class DerivedField(msgspec.Struct, frozen=True):
    """A value computed from the profile that rules may test, like a profile field."""

    name: str
    label: str
    kind: str  # numeric
    unit: str
    depends_on: tuple[str, ...]
    help: str


DERIVED_FIELDS: dict[str, DerivedField] = {
    field.name: field
    for field in (
        DerivedField(
            "total_arr",
            N_("Total ARR"),
            "numeric",
            N_("per year"),
            ("active_accounts", "avg_contract_value"),
            N_("Active accounts × average contract value."),
        ),
        DerivedField(
            "gross_profit",
            N_("Gross profit of the book"),
            "numeric",
            N_("per year"),
            ("active_accounts", "avg_contract_value", "gross_margin"),
            N_("Total ARR × gross margin: what pays for an AM."),
        ),
        DerivedField(
            "am_cost",
            N_("AM fully loaded cost"),
            "numeric",
            N_("per year"),
            ("am_fully_loaded_cost",),
            N_(
                "The profile's figure, else the pay band of its country (OTE midpoint with the "
                "employer's on-costs), else the rule pack's benchmark for currency and segment."
            ),
        ),
        DerivedField(
            "am_cost_coverage",
            N_("Gross profit per AM cost"),
            "numeric",
            "×",
            ("active_accounts", "avg_contract_value", "gross_margin", "am_fully_loaded_cost"),
            N_("How many times the book's gross profit covers one AM's cost."),
        ),
        DerivedField(
            "arr_at_risk",
            N_("ARR at risk from churn"),
            "numeric",
            N_("per year"),
            ("active_accounts", "avg_contract_value", "logo_churn_rate", "grr"),
            N_(
                "Revenue lost in a year if nothing changes: total ARR × (1 − gross revenue "
                "retention) when GRR is given, else total ARR × logo churn."
            ),
        ),
        DerivedField(
            "churn_loss_coverage",
            N_("Churned gross profit per AM cost"),
            "numeric",
            "×",
            (
                "active_accounts",
                "avg_contract_value",
                "gross_margin",
                "logo_churn_rate",
                "grr",
                "am_fully_loaded_cost",
            ),
            N_("Gross profit lost to churn in a year ÷ one AM's cost."),
        ),
        DerivedField(
            "acv_per_am_cost",
            N_("Contract value per AM cost"),
            "numeric",
            "×",
            ("avg_contract_value", "am_fully_loaded_cost"),
            N_("Average contract value ÷ one AM's cost: above 1, one account pays for the role."),
        ),
        DerivedField(
            "team_room",
            N_("Accounts the current AM team can still take"),
            "numeric",
            N_("accounts"),
            ("active_accounts", "current_account_managers", "avg_contract_value", "gross_margin"),
            N_(
                "Current AMs × the most one AM can hold, less the active accounts; below zero the "
                "book has outgrown the team. The most one AM holds is the segment's book size, and "
                "no more average accounts than the business model's revenue per AM."
            ),
        ),
        DerivedField(
            "payback_months",
            N_("Payback of the next hire"),
            "numeric",
            N_("months"),
            (
                "active_accounts",
                "avg_contract_value",
                "gross_margin",
                "logo_churn_rate",
                "grr",
                "unworked_upsell",
                "current_account_managers",
                "am_fully_loaded_cost",
            ),
            N_(
                "Months of the expected gross profit the next Account Manager keeps or adds to repay "
                "a first year's salary and the recruiting; 0 when no hire is needed, infinite when "
                "they would keep and add nothing."
            ),
        ),
        DerivedField(
            "contract_value_band",
            N_("Contract-value band"),
            "numeric",
            "",
            ("avg_contract_value",),
            N_(
                "Which band of annual contract value the average contract value falls in, counted "
                "from 1 for the lowest band of the rule pack's contract_value_bands (a value exactly "
                "at a band's first value is in that band); empty when the pack has no bands in the "
                "profile's currency."
            ),
        ),
        DerivedField(
            "accounts_over_book",
            N_("Accounts beyond one AM's book"),
            "numeric",
            N_("accounts"),
            ("active_accounts", "avg_contract_value"),
            N_(
                "Active accounts less the most one AM holds by the rule pack's book size "
                "(benchmarks.book_size): the figure of the band of contract value the average "
                "contract value falls in, else the segment's; above zero the book has more accounts "
                "than one AM holds."
            ),
        ),
        DerivedField(
            "book_load",
            N_("Share of one AM's capacity"),
            "numeric",
            "×",
            ("active_accounts", "avg_contract_value", "gross_margin"),
            N_("Active accounts ÷ the most one AM can hold in this segment and business model."),
        ),
        DerivedField(
            "books_of_work",
            N_("Books of work"),
            "numeric",
            N_("books"),
            ("active_accounts", "avg_contract_value", "gross_margin"),
            N_(
                "For a business model whose book is sized in money too (the rule pack gives it a "
                "revenue per AM in the profile's currency): the active accounts ÷ the most one AM "
                "holds, by count or by the money bound, whichever is the smaller book, so the "
                "larger of accounts ÷ accounts per book and revenue ÷ revenue per book; empty for "
                "a book sized by its accounts alone."
            ),
        ),
    )
}


# What the pack's rules may test: every profile field and every derived figure.
FIELD_KINDS: dict[str, str] = {
    **{
        name: ("numeric" if info.kind in NUMERIC_KINDS else info.kind)
        for name, info in FIELDS.items()
    },
    **{name: "numeric" for name in DERIVED_FIELDS},
}
FIELD_CHOICES: dict[str, tuple[str, ...]] = {name: info.choices for name, info in FIELDS.items()}
