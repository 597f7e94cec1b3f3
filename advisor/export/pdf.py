"""Render a Brief as PDF (reportlab): cover, numbered pages, outline, tables and figures.

Every font the file uses is embedded (`pdf_fonts`): the text family (DejaVu Sans, else the
Bitstream Vera that ships with reportlab), and a symbol font for emoji when one is installed.
A character no font draws is shown as "�", logged, and counted in a note at the end of the
appendix. Every text is XML-escaped before reportlab's paragraph markup sees it, so nothing
typed becomes markup.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    PageBreak,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Image as PdfImage
from reportlab.platypus import Paragraph as PdfParagraph
from reportlab.platypus import Table as PdfTable
from reportlab.platypus.doctemplate import SimpleDocTemplate

from advisor.branding import logo_box
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
from advisor.export.pdf_fonts import FontReport, Fonts, TextFitter, brief_fonts, draw_runs
from advisor.i18n import _

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
FONT_NOTE_AFTER = "appendix"  # the section whose end says which characters were not drawn
MARGIN = 2 * cm
SUBHEADING_ROOM = 3 * cm  # a subheading starts a page unless this much is left below it
LOGO_WIDTH, LOGO_HEIGHT = 5 * cm, 1.4 * cm  # the box a cover's logo fits in

_log = logging.getLogger(__name__)


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


# The main brief's length, in PDF pages, that a more compact type is tried to keep within (a
# Spanish brief runs longer than its English).
MAX_BRIEF_PAGES = 10
COMPACT_SCALES = (1.0, 0.94, 0.89)  # the body, table, note and caption type, as tried in turn
_SCALED = ("body", "quote", "note", "cell", "cell_right", "cell_head", "caption")


def _styles(fonts: Fonts, scale: float = 1.0) -> _Styles:
    styles = _designed_styles(fonts)
    if scale != 1.0:
        for name in _SCALED:
            style = getattr(styles, name)
            style.fontSize *= scale
            style.leading *= scale
            style.spaceAfter *= scale
    return styles


def _designed_styles(fonts: Fonts) -> _Styles:
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

    footer_runs: list[tuple[str, str | None]] = []  # noqa: RUF012 - set per document
    footer_font = ""
    page_count = 0  # known once saved

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
                self.setFillColor(MUTED)
                words = _("Page {page} of {pages}", page=self._pageNumber, pages=total)
                runs = [*self.footer_runs, (f" · {words}", None)]
                draw_runs(self, A4[0] / 2, 1.1 * cm, runs, self.footer_font, 7.5, centred=True)
            super().showPage()
        super().save()
        self.page_count = total


class _BriefDocument(SimpleDocTemplate):  # type: ignore[misc]
    """Adds an outline entry (PDF bookmark) for every section heading."""

    def afterFlowable(self, flowable: Flowable) -> None:  # reportlab's name
        if isinstance(flowable, PdfParagraph) and flowable.style.name == "h1":
            key = f"section-{id(flowable)}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.getPlainText(), key, level=0)


class _Writer:
    cell_padding = 2  # points above and below a table cell's text

    def __init__(self, brief: Brief, scale: float = 1.0) -> None:
        self.brief = brief
        self.fonts: Fonts = brief_fonts()
        self.fitter = TextFitter(self.fonts)
        self.styles = _styles(self.fonts, scale)
        self.pages = 0
        self.width = A4[0] - 2 * MARGIN
        self.header_runs: list[tuple[str, str | None]] = []
        self.footer_runs: list[tuple[str, str | None]] = []
        self.report = FontReport(self.fonts.label, self.fonts.replacement)

    def markup(self, text: str) -> str:
        return self.fitter.markup(text)

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
            ("TOPPADDING", (0, 0), (-1, -1), self.cell_padding),
            ("BOTTOMPADDING", (0, 0), (-1, -1), self.cell_padding),
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
            image = chart_drawing(block.content, self.width, height, fonts, self.fitter.plain)
            lead = _("Figure — {title}.", title=block.title)
            caption = self.para(block.summary, styles.caption, lead)
            return [KeepTogether([image, caption])]
        title, reason = self.markup(block.title), self.markup(block.omitted)
        omitted = _("Chart omitted — {title}: {reason}.", title=title, reason=reason)
        text = f"<i>{omitted}</i> "
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
            # Room for the heading and a few lines under it, else a new page; what follows
            # may then split (a table repeats its header), so a long table after a heading
            # no longer leaves the rest of a page empty.
            return [CondPageBreak(SUBHEADING_ROOM), self.para(block.text, styles.h2)]
        if isinstance(block, Chart):
            return self.chart(block)
        raise TypeError(f"unknown block {type(block).__name__}")

    # --- cover and pages --------------------------------------------------------------------

    def cover(self) -> list[Flowable]:
        brief, styles = self.brief, self.styles
        colour = colors.HexColor(VERDICT_COLOURS.get(brief.verdict, "#33475b"))
        verdict = PdfTable(
            [
                [self.para(brief.verdict_label, styles.cover_verdict, _("Verdict:"))],
                [
                    PdfParagraph(
                        f"<font color='white'>{self.markup(brief.readiness)}</font>",
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
            *self.logo(),
            self.para(brief.title.upper(), styles.cover_kicker),
            self.para(brief.company, styles.cover_company),
            self.para(brief.subtitle, styles.cover_subtitle),
            Spacer(1, 0.3 * cm),
            self.para(_("Prepared {date}", date=brief.date_text), styles.cover_small),
            *self.prepared_by(),
            Spacer(1, 1.0 * cm),
            verdict,
            Spacer(1, 0.5 * cm),
            self.para(brief.headline, styles.body),
            Spacer(1, 0.3 * cm),
            self.table(facts, header=False),
            Spacer(1, 1.2 * cm),
            self.para(_("Rule pack: {pack}", pack=brief.pack_line), styles.cover_small),
        ]

    def logo(self) -> list[Flowable]:
        """The consultancy's logo atop the cover, in the space the cover leaves there."""
        logo = self.brief.branding.logo
        if logo is None:
            return [Spacer(1, 2.2 * cm)]
        wide, high = logo_box(logo, LOGO_WIDTH, LOGO_HEIGHT)
        image = PdfImage(io.BytesIO(logo), width=wide, height=high, hAlign="LEFT")
        return [Spacer(1, 0.4 * cm), image, Spacer(1, max(0.4 * cm, LOGO_HEIGHT - high))]

    def prepared_by(self) -> list[Flowable]:
        line = self.brief.branding.prepared_by
        return [self.para(line, self.styles.cover_small, "")] if line else []

    def contents(self) -> list[Flowable]:
        """The section headings in two columns, read down the first column, then the second."""
        styles = self.styles
        headings = [self.para(section.heading, styles.body) for section in self.brief.sections]
        half = (len(headings) + 1) // 2
        left, right = headings[:half], headings[half:]
        rows = [[cell, right[i] if i < len(right) else ""] for i, cell in enumerate(left)]
        if not rows:
            return [PageBreak()]
        table = PdfTable(rows, colWidths=[self.width / 2] * 2, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    self.cell_font(),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        # On the cover, below its facts; the first section starts the next page.
        return [Spacer(1, 0.4 * cm), self.para(_("Contents"), styles.h2), table, PageBreak()]

    def decorate_first(self, canvas: pdf_canvas.Canvas, _doc: Any) -> None:
        colour = colors.HexColor(VERDICT_COLOURS.get(self.brief.verdict, "#33475b"))
        canvas.saveState()
        canvas.setFillColor(colour)
        canvas.rect(0, 0, 0.5 * cm, A4[1], stroke=0, fill=1)
        canvas.restoreState()

    def decorate_later(self, canvas: pdf_canvas.Canvas, _doc: Any) -> None:
        canvas.saveState()
        canvas.setFillColor(MUTED)
        draw_runs(canvas, MARGIN, A4[1] - 1.2 * cm, self.header_runs, self.fonts.regular, 7.5)
        canvas.setStrokeColor(GRID)
        canvas.line(MARGIN, A4[1] - 1.35 * cm, A4[0] - MARGIN, A4[1] - 1.35 * cm)
        canvas.restoreState()

    def story(self) -> list[Flowable]:
        """Every flowable of the document; each text is fitted to the fonts on the way."""
        fitter = self.fitter
        fitter.where = "cover"
        story: list[Flowable] = [*self.cover()]
        fitter.where = "contents"
        story += self.contents()
        note_at = None
        for section in self.brief.sections:
            fitter.where = section.heading
            if section.key in PAGE_BREAK_BEFORE:
                story.append(PageBreak())
            heading = self.para(section.heading, self.styles.h1)
            heading.keepWithNext = True
            story.append(heading)
            for block in section.blocks:
                story.extend(self.block(block))
            if section.key == FONT_NOTE_AFTER:
                note_at = len(story)
        fitter.where = "page header and footer"
        title = f"{self.brief.title} · {self.brief.company}"
        self.header_runs = fitter.runs(title[:110])
        self.footer_runs = fitter.runs(title[:90])
        at = len(story) if note_at is None else note_at
        story[at:at] = self.font_note(fitter.report())
        return story

    def font_note(self, report: FontReport) -> list[Flowable]:
        """Say which characters the fonts could not draw (and log each); nothing if none."""
        self.report = report
        for item in report.replaced:
            _log.info(
                "PDF text: replaced a character no embedded font draws: char=%r code=%s "
                "name=%r count=%d where=%r replacement=%r font=%r",
                item.char,
                item.code,
                item.name,
                item.count,
                "; ".join(item.places),
                report.replacement,
                report.font,
            )
        if not report.replaced:
            return []
        # Translators: {replaced} says which characters the PDF's font could not draw.
        text = _(
            "{replaced} The Markdown, Word and JSON exports keep them as typed.",
            replaced=report.sentence(show_characters=False),
        )
        box = Callout(text, tone="warning", lead=_("Characters not drawn:"))
        return [Spacer(1, 6), self.callout(box)]

    def write(self) -> tuple[bytes, FontReport]:
        out = io.BytesIO()
        brief = self.brief
        document = _BriefDocument(
            out,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            # The document's properties are Unicode strings, not drawn: kept as typed.
            title=f"{brief.title}: {brief.company}",
            author="AM Advisor",
            subject=brief.verdict_label,
            creator="AM Advisor",
            invariant=1,
        )
        story = self.story()

        def make_canvas(*args: Any, **kwargs: Any) -> _NumberedCanvas:
            # Without an initial font the canvas starts every page in built-in Helvetica, which
            # is then listed (unembedded) on each page beside the embedded font.
            kwargs["initialFontName"] = self.fonts.regular
            canvas = _NumberedCanvas(*args, **kwargs)
            canvas.footer_runs = self.footer_runs
            canvas.footer_font = self.fonts.regular
            canvases.append(canvas)
            return canvas

        canvases: list[_NumberedCanvas] = []

        document.build(
            story,
            onFirstPage=self.decorate_first,
            onLaterPages=self.decorate_later,
            canvasmaker=make_canvas,
        )
        self.pages = canvases[-1].page_count if canvases else 0
        return out.getvalue(), self.report


def render_reported(brief: Brief) -> tuple[bytes, FontReport]:
    """The PDF's bytes, and which characters its fonts could not draw.

    A brief of several sections longer than `MAX_BRIEF_PAGES` is set again in slightly smaller
    type (down to 89 %) until it fits; its method appendix (one section) runs as long as it is."""
    result: tuple[bytes, FontReport] | None = None
    for scale in COMPACT_SCALES:
        writer = _Writer(brief, scale)
        result = writer.write()
        if writer.pages <= MAX_BRIEF_PAGES or len(brief.sections) <= 1:
            break
    assert result is not None
    return result


def render(brief: Brief) -> bytes:
    return render_reported(brief)[0]


# The workshop readout's PDF (`readout_pdf`) draws its blocks as the brief does, in larger type.
BlockWriter = _Writer
brief_styles = _styles
NumberedCanvas = _NumberedCanvas
