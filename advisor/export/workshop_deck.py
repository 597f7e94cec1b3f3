"""Render a workshop's readout as a slide deck (PPTX, python-pptx): a cover, then one slide each.

The renderer only lays out the `Readout` the core built: a cover with the verdict in its
colour, then each slide's blocks top to bottom in large type. Table cells wrap their text; a
text box whose words run past the slide is shrunk to fit when the deck is opened. The text is
the model's, already cleaned of control characters, so nothing typed can break the file.
"""

from __future__ import annotations

import io
import math
from dataclasses import replace

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.slide import Slide as PptxSlide
from pptx.util import Emu, Inches, Pt

from advisor.brief.model import Block, Bullets, Callout, Paragraph, Subheading, Table
from advisor.brief.readout import Readout, Slide
from advisor.chart_content import VERDICT_COLOURS
from advisor.i18n import N_, _


def _rgb(hex_code: str) -> RGBColor:
    colour: RGBColor = RGBColor.from_string(hex_code.lstrip("#"))  # type: ignore[no-untyped-call]
    return colour


MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)  # 16:9
MARGIN = Inches(0.6)
INK = _rgb("1F2A37")
MUTED = _rgb("5B6B7A")
NAVY = _rgb("1F3A5F")
HEADER_FILL = _rgb("33475B")
TONE_FILLS = {
    "warn": _rgb("FFF4D6"),
    "bad": _rgb("FBE4E2"),
    "good": _rgb("E6F4EC"),
}
CALLOUT_FILLS = {"warning": _rgb("FFF4D6"), "info": _rgb("EAF1FB")}
BODY_PT = 18
TABLE_PT = 14
TITLE_PT = 32
BOTTOM = int(HEIGHT - Inches(0.6))  # where a slide's blocks end, above its footer
LINE_FACTOR = 1.25  # a line's height as a share of its font size
CHAR_FACTOR = 0.5  # an average character's width as a share of its font size


def _lines(text: str, width: int, points: int) -> int:
    """About how many lines `text` takes in a box `width` EMU wide at `points`."""
    per_line = max(1, int(Emu(width).pt / (points * CHAR_FACTOR)))
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))


def _height(lines: int, points: int) -> int:
    return int(Pt(lines * points * LINE_FACTOR + points * 0.8))


class _Deck:
    def __init__(self, readout: Readout) -> None:
        self.readout = readout
        self.deck = Presentation()
        self.deck.slide_width, self.deck.slide_height = WIDTH, HEIGHT
        self.blank = self.deck.slide_layouts[6]
        self.width = int(WIDTH - 2 * MARGIN)

    def text_box(
        self,
        slide: PptxSlide,
        top: int,
        texts: list[tuple[str, str]],
        *,
        points: int = BODY_PT,
        colour: RGBColor = INK,
        bold: bool = False,
        left: int = MARGIN,
        width: int | None = None,
    ) -> int:
        """Paragraphs of (lead, text) from `top`; returns the box's bottom."""
        width = width or self.width
        lines = sum(_lines(f"{lead} {text}", width, points) for lead, text in texts)
        room = int(HEIGHT - Inches(0.5)) - top
        height = min(_height(lines, points), max(room, int(Pt(points * 2))))
        box = slide.shapes.add_textbox(Emu(left), Emu(top), Emu(width), Emu(height))
        frame = box.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
        for index, (lead, text) in enumerate(texts):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            paragraph.space_after = Pt(points * 0.4)
            if lead:
                run = paragraph.add_run()
                run.text = f"{lead} "
                run.font.bold, run.font.size, run.font.color.rgb = True, Pt(points), colour
            run = paragraph.add_run()
            run.text = text
            run.font.bold, run.font.size, run.font.color.rgb = bold, Pt(points), colour
        return top + height

    def callout(self, slide: PptxSlide, top: int, block: Callout) -> int:
        verdict = block.tone == "verdict"
        fill = (
            _rgb(VERDICT_COLOURS.get(self.readout.verdict, "#33475b"))
            if verdict
            else CALLOUT_FILLS.get(block.tone, CALLOUT_FILLS["info"])
        )
        points = 26 if verdict else BODY_PT
        text = f"{block.lead} {block.text}"
        height = _height(_lines(text, self.width - int(Inches(0.4)), points), points)
        shape = slide.shapes.add_shape(
            MSO_SHAPE.RECTANGLE, Emu(MARGIN), Emu(top), Emu(self.width), Emu(height)
        )
        shape.fill.solid()
        shape.fill.fore_color.rgb = fill
        shape.line.fill.background()
        frame = shape.text_frame
        frame.word_wrap = True
        paragraph = frame.paragraphs[0]
        for part, bold in ((f"{block.lead} " if block.lead else "", True), (block.text, verdict)):
            if part:
                run = paragraph.add_run()
                run.text = part
                run.font.size, run.font.bold = Pt(points), bold
                run.font.color.rgb = _rgb("FFFFFF") if verdict else INK
        return top + height

    def table_sizes(self, block: Table) -> tuple[list[int], list[int]]:
        """The table's column widths, and its rows' heights (the header's first)."""
        columns = len(block.columns)
        weights = list(block.widths) if len(block.widths) == columns else [1.0] * columns
        total = sum(weights) or 1.0
        widths = [int(self.width * w / total) for w in weights]
        heights = [
            max(_lines(cell, widths[i] - int(Inches(0.2)), TABLE_PT) for i, cell in enumerate(row))
            for row in (block.columns, *block.rows)
        ]
        return widths, [_height(lines, TABLE_PT) for lines in heights]

    def measure(self, block: Block) -> int:
        """About how tall a block is drawn."""
        if isinstance(block, Callout):
            points = 26 if block.tone == "verdict" else BODY_PT
            text = f"{block.lead} {block.text}"
            return _height(_lines(text, self.width - int(Inches(0.4)), points), points)
        if isinstance(block, Table):
            return sum(self.table_sizes(block)[1])
        if isinstance(block, Bullets):
            lines = sum(_lines(f"• {item}", self.width, BODY_PT) for item in block.items)
            return _height(lines, BODY_PT)
        if isinstance(block, Paragraph):
            return _height(_lines(f"{block.lead} {block.text}", self.width, BODY_PT), BODY_PT)
        if isinstance(block, Subheading):
            return _height(_lines(block.text, self.width, BODY_PT), BODY_PT)
        return 0

    def table(self, slide: PptxSlide, top: int, block: Table) -> int:
        columns = len(block.columns)
        widths, row_heights = self.table_sizes(block)
        shape = slide.shapes.add_table(
            len(block.rows) + 1,
            columns,
            Emu(MARGIN),
            Emu(top),
            Emu(self.width),
            Emu(sum(row_heights)),
        )
        grid = shape.table
        for index, width in enumerate(widths):
            grid.columns[index].width = Emu(width)
        for index, height in enumerate(row_heights):
            grid.rows[index].height = Emu(height)
        for r, row in enumerate((block.columns, *block.rows)):
            tone = block.row_tones[r - 1] if 0 < r <= len(block.row_tones) else ""
            for c, value in enumerate(row):
                cell = grid.cell(r, c)
                cell.text = value
                cell.text_frame.word_wrap = True
                font = cell.text_frame.paragraphs[0].runs[0].font if value else None
                if font is not None:
                    font.size = Pt(TABLE_PT)
                    font.bold = r == 0
                    font.color.rgb = _rgb("FFFFFF") if r == 0 else INK
                cell.fill.solid()  # type: ignore[no-untyped-call]
                cell.fill.fore_color.rgb = (
                    HEADER_FILL if r == 0 else TONE_FILLS.get(tone, _rgb("FFFFFF"))
                )
        return top + sum(row_heights)

    def block(self, slide: PptxSlide, top: int, block: Block) -> int:
        if isinstance(block, Callout):
            return self.callout(slide, top, block)
        if isinstance(block, Table):
            return self.table(slide, top, block)
        if isinstance(block, Bullets):
            return self.text_box(slide, top, [("•", item) for item in block.items])
        if isinstance(block, Subheading):
            return self.text_box(slide, top, [("", block.text)], colour=NAVY, bold=True)
        if isinstance(block, Paragraph):
            return self.text_box(slide, top, [(block.lead, block.text)])
        return top  # a chart has no place on a readout slide

    def footer(self, slide: PptxSlide, number: int) -> None:
        text = f"{self.readout.company} · {self.readout.title} · {self.readout.date_text}"
        self.text_box(
            slide, int(HEIGHT - Inches(0.5)), [("", f"{text} · {number}")], points=11, colour=MUTED
        )

    def cover(self) -> None:
        r = self.readout
        slide = self.deck.slides.add_slide(self.blank)
        top = self.text_box(slide, int(Inches(0.8)), [("", r.title.upper())], colour=MUTED)
        top = self.text_box(slide, top, [("", r.company)], points=40, bold=True)
        top = self.text_box(slide, top, [("", f"{r.answered} · {r.date_text}")], colour=MUTED)
        top += int(Inches(0.3))
        # Translators: the verdict and its readiness on the readout's cover.
        verdict = Callout(
            _("{verdict} — {readiness}", verdict=r.verdict_label, readiness=r.readiness),
            tone="verdict",
            lead=_("Verdict:"),
        )
        top = self.callout(slide, top, verdict) + int(Inches(0.2))
        top = self.text_box(slide, top, [("", r.headline)])
        self.text_box(slide, top, [(_("Rule pack:"), r.pack_line)], points=11, colour=MUTED)

    def new_slide(self, title: str) -> tuple[PptxSlide, int]:
        """A slide with its title and footer; the top of the room left for its blocks."""
        slide = self.deck.slides.add_slide(self.blank)
        top = self.text_box(
            slide, int(Inches(0.4)), [("", title)], points=TITLE_PT, colour=NAVY, bold=True
        )
        self.footer(slide, len(self.deck.slides))
        return slide, top

    def slide(self, content: Slide) -> None:
        """The slide's blocks top to bottom; what does not fit goes on a slide "(continued)",
        a list item by item and a table row by row under its header."""
        slide, top = self.new_slide(content.title)
        first = top
        pending = _pieces(content.blocks)
        while pending:
            block = pending.pop(0)
            room = BOTTOM - top
            if self.measure(block) > room:
                fits, rest = self.split(block, room) if isinstance(block, Table) else (None, block)
                if fits is not None:
                    self.table(slide, top, fits)
                if fits is not None or top > first:
                    pending.insert(0, rest)
                    # Translators: the title of a slide whose content goes on from the last one.
                    slide, top = self.new_slide(_("{title} (continued)", title=content.title))
                    first = top
                    continue
            top = self.block(slide, top, block) + int(Inches(0.15))

    def split(self, block: Table, room: int) -> tuple[Table | None, Table]:
        """The rows of a table that fit in `room` under its header, and the rest."""
        heights = self.table_sizes(block)[1]
        used, count = heights[0], 0
        for height in heights[1:]:
            if used + height > room:
                break
            used, count = used + height, count + 1
        if count == 0:
            return None, block
        tones = block.row_tones
        head = replace(block, rows=block.rows[:count], row_tones=tones[:count])
        return head, replace(block, rows=block.rows[count:], row_tones=tones[count:])

    def write(self) -> bytes:
        core = self.deck.core_properties
        # Translators: the document's title in its properties, "Workshop readout: Acme".
        core.title = _("{title}: {company}", title=self.readout.title, company=self.readout.company)
        core.author = "AM Advisor"
        core.subject = self.readout.verdict_label
        self.cover()
        for content in self.readout.slides:
            self.slide(content)
        out = io.BytesIO()
        self.deck.save(out)
        return out.getvalue()


def _pieces(blocks: tuple[Block, ...]) -> list[Block]:
    """The blocks, a list item by item, so a long list can go on over two slides."""
    pieces: list[Block] = []
    for block in blocks:
        if isinstance(block, Bullets):
            pieces += [Bullets((item,)) for item in block.items]
        else:
            pieces.append(block)
    return pieces


def render(readout: Readout) -> bytes:
    """The readout as the bytes of a PPTX file."""
    return _Deck(readout).write()


READOUT_FORMATS = ("pptx", "pdf")
READOUT_FORMAT_NAMES = {"pptx": N_("Slides (PPTX)"), "pdf": N_("PDF")}
READOUT_MEDIA_TYPES = {"pptx": MEDIA_TYPE, "pdf": "application/pdf"}


def render_readout(readout: Readout, fmt: str) -> bytes:
    """The readout in one format: the deck (pptx) or its pages (pdf)."""
    if fmt == "pptx":
        return render(readout)
    if fmt == "pdf":
        from advisor.export.readout_pdf import render as render_pdf

        return render_pdf(readout)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(READOUT_FORMATS)}")


def readout_file_name(company: str, fmt: str) -> str:
    """A safe download name such as `workshop-readout-northwind-analytics.pptx`."""
    from advisor.export import file_name

    return file_name(company, fmt).replace("am-brief-", "workshop-readout-", 1)
