"""Invariants of the engine, checked with generated profiles."""

from __future__ import annotations

import math
from typing import Any

import msgspec
from hypothesis import given, settings
from hypothesis import strategies as st
from msgspec.structs import replace
from profile_strategies import profiles as valid_profiles

from advisor.engine import LADDER, evaluate
from advisor.pack import load_pack
from advisor.profile import CompanyProfile, parse_profile

PACK = load_pack()
profiles = valid_profiles()


def rank(verdict: Any) -> int:
    return LADDER.index(verdict)


@settings(max_examples=150, deadline=None)
@given(profiles, st.integers(min_value=1, max_value=200))
def test_more_accounts_never_lowers_readiness(profile: CompanyProfile, extra: int) -> None:
    if profile.delivery_maturity.value in ("ad_hoc", "emerging"):
        profile = replace(profile, delivery_maturity="standardised")
    before = evaluate(profile, PACK, with_flip_points=False)
    grown = replace(profile, active_accounts=profile.active_accounts + extra)
    after = evaluate(grown, PACK, with_flip_points=False)
    assert after.score >= before.score
    assert rank(after.verdict) >= rank(before.verdict)


@settings(max_examples=150, deadline=None)
@given(profiles)
def test_score_is_finite_and_bounded(profile: CompanyProfile) -> None:
    assessment = evaluate(profile, PACK)
    assert math.isfinite(assessment.score)
    assert 0 <= assessment.score <= 100


@settings(max_examples=60, deadline=None)
@given(profiles)
def test_identical_inputs_give_identical_output(profile: CompanyProfile) -> None:
    first = evaluate(profile, PACK).to_dict()
    again = evaluate(parse_profile(msgspec.to_builtins(profile)), PACK).to_dict()
    assert first == again


@settings(max_examples=60, deadline=None)
@given(profiles)
def test_json_is_always_strict(profile: CompanyProfile) -> None:
    import json

    json.dumps(evaluate(profile, PACK).to_dict(), allow_nan=False)


def test_supported_from_accounts_past_the_largest_float_is_none() -> None:
    """A contract value and a margin next to nothing put the break-even book just below the
    largest float: the floor's multiple of it is not a number of accounts (it was infinite, and
    the JSON not strict)."""
    import json

    profile = parse_profile(
        {
            "company": "0",
            "segment": "smb",
            "currency": "EUR",
            "active_accounts": 0,
            "avg_contract_value": 1.3090393331149192e-108,
            "gross_margin": 1.9377981445002124e-195,
            "logo_churn_rate": 0.0,
            "churn_trend": "falling",
            "churn_cause_known": False,
            "delivery_maturity": "ad_hoc",
            "knowledge_holder": "founder",
            "renewal_owner": "founder",
            "renewal_lead_days": 0,
            "unworked_upsell": False,
            "clients_escalate_to_leadership": False,
            "onboarding_consistent": False,
            "am_fully_loaded_cost": 228007.0,
        }
    )
    economics = evaluate(profile, PACK).economics
    assert economics.break_even_accounts is not None
    assert math.isfinite(economics.break_even_accounts)
    assert economics.supported_from_accounts is None
    json.dumps(evaluate(profile, PACK).to_dict(), allow_nan=False)
