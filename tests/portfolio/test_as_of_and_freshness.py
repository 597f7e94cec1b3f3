"""The as-of date proposed from a file's latest date, and figures older than a quarter flagged.

An export whose data ends a year ago read "as of today" makes a year of nothing look like a
year of churn and renewals overdue; figures carried into a profile a year late describe the
portfolio as it was. Dates and expected results here are worked out by hand.
"""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from portfolio_support import PACK, import_text

from advisor import cli
from advisor.export.portfolio import render_json, render_markdown, render_text
from advisor.portfolio import STALE_AFTER_DAYS, diagnose, proposed_as_of, stale_figures_warning

DEALS = """\
Deal Name,Associated Company,Deal Stage,Close Date,Amount,Deal Type
Oak 2023,Oak Ltd,Closed won,2023-05-02,10000,New business
Oak 2024,Oak Ltd,Closed won,2024-05-02,12000,Renewal
Pine 2023,Pine Ltd,Closed won,2023-03-15,8000,New business
Pine 2024,Pine Ltd,Closed lost,2024-03-15,8000,Renewal
Birch 2025,Birch Inc,Proposal,2025-11-30,5000,New business
"""
# The won and lost deals close on or before 2024-05-02; Birch's open deal is only expected
# to close on 2025-11-30, so it says nothing about when the export was taken.
LATEST_DEAL = date(2024, 5, 2)

ACCOUNTS = """\
Company,ARR 2023,ARR 2024,Customer since,Churn date,Renewal date
Oak Ltd,10000,12000,2021-04-01,,2025-04-01
Pine Ltd,8000,0,2020-01-15,2024-02-29,
Ash Ltd,0,3000,2024-01-10,,2025-01-10
"""
# Starts and churn dates reach 2024-02-29; the renewal dates (2025) look ahead.
LATEST_ACCOUNT = date(2024, 2, 29)


def test_as_of_defaults_to_the_files_latest_date_not_today() -> None:
    assert import_text(DEALS).latest_date == LATEST_DEAL
    assert import_text(ACCOUNTS).latest_date == LATEST_ACCOUNT
    today = date(2025, 12, 6)
    proposal = proposed_as_of(LATEST_DEAL, today)
    assert proposal.day == LATEST_DEAL
    assert proposal.reason.startswith("the latest date in the file's rows (start, end and")


def test_as_of_is_today_when_the_file_has_no_date_or_only_later_ones() -> None:
    text = "Company,ARR 2023,ARR 2024\nOak Ltd,10000,12000\n"
    assert import_text(text).latest_date is None
    today = date(2025, 12, 6)
    assert proposed_as_of(None, today).day == today
    assert "hold no start, end or close date" in proposed_as_of(None, today).reason
    later = proposed_as_of(date(2026, 1, 1), today)
    assert later.day == today
    assert "(2026-01-01) is later" in later.reason


@pytest.mark.parametrize(
    ("days", "stale"), [(0, False), (STALE_AFTER_DAYS, False), (STALE_AFTER_DAYS + 1, True)]
)
def test_figures_older_than_a_quarter_are_stale(days: int, stale: bool) -> None:
    as_of = date(2025, 1, 1)
    today = date.fromordinal(as_of.toordinal() + days)
    assert bool(stale_figures_warning(as_of, today)) is stale


STALE = (
    "The figures end on 2024-05-02, 583 days before 2025-12-06: older than a quarter. Carried "
    "into the profile they describe the portfolio as it was then"
)


def test_stale_figures_are_warned_in_text_markdown_and_json() -> None:
    # 2024-05-02 → 2025-12-06: 243 days to the end of 2024, then 340 days of 2025 = 583 days.
    report = diagnose(import_text(DEALS), LATEST_DEAL, PACK, today=date(2025, 12, 6))
    assert len(report.period_warnings) == 1
    assert report.period_warnings[0].startswith(STALE)
    text = render_text(report)
    assert "\nHow recent the figures are\n  " + STALE in text
    markdown = render_markdown(report)
    assert "## How recent the figures are\n\n- " + STALE in markdown
    assert json.loads(render_json(report))["period_warnings"] == report.period_warnings


def test_recent_figures_carry_no_warning_in_any_format() -> None:
    report = diagnose(import_text(DEALS), LATEST_DEAL, PACK, today=date(2024, 6, 30))
    assert report.period_warnings == []
    assert "How recent the figures are" not in render_text(report) + render_markdown(report)
    assert json.loads(render_json(report))["period_warnings"] == []


def test_diagnose_without_as_of_ends_the_period_on_the_files_latest_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "deals.csv"
    export.write_text(DEALS, encoding="utf-8")
    out = io.StringIO()
    assert cli.main(["diagnose", str(export), "--format", "json"], out) == 0
    data = json.loads(out.getvalue())
    assert (data["as_of"], data["period_start"]) == ("2024-05-02", "2023-05-02")
    said = "no --as-of given: the period ends on 2024-05-02, the latest date in the file's rows"
    assert data["notes"][0].startswith(said)
    assert said in capsys.readouterr().err
    assert data["period_warnings"][0].startswith("The figures end on 2024-05-02, ")
    # Oak renewed 10,000 → 12,000 on the as-of date; Pine was lost: NRR 12/18, logos 1/2.
    nrr = next(m for m in data["metrics"] if m["name"] == "nrr")
    assert nrr["value"] == pytest.approx(12000 / 18000, abs=1e-6)
