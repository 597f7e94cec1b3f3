"""A workshop's questionnaire language: the language its respondents' links open in.

A nullable `language` column ("en" or "es") on `workshops`. Existing workshops keep none, so
their links open, as before, in the link's `?lang=` or else the respondent's browser language.
The downgrade drops the column.

Revision ID: 0011_workshop_language
Revises: 0010_compact_results
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_workshop_language"
down_revision = "0010_compact_results"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("workshops", sa.Column("language", sa.String(8), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("workshops") as batch:
        batch.drop_column("language")
