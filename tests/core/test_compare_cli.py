"""`advisor compare`: every format, every refusal, and hostile names in every output."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from openpyxl import load_workbook

from advisor import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
NORTHWIND = str(EXAMPLES / "northwind-hire-now.yaml")
ACORN = str(EXAMPLES / "acorn-not-yet.yaml")
BRIGHTPATH = str(EXAMPLES / "brightpath-prepare.yaml")
FERRO = str(EXAMPLES / "ferro-fix-delivery.yaml")


def run(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    out = io.StringIO()
    code = cli.main(["compare", *args], stdout=out)
    return code, out.getvalue(), capsys.readouterr().err


def strict_json(text: str) -> Any:
    return json.loads(text, parse_constant=lambda name: (_ for _ in ()).throw(ValueError(name)))


def test_text_report_names_what_makes_the_difference(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(NORTHWIND, ACORN, capsys=capsys)
    assert code == 0, err
    assert out.startswith(
        "Comparison of 2 scenarios: northwind-hire-now (baseline), acorn-not-yet\n"
    )
    assert "The verdicts differ because acorn-not-yet’s book holds 8 accounts." in out
    # A differing row ends "yes" in the Differs column; the same value in both leaves it blank.
    assert re.search(r"\n  Verdict +Hire an Account Manager now +Not yet +yes\n", out)
    assert re.search(r"\n  Active client accounts +22 accounts +8 accounts +yes\n", out)
    assert re.search(r"\n  Delivery maturity +standardised +standardised\n", out)
    assert "Differences in the inputs:" in out
    assert (
        "Active client accounts: northwind-hire-now: 22 accounts · acorn-not-yet: 8 accounts" in out
    )
    assert "Alone, this value changes the verdict to 'Not yet'." in out


def test_json_holds_scenarios_and_differences(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(NORTHWIND, ACORN, BRIGHTPATH, FERRO, "--format", "json", capsys=capsys)
    assert code == 0, err
    data = strict_json(out)
    names = ["northwind-hire-now", "acorn-not-yet", "brightpath-prepare", "ferro-fix-delivery"]
    assert [s["name"] for s in data["scenarios"]] == names
    assert [s["verdict"] for s in data["scenarios"]] == [
        "hire_now",
        "not_yet",
        "prepare",
        "fix_delivery_first",
    ]
    for scenario in data["scenarios"]:
        assert {"score", "recommended_am_count", "economics", "flip_points", "role"} <= set(
            scenario
        )
        assert scenario["recommended_am_count"] == scenario["economics"]["recommended_am_count"]
        assert scenario["role"]["am_count"] == scenario["recommended_am_count"]
    accounts = next(d for d in data["differences"] if d["field"] == "active_accounts")
    assert accounts["values"] == dict(zip(names, [22, 8, 13, 28], strict=True))
    assert accounts["changes_verdict_alone"] is True
    assert all({"field", "values", "changes_verdict_alone"} <= set(d) for d in data["differences"])
    assert len(data["summary"]) == 3
    assert data["same_pack"] is True


def test_markdown_to_a_file_and_names_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "compare.md"
    code, out, err = run(
        NORTHWIND, BRIGHTPATH, "--format", "md", "--name", "today", "--name", "Q3 plan",
        "--out", str(target), capsys=capsys,
    )  # fmt: skip
    assert code == 0, err
    assert out == ""
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Comparison of 2 scenarios: today (baseline), Q3 plan\n")
    assert "|   | today | Q3 plan | Differs |" in text
    assert "| Verdict | Hire an Account Manager now | Prepare to hire | yes |" in text


def test_xlsx_sheet_has_the_verdict_row_highlighted_differences_and_widths(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet_path = tmp_path / "compare.xlsx"
    code, out, err = run(NORTHWIND, ACORN, "--xlsx", str(sheet_path), capsys=capsys)
    assert code == 0, err
    assert out.startswith("Comparison of 2 scenarios")  # the report still goes to stdout
    book = load_workbook(sheet_path)
    assert book.sheetnames == ["Comparison", "Differences"]
    sheet = book["Comparison"]
    rows = {row[1].value: row for row in sheet.iter_rows() if row[1].value}
    header = [cell.value for cell in rows["Item"]]
    assert header == ["Section", "Item", "northwind-hire-now", "acorn-not-yet", "Differs"]
    verdict = rows["Verdict"]
    assert [c.value for c in verdict[2:4]] == ["Hire an Account Manager now", "Not yet"]
    assert verdict[2].font.bold
    differing = rows["Active client accounts"]
    same = rows["Segment" if "Segment" in rows else "Client segment"]
    assert differing[2].fill.fgColor.rgb.endswith("FFF2CC")
    assert same[2].fill.fill_type is None
    assert sheet.freeze_panes is not None
    widths = [sheet.column_dimensions[letter].width for letter in "ABCDE"]
    assert all(12 <= width <= 62 for width in widths)
    differences = book["Differences"]
    fields = [row[1].value for row in differences.iter_rows(min_row=2)]
    assert "active_accounts" in fields and "segment" not in fields


def test_one_pack_per_scenario(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    strict = tmp_path / "strict"
    shutil.copytree(ROOT / "rules", strict)
    first = strict / "00-pack.yaml"
    text = first.read_text(encoding="utf-8").replace("hire_now_at: 55", "hire_now_at: 99")
    first.write_text(text.replace('version: "2026.11"', 'version: "strict-1"'), encoding="utf-8")
    code, out, err = run(
        NORTHWIND, NORTHWIND, "--name", "shipped", "--name", "strict",
        "--rules", str(ROOT / "rules"), "--rules", str(strict), "--format", "json",
        capsys=capsys,
    )  # fmt: skip
    assert code == 0, err
    data = strict_json(out)
    assert data["same_pack"] is False
    assert [d["field"] for d in data["differences"]] == ["rule_pack"]
    assert data["differences"][0]["changes_verdict_alone"] is True
    assert data["summary"] == [
        "The verdicts differ because strict’s rule pack is AM Advisor default rules strict-1."
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([NORTHWIND], "PROFILE: compare takes 2 to 4 profiles, got 1"),
        ([NORTHWIND, ACORN, BRIGHTPATH, FERRO, NORTHWIND], "compare takes 2 to 4 profiles, got 5"),
        ([NORTHWIND, NORTHWIND], "would both be named 'northwind-hire-now'; name each scenario"),
        ([NORTHWIND, ACORN, "--name", "A"], "--name: 1 --name for 2 profiles"),
        ([NORTHWIND, ACORN, "--name", "A", "--name", "a"], "'a' is already the name of scenario 1"),
        ([NORTHWIND, ACORN, "--name", "A", "--name", " "], "scenario 2 › name: has no name"),
        (
            [NORTHWIND, ACORN, BRIGHTPATH, "--rules", "rules", "--rules", "rules"],
            "--rules: 2 --rules for 3 profiles",
        ),
        ([NORTHWIND, "missing.yaml"], "missing.yaml"),
        ([NORTHWIND, ACORN, "--rules", "no-such-pack"], "no-such-pack"),
    ],
)
def test_refusals_exit_2_with_the_reason(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(*args, capsys=capsys)
    assert code == 2
    assert out == ""
    assert message in err
    assert "Traceback" not in err


def test_every_bad_profile_is_named_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = Path(NORTHWIND).read_text(encoding="utf-8")
    first, second = tmp_path / "one.yaml", tmp_path / "two.yaml"
    first.write_text(text.replace("logo_churn_rate: 14%", "logo_churn_rate: 14"), encoding="utf-8")
    second.write_text(text.replace("segment: mid_market", "segment: midmarket"), encoding="utf-8")
    code, _, err = run(str(first), str(second), capsys=capsys)
    assert code == 2
    assert f"{first}:8: logo_churn_rate:" in err
    assert f"{second}:3: segment:" in err


def test_xlsx_and_out_on_one_file_are_refused_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    same = tmp_path / "both"
    code, _, err = run(NORTHWIND, ACORN, "--xlsx", str(same), "--out", str(same), capsys=capsys)
    assert code == 2
    assert "--xlsx and --out both name" in err
    assert not same.exists()


def test_an_unwritable_xlsx_leaves_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no-such-folder" / "out.xlsx"
    code, out, err = run(NORTHWIND, ACORN, "--xlsx", str(target), capsys=capsys)
    assert code == 2
    assert "cannot write" in err
    assert out == ""  # the report is not printed when the workbook could not be written
    assert list(tmp_path.iterdir()) == []


def test_compare_runs_as_a_process() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "advisor", "compare", NORTHWIND, ACORN, "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert strict_json(result.stdout)["scenarios"][1]["verdict"] == "not_yet"
    bad = subprocess.run(
        [sys.executable, "-m", "advisor", "compare", NORTHWIND],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        timeout=120,
    )
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


# ---------------------------------------------------------------------------------------------
# Hostile names

HOSTILE_NAMES = ['=HYPERLINK("http://evil.example","x")', "**Boss** | [x](http://e.example)"]
HOSTILE_COMPANY = "@SUM(1+1) <img src=x onerror=alert(1)>"


@pytest.fixture
def hostile_profiles(tmp_path: Path) -> list[str]:
    text = Path(NORTHWIND).read_text(encoding="utf-8")
    first = tmp_path / "first.yaml"
    first.write_text(
        text.replace("company: Northwind Analytics", f"company: '{HOSTILE_COMPANY}'"),
        encoding="utf-8",
    )
    second = tmp_path / "second.yaml"
    second.write_text(
        text.replace("company: Northwind Analytics", "company: '-2+3'").replace(
            "delivery_maturity: standardised", "delivery_maturity: ad_hoc"
        ),
        encoding="utf-8",
    )
    return [str(first), str(second), "--name", HOSTILE_NAMES[0], "--name", HOSTILE_NAMES[1]]


def _inline_tokens(markdown: str) -> list[Any]:
    tokens = []
    for block in MarkdownIt("commonmark").enable("table").parse(markdown):
        tokens.append(block)
        tokens.extend(block.children or [])
    return tokens


def test_hostile_names_stay_literal_in_markdown(
    hostile_profiles: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(*hostile_profiles, "--format", "md", capsys=capsys)
    assert code == 0, err
    tokens = _inline_tokens(out)
    kinds = {token.type for token in tokens}
    assert not kinds & {"link_open", "image", "html_inline", "html_block"}
    text = "".join(token.content for token in tokens if token.type == "text")
    for name in HOSTILE_NAMES:
        assert name in text
    assert HOSTILE_COMPANY in text
    # The table keeps its columns: a `|` in a name does not open a new one.
    header = next(line for line in out.splitlines() if line.startswith("|   | "))
    assert header.count(" | ") == 3


def test_hostile_names_are_formula_safe_in_the_sheet(
    hostile_profiles: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "hostile.xlsx"
    code, _, err = run(*hostile_profiles, "--xlsx", str(target), capsys=capsys)
    assert code == 0, err
    book = load_workbook(target)
    values = []
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"
                if isinstance(cell.value, str):
                    values.append(cell.value)
    assert f"'{HOSTILE_NAMES[0]}" in values
    assert f"'{HOSTILE_COMPANY}" in values
    assert "'-2+3" in values
    assert not any(value.startswith(("=", "@")) for value in values)


def test_hostile_names_in_text_and_json(
    hostile_profiles: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(*hostile_profiles, capsys=capsys)
    assert code == 0, err
    assert HOSTILE_NAMES[0] in out and "\x1b" not in out
    code, out, err = run(*hostile_profiles, "--format", "json", capsys=capsys)
    assert code == 0, err
    data = strict_json(out)
    assert [s["name"] for s in data["scenarios"]] == HOSTILE_NAMES
    assert data["scenarios"][0]["company"] == HOSTILE_COMPANY


def test_control_characters_in_a_name_never_reach_the_terminal(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(NORTHWIND, ACORN, "--name", "a\x1b[2Jb", "--name", "c\rd", capsys=capsys)
    assert code == 0, err
    assert "\x1b" not in out and "\r" not in out


def test_every_scenario_counts_its_dates_from_one_as_of(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        NORTHWIND, ACORN, "--format", "json", "--as-of", "2025-03-14", capsys=capsys
    )
    assert code == 0, err
    data = strict_json(out)
    assert data["as_of"] == "2025-03-14"
    plans = [row for row in data["rows"] if row["key"] == "plan"]
    assert len(plans) == 1
    for scenario in data["scenarios"]:
        assert plans[0]["values"][scenario["name"]] == scenario["shown"]["plan"]
    with pytest.raises(SystemExit) as refused:
        run(NORTHWIND, ACORN, "--as-of", "14 March", capsys=capsys)
    assert refused.value.code == 2
    assert "--as-of: '14 March' is not a date like 2026-11-22" in capsys.readouterr().err
