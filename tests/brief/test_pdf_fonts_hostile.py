"""The PDF uses its embedded font everywhere, and unsupported emoji extract as what is drawn."""

from __future__ import annotations

import io
from typing import Any

from pypdf import PdfReader

from advisor.export import render


def test_pdf_footer_and_tables_use_the_embedded_font_only(brief_for: Any) -> None:
    brief = brief_for(company="Rocket 🚀 Co").without_charts("x")
    reader = PdfReader(io.BytesIO(render(brief, "pdf")))
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert not any("Helvetica" in name for name in fonts), fonts
    last = reader.pages[-1].extract_text()
    assert f"Rocket \ufffd Co · Page {len(reader.pages)} of {len(reader.pages)}" in last


def test_pdf_emoji_text_mapping_is_not_broken(brief_for: Any) -> None:
    brief = brief_for(notes="before 🚀 middle ☺ ✓ after").without_charts("x")
    reader = PdfReader(io.BytesIO(render(brief, "pdf")))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "before \ufffd middle ☺ ✓ after" in text
