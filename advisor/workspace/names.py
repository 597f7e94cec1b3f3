"""The names a consultant gives: clients, scenarios, colleagues; kept as typed, matched folded."""

from __future__ import annotations

from advisor.workspace.model import WorkspaceError

MAX_NAME = 200
MAX_USER = 320  # an e-mail address at its longest
MAX_NOTES = 100_000


def clean_name(text: str, what: str) -> str:
    """`text` without surrounding spaces; refused when empty, too long or holding a NUL."""
    if not isinstance(text, str):
        raise WorkspaceError.single(f"expected text, got {type(text).__name__}", path=what)
    name = text.strip()
    if not name:
        raise WorkspaceError.single(f"a {what} needs a name", path=what)
    if len(name) > MAX_NAME:
        raise WorkspaceError.single(
            f"a {what} name may have at most {MAX_NAME} characters (this one has {len(name)})",
            path=what,
        )
    refuse_nul(name, what)
    return name


def name_key(name: str) -> str:
    """The form two names are compared in: 'ACME GmbH' and 'acme gmbh' are one client."""
    return name.strip().casefold()


def clean_user(text: str, what: str = "user") -> str:
    """A consultant's identity (sign-in e-mail or name), compared case-folded."""
    user = text.strip().casefold() if isinstance(text, str) else ""
    if not user:
        raise WorkspaceError.single(f"a {what} needs a name or e-mail address", path=what)
    if len(user) > MAX_USER:
        raise WorkspaceError.single(f"a {what} may have at most {MAX_USER} characters", path=what)
    refuse_nul(user, what)
    return user


def clean_notes(text: str) -> str:
    if not isinstance(text, str):
        raise WorkspaceError.single(f"expected text, got {type(text).__name__}", path="notes")
    if len(text) > MAX_NOTES:
        raise WorkspaceError.single(
            f"notes may have at most {MAX_NOTES:,} characters (these have {len(text):,})",
            path="notes",
        )
    refuse_nul(text, "notes")
    return text


def refuse_nul(text: str, what: str) -> None:
    # Postgres text cannot hold U+0000; refusing it everywhere keeps both stores alike.
    if "\x00" in text:
        raise WorkspaceError.single("holds a NUL character (U+0000); remove it", path=what)
