"""The workspace contract on SQLite and Postgres: clients, cases, revisions, history, packs."""

from __future__ import annotations

import json
import sys
from typing import Any

import pytest
from sqlalchemy import event
from workspace_support import PACK_FILES, make_case

from advisor.engine import evaluate
from advisor.pack import RulePack, pack_from_documents
from advisor.pack.uploads import pack_from_uploads
from advisor.profile import parse_profile
from advisor.workspace import CaseDocument, Workspace, WorkspaceError, database_url
from advisor.workspace.address import DEFAULT_PATH


def test_database_url_prefers_the_argument_then_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("ADVISOR_DATABASE_URL", raising=False)
    assert database_url() == f"sqlite:///{DEFAULT_PATH}"
    monkeypatch.setenv("ADVISOR_DATABASE_URL", "postgresql+psycopg://team@db/advisor")
    assert database_url() == "postgresql+psycopg://team@db/advisor"
    assert database_url("sqlite:///x.db") == "sqlite:///x.db"


def test_clients_add_rename_archive_and_search(workspace: Workspace) -> None:
    acme = workspace.add_client("  Acme GmbH ")
    assert acme.name == "Acme GmbH" and acme.case_count == 0 and acme.latest_verdict is None
    workspace.add_client("Ölwerk AG")
    assert [c.name for c in workspace.clients("ölw")] == ["Ölwerk AG"]
    renamed = workspace.rename_client(acme.id, "Acme Group")
    assert renamed.name == "Acme Group"
    workspace.archive_client(acme.id)
    assert [c.name for c in workspace.clients()] == ["Ölwerk AG"]
    assert [c.archived for c in workspace.clients(include_archived=True)] == [True, False]
    assert workspace.archive_client(acme.id, archived=False).archived is False


def test_a_client_name_is_unique_in_any_case(workspace: Workspace) -> None:
    workspace.add_client("Acme")
    with pytest.raises(WorkspaceError, match="already have a client named 'Acme'"):
        workspace.add_client("ACME")
    other = workspace.add_client("Beta")
    with pytest.raises(WorkspaceError, match="already have a client named 'Acme'"):
        workspace.rename_client(other.id, "acme")
    assert workspace.rename_client(other.id, "BETA").name == "BETA"  # its own name, recased


def test_an_empty_or_overlong_name_is_refused(workspace: Workspace) -> None:
    with pytest.raises(WorkspaceError, match="a client needs a name"):
        workspace.add_client("   ")
    with pytest.raises(WorkspaceError, match="at most 200 characters"):
        workspace.add_client("x" * 201)
    with pytest.raises(WorkspaceError, match="NUL"):
        workspace.add_client("a\x00b")


def test_find_client_ignores_case_and_suggests(workspace: Workspace) -> None:
    workspace.add_client("Northwind Traders")
    assert workspace.find_client("northwind traders").name == "Northwind Traders"
    with pytest.raises(WorkspaceError, match=r"did you mean 'Northwind Traders'\?"):
        workspace.find_client("Northwind Trader")


def test_find_or_add_client_finds_a_name_in_any_case_or_creates_it(workspace: Workspace) -> None:
    acme = workspace.add_client("Acme GmbH")
    found, created = workspace.find_or_add_client("  ACME GMBH ")
    assert (found.id, found.name, created) == (acme.id, "Acme GmbH", False)
    new, created = workspace.find_or_add_client(" Borealis ")
    assert (new.name, new.mine, created) == ("Borealis", True, True)
    with pytest.raises(WorkspaceError) as raised:
        workspace.find_or_add_client("Acme Gmbh.", near_miss="add it first to keep it")
    assert str(raised.value) == (
        "client: no client named 'Acme Gmbh.' (did you mean 'Acme GmbH'?); add it first to keep it"
    )
    assert sorted(c.name for c in workspace.clients()) == ["Acme GmbH", "Borealis"]
    close, created = workspace.find_or_add_client("Acme Gmbh.")  # asked for without the check
    assert (close.name, created) == ("Acme Gmbh.", True)


def test_save_scenario_saves_the_next_revision_or_a_new_case(
    workspace: Workspace, make_profile: Any, pack: RulePack
) -> None:
    document, assessment = make_case(make_profile(), pack)
    first = workspace.save_scenario("Acme", "today", document, assessment, PACK_FILES)
    assert (first.client_name, first.created, first.case.revision) == ("Acme", True, 1)
    again = workspace.save_scenario("ACME", "Today", document, assessment, [])
    assert (again.client_id, again.created) == (first.client_id, False)
    assert (again.case.id, again.case.revision, again.case.scenario) == (first.case.id, 2, "Today")
    other = workspace.save_scenario("acme", "plan", document, assessment, [])
    assert other.case.id != first.case.id and other.case.revision == 1
    points = workspace.history(first.client_id)
    assert [p.id for p in points] == [first.point_id, again.point_id, other.point_id]


def test_save_case_revisions_and_history(
    workspace: Workspace, make_profile: Any, pack: RulePack
) -> None:
    client = workspace.add_client("Base Case Ltd")
    document, assessment = make_case(make_profile(active_accounts=12), pack, notes="first")
    first = workspace.save_case(client.id, "today", document, assessment, PACK_FILES)
    assert (first.revision, first.scenario, first.pack_digest) == (1, "today", pack.digest)
    document2, assessment2 = make_case(make_profile(active_accounts=40), pack, notes="second")
    second = workspace.save_case(client.id, "today", document2, assessment2, [], case_id=first.id)
    assert (second.id, second.revision, second.notes) == (first.id, 2, "second")
    assert [c.id for c in workspace.cases(client.id)] == [first.id]
    points = workspace.history(client.id)
    assert [p.profile["active_accounts"] for p in points] == [12, 40]
    assert all(p.case_id == first.id for p in points)
    listed = workspace.clients()[0]
    assert (listed.case_count, listed.latest_verdict, listed.latest_score) == (
        1,
        assessment2.verdict.value,
        assessment2.score,
    )
    assert workspace.history_result(points[0].id)["profile"]["active_accounts"] == 12


def test_a_scenario_name_is_unique_per_client(
    workspace: Workspace, make_profile: Any, pack: RulePack
) -> None:
    client = workspace.add_client("A")
    other = workspace.add_client("B")
    document, assessment = make_case(make_profile(), pack)
    workspace.save_case(client.id, "Today", document, assessment, PACK_FILES)
    with pytest.raises(WorkspaceError, match="already has a case named 'Today'"):
        workspace.save_case(client.id, "today", document, assessment, [])
    workspace.save_case(other.id, "today", document, assessment, [])  # another client: fine
    assert workspace.find_case(client.id, "TODAY").scenario == "Today"
    with pytest.raises(WorkspaceError, match=r"did you mean 'Today'\?"):
        workspace.find_case(client.id, "Tody")


def test_open_case_gives_back_everything_saved(
    workspace: Workspace, make_profile: Any, pack: RulePack
) -> None:
    client = workspace.add_client("A")
    crm = {
        "source_name": "deals.csv",
        "mapping": {"arr": "ARR"},
        "figures": {"x": 1.5},
        "options": {},
    }
    document, assessment = make_case(
        make_profile(), pack, notes="n", role_edits={"tiers": []}, crm=crm
    )
    saved = workspace.save_case(client.id, "today", document, assessment, PACK_FILES)
    case = workspace.open_case(saved.id)
    assert case.summary == saved
    assert case.document == document
    assert case.result == json.loads(json.dumps(assessment.to_dict()))


def test_the_stored_pack_rebuilds_the_same_verdict(
    workspace: Workspace, samples: dict[str, Any], pack: RulePack
) -> None:
    # A custom pack: the shipped one with a different hire-now score, stored with its case.
    custom = [
        (name, content.replace(b"hire_now_at: 55", b"hire_now_at: 99"))
        if b"hire_now_at: 55" in content
        else (name, content)
        for name, content in PACK_FILES
    ]
    custom_pack = pack_from_documents(custom)
    assert custom_pack.digest != pack.digest
    client = workspace.add_client("A")
    profile = samples["northwind-hire-now"]
    document, assessment = make_case(profile, custom_pack)
    assert assessment.verdict != evaluate(profile, pack).verdict  # the custom pack decides
    saved = workspace.save_case(client.id, "custom", document, assessment, custom)
    files = workspace.case_pack_files(saved.id)
    rebuilt = pack_from_uploads(files, []).pack
    assert rebuilt.digest == custom_pack.digest
    # Reopened, the case is assessed on its own pack, not on the shipped one.
    case = workspace.open_case(saved.id)
    again = evaluate(parse_profile(case.document.profile), workspace.case_pack(saved.id))
    assert (again.verdict.value, again.score) == (saved.verdict, saved.score)
    assert again.pack.digest == custom_pack.digest


def test_pack_files_are_checked_against_the_digest(
    workspace: Workspace, make_profile: Any, pack: RulePack
) -> None:
    client = workspace.add_client("A")
    document, assessment = make_case(make_profile(), pack)
    with pytest.raises(WorkspaceError, match="not stored yet"):
        workspace.save_case(client.id, "today", document, assessment, [])
    with pytest.raises(WorkspaceError, match="the pack files given are not pack"):
        workspace.save_case(client.id, "today", document, assessment, PACK_FILES[:1])
    wrong = CaseDocument(document.profile, None, None, "0123456789ab")
    with pytest.raises(WorkspaceError, match="was assessed on pack"):
        workspace.save_case(client.id, "today", wrong, assessment, PACK_FILES)
    assert workspace.cases(client.id) == []
    assert workspace.history(client.id) == []


def test_duplicate_rename_and_delete_a_case(
    workspace: Workspace, make_profile: Any, pack: RulePack
) -> None:
    client = workspace.add_client("A")
    document, assessment = make_case(make_profile(), pack)
    saved = workspace.save_case(client.id, "today", document, assessment, PACK_FILES)
    copy = workspace.duplicate_case(saved.id, "after hiring 2 AEs")
    assert copy.id != saved.id and copy.revision == 1
    assert workspace.open_case(copy.id).document == document
    with pytest.raises(WorkspaceError, match="already has a case named 'today'"):
        workspace.rename_case(copy.id, "TODAY")
    assert workspace.rename_case(copy.id, "Q3 2027 plan").scenario == "Q3 2027 plan"
    assert workspace.delete_case(copy.id) is True
    assert workspace.delete_case(copy.id) is False
    assert [c.scenario for c in workspace.cases(client.id)] == ["today"]
    points = workspace.history(client.id)
    assert [(p.scenario, p.case_id) for p in points] == [
        ("today", saved.id),
        ("Q3 2027 plan", None),
    ]
    with pytest.raises(WorkspaceError, match=f"no saved case with id {copy.id}"):
        workspace.open_case(copy.id)


def test_delete_client_and_restore_it(
    workspace: Workspace, make_profile: Any, pack: RulePack
) -> None:
    client = workspace.add_client("A")
    workspace.share_client(client.id, "colleague@example.com")
    document, assessment = make_case(make_profile(), pack)
    saved = workspace.save_case(client.id, "today", document, assessment, PACK_FILES)
    deleted = workspace.delete_client(client.id)
    assert workspace.clients(include_archived=True) == []
    with pytest.raises(WorkspaceError, match=f"no client with id {client.id}"):
        workspace.cases(client.id)
    restored = workspace.restore_client(deleted)
    assert restored.id == client.id and restored.case_count == 1
    assert [s.colleague for s in restored.shared_with] == ["email:colleague@example.com"]
    assert workspace.open_case(saved.id).document == document
    assert len(workspace.history(client.id)) == 1
    with pytest.raises(WorkspaceError, match="already back"):
        workspace.restore_client(deleted)


def test_a_deleted_id_is_never_given_again(workspace: Workspace) -> None:
    first = workspace.add_client("A")
    workspace.delete_client(first.id)
    assert workspace.add_client("B").id != first.id


def test_a_bad_document_is_refused_naming_the_key() -> None:
    with pytest.raises(WorkspaceError, match="profile: expected a mapping"):
        CaseDocument.from_json({"profile": [], "pack_digest": "abc"})
    with pytest.raises(WorkspaceError, match=r"crm\.mapping: expected a mapping"):
        CaseDocument.from_json(
            {"profile": {}, "pack_digest": "abc", "crm": {"source_name": "x", "mapping": 1}}
        )
    with pytest.raises(WorkspaceError, match="unknown key 'extra'"):
        CaseDocument.from_json({"profile": {}, "pack_digest": "abc", "extra": 1})
    document = CaseDocument({"company": "x"}, None, None, "abc", "n")
    assert CaseDocument.from_json(document.to_json()) == document


def test_a_file_that_is_not_a_database_is_named(tmp_path: Any) -> None:
    path = tmp_path / "notes.db"
    path.write_text("not a database" * 100)
    with pytest.raises(WorkspaceError, match=r"notes\.db: not a workspace database"):
        Workspace.open(f"sqlite:///{path}")


def test_an_unsupported_url_is_refused() -> None:
    with pytest.raises(WorkspaceError, match="unsupported database 'mysql'"):
        Workspace.open("mysql://u@h/db")
    with pytest.raises(WorkspaceError, match="is not a database URL"):
        Workspace.open("not a url://x")


def test_an_unreachable_postgres_is_a_clear_error() -> None:
    with pytest.raises(WorkspaceError, match="cannot reach the database"):
        Workspace.open("postgresql+psycopg://nobody:secret@127.0.0.1:9/advisor", timeout=1)


def test_the_password_never_shows_in_a_message() -> None:
    with pytest.raises(WorkspaceError) as raised:
        Workspace.open("postgresql+psycopg://nobody:secret@127.0.0.1:9/advisor", timeout=1)
    assert "secret" not in str(raised.value)


def test_sqlite_runs_in_wal_with_immediate_write_transactions(tmp_path: Any) -> None:
    with Workspace.open(f"sqlite:///{tmp_path / 'w.db'}", timeout=7) as workspace:
        statements: list[str] = []
        # What SQLite itself ran: the write lock is asked for on the driver's connection.
        workspace.database.engine.dispose()
        event.listen(
            workspace.database.engine,
            "connect",
            lambda connection, _record: connection.set_trace_callback(statements.append),
        )
        with workspace.database.reading() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 7000
        statements.clear()
        workspace.clients()
        assert statements[0] == "BEGIN"  # reads do not queue behind writers
        statements.clear()
        workspace.add_client("A")
        assert next(sql for sql in statements if not sql.startswith("PRAGMA")) == "BEGIN IMMEDIATE"
        with workspace.database.reading() as connection:  # reads wait for a busy database again
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 7000


def test_a_postgres_url_without_the_driver_names_the_postgres_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The core installs without psycopg (the `postgres` extra): a Postgres URL then says what to
    install instead of SQLAlchemy's "No module named 'psycopg'"."""
    monkeypatch.setitem(sys.modules, "psycopg", None)  # `import psycopg` raises ImportError
    with pytest.raises(WorkspaceError) as caught:
        Workspace.open("postgresql://advisor:secret@db.example/advisor")
    message = str(caught.value)
    assert "am-advisor[postgres]" in message and "postgresql" in message
    assert "secret" not in message  # the password stays out of the message
