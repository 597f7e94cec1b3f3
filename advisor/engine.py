"""The rule engine: evaluate(profile, pack) -> Assessment. Pure, deterministic, explainable.

The verdict comes from the rules alone: a gate (fix delivery first) wins; otherwise the score
(the sum of fired rules' score effects, held within 0–100) picks hire now / prepare / not yet,
and the strictest cap among fired rules holds it back. Every rule is recorded, fired or not,
with the values that decided it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum, StrEnum
from itertools import compress
from typing import Any

import msgspec

from advisor import wording
from advisor.economics import (
    DERIVED_FIELDS,
    Constants,
    Economics,
    compute_economics,
    derivation_constants,
    derived_values,
)
from advisor.operators import OPERATORS
from advisor.pack.conditions import (
    ConditionResult,
    Predicate,
    compile_when,
    conditions_in,
    evaluate_when,
    inputs_of,
)
from advisor.pack.model import Group, Rule, RulePack
from advisor.profile import FIELDS, CompanyProfile, profile_warnings
from advisor.timing import Growth, Plan, TeamPlan, Timing, Waiting, Workload, plan_case

__all__ = [
    "LADDER",
    "Assessment",
    "CompiledRules",
    "FlipPoint",
    "PackInfo",
    "RuleResult",
    "Verdict",
    "decide",
    "evaluate",
    "sweep",
]


class Verdict(StrEnum):
    HIRE_NOW = "hire_now"
    PREPARE = "prepare"
    NOT_YET = "not_yet"
    FIX_DELIVERY_FIRST = "fix_delivery_first"


# The delivery maturity at which the delivery gate no longer holds (the fix the plan assumes).
STANDARDISED = "standardised"

# The readiness ladder: caps and the monotonicity promise are stated along it.
LADDER = (Verdict.NOT_YET, Verdict.PREPARE, Verdict.HIRE_NOW)


@dataclass(slots=True)
class RuleResult:
    rule_id: str
    title: str
    category: str
    fired: bool
    conditions: tuple[ConditionResult, ...]
    score: float
    cap: str | None
    verdict: str | None
    rationale: str
    advice: str
    source: str
    location: str
    connective: str = "all"  # how the conditions combine: all | any | not

    @property
    def explanation(self) -> str:
        """Fired: the values that made it fire; not fired: what would have to be true."""
        texts = [c.text for c in self.conditions]
        if self.connective == "not":
            return (
                ("Fired: not (" if self.fired else "Did not fire: ")
                + "; ".join(texts)
                + (")" if self.fired else "")
            )
        if self.fired:
            return "Fired: " + "; ".join(c.text for c in self.conditions if c.passed)
        if self.connective == "any":
            return "Would fire if any of: " + "; ".join(texts)
        missing = [c.text for c in self.conditions if not c.passed]
        return "Would fire if " + "; ".join(missing or texts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "title": self.title,
            "category": self.category,
            "fired": self.fired,
            "explanation": self.explanation,
            "conditions": [condition.to_dict() for condition in self.conditions],
            "score": self.score,
            "cap": self.cap,
            "verdict": self.verdict,
            "rationale": self.rationale,
            "advice": self.advice,
            "source": self.source,
            "location": self.location,
        }


class FlipPoint(msgspec.Struct, frozen=True):
    field: str
    kind: str  # numeric | choice
    current: Any
    value: Any
    direction: str  # up | down | change
    verdict: str
    sentence: str


class PackInfo(msgspec.Struct, frozen=True):
    name: str
    version: str
    digest: str
    files: tuple[str, ...]


class Assessment(msgspec.Struct, frozen=True):
    profile: CompanyProfile
    verdict: Verdict
    verdict_label: str
    score: float
    raw_score: float
    headline: str
    trace: tuple[RuleResult, ...]
    flip_points: tuple[FlipPoint, ...]
    recommended_am_count: int
    economics: Economics
    pack: PackInfo
    blockers: tuple[str, ...] = ()
    readiness: str = ""  # "readiness 100/100, held back by …": the score and what holds it
    judged_by: str = ""
    warnings: tuple[str, ...] = ()
    as_of: dt.date | None = None  # the date every date of the timing is counted from
    timing: Timing | None = None  # None when assessed without a plan (batches, sweeps)

    @property
    def gated(self) -> bool:
        """A gate decided the verdict: the score does not read as readiness."""
        return self.verdict == Verdict.FIX_DELIVERY_FIRST

    @property
    def plan(self) -> Plan | None:
        return self.timing.plan if self.timing else None

    @property
    def team(self) -> TeamPlan | None:
        return self.timing.team if self.timing else None

    @property
    def growth(self) -> Growth | None:
        return self.timing.growth if self.timing else None

    @property
    def workload(self) -> Workload | None:
        return self.timing.workload if self.timing else None

    @property
    def waiting(self) -> Waiting | None:
        return self.timing.waiting if self.timing else None

    @property
    def fired(self) -> tuple[RuleResult, ...]:
        return tuple(result for result in self.trace if result.fired)

    def key_reasons(self, limit: int = 3) -> list[RuleResult]:
        """The fired rules that explain the verdict best, most decisive first."""
        return _rank_reasons(self.fired, self.verdict)[:limit]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-safe data (no NaN or infinity: undefined figures are null)."""
        return {
            "verdict": self.verdict.value,
            "verdict_label": self.verdict_label,
            "score": self.score,
            "raw_score": self.raw_score,
            "headline": self.headline,
            "blockers": list(self.blockers),
            "readiness": self.readiness,
            "judged_by": self.judged_by,
            "warnings": list(self.warnings),
            "recommended_am_count": self.recommended_am_count,
            "economics": self.economics.to_dict(),
            "flip_points": [msgspec.structs.asdict(flip) for flip in self.flip_points],
            "trace": [_json_safe(result.to_dict()) for result in self.trace],
            "pack": msgspec.structs.asdict(self.pack),
            "profile": self.profile.model_dump(mode="json"),
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "plan": self.plan.to_dict() if self.plan else None,
            "team": _json_safe(self.team.to_dict()) if self.team else None,
            "growth": self.growth.to_dict() if self.growth else None,
            "workload": self.workload.to_dict() if self.workload else None,
            "waiting": msgspec.structs.asdict(self.waiting) if self.waiting else None,
        }


def _json_safe(data: Any) -> Any:
    if isinstance(data, dict):
        return {key: _json_safe(value) for key, value in data.items()}
    if isinstance(data, (list, tuple)):
        return [_json_safe(value) for value in data]
    if isinstance(data, (set, frozenset)):
        return sorted(_json_safe(value) for value in data)
    if isinstance(data, float) and not math.isfinite(data):
        return None
    return data


# ---------------------------------------------------------------------------------------------
# Compilation: each rule becomes a predicate over a flat dict of values, per segment.


class CompiledRules(msgspec.Struct, frozen=True):
    """A pack's rules prepared for one segment: predicates, effects and where they flip."""

    rules: tuple[Rule, ...]
    predicates: tuple[Predicate, ...]
    inputs: tuple[frozenset[str], ...]  # the profile fields each rule depends on
    scores: tuple[float, ...]
    caps: tuple[str | None, ...]
    cap_ranks: tuple[int, ...]  # index on LADDER of each rule's cap; top rank when none
    gates: tuple[bool, ...]
    # Per profile field: the rules that read it, and where its conditions change truth —
    # thresholds on the field itself, and (derived field, target) pairs to solve per profile.
    dependents: dict[str, tuple[int, ...]]
    direct_bounds: dict[str, frozenset[tuple[float, str]]]
    derived_bounds: dict[str, frozenset[tuple[str, float]]]


def _bounds(
    pack: RulePack, segment: str
) -> tuple[dict[str, set[tuple[float, str]]], dict[str, set[tuple[str, float]]]]:
    direct: dict[str, set[tuple[float, str]]] = {}
    derived: dict[str, set[tuple[str, float]]] = {}
    for rule in pack.rules:
        for condition in conditions_in(rule.when):
            if OPERATORS[condition.op].takes not in ("number", "range", "scalar"):
                continue
            expected = condition.value.resolve(pack.thresholds, segment)
            if not isinstance(expected, (int, float, tuple)) or isinstance(expected, bool):
                continue  # a choice compared with eq/ne: no numeric boundary
            if condition.field in DERIVED_FIELDS:
                targets = list(expected) if isinstance(expected, tuple) else [expected]
                for name in DERIVED_FIELDS[condition.field].depends_on:
                    derived.setdefault(name, set()).update(
                        (condition.field, float(t)) for t in targets
                    )
            elif isinstance(expected, tuple):
                direct.setdefault(condition.field, set()).update(
                    {(float(expected[0]), "gte"), (float(expected[1]), "lte")}
                )
            else:
                direct.setdefault(condition.field, set()).add((float(expected), condition.op))
    return direct, derived


def _compiled(pack: RulePack, segment: str) -> CompiledRules:
    found = pack.compiled.get(segment)
    if isinstance(found, CompiledRules):
        return found
    inputs = tuple(frozenset(inputs_of(rule.when)) for rule in pack.rules)
    all_inputs = set().union(*inputs) if inputs else set()
    direct, derived = _bounds(pack, segment)
    compiled = CompiledRules(
        rules=pack.rules,
        predicates=tuple(compile_when(rule.when, pack.thresholds, segment) for rule in pack.rules),
        inputs=inputs,
        scores=tuple(rule.effect.score for rule in pack.rules),
        caps=tuple(rule.effect.cap for rule in pack.rules),
        cap_ranks=tuple(
            LADDER.index(Verdict(rule.effect.cap)) if rule.effect.cap else len(LADDER) - 1
            for rule in pack.rules
        ),
        gates=tuple(rule.effect.verdict == Verdict.FIX_DELIVERY_FIRST for rule in pack.rules),
        dependents={
            name: tuple(i for i, used in enumerate(inputs) if name in used) for name in all_inputs
        },
        direct_bounds={name: frozenset(bounds) for name, bounds in direct.items()},
        derived_bounds={name: frozenset(bounds) for name, bounds in derived.items()},
    )
    pack.compiled[segment] = compiled
    return compiled


def _decide(
    compiled: CompiledRules, fired: list[bool], pack: RulePack
) -> tuple[Verdict, float, float]:
    raw = float(sum(compress(compiled.scores, fired)))
    cap_rank = min(compress(compiled.cap_ranks, fired), default=len(LADDER) - 1)
    score = min(100.0, max(0.0, raw))
    if any(compress(compiled.gates, fired)):
        return Verdict.FIX_DELIVERY_FIRST, score, raw
    return LADDER[min(_score_rank(pack, score), cap_rank)], score, raw


def _values(profile: CompanyProfile, constants: Constants) -> dict[str, Any]:
    # The model's own fields, read straight from it: iterating the model costs a generator.
    values = {
        key: (raw.value if isinstance(raw, Enum) else raw) for key, raw in vars(profile).items()
    }
    derived_values(values, constants)
    return values


# ---------------------------------------------------------------------------------------------
# Reasons and the headline


def _rank_reasons(fired: tuple[RuleResult, ...], verdict: Verdict) -> list[RuleResult]:
    def weight(result: RuleResult) -> tuple[int, float]:
        if verdict == Verdict.FIX_DELIVERY_FIRST:
            decisive = result.verdict == Verdict.FIX_DELIVERY_FIRST
        elif verdict == Verdict.NOT_YET:
            decisive = result.cap == Verdict.NOT_YET or result.score < 0
        elif verdict == Verdict.PREPARE:
            decisive = result.cap == Verdict.PREPARE
        else:
            decisive = False
        return (0 if decisive else 1, -abs(result.score))

    ordered = sorted(fired, key=weight)
    if verdict == Verdict.HIRE_NOW:
        ordered = [r for r in ordered if r.score > 0] + [r for r in ordered if r.score <= 0]
    return ordered


def _score_rank(pack: RulePack, score: float) -> int:
    if score >= pack.scoring.hire_now_at:
        return 2
    return 1 if score >= pack.scoring.prepare_at else 0


class _Decided(msgspec.Struct, frozen=True):
    """What decided the verdict: the rules holding it where it is and the headline variant."""

    holding: tuple[RuleResult, ...]  # gates, or the caps at the verdict's level
    held_below_score: bool  # the score alone would give a better verdict
    variant: str
    signs: int
    lead: RuleResult | None = None  # the rule the headline names as its reason


def _what_decided(
    pack: RulePack, verdict: Verdict, score: float, fired: list[RuleResult]
) -> _Decided:
    if verdict == Verdict.FIX_DELIVERY_FIRST:
        gates = tuple(r for r in fired if r.verdict == Verdict.FIX_DELIVERY_FIRST)
        return _Decided(gates, True, "default", 0, gates[0] if gates else None)
    rank = LADDER.index(verdict)
    holding = tuple(r for r in fired if r.cap is not None and LADDER.index(Verdict(r.cap)) == rank)
    below = _score_rank(pack, score) > rank
    rules = {rule.id: rule for rule in pack.rules}
    size_only = frozenset({"active_accounts"})
    raising = sorted((r for r in fired if r.score > 0), key=lambda r: -r.score)
    # A sign that relationships go unmanaged: not the book's size alone, and not an economic
    # reason (churned gross profit that would pay for an AM is money, not a symptom).
    sign_rules = [
        r
        for r in raising
        if r.category != "economics"
        and not frozenset(inputs_of(rules[r.rule_id].when)) <= size_only
    ]
    candidates = list(raising) if verdict == Verdict.HIRE_NOW else list(holding or fired)
    available = pack.headline_variants.get(verdict.value, {})
    named = [r for r in candidates if rules[r.rule_id].headline in available]
    lead: RuleResult | None
    if named:
        variant, lead = rules[named[0].rule_id].headline, named[0]
    elif verdict == Verdict.HIRE_NOW:
        variant = "signs" if sign_rules else "size"
        lead = next(iter(sign_rules or raising), None)
    elif holding and below:
        variant, lead = "held_back", holding[0]
    else:
        variant = "score"
        lead = next(iter(holding or tuple(raising)), None)
    return _Decided(
        holding,
        below,
        variant if variant in available else "default",
        len(sign_rules),
        lead,
    )


def _readiness(pack: RulePack, verdict: Verdict, score: float, decided: _Decided) -> str:
    if verdict == Verdict.FIX_DELIVERY_FIRST:
        return wording.gated_readiness([r.title for r in decided.holding])
    held = [r.title for r in decided.holding] if decided.held_below_score else []
    short_of = None
    if not held and verdict in LADDER and verdict != Verdict.HIRE_NOW:
        up = LADDER[LADDER.index(verdict) + 1]
        at = pack.scoring.hire_now_at if up == Verdict.HIRE_NOW else pack.scoring.prepare_at
        short_of = (float(at), pack.verdict_labels[up.value])
    return wording.readiness(score, held, short_of)


def _headline(
    pack: RulePack,
    verdict: Verdict,
    profile: CompanyProfile,
    score: float,
    reasons: list[RuleResult],
    economics: Economics,
    decided: _Decided,
) -> str:
    zone = pack.thresholds.get("trigger_zone")
    zone_low, zone_high = zone.resolve(profile.segment.value) if zone and zone.is_range else (0, 0)  # type: ignore[misc]
    lead = decided.lead or (reasons[0] if reasons else None)
    top = wording.in_sentence(lead.title) if lead else "no rule fired"
    fill = {
        "company": profile.company,
        "active_accounts": str(profile.active_accounts),
        "verdict_label": pack.verdict_labels[verdict.value],
        "score": f"{score:.0f}",
        "readiness": f"{score:.0f}/100",
        "top_reason": top,
        "held_back_by": wording.joined([wording.in_sentence(r.title) for r in decided.holding])
        or top,
        "signs": wording.count_of(decided.signs, "warning sign"),
        "am_count": str(economics.recommended_am_count),
        "am_count_text": wording.count_of(economics.recommended_am_count, "Account Manager"),
        "current_ams": (
            "one Account Manager"
            if economics.current_account_managers == 1
            else wording.count_of(economics.current_account_managers, "Account Manager")
        ),
        "team_covers": f"{economics.accounts_covered_by_team:,}",
        "next_am_at": f"{economics.next_am_due_at_accounts:,}",
        "arr": wording.money(economics.total_arr, profile.currency),
        "payback": wording.payback(economics.payback_months),
        "payback_hold": wording.months(economics.payback.hold_months or 0),
        "zone_low": f"{zone_low:g}",
        "zone_high": f"{zone_high:g}",
    }
    variants = pack.headline_variants.get(verdict.value, {})
    template = variants.get(decided.variant) or pack.headlines[verdict.value]
    return wording.fill_template(" ".join(template.split()), fill)


# ---------------------------------------------------------------------------------------------
# Flip points: the nearest value of each input at which the verdict changes, all else equal.
#
# The verdict only changes where some condition changes truth, so the search probes the grid
# points on either side of each condition's boundary, nearest first. A boundary on a profile
# field is the threshold itself; on a derived field (ARR, coverage…) it is solved from the
# derived value's proportionality to the input and checked by bisection when that fails.

_GRID = {"count": 1.0, "money": 1.0, "rate": 0.001, "net_rate": 0.001, "score": 1.0}


def _numeric_domain(field_name: str, current: float) -> tuple[float, float]:
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


_DERIVED_INPUTS = frozenset(name for d in DERIVED_FIELDS.values() for name in d.depends_on)


class _Prober:
    """Re-evaluates only the rules that depend on one field, for quick what-if probes."""

    def __init__(
        self,
        compiled: CompiledRules,
        pack: RulePack,
        segment: str,
        values: dict[str, Any],
        fired: list[bool],
        constants: Constants,
    ) -> None:
        self.compiled = compiled
        self.pack = pack
        self.segment = segment
        self.values = values
        self.fired = fired
        self.constants = constants
        self._decided: dict[tuple[bool, ...], Verdict] = {}
        self._doubled: dict[str, dict[str, Any]] = {}  # values with one input doubled

    def _with(self, field_name: str, new_value: Any) -> dict[str, Any]:
        values = dict(self.values)
        values[field_name] = new_value
        if field_name in _DERIVED_INPUTS:
            derived_values(values, self.constants)
        return values

    def verdict_with(self, field_name: str, new_value: Any) -> Verdict:
        dependent = self.compiled.dependents.get(field_name, ())
        predicates = self.compiled.predicates
        fired = list(self.fired)
        if field_name in _DERIVED_INPUTS:
            values = self._with(field_name, new_value)
            for index in dependent:
                fired[index] = predicates[index](values)
        else:
            # No derived value depends on this field: probe in place and restore, cheaper
            # than copying the values.
            values = self.values
            original = values[field_name]
            values[field_name] = new_value
            try:
                for index in dependent:
                    fired[index] = predicates[index](values)
            finally:
                values[field_name] = original
        # The verdict depends only on which rules fire: probes that leave the same rules
        # firing share one decision.
        key = tuple(fired)
        known = self._decided.get(key)
        if known is None:
            known = _decide(self.compiled, fired, self.pack)[0]
            self._decided[key] = known
        return known

    def boundaries(
        self, field_name: str, low: float, high: float, current: float
    ) -> set[tuple[float, str | None]]:
        """Where some condition on the field (directly or derived) changes truth.

        Each boundary comes with the operator that decides which side includes it, or None
        when it was solved from a derived value and only approximately known.
        """
        found: set[tuple[float, str | None]] = set(self.compiled.direct_bounds.get(field_name, ()))
        for derived, target in self.compiled.derived_bounds.get(field_name, ()):
            solved = self._solve(field_name, derived, target, current)
            if solved is not None and low <= solved <= high:
                found.add((solved, None))
        return found

    def _solve(self, field_name: str, derived: str, target: float, current: float) -> float | None:
        """Input value at which a derived value reaches target, assuming d ∝ input^k."""
        here = self.values[derived]
        if current <= 0 or here <= 0 or target <= 0:
            return None
        at_double = self._doubled.get(field_name)
        if at_double is None:
            at_double = self._doubled[field_name] = self._with(field_name, current * 2)
        doubled = at_double[derived]
        if doubled <= 0 or doubled == here:
            return None
        try:
            power = math.log2(doubled / here)
            solved = float(current * (target / here) ** (1 / power))
        except (OverflowError, ValueError, ZeroDivisionError):
            return None
        return solved if math.isfinite(solved) else None


def _flip_points(
    profile: CompanyProfile,
    pack: RulePack,
    prober: _Prober,
    verdict: Verdict,
) -> list[FlipPoint]:
    compiled = prober.compiled
    values = prober.values
    used: set[str] = set().union(*compiled.inputs) if compiled.inputs else set()
    currency = profile.currency
    flips: list[FlipPoint] = []
    for name in FIELDS:
        if name not in used:
            continue
        info = FIELDS[name]
        current = values.get(name)
        if info.kind in _GRID:
            if current is None:
                if name != "am_fully_loaded_cost":
                    continue
                current = values["am_cost"]
            flips.extend(_numeric_flips(pack, prober, name, float(current), verdict, currency))
        elif info.choices or info.kind == "yes_no":
            options: tuple[Any, ...] = info.choices if info.choices else (True, False)
            for option in options:
                if option == current:
                    continue
                new = prober.verdict_with(name, option)
                if new != verdict:
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


def _numeric_flips(
    pack: RulePack, prober: _Prober, name: str, current: float, verdict: Verdict, currency: str
) -> list[FlipPoint]:
    info = FIELDS[name]
    step = _GRID[info.kind]
    low, high = _numeric_domain(name, current)
    # Truth changes between two neighbouring grid points; the operator says which two, so
    # each direction probes only the point on the far side. A solved boundary is approximate,
    # so its neighbours on both sides are probed.
    far_up: set[int] = set()
    far_down: set[int] = set()
    for boundary, op in prober.boundaries(name, low, high, current):
        below, above = math.floor(boundary / step + 1e-9), math.ceil(boundary / step - 1e-9)
        if op in ("gte", "lt"):
            far_up.add(above)
            far_down.add(above - 1)
        elif op in ("gt", "lte"):
            far_up.add(below + 1)
            far_down.add(below)
        else:
            around = {below - 1, below, below + 1} if below == above else {below, above}
            far_up |= around
            far_down |= around
    flips = []
    for direction, points in (("up", far_up), ("down", far_down)):
        values = (round(point * step, 6) for point in points if low <= point * step <= high)
        side = sorted(
            (c for c in values if (c > current if direction == "up" else c < current)),
            key=lambda c: abs(c - current),
        )
        for candidate in side:
            probe: float | int = int(candidate) if info.kind == "count" else candidate
            new = prober.verdict_with(name, probe)
            if new == verdict:
                continue
            shown = wording.with_unit(name, probe, currency)
            word = "rose to" if direction == "up" else "fell to"
            flips.append(
                FlipPoint(
                    field=name,
                    kind="numeric",
                    current=current,
                    value=probe,
                    direction=direction,
                    verdict=new.value,
                    sentence=f"If {wording.in_sentence(info.label)} {word} {shown}, the verdict would be "
                    f"'{pack.verdict_labels[new.value]}'.",
                )
            )
            break
    return flips


# ---------------------------------------------------------------------------------------------


def evaluate(
    profile: CompanyProfile,
    pack: RulePack,
    *,
    as_of: dt.date | None = None,
    with_flip_points: bool = True,
    full_trace: bool = True,
    with_plan: bool = True,
) -> Assessment:
    """Assess one company against a rule pack, on the date `as_of` (today when None).

    Everything a front end shows about the hire is decided here: the verdict, the plan its
    dates mean, the team's hires and cost, the growth and the workload (`timing`), all counted
    from the one `as_of`. Without `full_trace` the trace holds only the rules that fired, and
    without `with_plan` there is no timing: verdict, score, reasons, headline and economics are
    the same, at a fraction of the cost (the batch command needs no more).
    """
    segment = profile.segment.value
    compiled = _compiled(pack, segment)
    constants = derivation_constants(pack, segment, profile.currency)
    values = _values(profile, constants)
    fired = [predicate(values) for predicate in compiled.predicates]
    verdict, score, raw = _decide(compiled, fired, pack)

    trace: list[RuleResult] = []
    for rule, did_fire in zip(compiled.rules, fired, strict=True):
        if not (did_fire or full_trace):
            continue
        conditions: list[ConditionResult] = []
        evaluate_when(rule.when, values, pack.thresholds, segment, conditions)
        trace.append(
            RuleResult(
                rule_id=rule.id,
                title=rule.title,
                category=rule.category,
                fired=did_fire,
                conditions=tuple(conditions),
                score=rule.effect.score,
                cap=rule.effect.cap,
                verdict=rule.effect.verdict,
                rationale=rule.rationale,
                advice=rule.advice,
                source=rule.source,
                location=rule.location,
                connective=rule.when.kind if isinstance(rule.when, Group) else "all",
            )
        )
    economics = compute_economics(profile, pack)
    fired_results = tuple(result for result in trace if result.fired)
    reasons = _rank_reasons(fired_results, verdict)
    blockers = tuple(
        f"{result.title}: {result.advice or result.rationale}"
        for result in fired_results
        if result.cap is not None or result.verdict is not None
    )
    decided = _what_decided(pack, verdict, score, list(fired_results))
    key_accounts = any(
        rule.headline == "key_accounts" and did_fire
        for rule, did_fire in zip(compiled.rules, fired, strict=True)
    )
    flips: list[FlipPoint] = []
    if with_flip_points:
        prober = _Prober(compiled, pack, segment, values, fired, constants)
        flips = _flip_points(profile, pack, prober, verdict)
    day = as_of or dt.date.today()
    timing = None
    if with_plan:
        holding = tuple(r.title for r in decided.holding)
        case = _Case(profile, pack, compiled, values, fired, constants, economics)
        timing = _timing(case, verdict, score, day, holding)
    return Assessment(
        profile=profile,
        verdict=verdict,
        verdict_label=pack.verdict_labels[verdict.value],
        score=score,
        raw_score=raw,
        headline=_headline(pack, verdict, profile, score, reasons, economics, decided),
        trace=tuple(trace),
        flip_points=tuple(flips),
        recommended_am_count=economics.recommended_am_count,
        economics=economics,
        pack=PackInfo(pack.name, pack.version, pack.digest, pack.files),
        blockers=blockers,
        readiness=_readiness(pack, verdict, score, decided),
        judged_by=wording.JUDGED_BY["key_accounts" if key_accounts else "accounts"],
        warnings=profile_warnings(profile),
        as_of=day,
        timing=timing,
    )


class _Case(msgspec.Struct, frozen=True):
    """One assessed case, as the timing's probes need it."""

    profile: CompanyProfile
    pack: RulePack
    compiled: CompiledRules
    values: dict[str, Any]
    fired: list[bool]
    constants: Constants
    economics: Economics

    def probe(self, base: dict[str, Any], fired: list[bool]) -> Callable[[int], tuple[str, float]]:
        """The verdict and score at another book size, all else as in `base` (whose rules fire
        as `fired`): only the rules that read the book's size are evaluated again."""
        dependent = self.compiled.dependents.get("active_accounts", ())
        predicates = self.compiled.predicates
        decided: dict[tuple[bool, ...], tuple[str, float]] = {}

        def at(accounts: int) -> tuple[str, float]:
            probed = dict(base)
            probed["active_accounts"] = accounts
            derived_values(probed, self.constants)
            now = list(fired)
            for index in dependent:
                now[index] = predicates[index](probed)
            key = tuple(now)
            if key not in decided:
                verdict, score, _ = _decide(self.compiled, now, self.pack)
                decided[key] = (verdict.value, score)
            return decided[key]

        return at


def _timing(
    case: _Case, verdict: Verdict, score: float, as_of: dt.date, holding: tuple[str, ...]
) -> Timing:
    """The timing of the case: for fix delivery first, with the plan that applies once
    delivery holds (its verdict with delivery standardised, as of the reassessment date)."""

    def after_fix(reassess_on: dt.date) -> tuple[str, Timing]:
        fixed = dict(case.values)
        fixed["delivery_maturity"] = STANDARDISED
        fired = [predicate(fixed) for predicate in case.compiled.predicates]
        fixed_verdict, fixed_score, _ = _decide(case.compiled, fired, case.pack)
        timing = plan_case(
            case.profile,
            case.pack,
            case.economics,
            fixed_verdict.value,
            fixed_score,
            reassess_on,
            case.probe(fixed, fired),
        )
        return fixed_verdict.value, timing

    gated = verdict == Verdict.FIX_DELIVERY_FIRST
    return plan_case(
        case.profile,
        case.pack,
        case.economics,
        verdict.value,
        score,
        as_of,
        case.probe(case.values, case.fired),
        holding,
        after_fix if gated else None,
    )


def decide(profile: CompanyProfile, pack: RulePack) -> tuple[Verdict, float]:
    """The verdict and score `evaluate` gives, without the trace, economics or texts.

    For callers that re-assess many variants of a profile and need only where each lands.
    """
    segment = profile.segment.value
    compiled = _compiled(pack, segment)
    values = _values(profile, derivation_constants(pack, segment, profile.currency))
    verdict, score, _ = _decide(compiled, [p(values) for p in compiled.predicates], pack)
    return verdict, score


def sweep(
    profile: CompanyProfile, pack: RulePack, field_name: str, points: list[Any]
) -> list[tuple[Any, Verdict, float]]:
    """Verdict and score at each value of one field, all else equal (what-if charts)."""
    segment = profile.segment.value
    compiled = _compiled(pack, segment)
    constants = derivation_constants(pack, segment, profile.currency)
    base = _values(profile, constants)
    results = []
    for point in points:
        values = dict(base)
        values[field_name] = point
        derived_values(values, constants)
        verdict, score, _ = _decide(compiled, [p(values) for p in compiled.predicates], pack)
        results.append((point, verdict, score))
    return results
