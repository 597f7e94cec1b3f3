"""Workshop figures: the results of 10 respondents over every judgement question, in process."""

from __future__ import annotations

import random
import statistics
import time
from typing import Any

from advisor.pack import load_pack
from advisor.profile import load_profile, profile_to_dict
from advisor.workshop import QUESTIONS, compare, respondent_from_mapping
from bench.bench_core import ROOT

TARGET_MS = 100.0
RESPONDENTS = 10
RUNS = 15


def _answers(rng: random.Random, base: dict[str, Any]) -> dict[str, Any]:
    """Answers that disagree everywhere (never "account_manager": the case has no AM)."""
    answers: dict[str, Any] = {}
    for question in QUESTIONS:
        if question.kind == "yes_no":
            options: list[Any] = [True, False]
        elif question.kind == "count":
            options = [0, 30, 60, 90, 120, 150]
        else:
            options = [c for c in question.choices if c != "account_manager"]
        answers[question.field] = rng.choice(options)
    return answers


def _respondents(seed: int, base_profile: Any) -> list[Any]:
    rng = random.Random(seed)
    base = profile_to_dict(base_profile)
    return [
        respondent_from_mapping(
            {"respondent": f"Respondent {index}", "role": "other", **_answers(rng, base)},
            base_profile,
        )
        for index in range(RESPONDENTS)
    ]


def time_results(pack: Any, base: Any, people: list[Any]) -> tuple[float, Any]:
    compare(base, people, pack)  # the pack's compiled rules are cached by the first call
    samples = []
    result = None
    for _ in range(RUNS):
        start = time.perf_counter()
        result = compare(base, people, pack)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), result


def main() -> None:
    pack = load_pack()
    base = load_profile(ROOT / "examples" / "northwind-hire-now.yaml")
    print("== Workshop (issue: workshop mode) ==")
    worst = 0.0
    for seed in (1, 2, 3):
        people = _respondents(seed, base)
        median, result = time_results(pack, base, people)
        worst = max(worst, median)
        print(
            f"results, {RESPONDENTS} respondents × {len(QUESTIONS)} questions (seed {seed}: "
            f"{len(result.disagreements)} disagreements, {len(result.decisive)} decisive, "
            f"{len(result.together)} pairs decisive together), median of {RUNS}: "
            f"{median:.1f} ms"
        )
    print(
        f"results, slowest median: {worst:.1f} ms  (target < {TARGET_MS:.0f} ms, "
        f"ratio {worst / TARGET_MS:.2f})"
    )
