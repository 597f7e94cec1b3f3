"""Cleaning a column once per distinct value gives what cleaning each cell alone gives."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from portfolio_support import import_text, messages

from advisor.crm_import import accounts, amounts
from advisor.crm_import.amounts import (
    fullmatch,
    parse_amounts,
    parse_dates,
    parse_scores,
    prepare_amounts,
)
from advisor.crm_import.distinct import distinct, text_keys
from advisor.crm_import.text_cells import TextCells, may_hold

AMOUNTS = [
    "€ 1.200,50",
    "1,200.50",
    "€ 1.200,50",
    "(500)",
    "",
    "12.000",
    "n/a",
    "1\u00a0234,5",
    "−300",
    "$ 70",
    "€ 1.200,50",
    "1,234",
    "",
]


def _same(left: float, right: float) -> bool:
    return (math.isnan(left) and math.isnan(right)) or left == right


def test_distinct_values_spread_back_to_their_rows() -> None:
    series = pd.Series(["b", "a", "b", "", "a", "b"], dtype="str")
    rows = distinct(series)
    assert [rows.values.iloc[code] for code in rows.codes] == series.tolist()
    assert sorted(rows.values.tolist()) == ["", "a", "b"]
    is_b = (rows.values == "b").to_numpy()
    assert rows.count(is_b) == 3
    assert rows.spread(is_b).tolist() == [True, False, True, False, False, True]


def test_distinct_of_an_empty_column_has_no_rows() -> None:
    rows = distinct(pd.Series([], dtype="str"))
    assert len(rows.codes) == 0 and len(rows.values) == 0


def test_amounts_read_per_distinct_value_match_each_cell_read_alone() -> None:
    column = prepare_amounts(TextCells(pd.Series(AMOUNTS, dtype="str")))
    for decimal in (",", ".", None):
        together = parse_amounts(column, decimal, "ARR", detected=decimal is not None)
        for position, cell in enumerate(AMOUNTS):
            alone = parse_amounts(
                prepare_amounts([cell]), decimal, "ARR", detected=decimal is not None
            )
            assert _same(together.values[position], alone.values[0]), (decimal, cell)
            assert together.problems.get(position) == alone.problems.get(0), (decimal, cell)
    assert column.currency.tolist()[:3] == ["EUR", "", "EUR"]
    assert column.currency.tolist()[9] == "USD"
    assert column.negative.tolist()[3] and column.negative.tolist()[8]


def test_dates_and_scores_read_per_distinct_value_match_each_cell_read_alone() -> None:
    dates = ["2024-01-05", "", "31/12/2024", "2024-01-05", "2024-13-01", "0000-01-01", "05/06/2024"]
    scores = ["7", "", "x", "7", "101", "-3,5"]
    for date_format in (None, "%d/%m/%Y"):
        together = parse_dates(TextCells(pd.Series(dates, dtype="str")), date_format)
        for position, cell in enumerate(dates):
            alone = parse_dates([cell], date_format)
            left, right = together.values.iloc[position], alone.values.iloc[0]
            assert (pd.isna(left) and pd.isna(right)) or left == right
            assert together.problems.get(position) == alone.problems.get(0)
    values, problems = parse_scores(TextCells(pd.Series(scores, dtype="str")))
    for position, cell in enumerate(scores):
        alone_values, alone_problems = parse_scores([cell])
        assert _same(values.iloc[position], alone_values.iloc[0])
        assert problems.get(position) == alone_problems.get(0)


def test_may_hold_answers_false_only_when_no_cell_holds_the_needle() -> None:
    series = pd.Series(["Acme  Inc", "Beta\u00a0SA", "Gamma"], dtype="str")
    assert may_hold(series, ("  ",))
    assert may_hold(series, ("\u00a0",))
    assert not may_hold(series, ("\t", "\n"))
    assert not may_hold(pd.Series(["", ""], dtype="str"), (" ",))
    assert may_hold(pd.Series(["a ", " b"], dtype="str"), ("  ",))  # across two cells: True


def test_blanks_are_collapsed_in_a_column_that_holds_them_and_kept_elsewhere() -> None:
    report = import_text(
        "Account;Owner;ARR at period start;ARR at period end\n"
        "Acme\u00a0 Inc ;Marta Ruiz;100;100\n"
        " Beta\tSA;Jonas  Weber;100;100\n"
        "Gamma;Aisha Khan;100;100\n"
    )
    assert report.accounts["account"].tolist() == ["Acme Inc", "Beta SA", "Gamma"]
    assert report.accounts["owner"].tolist() == ["Marta Ruiz", "Jonas Weber", "Aisha Khan"]


def test_duplicates_by_id_and_by_name_keep_the_first_row_of_each_account() -> None:
    # Rows 2 and 4 share an ID (case ignored); rows 3 and 5 have no ID and share a name (case
    # ignored); row 6's ID is the text of row 3's name: a different account.
    report = import_text(
        "Account ID;Account;ARR at period start;ARR at period end\n"
        "A1;Acme;100;100\n"
        ";Beta;200;200\n"
        "a1;Acme Europe;300;300\n"
        ";BETA;400;400\n"
        "Beta;Gamma;500;500\n"
    )
    assert report.accounts["account"].tolist() == ["Acme", "Beta", "Gamma"]
    duplicate = "duplicate of row {} (same {}); only the first row is counted"
    assert messages(report.excluded) == [
        "row 4 (Acme Europe), column 'Account ID': " + duplicate.format(2, "account ID 'a1'"),
        "row 5 (BETA), column 'Account': " + duplicate.format(3, "account name"),
    ]
    assert np.isclose(report.accounts["arr_end"].sum(), 800.0)


def test_ids_that_read_as_the_same_number_are_different_accounts() -> None:
    # "7", "007" and "-0"/"0" read as one number but are written differently: different IDs.
    report = import_text(
        "Account ID;Account;ARR at period start;ARR at period end\n"
        "7;Acme;100;100\n"
        "007;Beta;200;200\n"
        "0;Gamma;300;300\n"
        "-0;Delta;400;400\n"
        "7;Acme again;500;500\n"
    )
    assert report.accounts["account"].tolist() == ["Acme", "Beta", "Gamma", "Delta"]
    duplicate = "duplicate of row {} (same {}); only the first row is counted"
    assert messages(report.excluded) == [
        "row 6 (Acme again), column 'Account ID': " + duplicate.format(2, "account ID '7'")
    ]


@pytest.mark.parametrize(
    "ids",
    [
        ["48100", "48101", "48100", "9", "0"],  # plain whole numbers: read as numbers
        ["48100", "048100", "48100", "+9", "9"],  # not all plain: hashed as texts
        ["b", "a", "b", "", "a"],
    ],
)
def test_text_keys_are_equal_exactly_where_the_texts_are(ids: list[str]) -> None:
    keys = text_keys(pd.Series(ids, dtype="str"))
    assert (keys >= 0).all()
    for i, left in enumerate(ids):
        for j, right in enumerate(ids):
            assert (keys[i] == keys[j]) == (left == right)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        # Digits only (leading zeros, more than fit in 64 bits): read as numbers where plain.
        st.lists(st.from_regex(r"\A[0-9]{1,20}\Z"), min_size=1, max_size=12),
        st.lists(
            st.text(alphabet=st.sampled_from([*"0123456789-+ ٣x"]), max_size=20),
            min_size=1,
            max_size=12,
        ),
    ),
    st.integers(0, 2),
)
def test_text_keys_tell_texts_apart_whatever_digits_they_hold(ids: list[str], start: int) -> None:
    series = pd.Series(pa.array(ids, type=pa.large_string()), dtype="str").iloc[start:]
    texts = series.tolist()
    keys = text_keys(series)
    assert (keys >= 0).all()
    for i, left in enumerate(texts):
        for j, right in enumerate(texts):
            assert (keys[i] == keys[j]) == (left == right)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet=st.sampled_from([*"0123456789.,-+ T:Z€\n"]), max_size=14)),
    st.sampled_from(
        [
            amounts._POINT_NUMBER,
            amounts._COMMA_NUMBER,
            amounts._INT,
            amounts._POINT_DECIMAL,
            amounts._DOT_GROUPS_MANY,
            amounts._ISO_DATE,
            r"[-+]?[0-9]+(?:\.[0-9]+)?",
        ]
    ),
)
def test_fullmatch_answers_as_pandas_fullmatch(texts: list[str], pattern: str) -> None:
    series = pd.Series(texts, dtype="str")
    expected = series.str.fullmatch(pattern).to_numpy(dtype=bool, na_value=False)
    assert fullmatch(series, pattern).tolist() == expected.tolist()
    assert fullmatch(pd.Series(texts, dtype=object), pattern).tolist() == expected.tolist()


def test_rows_are_named_the_same_once_the_names_become_a_list(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "Account;ARR at period start;ARR at period end\nAcme;x;100\nBeta;-5;100\nGamma;n/a;100\n"
    one_by_one = messages(import_text(text).excluded)
    monkeypatch.setattr(accounts, "_NAMES_LOOKED_UP", 1)
    assert messages(import_text(text).excluded) == one_by_one
    assert [message.split(",")[0] for message in one_by_one] == [
        "row 2 (Acme)",
        "row 3 (Beta)",
        "row 4 (Gamma)",
    ]
