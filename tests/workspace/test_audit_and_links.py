"""The audit trail, workshop links that expire, the legacy owners' migration, the claim of a
legacy subject, and a deleted client's rule packs removed with it."""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, select, update
from workspace_support import PACK_FILES, make_case

from advisor.pack import RulePack
from advisor.workspace import Workspace, WorkspaceError
from advisor.workspace.identity import Actor, actor_from_claims
from advisor.workspace.schema import pack_files, packs, workshops

ISSUER = "https://id.example.com"


def signed_in(sub: str, email: str | None = None, providers: int = 1, **extra: Any) -> Actor:
    claims: dict[str, Any] = {"is_logged_in": True, "iss": ISSUER, "sub": sub, **extra}
    if email:
        claims.update(email=email, email_verified=True)
    found = actor_from_claims(claims)
    assert isinstance(found, Actor)
    return found


def test_every_audited_action_is_recorded_with_who_what_and_when(
    store_url: str, make_profile: Any, pack: RulePack, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="advisor.audit")
    with Workspace.open(store_url) as local:
        anna = local.for_user(signed_in("anna", "anna@example.com"))
        anna.sign_in(ISSUER, "anna")
        client = anna.add_client("Acme")
        document, assessment = make_case(make_profile(), pack)
        case = anna.save_case(client.id, "today", document, assessment, PACK_FILES)
        anna.share_client(client.id, "ben@example.com")
        anna.start_workshop(case.id)
        respondent, _ = anna.add_respondent(case.id, "Tomás", "founder")
        anna.replace_link(case.id, respondent.id)
        anna.revoke_respondent(case.id, respondent.id)
        anna.close_workshop(case.id)
        anna.start_workshop(case.id)
        anna.record_export(client.id, case.id, "brief.pdf")
        anna.unshare_client(client.id, "ben@example.com")
        assert anna.delete_case(case.id)
        trail = anna.audit_trail(client.id)
        deleted = anna.delete_client(client.id)
        everything = anna.audit_trail()
    expected = [
        "share",
        "workshop_open",
        "link_issued",
        "link_issued",
        "link_revoked",
        "workshop_close",
        "workshop_reopen",
        "export",
        "unshare",
        "delete_case",
    ]
    assert [event.action for event in reversed(trail)] == expected
    assert {event.actor for event in trail} == {anna.user}
    assert all(event.at and event.client_name == "Acme" for event in trail)
    assert trail[0].detail == {"scenario": "today"}
    # The trail outlives the client, for its owner; sign-ins are theirs too.
    assert [e.action for e in everything[:1]] == ["delete_client"]
    assert "sign_in" in [e.action for e in everything]
    assert deleted.name == "Acme"
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "advisor.audit"]
    assert [line["action"] for line in lines][-2:] == ["delete_case", "delete_client"]
    assert all("profile" not in line and "arr" not in json.dumps(line) for line in lines)


def test_only_the_owner_reads_a_client_s_audit_trail(store_url: str) -> None:
    with Workspace.open(store_url, user="anna@example.com") as anna:
        client = anna.add_client("Acme")
        anna.share_client(client.id, "ben@example.com")
        with pytest.raises(WorkspaceError, match="only its owner can read its audit trail"):
            anna.for_user("ben@example.com").audit_trail(client.id)
        assert anna.for_user("ben@example.com").audit_trail() == []


def test_workshop_links_never_expire(store_url: str, make_profile: Any, pack: RulePack) -> None:
    """Links used to work forever: they now stop at the expiry set when the workshop opens."""
    with Workspace.open(store_url) as ws:
        client = ws.add_client("Acme")
        document, assessment = make_case(make_profile(), pack)
        case = ws.save_case(client.id, "today", document, assessment, PACK_FILES)
        opened = ws.start_workshop(case.id, days=7)
        assert opened.expires_at is not None and not opened.expired
        _respondent, token = ws.add_respondent(case.id, "Tomás", "founder")
        assert ws.questionnaire(token).name == "Tomás"
        engine = create_engine(store_url)
        with engine.begin() as connection:
            connection.execute(update(workshops).values(expires_at="2020-01-01T00:00:00+00:00"))
        engine.dispose()
        for attempt in (
            lambda: ws.questionnaire(token),
            lambda: ws.save_answer(token, "delivery_maturity", "emerging"),
        ):
            with pytest.raises(WorkspaceError, match="this link is not valid"):
                attempt()
        workshop = ws.workshop(case.id)
        assert workshop is not None and workshop.expired
        extended = ws.start_workshop(case.id, days=3)
        assert not extended.expired
        assert ws.questionnaire(token).name == "Tomás"
        ws.close_workshop(case.id)
        with pytest.raises(WorkspaceError, match="this link is not valid"):
            ws.questionnaire(token)
        with pytest.raises(WorkspaceError, match="1 to 180 days"):
            ws.start_workshop(case.id, days=0)


def test_a_deleted_client_s_rule_pack_files_stay_in_the_database(
    store_url: str, make_profile: Any, pack: RulePack
) -> None:
    """The pack's files used to stay after the last client that used them was deleted."""
    engine = create_engine(store_url)

    def stored() -> tuple[int, int]:
        with engine.connect() as connection:
            return (
                len(connection.execute(select(packs.c.digest)).all()),
                len(connection.execute(select(pack_files.c.digest)).all()),
            )

    with Workspace.open(store_url) as ws:
        one, two = ws.add_client("One"), ws.add_client("Two")
        document, assessment = make_case(make_profile(), pack)
        ws.save_case(one.id, "today", document, assessment, PACK_FILES)
        ws.save_case(two.id, "today", document, assessment, [])
        ws.delete_client(one.id)
        assert stored() == (1, len(PACK_FILES))  # still used by Two
        deleted = ws.delete_client(two.id)
        assert stored() == (0, 0)
        ws.restore_client(deleted)
        assert stored() == (1, len(PACK_FILES))
        assert ws.case_pack_files(ws.cases(two.id)[0].id)
    engine.dispose()


def test_owners_recorded_before_identities_keep_their_clients(tmp_path: Path) -> None:
    """A 0003 database's owners (addresses, subjects, local) become principals; each keeps
    their clients, and a subject is claimed by its first sign-in with one provider."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    Workspace.open(url).close()
    connection = sqlite3.connect(tmp_path / "old.db")
    connection.executescript(
        """
        INSERT INTO clients (name, name_key, owner, archived, created_at, updated_at) VALUES
          ('Alice Co', 'alice co', 'alice@corp.com', 0, 't', 't'),
          ('Sub Co', 'sub co', 'auth0|bob', 0, 't', 't'),
          ('CLI Co', 'cli co', 'local', 0, 't', 't');
        INSERT INTO client_shares (client_id, colleague, shared_at, role)
          VALUES (1, 'carol@corp.com', 't', 'collaborator');
        UPDATE alembic_version SET version_num = '0003_workshops';
        """
    )
    connection.execute("ALTER TABLE client_shares DROP COLUMN role")
    connection.execute("ALTER TABLE workshops DROP COLUMN expires_at")
    connection.execute("ALTER TABLE workshops DROP COLUMN quorum")
    connection.execute("ALTER TABLE workshops DROP COLUMN anonymous")
    connection.execute("ALTER TABLE workshops DROP COLUMN language")
    connection.executescript("DROP TABLE consultants; DROP TABLE audit_events;")
    # The tables of the revisions after 0003 (calibrations and administrators, branding, the
    # bases of compact results) and the columns of the headline cases; the workshop's language
    # goes with the workshop columns above.
    connection.executescript(
        "DROP TABLE calibrations; DROP TABLE workspace_admins; DROP TABLE branding;"
        "DROP TABLE result_bases;"
    )
    connection.execute("ALTER TABLE clients DROP COLUMN headline_case_id")
    connection.execute("DROP INDEX cases_headline")
    for column in ("hire_by", "sector", "country"):
        connection.execute(f"ALTER TABLE cases DROP COLUMN {column}")
    connection.commit()
    connection.close()
    with Workspace.open(url) as ws:
        owners = {c.name: c.owner for c in ws.for_user("local").clients()}
        assert owners == {"CLI Co": "local"}
        alice = ws.for_user(signed_in("g-1", "Alice@Corp.com"))
        assert [c.name for c in alice.clients()] == ["Alice Co"]
        assert alice.clients()[0].mine
        carol = ws.for_user(signed_in("g-2", "carol@corp.com"))
        assert [(c.name, c.role) for c in carol.clients()] == [("Alice Co", "collaborator")]
        bob = ws.for_user(signed_in("Auth0|Bob"))
        assert bob.clients() == []
        assert bob.sign_in(ISSUER, "Auth0|Bob", providers=2) == []
        assert bob.clients() == []  # two providers: whose subject it was cannot be told
        assert bob.sign_in(ISSUER, "Auth0|Bob", providers=1) == ["Sub Co"]
        assert [c.owner for c in bob.clients()] == [bob.user]
        assert [e.action for e in bob.audit_trail()][:2] == ["claim", "reassign"]


def test_the_operator_reassigns_a_legacy_subject(store_url: str) -> None:
    with Workspace.open(store_url) as local:
        stranger = local.for_user("old@corp.com")
        stranger.add_client("Old Co")
        new = signed_in("new-sub", "new@corp.com")
        with pytest.raises(WorkspaceError, match="only the workspace's operator"):
            local.for_user(new).reassign("old@corp.com", new.key)
        assert local.reassign("old@corp.com", new.key) == 1
        assert [c.name for c in local.for_user(new).clients()] == ["Old Co"]
        assert stranger.clients() == []


def test_a_claim_that_clashes_with_a_name_the_consultant_uses_claims_the_rest(
    tmp_path: Path,
) -> None:
    """A clash made every workspace page fail on each visit; the sign-in claims what it can
    and the trail names what it left."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    with Workspace.open(url) as ws:
        bob = ws.for_user(signed_in("Auth0|Bob"))
        bob.add_client("Acme")
        engine = create_engine(url)
        with engine.begin() as connection:
            from advisor.workspace.schema import clients

            connection.execute(
                clients.insert(),
                [
                    {
                        "name": name,
                        "name_key": name.casefold(),
                        "owner": "legacy:auth0|bob",
                        "archived": False,
                        "created_at": "t",
                        "updated_at": "t",
                    }
                    for name in ("ACME", "Beta")
                ],
            )
        engine.dispose()
        assert bob.sign_in(ISSUER, "Auth0|Bob", providers=1) == ["Beta"]
        assert sorted(c.name for c in bob.clients()) == ["Acme", "Beta"]
        claim = next(e for e in bob.audit_trail() if e.action == "claim")
        assert claim.detail["not_claimed"] == ["ACME"]


def test_a_legacy_subject_is_typed_in_any_case(store_url: str) -> None:
    from advisor.workspace.identity import principal

    assert principal("legacy:Auth0|Bob") == "legacy:auth0|bob"


def test_an_audit_line_is_logged_only_once_its_change_has_committed(
    store_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """The log line was written inside the transaction: a write that ran again after a clash
    logged its event twice, and one that rolled back logged an event that never landed."""
    caplog.set_level(logging.INFO, logger="advisor.audit")
    with Workspace.open(store_url, user="anna@example.com") as anna:
        client = anna.add_client("Acme")

        def share_then_fail(connection: Any) -> None:
            from advisor.workspace.clients import share_client

            share_client(connection, anna.actor, client.id, "ben@example.com")
            raise WorkspaceError.single("refused after the share")

        with pytest.raises(WorkspaceError, match="refused after the share"):
            anna.database.write(share_then_fail)
        assert not [r for r in caplog.records if r.name == "advisor.audit"]
        assert anna.client(client.id).shared_with == ()
        anna.share_client(client.id, "ben@example.com")
        lines = [r for r in caplog.records if r.name == "advisor.audit"]
        assert len(lines) == 1 and json.loads(lines[0].getMessage())["action"] == "share"
