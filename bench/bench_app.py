"""App figures against Streamlit's own floor, measured in the same run.

The floor is a bare one-widget app (a number input and one line of text), started and driven
exactly like AM Advisor: AppTest reruns in process, and `streamlit run` plus headless Chromium.

Every run works on its own workspace database and rule pack cache, never the user's. The cold
start the target is held to is the one a consultant meets every day: a workspace database at
the current schema that holds a client, and the pack cache filled by an earlier start. The
first-ever start (no database file and no pack cache yet, so the pack's YAML is parsed; the
database is created and migrated later, by the first workspace page) is measured in the same
rounds and printed next to it.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
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

TARGET_RERUN_MS = 150
TARGET_INTERACTION_S = 1.0
TARGET_COLD_RATIO = 1.5
RERUNS = 25
COLD_STARTS = 5
INTERACTIONS = 6

BARE_APP = """\
import streamlit as st

number = st.number_input("Number", value=1, step=1)
st.write(f"Bare value {number}")
"""
ACCOUNTS = "Active client accounts (accounts)"


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def _timed_reruns(at: Any, change: Callable[[Any, int], None]) -> list[float]:
    timings = []
    for index in range(RERUNS):
        change(at, index)
        start = time.perf_counter()
        at.run()
        timings.append(time.perf_counter() - start)
        assert not at.exception, at.exception
    return timings


def apptest_reruns(bare_script: Path) -> tuple[float, float]:
    """Median rerun after one widget change: the bare app, then the Recommendation page."""
    from streamlit.testing.v1 import AppTest

    from advisor.ui.recommendation_page import WHATIF_SLIDER

    bare = AppTest.from_file(str(bare_script), default_timeout=30).run()
    bare_ms = _median_ms(_timed_reruns(bare, lambda at, i: at.number_input[0].set_value(i % 2 + 2)))

    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    app.switch_page("advisor/ui/pages/recommendation.py").run()
    counts = (8, 22, 13, 30)  # each change moves the verdict, the charts and the flip points
    app_ms = _median_ms(
        _timed_reruns(
            app, lambda at, i: at.slider(key=WHATIF_SLIDER).set_value(counts[i % len(counts)])
        )
    )
    return bare_ms, app_ms


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
    """Seconds from `streamlit run` to `text` visible in a freshly launched Chromium."""
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


def browser_interaction(playwright: Any) -> float:
    """Median seconds from committing a new account count to the new verdict visible."""
    from advisor.profile import load_profile
    from advisor.samples import sample_path
    from advisor.ui.state import profile_to_query

    acorn = profile_to_query(load_profile(sample_path("Acorn Labs (not yet)")))
    query = "?" + "&".join(f"{key}={value}" for key, value in acorn.items() if key != "notes")
    server = StreamlitServer(ROOT / "app.py")
    server.start()
    try:
        server.wait_ready()
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{server.url}/{query}")
            _text_visible(page, "Not yet · readiness")
            field = number_field(page, ACCOUNTS)
            timings = []
            for index in range(INTERACTIONS):
                value, verdict = (22, "Prepare to hire") if index % 2 == 0 else (8, "Not yet")
                field.fill(str(value))
                start = time.perf_counter()
                field.press("Enter")
                _text_visible(page, f"{verdict} · readiness")
                timings.append(time.perf_counter() - start)
                page.wait_for_timeout(300)  # let the run finish before the next change
            return statistics.median(timings)
        finally:
            browser.close()
    finally:
        server.stop()


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


def cold_starts(
    playwright: Any, folder: Path, bare_script: Path, everyday: dict[str, str]
) -> dict[str, float]:
    """Median cold start of the bare app, the app on an everyday workspace, and a first-ever."""
    starts: dict[str, list[float]] = {"bare": [], "everyday": [], "first": []}
    for index in range(COLD_STARTS):  # interleaved so all three see the same machine state
        starts["bare"].append(cold_start(playwright, bare_script, "", "Bare value 1"))
        app = ROOT / "app.py"
        starts["everyday"].append(cold_start(playwright, app, "", "· readiness", everyday))
        starts["first"].append(
            cold_start(playwright, app, "", "· readiness", first_ever(folder, index))
        )
    return {kind: statistics.median(samples) for kind, samples in starts.items()}


def main() -> None:
    print("== App (issue: the Streamlit app) ==")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        everyday = everyday_workspace(folder)
        bare_script = folder / "bare_app.py"
        bare_script.write_text(BARE_APP, encoding="utf-8")
        bare_ms, app_ms = apptest_reruns(bare_script)
        print(
            f"AppTest rerun after one widget change, median of {RERUNS}: Recommendation page "
            f"{app_ms:.1f} ms vs bare one-widget app {bare_ms:.1f} ms (ratio {app_ms / bare_ms:.0f}×; "
            f"target < {TARGET_RERUN_MS} ms, {app_ms / TARGET_RERUN_MS:.2f} of it)"
        )
        reason = missing_browser_reason()
        if reason is not None:
            print(f"browser figures skipped: {reason}")
            return
        from playwright.sync_api import sync_playwright

        # Bytecode as an installed package has it: with PYTHONDONTWRITEBYTECODE set, every start
        # would otherwise compile each edited module again.
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", "advisor", "app.py"], check=True, cwd=ROOT
        )
        with sync_playwright() as playwright:
            cold = cold_starts(playwright, folder, bare_script, everyday)
            interaction_s = browser_interaction(playwright)
        print(
            f"Browser: committed account count to new verdict visible, median of "
            f"{INTERACTIONS}: {interaction_s * 1000:.0f} ms (target < "
            f"{TARGET_INTERACTION_S * 1000:.0f} ms, {interaction_s / TARGET_INTERACTION_S:.2f} of it)"
        )
        bare = cold["bare"]
        print(
            f"Cold start, `streamlit run` to the verdict visible in Chromium (launch included), "
            f"median of {COLD_STARTS}, on an existing workspace (current schema, one client, "
            f"pack cache filled: every day's start): app {cold['everyday']:.2f} s vs bare app "
            f"{bare:.2f} s (ratio {cold['everyday'] / bare:.2f}; target ≤ {TARGET_COLD_RATIO})"
        )
        print(
            f"First-ever cold start (no workspace database and no pack cache yet: the pack's "
            f"YAML is parsed), median of {COLD_STARTS}: app {cold['first']:.2f} s (ratio "
            f"{cold['first'] / bare:.2f} to the same bare app)"
        )


if __name__ == "__main__":
    main()
