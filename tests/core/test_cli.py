"""The command line, run as a user would: a subprocess, exit codes, stdout and stderr."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from advisor import cli
from advisor.cli import options
from advisor.cli import rules as rules_command
from advisor.pack import RulePack, load_pack

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "northwind-hire-now.yaml"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "advisor", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        timeout=60,
    )


def test_assess_text_report() -> None:
    result = run("assess", str(SAMPLE))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Northwind Analytics — [HIRE NOW] Hire an Account Manager now")
    assert "Why (rules that fired):" in out
    assert "Source: “What is an account manager (B2B guide)” (SalesDose" in out
    assert "What would change the verdict:" in out
    assert "If active client accounts fell to" in out
    assert "Total ARR: €792,000" in out
    assert "Timing (as of " in out
    assert "Open the search today" in out


def test_assess_json_is_strict_and_complete() -> None:
    result = run("assess", str(SAMPLE), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(
        result.stdout, parse_constant=lambda name: (_ for _ in ()).throw(ValueError(name))
    )
    assert data["verdict"] == "hire_now"
    assert {
        "score",
        "headline",
        "trace",
        "flip_points",
        "recommended_am_count",
        "economics",
        "pack",
    } <= set(data)


def test_assess_markdown_escapes_user_text(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(
        SAMPLE.read_text().replace(
            "company: Northwind Analytics",
            'company: "[click](http://evil.example) <script>x</script>"',
        )
    )
    result = run("assess", str(hostile), "--format", "md")
    assert result.returncode == 0, result.stderr
    assert "<script>" not in result.stdout
    assert "](http://" not in result.stdout
    assert r"\[click\]" in result.stdout


def test_invalid_profile_exits_2_with_field_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "acme.yaml"
    bad.write_text(SAMPLE.read_text().replace("logo_churn_rate: 14%", "logo_churn_rate: 14"))
    result = run("assess", str(bad))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip() == (
        f'{bad}:8: logo_churn_rate: 14 is not a rate between 0 and 1; did you mean "14%"?'
    )
    assert "Traceback" not in result.stderr


def test_missing_file_exits_2() -> None:
    result = run("assess", "no-such-profile.yaml")
    assert result.returncode == 2
    assert "no-such-profile.yaml: file: cannot read: No such file or directory" in result.stderr


def test_batch_keeps_going_past_bad_rows(tmp_path: Path) -> None:
    fields = [
        "company",
        "segment",
        "active_accounts",
        "avg_contract_value",
        "gross_margin",
        "logo_churn_rate",
        "churn_trend",
        "churn_cause_known",
        "delivery_maturity",
        "knowledge_holder",
        "renewal_owner",
        "renewal_lead_days",
        "unworked_upsell",
        "clients_escalate_to_leadership",
        "onboarding_consistent",
    ]
    good = [
        "Good Co",
        "mid_market",
        "22",
        "36000",
        "62%",
        "14%",
        "rising",
        "false",
        "standardised",
        "founder",
        "sales",
        "30",
        "true",
        "true",
        "false",
    ]
    bad = [
        '=HYPERLINK("x")',
        "mid_market",
        "22",
        "36000",
        "62",
        "14%",
        "rising",
        "false",
        "standardised",
        "founder",
        "salse",
        "30",
        "true",
        "true",
        "false",
    ]
    source = tmp_path / "profiles.csv"
    with source.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerows([fields, good, bad, good])
    out = tmp_path / "results.csv"
    result = run("assess-batch", str(source), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "3 rows assessed, 1 with errors" in result.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert [row["verdict"] for row in rows] == ["hire_now", "", "hire_now"]
    assert rows[1]["error"] == (
        'row 3: gross_margin: 62 is not a rate between 0 and 1; did you mean "62%"?; '
        "renewal_owner: 'salse' is not one of founder, sales, account_executive, "
        "account_manager, customer_success, nobody (did you mean 'sales'?)"
    )
    assert rows[1]["company"] == '\'=HYPERLINK("x")'


def test_batch_figures_agree_with_the_assessment_of_the_same_profile(tmp_path: Path) -> None:
    profile = yaml.safe_load(SAMPLE.read_text())
    source = tmp_path / "profiles.csv"
    with source.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(profile))
        writer.writeheader()
        writer.writerow(profile)
    out = tmp_path / "results.csv"
    assert run("assess-batch", str(source), "--out", str(out)).returncode == 0
    (row,) = csv.DictReader(io.StringIO(out.read_text()))
    single = json.loads(run("assess", str(SAMPLE), "--format", "json").stdout)
    econ = single["economics"]
    assert row["readiness"] == single["readiness"]
    assert float(row["team_cost"]) == pytest.approx(econ["team_cost"], abs=0.005)
    payback = econ["payback_months"]
    assert row["payback_months"] == ("" if payback is None else f"{payback:.1f}")
    assert int(row["recommended_am_count"]) == single["recommended_am_count"]
    assert int(row["score"]) == round(single["score"])


def test_batch_with_unknown_column_exits_2(tmp_path: Path) -> None:
    source = tmp_path / "profiles.csv"
    source.write_text("company,anual_churn\nA,0.1\n")
    result = run("assess-batch", str(source))
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"{source}: header column 2: unknown field 'anual_churn' (did you mean "
        "'logo_churn_rate'?); columns must be profile field names"
    )


def test_rules_check_ok_and_broken(tmp_path: Path) -> None:
    ok = run("rules", "check", "rules")
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith("OK: AM Advisor default rules")
    broken = tmp_path / "pack"
    broken.mkdir()
    for path in (ROOT / "rules").glob("*.yaml"):
        text = path.read_text()
        if path.name == "30-readiness.yaml":
            text = text.replace("op: gte, value: $trigger_zone.low", "op: gte, value: $trigger.low")
            text = text.replace("field: unworked_upsell", "field: unworked_upsel")
        (broken / path.name).write_text(text)
    result = run("rules", "check", str(broken))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert any(
        "30-readiness.yaml:" in line
        and "PORT-ZONE › when.all[0].value: unknown threshold '$trigger' (did you mean 'trigger_zone'?)"
        in line
        for line in lines
    ), lines
    assert any(
        "UPSELL-UNWORKED › when.field: unknown field 'unworked_upsel' (did you mean "
        "'unworked_upsell'?)" in line
        for line in lines
    ), lines
    assert lines[-1] == f"2 problem(s) in {broken}"


def test_custom_rule_pack_changes_the_verdict(tmp_path: Path) -> None:
    custom = tmp_path / "pack"
    custom.mkdir()
    for path in (ROOT / "rules").glob("*.yaml"):
        text = path.read_text().replace(
            "mid_market: {low: 15, high: 25}", "mid_market: {low: 30, high: 40}"
        )
        (custom / path.name).write_text(text)
    result = run("assess", str(SAMPLE), "--rules", str(custom), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["verdict"] == "prepare"


def test_rules_show_lists_rules_with_sources() -> None:
    result = run("rules", "show")
    assert result.returncode == 0, result.stderr
    assert "trigger_zone" in result.stdout and "PORT-ZONE" in result.stdout
    assert "“What is an account manager (B2B guide)” (SalesDose" in result.stdout


def test_save_and_history(tmp_path: Path) -> None:
    db = tmp_path / "advisor.db"
    saved = run("assess", str(SAMPLE), "--save", "--scenario", "workshop 1", "--db", str(db))
    assert saved.returncode == 0, saved.stderr
    assert (
        "saved as case 'workshop 1' (revision 1, history #1) of new client "
        f"'Northwind Analytics' in {db}"
    ) in saved.stderr
    listing = run("history", "--db", str(db))
    assert listing.returncode == 0, listing.stderr
    assert "Northwind Analytics" in listing.stdout and "workshop 1" in listing.stdout
    one = run("history", "1", "--db", str(db))
    assert json.loads(one.stdout)["verdict"] == "hire_now"
    missing = run("history", "7", "--db", str(db))
    assert missing.returncode == 2
    assert missing.stderr.strip() == "id: no saved assessment with id 7 in this workspace"


def run_in_process(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = cli.main(list(args), out)
    return code, out.getvalue()


def test_assess_out_replaces_the_file_whole_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("an older report\n", encoding="utf-8")
    code, printed = run_in_process("assess", str(SAMPLE), "--format", "md", "--out", str(target))
    assert (code, printed) == (0, "")
    assert target.read_text(encoding="utf-8").startswith("# Northwind Analytics — ")
    assert [path.name for path in tmp_path.iterdir()] == [target.name]


def test_an_out_file_is_not_left_private_by_the_atomic_write(tmp_path: Path) -> None:
    # The temporary file behind an atomic write is created 0600; the file the user asked for
    # gets the mode a plain write would give it, and a replaced file keeps its own.
    umask = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.md"
        assert run_in_process("assess", str(SAMPLE), "--format", "md", "--out", str(fresh))[0] == 0
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        shared = tmp_path / "shared.md"
        shared.write_text("old\n", encoding="utf-8")
        shared.chmod(0o664)
        assert run_in_process("assess", str(SAMPLE), "--format", "md", "--out", str(shared))[0] == 0
        assert stat.S_IMODE(shared.stat().st_mode) == 0o664
    finally:
        os.umask(umask)


def test_a_failed_write_keeps_the_old_file_and_removes_the_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.txt"
    target.write_text("an older report\n", encoding="utf-8")

    def refuse(_source: object, _target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(options.os, "replace", refuse)
    code, _ = run_in_process("assess", str(SAMPLE), "--out", str(target))
    assert code == 2
    assert capsys.readouterr().err == f"{target}: cannot write: No space left on device\n"
    assert target.read_text(encoding="utf-8") == "an older report\n"
    assert [path.name for path in tmp_path.iterdir()] == [target.name]


def test_out_into_a_missing_folder_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    target = "/nonexistent/folder/report.txt"
    assert run_in_process("assess", str(SAMPLE), "--out", target)[0] == 2
    assert capsys.readouterr().err == f"{target}: cannot write: No such file or directory\n"


def test_rules_check_loads_the_pack_once(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded: list[str] = []

    def counting_load(path: str) -> RulePack:
        loaded.append(path)
        return load_pack(path)

    monkeypatch.setattr(rules_command, "load_pack", counting_load)
    code, printed = run_in_process("rules", "check", str(ROOT / "rules"))
    assert code == 0 and printed.startswith("OK: AM Advisor default rules")
    assert loaded == [str(ROOT / "rules")]


def test_an_unopenable_database_exits_2_with_its_message(tmp_path: Path) -> None:
    result = run("history", "--db", str(tmp_path))  # a folder is no SQLite file
    assert result.returncode == 2
    assert result.stderr.startswith(f"{tmp_path}: cannot open the database: ")
    assert "Traceback" not in result.stderr


def test_an_unreadable_input_file_exits_2_without_traceback(tmp_path: Path) -> None:
    result = run("assess-batch", str(tmp_path))  # a folder cannot be read as a CSV
    assert result.returncode == 2
    assert result.stderr == f"{tmp_path}: cannot read: Is a directory\n"
