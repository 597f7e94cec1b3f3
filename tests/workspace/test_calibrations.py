"""The firm's and a client's calibration of the rule pack, kept in the workspace."""

from __future__ import annotations

from pathlib import Path

import pytest
from workspace_support import PACK_FILES

from advisor.pack import RulePackError
from advisor.pack.calibrate import apply_edits, figures
from advisor.pack.load import documents_digest, pack_from_documents
from advisor.workspace import Workspace, WorkspaceError
from advisor.workspace.calibrations import grant_admin, revoke_admin
from advisor.workspace.roles import COLLABORATOR, VIEWER

SMB_LOW = "thresholds.trigger_zone.by_segment.smb.low"


def _calibrated(value: int = 22) -> list[tuple[str, bytes]]:
    """The shipped pack with one figure changed, its files by base name as a folder holds them."""
    return [(Path(n).name, c) for n, c in apply_edits(list(PACK_FILES), {SMB_LOW: value})]


def _smb_low(documents: list[tuple[str, bytes]]) -> float:
    return next(f.value for f in figures(documents) if f.path == SMB_LOW)


def test_a_client_s_calibration_reads_back_byte_for_byte(workspace: Workspace) -> None:
    client = workspace.add_client("Acme")
    assert workspace.calibrations.read(client.id) is None
    saved = workspace.calibrations.save(_calibrated(), client.id)
    read = workspace.calibrations.read(client.id)
    assert read is not None and read.documents == _calibrated()
    assert read.pack_digest == documents_digest(_calibrated()) == saved.pack_digest
    assert _smb_low(read.documents) == 22
    assert (
        pack_from_documents(read.documents)
        .thresholds["trigger_zone"]
        .describe()
        .startswith("smb: 22–30")
    )
    assert workspace.calibrations.read() is None  # the client's pack is not the firm's


def test_saving_again_replaces_the_calibration_and_removing_it_is_said(
    workspace: Workspace,
) -> None:
    client = workspace.add_client("Acme")
    workspace.calibrations.save(_calibrated(22), client.id)
    workspace.calibrations.save(_calibrated(24), client.id)
    read = workspace.calibrations.read(client.id)
    assert read is not None and _smb_low(read.documents) == 24
    assert workspace.calibrations.remove(client.id) is True
    assert workspace.calibrations.remove(client.id) is False
    assert workspace.calibrations.read(client.id) is None


def test_a_pack_that_does_not_read_is_refused_and_the_saved_one_stays(
    workspace: Workspace,
) -> None:
    client = workspace.add_client("Acme")
    workspace.calibrations.save(_calibrated(22), client.id)
    broken = [
        (name, content.replace(b"low: 20, high: 30", b"low: 40, high: 30"))
        for name, content in PACK_FILES
    ]
    with pytest.raises(RulePackError, match=r"10-thresholds\.yaml:6"):
        workspace.calibrations.save(broken, client.id)
    read = workspace.calibrations.read(client.id)
    assert read is not None and _smb_low(read.documents) == 22


def test_the_local_user_administers_a_single_user_workspace(workspace: Workspace) -> None:
    assert workspace.calibrations.administers()
    workspace.calibrations.save(_calibrated(21))
    firm = workspace.calibrations.read()
    assert firm is not None and firm.scope == "firm" and _smb_low(firm.documents) == 21


def test_only_an_administrator_changes_the_firm_s_pack(store_url: str) -> None:
    with Workspace.open(store_url, user="anna@example.com") as anna:
        assert not anna.calibrations.administers()
        with pytest.raises(WorkspaceError, match="not an administrator of this workspace"):
            anna.calibrations.save(_calibrated())
        anna.database.write(lambda connection: grant_admin(connection, "Anna@Example.com"))
        assert anna.calibrations.administers()
        anna.calibrations.save(_calibrated(23))
        ben = anna.for_user("ben@example.com")
        firm = ben.calibrations.read()  # every consultant reads the firm's pack
        assert firm is not None and _smb_low(firm.documents) == 23
        with pytest.raises(WorkspaceError, match="not an administrator"):
            ben.calibrations.remove()
        assert anna.database.write(lambda c: revoke_admin(c, "anna@example.com"))
        with pytest.raises(WorkspaceError, match="not an administrator"):
            anna.calibrations.save(_calibrated(24))


def test_a_viewer_reads_a_client_s_calibration_but_cannot_change_it(store_url: str) -> None:
    with Workspace.open(store_url, user="anna@example.com") as anna:
        client = anna.add_client("Acme")
        anna.share_client(client.id, "ben@example.com", COLLABORATOR)
        anna.share_client(client.id, "carl@example.com", VIEWER)
        anna.for_user("ben@example.com").calibrations.save(_calibrated(25), client.id)
        carl = anna.for_user("carl@example.com")
        read = carl.calibrations.read(client.id)
        assert read is not None and _smb_low(read.documents) == 25
        assert read.saved_by == "email:ben@example.com"
        with pytest.raises(WorkspaceError, match="only its owner or a collaborator"):
            carl.calibrations.remove(client.id)
        with pytest.raises(WorkspaceError, match="no client with id"):
            anna.for_user("dave@example.com").calibrations.read(client.id)


def test_a_deleted_client_s_calibration_comes_back_with_it(workspace: Workspace) -> None:
    client = workspace.add_client("Acme")
    workspace.calibrations.save(_calibrated(26), client.id)
    deleted = workspace.delete_client(client.id)
    restored = workspace.restore_client(deleted)
    read = workspace.calibrations.read(restored.id)
    assert read is not None and _smb_low(read.documents) == 26


def test_saving_a_calibration_is_in_the_audit_trail(workspace: Workspace) -> None:
    client = workspace.add_client("Acme")
    workspace.calibrations.save(_calibrated(), client.id)
    workspace.calibrations.remove(client.id)
    words = [event.words for event in workspace.audit_trail(client.id)]
    assert "saved a calibration of the rule pack" in words
    assert "removed a calibration of the rule pack" in words
