"""Operating a workspace database from the command line: `advisor db upgrade|check|backup` and
`advisor workspace export|import`, on SQLite and Postgres."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import create_engine, select, text
from workspace_support import PACK_FILES, fresh_database, logo_png, make_case, need_postgres

from advisor import cli
from advisor.pack import RulePack
from advisor.workshop.tokens import hash_token
from advisor.workspace import Workspace, WorkspaceError
from advisor.workspace.calibrations import grant_admin
from advisor.workspace.compact import unpack
from advisor.workspace.identity import actor_from_claims
from advisor.workspace.migrate import alembic_config
from advisor.workspace.schema import SCHEMA_REVISION, metadata

ISSUER = "https://id.example.com"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    out = io.StringIO()
    code = cli.main(list(args), out)
    return code, out.getvalue(), capsys.readouterr().err


def set_revision(url: str, revision: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})
    engine.dispose()


def migrate_to(url: str, revision: str) -> None:
    """The database as this code's migrations leave it at `revision`."""
    engine = create_engine(url)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)
    engine.dispose()


def test_db_upgrade_prints_the_revision_before_and_after(
    store_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    migrate_to(store_url, "0003_workshops")
    assert run(capsys, "db", "upgrade", "--db", store_url)[:2] == (
        0,
        f"revision before: 0003_workshops\nrevision after: {SCHEMA_REVISION}\n",
    )
    assert run(capsys, "db", "upgrade", "--db", store_url)[:2] == (
        0,
        f"revision before: {SCHEMA_REVISION}\nrevision after: {SCHEMA_REVISION}\n",
    )
    set_revision(store_url, "0099_later")
    code, out, err = run(capsys, "db", "upgrade", "--db", store_url)
    assert (code, out) == (2, "")
    assert "schema revision '0099_later' is newer than this version of AM Advisor knows" in err


def test_db_check_is_ready_only_at_the_current_schema(
    store_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(capsys, "db", "check", "--db", store_url)
    assert code == 2
    if store_url.startswith("sqlite"):
        assert err.endswith("workspace.db: no database at this path\n")
        assert not Path(store_url.removeprefix("sqlite:///")).exists()  # a check creates nothing
        migrate_to(store_url, "0001_workspace")
        expected_behind = 10  # 0002 to 0011
    else:
        assert err.endswith(": not migrated (no schema revision); run: advisor db upgrade\n")
        migrate_to(store_url, "0003_workshops")
        expected_behind = 8  # 0004 to 0011
    code, _out, err = run(capsys, "db", "check", "--db", store_url)
    plural = "s" if expected_behind > 1 else ""
    assert code == 2 and f"behind by {expected_behind} revision{plural} (at '" in err
    assert run(capsys, "db", "upgrade", "--db", store_url)[0] == 0
    code, out, err = run(capsys, "db", "check", "--db", store_url)
    assert (code, err) == (0, "")
    assert out.endswith(f": ready at schema revision {SCHEMA_REVISION}\n")
    set_revision(store_url, "0099_later")
    code, _out, err = run(capsys, "db", "check", "--db", store_url)
    assert code == 2 and "'0099_later' is newer than this version" in err


def test_db_check_says_when_the_server_cannot_be_reached(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _out, err = run(capsys, "db", "check", "--db", "postgresql+psycopg://u:pw@127.0.0.1:1/x")
    assert code == 2 and "cannot reach the database" in err and "pw" not in err


def test_opening_a_database_newer_than_the_code_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    Workspace.open(url).close()
    set_revision(url, "0099_later")
    with pytest.raises(WorkspaceError, match="newer than this version of AM Advisor knows"):
        Workspace.open(url)


def test_db_backup_copies_what_is_committed_while_a_writer_holds_the_lock(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "live.db"
    with Workspace.open(str(path)) as workspace:
        workspace.add_client("Committed")
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute(
        "INSERT INTO clients (name, name_key, owner, archived, created_at, updated_at) "
        "VALUES ('Pending', 'pending', 'local', 0, 'now', 'now')"
    )
    try:
        code, out, err = run(
            capsys, "db", "backup", "--out", str(tmp_path / "copy.db"), "--db", str(path)
        )
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert (code, err) == (0, ""), err
    assert out == f"backed up the workspace to {tmp_path / 'copy.db'}\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".copy.db")] == []
    with Workspace.open(str(tmp_path / "copy.db")) as copy:
        assert [c.name for c in copy.clients()] == ["Committed"]


def test_db_backup_refusals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(
        capsys,
        "db",
        "backup",
        "--out",
        "x.dump",
        "--db",
        "postgresql+psycopg://ops:secret@db.example.com:5432/advisor",
    )
    assert code == 2
    assert err.endswith(
        "back up this Postgres workspace with: pg_dump --format=custom "
        "--file=advisor.dump 'postgresql://ops@db.example.com:5432/advisor'\n"
    )
    assert "secret" not in err
    missing = tmp_path / "missing.db"
    code, _out, err = run(
        capsys, "db", "backup", "--out", str(tmp_path / "c.db"), "--db", str(missing)
    )
    assert (code, err) == (2, f"{missing}: no database at this path\n")
    Workspace.open(str(tmp_path / "w.db")).close()
    out = tmp_path / "no-folder" / "c.db"
    code, _out, err = run(capsys, "db", "backup", "--out", str(out), "--db", str(tmp_path / "w.db"))
    assert code == 2 and err.startswith(f"{out}: cannot write: ")
    (tmp_path / "text.db").write_text("not a database at all " * 100)
    code, _out, err = run(
        capsys, "db", "backup", "--out", str(tmp_path / "c.db"), "--db", str(tmp_path / "text.db")
    )
    assert code == 2 and "cannot back up the database: file is not a database" in err
    assert not (tmp_path / "c.db").exists()


# Export and import --------------------------------------------------------------------------


def populate(url: str, make_profile: Any, pack: RulePack) -> str:
    """A workspace with every kind of row; the respondent's link token (never stored)."""
    claims = {"is_logged_in": True, "iss": ISSUER, "sub": "anna", "email": "anna@example.com"}
    anna_actor = actor_from_claims({**claims, "email_verified": True})
    assert not isinstance(anna_actor, str)
    with Workspace.open(url) as local:
        anna = local.for_user(anna_actor)
        anna.sign_in(ISSUER, "anna")
        client = anna.add_client("Northwind — «Ünïcode» & =1+1")
        document, assessment = make_case(make_profile(), pack, notes="first save")
        case = anna.save_case(client.id, "today", document, assessment, PACK_FILES)
        document, assessment = make_case(make_profile(active_accounts=40), pack, notes="again")
        anna.save_case(client.id, "today", document, assessment, [], case_id=case.id)
        anna.save_case(client.id, "after hiring", document, assessment, [])
        anna.start_workshop(case.id)
        _, token = anna.add_respondent(case.id, "Dana Lee", "delivery")
        anna.add_respondent(case.id, "Ravi", "founder")
        anna.save_answer(token, "delivery_maturity", "emerging", "hmm")
        anna.save_answer(token, "churn_cause_known", None, "no idea")
        anna.set_consensus(case.id, "delivery_maturity", "standardised")
        anna.share_client(client.id, "ben@example.com", "viewer")
        anna.record_export(client.id, case.id, "brief.pdf")
        gone = anna.add_client("Gone")
        anna.delete_client(gone.id)
        anna.add_client("Archived later")
        anna.archive_client(anna.find_client("Archived later").id)
        local.database.write(lambda connection: grant_admin(connection, "anna@example.com"))
        anna.calibrations.save(list(PACK_FILES))
        anna.branding.save("Acme Advisory", logo_png())
    return token


def table_rows(url: str) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows, each saved result as it reads back (the compact form and its bases
    are how a workspace keeps them, not what it holds)."""
    engine = create_engine(url)
    with engine.connect() as connection:
        rows = {
            table.name: [
                {**row, "result": unpack(connection, row["result"])}
                if table.name in ("cases", "history")
                else dict(row)
                for row in connection.execute(
                    select(table).order_by(*table.primary_key.columns)
                ).mappings()
            ]
            for table in metadata.sorted_tables
            if table.name != "result_bases"
        }
    engine.dispose()
    return rows


def without_last_import(rows: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    events = rows["audit_events"]
    assert events[-1]["action"] == "import" and events[-1]["client_id"] is None
    return {**rows, "audit_events": events[:-1]}


def test_export_import_round_trips_sqlite_postgres_sqlite_with_nothing_lost(
    tmp_path: Path, make_profile: Any, pack: RulePack, capsys: pytest.CaptureFixture[str]
) -> None:
    need_postgres()
    first = f"sqlite:///{tmp_path / 'first.db'}"
    token = populate(first, make_profile, pack)
    code, out, err = run(
        capsys, "workspace", "export", "--out", str(tmp_path / "a.json"), "--db", first
    )
    assert (code, err) == (0, ""), err
    assert out == f"exported 2 client(s) to {tmp_path / 'a.json'}\n"
    exported = (tmp_path / "a.json").read_text(encoding="utf-8")
    assert token not in exported and hash_token(token) in exported  # only the hash travels
    with fresh_database("postgres", tmp_path) as second:
        code, out, err = run(
            capsys, "workspace", "import", str(tmp_path / "a.json"), "--db", second
        )
        assert (code, err) == (0, ""), err
        assert out.startswith("imported 2 client(s), ")
        code, _out, err = run(
            capsys, "workspace", "export", "--out", str(tmp_path / "b.json"), "--db", second
        )
        assert (code, err) == (0, ""), err
        on_postgres = table_rows(second)
    third = f"sqlite:///{tmp_path / 'third.db'}"
    assert run(capsys, "workspace", "import", str(tmp_path / "b.json"), "--db", third)[0] == 0
    original, on_sqlite = table_rows(first), table_rows(third)
    assert all(original[name] for name in original), "every table has rows to compare"
    assert without_last_import(on_postgres) == original
    assert without_last_import(on_sqlite) == on_postgres
    with Workspace.open(third) as restored:
        assert (
            restored.add_client("New").id == 4
        )  # the deleted client's id 2 is not handed out again
        trail = restored.audit_trail()
        assert restored.questionnaire(token).name == "Dana Lee"  # links handed out still open
    assert [e.detail["file"] for e in trail if e.action == "import"] == ["b.json", "a.json"]


def test_import_refuses_a_workspace_that_holds_clients(
    store_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = f"sqlite:///{tmp_path / 'source.db'}"
    with Workspace.open(source) as workspace:
        workspace.add_client("Acme")
    assert (
        run(capsys, "workspace", "export", "--out", str(tmp_path / "e.json"), "--db", source)[0]
        == 0
    )
    with Workspace.open(store_url) as workspace:
        workspace.add_client("Already here")
    code, out, err = run(capsys, "workspace", "import", str(tmp_path / "e.json"), "--db", store_url)
    assert (code, out) == (2, "")
    assert err.endswith(
        ": an import needs an empty workspace, and this one holds 1 row(s) of clients; "
        "nothing was imported\n"
    )
    with Workspace.open(store_url) as workspace:
        assert [c.name for c in workspace.clients()] == ["Already here"]
        assert workspace.audit_trail() == []


def test_export_reads_only_a_current_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    Workspace.open(url).close()
    set_revision(url, "0003_workshops")
    code, _out, err = run(
        capsys, "workspace", "export", "--out", str(tmp_path / "e.json"), "--db", url
    )
    assert code == 2 and "behind by 8 revisions" in err and "advisor db upgrade" in err
    assert not (tmp_path / "e.json").exists()


def edit(data: dict[str, Any], change: str) -> None:
    tables = data["tables"]
    if change == "reference":
        tables["cases"][0]["client_id"] = 99
    elif change == "type":
        tables["clients"][0]["name"] = 5
    elif change == "missing":
        del tables["history"][0]["saved_at"]
    elif change == "duplicate":
        tables["clients"].append(dict(tables["clients"][0]))
    elif change == "version":
        data["version"] = 2
    elif change == "binary":
        tables["pack_files"][0]["content"] = "not base64!"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("reference", "tables.cases[0].client_id: 99 is no clients row's id in the file"),
        ("type", "tables.clients[0].name: expected text, got 5"),
        ("missing", "tables.history[0].saved_at: missing"),
        ("duplicate", "tables.clients[1]: a second row with id 1"),
        ("version", "version: version 2 is not one this version of AM Advisor reads"),
        ("binary", 'tables.pack_files[0].content: expected base64 text, got "not base64!"'),
    ],
)
def test_import_names_the_bad_record(
    change: str,
    message: str,
    tmp_path: Path,
    make_profile: Any,
    pack: RulePack,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = f"sqlite:///{tmp_path / 'source.db'}"
    with Workspace.open(source) as workspace:
        client = workspace.add_client("Acme")
        document, assessment = make_case(make_profile(), pack)
        workspace.save_case(client.id, "today", document, assessment, PACK_FILES)
    export = tmp_path / "e.json"
    assert run(capsys, "workspace", "export", "--out", str(export), "--db", source)[0] == 0
    data = json.loads(export.read_text(encoding="utf-8"))
    edit(data, change)
    export.write_text(json.dumps(data), encoding="utf-8")
    target = f"sqlite:///{tmp_path / 'target.db'}"
    code, out, err = run(capsys, "workspace", "import", str(export), "--db", target)
    assert (code, out) == (2, "")
    assert f"{export}: {message}" in err
    with Workspace.open(target) as workspace:
        assert workspace.clients() == []


def test_import_refuses_a_file_that_is_not_an_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = f"sqlite:///{tmp_path / 'target.db'}"
    broken = tmp_path / "broken.json"
    broken.write_text('{\n "format": "am-advisor-workspace",\n "version": 1,\n', encoding="utf-8")
    code, _out, err = run(capsys, "workspace", "import", str(broken), "--db", target)
    assert (code, err.startswith(f"{broken}:4: not JSON: ")) == (2, True)
    other = tmp_path / "other.json"
    other.write_text('{"format": "something else"}', encoding="utf-8")
    code, _out, err = run(capsys, "workspace", "import", str(other), "--db", target)
    assert code == 2 and err.startswith(f"{other}: format: not a workspace export")
    code, _out, err = run(
        capsys, "workspace", "import", str(tmp_path / "none.json"), "--db", target
    )
    assert (code, err) == (2, f"{tmp_path / 'none.json'}: no such file\n")
