"""The vocabulary (`advisor.fields`) agrees with the profile that validates the values and the
economics that compute the derived figures."""

from __future__ import annotations

import enum
import json
import subprocess
import sys
from pathlib import Path
from typing import Any, get_args

import msgspec

from advisor.economics import derivation_constants, derived_values
from advisor.fields import DERIVED_FIELDS, FIELD_CHOICES, FIELD_KINDS, FIELDS
from advisor.pack import RulePack
from advisor.profile import CompanyProfile

ROOT = Path(__file__).resolve().parents[2]


def test_the_vocabulary_names_every_field_of_the_profile() -> None:
    # FIELDS is in the order a reader sees the fields (the form, the documents); the model keeps
    # the order of a profile file, required fields first.
    assert sorted(FIELDS) == sorted(CompanyProfile.__struct_fields__)


def test_required_fields_are_the_ones_the_profile_requires() -> None:
    declared = {field.name: field for field in msgspec.structs.fields(CompanyProfile)}
    for name, info in FIELDS.items():
        assert info.required == declared[name].required, name


def test_choices_are_the_values_of_the_profiles_enums() -> None:
    declared = {field.name: field for field in msgspec.structs.fields(CompanyProfile)}
    for name, info in FIELDS.items():
        annotation = declared[name].type
        expected: tuple[str, ...] = ()
        # An optional choice (city_band) is its enum or None.
        kinds = [annotation, *get_args(annotation)]
        for kind in (*kinds, *(inner for arg in kinds for inner in get_args(arg))):
            if isinstance(kind, type) and issubclass(kind, enum.Enum):
                expected = tuple(member.value for member in kind)
        assert info.choices == expected, name
        assert (info.kind == "choice") == bool(expected), name


def test_the_derived_figures_are_the_ones_the_economics_compute(
    pack: RulePack, samples: dict[str, CompanyProfile]
) -> None:
    for profile in samples.values():
        values: dict[str, Any] = {
            key: getattr(raw, "value", raw) for key, raw in msgspec.structs.asdict(profile).items()
        }
        given = set(values)
        constants = derivation_constants(pack, profile.segment.value, profile.currency)
        derived_values(values, constants)
        assert sorted(set(values) - given) == sorted(DERIVED_FIELDS)


def test_rules_may_test_every_field_and_every_derived_figure() -> None:
    assert set(FIELD_KINDS) == set(FIELDS) | set(DERIVED_FIELDS)
    assert set(FIELD_CHOICES) == set(FIELDS)


def test_the_vocabulary_loads_nothing_of_the_package_and_no_heavy_library() -> None:
    script = (
        "import json, sys\n"
        "import advisor.fields\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('advisor')"
        " or m.split('.')[0] in ('pydantic', 'yaml'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == ["advisor", "advisor.fields"]
