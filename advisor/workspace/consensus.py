"""A workshop's consensus kept as a case, and the brief and hiring kit of any saved case.

`save_consensus` stores the consensus of the workshop on a saved case as a new case of the same
client: the consensus profile (the case's facts with the team's answers), the case's role edits,
CRM import and rule pack, and the workshop it came from (`workshop.record`); the workshop case's
notes stay with it, as a new scenario's do unless asked for. It is then a case
like any other: History, Compare and `advisor history` show it, and its brief is the brief the
Workshop page gives, appendix included. The app and the CLI both go through here.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from advisor.engine import evaluate
from advisor.i18n import _
from advisor.profile import CompanyProfile, parse_profile, profile_to_dict, updated_profile
from advisor.workshop import Respondent, WorkshopResult, compare
from advisor.workshop.record import result_of, workshop_record
from advisor.workspace.model import Case, CaseDocument, CaseSummary, WorkspaceError

if TYPE_CHECKING:
    from advisor.brief import Brief
    from advisor.kit import KitInputs
    from advisor.pack import RulePack
    from advisor.role import RoleInputs
    from advisor.workspace.store import Workspace
    from advisor.workspace.workshops import Workshop


def workshop_result(ws: Workspace, case_id: int) -> WorkshopResult:
    """The results of the workshop on the saved case, from the answers given through its links.

    WorkspaceError when the case has no workshop or nobody answers in it yet.
    """
    case = ws.open_case(case_id)
    workshop = _workshop_of(ws, case)
    return _compare(case, workshop, ws.workshop_answers(case_id), ws.case_pack(case_id))


def _workshop_of(ws: Workspace, case: Case) -> Workshop:
    workshop = ws.workshop(case.summary.id)
    if workshop is None:
        raise WorkspaceError.single(
            _(
                "the case '{scenario}' has no workshop: start one on the app's Workshop page",
                scenario=case.summary.scenario,
            ),
            path="scenario",
        )
    return workshop


def _compare(
    case: Case, workshop: Workshop, respondents: list[Respondent], pack: RulePack
) -> WorkshopResult:
    if not respondents:
        raise WorkspaceError.single(
            _(
                "the workshop on '{scenario}' has no respondent yet: add them on the Workshop page",
                scenario=case.summary.scenario,
            ),
            path="scenario",
        )
    return compare(
        parse_profile(case.document.profile),
        respondents,
        pack,
        workshop.overrides,
        quorum=workshop.quorum,
        anonymous=workshop.anonymous,
    )


def save_consensus(ws: Workspace, case_id: int, scenario: str, *, as_of: dt.date) -> CaseSummary:
    """Keep the consensus of the workshop on `case_id` as the new case `scenario` of its client.

    All or nothing: WorkspaceError (the case's name taken, no workshop, no respondent, a role
    that may not save) leaves the workspace as it was.
    """
    case = ws.open_case(case_id)
    workshop = _workshop_of(ws, case)
    pack = ws.case_pack(case_id)
    respondents = ws.workshop_answers(case_id)
    result = _compare(case, workshop, respondents, pack)
    if not result.quorum_met:
        raise WorkspaceError.single(
            # Translators: {quorum} says how many answered and how many the quorum needs.
            _("the consensus is not kept yet: {quorum}", quorum=result.quorum_text()),
            path="scenario",
        )
    profile = updated_profile(result.consensus_profile, {"notes": None})
    document = CaseDocument(
        profile=profile_to_dict(profile),
        role_edits=case.document.role_edits,
        crm=case.document.crm,
        pack_digest=pack.digest,
        notes="",
        workshop=workshop_record(
            case.summary.scenario,
            result.base,
            respondents,
            workshop.overrides,
        ),
    )
    return ws.save_case(
        case.summary.client_id,
        scenario,
        document,
        evaluate(profile, pack, as_of=as_of),
        ws.case_pack_files(case_id),
    )


def case_workshop(
    profile: CompanyProfile, document: CaseDocument, pack: RulePack
) -> WorkshopResult | None:
    """The workshop a case was made from, for `profile` (the case as saved or as edited since);
    None for a case that was not made from a workshop's consensus."""
    if document.workshop is None:
        return None
    return result_of(profile, document.workshop, pack)


def case_brief(
    case: Case,
    pack: RulePack,
    prepared_on: dt.date | None = None,
    inputs: RoleInputs | None = None,
) -> Brief:
    """The brief of a saved case on its stored pack: its role edits, and for a consensus case
    the appendix on where the team disagreed."""
    from advisor.brief import prepare_brief

    document = case.document.with_one_notes()
    profile = parse_profile(document.profile)
    return prepare_brief(
        profile,
        pack,
        edits=document.role_edits,
        inputs=inputs,
        workshop=case_workshop(profile, document, pack),
        prepared_on=prepared_on,
    )


def case_kit(
    case: Case,
    pack: RulePack,
    prepared_on: dt.date | None = None,
    *,
    company: str | None = None,
    prepared_by: str = "",
    disclose: frozenset[str] = frozenset(),
    name_clients: bool = False,
) -> KitInputs:
    """The hiring kit's inputs of a saved case, as `case_brief` prepares its brief: its stored
    pack, its role edits, and for a consensus case the team's consensus."""
    from advisor.kit import prepare_kit

    document = case.document.with_one_notes()
    profile = parse_profile(document.profile)
    return prepare_kit(
        profile,
        pack,
        edits=document.role_edits,
        workshop=case_workshop(profile, document, pack),
        prepared_on=prepared_on,
        company=company,
        prepared_by=prepared_by,
        disclose=disclose,
        name_clients=name_clients,
    )
