"""The client listing as a file: CSV or an XLSX workbook, every text cell formula-safe.

Rows come in as the desk lays them out (`workspace.desk.desk_rows`); a cell a spreadsheet would
run as a formula (a client named `=cmd()`) is written with the apostrophe that keeps it text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from typing import Any

from advisor.textsafety import clean_text, formula_safe_cell

MIN_COLUMN, MAX_COLUMN = 8, 48
FORMATS = ("csv", "xlsx")


def _safe(value: Any) -> Any:
    if isinstance(value, str):
        return formula_safe_cell(clean_text(value, single_line=True))
    return value


def _columns(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None) -> list[str]:
    if columns is not None:
        return list(columns)
    return list(rows[0]) if rows else []


def render_csv(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None) -> bytes:
    """The rows as CSV (UTF-8 with a byte-order mark, so a spreadsheet reads the accents)."""
    names = _columns(rows, columns)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_safe(name) for name in names])
    for row in rows:
        writer.writerow([_safe(row.get(name, "")) for name in names])
    return out.getvalue().encode("utf-8-sig")


def render_xlsx(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None) -> bytes:
    """The rows as a one-sheet workbook: a bold header row, frozen, columns sized to fit."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    names = _columns(rows, columns)
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has its first sheet
    sheet.title = "Clients"
    widths = [len(name) for name in names]
    for row_number, values in enumerate(
        [names, *([row.get(name, "") for name in names] for row in rows)], start=1
    ):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row_number, column=column, value=_safe(value))
            if isinstance(value, str):
                cell.data_type = "s"  # text, whatever it starts with: never a formula
            if row_number == 1:
                cell.font = Font(bold=True)
            widths[column - 1] = max(widths[column - 1], len(str(cell.value or "")))
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(
            max(width + 2, MIN_COLUMN), MAX_COLUMN
        )
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def render(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], kind: str) -> bytes:
    """The rows in `kind` (one of `FORMATS`)."""
    return render_xlsx(rows, columns) if kind == "xlsx" else render_csv(rows, columns)
