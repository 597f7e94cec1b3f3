"""The rule engine: evaluate(profile, pack) -> Assessment. Pure, deterministic, explainable.

The verdict comes from the rules alone: a gate (fix delivery first) wins; otherwise the score
(the sum of fired rules' score effects, held within 0–100) picks hire now / prepare / not yet,
and the strictest cap among fired rules holds it back. Every rule is recorded, fired or not,
with the values that decided it.
"""

from __future__ import annotations

import datetime as dt
import math
from _thread import allocate_lock
from collections import OrderedDict
from collections.abc import Callable
from enum import Enum, StrEnum
from functools import cache, partial
from itertools import compress
from typing import Any, get_args

import msgspec

from advisor import wording
from advisor.economics import (
    BookOf,
    Constants,
    Economics,
    book_of,
    compute_economics,
    derivation_constants,
    derived_values,
    pay_place,
)
from advisor.fields import Segment
from advisor.flips import (
    DerivedBounds,
    DirectBounds,
    FlipPoint,
    LineBounds,
    Undecided,
    condition_bounds,
    flip_points,
    undecided_checks,
)
from advisor.hiring_zone import hiring_zone
from advisor.i18n import _, formats, n_
from advisor.pack.bands import segment_warning
from advisor.pack.business_models import DEFAULT_ROLE
from advisor.pack.conditions import (
    ConditionResult,
    Predicate,
    Tracer,
    compile_trace,
    compile_when,
    conditions_in,
    inputs_of,
)
from advisor.pack.model import Group, Rule, RulePack, Threshold
from advisor.profile import CompanyProfile, profile_warnings
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
    "prepare",
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


class RuleResult(msgspec.Struct):
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
        texts = "; ".join(c.text for c in self.conditions)
        # Translators: {conditions} lists a rule's conditions, each with the value it met,
        # separated by semicolons
        if self.connective == "not":
            if self.fired:
                return _("Fired: not ({conditions})", conditions=texts)
            return _("Did not fire: {conditions}", conditions=texts)
        if self.fired:
            met = "; ".join(c.text for c in self.conditions if c.passed)
            return _("Fired: {conditions}", conditions=met)
        if self.connective == "any":
            return _("Would fire if any of: {conditions}", conditions=texts)
        missing = "; ".join(c.text for c in self.conditions if not c.passed)
        return _("Would fire if {conditions}", conditions=missing or texts)

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
            "profile": msgspec.to_builtins(self.profile),
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
    tracers: tuple[Tracer, ...]  # each rule's conditions with the values they met, for the trace
    inputs: tuple[frozenset[str], ...]  # the profile fields each rule depends on
    scores: tuple[float, ...]
    caps: tuple[str | None, ...]
    cap_ranks: tuple[int, ...]  # index on LADDER of each rule's cap; top rank when none
    gates: tuple[bool, ...]
    # Per profile field: the rules that read it, and where their conditions change truth —
    # thresholds on the field itself, and derived fields' targets to solve per profile.
    dependents: dict[str, tuple[int, ...]]
    dependent_sets: dict[str, frozenset[int]]
    read_directly: frozenset[str]  # the profile fields a condition names, not through a figure
    direct_bounds: DirectBounds
    derived_bounds: DerivedBounds
    # Per profile field, each rule reading it with whether its other conditions settle it.
    undecided: dict[str, tuple[tuple[int, Undecided | None], ...]]
    # Per profile field and set of rules that may turn the verdict as it moves: their
    # thresholds and targets (`flips.LineBounds`), filled as profiles ask for them.
    lines: dict[tuple[str, frozenset[int]], LineBounds] = msgspec.field(default_factory=dict)
    # Each rule's fields of its `RuleResult` that no profile changes: those before `fired`,
    # and those after `conditions`.
    result_heads: tuple[tuple[str, str, str], ...] = ()
    result_tails: tuple[tuple[Any, ...], ...] = ()
    # Per rule id: the headline variant the rule picks, and whether its conditions read the
    # book's size alone (`_SIZE_ONLY`).
    headlines: dict[str, str] = msgspec.field(default_factory=dict)
    size_only: dict[str, bool] = msgspec.field(default_factory=dict)
    key_account_rules: tuple[int, ...] = ()  # the rules that judge by the key accounts


# Compiled rules per (pack digest, segment), shared by every pack read from the same files and
# bounded for a long app session with many uploads. The digest is 48 bits of a sha256, so an
# entry serves only a pack with the same rules and thresholds: files made to collide with
# another pack's digest get their own rules.
# Keyed by the pack's digest, its language (the rules' titles) and the segment.
_COMPILED: OrderedDict[tuple[str, str, str], tuple[dict[str, Threshold], CompiledRules]] = (
    OrderedDict()
)
_COMPILED_LIMIT = 64
_COMPILED_LOCK = allocate_lock()  # threading's Lock, without loading threading (~1 ms)


def _compiled(pack: RulePack, segment: str) -> CompiledRules:
    key = (pack.digest, pack.language, segment)
    with _COMPILED_LOCK:
        found = _COMPILED.get(key)
        if found is not None:
            _COMPILED.move_to_end(key)
    # Equal rules and thresholds: as fast as identity when it is the same pack.
    if found is not None and found[1].rules == pack.rules and found[0] == pack.thresholds:
        return found[1]
    inputs = tuple(frozenset(inputs_of(rule.when)) for rule in pack.rules)
    all_inputs = set().union(*inputs) if inputs else set()
    direct, derived = condition_bounds(pack, segment)
    dependents = {
        name: tuple(i for i, used in enumerate(inputs) if name in used) for name in all_inputs
    }
    compiled = CompiledRules(
        rules=pack.rules,
        predicates=tuple(compile_when(rule.when, pack.thresholds, segment) for rule in pack.rules),
        tracers=tuple(compile_trace(rule.when, pack.thresholds, segment) for rule in pack.rules),
        inputs=inputs,
        scores=tuple(rule.effect.score for rule in pack.rules),
        caps=tuple(rule.effect.cap for rule in pack.rules),
        cap_ranks=tuple(
            LADDER.index(Verdict(rule.effect.cap)) if rule.effect.cap else len(LADDER) - 1
            for rule in pack.rules
        ),
        gates=tuple(rule.effect.verdict == Verdict.FIX_DELIVERY_FIRST for rule in pack.rules),
        dependents=dependents,
        dependent_sets={name: frozenset(rules) for name, rules in dependents.items()},
        read_directly=frozenset(
            condition.field for rule in pack.rules for condition in conditions_in(rule.when)
        ),
        direct_bounds=direct,
        derived_bounds=derived,
        undecided=undecided_checks(pack, segment, dependents),
        result_heads=tuple((rule.id, rule.title, rule.category) for rule in pack.rules),
        result_tails=tuple(_result_tail(rule) for rule in pack.rules),
        headlines={rule.id: rule.headline for rule in pack.rules},
        key_account_rules=tuple(
            index for index, rule in enumerate(pack.rules) if rule.headline == "key_accounts"
        ),
        size_only={
            rule.id: frozenset(c.field for c in conditions_in(rule.when)) <= _SIZE_ONLY
            for rule in pack.rules
        },
    )
    with _COMPILED_LOCK:
        _COMPILED[key] = (pack.thresholds, compiled)
        _COMPILED.move_to_end(key)
        while len(_COMPILED) > _COMPILED_LIMIT:
            _COMPILED.popitem(last=False)
    return compiled


def prepare(pack: RulePack) -> None:
    """Compile the pack's rules for every segment ahead of the first assessment (the app's
    preload does it while the browser starts)."""
    for segment in Segment:
        _compiled(pack, segment.value)


def _result_tail(rule: Rule) -> tuple[Any, ...]:
    """A rule's fields of its `RuleResult` after `conditions`, in their order."""
    effect = rule.effect
    return (
        effect.score,
        effect.cap,
        effect.verdict,
        rule.rationale,
        rule.advice,
        rule.source,
        rule.location,
        rule.when.kind if isinstance(rule.when, Group) else "all",
    )


def _decide(
    compiled: CompiledRules, fired: list[bool], pack: RulePack
) -> tuple[Verdict, float, float]:
    raw = float(sum(compress(compiled.scores, fired)))
    cap_rank = min(compress(compiled.cap_ranks, fired), default=len(LADDER) - 1)
    gated = any(compress(compiled.gates, fired))
    return _verdict_of(pack, raw, cap_rank, gated), min(100.0, max(0.0, raw)), raw


def _verdict_of(pack: RulePack, raw: float, cap_rank: int, gated: bool) -> Verdict:
    """A fired gate wins; otherwise the score (the fired rules' sum, held within 0–100) picks a
    rung of the ladder and the strictest cap that fired holds it back."""
    if gated:
        return Verdict.FIX_DELIVERY_FIRST
    return LADDER[min(_score_rank(pack, min(100.0, max(0.0, raw))), cap_rank)]


@cache
def _choice_fields(kind: type[msgspec.Struct]) -> tuple[str, ...]:
    """The fields of a profile class that hold a choice (an enum)."""
    return tuple(
        field.name
        for field in msgspec.structs.fields(kind)
        if any(
            isinstance(option, type) and issubclass(option, Enum)
            for option in (field.type, *get_args(field.type))
        )
    )


def _values(profile: CompanyProfile, constants: Constants) -> dict[str, Any]:
    # The profile's own fields, read in one call (msgspec builds the dict in C), each choice as
    # its value.
    values = msgspec.structs.asdict(profile)
    for name in _choice_fields(type(profile)):
        raw = values[name]
        if isinstance(raw, Enum):
            values[name] = raw.value
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


# The book's size: its account count, alone or against the most one AM holds by count.
_SIZE_ONLY = frozenset({"active_accounts", "accounts_over_book", "books_of_work"})


def _what_decided(
    pack: RulePack,
    compiled: CompiledRules,
    verdict: Verdict,
    score: float,
    fired: list[RuleResult],
) -> _Decided:
    if verdict == Verdict.FIX_DELIVERY_FIRST:
        gates = tuple(r for r in fired if r.verdict == Verdict.FIX_DELIVERY_FIRST)
        return _Decided(gates, True, "default", 0, gates[0] if gates else None)
    rank = LADDER.index(verdict)
    holding = tuple(r for r in fired if r.cap is not None and LADDER.index(Verdict(r.cap)) == rank)
    below = _score_rank(pack, score) > rank
    headlines, size_only = compiled.headlines, compiled.size_only
    raising = sorted((r for r in fired if r.score > 0), key=lambda r: -r.score)
    # A sign that relationships go unmanaged: not the book's size alone, and not an economic
    # reason (churned gross profit that would pay for an AM is money, not a symptom).
    sign_rules = [r for r in raising if r.category != "economics" and not size_only[r.rule_id]]
    candidates = list(raising) if verdict == Verdict.HIRE_NOW else list(holding or fired)
    available = pack.headline_variants.get(verdict.value, {})
    named = [r for r in candidates if headlines[r.rule_id] in available]
    lead: RuleResult | None
    if named:
        variant, lead = headlines[named[0].rule_id], named[0]
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


def _readiness(
    pack: RulePack, verdict: Verdict, score: float, decided: _Decided, labels: dict[str, str]
) -> str:
    if verdict == Verdict.FIX_DELIVERY_FIRST:
        return wording.gated_readiness([r.title for r in decided.holding])
    held = [r.title for r in decided.holding] if decided.held_below_score else []
    short_of = None
    if not held and verdict in LADDER and verdict != Verdict.HIRE_NOW:
        up = LADDER[LADDER.index(verdict) + 1]
        at = pack.scoring.hire_now_at if up == Verdict.HIRE_NOW else pack.scoring.prepare_at
        short_of = (float(at), labels[up.value])
    return wording.readiness(score, held, short_of)


def _judged_by(key_accounts: bool, values: dict[str, Any]) -> str:
    """What the case was judged by: the founder's key accounts, else the book's size in
    accounts, or in books of work for a book sized in money too."""
    if key_accounts:
        return wording.judged_by("key_accounts")
    return wording.judged_by("accounts" if values["books_of_work"] is None else "books")


def _role_count(count: int, role: str) -> str:
    """A number of people in a role (whose title stays as the pack writes it): "an Account
    Manager", "2 Account Managers"."""
    if count == 1:
        return wording.role_words(role)["a_role"]
    # Translators: a number of people in a role whose title stays in English, "2 Account
    # Managers"; the singular is not used (a single person reads "an Account Manager")
    return n_("{count} {role}", "{count} {role}s", count, role=role)


def _team_today(count: int, role: str) -> str:
    """Today's team in the headline: "one Account Manager", "2 Account Managers"."""
    if count == 1:
        # Translators: today's team of one, the role's title kept in English: "one Account Manager"
        return _("one {role}", role=role)
    return _role_count(count, role)


def _key_role(role: str) -> str:
    """The key-account hire: "a Key Account Manager" where the role is an Account Manager."""
    if role == DEFAULT_ROLE:
        # Translators: the key-account role, its title kept in English: "a Key Account Manager"
        return _("a Key {role}", role=role)
    return wording.role_words(role)["a_role"]


def _headline(
    pack: RulePack,
    verdict: Verdict,
    profile: CompanyProfile,
    score: float,
    reasons: list[RuleResult],
    economics: Economics,
    decided: _Decided,
) -> str:
    zone = hiring_zone(profile, pack, economics)
    zone_low, zone_high = (zone.low, zone.high) if zone else (0.0, 0.0)
    lead = decided.lead or (reasons[0] if reasons else None)
    top = wording.in_sentence(lead.title) if lead else _("no rule fired")
    model = str(profile.business_model)
    role = pack.role_title(model)
    # Each value as it is written, asked for only when the headline's template names it.
    fill: dict[str, Callable[[], str]] = {
        "company": lambda: profile.company,
        "active_accounts": lambda: formats.number(profile.active_accounts),
        "verdict_label": lambda: pack.verdict_labels_for(model)[verdict.value],
        "score": lambda: formats.number(score),
        # Translators: the readiness score out of 100, "61/100"
        "readiness": lambda: _("{score}/100", score=formats.number(score)),
        "top_reason": lambda: top,
        "held_back_by": lambda: (
            wording.joined([wording.in_sentence(r.title) for r in decided.holding]) or top
        ),
        # Translators: inside a headline, "with 22 active accounts and 3 warning signs that…"
        "signs": lambda: n_("a warning sign", "{count} warning signs", decided.signs),
        "am_count": lambda: formats.number(economics.recommended_am_count),
        "am_count_text": lambda: _role_count(economics.recommended_am_count, role),
        "current_ams": lambda: _team_today(economics.current_account_managers, role),
        "team_covers": lambda: formats.number(economics.accounts_covered_by_team),
        "next_am_at": lambda: formats.number(economics.next_am_due_at_accounts),
        "arr": lambda: wording.money(economics.total_arr, profile.currency),
        "payback": lambda: wording.payback(economics.payback_months),
        "payback_hold": lambda: wording.months(economics.payback.hold_months or 0),
        "zone_low": lambda: formats.number(zone_low, 2),
        "zone_high": lambda: formats.number(zone_high, 2),
        "role": lambda: role,
        "a_role": lambda: wording.role_words(role)["a_role"],
        # A founder's key accounts: a Key Account Manager where the role is an Account Manager.
        "a_key_role": lambda: _key_role(role),
    }
    variants = pack.headline_variants.get(verdict.value, {})
    template = " ".join((variants.get(decided.variant) or pack.headlines[verdict.value]).split())
    named = {found.group(1) for found in wording.PLACEHOLDER.finditer(template)}
    return wording.fill_template(template, {name: fill[name]() for name in named if name in fill})


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
    constants = derivation_constants(pack, segment, profile.currency, *pay_place(profile))
    values = _values(profile, constants)
    fired = [predicate(values) for predicate in compiled.predicates]
    verdict, score, raw = _decide(compiled, fired, pack)

    trace: list[RuleResult] = []
    for tracer, head, tail, did_fire in zip(
        compiled.tracers, compiled.result_heads, compiled.result_tails, fired, strict=True
    ):
        if not (did_fire or full_trace):
            continue
        conditions: list[ConditionResult] = []
        tracer(values, conditions)
        trace.append(RuleResult(*head, did_fire, tuple(conditions), *tail))
    economics = compute_economics(profile, pack, (values, constants))
    fired_results = tuple(result for result in trace if result.fired)
    reasons = _rank_reasons(fired_results, verdict)
    blockers = tuple(
        # Translators: a rule that holds the verdict back: its title, then its advice
        _("{title}: {advice}", title=result.title, advice=result.advice or result.rationale)
        for result in fired_results
        if result.cap is not None or result.verdict is not None
    )
    decided = _what_decided(pack, compiled, verdict, score, list(fired_results))
    labels = pack.verdict_labels_for(str(profile.business_model))
    key_accounts = any(fired[index] for index in compiled.key_account_rules)
    flips: list[FlipPoint] = []
    if with_flip_points:
        flips = flip_points(
            profile,
            pack,
            compiled,
            values,
            fired,
            constants,
            verdict,
            verdict_of=partial(_verdict_of, pack),
            ladder=LADDER,
        )
    day = as_of or dt.date.today()
    timing = None
    if with_plan:
        holding = tuple(r.title for r in decided.holding)
        case = _Case(profile, pack, compiled, values, fired, constants, economics)
        timing = _timing(case, verdict, score, day, holding)
    return Assessment(
        profile=profile,
        verdict=verdict,
        verdict_label=labels[verdict.value],
        score=score,
        raw_score=raw,
        headline=_headline(pack, verdict, profile, score, reasons, economics, decided),
        trace=tuple(trace),
        flip_points=tuple(flips),
        recommended_am_count=economics.recommended_am_count,
        economics=economics,
        pack=PackInfo(pack.name, pack.version, pack.digest, pack.files),
        blockers=blockers,
        readiness=_readiness(pack, verdict, score, decided, labels),
        judged_by=_judged_by(key_accounts, values),
        warnings=(*profile_warnings(profile), *_band_warnings(profile, pack)),
        as_of=day,
        timing=timing,
    )


def _band_warnings(profile: CompanyProfile, pack: RulePack) -> tuple[str, ...]:
    """The chosen segment against the band its average contract value falls in."""
    if pack.bands is None:
        return ()
    found = segment_warning(
        pack.bands, profile.segment.value, profile.avg_contract_value, profile.currency
    )
    return (found,) if found else ()


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
        as `fired`): only the rules that read the book's size and that the other answers do
        not settle are evaluated again."""
        predicates = self.compiled.predicates
        decided: dict[tuple[bool, ...], tuple[str, float]] = {}
        dependent: list[int] = []  # weighed at the first probe: many cases make none

        probed: dict[str, Any] = {}  # every derived figure is written again at each size
        book: BookOf | None = None  # the book size in accounts does not move it

        def at(accounts: int) -> tuple[str, float]:
            nonlocal book
            if not decided:
                probed.update(base)
                book = book_of(base, self.constants)
                dependent[:] = [
                    index
                    for index, settled in self.compiled.undecided.get("active_accounts", ())
                    if settled is None or settled(base) is None
                ]
            probed["active_accounts"] = accounts
            if dependent:  # else no rule reads what moves: the verdict stays as it is
                derived_values(probed, self.constants, book)
            key = tuple([predicates[index](probed) for index in dependent])
            found = decided.get(key)
            if found is None:
                now = list(fired)
                for index, passed in zip(dependent, key, strict=True):
                    now[index] = passed
                verdict, score, _raw = _decide(self.compiled, now, self.pack)
                found = decided[key] = (verdict.value, score)
            return found

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
        fixed_verdict, fixed_score, _raw = _decide(case.compiled, fired, case.pack)
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
    values = _values(
        profile, derivation_constants(pack, segment, profile.currency, *pay_place(profile))
    )
    verdict, score, _raw = _decide(compiled, [p(values) for p in compiled.predicates], pack)
    return verdict, score


def sweep(
    profile: CompanyProfile, pack: RulePack, field_name: str, points: list[Any]
) -> list[tuple[Any, Verdict, float]]:
    """Verdict and score at each value of one field, all else equal (what-if charts)."""
    segment = profile.segment.value
    compiled = _compiled(pack, segment)
    constants = derivation_constants(pack, segment, profile.currency, *pay_place(profile))
    base = _values(profile, constants)
    results = []
    for point in points:
        values = dict(base)
        values[field_name] = point
        derived_values(values, constants)
        verdict, score, _raw = _decide(compiled, [p(values) for p in compiled.predicates], pack)
        results.append((point, verdict, score))
    return results
