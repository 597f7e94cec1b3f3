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
