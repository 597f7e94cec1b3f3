"""The consultant's workspace: clients, saved cases and history, on SQLite or a team's Postgres.

`Workspace.open()` connects, migrates the schema when it is behind (under a lock, so processes
opening a new store together all succeed) and acts for one actor (`identity.Actor`): every
method sees only the clients that actor owns or that are shared with them, and does only what
their role on the client allows (`roles.ALLOWED`). Every refusal is a `WorkspaceError`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, TypeVar

from sqlalchemy.engine import Connection

from advisor.i18n import _
from advisor.workspace import accounts
from advisor.workspace import cases as case_queries
from advisor.workspace import clients as client_queries
from advisor.workspace.address import database_url
from advisor.workspace.audit import AuditEvent
from advisor.workspace.branding import BrandingStore
from advisor.workspace.calibrations import CalibrationStore
from advisor.workspace.database import Database, database_timeout, shown_url
from advisor.workspace.identity import Actor, as_actor
from advisor.workspace.migrate import upgrade
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
from advisor.workspace.roles import COLLABORATOR
from advisor.workspace.workshop_methods import WorkshopMethods

if TYPE_CHECKING:
    from advisor.engine import Assessment
    from advisor.pack.model import RulePack

T = TypeVar("T")

__all__ = ["Workspace", "database_url"]


class Workspace(WorkshopMethods):
    """One user's view of one workspace database."""

    def __init__(self, database: Database, user: Actor | str) -> None:
        self.database = database
        self.actor = as_actor(user)

    @property
    def user(self) -> str:
        """The acting principal (`identity.py`)."""
        return self.actor.key

    @classmethod
    def open(
        cls,
        url: str | None = None,
        *,
        user: Actor | str = LOCAL_USER,
        timeout: float | None = None,
    ) -> Workspace:
        """Connect to `url` (default: `database_url()`), migrating it first when it is behind.

        `timeout` is how long, in seconds, a write waits for another writer's lock.
        """
        acting = as_actor(user)
        database = Database(database_url(url), database_timeout(timeout))
        try:
            upgrade(database)
        except BaseException:
            database.close()
            raise
        return cls(database, acting)

    def for_user(self, user: Actor | str) -> Workspace:
        """The same database seen by another user: one connection pool serves every user."""
        return Workspace(self.database, as_actor(user))

    @property
    def url(self) -> str:
        """The database's URL without its password, for messages."""
        return shown_url(self.database.url)

    def close(self) -> None:
        self.database.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _read(self, query: Callable[[Connection], T]) -> T:
        with self.database.reading() as connection:
            return query(connection)

    def _write(self, work: Callable[[Connection], T], conflict: str = "") -> T:
        return self.database.write(work, conflict=conflict)

    @property
    def calibrations(self) -> CalibrationStore:
        """The firm's and the clients' calibrated rule packs, as this user may use them."""
        return CalibrationStore(self.database, self.actor)

    @property
    def branding(self) -> BrandingStore:
        """The consultancy's name and logo on every document's cover (administrators change it)."""
        return BrandingStore(self.database, self.actor)

    # Clients ------------------------------------------------------------------------------

    def clients(self, search: str = "", *, include_archived: bool = False) -> list[Client]:
        """The user's clients (and those shared with them), by name; `search` is any part."""
        return self._read(
            lambda c: client_queries.list_clients(
                c, self.actor, search=search, include_archived=include_archived
            )
        )

    def client_choices(self, *, include_archived: bool = True) -> list[tuple[int, str]]:
        """The id and name of each client the user sees, by name: what a picker lists."""
        return self._read(
            lambda c: client_queries.client_choices(
                c, self.actor, include_archived=include_archived
            )
        )

    def client(self, client_id: int) -> Client:
        return self._read(lambda c: client_queries.one_client(c, self.actor, client_id))

    def find_client(self, name: str) -> Client:
        """The client of that name in any case; a did-you-mean WorkspaceError otherwise."""
        return self._read(lambda c: client_queries.find_client(c, self.actor, name))

    def add_client(self, name: str) -> Client:
        def work(connection: Connection) -> Client:
            client_id = client_queries.add_client(connection, self.actor, name)
            return client_queries.one_client(connection, self.actor, client_id)

        return self._write(work, client_queries.name_taken(name.strip()))

    def find_or_add_client(self, name: str, *, near_miss: str = "") -> tuple[Client, bool]:
        """The client named `name` in any case (the user's own first), else a new one the user
        owns; and whether it was created. Concurrent calls for one new name all get the one
        client. With `near_miss`, a name close to an existing client's is refused with a
        did-you-mean and `near_miss` (what to do to keep it as a new client)."""

        def work(connection: Connection) -> tuple[Client, bool]:
            client_id, _name, created = client_queries.client_for_name(
                connection, self.actor, name, near_miss=near_miss
            )
            return client_queries.one_client(connection, self.actor, client_id), created

        return self._write(work)

    def rename_client(self, client_id: int, name: str) -> Client:
        def work(connection: Connection) -> Client:
            client_queries.rename_client(connection, self.actor, client_id, name)
            return client_queries.one_client(connection, self.actor, client_id)

        return self._write(work, client_queries.name_taken(name.strip()))

    def archive_client(self, client_id: int, archived: bool = True) -> Client:
        def work(connection: Connection) -> Client:
            client_queries.archive_client(connection, self.actor, client_id, archived)
            return client_queries.one_client(connection, self.actor, client_id)

        return self._write(work)

    def delete_client(self, client_id: int) -> DeletedClient:
        """Remove the client, its cases and history; `restore_client` undoes it."""
        return self._write(lambda c: client_queries.delete_client(c, self.actor, client_id))

    def restore_client(self, deleted: DeletedClient) -> Client:
        def work(connection: Connection) -> Client:
            client_id = client_queries.restore_client(connection, self.actor, deleted)
            return client_queries.one_client(connection, self.actor, client_id)

        return self._write(work, client_queries.name_taken(deleted.name))

    def share_client(self, client_id: int, colleague: str, role: str = COLLABORATOR) -> str:
        """Share the client with a colleague (by sign-in address or identity) in a role, or
        change their role; returns the colleague's principal."""
        return self._write(
            lambda c: client_queries.share_client(c, self.actor, client_id, colleague, role)
        )

    def unshare_client(self, client_id: int, colleague: str) -> None:
        self._write(lambda c: client_queries.unshare_client(c, self.actor, client_id, colleague))

    # Cases --------------------------------------------------------------------------------

    def cases(self, client_id: int) -> list[CaseSummary]:
        """The client's cases, each at its latest revision, in the order they were created."""
        return self._read(lambda c: case_queries.list_cases(c, self.actor, client_id))

    def set_headline(self, client_id: int, case_id: int) -> Client:  # the one lists show
        return self._write(lambda c: case_queries.set_headline(c, self.actor, client_id, case_id))

    def find_case(self, client_id: int, scenario: str) -> CaseSummary:
        return self._read(lambda c: case_queries.find_case(c, self.actor, client_id, scenario))

    def save_case(
        self,
        client_id: int,
        scenario: str,
        document: CaseDocument,
        assessment: Assessment,
        pack_files: list[tuple[str, bytes]],
        *,
        case_id: int | None = None,
    ) -> CaseSummary:
        """Save a new case (`case_id` None) or the next revision of one; all or nothing.

        `pack_files` may be empty when the pack (by digest) is stored already.
        """

        prepared = case_queries.prepare_save(scenario, document, assessment, pack_files)

        def work(connection: Connection) -> CaseSummary:
            saved, _point = case_queries.save_case(
                connection, self.actor, client_id, prepared, case_id
            )
            return saved

        return self._write(work, case_queries.scenario_taken(str(scenario).strip()))

    def save_scenario(
        self,
        client: str,
        scenario: str,
        document: CaseDocument,
        assessment: Assessment,
        pack_files: list[tuple[str, bytes]],
        *,
        near_miss: str = "",
    ) -> SavedCase:
        """Save as the scenario of the client named `client`, in one transaction: the client as
        `find_or_add_client` finds or creates it, the scenario's next revision when the client
        has a case of that name (in any case), else its first.

        Concurrent saves of one new client all land under the one client, and concurrent saves
        of one scenario all land, as successive revisions.
        """
        prepared = case_queries.prepare_save(scenario, document, assessment, pack_files)

        def work(connection: Connection) -> SavedCase:
            client_id, name, created = client_queries.client_for_name(
                connection, self.actor, client, near_miss=near_miss
            )
            saved, point_id = case_queries.save_scenario(
                connection, self.actor, client_id, prepared
            )
            return SavedCase(client_id, name, created, saved, point_id)

        return self._write(work)

    def open_case(self, case_id: int) -> Case:
        return self._read(lambda c: case_queries.open_case(c, self.actor, case_id))

    def case_pack_files(self, case_id: int) -> list[tuple[str, bytes]]:
        """The case's rule pack files, to rebuild the pack with `pack.uploads` and re-assess."""
        return self._read(lambda c: case_queries.case_pack_files(c, self.actor, case_id))

    def case_pack(self, case_id: int) -> RulePack:
        """The rule pack the case was assessed on, rebuilt from its stored files.

        Assessing the case's profile on it gives the verdict the case was saved with, whatever
        the shipped pack says today.
        """
        from advisor.pack.load import pack_from_documents  # the pack's reader, when asked

        files = self.case_pack_files(case_id)
        if not files:
            raise WorkspaceError.single(
                _("case {id} was saved without its rule pack's files", id=case_id), path="case"
            )
        return pack_from_documents(files)

    def duplicate_case(self, case_id: int, scenario: str) -> CaseSummary:
        return self._write(
            lambda c: case_queries.duplicate_case(c, self.actor, case_id, scenario),
            case_queries.scenario_taken(str(scenario).strip()),
        )

    def rename_case(self, case_id: int, scenario: str) -> CaseSummary:
        return self._write(
            lambda c: case_queries.rename_case(c, self.actor, case_id, scenario),
            case_queries.scenario_taken(str(scenario).strip()),
        )

    def delete_case(self, case_id: int) -> bool:
        """True when the case was deleted; its history points stay in the client's history."""
        return self._write(lambda c: case_queries.delete_case(c, self.actor, case_id))

    # History ------------------------------------------------------------------------------

    def history(self, client_id: int) -> list[HistoryPoint]:
        """Every saved assessment of the client, oldest first."""
        return self._read(lambda c: case_queries.client_history(c, self.actor, client_id))

    def history_pack_files(
        self, client_id: int, known: Collection[str] = ()
    ) -> dict[str, list[tuple[str, bytes]]]:
        """The files of each rule pack the client's history was judged on, by pack digest;
        the digests in `known` are skipped."""
        return self._read(
            lambda c: case_queries.client_history_packs(c, self.actor, client_id, known)
        )

    def history_result(self, point_id: int) -> dict[str, Any]:
        """The full result (`Assessment.to_dict()`) saved with one history point."""
        return self._read(lambda c: case_queries.history_result(c, self.actor, point_id))

    # Identities and the audit trail ---------------------------------------------------------

    def sign_in(self, issuer: str, subject: str, providers: int = 1) -> list[str]:
        """Record the acting consultant's sign-in (and who they are, for colleagues' lists);
        the names of clients they claimed from before identities had an issuer, if any."""
        return self._write(lambda c: accounts.sign_in(c, self.actor, issuer, subject, providers))

    def audit_trail(self, client_id: int | None = None) -> list[AuditEvent]:
        """What happened to one client (its owner only), or to every client the actor owns
        and their own sign-ins (None), newest first."""
        return self._read(lambda c: accounts.trail(c, self.actor, client_id))

    def record_export(self, client_id: int, case_id: int | None, document: str) -> None:
        """Note in the client's trail that the actor exported one of its documents."""
        self._write(lambda c: accounts.record_export(c, self.actor, client_id, case_id, document))

    def reassign(self, old: str, new: str) -> int:
        """Move every client and share of one principal to another (the local operator only);
        the number of clients moved."""
        return self._write(lambda c: accounts.reassign(c, self.actor, old, new))

    def consultants(self) -> list[tuple[str, str]]:
        """Everyone who ever signed in, as (principal, how they are named)."""
        return self._read(accounts.known_consultants)
