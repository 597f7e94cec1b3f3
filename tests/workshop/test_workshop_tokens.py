"""Respondent link tokens: random, long, stored as a hash only, checked in constant time."""

from __future__ import annotations

import hmac
import math

import pytest

from advisor.workshop import hash_token, new_token, tokens, verify_token


def test_a_token_carries_at_least_128_random_bits() -> None:
    token = new_token()
    assert tokens.TOKEN_SHAPE.fullmatch(token)
    assert len(token) * math.log2(64) >= 128  # URL-safe base64: 6 bits a character
    assert tokens.TOKEN_BYTES * 8 >= 128
    assert len({new_token() for _ in range(1000)}) == 1000


def test_only_a_hash_is_kept_and_it_verifies() -> None:
    token = new_token()
    stored = hash_token(token)
    assert token not in stored and len(stored) == 64
    assert verify_token(token, stored)
    assert hash_token(token) == stored  # the same token always finds its row


@pytest.mark.parametrize(
    "changed",
    [
        lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),  # one character changed
        lambda t: t[:-1],  # cut short
        lambda t: t + "A",  # too long
        lambda t: t.upper() if t.upper() != t else t.lower(),
        lambda t: "",
        lambda t: " " + t,
        lambda t: t.replace(t[0], "\ud800", 1),  # a lone surrogate from a hostile query
    ],
)
def test_a_changed_token_is_refused(changed) -> None:  # type: ignore[no-untyped-def]
    token = new_token()
    assert not verify_token(changed(token), hash_token(token))


def test_verify_never_raises_on_odd_input() -> None:
    token = new_token()
    for odd in (None, 42, b"bytes", ["list"], "x" * 10_000):
        assert not verify_token(odd, hash_token(token))
    assert not verify_token(token, None)
    assert not verify_token(token, "not-a-hash")
    assert not verify_token(token, hash_token(token).upper())


def test_a_malformed_token_cannot_match_the_hash_of_the_empty_token() -> None:
    """Malformed tokens are hashed as "" to keep the timing flat; that must never let one in."""
    assert not verify_token("not a token", hash_token(""))


def test_the_comparison_is_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = hmac.compare_digest

    def spy(a: str, b: str) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(tokens.hmac, "compare_digest", spy)
    token = new_token()
    assert verify_token(token, hash_token(token))
    assert not verify_token("short", hash_token(token))
    assert len(calls) == 2  # every check goes through compare_digest, malformed ones too
