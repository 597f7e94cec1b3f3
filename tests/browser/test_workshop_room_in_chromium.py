"""The workshop in the room, in Chromium: a respondent's phone at 390×844 (questions in words, a
progress count, multi-line comments, labels above their widgets, each answer saved without
re-running the page, "I'm done" and a thank-you), the printable sheet of links, and revoking a
respondent who answered only after saying what it does to the consensus.

Each tap's time from the click until its card says "Saved." is printed (run with -s to see it):
that is the number to watch, a tap used to re-run the whole questionnaire.
"""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import ROOT, StreamlitServer, running_app
from pypdf import PdfReader
from test_app_in_chromium import expect

from advisor.engine import evaluate
from advisor.pack import load_pack
from advisor.pack.uploads import default_documents
from advisor.profile import parse_profile, profile_to_dict
from advisor.workshop import QUESTIONS
from advisor.workspace.model import CaseDocument
from advisor.workspace.store import Workspace
from advisor.yamlio import read_document

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
# Bounds a loaded machine keeps to (the printed times are the measurement): a tap that waits
# longer is felt as a page that hangs.
MEDIAN_TAP_LIMIT_S = 2.5
TAP_LIMIT_S = 6.0


@pytest.fixture
def room(
    browser_available: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[StreamlitServer, str, int, dict[str, str]]]:
    """An app on a fresh workspace: one saved case with a workshop of Ana, Ben and Cleo."""
    url = f"sqlite:///{tmp_path / 'workspace.db'}"
    monkeypatch.setenv("ADVISOR_DATABASE_URL", url)
    base = dict(read_document(ROOT / "tests" / "rule_cases" / "base.yaml"))
    profile = parse_profile({**base, "company": "Northwind"})
    pack = load_pack()
    document = CaseDocument(profile_to_dict(profile), None, None, pack.digest)
    with Workspace.open(url) as ws:
        client = ws.add_client("Northwind")
        case = ws.save_case(
            client.id, "today", document, evaluate(profile, pack), default_documents()
        )
        ws.start_workshop(case.id)
        tokens = {name: ws.add_respondent(case.id, name)[1] for name in ("Ana", "Ben", "Cleo")}
    with running_app(ROOT / "app.py") as server:
        yield server, url, case.id, tokens


def _card(page: Any, field: str) -> Any:
    return page.locator(f".st-key-wq-card-{field}")


def _tap(page: Any, field: str, choice: str) -> float:
    """Tap an answer; the seconds until its card says it is saved."""
    card = _card(page, field)
    option = card.get_by_role("radiogroup").get_by_text(choice, exact=True)
    option.scroll_into_view_if_needed()
    start = time.perf_counter()
    option.click()
    expect(card.get_by_text("Saved.", exact=True)).to_be_visible()
    return time.perf_counter() - start


def test_a_respondent_answers_on_a_phone(
    browser: Any, room: tuple[StreamlitServer, str, int, dict[str, str]]
) -> None:
    server, url, case_id, tokens = room
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(30_000)
    try:
        page = context.new_page()
        page.goto(f"{server.url}/?workshop={tokens['Ana']}")
        expect(page.get_by_text(re.compile("answering as Ana"))).to_be_visible()
        total = len(QUESTIONS)
        expect(page.get_by_text(f"0 of {total} questions answered")).to_be_visible()
        # The page fits the phone: nothing runs off to the side.
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        # Every question is asked in words, its label above its answers.
        for question in QUESTIONS:
            card = _card(page, question.field)
            label = card.get_by_text(question.text)
            expect(label).to_be_visible()
            widget = (
                card.locator("input[type=number]")
                if question.kind == "count"
                else card.get_by_role("radiogroup")
            )
            label_box, widget_box = label.bounding_box(), widget.bounding_box()
            assert label_box["y"] + label_box["height"] <= widget_box["y"] + 1, question.field
        taps = [
            _tap(page, "delivery_maturity", "Standardised"),
            _tap(page, "churn_trend", "Rising"),
            _tap(page, "unworked_upsell", "Yes"),
            _tap(page, "onboarding_consistent", "No"),
            _tap(page, "churn_trend", "Stable"),  # a changed answer is saved again
        ]
        shown = ", ".join(f"{tap * 1000:.0f}" for tap in taps)
        print(
            f"\ntap-to-saved at 390x844: {shown} ms; median {statistics.median(taps) * 1000:.0f} "
            f"ms, max {max(taps) * 1000:.0f} ms"
        )
        assert statistics.median(taps) < MEDIAN_TAP_LIMIT_S and max(taps) < TAP_LIMIT_S
        expect(page.get_by_text(f"4 of {total} questions answered")).to_be_visible()
        comment = _card(page, "unworked_upsell").get_by_role("textbox")
        comment.fill("Two accounts asked for a second team.\nNobody followed up.")
        comment.blur()
        expect(_card(page, "unworked_upsell").get_by_text("Saved.", exact=True)).to_be_visible()
        page.get_by_role("button", name="I'm done").click()
        expect(page.get_by_role("heading", name="Thank you, Ana")).to_be_visible()
        expect(
            page.get_by_text(f"Your answers are saved: 4 of {total} questions answered.")
        ).to_be_visible()
        expect(page.get_by_test_id("stProgress")).to_have_count(0)
        expect(page.get_by_role("radiogroup")).to_have_count(0)
        # For comparison on the same machine: the whole questionnaire drawn again in one run.
        start = time.perf_counter()
        page.get_by_role("button", name="Change my answers").click()
        expect(_card(page, "renewal_lead_days").get_by_text("Not answered yet.")).to_be_visible()
        print(f"whole questionnaire run: {(time.perf_counter() - start) * 1000:.0f} ms")
    finally:
        context.close()
    with Workspace.open(url) as ws:
        (ana, *_others) = ws.workshop_answers(case_id)
    assert ana.answer("churn_trend").value == "stable"
    assert ana.answer("unworked_upsell").comment == (
        "Two accounts asked for a second team.\nNobody followed up."
    )


def _consultant(browser: Any, server: StreamlitServer) -> tuple[Any, Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.goto(f"{server.url}/cases")
    page.get_by_role("button", name="Open into the session").click()
    expect(page.get_by_test_id("stSidebar").get_by_text("No unsaved changes.")).to_be_visible()
    page.get_by_test_id("stSidebarNavLink").filter(has_text="Workshop").click()
    expect(page.get_by_role("heading", name="Respondents")).to_be_visible()
    return context, page


def test_the_new_links_print_as_a_sheet_with_every_name(
    browser: Any, room: tuple[StreamlitServer, str, int, dict[str, str]]
) -> None:
    server, _url, _case_id, _tokens = room
    context, page = _consultant(browser, server)
    try:
        names = page.get_by_role("textbox", name="Names, one a line")
        names.fill("Dana Lee, delivery\nRavi Kumar\nTomás Vidal, founder")
        names.blur()
        page.get_by_role("button", name="Add respondents").click()
        expect(page.get_by_text("3 new links", exact=False)).to_be_visible()
        expect(page.get_by_test_id("stImage")).to_have_count(3)  # a QR code each
        expect(page.get_by_text("QR code of Ravi Kumar's link")).to_be_visible()
        with page.expect_download() as download:
            page.get_by_role("button", name="Printable sheet (PDF)").click()
        reader = PdfReader(download.value.path())
        text = "".join(p.extract_text() for p in reader.pages)
        for name in ("Dana Lee", "Ravi Kumar", "Tomás Vidal"):
            assert name in text
        assert text.count("?workshop=") == 3
    finally:
        context.close()


def _choose(page: Any, box: str, option: str) -> None:
    """Pick an option of a select box; a list that the page draws again while it is open
    (the option detached under the pointer) is opened again, a few times at most."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for _ in range(4):
        page.get_by_role("combobox", name=box).click()
        try:
            page.get_by_role("option", name=option).click(timeout=7_000)
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
            continue
        return
    raise AssertionError(f"the option {option!r} of {box!r} could not be picked")


def test_revoking_a_respondent_who_answered_asks_first(
    browser: Any, room: tuple[StreamlitServer, str, int, dict[str, str]]
) -> None:
    server, url, case_id, tokens = room
    with Workspace.open(url) as ws:
        for name, delivery in (
            ("Ana", "standardised"),
            ("Ben", "standardised"),
            ("Cleo", "emerging"),
        ):
            ws.save_answer(tokens[name], "delivery_maturity", delivery)
    context, page = _consultant(browser, server)
    try:
        # The page has drawn everything (down to its last element, the readout's download)
        # before a box is opened: an element drawn later re-renders the page under the open box.
        expect(page.get_by_role("heading", name="The consensus verdict")).to_be_visible()
        expect(page.get_by_role("button", name="Slides (PPTX)")).to_be_visible()
        _choose(page, "A respondent's link", "Ben")
        page.get_by_role("button", name="Revoke the link").click()
        warning = page.get_by_text(
            re.compile("the consensus verdict changes from .* to Fix delivery first")
        )
        expect(warning).to_be_visible()
        with Workspace.open(url) as ws:
            assert not any(r.revoked for r in ws.workshop(case_id).respondents)  # type: ignore[union-attr]
        page.get_by_role("button", name="Yes, revoke the link").click()
        expect(page.get_by_text(re.compile("the consensus verdict changes from"))).to_have_count(0)
        with Workspace.open(url) as ws:
            revoked = {r.name: r.revoked for r in ws.workshop(case_id).respondents}  # type: ignore[union-attr]
        assert revoked == {"Ana": False, "Ben": True, "Cleo": False}
    finally:
        context.close()
