"""What makes assessing fast leaves every answer as it was.

- The money bound's pieces stop at the most accounts the book by count can hold: for a business
  model the bands do not describe, one average account fewer past the segment's book size
  changes no book size, so those pieces are not read (each read derives every figure again).
- A pack's derivation constants are worked out once per pack object, segment, currency and place.
- Only the inputs that move where the payback or the book's size changes formula are looked at
  for pieces; a rule's check of whether its other conditions settle it is shared by the fields
  it reads alike, and answered once per assessment.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from profile_strategies import profiles as valid_profiles

from advisor import economics, engine, flips
from advisor.economics import (
    book_high,
    book_pieces,
    derivation_constants,
    pay_place,
    payback_pieces,
    revenue_book,
)
from advisor.engine import evaluate
from advisor.fields import FIELDS
from advisor.memo import LIMIT, per_pack
from advisor.pack import load_pack
from advisor.profile import CompanyProfile

PACK = load_pack()

UNBANDED = ["services_retainer", "project_consultancy", "reseller"]
profiles = valid_profiles(
    optional={
        "current_account_managers": st.integers(min_value=0, max_value=4),
        "business_model": st.sampled_from(["saas_subscription", *UNBANDED]),
    }
)


def _every_book_piece(
    values: dict[str, Any], constants: economics.Constants, field_name: str
) -> list[float]:
    """The pieces as read before: up to the largest book by count of any band, whatever the
    business model."""
    bands = (
        economics.band_book_cutoffs(values, constants) if field_name == "avg_contract_value" else []
    )
    book = revenue_book(constants, values.get("business_model"))
    if book is None:
        return bands
    if field_name == "avg_contract_value":
        share = float(values["gross_margin"]) if book.gross_profit else 1.0
    elif field_name == "gross_margin" and book.gross_profit:
        share = float(values["avg_contract_value"])
    else:
        return bands
    if share <= 0:
        return bands
    most = max(max(constants.band_book_highs or (), default=0), constants.book_size_high)
    return bands + [book.high / (k * share) for k in range(1, most + 1)]


def _values(profile: CompanyProfile) -> tuple[dict[str, Any], economics.Constants]:
    segment = profile.segment.value
    constants = derivation_constants(PACK, segment, profile.currency, *pay_place(profile))
    return engine._values(profile, constants), constants


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles)
def test_a_book_piece_left_out_changes_no_book_size(profile: CompanyProfile) -> None:
    values, constants = _values(profile)
    for name in ("avg_contract_value", "gross_margin"):
        kept = set(book_pieces(values, constants, name))
        for edge in set(_every_book_piece(values, constants, name)) - kept:
            below, above = dict(values), dict(values)
            below[name], above[name] = edge * (1 - 1e-7), edge * (1 + 1e-7)
            assert book_high(below, constants) == book_high(above, constants)


def test_an_unbanded_model_reads_fewer_pieces_than_before() -> None:
    """A services retainer in the mid-market: its book by count is the segment's 50 accounts,
    so the money bound's pieces stop at 50 accounts, not at the bands' largest book (75)."""
    from advisor.profile import parse_profile

    profile = parse_profile(
        {
            "company": "Retainer Co",
            "segment": "mid_market",
            "business_model": "services_retainer",
            "active_accounts": 30,
            "avg_contract_value": 12_000,
            "gross_margin": "50%",
            "logo_churn_rate": "10%",
            "churn_trend": "stable",
            "churn_cause_known": True,
            "delivery_maturity": "standardised",
            "knowledge_holder": "founder",
            "renewal_owner": "founder",
            "renewal_lead_days": 30,
            "unworked_upsell": True,
            "clients_escalate_to_leadership": True,
            "onboarding_consistent": True,
        }
    )
    values, constants = _values(profile)
    assert constants.book_size_high == 50
    assert max(constants.band_book_highs or ()) == 75
    assert len(book_pieces(values, constants, "avg_contract_value")) == 50
    assert len(_every_book_piece(values, constants, "avg_contract_value")) == 75


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles)
def test_flip_points_with_fewer_book_pieces_are_those_of_every_piece(
    profile: CompanyProfile,
) -> None:
    found = evaluate(profile, PACK, with_plan=False).flip_points
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(economics, "book_pieces", _every_book_piece)
        patch.setattr("advisor.flips.book_pieces", _every_book_piece)
        everywhere = evaluate(profile, PACK, with_plan=False).flip_points
    assert found == everywhere


def test_derivation_constants_are_worked_out_once_per_pack_object() -> None:
    first = derivation_constants(PACK, "mid_market", "EUR", "ES", None)
    assert derivation_constants(PACK, "mid_market", "EUR", "ES", None) is first
    assert derivation_constants(PACK, "mid_market", "USD", "ES", None) is not first
    # A pack changed in place of another is a new object: it never meets the first's answers.
    cheaper = dataclasses.replace(PACK, name=PACK.name + " (copy)")
    assert derivation_constants(cheaper, "mid_market", "EUR", "ES", None) is not first
    assert derivation_constants(cheaper, "mid_market", "EUR", "ES", None) == first


def test_a_pack_cache_keeps_its_answers_to_its_limit() -> None:
    calls: list[int] = []

    @per_pack
    def doubled(pack: object, number: int) -> int:
        calls.append(number)
        return number * 2

    pack = object()
    assert [doubled(pack, n) for n in range(LIMIT + 10)] == [2 * n for n in range(LIMIT + 10)]
    assert doubled(pack, LIMIT + 9) == 2 * (LIMIT + 9)  # kept: the newest
    assert doubled(pack, 0) == 0  # dropped as the oldest: worked out again
    assert calls.count(0) == 2 and calls.count(LIMIT + 9) == 1
    assert doubled(object(), 1) == 2 and calls.count(1) == 2  # another object: its own answer


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles)
def test_an_input_left_out_of_the_pieces_has_none(profile: CompanyProfile) -> None:
    values, constants = _values(profile)
    for name, info in FIELDS.items():
        if info.kind in flips.STEPS and name not in flips._PIECE_INPUTS:
            assert payback_pieces(values, constants, name) == []
            assert book_pieces(values, constants, name) == []


@pytest.mark.parametrize("segment", ["smb", "mid_market", "enterprise"])
def test_a_shared_check_is_the_check_of_each_field_it_serves(segment: str) -> None:
    compiled = engine._compiled(PACK, segment)
    shared = 0
    for name, checks in compiled.undecided.items():
        for index, check in checks:
            alone = flips.undecided_checks(PACK, segment, {name: (index,)})[name][0][1]
            assert (check is None) == (alone is None)
            shared += any(
                other is check and other_name != name
                for other_name, others in compiled.undecided.items()
                for _, other in others
            )
    assert shared  # fields of one rule read alike share its check


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles)
def test_shared_checks_give_the_flip_points_of_a_check_per_field(
    profile: CompanyProfile,
) -> None:
    found = evaluate(profile, PACK, with_plan=False).flip_points
    segment = profile.segment.value
    compiled = engine._compiled(PACK, segment)
    apart = {
        name: tuple(
            (index, flips.undecided_checks(PACK, segment, {name: (index,)})[name][0][1])
            for index, _ in checks
        )
        for name, checks in compiled.undecided.items()
    }
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            engine, "_compiled", lambda *_: msgspec.structs.replace(compiled, undecided=apart)
        )
        assert evaluate(profile, PACK, with_plan=False).flip_points == found
