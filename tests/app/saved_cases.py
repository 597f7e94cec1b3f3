"""A throw-away workspace database for the app tests, and cases saved into it directly."""

from __future__ import annotations

from advisor.engine import evaluate
from advisor.pack import RulePack, load_pack
from advisor.pack.uploads import Documents, default_documents
from advisor.profile import CompanyProfile, profile_to_dict
from advisor.workspace.model import CaseDocument, CaseSummary, Client
from advisor.workspace.store import Workspace


def add_client(url: str, name: str) -> Client:
    with Workspace.open(url) as ws:
        return ws.add_client(name)


def save_case(
    url: str,
    client: Client,
    scenario: str,
    profile: CompanyProfile,
    *,
    pack: RulePack | None = None,
    documents: Documents | None = None,
    notes: str = "",
) -> CaseSummary:
    """Save `profile` as a case of `client`, assessed on `pack` (made of `documents`)."""
    used = pack or load_pack()
    files = documents if documents is not None else default_documents()
    document = CaseDocument(
        profile=profile_to_dict(profile),
        role_edits=None,
        crm=None,
        pack_digest=used.digest,
        notes=notes,
    )
    with Workspace.open(url) as ws:
        return ws.save_case(client.id, scenario, document, evaluate(profile, used), files)
