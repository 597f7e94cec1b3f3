"""Hostile and odd documents: every one refused with FILE:LINE: field: message, never a crash."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from advisor import cli
from advisor.pack import RulePackError, load_pack
from advisor.profile import ProfileError, load_profile, profile_from_text
from advisor.profile_values import parse_count
from advisor.yamlio import DocumentError, parse_document, parse_yaml, read_limited

ROOT = Path(__file__).resolve().parents[2]
NORTHWIND = "".join(
    line
    for line in (ROOT / "examples" / "northwind-hire-now.yaml").open(encoding="utf-8")
    if not line.startswith("notes:")
)

UNREADABLE_VALUES = [
    "2024-02-30",
    "2024-02-28T25:00:00",
    "!!int abc",
    "!!float 'x'",
    "!!int 0.",
    "!!timestamp 'x'",
    "!!int",
    "!!float",
    "!!bool",
    "!!set [1]",
    "!!map j",
    '"\\UFFFFFFFF"',
]


@pytest.mark.parametrize("value", UNREADABLE_VALUES)
def test_unreadable_yaml_value_is_a_document_error_at_its_line(value: str) -> None:
    with pytest.raises(DocumentError) as caught:
        parse_yaml(f"a: 1\nnotes: {value}\n", "p.yaml")
    assert caught.value.line == 2
    assert str(caught.value).startswith("p.yaml:2: ")


def test_impossible_date_in_a_profile_names_the_field_and_line() -> None:
    with pytest.raises(ProfileError) as caught:
        profile_from_text(NORTHWIND + "notes: 2024-02-30\n", "p.yaml")
    problem = caught.value.first
    assert problem.path == "notes"
    assert problem.line == NORTHWIND.count("\n") + 1
    assert "2024-02-30" in problem.message and "not a real date" in problem.message


@pytest.mark.parametrize("byte", ["\x01", "\x0b", "\x1b", "\x7f"])
def test_raw_control_byte_is_refused_at_its_line(byte: str) -> None:
    with pytest.raises(DocumentError) as caught:
        parse_yaml(f"a: 1\nb: x{byte}y\n", "p.yaml")
    assert caught.value.line == 2
    assert "control character" in caught.value.message


def test_cli_exits_2_on_an_impossible_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(NORTHWIND + "notes: 2024-02-30\n", encoding="utf-8")
    assert cli.main(["assess", str(path)]) == 2
    err = capsys.readouterr().err
    assert "p.yaml:" in err and "notes" in err and "Traceback" not in err


def test_flow_style_yaml_starting_with_brace_is_yaml() -> None:
    assert parse_document("{a: 1, b: two}", "p.yaml") == {"a": 1, "b": "two"}
    assert parse_document('{"a": 1}', "upload") == {"a": 1}
    with pytest.raises(DocumentError, match="JSON"):
        parse_document("{a: 1}", "p.json")


def test_exponent_without_dot_gets_a_yaml_hint() -> None:
    with pytest.raises(ProfileError, match=r"YAML 1\.1 reads '1e3' as text"):
        profile_from_text(
            NORTHWIND.replace("avg_contract_value:", "avg_contract_value: 1e3 #"), "p.yaml"
        )


def test_no_as_a_choice_gets_a_boolean_hint() -> None:
    text = NORTHWIND.replace("renewal_owner:", "renewal_owner: no #")
    with pytest.raises(ProfileError, match="YAML reads yes/no"):
        profile_from_text(text, "p.yaml")


def test_refused_threshold_is_not_pointed_at_another(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    for file in (ROOT / "rules").iterdir():
        (pack / file.name).write_bytes(file.read_bytes())
    thresholds = pack / "10-thresholds.yaml"
    text = thresholds.read_text(encoding="utf-8")
    thresholds.write_text(text.replace("    value: 30\n", "    value: 1e3\n", 1), encoding="utf-8")
    with pytest.raises(RulePackError) as caught:
        load_pack(pack)
    messages = [str(problem) for problem in caught.value.problems]
    assert any("YAML 1.1 reads '1e3' as text" in message for message in messages)
    assert not any("did you mean" in message for message in messages)
    assert any("definition was refused" in message for message in messages)


def test_sexagesimal_count_is_refused() -> None:
    assert parse_yaml("a: 1:30", "p.yaml") == {"a": "1:30"}
    with pytest.raises(ValueError, match="base 60"):
        parse_count("1:30")
    with pytest.raises(ProfileError, match="active_accounts"):
        profile_from_text(
            NORTHWIND.replace("active_accounts:", "active_accounts: 1:30 #"), "p.yaml"
        )


# ---------------------------------------------------------------------------------------------
# Special and huge files


def test_dev_zero_is_refused_by_type_before_reading() -> None:
    with pytest.raises(DocumentError, match="device, pipe or socket"):
        read_limited("/dev/zero")
    with pytest.raises(ProfileError, match="not a file"):
        load_profile("/dev/zero")
    with pytest.raises(RulePackError, match="not a file"):
        load_pack("/dev/zero")


@pytest.mark.timeout(10)
def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "profile.yaml"
    os.mkfifo(fifo)
    with pytest.raises(ProfileError, match="not a file"):
        load_profile(fifo)
    with pytest.raises(RulePackError, match="not a file"):
        load_pack(fifo)


@pytest.mark.timeout(10)
def test_sparse_2gb_file_is_refused_by_size(tmp_path: Path) -> None:
    sparse = tmp_path / "huge.yaml"
    with open(sparse, "wb") as stream:
        stream.truncate(2 * 1024**3)
    with pytest.raises(ProfileError, match="larger than 1000 kB"):
        load_profile(sparse)
    with pytest.raises(RulePackError, match="larger than 1000 kB"):
        load_pack(sparse)


@pytest.mark.timeout(20)
def test_cli_rules_option_refuses_dev_zero(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(ROOT / "examples" / "northwind-hire-now.yaml")
    assert cli.main(["assess", path, "--rules", "/dev/zero"]) == 2
    assert "not a file" in capsys.readouterr().err
