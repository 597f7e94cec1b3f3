"""Sections declared as schemas, and the one reader that checks raw YAML against them.

A schema is a table of keys, each with whether it is required, its default and a check that
names what a bad value is; `Schema.read` reports unknown and missing keys and every bad value
as a `Problem` at its line, so each section states its keys once instead of testing them by hand.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import msgspec

from advisor.i18n import _
from advisor.problems import Problems, suggest
from advisor.yamlio import LineDict, yaml_hint

# A check returns what is wrong with a value, or None when it is fine.
Check = Callable[[Any], str | None]


class _Absent:
    """The default of a key that has none: its check runs only when the key is given."""


ABSENT: Any = _Absent()


def line_of(node: Any, key: str | None = None, fallback: int = 0) -> int:
    """The line of `key` in a mapping read from YAML (of the mapping itself without a key)."""
    if isinstance(node, LineDict):
        return node.line_of(key) if key else node.line
    return fallback


def is_number(value: Any) -> bool:
    """A finite int or float: YAML's .nan and .inf would make every comparison meaningless."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def is_text(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


def check_keys(
    problems: Problems,
    file: str,
    node: Mapping[str, Any],
    allowed: Iterable[str],
    required: Iterable[str],
    context: str,
    prefix: str,
) -> None:
    """Report each key not in `allowed` (with a suggestion) and each missing required key."""
    allowed = list(allowed)
    for key in node:
        if key not in allowed:
            problems.add(
                # Translators: {suggestion} is " (did you mean 'x'?)" or empty; {choices} are keys
                _(
                    "unknown key{suggestion}; expected one of {choices}",
                    suggestion=suggest(key, allowed),
                    choices=", ".join(allowed),
                ),
                file=file,
                line=line_of(node, key),
                context=context,
                path=f"{prefix}{key}",
            )
    for key in required:
        if key not in node:
            problems.add(
                _("required key is missing"),
                file=file,
                line=line_of(node),
                context=context,
                path=f"{prefix}{key}",
            )


def number_within(
    low: float, high: float, what: str, *, above_low: bool = False, **values: Any
) -> Check:
    """A finite number from `low` (exclusive when `above_low`) to `high`, called `what` (marked
    with `N_` where written, its placeholders filled from `values`)."""

    def check(value: Any) -> str | None:
        fits = is_number(value) and (low < value if above_low else low <= value) and value <= high
        # Translators: {value} is the value as read; {what} says what it should be ("a share
        # from 0 to 1"); {hint} is empty or a note on how YAML read it
        return (
            None
            if fits
            else _(
                "{value} is not {what}{hint}",
                value=repr(value),
                what=_(what, **values),
                hint=yaml_hint(value),
            )
        )

    return check


def any_number(value: Any) -> str | None:
    if is_number(value):
        return None
    return _("{value} is not a number{hint}", value=repr(value), hint=yaml_hint(value))


def one_of(choices: tuple[str, ...], *, optional: bool = False) -> Check:
    """One of `choices` (or None when `optional`), suggesting the closest on a typo."""

    def check(value: Any) -> str | None:
        if (optional and value is None) or value in choices:
            return None
        return _(
            "{value} is not one of {choices}{suggestion}",
            value=repr(value),
            choices=", ".join(choices),
            suggestion=suggest(str(value), choices),
        )

    return check


class Key(msgspec.Struct, frozen=True):
    name: str
    check: Check | None = None
    required: bool = True
    default: Any = ABSENT


class Schema(msgspec.Struct, frozen=True):
    keys: tuple[Key, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(key.name for key in self.keys)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(key.name for key in self.keys if key.required)

    def read(
        self, problems: Problems, file: str, node: LineDict, context: str, prefix: str = ""
    ) -> dict[str, Any]:
        """Each key's value (its default, or None, when absent), every problem reported."""
        check_keys(problems, file, node, self.names, self.required, context, prefix)
        values: dict[str, Any] = {}
        for key in self.keys:
            given = key.name in node
            value = node[key.name] if given else key.default
            if key.check is not None and (given or value is not ABSENT):
                message = key.check(value)
                if message:
                    problems.add(
                        message,
                        file=file,
                        line=node.line_of(key.name),
                        context=context,
                        path=f"{prefix}{key.name}",
                    )
            values[key.name] = None if value is ABSENT else value
        return values
