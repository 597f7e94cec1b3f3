"""A workshop's results as a document: each respondent's verdict, every question with its
answers and consensus, the disagreements that decide, and the consensus verdict.

Names and comments are the respondents' own text, kept as typed (cleaned, a comment folded onto
one line); the renderers make them literal for their format.
"""

from __future__ import annotations

from advisor import wording
from advisor.blocks import Bullets, Entries, Entry, Note, Paragraph, Part, Report
from advisor.i18n import N_, _
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
    "title": N_("Workshop: {company} — {respondents}, {questions} questions"),
    "respondents": N_(
        "Respondents (their answers over the case's facts; \"don't know\" keeps the case's)"
    ),
    "respondent": N_("{name}: {verdict} ({answered} of {questions} answered)"),
    "verdict_score": N_("{verdict}, {score}"),
    "questions": N_("Questions"),
    "question": N_("{label} — {state}"),
    "answer": N_("{name}: {answer}"),
    "answer_comment": N_('{name}: {answer} "{comment}"'),
    "consensus": N_("consensus: {consensus}"),
    "flip": N_("! {flip}"),
    "decisive": N_("Decisive disagreements"),
    "no_decisive": N_("none: no single answer given changes the consensus verdict"),
    "together": N_("Decisive only together ({note})"),
    "consensus_verdict": N_("Consensus verdict:"),
    "consensus_line": N_("{verdict} ({readiness})"),
    "no_quorum": N_("not yet: {quorum}"),
    "pack": N_("Rule pack: {name} {version} (digest {digest})"),
}


def _their_verdict(person: RespondentResult) -> str:
    """ "Hire now, 55/100" or "no answers yet"."""
    if person.verdict is None or person.score is None:
        return person.verdict_label
    score = wording.saved_score(person.verdict.value, person.score)
    return _(WORDS["verdict_score"], verdict=person.verdict_label, score=score)


def consensus_line(result: WorkshopResult) -> str:
    consensus = result.consensus
    if not result.quorum_met:
        return _(WORDS["no_quorum"], quorum=result.quorum_text())
    return _(
        WORDS["consensus_line"], verdict=consensus.verdict_label, readiness=consensus.readiness
    )


def _question(question: QuestionResult, consensus_label: str) -> Entry:
    details = []
    for name, answer in question.answers:
        given = given_text(question, name, answer)
        comment = " ".join(answer.comment.split())
        details.append(
            _(WORDS["answer_comment"], name=name, answer=given, comment=comment)
            if comment
            else _(WORDS["answer"], name=name, answer=given)
        )
    details.append(_(WORDS["consensus"], consensus=consensus_text(question)))
    details += [_(WORDS["flip"], flip=flip_text(flip, consensus_label)) for flip in question.flips]
    head = _(WORDS["question"], label=question.label, state=question_state(question))
    return Entry(head, tuple(details))


def build_workshop_report(result: WorkshopResult) -> Report:
    """The workshop's results as one document, for the text and the Markdown report alike."""
    consensus = result.consensus
    count = len(result.questions)
    title = _(
        WORDS["title"],
        company=result.base.company,
        respondents=wording.plural(len(result.respondents), "respondent"),
        questions=count,
    )
    people = tuple(
        _(
            WORDS["respondent"],
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
        Part(_(WORDS["respondents"]), (Bullets(people),)),
        Part(_(WORDS["questions"]), (Entries(questions, ordered=True),)),
        Part(_(WORDS["decisive"]), (Bullets(decisive or (_(WORDS["no_decisive"]),)),)),
    ]
    if result.together:
        together = tuple(flip_text(flip, label) for flip in result.together)
        parts.append(Part(_(WORDS["together"], note=TOGETHER_NOTE), (Bullets(together),)))
    pack = consensus.pack
    note = _(WORDS["pack"], name=pack.name, version=pack.version, digest=pack.digest)
    closing = (Paragraph(consensus_line(result), lead=_(WORDS["consensus_verdict"])), Note(note))
    parts.append(Part("", closing))
    return Report(title, (), tuple(parts))
