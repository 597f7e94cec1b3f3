"""Sign-in for the browser tests: a local OpenID Connect provider and the app configured for it.

`oidc_provider_mock` runs an OpenID Connect provider in a thread of the test process, on a free
port of this computer (no network): its sign-in form takes any subject, and gives it that
subject as its `email` claim. The app is started with `--secrets.files` pointing at a
secrets.toml written for that provider, so a developer's own secrets are never read.
"""

from __future__ import annotations

import logging
import secrets
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from browser_support import ROOT, StreamlitServer, free_port

HOST = "localhost"  # the provider's issuer and the app's redirect both use this name
CLIENT_ID = "am-advisor-tests"


@contextmanager
def oidc_provider() -> Iterator[str]:
    """A running provider; yields its discovery address (server_metadata_url)."""
    with warnings.catch_warnings():  # it imports Authlib modules Authlib has deprecated
        warnings.simplefilter("ignore", DeprecationWarning)
        import oidc_provider_mock

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one log line per request
    with oidc_provider_mock.run_server_in_thread(port=0) as server:
        yield f"http://{HOST}:{server.server_port}/.well-known/openid-configuration"


def write_secrets(path: Path, app_port: int, metadata_url: str) -> Path:
    path.write_text(
        "[auth]\n"
        f'redirect_uri = "http://{HOST}:{app_port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_hex(32)}"\n'
        f'client_id = "{CLIENT_ID}"\n'
        f'client_secret = "{secrets.token_hex(16)}"\n'
        f'server_metadata_url = "{metadata_url}"\n'
        # The test provider sends addresses without `email_verified`: trust its example.com
        # addresses, as an operator trusts their own provider's domain.
        'trusted_email_domains = ["example.com"]\n',
        encoding="utf-8",
    )
    return path


@contextmanager
def app_with_sign_in(metadata_url: str, folder: Path) -> Iterator[StreamlitServer]:
    """The app with sign-in configured, on its own empty workspace database."""
    port = free_port()
    secrets_file = write_secrets(folder / "secrets.toml", port, metadata_url)
    server = StreamlitServer(
        ROOT / "app.py",
        port=port,
        host=HOST,
        options=["--secrets.files", str(secrets_file)],
        env={"ADVISOR_DATABASE_URL": f"sqlite:///{folder / 'workspace.db'}"},
    )
    server.start()
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


def sign_in(page: Any, app: StreamlitServer, who: str, path: str = "") -> None:
    """Open the app, sign in through the provider's form as `who`, and wait to be let in."""
    from playwright.sync_api import expect

    page.goto(f"{app.url}/{path}")
    page.get_by_role("button", name="Sign in").click()
    page.locator("input[name=sub]").fill(who)
    page.get_by_role("button", name="Authorize").click()
    signed = page.get_by_test_id("stSidebar").get_by_text("Signed in as", exact=True)
    expect(signed).to_be_visible(timeout=30_000)  # a cold server's first run imports plotly
    expect(page.get_by_text(who, exact=True)).to_be_visible(timeout=30_000)
