"""Hostile CRM exports: lying workbooks, XML bombs, stray bytes, bad formats, odd dates."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from advisor import cli
from advisor.crm_import import (
    ExportError,
    ImportLimits,
    ImportOptions,
    import_accounts,
    read_export,
)
from advisor.crm_import.amounts import parse_dates


def _workbook(rows: int) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["account", "arr", "status"])
    for index in range(rows):
        sheet.append([f"Account {index}", 1000 + index, "active"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _rewrite(data: bytes, member: str, change: object) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == member:
                content = change(content)  # type: ignore[operator]
            target.writestr(info, content)
    return out.getvalue()


def _lie_about_dimension(content: bytes) -> bytes:
    return re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:C2"', content)


SHEET = "xl/worksheets/sheet1.xml"


def test_xlsx_with_a_lying_dimension_is_read_whole() -> None:
    data = _rewrite(_workbook(40), SHEET, _lie_about_dimension)
    table = read_export(data, "lying.xlsx")
    assert table.row_count == 40


def test_xlsx_with_a_lying_dimension_is_held_to_the_row_cap() -> None:
    data = _rewrite(_workbook(30), SHEET, _lie_about_dimension)
    options = ImportOptions(limits=ImportLimits(max_rows=20))
    with pytest.raises(ExportError, match="more than 20 accounts"):
        read_export(data, "lying.xlsx", options)


BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
)


@pytest.mark.parametrize(
    "change",
    [
        lambda c: c.replace(
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>', b""
        ).replace(b"<worksheet", BOMB.replace(b'<?xml version="1.0"?>', b"") + b"<worksheet", 1),
        lambda c: b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + c,
        lambda c: c[: len(c) // 2],
    ],
    ids=["xml-bomb", "external-entity", "cut-short-xml"],
)
def test_hostile_xlsx_xml_is_not_a_valid_workbook(change: object) -> None:
    data = _rewrite(_workbook(3), SHEET, change)
    with pytest.raises(ExportError, match="not a valid workbook"):
        read_export(data, "hostile.xlsx")


def test_xlsx_with_a_corrupt_zip_member_is_not_a_valid_workbook() -> None:
    data = bytearray(_workbook(50))
    start = data.find(b"sheet1.xml") + 40
    data[start : start + 60] = b"\xff" * 60
    with pytest.raises(ExportError) as caught:
        read_export(bytes(data), "corrupt.xlsx")
    assert "workbook" in str(caught.value) or "zip" in str(caught.value)


CSV_HEAD = "account,arr,status,renewal_date\n"


def test_utf8_file_with_one_stray_windows_1252_byte_is_refused_naming_it() -> None:
    data = (
        CSV_HEAD + "École,1000,active,2026-01-01\n"
    ).encode() + b"Caf\xe9,2000,active,2026-01-01\n"
    with pytest.raises(ExportError) as caught:
        read_export(data, "mixed.csv")
    message = str(caught.value)
    at = data.index(bytes([0xE9]))
    assert "0xe9" in message and f"position {at}" in message and "line 3" in message


def test_windows_1252_file_is_still_read_as_windows_1252() -> None:
    table = read_export((CSV_HEAD + "École,1000,active,2026-01-01\n").encode("cp1252"), "w.csv")
    assert table.encoding == "Windows-1252"
    assert table.column("account") == ["École"]


@pytest.mark.parametrize("date_format", ["%Q", "%", "%d/%m/%Y %"])
def test_bad_date_format_is_a_clean_error(date_format: str) -> None:
    with pytest.raises(ExportError, match="date format"):
        ImportOptions(date_format=date_format)


def test_bad_date_format_exits_2_in_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "e.csv"
    path.write_text(CSV_HEAD + "A,1000,active,2026-01-01\n", encoding="utf-8")
    assert cli.main(["diagnose", str(path), "--as-of", "2026-06-30", "--date-format", "%Q"]) == 2
    err = capsys.readouterr().err
    assert "'%Q' is not a directive" in err and "Traceback" not in err


@pytest.mark.parametrize("cell", ["0000-01-01", "2026-11-15 25:99:99", "2026-11-15T24:00"])
def test_impossible_dates_are_refused_by_row(cell: str) -> None:
    parsed = parse_dates(["2026-01-01", cell], None)
    assert 1 in parsed.problems and cell in parsed.problems[1]
    assert 0 not in parsed.problems


def test_cr_only_csv_is_held_to_the_row_cap() -> None:
    data = (CSV_HEAD + "A,1,active,2026-01-01\n" * 30).replace("\n", "\r").encode()
    with pytest.raises(ExportError, match="more than 20 accounts"):
        read_export(data, "cr.csv", ImportOptions(limits=ImportLimits(max_rows=20)))


def test_multi_line_quoted_notes_are_not_refused_for_their_line_count() -> None:
    head = "account,arr,notes\n"
    data = (head + 'A,1,"line one\nline two\nline three\nline four"\n' * 10).encode()
    table = read_export(data, "notes.csv", ImportOptions(limits=ImportLimits(max_rows=10)))
    assert table.row_count == 10


def test_ambiguous_thousands_in_a_decimal_comma_file_is_flagged_not_guessed() -> None:
    lines = ["account;arr start;arr end"]
    lines += [f"A{i};1.200,50;1.300,50" for i in range(5)] + ["Odd;1,234;2.000,00"]
    result = import_accounts(("\n".join(lines) + "\n").encode(), "eu.csv")
    flagged = [issue for issue in result.excluded if "ambiguous" in issue.message]
    assert len(flagged) == 1 and "1,234" in flagged[0].message
    assert len(result.accounts) == 5
