"""Money and counts in profiles: European strings, floors and ceilings, never inf or 300 digits."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from advisor import cli
from advisor.cli.table import text_table
from advisor.profile_values import MAX_COUNT, parse_count, parse_money, parse_positive_money

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("36.000,00", 36000.0),
        ("€36.000,50", 36000.5),
        ("1,5", 1.5),
        ("36,000.50", 36000.5),
        ("1.234.567", 1234567.0),
        ("€ 36 000", 36000.0),
        ("36_000", 36000.0),
        ("36000", 36000.0),
    ],
)
def test_european_money_strings_are_read_by_locale_rules(text: str, amount: float) -> None:
    assert parse_money(text) == amount


@pytest.mark.parametrize("text", ["36.000", "€36.000", "36,000"])
def test_ambiguous_money_string_is_refused_not_guessed(text: str) -> None:
    with pytest.raises(ValueError, match="ambiguous"):
        parse_money(text)


def test_doubled_underscore_is_not_a_number() -> None:
    with pytest.raises(ValueError, match="not an amount"):
        parse_money("1__0")
    with pytest.raises(ValueError, match="not a number"):
        parse_count("1__0")


@pytest.mark.parametrize("tiny", [5e-324, 1e-300, 0.5])
def test_cost_below_the_floor_is_refused(tiny: float) -> None:
    with pytest.raises(ValueError, match="below the floor"):
        parse_positive_money(tiny)


def test_huge_integers_are_refused_without_a_rounded_echo() -> None:
    with pytest.raises(ValueError) as caught:
        parse_money(10**30)
    assert "1000000000000000019884624838656" not in str(caught.value)
    assert "31-digit" in str(caught.value)
    with pytest.raises(ValueError, match="implausibly large"):
        parse_count(10**30)
    with pytest.raises(ValueError, match=f"{MAX_COUNT:,}"):
        parse_count(MAX_COUNT + 1)
    with pytest.raises(ValueError):
        parse_money(10**400)


def test_terminal_escapes_in_names_are_not_written_raw(tmp_path: Path) -> None:
    text = (ROOT / "examples" / "northwind-hire-now.yaml").read_text(encoding="utf-8")
    path = tmp_path / "p.yaml"
    path.write_text(
        text.replace("company: ", 'company: "Evil \\e[2J\\e]0;x\\a" #', 1), encoding="utf-8"
    )
    out = io.StringIO()
    assert cli.main(["assess", str(path)], stdout=out) == 0
    assert "\x1b" not in out.getvalue() and "\x07" not in out.getvalue()
    assert "Evil" in out.getvalue()
    assert "\x1b" not in text_table([["\x1b[2J", "\x9b"]], ["a", "b"])
