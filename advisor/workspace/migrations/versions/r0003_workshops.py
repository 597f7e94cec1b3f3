"""Workshops on saved cases: the workshop (open or closed, the consultant's consensus), its
respondents (name, role, the SHA-256 of their link token, revoked) and their answers.

Revision ID: 0003_workshops
Revises: 0002_legacy_assessments
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_workshops"
down_revision = "0002_legacy_assessments"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "workshops",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "case_id",
            sa.Integer,
            sa.ForeignKey("cases.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("closed_at", sa.String(40), nullable=True),
        sa.Column("overrides", sa.JSON, nullable=False),
        sa.UniqueConstraint("case_id", name="workshops_case"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "workshop_respondents",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "workshop_id",
            sa.Integer,
            sa.ForeignKey("workshops.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("name_key", sa.Text, nullable=False),
        sa.Column("role", sa.String(40), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("revoked", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.UniqueConstraint("workshop_id", "name_key", name="workshop_respondents_name"),
        sa.UniqueConstraint("token_hash", name="workshop_respondents_token"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "workshop_answers",
        sa.Column(
            "respondent_id",
            sa.Integer,
            sa.ForeignKey("workshop_respondents.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("field", sa.String(64), primary_key=True),
        sa.Column("value", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("saved_at", sa.String(40), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("workshop_answers")
    op.drop_table("workshop_respondents")
    op.drop_table("workshops")
