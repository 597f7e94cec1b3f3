"""Readable on a projector: long texts wrap whole in the Role, Workshop and Compare tables; the
History chart's labels are not cut, its table names the pack and its times are local, to the
minute; the workshop grid marks questions in words a browser without emoji fonts draws."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any
from zoneinfo import ZoneInfo

from apptest_support import go_to, open_app
from saved_cases import add_client, save_case

from advisor import charts
from advisor.pack import load_pack
from advisor.profile import load_profile, parse_profile, updated_profile
from advisor.samples import sample_path
from advisor.ui.components import CELL_CHAR_PX, lines_needed
from advisor.workshop.tables import STATE_MARKS
from advisor.workspace.model import HistoryPoint
from advisor.workspace.session import history_table
from advisor.workspace.store import Workspace
from advisor.yamlio import read_document

NORTHWIND = sample_path("Northwind Analytics (hire now)")
DEFAULT_ROW_PX = 35  # Streamlit's grid row: one line, longer text cut at the column's edge


def _lines_shown(row_height: int) -> int:
    """How many lines of text a row of this height shows (0: the grid's own row, one line)."""
    return max(1, (row_height - 16) // 21)


def test_lines_needed_counts_the_longest_text_at_its_columns_width() -> None:
    width = 300
    per_line = int((width - 16) / CELL_CHAR_PX)  # 39 characters a line at 7.2 px each
    long = "x" * (per_line * 4 + 1)  # one character past four lines
    assert lines_needed([{"A": "short", "B": long}], {"B": width}, 120) == 5
    assert lines_needed([{"A": "short"}], {}, 120) == 1
    assert lines_needed([{"A": "y" * 10_000}], {}, 120) == 10  # the tallest row drawn


def test_role_editors_wrap_what_it_means_why_it_ranks_and_where_the_am_stops() -> None:
    at = open_app("Role")
    wrapped = {}
    for editor in at.data_editor:
        columns = list(editor.value.columns)
        # The editors' columns by name; their headers read "What it means", and so on.
        for label, name in (
            ("What it means", "description"),
            ("Why it ranks here", "why"),
            ("Where the AM stops", "boundary"),
        ):
            if name in columns:
                longest = max(len(str(text)) for text in editor.value[name])
                wrapped[label] = (longest, editor.proto.row_height)
    assert set(wrapped) == {"What it means", "Why it ranks here", "Where the AM stops"}
    for label, (longest, row_height) in wrapped.items():
        # Three text columns share about 760 px: each is about 250 px, 32 characters a line.
        needed = min(10, math.ceil(longest / 32))
        assert row_height > DEFAULT_ROW_PX, label
        assert _lines_shown(row_height) >= needed, (label, longest, row_height)


def _workshop_with_a_long_comment(url: str, comment: str) -> None:
    base = dict(read_document("tests/rule_cases/base.yaml"))
    profile = parse_profile({**base, "churn_trend": "rising", "company": "Northwind"})
    client = add_client(url, "Northwind")
    case_id = save_case(url, client, "today", profile).id
    with Workspace.open(url) as ws:
        ws.start_workshop(case_id)
        _, dana = ws.add_respondent(case_id, "Dana", "delivery")
        _, ravi = ws.add_respondent(case_id, "Ravi", "sales")
        ws.save_answer(dana, "delivery_maturity", "standardised", comment)
        ws.save_answer(ravi, "delivery_maturity", "emerging")


def test_the_workshop_grid_wraps_comments_and_consensus_whole(workspace_url: str) -> None:
    comment = "Two delivery teams each onboard a client their own way, " * 4
    _workshop_with_a_long_comment(workspace_url, comment.strip())
    at = open_app("Cases")
    at.button(key="cases.open").click().run()
    at = go_to(at, "Workshop")
    (grid,) = [t for t in at.main.dataframe if "Consensus" in t.value.columns]
    cell = grid.value[grid.value["Question"] == "Delivery maturity"]["Dana"].iloc[0]
    assert comment.strip() in cell  # the whole comment is in the cell, not cut
    # Three answer columns (Dana, Ravi, the consensus) share 590 px: 196 px, 25 characters a
    # line; the cell needs every line shown.
    assert _lines_shown(grid.proto.row_height) >= min(10, math.ceil(len(cell) / 25))
    last_saved = at.main.dataframe[0].value["Last saved"].tolist()
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", text) for text in last_saved)


def test_the_workshop_grid_marks_no_emoji_a_browser_draws_as_a_box() -> None:
    for mark in STATE_MARKS.values():
        # Letters, spaces and punctuation only: no warning or no-entry sign, which a browser
        # without an emoji font (Debian's Chromium) draws as an empty box.
        assert re.fullmatch(r"[A-Za-z ,:]+", mark), mark


def test_compare_wraps_the_outcomes_and_what_each_difference_does_alone(
    workspace_url: str,
) -> None:
    client = add_client(workspace_url, "Northwind")
    today = load_profile(NORTHWIND)
    save_case(workspace_url, client, "today", today)
    save_case(workspace_url, client, "smaller book", updated_profile(today, {"active_accounts": 6}))
    at = open_app("Compare")
    outcomes = next(t for t in at.dataframe if "Section" in t.value.columns)
    alone = next(t for t in at.dataframe if "What it does alone" in t.value.columns)
    longest = max(len(text) for text in alone.value["What it does alone"])
    # "What it does alone" is 420 px wide: 56 characters a line.
    assert _lines_shown(alone.proto.row_height) >= min(10, math.ceil(longest / 56))
    headlines = [
        str(text) for column in outcomes.value.columns[2:4] for text in outcomes.value[column]
    ]
    # A scenario's column is 260 px wide: 33 characters a line.
    needed = min(10, math.ceil(max(len(text) for text in headlines) / 33))
    assert _lines_shown(outcomes.proto.row_height) >= needed


def _point(saved_at: str, name: str = "AM Advisor default rules", version: str = "2026.11") -> Any:
    return HistoryPoint(
        id=1,
        case_id=1,
        scenario="today",
        saved_at=saved_at,
        verdict="hire_now",
        score=95.0,
        pack_digest="19ead4b82cf6aa00",
        profile={},
        pack_name=name,
        pack_version=version,
    )


def test_history_names_the_pack_not_its_digest_and_times_are_local_to_the_minute() -> None:
    madrid = ZoneInfo("Europe/Madrid")  # UTC+1 in December
    (row,) = history_table([_point("2026-12-01T11:46:30.123456+00:00")], madrid)
    assert row["Saved"] == "2026-12-01 12:46"
    assert row["Rule pack"] == "AM Advisor default rules 2026.11"
    (old,) = history_table([_point("2026-12-01T11:46:30+00:00", "", "")], dt.UTC)
    assert old["Rule pack"] == "rules digest 19ead4b82cf6"
    assert old["Saved"] == "2026-12-01 11:46"


def test_the_history_charts_labels_are_not_clipped() -> None:
    points = [_point("2026-12-01T11:46:30+00:00"), _point("2026-12-03T09:00:00+00:00")]
    figure = charts.history_figure(points, load_pack().scoring, ZoneInfo("Europe/Madrid"))
    for trace in figure.data:
        assert trace.cliponaxis is False  # a label past the plot's edge is drawn, not cut
    margin = figure.layout.margin
    assert margin.l >= 60 and margin.r >= 60 and margin.t >= 60
    assert list(figure.data[0].x) == ["2026-12-01 12:46", "2026-12-03 10:00"]


def test_the_history_page_table_names_the_pack(workspace_url: str) -> None:
    client = add_client(workspace_url, "Northwind")
    save_case(workspace_url, client, "today", load_profile(NORTHWIND))
    at = open_app("History")
    (table,) = [t for t in at.dataframe if "Scenario" in t.value.columns]
    pack = load_pack()
    assert table.value["Rule pack"].tolist() == [f"{pack.name} {pack.version}"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", table.value["Saved"].iloc[0])
