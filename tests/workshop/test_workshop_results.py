"""The results: respondents' verdicts, decisive disagreements, pairs decisive only together,
the consensus and its ties, "don't know", and the consultant's overrides."""

from __future__ import annotations

import pytest
from workshop_support import base_case, person, respondents

from advisor.engine import Verdict, evaluate
from advisor.pack import RulePack
from advisor.profile import profile_to_dict, updated_profile
from advisor.workshop import (
    JUDGEMENT_FIELDS,
    QUESTIONS,
    WorkshopError,
    caution,
    compare,
    flip_text,
    parse_overrides,
)
from advisor.workshop.results import FROM_CASE, MAJORITY, OVERRIDE, TIE_CAUTIOUS, UNANIMOUS


def _question(result, field):  # type: ignore[no-untyped-def]
    return next(q for q in result.questions if q.field == field)


def test_the_questions_are_the_profile_fields_with_their_own_help() -> None:
    from advisor import wording
    from advisor.profile import FIELDS

    assert [q.field for q in QUESTIONS] == list(JUDGEMENT_FIELDS)
    for question in QUESTIONS:
        assert question.label == FIELDS[question.field].label
        assert question.choices == FIELDS[question.field].choices
        assert question.help == wording.field_help(question.field)
        assert question.help.startswith(FIELDS[question.field].help)
    assert "**Emerging**" in next(q for q in QUESTIONS if q.field == "delivery_maturity").help


def test_one_decisive_disagreement(pack: RulePack) -> None:
    base = base_case()
    people = respondents(
        base,
        person("Ana", "founder", delivery_maturity="standardised"),
        person("Ben", "delivery", delivery_maturity="emerging"),
        person("Cleo", "sales", delivery_maturity="standardised"),
    )
    result = compare(base, people, pack)
    question = _question(result, "delivery_maturity")
    assert not question.agree and question.decisive
    assert question.consensus == "standardised" and question.consensus_source == MAJORITY
    assert result.consensus.verdict is Verdict.PREPARE
    [flip] = question.flips
    assert flip.changes == (("delivery_maturity", "emerging"),)
    assert flip.verdict is Verdict.FIX_DELIVERY_FIRST and flip.respondents == (("Ben",),)
    assert "“Emerging” (Ben) for delivery maturity gives Fix delivery first" in flip_text(
        flip, result.consensus.verdict_label
    )
    verdicts = {r.respondent.name: r.verdict for r in result.respondents}
    assert verdicts == {
        "Ana": Verdict.PREPARE,
        "Ben": Verdict.FIX_DELIVERY_FIRST,
        "Cleo": Verdict.PREPARE,
    }
    assert result.together == ()


def test_a_disagreement_that_changes_nothing_is_not_decisive(pack: RulePack) -> None:
    base = base_case()
    people = respondents(
        base,
        person("Ana", renewal_lead_days=100),
        person("Ben", renewal_lead_days=120),
        person("Cleo", renewal_lead_days=120),
    )
    result = compare(base, people, pack)
    question = _question(result, "renewal_lead_days")
    assert not question.agree
    assert not question.decisive and question.flips == ()
    assert question.consensus == 120
    assert result.decisive == () and result.together == ()


def test_two_disagreements_decisive_only_together(pack: RulePack) -> None:
    base = base_case()
    people = respondents(
        base,
        person("Ana", "founder", knowledge_holder="shared_in_crm", onboarding_consistent=True),
        person("Ben", "delivery", knowledge_holder="founder", onboarding_consistent=False),
        person("Cleo", "sales", knowledge_holder="shared_in_crm", onboarding_consistent=True),
    )
    result = compare(base, people, pack)
    assert result.consensus.verdict is Verdict.PREPARE
    for field in ("knowledge_holder", "onboarding_consistent"):
        question = _question(result, field)
        assert not question.agree and not question.decisive, field
    [pair] = result.together
    assert pair.changes == (("knowledge_holder", "founder"), ("onboarding_consistent", False))
    assert pair.verdict is Verdict.HIRE_NOW and pair.respondents == (("Ben",), ("Ben",))
    # Ben's own verdict shows the same: both answers of his together.
    assert result.respondents[1].verdict is Verdict.HIRE_NOW
    data = result.to_dict()
    assert data["decisive_together"][0]["verdict"] == "hire_now"


def test_a_pair_is_not_reported_together_when_one_is_decisive_alone(pack: RulePack) -> None:
    base = base_case()
    people = respondents(
        base,
        person("Ana", delivery_maturity="standardised", knowledge_holder="shared_in_crm"),
        person("Ben", delivery_maturity="emerging", knowledge_holder="founder"),
        person("Cleo", delivery_maturity="standardised", knowledge_holder="shared_in_crm"),
    )
    result = compare(base, people, pack)
    assert [q.field for q in result.decisive] == ["delivery_maturity"]
    assert result.together == ()


def test_decisive_is_computed_by_the_engine_not_listed(pack: RulePack) -> None:
    """Every flip the results report is what evaluate() says of the changed consensus."""
    base = base_case()
    people = respondents(
        base,
        person("Ana", churn_cause_known=False, churn_trend="rising", unworked_upsell=False),
        person("Ben", churn_cause_known=True, churn_trend="stable", unworked_upsell=True),
        person("Cleo", churn_cause_known=False, churn_trend="rising", unworked_upsell=False),
    )
    result = compare(base, people, pack)
    consensus = result.consensus_profile
    for question in result.questions:
        for value in {a.value for _, a in question.answers if a.known} - {question.consensus}:
            changed = evaluate(updated_profile(consensus, {question.field: value}), pack)
            flipped = changed.verdict is not result.consensus.verdict
            assert flipped == any(f.changes[0][1] == value for f in question.flips)
    assert {q.field for q in result.decisive} == {"churn_cause_known", "churn_trend"}


def test_unanimous_answers_agree(pack: RulePack) -> None:
    base = base_case()
    people = respondents(
        base, person("Ana", churn_trend="falling"), person("Ben", churn_trend="falling")
    )
    result = compare(base, people, pack)
    question = _question(result, "churn_trend")
    assert question.agree and question.consensus == "falling"
    assert question.consensus_source == UNANIMOUS
    assert result.consensus_profile.churn_trend.value == "falling"


def test_a_tie_takes_the_more_cautious_answer(pack: RulePack) -> None:
    base = base_case()
    people = respondents(
        base,
        person("Ana", delivery_maturity="standardised"),
        person("Ben", delivery_maturity="emerging"),
    )
    result = compare(base, people, pack)
    question = _question(result, "delivery_maturity")
    assert question.consensus == "emerging" and question.consensus_source == TIE_CAUTIOUS
    assert result.consensus.verdict is Verdict.FIX_DELIVERY_FIRST
    # Taking the other answer would be the bolder verdict: decisive, the other way round.
    assert question.decisive and question.flips[0].verdict is Verdict.PREPARE


def test_a_tie_between_scores_takes_the_lower_score(pack: RulePack) -> None:
    base = base_case()
    people = respondents(
        base,
        person("Ana", knowledge_holder="founder"),  # 50/100
        person("Ben", knowledge_holder="shared_in_crm"),  # 40/100
    )
    result = compare(base, people, pack)
    question = _question(result, "knowledge_holder")
    assert question.consensus == "shared_in_crm" and question.consensus_source == TIE_CAUTIOUS
    assert result.consensus.score == 40


def test_caution_orders_fix_delivery_first_then_the_ladder_then_score() -> None:
    ordered = [
        (Verdict.FIX_DELIVERY_FIRST, 90.0),
        (Verdict.NOT_YET, 10.0),
        (Verdict.NOT_YET, 20.0),
        (Verdict.PREPARE, 30.0),
        (Verdict.HIRE_NOW, 60.0),
    ]
    assert sorted(ordered, key=lambda pair: caution(*pair)) == ordered


def test_dont_know_falls_back_to_the_case(pack: RulePack) -> None:
    base = base_case(delivery_maturity="emerging")
    people = respondents(
        base,
        person("Ana", delivery_maturity="dont_know", churn_trend="stable"),
        person("Ben", delivery_maturity="don't know"),
        person("Cleo"),
    )
    result = compare(base, people, pack)
    question = _question(result, "delivery_maturity")
    assert question.answered == 0 and question.agree
    assert question.consensus == "emerging" and question.consensus_source == FROM_CASE
    ana, ben, cleo = result.respondents
    assert ana.answered == 1 and cleo.answered == 0
    # Nobody knew delivery: each respondent who answered keeps the case's 'emerging'.
    assert {ana.verdict, ben.verdict} == {Verdict.FIX_DELIVERY_FIRST}
    assert ben.score == evaluate(base, pack).score
    assert cleo.verdict is None and cleo.score is None  # Cleo has not answered anything
    assert result.to_dict()["questions"][0]["answers"] == {"Ana": None, "Ben": None, "Cleo": None}


def test_a_respondent_verdict_is_their_answers_over_the_facts(pack: RulePack) -> None:
    base = base_case()
    [ana] = respondents(base, person("Ana", knowledge_holder="founder", churn_trend="stable"))
    result = compare(base, [ana], pack)
    expected = evaluate(
        updated_profile(base, {"knowledge_holder": "founder", "churn_trend": "stable"}), pack
    )
    assert (result.respondents[0].verdict, result.respondents[0].score) == (
        expected.verdict,
        expected.score,
    )


def test_the_consultant_overrides_the_consensus(pack: RulePack) -> None:
    base = base_case()
    people = respondents(
        base,
        person("Ana", delivery_maturity="standardised"),
        person("Ben", delivery_maturity="standardised"),
    )
    overrides = parse_overrides({"delivery_maturity": "ad_hoc"}, base)
    result = compare(base, people, pack, overrides)
    question = _question(result, "delivery_maturity")
    assert question.agree  # the team agrees; the consultant does not
    assert question.consensus == "ad_hoc" and question.consensus_source == OVERRIDE
    assert result.consensus.verdict is Verdict.FIX_DELIVERY_FIRST
    # What the team said would change the consultant's verdict: reported as decisive.
    assert question.decisive and question.flips[0].respondents == (("Ana", "Ben"),)
    assert result.to_dict()["consensus"]["sources"]["delivery_maturity"] == "override"


def test_overrides_are_checked_like_answers() -> None:
    base = base_case()
    with pytest.raises(WorkshopError) as caught:
        parse_overrides(
            {"delivery_maturty": "emerging", "churn_trend": "up", "knowledge_holder": "dont_know"},
            base,
            "--consensus",
        )
    text = str(caught.value)
    assert "--consensus: delivery_maturty: not a judgement question" in text
    assert "did you mean 'delivery_maturity'?" in text
    assert "churn_trend: 'up' is not one of falling, stable, rising" in text
    assert "knowledge_holder: the consensus needs an answer" in text


def test_the_consensus_profile_keeps_the_facts(pack: RulePack) -> None:
    base = base_case(notes="Kept as written")
    people = respondents(base, person("Ana", delivery_maturity="optimised"))
    result = compare(base, people, pack)
    facts = {k: v for k, v in profile_to_dict(base).items() if k not in JUDGEMENT_FIELDS}
    consensus = profile_to_dict(result.consensus_profile)
    assert {k: consensus[k] for k in facts} == facts
    assert result.to_dict()["consensus"]["profile"]["delivery_maturity"] == "optimised"


def test_a_name_given_twice_is_refused(pack: RulePack) -> None:
    base = base_case()
    people = respondents(base, person("Ana"), person("ana"))
    with pytest.raises(WorkshopError, match="'ana' has answered already"):
        compare(base, people, pack)


def test_no_respondents_is_refused(pack: RulePack) -> None:
    with pytest.raises(WorkshopError, match="at least one respondent"):
        compare(base_case(), [], pack)


def test_the_facts_are_shown_not_asked() -> None:
    from workshop_support import ROOT

    from advisor.profile import load_profile
    from advisor.workshop import FACT_FIELDS, case_facts

    assert not set(FACT_FIELDS) & set(JUDGEMENT_FIELDS)
    northwind = load_profile(ROOT / "examples" / "northwind-hire-now.yaml")
    assert case_facts(northwind) == (
        ("Active client accounts", "22 accounts"),
        ("Average contract value", "€36,000"),
        ("Gross margin", "62%"),
        ("Logo churn (last 12 months)", "14%"),
    )


def test_decisive_disagreement_names_the_choice_label_not_its_code(pack: RulePack) -> None:
    base = base_case()
    people = respondents(
        base,
        person("Ana", "founder", delivery_maturity="standardised"),
        person("Tomás Vidal", "delivery", delivery_maturity="ad_hoc"),
        person("Cleo", "sales", delivery_maturity="standardised"),
    )
    result = compare(base, people, pack)
    [flip] = _question(result, "delivery_maturity").flips
    text = flip_text(flip, result.consensus.verdict_label)
    # The questionnaire offers 'ad_hoc' as "Ad hoc": the sentence reads the same label.
    assert text.startswith("“Ad hoc” (Tomás Vidal) for delivery maturity gives Fix delivery first")
    assert "ad_hoc" not in text and "'ad hoc'" not in text
