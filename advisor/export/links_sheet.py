"""Respondents' links handed out in a minute: each link's QR code, every link as one text to
copy, and a printable PDF sheet with each respondent's name, link and QR code.

The links come in as (name, link) pairs, straight from where they were made; nothing here
stores them. `read_links_text` reads the copied text back ("NAME: LINK" a line), so the
command line prints the same sheet from it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import segno
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as pdf_canvas

from advisor.export.pdf_fonts import TextFitter, brief_fonts, draw_runs
from advisor.i18n import _
from advisor.problems import AdvisorError, Problems
from advisor.textsafety import clean_text

SEPARATOR = ": "
QR_ERROR = "m"  # medium error correction: a creased or smudged printout still scans
COLUMNS, ROWS = 2, 3  # six respondents a page
MARGIN = 1.5 * cm
QR_SIZE = 5.2 * cm
INK = colors.HexColor("#1f2a37")
MUTED = colors.HexColor("#5b6b7a")
CUT = colors.HexColor("#c9d2dc")


class LinksError(AdvisorError):
    """A links text that cannot be read, with every problem's line."""


def links_text(links: Sequence[tuple[str, str]]) -> str:
    """Every link as one text to copy: "Dana Lee: https://…/?workshop=…", one a line."""
    return "".join(f"{_one_line(name)}{SEPARATOR}{link}\n" for name, link in links)


def _one_line(text: str) -> str:
    return " ".join(clean_text(text, single_line=True).split())


def read_links_text(text: str, source: str = "links") -> list[tuple[str, str]]:
    """The (name, link) pairs of a copied links text; LinksError naming each bad line."""
    problems = Problems()
    links: list[tuple[str, str]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        name, separator, link = line.rpartition(SEPARATOR)
        name, link = _one_line(name), link.strip()
        if not separator or not name or not link or any(c.isspace() for c in link):
            problems.add(
                _('expected "NAME: LINK" (a respondent\'s name, a colon and their link)'),
                file=source,
                line=number,
                path="line",
            )
            continue
        links.append((name, link))
    if not links and not problems:
        problems.add(_('no links in it: give one "NAME: LINK" a line'), file=source, path="file")
    problems.raise_if_any(LinksError)
    return links


def qr_code(link: str) -> Any:
    """The link's QR code (segno), medium error correction, never a micro code."""
    return segno.make(link, error=QR_ERROR, micro=False)


def qr_png(link: str, scale: int = 6) -> bytes:
    """The link's QR code as a PNG image, with its quiet zone."""
    buffer = io.BytesIO()
    qr_code(link).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def _draw_qr(canvas: Any, link: str, x: float, y: float, size: float) -> None:
    """The QR code as vector squares, its quiet zone included, bottom-left at (x, y)."""
    code = qr_code(link)
    matrix = [list(row) for row in code.matrix]
    border = 4
    count = len(matrix) + 2 * border
    module = size / count
    canvas.setFillColor(colors.black)
    for row_index, row in enumerate(matrix):
        top = y + size - (row_index + border + 1) * module
        for column_index, dark in enumerate(row):
            if dark:
                left = x + (column_index + border) * module
                canvas.rect(left, top, module, module, stroke=0, fill=1)


def _wrapped(text: str, font: str, size: float, width: float) -> list[str]:
    """A link broken anywhere into lines that fit `width` (links have no spaces to break at)."""
    lines, current = [], ""
    for char in text:
        if current and stringWidth(current + char, font, size) > width:
            lines.append(current)
            current = ""
        current += char
    return [*lines, current] if current else lines


def links_sheet(title: str, links: Sequence[tuple[str, str]]) -> bytes:
    """A printable A4 sheet: each respondent's name, QR code and link, six a page, to cut."""
    fonts = brief_fonts()
    fitter = TextFitter(fonts)
    buffer = io.BytesIO()
    canvas = pdf_canvas.Canvas(buffer, pagesize=A4, pageCompression=1)
    canvas.setTitle(_one_line(title) or _("Workshop links"))
    page_width, page_height = A4
    cell_width = (page_width - 2 * MARGIN) / COLUMNS
    cell_height = (page_height - 2 * MARGIN - 1.2 * cm) / ROWS
    per_page = COLUMNS * ROWS
    for start in range(0, max(len(links), 1), per_page):
        canvas.setFillColor(INK)
        heading = fitter.runs(_one_line(title))
        draw_runs(canvas, MARGIN, page_height - MARGIN - 0.4 * cm, heading, fonts.bold, 14)
        for index, (name, link) in enumerate(links[start : start + per_page]):
            column, row = index % COLUMNS, index // COLUMNS
            left = MARGIN + column * cell_width
            top = page_height - MARGIN - 1.2 * cm - row * cell_height
            _cell(canvas, fitter, name, link, left, top, cell_width, cell_height)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _cell(
    canvas: Any,
    fitter: TextFitter,
    name: str,
    link: str,
    left: float,
    top: float,
    width: float,
    height: float,
) -> None:
    fonts = fitter.fonts
    canvas.setStrokeColor(CUT)
    canvas.setDash(3, 3)
    canvas.rect(left, top - height, width, height, stroke=1, fill=0)
    canvas.setDash()
    centre, room = left + width / 2, width - 0.8 * cm
    canvas.setFillColor(INK)
    runs = fitter.runs(_one_line(name))
    size = _fitting(sum(stringWidth(t, f or fonts.bold, 13) for t, f in runs), room, 13, 7)
    draw_runs(canvas, centre, top - 0.9 * cm, runs, fonts.bold, size, centred=True)
    qr_top = top - 1.3 * cm
    _draw_qr(canvas, link, centre - QR_SIZE / 2, qr_top - QR_SIZE, QR_SIZE)
    square = (centre - QR_SIZE / 2, qr_top - QR_SIZE, centre + QR_SIZE / 2, qr_top)
    canvas.linkURL(link, square, relative=0)
    canvas.setFillColor(MUTED)
    # The whole link always shows: a long one is set smaller to stay within four lines.
    size = _fitting(stringWidth(link, fonts.regular, 7), 4 * room, 7, 3)
    y = qr_top - QR_SIZE - 0.45 * cm
    for line in _wrapped(link, fonts.regular, size, room):
        draw_runs(canvas, centre, y, [(line, None)], fonts.regular, size, centred=True)
        y -= size * 1.3


def _fitting(needed: float, room: float, size: float, smallest: float) -> float:
    """The font size, at most `size`, at which text `needed` wide at `size` fits `room`."""
    return size if needed <= room else max(smallest, size * room / needed)


__all__ = [
    "LinksError",
    "links_sheet",
    "links_text",
    "qr_code",
    "qr_png",
    "read_links_text",
]
