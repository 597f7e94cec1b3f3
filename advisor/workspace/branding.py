"""The consultancy's name and logo kept in the workspace, for every document's cover.

One row (`branding`, key `firm`). Everyone who uses the workspace reads it; only its
administrators change it (`calibrations.is_admin`: a single-user workspace's own user, or an
identity `advisor workspace admins --add` named). A logo is checked and re-drawn by
`advisor.branding.checked_logo` before it is stored; a save is all or nothing and recorded in
the audit trail.
"""

from __future__ import annotations

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection

from advisor.branding import Branding, checked_logo, checked_name
from advisor.i18n import _
from advisor.workspace import audit
from advisor.workspace.calibrations import is_admin
from advisor.workspace.database import Database, now
from advisor.workspace.identity import Actor
from advisor.workspace.model import WorkspaceError
from advisor.workspace.schema import branding as branding_table

KEY = "firm"
KEEP = object()  # the logo argument that leaves the saved logo as it is


def read(connection: Connection) -> Branding:
    """The saved branding; an empty one when none was saved."""
    row = connection.execute(
        select(branding_table.c.name, branding_table.c.logo).where(branding_table.c.key == KEY)
    ).first()
    if row is None:
        return Branding()
    logo = None if row.logo is None else bytes(row.logo)
    return Branding(str(row.name), logo)


def save(
    connection: Connection,
    actor: Actor,
    name: str | None,
    logo: bytes | object | None = KEEP,
    logo_file: str = "logo",
) -> Branding:
    """Set the name (None: keep it) and the logo (bytes: check and keep it, None: remove it,
    KEEP: keep it; `logo_file` names it in a refusal); WorkspaceError for anyone but an administrator, DocumentError for a logo or
    name past its limits."""
    if not is_admin(connection, actor):
        raise WorkspaceError.single(
            # Translators: {user} is the person's name or e-mail address.
            _(
                "{user} is not an administrator of this workspace: only an administrator "
                "changes the consultancy's name and logo (the operator grants it with `advisor "
                "workspace admins --add IDENTITY`)",
                user=actor.label,
            ),
            path="branding",
        )
    before = read(connection)
    new_name = before.name if name is None else checked_name(name)
    if logo is KEEP:
        new_logo = before.logo
    elif logo is None:
        new_logo = None
    else:
        assert isinstance(logo, bytes)
        new_logo = checked_logo(logo, logo_file)
    connection.execute(delete(branding_table).where(branding_table.c.key == KEY))
    connection.execute(
        insert(branding_table).values(
            key=KEY, name=new_name, logo=new_logo, saved_by=actor.key, saved_at=now()
        )
    )
    detail = {"name": new_name != before.name, "logo": new_logo != before.logo}
    audit.record(connection, actor, audit.BRAND, detail=detail)
    return read(connection)


class BrandingStore:
    """One user's view of the workspace's branding: each call one transaction."""

    def __init__(self, database: Database, actor: Actor) -> None:
        self.database, self.actor = database, actor

    def read(self) -> Branding:
        """The saved name and logo (an empty Branding when none was saved)."""
        with self.database.reading() as connection:
            return read(connection)

    def save(
        self, name: str | None = None, logo: bytes | object | None = KEEP, logo_file: str = "logo"
    ) -> Branding:
        """Change the name and/or the logo (see `save`); what is kept afterwards."""
        return self.database.write(lambda c: save(c, self.actor, name, logo, logo_file))

    def administers(self) -> bool:
        """Whether this user may change the branding."""
        with self.database.reading() as connection:
            return is_admin(connection, self.actor)
