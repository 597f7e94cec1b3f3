"""Connections to the workspace database: SQLite by default, a team's Postgres when configured.

SQLite runs in WAL mode with a busy timeout, and every write is one `BEGIN IMMEDIATE`
transaction, so concurrent writers queue for the lock instead of failing half-way. Postgres
gets the same timeout as its lock timeout. Every database failure leaves here as a
`WorkspaceError` whose message names the database (password hidden) and says what to do; a
write that could not get the lock is retried while the timeout allows, which is safe because a
transaction that never got its lock changed nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import create_engine, event, exc
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.pool import StaticPool

from advisor.workspace.model import WorkspaceError

T = TypeVar("T")
TIMEOUT_VARIABLE = "ADVISOR_DATABASE_TIMEOUT"
DEFAULT_TIMEOUT = 10.0  # seconds a write waits for another writer before it gives up
WRITE = "advisor_write"  # the execution option that makes a SQLite transaction IMMEDIATE
# Postgres SQLSTATEs worth a retry: lock timeout, serialization failure, deadlock.
RETRY_STATES = {"55P03", "40001", "40P01"}
SUPPORTED = ("sqlite", "postgresql")


def database_timeout(explicit: float | None = None) -> float:
    """`explicit`, else $ADVISOR_DATABASE_TIMEOUT (seconds), else 10 seconds."""
    if explicit is not None:
        return explicit
    text = os.environ.get(TIMEOUT_VARIABLE, "").strip()
    if not text:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not 0 < seconds <= 3600:
        raise WorkspaceError.single(
            f"{TIMEOUT_VARIABLE}: '{text}' is not a number of seconds between 0 and 3600"
        )
    return seconds


def shown_url(url: str | URL) -> str:
    """The database as a message names it: a SQLite file by its path, a server never with its
    password."""
    try:
        parsed = make_url(url)
    except exc.ArgumentError:
        return str(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        return str(parsed.database)
    return parsed.render_as_string(hide_password=True)


def now() -> str:
    """The current UTC time as ISO 8601 text; microseconds keep saves in order."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def parse_url(url: str) -> URL:
    try:
        parsed = make_url(url)
    except exc.ArgumentError:
        raise WorkspaceError.single(
            f"'{url}' is not a database URL; expected sqlite:///PATH or "
            "postgresql+psycopg://USER@HOST/NAME",
            path="database URL",
        ) from None
    if parsed.get_backend_name() not in SUPPORTED:
        raise WorkspaceError.single(
            f"{shown_url(parsed)}: unsupported database '{parsed.get_backend_name()}'; "
            "expected sqlite:///PATH or postgresql+psycopg://USER@HOST/NAME",
            path="database URL",
        )
    if parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() != "psycopg":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def make_engine(url: str, timeout: float) -> Engine:
    """An engine for `url` with the workspace's connection settings."""
    parsed = parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed, timeout)
    milliseconds = int(timeout * 1000)
    return create_engine(
        parsed,
        pool_pre_ping=True,
        connect_args={
            "connect_timeout": max(1, int(timeout)),
            "options": f"-c lock_timeout={milliseconds} -c idle_in_transaction_session_timeout="
            f"{max(milliseconds * 6, 60_000)}",
        },
    )


def _sqlite_engine(parsed: URL, timeout: float) -> Engine:
    memory = parsed.database in (None, "", ":memory:")
    if not memory:
        try:
            Path(str(parsed.database)).expanduser().parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise WorkspaceError.single(
                f"{shown_url(parsed)}: cannot create its folder: {error.strerror or error}"
            ) from None
    options: dict[str, Any] = {"connect_args": {"timeout": timeout, "check_same_thread": False}}
    if memory:
        options["poolclass"] = StaticPool
    engine = create_engine(parsed, **options)

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        # The driver's own transaction handling is off: BEGIN is sent below, IMMEDIATE for writes.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        if not memory:
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        writes = connection.get_execution_options().get(WRITE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")

    return engine


class Database:
    """One engine with the workspace's transactions and its one translation of failures."""

    def __init__(self, url: str, timeout: float) -> None:
        self.url = url
        self.timeout = timeout
        self.engine = make_engine(url, timeout)
        self.dialect = self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with self.translated(), self.engine.connect() as connection, connection.begin():
            yield connection

    def write(self, work: Callable[[Connection], T], *, conflict: str = "") -> T:
        """`work` in one write transaction, retried while the lock is busy and time is left.

        `conflict` is the message for a uniqueness clash a concurrent writer caused after
        `work` checked (a name taken between the check and the insert).
        """
        started = time.monotonic()
        attempt = 0
        while True:
            attempt += 1
            try:
                with (
                    self.translated(retryable=True, conflict=conflict),
                    self.engine.connect() as connection,
                ):
                    connection.execution_options(**{WRITE: True})
                    with connection.begin():
                        return work(connection)
            except RetryableError as error:
                elapsed = time.monotonic() - started
                if elapsed + 0.05 * attempt >= self.timeout or attempt >= 5:
                    raise error.final from None
                time.sleep(0.05 * attempt)

    @contextmanager
    def translated(self, *, retryable: bool = False, conflict: str = "") -> Iterator[None]:
        """Database failures as WorkspaceErrors; busy ones as RetryableError when `retryable`."""
        try:
            yield
        except exc.IntegrityError as error:
            if conflict:
                raise WorkspaceError.single(conflict) from None
            raise self.explain(error) from None
        except exc.DBAPIError as error:
            final = self.explain(error)
            if retryable and database_busy(error):
                raise RetryableError(final) from None
            raise final from None

    def explain(self, error: exc.DBAPIError) -> WorkspaceError:
        where = shown_url(self.url)
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        if database_busy(error):
            return WorkspaceError.single(
                f"{where}: the database is busy: another process held its lock for more than "
                f"{self.timeout:g} s, so nothing was saved; try again (or raise "
                f"{TIMEOUT_VARIABLE})"
            )
        if isinstance(error, exc.OperationalError) and self.dialect == "postgresql":
            return WorkspaceError.single(f"{where}: cannot reach the database: {reason}")
        if "unable to open" in reason:
            return WorkspaceError.single(f"{where}: cannot open the database: {reason}")
        if "not a database" in reason or "malformed" in reason:
            return WorkspaceError.single(f"{where}: not a workspace database ({reason})")
        return WorkspaceError.single(f"{where}: the database refused the request: {reason}")


class RetryableError(Exception):
    """A write that did not get its lock; `final` is the error to show when retries run out."""

    def __init__(self, final: WorkspaceError) -> None:
        super().__init__(str(final))
        self.final = final


def database_busy(error: exc.DBAPIError) -> bool:
    """Whether the database refused because another writer holds the lock."""
    state = getattr(error.orig, "sqlstate", None)
    if state in RETRY_STATES:
        return True
    text = str(error.orig).lower()
    return "database is locked" in text or "database is busy" in text
