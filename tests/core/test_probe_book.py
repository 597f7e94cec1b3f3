"""A probe moving an input the book does not read keeps today's book.

`economics.book_of` (the money bound, the book by count, the most accounts one AM holds) reads
the business model, the average contract value and the margin alone; a flip-point probe or a
timing probe moving any other input passes today's to `derived_values` instead of working it
out again. Every figure, every flip point and every timing is what a full derivation gives.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from profile_strategies import profiles as valid_profiles

from advisor import engine, flips
from advisor.economics import book_of, derivation_constants, derived_values, pay_place
from advisor.engine import evaluate
from advisor.fields import DERIVED_FIELDS
from advisor.pack import load_pack
from advisor.profile import CompanyProfile

PACK = load_pack()

profiles = valid_profiles(
    optional={
        "current_account_managers": st.integers(min_value=0, max_value=6),
        "business_model": st.sampled_from(
            ["saas_subscription", "services_retainer", "project_consultancy", "reseller"]
        ),
        "grr": st.floats(min_value=0.5, max_value=1.0),
        "am_fully_loaded_cost": st.integers(min_value=30_000, max_value=200_000),
    }
)

# Each input a derived figure reads and book_of does not, with values it may be probed at.
OTHER_INPUTS: dict[str, st.SearchStrategy[Any]] = {
    "active_accounts": st.integers(min_value=0, max_value=600),
    "logo_churn_rate": st.floats(min_value=0.0, max_value=1.0),
    "grr": st.one_of(st.none(), st.floats(min_value=0.0, max_value=3.0)),
    "unworked_upsell": st.booleans(),
    "current_account_managers": st.integers(min_value=0, max_value=30),
    "am_fully_loaded_cost": st.floats(min_value=1.0, max_value=2_000_000.0),
}


def test_the_inputs_left_out_of_the_book_are_every_other_input_of_a_derived_figure() -> None:
    read = {name for figure in DERIVED_FIELDS.values() for name in figure.depends_on}
    assert set(OTHER_INPUTS) == read - flips._BOOK_INPUTS


def _values(profile: CompanyProfile) -> tuple[dict[str, Any], Any]:
    constants = derivation_constants(
        PACK, profile.segment.value, profile.currency, *pay_place(profile)
    )
    return engine._values(profile, constants), constants


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles, data=st.data())
def test_a_probe_keeping_todays_book_derives_every_figure_as_a_full_derivation(
    profile: CompanyProfile, data: st.DataObject
) -> None:
    values, constants = _values(profile)
    today = book_of(values, constants)
    for name, strategy in OTHER_INPUTS.items():
        probed = dict(values)
        probed[name] = data.draw(strategy, label=name)
        assert book_of(probed, constants) == today
        full, kept = dict(probed), dict(probed)
        derived_values(full, constants)
        derived_values(kept, constants, today)
        assert kept == full or _same_but_nan(kept, full)


def _same_but_nan(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Equal, a figure that is not a number in both counting as equal."""
    return a.keys() == b.keys() and all(a[k] == b[k] or (a[k] != a[k] and b[k] != b[k]) for k in a)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles)
def test_an_assessment_keeping_todays_book_in_probes_is_that_of_full_derivations(
    profile: CompanyProfile,
) -> None:
    kept = evaluate(profile, PACK).to_dict()
    with pytest.MonkeyPatch.context() as patch:
        # Every input counted as one the book reads: every probe works the book out again.
        patch.setattr(flips, "_BOOK_INPUTS", frozenset(flips._DERIVED_INPUTS))
        patch.setattr(engine, "book_of", lambda values, constants: None)
        full = evaluate(profile, PACK).to_dict()
    assert kept == full
