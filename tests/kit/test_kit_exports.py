"""Every kit document renders in every format, and the decision memo's PDF is one page for every
sample company and for the longest names a profile and a consultancy can have."""

from __future__ import annotations

import dataclasses
import io
import json

import pytest
from docx import Document
from kit_support import SAMPLES, kit_for, sample
from markdown_it import MarkdownIt
from pypdf import PdfReader

from advisor.brief import Paragraph, Section
from advisor.export.kit import pdf_scale, render_kit, render_kit_noted
from advisor.kit import DOCUMENTS, KitDocument
from advisor.kit.memo import build_memo
from advisor.pack import RulePack

LONG_NAMES = ("W" * 120, ("Wolkenkratzer Maschinenbau Gesellschaft " * 4)[:120])


def _pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize("name", SAMPLES)
def test_the_memo_pdf_is_one_page_at_its_designed_size(name: str, pack: RulePack) -> None:
    memo = build_memo(kit_for(sample(name), pack))
    assert _pages(render_kit(memo, "pdf")) == 1
    assert pdf_scale(memo) == 1.0  # it fits without setting the type smaller


@pytest.mark.parametrize("company", LONG_NAMES)
@pytest.mark.parametrize("name", ["brightpath-prepare", "kern-studio-retainers"])
def test_the_memo_pdf_is_one_page_for_long_names(name: str, company: str, pack: RulePack) -> None:
    kit = dataclasses.replace(kit_for(sample(name), pack), company=company, prepared_by="Q" * 120)
    memo = build_memo(kit)
    assert _pages(render_kit(memo, "pdf")) == 1
    assert pdf_scale(memo) > 0.9  # smaller type only by a little, never unreadable


def test_a_document_that_is_not_one_page_runs_onto_more_pages(pack: RulePack) -> None:
    memo = build_memo(kit_for(sample("northwind-hire-now"), pack))
    long = Section("more", 6, "More", tuple(Paragraph("A line of text. " * 40) for _ in range(30)))
    runs_on = dataclasses.replace(memo, sections=(*memo.sections, long), one_page=False)
    assert _pages(render_kit(runs_on, "pdf")) > 1
    squeezed = dataclasses.replace(runs_on, one_page=True)
    assert _pages(render_kit(squeezed, "pdf")) == 1
    assert pdf_scale(squeezed) < 1.0


@pytest.mark.parametrize("key", list(DOCUMENTS))
def test_each_kit_document_renders_in_each_format(key: str, pack: RulePack) -> None:
    entry = DOCUMENTS[key]
    document = entry.build(kit_for(sample("northwind-hire-now"), pack))
    headings = [section.heading for section in document.sections]
    for fmt in entry.formats:
        data, notes = render_kit_noted(document, fmt)
        assert notes == ()
        if fmt == "md":
            text = data.decode("utf-8")
            assert text.startswith(f"# {document.title}: Northwind Analytics\n")
            assert all(f"## {heading}" in text for heading in headings)
        elif fmt == "docx":
            paragraphs = [p.text for p in Document(io.BytesIO(data)).paragraphs]
            assert paragraphs[0] == f"{document.title}: Northwind Analytics"
            assert all(heading in paragraphs for heading in headings)
        elif fmt == "pdf":
            text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
            assert "Northwind Analytics" in text
            assert all(heading in text for heading in headings)
        else:
            parsed = json.loads(data)
            assert parsed["schema"] == "am-advisor/kit-document"
            assert (parsed["key"], parsed["prepared_on"]) == (key, "2026-12-07")
            assert [s["title"] for s in parsed["sections"]] == [s.title for s in document.sections]


def test_text_typed_into_a_company_name_stays_text_in_every_format(pack: RulePack) -> None:
    name = "<b>Acme</b> & *Co* | [x](javascript:alert(1))"
    kit = dataclasses.replace(kit_for(sample("northwind-hire-now"), pack), company=name)
    memo: KitDocument = build_memo(kit)
    html = MarkdownIt("commonmark").enable("table").render(render_kit(memo, "md").decode())
    assert "<b>" not in html and "<a " not in html
    assert "&lt;b&gt;Acme&lt;/b&gt; &amp; *Co* | [x](javascript:alert(1))" in html
    assert "<" not in render_kit(memo, "json").decode()
    assert json.loads(render_kit(memo, "json"))["company"] == name
    assert name in PdfReader(io.BytesIO(render_kit(memo, "pdf"))).pages[0].extract_text()
    assert Document(io.BytesIO(render_kit(memo, "docx"))).paragraphs[0].text.endswith(name)
