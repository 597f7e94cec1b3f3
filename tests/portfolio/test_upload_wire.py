"""A CSV read by pyarrow in the upload worker crosses to the app as Arrow, not as cells."""

from __future__ import annotations

import pytest

from advisor.crm_import import ImportOptions
from advisor.crm_import.arrow_wire import arrow_columns, text_columns
from advisor.crm_import.tables import read_export
from advisor.crm_import.text_cells import TextCells
from advisor.crm_import.uploads import _decoder, _encoder, _from_wire, _to_wire, read_upload

CSV = (
    "Account;Owner;ARR at period start;ARR at period end\n"
    "Acme;Marta Ruiz;€ 1.200,50;€ 1.300,00\n"
    "Beta;;500;\n"
    "Ça va SA;Jonas Weber;7;8\n"
).encode()


def test_a_csv_read_by_pyarrow_crosses_from_the_worker_as_arrow_text_columns() -> None:
    table = read_export(CSV, "accounts.csv")
    assert all(isinstance(column, TextCells) for column in table.columns)
    wire = _decoder.decode(_encoder.encode(_to_wire(table)))
    assert wire.columns == [] and wire.arrow
    back = _from_wire(wire)
    assert all(isinstance(column, TextCells) for column in back.columns)
    assert [list(column) for column in back.columns] == [list(c) for c in table.columns]
    assert back.rows == table.rows and back.headers == table.headers


def test_a_table_read_row_by_row_crosses_as_cells() -> None:
    table = read_export(CSV.decode().encode("cp1252", errors="replace"), "accounts.csv")
    assert not any(isinstance(column, TextCells) for column in table.columns)
    wire = _decoder.decode(_encoder.encode(_to_wire(table)))
    assert wire.arrow == b""
    assert _from_wire(wire).columns == table.columns


def test_arrow_columns_that_do_not_fit_the_table_are_refused() -> None:
    table = read_export(CSV, "accounts.csv")
    stream = arrow_columns(table.columns)
    assert len(text_columns(stream, 4, 3)) == 4
    with pytest.raises(ValueError, match="do not match"):
        text_columns(stream, 5, 3)
    with pytest.raises(ValueError, match="do not match"):
        text_columns(stream, 4, 2)
    with pytest.raises(ValueError, match="cannot be read"):
        text_columns(b"not an arrow stream", 4, 3)


def test_an_upload_read_in_the_worker_reaches_the_app_in_arrow() -> None:
    table = read_upload(CSV, "accounts.csv", ImportOptions())
    assert all(isinstance(column, TextCells) for column in table.columns)
    assert list(table.column("Account")) == ["Acme", "Beta", "Ça va SA"]
    assert list(table.column("ARR at period start")) == ["€ 1.200,50", "500", "7"]
