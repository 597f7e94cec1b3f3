"""Where the workspace database is, worked out from the address alone.

Nothing here loads the database library, so the app can tell a workspace that was never
opened from one worth reading before it pays for importing SQLAlchemy.
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_PATH = Path.home() / ".am-advisor" / "advisor.db"
URL_VARIABLE = "ADVISOR_DATABASE_URL"
# Or the address in a file (a container's secret), so the password is in no environment.
URL_FILE_VARIABLE = "ADVISOR_DATABASE_URL_FILE"
SQLITE_FILE = "sqlite:///"


def database_url(explicit: str | None = None) -> str:
    """`explicit`, else $ADVISOR_DATABASE_URL, else the first line of the file
    $ADVISOR_DATABASE_URL_FILE names, else the SQLite file in ~/.am-advisor.

    A plain file path (no `scheme://`) means that SQLite file, as `--db PATH` always did.
    """
    chosen = (explicit or "").strip() or os.environ.get(URL_VARIABLE, "").strip()
    if not chosen and os.environ.get(URL_FILE_VARIABLE, "").strip():
        chosen = _url_from_file(os.environ[URL_FILE_VARIABLE].strip())
    if not chosen:
        return f"{SQLITE_FILE}{DEFAULT_PATH}"
    if "://" not in chosen:
        return f"{SQLITE_FILE}{Path(chosen).expanduser().resolve()}"
    return chosen


def never_created(url: str) -> bool:
    """Whether `url` is a SQLite file that does not exist yet: a workspace with nothing in it.

    Only an address whose file is certain from its text counts (`sqlite:///PATH`, no options,
    no escapes); anything else, a server or memory included, answers False and is opened.
    """
    if not url.startswith(SQLITE_FILE):
        return False
    path = url[len(SQLITE_FILE) :]
    if not path or path == ":memory:" or any(mark in path for mark in "?%"):
        return False
    return not Path(path).exists()


def _url_from_file(path: str) -> str:
    """The address written on the first line of a file; an error naming the variable and the
    file (never its contents) when it cannot be read or is empty."""
    reason = None
    try:
        with open(path, encoding="utf-8") as handle:
            line = handle.readline(64 * 1024).strip()
    except (OSError, UnicodeDecodeError) as error:
        line, reason = "", getattr(error, "strerror", None) or ""
    if line:
        return line
    from advisor.i18n import _  # only on the error path
    from advisor.workspace.model import WorkspaceError

    values = {"variable": URL_FILE_VARIABLE, "file": path, "reason": reason}
    # Translators: {variable} is an environment variable's name; {file} a file's path; {reason}
    # the system's words.
    message = (
        _(
            "{variable} names {file}, which has no address on its first line: write the "
            "database URL (e.g. postgresql+psycopg://USER:PASSWORD@HOST/NAME) on its first line",
            **values,
        )
        if reason is None
        else _(
            "{variable} names {file}, which cannot be read ({reason}): write the database URL "
            "(e.g. postgresql+psycopg://USER:PASSWORD@HOST/NAME) on its first line",
            **values,
        )
        if reason
        else _(
            "{variable} names {file}, which cannot be read (not UTF-8 text): write the "
            "database URL (e.g. postgresql+psycopg://USER:PASSWORD@HOST/NAME) on its first line",
            **values,
        )
    )
    raise WorkspaceError.single(message, path=URL_FILE_VARIABLE)
