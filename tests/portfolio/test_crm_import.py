"""The reader's parts: mapping detection, overrides, amounts, statuses, limits."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook
from portfolio_support import import_bytes, import_text, messages

from advisor.crm_import import (
    IGNORE,
    ExportError,
    ImportLimits,
    ImportOptions,
    apply_overrides,
    decode_bytes,
    detect_delimiter,
    detect_mapping,
    normalise_header,
    parse_overrides,
    read_export,
    status_category,
)


def test_header_keys_ignore_case_spacing_punctuation_and_currency() -> None:
    assert normalise_header("  Company_Name ") == "companyname"
    assert normalise_header("ARR (EUR)") == "arr"
    assert normalise_header("Account.Name") == "accountname"
    assert normalise_header("CloseDate") == "closedate"


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (
            ["Company name", "ARR start", "ARR end"],
            {"account": "Company name", "arr_start": "ARR start", "arr_end": "ARR end"},
        ),
        (
            ["ACCOUNT_NAME", "Starting ARR", "Ending ARR", "Renewal Date", "Owner"],
            {
                "account": "ACCOUNT_NAME",
                "arr_start": "Starting ARR",
                "arr_end": "Ending ARR",
                "renewal_date": "Renewal Date",
                "owner": "Owner",
            },
        ),
        (
            # A single ARR column next to a status is the current contract value.
            ["Name", "ARR", "Status"],
            {"account": "Name", "contract_value": "ARR", "status": "Status"},
        ),
        (
            # The most specific header wins: "Account name" over "Name".
            ["Name", "Account name", "ARR 12 months ago", "Current ARR"],
            {
                "account": "Account name",
                "arr_start": "ARR 12 months ago",
                "arr_end": "Current ARR",
            },
        ),
    ],
)
def test_detect_mapping(headers: list[str], expected: dict[str, str]) -> None:
    assert detect_mapping(headers) == expected


def test_overrides_win_and_move_a_column() -> None:
    headers = ["Company name", "ARR start", "ARR end", "Notes"]
    mapping = apply_overrides(
        detect_mapping(headers), {"notes": "owner", "ARR end": IGNORE}, headers
    )
    assert mapping == {"account": "Company name", "arr_start": "ARR start", "owner": "Notes"}


def test_override_of_an_unknown_column_suggests_the_closest() -> None:
    with pytest.raises(ExportError) as caught:
        apply_overrides({}, {"Compnay name": "account"}, ["Company name", "ARR"])
    assert str(caught.value) == (
        "--map: no column named 'Compnay name' (did you mean 'Company name'?); columns: "
        "Company name, ARR"
    )


def test_override_to_an_unknown_field_suggests_the_closest() -> None:
    with pytest.raises(ExportError) as caught:
        apply_overrides({}, {"ARR": "arr_ned"}, ["Company name", "ARR"])
    assert "--map: unknown field 'arr_ned' (did you mean 'arr_end'?)" in str(caught.value)
    assert caught.value.column == "ARR"


def test_parse_overrides_splits_on_the_last_equals_sign() -> None:
    assert parse_overrides(["ARR = start=arr_start", "Owner=owner"]) == {
        "ARR = start": "arr_start",
        "Owner": "owner",
    }
    with pytest.raises(ExportError, match="is not of the form 'column=field'"):
        parse_overrides(["no equals sign"])


def test_missing_figures_are_refused_naming_what_is_mapped() -> None:
    with pytest.raises(ExportError) as caught:
        import_text("Company name,Owner\nOak,Ann\n")
    assert str(caught.value) == (
        "test.csv: map ARR at period start and ARR at period end (arr_start, arr_end), or "
        "annual contract value and status (contract_value, status); mapped now: Account name, "
        "Owner"
    )


def test_missing_account_column_is_refused() -> None:
    with pytest.raises(ExportError, match="no column is mapped to the account name"):
        import_text("Foo,ARR start,ARR end\nOak,1,2\n")


@pytest.mark.parametrize(
    ("value", "decimal", "expected"),
    [
        ("€12.000,50", ",", 12000.5),
        ("12 000,50 €", ",", 12000.5),  # French: spaces group thousands
        ("12\u202f000,50", ",", 12000.5),  # narrow no-break space
        ("1'234.50 CHF", ".", 1234.5),  # Swiss apostrophes
        ("$1,234,567.89", ".", 1234567.89),
        ("USD 950", ".", 950.0),
        ("eur 1.234.567", ",", 1234567.0),
        ("0.5", ".", 0.5),
    ],
)
def test_amount_notations(value: str, decimal: str, expected: float) -> None:
    delimiter = ";"
    text = f"Account;ARR start;ARR end\nOak;{value};{value}\n"
    imported = import_text(text, decimal=decimal, delimiter=delimiter)
    assert imported.excluded == []
    assert imported.accounts["arr_end"].tolist() == [expected]


def test_decimal_mark_detected_from_unambiguous_values() -> None:
    text = "Account;ARR start;ARR end\nOak;12.500;13.000\nPine;1.234.567;1.300.000\n"
    imported = import_text(text)
    assert imported.decimal == ","  # "1.234.567" can only be thousands
    assert imported.accounts["arr_start"].tolist() == [12500.0, 1234567.0]


def test_unicode_minus_is_negative() -> None:
    imported = import_text("Account;ARR start;ARR end\nOak;1000;−200\n")
    assert messages(imported.excluded) == [
        (
            "row 2 (Oak), column 'ARR end': negative ARR at period end: −200; an account's ARR is "
            "0 or more"
        )
    ]


def test_not_an_amount() -> None:
    imported = import_text("Account,ARR start,ARR end\nOak,12k,1000\n")
    assert messages(imported.excluded) == [
        "row 2 (Oak), column 'ARR start': '12k' is not an amount"
    ]


def test_implausibly_large_amount() -> None:
    imported = import_text("Account,ARR start,ARR end\nOak,1000,500000000000\n")
    assert (
        "500000000000 is implausibly large for one account's ARR at period end"
        in messages(imported.excluded)[0]
    )


def test_empty_arr_cells_mean_zero_but_both_empty_is_refused() -> None:
    imported = import_text("Account,ARR start,ARR end\nNew,,100\nGone,100,\nGhost,,\n")
    assert imported.accounts["arr_start"].tolist() == [0.0, 100.0]
    assert imported.accounts["arr_end"].tolist() == [100.0, 0.0]
    assert messages(imported.excluded) == [
        "row 4 (Ghost): ARR at period start and ARR at period end are both empty"
    ]


@pytest.mark.parametrize(
    ("value", "category"),
    [
        ("Customer", "active"),
        ("customer - direct", "active"),
        ("Closed Won", "active"),
        ("ACTIVE", "active"),
        ("Former Customer", "churned"),
        ("Closed-Lost", "churned"),
        ("Cancelled", "churned"),
        ("churned (2024)", "churned"),
        ("Prospect", "prospect"),
        ("lead", "prospect"),
        ("", ""),
        ("Paused", "unknown"),
    ],
)
def test_status_categories(value: str, category: str) -> None:
    assert status_category(value) == category


def test_unknown_status_refuses_the_row_even_when_arr_decides() -> None:
    imported = import_text("Account,ARR start,ARR end,Status,Stage\nOak,100,100,Paused,won\n")
    assert imported.accounts.empty
    message = messages(imported.excluded)[0]
    assert (
        "status 'Paused' (column 'Status' taken as the status) is not a word understood" in message
    )
    assert "a customer: active, at risk, closed won" in message
    assert message.endswith("other columns that could hold the status: 'Stage'")


def test_delimiter_detection_prefers_consistent_splits() -> None:
    text = "Account;ARR start;ARR end\nOak, Inc;€12.000,50;€ 1,00\nPine;1;2\n"
    assert detect_delimiter(text) == ";"
    assert detect_delimiter("a\tb\tc\n1\t2\t3\n") == "\t"
    with pytest.raises(ExportError, match="cannot find the column delimiter"):
        detect_delimiter("just one column\nvalue\n")


def test_decode_refuses_a_declared_encoding_it_does_not_know() -> None:
    with pytest.raises(ExportError, match="unknown encoding 'klingon'"):
        decode_bytes(b"a,b\n", "klingon")


def test_empty_file_is_refused() -> None:
    with pytest.raises(ExportError, match="the file is empty"):
        read_export(b"  \n", "empty.csv")


def test_header_only_file_counts_nothing() -> None:
    imported = import_text("Account,ARR start,ARR end\n")
    assert imported.accounts.empty
    assert imported.rows_read == 0


def _workbook(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_xlsx_row_limit_is_counted_by_reading_the_rows() -> None:
    data = _workbook([["Account", "ARR start", "ARR end"], *[[f"A{i}", 1, 2] for i in range(5)]])
    with pytest.raises(ExportError) as caught:
        import_bytes(data, "big.xlsx", limits=ImportLimits(max_rows=3))
    assert str(caught.value) == "big.xlsx: the sheet has more than 3 accounts"


def test_xlsx_numbers_ignore_the_text_decimal_mark() -> None:
    # 1.234 as a number cell is one point two; only text cells follow the decimal mark.
    data = _workbook([["Account", "ARR start", "ARR end"], ["Oak", 1.234, "1.234,50"]])
    imported = import_bytes(data, "mixed.xlsx")
    assert imported.accounts["arr_start"].tolist() == [1.234]
    assert imported.accounts["arr_end"].tolist() == [1234.5]


def test_raw_preview_shows_cells_as_text() -> None:
    raw = read_export(b"Account,ARR start\nOak,1200\nPine,800\n", "p.csv")
    preview = raw.preview(1)
    assert preview.to_dict("records") == [{"Account": "Oak", "ARR start": "1200"}]
    assert list(preview.index) == [2]


def test_options_are_plain_values() -> None:
    options = ImportOptions(mapping={"A": "account"}, decimal=",")
    assert options.limits.max_rows == 250_000
