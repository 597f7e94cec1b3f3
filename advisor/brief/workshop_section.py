"""The brief's appendix "Where the team disagreed": who answered, which disagreements decide
the verdict, and the consensus the brief is built on; each answer, each comment and how the
consensus is taken go to the method appendix (`workshop_method`).

Its title and texts are the product's own, not the pack's: the section exists only when a
workshop was held, and a custom pack written before workshops should keep loading.
"""

from __future__ import annotations

from advisor import wording
from advisor.brief.model import Block, Bullets, Callout, Paragraph, Section, Subheading, Table
from advisor.workshop import (
    CONSENSUS_NOTES,
    TOGETHER_NOTE,
    WorkshopResult,
    answer_text,
    flip_text,
    role_label,
)

KEY = "workshop"
TITLE = "Where the team disagreed"
METHOD_TITLE = "The workshop's answers"


def _method(result: WorkshopResult) -> Paragraph:
    count = wording.plural(len(result.respondents), "person", "people")
    return Paragraph(
        f"{wording.capitalised(count)} answered the judgement questions of this case on "
        f"their own. Their answers are laid over the case's facts; a \"don't know\" keeps "
        "the case's own answer. A disagreement is decisive when changing that one answer of "
        "the consensus, all else equal, changes the verdict. The consensus of each question "
        "is the most common answer (a tie is taken as the more cautious answer) unless the "
        "consultant set it."
    )


def _intro(result: WorkshopResult, brief_verdict: str) -> list[Block]:
    consensus = result.consensus
    blocks: list[Block] = []
    if consensus.verdict.value == brief_verdict:
        blocks.append(
            Callout(
                f"{consensus.verdict_label}. This brief is built on the consensus answers.",
                tone="verdict",
                lead="Consensus verdict:",
            )
        )
    else:
        blocks.append(
            Callout(
                f"the team's consensus gives {consensus.verdict_label} ({consensus.readiness}), "
                "not the verdict of this brief: the brief was built on other answers.",
                tone="warning",
                lead="Check the answers:",
            )
        )
    return blocks


def _people(result: WorkshopResult) -> list[Block]:
    people = Table(
        ("Respondent", "Role", "Their verdict", "Score", "Answered"),
        tuple(
            (
                p.respondent.name,
                role_label(p.respondent.role.value),
                p.verdict_label,
                "—" if p.score is None else f"{p.score:.0f}/100",
                f"{p.answered} of {len(result.questions)}",
            )
            for p in result.respondents
        ),
        widths=(3, 2, 3, 1.2, 1.3),
        numeric=(3,),
    )
    return [Subheading("Who answered"), people]


def _answers(result: WorkshopResult) -> list[Block]:
    rows = []
    tones = []
    for question in result.questions:
        answers = "; ".join(
            f"{name}: {answer_text(question.field, answer.value)}"
            for name, answer in question.answers
        )
        note = CONSENSUS_NOTES[question.consensus_source]
        consensus = f"{answer_text(question.field, question.consensus)} ({note})"
        decisive = "yes" if question.decisive else ("no" if not question.agree else "—")
        rows.append((question.label, answers, consensus, decisive))
        tones.append("bad" if question.decisive else ("warn" if not question.agree else ""))
    grid = Table(
        ("Question", "Answers by respondent", "Consensus taken", "Decisive"),
        tuple(rows),
        widths=(2.4, 4, 2.6, 1),
        row_tones=tuple(tones),
    )
    return [Subheading("The answers"), grid]


def _findings(result: WorkshopResult) -> list[Block]:
    label = result.consensus.verdict_label
    flips = [flip_text(flip, label) for q in result.questions for flip in q.flips]
    blocks: list[Block] = [Subheading("Disagreements that decide the verdict")]
    if flips:
        blocks.append(Bullets(tuple(flips)))
    else:
        blocks.append(Paragraph("None: no single answer given changes the consensus verdict."))
    if result.together:
        blocks.append(Subheading("Decisive only together"))
        blocks.append(Callout(wording.capitalised(TOGETHER_NOTE) + ".", tone="warning"))
        blocks.append(Bullets(tuple(flip_text(flip, label) for flip in result.together)))
    return blocks


def _changed(result: WorkshopResult) -> list[Block]:
    changed = [
        f"{q.label}: the profile says {answer_text(q.field, q.case_value)}, the consensus "
        f"{answer_text(q.field, q.consensus)}"
        for q in result.questions
        if q.consensus != q.case_value
    ]
    if not changed:
        return []
    return [
        Subheading("Where the consensus differs from the profile's answers"),
        Bullets(tuple(changed)),
    ]


def _comments(result: WorkshopResult) -> list[Block]:
    comments = [
        f"{name} on {wording.in_sentence(q.label)}: {answer.comment}"
        for q in result.questions
        for name, answer in q.answers
        if answer.comment
    ]
    return [Subheading("What respondents added"), Bullets(tuple(comments))] if comments else []


def workshop_section(result: WorkshopResult, number: int, brief_verdict: str) -> Section:
    """The appendix as the section numbered `number`, for a brief whose verdict is given: the
    consensus, who answered and the disagreements that decide; each answer, each comment and
    how the consensus is taken are in the method appendix (`workshop_method`)."""
    blocks = [
        *_intro(result, brief_verdict),
        *_people(result),
        *_findings(result),
        Paragraph(
            "Each respondent's answers and comments, where the consensus differs from the "
            "profile and how the consensus is taken: in the "
            f"method appendix, under \u201c{METHOD_TITLE}\u201d.",
            style="note",
        ),
    ]
    return Section(KEY, number, TITLE, tuple(blocks))


def workshop_method(result: WorkshopResult) -> list[Block]:
    """The workshop's part of the method appendix: how the consensus is taken, every answer
    against the consensus taken, where the consensus differs from the profile's answers, and
    what respondents added."""
    return [
        Subheading(METHOD_TITLE),
        _method(result),
        *_answers(result),
        *_changed(result),
        *_comments(result),
    ]
