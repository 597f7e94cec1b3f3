"""The workspace database's address is the server's business: the one local user reads it (the
Clients page names it, a failure says which database failed), a signed-in consultant or a
respondent never does; the server's log has the whole message.

The Clients page used to show every signed-in consultant the database address.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from apptest_support import TIMEOUT_S, assert_no_exception, open_app, page_text
from roles_support import ANNA, open_page, signed_in_app
from streamlit.testing.v1 import AppTest

from advisor.ui.cases import DATABASE_TROUBLE

PAGES = ("Clients", "Cases", "History", "Compare", "Workshop")


@pytest.fixture
def broken_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace address whose file is no database at all."""
    path = tmp_path / "team-secret-location" / "workspace.db"
    path.parent.mkdir()
    path.write_bytes(b"this is not a database" * 100)
    monkeypatch.setenv("ADVISOR_DATABASE_URL", f"sqlite:///{path}")
    return path


def test_the_clients_page_shows_a_signed_in_consultant_no_database_address(
    workspace_url: str,
) -> None:
    anna = open_page(signed_in_app(ANNA), "Clients")
    text = page_text(anna)
    assert "Signed in as anna@example.com" in text
    assert "Database:" not in text and "workspace.db" not in text
    local = open_app("Clients")
    assert f"Database: {workspace_url.removeprefix('sqlite:///')}" in page_text(local)


@pytest.mark.parametrize("page", PAGES)
def test_a_database_failure_names_the_database_to_the_local_user_only(
    broken_database: Path, page: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="advisor.app")
    local = open_app(page)
    assert str(broken_database) in page_text(local)
    anna = open_page(signed_in_app(ANNA), page)
    text = page_text(anna)
    assert "team-secret-location" not in text and "workspace.db" not in text
    assert DATABASE_TROUBLE in text
    assert "tell whoever runs this server" in text
    logged = [r.getMessage() for r in caplog.records if r.name == "advisor.app"]
    assert any(str(broken_database) in line and "database_error" in line for line in logged)


def test_a_respondent_never_reads_the_database_address(
    broken_database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def script() -> None:
        import streamlit as st

        from advisor.ui import cases
        from advisor.workspace.model import WorkspaceError

        failure = WorkspaceError.single(f"{cases.shown_url()}: cannot open the database: locked")
        refusal = WorkspaceError.single("this link is not valid")
        st.write("local: " + cases.error_text(failure))
        st.write("respondent: " + cases.error_text(failure, respondent=True))
        st.write("refusal: " + cases.error_text(refusal, respondent=True))

    at = AppTest.from_function(script, default_timeout=TIMEOUT_S).run()
    assert_no_exception(at)
    said = {m.value.split(": ", 1)[0]: m.value.split(": ", 1)[1] for m in at.markdown}
    assert said["local"].startswith(str(broken_database))
    assert said["respondent"] == DATABASE_TROUBLE
    assert said["refusal"] == "this link is not valid"
