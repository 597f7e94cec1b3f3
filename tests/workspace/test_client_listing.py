"""The client listing reads each client's latest saved point from one covering index, on
SQLite and Postgres; workspaces written before that index get it when they are opened."""

from __future__ import annotations

from typing import Any

from alembic import command
from sqlalchemy import create_engine, event, insert, inspect, update
from sqlalchemy.engine import Connection
from workspace_support import PACK_FILES, make_case

from advisor.pack import RulePack
from advisor.workspace import Workspace
from advisor.workspace.clients import list_clients
from advisor.workspace.migrate import alembic_config
from advisor.workspace.schema import clients, history


def _listing_statements(workspace: Workspace) -> list[tuple[str, Any]]:
    """The SQL the listing runs, with its parameters."""
    seen: list[tuple[str, Any]] = []

    def listen(connection: Connection) -> None:
        def grab(*args: Any) -> None:
            seen.append((args[2], args[3]))

        event.listen(connection, "before_cursor_execute", grab)
        try:
            list_clients(connection, workspace.actor)
        finally:
            event.remove(connection, "before_cursor_execute", grab)

    workspace._read(listen)
    return seen


def test_the_listing_reads_the_latest_point_from_the_covering_index(
    tmp_path: Any, make_profile: Any, pack: RulePack
) -> None:
    with Workspace.open(f"sqlite:///{tmp_path / 'plan.db'}") as workspace:
        client = workspace.add_client("Acme")
        document, assessment = make_case(make_profile(), pack)
        workspace.save_case(client.id, "today", document, assessment, PACK_FILES)
        statements = _listing_statements(workspace)
        (listing,) = [(sql, params) for sql, params in statements if "history" in sql]
        plan = workspace._read(
            lambda c: [
                str(row[3])
                for row in c.exec_driver_sql("EXPLAIN QUERY PLAN " + listing[0], listing[1])
            ]
        )
    history_steps = [step for step in plan if " history " in f"{step} "]
    assert history_steps, plan
    assert all("USING COVERING INDEX history_client_latest" in step for step in history_steps)
    assert not any(step.startswith("SCAN history") for step in plan)
    # One statement for the clients and their figures; shares and owners' names apart.
    assert len(statements) <= 3


def test_the_latest_verdict_is_the_newest_save_and_the_higher_id_on_a_tie(
    workspace: Workspace, make_profile: Any, pack: RulePack
) -> None:
    acme, empty = workspace.add_client("Acme"), workspace.add_client("Empty")
    small = make_case(make_profile(active_accounts=3), pack)
    large = make_case(make_profile(active_accounts=60), pack)
    assert small[1].verdict != large[1].verdict
    first = workspace.save_case(acme.id, "one", *small, PACK_FILES)
    workspace.save_case(acme.id, "two", *large, [])
    listed = {client.name: client for client in workspace.clients()}
    assert (listed["Acme"].latest_verdict, listed["Acme"].case_count) == (
        large[1].verdict.value,
        2,
    )
    assert (listed["Empty"].latest_verdict, listed["Empty"].case_count) == (None, 0)
    # Saved at the same instant: the later point (the higher id) is the latest, as before.
    workspace.database.write(
        lambda c: c.execute(
            update(history).where(history.c.client_id == acme.id).values(saved_at=first.saved_at)
        )
    )
    again = workspace.client(acme.id)
    assert (again.latest_verdict, again.latest_score, again.latest_at) == (
        large[1].verdict.value,
        large[1].score,
        first.saved_at,
    )
    assert empty.id != acme.id


def test_a_picker_lists_names_only_by_name_archived_too(workspace: Workspace) -> None:
    zeta, alpha = workspace.add_client("zeta"), workspace.add_client("Alpha")
    workspace.archive_client(zeta.id)
    assert workspace.client_choices() == [(alpha.id, "Alpha"), (zeta.id, "zeta")]
    assert workspace.client_choices(include_archived=False) == [(alpha.id, "Alpha")]
    assert workspace.for_user("someone@example.com").client_choices() == []


def test_a_workspace_of_the_previous_revision_gets_the_covering_index(
    store_url: str, make_profile: Any, pack: RulePack
) -> None:
    engine = create_engine(store_url)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0004_identities")
        stamp = "2026-11-01T09:00:00+00:00"
        connection.execute(
            insert(clients).values(
                name="Older",
                name_key="older",
                owner="local",
                archived=False,
                created_at=stamp,
                updated_at=stamp,
            )
        )
    engine.dispose()
    with Workspace.open(store_url) as workspace:
        client = workspace.add_client("Acme")
        document, assessment = make_case(make_profile(), pack)
        workspace.save_case(client.id, "today", document, assessment, PACK_FILES)
        listed = {found.name: found.latest_verdict for found in workspace.clients()}
        assert listed == {"Acme": assessment.verdict.value, "Older": None}
    engine = create_engine(store_url)
    with engine.connect() as connection:
        indexes = {
            index["name"]: index["column_names"]
            for index in inspect(connection).get_indexes("history")
        }
    engine.dispose()
    assert indexes["history_client_latest"] == ["client_id", "saved_at", "id", "verdict", "score"]
    assert "history_client_saved" not in indexes
