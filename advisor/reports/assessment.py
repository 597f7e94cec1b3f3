"""The report of one assessment as a document: the verdict, why, what would change it, the
economics and the timing.

Every figure and sentence about the hire comes from the presenter (`advisor.present`), so the
report says what the app and the brief say, with the same rounding.
"""

from __future__ import annotations

from advisor import present
from advisor.blocks import Bullets, Entries, Entry, Facts, Lines, Note, Paragraph, Part, Report
from advisor.engine import Assessment

WORDS = {
    "title": "{company} — [{mark}] {verdict} ({readiness})",
    "judged_by": "The case was {judged_by}.",
    "warnings": "Check these figures",
    "blockers": "What holds the verdict back",
    "why": "Why (rules that fired)",
    "reason": "[{effect}] {title} ({rule_id})",
    "source": "Source: {source} — {location}",
    "flips": "What would change the verdict",
    "no_flip": "No single input change within range flips the verdict.",
    "economics": "Economics",
    "figure_note": "{figure} ({note})",
    "timing": "Timing (as of {date})",
    "plan_line": "{label}: {text}",
    "hire": "{who}: needed from {needed}; search opens {opens}; carries {carries}",
    "cost_by_quarter": "Team cost by quarter: {quarters}",
    "quarter": "{quarter} {cost} ({ams} AMs)",
    "pack": "Rule pack: {name} {version} (digest {digest})",
}
# The verdict's mark in the title, so a terminal reader sees it at a glance.
VERDICT_MARKS = {
    "hire_now": "HIRE NOW",
    "prepare": "PREPARE",
    "not_yet": "NOT YET",
    "fix_delivery_first": "FIX DELIVERY FIRST",
}
SEPARATOR = "; "


def economics_rows(assessment: Assessment) -> tuple[tuple[str, str], ...]:
    """(label, figure) rows of the economics, each figure with its note."""
    return tuple(
        (found.label, WORDS["figure_note"].format(figure=found.text, note=found.note))
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
        WORDS["plan_line"].format(label=found.label, text=found.text)
        for found in present.plan_lines(assessment)
    ]
    team = assessment.team
    lines.append(present.team_plan_sentence(assessment))
    for who, needed, opens, carries in present.hire_rows(team):
        lines.append(WORDS["hire"].format(who=who, needed=needed, opens=opens, carries=carries))
    if team is not None and team.hires:
        cur = assessment.economics.currency
        quarters = SEPARATOR.join(
            WORDS["quarter"].format(quarter=quarter, cost=cost, ams=ams)
            for quarter, ams, cost in present.cost_rows(team, cur)
        )
        lines.append(WORDS["cost_by_quarter"].format(quarters=quarters))
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
        head = WORDS["reason"].format(effect=effect, title=result.title, rule_id=result.rule_id)
        source = WORDS["source"].format(source=result.source, location=result.location)
        items.append(Entry(head, (result.explanation, source)))
    return Entries(tuple(items))


def build_assessment_report(assessment: Assessment) -> Report:
    """The assessment as one document, for the text and the Markdown report alike."""
    profile = assessment.profile
    title = WORDS["title"].format(
        company=profile.company,
        mark=VERDICT_MARKS[assessment.verdict.value],
        verdict=assessment.verdict_label,
        readiness=assessment.readiness,
    )
    parts = [
        Part(
            "",
            (
                Paragraph(assessment.headline),
                Paragraph(WORDS["judged_by"].format(judged_by=assessment.judged_by)),
            ),
        )
    ]
    if assessment.warnings:
        parts.append(Part(WORDS["warnings"], (Bullets(tuple(assessment.warnings)),)))
    if assessment.blockers:
        parts.append(Part(WORDS["blockers"], (Bullets(tuple(assessment.blockers)),)))
    parts.append(Part(WORDS["why"], (_reasons(assessment),)))
    flips = tuple(flip.sentence for flip in assessment.flip_points) or (WORDS["no_flip"],)
    parts.append(Part(WORDS["flips"], (Bullets(flips),)))
    parts.append(Part(WORDS["economics"], (Facts(economics_rows(assessment)),)))
    timing = timing_lines(assessment)
    if timing:
        heading = WORDS["timing"].format(date=present.date(assessment.as_of))
        parts.append(Part(heading, (Lines(timing),)))
    pack = assessment.pack
    note = WORDS["pack"].format(name=pack.name, version=pack.version, digest=pack.digest)
    parts.append(Part("", (Note(note),)))
    return Report(title, (), tuple(parts))
