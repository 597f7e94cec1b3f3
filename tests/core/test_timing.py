"""The timing of a case, decided with its verdict on one `as_of` date: what the date means for
each verdict, the team's hires and cost, the growth, the renewal workload on hand-built
calendars, and the pack's hiring figures validated like every other."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from advisor import cli, present
from advisor.engine import Assessment, Verdict, evaluate
from advisor.pack import RulePack, RulePackError, load_pack
from advisor.profile import (
    ProfileError,
    load_profile,
    profile_from_query,
    profile_from_text,
    profile_to_query,
    profile_to_yaml,
    updated_profile,
)
from advisor.timing import Cover, month_start, quarter_label

ROOT = Path(__file__).resolve().parents[2]
PROFILES = ROOT / "tests" / "core" / "story_profiles"
AS_OF = dt.date(2026, 12, 6)
LEAD = dt.timedelta(days=180)  # the shipped pack: 90 days recruiting + 90 days ramp-up


def assess(profile: Any, pack: RulePack, as_of: dt.date = AS_OF) -> Assessment:
    return evaluate(profile, pack, as_of=as_of)


def story(name: str, pack: RulePack, **changes: Any) -> Assessment:
    profile = load_profile(PROFILES / f"{name}.yaml")
    return assess(updated_profile(profile, changes) if changes else profile, pack)


def test_the_pack_gives_hours_lead_time_ramp_and_cost_with_sources(pack: RulePack) -> None:
    hiring = pack.hiring
    assert (hiring.recruiting_lead_days.value, hiring.ramp_days.value) == (90, 90)
    assert hiring.recruiting_cost.value == 0.2 and hiring.lead_days == 180
    assert "proxy" in hiring.recruiting_lead_days.source
    assert "30-60-90 day onboarding plan" in hiring.ramp_days.source
    assert pack.renewal_load.hours_per_renewal == {"smb": 4, "mid_market": 8, "enterprise": 16}
    assert "SalesDose" in pack.renewal_load.source  # the playbook's 90–120 days


def test_months_and_quarters_roll_over_years() -> None:
    assert month_start(dt.date(2026, 11, 20), 0) == dt.date(2026, 11, 1)
    assert month_start(dt.date(2026, 11, 20), 2) == dt.date(2027, 1, 1)
    assert month_start(dt.date(2026, 11, 20), 14) == dt.date(2028, 1, 1)
    day = dt.date(2026, 11, 22)
    assert [quarter_label(day, n) for n in range(4)] == ["Q4 2026", "Q1 2027", "Q2 2027", "Q3 2027"]


# ---------------------------------------------------------------------------------------------
# What the date means for each verdict


def test_hire_now_opens_the_search_today_and_says_what_covers_the_gap(pack: RulePack) -> None:
    # Contracts of €20,000: books of 50 at most (the band from €11,000 to under €23,000), so
    # the 35 accounts and their growth in the next quarters need one AM.
    assessment = story("2-midmarket-saas-35", pack, avg_contract_value=20000)
    plan = assessment.plan
    assert assessment.verdict is Verdict.HIRE_NOW and plan is not None
    assert plan.search_opens_on == AS_OF == plan.needed_from
    assert plan.starts_on == AS_OF + dt.timedelta(days=90)
    assert plan.carries_from == AS_OF + LEAD
    assert plan.gap is not None and plan.gap.days == 180
    assert plan.gap.uncovered_accounts == 35 and plan.gap.cover is Cover.PARTLY
    summary = present.plan_summary(assessment)
    assert summary.startswith("Open the search today (6 December 2026).")
    assert "carries the book from 4 June 2027" in summary
    assert "already past" not in summary and "No hire-by date" not in summary


def test_a_hire_now_key_account_case_has_a_search_date(pack: RulePack) -> None:
    """A "Hire now" key-account brief said "No hire-by date within 24 months"."""
    assessment = story("3-consultancy-six-400k", pack)
    assert assessment.verdict is Verdict.HIRE_NOW
    assert assessment.plan is not None and assessment.plan.search_opens_on == AS_OF
    assert "Open the search today" in present.plan_summary(assessment)


def test_prepare_never_says_hire_by_already_past(pack: RulePack) -> None:
    """ "Prepare" briefs said "Hire by 9 June 2026 (already past)"."""
    assessment = story("7-reseller-12-margin", pack)
    plan = assessment.plan
    assert assessment.verdict is Verdict.PREPARE and plan is not None
    assert plan.search_opens_on is None and plan.gap is None
    assert plan.reassess_on == AS_OF + dt.timedelta(days=90)
    assert "An AM would take a large share of the gross profit" in plan.holding
    summary = present.plan_summary(assessment)
    assert "past" not in summary and "reassess on 6 March 2027" in summary


def test_a_reseller_at_prepare_is_not_told_to_open_the_search_as_the_book_nears_15(
    pack: RulePack,
) -> None:
    assessment = story("7-reseller-12-margin", pack)
    text = " ".join(present.shown(assessment).values())
    assert "nears 15" not in text and "hire now in Q" not in text
    assert assessment.team is not None and assessment.team.hires == ()


def test_prepare_with_a_growing_book_dates_the_search_before_the_verdict_turns(
    pack: RulePack,
) -> None:
    assessment = story("x-5b-standardised-small", pack)
    plan = assessment.plan
    assert assessment.verdict is Verdict.PREPARE and plan is not None
    assert plan.turns_hire_now_on is not None and plan.search_opens_on is not None
    assert plan.search_opens_on == max(AS_OF, plan.turns_hire_now_on - LEAD)
    assert plan.needed_from == plan.turns_hire_now_on
    growth = assessment.growth
    assert growth is not None
    turned = next(q for q in growth.quarters if q.verdict == "hire_now")
    assert turned.start == plan.turns_hire_now_on
    assert all(q.verdict != "hire_now" for q in growth.quarters if q.start < turned.start)


def test_one_case_has_one_date_to_open_the_search(pack: RulePack) -> None:
    """An agency held at "Prepare" got three different dates for opening the search."""
    assessment = story("x-5b-standardised-small", pack)
    plan, team = assessment.plan, assessment.team
    assert plan is not None and team is not None
    assert team.hires[0].search_opens_on == plan.search_opens_on
    shown = present.shown(assessment)
    opening = present.date(plan.search_opens_on)
    assert opening in shown["plan"] and opening in shown["team_plan"]


def test_not_yet_gives_the_zone_and_a_reassessment_date_but_no_search(pack: RulePack) -> None:
    assessment = story("6-fast-grower", pack)
    plan = assessment.plan
    assert assessment.verdict is Verdict.NOT_YET and plan is not None
    assert plan.search_opens_on is None and plan.gap is None
    assert plan.zone_reached_on == dt.date(2027, 1, 1)
    assert plan.reassess_on is not None and plan.reassess_on <= AS_OF + dt.timedelta(days=90)
    summary = present.plan_summary(assessment)
    assert summary.startswith("No hiring date: the book reaches the hiring zone (15+ accounts)")
    assert assessment.team is not None and assessment.team.hires == ()


def test_fix_delivery_first_gives_no_hiring_date_and_a_reassessment_date(pack: RulePack) -> None:
    """ "Fix delivery first" briefs said "Hire by … (already past)"."""
    assessment = story("5-delivery-not-standardised", pack)
    plan = assessment.plan
    assert assessment.verdict is Verdict.FIX_DELIVERY_FIRST and plan is not None
    assert (plan.search_opens_on, plan.starts_on, plan.carries_from) == (None, None, None)
    assert plan.reassess_on == AS_OF + dt.timedelta(days=90)
    assert plan.after_fix in ("hire_now", "prepare", "not_yet")
    after = plan.after_fix_plan
    assert after is not None and after.as_of == plan.reassess_on
    assert after.search_opens_on is None or after.search_opens_on >= plan.reassess_on
    summary = present.plan_summary(assessment)
    assert summary.startswith("No hiring date until delivery is standardised.")
    assert "today" not in summary.split("With delivery standardised")[1]
    assert assessment.team is not None and assessment.team.hires == ()


def test_a_book_needing_several_ams_gets_a_date_per_hire_and_the_team_cost_by_quarter(
    pack: RulePack,
) -> None:
    """A book that needs several AMs was told about "the AM"."""
    # Contracts of €10,000: books of 75 at most (under €11,000), 300 / 75 = 4 AMs.
    assessment = story("4-smb-saas-300-two-ams", pack, avg_contract_value=10000, gross_margin="80%")
    econ, team = assessment.economics, assessment.team
    assert assessment.verdict is Verdict.HIRE_NOW and team is not None
    now = [hire for hire in team.hires if hire.needed_from == AS_OF]
    assert [hire.number for hire in now] == [3, 4] == list(range(3, econ.recommended_am_count + 1))
    later = [hire for hire in team.hires if hire.needed_from > AS_OF and hire.role == "am"]
    assert later and all(hire.number > 4 for hire in later)
    growth = assessment.growth
    assert growth is not None
    for hire in later:
        quarter = next(q for q in growth.quarters if q.start == hire.needed_from)
        assert quarter.ams_needed >= hire.number
    lead = [hire for hire in team.hires if hire.role == "team_lead"]
    assert lead and lead[0].number == team.team_lead_at_ams == 5
    assert len(team.quarters) == 8
    assert team.quarters[0].ams == pytest.approx(2.0)  # the current team, before anyone starts
    assert team.total == pytest.approx(sum(q.salaries + q.recruiting for q in team.quarters))
    assert "Open 3 searches today" in present.plan_summary(assessment)
    rows = present.hire_rows(team)
    assert rows[0][0] == "Account Manager 3" and rows[-1][0] == "Team lead"
    waiting = assessment.waiting
    assert waiting is not None and waiting.uncovered_accounts == 150
    assert waiting.gross_profit_at_risk_per_month == pytest.approx(
        econ.arr_at_risk * 0.8 * 150 / 300 / 12
    )


def test_the_same_as_of_gives_the_same_timing_and_another_moves_it(pack: RulePack) -> None:
    first = story("2-midmarket-saas-35", pack)
    again = story("2-midmarket-saas-35", pack)
    assert first.to_dict()["plan"] == again.to_dict()["plan"]
    later = assess(first.profile, pack, as_of=dt.date(2027, 1, 6))
    assert later.plan is not None and later.plan.search_opens_on == dt.date(2027, 1, 6)


def test_without_a_date_the_assessment_counts_from_today(pack: RulePack) -> None:
    assessment = evaluate(load_profile(PROFILES / "2-midmarket-saas-35.yaml"), pack)
    assert assessment.as_of == dt.date.today()
    assert assessment.plan is not None and assessment.plan.as_of == assessment.as_of
    assert evaluate(assessment.profile, pack, with_plan=False).timing is None


# ---------------------------------------------------------------------------------------------
# Growth and the renewal workload on hand-built calendars


def test_the_growth_reaches_the_zone_in_its_quarter(make_profile: Any, pack: RulePack) -> None:
    profile = make_profile(active_accounts=8, accounts_added_per_quarter=3)
    assessment = assess(profile, pack, dt.date(2026, 11, 22))
    growth = assessment.growth
    assert growth is not None and growth.zone_reached is not None
    assert (growth.zone_reached.label, growth.zone_reached.active_accounts) == ("Q3 2027", 17)
    assert growth.quarters[0].verdict == "not_yet"
    assert present.growth_sentence(assessment).startswith(
        "At +3 accounts a quarter the book reaches the hiring zone (15+ accounts) in Q3 2027 "
        "(17 accounts)"
    )


def test_without_a_pace_the_book_is_held_at_today_s_size(make_profile: Any, pack: RulePack) -> None:
    assessment = assess(make_profile(), pack)
    assert assessment.growth is not None and len(assessment.growth.quarters) == 1
    assert present.growth_sentence(assessment).startswith("No pace of new accounts is given")


def test_renewals_fall_in_the_months_given_and_recur_yearly(
    make_profile: Any, pack: RulePack
) -> None:
    profile = make_profile(active_accounts=8, renewals_by_month="2027-01:3 2027-03:5")
    workload = assess(profile, pack, dt.date(2026, 12, 15)).workload
    assert workload is not None
    renewals = [round(m.renewals, 6) for m in workload.months[:15]]
    assert renewals == [0, 3, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0]
    # Mid-market: 8 h a renewal, every account uncovered (no AM yet).
    assert [m.hours for m in workload.months[:4]] == [0, 24, 0, 40]
    assert workload.renewals_from == "calendar"


def test_undated_accounts_and_growth_are_spread_evenly(make_profile: Any, pack: RulePack) -> None:
    # 12 accounts, 6 of them dated in March; 6 undated and 3 new a quarter renew a twelfth a month.
    profile = make_profile(
        active_accounts=12, accounts_added_per_quarter=3, renewals_by_month="2026-03:6"
    )
    workload = assess(profile, pack, dt.date(2026, 1, 5)).workload
    assert workload is not None
    assert [m.active_accounts for m in workload.months[:7]] == [12, 12, 12, 15, 15, 15, 18]
    assert [round(m.renewals, 6) for m in workload.months[:7]] == [
        0.5,
        0.5,
        6.5,
        0.75,
        0.75,
        0.75,
        1,
    ]


def test_the_renewals_of_accounts_a_team_carries_are_in_its_hours(
    make_profile: Any, pack: RulePack
) -> None:
    """The hire-by model put a full book's renewals on top of the AMs' cadence; the team's own
    renewals are in its hours now, and only the accounts nobody carries weigh on the founder."""
    # Contracts of €20,000: one AM carries 50 of the 60 accounts.
    profile = make_profile(active_accounts=60, current_account_managers=1, avg_contract_value=20000)
    assessment = assess(profile, pack)
    workload = assessment.workload
    assert workload is not None
    first = workload.months[0]
    assert first.uncovered_accounts == 60 - assessment.economics.accounts_covered_by_team == 10
    assert first.hours == pytest.approx(first.renewals * 10 / 60 * 8)
    assert first.capacity_hours == 16


def test_assess_json_carries_the_plan_and_the_shown_texts(tmp_path: Path) -> None:
    out = io.StringIO()
    path = str(ROOT / "examples" / "acorn-not-yet.yaml")
    code = cli.main(["assess", path, "--format", "json", "--as-of", "2026-12-01"], stdout=out)
    assert code == 0
    data = json.loads(out.getvalue())
    assert data["as_of"] == "2026-12-01"
    assert data["plan"]["verdict"] == "not_yet" and data["plan"]["search_opens_on"] is None
    assert data["plan"]["reassess_on"] is not None
    assert len(data["workload"]["months"]) == 24
    assert data["shown"]["plan"].startswith("No hiring date")
    assert "hire_by" not in data and "timeline" not in data


def test_assess_text_and_markdown_report_the_timing() -> None:
    profile = str(ROOT / "examples" / "northwind-hire-now.yaml")
    for fmt, heading in (("text", "Timing (as of 1 December 2026):"), ("md", "## Timing")):
        out = io.StringIO()
        assert (
            cli.main(["assess", profile, "--format", fmt, "--as-of", "2026-12-01"], stdout=out) == 0
        )
        text = out.getvalue()
        assert heading in text and "Open the search today (1 December 2026)." in text
        assert "already past" not in text


# ---------------------------------------------------------------------------------------------
# The profile's inputs


def test_renewal_months_are_read_from_text_or_a_mapping_into_one_form(make_profile: Any) -> None:
    from_text = make_profile(renewals_by_month="2027-3:5, 2027-01:3")
    assert from_text.renewals_by_month == "2027-01:3 2027-03:5"
    text = "company: A\n" + profile_to_yaml(from_text).split("company:", 1)[1]
    assert profile_from_text(text).renewals_by_month == "2027-01:3 2027-03:5"
    mapping = profile_from_text(text.replace("2027-01:3 2027-03:5", "{2027-01: 3, 2027-03: 5}"))
    assert mapping.renewals_by_month == "2027-01:3 2027-03:5"
    linked = profile_from_query(profile_to_query(from_text))
    assert linked is not None and linked.renewals_by_month == from_text.renewals_by_month
    assert linked.renewal_hours_per_month == 16


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2027-13:3", "'2027-13' is not a month written YYYY-MM (e.g. 2027-01)"),
        ("2027-01:3 2027-1:2", "2027-1 is given twice"),
        ("2027-01:-2", "2027-01: -2 is negative; expected a count of 0 or more"),
        ("2027-01", "2027-01 has no number of renewals; write it as 2027-01:3"),
        (12, "expected months with their renewals, e.g. '2027-01:3 2027-02:1', got int"),
    ],
)
def test_bad_renewal_months_name_the_field(make_profile: Any, value: Any, message: str) -> None:
    with pytest.raises(ProfileError) as caught:
        make_profile(renewals_by_month=value)
    (problem,) = caught.value.problems
    assert problem.path == "renewals_by_month" and problem.message == message


def test_renewal_hours_above_a_month_of_hours_are_refused(make_profile: Any) -> None:
    with pytest.raises(ProfileError) as caught:
        make_profile(renewal_hours_per_month=800)
    assert caught.value.problems[0].path == "renewal_hours_per_month"
    assert "above the maximum of 744" in caught.value.problems[0].message


# ---------------------------------------------------------------------------------------------
# The pack's figures are validated like every other


def _pack_issues(tmp_path: Path, old: str, new: str) -> tuple[list[str], int]:
    folder = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", folder)
    bench = folder / "20-benchmarks.yaml"
    text = bench.read_text(encoding="utf-8")
    assert text.count(old) == 1
    bench.write_text(text.replace(old, new), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    with pytest.raises(RulePackError) as caught:
        load_pack(folder)
    return [str(problem) for problem in caught.value.problems], line


def test_a_bad_ramp_is_refused_at_its_line(tmp_path: Path) -> None:
    old = "    ramp_days:\n      value: 90\n"
    issues, line = _pack_issues(tmp_path, old, "    ramp_days:\n      value: ninety\n")
    where = f"{tmp_path / 'rules' / '20-benchmarks.yaml'}:{line + 1}"
    message = "'ninety' is not a whole number of days from 0 to 730"
    assert issues == [f"{where}: benchmarks › hiring.ramp_days.value: {message}"]


def test_hours_without_a_segment_are_refused(tmp_path: Path) -> None:
    old = "      by_segment: {smb: 4, mid_market: 8, enterprise: 16}\n"
    issues, line = _pack_issues(tmp_path, old, "      by_segment: {smb: 4, mid_market: 8}\n")
    assert len(issues) == 1  # the other benchmarks still load: no knock-on problem
    assert issues[0].endswith(
        "benchmarks › renewal_load.hours_per_renewal.by_segment.enterprise: required key is missing"
    )
    assert f"20-benchmarks.yaml:{line}:" in issues[0]


def test_an_effect_range_out_of_order_is_refused(tmp_path: Path) -> None:
    old = "    churn_reduction: {low: 0.15, expected: 0.3, high: 0.45}\n"
    issues, _ = _pack_issues(
        tmp_path, old, "    churn_reduction: {low: 0.5, expected: 0.3, high: 0.45}\n"
    )
    assert len(issues) == 1
    assert issues[0].endswith(
        "benchmarks › am_effect.churn_reduction: expected low ≤ expected ≤ high"
    )


def test_a_pack_without_the_hiring_figures_is_refused(tmp_path: Path) -> None:
    text = (ROOT / "rules" / "20-benchmarks.yaml").read_text(encoding="utf-8")
    issues, _ = _pack_issues(tmp_path, text[text.index("  hiring:") :], "")
    assert len(issues) == 1
    assert issues[0].endswith("benchmarks › hiring: required key is missing")
