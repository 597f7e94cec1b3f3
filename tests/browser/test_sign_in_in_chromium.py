"""Sign-in in a real browser, against a local OpenID Connect provider started by the tests.

Each consultant gets their own browser context (their own cookies), as two people on two
machines would.
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

ALICE = "alice@example.com"
BOB = "bob@example.com"
SIGN_IN_HEADING = "Sign in to open your workspace"


@pytest.fixture
def consultant(people: Callable[[], Any]) -> Any:
    return people()


@pytest.fixture
def consultant_b(people: Callable[[], Any]) -> Any:
    return people()


@pytest.mark.parametrize(
    "path",
    [
        "",
        "recommendation?active_accounts=40",
        "role",
        "rules",
        "portfolio",
        "assess",
        "clients",
        "cases?client=1",
        "history",
        "compare",
    ],
)
def test_a_visitor_who_has_not_signed_in_sees_only_the_sign_in_screen(
    consultant: Any, signed_app: SignInApp, path: str
) -> None:
    consultant.goto(f"{signed_app.url}/{path}")
    expect(consultant.get_by_role("heading", name=SIGN_IN_HEADING)).to_be_visible()
    expect(consultant.get_by_role("button", name="Sign in")).to_be_visible()
    expect(consultant.get_by_test_id("stSidebarNav")).to_have_count(0)
    expect(consultant.get_by_text(re.compile(r"readiness \d+/100"))).to_have_count(0)
    expect(consultant.get_by_text("Current case")).to_have_count(0)


def test_signing_in_opens_the_app_as_that_person_and_signing_out_closes_it(
    consultant: Any, signed_app: SignInApp
) -> None:
    sign_in(consultant, signed_app, ALICE, claims=verified(ALICE), shown=ALICE)
    expect(consultant.get_by_role("heading", name="Assess")).to_be_visible()
    expect(consultant.get_by_test_id("stSidebarNav")).to_be_visible()

    consultant.get_by_role("button", name="Sign out").click()
    # The provider asks to end its own session too, then sends the browser back to the app.
    consultant.get_by_role("button", name="End session").click()
    expect(consultant.get_by_role("heading", name=SIGN_IN_HEADING)).to_be_visible()
    consultant.goto(f"{signed_app.url}/role")
    expect(consultant.get_by_role("heading", name=SIGN_IN_HEADING)).to_be_visible()


def test_two_consultants_each_see_their_own_name(
    consultant: Any, consultant_b: Any, signed_app: SignInApp
) -> None:
    sign_in(consultant, signed_app, ALICE, claims=verified(ALICE), shown=ALICE)
    sign_in(consultant_b, signed_app, BOB, claims=verified(BOB), shown=BOB)
    expect(consultant_b.get_by_text(ALICE, exact=True)).to_have_count(0)
    consultant.reload()
    expect(consultant.get_by_text(ALICE, exact=True)).to_be_visible()
    expect(consultant.get_by_text(BOB, exact=True)).to_have_count(0)
