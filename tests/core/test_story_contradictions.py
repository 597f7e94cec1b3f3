"""Each contradiction found in one case's story, as a test named after it: hours, retention as
given, a payback that counts, economic reasons, the next AM, one presenter."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from advisor import present
from advisor.engine import Assessment, Verdict, evaluate
from advisor.export.assessment import render_markdown, render_text
from advisor.pack import RulePack
from advisor.profile import load_profile, updated_profile

PROFILES = Path(__file__).resolve().parent / "story_profiles"
AS_OF = dt.date(2026, 12, 6)


def story(name: str, pack: RulePack, **changes: Any) -> Assessment:
    profile = load_profile(PROFILES / f"{name}.yaml")
    return evaluate(updated_profile(profile, changes) if changes else profile, pack, as_of=AS_OF)


def test_a_book_that_needs_four_ams_is_not_told_its_hours_are_98_percent_of_one_am(
    pack: RulePack,
) -> None:
    econ = story("4-smb-saas-300-two-ams", pack).economics
    assert econ.recommended_am_count == 4
    sentence = present.hours_sentence(econ)
    assert "of 4 AMs' 400 h" in sentence and "one AM" not in sentence
    assert sentence.startswith(f"{econ.client_hours:,.0f} h a month")


def test_arr_at_risk_follows_a_given_grr_not_logo_churn(pack: RulePack) -> None:
    """ARR at risk was logo churn × average value (26% of ARR) next to a GRR of 88%."""
    assessment = story("8-saas-nrr118-logo74", pack)
    econ = assessment.economics
    assert econ.arr_at_risk == pytest.approx(econ.total_arr * 0.12)
    assert econ.arr_at_risk_basis == "grr"
    assert "1 − gross revenue retention of 88%" in present.line(assessment, "arr_at_risk").note


def test_expansion_is_nrr_minus_grr_when_both_are_given(pack: RulePack) -> None:
    """Expansion read "not measured yet" with NRR 118% and GRR 88% given."""
    assessment = story("8-saas-nrr118-logo74", pack)
    assert assessment.economics.expansion_measured == pytest.approx(0.30)
    assert present.line(assessment, "expansion").text == "30% of starting ARR a year"


def test_nrr_above_100_with_logo_retention_below_target_is_a_finding(pack: RulePack) -> None:
    assessment = story("8-saas-nrr118-logo74", pack)
    fired = {result.rule_id for result in assessment.fired}
    assert "NRR-HIDES-LOGO-LOSS" in fired and "NRR-WITH-LOGO-LOSS" not in fired


def test_churned_gross_profit_is_an_economic_reason_not_a_warning_sign(pack: RulePack) -> None:
    """A headline counted "the gross profit lost to churn already pays for an AM" among the
    signs "that relationships are already going unmanaged"."""
    assessment = story("8-saas-nrr118-logo74", pack, current_account_managers=1)
    churn = next(r for r in assessment.trace if r.rule_id == "CHURN-LOSS-PAYS-AN-AM")
    assert churn.fired and churn.category == "economics"
    assert "(the gross profit lost to churn already pays for an AM)" not in assessment.headline
    unmanaged = story("2-midmarket-saas-35", pack)
    assert "warning signs that relationships are already going unmanaged" in unmanaged.headline
    assert "gross profit lost to churn" not in unmanaged.headline


def test_the_payback_counts_the_recruiting_cost_and_the_ramp_up(pack: RulePack) -> None:
    econ = story("2-midmarket-saas-35", pack).economics
    payback = econ.payback
    assert payback.recruiting_cost == pytest.approx(0.2 * econ.am_cost)
    assert payback.ramp_months == pytest.approx(90 / (365.25 / 12))
    without = (payback.cost_per_year) / (payback.expected.gross_profit_gain / 12 / 12 * 12)
    assert econ.payback_months is not None and econ.payback_months > without


def test_the_payback_is_a_range_of_an_explicit_assumption_not_a_pay_statistic(
    pack: RulePack,
) -> None:
    """The payback used seed 004's statistic on how AM pay is structured as if it were the
    effect of hiring an AM."""
    effect = pack.am_effect
    assert (
        effect.churn_reduction.low < effect.churn_reduction.expected < effect.churn_reduction.high
    )
    assert "an assumption, not a measured effect" in effect.source
    assert "not with hiring one" in effect.source
    econ = story("2-midmarket-saas-35", pack).economics
    cases = econ.payback.cases
    assert [case.name for case in cases] == ["low", "expected", "high"]
    assert cases[0].payback_months is not None and cases[2].payback_months is not None
    assert cases[0].payback_months > cases[1].payback_months > cases[2].payback_months  # type: ignore[operator]


def test_a_payback_beyond_the_hold_holds_hire_now_and_the_headline_says_so(
    pack: RulePack,
) -> None:
    """45- and 57-month paybacks sat next to "prepare / hire by March 2027" while the docs said
    payback was never part of the verdict."""
    assessment = story("8-saas-nrr118-logo74", pack)
    assert assessment.verdict is Verdict.PREPARE
    assert [r.rule_id for r in assessment.fired if r.cap] == ["PAYBACK-TOO-LONG"]
    months = present.months(assessment.economics.payback_months)
    assert f"the hire pays back in {months}" in assessment.headline
    assert "longer than 30 months" in assessment.headline


def test_the_next_am_is_due_at_the_same_book_on_every_page(pack: RulePack) -> None:
    """One report said "due at 51 accounts" and its timeline "A second AM is due in Q2 2028
    (52 accounts)"."""
    assessment = story("7-reseller-12-margin", pack)
    # 40 accounts of €50,000: books of 30 at most (the band from €46,000 to under €92,000),
    # two AMs today, the third due at 2 × 30 + 1 = 61.
    sentence = present.next_am_sentence(assessment)
    assert sentence.startswith("a third Account Manager is due at 61 active accounts")
    for report in (render_text(assessment), render_markdown(assessment)):
        assert "62 accounts" not in report
        assert report.count("due at 61 active accounts") == 2  # economics and growth lines
        assert "Another AM" not in report and "A third AM" not in report


@pytest.mark.parametrize("name", sorted(p.stem for p in PROFILES.glob("*.yaml")))
def test_an_empty_payback_reads_the_same_everywhere(name: str, pack: RulePack) -> None:
    """An empty payback read "not reached", "not defined" or "n/a (no expected gain)"."""
    assessment = story(name, pack, gross_margin=0)
    text = present.line(assessment, "payback").text
    assert text == "never: the hire would keep and add no revenue"
    for report in (render_text(assessment), render_markdown(assessment)):
        assert not re.search(r"[Pp]ayback[^\n]*(n/a|not reached|not defined)", report)
        assert text in report


def test_a_gated_score_reads_not_scored_in_every_table(pack: RulePack) -> None:
    """ "Fix delivery first · readiness 100/100" read better than an ungated case in the command
    line's history and client tables and the workshop's respondent rows."""
    from advisor import wording

    assert wording.saved_score("fix_delivery_first", 100.0) == "not scored"
    assert wording.saved_score("prepare", 35.4, suffix="") == "35"
    assert wording.saved_score("hire_now", None) == ""
