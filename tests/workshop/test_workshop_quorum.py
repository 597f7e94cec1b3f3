"""Before anyone answers, no consensus: a question nobody answered is "waiting", a respondent
who answered nothing has no verdict, the consensus verdict counts once the quorum has answered;
revoking a respondent says what it does to the consensus; an anonymous workshop names nobody.

With 0 of 9 answered, every question used to read "agree" and each respondent "Hire now 95";
revoking a respondent who had answered silently flipped the verdict from Hire now to Fix
delivery first.
"""

from __future__ import annotations

import pytest
from workshop_support import base_case, person, respondents

from advisor import wording
from advisor.engine import Verdict, evaluate
from advisor.pack import RulePack
from advisor.profile import updated_profile
from advisor.workshop import (
    NO_VERDICT,
    QUESTION_TEXT,
    QUESTIONS,
    WorkshopError,
    compare,
    flip_text,
    question_state,
    revoke_impact,
)
from advisor.workshop.tables import grid_rows, respondent_rows

# On the support's base: founder-held knowledge with an inconsistent onboarding gives Hire now;
# delivery below 'standardised' gives Fix delivery first.
HIRE = {"knowledge_holder": "founder", "onboarding_consistent": False}


def test_before_anyone_answers_every_question_is_waiting_and_nobody_has_a_verdict(
    pack: RulePack,
) -> None:
    base = base_case()
    people = respondents(base, person("Ana"), person("Ben"), person("Cleo"))
    result = compare(base, people, pack)
    assert all(q.waiting for q in result.questions)
    assert {question_state(q) for q in result.questions} == {"waiting"}
    assert all(r.verdict is None and r.score is None for r in result.respondents)
    assert {r.verdict_label for r in result.respondents} == {NO_VERDICT}
    assert not result.quorum_met and result.answered_count == 0
    rows = grid_rows(result)
    assert {row["State"] for row in rows} == {"waiting"}
    assert {row["Ana"] for row in rows} == {"not answered yet"}
    assert {row["Score"] for row in respondent_rows(result)} == {"—"}
    data = result.to_dict()
    assert data["quorum"] == {"needed": 1, "answered": 0, "met": False}
    assert data["respondents"][0]["verdict"] is None


def test_a_dont_know_is_an_answer_so_the_question_is_no_longer_waiting(pack: RulePack) -> None:
    base = base_case()
    people = respondents(base, person("Ana", churn_trend="dont_know"), person("Ben"))
    result = compare(base, people, pack)
    churn = next(q for q in result.questions if q.field == "churn_trend")
    assert not churn.waiting and churn.unanswered == ("Ben",)
    assert question_state(churn) == "agree"
    ana, ben = result.respondents
    # Ana's "don't know" keeps the case's answer: her verdict is the case's own.
    expected = evaluate(base, pack)
    assert (ana.verdict, ana.score) == (expected.verdict, expected.score)
    assert ben.verdict is None
    row = next(r for r in grid_rows(result) if r["Question"] == churn.label)
    assert (row["Ana"], row["Ben"]) == ("don't know", "not answered yet")


def test_the_consensus_verdict_counts_once_the_quorum_has_answered(pack: RulePack) -> None:
    base = base_case()
    waiting = respondents(base, person("Ana", **HIRE), person("Ben"), person("Cleo"))
    result = compare(base, waiting, pack, quorum=2)
    assert result.answered_count == 1 and not result.quorum_met
    assert result.quorum_text() == (
        "1 of 3 respondents has answered; the consensus verdict appears once 2 have"
    )
    assert result.to_dict()["quorum"] == {"needed": 2, "answered": 1, "met": False}
    answered = respondents(base, person("Ana", **HIRE), person("Ben", **HIRE), person("Cleo"))
    result = compare(base, answered, pack, quorum=2)
    assert result.quorum_met and result.quorum_text() == (
        "2 of 3 respondents have answered (the quorum is 2)"
    )
    assert result.consensus.verdict is Verdict.HIRE_NOW


@pytest.mark.parametrize("bad", [0, -1, True, "2", 2.0, 501])
def test_a_quorum_that_is_not_a_whole_number_from_one_is_refused(
    pack: RulePack, bad: object
) -> None:
    base = base_case()
    with pytest.raises(WorkshopError) as error:
        compare(base, respondents(base, person("Ana")), pack, quorum=bad)  # type: ignore[arg-type]
    assert error.value.problems[0].path == "quorum"
    assert "whole number from 1 to 500" in error.value.problems[0].message


def _labels(pack: RulePack, verdict: Verdict) -> str:
    return pack.verdict_labels[verdict.value]


def test_revoking_the_respondent_who_decides_says_the_verdict_changes(pack: RulePack) -> None:
    base = base_case()
    people = respondents(
        base,
        person("Ana", delivery_maturity="standardised", **HIRE),
        person("Ben", delivery_maturity="standardised", **HIRE),
        person("Cleo", delivery_maturity="emerging", **HIRE),
    )
    assert compare(base, people, pack).consensus.verdict is Verdict.HIRE_NOW
    impact = revoke_impact(base, people, pack, "Ben")
    # Without Ben delivery is a tie, taken as the more cautious 'emerging'.
    hire, fix = _labels(pack, Verdict.HIRE_NOW), _labels(pack, Verdict.FIX_DELIVERY_FIRST)
    assert (impact.before, impact.after, impact.changes) == (hire, fix, True)
    assert impact.text == (
        "Revoking Ben's link leaves their answers out of the results: the consensus verdict "
        f"changes from {hire} to {fix}."
    )


def test_revoking_a_respondent_who_changes_only_the_score_says_both_scores(
    pack: RulePack,
) -> None:
    base = base_case()
    people = respondents(
        base, person("Ana", knowledge_holder="founder"), person("Ben", knowledge_holder="founder")
    )
    impact = revoke_impact(base, people, pack, "Ben")
    assert not impact.changes
    now = evaluate(updated_profile(base, {"knowledge_holder": "founder"}), pack)
    score = wording.saved_score(now.verdict.value, now.score)
    assert impact.text.endswith(
        f"the consensus verdict stays {_labels(pack, now.verdict)} "
        f"(score {score} now, {score} without them)."
    )


def test_revoking_a_respondent_who_has_not_answered_changes_nothing(pack: RulePack) -> None:
    base = base_case()
    people = respondents(base, person("Ana", **HIRE), person("Ben"))
    impact = revoke_impact(base, people, pack, "Ben")
    assert not impact.answered
    assert impact.text == "Ben has not answered yet: revoking their link changes no result."


def test_revoking_below_the_quorum_says_the_verdict_is_no_longer_shown(pack: RulePack) -> None:
    base = base_case()
    people = respondents(base, person("Ana", **HIRE), person("Ben", **HIRE), person("Cleo"))
    impact = revoke_impact(base, people, pack, "Ben", quorum=2)
    hire = _labels(pack, Verdict.HIRE_NOW)
    assert (impact.before, impact.after) == (hire, None)
    assert impact.text.endswith(
        f"the consensus verdict {hire} is no longer shown, 1 of 2 respondents has answered; "
        "the consensus verdict appears once 2 have."
    )


def test_revoking_the_only_respondent_leaves_no_results(pack: RulePack) -> None:
    base = base_case()
    impact = revoke_impact(base, respondents(base, person("Ana", **HIRE)), pack, "Ana")
    assert impact.after is None and impact.text.endswith(
        "nobody else is left, so there are no results."
    )


def test_revoking_someone_not_in_the_workshop_is_refused(pack: RulePack) -> None:
    base = base_case()
    with pytest.raises(WorkshopError, match="'Zoe' is not a respondent"):
        revoke_impact(base, respondents(base, person("Ana")), pack, "Zoe")


def test_an_anonymous_workshop_names_nobody_in_its_decisive_disagreements(
    pack: RulePack,
) -> None:
    base = base_case()
    people = respondents(
        base,
        person("Ana", delivery_maturity="standardised", **HIRE),
        person("Ben", delivery_maturity="standardised", **HIRE),
        person("Cleo", delivery_maturity="emerging", **HIRE),
    )
    result = compare(base, people, pack, anonymous=True)
    assert result.anonymous and result.to_dict()["anonymous"] is True
    flip = next(f for q in result.questions for f in q.flips)
    label = result.consensus.verdict_label
    assert "(Cleo)" in flip_text(flip, label)
    # Without names, who gave the answer reads as how many did; the choice by its label.
    assert flip_text(flip, label, names=False) == (
        f"“Emerging” (1 person) for delivery maturity gives {flip.verdict_label} instead of {label}"
    )


def test_every_question_is_asked_as_a_question() -> None:
    assert set(QUESTION_TEXT) == {q.field for q in QUESTIONS}
    for question in QUESTIONS:
        assert question.text == QUESTION_TEXT[question.field]
        assert question.text.endswith("?") and question.text[0].isupper()
    unworked = next(q for q in QUESTIONS if q.field == "unworked_upsell")
    assert unworked.text == "Is there upsell in your accounts that nobody works?"
