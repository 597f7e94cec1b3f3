"""Saved results kept compactly: each pack's base result stored once, each save its differences.

Adds `result_bases` and converts, in batches, every history point's full result into the
compact form of `workspace.compact` (differences from the pack's base, deflated), then every
case's into a reference to its newest history point when that point holds the same result
(else the compact form). Every converted row is read back and compared before it is written,
so a row that would not come back equal keeps its full result. The downgrade writes every full
result back and drops the bases.

Revision ID: 0010_compact_results
Revises: 0009_headline
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.engine import Connection

from advisor.workspace.compact import is_compact, pack, point_reference, unpack

revision = "0010_compact_results"
down_revision = "0009_headline"
branch_labels = None
depends_on = None

BATCH = 500
cases = sa.table(
    "cases",
    sa.column("id", sa.Integer),
    sa.column("pack_digest", sa.String),
    sa.column("result", sa.JSON),
)
history = sa.table(
    "history",
    sa.column("id", sa.Integer),
    sa.column("case_id", sa.Integer),
    sa.column("pack_digest", sa.String),
    sa.column("result", sa.JSON),
)


def _batches(connection: Connection, table: Any) -> Any:
    """The table's (id, pack digest, result) rows in id order, a batch at a time."""
    last = 0
    while True:
        rows = connection.execute(
            sa.select(table.c.id, table.c.pack_digest, table.c.result)
            .where(table.c.id > last)
            .order_by(table.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            return
        yield rows
        last = int(rows[-1][0])


def _newest_point(connection: Connection, case_id: int) -> tuple[int, Any] | None:
    row = connection.execute(
        sa.select(history.c.id, history.c.result)
        .where(history.c.case_id == case_id)
        .order_by(history.c.id.desc())
        .limit(1)
    ).first()
    return None if row is None else (int(row[0]), row[1])


def upgrade() -> None:
    op.create_table(
        "result_bases",
        sa.Column("digest", sa.String(64), primary_key=True),
        sa.Column("pack_digest", sa.String(64), nullable=False),
        sa.Column("body", sa.JSON, nullable=False),
        sa.Column("stored_at", sa.String(40), nullable=False),
    )
    op.create_index("ix_result_bases_pack_digest", "result_bases", ["pack_digest"])
    connection = op.get_bind()
    for rows in _batches(connection, history):
        for point_id, digest, result in rows:
            if not is_compact(result):
                stored = pack(connection, digest, unpack(connection, result))
                connection.execute(
                    sa.update(history).where(history.c.id == point_id).values(result=stored)
                )
    for rows in _batches(connection, cases):
        for case_id, digest, result in rows:
            if is_compact(result):
                continue
            full = unpack(connection, result)
            newest = _newest_point(connection, case_id)
            if newest is not None and unpack(connection, newest[1]) == full:
                stored = point_reference(newest[0])
            else:
                stored = pack(connection, digest, full)
            connection.execute(sa.update(cases).where(cases.c.id == case_id).values(result=stored))


def downgrade() -> None:
    connection = op.get_bind()
    for table in (cases, history):  # cases first: they read their results from history
        for rows in _batches(connection, table):
            for row_id, _, result in rows:
                if is_compact(result):
                    full = unpack(connection, result)
                    connection.execute(
                        sa.update(table).where(table.c.id == row_id).values(result=full)
                    )
    op.drop_index("ix_result_bases_pack_digest", "result_bases")
    op.drop_table("result_bases")
