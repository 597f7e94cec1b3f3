"""Core figures: one assessment in process, rule pack load, and a 10,000-row batch end to end."""

from __future__ import annotations

import csv
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from advisor.engine import evaluate
from advisor.pack import load_pack
from advisor.profile import parse_profile
from advisor.yamlio import read_document

ROOT = Path(__file__).resolve().parent.parent
TARGET_ASSESS_US = 300
TARGET_BATCH_S = 3.0
TARGET_START_RATIO = 3.0  # `advisor assess --format json` against importing pydantic and yaml
PROCESS_RUNS = 5
BASE_ROWS, MORE_ROWS = 50, 10_050
REFERENCE_LOOPS = 200_000

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


def time_assess(pack: Any) -> tuple[float, float]:
    raw = dict(read_document(ROOT / "examples" / "northwind-hire-now.yaml"))
    for _ in range(200):
        evaluate(parse_profile(raw), pack)
    samples = []
    for _ in range(7):
        start = time.perf_counter()
        rounds = 300
        for _ in range(rounds):
            evaluate(parse_profile(raw), pack)
        samples.append((time.perf_counter() - start) / rounds * 1e6)
    without_flips = []
    for _ in range(7):
        start = time.perf_counter()
        for _ in range(300):
            evaluate(parse_profile(raw), pack, with_flip_points=False)
        without_flips.append((time.perf_counter() - start) / 300 * 1e6)
    return statistics.median(samples), statistics.median(without_flips)


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


def time_batch_per_row() -> float:
    """µs per row of assess-batch: (time for 10,050 rows - time for 50 rows) / 10,000."""
    small = min(time_batch(BASE_ROWS) for _ in range(3))
    large = min(time_batch(MORE_ROWS) for _ in range(2))
    return (large - small) / (MORE_ROWS - BASE_ROWS) * 1e6


def time_batch(rows: int = 10_000) -> float:
    rng = random.Random(20261122)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "profiles.csv"
        profiles = [random_profile(rng, i) for i in range(rows)]
        with source.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(profiles[0]))
            writer.writeheader()
            writer.writerows(profiles)
        out = Path(folder) / "results.csv"
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "advisor", "assess-batch", str(source), "--out", str(out)],
            check=True,
            capture_output=True,
            cwd=ROOT,
        )
        elapsed = time.perf_counter() - start
        with out.open(encoding="utf-8") as handle:
            assert sum(1 for _ in handle) == rows + 1
    return elapsed


def main() -> None:
    pack = load_pack()
    assess_us, no_flip_us = time_assess(pack)
    load_ms = time_pack_load()
    batch_s = time_batch()
    assess_process, floor_process = time_assess_process()
    reference_us = reference_loop_us()
    per_row_us = time_batch_per_row()
    print("== Core (issue: core) ==")
    print(
        f"assess, median per profile (validation + evaluation + economics + flip points): "
        f"{assess_us:.0f} µs  (target < {TARGET_ASSESS_US} µs, ratio {assess_us / TARGET_ASSESS_US:.2f})"
    )
    print(f"assess without flip points: {no_flip_us:.0f} µs")
    print(f"rule pack load (4 files, {len(pack.rules)} rules): {load_ms:.1f} ms")
    print(
        f"assess-batch, 10,000 generated profiles end to end: {batch_s:.2f} s  "
        f"(target < {TARGET_BATCH_S} s, ratio {batch_s / TARGET_BATCH_S:.2f})"
    )
    print(
        f"`advisor assess PROFILE --format json`, whole process, median of {PROCESS_RUNS}: "
        f"{assess_process * 1000:.0f} ms vs `python -c 'import pydantic, yaml'` "
        f"{floor_process * 1000:.0f} ms (ratio {assess_process / floor_process:.2f}×; "
        f"target ≤ {TARGET_START_RATIO:.0f}×)"
    )
    print(
        f"assess-batch per row ((10,050 rows - 50 rows) / 10,000): {per_row_us:.0f} µs vs the "
        f"reference loop's {reference_us:.3f} µs per pass (ratio {per_row_us / reference_us:.0f})"
    )


if __name__ == "__main__":
    main()
