"""Consultants' accounts: sign-ins, clients claimed from before identities had an issuer, the
audit trail as its readers see it, and the operator's reassignment of one identity's clients."""

from __future__ import annotations

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from advisor.i18n import _
from advisor.workspace import audit
from advisor.workspace.audit import AuditEvent
from advisor.workspace.clients import authorised
from advisor.workspace.database import now
from advisor.workspace.identity import (
    EMAIL,
    LOCAL,
    Actor,
    claimable_legacy,
    principal,
)
from advisor.workspace.model import WorkspaceError
from advisor.workspace.roles import Action
from advisor.workspace.schema import client_shares, clients, consultants


def sign_in(
    connection: Connection, actor: Actor, issuer: str, subject: str, providers: int
) -> list[str]:
    """Record a sign-in; the clients it claimed from a legacy principal, by name."""
    if not actor.signed_in:
        raise WorkspaceError.single(_("'{user}' does not sign in", user=actor.key), path="user")
    stamp = now()
    email = actor.emails[0] if actor.emails else None
    known = connection.execute(
        select(consultants.c.principal).where(consultants.c.principal == actor.key)
    ).first()
    if known is None:
        connection.execute(
            insert(consultants).values(
                principal=actor.key,
                issuer=issuer,
                subject=subject,
                email=email,
                name=actor.name,
                first_seen=stamp,
                last_seen=stamp,
            )
        )
    else:
        connection.execute(
            update(consultants)
            .where(consultants.c.principal == actor.key)
            .values(email=email, name=actor.name, last_seen=stamp)
        )
    audit.record(connection, actor, audit.SIGN_IN, detail={"issuer": issuer, "email": email or ""})
    legacy = claimable_legacy(actor, providers)
    return _claim(connection, actor, legacy) if legacy else []


def _claim(connection: Connection, actor: Actor, legacy: str) -> list[str]:
    """Claim the legacy principal's clients; one whose name the actor already uses stays where
    it is (a sign-in never fails on it), named in the audit trail."""
    claimed, kept = _move(connection, actor, legacy, actor.key, skip_clashes=True)
    if claimed or kept:
        audit.record(
            connection,
            actor,
            audit.CLAIM,
            detail={"from": legacy, "clients": len(claimed), "not_claimed": kept},
        )
    return claimed


def _move(
    connection: Connection, actor: Actor, old: str, new: str, *, skip_clashes: bool = False
) -> tuple[list[str], list[str]]:
    """Give `new` every client and share of `old`: the names of the clients moved, and of those
    left because `new` already has a client of that name.

    Unless `skip_clashes`, such a clash refuses the whole move, both names given.
    """
    rows = list(
        connection.execute(
            select(clients.c.id, clients.c.name, clients.c.name_key, clients.c.owner).where(
                clients.c.owner == old
            )
        ).mappings()
    )
    taken = set(
        connection.execute(select(clients.c.name_key).where(clients.c.owner == new)).scalars()
    )
    clashes = sorted(row["name"] for row in rows if row["name_key"] in taken)
    if clashes and not skip_clashes:
        raise WorkspaceError.single(
            # Translators: {new} and {old} are identities; {names} the clashing clients' names.
            _(
                "{new} already has clients named {names}; rename one of each pair before moving "
                "{old}'s clients",
                new=new,
                old=old,
                names=", ".join(repr(n) for n in clashes),
            ),
            path="user",
        )
    rows = [row for row in rows if row["name_key"] not in taken]
    for row in rows:
        connection.execute(update(clients).where(clients.c.id == row["id"]).values(owner=new))
    shared = select(client_shares.c.client_id).where(client_shares.c.colleague == new)
    connection.execute(
        delete(client_shares).where(
            client_shares.c.colleague == old, client_shares.c.client_id.in_(shared)
        )
    )
    connection.execute(
        update(client_shares).where(client_shares.c.colleague == old).values(colleague=new)
    )
    # A client the new identity now owns is not also shared with it.
    owned = select(clients.c.id).where(clients.c.owner == new)
    connection.execute(
        delete(client_shares).where(
            client_shares.c.colleague == new, client_shares.c.client_id.in_(owned)
        )
    )
    for row in rows:
        audit.record(
            connection,
            actor,
            audit.REASSIGN,
            client={"id": row["id"], "name": row["name"], "owner": new},
            detail={"from": old, "to": new},
        )
    return [row["name"] for row in rows], clashes


def reassign(connection: Connection, actor: Actor, old: str, new: str) -> int:
    """Move one principal's clients and shares to another: the local operator's repair."""
    if actor.key != LOCAL:
        raise WorkspaceError.single(
            _("only the workspace's operator, on the command line, can reassign clients"),
            path="user",
        )
    source, target = principal(old, "from"), principal(new, "to")
    if LOCAL in (source, target) and source != target and target == LOCAL:
        raise WorkspaceError.single(
            _("clients cannot be moved to the local workspace of a shared database"), path="to"
        )
    if source == target:
        raise WorkspaceError.single(_("the two identities are the same"), path="to")
    return len(_move(connection, actor, source, target)[0])


def trail(connection: Connection, actor: Actor, client_id: int | None) -> list[AuditEvent]:
    if client_id is None:
        return audit.owner_trail(connection, actor)
    authorised(connection, actor, client_id, Action.READ_AUDIT)
    return audit.client_trail(connection, client_id)


def record_export(
    connection: Connection, actor: Actor, client_id: int, case_id: int | None, document: str
) -> None:
    row, _role = authorised(connection, actor, client_id, Action.EXPORT)
    audit.record(
        connection, actor, audit.EXPORT, client=row, case_id=case_id, detail={"document": document}
    )


def known_consultants(connection: Connection) -> list[tuple[str, str]]:
    query = select(consultants.c.principal, consultants.c.email, consultants.c.name)
    found = [
        (str(key), str(email or name or key.removeprefix(EMAIL)))
        for key, email, name in connection.execute(query)
    ]
    return sorted(found, key=lambda pair: (pair[1].casefold(), pair[0]))
