"""Workspace test helpers: a store URL on SQLite or Postgres, and a case ready to save.

Postgres tests run against the server in ADVISOR_TEST_POSTGRES_URL (`.ci/with-postgres` starts
a throw-away one), each in a fresh database dropped afterwards. Without that variable they skip
with the reason, unless ADVISOR_REQUIRE_POSTGRES=1 (CI), where they fail instead.
"""

from __future__ import annotations

import io
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from advisor.engine import Assessment, evaluate
from advisor.pack import RulePack, read_pack_documents
from advisor.profile import CompanyProfile, profile_to_dict
from advisor.workspace import CaseDocument

POSTGRES_URL = os.environ.get("ADVISOR_TEST_POSTGRES_URL", "").strip()
REQUIRE_POSTGRES = os.environ.get("ADVISOR_REQUIRE_POSTGRES") == "1"
BACKENDS = ("sqlite", "postgres")
PACK_FILES = read_pack_documents()


def need_postgres() -> str:
    """The server's URL, or skip (fail in CI) with the reason."""
    if POSTGRES_URL:
        return POSTGRES_URL
    reason = "ADVISOR_TEST_POSTGRES_URL is not set (run the suite through .ci/with-postgres)"
    if REQUIRE_POSTGRES:
        pytest.fail(f"ADVISOR_REQUIRE_POSTGRES=1 but {reason}")
    pytest.skip(reason)


@contextmanager
def fresh_database(backend: str, folder: Path) -> Iterator[str]:
    """A URL to an empty database of that backend, removed afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'workspace.db'}"
        return
    server = make_url(need_postgres())
    name = f"advisor_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def make_case(
    profile: CompanyProfile, pack: RulePack, notes: str = "", **document: Any
) -> tuple[CaseDocument, Assessment]:
    assessment = evaluate(profile, pack)
    return (
        CaseDocument(
            profile=profile_to_dict(profile),
            role_edits=document.get("role_edits"),
            crm=document.get("crm"),
            pack_digest=pack.digest,
            notes=notes,
        ),
        assessment,
    )


def logo_png(width: int = 240, height: int = 80) -> bytes:
    """A small two-colour PNG logo, drawn with Pillow."""
    from PIL import Image

    image = Image.new("RGB", (width, height), (31, 58, 95))
    image.paste((201, 138, 0), (0, 0, width // 3, height))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
