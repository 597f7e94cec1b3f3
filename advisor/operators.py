"""The closed set of condition operators a rule may use. Operators are code, never YAML."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import msgspec

from advisor.i18n import N_, _, p_


class Operator(msgspec.Struct, frozen=True):
    name: str
    # What the `value` must be: number, range (low/high), choices (list), or none.
    takes: str
    # Which field kinds it applies to: numeric, choice, yes_no.
    applies_to: frozenset[str]
    test: Callable[[Any, Any], bool]
    phrase: (
        str  # reads after the field label: "is at least {value}" (marked, translated where shown)
    )


def _between(actual: float, bounds: tuple[float, float]) -> bool:
    return bounds[0] <= actual <= bounds[1]


_NUMERIC = frozenset({"numeric"})
_ANY_SCALAR = frozenset({"numeric", "choice", "yes_no"})

OPERATORS: dict[str, Operator] = {
    op.name: op
    for op in (
        Operator("lt", "number", _NUMERIC, lambda a, v: a < v, N_("is below {value}")),
        Operator("lte", "number", _NUMERIC, lambda a, v: a <= v, N_("is at most {value}")),
        Operator("gt", "number", _NUMERIC, lambda a, v: a > v, N_("is above {value}")),
        Operator("gte", "number", _NUMERIC, lambda a, v: a >= v, N_("is at least {value}")),
        Operator("between", "range", _NUMERIC, _between, N_("is between {low} and {high}")),
        Operator("eq", "scalar", _ANY_SCALAR, lambda a, v: a == v, N_("is {value}")),
        Operator("ne", "scalar", _ANY_SCALAR, lambda a, v: a != v, N_("is not {value}")),
        Operator(
            "in", "choices", frozenset({"choice"}), lambda a, v: a in v, N_("is one of {value}")
        ),
        Operator(
            "not_in",
            "choices",
            frozenset({"choice"}),
            lambda a, v: a not in v,
            N_("is not one of {value}"),
        ),
        Operator("is_true", "none", frozenset({"yes_no"}), lambda a, _v: a is True, N_("is yes")),
        Operator("is_false", "none", frozenset({"yes_no"}), lambda a, _v: a is False, N_("is no")),
        Operator("is_set", "none", _ANY_SCALAR, lambda a, _v: a is not None, N_("is provided")),
    )
}


# What an operator's `value` must be, and the kinds of field, in words.
TAKES_WORDS = {
    "number": N_("number"),
    "range": N_("range"),
    "choices": N_("choices"),
    "scalar": N_("scalar"),
    "none": N_("none"),
}
KIND_WORDS = {
    "numeric": N_("numeric"),
    "choice": N_("choice"),
    "yes_no": N_("yes no"),
    "text": N_("text"),
    "count": N_("count"),
    "money": N_("money"),
    "rate": N_("rate"),
    "net_rate": N_("net rate"),
    "score": N_("score"),
}


def kind_words(kind: str) -> str:
    """A kind of field in the current language ("yes no" in English, as its code reads)."""
    known = KIND_WORDS.get(kind)
    return _(known) if known else kind.replace("_", " ")


def describe_operators() -> list[dict[str, str]]:
    """Operators as plain data, for a rule-builder table in the UI or docs; the operator's name
    stays as the rule language writes it."""
    return [
        {
            p_("column", "op"): op.name,
            p_("column", "value"): _(TAKES_WORDS[op.takes]),
            p_("column", "applies_to"): ", ".join(
                kind_words(kind) for kind in sorted(op.applies_to)
            ),
            p_("column", "reads"): _(op.phrase),
        }
        for op in OPERATORS.values()
    ]
