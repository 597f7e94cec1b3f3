"""The closed set of condition operators a rule may use. Operators are code, never YAML."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import msgspec


class Operator(msgspec.Struct, frozen=True):
    name: str
    # What the `value` must be: number, range (low/high), choices (list), or none.
    takes: str
    # Which field kinds it applies to: numeric, choice, yes_no.
    applies_to: frozenset[str]
    test: Callable[[Any, Any], bool]
    phrase: str  # reads after the field label: "is at least {value}"


def _between(actual: float, bounds: tuple[float, float]) -> bool:
    return bounds[0] <= actual <= bounds[1]


_NUMERIC = frozenset({"numeric"})
_ANY_SCALAR = frozenset({"numeric", "choice", "yes_no"})

OPERATORS: dict[str, Operator] = {
    op.name: op
    for op in (
        Operator("lt", "number", _NUMERIC, lambda a, v: a < v, "is below {value}"),
        Operator("lte", "number", _NUMERIC, lambda a, v: a <= v, "is at most {value}"),
        Operator("gt", "number", _NUMERIC, lambda a, v: a > v, "is above {value}"),
        Operator("gte", "number", _NUMERIC, lambda a, v: a >= v, "is at least {value}"),
        Operator("between", "range", _NUMERIC, _between, "is between {low} and {high}"),
        Operator("eq", "scalar", _ANY_SCALAR, lambda a, v: a == v, "is {value}"),
        Operator("ne", "scalar", _ANY_SCALAR, lambda a, v: a != v, "is not {value}"),
        Operator("in", "choices", frozenset({"choice"}), lambda a, v: a in v, "is one of {value}"),
        Operator(
            "not_in",
            "choices",
            frozenset({"choice"}),
            lambda a, v: a not in v,
            "is not one of {value}",
        ),
        Operator("is_true", "none", frozenset({"yes_no"}), lambda a, _v: a is True, "is yes"),
        Operator("is_false", "none", frozenset({"yes_no"}), lambda a, _v: a is False, "is no"),
        Operator("is_set", "none", _ANY_SCALAR, lambda a, _v: a is not None, "is provided"),
    )
}


def describe_operators() -> list[dict[str, str]]:
    """Operators as plain data, for a rule-builder table in the UI or docs."""
    return [
        {
            "op": op.name,
            "value": op.takes,
            "applies_to": ", ".join(sorted(op.applies_to)),
            "reads": op.phrase,
        }
        for op in OPERATORS.values()
    ]
