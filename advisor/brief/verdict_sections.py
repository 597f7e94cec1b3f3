"""The sections about the decision: the summary, the numbers, what to do instead, the appendix.

Each builder returns the section's blocks after its intro, or None when the section is left out.
"""

from __future__ import annotations

from advisor import wording
from advisor.brief.common import BriefContext, reason_text, sentence, sources_note
from advisor.brief.model import Block, Bullets, Callout, Chart, Paragraph, Subheading, Table
from advisor.fields import FIELDS


def summary(brief: BriefContext) -> list[Block] | None:
    a, role = brief.assessment, brief.role
    blocks: list[Block] = [
        Callout(
            f"{a.verdict_label} — {a.readiness} "
            f"(hire now from {brief.pack.scoring.hire_now_at:g}, prepare from "
            f"{brief.pack.scoring.prepare_at:g}).",
            tone="verdict",
            lead="Verdict:",
        ),
        Paragraph(f"{a.headline} The case was {a.judged_by}."),
    ]
    if a.warnings:
        blocks.append(
            Callout(
                " ".join(f"{wording.capitalised(w)}." for w in a.warnings),
                tone="warning",
                lead="Check these figures:",
            )
        )
    blocks += [
        Subheading("The three reasons that weigh most"),
        Bullets(
            tuple(f"{r.title}. {reason_text(r)}" for r in a.key_reasons(3))
            or ("No rule fired: nothing in the inputs argues for or against a hire.",)
        ),
        Subheading("What we recommend"),
    ]
    if role.hire_now:
        count = a.economics.additional_ams_needed or a.recommended_am_count
        who = f"{count} × {role.title}" if count > 1 else role.title
        if a.economics.current_account_managers:
            who += f", joining the {a.economics.current_account_managers} already on the team"
        blocks.append(Paragraph(f"{sentence(role.summary)} {role.mission}", lead=f"Hire: {who}."))
    elif role.interim is not None:
        blocks.append(Paragraph(role.interim.summary, lead=f"{role.interim.title}."))
        blocks.append(
            Paragraph(
                f"The role drafted below — {role.title} — is the hire to make once the "
                "conditions are met.",
            )
        )
    if a.blockers:
        blocks.append(Subheading("What holds the verdict back"))
        blocks.append(Bullets(tuple(a.blockers)))
    flips = [flip.sentence for flip in a.flip_points[:4]]
    if flips:
        blocks.append(Subheading("What would change the verdict"))
        blocks.append(Bullets(tuple(flips)))
    blocks.append(
        Chart("score", "What moved the readiness score", _score_summary(brief), height=420)
    )
    if brief.profile.notes:
        blocks.append(
            Paragraph(
                brief.profile.notes, lead=f"Notes from {brief.profile.company}:", style="quote"
            )
        )
    return blocks


def _score_summary(brief: BriefContext) -> str:
    moved = sorted((r for r in brief.assessment.fired if r.score), key=lambda r: -r.score)
    parts = [f"{r.score:+.0f} {r.title}" for r in moved]
    text = "; ".join(parts) if parts else "No rule with a score effect fired"
    return f"{text}. Total: {brief.assessment.score:.0f} of 100."


def _next_am(brief: BriefContext) -> str:
    e = brief.assessment.economics
    if not e.next_am_accounts:
        return "none needed now"
    payback = (
        "not defined"
        if e.next_am_payback_months is None
        else f"{e.next_am_payback_months:.0f} months"
    )
    return f"{e.next_am_accounts:,} accounts, payback {payback}"


def _capacity_rows(brief: BriefContext) -> list[tuple[str, str, str]]:
    e = brief.assessment.economics
    return [
        (
            "Accounts one AM can hold",
            f"{e.book_size_low}–{e.book_size_high}",
            brief.pack.book_size_source,
        ),
        (
            "Account Managers the book needs",
            str(e.recommended_am_count),
            (
                f"Enough AMs that none holds more than {e.accounts_per_am} accounts and the cadence's "
                f"{e.cadence_hours:,.0f} client hours a month fit in {e.client_hours_per_am:g} hours "
                "per AM"
            ),
        ),
        (
            "Team today",
            f"{e.current_account_managers}",
            wording.team_coverage(
                e.current_account_managers,
                e.accounts_covered_by_team,
                e.recommended_am_count,
                e.next_am_due_at_accounts,
            ),
        ),
    ]


def numbers(brief: BriefContext) -> list[Block] | None:
    e, p = brief.assessment.economics, brief.profile
    payback = f"{e.payback_months:.0f} months" if e.payback_months is not None else "not defined"
    rows = [
        ("Active client accounts", f"{p.active_accounts:,}", "As given"),
        (
            "Average contract value",
            brief.money(p.avg_contract_value),
            "Per account per year, as given",
        ),
        ("Total ARR", brief.money(e.total_arr), "Accounts × average contract value"),
        ("Gross margin", wording.percent(p.gross_margin), "As given"),
        ("Gross profit of the book", brief.money(e.gross_profit), "ARR × gross margin"),
        (
            "Logo churn",
            wording.percent(p.logo_churn_rate),
            "Share of accounts lost in 12 months",
        ),
        (
            "ARR at risk each year",
            brief.money(e.arr_at_risk),
            f"ARR × churn (about {e.accounts_at_risk:.1f} accounts)",
        ),
        ("AM fully loaded cost (one AM)", brief.money(e.am_cost), e.am_cost_source),
        (
            "Team cost",
            brief.money(e.team_cost),
            f"{wording.count_of(e.recommended_am_count, 'AM')} the book needs × one AM's cost",
        ),
        (
            "Team cost as a share of gross profit",
            wording.percent(e.am_cost_share_of_gross_profit)
            if e.am_cost_share_of_gross_profit is not None
            else "not defined",
            (
                "The affordability rules read one AM's cost: below 25% of gross profit is "
                "comfortable, above 50% is not supported"
            ),
        ),
        (
            "Break-even book",
            f"{e.break_even_accounts:.1f} accounts"
            if e.break_even_accounts is not None
            else "not defined",
            "Accounts whose gross profit equals one AM's cost",
        ),
        (
            "Book that supports an AM",
            f"{e.supported_from_accounts:.1f} accounts"
            if e.supported_from_accounts is not None
            else "not defined",
            (
                f"Gross profit at least {e.affordability_floor:g}× one AM's cost: the "
                "affordability rule's line, so the AM takes at most half of the margin"
            ),
        ),
        (
            "Expected gross-profit gain a year",
            brief.money(e.expected_gross_profit_gain),
            (
                f"Churn kept ({brief.money(e.expected_retained_arr)}) plus expansion "
                f"({brief.money(e.expected_expansion_arr)}), times margin. "
                f"{wording.cited(brief.pack.am_impact.source)}"
            ),
        ),
        (
            "Payback of the team",
            payback,
            "Team cost ÷ monthly gain; an estimate, never part of the verdict",
        ),
        (
            "Next AM's marginal case",
            _next_am(brief),
            (
                "The last AM of the team: the accounts the others cannot hold, their share of "
                "the gain, and one AM's cost against it"
            ),
        ),
        *_capacity_rows(brief),
    ]
    return [
        Table(
            ("Figure", "Value", "How it is worked out"),
            tuple(rows),
            widths=(3, 2, 5),
            numeric=(1,),
        ),
        Chart(
            "whatif",
            "Readiness against the number of active accounts",
            _whatif_summary(brief),
            height=420,
        ),
        *_hire_by_blocks(brief),
    ]


def _hire_by_blocks(brief: BriefContext) -> list[Block]:
    """By when the AM must be hired: the date, what sets it and the figures behind it."""
    h = brief.hire_by
    if h.date is None:
        date = "none within the horizon" if h.status.value != "no_renewals" else "none"
    else:
        date = wording.long_date(h.date) + (" (already past)" if h.status.value == "past" else "")
    carries = wording.long_date(h.reaches_on) if h.reaches_on else "not within the horizon"
    peak = max(h.months, key=lambda m: m.hours) if h.months else None
    team = f"{h.founder_hours} h a month from the founder/AE (as given)"
    if h.current_account_managers:
        team += (
            f", plus {wording.hours(h.am_hours)} carried by "
            f"{wording.count_of(h.current_account_managers, 'AM')} (a twelfth of "
            f"{brief.assessment.economics.accounts_per_am} accounts each, renewed once a year)"
        )
    rows = [
        ("Hire by", date, "The month the AM must carry the book, less recruiting and ramp-up"),
        ("The AM carries the book from", carries, h.when or h.reason),
        ("Recruiting lead time", f"{h.recruiting_days} days", h.sources["recruiting_lead_days"]),
        ("Ramp-up time", f"{h.ramp_days} days", h.sources["ramp_days"]),
        (
            "Hours one renewal takes",
            wording.hours(h.hours_per_renewal),
            h.sources["hours_per_renewal"],
        ),
        ("Renewal hours the team can give", f"{wording.hours(h.capacity_hours)} a month", team),
    ]
    if peak is not None:
        rows.append(
            (
                "Peak renewal workload",
                f"{wording.hours(peak.hours)} in {peak.label}",
                f"{peak.renewals:.1f} renewals due × {wording.hours(h.hours_per_renewal)}",
            )
        )
    return [
        Subheading("By when the Account Manager must be productive"),
        Paragraph(h.summary),
        Table(("Figure", "Value", "How it is worked out"), tuple(rows), widths=(3, 2, 5)),
        Chart(
            "hire_by",
            "Renewal workload against the hours the team can give",
            _hire_by_chart_summary(brief),
            height=420,
        ),
    ]


def _hire_by_chart_summary(brief: BriefContext) -> str:
    h = brief.hire_by
    over = [m for m in h.months if m.over_capacity]
    text = (
        f"Renewal hours due in each of the next {len(h.months)} months against the "
        f"{wording.hours(h.capacity_hours)} a month the team can give."
    )
    if over:
        text += f" The workload is above it in {len(over)} of them, first in {over[0].label}."
    else:
        text += " The workload stays within it."
    if h.date is not None:
        text += f" Hire by {wording.long_date(h.date)}."
    return text


def _whatif_summary(brief: BriefContext) -> str:
    p = brief.profile
    text = (
        f"The readiness score as the book grows or shrinks, everything else unchanged. Today: "
        f"{p.active_accounts} accounts, score {brief.assessment.score:.0f}."
    )
    for flip in brief.assessment.flip_points:
        if flip.field == "active_accounts":
            text += f" {flip.sentence}"
    return text


def instead(brief: BriefContext) -> list[Block] | None:
    plan = brief.role.interim
    if plan is None:
        return None
    return [
        Paragraph(plan.summary, lead=f"{plan.title}."),
        Table(
            ("Step", "Owner", "When"),
            tuple((s.step, s.owner, s.when) for s in plan.steps),
            widths=(6, 2, 2),
        ),
        sources_note(plan.source),
    ]


def appendix(brief: BriefContext) -> list[Block] | None:
    a, pack, role = brief.assessment, brief.pack, brief.role
    pack_rows = (
        ("Rule pack", f"{pack.name} {pack.version}"),
        ("Digest", pack.digest),
        ("Files", ", ".join(pack.files)),
        ("Role texts", role.templates_origin),
        (
            "Edited by hand",
            ", ".join(role.edited) if role.edited else "nothing: this is the draft as generated",
        ),
    )
    fired = tuple(
        (
            r.rule_id,
            r.title,
            wording.effect_words(r.score, r.cap, r.verdict),
            r.explanation,
            r.source,
        )
        for r in a.fired
    )
    inputs = []
    for name, info in FIELDS.items():
        if name == "notes":
            continue
        raw = getattr(brief.profile, name)
        if raw is None:
            continue
        raw = raw.value if hasattr(raw, "value") else raw
        inputs.append(
            (
                info.label,
                wording.with_unit(name, raw, brief.currency),
            )
        )
    if role.inputs.top_accounts_share is not None:
        inputs.append(
            (
                "Share of ARR in the three largest accounts",
                wording.percent(role.inputs.top_accounts_share),
            )
        )
    thresholds = tuple(
        (row["name"], f"{row['value']} {row['unit']}".strip(), row["source"])
        for row in pack.threshold_rows()
    )
    documents = tuple(
        f"{source.cite()}{' — ' + source.link if source.link else ''}" for source in pack.sources
    )
    return [
        Table(("", ""), pack_rows, widths=(2, 8)),
        Subheading("Rules that fired"),
        Table(
            ("Rule", "Title", "Effect", "Why", "Source"),
            fired or (("–", "No rule fired", "", "", ""),),
            widths=(2.2, 2.6, 1.4, 3.4, 2.6),
        ),
        Subheading("Inputs"),
        Table(("Field", "Value"), tuple(inputs), widths=(4, 5)),
        Subheading("Thresholds"),
        Table(("Name", "Value", "Source"), thresholds, widths=(2.4, 2.2, 6)),
        Subheading("Source documents"),
        Bullets(documents),
        Paragraph(
            "A product default is a calibration of this tool, stated as such so it can be "
            "tuned; every other figure names the document it comes from.",
            style="note",
        ),
    ]
