"""Every save in a real browser lands or says why, with two app processes on one Postgres.

Two consultants, each on an app process of their own, save scenarios of one client in turns.
Each types a scenario name, presses Enter and clicks "Save as new" where the button was when
they pressed Enter, as a person aims. Enter runs the page again, and that run shows the case
the other consultant has just saved: the new row used to push the button down under the
pointer, and the click landed beside it and did nothing, with no message.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from browser_support import ROOT, StreamlitServer
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from test_app_in_chromium import expect

from advisor.workspace import Workspace

pytestmark = pytest.mark.browser

CLIENT = "Acme"
ROUNDS = 10  # saves per consultant: the old page missed a click in most of them
# Counts changes of the app's run state, so a test can wait for the run its keystroke started.
RUN_COUNTER = """
window.advisorRunChanges = 0;
new MutationObserver((records) => { window.advisorRunChanges += records.length; }).observe(
  document, {attributes: true, subtree: true, attributeFilter: ["data-test-script-state"]}
);
"""
RUN_DONE = """(before) => window.advisorRunChanges > before && document.querySelector(
  '[data-testid="stApp"]')?.getAttribute("data-test-script-state") === "notRunning"
"""


@pytest.fixture
def team_database() -> Iterator[str]:
    """A fresh database on the test Postgres server (`.ci/with-postgres`), dropped afterwards."""
    server = os.environ.get("ADVISOR_TEST_POSTGRES_URL", "").strip()
    if not server:
        reason = "ADVISOR_TEST_POSTGRES_URL is not set (run the suite through .ci/with-postgres)"
        if os.environ.get("ADVISOR_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"ADVISOR_REQUIRE_POSTGRES=1 but {reason}")
        pytest.skip(reason)
    name = f"advisor_browser_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


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


def _open_cases(browser: Any, server: StreamlitServer) -> Any:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(30_000)
    context.add_init_script(RUN_COUNTER)
    page = context.new_page()
    page.goto(f"{server.url}/cases")
    expect(page.get_by_role("heading", name="Cases", exact=True)).to_be_visible()
    expect(page.get_by_label("Scenario name", exact=True)).to_be_visible()
    return page


def _type_enter_and_click(page: Any, scenario: str, button_name: str) -> None:
    """Type the name, press Enter, and once that run is over click where the button was."""
    box = page.get_by_label("Scenario name", exact=True)
    button = page.get_by_role("button", name=button_name, exact=True)
    button.scroll_into_view_if_needed()
    box.fill(scenario)
    seen = button.bounding_box()
    runs = page.evaluate("() => window.advisorRunChanges")
    box.press("Enter")
    page.wait_for_function(RUN_DONE, arg=runs)
    page.mouse.click(seen["x"] + seen["width"] / 2, seen["y"] + seen["height"] / 2)


def test_save_as_new_right_after_enter_always_lands_or_says_why_with_two_app_processes(
    browser: Any, two_apps: list[StreamlitServer], team_database: str
) -> None:
    pages = [_open_cases(browser, server) for server in two_apps]
    saved = []
    for round_ in range(ROUNDS):
        for who, page in enumerate(pages):
            scenario = f"plan {who}-{round_}"
            _type_enter_and_click(page, scenario, "Save as new")
            expect(
                page.get_by_text(re.compile(rf"^Saved {scenario} for {CLIENT} \(revision 1\)"))
            ).to_be_visible()
            saved.append(scenario)

    first, second = pages
    # A name the other consultant took: refused next to the box, the name kept as typed.
    _type_enter_and_click(first, "plan 1-0", "Save as new")
    expect(
        first.get_by_text(re.compile(r"^Not saved: .*already has a case named 'plan 1-0'"))
    ).to_be_visible()
    expect(first.get_by_label("Scenario name", exact=True)).to_have_value("plan 1-0")
    # Save updates the open case (the last one saved) under the name typed: its next revision.
    _type_enter_and_click(second, "plan 1 final", "Save")
    expect(
        second.get_by_text(re.compile(rf"^Saved plan 1 final for {CLIENT} \(revision 2\)"))
    ).to_be_visible()
    saved[-1] = "plan 1 final"

    with Workspace.open(team_database) as workspace:
        client = workspace.find_client(CLIENT)
        stored = {case.scenario: case.revision for case in workspace.cases(client.id)}
    assert sorted(stored) == sorted(saved)
    assert stored["plan 1 final"] == 2
