"""A raw table of headers and cells as read, and the pieces every reader of a CSV or a sheet
shares: the delimiter, unique header names, the report footer, ragged and empty rows."""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from advisor.crm_import.errors import EMPTY_ROW, ExportError, RowIssue
from advisor.crm_import.options import DELIMITERS, ImportLimits, delimiter_word
from advisor.crm_import.text_cells import TextCells
from advisor.crm_import.workbook import Formula
from advisor.i18n import _
from advisor.i18n.formats import number

# ---------------------------------------------------------------------------------------------
# Raw table: headers and cells as read, before any mapping


# A column's cells: a list (str for CSV; str, float, Formula for XLSX), or for a CSV read by
# pyarrow the same text cells kept in Arrow.
Cells = list[Any] | TextCells


@dataclass
class RawTable:
    source: str
    file_format: str  # csv | xlsx
    headers: list[str]  # unique display names
    columns: list[Cells]  # column-major cells
    rows: list[int]  # spreadsheet row number of each kept record
    excluded: list[RowIssue]
    notes: list[str]
    encoding: str = ""
    delimiter: str = ""
    excluded_cells: dict[int, list[str]] = field(default_factory=dict)  # row -> cells as read
    footer: list[tuple[int, str]] = field(default_factory=list)  # report footer lines skipped

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def column(self, header: str) -> Cells:
        return self.columns[self.headers.index(header)]

    def preview(self, limit: int = 5) -> pd.DataFrame:
        """The first rows as text, for a mapping editor."""
        shown = {
            header: [cell_text(cell) for cell in cells[:limit]]
            for header, cells in zip(self.headers, self.columns, strict=True)
        }
        return pd.DataFrame(shown, index=self.rows[:limit])


def cell_text(cell: Any) -> str:
    if isinstance(cell, Formula):
        return str(cell)
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return "" if cell is None else str(cell)


def detect_delimiter(text: str) -> str:
    """The delimiter that splits the header and the first rows into the same number of fields."""
    sample = text[:65536]
    if len(text) > len(sample) and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    best: tuple[float, int, str] | None = None
    for delimiter in DELIMITERS:
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
        records = list(itertools.islice(filter(None, reader), 50))  # the rest is never read
        if not records or len(records[0]) < 2:
            continue
        width = len(records[0])
        consistent = sum(len(r) == width for r in records) / len(records)
        score = (consistent, width, delimiter)
        if best is None or score[:2] > best[:2]:
            best = score
    if best is None:
        raise ExportError.at(
            _(
                "cannot find the column delimiter: the header has a single column; expected "
                "columns separated by commas, semicolons or tabs"
            )
        )
    return best[2]


def unique_headers(names: Sequence[str], notes: list[str]) -> list[str]:
    headers: list[str] = []
    first_seen: dict[str, int] = {}
    for position, raw in enumerate(names, start=1):
        # A name made up for a blank header stays the same in every language: a saved mapping
        # names the column by it.
        name = " ".join(str(raw).split()) or f"column {position}"
        key = name.casefold()
        if key in first_seen:
            count = sum(1 for h in headers if h.casefold().startswith(key))
            shown = f"{name} ({count + 1})"
            notes.append(
                _(
                    "columns {first} and {second} are both named '{name}'; the second is shown as "
                    "'{shown}' and neither is mapped automatically",
                    first=first_seen[key],
                    second=position,
                    name=name,
                    shown=shown,
                )
            )
            name = shown
        else:
            first_seen[key] = position
        headers.append(name)
    return headers


def duplicated_headers(headers: Sequence[str]) -> set[str]:
    """Headers that share a name with another column (renamed "X (2)" on reading)."""
    bases: Counter[str] = Counter()
    for header in headers:
        bases[re.sub(r" \(\d+\)$", "", header).casefold()] += 1
    return {h for h in headers if bases[re.sub(r" \(\d+\)$", "", h).casefold()] > 1}


# What report tools write after the data: Salesforce's "Grand Totals (12 records)", the report's
# confidentiality and copyright lines, "Generated By" and the like.
FOOTER_WORDS = re.compile(
    r"^(?:copyright|\(c\)|©|confidential|generated by|all rights reserved)|"
    r"all rights reserved|confidential information",
    re.IGNORECASE,
)
TOTALS = re.compile(
    r"^(?:grand totals?|totals?|subtotal)\s*(?:\(|:|$)|\(\s*[0-9,.]+ records?\s*\)", re.IGNORECASE
)


def footer_start(count: int, record: Callable[[int], list[str]]) -> int:
    """The index among `count` records where a report footer begins (`count`: no footer).

    Only a trailing block is a footer, and only when one of its lines is a known footer line;
    its other lines (the report's title, the company's name, blank lines) are one-cell lines.
    """
    start, known = count, False
    while start > 0:
        cells = [text for text in (cell.strip() for cell in record(start - 1)) if text]
        if cells and TOTALS.search(cells[0]):
            known = True
        elif len(cells) > 1:
            break
        elif cells and FOOTER_WORDS.search(cells[0]):
            known = True
        start -= 1
    return start if known else count


def split_footer(
    records: list[list[Any]], first_row: int, rows: list[int] | None = None
) -> list[tuple[int, str]]:
    """Take the report footer (`footer_start`) off the end of the records: (row, text) of each
    line taken. `rows` numbers the records when they are not consecutive (a sheet's empty rows
    skipped)."""
    start = footer_start(len(records), lambda index: [cell_text(c) for c in records[index]])
    if start == len(records):
        return []
    footer = [
        (
            rows[index] if rows is not None else first_row + index,
            " ".join(text for text in (cell_text(c).strip() for c in record) if text),
        )
        for index, record in enumerate(records[start:], start=start)
    ]
    del records[start:]
    if rows is not None:
        del rows[start:]
    return [(row, text) for row, text in footer if text]


def drop_trailing_empty(excluded: list[RowIssue], rows: list[int]) -> None:
    """Empty rows after the last account are formatting, not data: leave them out of the list."""
    last = rows[-1] if rows else 0
    while excluded and excluded[-1].message == EMPTY_ROW and excluded[-1].line > last:
        excluded.pop()


def ragged_row(row: int, record: list[str], width: int, delimiter: str) -> RowIssue:
    values = {"fields": len(record), "width": width}
    if len(record) > width:
        # Translators: {delimiter} names the delimiter in words ("semicolon").
        message = _(
            "row has {fields} fields, the header has {width} (an unquoted {delimiter} inside a "
            "value?)",
            delimiter=delimiter_word(delimiter) if delimiter in DELIMITERS else repr(delimiter),
            **values,
        )
    else:
        message = _(
            "row has {fields} fields, the header has {width} (a value cut short or a line break "
            "inside an unquoted value?)",
            **values,
        )
    return RowIssue(line=row, message=message)


def header_names(
    header: Sequence[Any] | None,
    container: str,
    source: str,
    header_row: int,
    limits: ImportLimits,
    notes: list[str],
) -> list[str]:
    """The header's column names, unique, without the empty cells after the last one."""
    if header is None:
        message = (
            _("the sheet has no header row")
            if container == "sheet"
            else _("the file has no header row")
        )
        raise ExportError.at(message, source=source)
    names = [str(value) for value in header]
    while names and not names[-1].strip():
        names.pop()  # trailing delimiters (or empty cells) after the last header
    if len(names) > limits.max_columns:
        raise too_many_columns(len(names), limits, source, header_row)
    return unique_headers(names, notes)


def too_many_columns(count: int, limits: ImportLimits, source: str, row: int) -> ExportError:
    return ExportError.at(
        _(
            "the header has {count} columns; the limit is {limit}",
            count=number(count),
            limit=number(limits.max_columns),
        ),
        source=source,
        row=row,
    )
