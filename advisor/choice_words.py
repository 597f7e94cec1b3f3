"""The choices of the profile in words: each choice's label where it is picked, its words
inside a sentence, and what it means; every one in the current language."""

from __future__ import annotations

from advisor.i18n import N_, _


def words(code: str) -> str:
    """A code such as `reason_to_wait` as plain English words (for codes without a label)."""
    return code.replace("_", " ")


# What each choice of the profile means, shown where the choice is made. Delivery below
# 'standardised' forces "fix delivery first" whatever else the profile says.
CHOICE_MEANINGS: dict[str, dict[str, str]] = {
    "segment": {
        "smb": N_(
            "small-business clients: contracts up to about 15k a year, one buyer, mostly "
            "self-served; one AM can hold the largest book"
        ),
        "mid_market": N_("contracts of about 15k–100k a year with a few stakeholders per client"),
        "enterprise": N_(
            "contracts above about 100k a year, many stakeholders and procurement; "
            "one AM holds the smallest, deepest book"
        ),
    },
    "business_model": {
        "saas_subscription": N_(
            "clients pay a recurring subscription (ARR); a book is sized by its accounts"
        ),
        "services_retainer": N_(
            "an agency or managed service: a handful of large retainers, so a "
            "book is sized by its annual fees as well as its accounts"
        ),
        "project_consultancy": N_(
            "multi-year frameworks and engagements delivered by the partners "
            "who sell them; the role leads engagements"
        ),
        "reseller": N_(
            "hardware, licences or distribution: revenue that is reordered, not "
            "renewed, on a thin margin, so a book and its pay are measured in gross profit"
        ),
    },
    "delivery_maturity": {
        "ad_hoc": N_(
            "each client is served differently, by whoever is free, with nothing written "
            "down (forces 'fix delivery first')"
        ),
        "emerging": N_(
            "some steps are written down, but quality still depends on who does the "
            "work (forces 'fix delivery first')"
        ),
        "standardised": N_(
            "one documented way to onboard and deliver that everyone follows: a "
            "client gets the same service whoever serves them"
        ),
        "optimised": N_("standardised, and measured: service levels are tracked and improved"),
    },
    "ae_renewal_commission": {
        "keeps": N_("the account executives keep their commission on the renewals they hand over"),
        "shared": N_(
            "their commission on those renewals is shared with the AM for a transition period"
        ),
        "ends": N_(
            "their commission on those renewals ends at the handover; the AM is paid on them"
        ),
    },
}


def choice_meaning(field: str, choice: str) -> str:
    """What one choice of a field means, or "" when the field's choices need no definition."""
    meaning = CHOICE_MEANINGS.get(field, {}).get(choice, "")
    return _(meaning) if meaning else ""


# Every choice as a reader sees it where it is picked.
CHOICE_LABELS = {
    "smb": N_("Smb"),
    "mid_market": N_("Mid market"),
    "enterprise": N_("Enterprise"),
    "saas_subscription": N_("Saas subscription"),
    "services_retainer": N_("Services retainer"),
    "project_consultancy": N_("Project consultancy"),
    "reseller": N_("Reseller"),
    "madrid_barcelona": N_("Madrid or Barcelona"),
    "rest_of_spain": N_("Rest of Spain"),
    "london": N_("London"),
    "rest_of_uk": N_("Rest of the UK"),
    "falling": N_("Falling"),
    "stable": N_("Stable"),
    "rising": N_("Rising"),
    "ad_hoc": N_("Ad hoc"),
    "emerging": N_("Emerging"),
    "standardised": N_("Standardised"),
    "optimised": N_("Optimised"),
    "founder": N_("Founder"),
    "few_people": N_("Few people"),
    "shared_in_crm": N_("Shared in CRM"),
    "sales": N_("Sales"),
    "account_executive": N_("Account executive"),
    "account_manager": N_("Account manager"),
    "customer_success": N_("Customer success"),
    "nobody": N_("Nobody"),
    "on_site": N_("On site"),
    "hybrid": N_("Hybrid"),
    "remote": N_("Remote"),
    "ceo": N_("CEO"),
    "head_of_sales": N_("Head of sales"),
    "head_of_cs": N_("Head of customer success"),
    "other": N_("Other"),
    "keeps": N_("Keeps"),
    "shared": N_("Shared"),
    "ends": N_("Ends"),
}
# Choices whose words alone would read wrong: a value shows their label, not their words.
VALUE_LABELS = frozenset(
    {"madrid_barcelona", "rest_of_spain", "london", "rest_of_uk", "ceo", "head_of_cs", "on_site"}
)
# Every other choice inside a sentence or a table of values.
CHOICE_WORDS = {
    "smb": N_("smb"),
    "mid_market": N_("mid market"),
    "enterprise": N_("enterprise"),
    "saas_subscription": N_("saas subscription"),
    "services_retainer": N_("services retainer"),
    "project_consultancy": N_("project consultancy"),
    "reseller": N_("reseller"),
    "falling": N_("falling"),
    "stable": N_("stable"),
    "rising": N_("rising"),
    "ad_hoc": N_("ad hoc"),
    "emerging": N_("emerging"),
    "standardised": N_("standardised"),
    "optimised": N_("optimised"),
    "founder": N_("founder"),
    "few_people": N_("few people"),
    "shared_in_crm": N_("shared in crm"),
    "sales": N_("sales"),
    "account_executive": N_("account executive"),
    "account_manager": N_("account manager"),
    "customer_success": N_("customer success"),
    "nobody": N_("nobody"),
    "hybrid": N_("hybrid"),
    "remote": N_("remote"),
    "head_of_sales": N_("head of sales"),
    "other": N_("other"),
    "keeps": N_("keeps"),
    "shared": N_("shared"),
    "ends": N_("ends"),
}


def choice_label(option: str) -> str:
    """One choice as a reader sees it where it is picked: `shared_in_crm` → "Shared in CRM"."""
    if str(option) in CHOICE_LABELS:
        return _(CHOICE_LABELS[str(option)])
    text = words(str(option))
    return (text[:1].upper() + text[1:]).replace("crm", "CRM")
