"""A workshop's consensus saved as a scenario from the Workshop page: a case of the client that
History, Compare and `advisor history` show, whose brief ends with where the team disagreed."""

from __future__ import annotations

import io
import json
from pathlib import Path

from apptest_support import go_to, open_app, page_text
from roles_support import deferred_downloads
from saved_cases import add_client, save_case
from streamlit.testing.v1 import AppTest

from advisor import cli
from advisor.brief.workshop_section import TITLE
from advisor.profile import parse_profile
from advisor.ui import compare_page, consensus_panel
from advisor.workspace.store import Workspace
from advisor.yamlio import read_document

ROOT = Path(__file__).resolve().parents[2]


def _workshop(url: str) -> tuple[int, int]:
    """Northwind's case "today" with a workshop: two of three say delivery is emerging."""
    base = dict(read_document(ROOT / "tests" / "rule_cases" / "base.yaml"))
    profile = parse_profile({**base, "company": "Northwind"})
    client = add_client(url, "Northwind")
    case_id = save_case(url, client, "today", profile).id
    with Workspace.open(url) as ws:
        ws.start_workshop(case_id)
        for name, maturity in (("Dana", "emerging"), ("Ravi", "emerging"), ("Kim", "ad_hoc")):
            _, token = ws.add_respondent(case_id, name, "delivery")
            ws.save_answer(token, "delivery_maturity", maturity)
    return client.id, case_id


def _workshop_page(client_id: int, case_id: int) -> AppTest:
    return open_app("Workshop", query_params={"client": str(client_id), "case": str(case_id)})


def test_the_consensus_saved_as_a_scenario_shows_in_history_compare_and_the_cli(
    workspace_url: str, capsys: object
) -> None:
    client_id, case_id = _workshop(workspace_url)
    at = _workshop_page(client_id, case_id)
    at.text_input(key=consensus_panel.NAME).set_value("team view").run()
    at.button(key="wk.save_consensus").click().run()
    assert "Saved team view for Northwind" in page_text(at)
    with Workspace.open(workspace_url) as ws:
        saved = ws.open_case(ws.find_case(client_id, "team view").id).document
    assert saved.profile["delivery_maturity"] == "emerging"  # two of three
    assert saved.workshop is not None and saved.workshop["from_scenario"] == "today"

    go_to(at, "History")
    (table,) = [t for t in at.dataframe if "Scenario" in t.value.columns]
    assert sorted(table.value["Scenario"]) == ["team view", "today"]
    go_to(at, "Compare")
    picker = at.multiselect(key=compare_page.PICK_CASES)
    assert sorted(picker.options) == ["team view", "today"]  # as the picker shows them
    assert any(column.endswith("team view") for column in at.dataframe[0].value.columns)

    out = io.StringIO()
    assert cli.main(["history", "--format", "json", "--db", workspace_url], out) == 0
    assert [point["scenario"] for point in json.loads(out.getvalue())] == ["today", "team view"]


def test_the_brief_of_the_opened_consensus_case_ends_with_where_the_team_disagreed(
    workspace_url: str,
) -> None:
    client_id, case_id = _workshop(workspace_url)
    at = _workshop_page(client_id, case_id)
    at.button(key="wk.save_consensus").click().run()
    with Workspace.open(workspace_url) as ws:
        consensus_id = ws.find_case(client_id, consensus_panel.DEFAULT_NAME).id
    with deferred_downloads() as made:
        role = open_app("Role", query_params={"client": str(client_id), "case": str(consensus_id)})
    # The brief itself, not its method appendix nor the hiring kit's memo.
    (markdown,) = [
        build
        for name, build in made.items()
        if name.startswith("am-brief-")
        and not name.startswith("am-brief-appendix-")
        and name.endswith(".md")
    ]
    text = markdown()
    assert TITLE in (text.decode() if isinstance(text, bytes) else text)
    assert "Dana" in (text.decode() if isinstance(text, bytes) else text)
    assert not role.exception


def test_saving_the_consensus_under_a_taken_name_says_so_and_saves_nothing(
    workspace_url: str,
) -> None:
    client_id, case_id = _workshop(workspace_url)
    at = _workshop_page(client_id, case_id)
    at.text_input(key=consensus_panel.NAME).set_value("today").run()
    at.button(key="wk.save_consensus").click().run()
    text = page_text(at)
    assert "Not saved: " in text and "already has a case named 'today'" in text
    assert at.text_input(key=consensus_panel.NAME).value == "today"  # kept as typed
    with Workspace.open(workspace_url) as ws:
        assert [case.scenario for case in ws.cases(client_id)] == ["today"]
