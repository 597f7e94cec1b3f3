"""A workshop's consensus kept as a case of the client: its profile, its history point, the
workshop it came from, and its brief with the appendix on where the team disagreed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from workspace_support import PACK_FILES, make_case

from advisor.brief import method_appendix
from advisor.brief.workshop_section import TITLE
from advisor.engine import evaluate
from advisor.export.markdown import render
from advisor.pack import RulePack
from advisor.profile import parse_profile, profile_to_dict
from advisor.workshop.record import result_of
from advisor.workspace import Workspace, WorkspaceError
from advisor.workspace.consensus import case_brief, save_consensus
from advisor.yamlio import read_document

ROOT = Path(__file__).resolve().parents[2]
DAY = dt.date(2026, 12, 1)


@pytest.fixture
def case_id(workspace: Workspace, pack: RulePack) -> int:
    base = dict(read_document(ROOT / "tests" / "rule_cases" / "base.yaml"))
    profile = parse_profile({**base, "churn_trend": "rising", "notes": "Only about today"})
    client = workspace.add_client("Northwind")
    document, assessment = make_case(profile, pack)
    return workspace.save_case(client.id, "today", document, assessment, PACK_FILES).id


def _answers(workspace: Workspace, case_id: int) -> None:
    """Two of three say delivery is emerging; Kim does not know; one says onboarding is not
    consistent."""
    workspace.start_workshop(case_id)
    for name, maturity in (("Dana", "emerging"), ("Ravi", "emerging"), ("Kim", "standardised")):
        _, token = workspace.add_respondent(case_id, name, "delivery")
        workspace.save_answer(token, "delivery_maturity", maturity, f"{name} says so")
    _, token = workspace.add_respondent(case_id, "Lou", "founder")
    workspace.save_answer(token, "onboarding_consistent", "no")


def test_the_consensus_is_saved_as_a_case_of_the_client_with_its_workshop(
    workspace: Workspace, case_id: int, pack: RulePack
) -> None:
    _answers(workspace, case_id)
    summary = save_consensus(workspace, case_id, "team view", as_of=DAY)
    saved = workspace.open_case(summary.id)
    original = workspace.open_case(case_id).document.profile
    # The consensus by its definition: the most common answer to each question (two of three
    # for emerging; Lou alone answered onboarding); every other field the case's own.
    expected = {**original, "delivery_maturity": "emerging", "onboarding_consistent": False}
    del expected["notes"]  # the workshop case's notes stay with it
    assert saved.document.profile == expected
    assert saved.document.notes == ""
    assert (summary.client_id, summary.scenario, summary.revision) == (
        workspace.open_case(case_id).summary.client_id,
        "team view",
        1,
    )
    verdict = evaluate(parse_profile(expected), pack, as_of=DAY).verdict.value
    assert summary.verdict == verdict
    record = saved.document.workshop
    assert record is not None and record["from_scenario"] == "today"
    assert [person["respondent"] for person in record["respondents"]] == [
        "Dana",
        "Ravi",
        "Kim",
        "Lou",
    ]
    assert record["respondents"][0]["delivery_maturity"] == {
        "answer": "emerging",
        "comment": "Dana says so",
    }
    points = workspace.history(summary.client_id)
    assert [point.scenario for point in points] == ["today", "team view"]


def test_a_consensus_cases_brief_ends_with_where_the_team_disagreed(
    workspace: Workspace, case_id: int, pack: RulePack
) -> None:
    _answers(workspace, case_id)
    summary = save_consensus(workspace, case_id, "team view", as_of=DAY)
    brief = case_brief(workspace.open_case(summary.id), workspace.case_pack(summary.id), DAY)
    text = render(brief).decode("utf-8")
    assert TITLE in text and "Dana" in text
    # Each comment is in the brief's method appendix, which the section names.
    method = render(method_appendix(brief)).decode("utf-8")
    assert "Kim says so" in method and "Kim says so" not in text
    plain = case_brief(workspace.open_case(case_id), workspace.case_pack(case_id), DAY)
    assert TITLE not in render(plain).decode("utf-8")


def test_a_consensus_case_edited_since_keeps_the_edit_as_the_consultants_answer(
    workspace: Workspace, case_id: int, pack: RulePack
) -> None:
    _answers(workspace, case_id)
    summary = save_consensus(workspace, case_id, "team view", as_of=DAY)
    document = workspace.open_case(summary.id).document
    assert document.workshop is not None
    edited = parse_profile(
        {**document.profile, "delivery_maturity": "ad_hoc", "active_accounts": 30}
    )
    result = result_of(edited, document.workshop, pack)
    assert profile_to_dict(result.consensus_profile) == profile_to_dict(edited)


def test_saving_the_consensus_of_a_case_without_a_workshop_names_the_case(
    workspace: Workspace, case_id: int
) -> None:
    with pytest.raises(WorkspaceError, match="the case 'today' has no workshop"):
        save_consensus(workspace, case_id, "team view", as_of=DAY)
    workspace.start_workshop(case_id)
    with pytest.raises(WorkspaceError, match="the workshop on 'today' has no respondent yet"):
        save_consensus(workspace, case_id, "team view", as_of=DAY)
    assert [
        s.scenario for s in workspace.cases(workspace.open_case(case_id).summary.client_id)
    ] == ["today"]


def test_saving_the_consensus_under_a_taken_name_changes_nothing(
    workspace: Workspace, case_id: int
) -> None:
    _answers(workspace, case_id)
    with pytest.raises(WorkspaceError, match="already has a case named 'today'"):
        save_consensus(workspace, case_id, "today", as_of=DAY)
    client_id = workspace.open_case(case_id).summary.client_id
    assert len(workspace.history(client_id)) == 1
