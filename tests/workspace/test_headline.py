"""Each client's headline case: the one marked as current, else "today", else the first saved.

The client listing used to show whichever scenario was saved last, so a "worse case" what-if
read as the client's verdict. It now shows the headline case's verdict, its plan's date to open
the search and its sector and country, read from the case row (never re-assessed), in one query
that walks indexes; a workspace saved before headlines existed gets them when it is opened.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection
from workspace_support import PACK_FILES

from advisor.engine import Assessment, evaluate
from advisor.pack import RulePack
from advisor.profile import CompanyProfile, load_profile, parse_profile, profile_to_dict
from advisor.samples import sample_path
from advisor.workspace import Workspace, WorkspaceError
from advisor.workspace.clients import list_clients
from advisor.workspace.migrate import alembic_config
from advisor.workspace.model import CaseDocument
from advisor.workspace.roles import COLLABORATOR, VIEWER

DAY = dt.date(2026, 11, 2)
NORTHWIND = sample_path("Northwind Analytics (hire now)")


def case_on(
    profile: CompanyProfile, pack: RulePack, day: dt.date = DAY
) -> tuple[CaseDocument, Assessment]:
    """The case of `profile` assessed on `day`, as the app saves it."""
    document = CaseDocument(
        profile=profile_to_dict(profile), role_edits=None, crm=None, pack_digest=pack.digest
    )
    return document, evaluate(profile, pack, as_of=day)


def save(
    ws: Workspace, client_id: int, scenario: str, case: tuple[CaseDocument, Assessment]
) -> int:
    document, assessment = case
    return ws.save_case(client_id, scenario, document, assessment, PACK_FILES).id


@pytest.fixture
def hire_and_wait(make_profile: Any, pack: RulePack) -> tuple[Any, Any]:
    """Two cases with different verdicts: Northwind's (hire now) and 8 accounts (not yet)."""
    northwind = profile_to_dict(load_profile(NORTHWIND))
    big = case_on(parse_profile({**northwind, "sector": "SaaS", "country": "ES"}), pack)
    small = case_on(make_profile(active_accounts=8, sector="Agency", country="PT"), pack)
    assert big[1].verdict != small[1].verdict  # the scenarios must disagree to tell them apart
    return big, small


def test_the_headline_case_decides_the_verdict_a_later_what_if_does_not(
    workspace: Workspace, hire_and_wait: tuple[Any, Any]
) -> None:
    today, worse = hire_and_wait
    client = workspace.add_client("Acme")
    today_id = save(workspace, client.id, "today", today)
    save(workspace, client.id, "worse case", worse)  # saved later
    (listed,) = workspace.clients()
    assert listed.latest_verdict == worse[1].verdict.value  # the newest save is still known
    assert listed.headline is not None
    assert (listed.headline.case_id, listed.headline.scenario) == (today_id, "today")
    assert listed.headline.verdict == today[1].verdict.value
    assert listed.headline.marked is False


def test_a_client_without_today_has_its_first_saved_case_as_headline(
    workspace: Workspace, hire_and_wait: tuple[Any, Any]
) -> None:
    first, second = hire_and_wait
    client = workspace.add_client("Acme")
    first_id = save(workspace, client.id, "Q3 plan", first)
    save(workspace, client.id, "worse case", second)
    assert workspace.client(client.id).headline.case_id == first_id  # type: ignore[union-attr]
    empty = workspace.add_client("Empty")
    assert workspace.client(empty.id).headline is None


def test_the_marked_case_is_the_headline_until_another_is_marked(
    workspace: Workspace, hire_and_wait: tuple[Any, Any]
) -> None:
    today, worse = hire_and_wait
    client = workspace.add_client("Acme")
    today_id = save(workspace, client.id, "today", today)
    worse_id = save(workspace, client.id, "worse case", worse)
    marked = workspace.set_headline(client.id, worse_id)
    assert marked.headline is not None and marked.headline.marked
    assert (marked.headline.case_id, marked.headline.verdict) == (worse_id, worse[1].verdict.value)
    document, assessment = today
    workspace.save_case(client.id, "today", document, assessment, [], case_id=today_id)
    # a new revision of today changes nothing
    assert workspace.client(client.id).headline.case_id == worse_id  # type: ignore[union-attr]
    back = workspace.set_headline(client.id, today_id)
    assert back.headline is not None and back.headline.case_id == today_id


def test_a_deleted_headline_case_gives_way_to_today(
    workspace: Workspace, hire_and_wait: tuple[Any, Any]
) -> None:
    today, worse = hire_and_wait
    client = workspace.add_client("Acme")
    today_id = save(workspace, client.id, "today", today)
    worse_id = save(workspace, client.id, "worse case", worse)
    workspace.set_headline(client.id, worse_id)
    assert workspace.delete_case(worse_id)
    headline = workspace.client(client.id).headline
    assert headline is not None and (headline.case_id, headline.marked) == (today_id, False)


def test_a_case_of_another_client_cannot_be_its_headline(
    workspace: Workspace, hire_and_wait: tuple[Any, Any]
) -> None:
    acme = workspace.add_client("Acme")
    other = workspace.add_client("Other")
    other_case = save(workspace, other.id, "today", hire_and_wait[0])
    with pytest.raises(WorkspaceError, match=f"no saved case with id {other_case}"):
        workspace.set_headline(acme.id, other_case)


def test_marking_the_headline_needs_an_editor_role_a_viewer_is_refused(
    workspace: Workspace, hire_and_wait: tuple[Any, Any]
) -> None:
    anna = workspace.for_user("anna@example.com")
    client = anna.add_client("Acme")
    today_id = save(anna, client.id, "today", hire_and_wait[0])
    worse_id = save(anna, client.id, "worse case", hire_and_wait[1])
    anna.share_client(client.id, "ben@example.com", COLLABORATOR)
    anna.share_client(client.id, "carl@example.com", VIEWER)
    with pytest.raises(WorkspaceError, match="only its owner or a collaborator can mark its"):
        anna.for_user("carl@example.com").set_headline(client.id, worse_id)
    assert anna.client(client.id).headline.case_id == today_id  # type: ignore[union-attr]
    ben = anna.for_user("ben@example.com").set_headline(client.id, worse_id)
    assert ben.headline is not None and ben.headline.case_id == worse_id
    with pytest.raises(WorkspaceError, match=f"no client with id {client.id}"):
        anna.for_user("dave@example.com").set_headline(client.id, today_id)


def test_marking_the_headline_is_in_the_audit_trail(
    workspace: Workspace, hire_and_wait: tuple[Any, Any]
) -> None:
    client = workspace.add_client("Acme")
    save(workspace, client.id, "today", hire_and_wait[0])
    worse_id = save(workspace, client.id, "worse case", hire_and_wait[1])
    workspace.set_headline(client.id, worse_id)
    workspace.set_headline(client.id, worse_id)  # already the headline: nothing new happens
    marks = [e for e in workspace.audit_trail(client.id) if e.action == "headline"]
    assert [(e.case_id, e.detail, e.words) for e in marks] == [
        (worse_id, {"scenario": "worse case"}, "marked the headline case")
    ]


def test_the_headline_carries_its_hire_by_date_sector_and_country_as_saved(
    workspace: Workspace, hire_and_wait: tuple[Any, Any]
) -> None:
    big, small = hire_and_wait
    client = workspace.add_client("Acme")
    save(workspace, client.id, "today", big)
    headline = workspace.client(client.id).headline
    assert headline is not None
    # Hire now opens the search on the day of the assessment (the plan's definition).
    assert big[1].verdict.value == "hire_now"
    assert (headline.hire_by, headline.sector, headline.country) == ("2026-11-02", "SaaS", "ES")
    other = workspace.add_client("Small")
    save(workspace, other.id, "today", small)
    waiting = workspace.client(other.id).headline
    assert waiting is not None and (waiting.sector, waiting.country) == ("Agency", "PT")
    opens = small[1].plan.search_opens_on if small[1].plan else None
    assert waiting.hire_by == (opens.isoformat() if opens else None)


def _sqlite(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'desk.db'}"


def test_the_migration_gives_a_workspace_saved_before_headlines_its_headline_cases(
    tmp_path: Path, hire_and_wait: tuple[Any, Any]
) -> None:
    """The workspace is saved by this code, then taken back to 0008 (the columns dropped, as
    a workspace saved before headlines has none) and opened again, which upgrades it."""
    url = _sqlite(tmp_path)
    big, small = hire_and_wait
    with Workspace.open(url) as ws:
        acme = ws.add_client("Acme")
        today_id = save(ws, acme.id, "today", big)
        save(ws, acme.id, "worse case", small)
        plan_co = ws.add_client("Plan Co")
        first_id = save(ws, plan_co.id, "Q3 plan", small)
        save(ws, plan_co.id, "stretch", big)
    engine = create_engine(url)
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0008_branding")
    engine.dispose()
    columns = {
        row[1] for row in sqlite3.connect(tmp_path / "desk.db").execute("PRAGMA table_info(cases)")
    }
    assert "hire_by" not in columns and "sector" not in columns
    with Workspace.open(url) as ws:
        listed = {client.name: client.headline for client in ws.clients()}
    acme_head, plan_head = listed["Acme"], listed["Plan Co"]
    assert acme_head is not None and plan_head is not None
    assert (acme_head.case_id, acme_head.verdict) == (today_id, big[1].verdict.value)
    assert (acme_head.hire_by, acme_head.sector, acme_head.country) == ("2026-11-02", "SaaS", "ES")
    assert (plan_head.case_id, plan_head.scenario, plan_head.marked) == (first_id, "Q3 plan", False)
    assert (plan_head.sector, plan_head.country) == ("Agency", "PT")


def _listing_plan(workspace: Workspace) -> tuple[int, list[str]]:
    """How many statements the listing's main query took, and SQLite's plan for it."""
    seen: list[tuple[str, Any]] = []

    def listen(connection: Connection) -> list[str]:
        def grab(*args: Any) -> None:
            seen.append((args[2], args[3]))

        event.listen(connection, "before_cursor_execute", grab)
        try:
            list_clients(connection, workspace.actor)
        finally:
            event.remove(connection, "before_cursor_execute", grab)
        main = [(sql, params) for sql, params in seen if "headline" in sql]
        assert len(main) == 1, seen
        sql, params = main[0]
        return [
            str(row[3]) for row in connection.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params)
        ]

    plan = workspace._read(listen)
    return len(seen), plan


def test_the_listing_is_one_query_on_indexes_that_scans_no_case_or_history_rows(
    tmp_path: Path, hire_and_wait: tuple[Any, Any]
) -> None:
    with Workspace.open(_sqlite(tmp_path)) as workspace:
        for name in ("Acme", "Bolt", "Cobalt"):
            client = workspace.add_client(name)
            save(workspace, client.id, "today", hire_and_wait[0])
            save(workspace, client.id, "worse case", hire_and_wait[1])
        statements, plan = _listing_plan(workspace)
    assert statements <= 3, plan  # the clients with their figures; shares and names apart
    assert not [
        step for step in plan if step.startswith(("SCAN cases", "SCAN headline", "SCAN history"))
    ], plan
    assert any("USING COVERING INDEX history_client_latest" in step for step in plan), plan
    # The headline's columns come from the covering index, never from the case rows.
    assert any(
        step.startswith("SEARCH headline USING COVERING INDEX cases_headline (client_id=?)")
        for step in plan
    ), plan
    case_steps = [step for step in plan if step.startswith(("SEARCH cases", "SEARCH headline"))]
    assert case_steps and all(
        "COVERING INDEX" in step or "INTEGER PRIMARY KEY" in step for step in case_steps
    ), plan


def test_an_export_written_before_headlines_imports_with_its_headline_facts(
    tmp_path: Path, hire_and_wait: tuple[Any, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """A workspace export from before 0009 has no headline columns: they are read as none,
    and each case's hire-by date, sector and country come from its saved JSON."""
    from test_workspace_cli import run

    url = _sqlite(tmp_path)
    with Workspace.open(url) as ws:
        acme = ws.add_client("Acme")
        save(ws, acme.id, "today", hire_and_wait[0])
    assert (
        run(capsys, "workspace", "export", "--out", str(tmp_path / "a.json"), "--db", url)[0] == 0
    )
    data = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    for row in data["tables"]["clients"]:
        del row["headline_case_id"]
    for row in data["tables"]["cases"]:
        for column in ("hire_by", "sector", "country"):
            del row[column]
    (tmp_path / "old.json").write_text(json.dumps(data), encoding="utf-8")
    target = f"sqlite:///{tmp_path / 'restored.db'}"
    code, _out, err = run(capsys, "workspace", "import", str(tmp_path / "old.json"), "--db", target)
    assert (code, err) == (0, "")
    with Workspace.open(target) as ws:
        (client,) = ws.clients()
    head = client.headline
    assert head is not None and (head.scenario, head.marked) == ("today", False)
    assert (head.hire_by, head.sector, head.country) == ("2026-11-02", "SaaS", "ES")
