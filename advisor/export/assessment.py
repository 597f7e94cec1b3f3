"""Readable reports of one assessment: plain text for the terminal, Markdown for sharing.

Every figure and sentence about the hire comes from the presenter (`advisor.present`), so the
reports say what the app and the brief say, with the same rounding.
"""

from __future__ import annotations

from advisor import present
from advisor.engine import Assessment
from advisor.textsafety import escape_markdown, terminal_safe

VERDICT_MARKS = {
    "hire_now": "[HIRE NOW]",
    "prepare": "[PREPARE]",
    "not_yet": "[NOT YET]",
    "fix_delivery_first": "[FIX DELIVERY FIRST]",
}


def economics_lines(assessment: Assessment) -> list[tuple[str, str]]:
    """(label, figure) pairs for the economics block, shared by every report."""
    return [
        (found.label, f"{found.text} ({found.note})" if found.note else found.text)
        for found in present.economics_lines(assessment)
    ]


def timing_lines(assessment: Assessment) -> list[str]:
    """The timing block's sentences: the plan, the team's hires, waiting, growth, workload."""
    if assessment.plan is None:
        return []
    lines = [present.plan_summary(assessment)]
    lines += [f"{found.label}: {found.text}" for found in present.plan_lines(assessment)]
    team = assessment.team
    lines.append(present.team_plan_sentence(assessment))
    for who, needed, opens, carries in present.hire_rows(team):
        lines.append(f"{who}: needed from {needed}; search opens {opens}; carries {carries}")
    if team is not None and team.hires:
        cur = assessment.economics.currency
        lines.append(
            "Team cost by quarter: "
            + "; ".join(f"{q} {cost} ({ams} AMs)" for q, ams, cost in present.cost_rows(team, cur))
        )
    lines += [
        present.waiting_sentence(assessment),
        present.growth_sentence(assessment),
        present.workload_sentence(assessment),
    ]
    return [line for line in lines if line]


def render_text(assessment: Assessment) -> str:
    profile = assessment.profile
    lines = [
        (
            f"{profile.company} — {VERDICT_MARKS[assessment.verdict.value]} "
            f"{assessment.verdict_label} ({assessment.readiness})"
        ),
        "",
        assessment.headline,
        f"The case was {assessment.judged_by}.",
        "",
    ]
    if assessment.warnings:
        lines.append("Check these figures:")
        lines += [f"  - {warning}" for warning in assessment.warnings]
        lines.append("")
    if assessment.blockers:
        lines.append("What holds the verdict back:")
        lines += [f"  - {blocker}" for blocker in assessment.blockers]
        lines.append("")
    lines.append("Why (rules that fired):")
    for result in assessment.key_reasons(limit=len(assessment.fired)):
        effect = f"{result.score:+.0f}" if result.score else (result.cap or result.verdict or "")
        lines.append(f"  - [{effect}] {result.title} ({result.rule_id})")
        lines.append(f"      {result.explanation}")
        lines.append(f"      Source: {result.source} — {result.location}")
    lines.append("")
    lines.append("What would change the verdict:")
    if assessment.flip_points:
        lines += [f"  - {flip.sentence}" for flip in assessment.flip_points]
    else:
        lines.append("  - No single input change within range flips the verdict.")
    lines.append("")
    lines.append("Economics:")
    lines += [f"  {label}: {figure}" for label, figure in economics_lines(assessment)]
    lines.append("")
    timing = timing_lines(assessment)
    if timing:
        lines.append(f"Timing (as of {present.date(assessment.as_of)}):")
        lines += [f"  {line}" for line in timing]
        lines.append("")
    pack = assessment.pack
    lines.append(f"Rule pack: {pack.name} {pack.version} (digest {pack.digest})")
    return terminal_safe("\n".join(lines) + "\n")


def render_markdown(assessment: Assessment) -> str:
    profile = assessment.profile
    lines = [
        f"# {escape_markdown(profile.company)}: {assessment.verdict_label}",
        "",
        (
            f"**{escape_markdown(assessment.readiness[:1].upper() + assessment.readiness[1:])}.** "
            f"{escape_markdown(assessment.headline)}"
        ),
        "",
        f"The case was {escape_markdown(assessment.judged_by)}.",
        "",
    ]
    if assessment.warnings:
        lines += ["## Check these figures", ""]
        lines += [f"- {escape_markdown(warning)}" for warning in assessment.warnings]
        lines.append("")
    if assessment.blockers:
        lines += ["## What holds the verdict back", ""]
        lines += [f"- {escape_markdown(blocker)}" for blocker in assessment.blockers]
        lines.append("")
    lines += ["## Why", "", "| Effect | Rule | What decided it | Source |", "|---|---|---|---|"]
    for result in assessment.key_reasons(limit=len(assessment.fired)):
        effect = f"{result.score:+.0f}" if result.score else (result.cap or result.verdict or "")
        lines.append(
            f"| {effect} | {escape_markdown(result.title)} (`{result.rule_id}`) | "
            f"{escape_markdown(result.explanation)} | {escape_markdown(result.source)} |"
        )
    lines += ["", "## What would change the verdict", ""]
    if assessment.flip_points:
        lines += [f"- {escape_markdown(flip.sentence)}" for flip in assessment.flip_points]
    else:
        lines.append("- No single input change within range flips the verdict.")
    lines += ["", "## Economics", "", "| Figure | Value |", "|---|---|"]
    lines += [
        f"| {label} | {escape_markdown(figure)} |" for label, figure in economics_lines(assessment)
    ]
    timing = timing_lines(assessment)
    if timing:
        lines += ["", f"## Timing (as of {present.date(assessment.as_of)})", ""]
        lines += [f"- {escape_markdown(line)}" for line in timing]
    pack = assessment.pack
    lines += [
        "",
        f"_Rule pack: {escape_markdown(pack.name)} {escape_markdown(pack.version)}, digest `{pack.digest}`._",
        "",
    ]
    return "\n".join(lines)
