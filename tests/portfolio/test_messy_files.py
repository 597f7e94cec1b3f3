"""One fixture file per messy case a real CRM export brings, each with its row-level message."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from portfolio_support import PACK, import_text, messages

from advisor.crm_import import (
    AccountsImport,
    ExportError,
    ImportLimits,
    ImportOptions,
    import_accounts_file,
    understood_words,
)
from advisor.portfolio import diagnose

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def load(name: str, **options: object) -> AccountsImport:
    return import_accounts_file(FIXTURES / name, ImportOptions(**options))  # type: ignore[arg-type]


def refused(name: str, **options: object) -> str:
    with pytest.raises(ExportError) as caught:
        load(name, **options)
    return str(caught.value)


def names(imported: AccountsImport) -> list[str]:
    return [str(n) for n in imported.accounts["account"].tolist()]


def values(imported: AccountsImport, column: str) -> list[float]:
    return [float(v) for v in imported.accounts[column].tolist()]


# --- Encodings ------------------------------------------------------------------------------


def test_utf8_with_bom_reads_the_first_header_cleanly() -> None:
    imported = load("utf8_bom.csv")
    assert imported.encoding == "UTF-8 with BOM"
    assert imported.mapping["account"] == "Company name"  # not "\ufeffCompany name"
    assert names(imported) == ["Åkerberg Möbel AB", "Zürich Bau AG"]


def test_windows_1252_is_detected() -> None:
    imported = load("cp1252.csv")
    assert imported.encoding == "Windows-1252"
    assert names(imported) == ["Société Générale Services", "Café Noir SARL"]
    assert values(imported, "arr_end") == [1200.5, 0.0]
    assert imported.currency == "EUR"


def test_utf16_with_bom_and_tabs() -> None:
    imported = load("utf16.csv")
    assert (imported.encoding, imported.delimiter) == ("UTF-16", "\t")
    assert names(imported) == ["Åkerberg Möbel AB", "Nordlys AS"]


def test_utf16_without_bom_is_detected_from_its_zero_bytes() -> None:
    imported = load("utf16_no_bom.csv")
    assert imported.encoding == "UTF-16 LE"
    assert values(imported, "arr_end") == [1100.0, 2500.0]


def test_undecodable_bytes_are_refused_naming_the_byte() -> None:
    assert refused("undecodable.csv") == (
        "undecodable.csv: the file is neither UTF-8, UTF-16 nor Windows-1252 text: byte 0x81 "
        "at position 36 cannot be read; save it as UTF-8 CSV"
    )


def test_a_declared_encoding_that_does_not_fit_is_refused() -> None:
    assert "is not valid utf-8: byte 0xe9" in refused("cp1252.csv", encoding="utf-8")


def test_binary_data_is_refused() -> None:
    assert refused("binary.csv") == (
        "binary.csv: the file holds binary data (zero bytes), not CSV text; export the accounts "
        "as CSV or XLSX"
    )


def test_legacy_xls_is_refused() -> None:
    assert refused("legacy.xls") == (
        "legacy.xls: this is an old Excel .xls file; save it as .xlsx or CSV and try again"
    )


# --- Delimiters and locales -----------------------------------------------------------------


def test_semicolons_decimal_commas_and_currency_signs() -> None:
    imported = load("semicolon_euro.csv")
    assert (imported.delimiter, imported.decimal, imported.decimal_detected) == (";", ",", True)
    assert values(imported, "arr_start") == [12000.5, 8000.0, 950.0]
    assert values(imported, "arr_end") == [13500.0, 7200.0, 0.0]
    assert imported.currency == "EUR"
    assert imported.excluded == []


def test_tab_delimited() -> None:
    imported = load("tab_delimited.tsv")
    assert imported.delimiter == "\t"
    assert imported.mapping["owner"] == "Account owner"
    assert imported.accounts["owner"].tolist() == ["Ann Lee", "Bo Chan"]


def test_ambiguous_amounts_are_refused_by_row() -> None:
    imported = load("ambiguous_amounts.csv")
    assert names(imported) == ["Pine Ltd"]
    assert messages(imported.excluded) == [
        (
            "row 2 (Oak Ltd), column 'ARR start': '12.500' is ambiguous: 12,500 or 12.5? Nothing "
            "in the file decides the decimal mark; declare it (decimal , or .)"
        ),
        (
            "row 2 (Oak Ltd), column 'ARR end': '13.000' is ambiguous: 13,000 or 13? Nothing in "
            "the file decides the decimal mark; declare it (decimal , or .)"
        ),
    ]


def test_a_declared_decimal_mark_resolves_ambiguous_amounts() -> None:
    imported = load("ambiguous_amounts.csv", decimal=",")
    assert values(imported, "arr_start") == [12500.0, 8000.0]
    assert imported.excluded == []


def test_minority_decimal_mark_is_refused_by_row() -> None:
    imported = load("mixed_decimal_marks.csv")
    assert imported.decimal == "."
    assert values(imported, "arr_start") == [1234.5, 800.25]
    assert messages(imported.excluded)[0] == (
        "row 4 (Elm Ltd), column 'ARR start': '1.234,50' uses a decimal comma, but this file's "
        "amounts use a decimal point"
    )


def test_other_currency_is_refused_by_row() -> None:
    imported = load("foreign_currency.csv")
    assert names(imported) == ["Oak Ltd", "Pine Ltd"]
    assert messages(imported.excluded) == [
        (
            "row 4 (Elm Ltd), column 'ARR start': amount in USD while the report is in EUR; "
            "convert it first or give its rate (--rate USD=…, or Exchange rates on the Portfolio "
            "page)"
        ),
        (
            "row 4 (Elm Ltd), column 'ARR end': amount in USD while the report is in EUR; "
            "convert it first or give its rate (--rate USD=…, or Exchange rates on the Portfolio "
            "page)"
        ),
    ]


# --- Text and dates -------------------------------------------------------------------------


def test_names_that_look_like_missing_values_stay_text() -> None:
    imported = load("na_null_names.csv")
    assert names(imported) == ["NA", "null", "None", "N/A", "nan"]
    assert imported.excluded == []


def test_day_first_dates_are_read_when_a_day_above_12_proves_it() -> None:
    imported = load("day_first_dates.csv")
    assert names(imported) == ["Oak Ltd", "Pine Ltd"]
    assert imported.warnings == []
    dates = [d.date() for d in imported.accounts["renewal_date"].tolist()]
    assert dates == [date(2025, 7, 31), date(2025, 8, 15)]
    assert "dates read as %d/%m/%Y (from the values and the file's layout)" in imported.notes


def test_slash_dates_nothing_decides_are_set_aside_with_a_hint() -> None:
    imported = import_text("Company name,ARR start,ARR end,Renewal date\nOak Ltd,1,1,03/07/2025\n")
    assert messages(imported.warnings) == [
        (
            "row 2 (Oak Ltd), column 'Renewal date': '03/07/2025' is not a date in the format "
            "YYYY-MM-DD (declare the date format, e.g. %d/%m/%Y or %m/%d/%Y); the account is "
            "counted but left out of the renewals calendar"
        )
    ]


def test_a_declared_date_format_reads_day_first_dates() -> None:
    imported = load("day_first_dates.csv", date_format="%d/%m/%Y")
    dates = [d.date() for d in imported.accounts["renewal_date"].tolist()]
    assert dates == [date(2025, 7, 31), date(2025, 8, 15)]  # ISO stays readable
    assert imported.warnings == []


def test_a_date_that_fits_neither_the_declared_format_nor_iso() -> None:
    imported = load("day_first_dates.csv", date_format="%m/%d/%Y")
    assert messages(imported.warnings) == [
        (
            "row 2 (Oak Ltd), column 'Renewal date': '31/07/2025' is not a date in the declared "
            "format %m/%d/%Y (or YYYY-MM-DD); the account is counted but left out of the renewals "
            "calendar"
        )
    ]


def test_quoted_line_breaks_stay_inside_one_row() -> None:
    imported = load("quoted_newlines.csv")
    assert names(imported) == ["Oak Holdings Ltd"]
    # Row numbers count records as a spreadsheet shows them, not physical lines.
    assert messages(imported.excluded) == [
        "row 3 (Pine Ltd), column 'ARR start': 'x' is not an amount"
    ]


# --- Rows -----------------------------------------------------------------------------------


def test_ragged_rows_are_listed_with_row_numbers() -> None:
    imported = load("ragged_rows.csv")
    assert names(imported) == ["Oak Ltd", "Ash Ltd"]  # a trailing empty cell is harmless
    assert messages(imported.excluded) == [
        "row 3 (Pine): row has 4 fields, the header has 3 (an unquoted comma inside a value?)",
        (
            "row 4 (Elm Ltd): row has 2 fields, the header has 3 (a value cut short or a line "
            "break inside an unquoted value?)"
        ),
    ]


def test_blank_lines_are_listed_but_trailing_ones_are_not() -> None:
    imported = load("blank_lines.csv")
    assert names(imported) == ["Oak Ltd", "Pine Ltd"]
    assert messages(imported.excluded) == ["row 3: empty row"]
    assert imported.excluded_rows == 0  # an empty line is not an account left out


def test_duplicate_headers_are_never_mapped_automatically() -> None:
    message = refused("duplicate_headers.csv")
    assert message.endswith(
        "columns sharing a name are never mapped automatically, map one by hand: 'ARR', 'ARR (2)'"
    )
    imported = load("duplicate_headers.csv", mapping={"ARR": "arr_start", "ARR (2)": "arr_end"})
    assert values(imported, "arr_end") == [1100.0, 1900.0]
    assert imported.notes[0] == (
        "columns 2 and 3 are both named 'ARR'; the second is shown as 'ARR (2)' and neither is "
        "mapped automatically"
    )


def test_duplicate_accounts_by_name_ignore_case_and_spacing() -> None:
    imported = load("duplicate_accounts.csv")
    assert names(imported) == ["Oak Ltd", "Pine Ltd"]
    assert messages(imported.excluded) == [
        (
            "row 4 (oak ltd), column 'Company name': duplicate of row 2 (same account name); only "
            "the first row is counted"
        )
    ]


def test_duplicate_accounts_by_id_when_an_id_is_mapped() -> None:
    imported = load("duplicate_ids.csv")
    assert names(imported) == ["Oak Ltd", "Oak Ltd"]  # two IDs: two accounts, same name
    assert messages(imported.excluded) == [
        (
            "row 4 (Oak Limited), column 'Record ID': duplicate of row 2 (same account ID '101'); "
            "only the first row is counted"
        )
    ]


def test_negative_arr_in_every_notation_is_refused() -> None:
    imported = load("negative_arr.csv")
    assert names(imported) == ["Ash Ltd"]
    assert messages(imported.excluded) == [
        (
            "row 2 (Oak Ltd), column 'ARR end': negative ARR at period end: -1.200,00; an "
            "account's ARR is 0 or more"
        ),
        (
            "row 3 (Pine Ltd), column 'ARR start': negative ARR at period start: (1.200,00); an "
            "account's ARR is 0 or more"
        ),
        (
            "row 4 (Elm Ltd), column 'ARR end': negative ARR at period end: 2.000,00-; an "
            "account's ARR is 0 or more"
        ),
    ]


def test_empty_account_names_are_refused() -> None:
    imported = load("empty_names.csv")
    assert messages(imported.excluded) == [
        "row 3, column 'Company name': account name is empty",
        "row 4, column 'Company name': account name is empty",
    ]


def test_contract_value_and_status_with_unknown_statuses() -> None:
    imported = load("status_contract_value.csv")
    assert imported.basis == "contract"
    assert messages(imported.excluded) == [
        "row 4 (Elm Ltd), column 'Type': status 'Prospect' is not a customer",
        "row 5 (Ash Ltd), column 'Type': status 'Paused' (column 'Type' taken as the status) is "
        "not a word understood; assign it a meaning: --status 'Paused=open' (one of won, "
        "customer, active, lost, former customer, churned, open, prospect), or choose one under "
        "Status words on the Portfolio page — "
        + understood_words(None)
        + "; no other column looks like a status",
    ]
    report = diagnose(imported, date(2025, 6, 30), PACK)
    # Oak stays, Pine left, Birch joined in the period (customer since 2025-02-01).
    assert (report.cohort_accounts, report.retained_accounts, report.new_accounts) == (2, 1, 1)
    assert report.metric("nrr").value == pytest.approx(12000 / 20000)
    assert report.metric("contraction_rate").value is None
    assert report.metric("contraction_rate").reason == (
        "needs ARR at period start and at period end"
    )


# --- Sizes and XLSX -------------------------------------------------------------------------


def test_too_many_columns_are_refused_before_parsing() -> None:
    assert refused("many_columns.csv") == (
        "many_columns.csv, row 1: the header has 253 columns; the limit is 200"
    )


def test_row_and_byte_limits_are_checked_before_parsing() -> None:
    small = ImportLimits(max_rows=1)
    assert refused("tab_delimited.tsv", limits=small) == (
        "tab_delimited.tsv: the file has more than 1 accounts"
    )
    tiny = ImportLimits(max_bytes=10)
    size = (FIXTURES / "tab_delimited.tsv").stat().st_size
    assert refused("tab_delimited.tsv", limits=tiny) == (
        f"tab_delimited.tsv: the file is {size:,} bytes; the limit is 10"
    )


def test_xlsx_formulas_are_never_evaluated() -> None:
    imported = load("formula.xlsx")
    assert imported.file_format == "xlsx"
    assert names(imported) == ["Oak Ltd", "Elm Ltd"]
    assert values(imported, "arr_end") == [1100.5, 3100.0]
    assert values(imported, "arr_start") == [1000.0, 3000.0]  # "3.000,00" typed as text
    assert messages(imported.excluded) == [
        (
            "row 3 (Pine Ltd), column 'ARR end': cell holds a formula (=B3*1.1); formulas are not "
            "evaluated: paste values instead"
        ),
        (
            "row 5 (=HYPERLINK(\"http://x\")), column 'Company name': cell holds a formula; paste "
            "values"
        ),
    ]
    assert messages(imported.warnings) == [
        (
            "row 4 (Elm Ltd), column 'Renewal date': 45900 is a number, not a date; format the "
            "column as dates; the account is counted but left out of the renewals calendar"
        )
    ]
    assert imported.accounts["renewal_date"].iloc[0].date() == date(2025, 9, 1)


def test_xlsx_sheet_by_name() -> None:
    assert refused("formula.xlsx", sheet="Missing") == (
        "formula.xlsx: no sheet named 'Missing'; sheets: Accounts, Notes"
    )


# --- Familiar CRM headers -------------------------------------------------------------------


def test_hubspot_company_export_headers() -> None:
    imported = load("hubspot_companies.csv")
    assert imported.mapping == {
        "account": "Company name",
        "account_id": "Record ID",
        "contract_value": "Amount",
        "status": "Lifecycle Stage",
        "owner": "Company owner",
    }
    assert imported.layout == "hubspot-companies"
    assert "Annual Revenue" in imported.unused_columns  # the client's revenue, not the contract


def test_salesforce_account_export_headers() -> None:
    imported = load("salesforce_accounts.csv")
    assert imported.mapping == {
        "account": "Account Name",
        "account_id": "Account ID",
        "contract_value": "Annual Contract Value",
        "status": "Type",
        "renewal_date": "Contract End Date",
        "owner": "Account Owner",
        "segment": "Segment",
        "start_date": "Customer Since",
    }
    assert imported.accounts["status"].tolist() == ["active", "churned"]
