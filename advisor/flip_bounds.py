"""Where a rule pack's numeric conditions change truth, per profile field, for one segment: the
thresholds on each field, the targets of each derived figure it is an input of, the grid points
where a stretch of constant verdict begins past a boundary, and for each rule reading a field the
check that says whether its other conditions settle it. Worked out once per pack and segment
(`engine.CompiledRules`); the flip-point search (`advisor.flips`) reads them per profile.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import msgspec

from advisor.fields import DERIVED_FIELDS, FIELDS
from advisor.operators import OPERATORS
from advisor.pack.conditions import compile_when, conditions_in
from advisor.pack.model import Condition

if TYPE_CHECKING:
    from advisor.engine import CompiledRules
    from advisor.pack.model import Node, RulePack, Threshold

__all__ = [
    "ALWAYS",
    "EITHER_SIDE",
    "NEAR",
    "SOLUTION_ON_GRID",
    "STEPS",
    "DerivedBounds",
    "DirectBounds",
    "FieldBounds",
    "LineBounds",
    "Undecided",
    "add_starts",
    "condition_bounds",
    "line_bounds",
    "undecided_checks",
]

# The step each kind of input moves by: whole counts and currency units, a tenth of a point.
STEPS = {"count": 1.0, "money": 1.0, "rate": 0.001, "net_rate": 0.001, "score": 1.0}

# Which grid points begin a stretch when a boundary lies on the grid point k, as offsets from k
# walking up (the first point on the far side) and down (the last one), by operator. A boundary
# off the grid begins one at its ceiling going up and at its floor going down.
Offsets = tuple[tuple[int, ...], tuple[int, ...]]
_ON_GRID: dict[str, Offsets] = {
    "gte": ((0,), (-1,)),
    "lt": ((0,), (-1,)),
    "gt": ((1,), (0,)),
    "lte": ((1,), (0,)),
}
EITHER_SIDE: Offsets = ((0, 1), (-1, 0))  # eq, ne, or a solution on the grid
NEAR: Offsets = ((-1, 0, 1, 2), (-2, -1, 0, 1))  # a bisection's solution: a step of leeway
# How near a grid point a boundary counts as on it, relative to its size in steps.
_THRESHOLD_ON_GRID, SOLUTION_ON_GRID, ALWAYS = 1e-9, 1e-6, math.inf


def add_starts(
    value: float, offsets: Offsets, near: float, step: float, up: set[int], down: set[int]
) -> None:
    """Add the grid points (in steps) where a stretch begins past one boundary."""
    q = value / step
    k = round(q)
    if abs(q - k) > near * max(1.0, abs(q)):
        up.add(math.ceil(q))
        down.add(math.floor(q))
        return
    for offset in offsets[0]:
        up.add(k + offset)
    for offset in offsets[1]:
        down.add(k + offset)


class FieldBounds(msgspec.Struct, frozen=True):
    """The thresholds the rules set on one profile field, in ascending order, with the rule each
    belongs to and its operator, and the grid points (in the field's steps) where a stretch
    begins past them."""

    at: tuple[float, ...]
    rules: tuple[int, ...]
    ops: tuple[str, ...]
    up: tuple[int, ...]
    down: tuple[int, ...]

    def of(self, rules: frozenset[int], step: float) -> FieldBounds:
        """The thresholds of the given rules only."""
        if rules.issuperset(self.rules):
            return self
        kept = [
            (value, op, index)
            for value, op, index in zip(self.at, self.ops, self.rules, strict=True)
            if index in rules
        ]
        return _field_bounds(kept, step)


# Per profile field: its thresholds, and the targets of each derived figure it is an input of
# (derived field → target → the rules testing it), solved per profile.
DirectBounds = dict[str, FieldBounds]
DerivedBounds = dict[str, dict[str, dict[float, tuple[int, ...]]]]


def condition_bounds(pack: RulePack, segment: str) -> tuple[DirectBounds, DerivedBounds]:
    """Where each rule's numeric conditions change truth, per profile field, for one segment."""
    direct: dict[str, set[tuple[float, str, int]]] = {}
    derived: dict[str, dict[str, dict[float, set[int]]]] = {}
    for index, rule in enumerate(pack.rules):
        for condition in conditions_in(rule.when):
            if OPERATORS[condition.op].takes not in ("number", "range", "scalar"):
                continue
            expected = condition.value.resolve(pack.thresholds, segment)
            if not isinstance(expected, (int, float, tuple)) or isinstance(expected, bool):
                continue  # a choice compared with eq/ne: no numeric boundary
            if condition.field in DERIVED_FIELDS:
                targets = list(expected) if isinstance(expected, tuple) else [expected]
                for name in DERIVED_FIELDS[condition.field].depends_on:
                    figure = derived.setdefault(name, {}).setdefault(condition.field, {})
                    for target in targets:
                        figure.setdefault(float(target), set()).add(index)
            elif isinstance(expected, tuple):
                direct.setdefault(condition.field, set()).update(
                    {(float(expected[0]), "gte", index), (float(expected[1]), "lte", index)}
                )
            else:
                direct.setdefault(condition.field, set()).add(
                    (float(expected), condition.op, index)
                )
    return (
        {
            name: _field_bounds(sorted(bounds), STEPS[FIELDS[name].kind])
            for name, bounds in direct.items()
            if FIELDS[name].kind in STEPS
        },
        {
            name: {
                figure: {target: tuple(sorted(rules)) for target, rules in targets.items()}
                for figure, targets in figures.items()
            }
            for name, figures in derived.items()
        },
    )


# A rule's truth as one field moves, everything else as it is: settled (True or False) by its
# other conditions, or None when it may change. A rule that may always change has no check.
Undecided = Callable[[Mapping[str, Any]], bool | None]


def undecided_checks(
    pack: RulePack, segment: str, dependents: Mapping[str, Iterable[int]]
) -> dict[str, tuple[tuple[int, Undecided | None], ...]]:
    """Per profile field, each rule reading it with the check that says whether its other
    conditions settle it (an `all` with another condition false, an `any` with one true).

    Fields that a rule's conditions read alike (the same conditions, each itself or through a
    derived figure) share one check: its answer on a profile holds for each of them."""
    shared: dict[tuple[int, tuple[int, ...]], Undecided | None] = {}

    def check(index: int, name: str) -> Undecided | None:
        when = pack.rules[index].when
        key = (index, tuple(_how_read(condition, name) for condition in conditions_in(when)))
        if key not in shared:
            shared[key] = _undecided(when, pack.thresholds, segment, name)
        return shared[key]

    return {
        name: tuple((index, check(index, name)) for index in rules)
        for name, rules in dependents.items()
    }


def _how_read(condition: Condition, name: str) -> int:
    """How a condition reads the field: 0 not at all, 1 itself, 2 through a derived figure."""
    if condition.field == name:
        return 1
    return 2 if _reads(condition, name) else 0


def _reads(condition: Condition, name: str) -> bool:
    """Whether a condition reads the field, itself or through a derived figure."""
    derived = DERIVED_FIELDS.get(condition.field)
    return condition.field == name or (derived is not None and name in derived.depends_on)


def _undecided(
    node: Node, references: Mapping[str, Threshold], segment: str, name: str
) -> Undecided | None:
    if not any(_reads(condition, name) for condition in conditions_in(node)):
        return compile_when(node, references, segment)
    if isinstance(node, Condition):
        if node.field == name:
            return None
        # A derived figure left empty (books of work for a book sized by its accounts alone)
        # stays empty whatever a number does; the others move with it.
        check, figure = compile_when(node, references, segment), node.field
        return lambda values: None if values.get(figure) is not None else check(values)
    found = [_undecided(child, references, segment, name) for child in node.children]
    children = [child for child in found if child is not None]
    if not children:
        return None
    if node.kind == "not":
        only = children[0]

        def negated(values: Mapping[str, Any]) -> bool | None:
            result = only(values)
            return None if result is None else not result

        return negated
    settles = node.kind == "any"  # the value of a child that settles the group
    always_open = len(children) < len(found)

    def group(values: Mapping[str, Any]) -> bool | None:
        open_ = always_open
        for child in children:
            result = child(values)
            if result is None:
                open_ = True
            elif result == settles:
                return settles
        return None if open_ else not settles

    return group


def _field_bounds(bounds: list[tuple[float, str, int]], step: float) -> FieldBounds:
    up: set[int] = set()
    down: set[int] = set()
    for value, op, _ref in bounds:
        add_starts(value, _ON_GRID.get(op, EITHER_SIDE), _THRESHOLD_ON_GRID, step, up, down)
    return FieldBounds(
        at=tuple(value for value, _op, _rule in bounds),
        rules=tuple(index for _, _, index in bounds),
        ops=tuple(op for _, op, _ in bounds),
        up=tuple(sorted(up)),
        down=tuple(sorted(down, reverse=True)),
    )


# The sets of rules whose bounds are kept per pack and segment: far more than the profiles of
# one pack ever move.
_LINES_KEPT = 4_096
LineBounds = tuple[FieldBounds | None, tuple[tuple[str, dict[float, tuple[int, ...]]], ...]]


def line_bounds(
    compiled: CompiledRules, name: str, moving: frozenset[int], step: float
) -> LineBounds:
    """The thresholds on a field of the rules that may turn the verdict, and the targets of
    each derived figure it is an input of that those rules test: the same for every profile
    whose field moves the same rules, so worked out once per set of rules."""
    key = (name, moving)
    known = compiled.lines.get(key)
    if known is not None:
        return known
    thresholds = compiled.direct_bounds.get(name)
    if thresholds:
        thresholds = thresholds.of(moving, step)
    targets = tuple(
        (figure, kept)
        for figure, by_target in compiled.derived_bounds.get(name, {}).items()
        if (
            kept := {
                target: rules for target, rules in by_target.items() if not moving.isdisjoint(rules)
            }
        )
    )
    known = (thresholds or None, targets)
    if len(compiled.lines) < _LINES_KEPT:
        compiled.lines[key] = known
    return known
