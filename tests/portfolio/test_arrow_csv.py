"""The pyarrow reading of a CSV export gives the table the row-by-row reader gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.crm_import import ImportLimits, ImportOptions, decode_bytes, read_export
from advisor.crm_import.arrow_csv import read_csv_arrow
from advisor.crm_import.tables import _read_csv_text
from advisor.crm_import.text_cells import TextCells

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "crm" / "accounts.csv"

FILES = {
    "ragged, blank and bare-delimiter rows": (
        b"account;arr start;arr end\nOak;1.200,50;1.300\n\n;;\nElm;800\nPine;1;2;3\n"
        b"  ;  ;  \nAsh;5;6\n\n\n"
    ),
    "quoted cells": b'account,arr\n"Oak, Inc",1\n"Elm ""the"" tree",2\nAsh"x,3\n"Fir"s,4\n',
    "report footer": (
        b"Account Name,Annual Revenue\nOak,100\nElm,200\n\n"
        b"Grand Totals (2 records)\nConfidential Information - Do Not Distribute\n"
        b"Copyright (c) 2000-2025 salesforce.com, inc. All rights reserved.\n"
    ),
    "CR line ends and a BOM": b"\xef\xbb\xbfaccount\tarr\rOak\t1\r\nElm\t2\rFir\r",
    "a row of a single empty field": b"account|arr\nOak|1\n|\nElm|2\n",
}


@pytest.mark.parametrize("name", list(FILES))
def test_a_csv_read_by_pyarrow_is_the_table_the_row_by_row_reader_gives(name: str) -> None:
    data = FILES[name]
    options = ImportOptions()
    fast = read_csv_arrow(data, "f.csv", options)
    assert fast is not None, "the file should be read by pyarrow"
    assert all(isinstance(column, TextCells) for column in fast.columns)
    text, encoding = decode_bytes(data, None, "f.csv")
    assert vars(fast) == vars(_read_csv_text(text, encoding, "f.csv", options))


def test_the_sample_export_read_by_pyarrow_is_the_table_the_row_by_row_reader_gives() -> None:
    data = SAMPLE.read_bytes()
    options = ImportOptions()
    fast = read_csv_arrow(data, SAMPLE.name, options)
    assert fast is not None and fast.excluded  # the sample's ragged rows are refused
    text, encoding = decode_bytes(data, None, SAMPLE.name)
    assert vars(fast) == vars(_read_csv_text(text, encoding, SAMPLE.name, options))


@pytest.mark.parametrize(
    "data",
    [
        pytest.param("account;arr\nÉcole;1\n".encode("cp1252"), id="Windows-1252"),
        pytest.param("account,arr\nOak,1\n".encode("utf-16"), id="UTF-16"),
        pytest.param(b'account,note\nOak,"two\nlines"\n', id="line break inside a value"),
        pytest.param(b'account,arr\nOak,"1,2\n', id="quote in a refused row"),
        pytest.param(b"\naccount,arr\nOak,1\n", id="header not on the first line"),
        pytest.param(b"account,arr,,\nOak,1,,\n", id="header ending in empty cells"),
        pytest.param(b"account,arr\nOak,1,,\n", id="trailing empty cells kept"),
        pytest.param(b"account,arr\nOak,1\x00\n", id="zero byte"),
    ],
)
def test_a_file_pyarrow_could_misread_is_left_to_the_row_by_row_reader(data: bytes) -> None:
    assert read_csv_arrow(data, "f.csv", ImportOptions()) is None


def test_a_size_limit_passed_is_named_by_the_row_by_row_reader() -> None:
    data = b"account,arr\n" + b"Oak,1\n" * 20
    options = ImportOptions(limits=ImportLimits(max_rows=10))
    assert read_csv_arrow(data, "f.csv", options) is None
    with pytest.raises(Exception, match="more than 10 accounts"):
        read_export(data, "f.csv", options)
