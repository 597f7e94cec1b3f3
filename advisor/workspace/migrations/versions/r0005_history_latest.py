"""A client's latest saved assessment read from one index.

The history index gains the verdict and the score after (client, saved at, id): the client
listing finds each client's newest point, and what it says, by walking that index backwards
from the client, never reading the history rows (whose profile and result are large). The
index it replaces is its prefix.

Revision ID: 0005_history_latest
Revises: 0004_identities
"""

from __future__ import annotations

from alembic import op

revision = "0005_history_latest"
down_revision = "0004_identities"
branch_labels = None
depends_on = None


# A database stamped back to an earlier revision keeps the indexes it had: either index may
# already be there, or already gone.


def upgrade() -> None:
    op.create_index(
        "history_client_latest",
        "history",
        ["client_id", "saved_at", "id", "verdict", "score"],
        if_not_exists=True,
    )
    op.drop_index("history_client_saved", "history", if_exists=True)


def downgrade() -> None:
    op.create_index(
        "history_client_saved", "history", ["client_id", "saved_at", "id"], if_not_exists=True
    )
    op.drop_index("history_client_latest", "history", if_exists=True)
