"""One case, one story: over random valid profiles (with and without a current team, with NRR
and GRR given or not), every statement about the hire agrees with every other.

- the timing keeps to what the date means for its verdict;
- the hours add up in one budget;
- the ARR at risk is what a given GRR says is lost, and expansion is NRR − GRR;
- the text report, the Markdown report and the JSON show the same figures with the same
  rounding (the brief and the app are held to the same presenter in their own tests).
"""

from __future__ import annotations

import datetime as dt
import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from profile_strategies import CASE_FIELDS, CASE_OPTIONAL
from profile_strategies import profiles as valid_profiles

from advisor import present, wording
from advisor.engine import Assessment, Verdict, evaluate
from advisor.export.assessment import render_markdown, render_text
from advisor.pack import load_pack
from advisor.profile import CompanyProfile
from advisor.textsafety import escape_markdown_inline

PACK = load_pack()
LEAD = dt.timedelta(days=PACK.hiring.lead_days)
profiles = valid_profiles(
    fields=CASE_FIELDS,
    optional={
        **CASE_OPTIONAL,
        "renewal_hours_per_month": st.integers(min_value=0, max_value=80),
    },
    without=("am_fully_loaded_cost", "logo_retention", "contraction_rate", "nps"),
)
dates = st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2030, 12, 31))


def check_timing(assessment: Assessment) -> None:
    plan, team, as_of = assessment.plan, assessment.team, assessment.as_of
    assert plan is not None and team is not None and as_of is not None
    assert plan.as_of == as_of and plan.verdict == assessment.verdict.value
    if assessment.verdict is Verdict.HIRE_NOW:
        assert plan.search_opens_on == as_of == plan.needed_from
        assert plan.carries_from == as_of + LEAD
        assert plan.gap is not None and plan.gap.carries_from == plan.carries_from
        assert team.hires and team.hires[0].search_opens_on == as_of
    elif assessment.verdict is Verdict.PREPARE:
        assert plan.gap is None
        if plan.search_opens_on is None:
            assert plan.reassess_on is not None and not team.hires
        else:
            assert plan.search_opens_on >= as_of
            assert plan.turns_hire_now_on is not None
            assert plan.search_opens_on == max(as_of, plan.turns_hire_now_on - LEAD)
            growth = assessment.growth
            assert growth is not None
            turned = [q for q in growth.quarters if q.verdict == "hire_now"]
            assert turned and turned[0].start == plan.turns_hire_now_on
            assert team.hires and team.hires[0].search_opens_on == plan.search_opens_on
    elif assessment.verdict is Verdict.NOT_YET:
        assert plan.search_opens_on is None and plan.gap is None and not team.hires
        assert plan.reassess_on is not None and plan.reassess_on > as_of
    else:
        assert (plan.search_opens_on, plan.starts_on, plan.carries_from) == (None, None, None)
        assert plan.reassess_on == as_of + dt.timedelta(days=PACK.hiring.delivery_fix_days.value)
        assert plan.after_fix is not None and plan.after_fix != "fix_delivery_first"
        assert not team.hires
    # Hires come in order, each within the horizon and never before today.
    numbers = [hire.number for hire in team.hires if hire.role == "am"]
    assert numbers == list(range(team.current + 1, team.current + 1 + len(numbers)))
    assert all(hire.search_opens_on >= as_of for hire in team.hires)


def check_hours(assessment: Assessment) -> None:
    econ = assessment.economics
    profile = assessment.profile
    count = econ.recommended_am_count
    assert econ.client_hours == pytest.approx(econ.cadence_hours + econ.renewal_hours)
    if profile.active_accounts:
        assert count * econ.accounts_per_am >= profile.active_accounts
        assert count * econ.client_hours_per_am >= econ.client_hours - 1e-6
        # One AM fewer could not carry the book's hours or accounts.
        fewer = count - 1
        assert (
            fewer * econ.client_hours_per_am < econ.client_hours - 1e-6
            or fewer * econ.book_size_high < profile.active_accounts
        )
    text = present.hours_sentence(econ)
    who = "one AM's" if count <= 1 else f"{count} AMs'"
    assert who in text


def check_retention(assessment: Assessment) -> None:
    econ, profile = assessment.economics, assessment.profile
    if profile.grr is not None:
        assert econ.arr_at_risk == pytest.approx(econ.total_arr * (1 - profile.grr))
        assert econ.arr_at_risk_basis == "grr"
    else:
        assert econ.arr_at_risk == pytest.approx(econ.total_arr * profile.logo_churn_rate)
    if profile.nrr is not None and profile.grr is not None:
        assert econ.expansion_measured == pytest.approx(profile.nrr - profile.grr)
    else:
        assert econ.expansion_measured is None


def check_one_rounding(assessment: Assessment) -> None:
    text, markdown = render_text(assessment), render_markdown(assessment)
    shown = json.loads(json.dumps(present.shown(assessment), ensure_ascii=False))
    for found in present.economics_lines(assessment):
        assert found.text in text, found.key
        assert escape_markdown_inline(found.text) in markdown, found.key
        assert shown[found.key] == found.text
    assert present.plan_summary(assessment) in text
    payback = assessment.economics.payback_months
    if payback is not None and not math.isinf(payback) and 1 <= round(payback) <= 120:
        # A pay band adds the payback at its low and high cost in parentheses.
        assert shown["payback"].split(" (")[0] == wording.plural(round(payback), "month")
        band = assessment.economics.am_cost_low is not None and assessment.economics.payback.hires
        assert shown["payback"].endswith("at its high)") == bool(band)


@settings(max_examples=120, deadline=None)
@given(profiles, dates)
def test_one_case_one_story(profile: CompanyProfile, as_of: dt.date) -> None:
    assessment = evaluate(profile, PACK, as_of=as_of)
    check_timing(assessment)
    check_hours(assessment)
    check_retention(assessment)
    check_one_rounding(assessment)
    json.dumps(assessment.to_dict(), allow_nan=False)
