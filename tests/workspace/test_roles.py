"""Every action, for every role: the owner, a collaborator, a viewer and a stranger.

A colleague a client is shared with used to be able to delete the owner's cases (with their
workshops and every answer), issue a respondent a new link and answer as them, add respondents
and close the workshop. Each of those is now the owner's, and the store refuses it to anyone
else, whatever the app shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from workspace_support import PACK_FILES, make_case

from advisor.pack import RulePack
from advisor.workspace import Workspace, WorkspaceError
from advisor.workspace.roles import ALLOWED, COLLABORATOR, OWNER, VIEWER, Action

STRANGER = "stranger"


@dataclass
class Scene:
    owner: Workspace
    people: dict[str, Workspace]
    client_id: int
    case_id: int
    respondent_id: int
    make: Callable[..., Any]


@pytest.fixture
def scene(store_url: str, make_profile: Any, pack: RulePack) -> Iterator[Scene]:
    with Workspace.open(store_url, user="anna@example.com") as anna:
        client = anna.add_client("Acme")
        document, assessment = make_case(make_profile(), pack)
        case = anna.save_case(client.id, "today", document, assessment, PACK_FILES)
        anna.start_workshop(case.id)
        respondent, _token = anna.add_respondent(case.id, "Tomás", "founder")
        anna.share_client(client.id, "ben@example.com", COLLABORATOR)
        anna.share_client(client.id, "carl@example.com", VIEWER)
        people = {
            OWNER: anna,
            COLLABORATOR: anna.for_user("ben@example.com"),
            VIEWER: anna.for_user("carl@example.com"),
            STRANGER: anna.for_user("dave@example.com"),
        }

        def make(**changes: Any) -> Any:
            return make_case(make_profile(**changes), pack)

        yield Scene(anna, people, client.id, case.id, respondent.id, make)


def attempts(scene: Scene, ws: Workspace) -> dict[Action, Callable[[], object]]:
    """One call per action, each on the owner's client, its case or its workshop."""
    document, assessment = scene.make(active_accounts=44)
    client, case = scene.client_id, scene.case_id
    return {
        Action.VIEW: lambda: (ws.client(client), ws.cases(client), ws.open_case(case)),
        Action.EXPORT: lambda: ws.record_export(client, case, "brief.pdf"),
        Action.SAVE_CASE: lambda: ws.save_case(client, "what if", document, assessment, []),
        Action.RENAME_CASE: lambda: ws.rename_case(case, "today (renamed)"),
        Action.DUPLICATE_CASE: lambda: ws.duplicate_case(case, "copy"),
        Action.SET_HEADLINE: lambda: ws.set_headline(client, case),
        Action.SET_CONSENSUS: lambda: ws.set_consensus(case, "delivery_maturity", "emerging"),
        Action.SET_WORKSHOP_LANGUAGE: lambda: ws.set_workshop_language(case, "es"),
        Action.CALIBRATE: lambda: ws.calibrations.save(PACK_FILES, client),
        Action.DELETE_CASE: lambda: ws.delete_case(case),
        Action.RUN_WORKSHOP: lambda: ws.replace_link(case, scene.respondent_id),
        Action.RENAME_CLIENT: lambda: ws.rename_client(client, "Acme Ltd"),
        Action.ARCHIVE_CLIENT: lambda: ws.archive_client(client),
        Action.SHARE_CLIENT: lambda: ws.share_client(client, "erin@example.com"),
        Action.DELETE_CLIENT: lambda: ws.delete_client(client),
        Action.READ_AUDIT: lambda: ws.audit_trail(client),
    }


@pytest.mark.parametrize("role", [OWNER, COLLABORATOR, VIEWER, STRANGER])
@pytest.mark.parametrize("action", list(Action))
def test_every_action_is_allowed_exactly_to_the_roles_the_table_names(
    scene: Scene, role: str, action: Action
) -> None:
    ws = scene.people[role]
    attempt = attempts(scene, ws)[action]
    if role in ALLOWED[action]:
        attempt()
        return
    if role == STRANGER and action == Action.DELETE_CASE:
        assert attempt() is False  # a case one cannot see is one that does not exist
        assert scene.owner.open_case(scene.case_id).summary.id == scene.case_id
        return
    expected = "no client with id|no saved case with id" if role == STRANGER else "only its owner"
    with pytest.raises(WorkspaceError, match=expected):
        attempt()


def test_a_colleague_cannot_delete_the_owner_s_cases_nor_their_workshop_answers(
    scene: Scene,
) -> None:
    for role in (COLLABORATOR, VIEWER):
        with pytest.raises(WorkspaceError, match="only its owner can delete its cases"):
            scene.people[role].delete_case(scene.case_id)
    assert [c.id for c in scene.owner.cases(scene.client_id)] == [scene.case_id]
    workshop = scene.owner.workshop(scene.case_id)
    assert workshop is not None and [r.name for r in workshop.respondents] == ["Tomás"]


def test_a_colleague_cannot_issue_a_new_link_add_respondents_or_close_the_workshop(
    scene: Scene,
) -> None:
    ben = scene.people[COLLABORATOR]
    refused: list[Callable[[], object]] = [
        lambda: ben.replace_link(scene.case_id, scene.respondent_id),
        lambda: ben.add_respondent(scene.case_id, "Mallory", "other"),
        lambda: ben.revoke_respondent(scene.case_id, scene.respondent_id),
        lambda: ben.close_workshop(scene.case_id),
        lambda: ben.start_workshop(scene.case_id),
    ]
    for attempt in refused:
        with pytest.raises(WorkspaceError, match="only its owner can run its workshops"):
            attempt()
    workshop = scene.owner.workshop(scene.case_id)
    assert workshop is not None and workshop.open
    assert [(r.name, r.revoked) for r in workshop.respondents] == [("Tomás", False)]


def test_a_viewer_sees_the_workshop_but_changes_nothing(scene: Scene) -> None:
    carl = scene.people[VIEWER]
    assert carl.workshop(scene.case_id) is not None
    assert carl.workshop_answers(scene.case_id)[0].name == "Tomás"
    with pytest.raises(WorkspaceError, match="only its owner or a collaborator"):
        carl.set_consensus(scene.case_id, "delivery_maturity", "emerging")


def test_the_owner_changes_a_colleague_s_role(scene: Scene) -> None:
    scene.owner.share_client(scene.client_id, "ben@example.com", VIEWER)
    shares = {s.colleague: s.role for s in scene.owner.client(scene.client_id).shared_with}
    assert shares == {"email:ben@example.com": VIEWER, "email:carl@example.com": VIEWER}
    assert scene.people[COLLABORATOR].client(scene.client_id).role == VIEWER
    document, assessment = scene.make()
    with pytest.raises(WorkspaceError, match="you are a viewer"):
        scene.people[COLLABORATOR].save_case(scene.client_id, "x", document, assessment, [])
    with pytest.raises(WorkspaceError, match="not a role a colleague can have"):
        scene.owner.share_client(scene.client_id, "ben@example.com", OWNER)


def test_each_client_says_the_acting_user_s_role(scene: Scene) -> None:
    roles = {name: ws.clients()[0].role for name, ws in scene.people.items() if name != STRANGER}
    assert roles == {OWNER: OWNER, COLLABORATOR: COLLABORATOR, VIEWER: VIEWER}
    assert scene.people[STRANGER].clients() == []
