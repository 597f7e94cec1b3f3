"""Navigation in a real browser: a page's own path, a partial link, leaving a page and returning."""

from __future__ import annotations

import re
from typing import Any

import pytest
from browser_support import StreamlitServer, number_field
from test_app_in_chromium import ACCOUNTS, expect

pytestmark = pytest.mark.browser


def go_to(page: Any, name: str) -> None:
    """Click a page in the sidebar, as a user does (the session stays the same)."""
    page.get_by_test_id("stSidebarNavLink").filter(has_text=name).click()
    expect(page.get_by_role("heading", name=name, exact=True).first).to_be_visible()


def test_the_assess_path_opens_the_assess_page(page: Any, app_server: StreamlitServer) -> None:
    page.goto(f"{app_server.url}/assess?active_accounts=31")
    expect(page.get_by_role("heading", name="Assess", exact=True)).to_be_visible()
    expect(number_field(page, ACCOUNTS)).to_have_value("31")
    expect(page.get_by_text("Page not found")).to_have_count(0)


def test_a_partial_link_keeps_its_fields(page: Any, app_server: StreamlitServer) -> None:
    page.goto(f"{app_server.url}/?active_accounts=40")
    expect(number_field(page, ACCOUNTS)).to_have_value("40")
    expect(page.get_by_text(re.compile("The link gave only some of the inputs"))).to_be_visible()
    expect(page).to_have_url(re.compile(r"active_accounts=40"))


def test_role_edits_survive_leaving_the_page(page: Any, app_server: StreamlitServer) -> None:
    page.goto(f"{app_server.url}/role")
    title = page.get_by_label("Role title")
    expect(title).to_be_visible()
    title.fill("Client Partner")
    title.press("Enter")
    expect(page.get_by_role("heading", name="Client Partner")).to_be_visible()
    go_to(page, "Assess")
    go_to(page, "Role")
    expect(page.get_by_label("Role title")).to_have_value("Client Partner")
    expect(page.get_by_role("heading", name="Client Partner")).to_be_visible()
