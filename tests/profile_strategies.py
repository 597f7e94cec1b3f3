"""Valid company profiles for the property tests, one strategy every test narrows or widens.

`profiles()` gives the broadest valid profile; a test passes the fields it draws otherwise
(`fields=`), the optional fields it adds or draws otherwise (`optional=`), or drops optional
ones (`without=`). Every profile is made consistent the way the profile reader demands: an
AM running renewals has an AM on the team, a GRR is never above the NRR given with it, and a
city band comes with its country.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from advisor.profile import CompanyProfile, parse_profile

rates = st.floats(min_value=0, max_value=1, allow_nan=False)

FIELDS: dict[str, st.SearchStrategy[Any]] = {
    "company": st.text(min_size=1, max_size=40).filter(lambda s: s.strip()),
    "segment": st.sampled_from(["smb", "mid_market", "enterprise"]),
    "currency": st.sampled_from(["EUR", "USD", "GBP", "CHF"]),
    "active_accounts": st.integers(min_value=0, max_value=500),
    "avg_contract_value": st.floats(min_value=0, max_value=2_000_000, allow_nan=False),
    "gross_margin": rates,
    "logo_churn_rate": rates,
    "churn_trend": st.sampled_from(["falling", "stable", "rising"]),
    "churn_cause_known": st.booleans(),
    "delivery_maturity": st.sampled_from(["ad_hoc", "emerging", "standardised", "optimised"]),
    "knowledge_holder": st.sampled_from(["founder", "few_people", "shared_in_crm"]),
    "renewal_owner": st.sampled_from(
        ["founder", "sales", "account_executive", "account_manager", "customer_success", "nobody"]
    ),
    "renewal_lead_days": st.integers(min_value=0, max_value=365),
    "unworked_upsell": st.booleans(),
    "clients_escalate_to_leadership": st.booleans(),
    "onboarding_consistent": st.booleans(),
}

OPTIONAL: dict[str, st.SearchStrategy[Any]] = {
    "am_fully_loaded_cost": st.floats(min_value=1, max_value=500_000, allow_nan=False),
    "nrr": st.floats(min_value=0, max_value=2, allow_nan=False),
    "logo_retention": rates,
    "contraction_rate": rates,
    "nps": st.integers(min_value=-100, max_value=100),
    "current_account_managers": st.integers(min_value=0, max_value=4),
    # Countries with a pay band in the shipped pack, and one without.
    "country": st.sampled_from(["ES", "DE", "FR", "GB", "US", "IT"]),
    "city_band": st.sampled_from(["madrid_barcelona", "rest_of_spain", "london", "rest_of_uk"]),
}


def consistent(data: dict[str, Any]) -> dict[str, Any]:
    """The profile the reader accepts: an AM on the team when an AM runs renewals, GRR not
    above NRR, and a city band's own country."""
    if data["renewal_owner"] == "account_manager" and not data.get("current_account_managers"):
        data = {**data, "current_account_managers": 1}
    if "grr" in data and data.get("nrr") is not None:
        data = {**data, "grr": min(data["grr"], data["nrr"])}
    if "city_band" in data:  # a city band lies in its own country
        home = "ES" if data["city_band"] in ("madrid_barcelona", "rest_of_spain") else "GB"
        data = {**data, "country": home}
    return data


def profiles(
    *,
    fields: dict[str, st.SearchStrategy[Any]] | None = None,
    optional: dict[str, st.SearchStrategy[Any]] | None = None,
    without: tuple[str, ...] = (),
) -> st.SearchStrategy[CompanyProfile]:
    """Valid profiles, with the given fields and optional fields drawn as the caller says."""
    drawn_optional = {
        name: strategy
        for name, strategy in {**OPTIONAL, **(optional or {})}.items()
        if name not in without
    }
    return st.fixed_dictionaries({**FIELDS, **(fields or {})}, optional=drawn_optional).map(
        lambda data: parse_profile(consistent(data))
    )


# The cases the one-story tests read end to end: books up to 400 accounts, contracts up to
# 800,000, churn up to 60%, NRR and GRR in a plausible band and a growing book.
CASE_FIELDS: dict[str, st.SearchStrategy[Any]] = {
    "company": st.text(min_size=1, max_size=20).filter(lambda s: s.strip()),
    "currency": st.sampled_from(["EUR", "USD", "GBP"]),
    "active_accounts": st.integers(min_value=0, max_value=400),
    "avg_contract_value": st.floats(min_value=0, max_value=800_000, allow_nan=False),
    "logo_churn_rate": st.floats(min_value=0, max_value=0.6, allow_nan=False),
}
CASE_OPTIONAL: dict[str, st.SearchStrategy[Any]] = {
    "nrr": st.floats(min_value=0.5, max_value=1.5, allow_nan=False),
    "grr": st.floats(min_value=0.5, max_value=1.0, allow_nan=False),
    "accounts_added_per_quarter": st.integers(min_value=0, max_value=30),
}
