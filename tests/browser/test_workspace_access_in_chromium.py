"""Who may see a client, in a real browser with a real sign-in (a local OpenID Connect provider).

Alice signs in, creates a client and saves two scenarios; Bob, in a browser of his own, can
neither list, open, compare nor delete it, through the pages or by typing addresses; once Alice
shares it with him by name he sees it (and is not offered its delete), and once she stops, he
no longer does.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from sign_in_support import SignInApp, sign_in, verified
from test_app_in_chromium import expect

pytestmark = [
    pytest.mark.browser,
    # The test provider runs on Authlib interfaces Authlib has since deprecated.
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
]

ALICE = "alice.owner@example.com"
BOB = "bob.colleague@example.com"
CLIENT = "Acme Robotics"
# Addresses Bob might type: each workspace page, and the same with ids in the query.
BOB_TRIES = (
    "clients",
    "cases",
    "history",
    "compare",
    "cases?client=1&case=1",
    "history?client=1",
    "compare?client=1&case=1&case=2",
)


def go_to(page: Any, name: str) -> None:
    page.get_by_test_id("stSidebarNavLink").filter(has_text=name).click()
    expect(page.get_by_role("heading", name=name, exact=True).first).to_be_visible()


def open_address(page: Any, app: SignInApp, path: str, heading: str) -> None:
    page.goto(f"{app.url}/{path}")
    expect(page.get_by_role("heading", name=heading, exact=True).first).to_be_visible()
    expect(page.get_by_test_id("stSidebar").get_by_text("Signed in as", exact=True)).to_be_visible()


def save_as(page: Any, scenario: str) -> None:
    box = page.get_by_role("textbox", name="Scenario name", exact=True)
    box.fill(scenario)
    box.press("Enter")
    page.get_by_role("button", name="Save as new").click()
    expect(page.get_by_text(re.compile(f"Saved {scenario} for {CLIENT}"))).to_be_visible()
    # The box is refilled with the open case's name on the rerun: wait for it before typing more.
    expect(box).to_have_value(scenario)


def add_client_and_open_its_cases(page: Any, app: SignInApp, client: str) -> None:
    open_address(page, app, "clients", "Clients")
    name = page.get_by_label("New client")
    name.fill(client)
    name.press("Enter")
    page.get_by_role("button", name="Add client").click()
    expect(page.get_by_text(f"Added the client {client}.")).to_be_visible()
    page.get_by_role("button", name="Open its cases").click()
    expect(page.get_by_role("heading", name="Cases", exact=True)).to_be_visible()


def create_client_with_two_cases(page: Any, app: SignInApp) -> None:
    add_client_and_open_its_cases(page, app, CLIENT)
    save_as(page, "today")
    save_as(page, "after hiring")


def sees_no_client_of_alice(page: Any, app: SignInApp) -> None:
    for path in BOB_TRIES:
        heading = path.split("?")[0].capitalize()
        open_address(page, app, path, heading)
        expect(page.get_by_text("No clients yet").first).to_be_visible()
        expect(page.get_by_text(CLIENT)).to_have_count(0)
        expect(page.get_by_text("after hiring")).to_have_count(0)
        expect(page.get_by_role("button", name="Delete…")).to_have_count(0)


def test_a_client_is_seen_by_its_owner_and_by_a_colleague_only_once_shared(
    people: Callable[[], Any], signed_app: SignInApp
) -> None:
    alice, bob = people(), people()
    sign_in(alice, signed_app, ALICE, claims=verified(ALICE), shown=ALICE)
    create_client_with_two_cases(alice, signed_app)

    sign_in(bob, signed_app, BOB, claims=verified(BOB), shown=BOB)
    sees_no_client_of_alice(bob, signed_app)

    # Alice shares it with Bob by the name he signs in with.
    go_to(alice, "Cases")
    alice.get_by_role("textbox", name="Share with a colleague").fill(BOB.upper())
    alice.get_by_role("button", name="Share", exact=True).click()
    expect(alice.get_by_text(f"Shared {CLIENT} with {BOB}")).to_be_visible()

    open_address(bob, signed_app, "clients", "Clients")
    table = bob.get_by_test_id("stDataFrame").first
    expect(table).to_contain_text(CLIENT)
    expect(table).to_contain_text(ALICE)
    open_address(bob, signed_app, "compare", "Compare")
    expect(bob.get_by_text("after hiring").first).to_be_visible()
    open_address(bob, signed_app, "cases", "Cases")
    expect(bob.get_by_text(f"belongs to {ALICE}, who shared it with you")).to_be_visible()
    expect(bob.get_by_role("textbox", name="Share with a colleague")).to_have_count(0)

    # Shared is not handed over: only the owner may delete the client, and the page says so.
    go_to(bob, "Clients")
    expect(bob.get_by_role("button", name="Delete…")).to_be_disabled()
    expect(bob.get_by_text(re.compile(r"only its owner \(.+\) can .*delete it"))).to_be_visible()
    open_address(bob, signed_app, "clients", "Clients")
    expect(bob.get_by_test_id("stDataFrame").first).to_contain_text(CLIENT)

    # Once Alice stops sharing, Bob is back to seeing nothing of hers.
    go_to(alice, "Cases")
    alice.get_by_role("button", name="Stop sharing").click()
    expect(alice.get_by_text(f"{BOB} no longer sees {CLIENT}.")).to_be_visible()
    sees_no_client_of_alice(bob, signed_app)

    # And Alice still has it all.
    open_address(alice, signed_app, "compare", "Compare")
    expect(alice.get_by_text("after hiring").first).to_be_visible()
