"""The brief's method (rules, inputs, sources) is a document of its own, in every format.

Regenerate the appendix's golden file after a deliberate change with
`UPDATE_GOLDEN=1 pytest tests/brief/test_method_appendix.py`.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from brief_support import DATE, EXAMPLES, GOLDEN
from docx import Document
from pypdf import PdfReader

from advisor import cli
from advisor.brief import method_appendix, prepare_brief
from advisor.export.markdown import render_markdown
from advisor.pack import RulePack
from advisor.profile import CompanyProfile

NORTHWIND = str(EXAMPLES / "northwind-hire-now.yaml")
METHOD_HEADINGS = ("### Rules that fired", "### Inputs", "### Thresholds", "### Source documents")


def _pdf_pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def test_the_brief_leaves_its_method_to_the_appendix(
    samples: dict[str, CompanyProfile], pack: RulePack
) -> None:
    brief = prepare_brief(samples["northwind-hire-now"], pack, prepared_on=DATE)
    text = render_markdown(brief)
    assert not [h for h in METHOD_HEADINGS if h in text]
    assert "## 14. Appendix — rules, inputs and sources" in text
    fired = len(brief.assessment.fired)
    rules = len(brief.assessment.trace)
    assert (
        f"They are in a separate document, the method appendix, built from the same assessment "
        f"({fired} of {rules} rules fired, rules digest {pack.digest}, 22 November 2026)"
    ) in text
    assert "advisor brief PROFILE --appendix" in text


def test_the_method_appendix_matches_the_golden_file(
    samples: dict[str, CompanyProfile], pack: RulePack
) -> None:
    brief = prepare_brief(samples["northwind-hire-now"], pack, prepared_on=DATE)
    text = render_markdown(method_appendix(brief))
    golden = GOLDEN / "northwind-hire-now-appendix.md"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"missing {golden}; run with UPDATE_GOLDEN=1 to create it"
    assert text == golden.read_text(encoding="utf-8")
    for heading in METHOD_HEADINGS:
        assert f"\n{heading}\n" in text
    assert text.startswith("# Account Manager hiring brief, method appendix: Northwind Analytics")
    # Every rule that fired is listed by its id.
    assert all(f"| {r.rule_id} |" in text for r in brief.assessment.fired)


@pytest.mark.parametrize("fmt", ["md", "docx", "pdf", "json"])
def test_brief_appendix_is_written_in_every_format(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"appendix.{fmt}"
    argv = ["brief", NORTHWIND, "--appendix", "--format", fmt, "--out", str(target)]
    code = cli.main([*argv, "--no-charts", "--date", "2026-11-22"], stdout=io.StringIO())
    assert code == 0
    data = target.read_bytes()
    if fmt == "md":
        assert "\n### Rules that fired\n" in data.decode()
    elif fmt == "docx":
        texts = [p.text for p in Document(io.BytesIO(data)).paragraphs]
        assert "Rules that fired" in texts
    elif fmt == "pdf":
        assert "Rules that fired" in "".join(
            page.extract_text() for page in PdfReader(io.BytesIO(data)).pages
        )
    else:
        sections = json.loads(data)["document"]["sections"]
        assert [s["key"] for s in sections] == ["appendix"]


def test_northwinds_pdf_brief_leaves_its_method_pages_to_the_appendix(tmp_path: Path) -> None:
    pages = {}
    for name, extra in (("brief", []), ("appendix", ["--appendix"])):
        target = tmp_path / f"{name}.pdf"
        argv = ["brief", NORTHWIND, *extra, "--out", str(target), "--date", "2026-11-22"]
        assert cli.main(argv, stdout=io.StringIO()) == 0
        pages[name] = _pdf_pages(target.read_bytes())
    # The appendix's cover page is its own; its method pages left the brief.
    assert pages["brief"] <= 10
    assert pages["appendix"] >= 3
