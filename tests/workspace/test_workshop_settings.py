"""A workshop's quorum and anonymity are kept with it and checked, changed by its owner only and
recorded in the trail; several respondents are added at once, all or none."""

from __future__ import annotations

from pathlib import Path

import pytest
from workspace_support import PACK_FILES, make_case

from advisor.pack import RulePack
from advisor.profile import parse_profile
from advisor.workspace import Workspace, WorkspaceError
from advisor.yamlio import read_document

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def case_id(workspace: Workspace, pack: RulePack) -> int:
    base = dict(read_document(ROOT / "tests" / "rule_cases" / "base.yaml"))
    client = workspace.add_client("Northwind")
    document, assessment = make_case(parse_profile(base), pack)
    case = workspace.save_case(client.id, "today", document, assessment, PACK_FILES)
    workspace.start_workshop(case.id)
    return case.id


def test_a_new_workshop_has_a_quorum_of_one_and_names_its_respondents(
    workspace: Workspace, case_id: int
) -> None:
    workshop = workspace.workshop(case_id)
    assert workshop is not None and (workshop.quorum, workshop.anonymous) == (1, False)


def test_the_quorum_and_anonymity_are_kept_with_the_workshop(
    store_url: str, workspace: Workspace, case_id: int
) -> None:
    workspace.set_workshop_settings(case_id, quorum=3)
    workspace.set_workshop_settings(case_id, anonymous=True)
    with Workspace.open(store_url) as again:
        workshop = again.workshop(case_id)
    assert workshop is not None and (workshop.quorum, workshop.anonymous) == (3, True)
    actions = [event.action for event in workspace.audit_trail(workspace.clients()[0].id)]
    assert actions.count("workshop_settings") == 2


@pytest.mark.parametrize("bad", [0, -2, True, "3", 501])
def test_a_quorum_that_is_not_a_whole_number_from_one_is_refused_naming_it(
    workspace: Workspace, case_id: int, bad: object
) -> None:
    with pytest.raises(WorkspaceError) as error:
        workspace.set_workshop_settings(case_id, quorum=bad)  # type: ignore[arg-type]
    assert error.value.problems[0].path == "quorum"
    assert workspace.workshop(case_id).quorum == 1  # type: ignore[union-attr]


def test_another_consultant_cannot_change_the_settings(
    store_url: str, workspace: Workspace, case_id: int
) -> None:
    with (
        Workspace.open(store_url, user="someone-else@example.com") as other,
        pytest.raises(WorkspaceError),
    ):
        other.set_workshop_settings(case_id, anonymous=True)
    assert workspace.workshop(case_id).anonymous is False  # type: ignore[union-attr]


def test_several_respondents_are_added_at_once_each_with_their_own_link(
    workspace: Workspace, case_id: int
) -> None:
    added = workspace.add_respondents(case_id, [("Ana", "founder"), ("Ben", "delivery")])
    assert [(r.name, r.role.value) for r, _ in added] == [("Ana", "founder"), ("Ben", "delivery")]
    tokens = [token for _, token in added]
    assert len(set(tokens)) == 2
    assert [workspace.questionnaire(t).name for t in tokens] == ["Ana", "Ben"]


def test_adding_several_respondents_is_all_or_nothing(workspace: Workspace, case_id: int) -> None:
    workspace.add_respondent(case_id, "Cleo")
    with pytest.raises(WorkspaceError, match="'Cleo' is a respondent of this workshop already"):
        workspace.add_respondents(case_id, [("Ana", "founder"), ("cleo", "other")])
    names = [r.name for r in workspace.workshop(case_id).respondents]  # type: ignore[union-attr]
    assert names == ["Cleo"]
