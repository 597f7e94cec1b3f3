"""A consultant's sign-in as the workspace records it: the clients it claims from before
identities named their provider (said once, on the page the sign-in opens), and a record that fails.

The same claim through a real sign-in, on a database migrated from before identities, is in
tests/browser/test_identities_in_chromium.py.
"""

from __future__ import annotations

from typing import Any

from apptest_support import APP, PAGE_SCRIPTS, TIMEOUT_S, assert_no_exception, page_text
from sqlalchemy import create_engine, text, update
from streamlit.testing.v1 import AppTest
from test_sign_in import AUTH, ISSUER

from advisor.workspace.identity import legacy_principal
from advisor.workspace.schema import clients
from advisor.workspace.store import Workspace

SUBJECT = "Auth0|Bob"  # as the provider gives it; recorded case-folded before identities
CLAIMED_WORDS = "recorded under your subject before identities named the provider"


def bob(subject: str = SUBJECT, **claims: Any) -> dict[str, Any]:
    return {"is_logged_in": True, "iss": ISSUER, "sub": subject, **claims}


def open_as(user: dict[str, Any], page: str, auth: dict[str, Any] | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    at.secrets["auth"] = auth or AUTH
    at.user = user
    at.run()
    at.switch_page(PAGE_SCRIPTS[page]).run()
    assert_no_exception(at)
    return at


def legacy_clients(url: str, *names: str) -> None:
    """Clients recorded under SUBJECT alone, as the migration leaves a subject-only owner."""
    with Workspace.open(url) as ws:
        ids = [ws.add_client(name).id for name in names]
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(
            update(clients).where(clients.c.id.in_(ids)).values(owner=legacy_principal(SUBJECT))
        )
    engine.dispose()


def client_rows(at: AppTest) -> list[dict[str, Any]]:
    """The Clients table's rows (the page's other tables, such as the audit trail, skipped)."""
    for frame in at.dataframe:
        if "Client" in frame.value.columns:
            rows: list[dict[str, Any]] = frame.value.to_dict("records")
            return rows
    return []


def claimed_notices(at: AppTest) -> list[str]:
    return [alert.value for alert in at.main.info if CLAIMED_WORDS in alert.value]


def first_page(user: dict[str, Any]) -> AppTest:
    """The page a consultant lands on once the provider sends them back: the root (Assess)."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    at.secrets["auth"] = AUTH
    at.user = user
    at.run()
    assert_no_exception(at)
    return at


def test_clients_claimed_by_a_sign_in_are_named_once_on_the_page_it_opens(
    workspace_url: str,
) -> None:
    legacy_clients(workspace_url, "Sub Co", "Other Co")
    at = first_page(bob())
    (notice,) = claimed_notices(at)
    assert notice.startswith(f"2 clients {CLAIMED_WORDS} that issued them are now yours: ")
    assert notice.endswith(". You find them on the Clients page.")
    assert "Sub Co" in notice
    assert "Other Co" in notice
    at.run()  # said once: the next run of the page does not repeat it
    assert claimed_notices(at) == []
    at.switch_page(PAGE_SCRIPTS["Clients"]).run()
    assert claimed_notices(at) == []
    assert [(row["Client"], row["Owner"]) for row in client_rows(at)] == [
        ("Other Co", "you"),
        ("Sub Co", "you"),
    ]
    again = open_as(bob(), "Clients")  # a later session: nothing left to claim
    assert claimed_notices(again) == []
    assert len(client_rows(again)) == 2


def test_one_claimed_client_is_named_in_the_singular(workspace_url: str) -> None:
    legacy_clients(workspace_url, "Sub Co")
    at = first_page(bob())
    expected = (
        f"1 client {CLAIMED_WORDS} that issued them is now yours: Sub Co. "
        "You find it on the Clients page."
    )
    assert claimed_notices(at) == [expected]


def test_with_two_providers_a_subject_alone_claims_nothing(workspace_url: str) -> None:
    legacy_clients(workspace_url, "Sub Co")
    provider = {key: AUTH[key] for key in ("client_id", "client_secret", "server_metadata_url")}
    two = {
        "redirect_uri": AUTH["redirect_uri"],
        "cookie_secret": AUTH["cookie_secret"],
        "one": provider,
        "two": provider,
    }
    at = open_as(bob(provider="one"), "Clients", auth=two)
    assert claimed_notices(at) == []
    assert client_rows(at) == []
    assert "No clients yet" in page_text(at)
    with Workspace.open(workspace_url) as ws:
        assert ws.for_user("local").clients() == []  # still the legacy owner's, for an operator


def test_a_sign_in_the_database_cannot_record_shows_the_page_s_database_message(
    workspace_url: str,
) -> None:
    Workspace.open(workspace_url).close()
    engine = create_engine(workspace_url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "CREATE TRIGGER refuse_sign_in BEFORE INSERT ON consultants "
                "BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END"
            )
        )
    for page in ("Clients", "Cases", "History", "Compare", "Workshop"):
        at = open_as(bob(), page)
        assert at.main.error, page
        message = at.main.error[0].value
        assert message.startswith("The workspace database could not be opened: "), page
        # A signed-in consultant reads that the database failed, never its address or the
        # driver's words: those go to the server's log.
        assert "tell whoever runs this server" in message and "disk I/O error" not in message
    assessing = open_as(bob(), "Assess")  # the pages that need no database work as before
    assert not assessing.main.error
    assert "Current case" in page_text(assessing)

    with engine.begin() as connection:  # the database is back: the next run records it
        connection.execute(text("DROP TRIGGER refuse_sign_in"))
    engine.dispose()
    at.run()
    assert_no_exception(at)
    assert not at.main.error
    with Workspace.open(workspace_url) as ws:
        assert [key for key, _ in ws.consultants()] == [f"oidc:{ISSUER}#{SUBJECT}"]
