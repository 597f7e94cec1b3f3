"""Readable reports of one assessment: plain text for the terminal, Markdown for sharing."""

from __future__ import annotations

from advisor import wording
from advisor.engine import Assessment
from advisor.hire_by import HireBy
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
    team = wording.count_of(econ.recommended_am_count, "AM")
    next_payback = econ.next_am_payback_months
    return [
        ("Total ARR", cash(econ.total_arr)),
        ("Gross profit of the book", cash(econ.gross_profit)),
        (
            "ARR at risk from churn (12 months)",
            f"{cash(econ.arr_at_risk)} (≈{econ.accounts_at_risk:.1f} accounts)",
        ),
        ("AM fully loaded cost (one AM)", f"{cash(econ.am_cost)} ({econ.am_cost_source})"),
        ("Team cost (the AMs the book needs)", f"{cash(econ.team_cost)} ({team})"),
        (
            "Team cost as share of gross profit",
            "n/a (no gross profit)" if share is None else wording.percent(share),
        ),
        (
            "Break-even book (gross profit = one AM's cost)",
            cash(econ.break_even_arr)
            + (
                f" of ARR, ≈{econ.break_even_accounts:.1f} average accounts"
                if econ.break_even_accounts is not None
                else ""
            ),
        ),
        (
            (
                f"Book the margin supports an AM from (gross profit ≥ {econ.affordability_floor:g}× "
                "one AM's cost)"
            ),
            "n/a (no gross profit)"
            if econ.supported_from_accounts is None
            else f"≈{econ.supported_from_accounts:.1f} average accounts",
        ),
        (
            "Payback of the team",
            "n/a (no expected gain)" if payback is None else f"{payback:.1f} months",
        ),
        (
            "Next AM's marginal case",
            "none needed now"
            if not econ.next_am_accounts
            else f"{econ.next_am_accounts:,} accounts, {cash(econ.next_am_gross_profit_gain)} "
            "gross profit gained a year, payback "
            + ("n/a" if next_payback is None else f"{next_payback:.1f} months"),
        ),
        (
            "AMs the book needs",
            (
                f"{econ.recommended_am_count} (at most {econ.accounts_per_am} accounts and "
                f"{econ.client_hours_per_am:g} client hours a month per AM; the cadence needs "
                f"{econ.cadence_hours:,.0f} hours a month)"
            ),
        ),
        (
            "Team today",
            wording.team_coverage(
                econ.current_account_managers,
                econ.accounts_covered_by_team,
                econ.recommended_am_count,
                econ.next_am_due_at_accounts,
            ),
        ),
    ]


def hire_by_lines(hire_by: HireBy) -> list[tuple[str, str]]:
    """(label, figure) pairs of the hire-by block, shared by the text and Markdown reports."""
    date = hire_by.date.isoformat() if hire_by.date else "none"
    if hire_by.status.value == "past":
        date += " (already past)"
    reaches = hire_by.reaches_on.isoformat() if hire_by.reaches_on else "not within the horizon"
    return [
        ("Hire by", date),
        ("The AM must carry the book from", reaches),
        ("Recruiting lead time", f"{hire_by.recruiting_days} days"),
        ("Ramp-up time", f"{hire_by.ramp_days} days"),
        ("Hours per renewal", wording.hours(hire_by.hours_per_renewal)),
        ("Renewal hours the team can give a month", wording.hours(hire_by.capacity_hours)),
    ]


def render_text(
    assessment: Assessment, timeline: Timeline | None = None, hire_by: HireBy | None = None
) -> str:
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
    if timeline is not None:
        lines += ["Growth timeline:", f"  {timeline.summary}", ""]
    if hire_by is not None:
        lines += ["Hire-by date:", f"  {hire_by.summary}"]
        lines += [f"  {label}: {figure}" for label, figure in hire_by_lines(hire_by)]
        lines.append("")
    pack = assessment.pack
    lines.append(f"Rule pack: {pack.name} {pack.version} (digest {pack.digest})")
    return terminal_safe("\n".join(lines) + "\n")


def render_markdown(
    assessment: Assessment, timeline: Timeline | None = None, hire_by: HireBy | None = None
) -> str:
    profile = assessment.profile
    lines = [
        f"# {escape_markdown(profile.company)}: {assessment.verdict_label}",
        "",
        (
            f"**{escape_markdown(wording.capitalised(assessment.readiness))}.** "
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
    if timeline is not None:
        lines += ["", "## Growth timeline", "", escape_markdown(timeline.summary)]
    if hire_by is not None:
        lines += ["", "## Hire-by date", "", escape_markdown(hire_by.summary), ""]
        lines += ["| Figure | Value |", "|---|---|"]
        lines += [
            f"| {label} | {escape_markdown(figure)} |" for label, figure in hire_by_lines(hire_by)
        ]
    pack = assessment.pack
    lines += [
        "",
        f"_Rule pack: {escape_markdown(pack.name)} {escape_markdown(pack.version)}, digest `{pack.digest}`._",
        "",
    ]
    return "\n".join(lines)
