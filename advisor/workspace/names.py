"""The names a consultant gives: clients, scenarios, colleagues; kept as typed, matched folded."""

from __future__ import annotations

from advisor.i18n import _, formats
from advisor.workspace.model import WorkspaceError

MAX_NAME = 200
MAX_USER = 320  # an e-mail address at its longest
MAX_NOTES = 100_000


def _needs_a_name(what: str) -> str:
    """'a client needs a name', one whole sentence per thing named."""
    if what == "client":
        return _("a client needs a name")
    if what == "scenario":
        return _("a scenario needs a name")
    # Translators: {what} is a field's key (as the command line and the files name it).
    return _("a {what} needs a name", what=what)


def _too_long(what: str, length: int) -> str:
    """'a client name may have at most 200 characters (this one has 201)'."""
    if what == "client":
        # Translators: {most} is the longest a name may be; {length} the name's length.
        return _(
            "a client name may have at most {most} characters (this one has {length})",
            most=MAX_NAME,
            length=length,
        )
    if what == "scenario":
        return _(
            "a scenario name may have at most {most} characters (this one has {length})",
            most=MAX_NAME,
            length=length,
        )
    # Translators: {what} is a field's key; {most} the longest a name may be; {length} its length.
    return _(
        "a {what} name may have at most {most} characters (this one has {length})",
        what=what,
        most=MAX_NAME,
        length=length,
    )


def expected_text(text: object) -> str:
    """'expected text, got int'."""
    # Translators: {kind} is a Python type's name (int, list, …), as it is.
    return _("expected text, got {kind}", kind=type(text).__name__)


def clean_name(text: str, what: str) -> str:
    """`text` without surrounding spaces; refused when empty, too long or holding a NUL."""
    if not isinstance(text, str):
        raise WorkspaceError.single(expected_text(text), path=what)
    name = text.strip()
    if not name:
        raise WorkspaceError.single(_needs_a_name(what), path=what)
    if len(name) > MAX_NAME:
        raise WorkspaceError.single(_too_long(what, len(name)), path=what)
    refuse_nul(name, what)
    return name


def name_key(name: str) -> str:
    """The form two names are compared in: 'ACME GmbH' and 'acme gmbh' are one client."""
    return name.strip().casefold()


def clean_user(text: str, what: str = "user") -> str:
    """A consultant's identity (sign-in e-mail or name), compared case-folded."""
    user = text.strip().casefold() if isinstance(text, str) else ""
    if not user:
        # Translators: {what} is a field's key ("user", "colleague").
        raise WorkspaceError.single(
            _("a {what} needs a name or e-mail address", what=what), path=what
        )
    if len(user) > MAX_USER:
        # Translators: {what} is a field's key ("user", "colleague"); {most} a number.
        raise WorkspaceError.single(
            _("a {what} may have at most {most} characters", what=what, most=MAX_USER), path=what
        )
    refuse_nul(user, what)
    return user


def clean_notes(text: str) -> str:
    if not isinstance(text, str):
        raise WorkspaceError.single(expected_text(text), path="notes")
    if len(text) > MAX_NOTES:
        raise WorkspaceError.single(
            # Translators: {most} and {length} are numbers of characters, grouped ("100,000").
            _(
                "notes may have at most {most} characters (these have {length})",
                most=formats.number(MAX_NOTES),
                length=formats.number(len(text)),
            ),
            path="notes",
        )
    refuse_nul(text, "notes")
    return text


def nul_refusal() -> str:
    """The refusal of a text holding U+0000."""
    return _("holds a NUL character (U+0000); remove it")


def refuse_nul(text: str, what: str) -> None:
    # Postgres text cannot hold U+0000; refusing it everywhere keeps both stores alike.
    if "\x00" in text:
        raise WorkspaceError.single(nul_refusal(), path=what)
