"""A reload in a real browser lands on the same case and page; the workshop's consensus, saved as
a scenario there, shows in History, Compare and `advisor history`.

Pressing F5 on the Workshop page (or a projector's dropped connection) lost the open case:
"Open a saved case on the Cases page first". The address carries the open case's ids now.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from browser_support import ROOT, StreamlitServer, running_app
from test_app_in_chromium import expect

from advisor import cli
from advisor.engine import evaluate
from advisor.pack import load_pack
from advisor.pack.uploads import default_documents
from advisor.profile import FIELDS, parse_profile, profile_to_dict
from advisor.workspace.model import CaseDocument
from advisor.workspace.store import Workspace
from advisor.yamlio import read_document

pytestmark = pytest.mark.browser

NOT_OPEN = "Open a saved case on the Cases page first"


@pytest.fixture
def database(tmp_path: Path) -> str:
    """Northwind's case "plan" with a workshop: two of three say delivery is emerging."""
    url = f"sqlite:///{tmp_path / 'workspace.db'}"
    base = dict(read_document(ROOT / "tests" / "rule_cases" / "base.yaml"))
    profile = parse_profile({**base, "company": "Northwind", "active_accounts": 31})
    pack = load_pack()
    document = CaseDocument(profile_to_dict(profile), None, None, pack.digest)
    with Workspace.open(url) as ws:
        client = ws.add_client("Northwind")
        case = ws.save_case(
            client.id, "plan", document, evaluate(profile, pack), default_documents()
        )
        ws.start_workshop(case.id)
        for name, maturity in (("Dana", "emerging"), ("Ravi", "emerging"), ("Kim", "ad_hoc")):
            _, token = ws.add_respondent(case.id, name, "delivery")
            ws.save_answer(token, "delivery_maturity", maturity)
    return url


@pytest.fixture
def server(
    browser_available: None, database: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[StreamlitServer]:
    monkeypatch.setenv("ADVISOR_DATABASE_URL", database)
    with running_app(ROOT / "app.py") as running:
        yield running


def _go(page: Any, name: str) -> None:
    page.get_by_test_id("stSidebarNavLink").filter(has_text=name).click()
    expect(page.get_by_role("heading", name=name, exact=True).first).to_be_visible()


def _on_the_workshop_of_plan(page: Any) -> None:
    expect(page.get_by_role("heading", name="Workshop", exact=True).first).to_be_visible()
    expect(page.get_by_text("Northwind › plan")).to_be_visible()
    expect(page.get_by_text(NOT_OPEN)).to_have_count(0)


def test_a_reload_lands_on_the_same_case_and_page_and_the_consensus_becomes_a_case(
    page: Any, server: StreamlitServer, browser_context: Any, database: str
) -> None:
    page.goto(f"{server.url}/cases")
    page.get_by_role("button", name="Open into the session").click()
    expect(page.get_by_text(re.compile("Opened plan"))).to_be_visible()
    _go(page, "Workshop")
    _on_the_workshop_of_plan(page)
    page.wait_for_url(re.compile(r"/workshop\?.*case="))
    address = urlparse(page.url)
    params = parse_qs(address.query)
    assert address.path == "/workshop"
    assert {key: value[0] for key, value in params.items()} == {"client": "1", "case": "1"}
    assert not set(params) & set(FIELDS)  # no figure of the client in the address

    page.reload()  # F5, or the projector's connection dropped
    _on_the_workshop_of_plan(page)
    second = browser_context.new_page()  # a second tab, or a bookmark
    try:
        second.goto(page.url)
        _on_the_workshop_of_plan(second)
    finally:
        second.close()

    page.get_by_role("button", name="Save the consensus").click()
    expect(page.get_by_text(re.compile("Saved team consensus for Northwind"))).to_be_visible()
    _go(page, "History")
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
    expect(page.get_by_text("What changed between two points")).to_be_visible()
    # The two points compared, From and To, each named by its scenario.
    expect(page.get_by_role("combobox", name="From")).to_have_value(re.compile(" · plan · "))
    expect(page.get_by_role("combobox", name="To")).to_have_value(
        re.compile(" · team consensus · ")
    )
    _go(page, "Compare")
    picked = page.get_by_test_id("stMultiSelect")
    expect(picked.get_by_text("plan", exact=True)).to_be_visible()
    expect(picked.get_by_text("team consensus", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Outcomes")).to_be_visible()
    out = io.StringIO()
    assert cli.main(["history", "--format", "json", "--db", database], out) == 0
    assert [point["scenario"] for point in json.loads(out.getvalue())] == [
        "plan",
        "team consensus",
    ]
