"""The workspace schema's Alembic migrations, run by `workspace.migrate` (never by hand)."""
