"""The sections about the role: what it is, who it is, how it is paid and how it works.

Each builder returns the section's blocks after its intro.
"""

from __future__ import annotations

from advisor import present, wording
from advisor.brief.common import BriefContext, sentence, sources_note
from advisor.brief.model import Block, Bullets, Callout, Chart, Paragraph, Subheading, Table
from advisor.role import Compensation, templates_for


def the_role(brief: BriefContext) -> list[Block] | None:
    role = brief.role
    facts = [
        ("Title", role.title),
        ("Shape", role.summary),
        ("Hire now?", "Yes" if role.hire_now else f"Not yet — {role.verdict_label.lower()}"),
        (
            "Accounts in the book",
            (
                f"{role.capacity.active_accounts:,} today; "
                f"{role.capacity.book_low}–{role.capacity.book_high} per AM"
            ),
        ),
    ]
    blocks: list[Block] = [
        Table(("", ""), tuple(facts), widths=(2, 7)),
        Paragraph(role.mission, lead="Mission:"),
        *([Paragraph(role.reporting_line, lead="Reporting line:")] if role.reporting_line else []),
        Subheading("Responsibilities, in priority order for this company"),
        Table(
            ("#", "Area", "What it means", "Why it ranks here"),
            tuple(
                (str(i), r.area, r.description, r.why or "Core to the role.")
                for i, r in enumerate(role.responsibilities, start=1)
            ),
            widths=(0.5, 2.2, 4.5, 3.5),
        ),
        sources_note(role.sources.get("shape", "")),
    ]
    return blocks


def boundaries(brief: BriefContext) -> list[Block] | None:
    role = brief.role
    legend = "; ".join(f"{k} = {v}" for k, v in role.raci_legend.items())
    heading = (
        "Who does what once the role exists"
        if role.hire_now
        else (
            "Who does what once the role exists (until then the founder or AE holds the AM column)"
        )
    )
    tones = {"ok": "good", "gap": "bad", "overlap": "warn", "risk": "warn"}
    return [
        Table(
            ("Role", "Owns", "Where the Account Manager stops"),
            tuple((b.role, b.owns, b.boundary) for b in role.boundaries),
            widths=(2.2, 3.5, 5),
        ),
        Subheading(heading),
        Table(
            ("Activity", *role.raci_roles),
            tuple((r.activity, *(cell or "–" for cell in r.cells)) for r in role.raci),
            widths=(3, *([1.5] * len(role.raci_roles))),
        ),
        Paragraph(legend, style="note"),
        Subheading("Who does it today"),
        Table(
            ("Activity", "Today", "Status", "What it means"),
            tuple((t.activity, t.owner, t.status.upper(), t.note) for t in role.today),
            widths=(2.2, 2.8, 1.4, 5),
            row_tones=tuple(tones.get(t.status, "") for t in role.today),
        ),
    ]


def profile_section(brief: BriefContext) -> list[Block] | None:
    role = brief.role
    return [
        Paragraph(role.seniority_summary, lead=f"{role.seniority_level}."),
        Subheading("What the person brings"),
        Bullets(role.traits),
        Subheading("Skills to interview for"),
        Table(
            ("Skill", "Ask", "Listen for"),
            tuple((q.skill, q.ask, q.listen_for) for q in role.interview),
            widths=(2, 4.5, 4),
        ),
    ]


def capacity(brief: BriefContext) -> list[Block] | None:
    c, a = brief.role.capacity, brief.assessment
    team = a.team
    lead_at = team.team_lead_at_ams if team and team.team_lead_at_ams else c.team_lead_at_ams
    figures = {line.key: line.text for line in present.economics_lines(a)}
    rows = (
        ("Accounts one AM can hold here", f"{c.book_low}–{c.book_high}"),
        ("Active accounts today", f"{c.active_accounts:,}"),
        ("Account Managers the book needs", figures["am_count"]),
        ("What sized the team", wording.capitalised(figures["book_basis"])),
        ("Client hours the book needs", figures["client_hours"]),
        ("Team today", wording.capitalised(figures["team_today"])),
        ("Next Account Manager", wording.capitalised(figures["next_am"])),
        ("Team lead worth it from", present.team_lead_text(a, lead_at)),
    )
    return [
        Table(("", ""), rows, widths=(4, 5), numeric=()),
        *(Paragraph(sentence) for sentence in c.sentences),
        sources_note(
            f"Book size: {c.source}. Team lead: {brief.role.sources.get('team_lead', '')}. "
            f"Client hours: {brief.role.sources.get('cadence_hours', '')}"
        ),
    ]


def metrics(brief: BriefContext) -> list[Block] | None:
    role = brief.role
    tones = {"healthy": "good", "watch": "warn", "alarm": "bad"}
    sources = "; ".join(dict.fromkeys(f"{m.label}: {m.source}" for m in role.metrics))
    band = present.targets_band_line(brief.assessment, brief.pack)
    a_role = wording.count_of(1, brief.pack.role_title(str(brief.profile.business_model)))
    return [
        *([Paragraph(band)] if band else []),
        Table(
            ("Metric", "Target", "For this book", "Today", "How it is measured"),
            tuple(
                (
                    m.label,
                    m.target,
                    m.for_this_book or "–",
                    m.today if m.status == "unknown" else f"{m.today} ({m.status})",
                    m.how,
                )
                for m in role.metrics
            ),
            widths=(2, 2.8, 2.8, 1.6, 3.6),
            row_tones=tuple(tones.get(m.status, "") for m in role.metrics),
        ),
        Callout(role.metrics_note, tone="info", lead="Read together:"),
        Subheading(f"What not to measure {a_role} by"),
        Table(
            ("Metric", "Why not"),
            tuple((m.metric, m.why) for m in role.avoid_metrics),
            widths=(3, 7),
        ),
        sources_note(f"{sources}; what not to measure: {role.sources.get('metrics_avoid', '')}"),
    ]


def payout_table(comp: Compensation) -> Table:
    """Base, each component, the total and its share of OTE at each attainment level."""

    def money(amount: float) -> str:
        return wording.money(amount, comp.currency)

    rows = tuple(
        (
            wording.percent(row.attainment, 0),
            money(row.base),
            *(money(part) for part in row.by_component),
            money(row.total),
            wording.percent(row.share_of_ote, 0),
        )
        for row in comp.payout_rows()
    )
    return Table(
        ("Attainment", "Base", *(c.label for c in comp.components), "Total", "vs OTE"),
        rows,
        numeric=tuple(range(4 + len(comp.components))),
    )


def compensation(brief: BriefContext) -> list[Block] | None:
    comp = brief.role.compensation
    money = brief.money
    base, variable = wording.percent(comp.base_share, 0), wording.percent(1 - comp.base_share, 0)
    mix = f"{base} base / {variable} variable"
    low, high = wording.percent(comp.range_low, 0), wording.percent(comp.range_high, 0)
    # What the range went with is the pack's claim, quoted from the pack with its source.
    model = str(brief.profile.business_model)
    range_source = templates_for(brief.pack, model)[0].compensation.range_source
    facts = (
        ("On-target earnings (OTE)", money(comp.ote), comp.ote_source),
        ("Base salary", money(comp.base), mix),
        ("Variable pay at target", money(comp.variable), "Paid on the outcomes below"),
        (
            "On renewal and expansion",
            wording.percent(comp.renewal_expansion_share, 0),
            (
                f"of the variable pay; the range to keep it in is {low}–{high}. "
                f"{wording.cited(range_source)}"
            ),
        ),
    )
    split = tuple(
        (c.label, wording.percent(c.share, 0), money(comp.variable * c.share), c.measure or "–")
        for c in comp.components
    )
    blocks: list[Block] = [
        Table(("", "", ""), facts, widths=(3, 2, 5), numeric=(1,)),
        Subheading("How the variable pay is split"),
        Table(
            ("Component", "Share", "At target", "Measured by"),
            split,
            widths=(3, 1.2, 1.8, 4.5),
            numeric=(1, 2),
        ),
        Subheading("Payout at 80, 100 and 120% attainment"),
        payout_table(comp),
        Chart("payout", "Pay at each attainment level", _payout_summary(brief), height=380),
    ]
    blocks.extend(Callout(w, tone="warning", lead="Warning:") for w in comp.warnings)
    curve = comp.curve
    threshold, cap = wording.percent(curve.threshold, 0), wording.percent(curve.cap, 0)
    blocks.append(
        Paragraph(
            f"Each component pays nothing below {threshold} of its target, in proportion up to "
            f"100%, and {curve.accelerator:g} points for each point above, up to {cap} of target.",
            style="note",
        )
    )
    # One note per figure: run together, the sources read as one paragraph of citations.
    blocks.extend(sources_note(source) for source in comp.sources)
    return blocks


def _payout_summary(brief: BriefContext) -> str:
    comp = brief.role.compensation
    parts = [
        f"at {wording.percent(r.attainment, 0)}: {brief.money(r.total)}" for r in comp.payout_rows()
    ]
    return "Total pay " + "; ".join(parts) + f" (OTE {brief.money(comp.ote)})."


def cadence(brief: BriefContext) -> list[Block] | None:
    role = brief.role
    rows = tuple(
        (
            f"{t.tier} — {t.label}" if t.label else t.tier,
            t.value_rule,
            str(t.accounts),
            t.contact,
            t.review,
            f"{t.hours_per_month:g}",
        )
        for t in role.tiers
    )
    return [
        Table(
            (
                "Tier",
                "Contract value",
                "Accounts",
                "Contact",
                "Business review",
                "Hours / account / month",
            ),
            rows,
            widths=(1.5, 2.2, 1.6, 2.7, 2.7, 1.5),
            numeric=(2, 5),
        ),
        Paragraph(
            "Account counts are estimated from the average contract value until the CRM "
            "gives each account's value; adjust them to the real book.",
            style="note",
        ),
        Subheading("What every quarterly business review covers"),
        Bullets(role.qbr_content),
        sources_note(f"{role.sources.get('cadence', '')}; reviews: {role.sources.get('qbr', '')}"),
    ]


def playbook(brief: BriefContext) -> list[Block] | None:
    role = brief.role
    blocks: list[Block] = [
        Table(
            ("When", "Milestone", "What happens", "Owner"),
            tuple(
                (
                    f"T-{m.days_before}" if m.days_before else "T-0",
                    m.milestone,
                    m.actions,
                    m.owner,
                )
                for m in role.playbook
            ),
            widths=(1, 2.2, 5.5, 2),
        )
    ]
    if role.playbook_note:
        blocks.append(Callout(role.playbook_note, tone="warning", lead="Today:"))
    blocks.append(sources_note(role.sources.get("playbook", "")))
    return blocks


def handover(brief: BriefContext) -> list[Block] | None:
    role = brief.role
    return [
        Table(
            ("", "Item", "Owner", "When"),
            tuple(("☐", h.item, h.owner, h.when) for h in role.handover),
            widths=(0.4, 6, 1.8, 2),
        ),
        *(
            [Paragraph(role.ae_handover, lead="For the account executives:")]
            if role.ae_handover
            else []
        ),
        sources_note(role.sources.get("handover", "")),
    ]


def onboarding(brief: BriefContext) -> list[Block] | None:
    role = brief.role
    goals = dict(role.onboarding_goals)
    blocks: list[Block] = []
    phases: dict[str, list[str]] = {}
    for step in role.onboarding:
        phases.setdefault(step.phase, []).append(step.action)
    for phase, actions in phases.items():
        goal = goals.get(phase)
        blocks.append(Subheading(f"{phase} — {goal}" if goal else phase))
        blocks.append(Bullets(tuple(actions)))
    blocks.append(sources_note(role.sources.get("onboarding", "")))
    return blocks


def mistakes(brief: BriefContext) -> list[Block] | None:
    role = brief.role
    blocks: list[Block] = []
    for mistake in role.mistakes:
        text = f"{sentence(mistake.why)} What to do: {sentence(mistake.advice)}"
        if mistake.raised_by:
            text += f" Raised by: {'; '.join(mistake.raised_by)}."
        text = " ".join(part for part in (text, wording.cited(mistake.source)) if part)
        blocks.append(Paragraph(text, lead=f"{mistake.title}."))
    if not blocks:
        blocks.append(Paragraph("None of the usual mistakes is made likely by these inputs."))
    return blocks
