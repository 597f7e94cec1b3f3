"""The audit trail in the app: its owner reads it (who, what, when in their own time zone, the
detail), nobody else does; every download of a saved client's document is recorded in it."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

import pytest
from apptest_support import assert_no_exception, go_to, open_app, page_text, table_with_column
from roles_support import (
    ANNA,
    CARL,
    Scene,
    deferred_downloads,
    make_scene,
    open_page,
    save,
    signed_in_app,
    with_case_open,
)

from advisor.wording import local_minute
from advisor.workspace.audit import EXPORT
from advisor.workspace.identity import Actor
from advisor.workspace.roles import VIEWER
from advisor.workspace.store import Workspace

KOLKATA = "Asia/Kolkata"  # UTC+05:30: a minute-exact conversion shows


@pytest.fixture
def scene(workspace_url: str) -> Scene:
    return make_scene(workspace_url)


def test_the_owner_reads_the_trail_newest_first_in_their_own_time(scene: Scene) -> None:
    anna = open_page(signed_in_app(ANNA, timezone=KOLKATA), "Clients")
    with scene.owner() as ws:
        events = ws.audit_trail(scene.client_id)
    rows = table_with_column(anna, "Who").value.to_dict("records")
    assert [row["What"] for row in rows] == [event.words for event in events]
    assert [row["What"] for row in rows] == [
        "shared the client",
        "shared the client",
        "issued a respondent's link",
        "opened a workshop",
    ]
    newest = rows[0]
    assert newest["Who"] == ANNA
    assert newest["Detail"] == f"colleague {CARL}, role viewer"
    assert newest["When"] == local_minute(events[0].at, ZoneInfo(KOLKATA))
    assert newest["When"] != local_minute(events[0].at, ZoneInfo("UTC"))
    assert rows[2]["Case"] == "today" and rows[2]["Detail"] == "respondent Dana"
    assert rows[3]["Detail"].startswith("links work until ")
    assert f"times in {KOLKATA}" in page_text(anna)


def test_a_signed_in_colleague_is_named_by_their_address_in_the_trail(scene: Scene) -> None:
    carl = with_case_open(VIEWER, "Role")
    with deferred_downloads() as made:
        carl.run()
    made["am-brief-acme.md"]()
    anna = open_page(signed_in_app(ANNA), "Clients")
    newest = table_with_column(anna, "Who").value.to_dict("records")[0]
    assert (newest["Who"], newest["What"], newest["Case"]) == (
        CARL,
        "exported a document",
        "today",
    )
    assert newest["Detail"] == "document brief.md"


def exports(scene: Scene) -> list[tuple[str, int | None, str]]:
    with scene.owner() as ws:
        events = ws.audit_trail(scene.client_id)
    return [(e.actor, e.case_id, e.detail["document"]) for e in events if e.action == EXPORT]


def _signed_in_key(email: str) -> str:
    return f"oidc:https://id.example.com#sub-{email}"


@pytest.mark.parametrize(
    ("page", "file_name", "document", "whole_client"),
    [
        ("Role", "am-brief-acme.md", "brief.md", False),
        ("Role", "am-brief-acme.json", "brief.json", False),
        ("Role", "am-role-edits-acme.json", "role-edits.json", False),
        ("Role", "acme-memo.pdf", "kit/memo.pdf", False),
        ("Assess", "acme.yaml", "profile.yaml", False),
        ("Workshop", "am-brief-acme.md", "workshop-brief.md", False),
        ("Compare", "acme-comparison.md", "comparison.md", True),
        ("Compare", "acme-comparison.xlsx", "comparison.xlsx", True),
    ],
)
def test_every_download_of_a_saved_client_s_document_is_recorded(
    scene: Scene, page: str, file_name: str, document: str, whole_client: bool
) -> None:
    with scene.owner() as ws:
        save(ws, scene.client_id, "after hiring", active_accounts=40)
    viewer = with_case_open(VIEWER, "Cases")  # a viewer may export: it is recorded all the same
    with deferred_downloads() as made:
        go_to(viewer, page)
    assert exports(scene) == []  # drawing the button records nothing
    data: Any = made[file_name]()
    assert data  # the document itself
    expected_case = None if whole_client else scene.case_id
    assert exports(scene) == [(_signed_in_key(CARL), expected_case, document)]


def test_a_download_of_inputs_that_are_no_saved_case_records_nothing(workspace_url: str) -> None:
    at = open_app("Role")
    with deferred_downloads() as made:
        at.run()
    assert made["am-brief-northwind-analytics.md"]().startswith(b"#")
    with Workspace.open(workspace_url) as ws:
        assert ws.audit_trail() == []


def test_a_download_whose_export_is_refused_builds_nothing(scene: Scene) -> None:
    """A viewer whose share ended after the page was drawn gets no file: the record comes
    first, and the store refuses it."""
    carl = with_case_open(VIEWER, "Role")
    with deferred_downloads() as made:
        carl.run()
    assert_no_exception(carl)
    with scene.owner() as ws:
        ws.unshare_client(scene.client_id, CARL)
    with pytest.raises(Exception, match="no client with id"):
        made["am-brief-acme.md"]()
    assert exports(scene) == []


def test_the_trail_s_names_are_the_consultants_addresses() -> None:
    from advisor.workspace.trail import name_of

    assert name_of("email:ben@example.com", {}) == "ben@example.com"
    assert name_of(Actor("oidc:https://id#x").key, {"oidc:https://id#x": "Ben"}) == "Ben"
    assert name_of("local", {}) == "the local workspace"
