"""The consultancy's name and logo kept in the workspace: stored and read back, changed by its
administrators only, set with `advisor workspace branding`, carried by an export, and shown on
a saved case's brief with the client's recorded name."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from PIL import Image
from workspace_support import PACK_FILES, logo_png, make_case

from advisor import cli
from advisor.branding import MAX_LOGO_BYTES, Branding
from advisor.pack import RulePack
from advisor.profile import load_profile
from advisor.samples import DEFAULT_SAMPLE, sample_path
from advisor.workspace import Workspace, WorkspaceError
from advisor.workspace.calibrations import grant_admin
from advisor.yamlio import DocumentError

ROOT = Path(__file__).resolve().parents[2]
DAY = "2026-12-01"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    out = io.StringIO()
    code = cli.main(list(args), out)
    return code, out.getvalue(), capsys.readouterr().err


def pixels(png: bytes) -> tuple[tuple[int, int], list[tuple[int, ...]]]:
    with Image.open(io.BytesIO(png)) as image:
        rgb = image.convert("RGB")
        return rgb.size, [rgb.getpixel((x, 10)) for x in (5, rgb.size[0] - 5)]


def test_a_workspace_without_branding_reads_an_empty_one(workspace: Workspace) -> None:
    assert workspace.branding.read() == Branding()
    assert workspace.branding.read().prepared_by == ""


def test_the_name_and_logo_are_stored_and_read_back(workspace: Workspace) -> None:
    saved = workspace.branding.save("Acme Advisory", logo_png())
    read = workspace.branding.read()
    assert read == saved and read.name == "Acme Advisory"
    assert read.prepared_by == "Prepared by Acme Advisory"
    assert read.logo is not None and read.logo.startswith(b"\x89PNG\r\n\x1a\n")
    # The same picture: 240 × 80, navy on the right, amber on the left third.
    assert pixels(read.logo) == ((240, 80), [(201, 138, 0), (31, 58, 95)])


def test_a_change_of_name_keeps_the_logo_and_no_logo_removes_it(workspace: Workspace) -> None:
    workspace.branding.save("Acme", logo_png())
    logo = workspace.branding.read().logo
    assert workspace.branding.save("Acme Advisory").logo == logo
    assert workspace.branding.save(None, None) == Branding("Acme Advisory")


def test_a_refused_logo_leaves_the_saved_branding_as_it_was(workspace: Workspace) -> None:
    before = workspace.branding.save("Acme", logo_png())
    with pytest.raises(DocumentError, match=r"notes\.txt: logo: not a PNG or JPEG image"):
        workspace.branding.save("Other", b"just words", "notes.txt")
    assert workspace.branding.read() == before


def test_only_an_administrator_changes_the_branding_and_everyone_reads_it(
    store_url: str,
) -> None:
    with Workspace.open(store_url) as local:
        assert local.branding.administers()
        anna = local.for_user("anna@example.com")
        assert not anna.branding.administers()
        with pytest.raises(WorkspaceError, match="not an administrator of this workspace"):
            anna.branding.save("Anna's firm")
        assert local.branding.read() == Branding()
        local.database.write(lambda connection: grant_admin(connection, "anna@example.com"))
        anna.branding.save("Anna's firm")
        assert local.for_user("ben@example.com").branding.read().name == "Anna's firm"
        with pytest.raises(WorkspaceError, match="not an administrator"):
            local.for_user("ben@example.com").branding.save(None, None)


def test_a_change_of_branding_is_in_the_audit_trail(workspace: Workspace) -> None:
    workspace.branding.save("Acme", logo_png())
    event = workspace.audit_trail()[-1]
    assert event.action == "brand" and event.detail == {"name": True, "logo": True}
    assert event.words == "changed the consultancy's name or logo on the documents"


# --- the command line ------------------------------------------------------------------------


def test_workspace_branding_shows_sets_and_removes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    assert run(capsys, "workspace", "branding", "--db", url) == (
        0,
        "name: (none)\nlogo: (none)\n",
        "",
    )
    logo = tmp_path / "logo.jpg"
    Image.new("RGB", (300, 100), (20, 30, 200)).save(logo, format="JPEG")
    code, out, err = run(
        capsys, "workspace", "branding", "--name", "Acme", "--logo", str(logo), "--db", url
    )
    assert (code, out, err) == (0, "name: Acme\nlogo: 300 × 100 pixels, PNG\n", "")
    code, out, _ = run(capsys, "workspace", "branding", "--no-logo", "--db", url)
    assert (code, out) == (0, "name: Acme\nlogo: (none)\n")
    with Workspace.open(url) as ws:
        assert ws.branding.read() == Branding("Acme")


def test_workspace_branding_refuses_a_logo_naming_the_file_and_the_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    fake = tmp_path / "fake.png"
    fake.write_bytes(b"<svg onload='alert(1)'/>")
    code, out, err = run(capsys, "workspace", "branding", "--logo", str(fake), "--db", url)
    assert (code, out) == (2, "")
    assert (
        err.strip()
        == f"{fake}: logo: not a PNG or JPEG image: choose the logo as a .png or .jpg file"
    )
    big = tmp_path / "big.png"
    big.write_bytes(b"\0" * (MAX_LOGO_BYTES + 1))
    code, _out, err = run(capsys, "workspace", "branding", "--logo", str(big), "--db", url)
    assert code == 2 and f"at most {MAX_LOGO_BYTES:,} bytes" in err and str(big) in err
    code, _out, err = run(capsys, "workspace", "branding", "--logo", "nowhere.png", "--db", url)
    assert code == 2 and "nowhere.png: no such file" in err
    with Workspace.open(url) as ws:
        assert ws.branding.read() == Branding()  # nothing was saved


def test_export_and_import_carry_the_logo_byte_for_byte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"
    with Workspace.open(first) as ws:
        saved = ws.branding.save("Acme «Ünïcode»", logo_png())
    out = tmp_path / "e.json"
    assert run(capsys, "workspace", "export", "--out", str(out), "--db", first)[0] == 0
    row = json.loads(out.read_text(encoding="utf-8"))["tables"]["branding"][0]
    assert row["key"] == "firm" and isinstance(row["logo"], str)  # base64 text in the file
    assert run(capsys, "workspace", "import", str(out), "--db", second)[0] == 0
    with Workspace.open(second) as ws:
        assert ws.branding.read() == saved


def test_a_saved_case_s_brief_names_the_client_as_recorded_and_who_prepared_it(
    workspace: Workspace, store_url: str, pack: RulePack, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = load_profile(sample_path(DEFAULT_SAMPLE))
    assert profile.company == "Northwind Analytics"
    client = workspace.add_client("Northwind Analytics GmbH")
    document, assessment = make_case(profile, pack)
    workspace.save_case(client.id, "today", document, assessment, PACK_FILES)
    workspace.branding.save("Acme Advisory")
    code, out, err = run(capsys, "brief", "--client", "northwind analytics gmbh", "--scenario",
                         "today", "--date", DAY, "--format", "md", "--db", store_url)  # fmt: skip
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "# Account Manager hiring brief: Northwind Analytics GmbH"
    assert "**Prepared by Acme Advisory**" in lines[:6]


def test_a_profile_file_s_brief_is_branded_only_with_db(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    with Workspace.open(url) as ws:
        ws.branding.save("Acme Advisory")
    profile = str(sample_path(DEFAULT_SAMPLE))
    branded = run(capsys, "brief", profile, "--date", DAY, "--format", "md", "--db", url)[1]
    plain = run(capsys, "brief", profile, "--date", DAY, "--format", "md")[1]
    assert "**Prepared by Acme Advisory**" in branded and "Prepared by" not in plain
    assert branded.replace("**Prepared by Acme Advisory**\n\n", "") == plain
