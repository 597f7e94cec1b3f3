"""Signed-in consultants: each sees their own clients, and a client shared with them by name.

The same route in a real browser, with a real sign-in, is in
tests/browser/test_workspace_access_in_chromium.py; here AppTest sets `st.user`.
"""

from __future__ import annotations

from typing import Any

from apptest_support import APP, PAGE_SCRIPTS, TIMEOUT_S, assert_no_exception, page_text
from streamlit.testing.v1 import AppTest
from test_sign_in import AUTH, signed_in

from advisor.profile import load_profile
from advisor.samples import sample_path
from advisor.ui import sharing
from advisor.workspace.model import Client
from advisor.workspace.store import Workspace

ALICE = "alice@example.com"
BOB = "bob@example.com"
NORTHWIND = sample_path("Northwind Analytics (hire now)")


def open_as(user: str, page: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    at.secrets["auth"] = AUTH
    at.user = signed_in(user)
    at.run()
    at.switch_page(PAGE_SCRIPTS[page]).run()
    assert_no_exception(at)
    return at


def alices_client(url: str, name: str = "Acme") -> Client:
    with Workspace.open(url, user=ALICE) as ws:
        return ws.add_client(name)


def client_names(at: AppTest) -> list[str]:
    if not at.dataframe:
        return []
    rows: list[dict[str, Any]] = at.dataframe[0].value.to_dict("records")
    return [str(row["Client"]) for row in rows]


def share(at: AppTest, colleague: str) -> AppTest:
    at.text_input(key=sharing.COLLEAGUE).set_value(colleague)
    at.button(key="FormSubmitter:sharing.form-Share").click().run()
    assert_no_exception(at)
    return at


def test_a_consultant_does_not_see_a_colleague_s_clients(workspace_url: str) -> None:
    alices_client(workspace_url)
    bob = open_as(BOB, "Clients")
    assert client_names(bob) == []
    assert "Signed in as bob@example.com" in page_text(bob)
    bob_cases = open_as(BOB, "Cases")
    assert "No clients yet" in page_text(bob_cases)
    assert "Acme" not in page_text(bob_cases)
    alice = open_as("Alice@Example.com", "Clients")
    assert client_names(alice) == ["Acme"]


def test_the_owner_shares_a_client_by_name_and_the_colleague_then_sees_it(
    workspace_url: str,
) -> None:
    client = alices_client(workspace_url)
    alice = open_as(ALICE, "Cases")
    assert f"Only you see {client.name}." in page_text(alice)
    share(alice, "  Bob@Example.com ")
    assert "Shared Acme with bob@example.com" in page_text(alice)
    assert alice.text_input(key=sharing.COLLEAGUE).value == ""  # ready for the next colleague
    assert "Acme is shared with:" in page_text(alice)
    with Workspace.open(workspace_url, user=ALICE) as ws:
        (shared,) = ws.clients()[0].shared_with
        assert (shared.colleague, shared.label, shared.role) == (
            f"email:{BOB}",
            BOB,
            "collaborator",
        )

    bob = open_as(BOB, "Clients")
    assert client_names(bob) == ["Acme"]
    (row,) = bob.dataframe[0].value.to_dict("records")
    assert row["Owner"] == ALICE
    assert row["Shared"] == "with you (collaborator)"
    bob_cases = open_as(BOB, "Cases")
    assert "Acme belongs to alice@example.com, who shared it with you" in page_text(bob_cases)
    assert not [box for box in bob_cases.text_input if box.key == sharing.COLLEAGUE]


def test_stopping_a_share_hides_the_client_again(workspace_url: str) -> None:
    client = alices_client(workspace_url)
    with Workspace.open(workspace_url, user=ALICE) as ws:
        ws.share_client(client.id, BOB)
    alice = open_as(ALICE, "Cases")
    alice.button(key=f"sharing.stop.{client.id}.email:{BOB}").click().run()
    assert "bob@example.com no longer sees Acme." in page_text(alice)
    assert client_names(open_as(BOB, "Clients")) == []


def test_a_refused_share_says_why_and_shares_nothing(workspace_url: str) -> None:
    alices_client(workspace_url)
    alice = open_as(ALICE, "Cases")
    share(alice, ALICE.upper())
    assert alice.main.error
    assert "cannot be shared with its owner" in alice.main.error[0].value
    assert alice.text_input(key=sharing.COLLEAGUE).value == ALICE.upper()  # kept to correct
    share(alice, "   ")
    assert alice.main.error
    with Workspace.open(workspace_url, user=ALICE) as ws:
        assert ws.clients()[0].shared_with == ()


def test_the_local_workspace_has_no_share_control(workspace_url: str) -> None:
    with Workspace.open(workspace_url) as ws:
        ws.add_client("Acme")
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    at.run()
    at.switch_page(PAGE_SCRIPTS["Cases"]).run()
    assert_no_exception(at)
    assert at.selectbox(key="cases.client").options == ["Acme"]
    assert "Sharing" not in page_text(at)
    assert not [box for box in at.text_input if box.key == sharing.COLLEAGUE]


def test_a_client_of_a_colleague_cannot_be_opened_by_its_id(workspace_url: str) -> None:
    """Every workspace page reads the client from the session; a stale or forged id is ignored."""
    client = alices_client(workspace_url)
    with Workspace.open(workspace_url, user=ALICE) as ws:
        from advisor.engine import evaluate
        from advisor.pack import load_pack
        from advisor.pack.uploads import default_documents
        from advisor.profile import profile_to_dict
        from advisor.workspace.model import CaseDocument

        pack = load_pack()
        profile = load_profile(NORTHWIND)
        document = CaseDocument(profile_to_dict(profile), None, None, pack.digest)
        ws.save_case(client.id, "today", document, evaluate(profile, pack), default_documents())
    for page in ("Cases", "History", "Compare"):
        bob = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
        bob.secrets["auth"] = AUTH
        bob.user = signed_in(BOB)
        bob.session_state["ws.client"] = client.id  # as if the session had been handed the id
        bob.run()
        bob.switch_page(PAGE_SCRIPTS[page]).run()
        assert_no_exception(bob)
        text = page_text(bob)
        assert "Acme" not in text, page
        options = [option for box in bob.selectbox for option in box.options]
        assert "Acme" not in options and "today" not in options, page
