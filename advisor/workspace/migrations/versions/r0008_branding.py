"""The consultancy's branding: its name and logo, shown on every document's cover.

`branding` holds at most one row (key `firm`): the name, the logo as checked PNG bytes (NULL
without one), who saved it and when.

Revision ID: 0008_branding
Revises: 0007_calibrations
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_branding"
down_revision = "0007_calibrations"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "branding",
        sa.Column("key", sa.String(20), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("logo", sa.LargeBinary, nullable=True),
        sa.Column("saved_by", sa.String(320), nullable=False),
        sa.Column("saved_at", sa.String(40), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("branding")
