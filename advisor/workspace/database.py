"""Connections to the workspace database: SQLite by default, a team's Postgres when configured.

SQLite runs in WAL mode, and every write is one `BEGIN IMMEDIATE` transaction, so concurrent
writers queue for the lock instead of failing half-way. A writer asks for the lock every few
milliseconds, at random and more often the longer it has waited, until the timeout
(`write_lock`): SQLite's own busy handler backs off to one try every 100 ms, so a writer that
has waited long lost the lock, again and again, to writers that came after it and asked more
often. Postgres gets the timeout as its lock timeout and queues writers itself.

Every database failure leaves here as a `WorkspaceError` whose message names the database
(password hidden) and says what to do. A write is retried when re-running it is safe and may
succeed: it could not get its lock in time, Postgres gave it up as a serialization failure or a
deadlock, or a concurrent writer inserted the same unique key after the write checked for it (a
client or a scenario of that name): the transaction rolled back, changed nothing, and the work
checks again when it runs again, so the second run finds the other writer's row and either uses
it or refuses with the reason that is now true.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import create_engine, event, exc
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.pool import StaticPool

from advisor.i18n import _, formats, p_
from advisor.workspace.model import WorkspaceError

T = TypeVar("T")
TIMEOUT_VARIABLE = "ADVISOR_DATABASE_TIMEOUT"
DEFAULT_TIMEOUT = 20.0  # seconds a write waits for other writers before it gives up
CONNECT_TIMEOUT = 10.0  # seconds at most to reach a Postgres server
WRITE = "advisor_write"  # the execution option that makes a SQLite transaction IMMEDIATE
# Postgres SQLSTATEs worth a retry: lock timeout, serialization failure, deadlock.
RETRY_STATES = {"55P03", "40001", "40P01"}
UNIQUE_VIOLATION = "23505"
# How often a write runs again after a concurrent writer took the unique key it wanted: each
# run after the first finds that writer's row, so a second run settles it; more are spare.
CONFLICT_RUNS = 4
# A waiting SQLite writer asks for the lock again after a random pause: up to LOCK_POLL seconds
# at first, less the longer it has waited (down to LOCK_POLL_LEAST), so the writer that has
# waited longest is the likeliest to get the lock when it comes free.
LOCK_POLL = 0.02
LOCK_POLL_LEAST = 0.002
SUPPORTED = ("sqlite", "postgresql")


def database_timeout(explicit: float | None = None) -> float:
    """`explicit`, else $ADVISOR_DATABASE_TIMEOUT (seconds), else 20 seconds."""
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
            # Translators: {variable} is an environment variable's name; {text} its value.
            _(
                "{variable}: '{text}' is not a number of seconds between 0 and 3600",
                variable=TIMEOUT_VARIABLE,
                text=text,
            )
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
            _(
                "'{url}' is not a database URL; expected sqlite:///PATH or "
                "postgresql+psycopg://USER@HOST/NAME",
                url=url,
            ),
            path=p_("field", "database URL"),
        ) from None
    if parsed.get_backend_name() not in SUPPORTED:
        raise WorkspaceError.single(
            # Translators: {where} is the database's address; {backend} a database's kind.
            _(
                "{where}: unsupported database '{backend}'; expected sqlite:///PATH or "
                "postgresql+psycopg://USER@HOST/NAME",
                where=shown_url(parsed),
                backend=parsed.get_backend_name(),
            ),
            path=p_("field", "database URL"),
        )
    if parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() != "psycopg":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def make_engine(url: str, timeout: float) -> Engine:
    """An engine for `url` with the workspace's connection settings."""
    parsed = parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed, timeout)
    try:
        import psycopg  # noqa: F401  (the driver SQLAlchemy loads for postgresql+psycopg)
    except ImportError:
        raise WorkspaceError.single(
            _(
                "{where}: a Postgres workspace needs the Postgres driver, which this "
                "installation lacks: install the `postgres` extra (pip install "
                "'am-advisor[postgres]', or `uv sync --extra postgres` in a checkout)",
                where=shown_url(parsed),
            ),
            path=p_("field", "database URL"),
        ) from None
    milliseconds = int(timeout * 1000)
    return create_engine(
        parsed,
        pool_pre_ping=True,
        connect_args={
            # Reaching the server is not queueing for a lock: an unreachable one is said soon.
            "connect_timeout": max(1, int(min(timeout, CONNECT_TIMEOUT))),
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
                # Translators: {where} is the database's address; {reason} the system's words.
                _(
                    "{where}: cannot create its folder: {reason}",
                    where=shown_url(parsed),
                    reason=error.strerror or error,
                )
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
            write_ahead_log(dbapi_connection, timeout)
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        if connection.get_execution_options().get(WRITE, False):
            write_lock(connection, timeout)
        else:
            connection.exec_driver_sql("BEGIN")

    return engine


def write_ahead_log(raw: sqlite3.Connection, timeout: float) -> None:
    """Put the database in WAL mode, asking again every 1 to 20 ms until `timeout` passes.

    On a new database, the change needs the write lock, and while another connection holds it
    (another process making the same change) SQLite refuses at once, without its busy handler:
    eight processes opening one new store would see "database is locked" in a few milliseconds.
    Once the database is in WAL mode, the change is a no-op that never waits.
    """
    started = time.monotonic()
    while True:
        try:
            raw.execute("PRAGMA journal_mode = WAL").fetchall()
            return
        except sqlite3.OperationalError as error:
            if not _sqlite_busy(str(error)) or time.monotonic() - started >= timeout:
                raise
        time.sleep(random.uniform(LOCK_POLL_LEAST / 2, LOCK_POLL))


def write_lock(connection: Connection, timeout: float) -> None:
    """`BEGIN IMMEDIATE`, asked for every 1 to 20 ms at random (more often the longer it has
    waited) until `timeout` passes.

    SQLite's busy handler is off while asking (an answer is immediate) and back on afterwards
    for anything else that may have to wait. When the time is up (or the database refuses for
    another reason), one last try raises the refusal through SQLAlchemy, for `Database.write`
    to report.
    """
    raw: Any = connection.connection.driver_connection
    started = time.monotonic()
    raw.execute("PRAGMA busy_timeout = 0")
    try:
        while (waited := time.monotonic() - started) < timeout:
            try:
                raw.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                if not _sqlite_busy(str(error)):
                    break  # asked once more below, where the driver's error is wrapped
            longest = max(LOCK_POLL_LEAST, LOCK_POLL / (1 + 10 * waited))
            time.sleep(random.uniform(0.5, 1.0) * longest)
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    finally:
        raw.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")


# The connection's list of what to do once its write transaction has committed (the audit
# trail's log lines): a run that rolls back or runs again never does them.
AFTER_COMMIT = "advisor_after_commit"


def after_commit(connection: Connection, action: Callable[[], None]) -> None:
    """Do `action` once the write transaction of `connection` has committed; at once outside
    `Database.write` (a migration, a test's own connection)."""
    pending = connection.info.get(AFTER_COMMIT)
    if pending is None:
        action()
    else:
        pending.append(action)


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
        """`work` in one write transaction, run again while that is safe and may succeed.

        `work` must check what it relies on inside the transaction (a name is free, a row is
        there), so that a second run re-checks. It runs again when the lock was busy, when
        Postgres gave the transaction up (serialization failure, deadlock) and time is left,
        and when a concurrent writer inserted the same unique key after `work` checked. A
        clash that persists is reported with `conflict` (the message for a name taken), or the
        database's reason when there is none.
        """
        started = time.monotonic()
        attempt = conflicts = 0
        while True:
            attempt += 1
            try:
                with (
                    self.translated(retryable=True, conflict=conflict),
                    self.engine.connect() as connection,
                ):
                    connection.execution_options(**{WRITE: True})
                    connection.info[AFTER_COMMIT] = []  # a run rolled back leaves nothing here
                    with connection.begin():
                        result = work(connection)
                    for done in connection.info.pop(AFTER_COMMIT):
                        done()
                    return result
            except ConflictError as error:
                conflicts += 1
                if conflicts >= CONFLICT_RUNS:
                    raise error.final from None
            except RetryableError as error:
                pause = random.uniform(0.01, 0.05) * attempt
                if time.monotonic() - started + pause >= self.timeout:
                    raise error.final from None
                time.sleep(pause)

    @contextmanager
    def translated(self, *, retryable: bool = False, conflict: str = "") -> Iterator[None]:
        """Database failures as WorkspaceErrors; when `retryable`, busy ones as RetryableError
        and unique-key clashes as ConflictError."""
        try:
            yield
        except exc.IntegrityError as error:
            final = WorkspaceError.single(conflict) if conflict else self.explain(error)
            if retryable and unique_violation(error):
                raise ConflictError(final) from None
            raise final from None
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
                # Translators: {where} is the database's address; {seconds} a number; {variable}
                # an environment variable's name.
                _(
                    "{where}: the database is busy: another process held its lock for more "
                    "than {seconds} s, so nothing was saved; try again (or raise {variable})",
                    where=where,
                    seconds=formats.number(self.timeout, 3),
                    variable=TIMEOUT_VARIABLE,
                )
            )
        if isinstance(error, exc.OperationalError) and self.dialect == "postgresql":
            # Translators: {where} is the database's address; {reason} the driver's own words.
            return WorkspaceError.single(
                _("{where}: cannot reach the database: {reason}", where=where, reason=reason)
            )
        if "unable to open" in reason:
            return WorkspaceError.single(
                _("{where}: cannot open the database: {reason}", where=where, reason=reason)
            )
        if "not a database" in reason or "malformed" in reason:
            return WorkspaceError.single(
                _("{where}: not a workspace database ({reason})", where=where, reason=reason)
            )
        return WorkspaceError.single(
            _("{where}: the database refused the request: {reason}", where=where, reason=reason)
        )


class RetryableError(Exception):
    """A write that did not get its lock; `final` is the error to show when retries run out."""

    def __init__(self, final: WorkspaceError) -> None:
        super().__init__(str(final))
        self.final = final


class ConflictError(RetryableError):
    """A write that clashed with a unique key; `final` is the error to show if it persists."""


def database_busy(error: exc.DBAPIError) -> bool:
    """Whether the database refused because another writer holds the lock."""
    state = getattr(error.orig, "sqlstate", None)
    if state in RETRY_STATES:
        return True
    return _sqlite_busy(str(error.orig))


def _sqlite_busy(text: str) -> bool:
    lowered = text.lower()
    return "database is locked" in lowered or "database is busy" in lowered


def unique_violation(error: exc.DBAPIError) -> bool:
    """Whether the database refused a row because its unique key is taken."""
    if getattr(error.orig, "sqlstate", None) == UNIQUE_VIOLATION:
        return True
    return "unique constraint failed" in str(error.orig).lower()
