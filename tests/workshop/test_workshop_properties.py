"""For any answers: every verdict the results report is what the engine says of that profile,
and every decisive (or jointly decisive) answer is exactly one that flips the consensus."""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from workshop_support import base_case

from advisor.engine import evaluate
from advisor.pack import RulePack
from advisor.profile import updated_profile
from advisor.workshop import QUESTIONS, Respondent, compare
from advisor.workshop.model import Answer

BASE = base_case()


def _options(question: Any) -> list[Any]:
    if question.kind == "yes_no":
        return [True, False]
    if question.kind == "count":
        return [0, 30, 60, 90, 120]
    return [c for c in question.choices if c != "account_manager"]


ANSWER = {q.field: st.none() | st.sampled_from(_options(q)) for q in QUESTIONS}
PERSON = st.fixed_dictionaries({}, optional=ANSWER)


def _people(answer_sets: list[dict[str, Any]]) -> list[Respondent]:
    return [
        Respondent(f"R{i}", answers={f: Answer(v) for f, v in answers.items()})
        for i, answers in enumerate(answer_sets)
    ]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PERSON, min_size=1, max_size=5))
def test_results_agree_with_the_engine(pack: RulePack, answer_sets: list[dict[str, Any]]) -> None:
    result = compare(BASE, _people(answer_sets), pack)
    consensus = result.consensus_profile
    verdict = result.consensus.verdict
    for person, answers in zip(result.respondents, answer_sets, strict=True):
        if not answers:  # nothing saved yet, not even "don't know": no verdict
            assert (person.verdict, person.score) == (None, None)
            continue
        known = {f: v for f, v in answers.items() if v is not None}
        expected = evaluate(updated_profile(BASE, known), pack)
        assert (person.verdict, person.score) == (expected.verdict, expected.score)
    alone = set()
    for question in result.questions:
        known_values = [a.value for _, a in question.answers if a.known]
        if question.consensus_source in ("unanimous", "majority"):
            top = Counter(known_values).most_common()
            assert question.consensus == top[0][0] and top[0][1] > (top[1][1] if top[1:] else 0)
        flipping = set()
        for value in set(known_values) - {question.consensus}:
            other = evaluate(updated_profile(consensus, {question.field: value}), pack)
            if other.verdict is not verdict:
                flipping.add(value)
        assert {flip.changes[0][1] for flip in question.flips} == flipping
        assert question.decisive == bool(flipping)
        if flipping:
            alone.add(question.field)
    reported = {tuple(flip.changes) for flip in result.together}
    open_questions = [q for q in result.questions if q.field not in alone]
    for first, second in combinations(open_questions, 2):
        for a in {x.value for _, x in first.answers if x.known} - {first.consensus}:
            for b in {x.value for _, x in second.answers if x.known} - {second.consensus}:
                changed = updated_profile(consensus, {first.field: a, second.field: b})
                flips = evaluate(changed, pack).verdict is not verdict
                assert flips == (((first.field, a), (second.field, b)) in reported)


def test_ten_respondents_who_all_differ_disagree_on_every_question(pack: RulePack) -> None:
    """The bench's load (its 100 ms target is measured by `make bench`, not here)."""
    options = [_options(q) for q in QUESTIONS]
    answer_sets = [
        {
            q.field: opts[(i + j) % len(opts)]
            for j, (q, opts) in enumerate(zip(QUESTIONS, options, strict=True))
        }
        for i in range(10)
    ]
    people = _people(answer_sets)
    result = compare(BASE, people, pack)
    assert len(result.disagreements) == len(QUESTIONS)
