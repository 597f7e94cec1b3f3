"""Each client's headline case, and what the client listing reads of a case without its JSON.

`clients.headline_case_id` is the case the consultant marked as the client's current one; NULL
(every client this migration finds) means the default: the case named "today", else the first
saved. Each case gains the plan's date to open the search (`hire_by`) and the profile's `sector`
and `country`, read here once from the saved result and document, and by every save after;
the index `cases_headline` covers what the client listing reads of a headline case.

Revision ID: 0009_headline
Revises: 0008_branding
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0009_headline"
down_revision = "0008_branding"
branch_labels = None
depends_on = None

cases = sa.table(
    "cases",
    sa.column("id", sa.Integer),
    sa.column("document", sa.JSON),
    sa.column("result", sa.JSON),
    sa.column("hire_by", sa.String),
    sa.column("sector", sa.Text),
    sa.column("country", sa.Text),
)
BATCH = 500
# What the client listing reads of a headline case, covered by one index.
HEADLINE_INDEX = (
    "client_id",
    "id",
    "scenario",
    "verdict",
    "score",
    "saved_at",
    "hire_by",
    "sector",
    "country",
)


def _mapping(value: Any) -> dict[str, Any]:
    if isinstance(value, str | bytes):  # a driver that hands JSON back as text
        value = json.loads(value)
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _facts(document: Any, result: Any) -> dict[str, str | None]:
    """What `workspace.headline.case_facts` reads from a saved case, as it read it here."""
    profile = _mapping(_mapping(document).get("profile"))
    plan = _mapping(_mapping(result).get("plan"))
    opens = plan.get("search_opens_on")
    return {
        "hire_by": opens[:10] if isinstance(opens, str) and opens else None,
        "sector": _text(profile.get("sector")),
        "country": _text(profile.get("country")),
    }


def upgrade() -> None:
    with op.batch_alter_table("clients") as batch:
        batch.add_column(sa.Column("headline_case_id", sa.Integer, nullable=True))
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("hire_by", sa.String(10), nullable=True))
        batch.add_column(sa.Column("sector", sa.Text, nullable=True))
        batch.add_column(sa.Column("country", sa.Text, nullable=True))
    connection = op.get_bind()
    last = 0
    while True:
        rows = connection.execute(
            sa.select(cases.c.id, cases.c.document, cases.c.result)
            .where(cases.c.id > last)
            .order_by(cases.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            break
        for case_id, document, result in rows:
            connection.execute(
                sa.update(cases).where(cases.c.id == case_id).values(**_facts(document, result))
            )
        last = int(rows[-1][0])
    op.create_index("cases_headline", "cases", list(HEADLINE_INDEX))  # once filled: faster


def downgrade() -> None:
    op.drop_index("cases_headline", "cases")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("country")
        batch.drop_column("sector")
        batch.drop_column("hire_by")
    with op.batch_alter_table("clients") as batch:
        batch.drop_column("headline_case_id")
