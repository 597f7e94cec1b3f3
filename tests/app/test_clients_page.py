"""The Clients page: list and search, create, rename, archive, delete with undo, bad databases."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from apptest_support import go_to, open_app, page_text
from saved_cases import add_client, save_case

from advisor.engine import evaluate
from advisor.pack import load_pack
from advisor.profile import load_profile
from advisor.samples import sample_path
from advisor.ui import clients_page
from advisor.workspace.session import verdict_words
from advisor.workspace.store import Workspace

NORTHWIND = sample_path("Northwind Analytics (hire now)")
FERRO = "Ferro Industrial Consulting (fix delivery first)"


def _table_rows(at: object) -> list[dict[str, object]]:
    """The rows of the clients table (the page may also show the chosen client's audit trail)."""
    (table,) = [t for t in at.dataframe if "Headline case" in t.value.columns]  # type: ignore[attr-defined]
    rows: list[dict[str, object]] = table.value.to_dict("records")
    return rows


def test_the_page_lists_each_client_with_its_headline_verdict_score_and_cases(
    workspace_url: str,
) -> None:
    client = add_client(workspace_url, "Northwind")
    save_case(workspace_url, client, "today", load_profile(NORTHWIND))
    add_client(workspace_url, "Acorn")
    at = open_app("Clients")
    rows = {row["Client"]: row for row in _table_rows(at)}
    expected = evaluate(load_profile(NORTHWIND), load_pack())
    assert rows["Northwind"]["Verdict"] == verdict_words(expected.verdict.value)
    assert rows["Northwind"]["Headline case"] == "today"
    assert rows["Northwind"]["Cases"] == 1
    assert rows["Northwind"]["Re-assessed"]
    assert rows["Acorn"]["Cases"] == 0
    assert "One local workspace" in page_text(at)
    assert "127.0.0.1" in page_text(at)


def test_a_client_with_nothing_saved_shows_a_blank_score_not_none(workspace_url: str) -> None:
    client = add_client(workspace_url, "Northwind")
    save_case(workspace_url, client, "today", load_profile(NORTHWIND))
    add_client(workspace_url, "Acorn")
    rows = {row["Client"]: row for row in _table_rows(open_app("Clients"))}
    assert rows["Acorn"]["Score"] == "" and rows["Acorn"]["Verdict"] == ""
    assert re.fullmatch(r"\d+/100", rows["Northwind"]["Score"])


def test_a_gated_client_shows_not_scored_never_a_score(workspace_url: str) -> None:
    """The delivery gate decides Ferro's verdict: its row says "not scored", not the score the
    other rules add up to (which would read as a "go" beside the others)."""
    client = add_client(workspace_url, "Ferro")
    save_case(workspace_url, client, "today", load_profile(sample_path(FERRO)))
    rows = {row["Client"]: row for row in _table_rows(open_app("Clients"))}
    assert rows["Ferro"]["Verdict"] == "Fix delivery first"
    assert rows["Ferro"]["Score"] == "not scored"


def test_search_finds_clients_by_any_part_of_the_name(workspace_url: str) -> None:
    add_client(workspace_url, "Northwind Analytics")
    add_client(workspace_url, "Acorn Labs")
    at = open_app("Clients")
    at.text_input(key=clients_page.SEARCH).set_value("north").run()
    assert [row["Client"] for row in _table_rows(at)] == ["Northwind Analytics"]


def test_a_client_is_created_renamed_and_archived(workspace_url: str) -> None:
    at = open_app("Clients")
    assert "No clients yet" in page_text(at)
    at.text_input(key=clients_page.NEW_NAME).set_value("Brightpath").run()
    at.button(key="clients.add").click().run()
    assert "Added the client Brightpath." in page_text(at)
    at.text_input(key=clients_page.RENAME).set_value("Brightpath Ltd").run()
    at.button(key="clients.rename_button").click().run()
    assert [row["Client"] for row in _table_rows(at)] == ["Brightpath Ltd"]
    at.button(key="clients.archive").click().run()
    assert "No clients yet" in page_text(at) or not at.dataframe
    at.checkbox(key=clients_page.SHOW_ARCHIVED).check().run()
    assert _table_rows(at)[0]["Archived"] == "archived"


def test_a_taken_name_is_refused_and_the_typed_name_kept(workspace_url: str) -> None:
    add_client(workspace_url, "Acorn")
    at = open_app("Clients")
    at.text_input(key=clients_page.NEW_NAME).set_value("acorn").run()
    at.button(key="clients.add").click().run()
    assert at.main.error
    assert at.text_input(key=clients_page.NEW_NAME).value == "acorn"


def test_an_outcome_stays_while_the_next_name_is_typed(workspace_url: str) -> None:
    """Enter in the name box runs the page again: a message that vanished on that run pulled
    the Add button up from under the pointer."""
    add_client(workspace_url, "Acorn")
    at = open_app("Clients")
    at.text_input(key=clients_page.NEW_NAME).set_value("acorn").run()
    at.button(key="clients.add").click().run()
    at.text_input(key=clients_page.NEW_NAME).set_value("Acorn Labs").run()
    assert "you already have a client named 'Acorn'" in page_text(at)  # still there
    at.button(key="clients.add").click().run()
    assert "Added the client Acorn Labs." in page_text(at)
    assert "you already have a client" not in page_text(at)
    at.text_input(key=clients_page.NEW_NAME).set_value("Brightpath").run()
    assert "Added the client Acorn Labs." in page_text(at)


def test_delete_asks_first_and_undo_brings_the_client_back_with_its_cases(
    workspace_url: str,
) -> None:
    client = add_client(workspace_url, "Ferro")
    save_case(workspace_url, client, "today", load_profile(NORTHWIND))
    at = open_app("Clients")
    at.button(key="clients.delete").click().run()
    assert "Delete Ferro and its 1 saved case" in page_text(at)
    at.button(key="clients.delete_no").click().run()
    assert [row["Client"] for row in _table_rows(at)] == ["Ferro"]

    at.button(key="clients.delete").click().run()
    at.button(key="clients.delete_yes").click().run()
    assert not [t for t in at.dataframe if "Headline case" in t.value.columns]
    assert "Deleted Ferro." in page_text(at)
    with Workspace.open(workspace_url) as ws:
        assert ws.clients() == []

    at.button(key="clients.undo").click().run()
    rows = _table_rows(at)
    assert [row["Client"] for row in rows] == ["Ferro"]
    assert rows[0]["Cases"] == 1
    assert "Restored Ferro" in page_text(at)


def test_hostile_client_names_show_as_literal_text(workspace_url: str) -> None:
    formula = "=cmd|' /C calc'!A0"
    markup = "**Bold** <b>x</b> $x^2$ [link](http://evil)"
    add_client(workspace_url, formula)
    marked = add_client(workspace_url, markup)
    at = open_app("Clients")
    names = sorted(row["Client"] for row in _table_rows(at))
    assert names == sorted(["'" + formula, markup])  # the CSV download reads it as text
    chooser = at.selectbox(key=clients_page.CHOSEN)
    assert sorted(chooser.options) == sorted([formula, markup])  # options are plain text
    chooser.set_value(marked.id).run()
    assert at.text_input(key=clients_page.RENAME).value == markup
    at.button(key="clients.delete").click().run()
    at.button(key="clients.delete_yes").click().run()
    assert f"Deleted {markup}." in page_text(at)
    shown = [*at.main.markdown, *at.main.info, *at.main.warning, *at.main.caption]
    for element in shown:
        assert "**Bold**" not in element.value  # escaped: never drawn bold
        assert "<b>" not in element.value


def test_a_database_that_cannot_be_opened_is_a_message_and_the_rest_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("ADVISOR_DATABASE_URL", f"sqlite:///{blocked / 'advisor.db'}")
    at = open_app("Clients")
    assert "The workspace database could not be opened" in page_text(at)
    assert "Assess, Recommendation, Role, Portfolio and Rules work without it" in page_text(at)
    for page in ("Cases", "History", "Compare", "Assess", "Recommendation"):
        go_to(at, page)
    assert "readiness" in page_text(at)
