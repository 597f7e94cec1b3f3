"""A workshop's results as a document: each respondent's verdict, every question with its
answers and consensus, the disagreements that decide, and the consensus verdict.

Names and comments are the respondents' own text, kept as typed (cleaned, a comment folded onto
one line); the renderers make them literal for their format.
"""

from __future__ import annotations

from advisor import wording
from advisor.blocks import Bullets, Entries, Entry, Note, Paragraph, Part, Report
from advisor.workshop import (
    TOGETHER_NOTE,
    QuestionResult,
    RespondentResult,
    WorkshopResult,
    consensus_text,
    flip_text,
    question_state,
)
from advisor.workshop.results import given_text

WORDS = {
    "title": "Workshop: {company} — {respondents}, {questions} questions",
    "respondents": "Respondents (their answers over the case's facts; \"don't know\" keeps the "
    "case's)",
    "respondent": "{name}: {verdict} ({answered} of {questions} answered)",
    "verdict_score": "{verdict}, {score}",
    "questions": "Questions",
    "question": "{label} — {state}",
    "answer": "{name}: {answer}",
    "answer_comment": '{name}: {answer} "{comment}"',
    "consensus": "consensus: {consensus}",
    "flip": "! {flip}",
    "decisive": "Decisive disagreements",
    "no_decisive": "none: no single answer given changes the consensus verdict",
    "together": "Decisive only together ({note})",
    "consensus_verdict": "Consensus verdict:",
    "consensus_line": "{verdict} ({readiness})",
    "no_quorum": "not yet: {quorum}",
    "pack": "Rule pack: {name} {version} (digest {digest})",
}


def _their_verdict(person: RespondentResult) -> str:
    """ "Hire now, 55/100" or "no answers yet"."""
    if person.verdict is None or person.score is None:
        return person.verdict_label
    score = wording.saved_score(person.verdict.value, person.score)
    return WORDS["verdict_score"].format(verdict=person.verdict_label, score=score)


def consensus_line(result: WorkshopResult) -> str:
    consensus = result.consensus
    if not result.quorum_met:
        return WORDS["no_quorum"].format(quorum=result.quorum_text())
    return WORDS["consensus_line"].format(
        verdict=consensus.verdict_label, readiness=consensus.readiness
    )


def _question(question: QuestionResult, consensus_label: str) -> Entry:
    details = []
    for name, answer in question.answers:
        given = given_text(question, name, answer)
        comment = " ".join(answer.comment.split())
        details.append(
            WORDS["answer_comment"].format(name=name, answer=given, comment=comment)
            if comment
            else WORDS["answer"].format(name=name, answer=given)
        )
    details.append(WORDS["consensus"].format(consensus=consensus_text(question)))
    details += [
        WORDS["flip"].format(flip=flip_text(flip, consensus_label)) for flip in question.flips
    ]
    head = WORDS["question"].format(label=question.label, state=question_state(question))
    return Entry(head, tuple(details))


def build_workshop_report(result: WorkshopResult) -> Report:
    """The workshop's results as one document, for the text and the Markdown report alike."""
    consensus = result.consensus
    count = len(result.questions)
    title = WORDS["title"].format(
        company=result.base.company,
        respondents=wording.plural(len(result.respondents), "respondent"),
        questions=count,
    )
    people = tuple(
        WORDS["respondent"].format(
            name=person.respondent.title,
            verdict=_their_verdict(person),
            answered=person.answered,
            questions=count,
        )
        for person in result.respondents
    )
    label = consensus.verdict_label
    questions = tuple(_question(question, label) for question in result.questions)
    decisive = tuple(flip_text(f, label) for q in result.questions for f in q.flips)
    parts = [
        Part(WORDS["respondents"], (Bullets(people),)),
        Part(WORDS["questions"], (Entries(questions, ordered=True),)),
        Part(WORDS["decisive"], (Bullets(decisive or (WORDS["no_decisive"],)),)),
    ]
    if result.together:
        together = tuple(flip_text(flip, label) for flip in result.together)
        parts.append(Part(WORDS["together"].format(note=TOGETHER_NOTE), (Bullets(together),)))
    pack = consensus.pack
    note = WORDS["pack"].format(name=pack.name, version=pack.version, digest=pack.digest)
    closing = (Paragraph(consensus_line(result), lead=WORDS["consensus_verdict"]), Note(note))
    parts.append(Part("", closing))
    return Report(title, (), tuple(parts))
