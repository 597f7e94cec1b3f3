"""The workspace: clients, their shares, stored rule packs, cases and the history of saves.

Revision ID: 0001_workspace
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_workspace"
down_revision: str | None = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "clients",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("name_key", sa.Text, nullable=False),
        sa.Column("owner", sa.String(320), nullable=False),
        sa.Column("archived", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.UniqueConstraint("owner", "name_key", name="clients_owner_name"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "client_shares",
        sa.Column(
            "client_id",
            sa.Integer,
            sa.ForeignKey("clients.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("colleague", sa.String(320), primary_key=True),
        sa.Column("shared_at", sa.String(40), nullable=False),
    )
    op.create_index("client_shares_colleague", "client_shares", ["colleague"])
    op.create_table(
        "packs",
        sa.Column("digest", sa.String(64), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("version", sa.Text, nullable=False),
        sa.Column("stored_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "pack_files",
        sa.Column(
            "digest",
            sa.String(64),
            sa.ForeignKey("packs.digest", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "client_id", sa.Integer, sa.ForeignKey("clients.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("scenario", sa.Text, nullable=False),
        sa.Column("scenario_key", sa.Text, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("verdict", sa.String(40), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("saved_at", sa.String(40), nullable=False),
        sa.Column("pack_name", sa.Text, nullable=False),
        sa.Column("pack_version", sa.Text, nullable=False),
        sa.Column("pack_digest", sa.String(64), sa.ForeignKey("packs.digest"), nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("document", sa.JSON, nullable=False),
        sa.Column("result", sa.JSON, nullable=False),
        sa.UniqueConstraint("client_id", "scenario_key", name="cases_client_scenario"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "history",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "client_id", sa.Integer, sa.ForeignKey("clients.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column(
            "case_id", sa.Integer, sa.ForeignKey("cases.id", ondelete="SET NULL"), nullable=True
        ),
        sa.Column("scenario", sa.Text, nullable=False),
        sa.Column("saved_at", sa.String(40), nullable=False),
        sa.Column("verdict", sa.String(40), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("pack_name", sa.Text, nullable=False),
        sa.Column("pack_version", sa.Text, nullable=False),
        sa.Column("pack_digest", sa.String(64), nullable=False),
        sa.Column("profile", sa.JSON, nullable=False),
        sa.Column("result", sa.JSON, nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("history_client_saved", "history", ["client_id", "saved_at", "id"])


def downgrade() -> None:
    for table in ("history", "cases", "pack_files", "packs", "client_shares", "clients"):
        op.drop_table(table)
