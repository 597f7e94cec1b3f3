"""The brief's appendix "Where the team disagreed" in every format, read back; and hostile
respondent names and comments kept literal in the brief and in every workshop report."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import jsonschema
import pytest
from docx import Document
from markdown_it import MarkdownIt
from pypdf import PdfReader
from workshop_support import HOSTILE, base_case, decisive_team, person, respondents

from advisor.brief import Brief, method_appendix, prepare_brief
from advisor.export import export_brief
from advisor.export.jsondoc import SCHEMA
from advisor.export.workshop import render
from advisor.pack import RulePack
from advisor.textsafety import clean_text
from advisor.workshop import WorkshopResult, compare

DATE = dt.date(2026, 11, 22)
TITLE = "Where the team disagreed"


@pytest.fixture(scope="module")
def together(pack: RulePack) -> WorkshopResult:
    """One decisive disagreement (delivery), one not (lead days), a pair decisive together."""
    base = base_case()
    people = respondents(
        base,
        *decisive_team({"answer": "emerging", "comment": "Two teams, two ways."}),
    )
    return compare(base, people, pack)


@pytest.fixture(scope="module")
def brief(together: WorkshopResult, pack: RulePack) -> Brief:
    return prepare_brief(together.base, pack, prepared_on=DATE, workshop=together)


def test_the_case_has_each_kind_of_disagreement(together: WorkshopResult) -> None:
    kinds = {q.field: (q.agree, q.decisive) for q in together.questions}
    assert kinds["delivery_maturity"] == (False, True)
    assert kinds["renewal_lead_days"] == (False, False)
    assert len(together.together) == 1


def test_the_appendix_is_the_last_section_and_the_rest_is_unchanged(
    brief: Brief, pack: RulePack
) -> None:
    plain = prepare_brief(brief.workshop.base, pack, prepared_on=DATE)  # type: ignore[union-attr]
    assert brief.sections[-1].title == TITLE and brief.sections[-1].key == "workshop"
    assert brief.sections[-1].number == len(plain.sections) + 1
    assert [s.key for s in brief.sections[:-1]] == [s.key for s in plain.sections]
    assert all(s.title != TITLE for s in plain.sections)


def test_markdown_appendix(brief: Brief) -> None:
    text = export_brief(brief, "md").decode("utf-8")
    appendix = text[text.index(f"## {brief.sections[-1].number}. {TITLE}") :]
    assert "| Ana Ortiz | founder | Prepare to hire | 40/100 | 4 of 9 |" in appendix
    assert "### Decisive only together" in appendix
    assert (
        "“Founder” (Ben Okafor) for who holds client knowledge with “No” (Ben Okafor)" in appendix
    )
    assert "**Consensus verdict:** Prepare to hire" in appendix
    # Each answer and each comment are in the method appendix, which the section names.
    assert "in the method appendix, under “The workshop's answers”" in appendix
    assert "Ana Ortiz: standardised; Ben Okafor: emerging" not in text
    method = export_brief(method_appendix(brief), "md").decode("utf-8")
    assert "### The workshop's answers" in method
    assert (
        "| Delivery maturity | Ana Ortiz: standardised; Ben Okafor: emerging; "
        "Cleo Wu: standardised | standardised (the most common answer) | yes |"
    ) in method
    assert "| Renewal work starts |" in method and "(the most common answer) | no |" in method
    assert "Ben Okafor on delivery maturity: Two teams, two ways." in method


def test_docx_appendix_read_back(brief: Brief) -> None:
    doc = Document(io.BytesIO(export_brief(brief, "docx", charts=False)))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert any(TITLE in heading for heading in headings)
    cells = {cell.text for table in doc.tables for row in table.rows for cell in row.cells}
    assert "Ben Okafor" in cells and "customer success" in cells
    method = Document(io.BytesIO(export_brief(method_appendix(brief), "docx", charts=False)))
    grid = {cell.text for table in method.tables for row in table.rows for cell in row.cells}
    assert "Ana Ortiz: standardised; Ben Okafor: emerging; Cleo Wu: standardised" in grid
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "Decisive only together" in body


def test_pdf_appendix_read_back(brief: Brief) -> None:
    reader = PdfReader(io.BytesIO(export_brief(brief, "pdf", charts=False)))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert TITLE in text
    assert "Decisive only together" in text
    method = PdfReader(io.BytesIO(export_brief(method_appendix(brief), "pdf", charts=False)))
    text = " ".join(" ".join(page.extract_text().split()) for page in method.pages)
    assert "Ben Okafor: emerging" in text
    assert "Two teams, two ways." in text


def test_json_appendix_and_result(brief: Brief) -> None:
    data = json.loads(export_brief(brief, "json"))
    jsonschema.validate(data, SCHEMA)
    section = data["document"]["sections"][-1]
    assert section["title"] == TITLE
    assert any(block["type"] == "table" for block in section["blocks"])
    workshop = data["workshop"]
    assert [r["name"] for r in workshop["respondents"]] == ["Ana Ortiz", "Ben Okafor", "Cleo Wu"]
    assert workshop["questions"][0]["decisive"] is True
    assert workshop["consensus"]["verdict"] == data["verdict"] == "prepare"


def test_a_brief_without_a_workshop_has_no_appendix_or_key(pack: RulePack) -> None:
    plain = prepare_brief(base_case(), pack, prepared_on=DATE)
    assert "workshop" not in json.loads(export_brief(plain, "json"))
    assert TITLE not in export_brief(plain, "md").decode("utf-8")


def test_the_appendix_warns_when_the_brief_is_not_the_consensus(
    together: WorkshopResult, pack: RulePack
) -> None:
    from advisor.brief import build_brief
    from advisor.engine import evaluate

    other = base_case(delivery_maturity="ad_hoc")
    built = build_brief(other, evaluate(other, pack), pack, prepared_on=DATE, workshop=together)
    text = export_brief(built, "md").decode("utf-8")
    assert "**Check the answers:** the team's consensus gives Prepare to hire" in text


# --- hostile names and comments ---------------------------------------------------------------


def _hostile_result(pack: RulePack, hostile: str) -> WorkshopResult:
    base = base_case()
    people = respondents(
        base,
        person(hostile[:70], delivery_maturity={"answer": "emerging", "comment": hostile}),
        person(f"B {hostile}"[:70], delivery_maturity="standardised", churn_trend="stable"),
    )
    return compare(base, people, pack)


def _rendered_html(markdown: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(markdown)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_names_and_comments_stay_literal_in_reports(pack: RulePack, hostile: str) -> None:
    result = _hostile_result(pack, hostile)
    name = result.respondents[0].respondent.name
    assert name == " ".join(clean_text(hostile[:70], single_line=True).split())
    text = render(result, "text")
    assert "\x1b" not in text and "\x00" not in text and "\u202e" not in text
    html = _rendered_html(render(result, "md"))
    assert "<script" not in html and "<a " not in html and "<img" not in html
    assert "<b>" not in html and html.count("<h1") == 1
    raw = render(result, "json")
    assert "<" not in raw and ">" not in raw and "&" not in raw
    data = json.loads(raw)
    assert data["respondents"][0]["name"] == name
    comment = data["questions"][0]["comments"][name]
    assert comment == clean_text(hostile).strip()


@pytest.mark.parametrize("fmt", ["md", "json", "docx", "pdf"])
def test_hostile_names_and_comments_stay_literal_in_the_brief(pack: RulePack, fmt: str) -> None:
    hostiles = HOSTILE if fmt in ("md", "json") else HOSTILE[::3]
    for hostile in hostiles:
        result = _hostile_result(pack, hostile)
        brief = prepare_brief(result.base, pack, prepared_on=DATE, workshop=result)
        data = export_brief(brief, fmt, charts=False)
        if fmt == "md":
            html = _rendered_html(data.decode("utf-8"))
            assert "<script" not in html and "<a " not in html and "<img" not in html
        elif fmt == "json":
            raw = data.decode("utf-8")
            assert "<" not in raw and ">" not in raw
            assert json.loads(raw)["workshop"]["respondents"][0]["name"] == (
                result.respondents[0].respondent.name
            )
        elif fmt == "docx":
            xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
            assert "<w:hyperlink" not in xml
            assert "<script>" not in xml  # written as text, escaped by the XML writer
        else:
            reader = PdfReader(io.BytesIO(data))
            assert all("/Annots" not in page for page in reader.pages)


def test_pdf_and_docx_show_a_marked_up_name_as_typed(pack: RulePack) -> None:
    result = _hostile_result(pack, "<b>Dana</b> & <i>Co</i>")
    brief = prepare_brief(result.base, pack, prepared_on=DATE, workshop=result)
    pdf = PdfReader(io.BytesIO(export_brief(brief, "pdf", charts=False)))
    assert "<b>Dana</b> & <i>Co</i>" in "\n".join(page.extract_text() for page in pdf.pages)
    doc = Document(io.BytesIO(export_brief(brief, "docx", charts=False)))
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    assert "<b>Dana</b> & <i>Co</i>" in cells
