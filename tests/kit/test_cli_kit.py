"""`advisor kit`: one file per document in the folder, and bad input as a message with exit 2."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from kit_support import EXAMPLES, GOLDEN
from pypdf import PdfReader

from advisor import cli
from advisor.kit import DOCUMENTS, KitEntry

NORTHWIND = str(EXAMPLES / "northwind-hire-now.yaml")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    out = io.StringIO()
    code = cli.main(["kit", *argv], stdout=out)
    return code, out.getvalue(), capsys.readouterr().err


def test_the_kit_writes_one_markdown_file_per_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "kit" / "northwind"  # created, parents too
    code, out, err = _run(capsys, NORTHWIND, "--out", str(folder), "--date", "2026-12-07")
    assert (code, out, err) == (0, "", "")
    keys = ["candidate", "memo", "review", "transition"]
    assert sorted(p.name for p in folder.iterdir()) == [f"{key}.md" for key in keys]
    for key in keys:
        golden = (GOLDEN / f"northwind-hire-now-{key}.md").read_text(encoding="utf-8")
        assert (folder / f"{key}.md").read_text(encoding="utf-8") == golden, key


@pytest.mark.parametrize("fmt", ["md", "docx", "pdf", "json"])
def test_the_memo_is_written_in_each_format(
    tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(
        capsys, NORTHWIND, "--only", "memo", "--format", fmt, "--out", str(tmp_path),
        "--date", "2026-12-07",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert [p.name for p in tmp_path.iterdir()] == [f"memo.{fmt}"]  # no temporary file left
    data = (tmp_path / f"memo.{fmt}").read_bytes()
    if fmt == "pdf":
        assert len(PdfReader(io.BytesIO(data)).pages) == 1
    elif fmt == "json":
        assert json.loads(data)["prepared_on"] == "2026-12-07"
    elif fmt == "docx":
        assert data.startswith(b"PK")
    else:
        assert data.startswith(b"# Decision memo: Northwind Analytics")


def test_a_bad_only_key_is_refused_naming_the_choices_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "kit"
    code, out, err = _run(capsys, NORTHWIND, "--only", "memo,jobs", "--out", str(folder))
    assert (code, out) == (2, "")
    assert err == (
        "--only: 'jobs' is not a kit document; choose from memo, candidate, transition, review "
        "(comma-separated)\n"
    )
    assert not folder.exists()


def test_a_kit_without_a_profile_or_case_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, "--out", str(tmp_path))
    assert code == 2
    assert "give a profile file, or --client and --scenario" in err
    code, _, err = _run(capsys, NORTHWIND, "--client", "Acme", "--out", str(tmp_path))
    assert code == 2
    assert "not both" in err
    assert list(tmp_path.iterdir()) == []


def test_an_out_that_is_a_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "memo.md"
    target.write_text("kept", encoding="utf-8")
    code, _, err = _run(capsys, NORTHWIND, "--out", str(target))
    assert code == 2
    assert "is a file, not a folder" in err
    assert target.read_text(encoding="utf-8") == "kept"


def test_an_invalid_profile_is_refused_with_its_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("company: Acme\nactive_accounts: lots\n", encoding="utf-8")
    code, _, err = _run(capsys, str(bad), "--out", str(tmp_path / "kit"))
    assert code == 2
    assert "bad.yaml" in err and "Traceback" not in err
    assert not (tmp_path / "kit").exists()


def test_a_format_a_document_does_not_have_is_refused_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    memo = DOCUMENTS["memo"]
    notes_only = KitEntry("notes", "Notes", memo.build, "notes", formats=("md",))
    monkeypatch.setitem(DOCUMENTS, "notes", notes_only)
    code, _, err = _run(capsys, NORTHWIND, "--format", "pdf", "--out", str(tmp_path / "kit"))
    assert code == 2
    assert err == "--format: the notes document has no pdf format; it has md\n"
    assert not (tmp_path / "kit").exists()
