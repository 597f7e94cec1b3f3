"""Benchmark: build the hiring brief of the sample company in every format.

Targets, charts excluded: Markdown < 50 ms, DOCX < 0.5 s, PDF < 1 s. Each figure is the best of
a few runs of the whole path from profile to file bytes (assessment, role draft, Brief model,
renderer); the rule pack is loaded once, as the app and the CLI do. Chart export is timed on its
own: one browser drawing all three charts of the brief, start-up included.
"""

from __future__ import annotations

import datetime as dt
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from advisor.export import attach_charts, export_brief, prepare_brief
from advisor.export.images import find_browser
from advisor.pack import load_pack
from advisor.profile import load_profile
from advisor.samples import DEFAULT_SAMPLE, sample_path

TARGETS = {"md": 0.050, "docx": 0.5, "pdf": 1.0, "json": 0.050}
REPEATS = 5
DATE = dt.date(2026, 11, 22)


def _best(action: Callable[[], Any], repeats: int = REPEATS) -> float:
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> dict[str, Any]:
    pack = load_pack()
    profile = load_profile(sample_path(DEFAULT_SAMPLE))

    def build(fmt: str) -> bytes:
        brief = prepare_brief(profile, pack, prepared_on=DATE)
        return export_brief(brief, fmt, charts=False)

    for fmt in TARGETS:  # warm-up: imports, font registration, compiled rules
        build(fmt)
    results: dict[str, Any] = {}
    for fmt, target in TARGETS.items():
        seconds = _best(lambda fmt=fmt: build(fmt))  # type: ignore[misc]
        results[fmt] = round(seconds, 4)
        verdict = "met" if seconds < target else "MISSED"
        print(
            f"brief {fmt:>4}: {seconds * 1000:7.1f} ms (target < {target * 1000:.0f} ms: {verdict})"
        )
    browser = find_browser()
    if browser is None:
        print("brief charts: skipped (no Chromium or Chrome browser found)")
        results["charts"] = None
    else:
        brief = prepare_brief(profile, pack, prepared_on=DATE)
        started = time.perf_counter()
        _, report = attach_charts(brief, browser=browser)
        seconds = time.perf_counter() - started
        results["charts"] = round(seconds, 2)
        omitted = f"; omitted: {report.omitted}" if report.omitted else ""
        print(
            f"brief charts: {report.drawn} charts with one browser in {seconds:.2f} s "
            f"(browser start-up included){omitted}"
        )
    results["within_target"] = all(results[fmt] < target for fmt, target in TARGETS.items())
    return results


if __name__ == "__main__":
    outcome = main()
    raise SystemExit(0 if outcome["within_target"] else 1)
