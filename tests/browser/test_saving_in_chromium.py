"""Every save in a real browser lands or says why, with two app processes on one Postgres.

Two consultants, each on an app process of their own, save scenarios of one client in turns.
Each types a scenario name, presses Enter and clicks "Save as new" where the button was when
they pressed Enter, as a person aims. Enter runs the page again, and that run shows the case
the other consultant has just saved: the new row used to push the button down under the
pointer, and the click landed beside it and did nothing, with no message.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from browser_support import ROOT, StreamlitServer
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from test_app_in_chromium import expect

from advisor.workspace import Workspace

pytestmark = pytest.mark.browser

CLIENT = "Acme"
ROUNDS = 10  # saves per consultant: the old page missed a click in most of them


class Runs:
    """Counts the page's script runs from the app's own messages on its websocket, so a test
    can wait for the run its keystroke started to be over (the run-state attribute in the page
    is not enough: a quick run can start and end within one render and never change it)."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.started = self.finished = 0
        page.on("websocket", self._socket)

    def _socket(self, socket: Any) -> None:
        if socket.url.endswith("/_stcore/stream"):
            socket.on("framereceived", self._frame)

    def _frame(self, payload: str | bytes) -> None:
        if isinstance(payload, str):
            return
        kind = ForwardMsg.FromString(payload).WhichOneof("type")
        if kind == "new_session":  # sent as each run starts
            self.started += 1
        elif kind == "script_finished":
            self.finished += 1

    def wait_until(self, done: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + 30
        while not done():
            if time.monotonic() > deadline:
                raise AssertionError(f"waited 30 s for {what}")
            self.page.wait_for_timeout(20)  # lets playwright deliver the socket's messages

    def idle(self) -> bool:
        return self.started > 0 and self.finished >= self.started


@pytest.fixture
def two_apps(browser_available: None, team_database: str) -> Iterator[list[StreamlitServer]]:
    with Workspace.open(team_database) as workspace:
        workspace.add_client(CLIENT)
    servers = [
        StreamlitServer(ROOT / "app.py", env={"ADVISOR_DATABASE_URL": team_database})
        for _ in range(2)
    ]
    try:
        for server in servers:
            server.start()
        for server in servers:
            server.wait_ready()
        yield servers
    finally:
        for server in servers:
            server.stop()


def _open_cases(browser: Any, server: StreamlitServer) -> tuple[Any, Runs]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(30_000)
    page = context.new_page()
    runs = Runs(page)
    page.goto(f"{server.url}/cases")
    expect(page.get_by_role("heading", name="Cases", exact=True)).to_be_visible()
    expect(page.get_by_label("Scenario name", exact=True)).to_be_visible()
    return page, runs


def _type_enter_and_click(page: Any, runs: Runs, scenario: str, button_name: str) -> None:
    """Type the name, press Enter, and once that run is over click where the button was."""
    runs.wait_until(runs.idle, "the page to finish its run")
    box = page.get_by_label("Scenario name", exact=True)
    button = page.get_by_role("button", name=button_name, exact=True)
    button.scroll_into_view_if_needed()
    box.fill(scenario)
    seen = button.bounding_box()
    before = runs.finished
    box.press("Enter")
    runs.wait_until(lambda: runs.finished > before and runs.idle(), "the run Enter started")
    page.mouse.click(seen["x"] + seen["width"] / 2, seen["y"] + seen["height"] / 2)


def test_save_as_new_right_after_enter_always_lands_or_says_why_with_two_app_processes(
    browser: Any, two_apps: list[StreamlitServer], team_database: str
) -> None:
    pages = [_open_cases(browser, server) for server in two_apps]
    saved = []
    for round_ in range(ROUNDS):
        for who, (page, runs) in enumerate(pages):
            scenario = f"plan {who}-{round_}"
            _type_enter_and_click(page, runs, scenario, "Save as new")
            expect(
                page.get_by_text(re.compile(rf"^Saved {scenario} for {CLIENT} \(revision 1\)"))
            ).to_be_visible()
            saved.append(scenario)

    (first, first_runs), (second, second_runs) = pages
    # A name the other consultant took: refused next to the box, the name kept as typed.
    _type_enter_and_click(first, first_runs, "plan 1-0", "Save as new")
    expect(
        first.get_by_text(re.compile(r"^Not saved: .*already has a case named 'plan 1-0'"))
    ).to_be_visible()
    expect(first.get_by_label("Scenario name", exact=True)).to_have_value("plan 1-0")
    # Save updates the open case (the last one saved) under the name typed: its next revision.
    _type_enter_and_click(second, second_runs, "plan 1 final", "Save")
    expect(
        second.get_by_text(re.compile(rf"^Saved plan 1 final for {CLIENT} \(revision 2\)"))
    ).to_be_visible()
    saved[-1] = "plan 1 final"

    with Workspace.open(team_database) as workspace:
        client = workspace.find_client(CLIENT)
        stored = {case.scenario: case.revision for case in workspace.cases(client.id)}
    assert sorted(stored) == sorted(saved)
    assert stored["plan 1 final"] == 2
