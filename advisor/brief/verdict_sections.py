"""The sections about the decision: the summary, the numbers, what to do instead, the appendix.

Each builder returns the section's blocks after its intro, or None when the section is left out.
"""

from __future__ import annotations

from advisor import present, wording
from advisor.brief.common import BriefContext, reason_text, sentence, sources_note
from advisor.brief.model import Block, Bullets, Callout, Chart, Paragraph, Subheading, Table
from advisor.brief.timing_section import timing_blocks
from advisor.engine import Assessment
from advisor.fields import FIELDS


def summary(brief: BriefContext) -> list[Block] | None:
    a, role = brief.assessment, brief.role
    scale = (
        ""
        if a.gated
        else (
            f" (hire now from {brief.pack.scoring.hire_now_at:g}, prepare from "
            f"{brief.pack.scoring.prepare_at:g})"
        )
    )
    blocks: list[Block] = [
        Callout(f"{a.verdict_label} — {a.readiness}{scale}.", tone="verdict", lead="Verdict:"),
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
        who = present.hire_lead(a, role.title)
        blocks.append(Paragraph(f"{sentence(role.summary)} {role.mission}", lead=f"Hire: {who}."))
    elif role.interim is not None:
        blocks.append(Paragraph(role.interim.summary, lead=f"{role.interim.title}."))
        blocks.append(
            Paragraph(
                f"The role drafted below — {role.title} — is the hire to make once the "
                "conditions are met.",
            )
        )
    blocks.append(Paragraph(present.when_line(a), lead="When:"))
    if a.blockers:
        blocks.append(Subheading("What holds the verdict back"))
        blocks.append(Bullets(tuple(a.blockers)))
    flips = [flip.sentence for flip in a.flip_points[:4]]
    if flips:
        blocks.append(Subheading("What would change the verdict"))
        blocks.append(Bullets(tuple(flips)))
    blocks.append(Chart("score", score_chart_title(a), _score_summary(brief), height=420))
    if brief.profile.notes:
        blocks.append(
            Paragraph(
                brief.profile.notes, lead=f"Notes from {brief.profile.company}:", style="quote"
            )
        )
    return blocks


def score_chart_title(assessment: Assessment) -> str:
    return "What the rules weigh" if assessment.gated else "What moved the readiness score"


def _score_summary(brief: BriefContext) -> str:
    moved = sorted((r for r in brief.assessment.fired if r.score), key=lambda r: -r.score)
    parts = [f"{r.score:+.0f} {r.title}" for r in moved]
    text = "; ".join(parts) if parts else "No rule with a score effect fired"
    return f"{text}. {present.score_total(brief.assessment)}"


# How each figure of the economics block is worked out, where the presenter gives no note.
HOW = {
    "total_arr": "Accounts × average contract value",
    "gross_profit": "{revenue} × gross margin",
    "expansion": "Net revenue retention less gross revenue retention, as given",
    "cost_share": (
        "The cost of the team the book needs against the gross profit of the book; the "
        "affordability rules read one AM's cost"
    ),
    "break_even": "The {revenue} whose gross profit equals one AM's cost",
    "supported_from": "The smallest book whose gross profit is that multiple of one AM's cost",
    "am_count": "Enough AMs that none holds more accounts or more client hours than one AM can",
    "book_basis": (
        "The largest of three needs: the accounts, the book's revenue (or gross profit) where "
        "the business model bounds it, and the client hours"
    ),
    "client_hours": "The cadence of each tier and the renewals, against one budget per AM",
    "team_today": "The Account Managers on the team today, as given",
    "next_am": "The first book the team the book needs can no longer hold",
}


def _book_source(brief: BriefContext) -> str:
    """Where the book's size comes from: the accounts benchmark, and the business model's bound
    on its revenue (or gross profit) when the pack gives one."""
    source = brief.pack.book_size_source
    if brief.assessment.economics.book_size_band:
        source += f"; by band of contract value: {brief.pack.book_size_band_source}"
    spec = brief.pack.business_model(str(brief.profile.business_model))
    if spec is not None and spec.revenue_per_am_source:
        source += f"; {spec.label}, per AM: {spec.revenue_per_am_source}"
    return source


def numbers(brief: BriefContext) -> list[Block] | None:
    a, p = brief.assessment, brief.profile
    given = [
        (
            FIELDS[name].label,
            wording.with_unit(name, getattr(p, name), brief.currency),
            "As given",
        )
        for name in ("active_accounts", "avg_contract_value", "gross_margin", "logo_churn_rate")
    ]
    figures = []
    for line in present.economics_lines(a):
        if line.key == "am_count":
            low, high = a.economics.book_size_low, a.economics.book_size_high
            figures.append(("Accounts one AM can hold", f"{low}–{high}", _book_source(brief)))
        how = line.note or HOW.get(line.key, "").replace("{revenue}", present.revenue(a.economics))
        if line.key == "payback_range":
            how = (
                "The payback if an AM keeps less or more of what churn takes, and adds less or "
                f"more expansion, than expected. {wording.cited(brief.pack.am_effect.source)}"
            )
        figures.append((line.label, line.text, how))
    blocks: list[Block] = [
        Table(
            ("Figure", "Value", "How it is worked out"),
            (*given, *figures),
            widths=(3, 3, 5),
        )
    ]
    if not a.gated:
        # Under a gate every book size gives the same verdict: the chart would only draw a
        # score that does not count.
        blocks.append(
            Chart(
                "whatif",
                "Readiness against the number of active accounts",
                _whatif_summary(brief),
                height=420,
            )
        )
    return [*blocks, *timing_blocks(brief)]


def _whatif_summary(brief: BriefContext) -> str:
    p = brief.profile
    text = (
        f"The readiness score as the book grows or shrinks, everything else unchanged. Today: "
        f"{p.active_accounts} accounts, {present.score_text(brief.assessment)}."
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
                "Share of revenue in the three largest accounts",
                wording.percent(role.inputs.top_accounts_share),
            )
        )
    thresholds = tuple(
        (row["name"], f"{row['value']} {row['unit']}".strip(), row["source"])
        for row in pack.threshold_rows()
    )
    documents = tuple(
        f"{source.listing()}{' — ' + source.link if source.link else ''}" for source in pack.sources
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
