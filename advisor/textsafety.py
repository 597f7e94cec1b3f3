"""Make user-supplied text safe to place in documents: no live markup, links or formulas."""

from __future__ import annotations

import re
import unicodedata

# C0/C1 controls other than tab and newline, and lone surrogates, break XML-based formats
# (DOCX) and PDFs; they are replaced, not dropped, so the reader sees something was there.
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")
# Bare URLs become links in GitHub-flavoured Markdown; breaking "://" and "www." stops that.
_AUTOLINK = re.compile(r"(?i)(:(?=//)|(?<=www)\.|@)")
_LINE_START = re.compile(r"^(\s*)([-+=]|(?<=\d)[.)])")
_ORDERED_ITEM = re.compile(r"^(\s*\d+)([.)])")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def clean_text(text: str) -> str:
    """Replace control characters and lone surrogates with U+FFFD; normalise to NFC."""
    return unicodedata.normalize("NFC", _UNSAFE.sub("\ufffd", text))


def escape_markdown(text: str) -> str:
    """Escape Markdown and HTML syntax so text renders literally."""
    cleaned = clean_text(text).replace("\r\n", "\n").replace("\r", "\n")
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", cleaned)
    escaped = _AUTOLINK.sub(lambda m: "\\" + m.group(1), escaped)
    escaped = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)
    escaped = _ORDERED_ITEM.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)
    # A newline inside a table cell or list item would break the structure.
    return escaped.replace("\n", " ")


def neutralise_formula(text: str) -> str:
    """Prefix text that a spreadsheet would read as a formula with an apostrophe."""
    return "'" + text if text.startswith(_FORMULA_START) else text
