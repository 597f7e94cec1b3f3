"""Partial mappings and odd values that used to give plausible wrong figures with exit code 0."""

from __future__ import annotations

import json
from datetime import date

import pytest
from portfolio_support import AS_OF, PACK, import_text, messages

from advisor.crm_import import (
    LAYOUTS,
    ImportOptions,
    import_accounts,
    parse_rates,
    status_category,
)
from advisor.crm_import.values import period_factors, quantities
from advisor.export.portfolio import render_json, render_markdown, render_text
from advisor.portfolio import diagnose


def test_period_start_and_end_in_two_columns_prior_year_arr_and_arr() -> None:
    imported = import_text(
        "Account,Prior Year ARR,ARR,Status\nOak,100,120,Customer\nPine,50,0,Churned\n"
    )
    assert (imported.mapping["arr_start"], imported.mapping["arr_end"]) == ("Prior Year ARR", "ARR")
    report = diagnose(imported, AS_OF, PACK)
    assert report.metric("nrr").value == pytest.approx(120 / 150)


def test_period_start_and_end_in_two_columns_arr_2024_and_arr_2025() -> None:
    imported = import_text("Account,ARR 2025,ARR 2024\nOak,120,100\nPine,0,50\n")
    assert (imported.mapping["arr_start"], imported.mapping["arr_end"]) == ("ARR 2024", "ARR 2025")
    assert imported.basis == "arr"


def _report_with(text: str, **options: object) -> object:
    imported = import_accounts(text.encode(), "t.csv", ImportOptions(**options))  # type: ignore[arg-type]
    return diagnose(imported, AS_OF, PACK)


def test_a_mapped_column_that_ends_up_unused_is_a_warning_in_every_format() -> None:
    text = "Account,ARR start,ARR end,Deal size\nOak,100,120,5\n"
    report = diagnose(
        import_accounts(
            text.encode(), "t.csv", ImportOptions(mapping={"Deal size": "contract_value"})
        ),
        AS_OF,
        PACK,
    )
    warning = (
        "column 'Deal size' is mapped to annual contract value, but with figures from ARR at "
        "period start and at period end it is not used"
    )
    assert report.column_warnings == [warning]
    assert warning in render_text(report)
    assert warning in render_markdown(report).replace("\\", "")
    assert json.loads(render_json(report))["column_warnings"] == [warning]


def test_a_detected_column_that_was_ignored_is_a_warning_in_every_format() -> None:
    report = diagnose(import_text("Account,ARR start,ARR end,MRR\nOak,100,120,10\n"), AS_OF, PACK)
    warning = (
        "column 'MRR' looks like an amount but is not used; if it holds what the account pays, "
        "map it (--map 'MRR=FIELD')"
    )
    assert report.column_warnings == [warning]
    assert warning in render_text(report)
    assert warning in render_markdown(report).replace("\\", "")
    assert json.loads(render_json(report))["column_warnings"] == [warning]


def test_a_churned_account_with_an_empty_start_value_is_churn_of_the_value_it_had() -> None:
    report = diagnose(
        import_text("Account,ARR start,ARR end,Status\nOak,100,100,Customer\nPine,,40,Churned\n"),
        AS_OF,
        PACK,
    )
    assert (report.cohort_accounts, report.churned_accounts) == (2, 1)
    assert report.bridge.churned == 40
    assert "counted as churn of the 40.00 it had" in messages(report.warnings)[0]


def test_a_churned_account_with_no_known_value_is_refused_by_row_not_dropped() -> None:
    report = diagnose(
        import_text(
            "Account,Amount,Status\nOak,100,Customer\nPine,0,Churned\nElm,,Churned\n",
            source="c.csv",
        ),
        AS_OF,
        PACK,
    )
    reasons = messages(report.excluded)
    assert reasons == [
        (
            "row 3 (Pine): status is churned and the contract value is 0: the ARR it had is "
            "unknown; fill in the value it paid before it left so its churn is counted"
        ),
        (
            "row 4 (Elm), column 'Amount': status is churned and the value is empty: the ARR it had "
            "is unknown; fill in the value it paid before it left so its churn is counted"
        ),
    ]
    assert not any("not a paying customer" in reason for reason in reasons)


def test_a_churned_account_with_both_arr_columns_empty_is_refused_saying_so() -> None:
    report = diagnose(
        import_text("Account,ARR start,ARR end,Status\nOak,100,100,Customer\nPine,,,Churned\n"),
        AS_OF,
        PACK,
    )
    assert messages(report.excluded) == [
        (
            "row 3 (Pine): status is churned but neither ARR column gives the ARR it had; fill in "
            "ARR at period start so its churn is counted"
        )
    ]


def test_money_without_a_symbol_takes_the_currency_column_then_the_case_currency() -> None:
    with_column = import_text("Account,ARR start,ARR end,Currency\nOak,100,120,GBP\n")
    assert (with_column.currency, with_column.currency_source) == (
        "GBP",
        "from the column 'Currency'",
    )
    without = import_text("Account,ARR start,ARR end\nOak,100,120\n", currency="CHF")
    assert (without.currency, without.currency_source) == (
        "CHF",
        "the case's currency (the file names none)",
    )


def test_mixed_currencies_are_refused_unless_rates_are_given() -> None:
    text = "Account,ARR start,ARR end,Currency\nOak,100,120,EUR\nPine,100,100,EUR\nElm,50,50,USD\n"
    refused = import_text(text)
    assert [issue.account for issue in refused.excluded] == ["Elm", "Elm"]
    converted = import_text(text, rates=parse_rates(["USD=0.9"]))
    assert converted.excluded == []
    assert converted.accounts["arr_end"].tolist() == [120, 100, 45]
    assert "amounts converted to EUR at the rates given: 1 USD = 0.9 EUR" in converted.notes


def test_the_report_shows_the_currency_it_used() -> None:
    report = diagnose(import_text("Account,ARR start,ARR end,Currency\nOak,1,2,GBP\n"), AS_OF, PACK)
    assert "Amounts in GBP (from the column 'Currency')" in render_text(report)
    assert "Amounts in GBP (from the column 'Currency')" in render_markdown(report).replace(
        "\\", ""
    )
    assert json.loads(render_json(report))["currency"] == "GBP"


def test_footer_lines_are_skipped_not_broken_rows_and_not_rows_read() -> None:
    text = (
        '"Account Name","ARR start","ARR end"\n"Oak","1","2"\n\n"Grand Totals (1 record)","1","2"\n'
        '"Confidential Information - Do Not Distribute"\n'
        '"Copyright (c) 2000-2025 salesforce.com, inc. All rights reserved."\n'
    )
    imported = import_text(text)
    assert imported.rows_read == 1
    assert imported.excluded == []
    assert [row for row, _ in imported.footer] == [4, 5, 6]


def test_an_account_named_total_is_not_a_footer() -> None:
    imported = import_text("Account,ARR start,ARR end\nOak,1,2\nTotal Ltd,3,4\n")
    assert imported.accounts["account"].tolist() == ["Oak", "Total Ltd"]
    assert imported.footer == []


def test_an_unknown_status_names_the_column_taken_and_the_others_that_could_be() -> None:
    imported = import_text(
        "Account,Amount,Type,Lifecycle\nOak,100,Paused,customer\nPine,50,Customer,customer\n"
    )
    message = messages(imported.excluded)[0]
    assert message.startswith(
        "row 2 (Oak), column 'Type': status 'Paused' (column 'Type' taken as the status) is not "
        "a word understood; assign it a meaning: --status 'Paused=open' (one of won, customer, "
        "active, lost, former customer, churned, open, prospect), or choose one under Status "
        "words on the Portfolio page — a customer: "
    )
    assert message.endswith("; other columns that could hold the status: 'Lifecycle'")


@pytest.mark.parametrize(
    ("layout", "word", "category"),
    [
        (name, word, category)
        for name, layout in sorted(LAYOUTS.items())
        for word, category in sorted(layout.vocabulary.items())
    ],
)
def test_every_status_word_of_every_layout(layout: str, word: str, category: str) -> None:
    assert status_category(word, LAYOUTS[layout].vocabulary) == category


@pytest.mark.parametrize(
    ("word", "category"),
    [
        ("past_due", "active"),
        ("unpaid", "active"),
        ("trialing", "prospect"),
        ("incomplete", "prospect"),
        ("canceled", "churned"),
        ("Closed Lost to Competition", "churned"),
        ("Negotiation/Review", "open"),
    ],
)
def test_customer_definitions_in_any_file(word: str, category: str) -> None:
    assert status_category(word) == category


def test_close_active_is_an_open_opportunity_not_a_customer() -> None:
    assert status_category("active", LAYOUTS["close-opportunities"].vocabulary) == "open"
    assert status_category("active", LAYOUTS["stripe-subscriptions"].vocabulary) == "active"


def test_billing_periods_annualise_and_one_time_is_refused() -> None:
    factors = period_factors(
        ["month", "Monthly", "quarter", "week", "year", "", "day", "once"], False
    )
    assert factors.values.tolist()[:7] == [12, 12, 4, 52, 1, 1, 365]
    assert factors.problems == {7: "'once' is a one-time amount, not recurring revenue"}
    assert period_factors(["monthly"], True).values.tolist() == [1]  # already annualised


def test_quantity_multiplies_and_a_bad_quantity_is_refused() -> None:
    counts = quantities(["3", "", "-1", "x", "250"])
    assert counts.values.tolist()[:2] == [3, 1]
    assert counts.values.tolist()[4] == 250  # more seats than a score's range
    assert counts.problems == {2: "quantity -1 is negative", 3: "quantity 'x' is not a number"}


def test_unknown_billing_period_is_refused_with_the_words_understood() -> None:
    imported = import_text("Account,Amount,Status,Interval\nOak,10,active,fortnight\n")
    assert "billing period 'fortnight' is not one of " in messages(imported.excluded)[0]


def test_rows_of_a_generic_deal_file_are_aggregated_when_a_close_date_is_mapped() -> None:
    imported = import_text(
        "Account,Amount,Stage,Close Date\nOak,100,Closed Won,2023-09-01\n"
        "Oak,120,Closed Won,2024-09-01\nPine,50,Closed Won,2023-10-01\n"
        "Pine,50,Closed Lost,2025-01-01\n"
    )
    assert imported.basis == "deals"
    report = diagnose(imported, date(2025, 6, 30), PACK)
    assert report.accounts_counted == 2
    assert report.metric("nrr").value == pytest.approx(120 / 150)


def test_footer_lines_of_an_xlsx_report_are_skipped_too() -> None:
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for record in (
        ("Account Name", "ARR start", "ARR end"),
        ("Oak", 1, 2),
        ("Pine", 3, 4),
        (),
        ("Grand Totals (2 records)", 4, 6),
        ("Confidential Information - Do Not Distribute",),
    ):
        sheet.append(record)
    data = io.BytesIO()
    book.save(data)
    imported = import_accounts(data.getvalue(), "report.xlsx")
    assert imported.rows_read == 2
    assert imported.footer == [
        (5, "Grand Totals (2 records) 4 6"),
        (6, "Confidential Information - Do Not Distribute"),
    ]
