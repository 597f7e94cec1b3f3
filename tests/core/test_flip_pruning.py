"""The flip-point search leaves out the rules that cannot turn the verdict as a field moves: a
rule its other conditions settle keeps its truth, and one whose score cannot carry the verdict
past a rung and whose cap cannot bind leaves the verdict where it is. Leaving them out changes
no flip point: the search gives what searching every rule reading the field gives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from profile_strategies import profiles as valid_profiles

from advisor import engine, flips
from advisor.economics import derivation_constants, pay_place
from advisor.engine import evaluate
from advisor.fields import FIELDS
from advisor.flips import STEPS, numeric_domain
from advisor.pack import load_pack
from advisor.profile import CompanyProfile, load_profile

PACK = load_pack()
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
RULE_INDEX = {rule.id: index for index, rule in enumerate(PACK.rules)}

# Books with and without a team, priced by count or by money, to move every kind of rule.
profiles = valid_profiles(
    optional={
        "current_account_managers": st.integers(min_value=0, max_value=4),
        "business_model": st.sampled_from(
            ["saas_subscription", "services_retainer", "project_consultancy", "reseller"]
        ),
    }
)


def _prober(profile: CompanyProfile) -> flips._Prober:
    """The search's prober on the profile as `evaluate` builds it."""
    segment = profile.segment.value
    compiled = engine._compiled(PACK, segment)
    constants = derivation_constants(PACK, segment, profile.currency, *pay_place(profile))
    values = engine._values(profile, constants)
    fired = [predicate(values) for predicate in compiled.predicates]
    verdict, _, _ = engine._decide(compiled, fired, PACK)
    return flips._Prober(
        compiled,
        values,
        fired,
        constants,
        verdict,
        lambda raw, cap, gated: engine._verdict_of(PACK, raw, cap, gated),
        engine.LADDER,
    )


def _every_rule_reading_the_field(self: flips._Prober, field_name: str) -> frozenset[int]:
    return self.compiled.dependent_sets[field_name]


def _numeric_fields(prober: flips._Prober) -> list[str]:
    return [
        name
        for name in prober.compiled.dependents
        if FIELDS[name].kind in STEPS and prober.values.get(name) is not None
    ]


def _grid(name: str, current: float, points: int = 60) -> list[float]:
    """Values across the field's domain, with today's neighbours."""
    low, high = numeric_domain(name, current)
    step = STEPS[FIELDS[name].kind]
    spread = [low + (high - low) * i / points for i in range(points + 1)]
    return [*spread, max(low, current - step), min(high, current + step)]


def test_northwind_contract_value_is_searched_on_the_rules_that_can_turn_its_verdict() -> None:
    # Northwind: 22 accounts, founder-held knowledge, escalations, no AM team, raw score 95
    # (hire now at 55). As the contract value moves: PORT-BELOW-ZONE needs fewer than 15
    # accounts (22: settled false), TEAM-* need an AM (none: settled false), books of work stay
    # empty for a subscription book. KEY-ACCOUNTS-FOUNDER-HELD (+30) and
    # CHURN-LOSS-PAYS-AN-AM (+10) may change, but every score the moving rules allow lies
    # between 95 - 15 - 5 = 75 and 95 + 30 + 10 = 135, all at or above 55: only the caps turn
    # the verdict.
    prober = _prober(load_profile(EXAMPLES / "northwind-hire-now.yaml"))
    moving = {PACK.rules[index].id for index in prober.moving("avg_contract_value")}
    assert moving == {"AFFORD-NOT-SUPPORTED", "AFFORD-STRETCH", "PAYBACK-TOO-LONG"}
    assert (
        RULE_INDEX["KEY-ACCOUNTS-FOUNDER-HELD"] in prober.compiled.dependents["avg_contract_value"]
    )


def test_a_gate_that_holds_whatever_the_field_does_leaves_nothing_to_search() -> None:
    # Ferro's delivery is not standardised: the delivery gate fires and no number reads it.
    prober = _prober(load_profile(EXAMPLES / "ferro-fix-delivery.yaml"))
    assert prober.moving("active_accounts") == frozenset()
    assert prober.moving("delivery_maturity") != frozenset()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles)
def test_flip_points_leaving_out_the_rules_that_cannot_turn_the_verdict_are_unchanged(
    profile: CompanyProfile,
) -> None:
    pruned = evaluate(profile, PACK, with_plan=False).flip_points
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(flips._Prober, "moving", _every_rule_reading_the_field)
        every_rule = evaluate(profile, PACK, with_plan=False).flip_points
    assert pruned == every_rule


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles)
def test_a_rule_left_out_of_the_search_never_turns_the_verdict(profile: CompanyProfile) -> None:
    """At values across each numeric field's domain, the verdict with every rule reading the
    field evaluated again is the verdict with the rules left out kept as they are today."""
    prober = _prober(profile)
    predicates = prober.compiled.predicates
    for name in _numeric_fields(prober):
        moving = prober.moving(name)
        left_out = [i for i in prober.compiled.dependents[name] if i not in moving]
        if not left_out:
            continue
        current = float(prober.values[name])
        for value in _grid(name, current):
            values: dict[str, Any] = prober.derived_at(name, value)
            every = list(prober.fired)
            for index in prober.compiled.dependents[name]:
                every[index] = predicates[index](values)
            kept = list(every)
            for index in left_out:
                kept[index] = prober.fired[index]
            assert prober.decided(every) == prober.decided(kept), (name, value)
