"""Retention figures a CRM export used to give wrong with exit code 0, each read right or flagged.

Every file is read on the as-of date 2025-06-30, so the period starts on 2024-06-30. The
figures are worked out by hand from the definitions (S = Σ ARR at period start over the cohort;
NRR = Σ ARR at period end over the cohort ÷ S; GRR = Σ min(start, end) ÷ S; logo retention =
cohort accounts still customers ÷ cohort accounts), account by account in each test's comment.
"""

from __future__ import annotations

import io
import json

import pytest
from portfolio_support import FIXTURES, diagnose_text, figures, messages, report_of

from advisor import cli
from advisor.export.portfolio import render_json, render_markdown, render_text
from advisor.portfolio import PortfolioReport

RETENTION = FIXTURES / "retention"


def report_for(name: str, **options: object) -> PortfolioReport:
    return report_of(RETENTION / name, **options)


def in_every_format(report: PortfolioReport, phrase: str) -> None:
    """The phrase is in the text, the Markdown and the JSON report."""
    assert phrase in render_text(report)
    assert phrase in render_markdown(report).replace("\\", "")
    assert any(phrase in line for line in json.loads(render_json(report))["figure_warnings"])


def test_renewal_deals_won_in_the_period_are_not_new_accounts() -> None:
    # Close opportunities in the "Renewals" pipeline, amounts in cents (annualized_value):
    #   Oak    won renewal 2024-09-01  12,000: a customer before it, kept   start 12,000 end 12,000
    #   Pine   won renewal 2024-11-15   8,000: kept                         start  8,000 end  8,000
    #   Birch  won renewal 2025-02-01  15,000: kept                         start 15,000 end 15,000
    #   Cedar  won renewal 2025-04-10   4,000: kept                         start  4,000 end  4,000
    #   Elm    lost renewal             6,000: churned                      start  6,000 end      0
    #   Ash    open renewal            10,000: on its running contract      start 10,000 end 10,000
    #   Maple  won 2023-10-01 5,000 (pipeline Sales), renewed 2024-10-01 at 6,000
    #                                                                       start  5,000 end  6,000
    #   Fir    lost renewal             3,000: churned                      start  3,000 end      0
    # S = 63,000; Σ end = 55,000; Σ min = 54,000; 6 of 8 accounts kept; no new account.
    report = report_for("close_renewals.csv")
    assert report.layout == "close-opportunities"
    assert report.mapping["pipeline"] == "pipeline_name"
    assert (report.cohort_accounts, report.retained_accounts) == (8, 6)
    assert (report.new_accounts, report.reactivated_accounts) == (0, 0)
    assert figures(report) == pytest.approx((55_000 / 63_000, 54_000 / 63_000, 6 / 8))
    assert report.bridge.new == 0
    assert report.figure_warnings == []
    assert not any("joined during the period" in line for line in report.headlines())


def test_renewal_deals_read_without_their_pipeline_are_flagged_as_a_small_cohort() -> None:
    # The same file with the pipeline left out: nothing says the won deals renew, so only
    # Maple (won before the period) is in the cohort; the lost deals are no churn (no won deal,
    # no renewal), and 4 of the 5 accounts counted look new. The figure must carry a warning.
    report = report_for("close_renewals.csv", mapping={"pipeline_name": "ignore"})
    assert (report.cohort_accounts, report.accounts_counted, report.new_accounts) == (1, 5, 4)
    in_every_format(report, "only 1 of the 5 accounts counted was a customer on 2024-06-30")


def test_a_prospect_that_said_no_is_not_a_churned_customer() -> None:
    # HubSpot deals:
    #   Oak    won 2023-09-01 10,000 (new), won renewal 2024-09-01 12,000    start 10,000 end 12,000
    #   Pine   won 2023-11-15  8,000 (new), lost renewal 2024-11-15           start  8,000 end      0
    #   Birch  lost 2024-12-01 20,000, "New Business", never won: a prospect, not in the cohort
    #   Cedar  won 2025-01-10  5,000 (new business): a new account
    # S = 18,000; Σ end = 12,000; Σ min = 10,000; 1 of 2 kept.
    report = report_for("hubspot_deals_prospect.csv")
    assert report.layout == "hubspot-deals"
    assert (report.cohort_accounts, report.churned_accounts, report.new_accounts) == (2, 1, 1)
    assert report.bridge.churned == 8_000
    assert figures(report) == pytest.approx((12_000 / 18_000, 10_000 / 18_000, 1 / 2))
    assert messages(report.excluded) == [
        (
            "row 6 (Birch Inc): its deals were lost and none was won: a prospect that said no, "
            "not a churned customer; if a lost deal renewed a contract the file does not hold, "
            "map the column that says so to deal type or pipeline (--map 'COLUMN=deal_type')"
        )
    ]


def test_a_lost_renewal_with_no_won_deal_in_the_file_is_still_churn() -> None:
    # A renewal was made with a customer: losing it churns the account, whatever the file holds.
    report = diagnose_text(
        "Deal Name,Associated Company,Deal Stage,Close Date,Amount,Deal Type\n"
        "Oak - Renewal,Oak Ltd,Closed won,2024-09-01,1000,Existing Business\n"
        "Pine - Renewal,Pine Ltd,Closed lost,2024-11-15,500,Existing Business\n"
    )
    # Oak start 1,000 end 1,000; Pine start 500 end 0: S = 1,500; NRR = GRR = 1,000 / 1,500.
    assert (report.cohort_accounts, report.churned_accounts) == (2, 1)
    assert figures(report) == pytest.approx((1_000 / 1_500, 1_000 / 1_500, 1 / 2))


def test_salesforce_prior_year_arr_is_the_period_start() -> None:
    # Salesforce account report, "Prior Year ARR" (period start) next to "ARR" (period end):
    #   Oak    10,000 → 12,000   kept, expanded
    #   Pine    8,000 →      0   Former Customer: churned
    #   Birch   6,000 →  5,000   kept, contracted
    #   Ash         0 →  4,000   new (customer since 1/15/2025)
    #   Elm     Prospect, 0 → 0: not counted
    # S = 24,000; Σ end = 17,000; Σ min = 10,000 + 0 + 5,000 = 15,000; 2 of 3 kept.
    report = report_for("salesforce_prior_year_arr.csv")
    assert report.layout == "salesforce-accounts"
    assert (report.mapping["arr_start"], report.mapping["arr_end"]) == ("Prior Year ARR", "ARR")
    assert report.basis == "arr"
    assert figures(report) == pytest.approx((17_000 / 24_000, 15_000 / 24_000, 2 / 3))
    assert report.new_accounts == 1


def test_a_zero_or_above_200_percent_retention_is_flagged() -> None:
    # Both accounts of the cohort left: NRR = GRR = logo retention = 0.
    lost = diagnose_text("Account,ARR start,ARR end\nOak,100,0\nPine,50,0\n")
    assert figures(lost) == (0.0, 0.0, 0.0)
    in_every_format(
        lost,
        "Net revenue retention, Gross revenue retention and Logo retention are 0%: none of the 2 "
        "accounts active on 2024-06-30 kept any revenue",
    )
    in_every_format(lost, "Check that the columns read ('ARR start', 'ARR end') say who was")
    # Oak 100 → 350, Pine 100 → 250: NRR = 600 / 200 = 300%.
    tripled = diagnose_text("Account,ARR start,ARR end\nOak,100,350\nPine,100,250\n")
    assert tripled.metric("nrr").value == pytest.approx(3.0)
    in_every_format(tripled, "Net revenue retention is 300%: the 2 accounts active on 2024-06-30")
    in_every_format(tripled, "the period start's amounts ('ARR start') are a whole year's")
    # 100 → 210 and 100 → 190: NRR 200% exactly is not flagged, and neither is a usual book.
    doubled = diagnose_text("Account,ARR start,ARR end\nOak,100,210\nPine,100,190\n")
    assert doubled.metric("nrr").value == pytest.approx(2.0)
    assert doubled.figure_warnings == []


def test_a_small_starting_cohort_is_flagged() -> None:
    # 1 account active at the period start, 4 new: the cohort is 1 of 5 (20%, under a quarter).
    small = diagnose_text(
        "Account,ARR start,ARR end\nOak,100,110\nA,0,50\nB,0,50\nC,0,50\nD,0,50\n"
    )
    assert (small.cohort_accounts, small.accounts_counted) == (1, 5)
    in_every_format(
        small,
        "only 1 of the 5 accounts counted was a customer on 2024-06-30, the period start: NRR, "
        "GRR and logo retention are over this one alone",
    )
    # 1 of 4 is a quarter: not flagged.
    quarter = diagnose_text("Account,ARR start,ARR end\nOak,100,110\nA,0,50\nB,0,50\nC,0,50\n")
    assert quarter.figure_warnings == []


def test_diagnose_prints_the_figure_warnings_and_keeps_exit_code_0() -> None:
    out = io.StringIO()
    path = RETENTION / "close_renewals.csv"
    code = cli.main(
        ["diagnose", str(path), "--as-of", "2025-06-30", "--map", "pipeline_name=ignore"], out
    )
    assert code == 0
    assert "Figure warnings\n  only 1 of the 5 accounts counted was a customer" in out.getvalue()
