"""The workspace's tables, declared once for the queries (SQLAlchemy Core).

The migrations in `migrations/versions/` build these tables; a test holds the two equal. Times
are ISO 8601 UTC text, documents are JSON columns, names keep the user's spelling and a
case-folded key that makes them unique. `sqlite_autoincrement` keeps SQLite from reusing the
id of a deleted row, so an old link or an undo never reaches a different client or case.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

# The newest migration; the store skips the migration run when the database is already here.
SCHEMA_REVISION = "0002_legacy_assessments"

metadata = MetaData()

clients = Table(
    "clients",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False),
    Column("name_key", Text, nullable=False),
    Column("owner", String(320), nullable=False),
    Column("archived", Boolean, nullable=False, default=False),
    Column("created_at", String(40), nullable=False),
    Column("updated_at", String(40), nullable=False),
    UniqueConstraint("owner", "name_key", name="clients_owner_name"),
    sqlite_autoincrement=True,
)

client_shares = Table(
    "client_shares",
    metadata,
    Column("client_id", Integer, ForeignKey("clients.id", ondelete="CASCADE"), primary_key=True),
    Column("colleague", String(320), primary_key=True),
    Column("shared_at", String(40), nullable=False),
    Index("client_shares_colleague", "colleague"),
)

packs = Table(
    "packs",
    metadata,
    Column("digest", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("version", Text, nullable=False),
    Column("stored_at", String(40), nullable=False),
)

pack_files = Table(
    "pack_files",
    metadata,
    Column("digest", String(64), ForeignKey("packs.digest", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("content", LargeBinary, nullable=False),
)

cases = Table(
    "cases",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("client_id", Integer, ForeignKey("clients.id", ondelete="CASCADE"), nullable=False),
    Column("scenario", Text, nullable=False),
    Column("scenario_key", Text, nullable=False),
    Column("revision", Integer, nullable=False),
    Column("verdict", String(40), nullable=False),
    Column("score", Float, nullable=False),
    Column("saved_at", String(40), nullable=False),
    Column("pack_name", Text, nullable=False),
    Column("pack_version", Text, nullable=False),
    Column("pack_digest", String(64), ForeignKey("packs.digest"), nullable=False),
    Column("notes", Text, nullable=False),
    Column("document", JSON, nullable=False),
    Column("result", JSON, nullable=False),
    UniqueConstraint("client_id", "scenario_key", name="cases_client_scenario"),
    sqlite_autoincrement=True,
)

history = Table(
    "history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("client_id", Integer, ForeignKey("clients.id", ondelete="CASCADE"), nullable=False),
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="SET NULL"), nullable=True),
    Column("scenario", Text, nullable=False),
    Column("saved_at", String(40), nullable=False),
    Column("verdict", String(40), nullable=False),
    Column("score", Float, nullable=False),
    Column("pack_name", Text, nullable=False),
    Column("pack_version", Text, nullable=False),
    # No foreign key: an imported assessment names a pack whose files were never stored.
    Column("pack_digest", String(64), nullable=False),
    Column("profile", JSON, nullable=False),
    Column("result", JSON, nullable=False),
    Index("history_client_saved", "client_id", "saved_at", "id"),
    sqlite_autoincrement=True,
)
