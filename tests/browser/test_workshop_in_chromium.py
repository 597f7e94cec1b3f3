"""A workshop in a real browser: two respondents answer through their own links, each in a
browser context of their own, and the consultant's Workshop page shows both."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import ROOT, StreamlitServer, running_app
from test_app_in_chromium import expect

from advisor.engine import evaluate
from advisor.pack import load_pack
from advisor.pack.uploads import default_documents
from advisor.profile import parse_profile, profile_to_dict
from advisor.workspace.model import CaseDocument
from advisor.workspace.store import Workspace
from advisor.yamlio import read_document

pytestmark = pytest.mark.browser


@pytest.fixture
def workshop_server(
    browser_available: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[StreamlitServer, dict[str, str]]]:
    """An app on a fresh workspace holding one saved case with a workshop of two respondents."""
    url = f"sqlite:///{tmp_path / 'workspace.db'}"
    monkeypatch.setenv("ADVISOR_DATABASE_URL", url)
    base = dict(read_document(ROOT / "tests" / "rule_cases" / "base.yaml"))
    profile = parse_profile({**base, "churn_trend": "rising", "company": "Northwind"})
    pack = load_pack()
    document = CaseDocument(profile_to_dict(profile), None, None, pack.digest)
    with Workspace.open(url) as ws:
        client = ws.add_client("Northwind")
        case = ws.save_case(
            client.id, "today", document, evaluate(profile, pack), default_documents()
        )
        ws.start_workshop(case.id)
        tokens = {name: ws.add_respondent(case.id, name)[1] for name in ("Dana", "Ravi")}
    with running_app(ROOT / "app.py") as server:
        yield server, tokens


def _answer(page: Any, question: str, choice: str) -> None:
    group = page.get_by_role("radiogroup", name=re.compile(re.escape(question)))
    group.get_by_text(choice, exact=True).click()
    expect(page.get_by_text("Saved.")).to_be_visible()


def test_two_respondents_answer_through_their_links_and_the_results_show_both(
    browser: Any, workshop_server: tuple[StreamlitServer, dict[str, str]]
) -> None:
    server, tokens = workshop_server
    contexts = [browser.new_context(viewport={"width": 1200, "height": 1000}) for _ in tokens]
    try:
        for context, (name, choice) in zip(
            contexts, (("Dana", "Standardised"), ("Ravi", "Emerging")), strict=True
        ):
            context.set_default_timeout(30_000)
            page = context.new_page()
            page.goto(f"{server.url}/?workshop={tokens[name]}")
            expect(page.get_by_text(re.compile(f"answering as {name}"))).to_be_visible()
            expect(page.get_by_test_id("stSidebarNavLink")).to_have_count(0)
            _answer(page, "How standardised is the way your team delivers", choice)
        consultant = browser.new_context(
            viewport={"width": 1400, "height": 1000}, accept_downloads=True
        )
        contexts.append(consultant)
        consultant.set_default_timeout(30_000)
        page = consultant.new_page()
        page.goto(f"{server.url}/cases")
        page.get_by_role("button", name="Open into the session").click()
        expect(page.get_by_test_id("stSidebar").get_by_text("No unsaved changes.")).to_be_visible()
        page.get_by_test_id("stSidebarNavLink").filter(has_text="Workshop").click()
        expect(page.get_by_role("heading", name="Decisive disagreements")).to_be_visible()
        expect(page.get_by_text(re.compile(r"“Standardised” \(Dana\)"))).to_be_visible()
        with page.expect_download() as download:
            page.get_by_role("button", name="Markdown", exact=True).click()
        brief = Path(download.value.path()).read_text("utf-8")
        assert "Where the team disagreed" in brief
        assert "Dana" in brief and "Ravi" in brief
    finally:
        for context in contexts:
            context.close()


def test_the_room_view_is_the_whole_window_with_one_score_and_refreshes_itself(
    browser: Any, workshop_server: tuple[StreamlitServer, dict[str, str]]
) -> None:
    server, tokens = workshop_server
    url = os.environ["ADVISOR_DATABASE_URL"]
    with Workspace.open(url) as ws:
        ws.save_answer(tokens["Dana"], "delivery_maturity", "standardised")
        ws.save_answer(tokens["Ravi"], "churn_trend", "rising")
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        context.set_default_timeout(30_000)
        page = context.new_page()
        page.goto(f"{server.url}/cases")
        page.get_by_role("button", name="Open into the session").click()
        expect(page.get_by_test_id("stSidebar").get_by_text("No unsaved changes.")).to_be_visible()
        page.get_by_test_id("stSidebarNavLink").filter(has_text="Workshop").click()
        page.get_by_role("button", name="Room view").click()
        expect(page.get_by_text("Leave the room view")).to_be_visible()
        # No sidebar, no navigation, no page header: the room is the whole window.
        expect(page.get_by_test_id("stSidebar")).to_be_hidden()
        expect(page.get_by_test_id("stSidebarNavLink").first).to_be_hidden()
        expect(page.get_by_test_id("stHeader")).to_be_hidden()
        # The verdict, and one score: the consensus's, never the saved case's beside it.
        heading = page.get_by_role("heading", level=1)
        expect(heading).to_have_count(1)  # the verdict, without the page's title above it
        expect(heading).to_have_text(re.compile("Prepare to hire|Hire an Account Manager now"))
        expect(page.get_by_text("The team's consensus")).to_be_visible()
        main = page.get_by_test_id("stMain").inner_text()
        assert len(re.findall(r"\d+/100", main)) == 1, main
        assert "Readiness" not in main
        expect(page.get_by_text("2 of 2 have answered.")).to_be_visible()
        # A new answer shows by itself, the page not run again.
        with Workspace.open(url) as ws:
            ws.save_answer(tokens["Ravi"], "delivery_maturity", "emerging")
        started = time.perf_counter()
        expect(page.get_by_text(re.compile(r"“Standardised” \(1 person\)"))).to_be_visible(
            timeout=20_000
        )
        print(f"room view showed a new answer after {time.perf_counter() - started:.1f} s")
        expect(page.get_by_text("Dana")).to_have_count(0)  # names only once allowed
    finally:
        context.close()


def test_a_respondent_answers_in_spanish_through_a_link_with_lang_es(
    browser: Any, workshop_server: tuple[StreamlitServer, dict[str, str]]
) -> None:
    """A phone-sized window: the questions, the answers, the save's confirmation (written by a
    callback, in a thread of its own) and the thank-you all read in the link's language."""
    server, tokens = workshop_server
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        context.set_default_timeout(30_000)
        page = context.new_page()
        page.goto(f"{server.url}/?workshop={tokens['Dana']}&lang=es")
        expect(page.get_by_text(re.compile("Respondes como Dana"))).to_be_visible()
        question = "¿Se hace la incorporación de cada cliente nuevo de la misma forma?"
        group = page.get_by_role("radiogroup", name=re.compile(re.escape(question)))
        group.get_by_text("Sí", exact=True).click()
        expect(page.get_by_text("Guardada.")).to_be_visible()
        page.get_by_role("button", name="He terminado").click()
        expect(page.get_by_text("Gracias, Dana")).to_be_visible()
        expect(page.get_by_text(re.compile("1 de 9 preguntas respondidas"))).to_be_visible()
    finally:
        context.close()
