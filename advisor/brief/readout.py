"""A workshop's readout as data: the slides a consultant shows the team once it has answered.

The readout is built on the team's consensus, as the workshop's brief is (`prepare_brief` with
the workshop: the consensus assessed on the readout's date, the role drafted with the case's
edits), and keeps to what a room decides on: the verdict, the reasons that weigh most, the
disagreements that decide it, the consensus of each question, the next steps and the hiring
plan. Every sentence comes from `present` or the workshop's results; the renderers
(`export/workshop_deck.py` for PPTX, `export/readout_pdf.py` for PDF) only lay the slides out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from advisor import present, wording
from advisor.brief.common import reason_text
from advisor.brief.model import Block, Brief, Bullets, Callout, Cleaned, Paragraph, Table
from advisor.brief.prepare import prepare_brief
from advisor.pack import RulePack
from advisor.workshop import (
    TOGETHER_NOTE,
    WorkshopResult,
    answer_label,
    flip_text,
    question_state,
)
from advisor.workshop.results import CONSENSUS_NOTES

TITLE = "Workshop readout"
NO_DECISIVE = "None: no single answer the team gave changes the consensus verdict."
# How each question's agreement reads on the consensus slide, and the tone of its row.
AGREEMENT_WORDS = {
    "waiting": ("waiting for answers", ""),
    "agree": ("agreed", ""),
    "disagree": ("disagreed, not decisive", "warn"),
    "disagree, DECISIVE": ("disagreed, decisive", "bad"),
    "DECISIVE": ("decisive", "bad"),
}


@dataclass(frozen=True)
class Slide(Cleaned):
    key: str  # verdict | reasons | disagreements | consensus | next_steps | hiring_plan
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Readout(Cleaned):
    company: str
    prepared_on: dt.date
    verdict: str  # the consensus verdict's code: each renderer takes its colour from it
    verdict_label: str
    readiness: str
    headline: str
    answered: str  # "3 people answered the judgement questions"
    pack_line: str
    slides: tuple[Slide, ...]
    title: str = TITLE

    @property
    def date_text(self) -> str:
        return wording.long_date(self.prepared_on)

    def slide(self, key: str) -> Slide:
        return next(slide for slide in self.slides if slide.key == key)


def build_readout(
    result: WorkshopResult,
    pack: RulePack,
    *,
    edits: Mapping[str, Any] | None = None,
    prepared_on: dt.date | None = None,
) -> Readout:
    """The readout of a workshop on its consensus, dated `prepared_on` (today when None)."""
    brief = prepare_brief(
        result.consensus_profile, pack, edits=edits, workshop=result, prepared_on=prepared_on
    )
    a = brief.assessment
    people = wording.plural(len(result.respondents), "person", "people")
    slides = (
        _verdict_slide(brief, result),
        _reasons_slide(brief),
        _disagreements_slide(result),
        _consensus_slide(result),
        _next_steps_slide(brief),
        _hiring_plan_slide(brief),
    )
    return Readout(
        company=brief.company,
        prepared_on=brief.prepared_on,
        verdict=a.verdict.value,
        verdict_label=a.verdict_label,
        readiness=wording.capitalised(a.readiness),
        headline=a.headline,
        answered=f"{wording.capitalised(people)} answered the judgement questions",
        pack_line=brief.pack_line,
        slides=slides,
    )


def _verdict_slide(brief: Brief, result: WorkshopResult) -> Slide:
    a = brief.assessment
    decisive = sum(len(q.flips) for q in result.questions) + len(result.together)
    if not decisive:
        settle = "No answer the team gave changes it."
    else:
        them = "it" if decisive == 1 else "them"
        count = wording.capitalised(wording.plural(decisive, "disagreement"))
        settle = f"{count} could change it: settle {them} before taking the verdict."
    return Slide(
        "verdict",
        "The team's verdict",
        (
            Callout(f"{a.verdict_label} — {a.readiness}.", tone="verdict", lead="Verdict:"),
            Paragraph(a.headline),
            Paragraph(
                f"Built on the team's consensus: the most common answer to each question, a tie "
                f"taken as the more cautious answer, unless the consultant set it. {settle}"
            ),
        ),
    )


def _reasons_slide(brief: Brief) -> Slide:
    a = brief.assessment
    reasons = tuple(f"{r.title}. {reason_text(r)}" for r in a.key_reasons(3))
    blocks: list[Block] = [
        Bullets(reasons or ("No rule fired: nothing in the answers argues for or against a hire.",))
    ]
    if a.blockers:
        blocks.append(
            Paragraph(
                " ".join(f"{wording.capitalised(b)}." for b in a.blockers),
                lead="What holds the verdict back:",
            )
        )
    return Slide("reasons", "Why: the reasons that weigh most", tuple(blocks))


def _disagreements_slide(result: WorkshopResult) -> Slide:
    label = result.consensus.verdict_label
    flips = tuple(flip_text(flip, label) for q in result.questions for flip in q.flips)
    blocks: list[Block] = [Bullets(flips) if flips else Paragraph(NO_DECISIVE)]
    if result.together:
        blocks.append(
            Callout(
                f"{wording.capitalised(TOGETHER_NOTE)}.",
                tone="warning",
                lead="Decisive only together:",
            )
        )
        blocks.append(Bullets(tuple(flip_text(flip, label) for flip in result.together)))
    return Slide("disagreements", "The disagreements that decide the verdict", tuple(blocks))


def _consensus_slide(result: WorkshopResult) -> Slide:
    rows = []
    tones = []
    for question in result.questions:
        agreement, tone = AGREEMENT_WORDS[question_state(question)]
        rows.append(
            (
                question.label,
                answer_label(question.field, question.consensus),
                CONSENSUS_NOTES[question.consensus_source],
                agreement,
            )
        )
        tones.append(tone)
    table = Table(
        ("Question", "The team's answer", "How it was settled", "The team"),
        tuple(rows),
        widths=(3.2, 2.2, 3.2, 2),
        row_tones=tuple(tones),
    )
    return Slide("consensus", "The consensus, question by question", (table,))


def _next_steps_slide(brief: Brief) -> Slide:
    a, role = brief.assessment, brief.role
    blocks: list[Block] = []
    if role.hire_now:
        blocks.append(Paragraph(role.mission, lead=f"Hire: {present.hire_lead(a, role.title)}."))
    elif role.interim is not None:
        blocks.append(Paragraph(role.interim.summary, lead=f"{role.interim.title}."))
        blocks.append(
            Table(
                ("Step", "Owner", "When"),
                tuple((s.step, s.owner, s.when) for s in role.interim.steps),
                widths=(6, 2, 2),
            )
        )
    blocks.append(Paragraph(present.when_line(a), lead="When:"))
    dates = tuple((line.label, line.text) for line in present.plan_lines(a) if line.key != "gap")
    if dates:
        blocks.append(Table(("Date", "When"), dates, widths=(4, 5)))
    return Slide("next_steps", "Next steps", tuple(blocks))


def _hiring_plan_slide(brief: Brief) -> Slide:
    a = brief.assessment
    blocks: list[Block] = []
    sentence = present.team_plan_sentence(a)
    if sentence:
        blocks.append(Paragraph(sentence))
    rows = tuple(present.hire_rows(a.team))
    if rows:
        blocks.append(
            Table(
                ("Hire", "Needed from", "Open the search", "Carries the book from"),
                rows,
                widths=(2.2, 3.4, 2.4, 3),
            )
        )
    blocks.append(Paragraph(present.waiting_sentence(a), lead="What waiting costs:"))
    return Slide("hiring_plan", "The hiring plan", tuple(blocks))
