"""The condition language's walkers agree with each other on the shipped rules."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from msgspec.structs import asdict
from profile_strategies import profiles

from advisor.economics import DERIVED_FIELDS, derivation_constants, derived_values
from advisor.pack import (
    Condition,
    ConditionResult,
    Group,
    RulePack,
    ValueSpec,
    compile_when,
    conditions_in,
    evaluate_when,
    inputs_of,
    load_pack,
    references_in,
    supporting_facts,
)
from advisor.pack.conditions import compile_trace
from advisor.profile import CompanyProfile

PACK = load_pack()


def _values(pack: RulePack, profile: Any) -> dict[str, Any]:
    values = {key: getattr(raw, "value", raw) for key, raw in asdict(profile).items()}
    derived_values(values, derivation_constants(pack, profile.segment.value, profile.currency))
    return values


def test_compiled_and_traced_evaluation_agree(pack: RulePack, samples: dict[str, Any]) -> None:
    for profile in samples.values():
        segment = profile.segment.value
        values = _values(pack, profile)
        for rule in pack.rules:
            trace: list[ConditionResult] = []
            held = evaluate_when(rule.when, values, pack.thresholds, segment, trace)
            assert compile_when(rule.when, pack.thresholds, segment)(values) == held
            # The rules test `is_set` only under a `not` (a field wanted empty): recorded only
            # when the field is given, the condition that then fails.
            assert [c.field for c in trace] == [
                c.field
                for c in conditions_in(rule.when)
                if c.op != "is_set" or values.get(c.field) is not None
            ]


def test_a_field_wanted_empty_is_recorded_only_when_given_and_reads_not_provided(
    pack: RulePack,
) -> None:
    zone = pack.rule("PORT-ZONE").when
    saas = {"active_accounts": 13, "books_of_work": None, "currency": "EUR"}
    trace: list[ConditionResult] = []
    assert not evaluate_when(zone, saas, pack.thresholds, "mid_market", trace)
    assert [c.field for c in trace] == ["active_accounts"]
    agency = {"active_accounts": 18, "books_of_work": 1.5, "currency": "EUR"}
    trace = []
    assert not evaluate_when(zone, agency, pack.thresholds, "mid_market", trace)
    assert [(c.field, c.passed) for c in trace] == [
        ("active_accounts", True),
        ("books_of_work", False),
    ]
    assert trace[1].text == "Books of work is not provided (now 1.50 books)"
    compiled: list[ConditionResult] = []
    compile_trace(zone, pack.thresholds, "mid_market")(agency, compiled)
    assert compiled == trace


@settings(max_examples=60, deadline=None)
@given(profiles())
def test_a_compiled_trace_records_what_the_walker_records(profile: CompanyProfile) -> None:
    segment = profile.segment.value
    values = _values(PACK, profile)
    for rule in PACK.rules:
        walked: list[ConditionResult] = []
        evaluate_when(rule.when, values, PACK.thresholds, segment, walked)
        compiled: list[ConditionResult] = []
        compile_trace(rule.when, PACK.thresholds, segment)(values, compiled)
        assert compiled == walked


def test_inputs_stand_for_derived_fields(pack: RulePack) -> None:
    for rule in pack.rules:
        inputs = inputs_of(rule.when)
        assert not inputs & set(DERIVED_FIELDS)
        for condition in conditions_in(rule.when):
            derived = DERIVED_FIELDS.get(condition.field)
            expected = set(derived.depends_on) if derived else {condition.field}
            assert expected <= inputs


def _is(field: str, op: str, value: Any = None) -> Condition:
    return Condition(field, op, ValueSpec(literal=value), 1)


def test_references_are_listed_once_in_order() -> None:
    low = Condition("active_accounts", "gte", ValueSpec(ref="trigger_zone", part="low"), 1)
    book = Condition("active_accounts", "lte", ValueSpec(ref="book_size", part="high"), 2)
    tree = Group("any", (low, Group("not", (book,), 3), low), 4)
    assert references_in(tree) == ["trigger_zone", "book_size"]
    assert list(conditions_in(tree)) == [low, book, low]


def test_supporting_facts_explain_what_holds() -> None:
    values = {"active_accounts": 30, "nps": None, "currency": "EUR"}
    many = _is("active_accounts", "gte", 20)
    few = _is("active_accounts", "lt", 10)
    unset = Group("not", (_is("nps", "is_set"),), 1)
    held, facts = supporting_facts(Group("any", (many, few, unset), 1), values, {}, "smb")
    assert held
    assert [fact.kind for fact in facts] == ["met", "not_provided"]
    assert facts[0].result is not None and facts[0].result.actual == 30
    assert facts[1].field == "nps"
    assert supporting_facts(Group("all", (many, few), 1), values, {}, "smb") == (False, [])
    held, facts = supporting_facts(Group("not", (few,), 1), values, {}, "smb")
    assert held and [fact.kind for fact in facts] == ["negated"]
