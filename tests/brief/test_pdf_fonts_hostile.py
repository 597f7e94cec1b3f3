"""The PDF embeds every font it uses, its text maps back to Unicode, and no character is lost
without a word: what no font draws is shown as "�", logged, and named in the document."""

from __future__ import annotations

import io
import logging
import re
from typing import Any

import pytest
from brief_support import pdf_draws, undrawn_emoji
from pypdf import PdfReader

from advisor.export import attach_charts, render, render_noted
from advisor.export.pdf_fonts import symbol_font, to_unicode_cmap

STANDARD_14 = {
    f"{family}{style}"
    for family, styles in (
        ("Helvetica", ("", "-Bold", "-Oblique", "-BoldOblique")),
        ("Times", ("-Roman", "-Bold", "-Italic", "-BoldItalic")),
        ("Courier", ("", "-Bold", "-Oblique", "-BoldOblique")),
        ("Symbol", ("",)),
        ("ZapfDingbats", ("",)),
    )
    for style in styles
}


def _shown(text: str) -> str:
    """The text as the PDF shows it: what no installed font draws becomes U+FFFD."""
    return "".join(char if pdf_draws(char) else "\ufffd" for char in text)


def _fonts(reader: PdfReader) -> dict[str, Any]:
    return {
        str(font.get_object()["/BaseFont"]): font.get_object()
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }


def _text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


# --- every font embedded ----------------------------------------------------------------------


def test_pdf_helvetica_is_referenced_but_not_embedded(brief_for: Any) -> None:
    # With its charts (reportlab starts every drawing in Helvetica), an emoji in the name and
    # a replaced one in the notes: every font on every page is a TrueType subset in the file.
    brief = brief_for(company="Rocket 🚀 Co", notes=f"Party {undrawn_emoji()} time")
    reader = PdfReader(io.BytesIO(render(attach_charts(brief)[0], "pdf")))
    fonts = _fonts(reader)
    assert fonts
    for name, font in fonts.items():
        assert name.split("+")[-1] not in STANDARD_14, name
        assert font["/Subtype"] == "/TrueType", name
        assert "/FontFile2" in font["/FontDescriptor"], f"{name} is not embedded"
        assert re.fullmatch(r"/[A-Z]{6}\+\S+", name), f"{name} is not a subset"


def test_pdf_chart_drawing_starts_in_the_embedded_font(northwind_brief: Any) -> None:
    reader = PdfReader(io.BytesIO(render(attach_charts(northwind_brief)[0], "pdf")))
    assert {name.split("+")[1] for name in _fonts(reader)} <= {
        "DejaVuSans",
        "DejaVuSans-Bold",
        "DejaVuSans-Oblique",
        "DejaVuSans-BoldOblique",
        "Vera",
        "Vera-Bold",
        "Vera-Italic",
        "Vera-BoldItalic",
        "Symbola",
    }


# --- the ToUnicode maps -----------------------------------------------------------------------


def _check_cmap(cmap: str) -> dict[int, str]:
    """Every entry of a single-byte ToUnicode CMap checked against the format; code → text."""
    space = re.search(r"begincodespacerange\s*<([0-9A-F]+)>\s*<([0-9A-F]+)>", cmap)
    assert space and len(space[1]) == len(space[2]) == 2, cmap[:300]
    low, high = int(space[1], 16), int(space[2], 16)
    mapped: dict[int, str] = {}
    for count, body in re.findall(r"(\d+) beginbfchar\s(.*?)endbfchar", cmap, re.DOTALL):
        entries = re.findall(r"<([0-9A-Fa-f]*)>\s*<([0-9A-Fa-f]*)>", body)
        assert len(entries) == int(count) <= 100
        for source, target in entries:
            assert len(source) == 2 and low <= int(source, 16) <= high, source
            assert target and len(target) % 4 == 0, f"<{source}> <{target}>"
            text = bytes.fromhex(target).decode("utf-16-be")  # strict: no lone surrogate
            mapped[int(source, 16)] = text
    for body in re.findall(r"beginbfrange\s(.*?)endbfrange", cmap, re.DOTALL):
        for first, last, _ in re.findall(r"<(\w+)>\s*<(\w+)>\s*(<\w+>|\[.*?\])", body):
            assert len(first) == len(last) and first[:-2] == last[:-2], (first, last)
    return mapped


def test_pdf_to_unicode_map_has_a_malformed_entry(brief_for: Any) -> None:
    # 𝕏 (U+1D54F) is drawn by every DejaVu face; reportlab wrote it as <1D54F>.
    company = "Ωmega 𝕏 Café “Zoë” Rocket 🚀"
    brief = brief_for(company=company, notes="Notes 𝕏 ✓ ☺").without_charts("x")
    reader = PdfReader(io.BytesIO(render(brief, "pdf")))
    mapped: set[str] = set()
    for name, font in _fonts(reader).items():
        cmap = font["/ToUnicode"].get_object().get_data().decode("ascii")
        mapped |= set(_check_cmap(cmap).values())
        assert "\x00" not in _check_cmap(cmap).values(), name
    assert "𝕏" in mapped
    text = _text(reader)
    assert _shown(company) in text
    assert "Notes 𝕏 ✓ ☺" in text


def test_to_unicode_cmap_writes_surrogate_pairs_in_blocks_of_100() -> None:
    subset = [0, *range(0x41, 0x41 + 150), 0x1D54F, 0x1F680]
    cmap = to_unicode_cmap(subset)
    mapped = _check_cmap(cmap)
    assert mapped[151] == "𝕏" and mapped[152] == "🚀"
    assert "<97> <D835DD4F>" in cmap and "<98> <D83DDE80>" in cmap
    assert 0 not in mapped  # code 0 (the empty glyph) maps to nothing
    assert cmap.count("beginbfchar") == 2


# --- characters no font draws -----------------------------------------------------------------


def test_pdf_emoji_are_replaced_silently(brief_for: Any, caplog: pytest.LogCaptureFixture) -> None:
    emoji = undrawn_emoji()
    brief = brief_for(
        company=f"Acme {emoji} Secret Co", notes=f"We {emoji} renewals"
    ).without_charts("x")
    with caplog.at_level(logging.INFO, logger="advisor.export.pdf"):
        data, notes = render_noted(brief, "pdf")
    # Logged: one line naming the character, how often and where; no other client text.
    records = [r for r in caplog.records if r.name == "advisor.export.pdf"]
    assert len(records) == 1
    line = records[0].getMessage()
    code = f"U+{ord(emoji):04X}"
    assert f"char={emoji!r}" in line and f"code={code}" in line
    assert "where='cover; contents; " not in line  # the contents list holds no company text
    assert "where='cover; 1. Executive summary" in line and "page header and footer" in line
    assert "Acme" not in line and "Secret" not in line and "renewals" not in line
    # Told: the exporter's note and the document's own note at the end of the appendix.
    assert len(notes) == 1 and emoji in notes[0] and code in notes[0]
    assert "could not be drawn in the PDF's font" in notes[0]
    reader = PdfReader(io.BytesIO(data))
    text = _text(reader)
    assert "Acme \ufffd Secret Co" in text
    last = " ".join(reader.pages[-1].extract_text().split())
    assert "Characters not drawn:" in last and code in last and "replaced by “\ufffd”" in last


def test_pdf_says_nothing_when_every_character_is_drawn(
    northwind_brief: Any, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="advisor.export.pdf"):
        data, notes = render_noted(northwind_brief.without_charts("x"), "pdf")
    assert notes == ()
    assert not [r for r in caplog.records if r.name == "advisor.export.pdf"]
    assert "Characters not drawn" not in _text(PdfReader(io.BytesIO(data)))


def test_pdf_draws_emoji_in_the_symbol_font_when_one_is_installed(brief_for: Any) -> None:
    if symbol_font() is None:
        pytest.skip("no symbol font (fonts-symbola) installed; .ci/run installs it")
    brief = brief_for(company="Rocket 🚀 Co", notes="Ship ✅ then ☕").without_charts("x")
    data, notes = render_noted(brief, "pdf")
    reader = PdfReader(io.BytesIO(data))
    assert notes == ()
    assert any("Symbola" in name for name in _fonts(reader))
    text = _text(reader)
    assert "Rocket 🚀 Co" in text and "Ship ✅ then ☕" in text
    pages = len(reader.pages)
    assert f"Rocket 🚀 Co · Page {pages} of {pages}" in reader.pages[-1].extract_text()


def test_pdf_footer_and_tables_use_the_embedded_font_only(brief_for: Any) -> None:
    brief = brief_for(company="Rocket 🚀 Co").without_charts("x")
    reader = PdfReader(io.BytesIO(render(brief, "pdf")))
    assert not any("Helvetica" in name for name in _fonts(reader))
    last = reader.pages[-1].extract_text()
    pages = len(reader.pages)
    assert f"{_shown('Rocket 🚀 Co')} · Page {pages} of {pages}" in last


def test_pdf_emoji_text_mapping_is_not_broken(brief_for: Any) -> None:
    notes = "before 🚀 middle ☺ ✓ after"
    brief = brief_for(notes=notes).without_charts("x")
    assert _shown(notes) in _text(PdfReader(io.BytesIO(render(brief, "pdf"))))
