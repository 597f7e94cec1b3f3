"""Comparing 4 scenarios in process (assess, draft the role, re-assess each differing input)
against one assessment of the first scenario, in processor time over interleaved rounds."""

from __future__ import annotations

from pathlib import Path

from advisor.compare import Scenario, compare_scenarios
from advisor.engine import evaluate
from advisor.pack import load_pack
from advisor.profile import load_profile
from bench.ratios import cpu, interleaved, measured

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 0.050
SAMPLES = ("northwind-hire-now", "brightpath-prepare", "acorn-not-yet", "ferro-fix-delivery")
ROUNDS = 15


def main() -> None:
    print("== Compare ==")
    pack = load_pack()
    scenarios = [
        Scenario(name, load_profile(ROOT / "examples" / f"{name}.yaml"), pack) for name in SAMPLES
    ]
    differences = len(compare_scenarios(scenarios).differences)
    floor = "one assessment of the first scenario"
    figure = f"4 sample scenarios ({differences} differing inputs re-assessed, 4 roles drafted)"
    runs = interleaved(
        {
            floor: cpu(lambda: evaluate(scenarios[0].profile, pack)),
            figure: cpu(lambda: compare_scenarios(scenarios)),
        },
        ROUNDS,
    )
    measured("compare 4 scenarios", runs, figure, floor, limit=TARGET_S)


if __name__ == "__main__":
    main()
