"""Roles on a shared client, in a real browser with a real sign-in (a local OpenID Connect
provider), and the audit trail they leave.

Anna shares her client with Ben as a collaborator and with Carl as a viewer. Ben may save a
case but not delete one; Carl may do neither, and says so, but downloads the brief; Anna's
audit trail shows who did what, and the server's stdout has each event as a JSON line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sign_in_support import SignInApp, sign_in, verified
from test_app_in_chromium import expect
from test_workspace_access_in_chromium import add_client_and_open_its_cases, go_to, open_address

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
]

ANNA = "anna.owner@example.com"
BEN = "ben.collaborator@example.com"
CARL = "carl.viewer@example.com"
CLIENT = "Borealis Labs"


def add_client_with_a_case(page: Any, app: SignInApp) -> None:
    add_client_and_open_its_cases(page, app, CLIENT)
    page.get_by_role("button", name="Save as new").click()
    expect(page.get_by_text(re.compile(f"Saved today for {CLIENT}"))).to_be_visible()


def choose(page: Any, box: str, option: str) -> None:
    """Pick an option of a selectbox; a rerun still drawing the page can close the list just
    opened, so it is opened again until the option shows."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    wanted = page.get_by_role("option", name=re.compile(f"^{re.escape(option)}"))
    for _attempt in range(5):
        page.get_by_role("combobox", name=re.compile(f"^{re.escape(box)}")).click()
        try:
            wanted.click(timeout=5_000)
            return
        except PlaywrightTimeout:  # the list closed under the click: open it again
            page.keyboard.press("Escape")
    wanted.click()


def share(page: Any, colleague: str, role: str) -> None:
    page.get_by_role("textbox", name="Share with a colleague").fill(colleague)
    choose(page, "As", role)
    expect(page.get_by_role("textbox", name="Share with a colleague")).to_have_value(colleague)
    page.get_by_role("button", name="Share", exact=True).click()
    expect(page.get_by_text(f"Shared {CLIENT} with {colleague} as a {role}")).to_be_visible()


def open_the_case(page: Any, app: SignInApp) -> None:
    open_address(page, app, "cases", "Cases")
    expect(page.get_by_text(f"belongs to {ANNA}, who shared it with you")).to_be_visible()
    page.get_by_role("button", name="Open into the session").click()
    expect(page.get_by_test_id("stSidebar").get_by_text("No unsaved changes.")).to_be_visible()


def server_events(app: SignInApp) -> list[dict[str, Any]]:
    """The JSON lines of the app's stdout (its log file holds stdout and stderr)."""
    found = []
    for line in app.server.log_path.read_text("utf-8", "replace").splitlines():
        if line.startswith("{"):
            found.append(json.loads(line))
    return found


def test_each_role_is_offered_what_it_may_do_and_the_owner_reads_the_trail(
    people: Callable[[], Any], signed_app: SignInApp
) -> None:
    anna, ben, carl = people(), people(), people()
    sign_in(anna, signed_app, ANNA, claims=verified(ANNA), shown=ANNA)
    add_client_with_a_case(anna, signed_app)
    share(anna, BEN, "collaborator")
    share(anna, CARL, "viewer")
    sign_in(ben, signed_app, BEN, claims=verified(BEN), shown=BEN)
    sign_in(carl, signed_app, CARL, claims=verified(CARL), shown=CARL)

    # Ben, a collaborator: saves, but deleting is Anna's.
    open_the_case(ben, signed_app)
    expect(ben.get_by_role("button", name="Delete…")).to_be_disabled()
    expect(ben.get_by_role("button", name="Save as new")).to_be_enabled()
    expect(
        ben.get_by_text(re.compile(rf"only its owner \({re.escape(ANNA)}\) can delete its cases"))
    ).to_be_visible()

    # Carl, a viewer: neither saves nor deletes, and is told who may.
    open_the_case(carl, signed_app)
    for label in ("Delete…", "Save as new", "Duplicate", "Rename"):
        expect(carl.get_by_role("button", name=label, exact=True)).to_be_disabled()
    expect(carl.get_by_text(f"You are a viewer on {CLIENT}").first).to_be_visible()
    # ... but exports the brief: it is recorded.
    go_to(carl, "Role")
    carl.get_by_role("tab", name="Download").click()
    with carl.expect_download() as download:
        carl.get_by_role("button", name="Markdown", exact=True).click()
    assert Path(download.value.path()).read_text("utf-8").startswith("#")

    # Anna's trail: the shares and Carl's export, newest first; Ben's page shows no trail.
    open_address(anna, signed_app, "clients", "Clients")
    anna.get_by_text(f"Audit trail of {CLIENT}").click()
    trail = anna.get_by_test_id("stDataFrame").filter(has_text="exported a document")
    expect(trail).to_contain_text(CARL)
    expect(trail).to_contain_text("shared the client")
    open_address(ben, signed_app, "clients", "Clients")
    expect(ben.get_by_text(f"Audit trail of {CLIENT}")).to_have_count(0)

    events = [e for e in server_events(signed_app) if e.get("client_name") == CLIENT]
    actions = [e["action"] for e in events]
    assert actions[:2] == ["share", "share"] and "export" in actions
    export = next(e for e in events if e["action"] == "export")
    assert export["detail"] == {"document": "brief.md"} and export["logger"] == "advisor.audit"
    assert all({"time", "level", "logger"} <= set(e) for e in events)
