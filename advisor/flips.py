"""Flip points: for each input, the nearest value at which the verdict becomes each other verdict,
everything else equal.

The verdict changes only where some condition changes truth, and those boundaries are found
exactly: a threshold on the field itself, or, for a condition on a derived figure (ARR, cost
coverage, the team's room…), the input value at which the figure reaches its target. A derived
figure is affine in each input, or affine in its inverse (team room = AMs × the most one AM
holds − accounts, negative once the book outgrew the team; cost coverage = gross profit ÷
cost): it is solved from today's value and one more, each solution checked by evaluating the
figure there, and where neither shape holds the crossings are found by a scan and bisection.

Between two neighbouring boundaries the verdict is constant, so one probe per stretch tells it.
Walking outward from today, nearest first, the first value met for each verdict is its flip
point: "fell to 150 → Prepare" and "fell to 135 → Not yet" are both reported. Counts move in
whole units (a count flips at the first whole number past a fractional boundary), money by one
currency unit and rates by a tenth of a point. For each point the value one step nearer today is
re-assessed with every rule that reads the field; should it already give the verdict, the
stretch between is scanned step by step.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from itertools import compress, pairwise
from typing import TYPE_CHECKING, Any

import msgspec

from advisor import wording
from advisor.economics import Constants, derived_values, payback_pieces
from advisor.fields import DERIVED_FIELDS, FIELDS
from advisor.operators import OPERATORS
from advisor.pack.conditions import conditions_in

if TYPE_CHECKING:
    from advisor.engine import CompiledRules, Verdict
    from advisor.pack.model import RulePack
    from advisor.profile import CompanyProfile

__all__ = [
    "STEPS",
    "DerivedBounds",
    "DirectBounds",
    "FieldBounds",
    "FlipPoint",
    "condition_bounds",
    "flip_points",
    "numeric_domain",
    "solve_for",
]


class FlipPoint(msgspec.Struct, frozen=True):
    field: str
    kind: str  # numeric | choice
    current: Any
    value: Any
    direction: str  # up | down | change
    verdict: str
    sentence: str


# The step each kind of input moves by: whole counts and currency units, a tenth of a point.
STEPS = {"count": 1.0, "money": 1.0, "rate": 0.001, "net_rate": 0.001, "score": 1.0}

# A stretch longer than this many steps is not scanned one step at a time.
_SCAN_LIMIT = 2_000
# Where a scan looks for the crossings of a derived figure that is neither affine nor inverse.
_SCAN_POINTS = 64


def numeric_domain(field_name: str, current: float) -> tuple[float, float]:
    """The values of a numeric input the search looks at."""
    kind = FIELDS[field_name].kind
    if kind == "rate":
        return 0.0, 1.0
    if kind == "net_rate":
        return 0.0, 3.0
    if kind == "score":
        return -100.0, 100.0
    if field_name == "renewal_lead_days":
        return 0.0, 365.0
    if kind == "count":
        return 0.0, float(max(4 * current, 200))
    if field_name == "am_fully_loaded_cost":
        return 1.0, float(max(10 * current, 1_000_000))  # a cost of 0 is not a cost
    return 0.0, float(max(10 * current, 1_000_000))


# ---------------------------------------------------------------------------------------------
# Where the rules' conditions change truth, prepared once per pack and segment

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
_EITHER_SIDE: Offsets = ((0, 1), (-1, 0))  # eq, ne, or a solution on the grid
_NEAR: Offsets = ((-1, 0, 1, 2), (-2, -1, 0, 1))  # a bisection's solution: a step of leeway
# How near a grid point a boundary counts as on it, relative to its size in steps.
_THRESHOLD_ON_GRID, _SOLUTION_ON_GRID, _ALWAYS = 1e-9, 1e-6, math.inf


def _add_starts(
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
    belongs to, and the grid points (in the field's steps) where a stretch begins past them."""

    at: tuple[float, ...]
    rules: tuple[int, ...]
    up: tuple[int, ...]
    down: tuple[int, ...]


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


def _field_bounds(bounds: list[tuple[float, str, int]], step: float) -> FieldBounds:
    up: set[int] = set()
    down: set[int] = set()
    for value, op, _ in bounds:
        _add_starts(value, _ON_GRID.get(op, _EITHER_SIDE), _THRESHOLD_ON_GRID, step, up, down)
    return FieldBounds(
        at=tuple(value for value, _, _ in bounds),
        rules=tuple(index for _, _, index in bounds),
        up=tuple(sorted(up)),
        down=tuple(sorted(down, reverse=True)),
    )


# ---------------------------------------------------------------------------------------------
# Solving a derived figure for one input


def _scan(figure: Callable[[float], float], target: float, low: float, high: float) -> list[float]:
    """Where figure - target changes sign on [low, high]: a scan, then bisection."""
    width = (high - low) / _SCAN_POINTS
    xs = [low + width * i for i in range(_SCAN_POINTS)] + [high]
    signs = [figure(x) >= target for x in xs]
    found = []
    for left, right, was, now in zip(xs, xs[1:], signs, signs[1:], strict=False):
        if was == now:
            continue
        for _ in range(80):
            middle = (left + right) / 2
            if middle in (left, right):
                break
            if (figure(middle) >= target) == was:
                left = middle
            else:
                right = middle
        found.append((left + right) / 2)
    return found


class _Fit:
    """A figure that is a line in some transform of input and value, through two points:
    affine in the input, in its inverse (a ratio with the input below), or with its own
    inverse affine (the input below a ratio, as a payback is)."""

    def __init__(self, kind: str, first: tuple[float, float], second: tuple[float, float]):
        self.kind = kind
        self.u1, self.v1 = self._u(first[0]), self._v(first[1])
        self.u2, self.v2 = self._u(second[0]), self._v(second[1])

    def _u(self, x: float) -> float:
        return 1 / x if self.kind == "inverse" else x

    def _v(self, y: float) -> float:
        return 1 / y if self.kind == "reciprocal" else y

    def at(self, x: float) -> float:
        u = self._u(x)
        v = self.v1 + (self.v2 - self.v1) * (u - self.u1) / (self.u2 - self.u1)
        if self.kind != "reciprocal":
            return v
        return 1 / v if v else math.inf

    def solve(self, target: float) -> float | None:
        if self.v2 == self.v1 or (self.kind == "reciprocal" and not target):
            return None
        u = self.u1 + (self._v(target) - self.v1) * (self.u2 - self.u1) / (self.v2 - self.v1)
        if self.kind == "inverse":
            return 1 / u if u else None
        return u


def _fit(points: list[tuple[float, float]]) -> _Fit | None:
    """The shape through the last two points that the first lies on, within rounding."""
    (x0, y0), first, second = points
    ys = (y0, first[1], second[1])
    if not all(math.isfinite(y) for y in ys) or first[1] == second[1]:
        return None
    xs = (x0, first[0], second[0])
    for kind in ("affine", "inverse", "reciprocal"):
        if (kind == "inverse" and not all(xs)) or (kind == "reciprocal" and not all(ys)):
            continue
        fit = _Fit(kind, first, second)
        # Rounding only: a wrong shape misses by far more, even where the figure is large.
        tolerance = 1e-9 * max(1.0, abs(y0)) + 1e-12 * max(abs(first[1]), abs(second[1]))
        if abs(fit.at(x0) - y0) <= tolerance:
            return fit
    return None


def solve_for(
    derive: Callable[[float], Mapping[str, Any]],
    targets: Mapping[str, Iterable[float]],
    domain: tuple[float, float],
    today: tuple[float, Mapping[str, Any]],
    pieces: Mapping[str, Iterable[float]] | None = None,
) -> list[tuple[str, float, float, bool]]:
    """Input values in the domain at which each derived figure reaches each of its targets.

    `derive(x)` gives the figures with the input at x, `today` the input and figures as they
    are, `pieces` for a figure built of pieces the input values where its formula changes.
    On each piece (the whole domain for most figures) the figure is read at three values: a
    line through two of them that the third lies on, in the input or its inverse, or with the
    figure's inverse on it, is the figure's shape there, and each target is solved on it
    exactly; a piece of any other shape is scanned and bisected. Where the figure jumps across
    a target at a piece's edge, the edge is a solution. Each solution comes as (figure,
    target, input value, whether it is exact).
    """
    low, high = domain
    x0, at_x0 = today
    width = high - low
    x1, x2 = [
        x
        for x in (low + width * 0.5, low + width * 0.9, low + width * 0.1)
        if abs(x - x0) > width / 20
    ][:2]
    plain = [name for name in targets if not _breaks(pieces, name, low, high)]
    # derive() may reuse one dict: read each figure before the next call.
    at_x1: dict[str, float] = {}
    at_x2: dict[str, float] = {}
    if plain:
        derived = derive(x1)
        at_x1 = {name: float(derived[name]) for name in plain}
        derived = derive(x2)
        at_x2 = {name: float(derived[name]) for name in plain}
    solutions: list[tuple[str, float, float, bool]] = []
    for name in targets:
        if name not in at_x1:
            solutions += _solve_in_pieces(
                derive, name, targets[name], low, high, _breaks(pieces, name, low, high)
            )
            continue
        y0, y1, y2 = float(at_x0[name]), at_x1[name], at_x2[name]
        if y0 == y1 == y2:
            continue  # the figure does not move with this input: its conditions never flip
        fit = _fit([(x0, y0), (x1, y1), (x2, y2)])
        for target in targets[name]:
            if fit is None:
                solutions += [
                    (name, target, x, False)
                    for x in _scan(_reader(derive, name), target, low, high)
                ]
                continue
            x = fit.solve(target)
            if x is not None and math.isfinite(x) and low <= x <= high:
                solutions.append((name, target, x, True))
    return solutions


def _breaks(
    pieces: Mapping[str, Iterable[float]] | None, name: str, low: float, high: float
) -> list[float]:
    return sorted({x for x in (pieces or {}).get(name, ()) if low < x < high})


def _reader(derive: Callable[[float], Mapping[str, Any]], name: str) -> Callable[[float], float]:
    def figure(x: float) -> float:
        return float(derive(x)[name])

    return figure


def _solve_in_pieces(
    derive: Callable[[float], Mapping[str, Any]],
    name: str,
    targets: Iterable[float],
    low: float,
    high: float,
    breaks: list[float],
) -> list[tuple[str, float, float, bool]]:
    """A figure built of pieces, solved piece by piece, and at the edges where it jumps."""
    figure = _reader(derive, name)
    edges = [low, *breaks, high]
    # Per piece: its shape (a fit, a constant, or None: scanned) and the values at its ends.
    shapes: list[tuple[_Fit | float | None, float, float]] = []
    for a, b in pairwise(edges):
        xs = [a + (b - a) * share for share in (0.5, 0.25, 0.75)]
        ys = [figure(x) for x in xs]
        shape: _Fit | float | None
        shape = ys[0] if ys[0] == ys[1] == ys[2] else _fit(list(zip(xs, ys, strict=True)))
        ends = _ends(shape, figure, a, b)
        shapes.append((shape, *ends))
    solutions: list[tuple[str, float, float, bool]] = []
    for target in targets:
        for (a, b), (shape, _, _) in zip(pairwise(edges), shapes, strict=True):
            if isinstance(shape, _Fit):
                x = shape.solve(target)
                if x is not None and math.isfinite(x) and a <= x <= b:
                    solutions.append((name, target, x, True))
            elif shape is None:
                solutions += [(name, target, x, False) for x in _scan(figure, target, a, b)]
        for edge, left, right in zip(breaks, shapes, shapes[1:], strict=False):
            if (left[2] >= target) != (right[1] >= target):
                solutions.append((name, target, edge, False))  # it jumps at the edge
    return solutions


def _ends(
    shape: _Fit | float | None, figure: Callable[[float], float], a: float, b: float
) -> tuple[float, float]:
    """A piece's values at its ends, where the figure may jump: a constant's, a line's, or
    read just inside the ends (a figure whose inverse is a line may have its pole there)."""
    if isinstance(shape, float):
        return shape, shape
    if isinstance(shape, _Fit) and shape.kind != "reciprocal":  # near a pole, read it
        try:
            return shape.at(a), shape.at(b)
        except ZeroDivisionError:
            pass
    nudge = 1e-9 * max(1.0, abs(a), abs(b))
    return figure(a + nudge), figure(b - nudge)


# ---------------------------------------------------------------------------------------------
# Probing


_DERIVED_INPUTS = frozenset(name for d in DERIVED_FIELDS.values() for name in d.depends_on)


class _Prober:
    """Re-assesses one changed input: the rules that read it, directly or through a derived
    figure, are evaluated again on fresh derived values; the others keep what they decided."""

    def __init__(
        self,
        compiled: CompiledRules,
        values: dict[str, Any],
        fired: list[bool],
        constants: Constants,
        verdict: Verdict,
        verdict_of: Callable[[float, int, bool], Verdict],
        ladder: tuple[Verdict, ...],
    ) -> None:
        self.compiled = compiled
        self.values = values
        self.fired = fired
        self.constants = constants
        self.verdict = verdict
        self.verdict_of = verdict_of
        self.ladder = ladder
        self._top = len(ladder) - 1
        firing = [index for index, did_fire in enumerate(fired) if did_fire]
        self._gates = frozenset(index for index, gate in enumerate(compiled.gates) if gate)
        self._gates_firing = self._gates.intersection(firing)
        # The caps of the rules that fire, strictest first.
        self._caps_firing = sorted(
            (compiled.cap_ranks[index], index)
            for index in firing
            if compiled.cap_ranks[index] < self._top
        )
        # The verdict depends only on which rules fire: probes that leave the same rules firing
        # share one decision.
        self._decided: dict[tuple[bool, ...], Verdict] = {tuple(fired): verdict}
        self._scratch: dict[str, dict[str, Any]] = {}

    def derived_at(self, field_name: str, new_value: Any) -> dict[str, Any]:
        """The values with one input changed and every derived figure computed again."""
        scratch = self._scratch.get(field_name)
        if scratch is None:
            scratch = self._scratch[field_name] = dict(self.values)
        scratch[field_name] = new_value
        derived_values(scratch, self.constants)
        return scratch

    def evaluate(
        self, field_name: str, new_value: Any, rules: Iterable[int], fired: list[bool]
    ) -> Verdict:
        """The verdict with the field at a value, `rules` evaluated again into `fired`."""
        predicates = self.compiled.predicates
        if field_name in _DERIVED_INPUTS:
            values = self.derived_at(field_name, new_value)
            for index in rules:
                fired[index] = predicates[index](values)
        else:
            # No derived figure reads this field: probe in place and restore, cheaper than a
            # copy.
            values = self.values
            original = values[field_name]
            values[field_name] = new_value
            try:
                for index in rules:
                    fired[index] = predicates[index](values)
            finally:
                values[field_name] = original
        return self.decided(fired)

    def decided(self, fired: list[bool]) -> Verdict:
        """The verdict when the rules in `fired` fire, as the engine decides it."""
        # Probes that leave the same rules firing share one decision.
        key = tuple(fired)
        known = self._decided.get(key)
        if known is None:
            compiled = self.compiled
            known = self._decided[key] = self.verdict_of(
                float(sum(compress(compiled.scores, fired))),
                min(compress(compiled.cap_ranks, fired), default=self._top),
                any(compress(compiled.gates, fired)),
            )
        return known

    def verdict_with(self, field_name: str, new_value: Any) -> Verdict:
        """The verdict with the field at a value, every rule reading it evaluated again."""
        dependent = self.compiled.dependents[field_name]
        return self.evaluate(field_name, new_value, dependent, list(self.fired))

    def reachable(self, field_name: str) -> set[Verdict]:
        """The verdicts other than today's that changing the field could give, at most.

        A rule that fires whatever the field is keeps its cap (nothing above it is reachable)
        and its gate (nothing else is); a gate among the rules reading the field adds its
        verdict. The rules reading the field can move the score at most by their own scores,
        all of them flipping at once: only the rungs that range reaches, each held by the
        caps that may fire with them, are reachable.
        """
        dependent = self.compiled.dependents[field_name]
        dependent_set = set(dependent)
        if not dependent_set.issuperset(self._gates_firing):
            return set()
        compiled, fired = self.compiled, self.fired
        cap = next(
            (rank for rank, index in self._caps_firing if index not in dependent_set), self._top
        )
        raw = float(sum(compress(compiled.scores, fired)))
        lowest = highest = raw
        caps = {cap}
        for index in dependent:
            score = compiled.scores[index]
            if fired[index]:
                lowest -= max(score, 0.0)
                highest -= min(score, 0.0)
            else:
                lowest += min(score, 0.0)
                highest += max(score, 0.0)
            if compiled.cap_ranks[index] < cap:
                caps.add(compiled.cap_ranks[index])
        ladder = self.ladder
        low_rung = ladder.index(self.verdict_of(lowest, self._top, False))
        high_rung = ladder.index(self.verdict_of(highest, self._top, False))
        verdicts = {ladder[min(rung, c)] for rung in range(low_rung, high_rung + 1) for c in caps}
        if not dependent_set.isdisjoint(self._gates):
            verdicts.add(self.verdict_of(0.0, self._top, True))
        verdicts.discard(self.verdict)
        return verdicts


def _grid_value(point: int, step: float, kind: str) -> float | int:
    return point if kind == "count" else round(point * step, 6)


class _Line:
    """One numeric input: its step, in order the values at which a rule reading it may change
    truth, and the grid points where a stretch of constant verdict begins, walking up and down
    from today, nearest first."""

    def __init__(self, prober: _Prober, name: str, current: float) -> None:
        self.name = name
        self.kind = FIELDS[name].kind
        self.current = current
        self.step = step = STEPS[self.kind]
        low, high = numeric_domain(name, current)
        thresholds = prober.compiled.direct_bounds.get(name)
        at = list(thresholds.at) if thresholds else []
        rules = list(thresholds.rules) if thresholds else []
        up: Iterable[int] = thresholds.up if thresholds else ()
        down: Iterable[int] = thresholds.down if thresholds else ()
        figures = prober.compiled.derived_bounds.get(name)
        if figures:
            more_up: set[int] = set(up)
            more_down: set[int] = set(down)
            pieces = {"payback_months": payback_pieces(prober.values, prober.constants, name)}
            solved = solve_for(
                partial(prober.derived_at, name),
                figures,
                (low, high),
                (current, prober.values),
                pieces,
            )
            for figure, target, value, exact in solved:
                offsets, near = (_EITHER_SIDE, _SOLUTION_ON_GRID) if exact else (_NEAR, _ALWAYS)
                _add_starts(value, offsets, near, step, more_up, more_down)
                for index in figures[figure][target]:
                    at.append(value)
                    rules.append(index)
            order = sorted(range(len(at)), key=at.__getitem__)
            at, rules = [at[i] for i in order], [rules[i] for i in order]
            up, down = sorted(more_up), sorted(more_down, reverse=True)
        self.at, self.rules = at, rules
        here = current / step
        first, last = math.ceil(low / step - 1e-9), math.floor(high / step + 1e-9)
        self.up = [k for k in up if here < k <= last]
        self.down = [k for k in down if first <= k < here]

    def value(self, point: int) -> float | int:
        return _grid_value(point, self.step, self.kind)

    def towards(self, end: float) -> range:
        """Grid points strictly between today and `end`, nearest today first."""
        stop = round(end / self.step)
        if end > self.current:
            return range(math.floor(self.current / self.step + 1e-9) + 1, stop)
        return range(math.ceil(self.current / self.step - 1e-9) - 1, stop, -1)

    def rules_between(self, a: float, b: float) -> set[int]:
        """The rules that may change truth between two values, a step of leeway either side."""
        low, high = (a, b) if a <= b else (b, a)
        first = bisect_left(self.at, low - self.step)
        return set(self.rules[first : bisect_right(self.at, high + self.step, first)])


def _walk(
    prober: _Prober, line: _Line, points: list[int], reachable: set[Verdict]
) -> list[tuple[float | int, Verdict]]:
    """The first value of each other verdict met, one probe per stretch, nearest first, until
    every reachable verdict is found.

    Walking outward, only the rules with a boundary between one probe and the next are
    evaluated again.
    """
    name, verdict = line.name, prober.verdict
    fired = list(prober.fired)
    previous: float = line.current
    # A field left empty (an AM cost taken from the benchmark) reads differently once it has a
    # value: the first probe evaluates every rule reading it.
    everything = prober.values.get(name) is None
    found: dict[Verdict, float | int] = {}
    for point in points:
        value = line.value(point)
        if everything:
            rules: Iterable[int] = prober.compiled.dependents[name]
            everything = False
        else:
            rules = line.rules_between(previous, value)
        new = prober.evaluate(name, value, rules, fired)
        previous = value
        if new != verdict and new not in found:
            found[new] = value
            if len(found) == len(reachable):
                break
    return [(value, new) for new, value in found.items()]


def _checked(prober: _Prober, line: _Line, value: float, new: Verdict) -> float | int | None:
    """The flip point if the value one step nearer today, re-assessed with every rule reading the
    field, does not already give its verdict; else the nearest value that does, scanned step by
    step (None past the scan's reach)."""
    stretch = line.towards(value)
    if not stretch or prober.verdict_with(line.name, line.value(stretch[-1])) != new:
        return value
    if len(stretch) > _SCAN_LIMIT:
        return None
    return next(
        (line.value(p) for p in stretch if prober.verdict_with(line.name, line.value(p)) == new),
        value,
    )


def _numeric_flips(
    pack: RulePack,
    prober: _Prober,
    name: str,
    current: float,
    currency: str,
    reachable: set[Verdict],
) -> list[FlipPoint]:
    line = _Line(prober, name, current)
    info = FIELDS[name]
    flips = []
    for direction, points in (("up", line.up), ("down", line.down)):
        found = [
            (_checked(prober, line, value, new), new)
            for value, new in _walk(prober, line, points, reachable)
        ]
        for checked, new in sorted(
            ((value, new) for value, new in found if value is not None),
            key=lambda pair: abs(pair[0] - current),
        ):
            shown = wording.with_unit(name, checked, currency)
            word = "rose to" if direction == "up" else "fell to"
            flips.append(
                FlipPoint(
                    field=name,
                    kind="numeric",
                    current=current,
                    value=checked,
                    direction=direction,
                    verdict=new.value,
                    sentence=f"If {wording.in_sentence(info.label)} {word} {shown}, the verdict "
                    f"would be '{pack.verdict_labels[new.value]}'.",
                )
            )
    return flips


def _choice_flips(
    pack: RulePack, prober: _Prober, name: str, current: Any, currency: str
) -> list[FlipPoint]:
    info = FIELDS[name]
    options: tuple[Any, ...] = info.choices if info.choices else (True, False)
    flips = []
    for option in options:
        if option == current:
            continue
        new = prober.verdict_with(name, option)
        if new != prober.verdict:
            shown = wording.value(name, option, currency)
            flips.append(
                FlipPoint(
                    field=name,
                    kind="choice",
                    current=current,
                    value=option,
                    direction="change",
                    verdict=new.value,
                    sentence=f"If {wording.in_sentence(info.label)} were '{shown}', the verdict "
                    f"would be '{pack.verdict_labels[new.value]}'.",
                )
            )
    return flips


def flip_points(
    profile: CompanyProfile,
    pack: RulePack,
    compiled: CompiledRules,
    values: dict[str, Any],
    fired: list[bool],
    constants: Constants,
    verdict: Verdict,
    *,
    verdict_of: Callable[[float, int, bool], Verdict],
    ladder: tuple[Verdict, ...],
) -> list[FlipPoint]:
    """Every input's flip points, in field order: numeric ones up then down, nearest first.

    `values` are the profile's values with the derived figures and `fired` which rules fired
    on them; `verdict_of(raw score, cap rank, gated)` is the engine's verdict for what fired,
    and `ladder` the verdicts a score reaches, lowest first (a rule's cap is its index on it).
    """
    prober = _Prober(compiled, values, fired, constants, verdict, verdict_of, ladder)
    used: set[str] = set().union(*compiled.inputs) if compiled.inputs else set()
    currency = profile.currency
    flips: list[FlipPoint] = []
    for name in FIELDS:
        if name not in used:
            continue
        reachable = prober.reachable(name)
        if not reachable:
            continue
        info = FIELDS[name]
        current = values.get(name)
        if info.kind in STEPS:
            if current is None:
                if name != "am_fully_loaded_cost":
                    continue
                current = values["am_cost"]
            flips += _numeric_flips(pack, prober, name, float(current), currency, reachable)
        elif info.choices or info.kind == "yes_no":
            flips += _choice_flips(pack, prober, name, current, currency)
    return flips
