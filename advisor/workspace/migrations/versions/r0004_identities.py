"""Identities with an issuer, roles on shares, workshop links that expire, and an audit trail.

Owners and colleagues become typed principals: `local` stays `local`; an e-mail address
becomes `email:ADDRESS`, matched only by a sign-in whose provider vouches for that address; any
other name (a provider's subject, recorded without its issuer) becomes `legacy:SUBJECT`,
claimed by its first sign-in where a single provider is configured, or reassigned by an
operator. Every share becomes a collaborator's (what a share allowed until now). Open
workshops get links that expire three weeks from the upgrade. Two tables are added: the
consultants who signed in, and the audit trail.

Revision ID: 0004_identities
Revises: 0003_workshops
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0004_identities"
down_revision = "0003_workshops"
branch_labels = None
depends_on = None

# As `identity.py` spelt them when this revision was written; revisions never change.
LOCAL = "local"
EMAIL = "email:"
LEGACY = "legacy:"
LINK_DAYS = 21

clients = sa.table("clients", sa.column("id", sa.Integer), sa.column("owner", sa.String))
client_shares = sa.table(
    "client_shares",
    sa.column("client_id", sa.Integer),
    sa.column("colleague", sa.String),
)
workshops = sa.table(
    "workshops",
    sa.column("id", sa.Integer),
    sa.column("status", sa.String),
    sa.column("expires_at", sa.String),
)


def principal(name: str) -> str:
    """The principal an owner or colleague recorded before this revision stands for."""
    text = name.strip()
    if text.casefold() == LOCAL:
        return LOCAL
    if text.startswith((EMAIL, LEGACY, "oidc:")):
        return text
    local_part, at, domain = text.rpartition("@")
    if at and local_part and domain:
        return EMAIL + text.casefold()
    return LEGACY + text.casefold()


def upgrade() -> None:
    op.create_table(
        "consultants",
        sa.Column("principal", sa.String(320), primary_key=True),
        sa.Column("issuer", sa.Text, nullable=True),
        sa.Column("subject", sa.Text, nullable=True),
        sa.Column("email", sa.String(320), nullable=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("first_seen", sa.String(40), nullable=False),
        sa.Column("last_seen", sa.String(40), nullable=False),
    )
    op.create_index("consultants_email", "consultants", ["email"])
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(320), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("client_id", sa.Integer, nullable=True),
        sa.Column("client_name", sa.Text, nullable=True),
        sa.Column("owner", sa.String(320), nullable=True),
        sa.Column("case_id", sa.Integer, nullable=True),
        sa.Column("detail", sa.JSON, nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("audit_events_owner", "audit_events", ["owner", "at"])
    op.create_index("audit_events_client", "audit_events", ["client_id", "at"])
    op.create_index("audit_events_actor", "audit_events", ["actor", "at"])
    op.add_column(
        "client_shares",
        sa.Column("role", sa.String(20), nullable=False, server_default="collaborator"),
    )
    op.add_column("workshops", sa.Column("expires_at", sa.String(40), nullable=True))

    connection = op.get_bind()
    for client_id, owner in connection.execute(sa.select(clients.c.id, clients.c.owner)).all():
        if principal(owner) != owner:
            connection.execute(
                sa.update(clients).where(clients.c.id == client_id).values(owner=principal(owner))
            )
    shares = connection.execute(sa.select(client_shares.c.client_id, client_shares.c.colleague))
    for client_id, colleague in shares.all():
        if principal(colleague) != colleague:
            connection.execute(
                sa.update(client_shares)
                .where(
                    client_shares.c.client_id == client_id,
                    client_shares.c.colleague == colleague,
                )
                .values(colleague=principal(colleague))
            )
    expiry = dt.datetime.now(dt.UTC) + dt.timedelta(days=LINK_DAYS)
    connection.execute(
        sa.update(workshops)
        .where(workshops.c.status == "open")
        .values(expires_at=expiry.isoformat(timespec="microseconds"))
    )


def downgrade() -> None:
    # Batch mode: SQLite rebuilds a table to drop a column.
    with op.batch_alter_table("workshops") as table:
        table.drop_column("expires_at")
    with op.batch_alter_table("client_shares") as table:
        table.drop_column("role")
    op.drop_index("audit_events_actor", "audit_events")
    op.drop_index("audit_events_client", "audit_events")
    op.drop_index("audit_events_owner", "audit_events")
    op.drop_table("audit_events")
    op.drop_index("consultants_email", "consultants")
    op.drop_table("consultants")
