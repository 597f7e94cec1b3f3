"""`advisor workshop compare` and `advisor brief --workshop`: formats, exit codes, messages."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from workshop_support import ROOT

from advisor import cli

BASE = ROOT / "examples" / "northwind-hire-now.yaml"
ANSWERS = sorted((ROOT / "examples" / "workshop").glob("*.yaml"))


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = cli.main(list(args), out)
    return code, out.getvalue()


def compare(*extra: str) -> tuple[int, str]:
    return run("workshop", "compare", "--base", str(BASE), *map(str, ANSWERS), *extra)


def test_text_report_shows_verdicts_grid_decisive_and_consensus() -> None:
    code, text = compare()
    assert code == 0
    assert "Tomás Ruiz (delivery): Fix delivery first" in text
    assert "1. Delivery maturity — disagree, DECISIVE" in text
    assert "“Emerging” (Tomás Ruiz) for delivery maturity gives Fix delivery first" in text
    assert "Consensus verdict: Hire an Account Manager now" in text
    assert "don't know" in text


def test_json_holds_the_documented_keys() -> None:
    code, text = compare("--format", "json")
    assert code == 0
    data = json.loads(text)
    assert data["schema"] == "am-advisor/workshop"
    for person in data["respondents"]:
        assert {"name", "role", "verdict", "score"} <= set(person)
    assert [p["role"] for p in data["respondents"]] == ["founder", "account_executive", "delivery"]
    for question in data["questions"]:
        assert {"field", "answers", "agree", "decisive"} <= set(question)
        assert set(question["answers"]) == {"Marta Jansen", "Priya Nair", "Tomás Ruiz"}
    delivery = data["questions"][0]
    assert delivery["field"] == "delivery_maturity" and delivery["decisive"] is True
    assert delivery["answers"]["Tomás Ruiz"] == "emerging"
    assert data["questions"][3]["answers"]["Tomás Ruiz"] is None  # don't know
    assert data["consensus"]["verdict"] == "hire_now"
    assert data["consensus"]["profile"]["delivery_maturity"] == "standardised"
    assert data["consensus"]["profile"]["active_accounts"] == 22


def test_markdown_lists_each_question_with_every_answer_under_it() -> None:
    code, text = compare("--format", "md")
    assert code == 0
    assert (
        "1. Delivery maturity — disagree, DECISIVE\n"
        '   - Marta Jansen: standardised "We wrote the delivery playbook last spring and every '
        'project follows it."\n'
        "   - Priya Nair: standardised\n"
    ) in text
    assert "   - Tomás Ruiz: emerging" in text
    assert "## Decisive disagreements" in text


def test_a_consensus_override_changes_the_consensus_verdict() -> None:
    code, text = compare("--consensus", "delivery_maturity=emerging", "--format", "json")
    assert code == 0
    data = json.loads(text)
    assert data["consensus"]["verdict"] == "fix_delivery_first"
    assert data["consensus"]["sources"]["delivery_maturity"] == "override"


def test_out_writes_the_file(tmp_path: Path) -> None:
    target = tmp_path / "workshop.md"
    code, text = compare("--format", "md", "--out", str(target))
    assert code == 0 and text == ""
    assert target.read_text(encoding="utf-8").startswith("# Workshop: Northwind Analytics")


def _bad(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_bad_answers_file_exits_2_naming_file_line_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = _bad(tmp_path, "respondent: Zed\nchurn_trnd: rising\n")
    code, text = run("workshop", "compare", "--base", str(BASE), str(ANSWERS[0]), str(bad))
    assert code == 2 and text == ""
    err = capsys.readouterr().err
    assert f"{bad}:2: churn_trnd: unknown field (did you mean 'churn_trend'?)" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["--consensus", "delivery_maturity"],
            "--consensus delivery_maturity: expected FIELD=VALUE",
        ),
        (["--consensus", "nps=40"], "--consensus: nps: not a judgement question"),
        (["--consensus", "churn_trend=up"], "--consensus: churn_trend: 'up' is not one of"),
    ],
)
def test_bad_consensus_options_exit_2(
    args: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = compare(*args)
    assert code == 2
    assert expected in capsys.readouterr().err


def test_a_bad_base_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = _bad(tmp_path, "company: X\n")
    code, _ = run("workshop", "compare", "--base", str(base), str(ANSWERS[0]))
    assert code == 2
    assert "segment: required field is missing" in capsys.readouterr().err


def test_a_missing_answers_file_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run("workshop", "compare", "--base", str(BASE), "no-such-answers.yaml")
    assert code == 2
    assert "no-such-answers.yaml" in capsys.readouterr().err


def test_the_command_runs_as_a_process_and_loads_no_brief_renderer() -> None:
    script = (
        "import sys, io; from advisor import cli; "
        f"code = cli.main(['workshop', 'compare', '--base', {str(BASE)!r}, "
        f"{str(ANSWERS[0])!r}], io.StringIO()); "
        "assert code == 0, code; "
        "assert not any(m in sys.modules for m in ('docx', 'reportlab', 'pandas')), 'heavy'"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr


def test_brief_with_a_workshop_is_built_on_the_consensus(tmp_path: Path) -> None:
    target = tmp_path / "brief.json"
    code, _ = run(
        "brief",
        str(BASE),
        "--workshop",
        *map(str, ANSWERS),
        "--consensus",
        "delivery_maturity=emerging",
        "--out",
        str(target),
        "--date",
        "2026-11-22",
    )
    assert code == 0
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["verdict"] == "fix_delivery_first"
    assert data["workshop"]["consensus"]["verdict"] == "fix_delivery_first"
    last = data["document"]["sections"][-1]
    assert last["key"] == "workshop" and last["title"] == "Where the team disagreed"


def test_brief_consensus_without_workshop_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run("brief", str(BASE), "--consensus", "delivery_maturity=emerging")
    assert code == 2
    assert "--consensus: give the workshop's answers with --workshop" in capsys.readouterr().err


def test_brief_with_a_bad_answers_file_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = _bad(tmp_path, "respondent: Zed\nrole: boss\n")
    target = tmp_path / "brief.md"
    code, _ = run("brief", str(BASE), "--workshop", str(bad), "--out", str(target))
    assert code == 2 and not target.exists()
    assert f"{bad}:2: role: unknown role 'boss'" in capsys.readouterr().err
