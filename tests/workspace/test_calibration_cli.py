"""`advisor rules figures|calibrate`, `advisor calibration show|save|remove|export` and
`advisor workspace admins`: the app's calibration, from the command line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from advisor import cli
from advisor.pack.calibrate import figures
from advisor.pack.load import read_pack_documents

SMB_LOW = "thresholds.trigger_zone.by_segment.smb.low"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    out = io.StringIO()
    code = cli.main(list(args), out)
    return code, out.getvalue(), capsys.readouterr().err


def _smb_low(folder: Path) -> float:
    return next(f.value for f in figures(read_pack_documents(folder)) if f.path == SMB_LOW)


def test_rules_figures_lists_each_figure_with_its_file_and_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "rules", "figures")
    assert code == 0
    line = next(row for row in out.splitlines() if row.startswith(SMB_LOW))
    assert line.split()[1:] == ["20", "10-thresholds.yaml:6"]


def test_rules_calibrate_writes_the_pack_and_names_the_changes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out_dir = tmp_path / "firm"
    code, out, err = run(
        capsys, "rules", "calibrate", "--set", f"{SMB_LOW}=22", "--out", str(out_dir)
    )
    assert (code, err) == (0, "")
    assert _smb_low(out_dir) == 22
    change = next(row for row in out.splitlines() if row.startswith(SMB_LOW))
    assert change.split() == [SMB_LOW, "20", "22", "raised"]
    assert sorted(p.name for p in out_dir.iterdir()) == sorted(
        Path(name).name for name, _ in read_pack_documents(None)
    )


def test_calibrate_never_writes_outside_the_out_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The pack's files are read under their shown names (a path): writing those names under
    # --out once rewrote the shipped pack itself.
    shipped = {Path(name).name: content for name, content in read_pack_documents(None)}
    monkeypatch.chdir(tmp_path)
    code, _, _ = run(capsys, "rules", "calibrate", "--set", f"{SMB_LOW}=23", "--out", "mine")
    assert code == 0
    assert {Path(name).name: content for name, content in read_pack_documents(None)} == shipped
    assert _smb_low(tmp_path / "mine") == 23


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (f"{SMB_LOW}=40", "10-thresholds.yaml:6: trigger_zone › by_segment.smb.low: 40 is above"),
        (f"{SMB_LOW}=twenty", f"{SMB_LOW}: 'twenty' is not a number"),
        ("thresholds.trigger_zone.by_segment.smb.lo=22", f"did you mean {SMB_LOW}?"),
        ("no-equals-sign", "expected PATH=VALUE"),
    ],
)
def test_a_bad_calibration_exits_2_naming_the_figure_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, edit: str, message: str
) -> None:
    code, out, err = run(capsys, "rules", "calibrate", "--set", edit, "--out", str(tmp_path / "p"))
    assert (code, out) == (2, "")
    assert message in err and "Traceback" not in err
    assert not (tmp_path / "p").exists()


def test_a_client_s_pack_is_saved_shown_exported_and_removed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    run(capsys, "rules", "calibrate", "--set", f"{SMB_LOW}=24", "--out", str(tmp_path / "p"))
    assert run(capsys, "clients", "add", "Acme GmbH", "--db", db)[0] == 0
    code, out, _ = run(
        capsys, "calibration", "save", "--client", "acme gmbh", "--rules", str(tmp_path / "p"),
        "--db", db,
    )  # fmt: skip
    assert code == 0 and "as the pack of client Acme GmbH" in out and "raised" in out
    code, out, _ = run(capsys, "calibration", "show", "--client", "Acme GmbH", "--db", db)
    assert "saved by the local workspace" in out and SMB_LOW in out
    code, out, _ = run(capsys, "calibration", "show", "--db", db)
    assert out == "No calibration is saved for the firm: the shipped pack.\n"
    exported = tmp_path / "back"
    code, _, _ = run(
        capsys, "calibration", "export", "--client", "Acme GmbH", "--out", str(exported),
        "--db", db,
    )  # fmt: skip
    assert code == 0 and _smb_low(exported) == 24
    code, out, _ = run(capsys, "calibration", "remove", "--client", "Acme GmbH", "--db", db)
    assert out.startswith("Removed the calibration of client Acme GmbH")
    code, _, err = run(
        capsys, "calibration", "export", "--client", "Acme GmbH", "--out", str(exported),
        "--db", db,
    )  # fmt: skip
    assert code == 2 and "no calibration is saved for client Acme GmbH" in err


def test_workspace_admins_are_added_listed_and_removed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    code, out, _ = run(capsys, "workspace", "admins", "--db", db)
    assert (code, out) == (
        0,
        "No administrators: only a single-user workspace's own user.\n",
    )
    code, out, _ = run(capsys, "workspace", "admins", "--add", "Maria@Consultora.es", "--db", db)
    assert out.splitlines()[0] == "maria@consultora.es administers the firm's pack"
    assert out.splitlines()[1].startswith("maria@consultora.es  (since ")
    code, _, err = run(capsys, "workspace", "admins", "--remove", "pepe@consultora.es", "--db", db)
    assert code == 2 and "is not an administrator" in err
    code, out, _ = run(capsys, "workspace", "admins", "--remove", "maria@consultora.es", "--db", db)
    assert code == 0 and out.endswith("only a single-user workspace's own user.\n")
