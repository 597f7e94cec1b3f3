"""`advisor brief`: every format to a file, and bad input as a message with exit code 2."""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from brief_support import EXAMPLES, ROOT, undrawn_emoji
from docx import Document
from pypdf import PdfReader

from advisor import cli
from advisor.cli import brief as brief_command

NORTHWIND = str(EXAMPLES / "northwind-hire-now.yaml")


def _run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = cli.main(["brief", *argv], stdout=out)
    return code, out.getvalue()


@pytest.mark.parametrize("fmt", ["md", "docx", "pdf", "json"])
def test_each_format_is_written_to_the_file(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"brief.{fmt}"
    code, printed = _run(
        NORTHWIND, "--format", fmt, "--out", str(target), "--no-charts", "--date", "2026-11-22"
    )
    assert (code, printed) == (0, "")
    data = target.read_bytes()
    if fmt == "md":
        assert data.decode().startswith("# Account Manager hiring brief: Northwind Analytics")
    elif fmt == "docx":
        assert Document(io.BytesIO(data)).paragraphs
    elif fmt == "pdf":
        assert 2 <= len(PdfReader(io.BytesIO(data)).pages) <= 10
    else:
        assert json.loads(data)["prepared_on"] == "2026-11-22"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left


def test_format_follows_the_file_extension(tmp_path: Path) -> None:
    target = tmp_path / "brief.pdf"
    assert _run(NORTHWIND, "--out", str(target), "--no-charts")[0] == 0
    assert target.read_bytes().startswith(b"%PDF")


def test_text_formats_go_to_standard_output(tmp_path: Path) -> None:
    code, printed = _run(NORTHWIND, "--date", "2026-11-22")
    assert code == 0
    golden = (ROOT / "tests" / "golden" / "northwind-hire-now.md").read_text(encoding="utf-8")
    assert printed == golden


def test_role_edits_and_concentration_shape_the_brief(tmp_path: Path) -> None:
    edits = tmp_path / "edits.yaml"
    edits.write_text("title: Client Partner\nmission: Keep and grow every account.\n")
    code, printed = _run(
        str(EXAMPLES / "acorn-not-yet.yaml"),
        "--role-edits",
        str(edits),
        "--top-accounts-share",
        "70%",
    )
    assert code == 0
    assert "| Title | Client Partner |" in printed
    assert "**Mission:** Keep and grow every account." in printed
    assert "A Key Account Manager" in printed


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["missing.yaml"], "missing.yaml: file: cannot read"),
        ([NORTHWIND, "--format", "pdf"], "a pdf brief is a binary file: give --out FILE"),
        ([NORTHWIND, "--out", "brief.txt"], "cannot tell the format from 'brief.txt'"),
        ([NORTHWIND, "--out", "/nonexistent/folder/brief.md"], "the folder /nonexistent/folder"),
        ([NORTHWIND, "--rules", "/nonexistent/rules"], "/nonexistent/rules: no such file"),
        ([NORTHWIND, "--top-accounts-share", "70"], 'did you mean "70%"?'),
    ],
)
def test_bad_input_exits_2_with_a_message(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, printed = _run(*argv)
    captured = capsys.readouterr()
    assert code == 2 and printed == ""
    assert message in captured.err


def test_a_bad_profile_names_its_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = tmp_path / "bad.yaml"
    text = (
        (EXAMPLES / "northwind-hire-now.yaml")
        .read_text()
        .replace("gross_margin: 62%", "gross_margin: 62")
    )
    profile.write_text(text)
    assert _run(str(profile), "--out", str(tmp_path / "x.md"))[0] == 2
    err = capsys.readouterr().err
    assert "gross_margin: 62 is not a rate between 0 and 1" in err
    assert not (tmp_path / "x.md").exists()


def test_pdf_characters_not_drawn_are_named_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    emoji = undrawn_emoji()
    profile = tmp_path / "emoji.yaml"
    text = (EXAMPLES / "northwind-hire-now.yaml").read_text(encoding="utf-8")
    profile.write_text(
        text.replace("company: Northwind Analytics", f'company: "Northwind {emoji}"'),
        encoding="utf-8",
    )
    target = tmp_path / "brief.pdf"
    assert _run(str(profile), "--out", str(target), "--no-charts") == (0, "")
    err = capsys.readouterr().err
    assert err.startswith("note: ") and err.count("\n") == 1
    assert f"{emoji} U+{ord(emoji):04X}" in err and "replaced by “\ufffd”" in err
    assert (
        "Characters not drawn:"
        in PdfReader(io.BytesIO(target.read_bytes())).pages[-1].extract_text()
    )
    # A Markdown brief keeps every character: nothing to say.
    assert _run(str(profile), "--out", str(tmp_path / "brief.md")) == (0, "")
    assert capsys.readouterr().err == ""


def test_bad_role_edits_name_the_file_and_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edits = tmp_path / "edits.json"
    edits.write_text(json.dumps({"handover": [{"item": "", "owner": "AE"}]}))
    assert _run(NORTHWIND, "--role-edits", str(edits))[0] == 2
    assert f"{edits}: handover[0].item: must not be empty" in capsys.readouterr().err


def test_register_adds_the_brief_command(tmp_path: Path) -> None:
    parser = argparse.ArgumentParser(prog="advisor")
    commands = parser.add_subparsers(dest="command", required=True)
    brief_command.register(commands)
    target = tmp_path / "b.json"
    args = parser.parse_args(["brief", NORTHWIND, "--out", str(target)])
    assert args.handler is brief_command.run
    assert args.handler(args, io.StringIO()) == 0
    data = json.loads(target.read_text())
    assert data["verdict"] == data["assessment"]["verdict"]
    assert data["prepared_on"] == data["assessment"]["as_of"]


def test_invalid_input_prints_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("company: [unclosed\n")
    result = subprocess.run(
        [sys.executable, "-m", "advisor", "brief", str(bad), "--format", "md"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and str(bad) in result.stderr
    assert result.stdout == ""
