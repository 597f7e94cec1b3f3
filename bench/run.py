"""`make bench`: print every figure the issues set targets for, area by area, each against a
floor measured in the same run, and write the measured rows of the README's performance table
(every row with every area)."""

from __future__ import annotations

import datetime as dt
import importlib
import os
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

AREAS = (
    "bench.bench_core",
    "bench.bench_brief",
    "bench.bench_portfolio",
    "bench.bench_uploads",
    "bench.bench_uploads_crm",
    "bench.bench_app",
    "bench.bench_workshop",
    "bench.bench_compare",
    "bench.bench_workspace",
    "bench.bench_downloads",
    "bench.bench_load",
)


def chosen(only: list[str]) -> list[str]:
    """The bench modules `make bench AREA=...` runs: every one when none is named; else each
    named area with its sub-areas (`uploads` includes `uploads_crm`), never another area whose
    name merely contains the word (`load` is not `uploads` or `downloads`)."""
    picked = []
    for name in AREAS:
        area = name.removeprefix("bench.bench_")
        if not only or any(area == word or area.startswith(f"{word}_") for word in only):
            picked.append(name)
    return picked


def main() -> None:
    from bench.ratios import RECORDED
    from bench.table import when, write_readme

    failed: list[str] = []
    measured: dict[str, str] = {}  # each measure's day and the load average its area ended at
    for name in chosen(sys.argv[1:]):
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            print(f"== {name}: not present ==")
            continue
        start, before = time.perf_counter(), len(RECORDED)
        try:
            module.main()
        except Exception:  # noqa: BLE001 - the other areas still run; the table says what is missing
            failed.append(name)
            traceback.print_exc()
            print(f"== {name} failed ==", flush=True)
        print(f"({name} took {time.perf_counter() - start:.1f} s)\n", flush=True)
        stamp = when(dt.date.today(), os.getloadavg()[0])
        measured.update({m.name: stamp for m in RECORDED[before:]})
    write_readme(RECORDED, measured, every_area=not sys.argv[1:])
    if failed:
        raise SystemExit(f"bench areas failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
