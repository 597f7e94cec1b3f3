"""The method appendix: the brief's rule pack, the rules that fired, the inputs, the thresholds
and the source documents as a document of its own, with what the brief leaves to it to stay
within ten pages (`brief.moved`): how each figure is worked out, each section's sources, the
charts that repeat a list or a table, the working detail of the role, and the workshop's answers.

The brief keeps a short last section saying where the method is; `method_appendix` turns a
built brief into its appendix, from the same assessment, role and pack, so the two never
disagree.
"""

from __future__ import annotations

from dataclasses import replace

from advisor import present, wording
from advisor.brief import moved, verdict_sections
from advisor.brief.common import BriefContext
from advisor.brief.model import Block, Brief, Paragraph, Section
from advisor.brief.workshop_section import workshop_method
from advisor.i18n import N_, _, n_
from advisor.role import templates_for

# The pack's section whose title and intro both documents use.
APPENDIX = "appendix"
WHERE = N_(
    "the Role page's \u201cMethod appendix\u201d downloads, or "
    "advisor brief PROFILE --appendix on the command line"
)


def method_pointer(brief: BriefContext) -> list[Block] | None:
    """The brief's last section: where its method is, and what ties the two documents."""
    a, pack = brief.assessment, brief.pack
    day = present.date(a.as_of) if a.as_of else _("undated")
    return [
        Paragraph(
            # Translators: {fired} of {count} rules; {digest} is the rule pack's fingerprint,
            # {date} the assessment's date, {where} where to download the appendix.
            n_(
                "They are in a separate document, the method appendix, built from the same "
                "assessment ({fired} of {count} rule fired, rules digest {digest}, {date}): "
                "{where}.",
                "They are in a separate document, the method appendix, built from the same "
                "assessment ({fired} of {count} rules fired, rules digest {digest}, {date}): "
                "{where}.",
                len(a.trace),
                fired=len(a.fired),
                digest=pack.digest,
                date=day,
                where=_(WHERE),
            )
        )
    ]


def method_appendix(brief: Brief) -> Brief:
    """The method appendix of `brief`: its cover, and the rules, inputs and sources section."""
    profile = brief.assessment.profile
    templates = templates_for(brief.pack, str(profile.business_model))[0]
    context = BriefContext(profile, brief.assessment, brief.pack, brief.role)
    text = templates.brief.sections[APPENDIX]
    fill = {"company": profile.company, "segment": wording.segment_label(brief.role.segment)}
    blocks = [*(verdict_sections.appendix(context) or []), *moved.appendix_blocks(brief)]
    if brief.workshop is not None:
        blocks += workshop_method(brief.workshop)
    section = Section(
        APPENDIX,
        1,
        text.title,
        (Paragraph(wording.fill_template(text.intro, fill)), *blocks),
    )
    return replace(
        brief,
        # Translators: {title} is the brief's title.
        title=_("{title}, method appendix", title=brief.title),
        subtitle=_(
            "The rules, inputs and sources behind the brief of {date}, and the "
            "detail it leaves here to stay short",
            date=brief.date_text,
        ),
        sections=(section,),
    )
