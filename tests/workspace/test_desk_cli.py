"""`advisor clients headline` and `advisor clients list` as a consultant's desk: the headline
case's verdict, the filters and the formula-safe CSV and XLSX files."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from test_headline import DAY, NORTHWIND, case_on, save
from test_workspace_cli import run

from advisor.pack import RulePack
from advisor.profile import load_profile, parse_profile, profile_to_dict
from advisor.workspace import Workspace, WorkspaceError
from advisor.workspace.desk import COLUMNS
from advisor.workspace.roles import VIEWER


@pytest.fixture
def desk(store_url: str, make_profile: Any, pack: RulePack) -> dict[str, Any]:
    """Acme with "today" (Northwind's figures: hire now, on DAY; SaaS, ES) and a later
    "worse case" (8 accounts)."""
    northwind = profile_to_dict(load_profile(NORTHWIND))
    today = case_on(parse_profile({**northwind, "sector": "SaaS", "country": "ES"}), pack)
    worse = case_on(make_profile(active_accounts=8, sector="SaaS", country="ES"), pack)
    assert today[1].verdict != worse[1].verdict
    with Workspace.open(store_url) as ws:
        acme = ws.add_client("Acme")
        save(ws, acme.id, "today", today)
        save(ws, acme.id, "worse case", worse)
        ws.add_client("=cmd()")
    return {"db": ("--db", store_url), "today": today[1], "worse": worse[1]}


def test_the_list_shows_the_headline_verdict_until_another_case_is_marked(
    desk: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = run(capsys, "clients", "list", "--format", "json", *desk["db"])
    acme = next(item for item in json.loads(out) if item["name"] == "Acme")
    assert code == 0 and acme["headline"]["scenario"] == "today"
    assert acme["headline"]["verdict"] == desk["today"].verdict.value
    code, out, err = run(
        capsys, "clients", "headline", "acme", "--scenario", "Worse Case", *desk["db"]
    )
    verdict = desk["worse"].verdict.value
    assert (code, out, err) == (
        0,
        f"'worse case' is the headline case of 'Acme' ({verdict})\n",
        "",
    )
    _code, out, _err = run(capsys, "clients", "list", *desk["db"])
    (line,) = [line for line in out.splitlines() if " Acme " in f" {line} "]
    assert "worse case" in line and verdict in line


def test_marking_a_case_that_does_not_exist_or_as_a_viewer_exits_2(
    desk: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(capsys, "clients", "headline", "Acme", "--scenario", "best", *desk["db"])
    assert code == 2 and "no case named 'best'" in err
    url = desk["db"][1]
    with Workspace.open(url) as ws:
        acme = ws.find_client("Acme")
        ws.share_client(acme.id, "carl@example.com", VIEWER)
    with Workspace.open(url, user="carl@example.com") as carl:
        worse = carl.find_case(acme.id, "worse case")
        with pytest.raises(WorkspaceError, match="only its owner or a collaborator can mark"):
            carl.set_headline(acme.id, worse.id)


def test_the_list_exports_csv_and_xlsx_formula_safe(
    desk: dict[str, Any], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _err = run(capsys, "clients", "list", "--format", "csv", *desk["db"])
    table = list(csv.reader(io.StringIO(out)))
    assert code == 0 and table[0] == list(COLUMNS)
    assert [row[0] for row in table[1:]] == ["'=cmd()", "Acme"]
    acme = table[2]
    assert (acme[COLUMNS.index("Headline case")], acme[COLUMNS.index("Sector")]) == (
        "today",
        "SaaS",
    )
    target = tmp_path / "clients.xlsx"
    code, out, _err = run(
        capsys, "clients", "list", "--format", "xlsx", "--out", str(target), *desk["db"]
    )
    assert (code, out) == (0, "")
    sheet = load_workbook(target).active
    assert sheet is not None
    assert [cell.value for cell in sheet["A"]] == ["Client", "'=cmd()", "Acme"]


def test_an_xlsx_list_needs_out_and_a_bad_window_names_the_option(
    desk: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "clients", "list", "--format", "xlsx", *desk["db"])
    assert (code, out) == (2, "") and "--out: an xlsx list is a file: add --out FILE" in err
    code, _out, err = run(capsys, "clients", "list", "--stale-months", "-1", *desk["db"])
    assert code == 2 and "stale_months: expected a number of months from 0 to 120, got -1" in err


def test_the_list_filters_by_tag_and_by_hire_by_dates_coming_up(
    desk: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    _code, out, _err = run(
        capsys, "clients", "list", "--sector", "saas", "--format", "json", *desk["db"]
    )
    assert [item["name"] for item in json.loads(out)] == ["Acme"]
    _code, out, _err = run(capsys, "clients", "list", "--country", "PT", *desk["db"])
    assert out == "No clients match.\n"
    # Hire now opens the search on the day assessed: DAY is inside a 0-day window counted
    # from DAY, and one day after a window counted from the day before.
    for day, expected in ((DAY, ["Acme"]), (DAY - dt.timedelta(days=1), [])):
        _code, out, _err = run(
            capsys,
            "clients",
            "list",
            "--hire-within",
            "0",
            "--date",
            day.isoformat(),
            "--format",
            "json",
            *desk["db"],
        )
        assert [item["name"] for item in json.loads(out)] == expected
