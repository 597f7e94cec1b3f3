"""Fixtures for the role-design tests: the shipped pack, the samples and a profile builder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from advisor.engine import Assessment, evaluate
from advisor.pack import RulePack, load_pack
from advisor.profile import CompanyProfile, load_profile, parse_profile
from advisor.role import RoleDesign, draft_role

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

# A standardised mid-market company in the hiring zone with no warning signs.
BASE: dict[str, Any] = {
    "company": "Base Co",
    "segment": "mid_market",
    "currency": "EUR",
    "active_accounts": 20,
    "avg_contract_value": 40000,
    "gross_margin": 0.6,
    "logo_churn_rate": 0.08,
    "churn_trend": "stable",
    "churn_cause_known": False,
    "delivery_maturity": "standardised",
    "knowledge_holder": "shared_in_crm",
    "renewal_owner": "customer_success",
    "renewal_lead_days": 120,
    "unworked_upsell": False,
    "clients_escalate_to_leadership": False,
    "onboarding_consistent": True,
}


@pytest.fixture(scope="session")
def pack() -> RulePack:
    return load_pack()


@pytest.fixture(scope="session")
def samples() -> dict[str, CompanyProfile]:
    return {path.stem: load_profile(path) for path in sorted(EXAMPLES.glob("*.yaml"))}


@pytest.fixture
def make_profile() -> Any:
    def build(**overrides: Any) -> CompanyProfile:
        return parse_profile({**BASE, **overrides})

    return build


@pytest.fixture
def design_for(pack: RulePack) -> Any:
    """Draft the role for a profile: design_for(profile, **draft_role keyword arguments)."""

    def build(profile: CompanyProfile, **options: Any) -> tuple[RoleDesign, Assessment]:
        assessment = evaluate(profile, pack)
        return draft_role(profile, assessment, pack, **options), assessment

    return build
