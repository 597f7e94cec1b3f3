"""`prepare_brief`: the one way the CLI, the app and the workshop page build a company's Brief."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from advisor.brief.build import build_brief
from advisor.engine import evaluate
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
) -> Brief:
    """The Brief for a company, with the role as drafted or as edited.

    With `workshop`, the brief is built on the team's consensus answers (the workshop's
    consensus profile and its assessment) and ends with the appendix on where they disagreed.
    """
    if workshop is not None:
        profile, assessment = workshop.consensus_profile, workshop.consensus
    assessment = assessment or evaluate(profile, pack)
    if role is None:
        role = draft_role(profile, assessment, pack, inputs=inputs, edits=edits)
    return build_brief(profile, assessment, pack, role, prepared_on=prepared_on, workshop=workshop)
