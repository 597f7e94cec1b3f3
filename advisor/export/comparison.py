"""A comparison of scenarios as text, Markdown, JSON or an XLSX sheet. Renderers only.

Every scenario name, company name and other user text is made literal for its format: control
characters shown as `?` in the terminal, escaped in Markdown, formula-safe text cells in the
sheet.
"""

from __future__ import annotations

import io
import json
import textwrap
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from advisor import present
from advisor.compare import Comparison, Row
from advisor.textsafety import (
    clean_text,
    escape_markdown,
    escape_markdown_inline,
    formula_safe_cell,
    terminal_safe,
)

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

LABEL_WIDTH = 34
CELL_WIDTH = 30
SECTIONS = ("Verdict", "Economics", "Timing", "Flip points", "Role")
DIFFERS_MARK = "*"
# The sheet: differing rows in a light amber, the verdict row in a light blue.
DIFFERENCE_FILL = "FFF2CC"
VERDICT_FILL = "DDEBF7"
HEADER_FILL = "D9D9D9"
MIN_COLUMN, MAX_COLUMN = 12, 60


def _title(comparison: Comparison) -> str:
    names = comparison.names
    return f"Comparison of {len(names)} scenarios: " + ", ".join(
        f"{name} (baseline)" if index == 0 else name for index, name in enumerate(names)
    )


def _pack_line(comparison: Comparison) -> str:
    if comparison.same_pack:
        pack = comparison.scenarios[0].assessment.pack
        line = f"Every scenario is judged by the same rule pack: {pack.name} {pack.version}."
    else:
        line = "The scenarios are judged by different rule packs (see “Rule pack” below)."
    if comparison.as_of is not None:
        line += f" Every date counts from {present.date(comparison.as_of)}."
    return line


def _sections(comparison: Comparison) -> Iterator[tuple[str, list[Row]]]:
    for section in SECTIONS:
        yield section, [row for row in comparison.outcomes if row.section == section]
    yield "Inputs", list(comparison.inputs)


# ---------------------------------------------------------------------------------------------
# Text


def _wrapped(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for part in clean_text(text).split("\n"):
        lines += textwrap.wrap(part, width) or [""]
    return lines


def _text_rows(header: Sequence[str], rows: Sequence[tuple[str, Sequence[str]]]) -> list[str]:
    """Rows of a label and one cell per scenario, cells wrapped within their column."""
    out = []
    for label, cells in [(header[0], header[1:]), *rows]:
        columns = [_wrapped(label, LABEL_WIDTH), *(_wrapped(c, CELL_WIDTH) for c in cells)]
        for line in range(max(len(column) for column in columns)):
            parts = [
                (column[line] if line < len(column) else "").ljust(
                    LABEL_WIDTH if index == 0 else CELL_WIDTH
                )
                for index, column in enumerate(columns)
            ]
            out.append("  ".join(parts).rstrip())
    return out


def render_text(comparison: Comparison) -> str:
    lines = [_title(comparison), _pack_line(comparison), "", "What makes the difference:"]
    lines += [f"  - {line}" for line in comparison.lines]
    for section, rows in _sections(comparison):
        lines += ["", f"{section} ({DIFFERS_MARK} differs):"]
        body = [
            (f"{DIFFERS_MARK} {row.label}" if row.differs else f"  {row.label}", row.values)
            for row in rows
        ]
        lines += _text_rows(["", *comparison.names], body)
    lines += ["", "Differences in the inputs:"]
    if not comparison.differences:
        lines.append("  - none: every input is the same")
    for difference in comparison.differences:
        values = " · ".join(
            f"{name}: {shown}"
            for name, shown in zip(comparison.names, difference.shown, strict=True)
        )
        lines.append(f"  - {difference.label}: {values}")
        lines.append(f"      {comparison.effect_of(difference)}")
        lines += [f"      {note}" for note in difference.notes if note]
    return terminal_safe("\n".join(lines) + "\n")


# ---------------------------------------------------------------------------------------------
# Markdown


def _md_cell(text: str) -> str:
    """Any text as one table cell (or list item): line breaks folded, every mark literal."""
    return escape_markdown_inline(clean_text(text, single_line=True)) or " "


def _md_table(names: Sequence[str], rows: Sequence[Row]) -> list[str]:
    header = "| | " + " | ".join(_md_cell(name) for name in names) + " | Differs |"
    lines = [header, "|---|" + "---|" * len(names) + "---|"]
    for row in rows:
        label = _md_cell(row.label)
        label = f"**{label}**" if row.differs else label
        cells = " | ".join(_md_cell(value) for value in row.values)
        lines.append(f"| {label} | {cells} | {'yes' if row.differs else ''} |")
    return lines


def render_markdown(comparison: Comparison) -> str:
    names = comparison.names
    lines = [
        f"# {escape_markdown(_title(comparison))}",
        "",
        escape_markdown(_pack_line(comparison)),
    ]
    lines.append("")
    lines += ["## What makes the difference", ""]
    lines += [f"- {escape_markdown(line)}" for line in comparison.lines]
    for section, rows in _sections(comparison):
        lines += ["", f"## {section}", ""]
        lines += _md_table(names, rows)
    lines += ["", "## Differences in the inputs", ""]
    if not comparison.differences:
        lines.append("Every input is the same in every scenario.")
    else:
        lines += ["| Input | " + " | ".join(_md_cell(n) for n in names) + " | Alone |"]
        lines += ["|---|" + "---|" * len(names) + "---|"]
        for difference in comparison.differences:
            cells = " | ".join(_md_cell(shown) for shown in difference.shown)
            effect = " ".join(
                [comparison.effect_of(difference), *(n for n in difference.notes if n)]
            )
            lines.append(f"| {_md_cell(difference.label)} | {cells} | {_md_cell(effect)} |")
    lines.append("")
    return "\n".join(lines)


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

    _put(sheet, 1, 1, _title(comparison)).font = Font(bold=True, size=14)
    _put(sheet, 2, 1, _pack_line(comparison))
    row = 3
    for line in comparison.lines:
        _put(sheet, row, 1, line)
        row += 1
    row += 1
    header_row = row
    for column, text in enumerate(["Section", "Item", *names, "Differs"], start=1):
        cell = _put(sheet, row, column, text)
        cell.font, cell.fill = Font(bold=True), fill(HEADER_FILL)
    for section, rows in _sections(comparison):
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
