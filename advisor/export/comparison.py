"""A comparison of scenarios as text, Markdown, JSON or an XLSX sheet. Renderers only.

Every scenario name, company name and other user text is made literal for its format: control
characters shown as `?` in the terminal, escaped in Markdown, formula-safe text cells in the
sheet.
"""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING, Any

from advisor.compare import Comparison
from advisor.export import markdown
from advisor.export import text as plain
from advisor.reports.comparison import build_comparison_report, pack_line, sections, title
from advisor.textsafety import clean_text, formula_safe_cell

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

# The sheet: differing rows in a light amber, the verdict row in a light blue.
DIFFERENCE_FILL = "FFF2CC"
VERDICT_FILL = "DDEBF7"
HEADER_FILL = "D9D9D9"
MIN_COLUMN, MAX_COLUMN = 12, 60


# ---------------------------------------------------------------------------------------------
# Text and Markdown: the one document `reports.comparison` builds


def render_text(comparison: Comparison) -> str:
    return plain.render_text(build_comparison_report(comparison))


def render_markdown(comparison: Comparison) -> str:
    return markdown.render_report(build_comparison_report(comparison))


# ---------------------------------------------------------------------------------------------
# JSON


def render_json(comparison: Comparison) -> str:
    return json.dumps(comparison.to_dict(), indent=2, allow_nan=False, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------------------------------------
# XLSX


def _safe(value: Any) -> Any:
    """A cell value a spreadsheet shows as written: cleaned text, formula-like text defused."""
    if isinstance(value, str):
        return formula_safe_cell(clean_text(value))
    return value


def _put(sheet: Worksheet, row: int, column: int, value: Any) -> Any:
    cell = sheet.cell(row=row, column=column, value=_safe(value))
    if isinstance(value, str):
        cell.data_type = "s"  # text, whatever it starts with: never a formula
    return cell


def _widths(sheet: Worksheet, columns: int, first_row: int) -> None:
    from openpyxl.utils import get_column_letter

    for index in range(1, columns + 1):
        longest = MIN_COLUMN
        for (cell,) in sheet.iter_rows(min_row=first_row, min_col=index, max_col=index):
            if cell.value is not None:
                text = str(cell.value)
                longest = max(longest, *(len(line) for line in text.split("\n")))
        sheet.column_dimensions[get_column_letter(index)].width = min(longest + 2, MAX_COLUMN)


def _comparison_sheet(sheet: Worksheet, comparison: Comparison) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    names = comparison.names
    last = len(names) + 3
    wrap = Alignment(wrap_text=True, vertical="top")

    def fill(colour: str) -> PatternFill:
        return PatternFill(fill_type="solid", start_color=colour, end_color=colour)

    _put(sheet, 1, 1, title(comparison)).font = Font(bold=True, size=14)
    _put(sheet, 2, 1, pack_line(comparison))
    row = 3
    for line in comparison.lines:
        _put(sheet, row, 1, line)
        row += 1
    row += 1
    header_row = row
    for column, text in enumerate(["Section", "Item", *names, "Differs"], start=1):
        cell = _put(sheet, row, column, text)
        cell.font, cell.fill = Font(bold=True), fill(HEADER_FILL)
    for section, rows in sections(comparison):
        for item in rows:
            row += 1
            cells = [_put(sheet, row, 1, section), _put(sheet, row, 2, item.label)]
            cells += [_put(sheet, row, 3 + i, value) for i, value in enumerate(item.values)]
            cells.append(_put(sheet, row, last, "yes" if item.differs else ""))
            for cell in cells:
                cell.alignment = wrap
            if item.key == "verdict":
                for cell in cells:
                    cell.font, cell.fill = Font(bold=True), fill(VERDICT_FILL)
            elif item.differs:
                for cell in cells[2:]:
                    cell.fill = fill(DIFFERENCE_FILL)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=3)
    _widths(sheet, last, header_row)


def _differences_sheet(sheet: Worksheet, comparison: Comparison) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    names = comparison.names
    header = ["Input", "Field", *names, "Changes the verdict alone", "What it does alone"]
    for column, text in enumerate(header, start=1):
        cell = _put(sheet, 1, column, text)
        cell.font = Font(bold=True)
        cell.fill = PatternFill(fill_type="solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
    for row, difference in enumerate(comparison.differences, start=2):
        effect = " ".join([comparison.effect_of(difference), *(n for n in difference.notes if n)])
        values = [
            difference.label,
            difference.field,
            *difference.shown,
            "yes" if difference.changes_verdict_alone else "no",
            effect,
        ]
        for column, value in enumerate(values, start=1):
            _put(sheet, row, column, value).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "C2"
    _widths(sheet, len(header), 1)


def render_xlsx(comparison: Comparison) -> bytes:
    """The comparison as a workbook: the side-by-side sheet and the differences."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has its first sheet
    sheet.title = "Comparison"
    _comparison_sheet(sheet, comparison)
    _differences_sheet(book.create_sheet("Differences"), comparison)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
