"""Shared constants and helpers for the brief tests (imported by conftest and test modules)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
GOLDEN = ROOT / "tests" / "golden"
DATE = dt.date(2026, 11, 22)

# Text a company name or note might carry that must never become live in a document.
HOSTILE = (
    "<script>alert('x')</script>",
    '=HYPERLINK("http://evil.example/steal","Click me")',
    "[click here](http://evil.example) ![img](http://evil.example/x.png)",
    "Nul\x00 and vertical\x0btab and bell\x07",
    "lone surrogate \ud800 here",
    "emoji 🚀💼 and flags 🇪🇸",
    "عربي עברית mixed RTL \u202eevil\u202c",
    "# heading\n- list item\n1. ordered\n> quote",
    "www.evil.example and user@evil.example and https://evil.example",
    "$x^2$ and `code` and **bold** and <b>tag</b> & &amp;",
    "Curly “quotes” and ‘single’ ñ ü € — dash",
)


def pdf_draws(char: str) -> bool:
    """Whether the PDF's fonts (the text family, else the symbol font) draw the character."""
    from advisor.export.pdf_fonts import brief_fonts, symbol_font

    symbols = symbol_font()
    return ord(char) in brief_fonts().covered or (
        symbols is not None and ord(char) in symbols.covered
    )


def undrawn_emoji() -> str:
    """An emoji no installed PDF font draws (from recent Unicode versions)."""
    import pytest

    for char in "🫠🫶🥳🦩":
        if not pdf_draws(char):
            return char
    pytest.skip("every candidate emoji is drawn by an installed font")
