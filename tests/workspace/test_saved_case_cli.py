"""A saved case from the command line: `advisor brief --client --scenario` and `advisor workshop
results --client --scenario`, on the answers given through the app's links; a workshop's
consensus kept as a case shows in `advisor history`."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
import yaml
from workspace_support import PACK_FILES, make_case

from advisor import cli
from advisor.brief.workshop_section import TITLE
from advisor.pack import RulePack
from advisor.profile import parse_profile
from advisor.workspace import Workspace
from advisor.workspace.consensus import save_consensus
from advisor.yamlio import read_document

ROOT = Path(__file__).resolve().parents[2]
DAY = "2026-12-01"
ANSWERS = (("Dana", "emerging"), ("Ravi", "emerging"), ("Kim", "standardised"))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    out = io.StringIO()
    code = cli.main(list(args), out)
    return code, out.getvalue(), capsys.readouterr().err


@pytest.fixture
def base() -> dict[str, object]:
    return {**dict(read_document(ROOT / "tests" / "rule_cases" / "base.yaml")), "company": "Nw"}


@pytest.fixture
def case_id(workspace: Workspace, pack: RulePack, base: dict[str, object]) -> int:
    client = workspace.add_client("Northwind")
    document, assessment = make_case(parse_profile(base), pack)
    case_id = workspace.save_case(client.id, "today", document, assessment, PACK_FILES).id
    workspace.start_workshop(case_id)
    for name, maturity in ANSWERS:
        _, token = workspace.add_respondent(case_id, name, "delivery")
        workspace.save_answer(token, "delivery_maturity", maturity, f"{name} says so")
    return case_id


def test_workshop_results_read_the_answers_given_through_the_links(
    store_url: str, case_id: int, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys, "workshop", "results", "--client", "northwind", "--scenario", "TODAY",
        "--format", "json", "--db", store_url,
    )  # fmt: skip
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert [person["name"] for person in data["respondents"]] == [name for name, _ in ANSWERS]
    # Two of three said emerging: the most common answer is the consensus.
    assert data["consensus"]["answers"]["delivery_maturity"] == "emerging"


def test_the_brief_of_a_saved_consensus_case_is_the_workshop_brief(
    store_url: str,
    workspace: Workspace,
    case_id: int,
    base: dict[str, object],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    save_consensus(workspace, case_id, "team view", as_of=dt.date(2026, 12, 1))
    code, saved, err = run(
        capsys, "brief", "--client", "Northwind", "--scenario", "team view", "--date", DAY,
        "--db", store_url,
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert TITLE in saved
    # The same workshop held on paper: the case's profile and one answers file per person.
    profile = tmp_path / "base.yaml"
    profile.write_text(yaml.safe_dump(base), encoding="utf-8")
    files = []
    for name, maturity in ANSWERS:
        path = tmp_path / f"{name}.yaml"
        answer = {"answer": maturity, "comment": f"{name} says so"}
        path.write_text(
            yaml.safe_dump({"respondent": name, "role": "delivery", "delivery_maturity": answer}),
            encoding="utf-8",
        )
        files.append(str(path))
    code, on_paper, err = run(capsys, "brief", str(profile), "--workshop", *files, "--date", DAY)
    assert (code, err) == (0, "")
    assert _without_pack_folder(saved) == _without_pack_folder(_as_recorded(on_paper))


def _as_recorded(brief: str) -> str:
    """A profile file's brief with its cover naming the client as the workspace records it
    ("Northwind"), as a saved case's brief does, where the profile says "Nw"."""
    title, rest = brief.split("\n", 1)
    assert title == "# Account Manager hiring brief: Nw"
    return f"# Account Manager hiring brief: Northwind\n{rest}"


def _without_pack_folder(brief: str) -> str:
    """The brief with its pack's file names only: a stored pack's files have no folder."""
    return brief.replace("rules/", "")


def test_a_saved_case_without_a_workshop_is_briefed_as_its_profile_file(
    store_url: str, case_id: int, base: dict[str, object], tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    profile = tmp_path / "base.yaml"
    profile.write_text(yaml.safe_dump(base), encoding="utf-8")
    saved = run(capsys, "brief", "--client", "Northwind", "--scenario", "today", "--date", DAY,
                "--db", store_url)  # fmt: skip
    on_file = run(capsys, "brief", str(profile), "--date", DAY)
    assert saved[0] == on_file[0] == 0
    assert _without_pack_folder(saved[1]) == _without_pack_folder(_as_recorded(on_file[1]))
    assert TITLE not in saved[1]


def test_the_consensus_case_shows_in_advisor_history(
    store_url: str, workspace: Workspace, case_id: int, capsys: pytest.CaptureFixture[str]
) -> None:
    save_consensus(workspace, case_id, "team view", as_of=dt.date(2026, 12, 1))
    code, out, _ = run(capsys, "history", "--client", "Northwind", "--format", "json",
                       "--db", store_url)  # fmt: skip
    assert code == 0
    assert [point["scenario"] for point in json.loads(out)] == ["today", "team view"]


@pytest.mark.parametrize("command", [("brief",), ("workshop", "results")])
def test_an_unknown_client_or_scenario_exits_2_naming_it(
    store_url: str, case_id: int, command: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    db = ("--db", store_url)
    code, out, err = run(capsys, *command, "--client", "Nortwind", "--scenario", "today", *db)
    assert (code, out) == (2, "")
    assert err == "--client: no client named 'Nortwind' (did you mean 'Northwind'?)\n"
    code, out, err = run(capsys, *command, "--client", "Northwind", "--scenario", "tody", *db)
    assert (code, out) == (2, "")
    assert err == (
        "--scenario: no case named 'tody' for client 'Northwind' (did you mean 'today'?)\n"
    )


def test_workshop_results_of_a_case_without_a_workshop_says_where_to_start_one(
    store_url: str, workspace: Workspace, case_id: int, capsys: pytest.CaptureFixture[str]
) -> None:
    client = workspace.find_client("Northwind")
    case = workspace.open_case(case_id)
    workspace.duplicate_case(case.summary.id, "plan")
    code, _, err = run(capsys, "workshop", "results", "--client", "Northwind", "--scenario",
                       "plan", "--db", store_url)  # fmt: skip
    assert code == 2
    assert err == (
        "scenario: the case 'plan' has no workshop: start one on the app's Workshop page\n"
    )
    assert client.name == "Northwind"


def test_brief_refuses_a_saved_case_with_a_files_options(
    store_url: str, case_id: int, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "brief", "--client", "Northwind", "--scenario", "today",
                       "--rules", "rules/", "--db", store_url)  # fmt: skip
    assert code == 2 and "--rules is for profile files" in err
    code, _, err = run(capsys, "brief", "--scenario", "today", "--db", store_url)
    assert code == 2 and err == "--client: --scenario names a saved case: give --client too\n"
    code, _, err = run(capsys, "brief", "--client", "Northwind", "--db", store_url)
    assert code == 2 and "--scenario NAME" in err
    code, _, err = run(capsys, "brief")
    assert code == 2 and "give a profile file, or --client and --scenario" in err


def test_notes_saved_with_assess_reach_the_saved_cases_brief(
    store_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`assess --save --notes` kept the notes apart from the profile's, which the brief quotes."""
    sample = ROOT / "examples" / "northwind-hire-now.yaml"
    db = ("--db", store_url)
    code, _, _ = run(
        capsys, "assess", str(sample), "--save", "--client", "Northwind", "--notes",
        "Board wants a plan by May", *db,
    )  # fmt: skip
    assert code == 0
    code, brief, err = run(capsys, "brief", "--client", "Northwind", "--scenario", "today", *db)
    assert (code, err) == (0, "")
    assert "Board wants a plan by May" in brief
