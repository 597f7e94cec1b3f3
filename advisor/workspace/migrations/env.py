"""Alembic's entry point: runs the revisions on the connection `workspace.migrate` hands over.

That connection already holds the migration lock inside its transaction, so the revisions run
in that one transaction: all of them or none.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection


def run_migrations(connection: Connection) -> None:
    context.configure(connection=connection, transactional_ddl=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


# Alembic runs this file inside a migration, where its `context` proxy carries the config; a
# plain import (a tool walking the package, a test importing every module) does nothing.
if hasattr(context, "config"):
    handed_over = context.config.attributes["connection"]
    assert isinstance(handed_over, Connection)
    run_migrations(handed_over)
