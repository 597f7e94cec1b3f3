"""Respondent link tokens: made, stored and checked without the store knowing the token.

A respondent's personal link carries a random token of 256 bits from `secrets`; the store keeps
only its SHA-256, so a copy of the database opens no questionnaire. A plain hash is enough: the
token is random and long, so there is nothing to guess or look up, and no salt or slow hash
would add anything. `verify_token` compares in constant time and refuses anything that is not
shaped like a token before hashing it.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

TOKEN_BYTES = 32  # 256 bits; the issue asks for at least 128
# token_urlsafe(32) gives 43 characters of the URL-safe base64 alphabet.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{43}")
HASH_SHAPE = re.compile(r"[0-9a-f]{64}")


def new_token() -> str:
    """A fresh link token: 256 random bits, URL-safe, 43 characters."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    """What the store keeps of a token: its SHA-256 as 64 hex digits."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def verify_token(token: object, stored_hash: object) -> bool:
    """True only when `token` is a well-formed token whose hash is `stored_hash`.

    Never raises: a link's query string is whatever the browser sends.
    """
    if not isinstance(token, str) or not isinstance(stored_hash, str):
        return False
    if not HASH_SHAPE.fullmatch(stored_hash):
        return False
    well_formed = TOKEN_SHAPE.fullmatch(token) is not None
    # Hash and compare even a malformed token, so the time taken says nothing about why.
    candidate = hash_token(token if well_formed else "")
    return hmac.compare_digest(candidate, stored_hash) and well_formed
