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
    false,
)

# The newest migration; the store skips the migration run when the database is already here.
SCHEMA_REVISION = "0011_workshop_language"

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
    # The case the consultant marked as the client's current one (NULL: the case named
    # "today", else the first saved). No foreign key: a deleted case leaves the pointer, and
    # the listing falls back to that default.
    Column("headline_case_id", Integer, nullable=True),
    UniqueConstraint("owner", "name_key", name="clients_owner_name"),
    sqlite_autoincrement=True,
)

client_shares = Table(
    "client_shares",
    metadata,
    Column("client_id", Integer, ForeignKey("clients.id", ondelete="CASCADE"), primary_key=True),
    Column("colleague", String(320), primary_key=True),
    Column("shared_at", String(40), nullable=False),
    # collaborator (sees, saves cases) | viewer (sees only); the owner is `clients.owner`
    Column("role", String(20), nullable=False, server_default="collaborator"),
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
    # Read from the document and the result when saved, so the client listing never parses
    # them: the plan's date to open the search, and the profile's sector and country.
    Column("hire_by", String(10), nullable=True),
    Column("sector", Text, nullable=True),
    Column("country", Text, nullable=True),
    UniqueConstraint("client_id", "scenario_key", name="cases_client_scenario"),
    # Covering: what the client listing shows of a headline case, read from the index alone.
    Index(
        "cases_headline",
        "client_id",
        "id",
        "scenario",
        "verdict",
        "score",
        "saved_at",
        "hire_by",
        "sector",
        "country",
    ),
    sqlite_autoincrement=True,
)

# One saved result per rule pack that the others judged on it are stored as differences from
# (`workspace.compact`), under the SHA-256 of its JSON; never changed once stored.
result_bases = Table(
    "result_bases",
    metadata,
    Column("digest", String(64), primary_key=True),
    Column("pack_digest", String(64), nullable=False, index=True),
    Column("body", JSON, nullable=False),
    Column("stored_at", String(40), nullable=False),
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
    # Covering: a client's newest point and what it says, read from the index alone.
    Index("history_client_latest", "client_id", "saved_at", "id", "verdict", "score"),
    sqlite_autoincrement=True,
)

workshops = Table(
    "workshops",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False),
    Column("status", String(10), nullable=False),  # open | closed
    Column("created_at", String(40), nullable=False),
    Column("closed_at", String(40), nullable=True),
    # Links stop working at this time (set when the workshop is opened or reopened).
    Column("expires_at", String(40), nullable=True),
    Column("overrides", JSON, nullable=False),  # the consultant's consensus: {field: value}
    # How many respondents must have answered before the consensus verdict shows.
    Column("quorum", Integer, nullable=False, server_default="1"),
    Column("anonymous", Boolean, nullable=False, server_default=false()),  # room names nobody
    # The questionnaire's language ("en" | "es"; NULL: the link's or the respondent's browser's).
    Column("language", String(8), nullable=True),
    UniqueConstraint("case_id", name="workshops_case"),
    sqlite_autoincrement=True,
)

workshop_respondents = Table(
    "workshop_respondents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("workshop_id", Integer, ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False),
    Column("name", Text, nullable=False),
    Column("name_key", Text, nullable=False),
    Column("role", String(40), nullable=False),
    # Only the SHA-256 of the respondent's link token: a copy of the database opens no link.
    Column("token_hash", String(64), nullable=False),
    Column("revoked", Boolean, nullable=False),
    Column("created_at", String(40), nullable=False),
    UniqueConstraint("workshop_id", "name_key", name="workshop_respondents_name"),
    UniqueConstraint("token_hash", name="workshop_respondents_token"),
    sqlite_autoincrement=True,
)

workshop_answers = Table(
    "workshop_answers",
    metadata,
    Column(
        "respondent_id",
        Integer,
        ForeignKey("workshop_respondents.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("field", String(64), primary_key=True),
    Column("value", JSON(none_as_null=True), nullable=True),  # NULL: "don't know"
    Column("comment", Text, nullable=False),
    Column("saved_at", String(40), nullable=False),
)

# Everyone who ever signed in: their principal (`identity.py`), issuer and subject, the
# address the provider vouched for at their last sign-in, and the name it gave.
consultants = Table(
    "consultants",
    metadata,
    Column("principal", String(320), primary_key=True),
    Column("issuer", Text, nullable=True),
    Column("subject", Text, nullable=True),
    Column("email", String(320), nullable=True),
    Column("name", Text, nullable=False),
    Column("first_seen", String(40), nullable=False),
    Column("last_seen", String(40), nullable=False),
    Index("consultants_email", "email"),
)

# Who did what, when. No foreign keys: the trail outlives the client it is about. `owner` is
# the client's owner when it happened, the one who may read it.
audit_events = Table(
    "audit_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", String(40), nullable=False),
    Column("actor", String(320), nullable=False),
    Column("action", String(40), nullable=False),
    Column("client_id", Integer, nullable=True),
    Column("client_name", Text, nullable=True),
    Column("owner", String(320), nullable=True),
    Column("case_id", Integer, nullable=True),
    Column("detail", JSON, nullable=False),
    Index("audit_events_owner", "owner", "at"),
    Index("audit_events_client", "client_id", "at"),
    Index("audit_events_actor", "actor", "at"),
    sqlite_autoincrement=True,
)

# A firm's calibration of the rule pack (scope `firm`) or one client's (scope `client:ID`).
calibrations = Table(
    "calibrations",
    metadata,
    Column("scope", String(40), primary_key=True),
    Column("client_id", Integer, ForeignKey("clients.id", ondelete="CASCADE"), nullable=True),
    Column("pack_name", Text, nullable=False),
    Column("pack_version", Text, nullable=False),
    Column("pack_digest", String(64), nullable=False),
    Column("files", JSON, nullable=False),  # [[file name, text], ...]
    Column("saved_by", String(320), nullable=False),
    Column("saved_at", String(40), nullable=False),
    UniqueConstraint("client_id", name="calibrations_client"),
)

# Who may change the firm's calibration; granted by the workspace's operator.
workspace_admins = Table(
    "workspace_admins",
    metadata,
    Column("principal", String(320), primary_key=True),
    Column("granted_at", String(40), nullable=False),
)

# The consultancy's name and logo (checked PNG bytes) on every document's cover: one row, `firm`.
branding = Table(
    "branding",
    metadata,
    Column("key", String(20), primary_key=True),
    Column("name", Text, nullable=False),
    Column("logo", LargeBinary, nullable=True),
    Column("saved_by", String(320), nullable=False),
    Column("saved_at", String(40), nullable=False),
)
