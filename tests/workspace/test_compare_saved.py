"""`advisor compare --client NAME --scenario A --scenario B`: saved cases side by side."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from advisor import cli

ROOT = Path(__file__).resolve().parents[2]
HIRE_NOW = ROOT / "examples" / "northwind-hire-now.yaml"
NOT_YET = ROOT / "examples" / "acorn-not-yet.yaml"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    out = io.StringIO()
    code = cli.main(list(args), out)
    return code, out.getvalue(), capsys.readouterr().err


def save(capsys: pytest.CaptureFixture[str], db: str, profile: Path, scenario: str) -> None:
    code, _out, err = run(
        capsys, "assess", str(profile), "--save", "--client", "Acme", "--scenario", scenario,
        "--db", db,
    )  # fmt: skip
    assert code == 0, err


def test_saved_scenarios_compare_like_their_files(
    store_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    save(capsys, store_url, HIRE_NOW, "today")
    save(capsys, store_url, NOT_YET, "Q3 plan")
    code, out, err = run(
        capsys, "compare", "--client", "ACME", "--scenario", "today", "--scenario", "q3 plan",
        "--format", "json", "--db", store_url,
    )  # fmt: skip
    assert code == 0, err
    saved = json.loads(out)
    code, out, err = run(
        capsys, "compare", str(HIRE_NOW), str(NOT_YET), "--name", "today", "--name", "Q3 plan",
        "--format", "json",
    )  # fmt: skip
    assert code == 0, err
    files = json.loads(out)
    assert [s["name"] for s in saved["scenarios"]] == ["today", "Q3 plan"]
    for key in ("verdict", "score", "recommended_am_count"):
        assert [s[key] for s in saved["scenarios"]] == [s[key] for s in files["scenarios"]]
    assert [d["field"] for d in saved["differences"]] == [d["field"] for d in files["differences"]]


def test_a_saved_case_compares_on_the_pack_it_was_saved_on(
    tmp_path: Path, store_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A case saved under a stricter custom pack keeps that pack's verdict in a comparison."""
    pack = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", pack)
    first = pack / "00-pack.yaml"
    text = first.read_text(encoding="utf-8")
    assert "  hire_now_at: 55\n" in text
    first.write_text(text.replace("  hire_now_at: 55\n", "  hire_now_at: 99\n"), encoding="utf-8")
    code, _out, err = run(
        capsys, "assess", str(HIRE_NOW), "--rules", str(pack), "--save", "--client", "Acme",
        "--scenario", "strict", "--db", store_url,
    )  # fmt: skip
    assert code == 0, err
    save(capsys, store_url, HIRE_NOW, "shipped")
    shutil.rmtree(pack)  # the case must carry its own pack, not point at these files
    code, out, err = run(
        capsys, "compare", "--client", "acme", "--scenario", "strict", "--scenario", "shipped",
        "--format", "json", "--db", store_url,
    )  # fmt: skip
    assert code == 0, err
    result = json.loads(out)
    assert [s["verdict"] for s in result["scenarios"]] == ["prepare", "hire_now"]
    assert "rule_pack" in {d["field"] for d in result["differences"]}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--client", "Acme", "--scenario", "today"), "compare takes 2 to 4 --scenario, got 1"),
        (("--client", "Acme", "--scenario", "today", "--scenario", "tday"), "did you mean"),
        (("--client", "Acne", "--scenario", "a", "--scenario", "b"), "did you mean 'Acme'"),
        (("--scenario", "today", "--scenario", "q3"), "--scenario names a saved case"),
        (
            (str(HIRE_NOW), "--client", "Acme", "--scenario", "a", "--scenario", "b"),
            "not both",
        ),
    ],
)
def test_saved_comparison_refusals_exit_2(
    store_url: str, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    save(capsys, store_url, HIRE_NOW, "today")
    code, out, err = run(capsys, "compare", *args, "--db", store_url)
    assert code == 2 and out == ""
    assert message in err
    assert "Traceback" not in err


def test_a_comparison_of_a_client_s_cases_is_recorded_in_its_trail(
    tmp_path: Path, store_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A comparison of saved cases is an export of the client's documents: each file written
    is in the client's audit trail; a comparison refused before writing records nothing."""
    from advisor.workspace import Workspace

    save(capsys, store_url, HIRE_NOW, "today")
    save(capsys, store_url, NOT_YET, "Q3 plan")
    scenarios = ("--client", "acme", "--scenario", "today", "--scenario", "Q3 plan")
    same = str(tmp_path / "same.xlsx")
    code, _out, err = run(capsys, "compare", *scenarios, "--xlsx", same, "--out", same,
                          "--db", store_url)  # fmt: skip
    assert code == 2 and "write them to two files" in err
    code, _out, err = run(capsys, "compare", *scenarios, "--format", "md",
                          "--xlsx", str(tmp_path / "c.xlsx"), "--db", store_url)  # fmt: skip
    assert code == 0, err
    with Workspace.open(store_url) as ws:
        events = ws.audit_trail(ws.find_client("Acme").id)
    exports = [(e.actor, e.case_id, e.detail) for e in events if e.action == "export"]
    assert sorted(exports, key=str) == [
        ("local", None, {"document": "comparison.md"}),
        ("local", None, {"document": "comparison.xlsx"}),
    ]
