"""Role page downloads in a real browser: from the click to the whole file on disk, per format.

`streamlit run` serves the app and headless Chromium opens the Role page of the default sample
with its charts on, as a consultant does. Each download button builds its file when clicked, so
the time from the click to the finished download is the wait a user sees (target: under 1 s).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "browser"))  # the browser suite's harness

from browser_support import CHROMIUM, CHROMIUM_FLAGS, StreamlitServer, missing_browser_reason

from advisor.export import FORMAT_NAMES, FORMATS

TARGET_S = 1.0
CLICKS = 3  # per format, after one click that is not counted (the page's first run of it)


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


def role_downloads(playwright: Any) -> dict[str, tuple[float, float, int]]:
    """Per format: the median and the slowest of CLICKS downloads, and the file size."""
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
            results = {}
            for fmt in FORMATS:
                label = FORMAT_NAMES[fmt]
                download_seconds(page, label)
                timings, size = [], 0
                for _ in range(CLICKS):
                    seconds, size = download_seconds(page, label)
                    timings.append(seconds)
                    page.wait_for_timeout(300)  # let the click's rerun settle
                results[fmt] = (statistics.median(timings), max(timings), size)
            return results
        finally:
            browser.close()
    finally:
        server.stop()


def main() -> None:
    print("== Role page downloads (issue: briefs in under a second) ==")
    reason = missing_browser_reason()
    if reason is not None:
        print(f"download figures skipped: {reason}")
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        results = role_downloads(playwright)
    for fmt, (median, slowest, size) in results.items():
        verdict = "met" if median < TARGET_S else "MISSED"
        print(
            f"Role page, {FORMAT_NAMES[fmt]} with charts, click to file on disk, median of "
            f"{CLICKS}: {median * 1000:.0f} ms (slowest {slowest * 1000:.0f} ms, {size:,} bytes; "
            f"target < {TARGET_S * 1000:.0f} ms: {verdict})"
        )


if __name__ == "__main__":
    main()
