"""Where a derived figure reaches its targets as one input moves, everything else equal.

A derived figure (ARR, cost coverage, the team's room, the next hire's payback…) is a line in
some transform of one input and its value on each piece of the input's domain: affine in the
input, affine in its inverse, or with its own inverse affine. `solve_for` reads the figure at
three values per piece, recognises the shape and solves each target exactly; a piece of any
other shape is scanned and bisected. The flip-point search (`advisor.flips`) walks the
stretches these solutions bound.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from itertools import pairwise
from typing import Any, NamedTuple

__all__ = ["solve_for"]

# Where a scan looks for the crossings of a figure that is neither affine nor inverse.
_SCAN_POINTS = 64


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
        (x1, y1), (x2, y2) = first, second
        if kind == "inverse":
            x1, x2 = 1 / x1, 1 / x2
        elif kind == "reciprocal":
            y1, y2 = 1 / y1, 1 / y2
        self.u1, self.v1, self.u2, self.v2 = x1, y1, x2, y2

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


def _fit(x0: float, y0: float, x1: float, y1: float, x2: float, y2: float) -> _Fit | None:
    """The shape through the last two points that the first lies on, within rounding."""
    if y1 == y2 or not (math.isfinite(y0) and math.isfinite(y1) and math.isfinite(y2)):
        return None
    # Rounding only: a wrong shape misses by far more, even where the figure is large.
    tolerance = 1e-9 * max(1.0, abs(y0)) + 1e-12 * max(abs(y1), abs(y2))
    # The first point on the line through the others, as `_Fit.at` reads it: affine first,
    # then in the inverse of the input, then with the figure's inverse affine.
    if abs(y1 + (y2 - y1) * (x0 - x1) / (x2 - x1) - y0) <= tolerance:
        return _Fit("affine", (x1, y1), (x2, y2))
    if x0 and x1 and x2:
        v = y1 + (y2 - y1) * (1 / x0 - 1 / x1) / (1 / x2 - 1 / x1)
        if abs(v - y0) <= tolerance:
            return _Fit("inverse", (x1, y1), (x2, y2))
    if y0 and y1 and y2:
        v = 1 / y1 + (1 / y2 - 1 / y1) * (x0 - x1) / (x2 - x1)
        v = 1 / v if v else math.inf
        if abs(v - y0) <= tolerance:
            return _Fit("reciprocal", (x1, y1), (x2, y2))
    return None


def solve_for(
    derive: Callable[[float], Mapping[str, Any]],
    targets: Mapping[str, Iterable[float]],
    domain: tuple[float, float],
    today: tuple[float, Mapping[str, Any]],
    pieces: Mapping[str, Iterable[float]] | None = None,
    *,
    whole: bool = False,
) -> list[tuple[str, float, float, bool]]:
    """Input values in the domain at which each derived figure reaches each of its targets.

    `derive(x)` gives the figures with the input at x, `today` the input and figures as they
    are, `pieces` for a figure built of pieces the input values where its formula changes, and
    `whole` says the input takes whole values only (a count). On each piece (the whole domain
    for most figures) the figure is read at three values: a line through two of them that the
    third lies on, in the input or its inverse, or with the figure's inverse on it, is the
    figure's shape there, and each target is solved on it exactly; a piece of any other shape
    is scanned and bisected. Where the figure jumps across a target at a piece's edge, the edge
    is a solution. A count's pieces hold its whole values only: one of three values or fewer
    is read at each. Each solution comes as (figure, target, input value, whether it is
    exact). No value is read twice.
    """
    low, high = domain
    x0, at_x0 = today
    width = high - low
    x1, x2 = [
        x
        for x in (low + width * 0.5, low + width * 0.9, low + width * 0.1)
        if abs(x - x0) > width / 20
    ][:2]
    if whole:
        x1, x2 = float(round(x1)), float(round(x2))
    names = list(targets)
    reads: dict[float, dict[str, float]] = {x0: {name: float(at_x0[name]) for name in names}}

    def read(x: float) -> dict[str, float]:
        known = reads.get(x)
        if known is None:
            derived = derive(x)  # derive() may reuse one dict: copy the figures out
            known = reads[x] = {name: float(derived[name]) for name in names}
        return known

    solutions: list[tuple[str, float, float, bool]] = []
    for name in names:
        breaks = _breaks(pieces, name, low, high) if pieces and name in pieces else None
        if breaks:
            piecewise = _Piecewise(name, targets[name], [low, *breaks, high])
            if whole:
                solutions += _solve_whole_pieces(read, reads.keys(), piecewise)
            else:
                solutions += _solve_in_pieces(partial(_read_one, read, name), piecewise)
            continue
        y0, y1, y2 = reads[x0][name], read(x1)[name], read(x2)[name]
        if y0 == y1 == y2:
            continue  # the figure does not move with this input: its conditions never flip
        fit = _fit(x0, y0, x1, y1, x2, y2)
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


def _read_one(read: Callable[[float], Mapping[str, float]], name: str, x: float) -> float:
    """One figure at x, from reads shared by every figure of the input."""
    return read(x)[name]


def _breaks(
    pieces: Mapping[str, Iterable[float]] | None, name: str, low: float, high: float
) -> list[float]:
    return sorted({x for x in (pieces or {}).get(name, ()) if low < x < high})


def _reader(derive: Callable[[float], Mapping[str, Any]], name: str) -> Callable[[float], float]:
    def figure(x: float) -> float:
        return float(derive(x)[name])

    return figure


class _Piecewise(NamedTuple):
    """A figure built of pieces: its name, its targets, and the domain's ends with the input
    values between them where its formula changes."""

    name: str
    targets: Iterable[float]
    edges: list[float]


def _solve_in_pieces(
    figure: Callable[[float], float], piecewise: _Piecewise
) -> list[tuple[str, float, float, bool]]:
    """A figure of a continuous input built of pieces (the book's size in accounts under a money
    bound, as the average contract value moves), solved piece by piece, and at the edges where
    it jumps.

    On each piece the figure is monotone or constant (`economics.payback_pieces`,
    `economics.book_pieces`), so it is read just inside each end: a target it reaches inside a
    piece lies between the piece's two ends, and only there is the piece read once more and
    its shape fitted and solved (or scanned); where a piece's last value and the next one's
    first lie either side of a target, the edge between them is a solution."""
    name, targets, edges = piecewise
    pieces = list(pairwise(edges))
    ends = [_inside_ends(figure, a, b) for a, b in pieces]
    shapes: dict[int, _Fit | None] = {}
    solutions: list[tuple[str, float, float, bool]] = []
    for target in targets:
        for index, ((a, b), (left, right)) in enumerate(zip(pieces, ends, strict=True)):
            if left == right or not _crosses(left, right, target):
                continue  # monotone: it stays on one side of the target
            if index not in shapes:
                shapes[index] = _piece_shape(figure, a, b, left, right)
            shape = shapes[index]
            if shape is None:
                solutions += [(name, target, x, False) for x in _scan(figure, target, a, b)]
                continue
            x = shape.solve(target)
            if x is not None and math.isfinite(x) and a <= x <= b:
                solutions.append((name, target, x, True))
        for edge, (_, left), (right, _) in zip(edges[1:-1], ends, ends[1:], strict=False):
            if _crosses(left, right, target):
                solutions.append((name, target, edge, False))  # it jumps at the edge
    return solutions


def _nudge(a: float, b: float) -> float:
    """How far inside a piece its ends are read: the figure may jump at them."""
    return 1e-9 * max(1.0, abs(a), abs(b))


def _inside_ends(figure: Callable[[float], float], a: float, b: float) -> tuple[float, float]:
    """A piece's values just inside its ends."""
    nudge = _nudge(a, b)
    return figure(a + nudge), figure(b - nudge)


def _piece_shape(
    figure: Callable[[float], float], a: float, b: float, left: float, right: float
) -> _Fit | None:
    """The shape of a piece through its values just inside its ends that its value in the
    middle lies on (`_fit`), None when none does (the piece is then scanned)."""
    nudge = _nudge(a, b)
    middle = (a + b) / 2
    return _fit(middle, figure(middle), a + nudge, left, b - nudge, right)


def _crosses(left: float, right: float, target: float) -> bool:
    """Whether a condition on the figure against the target, any operator, changes between
    two of its values."""
    return (left >= target) != (right >= target) or (left > target) != (right > target)


# A piece of a count: its values at each point (a table) or its shape, its first and last
# values, and the figure there.
_WholePiece = tuple[list[tuple[int, float]] | _Fit | None, int, int, float, float]


def _whole_piece(
    read: Callable[[float], Mapping[str, float]],
    known: Iterable[float],
    name: str,
    first: int,
    last: int,
) -> _WholePiece:
    """One piece of a count's figure: read at each of three values or fewer, else at three
    (those already read first) and fitted, with its values at its ends."""
    if last - first < 3:
        table = [(x, read(x)[name]) for x in range(first, last + 1)]
        return table, first, last, table[0][1], table[-1][1]
    inside = sorted(x for x in known if first <= x <= last and x == int(x))
    for share in (0.5, 0.25, 0.75, 0.1, 0.9):
        if len(inside) >= 3:
            break
        x = float(round(first + (last - first) * share))
        if x not in inside:
            inside.append(x)
    xs = inside[:3]
    ys = [read(x)[name] for x in xs]
    if ys[0] == ys[1] == ys[2]:
        return [(first, ys[0])], first, last, ys[0], ys[0]
    shape = _fit(xs[0], ys[0], xs[1], ys[1], xs[2], ys[2])
    if shape is not None and shape.kind != "reciprocal":
        try:
            return shape, first, last, shape.at(first), shape.at(last)
        except ZeroDivisionError:
            pass
    return shape, first, last, read(first)[name], read(last)[name]


def _solve_whole_pieces(
    read: Callable[[float], Mapping[str, float]], known: Iterable[float], piecewise: _Piecewise
) -> list[tuple[str, float, float, bool]]:
    """A figure built of pieces of a count, solved on the whole values of each piece, and
    between the last value of one piece and the first of the next where it jumps.

    A piece of three values or fewer is read at each; a longer one at three of them (those
    already read first), its shape fitted and solved as `_fit` says, or scanned."""
    name, targets, edges = piecewise
    high = edges[-1]
    # Each piece's whole values [first, last]: those from its lower edge up to below the
    # next edge, the last piece up to the domain's end.
    spans = [
        (math.ceil(a), math.ceil(b) - 1 if b < high else math.floor(b)) for a, b in pairwise(edges)
    ]
    spans = [(first, last) for first, last in spans if first <= last]
    shapes = [_whole_piece(read, known, name, first, last) for first, last in spans]
    solutions: list[tuple[str, float, float, bool]] = []
    for target in targets:
        for shape, first, last, _, _ in shapes:
            if isinstance(shape, list):
                solutions += [
                    (name, target, float(x), True)
                    for (_, left), (x, right) in pairwise(shape)
                    if _crosses(left, right, target)
                ]
            elif isinstance(shape, _Fit):
                x = shape.solve(target)
                if x is not None and math.isfinite(x) and first <= x <= last:
                    solutions.append((name, target, x, True))
            else:
                solutions += [
                    (name, target, x, False)
                    for x in _scan(lambda x: read(x)[name], target, first, last)
                ]
        for left, right in pairwise(shapes):
            if _crosses(left[4], right[3], target):
                solutions.append((name, target, float(right[1]), True))  # it jumps there
    return solutions
