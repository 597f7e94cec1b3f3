"""A client's history: every saved assessment charted by date, and what changed between two."""

from __future__ import annotations

import json
from collections.abc import Collection
from typing import Any

import pytest
from apptest_support import open_app, page_text, plotly_titles
from saved_cases import add_client, save_case
from streamlit.testing.v1 import AppTest

from advisor.pack import pack_from_documents
from advisor.pack.uploads import default_documents
from advisor.profile import load_profile, updated_profile
from advisor.samples import sample_path
from advisor.ui import history_page
from advisor.workspace.model import WorkspaceError
from advisor.workspace.store import Workspace

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


def _shaded_bands(at: AppTest) -> list[tuple[float, float]]:
    (chart,) = at.get("plotly_chart")
    shapes: list[dict[str, Any]] = json.loads(chart.proto.spec)["layout"].get("shapes", [])
    return sorted((shape["y0"], shape["y1"]) for shape in shapes if shape.get("yref") == "y")


def test_history_shades_the_bands_its_points_were_judged_by(workspace_url: str) -> None:
    client = add_client(workspace_url, "Northwind")
    save_case(workspace_url, client, "today", load_profile(NORTHWIND))
    at = open_app("History")
    assert _shaded_bands(at) == [(30, 55), (55, 100)]
    assert "No score bands are shaded" not in page_text(at)


def test_history_on_packs_with_other_bands_shades_none_and_says_why(workspace_url: str) -> None:
    """Bands of today's pack behind points judged on a stricter pack would contradict them."""
    strict_files = [
        (name, content.replace(b"hire_now_at: 55", b"hire_now_at: 70"))
        for name, content in default_documents()
    ]
    stricter = pack_from_documents(strict_files)
    client = add_client(workspace_url, "Northwind")
    profile = load_profile(NORTHWIND)
    save_case(workspace_url, client, "strict", profile, pack=stricter, documents=strict_files)
    at = open_app("History")
    assert _shaded_bands(at) == [(30, 70), (70, 100)]  # the stricter pack's own bands
    save_case(workspace_url, client, "today", profile)
    at = open_app("History")
    assert _shaded_bands(at) == []
    assert (
        "No score bands are shaded: the points were judged on rule packs with different bands "
        "(prepare from 30, hire now from 55; prepare from 30, hire now from 70)."
    ) in page_text(at)


def test_history_reads_each_packs_files_once_a_session(
    workspace_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every rerun of the page (each pick of two points) would otherwise fetch and parse every
    stored pack again."""
    client = add_client(workspace_url, "Northwind")
    first = load_profile(NORTHWIND)
    save_case(workspace_url, client, "today", first)
    save_case(workspace_url, client, "shrunk", updated_profile(first, {"active_accounts": 6}))
    fetched: list[tuple[str, ...]] = []
    original = Workspace.history_pack_files

    def counting(self: Workspace, client_id: int, known: Collection[str] = ()) -> Any:
        found = original(self, client_id, known)
        fetched.append(tuple(found))
        return found

    monkeypatch.setattr(Workspace, "history_pack_files", counting)
    at = open_app("History")
    at.selectbox(key=history_page.BEFORE).set_value(at.selectbox(key=history_page.AFTER).value)
    at.run()
    assert fetched == [(), ()]  # the shipped pack's bands are known without reading its files
    assert _shaded_bands(at) == [(30, 55), (55, 100)]


def test_history_says_so_when_the_stored_packs_cannot_be_read(
    workspace_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading the packs' bands is a query like the history's own: a failing database gets the
    page's message, not a traceback."""
    client = add_client(workspace_url, "Northwind")
    save_case(workspace_url, client, "today", load_profile(NORTHWIND))

    def busy(self: Workspace, client_id: int, known: Collection[str] = ()) -> Any:
        raise WorkspaceError.single("the database is busy; nothing was read")

    monkeypatch.setattr(Workspace, "history_pack_files", busy)
    at = open_app("History")
    assert not at.exception
    assert "the database is busy; nothing was read" in page_text(at)
