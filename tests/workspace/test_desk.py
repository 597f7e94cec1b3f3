"""The Clients page's desk, pure: which clients each filter keeps, and the files it exports.

Each client is built directly (no database): the dates are chosen around the day the desk
counts from, and what each filter should keep is worked out from its definition here.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from advisor.export.client_list import render_csv, render_xlsx
from advisor.workspace.desk import (
    COLUMNS,
    DeskFilter,
    desk_rows,
    filtered,
    months_before,
    tags,
)
from advisor.workspace.model import Client, Headline, WorkspaceError

AS_OF = dt.date(2026, 12, 7)


def client(
    name: str,
    *,
    hire_by: dt.date | None = None,
    saved: dt.date = AS_OF,
    sector: str | None = None,
    country: str | None = None,
    verdict: str = "hire_now",
    cases: int = 1,
) -> Client:
    headline = (
        Headline(
            case_id=len(name),
            scenario="today",
            verdict=verdict,
            score=80.0,
            saved_at=f"{saved.isoformat()}T09:00:00+00:00",
            marked=False,
            hire_by=None if hire_by is None else hire_by.isoformat(),
            sector=sector,
            country=country,
        )
        if cases
        else None
    )
    return Client(
        id=len(name),
        name=name,
        owner="local",
        archived=False,
        created_at="2026-01-01T00:00:00+00:00",
        updated_at="2026-01-01T00:00:00+00:00",
        case_count=cases,
        latest_verdict=None,
        latest_score=None,
        latest_at=None,
        shared_with=(),
        headline=headline,
    )


def names(clients: list[Client]) -> list[str]:
    return [found.name for found in clients]


def test_hire_by_dates_coming_up_keep_the_next_n_days_soonest_first_overdue_included() -> None:
    days = lambda n: AS_OF + dt.timedelta(days=n)
    listed = [
        client("Alpha", hire_by=days(30)),
        client("Bravo", hire_by=days(-10)),  # overdue: the most pressing
        client("Charlie", hire_by=days(31)),  # one day past a 30-day window
        client("Delta"),  # the plan dates no search
        client("Echo", cases=0),  # nothing saved
        client("Foxtrot", hire_by=days(0)),
    ]
    kept = filtered(listed, DeskFilter.of(hire_within_days=30), AS_OF)
    assert names(kept) == ["Bravo", "Foxtrot", "Alpha"]
    assert names(filtered(listed, DeskFilter(), AS_OF)) == names(listed)


def test_not_reassessed_for_n_months_keeps_headline_cases_saved_that_long_ago() -> None:
    listed = [
        client("Old", saved=dt.date(2026, 6, 7)),  # exactly six months before 7 December
        client("Recent", saved=dt.date(2026, 6, 8)),  # one day short of six months
        client("Ancient", saved=dt.date(2025, 1, 1)),
        client("Empty", cases=0),
    ]
    kept = filtered(listed, DeskFilter.of(stale_months=6), AS_OF)
    assert names(kept) == ["Old", "Ancient"]


def test_months_before_is_the_same_day_or_the_month_s_last_day() -> None:
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert months_before(dt.date(2024, 3, 31), 1) == dt.date(2024, 2, 29)
    assert months_before(dt.date(2026, 1, 15), 1) == dt.date(2025, 12, 15)
    assert months_before(dt.date(2026, 12, 7), 12) == dt.date(2025, 12, 7)
    assert months_before(dt.date(2026, 5, 31), 0) == dt.date(2026, 5, 31)


def test_tags_filter_by_sector_and_country_in_any_case() -> None:
    listed = [
        client("Alpha", sector="SaaS", country="ES"),
        client("Bravo", sector="saas ", country="PT"),
        client("Charlie", sector="Agency", country="ES"),
        client("Delta"),
    ]
    assert tags(listed) == (["Agency", "SaaS"], ["ES", "PT"])
    by_sector = filtered(listed, DeskFilter.of(sectors=["SAAS"]), AS_OF)
    assert names(by_sector) == ["Alpha", "Bravo"]
    both = filtered(listed, DeskFilter.of(sectors=["saas"], countries=["es"]), AS_OF)
    assert names(both) == ["Alpha"]
    assert names(filtered(listed, DeskFilter.of(countries=["ES", "PT"]), AS_OF)) == [
        "Alpha",
        "Bravo",
        "Charlie",
    ]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"hire_within_days": -1}, "hire_within_days: expected a number of days from 0 to 3660"),
        ({"stale_months": 121}, "stale_months: expected a number of months from 0 to 120"),
    ],
)
def test_a_filter_number_out_of_range_names_the_field(
    options: dict[str, int], message: str
) -> None:
    with pytest.raises(WorkspaceError, match=message):
        DeskFilter.of(**options)  # type: ignore[arg-type]


def test_a_client_with_nothing_saved_has_blank_cells_and_a_gate_is_not_scored() -> None:
    rows = desk_rows(
        [client("Empty", cases=0), client("Ferro", verdict="fix_delivery_first")],
        zone=dt.UTC,
    )
    assert list(rows[0]) == list(COLUMNS)
    assert [rows[0][name] for name in ("Verdict", "Score", "Hire by", "Re-assessed")] == [""] * 4
    assert (rows[1]["Verdict"], rows[1]["Score"]) == ("Fix delivery first", "not scored")
    assert rows[1]["Re-assessed"] == "2026-12-07 09:00"


def test_the_export_of_a_client_named_like_a_formula_is_neutralised() -> None:
    rows = desk_rows(
        [client("=cmd()", sector="+SUM(A1)", country="ES"), client("-5 accounts", sector="@x")],
        zone=dt.UTC,
    )
    table = list(csv.reader(io.StringIO(render_csv(rows, COLUMNS).decode("utf-8-sig"))))
    assert table[0] == list(COLUMNS)
    assert (table[1][0], table[1][COLUMNS.index("Sector")]) == ("'=cmd()", "'+SUM(A1)")
    # A signed number with plain words stays as written; "@x" is neutralised.
    assert (table[2][0], table[2][COLUMNS.index("Sector")]) == ("-5 accounts", "'@x")
    sheet = load_workbook(io.BytesIO(render_xlsx(rows, COLUMNS))).active
    assert sheet is not None
    cells = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert cells[0] == list(COLUMNS)
    assert cells[1][0] == "'=cmd()" and cells[1][COLUMNS.index("Sector")] == "'+SUM(A1)"
    assert all(cell.data_type == "s" for cell in sheet[2] if isinstance(cell.value, str))
    assert cells[1][COLUMNS.index("Cases")] == 1
