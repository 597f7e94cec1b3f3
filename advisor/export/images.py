"""Static chart images for the brief: every chart of one brief drawn by one headless browser.

Plotly's static export (kaleido 1.x) drives a Chromium-family browser. Starting the browser
costs seconds while each image then takes a fraction of a second, so one browser is opened per
brief and closed when its charts are done. It runs on its own thread and event loop, so it
works the same from the CLI and from a Streamlit script thread, and never touches a loop the
caller may own. With no browser (or when drawing fails) the charts are reported as omitted with
the reason, and the document says so in their place: an export never fails for a chart.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

BROWSER_CANDIDATES = (
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
)
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
NO_BROWSER = "no Chromium or Chrome browser was found to draw it (install chromium to get charts)"
SCALE = 2  # pixels per CSS pixel: sharp in print and on screen
IMAGE_TIMEOUT = 30.0  # seconds for one image once the browser is up
START_TIMEOUT = 45.0  # seconds for the browser to start

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ChartRequest:
    key: str
    figure: Any  # a plotly Figure
    width: int
    height: int


@dataclass(frozen=True)
class ChartImages:
    """PNG images by chart key; `omitted` says why any requested chart has none."""

    images: dict[str, bytes] = field(default_factory=dict)
    omitted: str = ""
    seconds: float = 0.0


def _executable(path: str) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


def find_browser() -> str | None:
    """The browser kaleido should drive: $BROWSER_PATH, then the usual system locations."""
    configured = os.environ.get("BROWSER_PATH")
    if configured:
        return configured if _executable(configured) else None
    for candidate in BROWSER_CANDIDATES:
        if _executable(candidate):
            return candidate
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


async def _draw_all(
    requests: Sequence[ChartRequest], browser: str, images: dict[str, bytes], errors: list[str]
) -> None:
    import kaleido  # imported here: only exports with charts need it

    async with kaleido.Kaleido(n=1, timeout=IMAGE_TIMEOUT, mathjax=False, path=browser) as draw:
        for request in requests:
            try:
                image = await draw.calc_fig(
                    request.figure,
                    opts={
                        "format": "png",
                        "width": request.width,
                        "height": request.height,
                        "scale": SCALE,
                    },
                )
            except Exception as error:  # noqa: BLE001 - one bad chart must not cost the others
                _log.warning("chart %s could not be drawn: %s", request.key, error)
                errors.append(f"{type(error).__name__}: {error}")
                continue
            if isinstance(image, bytes) and image.startswith(b"\x89PNG"):
                images[request.key] = image
            else:
                errors.append("the browser returned no PNG image")


def render_images(requests: Sequence[ChartRequest], *, browser: str | None = None) -> ChartImages:
    """Draw every request with one browser; never raises for a drawing problem."""
    if not requests:
        return ChartImages()
    path = browser or find_browser()
    if path is None:
        return ChartImages(omitted=NO_BROWSER)
    images: dict[str, bytes] = {}
    errors: list[str] = []
    started = time.perf_counter()

    def run() -> None:
        try:
            asyncio.run(_draw_all(requests, path, images, errors))
        except Exception as error:  # noqa: BLE001 - the browser failed to start or died
            _log.warning("charts could not be drawn: %s", error)
            errors.append(f"{type(error).__name__}: {error}")

    worker = threading.Thread(target=run, name="brief-charts", daemon=True)
    worker.start()
    worker.join(START_TIMEOUT + IMAGE_TIMEOUT * len(requests))
    seconds = time.perf_counter() - started
    if worker.is_alive():
        errors.append("drawing the charts timed out")
    missing = [request.key for request in requests if request.key not in images]
    if not missing:
        return ChartImages(dict(images), "", seconds)
    reason = errors[0] if errors else "the chart could not be drawn"
    return ChartImages(dict(images), f"the chart could not be drawn ({reason[:200]})", seconds)
