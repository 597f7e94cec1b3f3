"""Operating a workspace database: its schema's state, an explicit upgrade, a SQLite backup.

These act on the database itself, for whoever runs them; no client's roles are asked. A check
never creates anything: a SQLite file that does not exist is reported, not made.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from advisor.i18n import N_, _, n_
from advisor.workspace.address import database_url, never_created
from advisor.workspace.database import Database, database_timeout, parse_url, shown_url
from advisor.workspace.migrate import SchemaState, newer_schema, schema_state, upgrade
from advisor.workspace.model import WorkspaceError
from advisor.workspace.schema import SCHEMA_REVISION

UPGRADE_HINT = N_("run: advisor db upgrade")


def _existing(url: str | None) -> str:
    """The database's URL; a WorkspaceError when it is a SQLite file that is not there."""
    chosen = database_url(url)
    if never_created(chosen):
        raise WorkspaceError.single(_("{where}: no database at this path", where=shown_url(chosen)))
    return chosen


def state_of(url: str | None, timeout: float | None = None) -> SchemaState:
    """The schema's state of an existing database; a WorkspaceError when it cannot be read."""
    database = Database(_existing(url), database_timeout(timeout))
    try:
        with database.reading() as connection:
            return schema_state(connection)
    finally:
        database.close()


def check(url: str | None, timeout: float | None = None) -> str:
    """A line saying the database answers at the current schema; a WorkspaceError saying why
    not (unreachable, not migrated, behind by N revisions, newer than this code)."""
    chosen = database_url(url)
    state = state_of(chosen, timeout)
    where = shown_url(chosen)
    if not state.known:
        raise newer_schema(chosen, state.revision)
    if state.revision is None:
        raise WorkspaceError.single(
            # Translators: {hint} is "run: advisor db upgrade", translated.
            _(
                "{where}: not migrated (no schema revision); {hint}",
                where=where,
                hint=_(UPGRADE_HINT),
            )
        )
    if state.behind:
        raise WorkspaceError.single(
            # Translators: {revision} and {needed} are schema revisions' ids.
            n_(
                "{where}: behind by {count} revision (at '{revision}', this version needs "
                "'{needed}'); {hint}",
                "{where}: behind by {count} revisions (at '{revision}', this version needs "
                "'{needed}'); {hint}",
                state.behind,
                where=where,
                revision=state.revision,
                needed=SCHEMA_REVISION,
                hint=_(UPGRADE_HINT),
            )
        )
    return _("{where}: ready at schema revision {revision}", where=where, revision=state.revision)


def upgrade_database(
    url: str | None, timeout: float | None = None
) -> tuple[str | None, str | None]:
    """Run the migrations the database lacks (creating it when new); the revision before and
    after."""
    database = Database(database_url(url), database_timeout(timeout))
    try:
        with database.reading() as connection:
            before = schema_state(connection).revision
        upgrade(database)
        with database.reading() as connection:
            after = schema_state(connection).revision
    finally:
        database.close()
    return before, after


def pg_dump_line(url: str) -> str:
    """The pg_dump command that backs up this Postgres workspace (its password left out)."""
    given = parse_url(url)
    parsed = URL.create(
        "postgresql",
        username=given.username,
        host=given.host,
        port=given.port,
        database=given.database,
        query=given.query,
    )
    name = parsed.database or "NAME"
    address = parsed.render_as_string(hide_password=False)
    return f"pg_dump --format=custom --file={name}.dump '{address}'"


def backup(url: str | None, target: str | Path) -> Path:
    """A consistent copy of a SQLite workspace, while other processes may be writing to it.

    SQLite's online backup copies the database as one transaction sees it; the copy is made
    in a temporary file next to `target` and replaces it only once complete and checked.
    A Postgres workspace is refused with the pg_dump line to use instead.
    """
    chosen = database_url(url)
    parsed = parse_url(chosen)
    if parsed.get_backend_name() != "sqlite":
        raise WorkspaceError.single(
            # Translators: {command} is the pg_dump command line to run, as it is.
            _(
                "{where}: advisor db backup copies a SQLite workspace only; back up this "
                "Postgres workspace with: {command}",
                where=shown_url(chosen),
                command=pg_dump_line(chosen),
            )
        )
    source = _existing(chosen)
    path = make_url(source).database
    if not path or path == ":memory:":
        raise WorkspaceError.single(
            _("{where}: a database in memory has no file", where=shown_url(chosen))
        )
    return _copy(Path(path), Path(target))


def _copy(source: Path, target: Path) -> Path:
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        raise WorkspaceError.single(_cannot_write(target, error)) from None
    os.close(handle)
    try:
        _online_backup(source, Path(temporary))
        os.replace(temporary, target)
    except OSError as error:
        raise WorkspaceError.single(_cannot_write(target, error)) from None
    finally:
        Path(temporary).unlink(missing_ok=True)
    return target


def _cannot_write(target: Path, error: OSError) -> str:
    # Translators: {file} is a file's path; {reason} the system's words.
    return _("{file}: cannot write: {reason}", file=target, reason=error.strerror or error)


def _online_backup(source: Path, temporary: Path) -> None:
    try:
        origin = sqlite3.connect(f"{source.resolve().as_uri()}?mode=rw", uri=True)
    except sqlite3.Error as error:
        raise WorkspaceError.single(
            _("{where}: cannot open the database: {reason}", where=source, reason=error)
        ) from None
    try:
        copy = sqlite3.connect(temporary)
        try:
            origin.backup(copy)
            verdict = copy.execute("PRAGMA quick_check").fetchone()
        finally:
            copy.close()
    except sqlite3.Error as error:
        raise WorkspaceError.single(
            _("{where}: cannot back up the database: {reason}", where=source, reason=error)
        ) from None
    finally:
        origin.close()
    if not verdict or verdict[0] != "ok":
        # Translators: {verdict} is SQLite's own answer to its check.
        raise WorkspaceError.single(
            _("{where}: the copy failed its check: {verdict}", where=source, verdict=verdict)
        )
