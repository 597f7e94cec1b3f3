"""Who is using the app, and whether they may: one local workspace, or an OpenID Connect sign-in.

Without an `[auth]` section in Streamlit's secrets the app is one local workspace: everything in
it belongs to the one local user, so it must be reachable from this computer only, and it shows
nothing but a refusal when the server listens beyond the loopback address.

With `[auth]` (Streamlit's `st.login`, OpenID Connect) nothing but the sign-in screen is drawn
until the identity provider has vouched for the visitor, and the acting user is that identity:
the provider's issuer and subject (`workspace.identity.actor_from_claims`). The `email` claim
only matches the consultant to what was shared with that address when the provider says it is
verified, or when the address is at a domain the operator trusts that provider for
(`trusted_email_domains` in the provider's table). A broken `[auth]` section never falls back
to the open local workspace: it names what is missing and stops, and a visitor who is not
signed in never reaches a page, whatever the address says.

A respondent's link (`?workshop=TOKEN`) needs no account: its token is the respondent's access.
With sign-in configured it opens anywhere; without, it is the local workspace's questionnaire,
so like the rest of that workspace it opens only on a loopback address, unless the host says
otherwise in so many words: `respondent_links_without_sign_in = true` in the `[advisor]`
section of Streamlit's secrets (`require_link_access`).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import streamlit as st

from advisor.i18n import _, n_, p_
from advisor.problems import AdvisorError, Problems
from advisor.ui.components import plain
from advisor.workspace.identity import LOCAL_ACTOR, Actor, ClaimsProblem, actor_from_claims

SECRETS_FILE = "secrets.toml"
SECTION = "auth"
DEFAULT_PROVIDER = "default"  # Streamlit's name for the provider set in `[auth]` itself
SHARED_KEYS = ("redirect_uri", "cookie_secret")
PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")
# Ours, in a provider's table: the domains whose addresses that provider may vouch for without an
# `email_verified` claim (Microsoft Entra sends none).
TRUSTED_DOMAINS = "trusted_email_domains"
CALLBACK_PATH = "/oauth2callback"  # the only path Streamlit's sign-in answers on
# Streamlit signs the identity cookie with it; anything shorter is guessable in practice.
COOKIE_SECRET_LEAST = 32
LOOPBACK_NAMES = ("localhost",)
# Ours: the app's own settings in Streamlit's secrets.
ADVISOR_SECTION = "advisor"
LINKS_WITHOUT_SIGN_IN = "respondent_links_without_sign_in"


class SignInSetupError(AdvisorError):
    """The `[auth]` section of Streamlit's secrets cannot be used as it stands."""


@dataclass(frozen=True)
class SignInSetup:
    """A usable `[auth]` section: the providers a visitor may sign in with, in order, and the
    e-mail domains each is trusted for."""

    providers: tuple[str, ...]
    trusted_domains: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def domains(self, provider: object) -> tuple[str, ...]:
        return dict(self.trusted_domains).get(str(provider), ())

    def button_label(self, provider: str) -> str:
        if provider == DEFAULT_PROVIDER:
            return _("Sign in")
        # Translators: {provider} is the identity provider's name ("Google", "Microsoft").
        return _("Sign in with {provider}", provider=provider.replace("-", " ").title())


def read_sign_in(section: Mapping[str, Any]) -> SignInSetup:
    """The sign-in set up by an `[auth]` section, or SignInSetupError naming every gap.

    The section holds `redirect_uri` and `cookie_secret` for all providers and either one
    provider's `client_id`, `client_secret` and `server_metadata_url` itself (Streamlit's
    default provider) or one table per provider (`[auth.google]`, …). Values are never echoed:
    they are secrets.
    """
    problems = Problems()
    _check_shared(section, problems)
    providers: list[str] = []
    domains: list[tuple[str, tuple[str, ...]]] = []
    if any(key in section for key in PROVIDER_KEYS):
        _check_provider(section, DEFAULT_PROVIDER, "", problems)
        providers.append(DEFAULT_PROVIDER)
        domains.append((DEFAULT_PROVIDER, _domains(section, "", problems)))
    for name, value in section.items():
        if isinstance(value, Mapping) and name != "client_kwargs":
            _check_provider(value, str(name), str(name), problems)
            providers.append(str(name))
            domains.append((str(name), _domains(value, str(name), problems)))
    if not providers:
        problems.add(
            _(
                "no identity provider: give client_id, client_secret and server_metadata_url "
                "in [auth] or in a table such as [auth.google]"
            ),
            file=SECRETS_FILE,
            context=f"[{SECTION}]",
        )
    problems.raise_if_any(SignInSetupError)
    return SignInSetup(tuple(providers), tuple(domains))


def _domains(section: Mapping[str, Any], table: str, problems: Problems) -> tuple[str, ...]:
    value = section.get(TRUSTED_DOMAINS, [])
    context = f"[{SECTION}.{table}]" if table else f"[{SECTION}]"
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        problems.add(
            _('expected a list of domains, e.g. ["example.com"]'),
            file=SECRETS_FILE,
            context=context,
            path=TRUSTED_DOMAINS,
        )
        return ()
    found = tuple(v.strip().casefold().lstrip("@") for v in value)
    for domain in found:
        if not domain or "." not in domain or "@" in domain or " " in domain:
            problems.add(
                _("'{domain}' is not a domain such as example.com", domain=domain),
                file=SECRETS_FILE,
                context=context,
                path=TRUSTED_DOMAINS,
            )
    return found


def _check_shared(section: Mapping[str, Any], problems: Problems) -> None:
    def add(message: str, key: str) -> None:
        problems.add(message, file=SECRETS_FILE, context=f"[{SECTION}]", path=key)

    for key in SHARED_KEYS:
        if not _text(section.get(key)):
            add(_("missing: every provider needs it"), key)
    redirect = _text(section.get("redirect_uri"))
    if redirect and not (
        redirect.startswith(("http://", "https://")) and redirect.endswith(CALLBACK_PATH)
    ):
        add(
            # Translators: {path} is the address's required ending, /oauth2callback.
            _(
                "must be the app's absolute address ending in {path}, "
                "e.g. https://advisor.example.com/oauth2callback",
                path=CALLBACK_PATH,
            ),
            "redirect_uri",
        )
    elif redirect.startswith("http://") and not is_loopback(urlsplit(redirect).hostname or ""):
        # The identity cookie and the provider's code would cross the network in clear.
        add(
            _("must start with https:// unless the app is opened on this computer"),
            "redirect_uri",
        )
    secret = _text(section.get("cookie_secret"))
    if secret and len(secret) < COOKIE_SECRET_LEAST:
        add(
            # Translators: {count} is the secret's length; {least} the fewest characters allowed.
            n_(
                "is {count} character; use at least {least} random ones "
                '(python -c "import secrets; print(secrets.token_hex(32))")',
                "is {count} characters; use at least {least} random ones "
                '(python -c "import secrets; print(secrets.token_hex(32))")',
                len(secret),
                least=COOKIE_SECRET_LEAST,
            ),
            "cookie_secret",
        )


def _check_provider(section: Mapping[str, Any], name: str, table: str, problems: Problems) -> None:
    context = f"[{SECTION}.{table}]" if table else f"[{SECTION}]"
    if "_" in name:
        problems.add(
            _("a provider's name cannot hold an underscore (Streamlit refuses it); use a hyphen"),
            file=SECRETS_FILE,
            context=context,
        )
    for key in PROVIDER_KEYS:
        if not _text(section.get(key)):
            problems.add(p_("setting", "missing"), file=SECRETS_FILE, context=context, path=key)
    metadata = _text(section.get("server_metadata_url"))
    if metadata and not metadata.startswith(("http://", "https://")):
        problems.add(
            _(
                "must be an absolute http(s) address of the provider's "
                "/.well-known/openid-configuration"
            ),
            file=SECRETS_FILE,
            context=context,
            path="server_metadata_url",
        )


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def is_loopback(address: str) -> bool:
    """True for an address only this computer reaches ("" means every interface: False)."""
    host = address.strip().strip("[]")
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


# ---------------------------------------------------------------------------------------------
# In the app


def auth_section() -> Mapping[str, Any] | None:
    """The `[auth]` section of Streamlit's secrets, or None when there is none."""
    try:
        if SECTION not in st.secrets:
            return None
        section = st.secrets[SECTION]
    except FileNotFoundError:  # no secrets file at all (Streamlit's error is a subclass)
        return None
    return section if isinstance(section, Mapping) else {}


def sign_in_configured() -> bool:
    return auth_section() is not None


def signed_in_claims() -> dict[str, Any]:
    return dict(st.user.to_dict())


def signed_in_actor(setup: SignInSetup | None = None) -> Actor | ClaimsProblem | None:
    """Who the provider vouched for in this session (None: not signed in)."""
    claims = signed_in_claims()
    if setup is None:
        section = auth_section()
        try:
            setup = read_sign_in(section) if section is not None else SignInSetup(())
        except SignInSetupError:
            setup = SignInSetup(())
    return actor_from_claims(claims, setup.domains(claims.get("provider", DEFAULT_PROVIDER)))


def provider_count() -> int:
    section = auth_section()
    try:
        return len(read_sign_in(section).providers) if section is not None else 0
    except SignInSetupError:
        return 0


def server_address() -> str:
    return str(st.get_option("server.address") or "")


def require_access() -> None:
    """Stop the run here unless the pages may be shown to whoever is looking.

    Called before the navigation is built, so no page, and nothing a link carries, is read
    for a visitor who may not see it.
    """
    section = auth_section()
    if section is None:
        address = server_address()
        if not is_loopback(address):
            _refuse_open_network(address)
        return
    try:
        setup = read_sign_in(section)
    except SignInSetupError as error:
        _refuse_broken_setup(error)
        return
    actor = signed_in_actor(setup)
    if actor is None:
        _sign_in_screen(setup)
    elif isinstance(actor, ClaimsProblem):
        _refuse_claims(actor)


def respondent_links_without_sign_in(settings: Mapping[str, Any] | None) -> bool:
    """Whether the host lets respondents' links open without sign-in beyond this computer:
    the `[advisor]` section's `respondent_links_without_sign_in`, false when absent.

    Anything but a TOML boolean is a SignInSetupError naming the key (a quoted "true" is not
    taken as a yes: an opening this wide is asked for exactly).
    """
    if settings is None or LINKS_WITHOUT_SIGN_IN not in settings:
        return False
    value = settings[LINKS_WITHOUT_SIGN_IN]
    if isinstance(value, bool):
        return value
    raise SignInSetupError.single(
        # Translators: {kind} is the value's type as TOML reads it (str, int); {value} the value.
        _(
            "expected true or false (unquoted), got {kind} {value}",
            kind=type(value).__name__,
            value=repr(str(value)[:40]),
        ),
        file=SECRETS_FILE,
        context=f"[{ADVISOR_SECTION}]",
        path=LINKS_WITHOUT_SIGN_IN,
    )


def advisor_section() -> Mapping[str, Any] | None:
    """The `[advisor]` section of Streamlit's secrets, or None when there is none."""
    try:
        if ADVISOR_SECTION not in st.secrets:
            return None
        section = st.secrets[ADVISOR_SECTION]
    except FileNotFoundError:
        return None
    return section if isinstance(section, Mapping) else {}


def require_link_access() -> None:
    """Stop the run here unless a respondent's link may be answered on this server.

    With sign-in configured the link is answered (the token is the respondent's access, and
    the rest of the app is behind the sign-in). Without, the workspace is the local one: its
    links are answered on a loopback address, or where the host allowed them explicitly.
    """
    if auth_section() is not None:
        return
    address = server_address()
    if is_loopback(address):
        return
    try:
        allowed = respondent_links_without_sign_in(advisor_section())
    except SignInSetupError as error:
        _refuse_link_setting(error)
        return
    if not allowed:
        _refuse_open_link(address)


def acting_user() -> Actor:
    """Whom the workspace acts for: the signed-in identity, or the local user without sign-in.

    With sign-in configured and nobody signed in there is no one to act for: the run stops at
    the sign-in screen rather than fall back to the local workspace.
    """
    section = auth_section()
    if section is None:
        return LOCAL_ACTOR
    actor = signed_in_actor()
    if not isinstance(actor, Actor):
        require_access()
        st.stop()
    assert isinstance(actor, Actor)  # st.stop() does not return
    return actor


def sidebar_account() -> None:
    """Who is signed in, with the way out; or that this is the one local workspace."""
    with st.sidebar:
        if auth_section() is None:
            st.caption(
                _(
                    "Local workspace: sign-in is not configured, so this app answers on this "
                    "computer only (127.0.0.1) and every client in it is yours."
                )
            )
            return
        actor = signed_in_actor()
        if not isinstance(actor, Actor):
            return
        st.caption(_("Signed in as"))
        if actor.name and actor.name != actor.label:
            st.markdown(f"**{plain(actor.name)}**  \n{plain(actor.label)}")
        else:
            st.markdown(f"**{plain(actor.label)}**")
        if not actor.emails:
            st.caption(
                _(
                    "Your provider did not vouch for an e-mail address, so colleagues share "
                    "clients with you by this identity:"
                )
            )
            # Verbatim, with a copy button: Markdown escapes would show inside a code span.
            st.code(actor.key, language=None, wrap_lines=True)
        st.button(_("Sign out"), key="auth.sign_out", icon=":material/logout:", on_click=st.logout)


def _sign_in_screen(setup: SignInSetup) -> None:
    st.title("AM Advisor")
    st.subheader(_("Sign in to open your workspace"))
    st.markdown(
        _(
            "Each consultant's clients and saved cases are their own: a colleague sees a client "
            "only when it is shared with them by name."
        )
    )
    for provider in setup.providers:
        st.button(
            setup.button_label(provider),
            key=f"auth.sign_in.{provider}",
            type="primary",
            icon=":material/login:",
            on_click=_sign_in,
            args=(provider,),
        )
    st.stop()


def _sign_in(provider: str) -> None:
    if provider == DEFAULT_PROVIDER:
        st.login()
    else:
        st.login(provider)


def _refuse_broken_setup(error: SignInSetupError) -> None:
    st.title("AM Advisor")
    st.error(
        _(
            "Sign-in is configured but cannot be used, so the app stays closed until the "
            "`[auth]` section of Streamlit's secrets is fixed (see the README's Hosting section):"
        )
        + "\n\n"
        + "\n".join(f"- {plain(str(problem))}" for problem in error.problems),
        icon=":material/lock:",
    )
    st.stop()


def _refuse_claims(problem: ClaimsProblem) -> None:
    st.title("AM Advisor")
    st.error(
        # Translators: {problem} says what the provider's answer lacks.
        _(
            "You are signed in, but {problem}, so the app cannot tell who you are and opens no "
            "workspace. Ask the administrator to check the provider's settings.",
            problem=plain(problem.message),
        ),
        icon=":material/lock:",
    )
    st.button(_("Sign out"), key="auth.sign_out", icon=":material/logout:", on_click=st.logout)
    st.stop()


def _refuse_open_link(address: str) -> None:
    shown = address or _("every network interface")
    st.title("AM Advisor")
    st.error(
        # Translators: {address} is where the server listens; {setting} and {section} are a
        # setting's name and its section in the secrets file, kept as they are.
        _(
            "This questionnaire cannot be opened here: the server listens on {address} without "
            "sign-in, so its workspace is the local one, which answers on 127.0.0.1 only. Ask "
            "the consultant who sent the link. Whoever runs the server can run it on 127.0.0.1, "
            "configure sign-in (`[auth]`), or allow respondents' links without sign-in with "
            "`{setting} = true` in the `[{section}]` section of Streamlit's secrets (see the "
            "README's Hosting section).",
            address=plain(shown),
            setting=LINKS_WITHOUT_SIGN_IN,
            section=ADVISOR_SECTION,
        ),
        icon=":material/lock:",
    )
    st.stop()


def _refuse_link_setting(error: SignInSetupError) -> None:
    st.title("AM Advisor")
    st.error(
        _(
            "Respondents' links stay closed until this setting of Streamlit's secrets is fixed "
            "(see the README's Hosting section):"
        )
        + "\n\n"
        + "\n".join(f"- {plain(str(problem))}" for problem in error.problems),
        icon=":material/lock:",
    )
    st.stop()


def _refuse_open_network(address: str) -> None:
    shown = address or _("every network interface")
    st.title("AM Advisor")
    st.error(
        # Translators: {address} is where the server listens; the words in `…` are commands and
        # settings, kept as they are.
        _(
            "This server listens on {address}, but sign-in is not configured: the app would be "
            "one open workspace for anyone who can reach it, so it shows nothing. Run it on "
            "127.0.0.1 (`make run`, or `--server.address 127.0.0.1`), or configure sign-in in "
            "the `[auth]` section of Streamlit's secrets (see the README's Hosting section).",
            address=plain(shown),
        ),
        icon=":material/lock:",
    )
    st.stop()
