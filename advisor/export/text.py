"""Render a report document as plain text for the terminal.

Layout only: every word comes from the document (`advisor.blocks.Report`). Lists and label-value
rows are indented under their part's heading, tables are columns of cells wrapped within their
width, and anything a terminal would act on is shown as `?` (`textsafety.terminal_safe`).
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from advisor.blocks import (
    Bullets,
    Entries,
    Facts,
    Lines,
    Note,
    Paragraph,
    Report,
    ReportBlock,
    Table,
)
from advisor.textsafety import terminal_safe

INDENT = "  "
# A table's cells wrap at these widths: its first column (the labels) and the others.
LABEL_WIDTH = 34
CELL_WIDTH = 30
GAP = "  "


def _wrapped(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for part in text.split("\n"):
        lines += textwrap.wrap(part, width, break_long_words=False, break_on_hyphens=False) or [""]
    return lines


def _table(table: Table) -> list[str]:
    """A header row and a row per line of cells, each column as wide as its longest line."""
    rows = [table.columns, *table.rows]
    cells = [
        [
            _wrapped(cell, LABEL_WIDTH if index == 0 else CELL_WIDTH)
            for index, cell in enumerate(row)
        ]
        for row in rows
    ]
    widths = [
        max(len(line) for row in cells for line in row[index]) for index in range(len(rows[0]))
    ]
    out = []
    for row in cells:
        for number in range(max(len(cell) for cell in row)):
            parts = []
            for index, cell in enumerate(row):
                line = cell[number] if number < len(cell) else ""
                fits = line.rjust if index in table.numeric else line.ljust
                parts.append(fits(widths[index]))
            out.append((INDENT + GAP.join(parts)).rstrip())
    return out


def _entries(block: Entries) -> list[str]:
    out = []
    for number, entry in enumerate(block.items, 1):
        mark = f"{number}." if block.ordered else "-"
        out.append(f"{INDENT}{mark} {entry.head}")
        under = " " * (len(INDENT) + len(mark) + 3)  # under the head's first word, and one more
        out += [f"{under}{detail}" for detail in entry.details]
    return out


def _block(block: ReportBlock) -> list[str]:
    if isinstance(block, Paragraph):
        text = f"{block.lead} {block.text}" if block.lead else block.text
        return text.split("\n")
    if isinstance(block, Note):
        return [block.text]
    if isinstance(block, Bullets):
        marks = [f"{n}." if block.ordered else "-" for n in range(1, len(block.items) + 1)]
        return [f"{INDENT}{mark} {item}" for mark, item in zip(marks, block.items, strict=True)]
    if isinstance(block, Lines):
        return [f"{INDENT}{item}" for item in block.items]
    if isinstance(block, Facts):
        return [f"{INDENT}{label}: {value}" for label, value in block.rows]
    if isinstance(block, Entries):
        return _entries(block)
    if isinstance(block, Table):
        return _table(block)
    raise TypeError(type(block).__name__)


def report_lines(report: Report) -> Sequence[str]:
    lines = [report.title, *report.standfirst]
    for part in report.parts:
        lines.append("")
        if part.title:
            lines.append(f"{part.title}{report.heading_end}")
        for block in part.blocks:
            lines += _block(block)
    return lines


def render_text(report: Report) -> str:
    """The report as plain text: one line per statement, safe to print to a terminal."""
    return terminal_safe("\n".join(report_lines(report)) + "\n")
