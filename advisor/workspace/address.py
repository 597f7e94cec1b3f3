"""Where the workspace database is, worked out from the address alone.

Nothing here loads the database library, so the app can tell a workspace that was never
opened from one worth reading before it pays for importing SQLAlchemy.
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_PATH = Path.home() / ".am-advisor" / "advisor.db"
URL_VARIABLE = "ADVISOR_DATABASE_URL"
SQLITE_FILE = "sqlite:///"


def database_url(explicit: str | None = None) -> str:
    """`explicit`, else $ADVISOR_DATABASE_URL, else the SQLite file in ~/.am-advisor.

    A plain file path (no `scheme://`) means that SQLite file, as `--db PATH` always did.
    """
    chosen = (explicit or "").strip() or os.environ.get(URL_VARIABLE, "").strip()
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
