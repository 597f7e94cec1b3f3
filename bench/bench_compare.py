"""Comparing 4 scenarios in process: assess, draft the role, re-assess each differing input."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from advisor.compare import Scenario, compare_scenarios
from advisor.engine import evaluate
from advisor.pack import load_pack
from advisor.profile import load_profile

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 50
SAMPLES = ("northwind-hire-now", "brightpath-prepare", "acorn-not-yet", "ferro-fix-delivery")
ASSESS_TARGET_US = 300  # the core's target for one assessment: the yardstick on a busy machine


def time_compare() -> tuple[float, int]:
    """Median ms of one 4-scenario comparison, and how many inputs differ in it."""
    pack = load_pack()
    scenarios = [
        Scenario(name, load_profile(ROOT / "examples" / f"{name}.yaml"), pack) for name in SAMPLES
    ]
    differences = len(compare_scenarios(scenarios).differences)  # warm the pack's compiled rules
    samples = []
    for _ in range(15):
        start = time.perf_counter()
        compare_scenarios(scenarios)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), differences


def time_one_assessment() -> float:
    """Median ms of one full assessment (with flip points), measured beside the comparison."""
    pack = load_pack()
    profile = load_profile(ROOT / "examples" / f"{SAMPLES[0]}.yaml")
    samples = []
    for _ in range(7):
        start = time.perf_counter()
        for _ in range(20):
            evaluate(profile, pack)
        samples.append((time.perf_counter() - start) / 20 * 1000)
    return statistics.median(samples)


def main() -> None:
    median_ms, differences = time_compare()
    assess_ms = time_one_assessment()
    print("== Compare (issue 10) ==")
    print(
        f"compare 4 scenarios in process (the four sample profiles, {differences} differing "
        f"inputs each re-assessed alone, 4 roles drafted): {median_ms:.1f} ms median of 15  "
        f"(target < {TARGET_MS} ms, ratio {median_ms / TARGET_MS:.2f})"
    )
    print(
        f"the same comparison costs {median_ms / assess_ms:.1f} single assessments "
        f"({assess_ms * 1000:.0f} µs each in this run): {median_ms / assess_ms * ASSESS_TARGET_US / 1000:.1f} ms "
        f"on a machine where one assessment meets its {ASSESS_TARGET_US} µs target"
    )


if __name__ == "__main__":
    main()
