"""Core figures: one assessment in process, with and without flip points, as a ratio against
validating the same profile in the same interleaved rounds; rule pack load; and the batch on one
and two workers (10,000 rows end to end, µs per row, and peak memory at 10,050 and 100,000
rows)."""

from __future__ import annotations

import csv
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from advisor.engine import evaluate
from advisor.pack import load_pack
from advisor.profile import parse_profile
from advisor.yamlio import read_document

ROOT = Path(__file__).resolve().parent.parent
TARGET_ASSESS_US = 300
TARGET_BATCH_S = 3.0
TARGET_START_RATIO = 3.0  # `advisor assess --format json` against importing pydantic and yaml
PROCESS_RUNS = 5
BASE_ROWS, MORE_ROWS, TEN_THOUSAND, LARGE_ROWS = 50, 10_050, 10_000, 100_000
BATCH_SIZES = (BASE_ROWS, MORE_ROWS, TEN_THOUSAND, LARGE_ROWS)
BATCH_WORKERS = (1, 2)
BATCH_ROUNDS = 3
REFERENCE_LOOPS = 200_000
ASSESS_ROUNDS = 15

CHOICES = {
    "segment": ["smb", "mid_market", "enterprise"],
    "churn_trend": ["falling", "stable", "rising"],
    "delivery_maturity": ["ad_hoc", "emerging", "standardised", "optimised"],
    "knowledge_holder": ["founder", "few_people", "shared_in_crm"],
    "renewal_owner": [
        "founder",
        "sales",
        "account_executive",
        "account_manager",
        "customer_success",
        "nobody",
    ],
}


def random_profile(rng: random.Random, index: int) -> dict[str, Any]:
    return {
        "company": f"Company {index}",
        **{field: rng.choice(options) for field, options in CHOICES.items()},
        "active_accounts": rng.randint(0, 120),
        "avg_contract_value": round(rng.uniform(2_000, 150_000), 2),
        "gross_margin": f"{rng.randint(20, 85)}%",
        "logo_churn_rate": round(rng.uniform(0, 0.4), 3),
        "churn_cause_known": rng.choice(["true", "false"]),
        "renewal_lead_days": rng.randint(0, 180),
        "unworked_upsell": rng.choice(["true", "false"]),
        "clients_escalate_to_leadership": rng.choice(["true", "false"]),
        "onboarding_consistent": rng.choice(["true", "false"]),
    }


class AssessTimes(NamedTuple):
    """µs per profile in each round: the floor, assess, and assess without flip points."""

    floor: list[float]
    assess: list[float]
    without_flips: list[float]


def _per_call_us(action: Callable[[], object], calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        action()
    return (time.perf_counter() - start) / calls * 1e6


def time_assess(pack: Any) -> AssessTimes:
    """Assess, with and without flip points, against its floor: validating the same profile
    (`parse_profile`, which every assessment starts with), one run of each per round, rounds
    interleaved so a busy spell of the machine falls on all three alike."""
    raw = dict(read_document(ROOT / "examples" / "northwind-hire-now.yaml"))
    actions: dict[str, tuple[Callable[[], object], int]] = {
        "floor": (lambda: parse_profile(raw), 400),
        "assess": (lambda: evaluate(parse_profile(raw), pack), 60),
        "without_flips": (lambda: evaluate(parse_profile(raw), pack, with_flip_points=False), 120),
    }
    for action, calls in actions.values():  # warm-up: imports, compiled rules, caches
        _per_call_us(action, calls)
    found: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(ASSESS_ROUNDS):
        for name, (action, calls) in actions.items():
            found[name].append(_per_call_us(action, calls))
    return AssessTimes(found["floor"], found["assess"], found["without_flips"])


def _ratios(times: list[float], floor: list[float]) -> str:
    """min / median / max of each round's time over the same round's floor."""
    ratios = [t / f for t, f in zip(times, floor, strict=True)]
    return f"{min(ratios):.1f}× / {statistics.median(ratios):.1f}× / {max(ratios):.1f}×"


def print_assess(times: AssessTimes) -> None:
    assess_us = statistics.median(times.assess)
    floor_us = statistics.median(times.floor)
    print(
        f"assess, median per profile (validation + evaluation + economics + flip points): "
        f"{assess_us:.0f} µs  (target < {TARGET_ASSESS_US} µs, ratio {assess_us / TARGET_ASSESS_US:.2f})"
    )
    print(
        f"assess against its floor, validating the same profile ({floor_us:.0f} µs), "
        f"{ASSESS_ROUNDS} interleaved rounds, min/median/max: {_ratios(times.assess, times.floor)}; "
        f"without flip points {_ratios(times.without_flips, times.floor)} "
        f"({statistics.median(times.without_flips):.0f} µs)"
    )


def time_pack_load() -> float:
    samples = []
    for _ in range(15):
        start = time.perf_counter()
        load_pack()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _process_seconds(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def time_assess_process() -> tuple[float, float]:
    """Median whole-process seconds: `advisor assess --format json`, and the import floor."""
    assess = [sys.executable, "-m", "advisor", "assess", "examples/northwind-hire-now.yaml"]
    assess += ["--format", "json"]
    floor = [sys.executable, "-c", "import pydantic, yaml"]
    # Bytecode as an installed package has it, so no run pays for compiling the sources (with
    # PYTHONDONTWRITEBYTECODE set, an edited module would otherwise be compiled on every run).
    subprocess.run([sys.executable, "-m", "compileall", "-q", "advisor"], check=True, cwd=ROOT)
    _process_seconds(assess)  # the first run fills the rule pack cache
    runs: dict[str, list[float]] = {"assess": [], "floor": []}
    for _ in range(PROCESS_RUNS):  # alternate so both see the same machine state
        runs["assess"].append(_process_seconds(assess))
        runs["floor"].append(_process_seconds(floor))
    return statistics.median(runs["assess"]), statistics.median(runs["floor"])


def reference_loop_us() -> float:
    """µs per pass of a fixed pure-Python loop: the machine's speed in this run."""
    samples = []
    for _ in range(5):
        start = time.perf_counter()
        total = 0
        for index in range(REFERENCE_LOOPS):
            total += index * index % 7
        samples.append((time.perf_counter() - start) / REFERENCE_LOOPS * 1e6)
    return min(samples)


@dataclass(frozen=True)
class BatchRun:
    """One `advisor assess-batch` process: seconds on the clock, processor seconds (its
    workers' included) and the largest resident set of it or any worker, in MB."""

    wall: float
    cpu: float
    peak_mb: float


def write_batch(path: Path, rows: int) -> None:
    rng = random.Random(20261122)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(random_profile(rng, 0)))
        writer.writeheader()
        writer.writerows(random_profile(rng, i) for i in range(rows))


def run_batch(source: Path, rows: int, workers: int) -> BatchRun:
    """Run the batch on `source` once; wait4 gives its processor time and peak memory."""
    out = source.with_name(f"results-{rows}-{workers}.csv")
    command = [sys.executable, "-m", "advisor", "assess-batch", str(source), "--out", str(out)]
    start = time.perf_counter()
    process = subprocess.Popen(
        [*command, "--workers", str(workers)], cwd=ROOT, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    assert process.returncode == 0, f"assess-batch exited {process.returncode}"
    with out.open(encoding="utf-8") as handle:
        assert sum(1 for _ in handle) == rows + 1
    # ru_maxrss counts KB on Linux, bytes on macOS.
    peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return BatchRun(wall, usage.ru_utime + usage.ru_stime, peak)


Runs = dict[tuple[int, int], list[BatchRun]]  # (workers, rows) → the runs


def time_batches() -> Runs:
    """Every batch run the figures need, the worker counts interleaved round by round so both
    see the same machine; 100,000 rows once per worker count (a minute of processor time)."""
    runs: Runs = {}
    with tempfile.TemporaryDirectory() as folder:
        sources = {rows: Path(folder) / f"profiles-{rows}.csv" for rows in BATCH_SIZES}
        for rows, source in sources.items():
            write_batch(source, rows)
        for _ in range(BATCH_ROUNDS):
            for workers in BATCH_WORKERS:
                for rows in (BASE_ROWS, MORE_ROWS, TEN_THOUSAND):
                    run = run_batch(sources[rows], rows, workers)
                    runs.setdefault((workers, rows), []).append(run)
        for workers in BATCH_WORKERS:
            runs[(workers, LARGE_ROWS)] = [run_batch(sources[LARGE_ROWS], LARGE_ROWS, workers)]
    return runs


def _per_row_us(runs: Runs, workers: int, *, cpu: bool) -> float:
    """(10,050 rows − 50 rows) / 10,000: the median large run less the quickest small one."""

    def seconds(run: BatchRun) -> float:
        return run.cpu if cpu else run.wall

    small = min(seconds(run) for run in runs[(workers, BASE_ROWS)])
    large = statistics.median(seconds(run) for run in runs[(workers, MORE_ROWS)])
    return (large - small) / (MORE_ROWS - BASE_ROWS) * 1e6


def print_batches(runs: Runs, reference_us: float) -> None:
    for workers in BATCH_WORKERS:
        ten = [run.wall for run in runs[(workers, TEN_THOUSAND)]]
        middle = statistics.median(ten)
        print(
            f"assess-batch --workers {workers}, {TEN_THOUSAND:,} generated profiles end to end: "
            f"min {min(ten):.2f} / median {middle:.2f} / max {max(ten):.2f} s  "
            f"(target < {TARGET_BATCH_S} s, ratio {middle / TARGET_BATCH_S:.2f})"
        )
    for workers in BATCH_WORKERS:
        wall_us = _per_row_us(runs, workers, cpu=False)
        cpu_us = _per_row_us(runs, workers, cpu=True)
        peak = max(run.peak_mb for run in runs[(workers, MORE_ROWS)])
        large = runs[(workers, LARGE_ROWS)][0]
        print(
            f"assess-batch --workers {workers} per row (({MORE_ROWS:,} rows - {BASE_ROWS} rows) / "
            f"{MORE_ROWS - BASE_ROWS:,}): "
            f"{wall_us:.0f} µs on the clock ({wall_us / reference_us:.0f}× the reference "
            f"loop's {reference_us:.3f} µs per pass), {cpu_us:.0f} µs of processor time; "
            f"peak memory {peak:.0f} MB at {MORE_ROWS:,} rows, {large.peak_mb:.0f} MB at "
            f"{LARGE_ROWS:,} rows ({large.wall:.1f} s)"
        )


def main() -> None:
    pack = load_pack()
    assess = time_assess(pack)
    load_ms = time_pack_load()
    assess_process, floor_process = time_assess_process()
    reference_us = reference_loop_us()
    batches = time_batches()
    print("== Core (issue: core) ==")
    print_assess(assess)
    print(f"rule pack load (4 files, {len(pack.rules)} rules): {load_ms:.1f} ms")
    print(
        f"`advisor assess PROFILE --format json`, whole process, median of {PROCESS_RUNS}: "
        f"{assess_process * 1000:.0f} ms vs `python -c 'import pydantic, yaml'` "
        f"{floor_process * 1000:.0f} ms (ratio {assess_process / floor_process:.2f}×; "
        f"target ≤ {TARGET_START_RATIO:.0f}×)"
    )
    print_batches(batches, reference_us)


if __name__ == "__main__":
    main()
