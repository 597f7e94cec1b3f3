"""Render a Brief as a Word document (python-docx): real headings, tables, lists and figures.

Text goes in as plain runs, never as fields or hyperlinks, so nothing a company typed becomes
live in Word. The only fields are the page numbers in the footer.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

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
from advisor.export.chart_paint import CHART_WIDTH_CM, CHART_WIDTH_PT, chart_png
from advisor.i18n import _, p_

INK = RGBColor(0x1F, 0x2A, 0x37)
MUTED = RGBColor(0x5B, 0x6B, 0x7A)
HEADER_FILL = "33475B"
GRID = "C9D2DC"
TONE_FILLS = {"good": "E6F4EC", "warn": "FFF4D6", "bad": "FBE4E2"}
CALLOUT_FILLS = {"info": "EAF1FB", "warning": "FFF4D6", "verdict": "EEF2F6"}
USABLE_WIDTH_CM = 17.0
LOGO_WIDTH_CM, LOGO_HEIGHT_CM = 5.0, 2.2  # the box a cover's logo fits in
# The appendix starts on a new page: it is reference, not reading.
PAGE_BREAK_BEFORE = frozenset({"appendix"})
# A table cell's run: 9 pt (half-points), 2 pt after its paragraph (twentieths of a point).
CELL_TEXT_SIZE = "18"
CELL_SPACE_AFTER = "40"
# What Word's own run content splits on: a tab, or a line break.
RUN_BREAKS = re.compile(r"([\t\r\n])")
# Stand-ins for the footer's page fields while its sentence is translated.
PAGE_MARK, PAGES_MARK = "\x00PAGE\x00", "\x00NUMPAGES\x00"
FIELD_MARKS = re.compile("(\x00PAGE\x00|\x00NUMPAGES\x00)")


def _shade(cell: _Cell, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _borders(table: DocxTable, colour: str) -> None:
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), "4")
        element.set(qn("w:space"), "0")
        element.set(qn("w:color"), colour)
        borders.append(element)
    properties.append(borders)


def _field(paragraph: DocxParagraph, instruction: str) -> None:
    """A simple field (PAGE, NUMPAGES): Word fills it when the document is opened or printed."""
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    simple.append(run)
    paragraph._p.append(simple)


def _child(parent: Any, tag: str, **attributes: str) -> Any:
    element = etree.SubElement(parent, qn(f"w:{tag}"))
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _run_text(run: Any, text: str) -> None:
    """The run's text as Word holds it: plain text, a tab element, a break element."""
    for part in RUN_BREAKS.split(text):
        if part == "\t":
            _child(run, "tab")
        elif part in ("\r", "\n"):
            _child(run, "br")
        elif part:
            element = _child(run, "t")
            element.text = part
            if len(part.strip()) < len(part):
                element.set(qn("xml:space"), "preserve")


def _cell(row: Any, width: str, value: str | None, look: dict[str, Any]) -> None:
    """One cell, built straight in the XML: python-docx's per-property calls cost far more."""
    cell = _child(row, "tc")
    properties = _child(cell, "tcPr")
    _child(properties, "tcW", type="dxa", w=width)
    paragraph = _child(cell, "p")
    if value is None:  # a row shorter than the header: the empty cell Word would add
        return
    if look["fill"]:
        _child(properties, "shd", val="clear", color="auto", fill=look["fill"])
    paragraph_properties = _child(paragraph, "pPr")
    _child(paragraph_properties, "spacing", after=CELL_SPACE_AFTER)
    if look["right"]:
        _child(paragraph_properties, "jc", val="right")
    run = _child(paragraph, "r")
    run_properties = _child(run, "rPr")
    if look["bold"]:
        _child(run_properties, "b")
    if look["colour"]:
        _child(run_properties, "color", val=look["colour"])
    _child(run_properties, "sz", val=CELL_TEXT_SIZE)
    if value:
        _run_text(run, value)


def _row(
    table: DocxTable,
    values: Sequence[str],
    widths: Sequence[str],
    looks: list[dict[str, Any]],
    *,
    header: bool,
) -> None:
    row = _child(table._tbl, "tr")
    if header:  # repeated at the top of each page the table runs onto
        _child(_child(row, "trPr"), "tblHeader", val="true")
    for column, width in enumerate(widths):
        _cell(row, width, values[column] if column < len(values) else None, looks[column])


class _Writer:
    def __init__(self, brief: Brief) -> None:
        self.brief = brief
        self.doc = Document()
        self.style_ids: dict[str, str | None] = {}
        self._styles()

    def add_paragraph(self, text: str = "", style: str | None = None) -> DocxParagraph:
        """`Document.add_paragraph` with each style's id looked up once, not per paragraph."""
        paragraph = self.doc.add_paragraph(text)
        if style is not None:
            if style not in self.style_ids:
                lookup: Any = self.doc.part.get_style_id  # untyped in python-docx
                self.style_ids[style] = lookup(style, WD_STYLE_TYPE.PARAGRAPH)
            paragraph._p.style = self.style_ids[style]
        return paragraph

    def add_heading(self, text: str, level: int) -> DocxParagraph:
        return self.add_paragraph(text, f"Heading {level}")

    def _styles(self) -> None:
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name = "Calibri"
        normal.font.size = Pt(10.5)
        normal.font.color.rgb = INK
        normal.paragraph_format.space_after = Pt(6)
        for name, size in (("Heading 1", 16), ("Heading 2", 12)):
            style = styles[name]
            style.font.size = Pt(size)
            style.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
        section = self.doc.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        for side in ("left_margin", "right_margin"):
            setattr(section, side, Cm(2.0))
        section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)

    # --- cover and page furniture ----------------------------------------------------------

    def cover(self) -> None:
        brief = self.brief
        doc = self.doc
        if brief.branding.logo is not None:
            wide, _high = logo_box(brief.branding.logo, LOGO_WIDTH_CM, LOGO_HEIGHT_CM)
            doc.add_picture(io.BytesIO(brief.branding.logo), width=Cm(wide))
        first = doc.add_paragraph()
        first.paragraph_format.space_before = Pt(60)
        run = first.add_run(brief.title.upper())
        run.font.size, run.font.bold, run.font.color.rgb = Pt(11), True, MUTED
        name = doc.add_paragraph()
        run = name.add_run(brief.company)
        run.font.size, run.font.bold = Pt(28), True
        subtitle = doc.add_paragraph()
        run = subtitle.add_run(brief.subtitle)
        run.font.size, run.font.italic, run.font.color.rgb = Pt(13), True, MUTED
        date = doc.add_paragraph()
        # Translators: {date} is the day the brief was prepared ("6 December 2026").
        date.add_run(_("Prepared {date}", date=brief.date_text)).font.color.rgb = MUTED
        if brief.branding.prepared_by:
            by = doc.add_paragraph()
            run = by.add_run(brief.branding.prepared_by)
            run.font.bold, run.font.color.rgb = True, MUTED

        box = doc.add_table(rows=1, cols=1)
        box.alignment = WD_TABLE_ALIGNMENT.CENTER
        cell = box.rows[0].cells[0]
        colour = VERDICT_COLOURS.get(brief.verdict, "#33475b").lstrip("#").upper()
        _shade(cell, colour)
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_before = Pt(8)
        run = paragraph.add_run(p_("cover", "VERDICT") + "  ")
        run.font.size, run.font.color.rgb = Pt(10), RGBColor(0xFF, 0xFF, 0xFF)
        run = paragraph.add_run(brief.verdict_label)
        run.font.size, run.font.bold = Pt(18), True
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        score = cell.add_paragraph()
        score.paragraph_format.space_after = Pt(8)
        run = score.add_run(brief.readiness)
        run.font.size, run.font.color.rgb = Pt(10), RGBColor(0xFF, 0xFF, 0xFF)

        headline = doc.add_paragraph()
        headline.paragraph_format.space_before = Pt(14)
        headline.add_run(brief.headline).font.size = Pt(12)
        self.table(Table(("", ""), brief.cover_facts, widths=(1, 2)), header=False)
        line = doc.add_paragraph()
        line.paragraph_format.space_before = Pt(24)
        # Translators: {pack} names the rule pack, its version and its digest.
        run = line.add_run(_("Rule pack: {pack}", pack=brief.pack_line))
        run.font.size, run.font.color.rgb = Pt(8.5), MUTED
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def footer(self) -> None:
        section = self.doc.sections[0]
        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        # Translators: {page} and {pages} are page numbers Word fills in ("Page 3 of 9").
        words = _("Page {page} of {pages}", page=PAGE_MARK, pages=PAGES_MARK)
        parts = FIELD_MARKS.split(f"{self.brief.title} · {self.brief.company} · {words}")
        for part in parts:
            if part in (PAGE_MARK, PAGES_MARK):
                _field(paragraph, "PAGE" if part == PAGE_MARK else "NUMPAGES")
            elif part:
                run = paragraph.add_run(part)
                run.font.size, run.font.color.rgb = Pt(8), MUTED

    def properties(self) -> None:
        props = self.doc.core_properties
        props.title = f"{self.brief.title}: {self.brief.company}"[:250]
        props.subject = self.brief.verdict_label[:250]
        props.author = "AM Advisor"
        props.keywords = _("account manager; hiring; role definition")
        moment = dt.datetime.combine(self.brief.prepared_on, dt.time(), tzinfo=dt.UTC)
        props.created = props.modified = moment
        props.last_modified_by = "AM Advisor"
        props.revision = 1

    # --- blocks -----------------------------------------------------------------------------

    def paragraph(self, block: Paragraph) -> None:
        style = "Quote" if block.style == "quote" else None
        paragraph = self.add_paragraph(style=style)
        size = 8.5 if block.style == "note" else None
        if block.lead:
            run = paragraph.add_run(block.lead + " ")
            run.bold = True
            if size:
                run.font.size = Pt(size)
        start = len(paragraph.runs)
        for index, line in enumerate(block.text.split("\n")):
            if index:
                paragraph.add_run().add_break(WD_BREAK.LINE)
            paragraph.add_run(line)
        if block.style == "note":
            for run in paragraph.runs[start:]:
                run.font.size = Pt(size or 8.5)
                run.font.color.rgb = MUTED

    def bullets(self, block: Bullets) -> None:
        style = "List Number" if block.ordered else "List Bullet"
        for item in block.items:
            self.add_paragraph(item, style)

    def table(self, block: Table, *, header: bool = True) -> None:
        columns = len(block.columns)
        if columns == 0:
            return
        table = self.doc.add_table(rows=0, cols=columns)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        _borders(table, GRID)
        weights = list(block.widths) if len(block.widths) == columns else [1.0] * columns
        total = sum(weights) or 1.0
        widths = [Cm(USABLE_WIDTH_CM * w / total) for w in weights]
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width  # the grid: what LibreOffice and Google Docs read
        grid = [str(column.get(qn("w:w"))) for column in table._tbl.tblGrid.gridCol_lst]
        has_header = header and any(block.columns)
        rows = [block.columns, *block.rows] if has_header else list(block.rows)
        for index, values in enumerate(rows):
            is_header = has_header and index == 0
            tone = ""
            body_index = index - (1 if has_header else 0)
            if not is_header and body_index < len(block.row_tones):
                tone = block.row_tones[body_index]
            fill = HEADER_FILL if is_header else TONE_FILLS.get(tone, "")
            looks = [
                {
                    "fill": fill,
                    "right": column in block.numeric,
                    "bold": is_header or (not header and column == 0),
                    "colour": "FFFFFF" if is_header else "",
                }
                for column in range(columns)
            ]
            _row(table, values, grid, looks, header=is_header)
        self.doc.add_paragraph().paragraph_format.space_after = Pt(2)

    def callout(self, block: Callout) -> None:
        box = self.doc.add_table(rows=1, cols=1)
        box.alignment = WD_TABLE_ALIGNMENT.CENTER
        cell = box.rows[0].cells[0]
        cell.width = Cm(USABLE_WIDTH_CM)
        _shade(cell, CALLOUT_FILLS.get(block.tone, CALLOUT_FILLS["info"]))
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_before = Pt(4)
        paragraph.paragraph_format.space_after = Pt(4)
        if block.lead:
            paragraph.add_run(block.lead + " ").bold = True
        paragraph.add_run(block.text)
        self.doc.add_paragraph().paragraph_format.space_after = Pt(2)

    def chart(self, block: Chart) -> None:
        if block.content is not None:
            height = CHART_WIDTH_PT * block.height / block.width
            image = chart_png(block.content, CHART_WIDTH_PT, height)
            self.doc.add_picture(io.BytesIO(image), width=Cm(CHART_WIDTH_CM))
            self.doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            caption = self.doc.add_paragraph()
            # Translators: a chart's caption, before the chart's summary.
            run = caption.add_run(_("Figure — {title}.", title=block.title) + " ")
            run.bold, run.font.size = True, Pt(8.5)
            run = caption.add_run(block.summary)
            run.font.size, run.font.color.rgb = Pt(8.5), MUTED
            return
        paragraph = self.doc.add_paragraph()
        # Translators: {title} is the chart's title; {reason} why it was left out.
        text = _("Chart omitted — {title}: {reason}.", title=block.title, reason=block.omitted)
        run = paragraph.add_run(text + " ")
        run.italic, run.font.size, run.font.color.rgb = True, Pt(9), MUTED
        run = paragraph.add_run(block.summary)
        run.font.size = Pt(9)

    def block(self, block: Block) -> None:
        if isinstance(block, Paragraph):
            self.paragraph(block)
        elif isinstance(block, Bullets):
            self.bullets(block)
        elif isinstance(block, Table):
            self.table(block, header=any(block.columns))
        elif isinstance(block, Callout):
            self.callout(block)
        elif isinstance(block, Subheading):
            self.add_heading(block.text, level=2)
        elif isinstance(block, Chart):
            self.chart(block)
        else:
            raise TypeError(f"unknown block {type(block).__name__}")

    def write(self) -> bytes:
        self.properties()
        self.cover()
        self.footer()
        self.add_heading(_("Contents"), level=1)
        for section in self.brief.sections:
            self.add_paragraph(section.heading, "List Paragraph")
        for section in self.brief.sections:
            if section.key in PAGE_BREAK_BEFORE:
                self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            self.add_heading(section.heading, level=1)
            for block in section.blocks:
                self.block(block)
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def render(brief: Brief) -> bytes:
    return _Writer(brief).write()


# The hiring kit's documents (`export.kit`) draw their blocks as the brief does.
BlockWriter = _Writer
