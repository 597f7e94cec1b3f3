"""The interview kit: the stages, the competencies and their weights, a 1–4 anchor for each
rating, the questions with what to listen for, the work sample, the reference checks, and one
printable scorecard per interviewer.

The texts and weights are the rule pack's (`interview:`, `rules/23-interview.yaml`), weighted for
the profile's business model and filled with the company's words: the reporting line, the buyer
personas, the business model's words for its revenue, and the drafted role's renewal playbook
and interview questions (an edited role's questions follow it here). The kit stays inside the
hiring team, yet an interviewer may be from outside it, so it states none of the profile's
amounts or rates and none of the internal diagnosis.
"""

from __future__ import annotations

from collections.abc import Mapping

from advisor import present, wording
from advisor.brief.model import Block, Bullets, Callout, Paragraph, Section, Subheading, Table
from advisor.kit.document import KitDocument, KitInputs
from advisor.pack.interview import Competency, InterviewKit, Question, Stage
from advisor.profile_values import text_list
from advisor.role.model import InterviewQuestion
from advisor.role.search import REPORTS_TO

TITLE = "Interview kit"
AUDIENCE = "For the hiring team and the interviewers"
BOX = "☐"
BLANK = "________________"
NO_SECTION = (
    "The rule pack in use has no interview section, so the kit has no stages, competencies or "
    "questions to give: add one (the shipped pack's rules/23-interview.yaml shows how) and "
    "build the kit again."
)


def fill_values(kit: KitInputs) -> dict[str, str]:
    """The words an interview text may name, for this company."""
    profile = kit.profile
    personas = text_list(profile.buyer_personas)
    if personas:
        named = (
            personas[0] if len(personas) == 1 else f"{', '.join(personas[:-1])} or {personas[-1]}"
        )
        persona = f"the client's {named}"
    else:
        persona = "the client's executive sponsor"
    reports = profile.reports_to.value if profile.reports_to is not None else ""
    manager = (
        f"{REPORTS_TO[reports]} (the Account Manager's manager)"
        if reports in REPORTS_TO
        else "the Account Manager's future manager"
    )
    counterpart = (
        "the head of sales"
        if reports == "head_of_cs"
        else "the head of customer success or delivery"
    )
    days, milestone = renewal_opening(kit)
    return {
        "company": kit.company,
        "segment": wording.segment_label(profile.segment.value),
        "revenue_term": present.revenue(kit.assessment.economics),
        "renewal_days": str(days),
        "first_milestone": wording.in_sentence(milestone),
        "persona": persona,
        "manager": manager,
        "counterpart": counterpart,
    }


def renewal_opening(kit: KitInputs) -> tuple[int, str]:
    """The days before expiry the role's renewal playbook opens at, and its first milestone;
    without a playbook, the lead time renewals start with today."""
    if kit.role.playbook:
        opening = max(kit.role.playbook, key=lambda step: step.days_before)
        return opening.days_before, opening.milestone
    return kit.profile.renewal_lead_days, "first renewal step"


def weights(kit: KitInputs, interview: InterviewKit) -> dict[str, int]:
    """The competencies rated for this business model, by id, with their weights (none at 0)."""
    by_model = interview.weights[kit.profile.business_model.value]
    return {key: weight for key, weight in by_model.items() if weight > 0}


def model_label(kit: KitInputs) -> str:
    model = kit.profile.business_model.value
    spec = kit.pack.business_model(model)
    return spec.label if spec is not None else wording.words(model)


def _filled(text: str, values: Mapping[str, str]) -> str:
    return wording.capitalised(wording.fill_template(text, values))


def _rated(stage: Stage, weighted: Mapping[str, int]) -> tuple[str, ...]:
    return tuple(key for key in stage.competencies if key in weighted)


def stage_blocks(kit: KitInputs, interview: InterviewKit, values: Mapping[str, str]) -> list[Block]:
    weighted = weights(kit, interview)
    names = {key: c.label for key, c in interview.competencies.items()}
    rows = tuple(
        (
            stage.title,
            _filled(stage.interviewer, values),
            str(stage.minutes),
            _filled(stage.purpose, values),
            ", ".join(names[key] for key in _rated(stage, weighted)),
        )
        for stage in interview.stages
    )
    return [
        Paragraph(
            "Every candidate meets the same interviewers in the same order and is asked the same "
            "questions. Each interviewer rates only the competencies of their stage, from 1 to 4 "
            "against the anchors in section 3, on their own scorecard and before the debrief."
        ),
        Table(
            ("Stage", "Who interviews", "Minutes", "What for", "Rates"),
            rows,
            widths=(1.6, 2.2, 0.9, 3.6, 2.2),
            numeric=(2,),
        ),
        Paragraph(f"Source: {interview.source}", style="note"),
    ]


def competency_blocks(kit: KitInputs, interview: InterviewKit) -> list[Block]:
    weighted = weights(kit, interview)
    rows = tuple(
        (interview.competencies[key].label, str(weight), interview.competencies[key].what)
        for key, weight in weighted.items()
    )
    hire_at = f"{interview.hire_at:g}"
    return [
        Paragraph(
            f"Weighted for the {model_label(kit)} business model; the weights add up to "
            f"{sum(weighted.values())}."
        ),
        Table(("Competency", "Weight", "What it is"), rows, widths=(2.4, 0.9, 6.0), numeric=(1,)),
        Paragraph(
            "The panel's rating of a competency is the average of the stages that rate it; the "
            "candidate's weighted rating is each competency's rating times its weight, summed, "
            f"divided by 100. An interviewer recommends a hire from a weighted rating of {hire_at}."
        ),
        Paragraph(f"Source: {interview.weights_source}", style="note"),
    ]


def anchor_blocks(kit: KitInputs, interview: InterviewKit) -> list[Block]:
    blocks: list[Block] = []
    for key in weights(kit, interview):
        competency = interview.competencies[key]
        blocks.append(Subheading(competency.label))
        rows = tuple((str(rating), text) for rating, text in enumerate(competency.anchors, 1))
        blocks.append(Table(("Rating", "What it looks like"), rows, widths=(0.9, 8.4)))
    blocks.append(Paragraph(f"Source: {interview.anchors_source}", style="note"))
    return blocks


def _role_questions(
    role_questions: tuple[InterviewQuestion, ...], competency: Competency
) -> list[tuple[str, str]]:
    skills = {skill.casefold() for skill in competency.skills}
    return [(q.ask, q.listen_for) for q in role_questions if q.skill.casefold() in skills]


def question_blocks(
    kit: KitInputs, interview: InterviewKit, values: Mapping[str, str]
) -> list[Block]:
    """Per competency, the role's questions for its skills, then the pack's own."""
    blocks: list[Block] = []
    role_questions = kit.role.interview
    for key in weights(kit, interview):
        competency = interview.competencies[key]
        rows = _role_questions(role_questions, competency) + [
            (_filled(q.ask, values), _filled(q.listen_for, values)) for q in competency.questions
        ]
        blocks.append(Subheading(competency.label))
        blocks.append(Table(("Ask", "Listen for"), tuple(rows), widths=(4.6, 4.7)))
    placed = {s.casefold() for c in interview.competencies.values() for s in c.skills}
    rest = tuple(
        (q.skill, q.ask, q.listen_for) for q in role_questions if q.skill.casefold() not in placed
    )
    if rest:
        blocks.append(Subheading("Also from the role"))
        blocks.append(
            Paragraph(
                "Questions the role asks about skills no competency names: ask them, and "
                "note what you hear under the nearest competency."
            )
        )
        blocks.append(Table(("Skill", "Ask", "Listen for"), rest, widths=(1.8, 3.8, 3.7)))
    return blocks


def work_sample_blocks(
    kit: KitInputs, interview: InterviewKit, values: Mapping[str, str]
) -> list[Block]:
    sample = interview.work_sample
    model = kit.profile.business_model.value
    blocks: list[Block] = [
        Paragraph(_filled(sample.brief_for(model), values), lead="The task:"),
        Subheading("What the candidate brings"),
        Bullets(tuple(_filled(item, values) for item in sample.deliverables)),
    ]
    stage = next((s for s in interview.stages if s.work_sample), None)
    if stage is not None:
        blocks.append(
            Paragraph(
                f"Presented at the {wording.in_sentence(stage.title)}, in "
                f"{wording.plural(stage.minutes, 'minute')} with the panel's questions."
            )
        )
    if kit.role.playbook:
        blocks.append(Subheading("The renewal playbook the role works to"))
        steps = sorted(kit.role.playbook, key=lambda step: -step.days_before)
        rows = tuple((f"T-{step.days_before}", step.milestone, step.actions) for step in steps)
        blocks.append(Table(("When", "Milestone", "What happens"), rows, widths=(0.9, 2.2, 6.2)))
    else:
        blocks.append(
            Callout(
                "The role has no renewal playbook: the task uses the lead time renewals start "
                f"with today ({wording.plural(int(values['renewal_days']), 'day')} before "
                "expiry). Draft the playbook on the Role page first.",
                tone="warning",
            )
        )
    blocks.append(Paragraph(_filled(sample.materials, values)))
    blocks.append(Paragraph(f"Source: {sample.source}", style="note"))
    return blocks


def reference_blocks(interview: InterviewKit, values: Mapping[str, str]) -> list[Block]:
    rows = tuple(_question_row(q, values) for q in interview.references)
    return [Table(("Ask the referee", "Listen for"), rows, widths=(4.6, 4.7))]


def _question_row(question: Question, values: Mapping[str, str]) -> tuple[str, str]:
    return _filled(question.ask, values), _filled(question.listen_for, values)


def scorecard_blocks(
    kit: KitInputs, interview: InterviewKit, stage: Stage, values: Mapping[str, str]
) -> list[Block]:
    """One interviewer's printable scorecard: their competencies, weights, 1–4 boxes, the
    weighted total and the recommendation."""
    weighted = weights(kit, interview)
    rated = _rated(stage, weighted)
    total = sum(weighted[key] for key in rated)
    rows = tuple(
        (interview.competencies[key].label, str(weighted[key]), BOX, BOX, BOX, BOX, "")
        for key in rated
    )
    return [
        Paragraph(
            f"{_filled(stage.interviewer, values)} · {wording.plural(stage.minutes, 'minute')}",
            lead="Interviewer:",
        ),
        Paragraph(f"{BLANK}   Date: {BLANK}", lead="Candidate:"),
        Table(
            ("Competency", "Weight", "1", "2", "3", "4", "Rating × weight"),
            (*rows, ("Weighted total", str(total), "", "", "", "", "")),
            widths=(3.2, 0.9, 0.6, 0.6, 0.6, 0.6, 1.6),
            numeric=(1,),
        ),
        Paragraph(
            f"Tick one rating per competency against its anchors (section 3). The weighted total "
            f"is the sum of rating × weight; divided by {total} it gives the weighted rating, from "
            f"1 to 4: {BLANK}"
        ),
        Paragraph(
            f"{BOX} Hire   {BOX} No hire (a hire from a weighted rating of {interview.hire_at:g})",
            lead="Recommendation:",
        ),
        Paragraph(f"{BLANK}{BLANK}{BLANK}", lead="The evidence, in the candidate's words:"),
    ]


def _sections(kit: KitInputs, interview: InterviewKit) -> tuple[Section, ...]:
    values = fill_values(kit)
    parts: list[tuple[str, str, list[Block]]] = [
        ("stages", "The interviews", stage_blocks(kit, interview, values)),
        ("competencies", "What is rated, and how much", competency_blocks(kit, interview)),
        ("anchors", "What each rating looks like", anchor_blocks(kit, interview)),
        ("questions", "Questions and what to listen for", question_blocks(kit, interview, values)),
        ("work_sample", "The work sample", work_sample_blocks(kit, interview, values)),
        ("references", "Reference checks", reference_blocks(interview, values)),
    ]
    weighted = weights(kit, interview)
    for stage in interview.stages:
        if _rated(stage, weighted):
            parts.append(
                (
                    f"scorecard-{stage.id}",
                    f"Scorecard: {stage.title}",
                    scorecard_blocks(kit, interview, stage, values),
                )
            )
    return tuple(
        Section(key, number, title, tuple(blocks))
        for number, (key, title, blocks) in enumerate(parts, 1)
    )


def build_interview(kit: KitInputs) -> KitDocument:
    interview = kit.pack.interview
    if interview is None:
        sections: tuple[Section, ...] = (
            Section("stages", 1, "The interviews", (Callout(NO_SECTION, tone="warning"),)),
        )
    else:
        sections = _sections(kit, interview)
    scorecards = tuple(s.key for s in sections if s.key.startswith("scorecard-"))
    facts = [("Role", kit.role.title), ("Weighted for", model_label(kit))]
    if interview is not None:
        facts.append(("Stages", str(len(interview.stages))))
    return kit.document(
        "interview",
        TITLE,
        AUDIENCE,
        sections,
        confidential=True,
        cover_facts=tuple(facts),
        page_breaks=scorecards,
    )
