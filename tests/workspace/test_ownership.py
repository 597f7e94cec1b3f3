"""Who may see what: every query is scoped to the acting user and the colleagues a client is
shared with; an id that is not yours behaves like an id that does not exist."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from workspace_support import PACK_FILES, make_case

from advisor.pack import RulePack
from advisor.workspace import CaseSummary, Client, Workspace, WorkspaceError

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def two_users(store_url: str) -> Iterator[tuple[Workspace, Workspace]]:
    with (
        Workspace.open(store_url, user="anna@example.com") as anna,
        Workspace.open(store_url, user="Ben@Example.com") as ben,
    ):
        yield anna, ben


def _annas_case(anna: Workspace, make_profile: Any, pack: RulePack) -> tuple[Client, CaseSummary]:
    client = anna.add_client("Anna's Client")
    document, assessment = make_case(make_profile(), pack)
    return client, anna.save_case(client.id, "today", document, assessment, PACK_FILES)


def test_a_view_for_another_user_shares_the_database_and_keeps_clients_apart(
    store_url: str, make_profile: Any, pack: RulePack
) -> None:
    with Workspace.open(store_url) as shared:
        anna, ben = shared.for_user("Anna@Example.com"), shared.for_user("ben@example.com")
        assert anna.database is ben.database is shared.database
        assert anna.user == "email:anna@example.com"
        client, _case = _annas_case(anna, make_profile, pack)
        assert ben.clients(include_archived=True) == []
        with pytest.raises(WorkspaceError, match=f"no client with id {client.id} in this"):
            ben.history(client.id)
        assert [c.name for c in anna.clients()] == ["Anna's Client"]


def test_another_users_clients_and_cases_cannot_be_reached_by_id(
    two_users: tuple[Workspace, Workspace], make_profile: Any, pack: RulePack
) -> None:
    anna, ben = two_users
    client, case = _annas_case(anna, make_profile, pack)
    document, assessment = make_case(make_profile(), pack)
    assert ben.clients(include_archived=True) == []
    client_refusals: list[Callable[[], object]] = [
        lambda: ben.client(client.id),
        lambda: ben.cases(client.id),
        lambda: ben.history(client.id),
        lambda: ben.history_pack_files(client.id),
        lambda: ben.rename_client(client.id, "Mine now"),
        lambda: ben.archive_client(client.id),
        lambda: ben.delete_client(client.id),
        lambda: ben.share_client(client.id, "ben@example.com"),
        lambda: ben.unshare_client(client.id, "anna@example.com"),
        lambda: ben.save_case(client.id, "sneaky", document, assessment, PACK_FILES),
    ]
    for refused in client_refusals:
        with pytest.raises(WorkspaceError, match=f"no client with id {client.id} in this"):
            refused()
    case_refusals: list[Callable[[], object]] = [
        lambda: ben.open_case(case.id),
        lambda: ben.case_pack_files(case.id),
        lambda: ben.duplicate_case(case.id, "copy"),
        lambda: ben.rename_case(case.id, "renamed"),
    ]
    for refused in case_refusals:
        with pytest.raises(WorkspaceError, match=f"no saved case with id {case.id} in this"):
            refused()
    assert ben.delete_case(case.id) is False
    with pytest.raises(WorkspaceError, match="no saved assessment with id"):
        ben.history_result(anna.history(client.id)[0].id)
    with pytest.raises(
        WorkspaceError, match="no client named 'anna's client' \\(the workspace has none\\)"
    ):
        ben.find_client("anna's client")
    # Nothing of Anna's changed.
    assert anna.open_case(case.id).summary == case
    assert [c.name for c in anna.clients()] == ["Anna's Client"]


def test_an_update_cannot_move_a_case_into_another_client(
    two_users: tuple[Workspace, Workspace], make_profile: Any, pack: RulePack
) -> None:
    anna, ben = two_users
    _client, case = _annas_case(anna, make_profile, pack)
    bens = ben.add_client("Ben's Client")
    document, assessment = make_case(make_profile(), pack)
    with pytest.raises(WorkspaceError, match=f"no saved case with id {case.id}"):
        ben.save_case(bens.id, "today", document, assessment, PACK_FILES, case_id=case.id)
    assert anna.open_case(case.id).summary == case


def test_a_shared_client_is_seen_and_worked_on_but_only_its_owner_manages_it(
    two_users: tuple[Workspace, Workspace], make_profile: Any, pack: RulePack
) -> None:
    anna, ben = two_users
    client, case = _annas_case(anna, make_profile, pack)
    anna.share_client(client.id, "BEN@example.com")
    assert [s.colleague for s in anna.clients()[0].shared_with] == ["email:ben@example.com"]
    assert [c.name for c in ben.clients()] == ["Anna's Client"]
    assert ben.find_client("anna's client").owner == "email:anna@example.com"
    assert ben.find_client("anna's client").owner_label == "anna@example.com"
    assert ben.open_case(case.id).summary == case
    document, assessment = make_case(make_profile(active_accounts=50), pack)
    bens_case = ben.save_case(client.id, "Ben's idea", document, assessment, [])
    assert {c.id for c in anna.cases(client.id)} == {case.id, bens_case.id}
    for refused in (
        lambda: ben.rename_client(client.id, "x"),
        lambda: ben.archive_client(client.id),
        lambda: ben.delete_client(client.id),
        lambda: ben.share_client(client.id, "carl@example.com"),
    ):
        with pytest.raises(WorkspaceError, match=r"belongs to anna@example\.com"):
            refused()
    anna.unshare_client(client.id, "ben@example.com")
    assert ben.clients() == []
    with pytest.raises(WorkspaceError, match=f"no saved case with id {case.id}"):
        ben.open_case(case.id)


def test_each_user_has_their_own_client_names(two_users: tuple[Workspace, Workspace]) -> None:
    anna, ben = two_users
    anna.add_client("Acme")
    assert ben.add_client("ACME").owner == "email:ben@example.com"
    assert [c.name for c in ben.clients()] == ["ACME"]


def test_a_deleted_client_is_restored_only_by_its_owner(
    two_users: tuple[Workspace, Workspace], make_profile: Any, pack: RulePack
) -> None:
    anna, ben = two_users
    client, _case = _annas_case(anna, make_profile, pack)
    deleted = anna.delete_client(client.id)
    with pytest.raises(WorkspaceError, match="only they can restore it"):
        ben.restore_client(deleted)
    assert anna.restore_client(deleted).id == client.id


def test_a_case_saved_by_one_app_process_is_listed_by_another(
    store_url: str, make_profile: Any, pack: RulePack
) -> None:
    with Workspace.open(store_url, user="anna@example.com") as here:
        client = here.add_client("Shared Server Client")
        assert here.cases(client.id) == []
        # Another OS process, another Workspace on the same database, saves a case...
        script = textwrap.dedent(
            f"""
            from advisor.engine import evaluate
            from advisor.pack import load_pack, read_pack_documents
            from advisor.profile import load_profile, profile_to_dict
            from advisor.workspace import CaseDocument, Workspace
            pack = load_pack()
            assessment = evaluate(load_profile("examples/northwind-hire-now.yaml"), pack)
            document = CaseDocument(profile_to_dict(assessment.profile), None, None, pack.digest)
            with Workspace.open({store_url!r}, user="anna@example.com") as there:
                there.save_case({client.id}, "from the other process", document, assessment,
                                read_pack_documents())
            """
        )
        result = subprocess.run(
            [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stderr
        # ...and this process, its connections already open, lists it.
        assert [c.scenario for c in here.cases(client.id)] == ["from the other process"]
        assert here.clients()[0].case_count == 1
