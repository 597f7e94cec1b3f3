"""The hiring zone of a book sized in money too is read in books of work, not in accounts.

An agency with twelve retainers of €60,000 and a consultancy with six frameworks of €400,000
were held at "prepare" by the 15–25-account zone although their fees fill one person's book or
more. For a business model with a revenue per AM in the profile's currency, the zone and the
rules on the book's size read `books_of_work` (the active accounts over the most one AM holds
by count or by money, the bound the team is sized by); a book sized by its accounts alone keeps
its zone in accounts, and every SaaS example its verdict and score.
"""

from __future__ import annotations

import math
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from profile_strategies import profiles as valid_profiles
from test_flips import check_flip_points

from advisor.engine import Assessment, evaluate
from advisor.pack import RulePack
from advisor.profile import CompanyProfile, parse_profile

SIGNS = {
    "currency": "EUR",
    "logo_churn_rate": 0.17,
    "churn_trend": "rising",
    "churn_cause_known": False,
    "delivery_maturity": "standardised",
    "renewal_owner": "founder",
    "unworked_upsell": True,
    "clients_escalate_to_leadership": False,
    "onboarding_consistent": True,
}
TWELVE_RETAINERS = {
    **SIGNS,
    "company": "Twelve Retainers",
    "segment": "mid_market",
    "business_model": "services_retainer",
    "active_accounts": 12,
    "avg_contract_value": 60_000,
    "gross_margin": 0.65,
    "knowledge_holder": "founder",
    "renewal_lead_days": 30,
}
SIX_FRAMEWORKS = {
    **SIGNS,
    "company": "Six Frameworks",
    "segment": "enterprise",
    "business_model": "project_consultancy",
    "active_accounts": 6,
    "avg_contract_value": 400_000,
    "gross_margin": 0.35,
    "knowledge_holder": "few_people",
    "renewal_lead_days": 60,
}
ACCOUNT_RULES = ("PORT-FOUNDER-MANAGES", "PORT-BELOW-ZONE", "PORT-ZONE", "PORT-PAST-ZONE")


def fired(assessment: Assessment) -> set[str]:
    return {result.rule_id for result in assessment.trace if result.fired}


def books_read(assessment: Assessment) -> Any:
    """The books of work the zone's rule read, from the trace."""
    zone = next(r for r in assessment.trace if r.rule_id == "PORT-ZONE-BOOKS")
    return next(c.actual for c in zone.conditions if c.field == "books_of_work")


def books_by_definition(pack: RulePack, data: dict[str, Any]) -> float:
    """Accounts over one AM's book: the smaller of the segment's book by count and the whole
    average contracts the model's revenue per AM holds."""
    spec = pack.business_models.models[data["business_model"]]  # type: ignore[union-attr]
    bound = spec.revenue_bound(data["currency"])
    assert bound is not None
    by_money = math.floor(bound.high / data["avg_contract_value"])
    return data["active_accounts"] / min(pack.book_size(data["segment"])[1], by_money)


def test_twelve_retainers_of_60k_are_past_the_zone_in_books_of_work(pack: RulePack) -> None:
    # €700,000 of fees for one account director holds 11 retainers of €60,000: 12/11 books.
    books = books_by_definition(pack, TWELVE_RETAINERS)
    assert books == 12 / 11
    assessment = evaluate(parse_profile(TWELVE_RETAINERS), pack)
    assert books_read(assessment) == books
    assert {"PORT-ZONE-BOOKS", "PORT-PAST-ZONE-BOOKS", "PORT-OVER-CAPACITY-BOOKS"} <= fired(
        assessment
    )
    assert fired(assessment).isdisjoint(ACCOUNT_RULES)
    assert assessment.economics.recommended_am_count == math.ceil(books) == 2
    assert assessment.verdict.value == "hire_now"
    assert "15–25" not in assessment.headline


def test_six_frameworks_of_400k_are_in_the_zone_in_books_of_work(pack: RulePack) -> None:
    # €4,000,000 of contract revenue for one client partner holds 10 frameworks: 6/10 books,
    # inside the zone of half a book to a full one.
    books = books_by_definition(pack, SIX_FRAMEWORKS)
    assert books == 0.6
    assessment = evaluate(parse_profile(SIX_FRAMEWORKS), pack)
    assert books_read(assessment) == books
    assert "PORT-ZONE-BOOKS" in fired(assessment)
    assert fired(assessment).isdisjoint(
        {"PORT-PAST-ZONE-BOOKS", "PORT-BELOW-ZONE-BOOKS", *ACCOUNT_RULES}
    )
    assert assessment.verdict.value == "hire_now"


def test_a_book_below_the_zone_in_books_is_told_the_zone_in_its_own_accounts(
    pack: RulePack,
) -> None:
    # Five retainers of €60,000 are 5/11 of a book, under half: the zone starts at the first
    # whole retainer at half a book or more (5.5, so 6) and ends at a full book (11).
    profile = parse_profile({**TWELVE_RETAINERS, "active_accounts": 5})
    assessment = evaluate(profile, pack)
    assert "PORT-BELOW-ZONE-BOOKS" in fired(assessment)
    assert assessment.verdict.value == "prepare"
    assert "reaches the hiring zone of 6–11 accounts" in assessment.headline
    assert assessment.growth is not None and assessment.growth.zone_low == 6


def test_the_saas_examples_keep_their_verdict_and_score(
    samples: dict[str, CompanyProfile], pack: RulePack
) -> None:
    # As assessed before books of work existed: a SaaS book is sized by its accounts alone.
    before = {
        "acorn-not-yet": ("not_yet", 0),
        "brightpath-prepare": ("prepare", 35),
        "ferro-fix-delivery": ("fix_delivery_first", None),
        "northwind-hire-now": ("hire_now", 95),
    }
    for name, (verdict, score) in before.items():
        profile = samples[name]
        assert profile.business_model.value == "saas_subscription"
        assessment = evaluate(profile, pack)
        assert assessment.verdict.value == verdict, name
        if score is not None:
            assert assessment.score == score, name
        assert not any(r.rule_id.endswith("-BOOKS") for r in assessment.trace if r.fired)


def test_flip_points_stay_exact_for_the_retainers_and_the_frameworks(pack: RulePack) -> None:
    for data in (TWELVE_RETAINERS, SIX_FRAMEWORKS):
        check_flip_points(parse_profile(data), pack)


def test_a_reseller_at_a_vanishing_margin_is_assessed_without_overflow(pack: RulePack) -> None:
    # Found by the property below: €1,000 at a margin of 5e-324 adds so little gross profit
    # that €500,000 of it is more accounts than a float holds; such a bound limits nothing.
    profile = parse_profile(
        {
            **SIGNS,
            "company": "Vanishing Margin",
            "segment": "smb",
            "business_model": "reseller",
            "active_accounts": 0,
            "avg_contract_value": 1000.0,
            "gross_margin": 5e-324,
            "knowledge_holder": "founder",
            "renewal_lead_days": 0,
        }
    )
    assessment = evaluate(profile, pack)
    assert assessment.economics.book_size_high == pack.book_size("smb")[1]
    assert books_read(assessment) == 0.0
    check_flip_points(profile, pack)


MONEY_SIZED = valid_profiles(
    fields={
        "business_model": st.sampled_from(["services_retainer", "project_consultancy", "reseller"]),
        "currency": st.sampled_from(["EUR", "USD", "GBP"]),
        "active_accounts": st.integers(min_value=0, max_value=40),
        "avg_contract_value": st.floats(min_value=1_000, max_value=1_000_000, allow_nan=False),
    }
)


@settings(max_examples=25, deadline=None)
@given(MONEY_SIZED)
def test_flip_points_stay_exact_for_books_sized_in_money(profile: CompanyProfile) -> None:
    from advisor.pack import load_pack

    check_flip_points(profile, load_pack())
