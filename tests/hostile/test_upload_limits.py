"""Every record of an export counts against a cap, so no file under the byte limit reads forever."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor import cli
from advisor.crm_import import ExportError, ImportLimits, ImportOptions, read_export

HEAD = b"account,arr start,arr end,status\n"
SMALL = ImportOptions(limits=ImportLimits(max_rows=50, max_empty_rows=20, max_cells=2_000))


def test_a_csv_of_blank_lines_counts_against_the_row_cap() -> None:
    data = HEAD + b"\n" * 9_900_000
    with pytest.raises(ExportError) as caught:
        read_export(data, "blank.csv")
    assert str(caught.value) == (
        "blank.csv: the file holds more than 50,000 empty rows (blank lines or rows of bare "
        "delimiters), the most a file may hold; delete them and try again"
    )


def test_a_csv_of_bare_delimiters_counts_against_the_row_cap() -> None:
    data = HEAD + b",,,\n" * 2_400_000
    with pytest.raises(ExportError, match=r"commas\.csv: the file holds more than 50,000 empty"):
        read_export(data, "commas.csv")


def test_blank_lines_before_the_header_count_against_the_row_cap() -> None:
    with pytest.raises(ExportError, match="more than 20 empty rows"):
        read_export(b"\n" * 100 + HEAD + b"A,1,2,active\n", "late.csv", SMALL)


def test_empty_rows_under_their_cap_are_still_listed_and_read() -> None:
    data = HEAD + b"A,1,2,active\n" + b",,,\n" * 20 + b"B,1,2,active\n"
    table = read_export(data, "gaps.csv", SMALL)
    assert table.row_count == 2
    assert [issue.line for issue in table.excluded] == list(range(3, 23))


def test_a_csv_wider_than_the_cell_cap_is_refused() -> None:
    data = HEAD + b"A,1,2,active" + b"," * 3_000 + b"\n"
    with pytest.raises(ExportError) as caught:
        read_export(data, "wide.csv", SMALL)
    assert str(caught.value) == (
        "wide.csv: the file holds more than 2,000 cells, the most a file may hold; split it, or "
        "leave out the columns the diagnostics do not need"
    )


def test_a_ragged_row_keeps_only_the_cells_that_name_its_account() -> None:
    data = HEAD + b"A,1,2,active\nWide Ltd,1,2,active,x" + b",y" * 500 + b"\n"
    table = read_export(data, "ragged.csv")
    assert table.excluded_cells == {3: ["Wide Ltd", "1", "2", "active"]}


def test_a_header_cell_past_the_csv_field_limit_is_an_export_error() -> None:
    with pytest.raises(ExportError, match=r"huge\.csv, row 1: the file cannot be read as CSV"):
        read_export(b"a" * 200_000 + b",b\nx,y\n", "huge.csv", ImportOptions(delimiter=","))


def test_the_cli_refuses_a_csv_of_blank_lines_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "blank.csv"
    path.write_bytes(HEAD + b"\n" * 9_900_000)
    assert cli.main(["diagnose", str(path), "--as-of", "2026-06-30"]) == 2
    err = capsys.readouterr().err
    assert "blank.csv: the file holds more than 50,000 empty rows" in err
    assert "Traceback" not in err
