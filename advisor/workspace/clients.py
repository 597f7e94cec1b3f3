"""Client queries, each scoped to the acting user: their own clients and those shared with them.

Only a client's owner may rename, archive, share or delete it; a colleague it is shared with
sees it and its cases and may save cases into it. An id the user may not see is reported like
an id that does not exist, so ids reveal nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, delete, func, insert, or_, select, update
from sqlalchemy.engine import Connection, RowMapping

from advisor.problems import suggest
from advisor.workspace.database import now
from advisor.workspace.model import Client, DeletedClient, WorkspaceError
from advisor.workspace.names import clean_name, clean_user, name_key
from advisor.workspace.schema import cases, client_shares, clients, history


def visible(user: str) -> ColumnElement[bool]:
    """The clients `user` may see: owned, or shared with them."""
    shared = select(client_shares.c.client_id).where(client_shares.c.colleague == user)
    return or_(clients.c.owner == user, clients.c.id.in_(shared))


def unknown_client(client_id: int) -> WorkspaceError:
    return WorkspaceError.single(f"no client with id {client_id} in this workspace", path="client")


def client_row(connection: Connection, user: str, client_id: int) -> RowMapping:
    """The client's row, or the same refusal whether it does not exist or is not the user's."""
    row = (
        connection.execute(select(clients).where(clients.c.id == client_id, visible(user)))
        .mappings()
        .first()
    )
    if row is None:
        raise unknown_client(client_id)
    return row


def owned_row(connection: Connection, user: str, client_id: int, action: str) -> RowMapping:
    row = client_row(connection, user, client_id)
    if row["owner"] != user:
        raise WorkspaceError.single(
            f"client '{row['name']}' belongs to {row['owner']}, who shared it with you; only "
            f"they can {action} it",
            path="client",
        )
    return row


def list_clients(
    connection: Connection,
    user: str,
    *,
    search: str = "",
    include_archived: bool = False,
    only: Iterable[int] | None = None,
) -> list[Client]:
    query = select(clients).where(visible(user))
    if not include_archived:
        query = query.where(clients.c.archived.is_(False))
    if only is not None:
        query = query.where(clients.c.id.in_(list(only)))
    rows = list(connection.execute(query).mappings())
    # Folded in Python, not SQL: SQLite's LIKE folds ASCII letters only ("Ölwerk").
    wanted = search.strip().casefold()
    rows = [row for row in rows if wanted in row["name"].casefold()]
    ids = [row["id"] for row in rows]
    counts, latest, shares = (
        _counts(connection, ids),
        _latest(connection, ids),
        _shares(connection, ids),
    )
    found = [
        _client(row, counts.get(row["id"], 0), latest.get(row["id"]), shares.get(row["id"], ()))
        for row in rows
    ]
    return sorted(found, key=lambda client: (client.name.casefold(), client.id))


def one_client(connection: Connection, user: str, client_id: int) -> Client:
    found = list_clients(connection, user, include_archived=True, only=[client_id])
    if not found:
        raise unknown_client(client_id)
    return found[0]


def _client(
    row: RowMapping, count: int, latest: RowMapping | None, shares: tuple[str, ...]
) -> Client:
    return Client(
        id=row["id"],
        name=row["name"],
        owner=row["owner"],
        archived=bool(row["archived"]),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        case_count=count,
        latest_verdict=None if latest is None else latest["verdict"],
        latest_score=None if latest is None else float(latest["score"]),
        latest_at=None if latest is None else latest["saved_at"],
        shared_with=shares,
    )


def _counts(connection: Connection, ids: list[int]) -> dict[int, int]:
    if not ids:
        return {}
    query = (
        select(cases.c.client_id, func.count())
        .where(cases.c.client_id.in_(ids))
        .group_by(cases.c.client_id)
    )
    return {int(client_id): int(count) for client_id, count in connection.execute(query)}


def _latest(connection: Connection, ids: list[int]) -> dict[int, RowMapping]:
    if not ids:
        return {}
    ranked = (
        select(
            history.c.client_id,
            history.c.verdict,
            history.c.score,
            history.c.saved_at,
            func.row_number()
            .over(
                partition_by=history.c.client_id,
                order_by=(history.c.saved_at.desc(), history.c.id.desc()),
            )
            .label("rank"),
        )
        .where(history.c.client_id.in_(ids))
        .subquery()
    )
    rows = connection.execute(select(ranked).where(ranked.c.rank == 1)).mappings()
    return {int(row["client_id"]): row for row in rows}


def _shares(connection: Connection, ids: list[int]) -> dict[int, tuple[str, ...]]:
    if not ids:
        return {}
    query = (
        select(client_shares.c.client_id, client_shares.c.colleague)
        .where(client_shares.c.client_id.in_(ids))
        .order_by(client_shares.c.colleague)
    )
    found: dict[int, list[str]] = {}
    for client_id, colleague in connection.execute(query):
        found.setdefault(int(client_id), []).append(str(colleague))
    return {key: tuple(value) for key, value in found.items()}


def find_client(connection: Connection, user: str, name: str) -> Client:
    """The client named `name` in any case, the user's own first; did-you-mean otherwise."""
    wanted = name_key(name)
    rows = list(
        connection.execute(
            select(clients.c.id, clients.c.name, clients.c.name_key, clients.c.owner).where(
                visible(user)
            )
        ).mappings()
    )
    matches = sorted(
        (row for row in rows if row["name_key"] == wanted),
        key=lambda row: (row["owner"] != user, row["id"]),
    )
    if matches:
        return one_client(connection, user, matches[0]["id"])
    known = sorted({row["name"] for row in rows})
    raise WorkspaceError.single(
        f"no client named '{name.strip()}'"
        + (
            suggest(name.strip(), known, ignore_case=True) if known else " (the workspace has none)"
        ),
        path="client",
    )


def name_taken(name: str) -> str:
    return f"you already have a client named '{name}'; pick another name"


def check_free(connection: Connection, user: str, name: str, *, besides: int = 0) -> None:
    query = select(clients.c.name).where(
        clients.c.owner == user, clients.c.name_key == name_key(name), clients.c.id != besides
    )
    existing = connection.execute(query).scalar()
    if existing is not None:
        raise WorkspaceError.single(name_taken(str(existing)), path="client")


def add_client(connection: Connection, user: str, name: str) -> int:
    name = clean_name(name, "client")
    check_free(connection, user, name)
    stamp = now()
    result = connection.execute(
        insert(clients)
        .values(
            name=name,
            name_key=name_key(name),
            owner=user,
            archived=False,
            created_at=stamp,
            updated_at=stamp,
        )
        .returning(clients.c.id)
    )
    return int(result.scalar_one())


def rename_client(connection: Connection, user: str, client_id: int, name: str) -> None:
    name = clean_name(name, "client")
    owned_row(connection, user, client_id, "rename")
    check_free(connection, user, name, besides=client_id)
    connection.execute(
        update(clients)
        .where(clients.c.id == client_id)
        .values(name=name, name_key=name_key(name), updated_at=now())
    )


def archive_client(connection: Connection, user: str, client_id: int, archived: bool) -> None:
    owned_row(connection, user, client_id, "archive")
    connection.execute(
        update(clients).where(clients.c.id == client_id).values(archived=archived, updated_at=now())
    )


def share_client(connection: Connection, user: str, client_id: int, colleague: str) -> None:
    colleague = clean_user(colleague, "colleague")
    owned_row(connection, user, client_id, "share")
    if colleague == user:
        raise WorkspaceError.single("a client cannot be shared with its owner", path="colleague")
    exists = connection.execute(
        select(client_shares.c.colleague).where(
            client_shares.c.client_id == client_id, client_shares.c.colleague == colleague
        )
    ).first()
    if exists is None:
        connection.execute(
            insert(client_shares).values(client_id=client_id, colleague=colleague, shared_at=now())
        )


def unshare_client(connection: Connection, user: str, client_id: int, colleague: str) -> None:
    colleague = clean_user(colleague, "colleague")
    owned_row(connection, user, client_id, "unshare")
    connection.execute(
        delete(client_shares).where(
            client_shares.c.client_id == client_id, client_shares.c.colleague == colleague
        )
    )


def _rows(connection: Connection, table: Any, client_id: int) -> tuple[dict[str, Any], ...]:
    query = select(table).where(table.c.client_id == client_id).order_by(*table.primary_key)
    return tuple(dict(row) for row in connection.execute(query).mappings())


def delete_client(connection: Connection, user: str, client_id: int) -> DeletedClient:
    """Remove the client with its shares, cases and history; the value puts them back."""
    row = owned_row(connection, user, client_id, "delete")
    deleted = DeletedClient(
        client=dict(row),
        shares=_rows(connection, client_shares, client_id),
        cases=_rows(connection, cases, client_id),
        history=_rows(connection, history, client_id),
    )
    for table in (history, cases, client_shares):
        connection.execute(delete(table).where(table.c.client_id == client_id))
    connection.execute(delete(clients).where(clients.c.id == client_id))
    return deleted


def restore_client(connection: Connection, user: str, deleted: DeletedClient) -> int:
    """Put a deleted client back with the same ids; refused when its name was taken since."""
    if deleted.client["owner"] != user:
        raise WorkspaceError.single(
            f"client '{deleted.name}' was deleted by {deleted.client['owner']}; only they can "
            "restore it",
            path="client",
        )
    client_id = int(deleted.client["id"])
    if connection.execute(select(clients.c.id).where(clients.c.id == client_id)).first():
        raise WorkspaceError.single(f"client '{deleted.name}' is already back", path="client")
    check_free(connection, user, deleted.name)
    connection.execute(insert(clients).values(**deleted.client))
    for table, rows in (
        (client_shares, deleted.shares),
        (cases, deleted.cases),
        (history, deleted.history),
    ):
        if rows:
            connection.execute(insert(table), [dict(row) for row in rows])
    return client_id
