"""Benchmark: build the hiring brief of the sample company in every format.

Targets, charts excluded: Markdown < 50 ms, DOCX < 0.5 s, PDF < 1 s; with its three charts, in
process: DOCX < 0.4 s, PDF < 0.5 s. Each figure is the best of a few runs of the whole path from
profile to file bytes (assessment, role draft, Brief model, charts, renderer); the rule pack is
loaded once, as the app and the CLI do. Whole process: `advisor brief` with charts against the
same command with `--no-charts`, for DOCX and PDF, in the same run (target ≤ 1.3×).
"""

from __future__ import annotations

import datetime as dt
import gc
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from advisor.brief import prepare_brief
from advisor.export import export_brief
from advisor.pack import load_pack
from advisor.profile import load_profile
from advisor.samples import DEFAULT_SAMPLE, sample_path

TARGETS = {"md": 0.050, "docx": 0.5, "pdf": 1.0, "json": 0.050}
CHART_TARGETS = {"docx": 0.4, "pdf": 0.5}
PROCESS_RATIO = 1.3
PROCESS_RUNS = 5
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


def _process_seconds(argv: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - started


def process_times(fmt: str) -> tuple[float, float]:
    """Median seconds of `advisor brief` to a file, with and without charts, alternated."""
    with tempfile.TemporaryDirectory() as folder:
        base = [sys.executable, "-m", "advisor", "brief", "examples/northwind-hire-now.yaml"]
        base += ["--out", str(Path(folder) / f"brief.{fmt}"), "--date", DATE.isoformat()]
        _process_seconds(base)  # the first run fills the rule pack cache
        runs: dict[bool, list[float]] = {True: [], False: []}
        for _ in range(PROCESS_RUNS):
            runs[True].append(_process_seconds(base))
            runs[False].append(_process_seconds([*base, "--no-charts"]))
    return statistics.median(runs[True]), statistics.median(runs[False])


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
    for fmt, target in CHART_TARGETS.items():
        seconds = _best(
            lambda fmt=fmt: export_brief(  # type: ignore[misc]
                prepare_brief(profile, pack, prepared_on=DATE), fmt
            )
        )
        results[f"{fmt}+charts"] = round(seconds, 4)
        verdict = "met" if seconds < target else "MISSED"
        print(
            f"brief {fmt} with its 3 charts: {seconds * 1000:7.1f} ms "
            f"(target < {target * 1000:.0f} ms: {verdict})"
        )
    for fmt in CHART_TARGETS:
        with_charts, without = process_times(fmt)
        ratio = with_charts / without
        results[f"{fmt} process ratio"] = round(ratio, 3)
        verdict = "met" if ratio <= PROCESS_RATIO else "MISSED"
        print(
            f"`advisor brief --format {fmt}`, whole process, median of {PROCESS_RUNS}: with charts "
            f"{with_charts * 1000:.0f} ms vs --no-charts {without * 1000:.0f} ms "
            f"(ratio {ratio:.2f}×; target ≤ {PROCESS_RATIO}×: {verdict})"
        )
    results["within_target"] = all(results[fmt] < target for fmt, target in TARGETS.items())
    return results


if __name__ == "__main__":
    outcome = main()
    raise SystemExit(0 if outcome["within_target"] else 1)
