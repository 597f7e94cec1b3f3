"""A firm's and its clients' calibrations of the rule pack, and who administers the firm's.

`calibrations` holds at most one pack per scope: `firm` (the workspace's own pack) or
`client:ID` (one client's, removed with the client). The pack's files are kept in the row as
JSON (`[[file name, text], ...]`) with the pack's name, version and digest. `workspace_admins`
lists the principals who may change the firm's pack.

Revision ID: 0007_calibrations
Revises: 0006_workshop_settings
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_calibrations"
down_revision = "0006_workshop_settings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "calibrations",
        sa.Column("scope", sa.String(40), primary_key=True),
        sa.Column(
            "client_id",
            sa.Integer,
            sa.ForeignKey("clients.id", ondelete="CASCADE"),
            nullable=True,
        ),
        sa.Column("pack_name", sa.Text, nullable=False),
        sa.Column("pack_version", sa.Text, nullable=False),
        sa.Column("pack_digest", sa.String(64), nullable=False),
        sa.Column("files", sa.JSON, nullable=False),
        sa.Column("saved_by", sa.String(320), nullable=False),
        sa.Column("saved_at", sa.String(40), nullable=False),
        sa.UniqueConstraint("client_id", name="calibrations_client"),
    )
    op.create_table(
        "workspace_admins",
        sa.Column("principal", sa.String(320), primary_key=True),
        sa.Column("granted_at", sa.String(40), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("workspace_admins")
    op.drop_table("calibrations")
