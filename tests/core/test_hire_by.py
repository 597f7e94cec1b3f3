"""The hire-by date on hand-built calendars: renewals in given months, growth, capacity exceeded
in a given month, zone first or capacity first, already past, nothing within the horizon."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from advisor import cli
from advisor.economics import compute_economics
from advisor.hire_by import Driver, Status, compute_hire_by, month_start
from advisor.pack import RulePack, RulePackError, load_pack
from advisor.profile import (
    ProfileError,
    profile_from_query,
    profile_from_text,
    profile_to_query,
    profile_to_yaml,
)

ROOT = Path(__file__).resolve().parents[2]
LEAD = dt.timedelta(days=180)  # the shipped pack: 90 days recruiting + 90 days ramp-up


def test_the_pack_gives_hours_lead_time_and_ramp_with_sources(pack: RulePack) -> None:
    load = pack.renewal_load
    assert (load.hours_per_renewal.value, load.recruiting_lead_days.value) == (12, 90)
    assert load.ramp_days.value == 90
    assert "SalesDose" in load.hours_per_renewal.source  # the playbook's 90–120 days
    assert "proxy" in load.recruiting_lead_days.source
    assert "30-60-90 day onboarding plan" in load.ramp_days.source


def test_months_roll_over_years() -> None:
    assert month_start(dt.date(2026, 11, 20), 0) == dt.date(2026, 11, 1)
    assert month_start(dt.date(2026, 11, 20), 2) == dt.date(2027, 1, 1)
    assert month_start(dt.date(2026, 11, 20), 14) == dt.date(2028, 1, 1)


def test_renewals_fall_in_the_months_given_and_recur_yearly(
    make_profile: Any, pack: RulePack
) -> None:
    profile = make_profile(
        active_accounts=8, renewals_by_month="2027-01:3 2027-03:5", renewal_hours_per_month=100
    )
    hire_by = compute_hire_by(profile, pack, dt.date(2026, 12, 15), months=15)
    renewals = [round(m.renewals, 6) for m in hire_by.months]
    assert renewals == [0, 3, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0]
    assert [m.hours for m in hire_by.months[:4]] == [0, 36, 0, 60]
    assert hire_by.renewals_from == "calendar"
    assert "from the case's renewal dates" in hire_by.summary


def test_undated_accounts_and_growth_are_spread_evenly(make_profile: Any, pack: RulePack) -> None:
    # 12 accounts, 6 of them dated in March; 6 undated and 3 new a quarter renew a twelfth a month.
    profile = make_profile(
        active_accounts=12, accounts_added_per_quarter=3, renewals_by_month="2026-03:6"
    )
    hire_by = compute_hire_by(profile, pack, dt.date(2026, 1, 5), months=7)
    assert [m.active_accounts for m in hire_by.months] == [12, 12, 12, 15, 15, 15, 18]
    assert [round(m.renewals, 6) for m in hire_by.months] == [0.5, 0.5, 6.5, 0.75, 0.75, 0.75, 1]


def test_without_dates_renewals_are_spread_evenly_and_the_summary_says_so(
    make_profile: Any, pack: RulePack
) -> None:
    profile = make_profile(active_accounts=6, accounts_added_per_quarter=3)
    hire_by = compute_hire_by(profile, pack, dt.date(2026, 1, 5), months=6)
    # A twelfth of the book renews each month, 12 h each: one hour per account.
    assert [m.hours for m in hire_by.months] == [6, 6, 6, 9, 9, 9]
    assert hire_by.renewals_from == "even"
    assert "No renewal dates are given, so the renewals are spread evenly" in hire_by.summary


def test_capacity_exceeded_in_month_k_sets_the_date(make_profile: Any, pack: RulePack) -> None:
    # 5 accounts, far below the zone; two renewals in October need 24 h against 16.
    profile = make_profile(active_accounts=5, renewals_by_month="2026-07:1 2026-10:2 2026-12:2")
    hire_by = compute_hire_by(profile, pack, dt.date(2026, 1, 15))
    assert hire_by.status is Status.ON_TIME
    assert hire_by.driver is Driver.RENEWAL_CAPACITY
    assert hire_by.capacity_month is not None and hire_by.capacity_month.months_ahead == 9
    assert hire_by.reaches_on == dt.date(2026, 10, 1)
    assert hire_by.date == dt.date(2026, 4, 4) == dt.date(2026, 10, 1) - LEAD
    assert hire_by.zone_month is None
    assert hire_by.summary.startswith(
        "Hire by 4 April 2026. In Oct 2026 the renewals need 24 h against the 16 h a month"
    )


@pytest.mark.parametrize(
    ("founder_hours", "driver", "reaches_on"),
    [
        (16, Driver.HIRING_ZONE, dt.date(2026, 5, 1)),  # 15 accounts in May 2026: 15 h ≤ 16 h
        (5, Driver.RENEWAL_CAPACITY, dt.date(2025, 8, 1)),  # 6 accounts need 6 h > 5 h
    ],
)
def test_the_earlier_of_zone_and_capacity_decides(
    make_profile: Any,
    pack: RulePack,
    founder_hours: int,
    driver: Driver,
    reaches_on: dt.date,
) -> None:
    profile = make_profile(
        active_accounts=3, accounts_added_per_quarter=3, renewal_hours_per_month=founder_hours
    )
    hire_by = compute_hire_by(profile, pack, dt.date(2025, 5, 20))
    assert hire_by.zone_month is not None and hire_by.zone_month.month == dt.date(2026, 5, 1)
    assert (hire_by.driver, hire_by.reaches_on) == (driver, reaches_on)
    assert hire_by.date == reaches_on - LEAD
    assert hire_by.to_dict()["driver"] == driver.value


def test_a_book_already_in_the_zone_is_past_with_when_a_hire_today_carries_it(
    make_profile: Any, pack: RulePack
) -> None:
    as_of = dt.date(2026, 12, 1)
    hire_by = compute_hire_by(make_profile(active_accounts=22), pack, as_of)
    assert hire_by.status is Status.PAST
    assert hire_by.driver is Driver.HIRING_ZONE
    assert hire_by.reaches_on == as_of and hire_by.date == as_of - LEAD
    assert hire_by.productive_if_hired_now == dt.date(2027, 5, 30)
    assert hire_by.reason == (
        "The hire-by date passed 180 days ago: an AM recruited from today would carry the book "
        "from 30 May 2027, and until then the renewals need someone else's hours."
    )
    assert "(already past)" in hire_by.summary


def test_nothing_due_within_the_horizon_says_why(make_profile: Any, pack: RulePack) -> None:
    hire_by = compute_hire_by(make_profile(active_accounts=5), pack, dt.date(2026, 1, 1))
    assert hire_by.status is Status.NOT_WITHIN_HORIZON
    assert (hire_by.date, hire_by.driver, hire_by.reaches_on) == (None, None, None)
    assert hire_by.reason == (
        "Within 24 months the book (5 accounts by Dec 2027) stays below the hiring zone "
        "(15+ accounts), and the renewal workload peaks at 5 h in Jan 2026, within the 16 h a "
        "month the team can give."
    )
    assert hire_by.summary.startswith("No hire-by date within 24 months.")


def test_no_renewals_no_date(make_profile: Any, pack: RulePack) -> None:
    hire_by = compute_hire_by(make_profile(active_accounts=0), pack, dt.date(2026, 1, 1))
    assert hire_by.status is Status.NO_RENEWALS and hire_by.date is None
    assert "no active accounts and no pace of new accounts" in hire_by.reason


def test_with_a_team_the_next_am_and_its_capacity_come_from_the_capacity_model(
    make_profile: Any, pack: RulePack
) -> None:
    profile = make_profile(
        active_accounts=30, current_account_managers=1, accounts_added_per_quarter=6
    )
    economics = compute_economics(profile, pack)
    hire_by = compute_hire_by(profile, pack, dt.date(2026, 1, 10))
    assert hire_by.am_hours == economics.accounts_per_am * 12 / 12
    assert hire_by.capacity_hours == 16 + economics.accounts_per_am
    assert hire_by.zone_accounts == economics.next_am_due_at_accounts
    assert hire_by.driver is Driver.NEXT_AM_DUE
    assert hire_by.zone_month is not None
    assert hire_by.zone_month.active_accounts >= economics.next_am_due_at_accounts
    before = [m for m in hire_by.months if m.months_ahead < hire_by.zone_month.months_ahead]
    assert all(m.active_accounts < economics.next_am_due_at_accounts for m in before)


def test_a_team_that_already_needs_another_am_is_due_now(make_profile: Any, pack: RulePack) -> None:
    profile = make_profile(active_accounts=80, current_account_managers=1)
    assert compute_economics(profile, pack).additional_ams_needed > 0
    hire_by = compute_hire_by(profile, pack, dt.date(2026, 1, 10))
    assert (hire_by.driver, hire_by.reaches_on) == (Driver.NEXT_AM_DUE, dt.date(2026, 1, 10))
    assert hire_by.status is Status.PAST


def test_the_same_as_of_date_gives_the_same_result(make_profile: Any, pack: RulePack) -> None:
    profile = make_profile(active_accounts=9, accounts_added_per_quarter=2)
    first = compute_hire_by(profile, pack, dt.date(2026, 3, 3)).to_dict()
    assert compute_hire_by(profile, pack, dt.date(2026, 3, 3)).to_dict() == first


def test_assess_json_gives_hire_by_with_its_keys(tmp_path: Path) -> None:
    out = io.StringIO()
    code = cli.main(
        [
            "assess",
            str(ROOT / "examples" / "acorn-not-yet.yaml"),
            "--format",
            "json",
            "--as-of",
            "2026-12-01",
        ],
        stdout=out,
    )
    assert code == 0
    hire_by = json.loads(out.getvalue())["hire_by"]
    assert {"date", "driver", "reaches_on", "recruiting_days", "ramp_days"} <= set(hire_by)
    assert hire_by["date"] == "2027-06-04"
    assert hire_by["driver"] == "hiring_zone"
    assert hire_by["reaches_on"] == "2027-12-01"
    assert (hire_by["recruiting_days"], hire_by["ramp_days"]) == (90, 90)
    assert hire_by["status"] == "on_time" and len(hire_by["months"]) == 24


def test_assess_text_and_markdown_report_the_hire_by_date() -> None:
    profile = str(ROOT / "examples" / "acorn-not-yet.yaml")
    for fmt, heading in (("text", "Hire-by date:"), ("md", "## Hire-by date")):
        out = io.StringIO()
        assert (
            cli.main(["assess", profile, "--format", fmt, "--as-of", "2026-12-01"], stdout=out) == 0
        )
        text = out.getvalue()
        assert heading in text and "Hire by 4 June 2027." in text
        assert "2027-12-01" in text  # the AM carries the book from


def test_the_hire_by_zone_month_falls_in_the_timeline_zone_quarter(
    make_profile: Any, pack: RulePack
) -> None:
    from advisor.timeline import growth_timeline

    profile = make_profile(active_accounts=8, accounts_added_per_quarter=3)
    as_of = dt.date(2026, 11, 22)
    timeline = growth_timeline(profile, pack, as_of)
    hire_by = compute_hire_by(profile, pack, as_of)
    assert timeline is not None and timeline.zone_reached is not None
    assert hire_by.zone_month is not None
    assert hire_by.zone_month.active_accounts == timeline.zone_reached.active_accounts == 17
    assert hire_by.zone_month.months_ahead == 3 * timeline.zone_reached.quarters_ahead


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
    assert issues == [f"{where}: benchmarks › renewal_load.ramp_days.value: {message}"]


def test_hours_without_a_source_are_refused(tmp_path: Path) -> None:
    text = (ROOT / "rules" / "20-benchmarks.yaml").read_text(encoding="utf-8")
    start = text.index("    hours_per_renewal:")
    end = text.index("    recruiting_lead_days:")
    issues, line = _pack_issues(
        tmp_path, text[start:end], "    hours_per_renewal:\n      value: 12\n"
    )
    assert len(issues) == 1  # the other benchmarks still load: no knock-on problem
    assert issues[0].endswith(
        "benchmarks › renewal_load.hours_per_renewal.source: required key is missing"
    )
    assert f"20-benchmarks.yaml:{line + 1}:" in issues[0]


def test_a_pack_without_the_renewal_load_is_refused(tmp_path: Path) -> None:
    text = (ROOT / "rules" / "20-benchmarks.yaml").read_text(encoding="utf-8")
    issues, _ = _pack_issues(tmp_path, text[text.index("  renewal_load:") :], "")
    assert len(issues) == 1
    assert issues[0].endswith("benchmarks › renewal_load: required key is missing")
