"""The company profile: accepted forms, refused values, and messages that name the field."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from advisor.profile import (
    FIELD_GROUPS,
    FIELDS,
    FIELDS_BY_GROUP,
    CompanyProfile,
    ProfileError,
    changed_fields,
    load_profile,
    parse_profile,
    profile_from_query,
    profile_from_text,
    profile_to_dict,
    profile_to_query,
    updated_profile,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def problems(values: dict[str, Any]) -> list[str]:
    with pytest.raises(ProfileError) as caught:
        parse_profile(values)
    return [str(problem) for problem in caught.value.problems]


def test_percent_strings_and_fractions_are_the_same_rate(make_profile: Any) -> None:
    assert make_profile(logo_churn_rate="12%").logo_churn_rate == pytest.approx(0.12)
    assert make_profile(logo_churn_rate=0.12).logo_churn_rate == pytest.approx(0.12)
    assert make_profile(nrr="108%").nrr == pytest.approx(1.08)


def test_bare_number_above_one_for_a_rate_suggests_percent(base_values: dict[str, Any]) -> None:
    assert problems({**base_values, "logo_churn_rate": 12}) == [
        'logo_churn_rate: 12 is not a rate between 0 and 1; did you mean "12%"?'
    ]
    assert problems({**base_values, "nrr": 108}) == [
        'nrr: 108 is not a ratio like 1.08; did you mean "108%"?'
    ]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("active_accounts", -3, "active_accounts: -3 is negative; expected a count of 0 or more"),
        ("active_accounts", 2.5, "active_accounts: 2.5 is not a whole number"),
        ("active_accounts", True, "active_accounts: True is a yes/no value, expected a number"),
        ("avg_contract_value", math.nan, "avg_contract_value: nan is not a finite number"),
        ("avg_contract_value", math.inf, "avg_contract_value: inf is not a finite number"),
        ("gross_margin", "abc%", "gross_margin: 'abc' is not a number"),
        (
            "segment",
            "mid-market",
            (
                "segment: 'mid-market' is not one of smb, mid_market, enterprise "
                "(did you mean 'mid_market'?)"
            ),
        ),
        (
            "renewal_owner",
            "salse",
            (
                "renewal_owner: 'salse' is not one of founder, sales, account_executive, "
                "account_manager, customer_success, nobody (did you mean 'sales'?)"
            ),
        ),
        ("unworked_upsell", "maybe", "unworked_upsell: 'maybe' is not yes/no (true or false)"),
        ("company", "", "company: must not be empty"),
        (
            "currency",
            "EUE",
            (
                "currency: 'EUE' is not an ISO 4217 currency code such as EUR or USD "
                "(did you mean 'EUR'?)"
            ),
        ),
        ("nps", 150, "nps: 150 is not an NPS between -100 and 100"),
        (
            "am_fully_loaded_cost",
            0,
            "am_fully_loaded_cost: 0 is not a cost; leave the field out to use the benchmark",
        ),
    ],
)
def test_refused_values_name_the_field(
    base_values: dict[str, Any], field: str, value: Any, message: str
) -> None:
    assert problems({**base_values, field: value}) == [message]


def test_unknown_key_gets_a_close_match(base_values: dict[str, Any]) -> None:
    assert problems({**base_values, "anual_churn": 0.1}) == [
        "anual_churn: unknown field (did you mean 'logo_churn_rate'?)"
    ]


def test_missing_required_fields_are_all_listed(base_values: dict[str, Any]) -> None:
    values = dict(base_values)
    del values["segment"], values["gross_margin"]
    assert problems(values) == [
        "segment: required field is missing",
        "gross_margin: required field is missing",
    ]


def test_yaml_file_errors_carry_the_line(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    text = (Path(__file__).resolve().parents[1] / "rule_cases" / "base.yaml").read_text()
    path.write_text(text.replace("logo_churn_rate: 8%", "logo_churn_rate: 12"))
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    line = next(n for n, t in enumerate(path.read_text().splitlines(), 1) if "logo_churn" in t)
    assert str(caught.value) == (
        f'{path}:{line}: logo_churn_rate: 12 is not a rate between 0 and 1; did you mean "12%"?'
    )


def test_json_with_duplicate_keys_or_nan_is_refused() -> None:
    with pytest.raises(ProfileError, match="duplicate key 'company'"):
        profile_from_text('{"company": "a", "company": "b"}', "p.json")
    with pytest.raises(ProfileError, match="NaN is not a number JSON allows"):
        profile_from_text('{"company": "a", "nrr": NaN}', "p.json")


def test_a_list_is_not_a_profile() -> None:
    with pytest.raises(ProfileError, match="expected a mapping of field: value, found list"):
        profile_from_text("- a\n- b\n", "p.yaml")


def test_round_trip_through_dict(samples: dict[str, CompanyProfile]) -> None:
    for profile in samples.values():
        assert parse_profile(profile_to_dict(profile)) == profile


def test_every_field_has_a_label_unit_group_and_help() -> None:
    assert set(FIELDS) == set(CompanyProfile.__struct_fields__)
    for info in FIELDS.values():
        assert info.label and info.help and info.group
        if info.kind in ("money", "count", "rate", "net_rate"):
            assert info.unit, f"{info.name} has no unit"


def test_strings_from_csv_cells_are_parsed(base_values: dict[str, Any]) -> None:
    as_text = {key: str(value) for key, value in base_values.items()}
    profile = parse_profile(as_text)
    assert profile.active_accounts == 18
    assert profile.unworked_upsell is False
    assert profile.gross_margin == pytest.approx(0.6)


def test_a_link_round_trips_the_profile_and_ignores_other_parameters() -> None:
    profile = load_profile(EXAMPLES / "acorn-not-yet.yaml")
    query = profile_to_query(profile)
    assert all(isinstance(value, str) for value in query.values())
    assert query["gross_margin"] == repr(profile.gross_margin)
    assert profile_from_query({**query, "utm_source": "mail"}) == profile
    assert profile_from_query({"utm_source": "mail"}) is None


def test_a_bad_link_names_the_link_and_the_field() -> None:
    query = profile_to_query(load_profile(EXAMPLES / "acorn-not-yet.yaml"))
    with pytest.raises(ProfileError) as caught:
        profile_from_query({**query, "gross_margin": "62"})
    assert [str(problem) for problem in caught.value.problems] == [
        'link: gross_margin: 62 is not a rate between 0 and 1; did you mean "62%"?'
    ]


def test_updates_are_validated_and_the_changed_fields_named() -> None:
    profile = load_profile(EXAMPLES / "acorn-not-yet.yaml")
    updated = updated_profile(profile, {"active_accounts": profile.active_accounts + 1})
    assert updated.active_accounts == profile.active_accounts + 1
    assert changed_fields(profile_to_dict(profile), profile_to_dict(updated)) == ["active_accounts"]
    with pytest.raises(ProfileError):
        updated_profile(profile, {"active_accounts": -1})


def test_every_field_sits_in_exactly_one_group_in_field_order() -> None:
    assert list(FIELDS_BY_GROUP) == list(FIELD_GROUPS)
    grouped = [name for names in FIELDS_BY_GROUP.values() for name in names]
    assert sorted(grouped) == sorted(FIELDS)
    for names in FIELDS_BY_GROUP.values():
        assert list(names) == [name for name in FIELDS if name in names]
