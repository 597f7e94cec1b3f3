"""An identity is (issuer, subject): an e-mail address matches a consultant only when a
provider vouched for it, and no signed-in identity can become a reserved name."""

from __future__ import annotations

from typing import Any

import pytest

from advisor.workspace import Workspace, WorkspaceError
from advisor.workspace.identity import (
    LINK,
    LOCAL,
    Actor,
    ClaimsProblem,
    actor_from_claims,
    as_actor,
    claimable_legacy,
    oidc_principal,
    principal,
)

GOOGLE = "https://accounts.google.com"
ENTRA = "https://login.microsoftonline.com/tenant/v2.0"


def claims(sub: str = "1001", issuer: str = GOOGLE, **more: Any) -> dict[str, Any]:
    return {"is_logged_in": True, "iss": issuer, "sub": sub, **more}


def actor(value: Actor | ClaimsProblem | None) -> Actor:
    assert isinstance(value, Actor), value
    return value


def test_an_email_without_email_verified_matches_nobody() -> None:
    """Account takeover: Entra lets a user set `email: alice@corp.com` and sends no
    `email_verified`; that address must not open Alice's clients."""
    mallory = actor(actor_from_claims(claims("mallory-1", ENTRA, email="alice@corp.com")))
    assert mallory.key == f"oidc:{ENTRA}#mallory-1"
    assert mallory.emails == ()
    assert "email:alice@corp.com" not in mallory.principals
    assert mallory.label == f"oidc:{ENTRA}#mallory-1"


def test_an_email_the_provider_calls_unverified_matches_nobody() -> None:
    found = actor(
        actor_from_claims(claims(email="alice@corp.com", email_verified=False), ["corp.com"])
    )
    assert found.emails == ()  # no trusted domain overrides the provider's "not verified"


def test_a_verified_email_or_a_trusted_domain_matches_the_address() -> None:
    verified = actor(actor_from_claims(claims(email=" Alice@Corp.com ", email_verified=True)))
    assert verified.emails == ("alice@corp.com",)
    assert "email:alice@corp.com" in verified.principals
    as_text = actor(actor_from_claims(claims(email="a@corp.com", email_verified="true")))
    assert as_text.emails == ("a@corp.com",)
    trusted = actor(actor_from_claims(claims("x", ENTRA, email="bob@corp.com"), ["corp.com"]))
    assert trusted.emails == ("bob@corp.com",)
    elsewhere = actor(actor_from_claims(claims("x", ENTRA, email="bob@evil.com"), ["corp.com"]))
    assert elsewhere.emails == ()


def test_two_providers_with_the_same_subject_are_two_people() -> None:
    one = actor(actor_from_claims(claims("42", GOOGLE)))
    other = actor(actor_from_claims(claims("42", ENTRA)))
    assert one.key != other.key
    assert set(one.principals).isdisjoint(other.principals)


def test_a_subject_named_local_is_not_the_local_workspace() -> None:
    for reserved in (LOCAL, LINK, "LOCAL", " local "):
        found = actor(actor_from_claims(claims(reserved, email=reserved)))
        assert found.key.startswith("oidc:")
        assert LOCAL not in found.principals and LINK not in found.principals


def test_claims_without_issuer_or_subject_give_no_identity() -> None:
    assert actor_from_claims({"is_logged_in": False, "iss": GOOGLE, "sub": "1"}) is None
    assert actor_from_claims({"email": "a@b.com"}) is None
    assert isinstance(actor_from_claims({"is_logged_in": True, "sub": "1"}), ClaimsProblem)
    assert isinstance(actor_from_claims({"is_logged_in": True, "iss": GOOGLE}), ClaimsProblem)
    hashy = actor_from_claims(claims(issuer="https://id.example.com/#x"))
    assert isinstance(hashy, ClaimsProblem)


def test_a_subject_keeps_its_case_and_a_long_pair_is_hashed() -> None:
    assert oidc_principal(GOOGLE, "AbC") != oidc_principal(GOOGLE, "abc")
    long = oidc_principal(GOOGLE, "s" * 400)
    assert long.startswith("oidc-sha256:") and len(long) <= 320
    assert long == oidc_principal(GOOGLE, "s" * 400)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Alice@Corp.com", "email:alice@corp.com"),
        (" email:Alice@Corp.com ", "email:alice@corp.com"),
        ("local", LOCAL),
        (f"oidc:{GOOGLE}#AbC", f"oidc:{GOOGLE}#AbC"),
        ("legacy:auth0|abc", "legacy:auth0|abc"),
    ],
)
def test_a_typed_name_is_one_principal(typed: str, expected: str) -> None:
    assert principal(typed) == expected


@pytest.mark.parametrize("typed", ["", "bob", "oidc:no-subject", "a@b", "x\x00@y.com"])
def test_a_typed_name_that_is_no_identity_is_refused(typed: str) -> None:
    with pytest.raises(WorkspaceError):
        principal(typed)


def test_the_command_line_acts_as_local_and_a_link_acts_for_nobody() -> None:
    assert as_actor("local").local
    assert as_actor("alice@corp.com").emails == ("alice@corp.com",)
    with pytest.raises(WorkspaceError):
        as_actor("link")


def test_a_legacy_subject_is_claimable_only_with_one_provider() -> None:
    found = actor(actor_from_claims(claims("Auth0|Alice")))
    assert claimable_legacy(found, 1) == "legacy:auth0|alice"
    assert claimable_legacy(found, 2) is None
    assert claimable_legacy(as_actor("alice@corp.com"), 1) is None


def test_sharing_with_a_reserved_name_is_refused(store_url: str) -> None:
    with Workspace.open(store_url, user="anna@corp.com") as anna:
        client = anna.add_client("Acme")
        for reserved in ("local", "LOCAL"):
            with pytest.raises(WorkspaceError, match="is not a colleague"):
                anna.share_client(client.id, reserved)
        with pytest.raises(WorkspaceError, match="neither an e-mail address"):
            anna.share_client(client.id, "link")
        assert anna.client(client.id).shared_with == ()


def test_the_local_workspace_does_not_see_signed_in_consultants_clients(store_url: str) -> None:
    with Workspace.open(store_url) as local:
        mine = local.add_client("CLI client")
        alice = local.for_user(actor(actor_from_claims(claims("local"))))
        assert alice.clients() == []
        with pytest.raises(WorkspaceError, match="no client with id"):
            alice.cases(mine.id)
        alice.add_client("Alice's")
        assert [c.name for c in local.clients()] == ["CLI client"]


def test_a_verified_email_opens_the_clients_shared_with_that_address(store_url: str) -> None:
    with Workspace.open(store_url, user="anna@corp.com") as anna:
        client = anna.add_client("Acme")
        anna.share_client(client.id, "bob@corp.com")
        verified = anna.for_user(
            actor(actor_from_claims(claims("bob", email="bob@corp.com", email_verified=True)))
        )
        assert [c.name for c in verified.clients()] == ["Acme"]
        unverified = anna.for_user(
            actor(actor_from_claims(claims("mallory", email="bob@corp.com")))
        )
        assert unverified.clients() == []
