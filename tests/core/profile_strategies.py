"""Valid company profiles for the property tests."""

from __future__ import annotations

from hypothesis import strategies as st

from advisor.profile import parse_profile

rates = st.floats(min_value=0, max_value=1, allow_nan=False)
profiles = st.fixed_dictionaries(
    {
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
            [
                "founder",
                "sales",
                "account_executive",
                "account_manager",
                "customer_success",
                "nobody",
            ]
        ),
        "renewal_lead_days": st.integers(min_value=0, max_value=365),
        "unworked_upsell": st.booleans(),
        "clients_escalate_to_leadership": st.booleans(),
        "onboarding_consistent": st.booleans(),
    },
    optional={
        "am_fully_loaded_cost": st.floats(min_value=1, max_value=500_000, allow_nan=False),
        "nrr": st.floats(min_value=0, max_value=2, allow_nan=False),
        "logo_retention": rates,
        "contraction_rate": rates,
        "nps": st.integers(min_value=-100, max_value=100),
        "current_account_managers": st.integers(min_value=0, max_value=4),
    },
).map(
    # An AM running renewals needs an AM on the team: the profile refuses the combination.
    lambda data: parse_profile(
        data
        if data["renewal_owner"] != "account_manager" or data.get("current_account_managers")
        else {**data, "current_account_managers": 1}
    )
)
