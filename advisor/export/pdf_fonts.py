"""The PDF's fonts: every one embedded, its text map readable, and each character placed.

The text family is a TrueType family found on the system (DejaVu Sans) or Bitstream Vera, which
ships with reportlab; a symbol font (Symbola, Debian's `fonts-symbola`), when one is installed,
draws the emoji and symbols the family lacks. A character neither draws is replaced by "�"
(or "?"), never left as an empty box, and `TextFitter` counts each replacement and where it
was, so the document and the exporter can say so.
"""

from __future__ import annotations

import functools
import logging
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from advisor.export.fontfiles import FONT_FAMILIES, SYMBOL_FONTS, find_font
from advisor.i18n import _, n_

SYMBOL_FAMILY = "BriefSymbols"
CMAP_BLOCK = 100  # a CMap's begin…end block holds at most 100 entries
FONT_LABELS = {"BriefDejaVu": "DejaVu Sans", "BriefVera": "Bitstream Vera Sans"}

_log = logging.getLogger(__name__)


def to_unicode_cmap(subset: Sequence[int]) -> str:
    """The ToUnicode CMap of one single-byte font subset: code `i` shows `subset[i]`.

    Each destination is UTF-16BE (a character beyond U+FFFF as its surrogate pair), unused
    codes (0) are left out, and no bfchar block holds more than 100 entries.
    """
    entries = [
        f"<{code:02X}> <{chr(point).encode('utf-16-be').hex().upper()}>"
        for code, point in enumerate(subset)
        if point and not 0xD800 <= point <= 0xDFFF
    ]
    blocks: list[str] = []
    for start in range(0, len(entries), CMAP_BLOCK):
        chunk = entries[start : start + CMAP_BLOCK]
        blocks += [f"{len(chunk)} beginbfchar", *chunk, "endbfchar"]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            "/CMapName /Adobe-Identity-UCS def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            "<00> <FF>",
            "endcodespacerange",
            *blocks,
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


class EmbeddedFont(TTFont):  # type: ignore[misc]
    """A subset-embedded TrueType font whose ToUnicode maps `to_unicode_cmap` writes.

    reportlab 5.1 (`ttfonts.makeToUnicodeCMap`) writes each destination as "%04X": a character
    beyond U+FFFF (𝕏, most emoji) gets five hex digits instead of a surrogate pair, so text
    extraction loses it and poppler reports an odd-length hex string. It also puts up to 256
    entries in one bfchar block (the CMap format allows 100) and maps unused codes to U+0000.
    The font objects are reportlab's; only each subset's map is rewritten before the file is
    written.
    """

    def addObjects(self, doc: Any) -> None:  # reportlab's name
        state = self.state.get(doc)
        subsets = [list(subset) for subset in state.subsets] if state is not None else []
        names = [self.getSubsetInternalName(n, doc)[1:] for n in range(len(subsets))]
        super().addObjects(doc)
        fonts = doc.idToObject["BasicFonts"].dict
        for name, subset in zip(names, subsets, strict=True):
            font = fonts[name]
            stream = doc.idToObject[font.ToUnicode.name]
            stream.content = to_unicode_cmap(subset)


def _drawn(font: TTFont) -> frozenset[int]:
    """The code points the font has a real glyph for (glyph 0 is the empty box)."""
    return frozenset(point for point, glyph in font.face.charToGlyph.items() if glyph)


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str
    italic: str
    bold_italic: str
    covered: frozenset[int]  # code points every face of the family draws
    label: str = ""  # the family's name for a reader, e.g. "DejaVu Sans"

    @property
    def replacement(self) -> str:
        return "\ufffd" if 0xFFFD in self.covered else "?"

    def draws(self, text: str) -> bool:
        """Whether every face of the family draws every character of the text."""
        return self.covered.issuperset(map(ord, text.replace("\n", "")))


@dataclass(frozen=True)
class SymbolFont:
    name: str
    covered: frozenset[int]


@functools.lru_cache(maxsize=1)
def brief_fonts() -> Fonts:
    """Register the brief's font family once per process and say which characters it draws."""
    for family, *files in FONT_FAMILIES:
        paths = [find_font(name) for name in files]
        if not all(paths):
            continue
        names = [family, f"{family}-Bold", f"{family}-Italic", f"{family}-BoldItalic"]
        covered: frozenset[int] | None = None
        try:
            for name, path in zip(names, paths, strict=True):
                font = EmbeddedFont(name, path)
                pdfmetrics.registerFont(font)
                covered = _drawn(font) if covered is None else covered & _drawn(font)
        except Exception as error:  # noqa: BLE001 - an unreadable font file: try the next family
            _log.warning("font family %s could not be loaded: %s", family, error)
            continue
        pdfmetrics.registerFontFamily(
            family, normal=names[0], bold=names[1], italic=names[2], boldItalic=names[3]
        )
        label = FONT_LABELS.get(family, family)
        return Fonts(names[0], names[1], names[2], names[3], covered or frozenset(), label)
    # reportlab ships Vera in its own folder, which `find_font` searches last.
    raise RuntimeError(_("no TrueType font for the PDF could be loaded, not even reportlab's Vera"))


@functools.lru_cache(maxsize=1)
def symbol_font() -> SymbolFont | None:
    """The symbol font for characters the family lacks, registered on first need; else None."""
    for file in SYMBOL_FONTS:
        path = find_font(file)
        if path is None:
            continue
        try:
            font = EmbeddedFont(SYMBOL_FAMILY, path)
        except Exception as error:  # noqa: BLE001 - an unreadable font file: try the next one
            _log.warning("symbol font %s could not be loaded: %s", path, error)
            continue
        pdfmetrics.registerFont(font)
        # One face: bold or italic text shows the symbol upright and regular.
        name = SYMBOL_FAMILY
        pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
        return SymbolFont(name, _drawn(font))
    return None


def _invisible(char: str) -> bool:
    """Joiners and variation selectors: they change how a neighbour looks, not what it is."""
    point = ord(char)
    return (
        unicodedata.category(char) == "Cf"
        or 0xFE00 <= point <= 0xFE0F
        or 0xE0100 <= point <= 0xE01EF
    )


@dataclass(frozen=True)
class Replaced:
    char: str
    count: int
    places: tuple[str, ...]

    @property
    def code(self) -> str:
        return f"U+{ord(self.char):04X}"

    @property
    def name(self) -> str:
        return unicodedata.name(self.char, "")


@dataclass(frozen=True)
class FontReport:
    """What the PDF's fonts could not draw: each character, how often and where."""

    font: str
    replacement: str
    replaced: tuple[Replaced, ...] = ()

    @property
    def count(self) -> int:
        return sum(item.count for item in self.replaced)

    def sentence(self, *, show_characters: bool = True) -> str:
        """One sentence for a reader; empty when nothing was replaced.

        Without `show_characters` each character is named by its code and Unicode name only
        (for the PDF's own note, which cannot draw it).
        """
        if not self.replaced:
            return ""
        parts = []
        for item in self.replaced:
            words = [item.char] if show_characters else []
            words += [item.code, item.name] if item.name else [item.code]
            if item.count > 1:
                words.append(n_("({count} time)", "({count} times)", item.count))
            parts.append(" ".join(words))
        # Translators: {font} is the font's name, {replacement} the character drawn instead
        # and {characters} lists each character by its Unicode code and name.
        return n_(
            "{count} character could not be drawn in the PDF's font ({font}) and was "
            "replaced by “{replacement}”: {characters}.",
            "{count} characters could not be drawn in the PDF's font ({font}) and were "
            "replaced by “{replacement}”: {characters}.",
            self.count,
            font=self.font,
            replacement=self.replacement,
            characters="; ".join(parts),
        )


class TextFitter:
    """Fits one document's text to its fonts and counts what had to be replaced, and where."""

    def __init__(self, fonts: Fonts) -> None:
        self.fonts = fonts
        self.where = ""
        self._counts: Counter[str] = Counter()
        self._places: dict[str, list[str]] = {}

    def _replace(self, char: str) -> str:
        self._counts[char] += 1
        places = self._places.setdefault(char, [])
        if self.where and self.where not in places:
            places.append(self.where)
        return self.fonts.replacement

    def runs(self, text: str) -> list[tuple[str, str | None]]:
        """The text as runs of (text, font): None for the family, else the symbol font's name."""
        if self.fonts.draws(text):
            return [(text, None)] if text else []
        covered = self.fonts.covered
        symbols = symbol_font()
        runs: list[tuple[str, str | None]] = []
        for char in text:
            point = ord(char)
            font: str | None = None
            if point in covered or char == "\n":
                pass
            elif symbols is not None and point in symbols.covered:
                font = symbols.name
            elif _invisible(char):
                continue
            else:
                char = self._replace(char)
            if runs and runs[-1][1] == font:
                runs[-1] = (runs[-1][0] + char, font)
            else:
                runs.append((char, font))
        return runs

    def plain(self, text: str) -> str:
        """The text in the family alone (a chart label): what it cannot draw is replaced."""
        if self.fonts.draws(text):
            return text
        out = []
        for char in text:
            if ord(char) in self.fonts.covered or char == "\n":
                out.append(char)
            elif not _invisible(char):
                out.append(self._replace(char))
        return "".join(out)

    def markup(self, text: str) -> str:
        """Paragraph markup: escaped, symbol runs in the symbol font, lines as breaks."""
        parts = []
        for run, font in self.runs(text):
            escaped = xml_escape(run).replace("\n", "<br/>")
            parts.append(f'<font name="{font}">{escaped}</font>' if font else escaped)
        return "".join(parts)

    def report(self) -> FontReport:
        replaced = tuple(
            Replaced(char, count, tuple(self._places.get(char, ())))
            for char, count in self._counts.items()
        )
        return FontReport(self.fonts.label, self.fonts.replacement, replaced)


def draw_runs(
    canvas: Any,
    x: float,
    y: float,
    runs: Sequence[tuple[str, str | None]],
    family: str,
    size: float,
    *,
    centred: bool = False,
) -> None:
    """Draw runs of text on one line, each in its font (None: `family`), at `size`."""
    if centred:
        x -= sum(pdfmetrics.stringWidth(t, f or family, size) for t, f in runs) / 2
    text = canvas.beginText(x, y)
    for run, font in runs:
        text.setFont(font or family, size)
        text.textOut(run)
    canvas.drawText(text)
