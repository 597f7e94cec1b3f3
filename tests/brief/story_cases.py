"""Companies whose briefs once contradicted themselves, as profiles, and a brief for each.

Each is one of the companies a consultant tried the brief with (an agency on retainers, a
consultancy with six large clients, an SMB SaaS with two Account Managers, a company whose
delivery is not standardised, a reseller on a thin margin, a small book growing towards the
zone), on one fixed date.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from advisor.brief import Brief, prepare_brief
from advisor.pack import RulePack
from advisor.profile import parse_profile

STORY_DATE = dt.date(2026, 12, 6)

_COMMON: dict[str, Any] = {
    "currency": "EUR",
    "churn_cause_known": False,
    "delivery_maturity": "standardised",
    "onboarding_consistent": True,
}

CASES: dict[str, dict[str, Any]] = {
    # An agency with twelve EUR 60k retainers, held by its founder: prepare, no search date.
    "agency": {
        "company": "Lumen Agency",
        "segment": "mid_market",
        "active_accounts": 12,
        "avg_contract_value": 60000,
        "gross_margin": 0.45,
        "logo_churn_rate": 0.08,
        "churn_trend": "stable",
        "knowledge_holder": "founder",
        "renewal_owner": "founder",
        "renewal_lead_days": 60,
        "unworked_upsell": True,
        "clients_escalate_to_leadership": True,
        "accounts_added_per_quarter": 1,
    },
    # Six EUR 400k clients, all held by the founder, with rising churn: key accounts, hire now.
    "key_accounts": {
        "company": "Halden Partners",
        "segment": "enterprise",
        "active_accounts": 6,
        "avg_contract_value": 400000,
        "gross_margin": 0.40,
        "logo_churn_rate": 0.17,
        "churn_trend": "rising",
        "knowledge_holder": "founder",
        "renewal_owner": "founder",
        "renewal_lead_days": 120,
        "unworked_upsell": True,
        "clients_escalate_to_leadership": True,
    },
    # 300 SMB accounts and two Account Managers, growing: a book that needs several more.
    "smb_team": {
        "company": "Pebble SMB",
        "segment": "smb",
        "active_accounts": 300,
        "current_account_managers": 2,
        "avg_contract_value": 12000,
        "gross_margin": 0.80,
        "logo_churn_rate": 0.20,
        "churn_trend": "stable",
        "knowledge_holder": "shared_in_crm",
        "renewal_owner": "account_manager",
        "renewal_lead_days": 90,
        "unworked_upsell": True,
        "clients_escalate_to_leadership": False,
        "accounts_added_per_quarter": 10,
    },
    # Delivery is not standardised: fix delivery first.
    "unstandardised": {
        "company": "Brix Services",
        "segment": "mid_market",
        "active_accounts": 30,
        "avg_contract_value": 40000,
        "gross_margin": 0.50,
        "logo_churn_rate": 0.14,
        "churn_trend": "rising",
        "delivery_maturity": "emerging",
        "knowledge_holder": "founder",
        "renewal_owner": "sales",
        "renewal_lead_days": 30,
        "unworked_upsell": True,
        "clients_escalate_to_leadership": True,
        "onboarding_consistent": False,
        "accounts_added_per_quarter": 3,
    },
    # A reseller at 12% gross margin with 40 accounts: prepare, held by the margin.
    "reseller": {
        "company": "Verto Reseller",
        "segment": "mid_market",
        "active_accounts": 40,
        "avg_contract_value": 50000,
        "gross_margin": 0.12,
        "logo_churn_rate": 0.10,
        "churn_trend": "stable",
        "knowledge_holder": "few_people",
        "renewal_owner": "sales",
        "renewal_lead_days": 45,
        "unworked_upsell": True,
        "clients_escalate_to_leadership": False,
        "accounts_added_per_quarter": 2,
    },
    # Thirteen accounts growing by three a quarter: prepare, with a date to open the search.
    "growing": {
        "company": "Brix Small",
        "segment": "mid_market",
        "active_accounts": 13,
        "avg_contract_value": 40000,
        "gross_margin": 0.50,
        "logo_churn_rate": 0.14,
        "churn_trend": "stable",
        "knowledge_holder": "shared_in_crm",
        "renewal_owner": "sales",
        "renewal_lead_days": 30,
        "unworked_upsell": True,
        "clients_escalate_to_leadership": False,
        "onboarding_consistent": False,
        "accounts_added_per_quarter": 3,
    },
}


def story_brief(name: str, pack: RulePack, **overrides: Any) -> Brief:
    """The brief of one of the companies above, prepared on the fixed date."""
    profile = parse_profile({**_COMMON, **CASES[name], **overrides})
    return prepare_brief(profile, pack, prepared_on=STORY_DATE)
