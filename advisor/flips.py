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
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from itertools import compress
from typing import TYPE_CHECKING, Any

import msgspec

from advisor import wording
from advisor.crossings import solve_for
from advisor.economics import (
    Constants,
    band_book_cutoffs,
    book_of,
    book_pieces,
    derived_values,
    payback_pieces,
)
from advisor.fields import DERIVED_FIELDS, FIELDS
from advisor.flip_bounds import (
    ALWAYS,
    EITHER_SIDE,
    NEAR,
    SOLUTION_ON_GRID,
    STEPS,
    DerivedBounds,
    DirectBounds,
    FieldBounds,
    LineBounds,
    Undecided,
    add_starts,
    condition_bounds,
    line_bounds,
    undecided_checks,
)
from advisor.i18n import _

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
    "LineBounds",
    "Undecided",
    "condition_bounds",
    "flip_points",
    "numeric_domain",
    "solve_for",
    "undecided_checks",
]


class FlipPoint(msgspec.Struct, frozen=True):
    field: str
    kind: str  # numeric | choice
    current: Any
    value: Any
    direction: str  # up | down | change
    verdict: str
    sentence: str


# A stretch longer than this many steps is not scanned one step at a time.
_SCAN_LIMIT = 2_000


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
# Probing


_DERIVED_INPUTS = frozenset(name for d in DERIVED_FIELDS.values() for name in d.depends_on)
# The inputs `economics.book_of` reads: a probe moving any other keeps today's book.
_BOOK_INPUTS = frozenset({"business_model", "avg_contract_value", "gross_margin"})


_UNANSWERED = object()  # a check not asked yet (its answer may be None)


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
        self._raw = float(sum(compress(compiled.scores, fired)))
        self._rungs: dict[float, int] = {}
        self._reachable: dict[frozenset[int], frozenset[Verdict]] = {}
        self._scratch: dict[str, dict[str, Any]] = {}
        self._settled: dict[Undecided, object] = {}
        self._book = book_of(values, constants)

    def moving(self, field_name: str) -> frozenset[int]:
        """The rules reading the field that may change truth as it moves and on which the
        verdict may turn; every other rule keeps what it decided, and the verdict is the same.

        A rule its other conditions settle cannot change. Of those that may, a gate counts; a
        cap counts only below the highest rung the score reaches under the caps that hold
        anyway; a score counts only when the score's range reaches more than one rung under
        them. Rules left out stay as they are and the rest are weighed again, until none is.
        """
        values, fired, compiled = self.values, self.fired, self.compiled
        # Fields a rule reads alike share its check, answered once per profile.
        answers = self._settled
        changing = []
        for index, settled in compiled.undecided[field_name]:
            if settled is not None:
                answer = answers.get(settled, _UNANSWERED)
                if answer is _UNANSWERED:
                    answer = answers[settled] = settled(values)
                if answer is not None:
                    continue
            changing.append(index)
        scores, cap_ranks, gates = compiled.scores, compiled.cap_ranks, compiled.gates
        gates_firing, caps_firing, top = self._gates_firing, self._caps_firing, self._top
        while changing:
            cap = top
            if gates_firing or caps_firing:
                kept = frozenset(changing)
                if not kept.issuperset(gates_firing):
                    return frozenset()  # a gate that holds whatever the field does
                cap = next((rank for rank, index in caps_firing if index not in kept), top)
            lowest, highest = score_span(self._raw, changing, scores, fired)
            bound = min(self._rung(highest), cap)
            scores_count = min(self._rung(lowest), cap) != bound
            narrower = [
                index
                for index in changing
                if gates[index] or cap_ranks[index] < bound or (scores_count and scores[index])
            ]
            if len(narrower) == len(changing):
                break
            changing = narrower
        return frozenset(changing)

    def derived_at(self, field_name: str, new_value: Any) -> dict[str, Any]:
        """The values with one input changed and every derived figure computed again."""
        scratch = self._scratch.get(field_name)
        if scratch is None:
            scratch = self._scratch[field_name] = dict(self.values)
        scratch[field_name] = new_value
        known = None if field_name in _BOOK_INPUTS else self._book
        derived_values(scratch, self.constants, known)
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

    def verdict_with(self, field_name: str, new_value: Any, rules: Iterable[int]) -> Verdict:
        """The verdict with the field at a value, `rules` (those `moving` gives) evaluated
        again."""
        return self.evaluate(field_name, new_value, rules, list(self.fired))

    def reachable(self, field_name: str, rules: Iterable[int] | None = None) -> set[Verdict]:
        """The verdicts other than today's that changing the field could give, at most.

        `rules` are the rules that may change truth (every rule reading the field unless
        given). A rule that fires and cannot change keeps its cap (nothing above it is
        reachable) and its gate (nothing else is); a gate among the rules that may change adds
        its verdict. Those rules move the score at most by their own scores, all of them
        flipping at once: only the rungs that range reaches, each held by the caps that may
        fire with them, are reachable.
        """
        if rules is None:
            changing = self.compiled.dependent_sets[field_name]
        else:
            changing = rules if isinstance(rules, frozenset) else frozenset(rules)
        # The same rules reach the same verdicts, whichever field moves them.
        known = self._reachable.get(changing)
        if known is None:
            known = self._reachable[changing] = frozenset(self._reach(changing))
        return set(known)

    def _reach(self, changing: frozenset[int]) -> set[Verdict]:
        compiled, fired, raw = self.compiled, self.fired, self._raw
        gates_firing, caps_firing = self._gates_firing, self._caps_firing
        if not changing.issuperset(gates_firing):
            return set()
        cap = self._top
        if caps_firing:
            cap = next((rank for rank, index in caps_firing if index not in changing), cap)
        scores, cap_ranks = compiled.scores, compiled.cap_ranks
        lowest, highest = score_span(raw, changing, scores, fired)
        caps = {cap} | {cap_ranks[index] for index in changing if cap_ranks[index] < cap}
        ladder = self.ladder
        low_rung, high_rung = self._rung(lowest), self._rung(highest)
        verdicts = {ladder[min(rung, c)] for rung in range(low_rung, high_rung + 1) for c in caps}
        if not changing.isdisjoint(self._gates):
            verdicts.add(self.verdict_of(0.0, self._top, True))
        verdicts.discard(self.verdict)
        return verdicts

    def _rung(self, score: float) -> int:
        """The rung of the ladder a raw score reaches, no cap held."""
        rung = self._rungs.get(score)
        if rung is None:
            rung = self._rungs[score] = self.ladder.index(self.verdict_of(score, self._top, False))
        return rung


def _grid_value(point: int, step: float, kind: str) -> float | int:
    return point if kind == "count" else round(point * step, 6)


class _Line:
    """One numeric input: its step, in order the values at which a rule reading it may change
    truth, and the grid points where a stretch of constant verdict begins, walking up and down
    from today, nearest first."""

    def __init__(self, prober: _Prober, name: str, current: float, moving: frozenset[int]) -> None:
        self.name = name
        self.kind = FIELDS[name].kind
        self.current = current
        self.moving = moving
        self.step = step = STEPS[self.kind]
        low, high = numeric_domain(name, current)
        thresholds, targets = line_bounds(prober.compiled, name, moving, step)
        at = list(thresholds.at) if thresholds else []
        rules = list(thresholds.rules) if thresholds else []
        up: Iterable[int] = thresholds.up if thresholds else ()
        down: Iterable[int] = thresholds.down if thresholds else ()
        # A figure left empty (books of work for a book sized by its accounts alone) stays
        # empty whatever a number does, so its conditions never change truth
        # (`_Prober.moving`).
        values = prober.values
        figures = {figure: kept for figure, kept in targets if values.get(figure) is not None}
        if figures:
            more_up: set[int] = set(up)
            more_down: set[int] = set(down)
            solved = solve_for(
                partial(prober.derived_at, name),
                figures,
                (low, high),
                (current, prober.values),
                _pieces(prober, name, figures.keys()),
                whole=self.kind == "count",
            )
            for figure, target, value, exact in solved:
                offsets, near = (EITHER_SIDE, SOLUTION_ON_GRID) if exact else (NEAR, ALWAYS)
                add_starts(value, offsets, near, step, more_up, more_down)
                for index in figures[figure][target]:
                    if index in moving:
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

    def rules_beyond(self, value: float, up: bool) -> list[int]:
        """The rules that may change truth past a value, walking up or down, a step of leeway."""
        if up:
            return self.rules[bisect_left(self.at, value - self.step) :]
        return self.rules[: bisect_right(self.at, value + self.step)]

    def rules_between(self, a: float, b: float) -> set[int]:
        """The rules that may change truth between two values, a step of leeway either side."""
        low, high = (a, b) if a <= b else (b, a)
        first = bisect_left(self.at, low - self.step)
        return set(self.rules[first : bisect_right(self.at, high + self.step, first)])


_ON_THE_BOOK = ("book_load", "books_of_work", "team_room")
# The inputs that move where the payback or the book's size in accounts changes formula
# (`payback_pieces`, `book_pieces`): for any other every figure is one piece.
_PIECE_INPUTS = frozenset(
    {"active_accounts", "current_account_managers", "avg_contract_value", "gross_margin"}
)


def _pieces(prober: _Prober, name: str, figures: Iterable[str]) -> dict[str, list[float]]:
    """Where each figure solved for the input changes formula: figures on the book's size in
    accounts where the average contract value crosses a band's cut-off and where the money
    bound holds one average account fewer (`book_pieces`, `band_book_cutoffs`), the payback
    where `payback_pieces` says."""
    if name not in _PIECE_INPUTS:
        return {}
    values, constants = prober.values, prober.constants
    pieces: dict[str, list[float]] = {}
    book: list[float] | None = None
    for figure in figures:
        if figure == "payback_months":
            pieces[figure] = payback_pieces(values, constants, name)
        elif figure in _ON_THE_BOOK:
            if book is None:
                book = book_pieces(values, constants, name)
            pieces[figure] = book
        elif figure == "accounts_over_book" and name == "avg_contract_value":
            pieces[figure] = band_book_cutoffs(values, constants)
    return pieces


def _walk(
    prober: _Prober, line: _Line, points: list[int], up: bool
) -> list[tuple[float | int, Verdict]]:
    """The first value of each other verdict met, one probe per stretch, nearest first, while
    a verdict not met yet is still within reach of the rules that may change further on.

    Walking outward, only the rules with a boundary between one probe and the next are
    evaluated again.
    """
    if not points:
        return []
    name, verdict = line.name, prober.verdict
    # A field left empty (an AM cost taken from the benchmark) that a rule reads itself reads
    # differently once it has a value: the first probe evaluates every rule reading it.
    everything = prober.values.get(name) is None and name in prober.compiled.read_directly
    ahead = line.moving if everything else line.rules_beyond(line.current, up)
    wanted = prober.reachable(name, ahead)
    fired = list(prober.fired)
    previous: float = line.current
    found: dict[Verdict, float | int] = {}
    for point in points:
        if not wanted:
            break
        value = line.value(point)
        if everything:
            rules: Iterable[int] = ahead
            everything = False
        else:
            rules = line.rules_between(previous, value)
        new = prober.evaluate(name, value, rules, fired)
        previous = value
        if new != verdict and new not in found:
            found[new] = value
            wanted.discard(new)
    return [(value, new) for new, value in found.items()]


def _checked(prober: _Prober, line: _Line, value: float, new: Verdict) -> float | int | None:
    """The flip point if the value one step nearer today, re-assessed with every rule reading the
    field, does not already give its verdict; else the nearest value that does, scanned step by
    step (None past the scan's reach)."""
    stretch = line.towards(value)
    name, moving = line.name, line.moving
    if not stretch or prober.verdict_with(name, line.value(stretch[-1]), moving) != new:
        return value
    if len(stretch) > _SCAN_LIMIT:
        return None
    return next(
        (line.value(p) for p in stretch if prober.verdict_with(name, line.value(p), moving) == new),
        value,
    )


def _numeric_flips(
    labels: dict[str, str],
    prober: _Prober,
    name: str,
    current: float,
    currency: str,
    moving: frozenset[int],
) -> list[FlipPoint]:
    line = _Line(prober, name, current, moving)
    field = wording.in_sentence(wording.label(name))
    flips = []
    for direction, points in (("up", line.up), ("down", line.down)):
        found = [
            (_checked(prober, line, value, new), new)
            for value, new in _walk(prober, line, points, direction == "up")
        ]
        for checked, new in sorted(
            ((value, new) for value, new in found if value is not None),
            key=lambda pair: abs(pair[0] - current),
        ):
            shown = wording.with_unit(name, checked, currency)
            verdict = labels[new.value]
            if direction == "up":
                # Translators: {field} is a profile field's label, {value} a figure with its unit,
                # {verdict} the verdict's label
                sentence = _(
                    "If {field} rose to {value}, the verdict would be '{verdict}'.",
                    field=field,
                    value=shown,
                    verdict=verdict,
                )
            else:
                sentence = _(
                    "If {field} fell to {value}, the verdict would be '{verdict}'.",
                    field=field,
                    value=shown,
                    verdict=verdict,
                )
            flips.append(
                FlipPoint(
                    field=name,
                    kind="numeric",
                    current=current,
                    value=checked,
                    direction=direction,
                    verdict=new.value,
                    sentence=sentence,
                )
            )
    return flips


def _choice_flips(
    labels: dict[str, str],
    prober: _Prober,
    name: str,
    current: Any,
    currency: str,
    moving: frozenset[int],
) -> list[FlipPoint]:
    info = FIELDS[name]
    options: tuple[Any, ...] = info.choices if info.choices else (True, False)
    flips = []
    for option in options:
        if option == current:
            continue
        new = prober.verdict_with(name, option, moving)
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
                    # Translators: {field} is a profile field's label, {value} one of its answers,
                    # {verdict} the verdict's label
                    sentence=_(
                        "If {field} were '{value}', the verdict would be '{verdict}'.",
                        field=wording.in_sentence(wording.label(name)),
                        value=shown,
                        verdict=labels[new.value],
                    ),
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
    labels = pack.verdict_labels_for(str(profile.business_model))
    flips: list[FlipPoint] = []
    for name in FIELDS:
        if name not in used:
            continue
        info = FIELDS[name]
        current: Any = values.get(name)
        numeric = info.kind in STEPS
        if numeric and current is None:
            if name != "am_fully_loaded_cost":
                continue
            current = values["am_cost"]
        elif not (numeric or info.choices or info.kind == "yes_no"):
            continue
        moving = prober.moving(name)
        if not prober.reachable(name, moving):
            continue
        if numeric:
            flips += _numeric_flips(labels, prober, name, float(current), currency, moving)
        else:
            flips += _choice_flips(labels, prober, name, current, currency, moving)
    return flips


def score_span(
    raw: float, changing: Iterable[int], scores: Sequence[float], fired: Sequence[bool]
) -> tuple[float, float]:
    """The lowest and highest score reachable when the rules `changing` may each fire or not,
    from today's score `raw` (each fired rule's score in it, each other's not)."""
    lowest = highest = raw
    for index in changing:
        score = scores[index]
        if fired[index]:
            if score > 0:
                lowest -= score
            else:
                highest -= score
        elif score > 0:
            highest += score
        else:
            lowest += score
    return lowest, highest
