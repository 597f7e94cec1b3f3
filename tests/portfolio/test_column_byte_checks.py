"""The byte checks that let the CRM import skip a pass over a column never skip a needed one.

Each check looks at a column's UTF-8 bytes as one block and answers False only when the pass it
guards could change nothing: stripping (`may_have_blank_ends`), lower-casing (`may_change_case`),
searching for a currency mark (`may_hold`) and counting D/M/YYYY dates (`_may_be_day_month`).
The properties below run the pass itself on the cells wherever the check answers False.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.crm_import.text_cells import (
    TextCells,
    _holds,
    may_change_case,
    may_have_blank_ends,
    may_hold,
)
from advisor.crm_import.values import _DAY_MONTH, _may_be_day_month

# Cells the way exports write them, blanks of every kind and capitals beyond ASCII.
BLANKS = ["\t", "\n", "\r", "\u00a0", "\u202f", "\u2003", "\u3000", "\x1c"]
CELL = st.text(
    alphabet=st.sampled_from([*"aZé09 -/.,€$", *BLANKS, "É", "ß", "İ"]),
    max_size=8,
)
CELLS = st.lists(CELL, max_size=12)


def _column(cells: list[str], start: int = 0) -> pd.Series[str]:
    """The cells as the import holds a CSV column (large strings), from `start` on (a slice)."""
    series = pd.Series(pa.array(cells, type=pa.large_string()), dtype="str")
    return series.iloc[start:]


@settings(max_examples=300, deadline=None)
@given(CELLS, st.integers(0, 3))
def test_a_column_said_to_have_no_blank_ends_is_unchanged_by_strip(
    cells: list[str], start: int
) -> None:
    column = _column(cells, start)
    if not may_have_blank_ends(column):
        assert column.str.strip().tolist() == column.tolist()


@settings(max_examples=300, deadline=None)
@given(CELLS, st.integers(0, 3))
def test_a_column_said_to_hold_no_capital_is_unchanged_by_lower(
    cells: list[str], start: int
) -> None:
    column = _column(cells, start)
    if not may_change_case(column):
        assert column.str.lower().tolist() == column.tolist()


@settings(max_examples=300, deadline=None)
@given(CELLS, st.sampled_from(["€", "EUR", "$", " ", "−"]))
def test_a_column_said_not_to_hold_a_mark_has_no_cell_with_it(cells: list[str], mark: str) -> None:
    column = _column(cells)
    if not may_hold(column, (mark,)):
        assert not any(mark in cell for cell in cells)


# Bytes from a small alphabet so needles are found often; a long run of one byte makes the
# needle's first byte common (the whole block compared) or rare (only its places looked at).
BYTES = st.lists(st.sampled_from([0x20, 0x41, 0xC2, 0xA0, 0xE2, 0x80, 0xAF]), max_size=40)


@settings(max_examples=500, deadline=None)
@given(BYTES, st.integers(0, 400), st.sampled_from([0x41, 0x20]), BYTES.filter(bool))
def test_a_block_holds_a_needle_exactly_where_python_finds_it(
    head: list[int], padding: int, filler: int, needle: list[int]
) -> None:
    data = bytes(head) + bytes([filler]) * padding + bytes(head[::-1])
    block = np.frombuffer(data, dtype=np.uint8)
    assert _holds(block, bytes(needle)) == (bytes(needle) in data)


DATE_CELL = st.one_of(
    CELL,
    st.from_regex(r"\A ?[0-9]{1,2}[./-][0-9]{1,2}[./-][0-9]{4}( 10:30)? ?\Z", fullmatch=True),
    st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z", fullmatch=True),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(DATE_CELL, max_size=12))
def test_a_column_said_to_hold_no_day_month_date_has_none(cells: list[str]) -> None:
    column = TextCells(_column(cells))
    if not _may_be_day_month(column):
        assert not any(_DAY_MONTH.fullmatch(cell.strip()) for cell in cells)


def test_the_checks_answer_true_on_the_cells_that_need_the_pass() -> None:
    assert may_have_blank_ends(_column(["Oak", "Pine "]))
    assert may_have_blank_ends(_column(["\u00a0Oak"]))
    assert not may_have_blank_ends(_column(["Oak", "Pine Ltd"]))
    assert not may_have_blank_ends(_column([" Oak", "Pine"], start=1))  # the slice only
    assert may_change_case(_column(["48100", "AB-7"]))
    assert may_change_case(_column(["é"]))
    assert not may_change_case(_column(["48100", "48101"]))
    assert not may_hold(_column(["1.000,00", "2.000,00"]), ("€",))
    assert _may_be_day_month(TextCells(_column(["2024-01-31", "31/01/2024"])))
    assert not _may_be_day_month(TextCells(_column(["2024-01-31", ""])))
