"""Who acts on the workspace: an identity is an issuer and a subject, never a name anyone can type.

The store records owners and colleagues as *principals*, typed strings no two kinds of
identity can share:

- `oidc:ISSUER#SUBJECT`: a consultant signed in through an OpenID Connect provider. The issuer
  is the provider's own `iss` claim (an https address, which holds no `#`), so two providers
  that hand out the same subject are two people.
- `email:ADDRESS`: an e-mail address, case-folded. A signed-in consultant is matched by it (a
  client shared with them by address, a client recorded under it before identities had an
  issuer) only when the provider vouched for it: `email_verified: true`, or an address at a
  domain the operator trusts that provider for.
- `local`: the one local workspace of the command line and of the app without sign-in.
- `link`: a respondent's link, which acts for nobody and owns nothing.
- `legacy:SUBJECT`: an owner recorded by subject alone before identities had an issuer; the
  first sign-in that can claim it does (see `claimable_legacy`).

No signed-in identity can become `local`, `link` or any other reserved name: those are not of
the `oidc:` form, and an address must hold an `@`.

Pure data and parsing: no database, no Streamlit.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from advisor.i18n import _
from advisor.workspace.model import WorkspaceError
from advisor.workspace.names import expected_text, nul_refusal

LOCAL = "local"  # the command line's workspace, and the app's without sign-in
LINK = "link"  # a respondent's link: acts for nobody
RESERVED = frozenset({LOCAL, LINK, "system", "migration", "cli", "admin", "root", "anonymous"})
OIDC = "oidc:"
EMAIL = "email:"
LEGACY = "legacy:"
HASHED = "oidc-sha256:"
MAX_PRINCIPAL = 320  # the width of the owner and colleague columns


@dataclass(frozen=True)
class Actor:
    """The one who acts: the principal the store records, and the addresses they answer to."""

    key: str
    emails: tuple[str, ...] = ()  # verified, case-folded
    name: str = ""  # a display name from the provider, never used to match

    @property
    def principals(self) -> tuple[str, ...]:
        """Every principal that means this actor: their key, then each verified address."""
        return (self.key, *(EMAIL + email for email in self.emails if EMAIL + email != self.key))

    @property
    def label(self) -> str:
        """How the app names them: the verified address, else the name, else the key."""
        if self.emails:
            return self.emails[0]
        return self.name or principal_label(self.key)

    @property
    def local(self) -> bool:
        return self.key == LOCAL

    @property
    def signed_in(self) -> bool:
        """True for a consultant a provider vouched for (an issuer and a subject)."""
        return self.key.startswith((OIDC, HASHED))


LOCAL_ACTOR = Actor(LOCAL)
LINK_ACTOR = Actor(LINK)


def principal_label(key: str) -> str:
    """A principal as a person reads it: the address of `email:`, the subject of a legacy key."""
    if key.startswith(EMAIL):
        return key.removeprefix(EMAIL)
    if key.startswith(LEGACY):
        # Translators: {subject} is a consultant's sign-in subject as their provider gave it.
        return _("{subject} (signed in before this version)", subject=key.removeprefix(LEGACY))
    if key == LOCAL:
        return _("the local workspace")
    return key


def oidc_principal(issuer: str, subject: str) -> str:
    """The principal of a provider's subject; hashed when the pair is too long for a column."""
    key = f"{OIDC}{issuer}#{subject}"
    if len(key) <= MAX_PRINCIPAL:
        return key
    digest = hashlib.sha256(f"{issuer}\n{subject}".encode("utf-8", "surrogatepass")).hexdigest()
    return HASHED + digest


def _refuse(message: str, what: str) -> WorkspaceError:
    return WorkspaceError.single(message, path=what)


def principal(text: object, what: str = "user") -> str:
    """The principal a typed name stands for: an address, `local`, or a principal as shown.

    `alice@corp.com` and `email:Alice@Corp.com` are the same principal; `oidc:…` and
    `legacy:…` keys are kept exactly (a subject's case is significant); anything else is
    refused, so no typed word can turn into a reserved name or someone's subject.
    """
    if not isinstance(text, str):
        raise _refuse(expected_text(text), what)
    value = text.strip()
    if "\x00" in value:
        raise _refuse(nul_refusal(), what)
    if not value:
        # Translators: {what} is a field's key ("user", "colleague", "from", "to").
        raise _refuse(_("a {what} needs an e-mail address", what=what), what)
    if len(value) > MAX_PRINCIPAL:
        raise _refuse(
            _("a {what} may have at most {most} characters", what=what, most=MAX_PRINCIPAL), what
        )
    if value.casefold() == LOCAL:
        return LOCAL
    if value.startswith((OIDC, HASHED)):
        if value.startswith(OIDC) and "#" not in value:
            raise _refuse(
                _("'{value}' is not an identity: expected oidc:ISSUER#SUBJECT", value=value), what
            )
        return value
    if value.startswith(LEGACY):
        # The migration and the claim record a legacy subject case-folded: so is a typed one.
        return legacy_principal(value.removeprefix(LEGACY))
    address = value.removeprefix(EMAIL).strip().casefold()
    if _is_address(address):
        return EMAIL + address
    raise _refuse(
        _(
            "'{value}' is neither an e-mail address nor an identity (oidc:ISSUER#SUBJECT, as the "
            "person's account panel shows it)",
            value=value,
        ),
        what,
    )


def _is_address(text: str) -> bool:
    local_part, at, domain = text.rpartition("@")
    return bool(at and local_part and domain and " " not in text and "." in domain)


def as_actor(user: Actor | str) -> Actor:
    """An actor for a plain name (the command line, tests): `local`, or a verified address.

    A name given here is trusted as the caller's own: only code that already knows who is
    acting (the command line is `local`) passes one. Signed-in consultants come from
    `actor_from_claims`.
    """
    if isinstance(user, Actor):
        return user
    key = principal(user)
    if key.startswith(EMAIL):
        return Actor(key, emails=(key.removeprefix(EMAIL),))
    if key.startswith((OIDC, HASHED)):
        return Actor(key)
    if key == LOCAL:
        return LOCAL_ACTOR
    raise _refuse(_("'{user}' cannot act on the workspace", user=user), "user")


# ---------------------------------------------------------------------------------------------
# From a provider's claims


@dataclass(frozen=True)
class ClaimsProblem:
    """Why a signed-in session's claims give no identity (shown instead of the workspace)."""

    message: str


def _truthy_claim(value: Any) -> bool:
    # Some providers send booleans as strings ("true"); nothing else counts as a yes.
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def verified_email(claims: Mapping[str, Any], trusted_domains: Iterable[str] = ()) -> str | None:
    """The claims' address when the provider vouches for it, case-folded; None otherwise.

    Vouched for: `email_verified` is true, or the address is at a domain the operator trusts
    this provider for (a provider such as Microsoft Entra sends no `email_verified` and lets
    users set their own address, so only its own domains may be trusted).
    """
    email = claims.get("email")
    if not isinstance(email, str):
        return None
    address = email.strip().casefold()
    if not _is_address(address):
        return None
    if _truthy_claim(claims.get("email_verified")):
        return address
    if claims.get("email_verified") is not None and not _truthy_claim(claims["email_verified"]):
        return None  # the provider says it is not verified: no domain overrides that
    domain = address.rpartition("@")[2]
    trusted = {d.strip().casefold().lstrip("@") for d in trusted_domains}
    return address if domain in trusted else None


def actor_from_claims(
    claims: Mapping[str, Any], trusted_domains: Iterable[str] = ()
) -> Actor | ClaimsProblem | None:
    """The actor a signed-in session's claims name; None when nobody is signed in.

    The identity is the pair (`iss`, `sub`); a session whose claims lack either is a
    `ClaimsProblem` (it cannot be told apart from another provider's user).
    """
    if claims.get("is_logged_in") is not True:
        return None
    issuer, subject = claims.get("iss"), claims.get("sub")
    if not isinstance(issuer, str) or not issuer.strip():
        return ClaimsProblem(_("the identity provider gave no issuer ('iss' claim)"))
    if not isinstance(subject, str) or not subject.strip():
        return ClaimsProblem(_("the identity provider gave no subject ('sub' claim)"))
    if "#" in issuer:
        return ClaimsProblem(_("the identity provider's issuer holds a '#', which OIDC forbids"))
    email = verified_email(claims, trusted_domains)
    name = claims.get("name")
    shown = name.strip()[:200] if isinstance(name, str) else ""
    return Actor(
        oidc_principal(issuer.strip(), subject), emails=(email,) if email else (), name=shown
    )


def legacy_principal(subject: str) -> str:
    """The principal an owner recorded by subject alone carries after the migration."""
    return LEGACY + subject.strip().casefold()


def claimable_legacy(actor: Actor, providers: int) -> str | None:
    """The legacy principal this signed-in actor may claim, or None.

    Before identities had an issuer, a consultant whose provider gave no usable address was
    recorded by their case-folded subject alone. With one provider configured, that subject
    can only have come from it, so its first sign-in claims the clients recorded so; with
    several, it cannot be told whose it was, and an operator reassigns it
    (`advisor clients reassign`).
    """
    if providers != 1 or not actor.key.startswith(OIDC):
        return None
    subject = actor.key.partition("#")[2]
    return legacy_principal(subject) if subject else None
