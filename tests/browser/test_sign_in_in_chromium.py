"""Sign-in in a real browser, against a local OpenID Connect provider started by the tests.

Each consultant gets their own browser context (their own cookies), as two people on two
machines would.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from browser_support import StreamlitServer
from sign_in_support import app_with_sign_in, oidc_provider, sign_in
from test_app_in_chromium import expect

pytestmark = [
    pytest.mark.browser,
    # The test provider runs on Authlib interfaces Authlib has since deprecated.
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
]

ALICE = "alice@example.com"
BOB = "bob@example.com"
SIGN_IN_HEADING = "Sign in to open your workspace"


@pytest.fixture(scope="module")
def signed_app(
    browser_available: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[StreamlitServer]:
    with oidc_provider() as metadata_url:
        folder = tmp_path_factory.mktemp("sign-in")
        with app_with_sign_in(metadata_url, folder) as server:
            yield server


@pytest.fixture
def people(browser: Any) -> Iterator[Callable[[], Any]]:
    """Makes a new person: a browser context of their own (own cookies), and a tab in it."""
    contexts: list[Any] = []

    def new_person() -> Any:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(30_000)
        contexts.append(context)
        return context.new_page()

    try:
        yield new_person
    finally:
        for context in contexts:
            context.close()


@pytest.fixture
def consultant(people: Callable[[], Any]) -> Any:
    return people()


@pytest.fixture
def consultant_b(people: Callable[[], Any]) -> Any:
    return people()


@pytest.mark.parametrize(
    "path",
    ["", "recommendation?active_accounts=40", "role", "rules", "portfolio", "assess"],
)
def test_a_visitor_who_has_not_signed_in_sees_only_the_sign_in_screen(
    consultant: Any, signed_app: StreamlitServer, path: str
) -> None:
    consultant.goto(f"{signed_app.url}/{path}")
    expect(consultant.get_by_role("heading", name=SIGN_IN_HEADING)).to_be_visible()
    expect(consultant.get_by_role("button", name="Sign in")).to_be_visible()
    expect(consultant.get_by_test_id("stSidebarNav")).to_have_count(0)
    expect(consultant.get_by_text(re.compile(r"readiness \d+/100"))).to_have_count(0)
    expect(consultant.get_by_text("Current case")).to_have_count(0)


def test_signing_in_opens_the_app_as_that_person_and_signing_out_closes_it(
    consultant: Any, signed_app: StreamlitServer
) -> None:
    sign_in(consultant, signed_app, ALICE)
    expect(consultant.get_by_role("heading", name="Assess")).to_be_visible()
    expect(consultant.get_by_test_id("stSidebarNav")).to_be_visible()

    consultant.get_by_role("button", name="Sign out").click()
    # The provider asks to end its own session too, then sends the browser back to the app.
    consultant.get_by_role("button", name="End session").click()
    expect(consultant.get_by_role("heading", name=SIGN_IN_HEADING)).to_be_visible()
    consultant.goto(f"{signed_app.url}/role")
    expect(consultant.get_by_role("heading", name=SIGN_IN_HEADING)).to_be_visible()


def test_two_consultants_each_see_their_own_name(
    consultant: Any, consultant_b: Any, signed_app: StreamlitServer
) -> None:
    sign_in(consultant, signed_app, ALICE)
    sign_in(consultant_b, signed_app, BOB)
    expect(consultant_b.get_by_text(ALICE, exact=True)).to_have_count(0)
    consultant.reload()
    expect(consultant.get_by_text(ALICE, exact=True)).to_be_visible()
    expect(consultant.get_by_text(BOB, exact=True)).to_have_count(0)
