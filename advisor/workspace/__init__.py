"""The consultant's workspace: clients, saved cases and their history in a SQL database.

The records and the database's address come with the package; `Workspace` is loaded when first
asked for, so a module that only needs a record (the app's first page reads `LOCAL_USER`) does
not import SQLAlchemy with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from advisor.workspace.address import database_url
from advisor.workspace.model import (
    LOCAL_USER,
    Case,
    CaseDocument,
    CaseSummary,
    Client,
    DeletedClient,
    HistoryPoint,
    SavedCase,
    WorkspaceError,
)

if TYPE_CHECKING:
    from advisor.workspace.store import Workspace

__all__ = [
    "LOCAL_USER",
    "Case",
    "CaseDocument",
    "CaseSummary",
    "Client",
    "DeletedClient",
    "HistoryPoint",
    "SavedCase",
    "Workspace",
    "WorkspaceError",
    "database_url",
]


def __getattr__(name: str) -> Any:
    if name == "Workspace":
        from advisor.workspace.store import Workspace

        return Workspace
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
