"""Sign-in for the browser tests: local OpenID Connect providers and the app configured for them.

`oidc_provider_mock` runs an OpenID Connect provider in a thread of the test process, on a free
port of this computer (no network). Its sign-in form takes any subject; a subject it has no
claims for gets that subject as its `email` claim and nothing else (no `email_verified`), as a
provider that lets its users type their own address would. `Provider.set_claims` gives one
subject the claims a test needs (`PUT /users/<sub>`).

Each provider is its own server and its own issuer (`http://localhost:PORT`). The mock keeps its
users, codes and tokens per app instance (its blueprint builds a `Storage` for each app it is
registered on, and every request reads the one of its own app), so two providers started here
share nothing: the same subject on both is two users with their own claims.

The app is started with `--secrets.files` pointing at a secrets.toml written for those
providers, so a developer's own secrets are never read: one provider is written into `[auth]`
itself (the sign-in screen's one "Sign in" button), several as `[auth.NAME]` tables, each with
its `trusted_email_domains` when it has any.
"""

from __future__ import annotations

import json
import logging
import secrets
import urllib.request
import warnings
from collections.abc import Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from browser_support import ROOT, StreamlitServer, free_port

HOST = "localhost"  # the providers' issuers and the app's redirect all use this name
CLIENT_ID = "am-advisor-tests"
DEFAULT = "default"  # the provider written into [auth] itself, as Streamlit names it


@dataclass(frozen=True)
class Provider:
    """One running provider: its name in secrets.toml, where it answers, whom it vouches for."""

    name: str
    port: int
    trusted_email_domains: tuple[str, ...] = ()

    @property
    def issuer(self) -> str:
        """Its `iss` claim, as the mock sets it: the address it answers on."""
        return f"http://{HOST}:{self.port}"

    @property
    def metadata_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    @property
    def button(self) -> str:
        """The sign-in screen's button for it."""
        return "Sign in" if self.name == DEFAULT else f"Sign in with {self.name.title()}"

    def identity(self, subject: str) -> str:
        """The principal the workspace keeps for `subject` signed in here."""
        return f"oidc:{self.issuer}#{subject}"

    def set_claims(self, subject: str, claims: Mapping[str, Any]) -> None:
        """What the provider says of `subject` from now on (besides `sub`, which it adds)."""
        request = urllib.request.Request(
            f"{self.issuer}/users/{quote(subject, safe='')}",
            data=json.dumps(dict(claims)).encode("utf-8"),
            method="PUT",
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as reply:
            assert reply.status == 204, f"the provider refused the claims: {reply.status}"


def verified(address: str, **claims: Any) -> dict[str, Any]:
    """Claims of a provider that has verified `address`."""
    return {"email": address, "email_verified": True, **claims}


@contextmanager
def oidc_provider(
    name: str = DEFAULT, trusted_email_domains: Sequence[str] = ()
) -> Iterator[Provider]:
    """A running provider, stopped when the block ends."""
    with warnings.catch_warnings():  # it imports Authlib modules Authlib has deprecated
        warnings.simplefilter("ignore", DeprecationWarning)
        import oidc_provider_mock

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one log line per request
    with oidc_provider_mock.run_server_in_thread(port=0) as server:
        yield Provider(name, server.server_port, tuple(trusted_email_domains))


@contextmanager
def oidc_providers(*tables: tuple[str, Sequence[str]]) -> Iterator[tuple[Provider, ...]]:
    """Several providers at once, each (name, trusted_email_domains) its own server."""
    with ExitStack() as stack:
        yield tuple(stack.enter_context(oidc_provider(name, trusted)) for name, trusted in tables)


def write_secrets(
    path: Path, app_port: int, providers: Sequence[Provider], *, address: str | None = None
) -> Path:
    """The `[auth]` settings for `providers`; `address` is where browsers open the app (by
    default the app's own port on this computer, else a proxy's address)."""
    lines = [
        "[auth]",
        f'redirect_uri = "{address or f"http://{HOST}:{app_port}"}/oauth2callback"',
        f'cookie_secret = "{secrets.token_hex(32)}"',
    ]
    for provider in providers:
        if provider.name != DEFAULT:
            lines += ["", f"[auth.{provider.name}]"]
        lines += [
            f'client_id = "{CLIENT_ID}"',
            f'client_secret = "{secrets.token_hex(16)}"',
            f'server_metadata_url = "{provider.metadata_url}"',
        ]
        if provider.trusted_email_domains:
            lines.append(f"trusted_email_domains = {json.dumps(provider.trusted_email_domains)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@dataclass(frozen=True)
class SignInApp:
    """The app served with sign-in, its workspace database and the providers it trusts."""

    server: StreamlitServer
    database_url: str
    providers: tuple[Provider, ...]

    @property
    def url(self) -> str:
        return self.server.url


@contextmanager
def app_with_sign_in(
    providers: Provider | Sequence[Provider], folder: Path, database_url: str | None = None
) -> Iterator[SignInApp]:
    """The app with sign-in through `providers`, on `database_url` (default: a new database)."""
    chosen = (providers,) if isinstance(providers, Provider) else tuple(providers)
    port = free_port()
    secrets_file = write_secrets(folder / "secrets.toml", port, chosen)
    url = database_url or f"sqlite:///{folder / 'workspace.db'}"
    server = StreamlitServer(
        ROOT / "app.py",
        port=port,
        host=HOST,
        options=["--secrets.files", str(secrets_file)],
        env={"ADVISOR_DATABASE_URL": url},
    )
    server.start()
    try:
        server.wait_ready()
        yield SignInApp(server, url, chosen)
    finally:
        server.stop()


def sidebar(page: Any) -> Any:
    return page.get_by_test_id("stSidebar")


def sign_in(
    page: Any,
    app: SignInApp,
    subject: str,
    *,
    claims: Mapping[str, Any] | None = None,
    provider: Provider | None = None,
    shown: str | None = None,
    path: str = "",
) -> None:
    """Open the app, sign in through `provider`'s form (default: the app's first) as
    `subject`, and wait to be let in.

    `claims`, when given, are what the provider says of the subject (else whatever it was told
    before, or its default: the subject as an unverified `email`); `shown`, when given, is what
    the sidebar must then name the consultant by.
    """
    from playwright.sync_api import expect

    expect.set_options(timeout=30_000)  # a server's first session imports plotly and pandas
    chosen = provider or app.providers[0]
    if claims is not None:
        chosen.set_claims(subject, claims)
    page.goto(f"{app.url}/{path}")
    page.get_by_role("button", name=chosen.button, exact=True).click()
    page.locator("input[name=sub]").fill(subject)
    page.get_by_role("button", name="Authorize").click()
    expect(sidebar(page).get_by_text("Signed in as", exact=True)).to_be_visible()
    if shown is not None:
        expect(sidebar(page)).to_contain_text(shown)
