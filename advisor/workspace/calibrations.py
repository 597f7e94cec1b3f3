"""Calibrations kept in the workspace: the firm's rule pack, and a client's.

A firm tunes the shipped pack to its market once (the firm's pack) and, where a client differs,
for that client (the client's pack). Each is one row holding the pack's files, so what was
saved is exactly what is read back; a case saved on a calibrated pack keeps its own copy of
the pack as every case does. The firm's pack is changed by the workspace's administrators (a
single-user workspace's own user is one); a client's by its owner or a collaborator. Everyone
who may see a client may read its calibration, and every consultant the firm's.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection, RowMapping

from advisor.i18n import _
from advisor.workspace import audit
from advisor.workspace.clients import authorised, client_row, labels
from advisor.workspace.database import Database, now
from advisor.workspace.identity import Actor, principal
from advisor.workspace.model import WorkspaceError
from advisor.workspace.roles import Action
from advisor.workspace.schema import calibrations, workspace_admins

# The rule pack's reader is imported where a calibration is saved: opening the store loads none.
if TYPE_CHECKING:
    from advisor.pack.model import RulePack

FIRM = "firm"
Documents = list[tuple[str, bytes]]


@dataclass(frozen=True)
class Calibration:
    """A saved calibration: whose it is, the pack it makes and who saved it when."""

    scope: str  # "firm" or "client:ID"
    client_id: int | None
    pack_name: str
    pack_version: str
    pack_digest: str
    files: tuple[tuple[str, bytes], ...]
    saved_by: str  # a principal
    saved_by_label: str  # how people read it: the address they signed in with
    saved_at: str

    @property
    def documents(self) -> Documents:
        return list(self.files)


def client_scope(client_id: int) -> str:
    return f"client:{client_id}"


def _calibration(connection: Connection, row: RowMapping) -> Calibration:
    return Calibration(
        scope=row["scope"],
        client_id=row["client_id"],
        pack_name=row["pack_name"],
        pack_version=row["pack_version"],
        pack_digest=row["pack_digest"],
        files=tuple((str(name), str(text).encode("utf-8")) for name, text in row["files"]),
        saved_by=row["saved_by"],
        saved_by_label=labels(connection, [row["saved_by"]])[row["saved_by"]],
        saved_at=row["saved_at"],
    )


def is_admin(connection: Connection, actor: Actor) -> bool:
    """Whether the actor may change the firm's pack."""
    if actor.local:
        return True
    found = connection.execute(
        select(workspace_admins.c.principal).where(
            workspace_admins.c.principal.in_(actor.principals)
        )
    ).first()
    return found is not None


def _check_admin(connection: Connection, actor: Actor) -> None:
    if not is_admin(connection, actor):
        raise WorkspaceError.single(
            # Translators: {user} is the person's name or e-mail address.
            _(
                "{user} is not an administrator of this workspace: only an administrator "
                "changes the firm's pack (the operator grants it with `advisor workspace admins "
                "add IDENTITY`)",
                user=actor.label,
            ),
            path="calibration",
        )


def _checked(documents: Documents) -> tuple[RulePack, list[list[str]]]:
    """The pack the files make (refused with its problems when they do not make one)."""
    from advisor.pack.load import pack_from_documents

    pack = pack_from_documents(documents)
    try:
        files = [[PurePath(name).name, content.decode("utf-8")] for name, content in documents]
    except UnicodeDecodeError:  # pragma: no cover - the pack reader refuses such a file first
        raise WorkspaceError.single(
            _("a pack file is not UTF-8 text"), path="calibration"
        ) from None
    return pack, files


def _write(
    connection: Connection, actor: Actor, scope: str, client_id: int | None, documents: Documents
) -> Calibration:
    from advisor.pack.load import documents_digest

    pack, files = _checked(documents)
    connection.execute(delete(calibrations).where(calibrations.c.scope == scope))
    values = {
        "scope": scope,
        "client_id": client_id,
        "pack_name": pack.name,
        "pack_version": pack.version,
        "pack_digest": documents_digest([(str(n), t.encode("utf-8")) for n, t in files]),
        "files": files,
        "saved_by": actor.key,
        "saved_at": now(),
    }
    connection.execute(insert(calibrations).values(**values))
    row = connection.execute(select(calibrations).where(calibrations.c.scope == scope))
    return _calibration(connection, row.mappings().one())


def save_firm(connection: Connection, actor: Actor, documents: Documents) -> Calibration:
    """Make the documents the firm's pack (replacing the one before)."""
    _check_admin(connection, actor)
    saved = _write(connection, actor, FIRM, None, documents)
    audit.record(connection, actor, audit.CALIBRATE, detail={"scope": FIRM})
    return saved


def save_client(
    connection: Connection, actor: Actor, client_id: int, documents: Documents
) -> Calibration:
    """Make the documents the client's pack (replacing the one before)."""
    row, _role = authorised(connection, actor, client_id, Action.CALIBRATE)
    saved = _write(connection, actor, client_scope(client_id), client_id, documents)
    audit.record(connection, actor, audit.CALIBRATE, client=row, detail={"scope": "client"})
    return saved


def remove(connection: Connection, actor: Actor, client_id: int | None) -> bool:
    """Remove the firm's pack (client_id None) or the client's; False when there was none."""
    if client_id is None:
        _check_admin(connection, actor)
        scope, client = FIRM, None
    else:
        client, _role = authorised(connection, actor, client_id, Action.CALIBRATE)
        scope = client_scope(client_id)
    gone = connection.execute(delete(calibrations).where(calibrations.c.scope == scope)).rowcount
    if gone:
        audit.record(
            connection, actor, audit.UNCALIBRATE, client=client, detail={"scope": scope[:6]}
        )
    return bool(gone)


def read(connection: Connection, actor: Actor, client_id: int | None) -> Calibration | None:
    """The firm's pack (client_id None) or the client's, None when none is saved."""
    if client_id is None:
        scope = FIRM
    else:
        client_row(connection, actor, client_id)  # the same refusal as for an unknown client
        scope = client_scope(client_id)
    row = connection.execute(select(calibrations).where(calibrations.c.scope == scope))
    found = row.mappings().first()
    return None if found is None else _calibration(connection, found)


def admins(connection: Connection) -> list[tuple[str, str]]:
    """The workspace's administrators: (principal, granted at), by principal."""
    rows = connection.execute(
        select(workspace_admins.c.principal, workspace_admins.c.granted_at).order_by(
            workspace_admins.c.principal
        )
    )
    return [(str(key), str(at)) for key, at in rows]


def grant_admin(connection: Connection, identity: str) -> str:
    """Make an identity an administrator (the operator's step); its principal."""
    key = principal(identity, "administrator")
    if not connection.execute(
        select(workspace_admins.c.principal).where(workspace_admins.c.principal == key)
    ).first():
        connection.execute(insert(workspace_admins).values(principal=key, granted_at=now()))
    return key


def revoke_admin(connection: Connection, identity: str) -> bool:
    """Stop an identity administering the firm's pack; False when it did not."""
    key = principal(identity, "administrator")
    gone = connection.execute(
        delete(workspace_admins).where(workspace_admins.c.principal == key)
    ).rowcount
    return bool(gone)


class CalibrationStore:
    """One user's calibrations in one workspace: each call one transaction (`Workspace`'s)."""

    def __init__(self, database: Database, actor: Actor) -> None:
        self.database, self.actor = database, actor

    def read(self, client_id: int | None = None) -> Calibration | None:
        """The firm's pack (no client) or the client's; None when none is saved."""
        with self.database.reading() as connection:
            return read(connection, self.actor, client_id)

    def save(self, documents: Documents, client_id: int | None = None) -> Calibration:
        """Keep the pack's files as the firm's pack (no client) or the client's."""
        if client_id is None:
            return self.database.write(lambda c: save_firm(c, self.actor, documents))
        return self.database.write(lambda c: save_client(c, self.actor, client_id, documents))

    def remove(self, client_id: int | None = None) -> bool:
        """Remove the firm's pack (no client) or the client's; False when there was none."""
        return self.database.write(lambda c: remove(c, self.actor, client_id))

    def administers(self) -> bool:
        """Whether this user may change the firm's pack."""
        with self.database.reading() as connection:
            return is_admin(connection, self.actor)
