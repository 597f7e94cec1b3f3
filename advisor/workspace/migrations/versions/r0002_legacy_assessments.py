"""Saved assessments of the earlier single-table store become clients' history.

Each row of `assessments` (written by `advisor assess --save` before the workspace) becomes a
history point, id kept, of the local user's client named after its company (names that differ
only in case are one client, spelt as first saved); scenario, verdict, score, pack, profile and
the full result are kept. The old tables go once everything is copied, in the same transaction.

Revision ID: 0002_legacy_assessments
Revises: 0001_workspace
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0002_legacy_assessments"
down_revision = "0001_workspace"
branch_labels = None
depends_on = None

OWNER = "local"  # model.LOCAL_USER when this revision was written; revisions never change
LEGACY_COLUMNS = (
    "id, saved_at, company, scenario, verdict, score, pack_name, pack_version, pack_digest, "
    "profile_json, result_json"
)

clients = sa.table(
    "clients",
    sa.column("id", sa.Integer),
    sa.column("name", sa.Text),
    sa.column("name_key", sa.Text),
    sa.column("owner", sa.String),
    sa.column("archived", sa.Boolean),
    sa.column("created_at", sa.String),
    sa.column("updated_at", sa.String),
)
history = sa.table(
    "history",
    sa.column("id", sa.Integer),
    sa.column("client_id", sa.Integer),
    sa.column("case_id", sa.Integer),
    sa.column("scenario", sa.Text),
    sa.column("saved_at", sa.String),
    sa.column("verdict", sa.String),
    sa.column("score", sa.Float),
    sa.column("pack_name", sa.Text),
    sa.column("pack_version", sa.Text),
    sa.column("pack_digest", sa.String),
    sa.column("profile", sa.JSON),
    sa.column("result", sa.JSON),
)


def upgrade() -> None:
    bind = op.get_bind()
    tables = set(sa.inspect(bind).get_table_names())
    if "assessments" not in tables:
        return
    rows = bind.execute(sa.text(f"SELECT {LEGACY_COLUMNS} FROM assessments ORDER BY id")).all()
    client_ids: dict[str, int] = {}
    for row in rows:
        key = str(row.company).strip().casefold()
        if key not in client_ids:
            client_ids[key] = _add_client(bind, row, rows)
        bind.execute(sa.insert(history).values(_history_values(row, client_ids[key])))
    op.drop_table("assessments")
    if "migrations" in tables:
        op.drop_table("migrations")


def _add_client(bind: sa.Connection, first: Any, rows: Sequence[Any]) -> int:
    key = str(first.company).strip().casefold()
    times = [str(row.saved_at) for row in rows if str(row.company).strip().casefold() == key]
    result = bind.execute(
        sa.insert(clients)
        .values(
            name=str(first.company).strip(),
            name_key=key,
            owner=OWNER,
            archived=False,
            created_at=min(times),
            updated_at=max(times),
        )
        .returning(clients.c.id)
    )
    return int(result.scalar_one())


def _history_values(row: Any, client_id: int) -> dict[str, Any]:
    return {
        "id": row.id,
        "client_id": client_id,
        "case_id": None,
        "scenario": row.scenario,
        "saved_at": row.saved_at,
        "verdict": row.verdict,
        "score": row.score,
        "pack_name": row.pack_name,
        "pack_version": row.pack_version,
        "pack_digest": row.pack_digest,
        "profile": _document(row, "profile_json"),
        "result": _document(row, "result_json"),
    }


def _document(row: Any, column: str) -> Any:
    try:
        return json.loads(getattr(row, column))
    except (TypeError, ValueError) as error:
        raise ValueError(f"saved assessment #{row.id}: {column} is not JSON ({error})") from None


def downgrade() -> None:
    """Nothing to undo: the imported rows are the workspace's history now."""
