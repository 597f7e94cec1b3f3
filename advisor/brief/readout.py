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
from advisor.i18n import N_, _, n_, p_
from advisor.i18n.formats import number
from advisor.pack import RulePack
from advisor.workshop import (
    TOGETHER_NOTE,
    WorkshopResult,
    answer_label,
    flip_text,
    question_state,
)
from advisor.workshop.results import CONSENSUS_NOTES

TITLE = N_("Workshop readout")
NO_DECISIVE = N_("None: no single answer the team gave changes the consensus verdict.")
# How each question's agreement reads on the consensus slide, and the tone of its row.
AGREEMENT_WORDS = {
    "waiting": (N_("waiting for answers"), ""),
    "agree": (N_("agreed"), ""),
    "disagree": (N_("disagreed, not decisive"), "warn"),
    "disagree, DECISIVE": (N_("disagreed, decisive"), "bad"),
    "DECISIVE": (N_("decisive"), "bad"),
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
    count = len(result.respondents)
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
        answered=n_(
            "{count} person answered the judgement questions",
            "{count} people answered the judgement questions",
            count,
            count=number(count),
        ),
        pack_line=brief.pack_line,
        slides=slides,
        title=_(TITLE),
    )


def _verdict_slide(brief: Brief, result: WorkshopResult) -> Slide:
    a = brief.assessment
    decisive = sum(len(q.flips) for q in result.questions) + len(result.together)
    if not decisive:
        settle = _(
            "Built on the team's consensus: the most common answer to each question, a tie "
            "taken as the more cautious answer, unless the consultant set it. No answer the "
            "team gave changes it."
        )
    else:
        settle = n_(
            "Built on the team's consensus: the most common answer to each question, a tie "
            "taken as the more cautious answer, unless the consultant set it. {count} "
            "disagreement could change it: settle it before taking the verdict.",
            "Built on the team's consensus: the most common answer to each question, a tie "
            "taken as the more cautious answer, unless the consultant set it. {count} "
            "disagreements could change it: settle them before taking the verdict.",
            decisive,
            count=number(decisive),
        )
    return Slide(
        "verdict",
        _("The team's verdict"),
        (
            Callout(
                # Translators: the consensus verdict and its readiness, "Prepare — readiness …".
                _("{verdict} — {readiness}.", verdict=a.verdict_label, readiness=a.readiness),
                tone="verdict",
                lead=_("Verdict:"),
            ),
            Paragraph(a.headline),
            Paragraph(settle),
        ),
    )


def _reasons_slide(brief: Brief) -> Slide:
    a = brief.assessment
    # Translators: a reason's title and what it says, "Churn is rising. Three clients left …".
    reasons = tuple(
        _("{title}. {text}", title=r.title, text=reason_text(r)) for r in a.key_reasons(3)
    )
    none = _("No rule fired: nothing in the answers argues for or against a hire.")
    blocks: list[Block] = [Bullets(reasons or (none,))]
    if a.blockers:
        blocks.append(
            Paragraph(
                " ".join(_("{blocker}.", blocker=wording.capitalised(b)) for b in a.blockers),
                lead=_("What holds the verdict back:"),
            )
        )
    return Slide("reasons", _("Why: the reasons that weigh most"), tuple(blocks))


def _disagreements_slide(result: WorkshopResult) -> Slide:
    label = result.consensus.verdict_label
    flips = tuple(flip_text(flip, label) for q in result.questions for flip in q.flips)
    blocks: list[Block] = [Bullets(flips) if flips else Paragraph(_(NO_DECISIVE))]
    if result.together:
        blocks.append(
            Callout(
                _("{note}.", note=wording.capitalised(_(TOGETHER_NOTE))),
                tone="warning",
                lead=_("Decisive only together:"),
            )
        )
        blocks.append(Bullets(tuple(flip_text(flip, label) for flip in result.together)))
    title = _("The disagreements that decide the verdict")
    return Slide("disagreements", title, tuple(blocks))


def _consensus_slide(result: WorkshopResult) -> Slide:
    rows = []
    tones = []
    for question in result.questions:
        agreement, tone = AGREEMENT_WORDS[question_state(question)]
        rows.append(
            (
                question.label,
                answer_label(question.field, question.consensus),
                _(CONSENSUS_NOTES[question.consensus_source]),
                _(agreement),
            )
        )
        tones.append(tone)
    table = Table(
        (
            p_("column", "Question"),
            p_("column", "The team's answer"),
            p_("column", "How it was settled"),
            p_("column", "The team"),
        ),
        tuple(rows),
        widths=(3.2, 2.2, 3.2, 2),
        row_tones=tuple(tones),
    )
    return Slide("consensus", _("The consensus, question by question"), (table,))


def _next_steps_slide(brief: Brief) -> Slide:
    a, role = brief.assessment, brief.role
    blocks: list[Block] = []
    if role.hire_now:
        # Translators: {hire} says whom to hire and by when, from the presenter.
        lead = _("Hire: {hire}.", hire=present.hire_lead(a, role.title))
        blocks.append(Paragraph(role.mission, lead=lead))
    elif role.interim is not None:
        lead = _("{title}.", title=role.interim.title)
        blocks.append(Paragraph(role.interim.summary, lead=lead))
        blocks.append(
            Table(
                (p_("column", "Step"), p_("column", "Owner"), p_("column", "When")),
                tuple((s.step, s.owner, s.when) for s in role.interim.steps),
                widths=(6, 2, 2),
            )
        )
    blocks.append(Paragraph(present.when_line(a), lead=_("When:")))
    dates = tuple((line.label, line.text) for line in present.plan_lines(a) if line.key != "gap")
    if dates:
        columns = (p_("column", "Date"), p_("column", "When"))
        blocks.append(Table(columns, dates, widths=(4, 5)))
    return Slide("next_steps", _("Next steps"), tuple(blocks))


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
                (
                    p_("column", "Hire"),
                    p_("column", "Needed from"),
                    p_("column", "Open the search"),
                    p_("column", "Carries the book from"),
                ),
                rows,
                widths=(2.2, 3.4, 2.4, 3),
            )
        )
    blocks.append(Paragraph(present.waiting_sentence(a), lead=_("What waiting costs:")))
    return Slide("hiring_plan", _("The hiring plan"), tuple(blocks))
