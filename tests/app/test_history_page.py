"""A client's history: every saved assessment charted by date, and what changed between two."""

from __future__ import annotations

from apptest_support import open_app, page_text, plotly_titles
from saved_cases import add_client, save_case

from advisor.profile import load_profile, updated_profile
from advisor.samples import sample_path
from advisor.ui import history_page

NORTHWIND = sample_path("Northwind Analytics (hire now)")


def test_history_charts_every_save_and_says_what_changed_between_two(workspace_url: str) -> None:
    client = add_client(workspace_url, "Northwind")
    first = load_profile(NORTHWIND)
    save_case(workspace_url, client, "today", first)
    smaller = updated_profile(first, {"active_accounts": 6})
    save_case(workspace_url, client, "shrunk", smaller)
    at = open_app("History")
    assert plotly_titles(at) == ["Readiness score and verdict by date"]
    (table,) = [t for t in at.dataframe if "Scenario" in t.value.columns]
    assert sorted(table.value["Scenario"]) == ["shrunk", "today"]
    text = page_text(at)
    assert "1 input changed" in text
    (changes,) = [t for t in at.dataframe if "Before" in t.value.columns]
    row = changes.value.to_dict("records")[0]
    assert row == {
        "Input": "Active client accounts",
        "Before": "22 accounts",
        "After": "6 accounts",
    }
    # Either order of picking reads oldest to newest.
    at.selectbox(key=history_page.BEFORE).set_value(at.selectbox(key=history_page.AFTER).value)
    at.run()
    assert "0 inputs changed" in page_text(at)


def test_history_of_a_client_without_saves_says_so(workspace_url: str) -> None:
    add_client(workspace_url, "Acorn")
    at = open_app("History")
    assert "Nothing saved for Acorn yet" in page_text(at)
