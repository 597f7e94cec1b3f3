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
from advisor.i18n import N_, _, n_, p_
from advisor.i18n.formats import number
from advisor.kit.document import KitDocument, KitInputs, written_in
from advisor.pack.interview import Competency, InterviewKit, Question, Stage
from advisor.profile_values import text_list
from advisor.role.model import InterviewQuestion
from advisor.role.search import REPORTS_TO

TITLE = N_("Interview kit")
AUDIENCE = N_("For the hiring team and the interviewers")
BOX = "☐"
BLANK = "________________"
NO_SECTION = N_(
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
            personas[0]
            if len(personas) == 1
            else _("{items} or {last}", items=", ".join(personas[:-1]), last=personas[-1])
        )
        # Translators: {persona} is a buyer persona of the client ("CFO", "head of operations").
        persona = _("the client's {persona}", persona=named)
    else:
        persona = _("the client's executive sponsor")
    reports = profile.reports_to.value if profile.reports_to is not None else ""
    manager = (
        _("{manager} (the Account Manager's manager)", manager=_(REPORTS_TO[reports]))
        if reports in REPORTS_TO
        else _("the Account Manager's future manager")
    )
    counterpart = (
        _("the head of sales")
        if reports == "head_of_cs"
        else _("the head of customer success or delivery")
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
    return kit.profile.renewal_lead_days, _("first renewal step")


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
    columns = (
        p_("column", "Stage"),
        p_("column", "Who interviews"),
        p_("column", "Minutes"),
        p_("column", "What for"),
        p_("column", "Rates"),
    )
    return [
        Paragraph(
            _(
                "Every candidate meets the same interviewers in the same order and is asked the "
                "same questions. Each interviewer rates only the competencies of their stage, "
                "from 1 to 4 against the anchors in section 3, on their own scorecard and before "
                "the debrief."
            )
        ),
        Table(columns, rows, widths=(1.6, 2.2, 0.9, 3.6, 2.2), numeric=(2,)),
        source_note(interview.source),
    ]


def source_note(source: str) -> Paragraph:
    """The rule pack's source of a part of the kit, as a note."""
    return Paragraph(_("Source: {source}", source=source), style="note")


def competency_blocks(kit: KitInputs, interview: InterviewKit) -> list[Block]:
    weighted = weights(kit, interview)
    rows = tuple(
        (interview.competencies[key].label, str(weight), interview.competencies[key].what)
        for key, weight in weighted.items()
    )
    columns = (p_("column", "Competency"), p_("column", "Weight"), p_("column", "What it is"))
    return [
        Paragraph(
            # Translators: {model} is the business model's name ("SaaS subscription").
            _(
                "Weighted for the {model} business model; the weights add up to {total}.",
                model=model_label(kit),
                total=sum(weighted.values()),
            )
        ),
        Table(columns, rows, widths=(2.4, 0.9, 6.0), numeric=(1,)),
        Paragraph(
            _(
                "The panel's rating of a competency is the average of the stages that rate it; "
                "the candidate's weighted rating is each competency's rating times its weight, "
                "summed, divided by 100. An interviewer recommends a hire from a weighted rating "
                "of {rating}.",
                rating=hire_rating(interview),
            )
        ),
        source_note(interview.weights_source),
    ]


def hire_rating(interview: InterviewKit) -> str:
    """The weighted rating a hire is recommended from: "2.8", "3"."""
    return number(interview.hire_at, 2)


def anchor_blocks(kit: KitInputs, interview: InterviewKit) -> list[Block]:
    blocks: list[Block] = []
    for key in weights(kit, interview):
        competency = interview.competencies[key]
        blocks.append(Subheading(competency.label))
        rows = tuple((str(rating), text) for rating, text in enumerate(competency.anchors, 1))
        columns = (p_("column", "Rating"), p_("column", "What it looks like"))
        blocks.append(Table(columns, rows, widths=(0.9, 8.4)))
    blocks.append(source_note(interview.anchors_source))
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
        blocks.append(Table(_ask_columns(), tuple(rows), widths=(4.6, 4.7)))
    placed = {s.casefold() for c in interview.competencies.values() for s in c.skills}
    rest = tuple(
        (q.skill, q.ask, q.listen_for) for q in role_questions if q.skill.casefold() not in placed
    )
    if rest:
        blocks.append(Subheading(_("Also from the role")))
        blocks.append(
            Paragraph(
                _(
                    "Questions the role asks about skills no competency names: ask them, and "
                    "note what you hear under the nearest competency."
                )
            )
        )
        columns = (p_("column", "Skill"), *_ask_columns())
        blocks.append(Table(columns, rest, widths=(1.8, 3.8, 3.7)))
    return blocks


def _ask_columns() -> tuple[str, str]:
    return p_("column", "Ask"), p_("column", "Listen for")


def work_sample_blocks(
    kit: KitInputs, interview: InterviewKit, values: Mapping[str, str]
) -> list[Block]:
    sample = interview.work_sample
    model = kit.profile.business_model.value
    blocks: list[Block] = [
        Paragraph(_filled(sample.brief_for(model), values), lead=_("The task:")),
        Subheading(_("What the candidate brings")),
        Bullets(tuple(_filled(item, values) for item in sample.deliverables)),
    ]
    stage = next((s for s in interview.stages if s.work_sample), None)
    if stage is not None:
        blocks.append(
            Paragraph(
                # Translators: {stage} is the interview stage's name, in lower case.
                n_(
                    "Presented at the {stage}, in {count} minute with the panel's questions.",
                    "Presented at the {stage}, in {count} minutes with the panel's questions.",
                    stage.minutes,
                    stage=wording.in_sentence(stage.title),
                )
            )
        )
    if kit.role.playbook:
        blocks.append(Subheading(_("The renewal playbook the role works to")))
        steps = sorted(kit.role.playbook, key=lambda step: -step.days_before)
        rows = tuple(
            (days_before(step.days_before), step.milestone, step.actions) for step in steps
        )
        columns = (p_("column", "When"), p_("column", "Milestone"), p_("column", "What happens"))
        blocks.append(Table(columns, rows, widths=(0.9, 2.2, 6.2)))
    else:
        blocks.append(
            Callout(
                n_(
                    "The role has no renewal playbook: the task uses the lead time renewals start "
                    "with today ({count} day before expiry). Draft the playbook on the Role page "
                    "first.",
                    "The role has no renewal playbook: the task uses the lead time renewals start "
                    "with today ({count} days before expiry). Draft the playbook on the Role page "
                    "first.",
                    int(values["renewal_days"]),
                ),
                tone="warning",
            )
        )
    blocks.append(Paragraph(_filled(sample.materials, values)))
    blocks.append(source_note(sample.source))
    return blocks


def days_before(days: int) -> str:
    """A day counted back from a contract's expiry: "T-90"."""
    # Translators: {days} days before the contract's expiry ("T" for the expiry date).
    return _("T-{days}", days=days)


def reference_blocks(interview: InterviewKit, values: Mapping[str, str]) -> list[Block]:
    rows = tuple(_question_row(q, values) for q in interview.references)
    columns = (p_("column", "Ask the referee"), p_("column", "Listen for"))
    return [Table(columns, rows, widths=(4.6, 4.7))]


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
    minutes = n_("{count} minute", "{count} minutes", stage.minutes)
    columns = (
        p_("column", "Competency"),
        p_("column", "Weight"),
        "1",
        "2",
        "3",
        "4",
        p_("column", "Rating × weight"),
    )
    return [
        Paragraph(f"{_filled(stage.interviewer, values)} · {minutes}", lead=_("Interviewer:")),
        Paragraph(
            # Translators: {blank} is a line to write on, by hand.
            _("{blank}   Date: {blank}", blank=BLANK),
            lead=_("Candidate:"),
        ),
        Table(
            columns,
            (*rows, (_("Weighted total"), str(total), "", "", "", "", "")),
            widths=(3.2, 0.9, 0.6, 0.6, 0.6, 0.6, 1.6),
            numeric=(1,),
        ),
        Paragraph(
            _(
                "Tick one rating per competency against its anchors (section 3). The weighted "
                "total is the sum of rating × weight; divided by {total} it gives the weighted "
                "rating, from 1 to 4: {blank}",
                total=total,
                blank=BLANK,
            )
        ),
        Paragraph(
            # Translators: {box} is a tick box; {rating} the weighted rating a hire needs.
            _(
                "{box} Hire   {box} No hire (a hire from a weighted rating of {rating})",
                box=BOX,
                rating=hire_rating(interview),
            ),
            lead=_("Recommendation:"),
        ),
        Paragraph(f"{BLANK}{BLANK}{BLANK}", lead=_("The evidence, in the candidate's words:")),
    ]


def _sections(kit: KitInputs, interview: InterviewKit) -> tuple[Section, ...]:
    values = fill_values(kit)
    parts: list[tuple[str, str, list[Block]]] = [
        ("stages", _("The interviews"), stage_blocks(kit, interview, values)),
        ("competencies", _("What is rated, and how much"), competency_blocks(kit, interview)),
        ("anchors", _("What each rating looks like"), anchor_blocks(kit, interview)),
        (
            "questions",
            _("Questions and what to listen for"),
            question_blocks(kit, interview, values),
        ),
        ("work_sample", _("The work sample"), work_sample_blocks(kit, interview, values)),
        ("references", _("Reference checks"), reference_blocks(interview, values)),
    ]
    weighted = weights(kit, interview)
    for stage in interview.stages:
        if _rated(stage, weighted):
            parts.append(
                (
                    f"scorecard-{stage.id}",
                    _("Scorecard: {stage}", stage=stage.title),
                    scorecard_blocks(kit, interview, stage, values),
                )
            )
    return tuple(
        Section(key, number, title, tuple(blocks))
        for number, (key, title, blocks) in enumerate(parts, 1)
    )


def build_interview(kit: KitInputs, language: str | None = None) -> KitDocument:
    """The interview kit, in `language` (the current language when None)."""
    with written_in(language):
        return _interview(kit)


def _interview(kit: KitInputs) -> KitDocument:
    interview = kit.pack.interview
    if interview is None:
        sections: tuple[Section, ...] = (
            Section("stages", 1, _("The interviews"), (Callout(_(NO_SECTION), tone="warning"),)),
        )
    else:
        sections = _sections(kit, interview)
    scorecards = tuple(s.key for s in sections if s.key.startswith("scorecard-"))
    facts = [(_("Role"), kit.role.title), (_("Weighted for"), model_label(kit))]
    if interview is not None:
        facts.append((_("Stages"), str(len(interview.stages))))
    return kit.document(
        "interview",
        _(TITLE),
        _(AUDIENCE),
        sections,
        confidential=True,
        cover_facts=tuple(facts),
        page_breaks=scorecards,
    )
