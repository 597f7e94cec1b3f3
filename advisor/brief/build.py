"""Build the whole Brief for one company, section by section, in the order a founder reads it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from advisor import present, wording
from advisor.brief import moved, role_sections, verdict_sections
from advisor.brief.appendix import method_pointer
from advisor.brief.common import BriefContext, sentence
from advisor.brief.model import Block, Brief, Paragraph, Section
from advisor.brief.workshop_section import workshop_section
from advisor.engine import Assessment, evaluate
from advisor.i18n import _, p_
from advisor.i18n import language as _language
from advisor.i18n.formats import number
from advisor.pack import RulePack
from advisor.pack.role_model import RoleTemplates
from advisor.profile import CompanyProfile
from advisor.role import RoleDesign, draft_role, templates_for
from advisor.workshop import WorkshopResult

SectionBuilder = Callable[[BriefContext], list[Block] | None]

# Section key (its title and intro come from the pack) -> the builder of its blocks.
SECTIONS: tuple[tuple[str, SectionBuilder], ...] = (
    ("summary", verdict_sections.summary),
    ("numbers", verdict_sections.numbers),
    ("instead", verdict_sections.instead),
    ("role", role_sections.the_role),
    ("boundaries", role_sections.boundaries),
    ("profile", role_sections.profile_section),
    ("capacity", role_sections.capacity),
    ("metrics", role_sections.metrics),
    ("compensation", role_sections.compensation),
    ("cadence", role_sections.cadence),
    ("playbook", role_sections.playbook),
    ("handover", role_sections.handover),
    ("onboarding", role_sections.onboarding),
    ("mistakes", role_sections.mistakes),
    # The method itself is a document of its own (`brief.appendix.method_appendix`).
    ("method", method_pointer),
)

# A section titled by another key of the pack: the brief's pointer to its method appendix.
TITLE_KEY = {"method": "appendix"}


def role_fill(pack: RulePack, profile: CompanyProfile) -> dict[str, str]:
    """{role} and {a_role}: the role as the business model titles it."""
    return wording.role_words(pack.role_title(str(profile.business_model)))


def build_sections(brief: BriefContext, templates: RoleTemplates) -> tuple[Section, ...]:
    """Every section that applies, numbered in order, each opened by its intro from the pack."""
    fill = {
        "company": brief.profile.company,
        "segment": wording.segment_label(brief.role.segment),
        **role_fill(brief.pack, brief.profile),
    }
    sections: list[Section] = []
    for key, build in SECTIONS:
        blocks = build(brief)
        if blocks is None:
            continue
        text = templates.brief.sections[TITLE_KEY.get(key, key)]
        intro = wording.fill_template(text.intro, fill)
        if blocks and blocks[-1] == moved.pointer():
            # A section whose only move is its sources says so in its opening paragraph.
            blocks = blocks[:-1]
            # Translators: {intro} is the section's opening paragraph; {where} says where in the
            # method appendix the sources are ("in the method appendix, under “…”").
            intro = _(
                "{intro} Its sources are {where}.",
                intro=sentence(intro),
                where=moved.where(moved.SOURCES),
            )
        title = wording.fill_template(text.title, fill)
        sections.append(Section(key, len(sections) + 1, title, (Paragraph(intro), *blocks)))
    return tuple(sections)


def build_brief(
    profile: CompanyProfile,
    assessment: Assessment,
    pack: RulePack,
    role: RoleDesign | None = None,
    *,
    prepared_on: dt.date | None = None,
    workshop: WorkshopResult | None = None,
    language: str | None = None,
) -> Brief:
    """The whole brief for one company; `role` defaults to the unedited draft.

    The brief is dated by its assessment: every date in it counts from `assessment.as_of`.
    A `prepared_on` that differs from it (or an assessment without its dates) has the profile
    assessed again on that date, so a brief never mixes two days. With `workshop`, the brief
    ends with the appendix "Where the team disagreed".

    The brief is written in `language` when given (a Spanish consultant can send an English
    brief), else in the current language; the pack's texts stay in the language it was loaded in.
    """
    if language is not None:
        with _language(language):
            return build_brief(
                profile, assessment, pack, role, prepared_on=prepared_on, workshop=workshop
            )
    if assessment.plan is None or (prepared_on is not None and assessment.as_of != prepared_on):
        assessment = evaluate(profile, pack, as_of=prepared_on or assessment.as_of)
    assert assessment.as_of is not None  # evaluate always dates the assessment
    if role is None:
        role = draft_role(profile, assessment, pack)
    templates = templates_for(pack, str(profile.business_model))[0]
    context = BriefContext(profile, assessment, pack, role)
    sections = build_sections(context, templates)
    if workshop is not None:
        extra = workshop_section(workshop, len(sections) + 1, assessment.verdict.value)
        sections = (*sections, extra)
    return Brief(
        title=wording.fill_template(templates.brief.title, role_fill(pack, profile)),
        subtitle=templates.brief.subtitle,
        company=profile.company,
        prepared_on=assessment.as_of,
        verdict=assessment.verdict.value,
        verdict_label=assessment.verdict_label,
        score=assessment.score,
        headline=assessment.headline,
        role_title=role.title,
        readiness=wording.capitalised(assessment.readiness),
        cover_facts=cover_facts(context),
        # Translators: {name} and {version} are the rule pack's; {digest} its fingerprint.
        pack_line=_(
            "{name} {version} · rules digest {digest}",
            name=pack.name,
            version=pack.version,
            digest=pack.digest,
        ),
        sections=sections,
        assessment=assessment,
        role=role,
        pack=pack,
        workshop=workshop,
    )


def cover_facts(brief: BriefContext) -> tuple[tuple[str, str], ...]:
    """The cover's facts: the verdict, its readiness (never a score beside a gate), the role,
    the one date to act on, and the book."""
    a, role = brief.assessment, brief.role
    figures = {line.key: line.text for line in present.economics_lines(a)}
    return (
        (p_("cover", "Verdict"), a.verdict_label),
        (p_("cover", "Readiness"), wording.capitalised(a.readiness.removeprefix("readiness "))),
        (
            p_("cover", "Role"),
            # Translators: the role's title, for a role not to hire yet.
            role.title if role.hire_now else _("{role} (when due)", role=role.title),
        ),
        (p_("cover", "When"), present.when_line(a)),
        (p_("cover", "Active accounts"), number(brief.profile.active_accounts)),
        # Translators: {revenue} is the business model's word for its yearly revenue ("ARR").
        (_("Total {revenue}", revenue=present.revenue(a.economics)), figures["total_arr"]),
        (
            _("{revenue} at risk each year", revenue=present.revenue_label(a.economics)),
            figures["arr_at_risk"],
        ),
    )
