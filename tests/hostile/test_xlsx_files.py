"""Damaged, disguised and oversized workbooks: each refused with an ExportError naming the file."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from fuzz_support import FUZZ_SLOW
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from xlsx_support import (
    CENTRAL_HEADER,
    METHOD,
    SHEET,
    flag_encrypted,
    raw_sheet,
    rewrite,
    set_field,
    text_row,
    with_shared_strings,
    workbook,
)

from advisor import cli
from advisor.crm_import import ExportError, Formula, ImportLimits, ImportOptions, read_export
from advisor.crm_import.workbook import open_workbook

ACCOUNTS = [["account", "arr", "status"], ["Oak Ltd", 1200, "active"], ["Elm Ltd", 800, "active"]]


def refusal(data: bytes, name: str = "book.xlsx", **limits: int) -> str:
    with pytest.raises(ExportError) as caught:
        read_export(data, name, ImportOptions(limits=ImportLimits(**limits)))
    return str(caught.value)


# --- The zip ---------------------------------------------------------------------------------


def test_an_xlsx_whose_zip_entries_carry_the_encryption_flag_is_an_export_error() -> None:
    assert refusal(flag_encrypted(workbook(ACCOUNTS)), "locked.xlsx") == (
        "locked.xlsx: the workbook is password-protected (encrypted); save an unprotected copy "
        "(or export the sheet as CSV) and try again"
    )


def test_an_xlsx_with_an_unknown_compression_method_is_an_export_error() -> None:
    data = set_field(workbook(ACCOUNTS), CENTRAL_HEADER, METHOD[CENTRAL_HEADER], 99)
    message = refusal(data, "odd.xlsx")
    assert message.startswith("odd.xlsx: part ")
    assert "uses a compression method this reader does not support (method 99)" in message


def test_a_password_protected_office_file_says_so() -> None:
    container = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500
    data = container + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 500
    assert "password-protected (encrypted)" in refusal(data, "locked.xlsx")


def test_the_cli_refuses_an_encrypted_workbook_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "locked.xlsx"
    path.write_bytes(flag_encrypted(workbook(ACCOUNTS)))
    assert cli.main(["diagnose", str(path), "--as-of", "2026-06-30"]) == 2
    err = capsys.readouterr().err
    assert "locked.xlsx: the workbook is password-protected (encrypted)" in err
    assert "Traceback" not in err


def test_a_zip_that_is_not_a_workbook_says_so() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert "a zip but not an Excel workbook" in refusal(buffer.getvalue(), "letter.xlsx")


@pytest.mark.parametrize("cut", [30, 200, -30])
def test_a_truncated_workbook_is_an_export_error(cut: int) -> None:
    data = workbook(ACCOUNTS)
    assert refusal(data[:cut], "cut.xlsx").startswith("cut.xlsx: ")


# --- Bounded before the cells are read ---------------------------------------------------------


def test_an_xlsx_with_400k_rows_is_refused_at_the_row_cap_before_the_rest_is_read() -> None:
    # The XML after the cap is broken: reading on would end in an XML error, not the cap.
    rows = b"".join(text_row(n, f"Account {n}", "1") for n in range(2, 5_000))
    data = raw_sheet(text_row(1, "account", "arr") + rows + b"<row><")
    assert (
        refusal(data, "big.xlsx", max_rows=100) == "big.xlsx: the sheet has more than 100 accounts"
    )


def test_empty_rows_in_an_xlsx_count_against_their_cap() -> None:
    empty = b"".join(b'<row r="%d"><c r="A%d" s="1"/></row>' % (n, n) for n in range(3, 40))
    data = raw_sheet(text_row(1, "account", "arr") + text_row(2, "Oak", "1") + empty)
    assert refusal(data, "blank.xlsx", max_empty_rows=20).startswith(
        "blank.xlsx: the sheet holds more than 20 empty rows"
    )


def test_a_row_far_below_the_last_counts_its_missing_rows_as_empty() -> None:
    data = raw_sheet(text_row(1, "account", "arr") + text_row(1_048_576, "Oak", "1"))
    assert "more than 50,000 empty rows" in refusal(data, "far.xlsx")


def test_missing_rows_under_the_cap_are_listed_as_empty_rows() -> None:
    data = raw_sheet(
        text_row(1, "account", "arr") + text_row(2, "Oak", "1") + text_row(5, "E", "2")
    )
    table = read_export(data, "gaps.xlsx")
    assert table.rows == [2, 5]
    assert [(issue.line, issue.message) for issue in table.excluded] == [
        (3, "empty row"),
        (4, "empty row"),
    ]


def test_a_row_of_a_million_cells_is_refused_at_the_cell_cap() -> None:
    wide = b'<row r="2">' + b"<c><v>1</v></c>" * 5_000 + b"</row>"
    data = raw_sheet(text_row(1, "account", "arr") + wide)
    assert refusal(data, "wide.xlsx", max_cells=1_000) == (
        "wide.xlsx: the sheet holds more than 1,000 cells, the most a file may hold; split it, "
        "or leave out the columns the diagnostics do not need"
    )


def test_a_flood_of_elements_the_reader_skips_still_counts() -> None:
    data = raw_sheet(text_row(1, "account", "arr") + b"<x/>" * 110_000)
    assert "more than 104,000 elements" in refusal(data, "flood.xlsx", max_cells=1_000)


def test_a_header_wider_than_the_column_limit_is_refused_without_keeping_its_cells() -> None:
    header = b'<row r="1">' + b'<c t="inlineStr"><is><t>h</t></is></c>' * 300 + b"</row>"
    assert refusal(raw_sheet(header), "wide.xlsx") == (
        "wide.xlsx, row 1: the header has 300 columns; the limit is 200"
    )


# --- Malformed sheets ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (b'<row r="1"><c r="XFE1"><v>1</v></c></row>', "beyond Excel's last column"),
        (b'<row r="1"><c r="A-1"><v>1</v></c></row>', "is not a cell reference"),
        (b'<row r="3"><c><v>1</v></c></row><row r="2"/>', "rows must be in order"),
        (b'<row r="x"/>', "is not a row number"),
        (b'<row r="1"><c t="s"><v>7</v></c></row>', "refers to shared string '7'"),
        (b'<row r="1"><c t="b"><v>yes</v></c></row>', "where true or false belongs"),
        (b'<row r="1"><c><v>1,5</v></c></row>', "where a number belongs"),
        (b'<row r="1"><c t="d"><v>soon</v></c></row>', "where a date belongs"),
        (b"<c><v>1</v></c>", "a cell lies outside any row"),
        (b'<row r="1"><row r="2"/></row>', "a row starts inside row 1"),
        (b'<row r="1"><c><v>' + b"9" * 40_000 + b"</v></c></row>", "more than 32,767 characters"),
        (b'<row r="1"><c>', "is not well-formed XML"),
        (b'<row r="1">&bomb;</row>', "is not well-formed XML"),
    ],
)
def test_a_malformed_sheet_is_an_export_error_naming_what_is_wrong(
    rows: bytes, expected: str
) -> None:
    message = refusal(raw_sheet(rows), "bad.xlsx")
    assert message.startswith("bad.xlsx: ")
    assert expected in message


@pytest.mark.parametrize(
    "prolog",
    [
        b'<!DOCTYPE x [<!ENTITY e "lol">]>',
        b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
        b'<!DOCTYPE x SYSTEM "http://example.com/x.dtd">',
    ],
    ids=["entity", "external-entity", "external-dtd"],
)
def test_a_doctype_is_refused_before_anything_is_expanded(prolog: bytes) -> None:
    message = refusal(raw_sheet(text_row(1, "a", "b"), prolog=prolog), "dtd.xlsx")
    assert "declares a DOCTYPE" in message


def test_a_missing_sheet_part_is_an_export_error() -> None:
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(workbook(ACCOUNTS))) as source,
        zipfile.ZipFile(buffer, "w") as target,
    ):
        for info in source.infolist():
            if info.filename != SHEET:
                target.writestr(info, source.read(info.filename))
    assert "its sheet 'Accounts' is missing" in refusal(buffer.getvalue(), "hollow.xlsx")


def test_a_damaged_shared_string_table_is_an_export_error() -> None:
    data = with_shared_strings(workbook(ACCOUNTS))
    broken = rewrite(data, "xl/sharedStrings.xml", lambda c: c[: len(c) // 2])
    assert "part xl/sharedStrings.xml is not well-formed XML" in refusal(broken, "strings.xlsx")


# --- Cells read as openpyxl reads them ----------------------------------------------------------


def _openpyxl_value(cell: Any) -> Any:
    """What the reader kept of a cell when it read workbooks through openpyxl."""
    value = cell.value
    if getattr(cell, "data_type", None) == "f" or (isinstance(value, str) and value[:1] == "="):
        return Formula(str(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0, 0) else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return float(value)
    return str(value)


def _as_openpyxl_reads(data: bytes) -> dict[tuple[int, int], Any]:
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    sheet = book.worksheets[0]
    sheet.reset_dimensions()  # type: ignore[union-attr]
    cells = {
        (cell.row, cell.column): _openpyxl_value(cell)
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    }
    book.close()
    return cells


def _as_read(data: bytes) -> dict[tuple[int, int], Any]:
    with open_workbook(data, "x.xlsx", ImportLimits()) as book:
        return {
            (row.number, column): value
            for row in book.rows()
            for column, value in enumerate(row.values, start=1)
            if value != ""
        }


CELLS = st.one_of(
    st.none(),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=8).filter(
        lambda t: not t.startswith("=") and t.strip() == t and t != ""
    ),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(min_value=-1e12, max_value=1e12, allow_nan=False),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 12, 31)),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 1, 1)).map(
        lambda moment: moment.replace(microsecond=0)
    ),
    st.times().map(lambda moment: moment.replace(microsecond=0)),
    st.sampled_from(["=A1*2", "=SUM(B1:B3)", '=HYPERLINK("http://x")']),
)


@FUZZ_SLOW
@given(st.lists(st.lists(CELLS, max_size=6), min_size=1, max_size=6), st.booleans(), st.booleans())
def test_xlsx_cells_read_as_openpyxl_reads_them(
    rows: list[list[Any]], shared: bool, mac_dates: bool
) -> None:
    data = workbook(rows, epoch=CALENDAR_MAC_1904 if mac_dates else None)
    if shared:
        data = with_shared_strings(data)
    assert _as_read(data) == _as_openpyxl_reads(data)


def test_a_shared_formula_reads_as_its_own_cell_would_write_it() -> None:
    cells = (
        b'<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*2</f>'
        b'<v>2</v></c></row><row r="2"><c r="A2"><v>2</v></c><c r="B2"><f t="shared" si="0"/>'
        b"<v>4</v></c></row>"
    )
    with open_workbook(raw_sheet(cells), "f.xlsx", ImportLimits()) as book:
        values = [row.values for row in book.rows()]
    assert values == [[1.0, "=A1*2"], [2.0, "=A2*2"]]
    assert isinstance(values[1][1], Formula)


def test_a_small_workbook_of_long_text_is_refused_at_the_text_cap() -> None:
    long = "x" * 1_000
    rows = b"".join(text_row(n, f"A{n}", long, long) for n in range(2, 200))
    data = raw_sheet(text_row(1, "account", "notes", "more") + rows)
    assert refusal(data, "notes.xlsx", max_text=100_000) == (
        "notes.xlsx: the sheet holds more than 100,000 characters of text, the most a file may "
        "hold; split it, or leave out the columns the diagnostics do not need"
    )


def test_shared_strings_count_against_the_text_cap_at_every_cell_that_shows_them() -> None:
    data = with_shared_strings(workbook([["account", "notes"], *[["A", "y" * 500]] * 300]))
    assert "more than 100,000 characters of text" in refusal(data, "n.xlsx", max_text=100_000)


def test_a_header_offset_that_points_before_the_zip_is_an_export_error() -> None:
    # Found by the fuzz target: zipfile seeks to a negative offset and raises ValueError.
    data = bytearray(workbook(ACCOUNTS))
    end = data.rfind(b"PK\x05\x06") + 16  # where the central directory says it starts
    claimed = int.from_bytes(data[end : end + 4], "little") + 100_000
    data[end : end + 4] = claimed.to_bytes(4, "little")
    assert refusal(bytes(data), "moved.xlsx").startswith("moved.xlsx: ")


def test_a_shared_string_table_longer_than_the_text_cap_is_refused() -> None:
    data = with_shared_strings(
        workbook([["account", "notes"], *[["A", f"{n:04d}" * 100] for n in range(300)]])
    )
    assert refusal(data, "sst.xlsx", max_text=100_000) == (
        "sst.xlsx: the workbook's shared string table holds more than 100,000 characters of text, "
        "the most a file may hold; split it, or leave out the columns the diagnostics do not need"
    )
