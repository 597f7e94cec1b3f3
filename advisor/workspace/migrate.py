"""Bring a workspace database to the current schema, under a lock, from inside the app.

Every open checks the schema revision first (one read); only a database behind it runs the
Alembic migrations in `migrations/`, inside one transaction that holds a lock for its whole
length: SQLite's write lock (`BEGIN IMMEDIATE`), or a Postgres advisory lock. Processes that
open a brand-new store at the same moment therefore queue: the first creates the tables, the
others find them there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import exc, inspect, text
from sqlalchemy.engine import Connection

from advisor.i18n import _
from advisor.workspace.database import Database, database_busy, shown_url
from advisor.workspace.model import WorkspaceError
from advisor.workspace.schema import SCHEMA_REVISION

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Any fixed 64-bit number: the key every workspace process locks on Postgres while migrating.
ADVISORY_LOCK = 4_172_310_010


def current_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    value = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return None if value is None else str(value)


def alembic_config(connection: Connection | None = None) -> Config:
    # Alembic is imported only when a database is behind the schema: an open of a current
    # database (nearly every start of the app and the CLI) never pays its import.
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


@dataclass(frozen=True)
class SchemaState:
    """Where a database's schema stands against this code's migrations."""

    revision: str | None  # None: never migrated (empty, or written before the migrations)
    behind: int  # how many migrations this code would run on it
    known: bool  # False: a revision this code does not have (written by a newer version)

    @property
    def current(self) -> bool:
        return self.known and self.behind == 0


def revisions() -> list[str]:
    """Every migration's revision, oldest first."""
    from alembic.script import ScriptDirectory

    walked = ScriptDirectory.from_config(alembic_config()).walk_revisions()
    return [script.revision for script in reversed(list(walked))]


def schema_state(connection: Connection) -> SchemaState:
    revision = current_revision(connection)
    if revision == SCHEMA_REVISION:
        return SchemaState(revision, 0, True)
    ordered = revisions()
    if revision is None:
        return SchemaState(None, len(ordered), True)
    if revision not in ordered:
        return SchemaState(revision, 0, False)
    return SchemaState(revision, len(ordered) - 1 - ordered.index(revision), True)


def newer_schema(url: str, revision: str | None) -> WorkspaceError:
    return WorkspaceError.single(
        # Translators: {where} is the database's address; {revision} and {newest} schema
        # revisions' ids.
        _(
            "{where}: its schema revision '{revision}' is newer than this version of AM Advisor "
            "knows (newest: '{newest}'); use the version that wrote it",
            where=shown_url(url),
            revision=revision,
            newest=SCHEMA_REVISION,
        )
    )


def upgrade(database: Database) -> bool:
    """Migrate to the newest revision; True when migrations ran, False when already current.

    A database at a revision this code does not know (a newer version wrote it) is refused.
    """
    with database.reading() as connection:
        if current_revision(connection) == SCHEMA_REVISION:
            return False
        state = schema_state(connection)
    if not state.known:
        raise newer_schema(database.url, state.revision)
    return database.write(_upgrade_locked)


def _upgrade_locked(connection: Connection) -> bool:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK})
    if current_revision(connection) == SCHEMA_REVISION:
        return False  # another process migrated while this one waited for the lock
    from alembic import command

    try:
        command.upgrade(alembic_config(connection), "head")
    except (exc.SQLAlchemyError, ValueError, KeyError, TypeError) as error:
        if isinstance(error, exc.DBAPIError) and database_busy(error):
            raise  # the caller's retry and busy message handle it
        # The transaction rolls back: the database stays exactly as it was before this open.
        raise WorkspaceError.single(
            # Translators: {where} is the database's address; {error} the migration's own words.
            _(
                "{where}: cannot bring the database to the current schema, so it was left as it "
                "was: {error}",
                where=shown_url(connection.engine.url),
                error=error,
            )
        ) from None
    return True
