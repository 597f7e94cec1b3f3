"""Fixtures for the real-browser suite: one `streamlit run` server and one headless Chromium.

Without /usr/bin/chromium the suite is skipped with the reason, unless ADVISOR_REQUIRE_BROWSER=1
(set by CI), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from browser_support import (
    REQUIRE_BROWSER,
    ROOT,
    StreamlitServer,
    chromium,
    missing_browser_reason,
    running_app,
)
from sign_in_support import SignInApp, app_with_sign_in, oidc_provider, oidc_providers
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

OFF_THIS_COMPUTER = re.compile(r"^(?!https?://(localhost|127\.0\.0\.1)(:\d+)?/)")


@pytest.fixture(scope="session")
def browser_available() -> None:
    reason = missing_browser_reason()
    if reason is None:
        return
    if REQUIRE_BROWSER:
        pytest.fail(f"ADVISOR_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(f"browser tests skipped: {reason}")


@pytest.fixture(scope="session")
def app_server(browser_available: None) -> Iterator[StreamlitServer]:
    with running_app(ROOT / "app.py") as server:
        yield server


@pytest.fixture(scope="session")
def browser(browser_available: None) -> Iterator[Any]:
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="session")
def browser_context(browser: Any) -> Iterator[Any]:
    """One context for the run, so the app's scripts are fetched once and cached."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    context.set_default_timeout(30_000)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def page(browser_context: Any) -> Iterator[Any]:
    """A new tab: a new Streamlit session with its own state."""
    opened = browser_context.new_page()
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture(scope="session")
def signed_app(
    browser_available: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SignInApp]:
    """The app with sign-in through a local OpenID Connect provider, on its own database."""
    with oidc_provider() as provider:
        folder = tmp_path_factory.mktemp("sign-in")
        with app_with_sign_in(provider, folder) as app:
            yield app


# Provider `one`'s domains, as an Entra tenant's own: the only addresses it may vouch for.
TRUSTED_DOMAINS = ("corp.example",)


@pytest.fixture(scope="session")
def two_provider_app(
    browser_available: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SignInApp]:
    """The app with two providers ([auth.one], [auth.two]), each its own issuer, on its own
    database; `one` is trusted for the addresses of TRUSTED_DOMAINS without `email_verified`."""
    with oidc_providers(("one", TRUSTED_DOMAINS), ("two", ())) as providers:
        folder = tmp_path_factory.mktemp("two-providers")
        with app_with_sign_in(providers, folder) as app:
            yield app


@pytest.fixture
def people(browser: Any) -> Iterator[Callable[[], Any]]:
    """Makes a new person: a browser context of their own (own cookies), and a tab in it."""
    contexts: list[Any] = []

    def new_person() -> Any:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(30_000)
        # The test provider's pages link a stylesheet on a CDN: nothing leaves this computer.
        context.route(OFF_THIS_COMPUTER, lambda route: route.abort())
        contexts.append(context)
        return context.new_page()

    try:
        yield new_person
    finally:
        for context in contexts:
            context.close()


@pytest.fixture
def team_database() -> Iterator[str]:
    """A fresh database on the test Postgres server (`.ci/with-postgres`), dropped afterwards."""
    server = os.environ.get("ADVISOR_TEST_POSTGRES_URL", "").strip()
    if not server:
        reason = "ADVISOR_TEST_POSTGRES_URL is not set (run the suite through .ci/with-postgres)"
        if os.environ.get("ADVISOR_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"ADVISOR_REQUIRE_POSTGRES=1 but {reason}")
        pytest.skip(reason)
    name = f"advisor_browser_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
