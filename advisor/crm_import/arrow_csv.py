"""The CSV reader's fast path: pyarrow parses the file, the row-by-row reader takes the rest.

`pyarrow.csv` reads a UTF-8 export into Arrow string columns; the rows it rejects (a field too
many or too few, a blank line) go through the same record logic as `tables._read_csv_text`, so
every excluded row keeps its row number and its reason. Whenever the two readers could disagree
the file is left to the row-by-row reader whole (`read_csv_arrow` answers None): any encoding but
UTF-8, a zero byte, a header that is not the first line or ends in empty cells, a line break
inside a quoted value, a quote in a rejected row, a rejected row that would be kept, many
rejected rows, or a size limit passed (the row-by-row reader names the limit where it is passed).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from advisor.crm_import.errors import ExportError, RowIssue
from advisor.crm_import.options import DELIMITERS, ImportLimits, ImportOptions
from advisor.crm_import.records import (
    Cells,
    RawTable,
    detect_delimiter,
    drop_trailing_empty,
    footer_start,
    header_names,
    ragged_row,
    split_footer,
)
from advisor.crm_import.text_cells import TextCells

_SAMPLE_CHARS = 65_537  # detect_delimiter looks at 65,536 characters and whether more follow
_MAX_REJECTED = 10_000  # more rows than this refused by pyarrow: the row-by-row reader is as fast


@dataclass
class _Rejected:
    """The rows pyarrow refused: (physical line, text); `unsure` when one could be misread."""

    lines: list[tuple[int, str]] = field(default_factory=list)
    unsure: bool = False

    def __call__(self, row: Any) -> str:
        text: str = row.text
        if row.number < 0 or '"' in text or "\n" in text or "\r" in text:
            self.unsure = True
        self.lines.append((row.number, text))
        return "error" if self.unsure or len(self.lines) > _MAX_REJECTED else "skip"


def read_csv_arrow(data: bytes, source: str, options: ImportOptions) -> RawTable | None:
    """The raw table of a UTF-8 CSV export read by pyarrow, or None to read it row by row."""
    if options.encoding or b"\x00" in data:
        return None
    encoding, body = "UTF-8", memoryview(data)
    if data.startswith(codecs.BOM_UTF8):
        encoding, body = "UTF-8 with BOM", body[3:]
    buffer = pa.py_buffer(body)
    if not _valid_utf8(buffer):
        return None
    head = codecs.getincrementaldecoder("utf-8")().decode(bytes(body[: _SAMPLE_CHARS * 4]))
    try:
        delimiter = options.delimiter or detect_delimiter(head)
    except ExportError:
        return None
    if delimiter not in DELIMITERS:
        return None
    first_line = re.split("[\r\n]", head, maxsplit=1)[0]
    if not first_line.strip() or first_line.count('"') % 2:
        return None
    try:
        header = _record(first_line, delimiter)
    except csv.Error:
        return None  # the row-by-row reader names the problem and its row
    notes: list[str] = []
    headers = header_names(header, "file", source, 1, options.limits, notes)
    width = len(headers)
    if width != len(header) or width < 2:
        return None
    parsed = _parse(buffer, delimiter, width, '"' in head or b'"' in data)
    if parsed is None:
        return None
    table, rejected = parsed
    try:
        built = _records(table, rejected, delimiter, width, options.limits)
    except csv.Error:
        return None
    if built is None:
        return None
    keep, rows, excluded, excluded_cells, footer = built
    arrays = table.columns
    del table, parsed  # each column is freed once its kept rows are copied out
    columns = _text_columns(arrays, keep)
    # The parse's working memory goes back to the system, not kept for Arrow alone: the cleaning
    # that follows allocates mostly outside Arrow.
    pa.default_memory_pool().release_unused()
    drop_trailing_empty(excluded, rows)
    return RawTable(
        source=source,
        file_format="csv",
        headers=headers,
        columns=columns,
        rows=rows,
        excluded=excluded,
        notes=notes,
        encoding=encoding,
        delimiter=delimiter,
        excluded_cells=excluded_cells,
        footer=footer,
    )


def _valid_utf8(buffer: pa.Buffer) -> bool:
    """Whether the bytes are UTF-8, checked by Arrow without copying them."""
    offsets = pa.py_buffer(np.array([0, buffer.size], dtype=np.int64).tobytes())
    whole = pa.Array.from_buffers(pa.large_string(), 1, [None, offsets, buffer])
    try:
        whole.validate(full=True)  # checks the UTF-8 in place (a cast would copy the file)
    except pa.ArrowInvalid:
        return False
    return True


def _parse(
    buffer: pa.Buffer, delimiter: str, width: int, quoted: bool
) -> tuple[pa.Table, _Rejected] | None:
    """Every field as text, the rejected rows set apart; None when pyarrow could misread."""
    names = [f"f{index}" for index in range(width)]
    rejected = _Rejected()
    try:
        table = pa_csv.read_csv(
            pa.BufferReader(buffer),
            read_options=pa_csv.ReadOptions(use_threads=False, skip_rows=1, column_names=names),
            parse_options=pa_csv.ParseOptions(
                delimiter=delimiter,
                newlines_in_values=quoted,
                ignore_empty_lines=False,
                invalid_row_handler=rejected,
            ),
            convert_options=pa_csv.ConvertOptions(
                # Large strings are what pandas' text dtype holds: no column is copied to wrap it.
                column_types=dict.fromkeys(names, pa.large_string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError):
        return None
    if rejected.unsure:
        return None
    if quoted and any(
        pc.any(pc.match_substring_regex(column, "[\r\n]")).as_py() for column in table.columns
    ):
        return None  # a line break inside a value: records and lines no longer match
    return table, rejected


def _records(
    table: pa.Table, rejected: _Rejected, delimiter: str, width: int, limits: ImportLimits
) -> tuple[Any, list[int], list[RowIssue], dict[int, list[str]], list[tuple[int, str]]] | None:
    """`tables._read_csv_text` from the header on: caps, footer, empty and ragged rows.

    Answers which rows of the table are kept, their row numbers, the rows set apart and the
    footer.
    """
    count = table.num_rows + len(rejected.lines)
    refused = {number - 2: _record(text, delimiter) for number, text in rejected.lines}
    if any(len(record) == width for record in refused.values()):
        return None
    is_refused = np.zeros(count, dtype=bool)
    is_refused[list(refused)] = True
    accepted = np.flatnonzero(~is_refused)  # record index of each row of the table
    blank = _blank_rows(table)  # every cell exactly ""
    filled = int((~blank).sum()) + sum(1 for record in refused.values() if any(record))
    cells = table.num_rows * width + sum(len(record) for record in refused.values())
    if filled > limits.max_rows or count - filled > limits.max_empty_rows:
        return None
    if cells > limits.max_cells:
        return None
    footer, end = _footer(table, refused, accepted, blank, count)
    excluded: list[RowIssue] = []
    excluded_cells: dict[int, list[str]] = {}
    for index in sorted(i for i in refused if i < end):
        record, row = refused[index], index + 2
        if not any(cell.strip() for cell in record):
            excluded.append(RowIssue(line=row, message="empty row"))
        elif len(record) > width and not any(cell.strip() for cell in record[width:]):
            return None  # trailing empty cells: kept by the row-by-row reader
        else:
            excluded.append(ragged_row(row, record, width, delimiter))
            excluded_cells[row] = record[:width]
    in_data = accepted < end
    excluded.extend(
        RowIssue(line=int(index) + 2, message="empty row") for index in accepted[in_data & blank]
    )
    excluded.sort(key=lambda issue: issue.line)
    keep = in_data & ~blank
    if int(keep.sum()) > limits.max_rows:
        return None
    rows = (accepted[keep] + 2).tolist()
    return keep, rows, excluded, excluded_cells, footer


def _blank_rows(table: pa.Table) -> Any:
    """Rows with no character in any cell: each column's text lengths read off its offsets.

    Once a column leaves few rows blank so far, only those rows are looked at in the columns
    after it (most rows are filled from the first column on)."""
    blank = np.ones(table.num_rows, dtype=bool)
    for column in table.columns:
        remaining = int(np.count_nonzero(blank))
        if remaining == 0:
            break
        few = remaining * 16 < table.num_rows
        left = np.flatnonzero(blank) if few else None  # never a position for every row
        start = 0
        for chunk in column.chunks:
            offsets, end = _offsets(chunk), start + len(chunk)
            if left is not None:  # the rows still blank in this chunk, looked up one by one
                at = left[(left >= start) & (left < end)] - start
                blank[at + start] = offsets[at + 1] == offsets[at]
            else:
                blank[start:end] &= offsets[1:] == offsets[:-1]
            start = end
    return blank


def _offsets(chunk: pa.Array) -> Any:
    """Where each cell's text starts and ends in a large-string chunk (no copy)."""
    if len(chunk) == 0 or chunk.buffers()[1] is None:
        return np.zeros(len(chunk) + 1, dtype=np.int64)
    offsets = np.frombuffer(chunk.buffers()[1], dtype=np.int64)
    return offsets[chunk.offset : chunk.offset + len(chunk) + 1]


def _text_columns(arrays: list[pa.ChunkedArray], keep: Any) -> list[Cells]:
    """The kept rows of each column, one column at a time: `arrays` is emptied as it goes."""
    mask = None if keep.all() else pa.array(keep)
    arrays.reverse()
    columns: list[Cells] = []
    while arrays:
        array = arrays.pop()
        if mask is not None:
            array = array.filter(mask)
        columns.append(TextCells(pd.Series(array.combine_chunks(), dtype="str")))
        del array
    return columns


def _record(text: str, delimiter: str) -> list[str]:
    """A rejected line's fields, read as the row-by-row reader reads them."""
    return next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False), [])


def _footer(
    table: pa.Table, refused: dict[int, list[str]], accepted: Any, blank: Any, count: int
) -> tuple[list[tuple[int, str]], int]:
    """The report footer (as `split_footer` finds it) and the record index where it starts."""

    def record(index: int) -> list[str]:
        if index in refused:
            return list(refused[index])
        position = int(np.searchsorted(accepted, index))
        if blank[position]:
            return [""] * table.num_columns
        return [str(column[position]) for column in table.columns]

    start = footer_start(count, record)
    if start == count:
        return [], count
    footer = split_footer([record(index) for index in range(start, count)], start + 2)
    return footer, start
