"""What a command loads to start: `advisor assess` no validation library, `advisor clients list`
none of the engine, the profile, the rule pack or Babel, the Recommendation page none of the CRM
import; and the profile, read by its value parsers field by field, refuses exactly what they do."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.cli import main
from advisor.profile import (
    DEFAULTS,
    MAX_LENGTH,
    MAXIMUM,
    PARSERS,
    PROFILE_FIELDS,
    REQUIRED_FIELDS,
    CompanyProfile,
    ProfileError,
    parse_profile,
)
from advisor.yamlio import read_document

ROOT = Path(__file__).resolve().parents[2]
NORTHWIND = ROOT / "examples" / "northwind-hire-now.yaml"

# Run in a fresh interpreter: the command, then the names of the loaded modules as JSON on the
# last line of standard output.
LOADED = (
    "import json, sys\n"
    "from advisor.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "print(json.dumps({'code': code, 'modules': sorted(sys.modules)}))\n"
)


def loaded_by(*argv: str, env: dict[str, str] | None = None) -> tuple[str, dict[str, Any]]:
    """The command's output before the last line, and its exit code and loaded modules."""
    result = subprocess.run(
        [sys.executable, "-c", LOADED, *argv],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        capture_output=True,
        text=True,
        check=True,
    )
    output, _, last = result.stdout.rstrip("\n").rpartition("\n")
    return output, json.loads(last)


def family(modules: list[str], *names: str) -> list[str]:
    """The loaded modules that are one of `names` or inside one of them."""
    return [m for m in modules if any(m == n or m.startswith(n + ".") for n in names)]


def test_advisor_assess_imports_no_validation_library() -> None:
    output, run = loaded_by("assess", str(NORTHWIND), "--format", "json")
    assert run["code"] == 0
    assert json.loads(output)["profile"]["company"] == "Northwind Analytics"
    assert family(run["modules"], "pydantic", "pydantic_core") == []


def test_advisor_assess_json_loads_neither_openssl_shutil_threading_nor_the_text_hygiene() -> None:
    # hashlib loads OpenSSL (the pack cache's SHA-256 is the interpreter's own), argparse's help
    # formatter shutil and with it the compression libraries, the rules' lock threading, and
    # the text hygiene module compiles its patterns: each a millisecond or more of every start.
    output, run = loaded_by("assess", str(NORTHWIND), "--format", "json")
    assert run["code"] == 0
    assert json.loads(output)["verdict"]
    heavy = ("hashlib", "_hashlib", "shutil", "bz2", "lzma", "threading", "advisor.textsafety")
    assert family(run["modules"], *heavy) == []


def test_advisor_clients_list_imports_neither_the_engine_the_profile_the_pack_nor_babel(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'advisor.db'}"
    with open(os.devnull, "w") as quiet:  # a saved case: its verdict, score and date are listed
        assert main(["assess", str(NORTHWIND), "--save", "--db", url], stdout=quiet) == 0
    output, run = loaded_by("clients", "list", "--db", url)
    assert run["code"] == 0
    assert "Northwind Analytics" in output and "hire_now" in output
    heavy = (
        "advisor.engine",
        "advisor.profile",
        "advisor.pack",
        "advisor.workshop",
        "babel",
        "pydantic",
        "yaml",
        "pandas",
    )
    assert family(run["modules"], *heavy) == []


def test_the_recommendation_page_imports_none_of_the_crm_import_or_pandas() -> None:
    script = (
        "import json, sys\n"
        "import advisor.ui.recommendation_page\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    # Importing the page module draws nothing outside a running app: Streamlit only warns.
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=True,
    )
    modules = json.loads(result.stdout.strip().splitlines()[-1])
    assert "advisor.charts" in modules
    heavy = ("advisor.portfolio", "advisor.crm_import", "advisor.role", "pandas")
    assert family(modules, *heavy) == []


def test_the_profile_declares_one_parser_per_field_in_the_order_of_its_fields() -> None:
    assert tuple(PARSERS) == PROFILE_FIELDS == CompanyProfile.__struct_fields__
    assert set(MAX_LENGTH) | set(MAXIMUM) <= set(PROFILE_FIELDS)
    declared = msgspec.structs.fields(CompanyProfile)
    assert tuple(field.name for field in declared if field.required) == REQUIRED_FIELDS
    assert {field.name: field.default for field in declared if not field.required} == DEFAULTS


# Values of every kind a profile file, a form or a link gives: valid ones, wrong ones, and
# every type the parsers are asked about.
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**14), max_value=10**14),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=130),
    st.sampled_from(
        [
            "12%",
            "120%",
            "1_000",
            "36,000.50",
            "36.000",
            "€36 000",
            "yes",
            "no",
            "ES",
            "UK",
            "usd",
            "smb",
            "mid-market",
            "standardised",
            "account_manager",
            "2027-01:3 2027-02:1",
            "2027-03-01",
            "a; b; A",
            "x" * 5001,
            " 4000 ",
        ]
    ),
    st.lists(st.text(max_size=12), max_size=14),
)


def parser_verdict(name: str, value: object) -> tuple[bool, object]:
    """What the field's own parser and limits say of a value: (accepted, value or message)."""
    if value is None and DEFAULTS.get(name, msgspec.NODEFAULT) is None:
        return True, None
    try:
        parsed = PARSERS[name](value)
    except ValueError as error:
        return False, str(error)
    if name in MAX_LENGTH and len(parsed) > MAX_LENGTH[name]:
        return False, f"is longer than {MAX_LENGTH[name]} characters"
    if name in MAXIMUM and parsed > MAXIMUM[name]:
        return False, f"{value} is above the maximum of {MAXIMUM[name]}"
    return True, parsed


@settings(max_examples=300, deadline=None)
@given(name=st.sampled_from(PROFILE_FIELDS), value=VALUES)
def test_the_profile_accepts_and_refuses_exactly_what_its_parsers_do(
    name: str, value: object
) -> None:
    base = dict(read_document(NORTHWIND))
    base.pop("city_band", None)  # the cross-field checks are not the parsers'
    if name == "renewal_owner":
        base["current_account_managers"] = 1
    if name in ("grr", "nrr"):
        base.pop("nrr", None)
    if name == "city_band":  # a city band lies in its own country
        spanish = str(value).strip().lower() in ("madrid_barcelona", "rest_of_spain")
        base["country"] = "ES" if spanish else "GB"
    accepted, expected = parser_verdict(name, value)
    try:
        profile = parse_profile({**base, name: value}, source="p.yaml")
    except ProfileError as error:
        assert not accepted, (name, value, str(error))
        assert [(p.path, p.message) for p in error.problems] == [(name, expected)]
        return
    assert accepted, (name, value)
    assert getattr(profile, name) == expected


def test_a_profile_names_every_bad_field_at_once_in_field_order() -> None:
    data = dict(read_document(NORTHWIND))
    data.update(notes="x" * 5001, segment="smbb", renewal_lead_days=4000.0, currency=None)
    del data["gross_margin"]
    data["active_acounts"] = 3
    with pytest.raises(ProfileError) as refused:
        parse_profile(data, source="p.yaml")
    found = [(p.path, p.message) for p in refused.value.problems]
    # The misspelt key leads with its did-you-mean; the rest follow the order of the fields.
    assert found == [
        ("active_acounts", "unknown field (did you mean 'active_accounts'?)"),
        ("segment", "'smbb' is not one of smb, mid_market, enterprise (did you mean 'smb'?)"),
        ("currency", "None is not an ISO 4217 currency code such as EUR or USD"),
        ("gross_margin", "required field is missing"),
        ("renewal_lead_days", "4000.0 is above the maximum of 3650"),
        ("notes", "is longer than 5000 characters"),
    ]
