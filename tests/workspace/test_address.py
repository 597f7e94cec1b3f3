"""Where the workspace database is, decided from its address without loading SQLAlchemy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from advisor.workspace import WorkspaceError
from advisor.workspace.address import database_url, never_created

ROOT = Path(__file__).resolve().parents[2]


def test_never_created_only_for_a_sqlite_file_that_does_not_exist(tmp_path: Path) -> None:
    missing = tmp_path / "new" / "advisor.db"
    assert never_created(f"sqlite:///{missing}")
    assert never_created(database_url(str(missing)))  # a plain path, as --db PATH gives it
    missing.parent.mkdir()
    missing.write_bytes(b"")
    assert not never_created(f"sqlite:///{missing}")


def test_never_created_is_false_for_any_address_it_cannot_be_sure_of(tmp_path: Path) -> None:
    missing = tmp_path / "advisor.db"
    for url in (
        "sqlite://",
        "sqlite:///:memory:",
        f"sqlite:///{missing}?mode=ro",  # options: SQLAlchemy may read the file otherwise
        f"sqlite:///{tmp_path}/with%20space.db",  # escapes: the file name is not the text
        f"sqlite+pysqlite:///{missing}",
        "postgresql+psycopg://team@db/advisor",
        "",
    ):
        assert not never_created(url), url


def test_the_records_and_the_address_load_without_sqlalchemy() -> None:
    """The app's first page reads `LOCAL_USER` and the address; neither may cost SQLAlchemy."""
    check = (
        "import sys\n"
        "import advisor.workspace, advisor.workspace.model, advisor.workspace.address\n"
        "assert 'sqlalchemy' not in sys.modules, 'loaded with the records'\n"
        "from advisor.workspace import Workspace\n"
        "assert Workspace.__module__ == 'advisor.workspace.store'\n"
        "assert 'sqlalchemy' in sys.modules\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", check],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def test_the_address_can_come_from_a_file_a_container_secret(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = tmp_path / "database-url"
    secret.write_text("postgresql+psycopg://advisor:s3cret@db:5432/advisor\nignored\n")
    monkeypatch.delenv("ADVISOR_DATABASE_URL", raising=False)
    monkeypatch.setenv("ADVISOR_DATABASE_URL_FILE", str(secret))
    assert database_url() == "postgresql+psycopg://advisor:s3cret@db:5432/advisor"
    assert database_url("sqlite:///elsewhere.db") == "sqlite:///elsewhere.db"  # --db still wins
    monkeypatch.setenv("ADVISOR_DATABASE_URL", "sqlite:///from-the-variable.db")
    assert database_url() == "sqlite:///from-the-variable.db"  # so does the variable itself


def test_an_unreadable_or_empty_address_file_is_named_never_its_contents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ADVISOR_DATABASE_URL", raising=False)
    missing = tmp_path / "nowhere"
    monkeypatch.setenv("ADVISOR_DATABASE_URL_FILE", str(missing))
    with pytest.raises(WorkspaceError, match=r"ADVISOR_DATABASE_URL_FILE names .*nowhere"):
        database_url()
    empty = tmp_path / "empty"
    empty.write_text("\n")
    monkeypatch.setenv("ADVISOR_DATABASE_URL_FILE", str(empty))
    with pytest.raises(WorkspaceError, match="has no address on its first line"):
        database_url()
