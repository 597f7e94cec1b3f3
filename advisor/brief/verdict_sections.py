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
from advisor.i18n import _, p_
from advisor.i18n.formats import number


def summary(brief: BriefContext) -> list[Block] | None:
    a, role = brief.assessment, brief.role
    blocks: list[Block] = [
        Callout(_verdict_line(brief), tone="verdict", lead=_("Verdict:")),
        # Translators: {headline} is the verdict's one-sentence headline; {judged_by} what the
        # case was judged by ("by the book's size in accounts").
        Paragraph(
            _("{headline} The case was {judged_by}.", headline=a.headline, judged_by=a.judged_by)
        ),
    ]
    if a.warnings:
        blocks.append(
            Callout(
                " ".join(f"{wording.capitalised(w)}." for w in a.warnings),
                tone="warning",
                lead=_("Check these figures:"),
            )
        )
    blocks += [
        Subheading(_("The three reasons that weigh most")),
        # Worded as the hiring kit's decision memo words them: one story in both documents.
        Bullets(
            tuple(f"{r.title}. {reason_text(r)}" for r in a.key_reasons(3))
            or (_("No rule fired: nothing in the inputs argues for or against a hire."),)
        ),
        Subheading(_("What we recommend")),
    ]
    if role.hire_now:
        who = present.hire_lead(a, role.title)
        blocks.append(
            Paragraph(
                f"{sentence(role.summary)} {role.mission}",
                # Translators: {who} is who to hire ("Account Manager", "2 × Account Manager").
                lead=_("Hire: {who}.", who=who),
            )
        )
    elif role.interim is not None:
        blocks.append(Paragraph(role.interim.summary, lead=f"{role.interim.title}."))
        blocks.append(
            Paragraph(
                _(
                    "The role drafted below — {role} — is the hire to make once the "
                    "conditions are met.",
                    role=role.title,
                ),
            )
        )
    blocks.append(Paragraph(present.when_line(a), lead=_("When:")))
    if a.blockers:
        blocks.append(Subheading(_("What holds the verdict back")))
        blocks.append(Bullets(tuple(a.blockers)))
    flips = [flip.sentence for flip in a.flip_points[:4]]
    if flips:
        blocks.append(Subheading(_("What would change the verdict")))
        blocks.append(Bullets(tuple(flips)))
    blocks += moved.notes_blocks(brief)
    return blocks


def _verdict_line(brief: BriefContext) -> str:
    """The verdict and its readiness, with the score's scale unless a gate decided."""
    a = brief.assessment
    if a.gated:
        return _("{verdict} — {readiness}.", verdict=a.verdict_label, readiness=a.readiness)
    scoring = brief.pack.scoring
    # Translators: {hire_now} and {prepare} are the readiness scores (out of 100) from which
    # each verdict is given.
    return _(
        "{verdict} — {readiness} (hire now from {hire_now}, prepare from {prepare}).",
        verdict=a.verdict_label,
        readiness=a.readiness,
        hire_now=number(scoring.hire_now_at, 3),
        prepare=number(scoring.prepare_at, 3),
    )


def numbers(brief: BriefContext) -> list[Block] | None:
    blocks: list[Block] = [
        Table(
            moved.figure_columns(),
            moved.figure_rows(brief, full=False),
            widths=(2.6, 3.6, 4.8),
        ),
        moved.pointer(moved.HOW, _("How each figure is worked out, with its sources:")),
    ]
    return [*blocks, *timing_blocks(brief)]


def instead(brief: BriefContext) -> list[Block] | None:
    plan = brief.role.interim
    if plan is None:
        return None
    # The summary has already said what the plan is for (`plan.summary`): the steps follow.
    return [
        Table(
            (p_("column", "Step"), p_("column", "Owner"), p_("column", "When")),
            tuple((s.step, s.owner, s.when) for s in plan.steps),
            widths=(6, 2, 2),
        ),
        moved.pointer(),
    ]


def appendix(brief: BriefContext) -> list[Block] | None:
    a, pack, role = brief.assessment, brief.pack, brief.role
    pack_rows = (
        (_("Rule pack"), f"{pack.name} {pack.version}"),
        (_("Digest"), pack.digest),
        (_("Files"), ", ".join(pack.files)),
        (_("Role texts"), role.templates_origin),
        (
            _("Edited by hand"),
            ", ".join(role.edited) if role.edited else _("nothing: this is the draft as generated"),
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
                _(info.label),
                wording.with_unit(name, raw, brief.currency),
            )
        )
    if role.inputs.top_accounts_share is not None:
        inputs.append(
            (
                _("Share of revenue in the three largest accounts"),
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
        Subheading(_("Rules that fired")),
        Table(
            (
                p_("column", "Rule"),
                p_("column", "Title"),
                p_("column", "Effect"),
                p_("column", "Why"),
                p_("column", "Source"),
            ),
            fired or (("–", _("No rule fired"), "", "", ""),),
            widths=(2.2, 2.6, 1.4, 3.4, 2.6),
        ),
        Subheading(_("Inputs")),
        Table((p_("column", "Field"), p_("column", "Value")), tuple(inputs), widths=(4, 5)),
        Subheading(_("Thresholds")),
        Table(
            (p_("column", "Name"), p_("column", "Value"), p_("column", "Source")),
            thresholds,
            widths=(2.4, 2.2, 6),
        ),
        Subheading(_("Source documents")),
        Bullets(documents),
        Paragraph(
            _(
                "A product default is a calibration of this tool, stated as such so it can be "
                "tuned; every other figure names the document it comes from."
            ),
            style="note",
        ),
    ]
