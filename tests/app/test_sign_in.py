"""Who may see the app: the local workspace on 127.0.0.1, or a signed-in consultant.

The sign-in itself (the provider's form, the cookie) is driven in a real browser against a local
OpenID Connect provider in tests/browser/test_sign_in_in_chromium.py; here AppTest sets `st.user`
and the secrets directly, to cover every state of the gate and its messages.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from apptest_support import (
    APP,
    PAGE_SCRIPTS,
    TIMEOUT_S,
    assert_no_exception,
    page_text,
    unescape,
)
from streamlit import config
from streamlit.testing.v1 import AppTest

from advisor.ui.auth import SignInSetupError, is_loopback, read_sign_in

SECRET = "0123456789abcdef0123456789abcdef"
AUTH: dict[str, Any] = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": SECRET,
    "client_id": "am-advisor",
    "client_secret": "shh",
    "server_metadata_url": "https://id.example.com/.well-known/openid-configuration",
}
SIGN_IN_HEADING = "Sign in to open your workspace"


def app(
    *, auth: dict[str, Any] | None = None, user: dict[str, Any] | None = None, page: str = ""
) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    if auth is not None:
        at.secrets["auth"] = auth
    if user is not None:
        at.user = user
    at.run()
    if page:
        at.switch_page(PAGE_SCRIPTS[page]).run()
    assert_no_exception(at)
    return at


ISSUER = "https://id.example.com"


def signed_in(email: str = "Alice@Example.com", **claims: Any) -> dict[str, Any]:
    """A provider's claims for a consultant whose address it has verified; each address its
    own subject, as a provider gives them."""
    return {
        "is_logged_in": True,
        "iss": ISSUER,
        "sub": "sub-" + email.strip().casefold(),
        "email": email,
        "email_verified": True,
        **claims,
    }


@pytest.fixture
def listening_everywhere() -> Iterator[None]:
    """The server option `streamlit run` reads, as `--server.address 0.0.0.0` sets it."""
    before = config.get_option("server.address")
    config.set_option("server.address", "0.0.0.0")
    try:
        yield
    finally:
        config.set_option("server.address", before)


# ---------------------------------------------------------------------------------------------
# Without sign-in: one local workspace on this computer


def test_without_sign_in_the_app_says_it_is_one_local_workspace() -> None:
    at = app()
    assert "Local workspace: sign-in is not configured" in page_text(at)
    assert "127.0.0.1" in page_text(at)
    assert not at.sidebar.button  # nothing to sign out of


def test_without_sign_in_a_server_open_to_the_network_shows_nothing(
    listening_everywhere: None,
) -> None:
    at = app()
    assert at.main.error, "expected the refusal"
    message = unescape(at.main.error[0].value)
    assert "listens on 0.0.0.0" in message
    assert "sign-in is not configured" in message
    assert "Current case" not in page_text(at)
    assert not at.main.number_input  # no Assess form


def test_with_sign_in_the_app_may_listen_beyond_this_computer(listening_everywhere: None) -> None:
    at = app(auth=AUTH, user=signed_in())
    assert not at.main.error
    assert "Current case" in page_text(at)


# ---------------------------------------------------------------------------------------------
# With sign-in: nothing but the sign-in screen until the provider vouches for the visitor


@pytest.mark.parametrize("page", ["", *PAGE_SCRIPTS])
def test_a_visitor_who_is_not_signed_in_sees_only_the_sign_in_screen(page: str) -> None:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": False}
    at.query_params["active_accounts"] = "40"
    at.run()
    if page:
        at.switch_page(PAGE_SCRIPTS[page]).run()
    assert_no_exception(at)
    assert [heading.value for heading in at.subheader] == [SIGN_IN_HEADING]
    assert [button.label for button in at.main.button] == ["Sign in"]
    assert "Current case" not in page_text(at)
    assert not at.main.number_input


def test_claims_without_the_provider_s_word_are_not_a_sign_in() -> None:
    # AppTest's default user has an email but no is_logged_in: no provider vouched for it.
    at = app(auth=AUTH, user={"email": "test@example.com"})
    assert [heading.value for heading in at.subheader] == [SIGN_IN_HEADING]


def test_a_signed_in_consultant_sees_the_pages_and_who_they_are() -> None:
    at = app(auth=AUTH, user=signed_in(name="Alice Moreau"), page="Role")
    text = page_text(at)
    assert "Current case" in text
    assert "Signed in as" in text
    assert "alice@example.com" in text  # the identity, as the workspace keys it
    assert "Alice Moreau" in text
    assert "Local workspace" not in text
    assert [button.label for button in at.sidebar.button] == ["Sign out"]


def test_signing_out_returns_to_the_sign_in_screen() -> None:
    at = app(auth=AUTH, user=signed_in())
    at.sidebar.button(key="auth.sign_out").click().run()
    assert [heading.value for heading in at.subheader] == [SIGN_IN_HEADING]
    assert "Current case" not in page_text(at)


def test_each_named_provider_gets_its_own_button() -> None:
    shared = {key: AUTH[key] for key in ("redirect_uri", "cookie_secret")}
    provider = {key: AUTH[key] for key in ("client_id", "client_secret", "server_metadata_url")}
    at = app(auth={**shared, "google": provider, "okta": provider}, user={"is_logged_in": False})
    assert [button.label for button in at.main.button] == [
        "Sign in with Google",
        "Sign in with Okta",
    ]


def test_a_broken_auth_section_keeps_the_app_closed_and_names_what_is_missing() -> None:
    broken = {key: value for key, value in AUTH.items() if key != "cookie_secret"}
    at = app(auth=broken, user=signed_in())
    assert at.main.error
    message = unescape(at.main.error[0].value)
    assert "secrets.toml: [auth] › cookie_secret: missing" in message
    assert "shh" not in message  # secrets are never echoed
    assert "Current case" not in page_text(at)
    assert "Local workspace" not in page_text(at)


def test_the_acting_user_is_the_signed_in_identity_or_the_local_user() -> None:
    def script() -> None:
        import streamlit as st

        from advisor.ui import auth

        st.write(f"acting:{auth.acting_user().key}")

    def acting(at: AppTest) -> list[str]:
        at.run()
        return [m.value for m in at.markdown if m.value.startswith("acting:")]

    local = AppTest.from_function(script, default_timeout=TIMEOUT_S)
    assert acting(local) == ["acting:local"]

    alice = AppTest.from_function(script, default_timeout=TIMEOUT_S)
    alice.secrets["auth"] = AUTH
    alice.user = signed_in("Alice@Example.com")
    assert acting(alice) == [f"acting:oidc:{ISSUER}#sub-alice@example.com"]

    nobody = AppTest.from_function(script, default_timeout=TIMEOUT_S)
    nobody.secrets["auth"] = AUTH
    nobody.user = {"is_logged_in": False}
    assert acting(nobody) == []  # stopped at the sign-in screen, never "local"
    assert [heading.value for heading in nobody.subheader] == [SIGN_IN_HEADING]


# ---------------------------------------------------------------------------------------------
# The pure parts


@pytest.mark.parametrize(
    ("address", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("", False),
        ("0.0.0.0", False),
        ("192.168.1.20", False),
        ("advisor.example.com", False),
    ],
)
def test_only_loopback_addresses_count_as_this_computer(address: str, loopback: bool) -> None:
    assert is_loopback(address) is loopback


def test_a_complete_section_names_its_providers() -> None:
    assert read_sign_in(AUTH).providers == ("default",)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"cookie_secret": None}, "[auth] › cookie_secret: missing"),
        ({"cookie_secret": "short"}, "cookie_secret: is 5 characters; use at least 32"),
        ({"redirect_uri": None}, "[auth] › redirect_uri: missing"),
        ({"redirect_uri": "http://localhost:8501/"}, "ending in /oauth2callback"),
        (
            {"redirect_uri": "http://advisor.example.com/oauth2callback"},
            "redirect_uri: must start with https://",
        ),
        ({"client_secret": None}, "[auth] › client_secret: missing"),
        ({"server_metadata_url": "id.example.com"}, "server_metadata_url: must be an absolute"),
    ],
)
def test_a_broken_section_names_the_key(change: dict[str, Any], expected: str) -> None:
    section = {**AUTH, **change}
    section = {key: value for key, value in section.items() if value is not None}
    with pytest.raises(SignInSetupError) as caught:
        read_sign_in(section)
    assert expected in str(caught.value)
    assert str(caught.value).startswith("secrets.toml: [auth")


def test_a_section_without_a_provider_or_with_an_underscored_one_is_refused() -> None:
    shared = {key: AUTH[key] for key in ("redirect_uri", "cookie_secret")}
    with pytest.raises(SignInSetupError, match="no identity provider"):
        read_sign_in(shared)
    provider = {key: AUTH[key] for key in ("client_id", "client_secret", "server_metadata_url")}
    with pytest.raises(SignInSetupError, match=r"\[auth.my_idp\]: a provider's name"):
        read_sign_in({**shared, "my_idp": provider})
    setup = read_sign_in({**shared, "google": provider, "my-idp": provider})
    assert setup.providers == ("google", "my-idp")
    assert setup.button_label("my-idp") == "Sign in with My Idp"


def test_a_hostile_name_from_the_provider_shows_as_literal_text() -> None:
    name = "**Boss** [click](javascript:alert(1)) $x$ <b>hi</b>"
    at = app(auth=AUTH, user=signed_in("eve_*x*@example.com", name=name))
    shown = [m.value for m in at.sidebar.markdown if "Boss" in m.value]
    assert shown, "the name is shown"
    assert "\\*\\*Boss\\*\\*" in shown[0]
    assert "\\[click\\]" in shown[0]
    assert "\\$x\\$" in shown[0]
    assert unescape(shown[0]).startswith("**" + name)
    assert unescape(shown[0]).endswith("\neve_*x*@example.com")


# ---------------------------------------------------------------------------------------------
# Who the sidebar says is signed in: a vouched-for address, else the identity to share with

SHARE_SENTENCE = "colleagues share clients with you by this identity"


def unvouched(subject: str, **claims: Any) -> dict[str, Any]:
    """A provider's claims with no address it vouches for."""
    return {"is_logged_in": True, "iss": ISSUER, "sub": subject, **claims}


def sidebar_text(at: AppTest) -> str:
    parts = [m.value for m in at.sidebar.markdown] + [c.value for c in at.sidebar.caption]
    return "\n".join(unescape(part) for part in parts)


def identity_shown(at: AppTest) -> list[str]:
    """The identity the sidebar offers to copy (shown verbatim, not as Markdown)."""
    return [code.value for code in at.sidebar.code]


def test_a_verified_address_is_who_the_sidebar_names_and_nothing_more_is_needed() -> None:
    at = app(auth=AUTH, user=signed_in("Alice@Example.com"))
    text = sidebar_text(at)
    assert "alice@example.com" in text
    assert SHARE_SENTENCE not in text
    assert "oidc:" not in text
    assert identity_shown(at) == []


@pytest.mark.parametrize(
    "claims",
    [
        {},
        {"email": "alice@corp.com"},
        {"email": "alice@corp.com", "email_verified": False},
        {"email": "alice@corp.com", "email_verified": "false"},
    ],
    ids=["no-email", "email-without-email-verified", "email-verified-false", "verified-as-text"],
)
def test_without_a_vouched_for_address_the_sidebar_shows_the_identity_to_share_with(
    claims: dict[str, Any],
) -> None:
    at = app(auth=AUTH, user=unvouched("mallory_1", **claims))
    text = sidebar_text(at)
    assert f"**oidc:{ISSUER}#mallory_1**" in text  # who is signed in
    assert SHARE_SENTENCE in text
    assert identity_shown(at) == [f"oidc:{ISSUER}#mallory_1"]  # exactly, to copy
    assert "alice@corp.com" not in page_text(at)


def test_a_display_name_is_shown_but_the_identity_is_still_what_colleagues_share_with() -> None:
    at = app(auth=AUTH, user=unvouched("m-1", name="Alice Moreau", email="alice@corp.com"))
    text = sidebar_text(at)
    assert "**Alice Moreau**" in text
    assert SHARE_SENTENCE in text
    assert identity_shown(at) == [f"oidc:{ISSUER}#m-1"]
    assert "alice@corp.com" not in text


@pytest.mark.parametrize("subject", ["local", "LOCAL", "link", "system"])
def test_a_subject_named_like_a_reserved_name_is_only_an_identity(subject: str) -> None:
    at = app(auth=AUTH, user=unvouched(subject, email="local", email_verified=True))
    assert identity_shown(at) == [f"oidc:{ISSUER}#{subject}"]
    assert "Local workspace" not in page_text(at)
    assert "the local workspace" not in page_text(at)


ENTRA = {
    "redirect_uri": AUTH["redirect_uri"],
    "cookie_secret": SECRET,
    "entra": {
        "client_id": "am-advisor",
        "client_secret": "shh",
        "server_metadata_url": "https://login.example.com/tenant/v2.0/.well-known/openid-configuration",
        "trusted_email_domains": ["Corp.com"],
    },
}


def test_an_address_at_a_domain_the_provider_is_trusted_for_counts_unverified() -> None:
    at = app(auth=ENTRA, user=unvouched("e-1", email="Alice@corp.com", provider="entra"))
    text = sidebar_text(at)
    assert "alice@corp.com" in text
    assert SHARE_SENTENCE not in text
    assert identity_shown(at) == []


@pytest.mark.parametrize(
    ("claims", "provider"),
    [
        ({"email": "eve@elsewhere.com"}, "entra"),  # another domain
        ({"email": "alice@corp.com", "email_verified": False}, "entra"),  # the provider says no
        ({"email": "alice@corp.com"}, "google"),  # trusted for another provider only
    ],
    ids=["other-domain", "verified-false", "other-provider"],
)
def test_a_trusted_domain_does_not_vouch_for_what_it_does_not_cover(
    claims: dict[str, Any], provider: str
) -> None:
    section = {**ENTRA, "google": {**ENTRA["entra"], "trusted_email_domains": []}}
    at = app(auth=section, user=unvouched("e-2", provider=provider, **claims))
    text = sidebar_text(at)
    assert SHARE_SENTENCE in text
    assert identity_shown(at) == [f"oidc:{ISSUER}#e-2"]
    assert str(claims["email"]) not in text


# ---------------------------------------------------------------------------------------------
# Signed in, but the claims name nobody: an error, a way out, no page


@pytest.mark.parametrize(
    ("claims", "named"),
    [
        ({"sub": "alice"}, "'iss' claim"),
        ({"iss": "", "sub": "alice"}, "'iss' claim"),
        ({"iss": ISSUER}, "'sub' claim"),
        ({"iss": ISSUER, "sub": "  "}, "'sub' claim"),
        ({"iss": "https://id.example.com#x", "sub": "alice"}, "holds a '#'"),
    ],
)
@pytest.mark.parametrize("page", ["", "Clients", "Role"])
def test_claims_without_an_issuer_and_subject_open_no_workspace(
    claims: dict[str, Any], named: str, page: str
) -> None:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "email": "alice@example.com", "email_verified": True, **claims}
    at.run()
    if page:
        at.switch_page(PAGE_SCRIPTS[page]).run()
    assert_no_exception(at)
    (error,) = at.main.error
    message = unescape(error.value)
    assert message.startswith("You are signed in, but the identity provider")
    assert named in message
    assert "Ask the administrator to check the provider's settings" in message
    assert [button.label for button in at.main.button] == ["Sign out"]
    assert "Current case" not in page_text(at)
    assert "Signed in as" not in page_text(at)
    assert not at.main.number_input
    assert not at.dataframe


def test_signing_out_from_the_claims_problem_returns_to_the_sign_in_screen() -> None:
    at = app(auth=AUTH, user={"is_logged_in": True, "sub": "alice"})
    at.main.button(key="auth.sign_out").click().run()
    assert [heading.value for heading in at.subheader] == [SIGN_IN_HEADING]


# ---------------------------------------------------------------------------------------------
# trusted_email_domains in the secrets


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("corp.com", 'trusted_email_domains: expected a list of domains, e.g. ["example.com"]'),
        ([3], 'trusted_email_domains: expected a list of domains, e.g. ["example.com"]'),
        (["corp"], "trusted_email_domains: 'corp' is not a domain such as example.com"),
        (["alice@corp.com"], "trusted_email_domains: 'alice@corp.com' is not a domain such"),
        ([""], "trusted_email_domains: '' is not a domain such as example.com"),
        (["corp .com"], "trusted_email_domains: 'corp .com' is not a domain such as"),
    ],
)
def test_trusted_email_domains_must_be_a_list_of_domains(value: Any, expected: str) -> None:
    with pytest.raises(SignInSetupError) as caught:
        read_sign_in({**AUTH, "trusted_email_domains": value})
    assert f"secrets.toml: [auth] › {expected}" in str(caught.value)
    table = {**ENTRA, "entra": {**ENTRA["entra"], "trusted_email_domains": value}}
    with pytest.raises(SignInSetupError) as caught:
        read_sign_in(table)
    assert f"secrets.toml: [auth.entra] › {expected}" in str(caught.value)


def test_trusted_email_domains_are_read_per_provider_case_folded() -> None:
    setup = read_sign_in(
        {**ENTRA, "google": {**ENTRA["entra"], "trusted_email_domains": ["@Team.Example.org"]}}
    )
    assert setup.domains("entra") == ("corp.com",)
    assert setup.domains("google") == ("team.example.org",)
    assert setup.domains("default") == ()


def test_a_bad_trusted_domain_keeps_the_app_closed_and_names_the_key() -> None:
    broken = {**ENTRA, "entra": {**ENTRA["entra"], "trusted_email_domains": "corp.com"}}
    at = app(auth=broken, user=unvouched("e-1", provider="entra"))
    message = unescape(at.main.error[0].value)
    assert "secrets.toml: [auth.entra] › trusted_email_domains: expected a list" in message
    assert "shh" not in message
    assert "Current case" not in page_text(at)
