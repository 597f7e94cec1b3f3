"""`make bench`: print every figure the issues set targets for, area by area."""

from __future__ import annotations

import importlib
import sys
import time
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


def main() -> None:
    only = sys.argv[1:]
    for name in AREAS:
        area = name.removeprefix("bench.bench_")
        # An area runs its own figures and its sub-areas': `uploads` includes `uploads_crm`.
        if only and not any(area == word or area.startswith(f"{word}_") for word in only):
            continue
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            print(f"== {name}: not present ==")
            continue
        start = time.perf_counter()
        module.main()
        print(f"({name} took {time.perf_counter() - start:.1f} s)\n", flush=True)


if __name__ == "__main__":
    main()
