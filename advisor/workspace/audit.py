"""The audit trail: who did what, when, to which client; kept in the database and logged.

Each event is written in the same transaction as the change it records, so a change that
rolls back leaves no event, and one that lands always has its event. It names the actor's
principal, the action, the client (id and name as they were) and a small detail (a colleague
and role, a respondent's name, a document's format): never a client's figures. The client's
owner at the time is kept with it, because only they read the trail, also after a delete.
Every event is also one JSON line on the `advisor.audit` logger, once its change has committed.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, or_, select
from sqlalchemy.engine import Connection, RowMapping

from advisor.i18n import N_, _
from advisor.workspace.database import after_commit, now
from advisor.workspace.identity import Actor
from advisor.workspace.schema import audit_events

LOGGER = logging.getLogger("advisor.audit")

SIGN_IN = "sign_in"
CLAIM = "claim"
SHARE = "share"
UNSHARE = "unshare"
DELETE_CLIENT = "delete_client"
RESTORE_CLIENT = "restore_client"
DELETE_CASE = "delete_case"
WORKSHOP_OPEN = "workshop_open"
WORKSHOP_REOPEN = "workshop_reopen"
WORKSHOP_CLOSE = "workshop_close"
WORKSHOP_EXTEND = "workshop_extend"
WORKSHOP_SETTINGS = "workshop_settings"
LINK_ISSUED = "link_issued"
LINK_REVOKED = "link_revoked"
LINK_RESTORED = "link_restored"
EXPORT = "export"
REASSIGN = "reassign"
IMPORT = "import"
CALIBRATE = "calibrate"
UNCALIBRATE = "uncalibrate"
BRAND = "brand"
HEADLINE = "headline"

# How the trail words each action, for the app and the command line (translated where shown;
# the stored rows and the JSON keep the action's code).
ACTION_WORDS = {
    SIGN_IN: N_("signed in"),
    CLAIM: N_("claimed the clients recorded before identities had an issuer"),
    SHARE: N_("shared the client"),
    UNSHARE: N_("stopped sharing the client"),
    DELETE_CLIENT: N_("deleted the client"),
    RESTORE_CLIENT: N_("restored the deleted client"),
    DELETE_CASE: N_("deleted a case"),
    WORKSHOP_OPEN: N_("opened a workshop"),
    WORKSHOP_REOPEN: N_("reopened a workshop"),
    WORKSHOP_CLOSE: N_("closed a workshop"),
    WORKSHOP_EXTEND: N_("extended a workshop's links"),
    WORKSHOP_SETTINGS: N_("changed a workshop's quorum or anonymity"),
    LINK_ISSUED: N_("issued a respondent's link"),
    LINK_REVOKED: N_("revoked a respondent's link"),
    LINK_RESTORED: N_("restored a respondent's link"),
    EXPORT: N_("exported a document"),
    REASSIGN: N_("reassigned clients to another identity"),
    IMPORT: N_("imported a workspace export"),
    CALIBRATE: N_("saved a calibration of the rule pack"),
    UNCALIBRATE: N_("removed a calibration of the rule pack"),
    BRAND: N_("changed the consultancy's name or logo on the documents"),
    HEADLINE: N_("marked the headline case"),
}


@dataclass(frozen=True)
class AuditEvent:
    id: int
    at: str
    actor: str  # a principal
    action: str
    client_id: int | None
    client_name: str | None
    case_id: int | None
    detail: dict[str, Any]

    @property
    def words(self) -> str:
        """What happened, in the current language (an unknown action as it is stored)."""
        words = ACTION_WORDS.get(self.action)
        return self.action if words is None else _(words)


def record(
    connection: Connection,
    actor: Actor,
    action: str,
    *,
    client: RowMapping | dict[str, Any] | None = None,
    case_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Add one event to the trail (in the caller's transaction) and log it."""
    values = {
        "at": now(),
        "actor": actor.key,
        "action": action,
        "client_id": None if client is None else int(client["id"]),
        "client_name": None if client is None else str(client["name"]),
        "owner": None if client is None else str(client["owner"]),
        "case_id": case_id,
        "detail": dict(detail or {}),
    }
    connection.execute(insert(audit_events).values(**values))
    line = json.dumps(
        {"event": "audit", **{k: v for k, v in values.items() if k != "owner"}},
        ensure_ascii=False,
        sort_keys=True,
    )
    # Logged once the change has committed: a write that rolls back, or runs again after a
    # clash, logs nothing twice and nothing that never landed.
    after_commit(connection, lambda: LOGGER.info(line))


def _event(row: RowMapping) -> AuditEvent:
    return AuditEvent(
        id=row["id"],
        at=row["at"],
        actor=row["actor"],
        action=row["action"],
        client_id=row["client_id"],
        client_name=row["client_name"],
        case_id=row["case_id"],
        detail=dict(row["detail"] or {}),
    )


def client_trail(connection: Connection, client_id: int, limit: int = 500) -> list[AuditEvent]:
    """The client's events, newest first (the caller has checked the reader is its owner)."""
    query = (
        select(audit_events)
        .where(audit_events.c.client_id == client_id)
        .order_by(audit_events.c.at.desc(), audit_events.c.id.desc())
        .limit(limit)
    )
    return [_event(row) for row in connection.execute(query).mappings()]


def owner_trail(connection: Connection, actor: Actor, limit: int = 500) -> list[AuditEvent]:
    """Everything recorded about the actor's clients (deleted ones too) and their own
    sign-ins, newest first."""
    principals = list(actor.principals)
    query = (
        select(audit_events)
        .where(
            or_(
                audit_events.c.owner.in_(principals),
                (audit_events.c.actor == actor.key) & audit_events.c.client_id.is_(None),
            )
        )
        .order_by(audit_events.c.at.desc(), audit_events.c.id.desc())
        .limit(limit)
    )
    return [_event(row) for row in connection.execute(query).mappings()]
