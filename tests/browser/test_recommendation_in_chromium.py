"""The Recommendation page in a real browser, for a book that needs several Account Managers:
the team plan and the payback read exactly as `advisor.present` words them for the same case."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import urlencode

import pytest
import sample_cases
from browser_support import StreamlitServer

from advisor import present
from advisor.engine import evaluate
from advisor.pack import load_pack
from advisor.profile import load_profile, parse_profile, profile_to_dict, profile_to_query
from advisor.samples import DEFAULT_SAMPLE, sample_path
from advisor.ui.recommendation_page import COST_COLUMNS, HIRE_COLUMNS

pytestmark = pytest.mark.browser

# The sample the page starts from has notes; this case has none.
SMB_TEAM = {**sample_cases.SMB_TEAM, "notes": None}
COUNTS_FROM = re.compile(r"Every date counts from (\d{1,2} \w+ \d{4})\.")


def expect(target: Any) -> Any:
    from playwright.sync_api import expect as playwright_expect

    playwright_expect.set_options(timeout=60_000)  # a cold first run imports plotly
    return playwright_expect(target)


def rows_of(table: Any) -> list[tuple[str, ...]]:
    """The body rows of a table, each cell's text."""
    return [
        tuple(cell.inner_text().strip() for cell in row.locator("td").all())
        for row in table.locator("tbody tr").all()
    ]


def test_the_team_plan_and_the_payback_read_as_the_presenter_says(
    page: Any, app_server: StreamlitServer
) -> None:
    sample = profile_to_dict(load_profile(sample_path(DEFAULT_SAMPLE)))
    profile = parse_profile({**sample, **SMB_TEAM})
    page.goto(f"{app_server.url}/recommendation?{urlencode(profile_to_query(profile))}")
    expect(page.get_by_role("heading", name="Recommendation")).to_be_visible()
    counts_from = page.get_by_text(COUNTS_FROM)
    expect(counts_from).to_be_visible()
    found = COUNTS_FROM.search(counts_from.inner_text())
    assert found is not None
    as_of = dt.datetime.strptime(found.group(1), "%d %B %Y").date()
    expected = evaluate(profile, load_pack(), as_of=as_of)
    assert expected.team is not None and len(expected.team.hires) > 2

    hires = page.get_by_test_id("stMarkdown").locator("table").filter(has_text=HIRE_COLUMNS[-1])
    expect(hires).to_be_visible()
    expect(hires.locator("tbody tr")).to_have_count(len(expected.team.hires))
    assert rows_of(hires) == [tuple(row) for row in present.hire_rows(expected.team)]
    costs = page.get_by_test_id("stMarkdown").locator("table").filter(has_text=COST_COLUMNS[-1])
    expect(costs.locator("tbody tr")).to_have_count(8)
    assert rows_of(costs) == [
        tuple(row) for row in present.cost_rows(expected.team, expected.economics.currency)
    ]
    expect(page.get_by_text(present.team_plan_sentence(expected))).to_be_visible()

    payback = present.line(expected, "payback")
    card = page.get_by_test_id("stVerticalBlock").filter(has_text=payback.label).last
    expect(card.get_by_role("heading", name=payback.text, exact=True)).to_be_visible()
    payback_range = present.line(expected, "payback_range")
    expect(card.get_by_text(f"{payback_range.label}: {payback_range.text}")).to_be_visible()
    how, assumption = present.payback_details(expected, load_pack().am_effect)
    expect(card.get_by_text(how)).to_be_visible()
    expect(card.get_by_text(assumption)).to_be_visible()
    for wrong in ("already past", "Hire by", "not reached"):
        expect(page.get_by_text(wrong)).to_have_count(0)


def test_the_trace_opens_with_its_table_and_closes_again(
    page: Any, app_server: StreamlitServer
) -> None:
    """The trace's table is drawn only once its expander is opened: a click opens it with the
    table of every rule, a second click closes it."""
    profile = load_profile(sample_path(DEFAULT_SAMPLE))
    page.goto(f"{app_server.url}/recommendation?{urlencode(profile_to_query(profile))}")
    trace = page.get_by_test_id("stExpander").filter(has_text="Full trace: every rule")
    expect(trace).to_be_visible()
    expect(trace.get_by_test_id("stDataFrame")).to_have_count(0)
    trace.get_by_text("Full trace: every rule").click()
    expect(trace.get_by_test_id("stDataFrame")).to_have_count(1)
    expect(trace.get_by_text("Rule pack")).to_be_visible()  # the caption under the table
    # The run that drew the table may still be drawing the page (its first table loads
    # pandas): let it end before the next click, as a reader would.
    page.wait_for_timeout(1_000)
    trace.get_by_text("Full trace: every rule").click()
    expect(trace.get_by_text("Rule pack")).to_be_hidden()
