"""What the import and the report work out in bulk, held to the answer row by row.

The report's currency is tallied per distinct amount text, the renewals calendar is grouped on
numbers, a column's blanks are looked for in its bytes, only refused rows' words are read: each
test here is a case where working that way could differ from reading row by row, with the
answer worked out from the definition.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
from portfolio_support import AS_OF, accounts_frame, import_text

from advisor import portfolio as pf
from advisor.crm_import import ImportOptions, import_accounts
from advisor.crm_import.text_cells import may_hold


def test_currency_tie_goes_to_the_mark_the_rows_show_first() -> None:
    # Marks: ARR start $, €, € and ARR end $, $, € — three of each. Row by row the first mark
    # read is the $ of row 2's ARR start, so the tie goes to USD (not EUR, first by name).
    text = "Account,ARR start,ARR end\nOak,$ 100,$ 100\nElm,€ 200,$ 200\nAsh,€ 300,€ 300\n"
    imported = import_text(text, rates={"EUR": 1.0, "USD": 1.0})
    assert (imported.currency, imported.currency_source) == (
        "USD",
        "the most frequent in the amounts' symbols",
    )


def test_currency_of_repeated_amounts_counts_every_row_holding_them() -> None:
    # "€ 100" in both columns of two rows, "$ 100", "$ 200" and "$ 300" once each: four euro
    # marks against three dollar marks, though the dollars are more distinct texts.
    rows = ["Account,ARR start,ARR end"]
    rows += [f"E{i},€ 100,€ 100" for i in range(2)]
    rows += ["D1,$ 100,", "D2,$ 200,", "D3,$ 300,"]
    imported = import_accounts(
        ("\n".join(rows) + "\n").encode(), "t.csv", ImportOptions(rates={"USD": 1.0})
    )
    assert imported.currency == "EUR"


def test_renewal_calendar_puts_an_empty_owner_with_one_named_no_owner() -> None:
    # "(no owner)" sorts before capitals ("(" is 0x28), and an empty owner is shown as it.
    frame = accounts_frame(
        [1, 1, 1, 1, 1, 1],
        [10, 20, 30, 40, 50, 60],
        owners=["Zoe", "", "(no owner)", "Ann", "Zoe", "ann"],
        renewals=["2025-08-05", "2025-08-20", "2025-08-01", "2025-07-09", "2025-07-30", None],
    )
    assert pf.calendar_records(pf.renewal_calendar(frame, AS_OF)) == [
        {"month": "2025-07-01", "owner": "Ann", "accounts": 1, "arr": 40.0},
        {"month": "2025-07-01", "owner": "Zoe", "accounts": 1, "arr": 50.0},
        {"month": "2025-08-01", "owner": "(no owner)", "accounts": 2, "arr": 20.0 + 30.0},
        {"month": "2025-08-01", "owner": "Zoe", "accounts": 1, "arr": 10.0},
    ]  # "ann" has no renewal date: not in the calendar


def test_renewal_calendar_ends_before_the_same_day_a_year_later() -> None:
    frame = accounts_frame(
        [1, 1, 1],
        [10, 20, 30],
        renewals=["2025-06-30", "2026-06-29", "2026-06-30"],
    )
    calendar = pf.renewal_calendar(frame, date(2025, 6, 30))
    assert pf.calendar_records(calendar) == [
        {"month": "2025-06-01", "owner": "Owner", "accounts": 1, "arr": 10.0},
        {"month": "2026-06-01", "owner": "Owner", "accounts": 1, "arr": 20.0},
    ]
    assert [type(month) for month in calendar["month"]] == [date, date]


def test_each_window_names_its_unowned_renewals_by_date() -> None:
    # Nobody owns C, A, D and E (D renewed before the as-of date); B is owned.
    frame = accounts_frame(
        [1] * 5,
        [10, 20, 30, 40, 50],
        accounts=["C", "B", "A", "D", "E"],
        owners=["", "Bo", "", "", ""],
        renewals=["2025-08-20", "2025-07-02", "2025-07-10", "2025-06-01", "2025-10-15"],
    )
    outlook = pf.renewals_due(frame, AS_OF)  # 2025-06-30
    assert outlook.window(30).unowned_names == ("A",)  # 10 days
    assert outlook.window(60).unowned_names == ("A", "C")  # C: 51 days
    assert outlook.window(120).unowned_names == ("A", "C", "E")  # E: 107 days
    assert (outlook.window(120).accounts, outlook.window(120).unowned_arr) == (4, 10 + 30 + 50)
    assert outlook.overdue.unowned_names == ("D",)


def test_each_refused_status_names_the_word_of_its_own_row() -> None:
    # Only the refused rows' words are read; each message must still quote its own row's word.
    text = (
        "Account,Status,ARR start,ARR end\n"
        "Oak,Customer,100,100\n"
        "Elm,Lead,0,0\n"
        "Ash,Customer,100,100\n"
        "Fir,  Paused ,100,100\n"
        "Yew,Prospect,0,0\n"
    )
    found = [str(issue) for issue in import_text(text).excluded]
    assert len(found) == 3
    assert found[0].startswith("row 3 (Elm), column 'Status': status 'Lead' is not a customer")
    assert found[1].startswith("row 5 (Fir), column 'Status': status 'Paused' (column 'Status'")
    assert found[2].startswith("row 6 (Yew), column 'Status': status 'Prospect' is not a customer")


def test_blanks_at_the_ends_are_stripped_when_only_the_last_cell_has_them() -> None:
    # A column with nothing to strip is kept as read; one blank anywhere makes it stripped.
    rows = ["Account,Owner,ARR start,ARR end"] + [f"A{i},Ann,100,100" for i in range(300)]
    rows.append("Oak \u00a0,Bo ,100,100")
    accounts = import_text("\n".join(rows) + "\n").accounts
    assert accounts["account"].tolist()[-1] == "Oak"
    assert accounts["owner"].tolist()[-2:] == ["Ann", "Bo"]


def test_blanks_of_several_bytes_are_found_at_either_end_of_a_column_but_not_in_a_euro() -> None:
    # U+202F is E2 80 AF and U+00A0 is C2 A0 in UTF-8; the euro sign E2 82 AC shares a first byte.
    assert may_hold(pd.Series(["\u202fOak", "Elm"], dtype="str"), ("\u202f",))
    assert may_hold(pd.Series(["Oak", "Elm\u00a0"], dtype="str"), ("\u00a0",))
    assert not may_hold(pd.Series(["€ 100", "Elm Â"], dtype="str"), ("\u202f", "\u00a0", "  "))
    assert may_hold(pd.Series(["Oak", "Elm  Ltd"], dtype="str"), ("  ",))


def test_the_rows_left_out_leave_the_frame_but_still_date_the_file() -> None:
    # The accounts frame is copied column by column; the latest date is read before, on every row.
    text = (
        "Account,ARR start,ARR end,Customer since\n"
        "Oak,100,100,2024-01-10\n"
        ",100,100,2025-05-01\n"  # no name: left out, its date still read
        "Elm,-5,100,2024-02-10\n"  # a negative amount: left out
        "Ash,100,120,2024-03-10\n"
    )
    imported = import_text(text)
    assert imported.accounts["account"].tolist() == ["Oak", "Ash"]
    assert imported.accounts["arr_end"].tolist() == [100.0, 120.0]
    assert imported.accounts.index.tolist() == [0, 1]
    assert imported.latest_date == date(2025, 5, 1)
