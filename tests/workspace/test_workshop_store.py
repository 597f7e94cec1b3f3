"""Workshops in the workspace: respondents with their own links, answers saved one at a time,
the consensus the consultant sets, and links that stop working when changed, revoked or closed."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from workspace_support import PACK_FILES, make_case

from advisor.pack import RulePack
from advisor.profile import parse_profile
from advisor.workshop import compare
from advisor.workspace import Workspace, WorkspaceError
from advisor.workspace.workshops import INVALID_LINK

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def case_id(workspace: Workspace, pack: RulePack) -> int:
    from advisor.yamlio import read_document

    base = dict(read_document(ROOT / "tests" / "rule_cases" / "base.yaml"))
    profile = parse_profile({**base, "churn_trend": "rising"})
    client = workspace.add_client("Northwind")
    document, assessment = make_case(profile, pack)
    return workspace.save_case(client.id, "today", document, assessment, PACK_FILES).id


def test_a_respondent_link_opens_only_that_respondents_questionnaire(
    workspace: Workspace, case_id: int
) -> None:
    workspace.start_workshop(case_id)
    dana, dana_token = workspace.add_respondent(case_id, "Dana Lee", "delivery")
    _, ravi_token = workspace.add_respondent(case_id, "Ravi", "founder")
    workspace.save_answer(ravi_token, "delivery_maturity", "emerging", "hmm")
    opened = workspace.questionnaire(dana_token)
    assert (opened.name, opened.respondent_id, opened.answers) == ("Dana Lee", dana.id, {})
    assert opened.profile["company"]
    assert workspace.questionnaire(ravi_token).answers["delivery_maturity"].value == "emerging"


def test_only_the_token_hash_is_stored(store_url: str, workspace: Workspace, case_id: int) -> None:
    workspace.start_workshop(case_id)
    _, token = workspace.add_respondent(case_id, "Dana")
    engine = create_engine(store_url)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT * FROM workshop_respondents")).all()
    engine.dispose()
    assert token not in repr(rows)


def test_answers_are_saved_one_at_a_time_and_read_back(workspace: Workspace, case_id: int) -> None:
    workspace.start_workshop(case_id)
    _, token = workspace.add_respondent(case_id, "Dana")
    workspace.save_answer(token, "delivery_maturity", "emerging")
    workspace.save_answer(token, "delivery_maturity", "standardised", "changed my mind")
    workspace.save_answer(token, "renewal_lead_days", "120")
    workspace.save_answer(token, "churn_cause_known", None, "no idea")
    answers = workspace.questionnaire(token).answers
    assert answers["delivery_maturity"].value == "standardised"
    assert answers["delivery_maturity"].comment == "changed my mind"
    assert answers["renewal_lead_days"].value == 120
    assert not answers["churn_cause_known"].known
    assert workspace.workshop(case_id).respondents[0].answered == 2  # type: ignore[union-attr]


def test_a_bad_answer_is_refused_naming_the_question(workspace: Workspace, case_id: int) -> None:
    workspace.start_workshop(case_id)
    _, token = workspace.add_respondent(case_id, "Dana")
    with pytest.raises(WorkspaceError, match="renewal_lead_days"):
        workspace.save_answer(token, "renewal_lead_days", "soon")
    with pytest.raises(WorkspaceError, match="not a question"):
        workspace.save_answer(token, "active_accounts", 10)
    assert workspace.questionnaire(token).answers == {}


@pytest.mark.parametrize("how", ["changed", "revoked", "closed", "garbage"])
def test_a_link_that_is_no_longer_valid_opens_nothing(
    workspace: Workspace, case_id: int, how: str
) -> None:
    workspace.start_workshop(case_id)
    someone, token = workspace.add_respondent(case_id, "Dana")
    used: object = token
    if how == "changed":
        used = token[:-1] + ("A" if token[-1] != "A" else "B")
    elif how == "revoked":
        workspace.revoke_respondent(case_id, someone.id)
    elif how == "closed":
        workspace.close_workshop(case_id)
    else:
        used = ["not", "a", "token"]
    with pytest.raises(WorkspaceError, match=INVALID_LINK):
        workspace.questionnaire(used)
    with pytest.raises(WorkspaceError, match=INVALID_LINK):
        workspace.save_answer(used, "delivery_maturity", "emerging")


def test_a_reopened_workshop_keeps_its_answers(workspace: Workspace, case_id: int) -> None:
    workspace.start_workshop(case_id)
    _, token = workspace.add_respondent(case_id, "Dana")
    workspace.save_answer(token, "churn_trend", "stable")
    workspace.close_workshop(case_id)
    assert not workspace.workshop(case_id).open  # type: ignore[union-attr]
    workspace.start_workshop(case_id)
    assert workspace.questionnaire(token).answers["churn_trend"].value == "stable"


def test_respondent_names_are_unique_per_workshop(workspace: Workspace, case_id: int) -> None:
    workspace.start_workshop(case_id)
    workspace.add_respondent(case_id, "Dana Lee")
    with pytest.raises(WorkspaceError, match="respondent of this workshop already"):
        workspace.add_respondent(case_id, "  dana lee ")
    with pytest.raises(WorkspaceError, match="needs a name"):
        workspace.add_respondent(case_id, "   ")
    with pytest.raises(WorkspaceError, match="unknown role"):
        workspace.add_respondent(case_id, "Ravi", "boss")


def test_the_consensus_override_is_kept_and_checked(
    workspace: Workspace, case_id: int, pack: RulePack
) -> None:
    workspace.start_workshop(case_id)
    _, token = workspace.add_respondent(case_id, "Dana")
    workspace.save_answer(token, "delivery_maturity", "emerging")
    workshop = workspace.set_consensus(case_id, "delivery_maturity", "standardised")
    assert workshop.overrides == {"delivery_maturity": "standardised"}
    with pytest.raises(WorkspaceError, match="delivery_maturity"):
        workspace.set_consensus(case_id, "delivery_maturity", "perfect")
    case = workspace.open_case(case_id)
    result = compare(
        parse_profile(case.document.profile),
        workspace.workshop_answers(case_id),
        pack,
        workshop.overrides,
    )
    assert result.questions[0].consensus == "standardised"
    assert workspace.set_consensus(case_id, "delivery_maturity", None).overrides == {}


def test_revoked_respondents_are_left_out_of_the_results(
    workspace: Workspace, case_id: int
) -> None:
    workspace.start_workshop(case_id)
    dana, _ = workspace.add_respondent(case_id, "Dana")
    workspace.add_respondent(case_id, "Ravi")
    workspace.revoke_respondent(case_id, dana.id)
    assert [r.name for r in workspace.workshop_answers(case_id)] == ["Ravi"]


def test_another_consultant_cannot_reach_the_workshop(
    store_url: str, workspace: Workspace, case_id: int
) -> None:
    workspace.start_workshop(case_id)
    with Workspace.open(store_url, user="someone-else@example.com") as other:
        with pytest.raises(WorkspaceError):
            other.workshop(case_id)
        with pytest.raises(WorkspaceError):
            other.add_respondent(case_id, "Mallory")


def test_a_new_link_stops_the_old_one_and_keeps_the_answers(
    workspace: Workspace, case_id: int
) -> None:
    workspace.start_workshop(case_id)
    dana, old = workspace.add_respondent(case_id, "Dana")
    workspace.save_answer(old, "churn_trend", "stable")
    workspace.revoke_respondent(case_id, dana.id)
    again, new = workspace.replace_link(case_id, dana.id)
    assert new != old and not again.revoked
    with pytest.raises(WorkspaceError, match=INVALID_LINK):
        workspace.questionnaire(old)
    assert workspace.questionnaire(new).answers["churn_trend"].value == "stable"


def test_undoing_a_client_deletion_brings_its_workshop_back(
    workspace: Workspace, case_id: int
) -> None:
    workspace.start_workshop(case_id)
    _, token = workspace.add_respondent(case_id, "Dana")
    workspace.save_answer(token, "churn_trend", "stable", "calm year")
    workspace.set_consensus(case_id, "delivery_maturity", "standardised")
    client_id = workspace.open_case(case_id).summary.client_id
    deleted = workspace.delete_client(client_id)
    with pytest.raises(WorkspaceError, match=INVALID_LINK):
        workspace.questionnaire(token)
    workspace.restore_client(deleted)
    answer = workspace.questionnaire(token).answers["churn_trend"]
    assert (answer.value, answer.comment) == ("stable", "calm year")
    assert workspace.workshop(case_id).overrides == {"delivery_maturity": "standardised"}  # type: ignore[union-attr]
