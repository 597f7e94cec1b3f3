"""Render a Brief as PDF (reportlab): cover, numbered pages, outline, tables and figures.

The text font is a TrueType font found on the system (DejaVu Sans, installed with
fonts-dejavu-core) or, failing that, Bitstream Vera, which ships with reportlab under a licence
that allows embedding. Both cover Latin-1, "€" and curly quotes; characters the font lacks
(most emoji, for instance) are shown as U+FFFD instead of an empty box. Every text is
XML-escaped before reportlab's paragraph markup sees it, so nothing typed becomes markup.
"""

from __future__ import annotations

import functools
import io
import logging
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    PageBreak,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Paragraph as PdfParagraph
from reportlab.platypus import Table as PdfTable
from reportlab.platypus.doctemplate import SimpleDocTemplate

from advisor.brief import (
    Block,
    Brief,
    Bullets,
    Callout,
    Chart,
    Paragraph,
    Subheading,
    Table,
)
from advisor.chart_content import VERDICT_COLOURS
from advisor.export.chart_paint import chart_drawing
from advisor.export.fontfiles import FONT_FAMILIES, find_font

INK = colors.HexColor("#1f2a37")
MUTED = colors.HexColor("#5b6b7a")
NAVY = colors.HexColor("#1f3a5f")
HEADER_FILL = colors.HexColor("#33475b")
GRID = colors.HexColor("#c9d2dc")
TONE_FILLS = {
    "good": colors.HexColor("#e6f4ec"),
    "warn": colors.HexColor("#fff4d6"),
    "bad": colors.HexColor("#fbe4e2"),
}
CALLOUT_FILLS = {
    "info": colors.HexColor("#eaf1fb"),
    "warning": colors.HexColor("#fff4d6"),
    "verdict": colors.HexColor("#eef2f6"),
}
CALLOUT_EDGES = {"info": "#2f6db5", "warning": "#c98a00", "verdict": "#33475b"}
PAGE_BREAK_BEFORE = frozenset({"appendix"})
MARGIN = 2 * cm

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str
    italic: str
    bold_italic: str
    covered: frozenset[int] | None  # code points every face draws; None: WinAnsi (Helvetica)

    def fit(self, text: str) -> str:
        """Replace characters the fonts cannot draw, so the reader sees that one was there."""
        if self.covered is None:
            return text.encode("cp1252", "replace").decode("cp1252")
        covered = self.covered
        if covered.issuperset(map(ord, text.replace("\n", ""))):
            return text  # nearly every text: every character is drawn
        replacement = "\ufffd" if 0xFFFD in covered else "?"
        return "".join(
            char if ord(char) in covered or char == "\n" else replacement for char in text
        )


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
                font = TTFont(name, path)
                pdfmetrics.registerFont(font)
                cmap = frozenset(font.face.charToGlyph)
                covered = cmap if covered is None else covered & cmap
        except Exception as error:  # noqa: BLE001 - an unreadable font file: try the next family
            _log.warning("font family %s could not be loaded: %s", family, error)
            continue
        pdfmetrics.registerFontFamily(
            family, normal=names[0], bold=names[1], italic=names[2], boldItalic=names[3]
        )
        return Fonts(names[0], names[1], names[2], names[3], covered or frozenset())
    return Fonts("Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique", None)


@dataclass(frozen=True)
class _Styles:
    body: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    note: ParagraphStyle
    quote: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    cell_head: ParagraphStyle
    caption: ParagraphStyle
    cover_kicker: ParagraphStyle
    cover_company: ParagraphStyle
    cover_subtitle: ParagraphStyle
    cover_verdict: ParagraphStyle
    cover_small: ParagraphStyle


def _styles(fonts: Fonts) -> _Styles:
    base = ParagraphStyle(
        "body", fontName=fonts.regular, fontSize=9.5, leading=13.5, textColor=INK, spaceAfter=5
    )

    def derive(name: str, **changes: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **changes)

    return _Styles(
        body=base,
        h1=derive(
            "h1",
            fontName=fonts.bold,
            fontSize=15,
            leading=19,
            textColor=NAVY,
            spaceBefore=10,
            spaceAfter=7,
        ),
        h2=derive(
            "h2",
            fontName=fonts.bold,
            fontSize=11,
            leading=14,
            textColor=NAVY,
            spaceBefore=8,
            spaceAfter=4,
        ),
        note=derive("note", fontSize=7.5, leading=10, textColor=MUTED),
        quote=derive("quote", fontName=fonts.italic, leftIndent=12, textColor=MUTED, spaceBefore=4),
        cell=derive("cell", fontSize=8.2, leading=10.4, spaceAfter=0),
        cell_right=derive(
            "cell_right", fontSize=8.2, leading=10.4, spaceAfter=0, alignment=TA_RIGHT
        ),
        cell_head=derive(
            "cell_head",
            fontName=fonts.bold,
            fontSize=8.2,
            leading=10.4,
            spaceAfter=0,
            textColor=colors.white,
        ),
        caption=derive("caption", fontSize=7.8, leading=10, textColor=MUTED, spaceAfter=8),
        cover_kicker=derive(
            "kicker", fontName=fonts.bold, fontSize=10.5, textColor=MUTED, spaceAfter=10
        ),
        cover_company=derive("company", fontName=fonts.bold, fontSize=26, leading=31, spaceAfter=8),
        cover_subtitle=derive(
            "subtitle", fontName=fonts.italic, fontSize=12.5, leading=16, textColor=MUTED
        ),
        cover_verdict=derive(
            "verdict", fontName=fonts.bold, fontSize=17, leading=22, textColor=colors.white
        ),
        cover_small=derive("small", fontSize=8, leading=11, textColor=MUTED),
    )


class _NumberedCanvas(pdf_canvas.Canvas):  # type: ignore[misc]
    """Writes "Page N of M" once the page count is known."""

    footer_text = ""
    footer_font = "Helvetica"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            if self._pageNumber > 1:
                self.setFont(self.footer_font, 7.5)
                self.setFillColor(MUTED)
                self.drawCentredString(
                    A4[0] / 2,
                    1.1 * cm,
                    f"{self.footer_text} · Page {self._pageNumber} of {total}",
                )
            super().showPage()
        super().save()


class _BriefDocument(SimpleDocTemplate):  # type: ignore[misc]
    """Adds an outline entry (PDF bookmark) for every section heading."""

    def afterFlowable(self, flowable: Flowable) -> None:  # reportlab's name
        if isinstance(flowable, PdfParagraph) and flowable.style.name == "h1":
            key = f"section-{id(flowable)}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.getPlainText(), key, level=0)


class _Writer:
    def __init__(self, brief: Brief) -> None:
        self.brief = brief
        self.fonts = brief_fonts()
        self.styles = _styles(self.fonts)
        self.width = A4[0] - 2 * MARGIN

    def markup(self, text: str) -> str:
        return xml_escape(self.fonts.fit(text)).replace("\n", "<br/>")

    def para(self, text: str, style: ParagraphStyle, lead: str = "") -> PdfParagraph:
        prefix = f"<b>{self.markup(lead)}</b> " if lead else ""
        return PdfParagraph(prefix + self.markup(text), style)

    # --- blocks -----------------------------------------------------------------------------

    def table(self, block: Table, *, header: bool = True) -> PdfTable:
        styles = self.styles
        columns = len(block.columns)
        weights = list(block.widths) if len(block.widths) == columns else [1.0] * columns
        total = sum(weights) or 1.0
        widths = [self.width * weight / total for weight in weights]
        has_header = header and any(block.columns)
        data: list[list[Any]] = []
        if has_header:
            data.append([self.para(c, styles.cell_head) for c in block.columns])
        for row in block.rows:
            cells = []
            for index, value in enumerate(row):
                style = styles.cell_right if index in block.numeric else styles.cell
                if not has_header and index == 0:
                    cells.append(PdfParagraph(f"<b>{self.markup(value)}</b>", style))
                else:
                    cells.append(self.para(value, style))
            data.append(cells)
        commands: list[tuple[Any, ...]] = [
            self.cell_font(),
            ("GRID", (0, 0), (-1, -1), 0.4, GRID),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        if has_header:
            commands.append(("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL))
        offset = 1 if has_header else 0
        for index, tone in enumerate(block.row_tones):
            if tone in TONE_FILLS:
                commands.append(
                    ("BACKGROUND", (0, index + offset), (-1, index + offset), TONE_FILLS[tone])
                )
        table = PdfTable(data, colWidths=widths, repeatRows=offset, hAlign="LEFT")
        table.setStyle(TableStyle(commands))
        return table

    def cell_font(self) -> tuple[Any, ...]:
        # A table sets its cells' font before drawing them, built-in Helvetica unless told.
        return ("FONTNAME", (0, 0), (-1, -1), self.fonts.regular)

    def callout(self, block: Callout) -> PdfTable:
        box = PdfTable(
            [[self.para(block.text, self.styles.body, block.lead)]],
            colWidths=[self.width],
            hAlign="LEFT",
        )
        edge = colors.HexColor(CALLOUT_EDGES.get(block.tone, "#2f6db5"))
        box.setStyle(
            TableStyle(
                [
                    self.cell_font(),
                    (
                        "BACKGROUND",
                        (0, 0),
                        (-1, -1),
                        CALLOUT_FILLS.get(block.tone, CALLOUT_FILLS["info"]),
                    ),
                    ("LINEBEFORE", (0, 0), (0, -1), 3, edge),
                    ("LEFTPADDING", (0, 0), (-1, -1), 8),
                    ("TOPPADDING", (0, 0), (-1, -1), 5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        return box

    def chart(self, block: Chart) -> list[Flowable]:
        styles = self.styles
        if block.content is not None:
            height = self.width * block.height / block.width
            fonts = (self.fonts.regular, self.fonts.bold)
            image = chart_drawing(block.content, self.width, height, fonts, self.fonts.fit)
            caption = self.para(block.summary, styles.caption, f"Figure — {block.title}.")
            return [KeepTogether([image, caption])]
        title, reason = self.markup(block.title), self.markup(block.omitted)
        text = f"<i>Chart omitted — {title}: {reason}.</i> "
        return [PdfParagraph(text + self.markup(block.summary), styles.caption)]

    def bullets(self, block: Bullets) -> ListFlowable:
        items = [ListItem(self.para(item, self.styles.body), leftIndent=12) for item in block.items]
        return ListFlowable(
            items,
            bulletType="1" if block.ordered else "bullet",
            start=None if block.ordered else "•",
            bulletFontName=self.fonts.regular,
            bulletFontSize=8 if not block.ordered else 9,
            leftIndent=14,
        )

    def block(self, block: Block) -> list[Flowable]:
        styles = self.styles
        if isinstance(block, Paragraph):
            style = {"note": styles.note, "quote": styles.quote}.get(block.style, styles.body)
            return [self.para(block.text, style, block.lead)]
        if isinstance(block, Bullets):
            return [self.bullets(block), Spacer(1, 4)]
        if isinstance(block, Table):
            return [self.table(block), Spacer(1, 6)]
        if isinstance(block, Callout):
            return [self.callout(block), Spacer(1, 6)]
        if isinstance(block, Subheading):
            heading = self.para(block.text, styles.h2)
            heading.keepWithNext = True
            return [heading]
        if isinstance(block, Chart):
            return self.chart(block)
        raise TypeError(f"unknown block {type(block).__name__}")

    # --- cover and pages --------------------------------------------------------------------

    def cover(self) -> list[Flowable]:
        brief, styles = self.brief, self.styles
        colour = colors.HexColor(VERDICT_COLOURS.get(brief.verdict, "#33475b"))
        verdict = PdfTable(
            [
                [self.para(brief.verdict_label, styles.cover_verdict, "Verdict:")],
                [
                    PdfParagraph(
                        f"<font color='white'>{xml_escape(brief.readiness)}</font>",
                        styles.body,
                    )
                ],
            ],
            colWidths=[self.width],
            hAlign="LEFT",
        )
        verdict.setStyle(
            TableStyle(
                [
                    self.cell_font(),
                    ("BACKGROUND", (0, 0), (-1, -1), colour),
                    ("LEFTPADDING", (0, 0), (-1, -1), 12),
                    ("TOPPADDING", (0, 0), (0, 0), 10),
                    ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
                ]
            )
        )
        facts = Table(("", ""), brief.cover_facts, widths=(1, 2))
        return [
            Spacer(1, 2.2 * cm),
            self.para(brief.title.upper(), styles.cover_kicker),
            self.para(brief.company, styles.cover_company),
            self.para(brief.subtitle, styles.cover_subtitle),
            Spacer(1, 0.3 * cm),
            self.para(f"Prepared {brief.date_text}", styles.cover_small),
            Spacer(1, 1.0 * cm),
            verdict,
            Spacer(1, 0.5 * cm),
            self.para(brief.headline, styles.body),
            Spacer(1, 0.3 * cm),
            self.table(facts, header=False),
            Spacer(1, 1.2 * cm),
            self.para(f"Rule pack: {brief.pack_line}", styles.cover_small),
            PageBreak(),
        ]

    def contents(self) -> list[Flowable]:
        styles = self.styles
        rows = [self.para(section.heading, styles.body) for section in self.brief.sections]
        return [self.para("Contents", styles.h2), *rows, Spacer(1, 0.4 * cm)]

    def decorate_first(self, canvas: pdf_canvas.Canvas, _doc: Any) -> None:
        colour = colors.HexColor(VERDICT_COLOURS.get(self.brief.verdict, "#33475b"))
        canvas.saveState()
        canvas.setFillColor(colour)
        canvas.rect(0, 0, 0.5 * cm, A4[1], stroke=0, fill=1)
        canvas.restoreState()

    def decorate_later(self, canvas: pdf_canvas.Canvas, _doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(self.fonts.regular, 7.5)
        canvas.setFillColor(MUTED)
        header = self.fonts.fit(f"{self.brief.title} · {self.brief.company}")
        canvas.drawString(MARGIN, A4[1] - 1.2 * cm, header[:110])
        canvas.setStrokeColor(GRID)
        canvas.line(MARGIN, A4[1] - 1.35 * cm, A4[0] - MARGIN, A4[1] - 1.35 * cm)
        canvas.restoreState()

    def write(self) -> bytes:
        out = io.BytesIO()
        brief = self.brief
        document = _BriefDocument(
            out,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=self.fonts.fit(f"{brief.title}: {brief.company}"),
            author="AM Advisor",
            subject=self.fonts.fit(brief.verdict_label),
            creator="AM Advisor",
            invariant=1,
        )
        story: list[Flowable] = [*self.cover(), *self.contents()]
        for section in brief.sections:
            if section.key in PAGE_BREAK_BEFORE:
                story.append(PageBreak())
            heading = self.para(section.heading, self.styles.h1)
            heading.keepWithNext = True
            story.append(heading)
            for block in section.blocks:
                story.extend(self.block(block))
        footer = self.fonts.fit(f"{brief.title} · {brief.company}")[:90]

        def make_canvas(*args: Any, **kwargs: Any) -> _NumberedCanvas:
            # Without an initial font the canvas starts every page in built-in Helvetica, which
            # is then listed (unembedded) on each page beside the embedded font.
            kwargs["initialFontName"] = self.fonts.regular
            canvas = _NumberedCanvas(*args, **kwargs)
            canvas.footer_text = footer
            canvas.footer_font = self.fonts.regular
            return canvas

        document.build(
            story,
            onFirstPage=self.decorate_first,
            onLaterPages=self.decorate_later,
            canvasmaker=make_canvas,
        )
        return out.getvalue()


def render(brief: Brief) -> bytes:
    return _Writer(brief).write()
