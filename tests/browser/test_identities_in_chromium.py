"""Who a sign-in makes you, through the real flow: a local OpenID Connect provider's form, the
app's callback and cookie, and the workspace on the app's database.

An identity is the provider's issuer and subject. An address names a consultant (and opens what
was recorded or shared under it) only when the provider vouches for it: `email_verified: true`,
or a domain that provider is trusted for. No subject becomes the command line's `local`
workspace. Each consultant is a browser context of their own (their own cookies).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sign_in_support import (
    Provider,
    SignInApp,
    app_with_sign_in,
    oidc_provider,
    sidebar,
    sign_in,
    verified,
)
from sqlalchemy import create_engine, text
from test_app_in_chromium import expect

from advisor.cli import main as advisor
from advisor.samples import sample_path
from advisor.workspace.schema import SCHEMA_REVISION
from advisor.workspace.store import Workspace

pytestmark = [
    pytest.mark.browser,
    # The test provider runs on Authlib interfaces Authlib has since deprecated.
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
]

ALICE = "alice@corp.example"  # corp.example: the domain provider `one` is trusted for
ALICES_CLIENT = "Alice Holdings"
NORTHWIND = sample_path("Northwind Analytics (hire now)")


def owner_has_client(app: SignInApp, owner: str, name: str) -> None:
    """`owner`'s client `name` in the app's database, recorded as the command line or an
    earlier sign-in by that verified address would (owner `email:ADDRESS`)."""
    with Workspace.open(app.database_url, user=owner) as ws:
        if name not in [client.name for client in ws.clients()]:
            ws.add_client(name)


def open_clients(page: Any, app: SignInApp) -> None:
    page.goto(f"{app.url}/clients")
    expect(page.get_by_role("heading", name="Clients", exact=True)).to_be_visible()
    expect(sidebar(page).get_by_text("Signed in as", exact=True)).to_be_visible()


def clients_table(page: Any) -> Any:
    # The clients table comes last on the page: the boxes and the audit trail come first.
    return page.get_by_test_id("stDataFrame").last


def add_client(page: Any, name: str) -> None:
    box = page.get_by_label("New client")
    box.fill(name)
    box.press("Enter")
    page.get_by_role("button", name="Add client").click()
    expect(page.get_by_text(f"Added the client {name}.")).to_be_visible()


def signed_in_as_identity(page: Any, identity: str) -> None:
    """The sidebar names the consultant by their identity and offers it, verbatim, to share."""
    expect(sidebar(page).get_by_test_id("stCode")).to_have_text(identity)
    expect(sidebar(page)).to_contain_text("colleagues share clients with you by this identity")


def sees_nothing_of_alice(page: Any, app: SignInApp) -> None:
    open_clients(page, app)
    expect(page.get_by_text("No clients yet").first).to_be_visible()
    expect(page.get_by_text(ALICES_CLIENT)).to_have_count(0)
    expect(page.get_by_text(ALICE)).to_have_count(0)  # nowhere: not "Signed in as alice"


# ---------------------------------------------------------------------------------------------
# An address the provider does not vouch for


def test_an_email_without_email_verified_signs_in_as_the_issuer_and_subject(
    people: Callable[[], Any], signed_app: SignInApp
) -> None:
    owner_has_client(signed_app, ALICE, ALICES_CLIENT)
    mallory, provider = people(), signed_app.providers[0]
    sign_in(mallory, signed_app, "mallory-1", claims={"email": ALICE})
    signed_in_as_identity(mallory, provider.identity("mallory-1"))
    sees_nothing_of_alice(mallory, signed_app)


def test_an_email_marked_unverified_signs_in_as_the_issuer_and_subject(
    people: Callable[[], Any], signed_app: SignInApp
) -> None:
    owner_has_client(signed_app, ALICE, ALICES_CLIENT)
    mallory, provider = people(), signed_app.providers[0]
    sign_in(mallory, signed_app, "mallory-2", claims={"email": ALICE, "email_verified": False})
    signed_in_as_identity(mallory, provider.identity("mallory-2"))
    sees_nothing_of_alice(mallory, signed_app)


def test_a_verified_email_that_matches_an_owner_opens_that_owner_s_clients(
    people: Callable[[], Any], signed_app: SignInApp
) -> None:
    owner_has_client(signed_app, ALICE, ALICES_CLIENT)
    alice = people()
    sign_in(alice, signed_app, "alice-7f3", claims=verified(ALICE.upper()), shown=ALICE)
    expect(sidebar(alice).get_by_test_id("stCode")).to_have_count(0)
    open_clients(alice, signed_app)
    table = clients_table(alice)
    expect(table).to_contain_text(ALICES_CLIENT)
    expect(table).to_contain_text("you")


# ---------------------------------------------------------------------------------------------
# The command line's workspace


def test_a_subject_named_local_does_not_open_the_command_line_s_workspace(
    people: Callable[[], Any], signed_app: SignInApp
) -> None:
    saved = io.StringIO()
    command = ["assess", str(NORTHWIND), "--save", "--client", "Saved From The CLI"]
    assert advisor([*command, "--db", signed_app.database_url], stdout=saved) == 0
    with Workspace.open(signed_app.database_url) as local:
        assert "Saved From The CLI" in [client.name for client in local.clients()]

    intruder, provider = people(), signed_app.providers[0]
    sign_in(intruder, signed_app, "local", claims={"email": "local", "email_verified": True})
    signed_in_as_identity(intruder, provider.identity("local"))
    open_clients(intruder, signed_app)
    expect(intruder.get_by_text("No clients yet").first).to_be_visible()
    expect(intruder.get_by_text("Saved From The CLI")).to_have_count(0)
    expect(intruder.get_by_text(re.compile("local workspace", re.IGNORECASE))).to_have_count(0)
    intruder.goto(f"{signed_app.url}/cases")
    expect(intruder.get_by_role("heading", name="Cases", exact=True)).to_be_visible()
    expect(intruder.get_by_text("No clients yet").first).to_be_visible()


# ---------------------------------------------------------------------------------------------
# Two providers: two issuers, each trusted for its own domains only


def test_the_same_subject_on_two_providers_is_two_people(
    people: Callable[[], Any], two_provider_app: SignInApp
) -> None:
    one, two = two_provider_app.providers
    sam_one, sam_two = people(), people()
    sign_in(sam_one, two_provider_app, "u-1001", claims={}, provider=one)
    signed_in_as_identity(sam_one, one.identity("u-1001"))
    open_clients(sam_one, two_provider_app)
    add_client(sam_one, "Sam One Ltd")

    sign_in(sam_two, two_provider_app, "u-1001", claims={}, provider=two)
    signed_in_as_identity(sam_two, two.identity("u-1001"))
    open_clients(sam_two, two_provider_app)
    expect(sam_two.get_by_text("No clients yet").first).to_be_visible()
    expect(sam_two.get_by_text("Sam One Ltd")).to_have_count(0)
    add_client(sam_two, "Sam Two Ltd")

    open_clients(sam_one, two_provider_app)
    expect(clients_table(sam_one)).to_contain_text("Sam One Ltd")
    expect(sam_one.get_by_text("Sam Two Ltd")).to_have_count(0)
    open_clients(sam_two, two_provider_app)
    expect(clients_table(sam_two)).to_contain_text("Sam Two Ltd")
    expect(sam_two.get_by_text("Sam One Ltd")).to_have_count(0)


def test_an_address_at_a_domain_the_provider_is_trusted_for_counts_without_email_verified(
    people: Callable[[], Any], two_provider_app: SignInApp
) -> None:
    one, _ = two_provider_app.providers
    owner_has_client(two_provider_app, ALICE, ALICES_CLIENT)
    alice = people()
    sign_in(alice, two_provider_app, "entra-alice", claims={"email": ALICE}, provider=one)
    expect(sidebar(alice)).to_contain_text(ALICE)
    expect(sidebar(alice).get_by_test_id("stCode")).to_have_count(0)
    open_clients(alice, two_provider_app)
    expect(clients_table(alice)).to_contain_text(ALICES_CLIENT)


@pytest.mark.parametrize(
    ("provider_index", "address"),
    [(0, "eve@elsewhere.example"), (1, ALICE)],
    ids=["another-domain", "a-provider-not-trusted-for-it"],
)
def test_an_address_outside_the_provider_s_trusted_domains_does_not_count(
    people: Callable[[], Any], two_provider_app: SignInApp, provider_index: int, address: str
) -> None:
    provider: Provider = two_provider_app.providers[provider_index]
    owner_has_client(two_provider_app, address, f"Client of {address}")
    visitor, subject = people(), f"visitor-{provider_index}"
    sign_in(visitor, two_provider_app, subject, claims={"email": address}, provider=provider)
    signed_in_as_identity(visitor, provider.identity(subject))
    open_clients(visitor, two_provider_app)
    expect(visitor.get_by_text("No clients yet").first).to_be_visible()
    expect(visitor.get_by_text(address)).to_have_count(0)


# ---------------------------------------------------------------------------------------------
# A database from before identities had an issuer


def database_before_identities(path: Path) -> str:
    """A workspace at schema revision 0003, its owners and colleagues stored as they were
    then: plain addresses, a provider's subject alone, and the command line's `local`."""
    from alembic import command

    from advisor.workspace.migrate import alembic_config

    url = f"sqlite:///{path}"
    Workspace.open(url).close()
    engine = create_engine(url)
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0003_workshops")
        connection.execute(
            text(
                "INSERT INTO clients (name, name_key, owner, archived, created_at, updated_at) "
                "VALUES ('Alice Co', 'alice co', 'Alice@Corp.example', 0, 't', 't'), "
                "('Sub Co', 'sub co', 'legacy-sub-7', 0, 't', 't'), "
                "('CLI Co', 'cli co', 'local', 0, 't', 't')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO client_shares (client_id, colleague, shared_at) "
                "VALUES (1, 'carol@corp.example', 't')"
            )
        )
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            "0003_workshops"
        )
    engine.dispose()
    return url


@pytest.fixture
def app_on_an_old_database(browser_available: None, tmp_path: Path) -> Iterator[SignInApp]:
    url = database_before_identities(tmp_path / "before-identities.db")
    with oidc_provider() as provider, app_with_sign_in(provider, tmp_path, url) as app:
        yield app


def test_a_database_from_before_identities_is_migrated_and_its_owners_keep_their_clients(
    people: Callable[[], Any], app_on_an_old_database: SignInApp
) -> None:
    app = app_on_an_old_database
    alice, carol, subject_only = people(), people(), people()
    sign_in(alice, app, "alice-7f3", claims=verified(ALICE), shown=ALICE)
    open_clients(alice, app)
    table = clients_table(alice)
    expect(table).to_contain_text("Alice Co")
    for other in ("Sub Co", "CLI Co"):
        expect(alice.get_by_text(other)).to_have_count(0)

    sign_in(carol, app, "carol-1", claims=verified("carol@corp.example"))
    open_clients(carol, app)
    expect(clients_table(carol)).to_contain_text("Alice Co")
    expect(clients_table(carol)).to_contain_text("with you (collaborator)")

    # Recorded under the subject alone; one provider: its first sign-in claims it, and the
    # page it opens says so, once.
    sign_in(subject_only, app, "Legacy-Sub-7", claims={})
    expect(
        subject_only.get_by_text(
            re.compile(r"^1 client recorded under your subject .* is now yours: Sub Co\. ")
        )
    ).to_be_visible()
    open_clients(subject_only, app)
    expect(clients_table(subject_only)).to_contain_text("Sub Co")
    expect(subject_only.get_by_text("is now yours")).to_have_count(0)

    engine = create_engine(app.database_url)
    with engine.connect() as connection:
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        owners = dict(connection.execute(text("SELECT name, owner FROM clients")).all())
    engine.dispose()
    assert revision == SCHEMA_REVISION
    assert owners == {
        "Alice Co": f"email:{ALICE}",
        "Sub Co": app.providers[0].identity("Legacy-Sub-7"),
        "CLI Co": "local",
    }
