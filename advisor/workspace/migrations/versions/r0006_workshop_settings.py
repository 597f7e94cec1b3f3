"""A workshop's settings: the quorum (how many respondents must have answered before the
consensus verdict shows) and whether the room view names the respondents.

Existing workshops take a quorum of 1 and name their respondents, as before.

Revision ID: 0006_workshop_settings
Revises: 0005_history_latest
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_workshop_settings"
down_revision = "0005_history_latest"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("workshops", sa.Column("quorum", sa.Integer, nullable=False, server_default="1"))
    op.add_column(
        "workshops",
        sa.Column("anonymous", sa.Boolean, nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    with op.batch_alter_table("workshops") as batch:
        batch.drop_column("anonymous")
        batch.drop_column("quorum")
