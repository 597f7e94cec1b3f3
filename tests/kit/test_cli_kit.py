"""`advisor kit`: one file per document in the folder (and the job description's JSON-LD), what
the job description may disclose, and bad input as a message with exit 2."""

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
# Northwind names Madrid but no country: its posting has no country and no pay band to state.
NORTHWIND_NOTES = (
    "note: job.jsonld: no addressCountry: set the profile's country to add it to the address\n"
    "note: job.jsonld: no baseSalary: the rule pack has no pay band for this profile (set "
    "country, and city_band where pay differs by city, to a country the pack's pay section "
    "lists)\n"
)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    out = io.StringIO()
    code = cli.main(["kit", *argv], stdout=out)
    return code, out.getvalue(), capsys.readouterr().err


def test_the_kit_writes_one_markdown_file_per_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "kit" / "northwind"  # created, parents too
    code, out, err = _run(capsys, NORTHWIND, "--out", str(folder), "--date", "2026-12-07")
    assert (code, out, err) == (0, "", NORTHWIND_NOTES)
    keys = ["candidate", "interview", "memo", "review", "transition"]
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [f"{key}.md" for key in keys] + ["job.md", "job.jsonld"]
    )
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
        "--only: 'jobs' is not a kit document; choose from memo, job, interview, candidate, "
        "transition, review (comma-separated)\n"
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


def test_only_job_writes_the_description_and_its_json_ld(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(
        capsys, NORTHWIND, "--only", "job", "--format", "pdf", "--out", str(tmp_path),
        "--date", "2026-12-07",
    )  # fmt: skip
    assert (code, err) == (0, NORTHWIND_NOTES)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["job.jsonld", "job.pdf"]
    assert len(PdfReader(tmp_path / "job.pdf").pages) <= 2
    posting = json.loads((tmp_path / "job.jsonld").read_text(encoding="utf-8"))
    assert (posting["@type"], posting["datePosted"]) == ("JobPosting", "2026-12-07")


def test_disclose_lets_the_job_description_state_that_field_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, _ = _run(
        capsys, NORTHWIND, "--only", "job", "--disclose", "nrr, Notes", "--out", str(tmp_path),
    )  # fmt: skip
    assert code == 0
    text = (tmp_path / "job.md").read_text(encoding="utf-8")
    assert "Net revenue retention: 96%" in text  # examples/northwind-hire-now.yaml: nrr 96%
    assert "Founder still joins every renewal call" in text  # its notes
    assert "62%" not in text and "36,000" not in text  # gross margin, contract value: not ticked


def test_an_unknown_disclose_name_is_refused_naming_the_choices_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "kit"
    code, out, err = _run(capsys, NORTHWIND, "--disclose", "nrr,sector", "--out", str(folder))
    assert (code, out) == (2, "")
    assert err == (
        "--disclose: 'sector' is not a field a document may disclose; choose from "
        "avg_contract_value, gross_margin, am_fully_loaded_cost, logo_churn_rate, nrr, grr, "
        "logo_retention, contraction_rate, nps, notes (comma-separated)\n"
    )
    assert not folder.exists()
