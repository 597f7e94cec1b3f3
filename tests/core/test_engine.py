"""The engine: verdicts, trace, flip points, economics and strict JSON."""

from __future__ import annotations

import json
from typing import Any

import pytest
from msgspec.structs import replace

from advisor.economics import compute_economics
from advisor.engine import Verdict, decide, evaluate, sweep
from advisor.pack import RulePack
from advisor.profile import CompanyProfile

EXPECTED_SAMPLE_VERDICTS = {
    "northwind-hire-now": Verdict.HIRE_NOW,
    "brightpath-prepare": Verdict.PREPARE,
    "acorn-not-yet": Verdict.NOT_YET,
    "ferro-fix-delivery": Verdict.FIX_DELIVERY_FIRST,
    "kern-studio-retainers": Verdict.PREPARE,
    "halden-partners-consultancy": Verdict.PREPARE,
    "volta-supply-reseller": Verdict.HIRE_NOW,
}


def test_each_sample_gets_its_verdict(samples: dict[str, CompanyProfile], pack: RulePack) -> None:
    assert set(samples) == set(EXPECTED_SAMPLE_VERDICTS)
    for name, profile in samples.items():
        assert evaluate(profile, pack).verdict == EXPECTED_SAMPLE_VERDICTS[name], name


def test_trace_records_every_rule_with_values(make_profile: Any, pack: RulePack) -> None:
    assessment = evaluate(make_profile(active_accounts=13), pack)
    assert [r.rule_id for r in assessment.trace] == [rule.id for rule in pack.rules]
    zone = next(r for r in assessment.trace if r.rule_id == "PORT-ZONE")
    assert not zone.fired
    assert zone.conditions[0].expected == 15
    assert zone.conditions[0].actual == 13
    assert zone.explanation == (
        "Would fire if Active client accounts is at least 15 accounts (now 13 accounts)"
    )
    assert zone.source.startswith("“What is an account manager (B2B guide)” (SalesDose")
    assert zone.location.startswith("rules/30-readiness.yaml:")


def test_delivery_gate_overrides_any_score(make_profile: Any, pack: RulePack) -> None:
    assessment = evaluate(
        make_profile(active_accounts=60, delivery_maturity="ad_hoc", unworked_upsell=True), pack
    )
    assert assessment.verdict == Verdict.FIX_DELIVERY_FIRST
    assert assessment.blockers[0].startswith("Delivery is not standardised yet:")


def test_caps_hold_back_a_high_score(make_profile: Any, pack: RulePack) -> None:
    profile = make_profile(
        active_accounts=9,
        renewal_owner="nobody",
        renewal_lead_days=10,
        unworked_upsell=True,
        clients_escalate_to_leadership=True,
        knowledge_holder="founder",
        churn_trend="rising",
        avg_contract_value=100000,
    )
    assessment = evaluate(profile, pack)
    assert assessment.score >= pack.scoring.hire_now_at
    assert assessment.verdict == Verdict.NOT_YET
    assert assessment.key_reasons()[0].rule_id == "PORT-FOUNDER-MANAGES"


def test_flip_points_are_exact(samples: dict[str, CompanyProfile], pack: RulePack) -> None:
    """At the flip value the verdict is the flip's; one grid step nearer today it is not yet
    (it may be another verdict: a book that shrinks can pass 'Prepare' on its way to 'Not
    yet')."""
    steps = {"count": 1, "money": 1, "rate": 0.001, "net_rate": 0.001, "score": 1}
    from advisor.profile import FIELDS

    checked = 0
    for profile in samples.values():
        base = evaluate(profile, pack)
        for flip in base.flip_points:
            changed = replace(profile, **{flip.field: flip.value})
            assert evaluate(changed, pack).verdict.value == flip.verdict, flip.sentence
            if flip.kind == "numeric":
                step = steps[FIELDS[flip.field].kind]
                before = flip.value - step if flip.direction == "up" else flip.value + step
                if FIELDS[flip.field].kind == "count":
                    before = int(before)
                if not min(flip.current, flip.value) < before < max(flip.current, flip.value):
                    continue
                nearer = replace(profile, **{flip.field: round(before, 6)})
                assert evaluate(nearer, pack).verdict.value != flip.verdict, flip.sentence
                checked += 1
    assert checked >= 8


def test_flip_point_for_accounts_reads_as_a_sentence(make_profile: Any, pack: RulePack) -> None:
    assessment = evaluate(
        make_profile(
            active_accounts=13, unworked_upsell=True, renewal_owner="sales", renewal_lead_days=45
        ),
        pack,
    )
    up = [f for f in assessment.flip_points if f.field == "active_accounts" and f.direction == "up"]
    assert up and up[0].value == 15
    # At 15 the book reaches the zone, but the hire pays back only from 22 accounts: the nearest
    # change is to "prepare".
    assert up[0].sentence == (
        "If active client accounts rose to 15 accounts, the verdict would be 'Prepare to hire'."
    )


def test_am_count_follows_the_book_size(make_profile: Any, pack: RulePack) -> None:
    # Contracts of €40,000 a year: books of 40 at most (the band from €23,000 to under €46,000).
    assert evaluate(make_profile(active_accounts=60), pack).recommended_am_count == 2
    assert evaluate(make_profile(active_accounts=41), pack).recommended_am_count == 2
    assert evaluate(make_profile(active_accounts=40), pack).recommended_am_count == 1
    # Contracts of €150,000: books of 20 at most (from €92,000 to under €230,000).
    enterprise = make_profile(active_accounts=41, segment="enterprise", avg_contract_value=150_000)
    assert evaluate(enterprise, pack).recommended_am_count == 3
    # A currency without bands: the mid-market segment's books of 50 at most.
    swiss = make_profile(currency="CHF")
    assert evaluate(replace(swiss, active_accounts=50), pack).recommended_am_count == 1
    assert evaluate(replace(swiss, active_accounts=51), pack).recommended_am_count == 2
    assert evaluate(make_profile(active_accounts=0), pack).recommended_am_count == 0


def test_economics_figures(make_profile: Any, pack: RulePack) -> None:
    econ = evaluate(
        make_profile(
            active_accounts=20, avg_contract_value=50000, gross_margin=0.5, logo_churn_rate=0.1
        ),
        pack,
    ).economics
    assert econ.total_arr == 1_000_000
    assert econ.gross_profit == 500_000
    assert econ.arr_at_risk == 100_000
    assert econ.am_cost == 85_000  # EUR mid-market benchmark
    assert econ.am_cost_share_of_gross_profit == pytest.approx(0.17)
    assert econ.break_even_arr == pytest.approx(170_000)
    assert econ.break_even_accounts == pytest.approx(3.4)
    # The expected effect: 30% of the revenue churn takes kept, expansion of 3% of ARR; the
    # first year brings 12 months less the 90-day ramp-up of it, as recurring gross profit.
    gain = (100_000 * 0.3 + 1_000_000 * 0.03) * 0.5
    ramp = 90 / (365.25 / 12)
    first_year_monthly = gain * (12 - ramp) / 12 / 12
    assert econ.payback_months == pytest.approx((85_000 * 1.2) / first_year_monthly)
    assert [case.name for case in econ.payback.cases] == ["low", "expected", "high"]
    assert econ.payback.hires == 1 and econ.payback.accounts == 20


def test_zero_margin_gives_undefined_not_infinite(make_profile: Any, pack: RulePack) -> None:
    assessment = evaluate(make_profile(gross_margin=0, avg_contract_value=0), pack)
    econ = assessment.economics
    assert econ.am_cost_share_of_gross_profit is None
    assert econ.break_even_arr is None
    assert econ.payback_months is None
    json.dumps(assessment.to_dict(), allow_nan=False)


def test_unknown_currency_falls_back_and_says_so(make_profile: Any, pack: RulePack) -> None:
    econ = evaluate(make_profile(currency="CHF"), pack).economics
    assert econ.am_cost == 85_000
    assert "no CHF figure" in econ.am_cost_source


def test_json_has_the_documented_keys(samples: dict[str, CompanyProfile], pack: RulePack) -> None:
    data = json.loads(
        json.dumps(evaluate(samples["northwind-hire-now"], pack).to_dict(), allow_nan=False)
    )
    for key in (
        "verdict",
        "score",
        "headline",
        "trace",
        "flip_points",
        "recommended_am_count",
        "economics",
        "pack",
    ):
        assert key in data
    assert data["pack"]["digest"] == pack.digest
    assert data["trace"][0]["explanation"]


def test_sweep_matches_evaluate(make_profile: Any, pack: RulePack) -> None:
    profile = make_profile()
    for accounts, verdict, score in sweep(profile, pack, "active_accounts", [0, 9, 15, 30, 80]):
        full = evaluate(replace(profile, active_accounts=accounts), pack)
        assert (full.verdict, full.score) == (verdict, score)


def test_headline_names_the_company_and_reason(
    samples: dict[str, CompanyProfile], pack: RulePack
) -> None:
    assessment = evaluate(samples["acorn-not-yet"], pack)
    assert assessment.headline.startswith("Acorn Labs does not need an Account Manager yet")
    assert "{" not in assessment.headline


def test_decide_gives_the_verdict_and_score_of_evaluate(
    samples: dict[str, CompanyProfile], pack: RulePack
) -> None:
    for profile in samples.values():
        assessment = evaluate(profile, pack)
        assert decide(profile, pack) == (assessment.verdict, assessment.score)


def test_the_assessments_economics_are_the_economics_computed_alone(
    samples: dict[str, CompanyProfile], pack: RulePack
) -> None:
    """The assessment reuses the derivation its rules read; computed from the profile alone,
    every figure is the same."""
    for name, profile in samples.items():
        for variant in (profile, replace(profile, current_account_managers=1, country="ES")):
            assert evaluate(variant, pack).economics == compute_economics(variant, pack), name
