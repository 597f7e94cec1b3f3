"""DOCX, PDF and JSON exports, read back: structure, fonts, figures and strict JSON."""

from __future__ import annotations

import io
import json
import re
import zipfile
from typing import Any

import jsonschema
import pytest
from brief_support import HOSTILE
from docx import Document
from pypdf import PdfReader

from advisor.brief import Brief, method_appendix
from advisor.export import CHARTS_OFF, FORMATS, attach_charts, export_brief, file_name, render
from advisor.export.jsondoc import SCHEMA, SCHEMA_VERSION
from advisor.export.pdf_fonts import Fonts, Replaced, TextFitter, brief_fonts


def _with_charts(brief: Brief) -> Brief:
    return attach_charts(brief)[0]


# --- DOCX ------------------------------------------------------------------------------------


def _docx(brief: Brief) -> Any:
    return Document(io.BytesIO(render(brief, "docx")))


def test_docx_has_real_headings_tables_and_lists(northwind_brief: Brief) -> None:
    doc = _docx(northwind_brief.without_charts(CHARTS_OFF))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Contents", *(s.heading for s in northwind_brief.sections)]
    subheadings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert "The three reasons that weigh most" in subheadings
    bullets = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert any(text.startswith("The book has reached the hiring zone.") for text in bullets)
    first_rows = [[cell.text for cell in table.rows[0].cells] for table in doc.tables]
    assert ["Metric", "Target", "For this book", "Today"] in first_rows
    assert ["When", "Milestone", "What happens", "Owner"] in first_rows
    payout = next(t for t in doc.tables if t.rows[0].cells[0].text == "Attainment")
    assert [row.cells[0].text for row in payout.rows[1:]] == ["80%", "100%", "120%"]
    assert doc.core_properties.title == "Account Manager hiring brief: Northwind Analytics"
    text = "\n".join(p.text for p in doc.paragraphs)
    assert (
        "Chart omitted — Renewal hours of the accounts no Account Manager carries: charts were "
        "switched off"
    ) in text


def test_docx_cover_and_page_numbers(northwind_brief: Brief) -> None:
    data = render(northwind_brief.without_charts(CHARTS_OFF), "docx")
    doc = Document(io.BytesIO(data))
    cover = [p.text for p in doc.paragraphs[:6]]
    assert "Northwind Analytics" in cover and "Prepared 22 November 2026" in cover
    verdict_box = doc.tables[0].rows[0].cells[0].text
    assert northwind_brief.verdict_label in verdict_box
    footer = zipfile.ZipFile(io.BytesIO(data)).read("word/footer1.xml").decode()
    assert 'w:instr="PAGE"' in footer and 'w:instr="NUMPAGES"' in footer


def test_docx_embeds_the_chart_images(northwind_brief: Brief) -> None:
    # The brief draws the renewal workload; its method appendix the score, the what-if, the
    # growth and the pay.
    for document, count, title in (
        (northwind_brief, 1, "Renewal hours of the accounts no Account Manager carries"),
        (method_appendix(northwind_brief), 4, "Pay at each attainment level"),
    ):
        doc = _docx(_with_charts(document))
        assert len(doc.inline_shapes) == len(list(document.charts())) == count
        text = "\n".join(p.text for p in doc.paragraphs)
        assert f"Figure — {title}." in text
        assert "Chart omitted" not in text


# --- PDF -------------------------------------------------------------------------------------


def _pdf(brief: Brief) -> PdfReader:
    return PdfReader(io.BytesIO(render(brief, "pdf")))


def test_pdf_text_fonts_and_page_numbers(northwind_brief: Brief) -> None:
    reader = _pdf(northwind_brief.without_charts(CHARTS_OFF))
    pages = len(reader.pages)
    assert 2 <= pages <= 10
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "€792,000" in text and "€65,000" in text
    assert "Northwind Analytics" in text.splitlines()[1] or "Northwind Analytics" in text
    assert f"Page 2 of {pages}" in text and f"Page {pages} of {pages}" in text
    assert f"Verdict: {northwind_brief.verdict_label}" in reader.pages[0].extract_text()
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("DejaVu" in name or "Vera" in name for name in fonts), fonts
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline == [s.heading for s in northwind_brief.sections]
    assert reader.metadata.title == "Account Manager hiring brief: Northwind Analytics"


def test_pdf_renders_euro_accents_and_curly_quotes(brief_for: Any) -> None:
    brief = brief_for(company="Café Año “Ñandú” ‘Zoë’ €", notes="Prix en € — très “bien”")
    text = "\n".join(page.extract_text() for page in _pdf(brief.without_charts("x")).pages)
    assert "Café Año “Ñandú” ‘Zoë’ €" in text
    assert "Prix en € — très “bien”" in text


def test_pdf_draws_the_charts_as_vectors_not_images(northwind_brief: Brief) -> None:
    reader = _pdf(_with_charts(method_appendix(northwind_brief)))
    assert sum(len(page.images) for page in reader.pages) == 0
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "What moved the readiness score (total" in text  # the chart's own title, as text
    assert "today: 22" in text and "hiring zone" in text


def test_pdf_font_replaces_what_it_cannot_draw() -> None:
    fonts = brief_fonts()
    assert ord("€") in fonts.covered and ord("ñ") in fonts.covered
    fitter = TextFitter(fonts)
    fitter.where = "cover"
    # No font draws U+10FFFD; an invisible tag character (flag sequences) is left out instead.
    assert fitter.plain("a\U0010fffdb\U000e0067") == "a\ufffdb"
    assert fitter.report().replaced == (Replaced("\U0010fffd", 1, ("cover",)),)
    vera = Fonts("BriefVera", "", "", "", frozenset(map(ord, "€ ñ")), "Bitstream Vera Sans")
    assert TextFitter(vera).plain("€ ñ \U0010fffd") == "€ ñ ?"


# --- JSON ------------------------------------------------------------------------------------


def _strict(text: str) -> Any:
    def refuse(name: str) -> None:
        raise ValueError(f"{name} is not strict JSON")

    return json.loads(text, parse_constant=refuse)


def test_json_is_strict_versioned_and_complete(northwind_brief: Brief) -> None:
    data = _strict(render(northwind_brief, "json").decode("utf-8"))
    jsonschema.validate(data, SCHEMA)
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["prepared_on"] == "2026-11-22"
    assessment = data["assessment"]
    assert assessment["verdict"] == northwind_brief.verdict and assessment["score"] == 95
    assert assessment["as_of"] == data["prepared_on"]
    assert len(assessment["trace"]) == len(northwind_brief.pack.rules)
    role = data["role"]
    assert role["title"] == "Account Manager (with customer success)"
    assert [row["attainment"] for row in role["compensation"]["payout_table"]] == [0.8, 1.0, 1.2]
    assert data["pack"]["digest"] == northwind_brief.pack.digest
    sections = data["document"]["sections"]
    assert [s["key"] for s in sections] == [s.key for s in northwind_brief.sections]


def test_json_never_carries_markup_characters_raw(brief_for: Any) -> None:
    brief = brief_for(company="<b>Acme</b> & Co", notes="<script>x</script>")
    raw = render(brief, "json").decode("utf-8")
    assert "<" not in raw and ">" not in raw and "&" not in raw
    data = _strict(raw)
    assert data["company"] == "<b>Acme</b> & Co"
    assert data["assessment"]["profile"]["notes"] == "<script>x</script>"


def test_json_replaces_lone_surrogates(brief_for: Any) -> None:
    brief = brief_for(company="Acme \ud800 Co")
    raw = render(brief, "json")
    raw.decode("utf-8", errors="strict")
    assert _strict(raw.decode("utf-8"))["company"] == "Acme \ufffd Co"


# --- every format, hostile text --------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_exports_every_hostile_string(fmt: str, brief_for: Any) -> None:
    # Text formats take each string as the name; binary ones (slower) every third, and all
    # of them in the notes.
    names = HOSTILE if fmt in ("md", "json") else HOSTILE[::3]
    for hostile in names:
        brief = brief_for(company=f"Acme {hostile}"[:120], notes="\n".join(HOSTILE))
        data = export_brief(brief, fmt, charts=False)
        assert data
        if fmt == "docx":
            doc = Document(io.BytesIO(data))
            xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
            assert "<w:hyperlink" not in xml and "HYPERLINK" not in xml.replace("=HYPERLINK(", "")
            assert doc.paragraphs
        elif fmt == "pdf":
            reader = PdfReader(io.BytesIO(data))
            assert 2 <= len(reader.pages) <= 10
            for page in reader.pages:
                assert "/Annots" not in page  # no link annotations
        elif fmt == "json":
            _strict(data.decode("utf-8"))
        else:
            assert not re.search(r"(?<!\\)<script", data.decode("utf-8"))


def test_file_names_are_safe() -> None:
    assert file_name("Northwind Analytics", "pdf") == "am-brief-northwind-analytics.pdf"
    assert file_name("../../etc/passwd\x00", "md") == "am-brief-etc-passwd.md"
    assert file_name("Ñandú Café", "docx") == "am-brief-nandu-cafe.docx"
    assert file_name("🚀", "json") == "am-brief-company.json"


def test_pdf_and_docx_show_markup_as_typed(brief_for: Any) -> None:
    brief = brief_for(company="<b>Acme</b> & <i>Co</i>").without_charts("x")
    pdf_text = "\n".join(page.extract_text() for page in _pdf(brief).pages)
    assert "<b>Acme</b> & <i>Co</i>" in pdf_text
    doc = _docx(brief)
    assert "<b>Acme</b> & <i>Co</i>" in "\n".join(p.text for p in doc.paragraphs)
