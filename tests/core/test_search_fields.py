"""The search fields: optional, their own group, lists typed as a list or as "a; b", checked
with messages naming the field, never moving the verdict, and named by the drafted role."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from advisor.engine import evaluate
from advisor.fields import FIELDS, FIELDS_BY_GROUP, SEARCH_GROUP
from advisor.pack import load_pack
from advisor.profile import (
    ProfileError,
    load_profile,
    parse_profile,
    profile_from_query,
    profile_from_text,
    profile_to_dict,
    profile_to_query,
    profile_to_yaml,
)
from advisor.profile_values import text_list
from advisor.role import draft_role

ROOT = Path(__file__).resolve().parents[2]
NORTHWIND = ROOT / "examples" / "northwind-hire-now.yaml"
SEARCH_FIELDS = (
    "sector",
    "buyer_personas",
    "location",
    "remote_policy",
    "languages",
    "reports_to",
    "ae_handover_accounts",
    "ae_renewal_commission",
    "ae_handover_date",
)
PACK = load_pack()


def _without_search() -> dict[str, Any]:
    data = profile_to_dict(load_profile(NORTHWIND))
    return {k: v for k, v in data.items() if k not in SEARCH_FIELDS}


def _problems(**values: Any) -> list[str]:
    with pytest.raises(ProfileError) as caught:
        parse_profile({**_without_search(), **values})
    return [str(problem) for problem in caught.value.problems]


def test_search_fields_are_optional_and_their_own_group() -> None:
    assert FIELDS_BY_GROUP[SEARCH_GROUP] == SEARCH_FIELDS
    assert not [name for name in SEARCH_FIELDS if FIELDS[name].required]
    profile = parse_profile(_without_search())
    assert all(getattr(profile, name) is None for name in SEARCH_FIELDS)


def test_a_list_is_read_from_a_yaml_list_or_a_semicolon_text() -> None:
    as_list = parse_profile({**_without_search(), "buyer_personas": ["CFO", " Head of Ops "]})
    as_text = parse_profile({**_without_search(), "buyer_personas": "CFO;Head of Ops; "})
    assert as_list.buyer_personas == as_text.buyer_personas == "CFO; Head of Ops"
    assert text_list(as_text.buyer_personas) == ("CFO", "Head of Ops")
    assert parse_profile({**_without_search(), "languages": " ; "}).languages is None


def test_search_fields_round_trip_through_a_file_and_a_link() -> None:
    profile = load_profile(NORTHWIND)
    assert text_list(profile.buyer_personas) == (
        "Head of Operations",
        "Supply Chain Director",
        "CFO",
    )
    assert profile.ae_handover_date == "2027-03-01"  # written unquoted in the YAML file
    assert profile_from_text(profile_to_yaml(profile)) == profile
    query = profile_to_query(profile)
    assert query["languages"] == "Spanish; English"
    assert query["reports_to"] == "ceo"
    assert profile_from_query(query) == profile


def test_a_list_item_holding_the_separator_is_refused_naming_the_field() -> None:
    assert _problems(languages=["Spanish; Catalan"]) == [
        "languages: the item 'Spanish; Catalan' holds ';', which separates items: make it two items"
    ]


def test_a_buyer_persona_named_twice_is_refused() -> None:
    assert _problems(buyer_personas="CFO; Head of Ops; cfo") == [
        "buyer_personas: names 'cfo' twice: give each item once"
    ]


def test_a_list_of_more_than_twelve_items_is_refused() -> None:
    items = [f"Title {n}" for n in range(13)]
    assert _problems(buyer_personas=items) == [
        "buyer_personas: has 13 items; keep it to 12 at most"
    ]


def test_a_handover_date_not_in_iso_form_names_the_field_and_its_line() -> None:
    text = NORTHWIND.read_text(encoding="utf-8").replace(
        "ae_handover_date: 2027-03-01", "ae_handover_date: 1/3/2027"
    )
    line = text[: text.index("ae_handover_date:")].count("\n") + 1
    with pytest.raises(ProfileError) as caught:
        profile_from_text(text, "northwind.yaml")
    assert [str(p) for p in caught.value.problems] == [
        (
            f"northwind.yaml:{line}: ae_handover_date: '1/3/2027' is not a date: write it as "
            "YYYY-MM-DD, e.g. 2027-03-01"
        )
    ]
    assert _problems(ae_handover_date="2027-02-30") == [
        "ae_handover_date: '2027-02-30' is not a date: write it as YYYY-MM-DD, e.g. 2027-03-01"
    ]


def test_more_accounts_handed_over_than_are_active_is_a_warning_not_a_refusal() -> None:
    """Refused, it made a what-if on active_accounts alone impossible to assess (Compare)."""
    active = _without_search()["active_accounts"]
    profile = parse_profile({**_without_search(), "ae_handover_accounts": active + 1})
    assessment = evaluate(profile, PACK, with_flip_points=False)
    assert (
        f"ae_handover_accounts ({active + 1}) is above active_accounts ({active}): the AEs can "
        "hand over at most the active accounts; correct one of the two"
    ) in assessment.warnings
    role = draft_role(profile, evaluate(profile, PACK), PACK)
    assert role.ae_handover.startswith(
        f"The account executives hand {active + 1} accounts over to the Account Manager"
    )


def test_an_unknown_remote_policy_names_the_choices() -> None:
    assert _problems(remote_policy="office") == [
        "remote_policy: 'office' is not one of on_site, hybrid, remote"
    ]


def test_search_fields_never_move_the_verdict() -> None:
    with_search = evaluate(load_profile(NORTHWIND), PACK, with_flip_points=False)
    without = evaluate(parse_profile(_without_search()), PACK, with_flip_points=False)
    assert (with_search.verdict, with_search.score) == (without.verdict, without.score)
    assert [r.fired for r in with_search.trace] == [r.fired for r in without.trace]


def test_the_role_names_the_reporting_line_and_the_ae_handover_when_given() -> None:
    profile = load_profile(NORTHWIND)
    role = draft_role(profile, evaluate(profile, PACK), PACK)
    assert role.reporting_line == "The Account Manager reports to the CEO."
    assert role.ae_handover == (
        "The account executives hand 18 of the 22 active accounts over to the Account Manager "
        "on 1 March 2027; their commission on those renewals is shared with the Account Manager "
        "for a transition period."
    )
    bare = parse_profile(_without_search())
    role = draft_role(bare, evaluate(bare, PACK), PACK)
    assert (role.reporting_line, role.ae_handover) == ("", "")
    other = parse_profile({**_without_search(), "reports_to": "other"})
    line = draft_role(other, evaluate(other, PACK), PACK).reporting_line
    assert line.endswith("name that person in the offer.")


def test_the_batch_reads_a_list_from_a_semicolon_cell(tmp_path: Path) -> None:
    row = {**_without_search(), "buyer_personas": "CFO; COO", "ae_handover_date": "2027-13-01"}
    source = tmp_path / "profiles.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(row))
        writer.writeheader()
        writer.writerow(row)
    out = tmp_path / "results.csv"
    result = subprocess.run(
        [sys.executable, "-m", "advisor", "assess-batch", str(source), "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    (read,) = csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))
    assert read["error"] == (
        "row 2: ae_handover_date: '2027-13-01' is not a date: write it as YYYY-MM-DD, "
        "e.g. 2027-03-01"
    )


def test_the_cli_refuses_a_bad_search_field_with_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "acme.yaml"
    bad.write_text(
        NORTHWIND.read_text(encoding="utf-8").replace("remote_policy: hybrid", "remote_policy: 3")
    )
    result = subprocess.run(
        [sys.executable, "-m", "advisor", "assess", str(bad)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 2
    assert "remote_policy:" in result.stderr and "Traceback" not in result.stderr
