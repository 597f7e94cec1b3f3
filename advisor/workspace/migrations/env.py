"""Alembic's entry point: runs the revisions on the connection `workspace.migrate` hands over.

That connection already holds the migration lock inside its transaction, so the revisions run
in that one transaction: all of them or none.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

connection = context.config.attributes["connection"]
assert isinstance(connection, Connection)
context.configure(connection=connection, transactional_ddl=True, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
