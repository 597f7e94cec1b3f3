"""argparse's own words (usage, option groups, its refusals) in the command's language.

argparse writes them through `gettext` in its own module; `speak_the_language` has it ask the
product's catalogue instead, which reads the language of the call (`--lang`) at each message, so
`advisor kit --lang es` without `--out` is refused in Spanish on stderr with exit 2. A message
argparse adds in a later Python and the catalogue lacks stays in English.
"""

from __future__ import annotations

import argparse

from advisor.i18n import N_, _, n_

# Translators: argparse's messages: keep every %s, %r and %(name)s (argparse fills them in) and
# the trailing space or line end.
MESSAGES = frozenset(
    {
        N_("usage: "),
        N_("positional arguments"),
        N_("options"),
        N_("show this help message and exit"),
        N_("%(prog)s: error: %(message)s\n"),
        N_("argument %(argument_name)s: %(message)s"),
        N_("the following arguments are required: %s"),
        N_("one of the arguments %s is required"),
        N_("unrecognized arguments: %s"),
        N_("not allowed with argument %s"),
        N_("ignored explicit argument %r"),
        N_("expected one argument"),
        N_("expected at most one argument"),
        N_("expected at least one argument"),
        N_("ambiguous option: %(option)s could match %(matches)s"),
        N_("invalid %(type)s value: %(value)r"),
        N_("invalid choice: %(value)r (choose from %(choices)s)"),
        N_("can't open '%(filename)s': %(error)s"),
    }
)
# argparse's one message that agrees with a number, "expected %s argument(s)".
_EXPECTED = ("expected %s argument", "expected %s arguments")


def _message(message: str) -> str:
    return _(message) if message in MESSAGES else message


def _count(singular: str, plural: str, count: int) -> str:
    if (singular, plural) == _EXPECTED:
        return n_("expected %s argument", "expected %s arguments", count)
    return singular if count == 1 else plural


def speak_the_language() -> None:
    """Have argparse write its messages in the current language (each call reads it)."""
    setattr(argparse, "_", _message)  # noqa: B010 - argparse has no typed hook for this
    setattr(argparse, "ngettext", _count)  # noqa: B010
