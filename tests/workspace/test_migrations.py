"""The schema's migrations: the tables they build are the ones the queries declare, and a
database written by the earlier single-table store is migrated in place with nothing lost."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import msgspec
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from advisor.engine import evaluate
from advisor.pack import RulePack
from advisor.workspace import Workspace, WorkspaceError
from advisor.workspace.migrate import alembic_config
from advisor.workspace.schema import SCHEMA_REVISION, metadata

# The schema `advisor/storage.py` created (its migration 0001_assessments), kept verbatim so
# this test goes on checking the upgrade path after that module is gone.
LEGACY_SCHEMA = """
CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL);
CREATE TABLE assessments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    saved_at TEXT NOT NULL,
    company TEXT NOT NULL,
    scenario TEXT NOT NULL DEFAULT '',
    verdict TEXT NOT NULL,
    score REAL NOT NULL,
    pack_name TEXT NOT NULL,
    pack_version TEXT NOT NULL,
    pack_digest TEXT NOT NULL,
    profile_json TEXT NOT NULL,
    result_json TEXT NOT NULL
);
CREATE INDEX assessments_company ON assessments (company, saved_at);
INSERT INTO migrations VALUES ('0001_assessments', '2026-11-01T09:00:00+00:00');
"""


def test_the_newest_migration_is_the_schema_revision() -> None:
    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == SCHEMA_REVISION


def test_the_migrations_build_the_declared_tables(store_url: str) -> None:
    Workspace.open(store_url).close()
    engine = create_engine(store_url)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    engine.dispose()
    assert differences == []


def test_opening_again_runs_no_migration(store_url: str) -> None:
    with Workspace.open(store_url) as workspace:
        workspace.add_client("A")
    with Workspace.open(store_url) as workspace:
        assert [c.name for c in workspace.clients()] == ["A"]


def _legacy_database(path: Path, rows: list[tuple[Any, ...]]) -> None:
    connection = sqlite3.connect(path)
    connection.executescript(LEGACY_SCHEMA)
    connection.executemany(
        "INSERT INTO assessments (saved_at, company, scenario, verdict, score, pack_name, "
        "pack_version, pack_digest, profile_json, result_json) VALUES (?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
    connection.commit()
    connection.close()


def _legacy_row(
    assessment: Any, saved_at: str, scenario: str, company: str = ""
) -> tuple[Any, ...]:
    # The row exactly as `Store.save` wrote it.
    return (
        saved_at,
        company or assessment.profile.company,
        scenario,
        assessment.verdict.value,
        assessment.score,
        assessment.pack.name,
        assessment.pack.version,
        assessment.pack.digest,
        json.dumps(msgspec.to_builtins(assessment.profile), allow_nan=False),
        json.dumps(assessment.to_dict(), allow_nan=False),
    )


def test_a_database_of_the_earlier_store_is_migrated_in_place(
    tmp_path: Path, make_profile: Any, pack: RulePack
) -> None:
    small = evaluate(make_profile(company="Acme GmbH", active_accounts=12), pack)
    large = evaluate(make_profile(company="Acme GmbH", active_accounts=40), pack)
    other = evaluate(make_profile(company="Ölwerk <b>AG</b> =1+1", active_accounts=8), pack)
    path = tmp_path / "advisor.db"
    rows = [
        _legacy_row(small, "2026-11-02T10:00:00+00:00", "today"),
        _legacy_row(other, "2026-11-03T10:00:00+00:00", ""),
        _legacy_row(large, "2026-11-04T10:00:00+00:00", "+28 accounts", company="ACME GMBH"),
    ]
    _legacy_database(path, rows)
    with Workspace.open(f"sqlite:///{path}") as workspace:
        clients = workspace.clients()
        assert [c.name for c in clients] == ["Acme GmbH", "Ölwerk <b>AG</b> =1+1"]
        acme = clients[0]
        assert (acme.case_count, acme.latest_at, acme.latest_verdict) == (
            0,
            "2026-11-04T10:00:00+00:00",
            large.verdict.value,
        )
        points = workspace.history(acme.id)
        assert [(p.id, p.scenario, p.case_id) for p in points] == [
            (1, "today", None),
            (3, "+28 accounts", None),
        ]
        assert points[1].profile == msgspec.to_builtins(large.profile)
        assert points[1].pack_digest == pack.digest
        for point, legacy in zip(points, (rows[0], rows[2]), strict=True):
            assert workspace.history_result(point.id) == json.loads(legacy[9])
            assert point.score == legacy[4]
        assert workspace.history(clients[1].id)[0].scenario == ""
    tables = {
        name
        for (name,) in sqlite3.connect(path).execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
        )
    }
    assert "assessments" not in tables and "migrations" not in tables


def test_a_legacy_database_that_cannot_be_migrated_is_left_as_it_was(
    tmp_path: Path, make_profile: Any, pack: RulePack
) -> None:
    assessment = evaluate(make_profile(), pack)
    path = tmp_path / "advisor.db"
    broken = list(_legacy_row(assessment, "2026-11-02T10:00:00+00:00", "today"))
    broken[9] = "{not json"
    _legacy_database(path, [tuple(broken)])
    with pytest.raises(WorkspaceError) as raised:
        Workspace.open(f"sqlite:///{path}")
    assert "saved assessment #1: result_json is not JSON" in str(raised.value)
    assert "left as it was" in str(raised.value)
    connection = sqlite3.connect(path)
    assert connection.execute("SELECT count(*) FROM assessments").fetchone() == (1,)
    assert connection.execute(
        "SELECT count(*) FROM sqlite_master WHERE name = 'alembic_version'"
    ).fetchone() == (0,)
    connection.close()
