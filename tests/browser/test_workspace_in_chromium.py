"""The workspace in a real browser: a client created, two scenarios saved, then compared."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import ROOT, StreamlitServer, running_app, set_number
from test_app_in_chromium import ACCOUNTS, expect

from advisor.workspace.store import Workspace

pytestmark = pytest.mark.browser


@pytest.fixture
def workspace_server(
    browser_available: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[StreamlitServer]:
    """An app of its own on a fresh workspace database, so no other test sees its clients."""
    monkeypatch.setenv("ADVISOR_DATABASE_URL", f"sqlite:///{tmp_path / 'workspace.db'}")
    with running_app(ROOT / "app.py") as server:
        yield server


def _sidebar_link(page: Any, name: str) -> None:
    page.get_by_test_id("stSidebarNavLink").filter(has_text=name).click()
    expect(page.get_by_role("heading", name=name, exact=True).first).to_be_visible()


def _save_as(page: Any, scenario: str) -> None:
    box = page.get_by_label("Scenario name", exact=True)
    box.fill(scenario)
    box.press("Enter")
    page.get_by_role("button", name="Save as new").click()
    expect(page.get_by_text(re.compile(f"Saved {scenario} for Acme"))).to_be_visible()


def test_a_client_two_saved_scenarios_and_their_comparison(
    page: Any, workspace_server: StreamlitServer
) -> None:
    page.goto(f"{workspace_server.url}/clients")
    expect(page.get_by_text("One local workspace", exact=False)).to_be_visible()
    links = page.get_by_test_id("stSidebarNavLink")
    expect(links.first).to_have_text(re.compile("Assess"))
    order = links.all_inner_texts()
    name = page.get_by_label("New client")
    name.fill("Acme")
    name.press("Enter")
    page.get_by_role("button", name="Add client").click()
    expect(page.get_by_text("Added the client Acme.")).to_be_visible()
    assert links.all_inner_texts() == order  # the first client moves no page

    page.get_by_role("button", name="Open its cases").click()
    expect(page.get_by_role("heading", name="Cases", exact=True)).to_be_visible()
    _save_as(page, "today")
    expect(page.get_by_test_id("stSidebar").get_by_text("No unsaved changes.")).to_be_visible()

    _sidebar_link(page, "Assess")
    set_number(page, ACCOUNTS, 6)
    expect(
        page.get_by_test_id("stSidebar").get_by_text(re.compile("1 unsaved change"))
    ).to_be_visible()
    _sidebar_link(page, "Cases")
    _save_as(page, "smaller book")

    _sidebar_link(page, "Compare")
    table = page.get_by_test_id("stDataFrame").first
    expect(table).to_be_visible()
    expect(page.get_by_text(re.compile("verdict", re.IGNORECASE)).first).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download as Markdown").click()
    markdown = Path(download.value.path()).read_text("utf-8")
    assert "today" in markdown and "smaller book" in markdown
    assert "Active client accounts" in markdown
    with page.expect_download() as sheet:
        page.get_by_role("button", name="Download as XLSX").click()
    assert Path(sheet.value.path()).read_bytes()[:2] == b"PK"


def test_a_workspace_that_already_has_a_client_keeps_the_pages_in_their_order(
    page: Any, browser_available: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A consultant's usual start: the root opens Assess, and the pages are where they were
    before the workspace had a client."""
    url = f"sqlite:///{tmp_path / 'workspace.db'}"
    with Workspace.open(url) as workspace:
        workspace.add_client("Northwind")
    monkeypatch.setenv("ADVISOR_DATABASE_URL", url)
    with running_app(ROOT / "app.py") as server:
        page.goto(server.url)
        expect(page.get_by_text(re.compile("· readiness")).first).to_be_visible()
        links = page.get_by_test_id("stSidebarNavLink")
        expect(links.first).to_have_text(re.compile("Assess"))
        _sidebar_link(page, "Clients")
        expect(page.get_by_text("Northwind").first).to_be_visible()
