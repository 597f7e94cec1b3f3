"""The sections about the decision: the summary, the numbers, what to do instead, the appendix.

Each builder returns the section's blocks after its intro, or None when the section is left out.
"""

from __future__ import annotations

from advisor import present, wording
from advisor.brief import moved
from advisor.brief.common import BriefContext, reason_text, sentence
from advisor.brief.model import Block, Bullets, Callout, Paragraph, Subheading, Table
from advisor.brief.timing_section import timing_blocks
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
        # Worded as the hiring kit's decision memo words them: one story in both documents.
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
    blocks += moved.notes_blocks(brief)
    return blocks


def numbers(brief: BriefContext) -> list[Block] | None:
    blocks: list[Block] = [
        Table(
            ("Figure", "Value", "How it is worked out"),
            moved.figure_rows(brief, full=False),
            widths=(2.6, 3.6, 4.8),
        ),
        moved.pointer(moved.HOW, "How each figure is worked out, with its sources:"),
    ]
    return [*blocks, *timing_blocks(brief)]


def instead(brief: BriefContext) -> list[Block] | None:
    plan = brief.role.interim
    if plan is None:
        return None
    # The summary has already said what the plan is for (`plan.summary`): the steps follow.
    return [
        Table(
            ("Step", "Owner", "When"),
            tuple((s.step, s.owner, s.when) for s in plan.steps),
            widths=(6, 2, 2),
        ),
        moved.pointer(),
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
