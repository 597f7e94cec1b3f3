"""Each system's export as it really comes out, read without --map, with hand-computed figures.

Every fixture is read on the as-of date 2025-06-30, so the period starts on 2024-06-30. The
figures below are worked out by hand in each test's comment, account by account.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from portfolio_support import FIXTURES, PACK, figures, messages, report_of

from advisor.crm_import import (
    LAYOUTS,
    ExportError,
    ImportOptions,
    detect_layout,
    import_accounts,
)
from advisor.portfolio import PortfolioReport, diagnose

LAYOUT_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "layouts"
AS_OF = date(2025, 6, 30)


def report_for(name: str, **options: object) -> PortfolioReport:
    return report_of(FIXTURES / "layouts" / name, **options)


def by_account(report: PortfolioReport) -> dict[str, tuple[float, float]]:
    rows = report.frame[["account", "arr_start", "arr_end"]].itertuples(index=False)
    return {str(name): (float(start), float(end)) for name, start, end in rows}


def test_hubspot_companies_utf16_tab_export() -> None:
    # Oak 12,000 stays; Pine 8,000 left on 2025-02-01; Ash (Evangelist) 10,000 stays;
    # Birch joined 2025-01-15 (new); Elm is a lead; Maple left before the period.
    # S = 30,000, retained 22,000: NRR = GRR = 22/30, logo retention 2/3.
    report = report_for("hubspot_companies.txt")
    assert report.layout == "hubspot-companies"
    assert report.source_details.startswith("hubspot_companies.txt · UTF-16, tab")
    assert figures(report) == pytest.approx((22000 / 30000, 22000 / 30000, 2 / 3))
    assert report.new_accounts == 1
    assert (
        "column 'Annual Revenue' is not used: the company's own yearly revenue, not what it pays "
        "you"
    ) in report.column_warnings


def test_hubspot_deals_aggregate_renewals_upsells_losses_and_a_win_back() -> None:
    # Oak: won 10,000 (2023-09) runs at period start; renewal won 12,000 (2024-09) at its end.
    # Pine: won 8,000 (2023-11), renewal lost 2024-11: churn of 8,000.
    # Ash: renewal 20,000 (2024-03) at start, renewal 18,000 (2025-03) at end.
    # Birch: new 5,000 + upsell 1,000 = 6,000 new. Fir: lost in 2023, won back 9,000 in 2025:
    # reactivated. Elm: an open new-business deal only, not yet a customer.
    # S = 38,000; retained 12,000 + 18,000 = 30,000; kept before expansion 10,000 + 18,000.
    report = report_for("hubspot_deals.csv")
    assert report.basis == "deals"
    assert figures(report) == pytest.approx((30000 / 38000, 28000 / 38000, 2 / 3))
    assert by_account(report)["Birch GmbH"] == (0.0, 6000.0)
    assert (report.new_accounts, report.reactivated_accounts) == (1, 1)
    assert report.bridge.reactivated == 9000
    assert report.bridge.ending == 30000 + 6000 + 9000
    assert "13 deals read as 6 accounts" in " ".join(report.notes)


def test_the_close_date_of_a_won_renewal_is_not_the_next_renewal_date() -> None:
    report = report_for("hubspot_deals.csv")
    renewals = dict(zip(report.frame["account"], report.frame["renewal_date"], strict=True))
    # Oak's open renewal is expected on 2025-09-01; Ash's won renewal closed on 2025-03-01 is
    # when it was signed, so Ash has no renewal date.
    assert renewals["Oak Ltd"].date() == date(2025, 9, 1)
    assert str(renewals["Ash SA"]) == "NaT"


def test_salesforce_account_report_with_its_footer() -> None:
    # Dates M/D/YYYY (en_US), currency from "Annual Contract Value Currency".
    # Oak 12,000 and Ash 10,000 stay, Pine 8,000 left: NRR = GRR = 22/30, logo 2/3.
    report = report_for("salesforce_accounts_report.csv")
    assert report.layout == "salesforce-accounts"
    assert figures(report) == pytest.approx((22000 / 30000, 22000 / 30000, 2 / 3))
    assert report.currency == "USD"
    assert report.rows_read == 5  # the footer lines are not rows
    assert [text for _, text in report.footer] == [
        "Grand Totals (5 records) 36000",
        "Confidential Information - Do Not Distribute",
        "Copyright (c) 2000-2025 salesforce.com, inc. All rights reserved.",
    ]
    assert not any("fields" in issue.message for issue in report.excluded)


def test_salesforce_opportunities_refuse_mixed_currencies_without_a_rate() -> None:
    report = report_for("salesforce_opportunities_report.csv")
    assert messages(report.excluded)[0] == (
        "row 5 (Birch AG), column 'Amount': amount in USD while the report is in EUR; convert "
        "it first or give its rate (--rate USD=…, or Exchange rates on the Portfolio page)"
    )


def test_salesforce_opportunities_with_a_rate() -> None:
    # Oak 10,000 → 11,000 (renewal); Pine's renewal lost: 8,000 churned; Ash's renewal is open
    # and the file has no won deal: a customer at 15,000. Birch 5,000 USD × 0.9 = 4,500 new.
    # S = 33,000; retained 26,000; kept before expansion 25,000.
    report = report_for("salesforce_opportunities_report.csv", rates={"USD": 0.9})
    assert figures(report) == pytest.approx((26000 / 33000, 25000 / 33000, 2 / 3))
    assert report.bridge.new == pytest.approx(4500)
    assert report.currency == "EUR"


def test_pipedrive_organizations_cp1252_semicolons_and_year_columns() -> None:
    # ARR 2024 is the start, ARR 2025 the end. Müller 24,000 → 26,400, Café 12,000 → 0,
    # Øresund 18,000 → 15,000, Société Générale new. S = 54,000, retained 41,400,
    # kept before expansion 24,000 + 15,000 = 39,000.
    report = report_for("pipedrive_organizations.csv")
    assert report.mapping["arr_start"] == "Organization - ARR 2024"
    assert report.mapping["arr_end"] == "Organization - ARR 2025"
    assert figures(report) == pytest.approx((41400 / 54000, 39000 / 54000, 2 / 3))
    assert report.source_details.startswith("pipedrive_organizations.csv · Windows-1252, semicolon")
    renewals = dict(zip(report.frame["account"], report.frame["renewal_date"], strict=True))
    assert renewals["Øresund ApS"].date() == date(2025, 11, 30)  # DD.MM.YYYY


def test_pipedrive_deals() -> None:
    # Müller 20,000 (2023-09) → 22,000 (2024-09); Café 10,000 lost on 2025-01-15; Øresund new.
    report = report_for("pipedrive_deals.csv")
    assert report.layout == "pipedrive-deals"
    assert figures(report) == pytest.approx((22000 / 30000, 20000 / 30000, 1 / 2))


def test_zoho_deals_with_closed_lost_to_competition() -> None:
    # Oak 10,000 → 12,000; Pine lost to competition: 8,000 churned; Ash's open renewal 15,000;
    # Fir's first won deal is a renewal in the period: flat at 6,000. Birch new 4,000.
    # S = 39,000; retained 33,000; kept before expansion 31,000; 3 of 4 logos kept.
    report = report_for("zoho_deals.csv")
    assert report.layout == "zoho-deals"
    assert figures(report) == pytest.approx((33000 / 39000, 31000 / 39000, 3 / 4))
    assert "column 'Expected Revenue' is not used: amount × probability, a forecast" in (
        report.column_warnings
    )


def test_close_opportunities_in_cents() -> None:
    # annualized_value in cents: Oak 12,000 → 13,200, Ash 15,000 still runs (its open
    # opportunity is the renewal), Birch 6,000 new, Elm's one-time deal refused. Pine's one
    # deal was lost and none won: a prospect that said no, not a churned customer.
    # S = 27,000; Σ end = 28,200; Σ min = 27,000; 2 of 2 kept.
    report = report_for("close_opportunities.csv")
    assert report.currency == "USD"
    assert figures(report) == pytest.approx((28200 / 27000, 27000 / 27000, 2 / 2))
    excluded = messages(report.excluded)
    assert any("'one_time' is a one-time amount, not recurring revenue" in m for m in excluded)
    assert any(
        m.startswith("row 4 (Pine Ltd): its deals were lost and none was won") for m in excluded
    )


def test_close_value_in_cents_is_annualised_by_its_period() -> None:
    text = (
        "lead_id,lead_name,status_type,value,value_period,value_currency,user_name,date_won\n"
        "lead_a,Oak Ltd,won,100000,monthly,USD,Ann,2023-09-01\n"
        "lead_a,Oak Ltd,won,110000,monthly,USD,Ann,2024-09-01\n"
        "lead_b,Pine Ltd,won,300000,quarterly,USD,Bo,2024-01-01\n"
    )
    imported = import_accounts(text.encode(), "close.csv")
    report = diagnose(imported, AS_OF, PACK)
    # Oak 1,000 a month = 12,000 → 1,100 a month = 13,200; Pine 3,000 a quarter = 12,000, its
    # deal still runs (no renewal recorded yet).
    assert by_account(report) == {"Oak Ltd": (12000.0, 13200.0), "Pine Ltd": (12000.0, 12000.0)}


def test_stripe_subscriptions_quantity_interval_and_statuses() -> None:
    # Oak 10 seats × 50 a month = 6,000 (+ an add-on of 1,200 a year from 2025-01);
    # Pine 5 × 50 × 12 = 3,000, ended 2024-11-01: churn; Birch past_due 1,200 and Ash unpaid
    # 2,400 are customers; Elm trialing is not yet one; Fir came back (reactivated 1,200);
    # Maple 10 a week = 520 new. S = 12,600; retained 10,800; kept before expansion 9,600.
    report = report_for("stripe_subscriptions.csv")
    assert report.basis == "subscriptions"
    assert figures(report) == pytest.approx((10800 / 12600, 9600 / 12600, 3 / 4))
    assert by_account(report)["Oak Ltd"] == (6000.0, 7200.0)
    assert (report.new_accounts, report.reactivated_accounts) == (1, 1)
    assert report.bridge.new == pytest.approx(520)
    assert "status 'trialing' is not a customer" in messages(report.excluded)[0]


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_every_preset_reads_its_fixture_or_a_file_with_its_headers(name: str) -> None:
    layout = LAYOUTS[name]
    headers = [names[0] for names in layout.columns.values()]
    # A layout whose headers no documentation confirms is read under --preset only.
    expected = layout if layout.detect else None
    assert detect_layout([*layout.signature, *headers]).layout is expected


def test_preset_names_the_layout_when_detection_cannot_tell() -> None:
    # "Deal Name" + "Deal Stage" + "Deal Owner" + "Closing Date": HubSpot's or Zoho's?
    headers = ["Deal Name", "Deal Stage", "Deal Owner", "Closing Date"]
    match = detect_layout(headers)
    assert match.ambiguous
    assert {layout.name for layout in match.candidates} == {"hubspot-deals", "zoho-deals"}


def test_unknown_preset_is_refused_with_the_list() -> None:
    with pytest.raises(
        ExportError,
        match=r"unknown preset 'hubspot-deal' \(did you mean 'hubspot-deals'\?\); presets: ",
    ):
        import_accounts(b"a,b\n1,2\n", "x.csv", ImportOptions(preset="hubspot-deal"))


def test_hubspot_deals_saved_as_utf16_tab_separated_text() -> None:
    text = (LAYOUT_FIXTURES / "hubspot_deals.csv").read_text(encoding="utf-8-sig")
    data = "\ufeff".encode("utf-16-le") + text.replace(",", "\t").encode("utf-16-le")
    imported = import_accounts(data, "deals.txt")
    assert imported.layout == "hubspot-deals"
    assert imported.describe_source().startswith("deals.txt · UTF-16, tab")
    report = diagnose(imported, AS_OF, PACK)
    assert figures(report) == pytest.approx((30000 / 38000, 28000 / 38000, 2 / 3))


def test_reactivations_have_their_own_step_in_every_bridge() -> None:
    from advisor import charts
    from advisor.export.portfolio import render_json, render_markdown, render_text

    report = report_for("hubspot_deals.csv")
    figure = charts.arr_bridge_figure(report)
    assert list(figure.data[0].x) == [
        "Starting ARR",
        "Expansion",
        "Contraction",
        "Churn",
        "Retained ARR",
        "New accounts (1)",
        "Reactivated (1)",
        "Ending ARR",
    ]
    assert "+ Reactivated (1)" in render_text(report)
    assert "+ Reactivated (1)" in render_markdown(report)
    assert '"reactivated_arr": 9000.0' in render_json(report)
