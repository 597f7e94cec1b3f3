"""The DOCX tables are built straight in the XML; they must read exactly as python-docx builds them."""

from __future__ import annotations

import dataclasses
import io
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

from advisor.brief import Brief, Section, Table
from advisor.export import CHARTS_OFF, render

TABLES = (
    Table(
        ("Figure", "Value", "Note"),
        (
            ("Total ARR", "€792,000", "  kept with its spaces  "),
            ("Two lines", "1", "first\nsecond"),
            ("Short row", "2"),
            ("", "", ""),
            ("Tabbed", "3", "a\tb"),
        ),
        widths=(3, 2, 5),
        row_tones=("good", "warn", "bad", "", "unknown"),
        numeric=(1,),
    ),
    Table(("", ""), (("Company", "Northwind"), ("Segment", "Mid-market")), widths=(1, 2)),
)


def _shade(cell: Any, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _python_docx_table(doc: Any, block: Table) -> Any:
    """The table as python-docx's own cell, paragraph and run calls build it."""
    header = any(block.columns)
    columns = len(block.columns)
    table = doc.add_table(rows=0, cols=columns)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        for name, value in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", "C9D2DC")):
            element.set(qn(f"w:{name}"), value)
        borders.append(element)
    table._tbl.tblPr.append(borders)
    total = sum(block.widths)
    widths = [Cm(17.0 * weight / total) for weight in block.widths]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    rows = [block.columns, *block.rows] if header else list(block.rows)
    for index, values in enumerate(rows):
        row = table.add_row()
        is_header = header and index == 0
        if is_header:
            flag = OxmlElement("w:tblHeader")
            flag.set(qn("w:val"), "true")
            row._tr.get_or_add_trPr().append(flag)
        body = index - (1 if header else 0)
        tone = "" if is_header or body >= len(block.row_tones) else block.row_tones[body]
        for column, (cell, value) in enumerate(zip(row.cells, values, strict=False)):
            cell.width = widths[column]
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(2)
            if column in block.numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = paragraph.add_run(value)
            run.font.size = Pt(9)
            if is_header:
                run.bold = True
                run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
                _shade(cell, "33475B")
            elif tone in {"good": 1, "warn": 1, "bad": 1}:
                _shade(cell, {"good": "E6F4EC", "warn": "FFF4D6", "bad": "FBE4E2"}[tone])
            if not header and column == 0:
                run.bold = True
    return table._tbl


def test_docx_tables_read_exactly_as_python_docx_builds_them(northwind_brief: Brief) -> None:
    section = Section(key="tables", number=1, title="Tables", blocks=TABLES)
    brief = dataclasses.replace(northwind_brief.without_charts(CHARTS_OFF), sections=(section,))
    written = Document(io.BytesIO(render(brief, "docx"))).tables[-len(TABLES) :]
    expected_doc = Document()
    for block, table in zip(TABLES, written, strict=True):
        expected = _python_docx_table(expected_doc, block)
        assert etree.tostring(table._tbl) == etree.tostring(expected)
    cells = [[cell.text for cell in row.cells] for row in written[0].rows]
    assert cells[1] == ["Total ARR", "€792,000", "kept with its spaces"]  # cleaned on the way in
    assert cells[3] == ["Short row", "2", ""]
