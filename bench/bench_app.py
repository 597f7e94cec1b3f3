"""App figures against Streamlit's own floor, measured in the same run.

The floor is a bare one-widget app (a number input and one line of text), driven exactly like
AM Advisor: AppTest reruns in process, and a server plus headless Chromium. The bare app is
started by a plain `streamlit run`, AM Advisor as the product starts it (`make run`, `advisor
app`, the container image): `python -m advisor.ui.serve app.py`, Streamlit's `streamlit run`
with the first page's modules loading once the server has started.

Every run works on its own workspace database and rule pack cache, never the user's. The cold
start the target is held to is the one a consultant meets every day: a workspace database at
the current schema that holds a client, and the pack cache filled by an earlier start. The
first-ever start (no database file and no pack cache yet, so the pack's YAML is parsed; the
database is created and migrated later, by the first workspace page) is measured in the same
rounds and printed next to it, and so is a start from a direct link to the Recommendation page
(a shared case's address: the whole page with its charts and trace, target ≤ 1.3× the bare
app's start). Reruns are in processor time; starts and interactions on the clock, rounds
interleaved with the bare app's.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "browser"))  # the browser suite's harness

from browser_support import (
    CHROMIUM,
    CHROMIUM_FLAGS,
    StreamlitServer,
    missing_browser_reason,
    number_field,
)

from bench.ratios import cpu, interleaved, measured, skip

TARGET_RERUN_S = 0.150
TARGET_INTERACTION_S = 1.0
TARGET_COLD_RATIO = 1.5
TARGET_LINK_RATIO = 1.3
RERUNS = 25
COLD_STARTS = 5
INTERACTIONS = 6

BARE_APP = """\
import streamlit as st

number = st.number_input("Number", value=1, step=1)
st.write(f"Bare value {number}")
"""
ACCOUNTS = "Active client accounts (accounts)"
BROWSER_MEASURES = (
    "app start",
    "app start, Recommendation page link",
    "app first-ever start",
    "browser interaction",
)


def apptest_reruns(bare_script: Path) -> None:
    """A rerun after one widget change, the bare app's and the Recommendation page's in turn,
    in this process's processor time (AppTest runs the script in this process)."""
    from streamlit.testing.v1 import AppTest

    from advisor.ui.recommendation_page import WHATIF_SLIDER

    bare = AppTest.from_file(str(bare_script), default_timeout=30).run()
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    app.switch_page("advisor/ui/pages/recommendation.py").run()
    counts = iter((8, 22, 13, 30) * RERUNS)  # each change moves the verdict, charts, flip points
    values = iter((2, 3) * RERUNS)

    def rerun(at: Any, change: Callable[[Any], None]) -> None:
        change(at)
        at.run()
        assert not at.exception, at.exception

    floor, figure = "the bare app", "the Recommendation page"
    runs = interleaved(
        {
            floor: cpu(lambda: rerun(bare, lambda at: at.number_input[0].set_value(next(values)))),
            figure: cpu(
                lambda: rerun(app, lambda at: at.slider(key=WHATIF_SLIDER).set_value(next(counts)))
            ),
        },
        RERUNS,
    )
    measured("app rerun (AppTest)", runs, figure, floor, limit=TARGET_RERUN_S)


def _text_visible(page: Any, text: str, timeout_ms: float = 60_000) -> None:
    page.wait_for_function(
        "text => document.body && document.body.innerText.includes(text)",
        arg=text,
        polling="raf",
        timeout=timeout_ms,
    )


def cold_start(
    playwright: Any, script: Path, query: str, text: str, env: dict[str, str] | None = None
) -> float:
    """Seconds from starting the server (`StreamlitServer`: the app through its launcher, any
    other script by `streamlit run`) to `text` visible in a freshly launched Chromium."""
    server = StreamlitServer(script, env=env)
    start = time.perf_counter()
    server.start()
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        try:
            server.wait_ready()
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{server.url}/{query}")
            _text_visible(page, text)
            return time.perf_counter() - start
        finally:
            browser.close()
    finally:
        server.stop()


def browser_interactions(playwright: Any, bare_script: Path) -> None:
    """From committing a new number to the new text visible, in the bare app and on the home
    page (the account count to the new verdict), in turn, on the clock."""
    from advisor.profile import load_profile, profile_to_query
    from advisor.samples import sample_path

    acorn = profile_to_query(load_profile(sample_path("Acorn Labs (not yet)")))
    query = "?" + "&".join(f"{key}={value}" for key, value in acorn.items() if key != "notes")
    with ExitStack() as stack:
        servers = [StreamlitServer(bare_script), StreamlitServer(ROOT / "app.py")]
        for server in servers:
            server.start()
            stack.callback(server.stop)
        for server in servers:
            server.wait_ready()
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        stack.callback(browser.close)
        bare_page = browser.new_page(viewport={"width": 1400, "height": 1000})
        bare_page.goto(servers[0].url)
        _text_visible(bare_page, "Bare value 1")
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{servers[1].url}/{query}")
        _text_visible(page, "Not yet · readiness")
        bare_steps, app_steps = iter(range(INTERACTIONS + 1)), iter(range(INTERACTIONS + 1))

        def change(page: Any, label: str, value: int, text: str) -> float:
            field = number_field(page, label)
            field.fill(str(value))
            start = time.perf_counter()
            field.press("Enter")
            _text_visible(page, text)
            elapsed = time.perf_counter() - start
            page.wait_for_timeout(300)  # let the run finish before the next change
            return elapsed

        def bare_change() -> float:
            value = 2 + next(bare_steps) % 2  # 1 shown first: every change is a new value
            return change(bare_page, "Number", value, f"Bare value {value}")

        def app_change() -> float:
            step = next(app_steps)  # "Not yet" shown first: every change moves the verdict
            value, verdict = (22, "Prepare to hire") if step % 2 == 0 else (8, "Not yet")
            return change(page, ACCOUNTS, value, f"{verdict} · readiness")

        floor, figure = "the bare app's number", "the account count to the new verdict"
        runs = interleaved({floor: bare_change, figure: app_change}, INTERACTIONS)
    measured(
        "browser interaction",
        runs,
        figure,
        floor,
        clock="on the clock",
        limit=TARGET_INTERACTION_S,
    )


def everyday_workspace(folder: Path) -> dict[str, str]:
    """The environment of a consultant's usual start: a current database holding a client, and
    the pack cache an earlier start filled. The bench process itself uses it too."""
    from advisor.pack import load_pack
    from advisor.workspace import Workspace

    env = {
        "ADVISOR_DATABASE_URL": f"sqlite:///{folder / 'workspace.db'}",
        "ADVISOR_CACHE_DIR": str(folder / "cache"),
    }
    os.environ.update(env)
    load_pack()
    with Workspace.open(env["ADVISOR_DATABASE_URL"]) as workspace:
        workspace.add_client("Bench Client")
    return env


def first_ever(folder: Path, index: int) -> dict[str, str]:
    """The environment of a first start on a new machine: no database file and no pack cache."""
    fresh = folder / f"first-{index}"
    return {
        "ADVISOR_DATABASE_URL": f"sqlite:///{fresh / 'workspace.db'}",
        "ADVISOR_CACHE_DIR": str(fresh / "cache"),
    }


def recommendation_link() -> str:
    """The Recommendation page's address for the default sample, as a shared link has it."""
    from urllib.parse import urlencode

    from advisor.profile import load_profile, profile_to_query
    from advisor.samples import DEFAULT_SAMPLE, sample_path

    profile = load_profile(sample_path(DEFAULT_SAMPLE))
    return f"recommendation?{urlencode(profile_to_query(profile))}"


def cold_starts(playwright: Any, folder: Path, bare_script: Path, everyday: dict[str, str]) -> None:
    """Cold starts of the bare app, the app on an everyday workspace (its home page and a direct
    link to the Recommendation page) and a first-ever start, interleaved so all see the same
    machine state; on the clock, the server's start to the page shown in Chromium."""
    app = ROOT / "app.py"
    link = recommendation_link()
    first = iter(range(COLD_STARTS + 1))
    bare = "the bare app"
    runs = interleaved(
        {
            bare: lambda: cold_start(playwright, bare_script, "", "Bare value 1"),
            "home page": lambda: cold_start(playwright, app, "", "· readiness", everyday),
            "Recommendation page link": lambda: cold_start(
                playwright, app, link, "Full trace: every rule", everyday
            ),
            "first-ever start": lambda: cold_start(
                playwright, app, "", "· readiness", first_ever(folder, next(first))
            ),
        },
        COLD_STARTS,
        warm_up=False,
    )
    on_clock = {"clock": "on the clock"}
    measured("app start", runs, "home page", bare, ratio_target=TARGET_COLD_RATIO, **on_clock)
    measured(
        "app start, Recommendation page link",
        runs,
        "Recommendation page link",
        bare,
        ratio_target=TARGET_LINK_RATIO,
        **on_clock,
    )
    measured("app first-ever start", runs, "first-ever start", bare, **on_clock)


def main() -> None:
    print("== App ==")
    before = dict(os.environ)
    try:
        measure_app()
    finally:  # the everyday workspace's folder is gone: the next areas must not use it
        os.environ.clear()
        os.environ.update(before)


def measure_app() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        everyday = everyday_workspace(folder)
        bare_script = folder / "bare_app.py"
        bare_script.write_text(BARE_APP, encoding="utf-8")
        apptest_reruns(bare_script)
        reason = missing_browser_reason()
        if reason is not None:
            for measure in BROWSER_MEASURES:
                skip(measure, reason)
            return
        from playwright.sync_api import sync_playwright

        # Bytecode as an installed package has it: with PYTHONDONTWRITEBYTECODE set, every start
        # would otherwise compile each edited module again.
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", "advisor", "app.py"], check=True, cwd=ROOT
        )
        with sync_playwright() as playwright:
            cold_starts(playwright, folder, bare_script, everyday)
            browser_interactions(playwright, bare_script)


if __name__ == "__main__":
    main()
