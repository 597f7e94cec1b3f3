"""Build the whole Brief for one company, section by section, in the order a founder reads it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from advisor import wording
from advisor.brief import role_sections, verdict_sections
from advisor.brief.common import BriefContext
from advisor.brief.model import Block, Brief, Paragraph, Section
from advisor.brief.workshop_section import workshop_section
from advisor.engine import Assessment
from advisor.hire_by import compute_hire_by
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
    ("appendix", verdict_sections.appendix),
)


def build_sections(brief: BriefContext, templates: RoleTemplates) -> tuple[Section, ...]:
    """Every section that applies, numbered in order, each opened by its intro from the pack."""
    fill = {
        "company": brief.profile.company,
        "segment": wording.segment_label(brief.role.segment),
    }
    sections: list[Section] = []
    for key, build in SECTIONS:
        blocks = build(brief)
        if blocks is None:
            continue
        text = templates.brief.sections[key]
        intro = Paragraph(wording.fill_template(text.intro, fill))
        sections.append(Section(key, len(sections) + 1, text.title, (intro, *blocks)))
    return tuple(sections)


def build_brief(
    profile: CompanyProfile,
    assessment: Assessment,
    pack: RulePack,
    role: RoleDesign | None = None,
    *,
    prepared_on: dt.date | None = None,
    workshop: WorkshopResult | None = None,
) -> Brief:
    """The whole brief for one company; `role` defaults to the undedited draft.

    With `workshop`, the brief ends with the appendix "Where the team disagreed".
    """
    if role is None:
        role = draft_role(profile, assessment, pack)
    templates, _, _ = templates_for(pack)
    prepared_on = prepared_on or dt.date.today()
    # The brief's date is the hire-by's as-of date, so a dated brief never moves with the clock.
    hire_by = compute_hire_by(profile, pack, prepared_on)
    context = BriefContext(profile, assessment, pack, role, hire_by)
    sections = build_sections(context, templates)
    if workshop is not None:
        extra = workshop_section(workshop, len(sections) + 1, assessment.verdict.value)
        sections = (*sections, extra)
    economics = assessment.economics
    cover_facts = (
        ("Verdict", assessment.verdict_label),
        ("Readiness", assessment.readiness.removeprefix("readiness ")),
        ("Role", role.title if role.hire_now else f"{role.title} (when due)"),
        ("Active accounts", f"{profile.active_accounts:,}"),
        ("Total ARR", wording.money(economics.total_arr, profile.currency)),
        ("ARR at risk each year", wording.money(economics.arr_at_risk, profile.currency)),
    )
    return Brief(
        title=templates.brief.title,
        subtitle=templates.brief.subtitle,
        company=profile.company,
        prepared_on=prepared_on,
        verdict=assessment.verdict.value,
        verdict_label=assessment.verdict_label,
        score=assessment.score,
        headline=assessment.headline,
        role_title=role.title,
        readiness=wording.capitalised(assessment.readiness),
        cover_facts=cover_facts,
        pack_line=f"{pack.name} {pack.version} · rules digest {pack.digest}",
        sections=sections,
        assessment=assessment,
        role=role,
        pack=pack,
        hire_by=hire_by,
        workshop=workshop,
    )
