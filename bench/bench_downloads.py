"""Role page downloads in a real browser: from the click to the whole file on disk, per format.

`streamlit run` serves the app and headless Chromium opens the Role page of the default sample
with its charts on, as a consultant does. Each download button builds its file when clicked, so
the time from the click to the finished download is the wait a user sees (target: under 1 s).
DOCX and PDF are measured against the Markdown download (the same click, rerun and transfer of
a file built without a layout engine) in the same interleaved rounds, on the clock.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "browser"))  # the browser suite's harness

from browser_support import CHROMIUM, CHROMIUM_FLAGS, StreamlitServer, missing_browser_reason

from advisor.export import FORMAT_NAMES
from bench.ratios import interleaved, measured, skip

TARGET_S = 1.0
CLICKS = 5  # per format, after one click that is not counted (the page's first run of it)
MEASURES = {"Role page DOCX download": "docx", "Role page PDF download": "pdf"}


def _ready(page: Any, label: str) -> Any:
    button = page.get_by_role("button", name=label, exact=True)
    button.wait_for(state="visible", timeout=60_000)
    return button


def download_seconds(page: Any, label: str) -> tuple[float, int]:
    """Seconds from clicking the button to the finished file, and the file's size in bytes."""
    button = _ready(page, label)
    start = time.perf_counter()
    with page.expect_download(timeout=60_000) as info:
        button.click()
    path = info.value.path()  # returns once the whole file has arrived
    elapsed = time.perf_counter() - start
    size = Path(path).stat().st_size
    if size == 0:
        raise RuntimeError(f"the {label} download is empty")
    return elapsed, size


def role_downloads(playwright: Any) -> dict[str, list[float]]:
    """Seconds from the click to the file on disk, per format, the formats in turn round after
    round so each sees the same machine state (one click of each first, not counted)."""
    server = StreamlitServer(ROOT / "app.py")
    server.start()
    try:
        server.wait_ready()
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        try:
            context = browser.new_context(
                viewport={"width": 1400, "height": 1000}, accept_downloads=True
            )
            page = context.new_page()
            page.goto(f"{server.url}/role")
            page.get_by_role("tab", name="Download").click()

            def click(label: str) -> float:
                seconds, _ = download_seconds(page, label)
                page.wait_for_timeout(300)  # let the click's rerun settle
                return seconds

            actions = {
                FORMAT_NAMES[fmt]: lambda label=FORMAT_NAMES[fmt]: click(label)
                for fmt in ("md", "docx", "pdf")
            }
            return interleaved(actions, CLICKS)
        finally:
            browser.close()
    finally:
        server.stop()


def main() -> None:
    print("== Role page downloads ==")
    reason = missing_browser_reason()
    if reason is not None:
        for name in MEASURES:
            skip(name, reason)
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        runs = role_downloads(playwright)
    floor = FORMAT_NAMES["md"]
    for name, fmt in MEASURES.items():
        measured(
            name, runs, FORMAT_NAMES[fmt], floor, clock="click to file, charts on", limit=TARGET_S
        )


if __name__ == "__main__":
    main()
