"""Prepare a brief from a profile: assess it on the brief's date, draft the role, build the brief.

The one entry the CLI, the app's downloads and the workshop share, so a file from any of them is
the same document for the same inputs, edits and date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from advisor.brief.build import build_brief
from advisor.engine import evaluate
from advisor.i18n import language as _language
from advisor.role import draft_role

if TYPE_CHECKING:
    from advisor.brief.model import Brief
    from advisor.engine import Assessment
    from advisor.pack import RulePack
    from advisor.profile import CompanyProfile
    from advisor.role import RoleDesign, RoleEdits, RoleInputs
    from advisor.workshop import WorkshopResult


def prepare_brief(
    profile: CompanyProfile,
    pack: RulePack,
    *,
    assessment: Assessment | None = None,
    role: RoleDesign | None = None,
    edits: Mapping[str, Any] | RoleEdits | None = None,
    inputs: RoleInputs | None = None,
    prepared_on: dt.date | None = None,
    workshop: WorkshopResult | None = None,
    language: str | None = None,
) -> Brief:
    """The Brief for a company, with the role as drafted or as edited, dated `prepared_on`
    (today when None: the assessment takes the date once, and the brief carries it).

    The case is assessed on the brief's date, so every date in the brief counts from it. With
    `workshop`, the brief is built on the team's consensus answers (the workshop's consensus
    profile) and ends with the appendix on where they disagreed.

    With `language`, the brief (and the role drafted for it) is written in that language
    whatever the current one is. The shipped pack read in another language is read again in the
    brief's (`pack_in_language`), and the case assessed on it; an uploaded or calibrated pack
    keeps the words it was read with.
    """
    if language is not None:
        with _language(language):
            return prepare_brief(
                profile,
                pack,
                assessment=assessment,
                role=role,
                edits=edits,
                inputs=inputs,
                prepared_on=prepared_on,
                workshop=workshop,
            )
    spoken = pack_in_language(pack)
    if spoken is not pack:
        pack, assessment = spoken, None
    if workshop is not None:
        profile, assessment = workshop.consensus_profile, workshop.consensus
    if assessment is None or not dated_on(assessment, prepared_on):
        assessment = evaluate(profile, pack, as_of=prepared_on)
    if role is None:
        role = draft_role(profile, assessment, pack, inputs=inputs, edits=edits)
    return build_brief(
        profile, assessment, pack, role, prepared_on=assessment.as_of, workshop=workshop
    )


def pack_in_language(pack: RulePack) -> RulePack:
    """The pack with its texts in the current language: the shipped pack read in another
    language is read again (its files are the product's); any other pack is returned as it is."""
    from advisor.i18n import current
    from advisor.pack import load_pack

    code = current()
    if pack.language == code:
        return pack
    if load_pack(language=pack.language).digest != pack.digest:
        return pack  # an uploaded or calibrated pack: its files are not at hand
    return load_pack(language=code)


def dated_on(assessment: Assessment, day: dt.date | None) -> bool:
    """Whether the assessment has its dates, counted from `day` (from any day when None)."""
    return assessment.plan is not None and (day is None or assessment.as_of == day)
