"""Readable reports of one assessment: plain text for the terminal, Markdown for sharing."""

from __future__ import annotations

from advisor import wording
from advisor.engine import Assessment
from advisor.textsafety import escape_markdown, terminal_safe
from advisor.timeline import Timeline

VERDICT_MARKS = {
    "hire_now": "[HIRE NOW]",
    "prepare": "[PREPARE]",
    "not_yet": "[NOT YET]",
    "fix_delivery_first": "[FIX DELIVERY FIRST]",
}


def economics_lines(assessment: Assessment) -> list[tuple[str, str]]:
    """(label, formatted figure) pairs for the economics block, shared by every report."""
    econ = assessment.economics
    cur = econ.currency

    def cash(amount: float | None) -> str:
        return "n/a" if amount is None else wording.money(amount, cur)

    share = econ.am_cost_share_of_gross_profit
    payback = econ.payback_months
    return [
        ("Total ARR", cash(econ.total_arr)),
        ("Gross profit of the book", cash(econ.gross_profit)),
        (
            "ARR at risk from churn (12 months)",
            f"{cash(econ.arr_at_risk)} (≈{econ.accounts_at_risk:.1f} accounts)",
        ),
        ("AM fully loaded cost", f"{cash(econ.am_cost)} ({econ.am_cost_source})"),
        (
            "AM cost as share of gross profit",
            "n/a (no gross profit)" if share is None else wording.percent(share),
        ),
        (
            "ARR to keep or grow to pay the AM back",
            cash(econ.break_even_arr)
            + (
                f" (≈{econ.break_even_accounts:.1f} average accounts)"
                if econ.break_even_accounts is not None
                else ""
            ),
        ),
        (
            "Payback of the hire",
            "n/a (no expected gain)" if payback is None else f"{payback:.1f} months",
        ),
        (
            "AMs the book needs",
            (
                f"{econ.recommended_am_count} (book of {econ.book_size_low}–{econ.book_size_high} "
                f"accounts per AM; the next AM is due at {econ.next_am_due_at_accounts} accounts)"
            ),
        ),
    ]


def render_text(assessment: Assessment, timeline: Timeline | None = None) -> str:
    profile = assessment.profile
    lines = [
        (
            f"{profile.company} — {VERDICT_MARKS[assessment.verdict.value]} "
            f"{assessment.verdict_label} (readiness {assessment.score:.0f}/100)"
        ),
        "",
        assessment.headline,
        "",
    ]
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
    if timeline is not None:
        lines += ["Growth timeline:", f"  {timeline.summary}", ""]
    pack = assessment.pack
    lines.append(f"Rule pack: {pack.name} {pack.version} (digest {pack.digest})")
    return terminal_safe("\n".join(lines) + "\n")


def render_markdown(assessment: Assessment, timeline: Timeline | None = None) -> str:
    profile = assessment.profile
    lines = [
        f"# {escape_markdown(profile.company)}: {assessment.verdict_label}",
        "",
        f"**Readiness {assessment.score:.0f}/100.** {escape_markdown(assessment.headline)}",
        "",
    ]
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
    if timeline is not None:
        lines += ["", "## Growth timeline", "", escape_markdown(timeline.summary)]
    pack = assessment.pack
    lines += [
        "",
        f"_Rule pack: {escape_markdown(pack.name)} {escape_markdown(pack.version)}, digest `{pack.digest}`._",
        "",
    ]
    return "\n".join(lines)
