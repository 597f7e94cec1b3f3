"""Client queries, each scoped to the acting user: their own clients and those shared with them.

The actor is matched by every principal that means them (`identity.Actor.principals`). What
each role may do is `roles.ALLOWED`; every query that changes a client checks it through
`authorised`. An id the user may not see is reported like an id that does not exist, so ids
reveal nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, Select, delete, func, insert, or_, select, update
from sqlalchemy.engine import Connection, RowMapping

from advisor.i18n import _
from advisor.problems import suggest
from advisor.workspace import audit
from advisor.workspace.database import now
from advisor.workspace.headline import headline_case_id
from advisor.workspace.identity import LINK, LOCAL, Actor, principal, principal_label
from advisor.workspace.model import Client, DeletedClient, Headline, Share, WorkspaceError
from advisor.workspace.names import clean_name, name_key
from advisor.workspace.roles import (
    COLLABORATOR,
    OWNER,
    VIEWER,
    Action,
    can,
    check_share_role,
    refusal,
)
from advisor.workspace.schema import (
    calibrations,
    cases,
    client_shares,
    clients,
    consultants,
    history,
    pack_files,
    packs,
    workshop_answers,
    workshop_respondents,
    workshops,
)


def visible(actor: Actor) -> ColumnElement[bool]:
    """The clients `actor` may see: owned, or shared with them."""
    principals = list(actor.principals)
    shared = select(client_shares.c.client_id).where(client_shares.c.colleague.in_(principals))
    return or_(clients.c.owner.in_(principals), clients.c.id.in_(shared))


def role_of(connection: Connection, actor: Actor, row: RowMapping) -> str | None:
    """The actor's role on the client of `row`: owner, collaborator, viewer, or None."""
    if row["owner"] in actor.principals:
        return OWNER
    roles = set(
        connection.execute(
            select(client_shares.c.role).where(
                client_shares.c.client_id == row["id"],
                client_shares.c.colleague.in_(list(actor.principals)),
            )
        ).scalars()
    )
    if COLLABORATOR in roles:
        return COLLABORATOR
    return VIEWER if roles else None


def labels(connection: Connection, keys: Iterable[str]) -> dict[str, str]:
    """How people read each principal: the address or name the consultant signed in with."""
    wanted = sorted(set(keys))
    found = {key: principal_label(key) for key in wanted}
    if not wanted:
        return found
    query = select(consultants.c.principal, consultants.c.email, consultants.c.name).where(
        consultants.c.principal.in_(wanted)
    )
    for key, email, name in connection.execute(query):
        found[str(key)] = str(email or name or found[str(key)])
    return found


def authorised(
    connection: Connection, actor: Actor, client_id: int, action: Action
) -> tuple[RowMapping, str]:
    """The client's row and the actor's role, once the role allows `action`; refused otherwise."""
    row = client_row(connection, actor, client_id)
    role = role_of(connection, actor, row)
    if not can(role, action):
        owner = labels(connection, [row["owner"]])[row["owner"]]
        raise refusal(action, role or VIEWER, row["name"], owner)
    assert role is not None  # can() is False without a role
    return row, role


def unknown_client(client_id: int) -> WorkspaceError:
    return WorkspaceError.single(
        _("no client with id {id} in this workspace", id=client_id), path="client"
    )


def client_row(connection: Connection, actor: Actor, client_id: int) -> RowMapping:
    """The client's row, or the same refusal whether it does not exist or is not the user's."""
    row = (
        connection.execute(select(clients).where(clients.c.id == client_id, visible(actor)))
        .mappings()
        .first()
    )
    if row is None:
        raise unknown_client(client_id)
    return row


def list_clients(
    connection: Connection,
    actor: Actor,
    *,
    search: str = "",
    include_archived: bool = False,
    only: Iterable[int] | None = None,
) -> list[Client]:
    """The clients `actor` sees, by name, each with its case count, latest saved verdict and
    headline case.

    One query reads the clients with those figures (`listing_query`): each client's count from
    the cases index, its newest history point from `history_client_latest`, a walk back of that
    index from the client, and its headline case from `cases_headline`, so the time follows
    the number of clients, never the number of saves.
    """
    chosen = _chosen(actor, include_archived, only)
    rows = list(connection.execute(listing_query(chosen)).mappings())
    # Folded in Python, not SQL: SQLite's LIKE folds ASCII letters only ("Ölwerk").
    wanted = search.strip().casefold()
    rows = [row for row in rows if wanted in row["name"].casefold()]
    shares = _shares(connection, chosen) if rows else {}
    named = labels(
        connection,
        [row["owner"] for row in rows]
        + [colleague for found in shares.values() for colleague, _ in found],
    )
    principals = actor.principals  # built once, not once a row
    found = [
        _client(
            row,
            tuple(Share(key, named[key], role) for key, role in shares.get(row["id"], ())),
            _role(principals, row, shares.get(row["id"], ())),
            named[row["owner"]],
        )
        for row in rows
    ]
    return sorted(found, key=lambda client: (client.name.casefold(), client.id))


def listing_query(chosen: list[ColumnElement[bool]]) -> Select[Any]:
    """The one query of the client listing: each chosen client with its case count, its newest
    history point and its headline case (`headline.headline_case_id`).

    The clients and those figures are materialised first, so each client's headline id is
    found once; the headline's columns are then read from the covering index `cases_headline`
    (client, id, then the columns listed), never from the case rows, whose JSON runs to tens
    of kilobytes. `+ 0` keeps SQLite from reaching for the rows by primary key instead.
    """
    latest = (
        select(history.c.client_id)
        .where(history.c.client_id == clients.c.id)
        .order_by(history.c.saved_at.desc(), history.c.id.desc())
        .limit(1)
    )
    listed = (
        select(
            clients,
            select(func.count())
            .select_from(cases)
            .where(cases.c.client_id == clients.c.id)
            .scalar_subquery()
            .label("case_count"),
            *(
                latest.with_only_columns(column).scalar_subquery().label(f"latest_{column.name}")
                for column in (history.c.verdict, history.c.score, history.c.saved_at)
            ),
            headline_case_id().label("head_case_id"),
        )
        .where(*chosen)
        .cte("listed")
        .prefix_with("MATERIALIZED")
    )
    head = cases.alias("headline")
    return select(
        listed, *(getattr(head.c, name).label(f"head_{name}") for name in HEAD_COLUMNS)
    ).select_from(
        listed.outerjoin(
            head, (head.c.client_id == listed.c.id) & (head.c.id + 0 == listed.c.head_case_id)
        )
    )


HEAD_COLUMNS = ("id", "scenario", "verdict", "score", "saved_at", "hire_by", "sector", "country")


def _headline(row: RowMapping) -> Headline | None:
    if row["head_id"] is None:
        return None
    return Headline(
        case_id=int(row["head_id"]),
        scenario=str(row["head_scenario"]),
        verdict=str(row["head_verdict"]),
        score=float(row["head_score"]),
        saved_at=str(row["head_saved_at"]),
        marked=row["headline_case_id"] == row["head_id"],
        hire_by=row["head_hire_by"],
        sector=row["head_sector"],
        country=row["head_country"],
    )


def _chosen(
    actor: Actor, include_archived: bool, only: Iterable[int] | None
) -> list[ColumnElement[bool]]:
    """Which clients a listing reads: those the actor sees, less the archived ones unless
    asked, and only the ids in `only` when given."""
    conditions = [visible(actor)]
    if not include_archived:
        conditions.append(clients.c.archived.is_(False))
    if only is not None:
        conditions.append(clients.c.id.in_(list(only)))
    return conditions


def client_choices(
    connection: Connection, actor: Actor, *, include_archived: bool = True
) -> list[tuple[int, str]]:
    """The id and name of each client the actor sees, by name: a picker's list, nothing more."""
    query = select(clients.c.id, clients.c.name).where(*_chosen(actor, include_archived, None))
    rows = [(int(client_id), str(name)) for client_id, name in connection.execute(query)]
    return sorted(rows, key=lambda row: (row[1].casefold(), row[0]))


def _role(principals: tuple[str, ...], row: RowMapping, shares: tuple[tuple[str, str], ...]) -> str:
    if row["owner"] in principals:
        return OWNER
    roles = {role for colleague, role in shares if colleague in principals}
    return COLLABORATOR if COLLABORATOR in roles else VIEWER


def one_client(connection: Connection, actor: Actor, client_id: int) -> Client:
    found = list_clients(connection, actor, include_archived=True, only=[client_id])
    if not found:
        raise unknown_client(client_id)
    return found[0]


def _client(
    row: RowMapping,
    shares: tuple[Share, ...],
    role: str,
    owner_label: str,
) -> Client:
    score = row["latest_score"]
    return Client(
        id=row["id"],
        name=row["name"],
        owner=row["owner"],
        archived=bool(row["archived"]),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        case_count=int(row["case_count"]),
        latest_verdict=row["latest_verdict"],
        latest_score=None if score is None else float(score),
        latest_at=row["latest_saved_at"],
        shared_with=shares,
        role=role,
        owner_label=owner_label,
        headline=_headline(row),
    )


def _shares(
    connection: Connection, chosen: list[ColumnElement[bool]]
) -> dict[int, tuple[tuple[str, str], ...]]:
    """Each listed client's (colleague, role) pairs, by colleague."""
    query = (
        select(client_shares.c.client_id, client_shares.c.colleague, client_shares.c.role)
        .where(client_shares.c.client_id.in_(select(clients.c.id).where(*chosen)))
        .order_by(client_shares.c.colleague)
    )
    found: dict[int, list[tuple[str, str]]] = {}
    for client_id, colleague, role in connection.execute(query):
        found.setdefault(int(client_id), []).append((str(colleague), str(role)))
    return {key: tuple(value) for key, value in found.items()}


def find_client(connection: Connection, actor: Actor, name: str) -> Client:
    """The client named `name` in any case, the user's own first; did-you-mean otherwise."""
    wanted = name_key(name)
    rows = list(
        connection.execute(
            select(clients.c.id, clients.c.name, clients.c.name_key, clients.c.owner).where(
                visible(actor)
            )
        ).mappings()
    )
    matches = sorted(
        (row for row in rows if row["name_key"] == wanted),
        key=lambda row: (row["owner"] not in actor.principals, row["id"]),
    )
    if matches:
        return one_client(connection, actor, matches[0]["id"])
    known = sorted({row["name"] for row in rows})
    message = (
        # Translators: {suggestion} is " (did you mean '…'?)" or nothing.
        _(
            "no client named '{name}'{suggestion}",
            name=name.strip(),
            suggestion=suggest(name.strip(), known, ignore_case=True),
        )
        if known
        else _("no client named '{name}' (the workspace has none)", name=name.strip())
    )
    raise WorkspaceError.single(message, path="client")


def name_taken(name: str) -> str:
    return _("you already have a client named '{name}'; pick another name", name=name)


def check_free(connection: Connection, actor: Actor, name: str, *, besides: int = 0) -> None:
    query = select(clients.c.name).where(
        clients.c.owner.in_(list(actor.principals)),
        clients.c.name_key == name_key(name),
        clients.c.id != besides,
    )
    existing = connection.execute(query).scalar()
    if existing is not None:
        raise WorkspaceError.single(name_taken(str(existing)), path="client")


def add_client(connection: Connection, actor: Actor, name: str) -> int:
    name = clean_name(name, "client")
    refuse_link(actor)
    check_free(connection, actor, name)
    return _insert_client(connection, actor, name)


def refuse_link(actor: Actor) -> None:
    if actor.key == LINK:
        raise WorkspaceError.single(_("a respondent's link cannot add clients"), path="client")


def client_for_name(
    connection: Connection, actor: Actor, name: str, *, near_miss: str = ""
) -> tuple[int, str, bool]:
    """The id and name of the client named `name` in any case (the actor's own first, else one
    shared with them), or of a new one the actor owns; and whether it was created.

    Call it inside the write transaction: one query decides, so a client a concurrent writer
    added since is found, never refused as taken. Two writers creating the same name at once
    clash on the unique (owner, name) key; `Database.write` runs the loser again, and it finds
    the winner's client. With `near_miss`, a name close to an existing client's (but not equal
    to it in any case) is refused with a did-you-mean followed by `near_miss` (what to do to
    mean it), so a typo cannot split a client in two.
    """
    name = clean_name(name, "client")
    refuse_link(actor)
    rows = list(
        connection.execute(
            select(clients.c.id, clients.c.name, clients.c.name_key, clients.c.owner).where(
                visible(actor)
            )
        ).mappings()
    )
    wanted = name_key(name)
    matches = sorted(
        (row for row in rows if row["name_key"] == wanted),
        key=lambda row: (row["owner"] not in actor.principals, row["id"]),
    )
    if matches:
        return int(matches[0]["id"]), str(matches[0]["name"]), False
    close = suggest(name, sorted({row["name"] for row in rows}), ignore_case=True)
    if near_miss and close:
        # Translators: {suggestion} is " (did you mean '…'?)"; {advice} says what to do to
        # mean the name as typed.
        raise WorkspaceError.single(
            _(
                "no client named '{name}'{suggestion}; {advice}",
                name=name,
                suggestion=close,
                advice=near_miss,
            ),
            path="client",
        )
    return _insert_client(connection, actor, name), name, True


def _insert_client(connection: Connection, actor: Actor, name: str) -> int:
    stamp = now()
    result = connection.execute(
        insert(clients)
        .values(
            name=name,
            name_key=name_key(name),
            owner=actor.key,
            archived=False,
            created_at=stamp,
            updated_at=stamp,
        )
        .returning(clients.c.id)
    )
    return int(result.scalar_one())


def rename_client(connection: Connection, actor: Actor, client_id: int, name: str) -> None:
    name = clean_name(name, "client")
    authorised(connection, actor, client_id, Action.RENAME_CLIENT)
    check_free(connection, actor, name, besides=client_id)
    connection.execute(
        update(clients)
        .where(clients.c.id == client_id)
        .values(name=name, name_key=name_key(name), updated_at=now())
    )


def archive_client(connection: Connection, actor: Actor, client_id: int, archived: bool) -> None:
    authorised(connection, actor, client_id, Action.ARCHIVE_CLIENT)
    connection.execute(
        update(clients).where(clients.c.id == client_id).values(archived=archived, updated_at=now())
    )


def share_client(
    connection: Connection, actor: Actor, client_id: int, colleague: str, role: str = COLLABORATOR
) -> str:
    """Share the client with a colleague in a role (or change their role); their principal."""
    role = check_share_role(role)
    key = principal(colleague, "colleague")
    row, _role = authorised(connection, actor, client_id, Action.SHARE_CLIENT)
    if key in (LOCAL, LINK):
        raise WorkspaceError.single(
            _(
                "'{colleague}' is not a colleague: share with their sign-in e-mail address",
                colleague=colleague.strip(),
            ),
            path="colleague",
        )
    if key in actor.principals or key == row["owner"]:
        raise WorkspaceError.single(_("a client cannot be shared with its owner"), path="colleague")
    where = (client_shares.c.client_id == client_id, client_shares.c.colleague == key)
    current = connection.execute(select(client_shares.c.role).where(*where)).scalar()
    if current == role:
        return key
    if current is None:
        connection.execute(
            insert(client_shares).values(
                client_id=client_id, colleague=key, shared_at=now(), role=role
            )
        )
    else:
        connection.execute(update(client_shares).where(*where).values(role=role))
    audit.record(
        connection, actor, audit.SHARE, client=row, detail={"colleague": key, "role": role}
    )
    return key


def unshare_client(connection: Connection, actor: Actor, client_id: int, colleague: str) -> None:
    key = principal(colleague, "colleague")
    row, _role = authorised(connection, actor, client_id, Action.SHARE_CLIENT)
    done = connection.execute(
        delete(client_shares).where(
            client_shares.c.client_id == client_id, client_shares.c.colleague == key
        )
    )
    if done.rowcount:
        audit.record(connection, actor, audit.UNSHARE, client=row, detail={"colleague": key})


def _rows(connection: Connection, table: Any, client_id: int) -> tuple[dict[str, Any], ...]:
    query = select(table).where(table.c.client_id == client_id).order_by(*table.primary_key)
    return tuple(dict(row) for row in connection.execute(query).mappings())


def _workshop_rows(
    connection: Connection, case_ids: list[int]
) -> tuple[tuple[dict[str, Any], ...], ...]:
    """The workshops on these cases, their respondents and their answers, in that order."""
    found: list[tuple[dict[str, Any], ...]] = []
    ids: list[int] = case_ids
    for table, column in (
        (workshops, workshops.c.case_id),
        (workshop_respondents, workshop_respondents.c.workshop_id),
        (workshop_answers, workshop_answers.c.respondent_id),
    ):
        query = select(table).where(column.in_(ids)).order_by(*table.primary_key)
        rows = tuple(dict(row) for row in connection.execute(query).mappings())
        found.append(rows)
        ids = [row["id"] for row in rows] if "id" in table.c else []
    return tuple(found)


def delete_client(connection: Connection, actor: Actor, client_id: int) -> DeletedClient:
    """Remove the client with its shares, cases, history and workshops, and the rule packs no
    other client used; the value puts them all back."""
    row, _role = authorised(connection, actor, client_id, Action.DELETE_CLIENT)
    case_rows = _rows(connection, cases, client_id)
    history_rows = _rows(connection, history, client_id)
    held, respondents, answers = _workshop_rows(connection, [c["id"] for c in case_rows])
    shares = _rows(connection, client_shares, client_id)
    calibrated = _rows(connection, calibrations, client_id)
    for table in (history, cases, client_shares, calibrations):
        connection.execute(delete(table).where(table.c.client_id == client_id))
    connection.execute(delete(clients).where(clients.c.id == client_id))
    digests = {r["pack_digest"] for r in case_rows} | {r["pack_digest"] for r in history_rows}
    dropped_packs, dropped_files = drop_unused_packs(connection, digests)
    audit.record(connection, actor, audit.DELETE_CLIENT, client=row)
    return DeletedClient(
        client=dict(row),
        shares=shares,
        cases=case_rows,
        history=history_rows,
        workshops=held,
        respondents=respondents,
        answers=answers,
        packs=dropped_packs,
        pack_files=dropped_files,
        calibrations=calibrated,
    )


def drop_unused_packs(
    connection: Connection, digests: Iterable[str]
) -> tuple[tuple[dict[str, Any], ...], tuple[dict[str, Any], ...]]:
    """Delete the stored packs among `digests` that no case or history point names any more;
    the rows removed (packs, then their files)."""
    candidates = sorted(set(digests))
    if not candidates:
        return (), ()
    used = set(
        connection.execute(
            select(cases.c.pack_digest).where(cases.c.pack_digest.in_(candidates)).distinct()
        ).scalars()
    ) | set(
        connection.execute(
            select(history.c.pack_digest).where(history.c.pack_digest.in_(candidates)).distinct()
        ).scalars()
    )
    unused = [digest for digest in candidates if digest not in used]
    if not unused:
        return (), ()
    pack_rows = tuple(
        dict(row)
        for row in connection.execute(
            select(packs).where(packs.c.digest.in_(unused)).order_by(packs.c.digest)
        ).mappings()
    )
    file_rows = tuple(
        dict(row)
        for row in connection.execute(
            select(pack_files)
            .where(pack_files.c.digest.in_(unused))
            .order_by(pack_files.c.digest, pack_files.c.position)
        ).mappings()
    )
    connection.execute(delete(pack_files).where(pack_files.c.digest.in_(unused)))
    connection.execute(delete(packs).where(packs.c.digest.in_(unused)))
    return pack_rows, file_rows


def restore_client(connection: Connection, actor: Actor, deleted: DeletedClient) -> int:
    """Put a deleted client back with the same ids; refused when its name was taken since."""
    if deleted.client["owner"] not in actor.principals:
        owner = labels(connection, [deleted.client["owner"]])[deleted.client["owner"]]
        raise WorkspaceError.single(
            # Translators: {owner} is the owner's name or e-mail address.
            _(
                "client '{name}' was deleted by {owner}; only they can restore it",
                name=deleted.name,
                owner=owner,
            ),
            path="client",
        )
    client_id = int(deleted.client["id"])
    if connection.execute(select(clients.c.id).where(clients.c.id == client_id)).first():
        raise WorkspaceError.single(
            _("client '{name}' is already back", name=deleted.name), path="client"
        )
    check_free(connection, actor, deleted.name)
    stored = set(
        connection.execute(
            select(packs.c.digest).where(packs.c.digest.in_([p["digest"] for p in deleted.packs]))
        ).scalars()
    )
    connection.execute(insert(clients).values(**deleted.client))
    for table, rows in (
        (packs, [p for p in deleted.packs if p["digest"] not in stored]),
        (pack_files, [f for f in deleted.pack_files if f["digest"] not in stored]),
        (client_shares, deleted.shares),
        (cases, deleted.cases),
        (history, deleted.history),
        (workshops, deleted.workshops),
        (workshop_respondents, deleted.respondents),
        (workshop_answers, deleted.answers),
        (calibrations, deleted.calibrations),
    ):
        if rows:
            connection.execute(insert(table), [dict(row) for row in rows])
    audit.record(connection, actor, audit.RESTORE_CLIENT, client=deleted.client)
    return client_id
