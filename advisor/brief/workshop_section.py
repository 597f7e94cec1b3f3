"""The brief's appendix "Where the team disagreed": who answered, which disagreements decide
the verdict, and the consensus the brief is built on; each answer, each comment and how the
consensus is taken go to the method appendix (`workshop_method`).

Its title and texts are the product's own, not the pack's: the section exists only when a
workshop was held, and a custom pack written before workshops should keep loading.
"""

from __future__ import annotations

from advisor import wording
from advisor.brief.model import Block, Bullets, Callout, Paragraph, Section, Subheading, Table
from advisor.i18n import N_, _, n_, p_
from advisor.i18n.formats import number
from advisor.workshop import (
    CONSENSUS_NOTES,
    TOGETHER_NOTE,
    WorkshopResult,
    answer_text,
    flip_text,
    role_label,
)

KEY = "workshop"
TITLE = N_("Where the team disagreed")
METHOD_TITLE = N_("The workshop's answers")


def _method(result: WorkshopResult) -> Paragraph:
    return Paragraph(
        n_(
            "{count} person answered the judgement questions of this case on "
            "their own. Their answers are laid over the case's facts; a \"don't know\" keeps "
            "the case's own answer. A disagreement is decisive when changing that one answer of "
            "the consensus, all else equal, changes the verdict. The consensus of each question "
            "is the most common answer (a tie is taken as the more cautious answer) unless the "
            "consultant set it.",
            "{count} people answered the judgement questions of this case on "
            "their own. Their answers are laid over the case's facts; a \"don't know\" keeps "
            "the case's own answer. A disagreement is decisive when changing that one answer of "
            "the consensus, all else equal, changes the verdict. The consensus of each question "
            "is the most common answer (a tie is taken as the more cautious answer) unless the "
            "consultant set it.",
            len(result.respondents),
        )
    )


def _intro(result: WorkshopResult, brief_verdict: str) -> list[Block]:
    consensus = result.consensus
    blocks: list[Block] = []
    if consensus.verdict.value == brief_verdict:
        blocks.append(
            Callout(
                _(
                    "{verdict}. This brief is built on the consensus answers.",
                    verdict=consensus.verdict_label,
                ),
                tone="verdict",
                lead=_("Consensus verdict:"),
            )
        )
    else:
        blocks.append(
            Callout(
                # Translators: follows the lead "Check the answers:", so it starts in lower case.
                _(
                    "the team's consensus gives {verdict} ({readiness}), "
                    "not the verdict of this brief: the brief was built on other answers.",
                    verdict=consensus.verdict_label,
                    readiness=consensus.readiness,
                ),
                tone="warning",
                lead=_("Check the answers:"),
            )
        )
    return blocks


def _people(result: WorkshopResult) -> list[Block]:
    people = Table(
        (
            p_("column", "Respondent"),
            p_("column", "Role"),
            p_("column", "Their verdict"),
            p_("column", "Score"),
            p_("column", "Answered"),
        ),
        tuple(
            (
                p.respondent.name,
                role_label(p.respondent.role.value),
                p.verdict_label,
                "—" if p.score is None else _("{score}/100", score=number(p.score)),
                # Translators: questions answered out of all the questions.
                _("{answered} of {total}", answered=p.answered, total=len(result.questions)),
            )
            for p in result.respondents
        ),
        widths=(3, 2, 3, 1.2, 1.3),
        numeric=(3,),
    )
    return [Subheading(_("Who answered")), people]


def _answers(result: WorkshopResult) -> list[Block]:
    rows = []
    tones = []
    for question in result.questions:
        answers = "; ".join(
            f"{name}: {answer_text(question.field, answer.value)}"
            for name, answer in question.answers
        )
        note = _(CONSENSUS_NOTES[question.consensus_source])
        consensus = f"{answer_text(question.field, question.consensus)} ({note})"
        decisive = (
            p_("decisive", "yes")
            if question.decisive
            else (p_("decisive", "no") if not question.agree else "—")
        )
        rows.append((question.label, answers, consensus, decisive))
        tones.append("bad" if question.decisive else ("warn" if not question.agree else ""))
    grid = Table(
        (
            p_("column", "Question"),
            p_("column", "Answers by respondent"),
            p_("column", "Consensus taken"),
            p_("column", "Decisive"),
        ),
        tuple(rows),
        widths=(2.4, 4, 2.6, 1),
        row_tones=tuple(tones),
    )
    return [Subheading(_("The answers")), grid]


def _findings(result: WorkshopResult) -> list[Block]:
    label = result.consensus.verdict_label
    flips = [flip_text(flip, label) for q in result.questions for flip in q.flips]
    blocks: list[Block] = [Subheading(_("Disagreements that decide the verdict"))]
    if flips:
        blocks.append(Bullets(tuple(flips)))
    else:
        blocks.append(Paragraph(_("None: no single answer given changes the consensus verdict.")))
    if result.together:
        blocks.append(Subheading(_("Decisive only together")))
        blocks.append(Callout(wording.capitalised(_(TOGETHER_NOTE)) + ".", tone="warning"))
        blocks.append(Bullets(tuple(flip_text(flip, label) for flip in result.together)))
    return blocks


def _changed(result: WorkshopResult) -> list[Block]:
    changed = [
        # Translators: {question} is a workshop question's label; {profile} and {consensus}
        # are answers to it ("emerging", "yes").
        _(
            "{question}: the profile says {profile}, the consensus {consensus}",
            question=q.label,
            profile=answer_text(q.field, q.case_value),
            consensus=answer_text(q.field, q.consensus),
        )
        for q in result.questions
        if q.consensus != q.case_value
    ]
    if not changed:
        return []
    return [
        Subheading(_("Where the consensus differs from the profile's answers")),
        Bullets(tuple(changed)),
    ]


def _comments(result: WorkshopResult) -> list[Block]:
    comments = [
        # Translators: {name} is a respondent's name, {question} a question's label and
        # {comment} what the respondent wrote.
        _(
            "{name} on {question}: {comment}",
            name=name,
            question=wording.in_sentence(q.label),
            comment=answer.comment,
        )
        for q in result.questions
        for name, answer in q.answers
        if answer.comment
    ]
    return [Subheading(_("What respondents added")), Bullets(tuple(comments))] if comments else []


def workshop_section(result: WorkshopResult, number: int, brief_verdict: str) -> Section:
    """The appendix as the section numbered `number`, for a brief whose verdict is given: the
    consensus, who answered and the disagreements that decide; each answer, each comment and
    how the consensus is taken are in the method appendix (`workshop_method`)."""
    blocks = [
        *_intro(result, brief_verdict),
        *_people(result),
        *_findings(result),
        Paragraph(
            _(
                "Each respondent's answers and comments, where the consensus differs from the "
                "profile and how the consensus is taken: in the "
                "method appendix, under \u201c{part}\u201d.",
                part=_(METHOD_TITLE),
            ),
            style="note",
        ),
    ]
    return Section(KEY, number, _(TITLE), tuple(blocks))


def workshop_method(result: WorkshopResult) -> list[Block]:
    """The workshop's part of the method appendix: how the consensus is taken, every answer
    against the consensus taken, where the consensus differs from the profile's answers, and
    what respondents added."""
    return [
        Subheading(_(METHOD_TITLE)),
        _method(result),
        *_answers(result),
        *_changed(result),
        *_comments(result),
    ]
