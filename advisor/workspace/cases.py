"""Case, pack and history queries, scoped through the client each case belongs to.

A case row holds the latest revision of one scenario; every save also appends a history point
(the profile and the result as saved), so a client's history keeps each revision. The result is
kept compactly (`workspace.compact`): the history point holds it, the case refers to that point. A rule
pack's files are stored once per digest and shared by every case assessed on it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection, RowMapping

from advisor.i18n import _
from advisor.problems import suggest
from advisor.workspace import audit
from advisor.workspace.clients import authorised, client_row, one_client, visible
from advisor.workspace.compact import insert_new, is_compact, pack, point_reference, unpack
from advisor.workspace.database import now
from advisor.workspace.headline import case_facts
from advisor.workspace.identity import Actor
from advisor.workspace.model import (
    Case,
    CaseDocument,
    CaseSummary,
    Client,
    HistoryPoint,
    WorkspaceError,
    document_problems,
)
from advisor.workspace.names import clean_name, clean_notes, name_key
from advisor.workspace.roles import Action
from advisor.workspace.schema import cases, clients, history, pack_files, packs

if TYPE_CHECKING:
    from advisor.engine import Assessment

SUMMARY_COLUMNS = (
    cases.c.id,
    cases.c.client_id,
    cases.c.scenario,
    cases.c.verdict,
    cases.c.score,
    cases.c.saved_at,
    cases.c.pack_name,
    cases.c.pack_version,
    cases.c.pack_digest,
    cases.c.revision,
    cases.c.notes,
)


def unknown_case(case_id: int) -> WorkspaceError:
    return WorkspaceError.single(
        _("no saved case with id {id} in this workspace", id=case_id), path="case"
    )


def scenario_taken(scenario: str) -> str:
    return _(
        "this client already has a case named '{scenario}'; pick another scenario name",
        scenario=scenario,
    )


def summary(row: Mapping[Any, Any]) -> CaseSummary:
    return CaseSummary(
        id=row["id"],
        client_id=row["client_id"],
        scenario=row["scenario"],
        verdict=row["verdict"],
        score=float(row["score"]),
        saved_at=row["saved_at"],
        pack_name=row["pack_name"],
        pack_version=row["pack_version"],
        pack_digest=row["pack_digest"],
        revision=row["revision"],
        notes=row["notes"],
    )


def case_row(
    connection: Connection, actor: Actor, case_id: int, *, columns: Any = None, lock: bool = False
) -> RowMapping:
    """The case's row when the user may see its client; the same refusal otherwise."""
    query = (
        select(*(columns if columns is not None else (cases,)))
        .select_from(cases.join(clients, clients.c.id == cases.c.client_id))
        .where(cases.c.id == case_id, visible(actor))
    )
    if lock:
        query = query.with_for_update(of=cases)
    row = connection.execute(query).mappings().first()
    if row is None:
        raise unknown_case(case_id)
    return row


def list_cases(connection: Connection, actor: Actor, client_id: int) -> list[CaseSummary]:
    client_row(connection, actor, client_id)
    query = select(*SUMMARY_COLUMNS).where(cases.c.client_id == client_id).order_by(cases.c.id)
    return [summary(row) for row in connection.execute(query).mappings()]


def find_case(connection: Connection, actor: Actor, client_id: int, scenario: str) -> CaseSummary:
    found = list_cases(connection, actor, client_id)
    wanted = name_key(scenario)
    for case in found:
        if name_key(case.scenario) == wanted:
            return case
    known = [case.scenario for case in found]
    raise WorkspaceError.single(no_case(scenario.strip(), known), path="scenario")


def no_case(scenario: str, known: list[str], client_name: str | None = None) -> str:
    """'no case named 'x' for this client (did you mean …)', naming the client when given."""
    if not known:
        if client_name is None:
            return _("no case named '{scenario}' for this client (it has none)", scenario=scenario)
        return _(
            "no case named '{scenario}' for client '{client}' (it has none)",
            scenario=scenario,
            client=client_name,
        )
    suggestion = suggest(scenario, known, ignore_case=True)
    if client_name is None:
        # Translators: {suggestion} is " (did you mean '…'?)" or nothing.
        return _(
            "no case named '{scenario}' for this client{suggestion}",
            scenario=scenario,
            suggestion=suggestion,
        )
    return _(
        "no case named '{scenario}' for client '{client}'{suggestion}",
        scenario=scenario,
        client=client_name,
        suggestion=suggestion,
    )


def check_scenario_free(
    connection: Connection, client_id: int, scenario: str, *, besides: int = 0
) -> None:
    query = select(cases.c.scenario).where(
        cases.c.client_id == client_id,
        cases.c.scenario_key == name_key(scenario),
        cases.c.id != besides,
    )
    existing = connection.execute(query).scalar()
    if existing is not None:
        raise WorkspaceError.single(scenario_taken(str(existing)), path="scenario")


def check_document(document: CaseDocument, assessment: Assessment) -> CaseDocument:
    problems = document_problems(document.to_json())
    if problems:
        # Translators: {problems} lists what is wrong with the case, separated by semicolons.
        raise WorkspaceError.single(
            _("the case cannot be saved: {problems}", problems="; ".join(problems))
        )
    clean_notes(document.notes)
    if document.pack_digest != assessment.pack.digest:
        raise WorkspaceError.single(
            # Translators: {named} and {used} are rule packs' digests (12 hexadecimal digits).
            _(
                "the case names pack {named} but was assessed on pack {used}; assess it again "
                "on the case's pack",
                named=document.pack_digest,
                used=assessment.pack.digest,
            ),
            path="pack_digest",
        )
    return document


def store_pack(
    connection: Connection, assessment: Assessment, files: list[tuple[str, bytes]]
) -> None:
    """Keep the pack's files (checked by `prepare_save`) under its digest unless stored."""
    digest = assessment.pack.digest
    stored = connection.execute(select(packs.c.digest).where(packs.c.digest == digest)).first()
    if stored is not None:
        return
    if not files:
        raise WorkspaceError.single(
            _(
                "rule pack {digest} is not stored yet: save the case with the pack's files",
                digest=digest,
            ),
            path="pack_files",
        )
    added = connection.execute(
        insert_new(connection, packs)
        .values(
            digest=digest,
            name=assessment.pack.name,
            version=assessment.pack.version,
            stored_at=now(),
        )
        .returning(packs.c.digest)
    ).first()
    if added is None:
        return  # a concurrent save stored the same pack first
    connection.execute(
        insert(pack_files),
        [
            {"digest": digest, "position": position, "name": name, "content": content}
            for position, (name, content) in enumerate(sorted(files))
        ],
    )


@dataclass(frozen=True)
class PreparedSave:
    """A save checked and turned into plain data before its transaction takes the lock."""

    scenario: str
    document: CaseDocument
    assessment: Assessment
    result: dict[str, Any]
    files: list[tuple[str, bytes]]


def prepare_save(
    scenario: str, document: CaseDocument, assessment: Assessment, files: list[tuple[str, bytes]]
) -> PreparedSave:
    """Everything a save can check or build without the database: the lock is held briefly."""
    from advisor.pack.load import documents_digest  # only a save reads pack files

    check_document(document, assessment)
    named = [(name.rsplit("/", 1)[-1], bytes(content)) for name, content in files]
    if named and documents_digest(named) != assessment.pack.digest:
        raise WorkspaceError.single(
            _(
                "the pack files given are not pack {digest} (their digest is {given}); pass "
                "the files the assessment was made with",
                digest=assessment.pack.digest,
                given=documents_digest(named),
            ),
            path="pack_files",
        )
    return PreparedSave(
        clean_name(scenario, "scenario"), document, assessment, assessment.to_dict(), named
    )


def save_case(
    connection: Connection,
    actor: Actor,
    client_id: int,
    prepared: PreparedSave,
    case_id: int | None,
) -> tuple[CaseSummary, int]:
    """Save a new case (`case_id` None) or the next revision of one: the case and the id of
    the history point the save added."""
    authorised(connection, actor, client_id, Action.SAVE_CASE)
    scenario, document, assessment = prepared.scenario, prepared.document, prepared.assessment
    store_pack(connection, assessment, prepared.files)
    revision = 1
    if case_id is not None:
        current = case_row(connection, actor, case_id, lock=True)
        if current["client_id"] != client_id:
            raise unknown_case(case_id)
        revision = int(current["revision"]) + 1
    check_scenario_free(connection, client_id, scenario, besides=case_id or 0)
    stamp = now()
    values = {
        "client_id": client_id,
        "scenario": scenario,
        "scenario_key": name_key(scenario),
        "revision": revision,
        "verdict": assessment.verdict.value,
        "score": float(assessment.score),
        "saved_at": stamp,
        "pack_name": assessment.pack.name,
        "pack_version": assessment.pack.version,
        "pack_digest": assessment.pack.digest,
        "notes": document.notes,
        "document": document.to_json(),
        "result": pack(connection, assessment.pack.digest, prepared.result),
    }
    values.update(case_facts(document.to_json(), prepared.result))
    if case_id is None:
        case_id = int(
            connection.execute(insert(cases).values(**values).returning(cases.c.id)).scalar_one()
        )
    else:
        connection.execute(update(cases).where(cases.c.id == case_id).values(**values))
    point_id = append_history(connection, case_id, values)
    refer_to_point(connection, case_id, point_id, values["result"])
    touch_client(connection, client_id, stamp)
    return summary({"id": case_id, **values}), point_id


def save_scenario(
    connection: Connection, actor: Actor, client_id: int, prepared: PreparedSave
) -> tuple[CaseSummary, int]:
    """Save as the next revision of the client's case named like `prepared.scenario` (in any
    case), or as its first revision when the client has no case of that name.

    The case is looked up and locked inside the write transaction, so concurrent saves of one
    scenario queue for it and each becomes the next revision. Two that both find no case clash
    on the unique (client, scenario) key when they insert it; `Database.write` runs the loser
    again, and it finds the winner's case.
    """
    existing = connection.execute(
        select(cases.c.id)
        .where(
            cases.c.client_id == client_id,
            cases.c.scenario_key == name_key(prepared.scenario),
        )
        .with_for_update()
    ).scalar()
    return save_case(
        connection, actor, client_id, prepared, None if existing is None else int(existing)
    )


def refer_to_point(connection: Connection, case_id: int, point_id: int, stored: Any) -> None:
    """Let the case read its result from the history point that holds the same result."""
    if is_compact(stored):  # a result kept in full stays in full in the case too
        connection.execute(
            update(cases).where(cases.c.id == case_id).values(result=point_reference(point_id))
        )


def append_history(connection: Connection, case_id: int, values: dict[str, Any]) -> int:
    """Add the save's point to the client's history (its result in the stored form `values`
    holds, never a reference to another point); its id."""
    result = connection.execute(
        insert(history)
        .values(
            client_id=values["client_id"],
            case_id=case_id,
            scenario=values["scenario"],
            saved_at=values["saved_at"],
            verdict=values["verdict"],
            score=values["score"],
            pack_name=values["pack_name"],
            pack_version=values["pack_version"],
            pack_digest=values["pack_digest"],
            profile=values["document"]["profile"],
            result=values["result"],
        )
        .returning(history.c.id)
    )
    return int(result.scalar_one())


def touch_client(connection: Connection, client_id: int, stamp: str) -> None:
    connection.execute(update(clients).where(clients.c.id == client_id).values(updated_at=stamp))


def open_case(connection: Connection, actor: Actor, case_id: int) -> Case:
    row = case_row(connection, actor, case_id)
    return Case(
        summary=summary(row),
        document=CaseDocument.from_json(row["document"]),
        result=unpack(connection, row["result"]),
    )


def case_pack_files(connection: Connection, actor: Actor, case_id: int) -> list[tuple[str, bytes]]:
    row = case_row(connection, actor, case_id, columns=(cases.c.pack_digest,))
    query = (
        select(pack_files.c.name, pack_files.c.content)
        .where(pack_files.c.digest == row["pack_digest"])
        .order_by(pack_files.c.position)
    )
    return [(str(name), bytes(content)) for name, content in connection.execute(query)]


def duplicate_case(
    connection: Connection, actor: Actor, case_id: int, scenario: str
) -> CaseSummary:
    row = dict(case_row(connection, actor, case_id))
    authorised(connection, actor, row["client_id"], Action.DUPLICATE_CASE)
    scenario = clean_name(scenario, "scenario")
    check_scenario_free(connection, row["client_id"], scenario)
    stamp = now()
    values = {key: value for key, value in row.items() if key != "id"}
    values.update(scenario=scenario, scenario_key=name_key(scenario), revision=1, saved_at=stamp)
    values["result"] = pack(connection, row["pack_digest"], unpack(connection, row["result"]))
    new_id = int(
        connection.execute(insert(cases).values(**values).returning(cases.c.id)).scalar_one()
    )
    point_id = append_history(connection, new_id, values)
    refer_to_point(connection, new_id, point_id, values["result"])
    touch_client(connection, row["client_id"], stamp)
    return summary({"id": new_id, **values})


def rename_case(connection: Connection, actor: Actor, case_id: int, scenario: str) -> CaseSummary:
    row = case_row(connection, actor, case_id, lock=True)
    authorised(connection, actor, row["client_id"], Action.RENAME_CASE)
    scenario = clean_name(scenario, "scenario")
    check_scenario_free(connection, row["client_id"], scenario, besides=case_id)
    connection.execute(
        update(cases)
        .where(cases.c.id == case_id)
        .values(scenario=scenario, scenario_key=name_key(scenario))
    )
    # The case's history is the same scenario under its new name.
    connection.execute(
        update(history).where(history.c.case_id == case_id).values(scenario=scenario)
    )
    return summary({**row, "scenario": scenario})


def set_headline(connection: Connection, actor: Actor, client_id: int, case_id: int) -> Client:
    """Mark the case as the client's headline case (the one its listing shows) and list the
    client again; refused when the case is not that client's or the actor's role does not
    allow it."""
    client, _role = authorised(connection, actor, client_id, Action.SET_HEADLINE)
    row = case_row(
        connection, actor, case_id, columns=(cases.c.id, cases.c.client_id, cases.c.scenario)
    )
    if row["client_id"] != client_id:
        raise unknown_case(case_id)
    if client["headline_case_id"] != case_id:
        connection.execute(
            update(clients).where(clients.c.id == client_id).values(headline_case_id=case_id)
        )
        audit.record(
            connection,
            actor,
            audit.HEADLINE,
            client=client,
            case_id=case_id,
            detail={"scenario": row["scenario"]},
        )
    return one_client(connection, actor, client_id)


def delete_case(connection: Connection, actor: Actor, case_id: int) -> bool:
    """Remove the case with its workshop; its history points stay, no longer tied to a case.

    False when there is no such case the actor may see; refused when their role on its client
    does not allow deleting cases.
    """
    try:
        row = case_row(
            connection, actor, case_id, columns=(cases.c.id, cases.c.client_id, cases.c.scenario)
        )
    except WorkspaceError:
        return False
    client, _role = authorised(connection, actor, row["client_id"], Action.DELETE_CASE)
    case_row(connection, actor, case_id, columns=(cases.c.id,), lock=True)
    connection.execute(update(history).where(history.c.case_id == case_id).values(case_id=None))
    connection.execute(delete(cases).where(cases.c.id == case_id))
    audit.record(
        connection,
        actor,
        audit.DELETE_CASE,
        client=client,
        case_id=case_id,
        detail={"scenario": row["scenario"]},
    )
    return True


def point(row: RowMapping) -> HistoryPoint:
    return HistoryPoint(
        id=row["id"],
        case_id=row["case_id"],
        scenario=row["scenario"],
        saved_at=row["saved_at"],
        verdict=row["verdict"],
        score=float(row["score"]),
        pack_digest=row["pack_digest"],
        profile=dict(row["profile"]),
        pack_name=row["pack_name"],
        pack_version=row["pack_version"],
    )


POINT_COLUMNS = (
    history.c.id,
    history.c.case_id,
    history.c.scenario,
    history.c.saved_at,
    history.c.verdict,
    history.c.score,
    history.c.pack_digest,
    history.c.profile,
    history.c.pack_name,
    history.c.pack_version,
)


def client_history(connection: Connection, actor: Actor, client_id: int) -> list[HistoryPoint]:
    client_row(connection, actor, client_id)
    query = (
        select(*POINT_COLUMNS)
        .where(history.c.client_id == client_id)
        .order_by(history.c.saved_at, history.c.id)
    )
    return [point(row) for row in connection.execute(query).mappings()]


def client_history_packs(
    connection: Connection, actor: Actor, client_id: int, known: Collection[str] = ()
) -> dict[str, list[tuple[str, bytes]]]:
    """The stored files of each pack the client's history points were judged on, by digest.

    Digests in `known` are skipped; a digest with no stored files (an imported assessment's
    pack) is left out.
    """
    client_row(connection, actor, client_id)
    digests = select(history.c.pack_digest).where(history.c.client_id == client_id).distinct()
    query = (
        select(pack_files.c.digest, pack_files.c.name, pack_files.c.content)
        .where(pack_files.c.digest.in_(digests), pack_files.c.digest.not_in(list(known)))
        .order_by(pack_files.c.digest, pack_files.c.position)
    )
    found: dict[str, list[tuple[str, bytes]]] = {}
    for digest, name, content in connection.execute(query):
        found.setdefault(str(digest), []).append((str(name), bytes(content)))
    return found


def history_result(connection: Connection, actor: Actor, point_id: int) -> dict[str, Any]:
    """The full result saved with one history point."""
    query = (
        select(history.c.result)
        .select_from(history.join(clients, clients.c.id == history.c.client_id))
        .where(history.c.id == point_id, visible(actor))
    )
    result = connection.execute(query).scalar()
    if result is None:
        raise WorkspaceError.single(
            _("no saved assessment with id {id} in this workspace", id=point_id), path="id"
        )
    return unpack(connection, result)
