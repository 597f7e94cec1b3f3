"""The consultant's workspace: clients, saved cases and their history in a SQL database."""

from advisor.workspace.model import (
    LOCAL_USER,
    Case,
    CaseDocument,
    CaseSummary,
    Client,
    DeletedClient,
    HistoryPoint,
    WorkspaceError,
)
from advisor.workspace.store import Workspace, database_url

__all__ = [
    "LOCAL_USER",
    "Case",
    "CaseDocument",
    "CaseSummary",
    "Client",
    "DeletedClient",
    "HistoryPoint",
    "Workspace",
    "WorkspaceError",
    "database_url",
]
