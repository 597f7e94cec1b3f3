"""Core figures, each against a floor in the same interleaved rounds: one assessment (with and
without flip points) against validating the same profile; the rule pack's load against parsing
its cached JSON; `advisor assess` as a whole process against importing pydantic and yaml (each
in processor time); the batch with two workers against one on 10,000 rows, and its peak memory
at 100,000 rows against 10,000."""

from __future__ import annotations

import csv
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from advisor.engine import evaluate
from advisor.pack import load_pack
from advisor.pack.cache import CACHE_ENV
from advisor.profile import parse_profile
from advisor.yamlio import read_document
from bench.ratios import child_cpu, cpu, interleaved, measured, repeated

ROOT = Path(__file__).resolve().parent.parent
TARGET_ASSESS_S = 300e-6
TARGET_START_RATIO = 2.0  # `advisor assess --format json` against importing pydantic and yaml
TARGET_SPEED_UP = 1.5  # two workers against one, on 2 cores
TARGET_FLAT_MEMORY = 1.2  # peak memory at 100,000 rows against 10,000
PROCESS_RUNS = 7
TEN_THOUSAND, LARGE_ROWS = 10_000, 100_000
BATCH_SIZES = (TEN_THOUSAND, LARGE_ROWS)
BATCH_WORKERS = (1, 2)
BATCH_ROUNDS = 3
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


def time_assess(pack: Any) -> None:
    """Assess, with and without flip points, against its floor: validating the same profile
    (`parse_profile`, which every assessment starts with), in processor time."""
    raw = dict(read_document(ROOT / "examples" / "northwind-hire-now.yaml"))
    floor = "validating the profile"
    runs = interleaved(
        {
            floor: cpu(repeated(lambda: parse_profile(raw), 20)),
            "assess": cpu(lambda: evaluate(parse_profile(raw), pack)),
            "assess without flips": cpu(
                lambda: evaluate(parse_profile(raw), pack, with_flip_points=False)
            ),
        },
        ASSESS_ROUNDS,
    )
    runs[floor] = [seconds / 20 for seconds in runs[floor]]
    measured("assess", runs, "assess", floor, limit=TARGET_ASSESS_S)
    measured("assess without flip points", runs, "assess without flips", floor)


def time_pack_load() -> None:
    """The rule pack's load from its cache against reading and parsing the cache's JSON files
    alone (the cache filled for the bench in a folder of its own)."""
    with tempfile.TemporaryDirectory() as folder:
        before = os.environ.get(CACHE_ENV)
        os.environ[CACHE_ENV] = folder
        try:
            load_pack()
            entries = sorted(Path(folder).glob("*.json"))
            floor = f"parsing its {len(entries)} cached JSON files"
            runs = interleaved(
                {
                    floor: cpu(lambda: [json.loads(path.read_bytes()) for path in entries]),
                    "load_pack()": cpu(load_pack),
                },
                ASSESS_ROUNDS,
            )
        finally:
            if before is None:
                del os.environ[CACHE_ENV]
            else:
                os.environ[CACHE_ENV] = before
    measured("rule pack load", runs, "load_pack()", floor)


def time_assess_process() -> None:
    """`advisor assess --format json` as a whole process against one that only imports pydantic
    and yaml, in each process's processor time."""
    assess = [sys.executable, "-m", "advisor", "assess", "examples/northwind-hire-now.yaml"]
    assess += ["--format", "json"]
    # Bytecode as an installed package has it, so no run pays for compiling the sources (with
    # PYTHONDONTWRITEBYTECODE set, an edited module would otherwise be compiled on every run).
    subprocess.run([sys.executable, "-m", "compileall", "-q", "advisor"], check=True, cwd=ROOT)
    floor = "`python -c 'import pydantic, yaml'`"
    runs = interleaved(
        {
            floor: child_cpu([sys.executable, "-c", "import pydantic, yaml"]),
            "`advisor assess PROFILE --format json`": child_cpu(assess),
        },
        PROCESS_RUNS,
    )
    measured(
        "CLI start (`advisor assess`)",
        runs,
        "`advisor assess PROFILE --format json`",
        floor,
        ratio_target=TARGET_START_RATIO,
    )


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


def time_batches() -> None:
    """The batch on 10,000 rows with one and two workers, interleaved round by round: two
    workers' time on the clock against one's (both cores used), and the peak memory of 100,000
    rows against 10,000 (the output streamed, so memory stays flat)."""
    walls: dict[int, list[float]] = {workers: [] for workers in BATCH_WORKERS}
    peaks: dict[tuple[int, int], float] = {}
    with tempfile.TemporaryDirectory() as folder:
        sources = {rows: Path(folder) / f"profiles-{rows}.csv" for rows in BATCH_SIZES}
        for rows, source in sources.items():
            write_batch(source, rows)
        for _ in range(BATCH_ROUNDS):
            for workers in BATCH_WORKERS:
                run = run_batch(sources[TEN_THOUSAND], TEN_THOUSAND, workers)
                walls[workers].append(run.wall)
                key = (workers, TEN_THOUSAND)
                peaks[key] = max(peaks.get(key, 0.0), run.peak_mb)
        # 100,000 rows once, on two workers (the most a worker holds: a minute of processor).
        peaks[(2, LARGE_ROWS)] = run_batch(sources[LARGE_ROWS], LARGE_ROWS, 2).peak_mb
    one, two = "1 worker, 10,000 rows", "2 workers, 10,000 rows"
    measured(
        "batch speed-up, 2 workers",
        {one: walls[1], two: walls[2]},
        two,
        one,
        clock="on the clock",
        ratio_target=round(1 / TARGET_SPEED_UP, 2),
    )
    speed_ups = sorted(o / t for o, t in zip(walls[1], walls[2], strict=True))
    print(
        f"batch: two workers' speed-up over one, min / median / max: {speed_ups[0]:.2f}× / "
        f"{statistics.median(speed_ups):.2f}× / {speed_ups[-1]:.2f}× (target ≥ "
        f"{TARGET_SPEED_UP}×)"
    )
    large, small = "peak at 100,000 rows", "peak at 10,000 rows"
    measured(
        "batch peak memory, 100,000 rows",
        {
            large: [peaks[(2, LARGE_ROWS)]],
            small: [peaks[(2, TEN_THOUSAND)]],
        },
        large,
        small,
        unit="MB",
        clock="(2 workers, each the largest resident set of any process)",
        ratio_target=TARGET_FLAT_MEMORY,
    )


def main() -> None:
    print("== Core ==")
    pack = load_pack()
    time_assess(pack)
    time_pack_load()
    time_assess_process()
    time_batches()


if __name__ == "__main__":
    main()
