"""Every brief's cover says who prepared it: "Prepared by" the consultancy's name in each
format, its logo in DOCX and PDF, and the client's name as the workspace records it; a brief
without branding is the document it was before (the golden files hold that for Markdown)."""

from __future__ import annotations

import io
import json
from typing import Any

import jsonschema
from docx import Document
from PIL import Image
from pypdf import PdfReader

from advisor.branding import Branding, checked_logo
from advisor.brief import Brief
from advisor.export import CHARTS_OFF, render
from advisor.export.jsondoc import SCHEMA

NAME = "Acme Advisory"


def _logo() -> bytes:
    image = Image.new("RGB", (300, 100), (31, 58, 95))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return checked_logo(out.getvalue())


def _plain(brief: Brief) -> Brief:
    return brief.without_charts(CHARTS_OFF)


def test_an_empty_branding_leaves_every_format_as_it_was(northwind_brief: Brief) -> None:
    brief = _plain(northwind_brief)
    unbranded = brief.with_cover(Branding())
    for fmt in ("md", "json"):
        assert render(unbranded, fmt) == render(brief, fmt)
    assert len(Document(io.BytesIO(render(unbranded, "docx"))).inline_shapes) == 0
    first = PdfReader(io.BytesIO(render(unbranded, "pdf"))).pages[0]
    assert "Prepared by" not in first.extract_text() and list(first.images) == []


def test_markdown_cover_says_prepared_by_the_consultancy(northwind_brief: Brief) -> None:
    text = render(_plain(northwind_brief).with_cover(Branding(NAME, _logo())), "md").decode()
    lines = text.splitlines()
    assert lines[:5] == [
        "# Account Manager hiring brief: Northwind Analytics",
        "",
        "*Whether to hire now, and the role as we would define it*",
        "",
        f"**Prepared by {NAME}**",
    ]
    assert "![" not in text.split("## Contents")[0]  # Markdown carries the name only


def test_markdown_escapes_a_consultancy_name_as_typed(northwind_brief: Brief) -> None:
    text = render(northwind_brief.with_cover(Branding("*Acme* <b>& [x](y)")), "md").decode()
    # Each Markdown metacharacter behind a backslash: the name stays literal text.
    assert "**Prepared by \\*Acme\\* \\<b\\>\\& \\[x\\](y)**" in text


def test_docx_cover_shows_the_logo_and_prepared_by(northwind_brief: Brief) -> None:
    logo = _logo()
    doc = Document(
        io.BytesIO(render(_plain(northwind_brief).with_cover(Branding(NAME, logo)), "docx"))
    )
    assert len(doc.inline_shapes) == 1
    shape = doc.inline_shapes[0]
    # 300 × 100 pixels fitted into 5 × 2.2 cm: 5 cm wide (width binds), 5/3 cm high.
    assert abs(shape.width.cm - 5.0) < 0.01 and abs(shape.height.cm - 5.0 / 3) < 0.01
    blip = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
    assert doc.part.related_parts[blip].blob == logo
    cover = [p.text for p in doc.paragraphs[:8]]
    assert f"Prepared by {NAME}" in cover and "Northwind Analytics" in cover


def test_pdf_cover_shows_the_logo_and_prepared_by(northwind_brief: Brief) -> None:
    data = render(_plain(northwind_brief).with_cover(Branding(NAME, _logo())), "pdf")
    reader = PdfReader(io.BytesIO(data))
    first = reader.pages[0]
    assert f"Prepared by {NAME}" in first.extract_text()
    images = list(first.images)
    assert len(images) == 1 and images[0].image.size == (300, 100)
    assert all(list(page.images) == [] for page in reader.pages[1:])
    plain = PdfReader(io.BytesIO(render(_plain(northwind_brief), "pdf")))
    assert len(reader.pages) == len(plain.pages)  # the logo fits on the cover


def test_pdf_cover_with_the_name_only_has_no_image(northwind_brief: Brief) -> None:
    first = PdfReader(
        io.BytesIO(render(_plain(northwind_brief).with_cover(Branding(NAME)), "pdf"))
    ).pages[0]
    assert f"Prepared by {NAME}" in first.extract_text() and list(first.images) == []


def test_json_names_who_prepared_it_and_stays_valid(northwind_brief: Brief) -> None:
    data = json.loads(render(northwind_brief.with_cover(Branding(NAME, _logo())), "json"))
    jsonschema.validate(data, SCHEMA)
    assert data["prepared_by"] == NAME
    assert "logo" not in json.dumps(data["document"]["cover"])
    assert "prepared_by" not in json.loads(render(northwind_brief, "json"))


def test_the_cover_names_the_client_as_the_workspace_records_it(northwind_brief: Brief) -> None:
    brief = _plain(northwind_brief).with_cover(Branding(NAME), "Northwind Analytics GmbH")
    assert brief.company == "Northwind Analytics GmbH"
    assert (
        render(brief, "md")
        .decode()
        .startswith("# Account Manager hiring brief: Northwind Analytics GmbH\n")
    )
    assert json.loads(render(brief, "json"))["company"] == "Northwind Analytics GmbH"
    doc = Document(io.BytesIO(render(brief, "docx")))
    assert doc.core_properties.title == "Account Manager hiring brief: Northwind Analytics GmbH"
    reader = PdfReader(io.BytesIO(render(brief, "pdf")))
    assert "Northwind Analytics GmbH" in reader.pages[0].extract_text()
    assert reader.metadata.title == "Account Manager hiring brief: Northwind Analytics GmbH"


def test_a_hostile_client_name_is_cleaned_on_the_cover(brief_for: Any) -> None:
    brief = brief_for().with_cover(Branding("A\u202eB\x00C"), "Client\u202e\nname")
    assert brief.company == "Client name" and brief.branding.name == "ABC"
