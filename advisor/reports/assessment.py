"""The report of one assessment as a document: the verdict, why, what would change it, the
economics and the timing.

Every figure and sentence about the hire comes from the presenter (`advisor.present`), so the
report says what the app and the brief say, with the same rounding.
"""

from __future__ import annotations

from advisor import present
from advisor.blocks import Bullets, Entries, Entry, Facts, Lines, Note, Paragraph, Part, Report
from advisor.engine import Assessment
from advisor.i18n import N_, _

WORDS = {
    "title": N_("{company} — [{mark}] {verdict} ({readiness})"),
    "judged_by": N_("The case was {judged_by}."),
    "warnings": N_("Check these figures"),
    "blockers": N_("What holds the verdict back"),
    "why": N_("Why (rules that fired)"),
    "reason": N_("[{effect}] {title} ({rule_id})"),
    "source": N_("Source: {source} — {location}"),
    "flips": N_("What would change the verdict"),
    "no_flip": N_("No single input change within range flips the verdict."),
    "economics": N_("Economics"),
    "figure_note": N_("{figure} ({note})"),
    "timing": N_("Timing (as of {date})"),
    "plan_line": N_("{label}: {text}"),
    "hire": N_("{who}: needed from {needed}; search opens {opens}; carries {carries}"),
    "cost_by_quarter": N_("Team cost by quarter: {quarters}"),
    "quarter": N_("{quarter} {cost} ({ams} AMs)"),
    "pack": N_("Rule pack: {name} {version} (digest {digest})"),
}
# The verdict's mark in the title, so a terminal reader sees it at a glance.
VERDICT_MARKS = {
    "hire_now": N_("HIRE NOW"),
    "prepare": N_("PREPARE"),
    "not_yet": N_("NOT YET"),
    "fix_delivery_first": N_("FIX DELIVERY FIRST"),
}
SEPARATOR = "; "


def economics_rows(assessment: Assessment) -> tuple[tuple[str, str], ...]:
    """(label, figure) rows of the economics, each figure with its note."""
    return tuple(
        (found.label, _(WORDS["figure_note"], figure=found.text, note=found.note))
        if found.note
        else (found.label, found.text)
        for found in present.economics_lines(assessment)
    )


def timing_lines(assessment: Assessment) -> tuple[str, ...]:
    """The timing's statements: the plan, the team's hires, waiting, growth, workload."""
    if assessment.plan is None:
        return ()
    lines = [present.plan_summary(assessment)]
    lines += [
        _(WORDS["plan_line"], label=found.label, text=found.text)
        for found in present.plan_lines(assessment)
    ]
    team = assessment.team
    lines.append(present.team_plan_sentence(assessment))
    for who, needed, opens, carries in present.hire_rows(team):
        lines.append(_(WORDS["hire"], who=who, needed=needed, opens=opens, carries=carries))
    if team is not None and team.hires:
        cur = assessment.economics.currency
        quarters = SEPARATOR.join(
            _(WORDS["quarter"], quarter=quarter, cost=cost, ams=ams)
            for quarter, ams, cost in present.cost_rows(team, cur)
        )
        lines.append(_(WORDS["cost_by_quarter"], quarters=quarters))
    lines += [
        present.waiting_sentence(assessment),
        present.growth_sentence(assessment),
        present.workload_sentence(assessment),
    ]
    return tuple(line for line in lines if line)


def _reasons(assessment: Assessment) -> Entries:
    items = []
    for result in assessment.key_reasons(limit=len(assessment.fired)):
        effect = f"{result.score:+.0f}" if result.score else (result.cap or result.verdict or "")
        head = _(WORDS["reason"], effect=effect, title=result.title, rule_id=result.rule_id)
        source = _(WORDS["source"], source=result.source, location=result.location)
        items.append(Entry(head, (result.explanation, source)))
    return Entries(tuple(items))


def build_assessment_report(assessment: Assessment) -> Report:
    """The assessment as one document, for the text and the Markdown report alike."""
    profile = assessment.profile
    title = _(
        WORDS["title"],
        company=profile.company,
        mark=_(VERDICT_MARKS[assessment.verdict.value]),
        verdict=assessment.verdict_label,
        readiness=assessment.readiness,
    )
    parts = [
        Part(
            "",
            (
                Paragraph(assessment.headline),
                Paragraph(_(WORDS["judged_by"], judged_by=assessment.judged_by)),
            ),
        )
    ]
    if assessment.warnings:
        parts.append(Part(_(WORDS["warnings"]), (Bullets(tuple(assessment.warnings)),)))
    if assessment.blockers:
        parts.append(Part(_(WORDS["blockers"]), (Bullets(tuple(assessment.blockers)),)))
    parts.append(Part(_(WORDS["why"]), (_reasons(assessment),)))
    flips = tuple(flip.sentence for flip in assessment.flip_points) or (_(WORDS["no_flip"]),)
    parts.append(Part(_(WORDS["flips"]), (Bullets(flips),)))
    parts.append(Part(_(WORDS["economics"]), (Facts(economics_rows(assessment)),)))
    timing = timing_lines(assessment)
    if timing:
        heading = _(WORDS["timing"], date=present.date(assessment.as_of))
        parts.append(Part(heading, (Lines(timing),)))
    pack = assessment.pack
    note = _(WORDS["pack"], name=pack.name, version=pack.version, digest=pack.digest)
    parts.append(Part("", (Note(note),)))
    return Report(title, (), tuple(parts))
