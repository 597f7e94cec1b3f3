"""Numbers that add up: the AM team, its cost and payback, the capacity model and the checks
between fields, the same in every output."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from advisor.brief import build_brief
from advisor.engine import Assessment, Verdict, evaluate
from advisor.export.assessment import render_markdown, render_text
from advisor.export.jsondoc import render_json as brief_json
from advisor.export.markdown import render_markdown as brief_markdown
from advisor.pack import RulePack, load_pack
from advisor.profile import CompanyProfile, ProfileError, load_profile, updated_profile
from advisor.role import draft_role

EXAMPLES = sorted(Path("examples").glob("*.yaml"))
PACK = load_pack()


def _smb_book(**changes: object) -> CompanyProfile:
    base = load_profile("examples/northwind-hire-now.yaml")
    return updated_profile(
        base, {"segment": "smb", "active_accounts": 400, "avg_contract_value": 6000, **changes}
    )


def _cases() -> list[CompanyProfile]:
    return [load_profile(path) for path in EXAMPLES] + [_smb_book()]


@pytest.mark.parametrize("profile", _cases(), ids=lambda p: p.company + str(p.active_accounts))
def test_am_count_cost_payback_and_capacity_table_reconcile(profile: CompanyProfile) -> None:
    assessment = evaluate(profile, PACK)
    econ = assessment.economics
    capacity = draft_role(profile, assessment, PACK).capacity
    count = econ.recommended_am_count
    # The count carries both the book size and one budget of client hours: the drafted
    # cadence and the renewals of the book.
    assert count * econ.accounts_per_am >= profile.active_accounts
    assert count * econ.client_hours_per_am >= econ.cadence_hours + econ.renewal_hours
    assert econ.client_hours == econ.cadence_hours + econ.renewal_hours
    assert econ.renewal_hours == pytest.approx(
        profile.active_accounts * econ.hours_per_renewal / 12
    )
    assert capacity.cadence_hours == econ.cadence_hours
    assert capacity.am_count == count == assessment.recommended_am_count
    assert econ.team_cost == pytest.approx(count * econ.am_cost)
    assert econ.am_cost_share_of_gross_profit == pytest.approx(econ.team_cost / econ.gross_profit)
    payback = econ.payback
    hires = max(count - profile.current_account_managers, 0)
    assert econ.additional_ams_needed == hires and payback.hires == min(hires, 1)
    if hires:
        # The next hire carries the accounts nobody carries, up to a full book; a year's cost
        # and the recruiting, over the monthly gross profit of the revenue a first year keeps or
        # adds after the ramp-up.
        uncovered = (
            profile.active_accounts - profile.current_account_managers * econ.accounts_per_am
        )
        assert payback.accounts == min(uncovered, econ.accounts_per_am)
        expected = payback.expected
        ramp = PACK.hiring.ramp_days.value / (365.25 / 12)
        monthly = expected.gross_profit_gain * (12 - ramp) / 144
        cost = econ.am_cost * (1 + PACK.hiring.recruiting_cost.value)
        assert econ.payback_months == pytest.approx(cost / monthly)
    assert capacity.next_am_at == econ.next_am_due_at_accounts > profile.active_accounts
    data = json.loads(json.dumps(assessment.to_dict()))
    assert data["economics"]["team_cost"] == pytest.approx(count * econ.am_cost)


def test_a_400_account_smb_book_pays_back_as_a_team_not_as_a_single_am() -> None:
    assessment = evaluate(_smb_book(), PACK)
    econ = assessment.economics
    assert econ.recommended_am_count == 6
    # 400 accounts on the segment's cadence and renewals: 380 hours of cadence and 133 of
    # renewals (4 h each, a year), within six AMs' 600.
    assert econ.cadence_hours == 380
    assert econ.renewal_hours == pytest.approx(400 * 4 / 12)
    assert econ.team_cost == 6 * econ.am_cost
    # The next hire carries a full book of 75; the sixth carries the 25 accounts the other
    # five cannot hold, and pays back later.
    assert econ.payback.hires == 1 and econ.payback.accounts == 75
    assert econ.payback.cost_per_year == econ.am_cost
    assert econ.next_am_accounts == 25
    assert (
        econ.next_am_payback_months is not None
        and econ.payback_months is not None
        and econ.next_am_payback_months > econ.payback_months
    )
    text = render_text(assessment)
    assert "Payback of the next hire (expected effect)" in text
    assert "the next Account Manager, on 75 accounts" in text
    assert "the 5 hires after it, each with its own book, are the team plan's" in text


def test_break_even_book_and_affordability_floor_are_two_named_figures() -> None:
    assessment = evaluate(load_profile("examples/northwind-hire-now.yaml"), PACK)
    econ = assessment.economics
    assert econ.break_even_accounts == pytest.approx(3.8, abs=0.05)
    assert econ.supported_from_accounts == pytest.approx(2 * econ.break_even_accounts)
    text = render_text(assessment)
    assert "Break-even book (gross profit = one AM's cost)" in text
    assert (
        "Book the margin supports an AM from (gross profit ≥ 2× one AM's cost): about 7.6" in text
    )


def test_grr_above_nrr_is_refused_naming_both() -> None:
    base = load_profile("examples/northwind-hire-now.yaml")
    with pytest.raises(ProfileError) as caught:
        updated_profile(base, {"nrr": "90%", "grr": "95%"})
    assert caught.value.first.path == "grr"
    assert "above nrr (90%)" in str(caught.value)


@pytest.mark.parametrize("value", [1.1, "110%"])
def test_grr_above_100_percent_is_refused_as_impossible_not_hinted_as_1_1_percent(
    value: object,
) -> None:
    base = load_profile("examples/northwind-hire-now.yaml")
    with pytest.raises(ProfileError) as caught:
        updated_profile(base, {"grr": value})
    message = str(caught.value)
    assert "can never exceed 100%" in message and '"1.1%"' not in message


def test_logo_retention_disagreeing_with_churn_is_a_warning_in_every_output() -> None:
    profile = updated_profile(
        load_profile("examples/northwind-hire-now.yaml"),
        {"logo_churn_rate": "14%", "logo_retention": "95%"},
    )
    assessment = evaluate(profile, PACK)
    assert len(assessment.warnings) == 1
    warning = assessment.warnings[0]
    assert "9 points apart" in warning
    brief = build_brief(profile, assessment, PACK)
    for output in (
        render_text(assessment),
        render_markdown(assessment),
        json.dumps(assessment.to_dict(), ensure_ascii=False),
        brief_markdown(brief),
        brief_json(brief),
    ):
        assert "9 points apart (more than 5)" in output


def _team(**changes: object) -> Assessment:
    base = load_profile("examples/northwind-hire-now.yaml")
    return evaluate(updated_profile(base, {"renewal_owner": "account_manager", **changes}), PACK)


def test_account_manager_renewals_with_no_am_are_refused_naming_both_fields() -> None:
    base = load_profile("examples/northwind-hire-now.yaml")
    with pytest.raises(ProfileError) as caught:
        updated_profile(base, {"renewal_owner": "account_manager"})
    message = str(caught.value)
    assert "renewal_owner" in message and "current_account_managers is 0" in message


def test_a_team_that_covers_the_book_does_not_get_hire_now() -> None:
    assessment = _team(current_account_managers=1)
    assert assessment.verdict is not Verdict.HIRE_NOW
    econ = assessment.economics
    # Contracts of €36,000: books of 40 at most (the band from €23,000 to under €46,000).
    assert econ.accounts_covered_by_team == 40 and econ.next_am_due_at_accounts == 41
    assert "team (one Account Manager) covers 40 accounts" in assessment.headline
    assert "the next one is due at 41 accounts" in assessment.headline
    for output in (render_text(assessment), render_markdown(assessment)):
        assert "1 Account Managers" not in output
        assert "one AM covering up to 40 accounts, enough for today's book" in output
        assert "a second Account Manager is due at 41 active accounts" in output


def test_a_book_that_outgrew_the_team_asks_for_another_am() -> None:
    assessment = _team(current_account_managers=1, active_accounts=70)
    assert assessment.verdict is Verdict.HIRE_NOW
    assert assessment.economics.additional_ams_needed == 1
    assert assessment.headline.startswith("Northwind Analytics needs another Account Manager")


def test_headline_counts_the_warning_signs_that_actually_fired() -> None:
    quiet = _smb_book(
        clients_escalate_to_leadership=False,
        knowledge_holder="shared_in_crm",
        unworked_upsell=False,
        renewal_owner="customer_success",
        renewal_lead_days=60,
        churn_trend="stable",
        onboarding_consistent=True,
        logo_churn_rate="3%",
        logo_retention="97%",
        nrr="105%",
        gross_margin="70%",
    )
    assessment = evaluate(quiet, PACK)
    # Six AMs on a quiet book of small accounts do not pay back: the payback holds the verdict,
    # and the headline says so instead of counting signs.
    assert assessment.verdict is Verdict.PREPARE
    assert "pays back in" in assessment.headline
    # Contracts of €40,000: books of 40 at most (the band from €23,000), 400 / 40 = 10 AMs.
    signs = evaluate(updated_profile(quiet, {"avg_contract_value": 40000}), PACK)
    assert signs.verdict is Verdict.HIRE_NOW
    assert "with a warning sign that relationships" in signs.headline
    assert "(renewal work starts later than 90 days before expiry)" in signs.headline
    assert "needs 10 Account Managers" in signs.headline


def test_headline_blames_the_margin_when_the_margin_holds_the_verdict() -> None:
    profile = updated_profile(
        load_profile("examples/northwind-hire-now.yaml"), {"gross_margin": "20%"}
    )
    assessment = evaluate(profile, PACK)
    assert assessment.verdict is Verdict.NOT_YET
    assert "the margin does not support a full-time AM" in assessment.headline
    assert "keep 22 accounts close" not in assessment.headline


def test_prepare_headline_never_says_reaching_the_zone_of_a_book_past_it() -> None:
    profile = updated_profile(
        load_profile("examples/northwind-hire-now.yaml"),
        {"active_accounts": 80, "avg_contract_value": 9000, "gross_margin": "40%"},
    )
    assessment = evaluate(profile, PACK)
    assert assessment.verdict is Verdict.PREPARE
    assert "reaches the hiring zone" not in assessment.headline


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_readiness_and_what_holds_it_back_read_the_same_everywhere(path: Path) -> None:
    profile = load_profile(path)
    assessment = evaluate(profile, PACK)
    brief = build_brief(profile, assessment, PACK)
    shown = assessment.readiness
    assert shown.startswith("not scored: " if assessment.gated else "readiness ")
    assert shown in render_text(assessment)
    assert shown[1:] in render_markdown(assessment)
    assert json.loads(json.dumps(assessment.to_dict()))["readiness"] == shown
    assert shown in brief_markdown(brief)
    assert json.loads(brief_json(brief))["assessment"]["readiness"] == shown


def test_a_gated_verdict_is_not_shown_beside_a_score_that_reads_as_go() -> None:
    """ "Fix delivery first · readiness 100/100" made the gated case look better than an
    ungated one: a gate is not scored."""
    assessment = evaluate(load_profile("examples/ferro-fix-delivery.yaml"), PACK)
    assert assessment.gated
    assert assessment.readiness == "not scored: delivery is not standardised yet comes first"
    text = render_text(assessment)
    assert "100/100" not in text


def test_a_small_book_of_very_large_founder_held_accounts_is_judged_by_revenue_at_stake() -> None:
    profile = updated_profile(
        load_profile("examples/northwind-hire-now.yaml"),
        {
            "segment": "enterprise",
            "active_accounts": 6,
            "avg_contract_value": 400000,
            "knowledge_holder": "founder",
            "clients_escalate_to_leadership": True,
        },
    )
    assessment = evaluate(profile, PACK)
    assert assessment.verdict is Verdict.HIRE_NOW
    assert "revenue at stake" in assessment.judged_by
    assert "Key Account Manager" in assessment.headline
    assert "judged by the revenue at stake" in render_text(assessment)
    plain = updated_profile(profile, {"knowledge_holder": "shared_in_crm"})
    held = evaluate(plain, PACK)
    assert held.verdict is Verdict.PREPARE and "account count" in held.judged_by


def test_default_compensation_pays_nothing_on_activity() -> None:
    profile = load_profile("examples/northwind-hire-now.yaml")
    assessment = evaluate(profile, PACK)
    compensation = draft_role(profile, assessment, PACK).compensation
    assert not [c for c in compensation.components if "review" in c.measure.lower()]
    assert any("never on activity" in source for source in compensation.sources)


def test_a_full_book_fits_one_budget_with_its_renewals() -> None:
    """A full mid-market book used 95 of an AM's 100 client hours in cadence alone, and the
    hire-by model added 12 hours per renewal on top (145 hours): one budget now holds both."""
    pack: RulePack = PACK
    assert pack.bands is not None
    for band in pack.bands.bands:  # a full book of each band, at the band's first value
        high = pack.book_size(band.segment, band.id)[1]
        profile = updated_profile(
            load_profile("examples/northwind-hire-now.yaml"),
            {
                "segment": band.segment,
                "active_accounts": high,
                "avg_contract_value": max(band.lower["EUR"], 1000),
            },
        )
        econ = evaluate(profile, pack, with_flip_points=False).economics
        assert econ.recommended_am_count == 1 and not math.isnan(econ.cadence_hours)
        assert econ.cadence_hours + econ.renewal_hours <= econ.client_hours_per_am


def test_the_growth_dates_the_next_am_from_the_same_capacity_model() -> None:
    import datetime as dt

    from advisor import present

    profile = updated_profile(
        load_profile("examples/northwind-hire-now.yaml"),
        {"current_account_managers": 2, "active_accounts": 60, "accounts_added_per_quarter": 10},
    )
    assessment = evaluate(profile, PACK, as_of=dt.date(2026, 1, 1))
    econ = assessment.economics
    # Two books of 40 at most (contracts of €36,000): the third AM is due at 2 × 40 + 1.
    assert econ.next_am_due_at_accounts == 81
    growth = assessment.growth
    assert growth is not None
    reached = next(q for q in growth.quarters if q.active_accounts >= 81)
    assert reached.ams_needed == 3
    sentence = present.next_am_sentence(assessment)
    assert sentence == (
        f"a third Account Manager is due at 81 active accounts, which the book reaches in "
        f"{reached.label}"
    )
