"""`advisor diagnose`: the handler in-process, and the command run as a user runs it."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from advisor import cli
from advisor.portfolio import SAMPLE_EXPORT

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE = str(SAMPLE_EXPORT)


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = cli.main(["diagnose", *args], out)
    return code, out.getvalue()


def test_text_report_on_the_sample() -> None:
    code, out = run(SAMPLE, "--as-of", "2025-06-30")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == (
        "Portfolio diagnostics: accounts.csv · UTF-8 with BOM, semicolon · HubSpot companies export "
        "(one row per account) · decimal comma (detected)"
    )
    assert "  NRR 99% next to logo retention 81.1%: 107 of 132 accounts active on 2024-06-30 " in (
        out
    )
    assert "51 renewals worth €2.4M fall in the next 120 days; nobody owns 3 of them." in out
    # €5,389,700 of ending ARR over 125 active accounts is €43,118 a contract: the band from
    # €23,000 to under €46,000, whose healthy NRR is SaaS Capital's 103% median.
    assert f"€{5_389_700 / 125:,.0f}, 125 accounts" in out
    # The retention table's columns: metric, value, status, target.
    assert re.search(r"\n  Net revenue retention +99%  watch +healthy at 103% or more", out)
    assert re.search(r"\n  = Ending ARR +€5,389,700\n", out)
    assert "Excluded rows: 6" in out
    assert (
        "  row 128 (Tidal Media): row has 12 fields, the header has 11 (an unquoted semicolon "
        "inside a value?)"
    ) in out


def test_json_is_strict_and_complete() -> None:
    code, out = run(SAMPLE, "--as-of", "2025-06-30", "--format", "json")
    assert code == 0
    data = json.loads(out, parse_constant=lambda name: pytest.fail(f"non-strict JSON: {name}"))
    assert data["as_of"] == "2025-06-30"
    assert data["accounts"] == {
        "cohort": 132,
        "retained": 107,
        "churned": 25,
        "new": 18,
        "reactivated": 0,
        "active_at_end": 125,
    }
    names = [m["name"] for m in data["metrics"]]
    assert names[:2] == ["nrr", "logo_retention"]  # NRR is always read next to logo retention
    renewal = next(m for m in data["metrics"] if m["name"] == "renewal_rate")
    assert renewal["value"] is None and renewal["reason"]
    assert len(data["excluded"]) == 7  # every excluded row is listed, one entry per reason
    assert {w["days"] for w in data["renewals"]["windows"]} == {30, 60, 90, 120}


def test_markdown_report() -> None:
    code, out = run(SAMPLE, "--as-of", "2025-06-30", "--format", "md")
    assert code == 0
    assert out.startswith("# Portfolio diagnostics: accounts.csv · UTF-8 with BOM, semicolon")
    assert "| Net revenue retention | 99% | watch |" in out
    assert "- row 128 (Tidal Media): row has 12 fields, the header has 11" in out


def test_map_overrides_and_segment() -> None:
    code, out = run(
        str(FIXTURES / "duplicate_headers.csv"),
        "--as-of",
        "2025-06-30",
        "--map",
        "ARR=arr_start",
        "--map",
        "ARR (2)=arr_end",
        "--segment",
        "enterprise",
        "--format",
        "json",
    )
    assert code == 0
    data = json.loads(out)
    assert data["mapping"]["arr_end"] == "ARR (2)"
    # The ending ARR per account falls under $12k: that band's book size, not the segment's.
    assert data["book_size"] == {
        "segment": "enterprise",
        "band": "under_12k",
        "low": 40,
        "high": 75,
    }


def test_decimal_and_date_format_options() -> None:
    code, out = run(
        str(FIXTURES / "ambiguous_amounts.csv"), "--as-of", "2025-06-30", "--decimal", ","
    )
    assert code == 0
    assert "Excluded rows" not in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--map", "Compnay=account"],
            (
                "advisor diagnose: accounts.csv: --map: no column named 'Compnay' (did you mean "
                "'Company name'?)"
            ),
        ),
        (
            ["--map", "Company name=acount"],
            (
                "advisor diagnose: accounts.csv, column 'Company name': --map: unknown field "
                "'acount' (did you mean 'account'?)"
            ),
        ),
    ],
)
def test_bad_mapping_exits_2_naming_the_column(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(SAMPLE, "--as-of", "2025-06-30", *args)
    assert code == 2
    assert out == ""
    assert capsys.readouterr().err.startswith(message)


def test_strict_exits_2_listing_each_excluded_row(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(str(FIXTURES / "negative_arr.csv"), "--as-of", "2025-06-30", "--strict")
    assert code == 2
    assert out == ""
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "advisor diagnose: negative_arr.csv: 3 rows excluded (--strict)"
    assert err[1] == (
        "  row 2 (Oak Ltd), column 'ARR end': negative ARR at period end: -1.200,00; an "
        "account's ARR is 0 or more"
    )


def test_unmapped_figures_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run(SAMPLE, "--as-of", "2025-06-30", "--map", "Current ARR (EUR)=ignore")
    assert code == 2
    assert "map ARR at period start and ARR at period end" in capsys.readouterr().err


def test_no_countable_account_exits_2_listing_the_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "bad.csv"
    export.write_text("Account,ARR start,ARR end\nOak,x,1\n,5,5\n", encoding="utf-8")
    code, out = run(str(export), "--as-of", "2025-06-30")
    assert (code, out) == (2, "")
    assert capsys.readouterr().err.splitlines() == [
        (
            "advisor diagnose: bad.csv: no account could be counted: 1 row: column 'ARR start': "
            "'x' is not an amount; 1 row: column 'Account': account name is empty"
        ),
        "  row 2 (Oak), column 'ARR start': 'x' is not an amount",
        "  row 3, column 'Account': account name is empty",
    ]


def test_missing_file_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run("nowhere.csv", "--as-of", "2025-06-30")
    assert code == 2
    assert capsys.readouterr().err == (
        "advisor diagnose: nowhere.csv: cannot read the file: No such file or directory\n"
    )


def _subprocess(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "30/06/2025"], "'30/06/2025' is not a date in the format YYYY-MM-DD"),
        (
            ["--as-of", "2025-06-30", "--format", "pdf"],
            "argument --format: invalid choice: 'pdf'",
        ),
    ],
)
def test_bad_arguments_exit_2_without_traceback(args: list[str], message: str) -> None:
    result = _subprocess("-m", "advisor", "diagnose", SAMPLE, *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_unreadable_file_exits_2_without_traceback() -> None:
    result = _subprocess(
        "-m",
        "advisor",
        "diagnose",
        str(FIXTURES / "undecodable.csv"),
        "--as-of",
        "2025-06-30",
    )
    assert result.returncode == 2
    assert result.stderr == (
        "advisor diagnose: undecodable.csv: the file is neither UTF-8, UTF-16 nor "
        "Windows-1252 text: byte 0x81 at position 36 cannot be read; save it as UTF-8 CSV\n"
    )
    assert result.stdout == ""


def test_advisor_diagnose_subcommand() -> None:
    result = _subprocess("-m", "advisor", "diagnose", SAMPLE, "--as-of", "2025-06-30")
    assert result.returncode == 0, result.stderr
    assert "NRR 99% next to logo retention 81.1%" in result.stdout
    bad = _subprocess(
        "-m", "advisor", "diagnose", SAMPLE, "--as-of", "2025-06-30", "--map", "Nope=account"
    )
    assert bad.returncode == 2
    assert "no column named 'Nope'" in bad.stderr
    assert "Traceback" not in bad.stderr


HOSTILE_ACCOUNT = "[Click me](http://evil.example) <img src=x onerror=alert(1)>"
HOSTILE_OWNER = "**Boss**"


def _inline_tokens(markdown: str) -> list[Any]:
    parser = MarkdownIt("commonmark").enable("table")
    tokens = []
    for block in parser.parse(markdown):
        tokens.append(block)
        tokens.extend(block.children or [])
    return tokens


def test_diagnose_markdown_does_not_render_a_hostile_account_as_a_link_or_image(
    tmp_path: Path,
) -> None:
    export = tmp_path / "hostile.csv"
    export.write_text(
        "Company name,Company owner,Customer since,ARR 12 months ago (EUR),Current ARR (EUR),"
        "Renewal date\n"
        f"{HOSTILE_ACCOUNT},,2023-01-10,1000,1200,2025-07-15\n"
        f"Oak Ltd,{HOSTILE_OWNER},2023-02-10,5000,5500,2025-08-01\n"
        f"![pic](http://evil.example/x.png),{HOSTILE_OWNER},2023-03-10,x,900,2025-09-01\n",
        encoding="utf-8",
    )
    code, out = run(str(export), "--as-of", "2025-06-30", "--format", "md")
    assert code == 0
    kinds = {token.type for token in _inline_tokens(out)}
    assert not kinds & {"link_open", "image", "html_inline", "html_block", "strong_open"}
    text = "".join(token.content for token in _inline_tokens(out) if token.type == "text")
    assert HOSTILE_ACCOUNT in text  # shown literally, in full
    assert HOSTILE_OWNER in text
    assert "![pic](http://evil.example/x.png)" in text


def test_when_no_account_counts_the_message_says_why_and_names_date_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "deals.csv"
    export.write_text(
        "Account,Amount,Stage,Close Date\nOak,100,Closed Won,2024/03/07\nPine,200,Closed Won,"
        "2024/03/08\n",
        encoding="utf-8",
    )
    code, _ = run(str(export), "--as-of", "2025-06-30")
    assert code == 2
    first = capsys.readouterr().err.splitlines()[0]
    assert first == (
        "advisor diagnose: deals.csv: no account could be counted: 2 rows: column 'Close Date': "
        "'2024/03/07' is not a date in the format YYYY-MM-DD — the dates are the cause: declare "
        "their format with --date-format (e.g. %d/%m/%Y or %m/%d/%Y)"
    )


def test_preset_currency_and_rate_options(capsys: pytest.CaptureFixture[str]) -> None:
    export = str(Path(__file__).resolve().parent / "fixtures" / "layouts" / "zoho_deals.csv")
    code, out = run(
        export,
        "--as-of",
        "2025-06-30",
        "--preset",
        "zoho-deals",
        "--currency",
        "chf",
        "--format",
        "json",
    )
    assert code == 0
    data = json.loads(out)
    assert (data["layout"], data["currency"]) == ("zoho-deals", "CHF")
    assert data["currency_source"] == "the case's currency (the file names none)"
    assert (
        "column 'Record Id' is not used: the deal's ID, not the account's"
        in (data["column_warnings"])
    )
    code, _ = run(export, "--as-of", "2025-06-30", "--rate", "USD")
    assert code == 2
    assert "--rate 'USD' is not of the form CODE=RATE" in capsys.readouterr().err
