"""Workshop figures: the results of 10 respondents over every judgement question, in process,
against one assessment of the case, in processor time."""

from __future__ import annotations

import random
from typing import Any

from advisor.engine import evaluate
from advisor.pack import load_pack
from advisor.profile import load_profile, profile_to_dict
from advisor.workshop import QUESTIONS, compare, respondent_from_mapping
from bench.bench_core import ROOT
from bench.ratios import cpu, interleaved, measured

TARGET_S = 0.100
RESPONDENTS = 10
RUNS = 9
SEEDS = (1, 2, 3)


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


def main() -> None:
    """The results of 10 respondents (three seeds of answers) against one assessment of the
    case's profile, in processor time over interleaved rounds."""
    pack = load_pack()
    base = load_profile(ROOT / "examples" / "northwind-hire-now.yaml")
    print("== Workshop ==")
    floor = "one assessment of the case"
    actions = {floor: cpu(lambda: evaluate(base, pack))}
    for seed in SEEDS:
        people = _respondents(seed, base)
        result = compare(base, people, pack)
        print(
            f"workshop results, seed {seed}: {RESPONDENTS} respondents × {len(QUESTIONS)} "
            f"questions, {len(result.disagreements)} disagreements, {len(result.decisive)} "
            f"decisive, {len(result.together)} pairs decisive together"
        )
        actions[f"seed {seed}"] = cpu(lambda people=people: compare(base, people, pack))  # type: ignore[misc]
    runs = interleaved(actions, RUNS)
    figure = f"results of {RESPONDENTS} respondents (slowest seed per round)"
    runs[figure] = [max(found) for found in zip(*(runs[f"seed {s}"] for s in SEEDS), strict=True)]
    measured("workshop results, 10 respondents", runs, figure, floor, limit=TARGET_S)
