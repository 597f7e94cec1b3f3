"""CSV and XLSX files to a raw table of headers and cells, within the size limits."""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from advisor.crm_import.arrow_csv import read_csv_arrow
from advisor.crm_import.decode import decode_bytes
from advisor.crm_import.errors import EMPTY_ROW, ExportError, RowIssue
from advisor.crm_import.options import DELIMITERS, ImportLimits, ImportOptions
from advisor.crm_import.records import (
    Cells,
    RawTable,
    cell_text,
    detect_delimiter,
    drop_trailing_empty,
    header_names,
    ragged_row,
    split_footer,
    too_many_columns,
)
from advisor.crm_import.workbook import SheetRow, open_workbook
from advisor.crm_import.xlsx_parts import is_encrypted_office_file
from advisor.i18n import _
from advisor.i18n.formats import number


def read_export(
    data: bytes, source: str = "export.csv", options: ImportOptions | None = None
) -> RawTable:
    """Read a CSV or XLSX export into a raw table, refusing what cannot be read safely."""
    options = options or ImportOptions()
    limits = options.limits
    if len(data) > limits.max_bytes:
        raise ExportError.at(too_large(len(data), limits), source=source)
    if not data or data.isspace():
        raise ExportError.at(_("the file is empty"), source=source)
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data, source, options)
    if is_encrypted_office_file(data):
        raise ExportError.at(
            _(
                "the workbook is password-protected (encrypted); save an unprotected copy (or "
                "export the sheet as CSV) and try again"
            ),
            source=source,
        )
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ExportError.at(
            _("this is an old Excel .xls file; save it as .xlsx or CSV and try again"),
            source=source,
        )
    table = read_csv_arrow(data, source, options)
    if table is not None:
        return table
    text, encoding = decode_bytes(data, options.encoding, source)
    return _read_csv_text(text, encoding, source, options)


def read_export_file(path: str | Path, options: ImportOptions | None = None) -> RawTable:
    """Read an export from disk; the byte limit is checked before the file is read."""
    options = options or ImportOptions()
    file = Path(path)
    try:
        size = file.stat().st_size
    except OSError as error:
        raise ExportError.at(cannot_read(error), source=str(path)) from None
    if size > options.limits.max_bytes:
        raise ExportError.at(too_large(size, options.limits), source=file.name)
    try:
        data = file.read_bytes()
    except OSError as error:
        raise ExportError.at(cannot_read(error), source=str(path)) from None
    return read_export(data, file.name, options)


def too_large(size: int, limits: ImportLimits) -> str:
    return _(
        "the file is {size} bytes; the limit is {limit}",
        size=number(size),
        limit=number(limits.max_bytes),
    )


def cannot_read(error: OSError) -> str:
    # Translators: {reason} is the operating system's own words ("No such file or directory").
    return _("cannot read the file: {reason}", reason=error.strerror)


def _read_csv_text(text: str, encoding: str, source: str, options: ImportOptions) -> RawTable:
    limits = options.limits
    try:
        delimiter = options.delimiter or detect_delimiter(text)
    except ExportError as error:
        raise error.in_file(source) from None
    if delimiter not in DELIMITERS:
        raise ExportError.at(
            _(
                "unsupported delimiter {delimiter}; use comma, semicolon, tab or pipe",
                delimiter=repr(delimiter),
            ),
            source=source,
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    header, header_row = _csv_header(reader, limits, source)
    notes: list[str] = []
    headers = header_names(header, "file", source, header_row, limits, notes)
    width = len(headers)
    records = _capped_records(reader, limits, source, header_row)
    footer = split_footer(records, header_row + 1)
    kept, rows, excluded, excluded_cells = _sort_records(records, header_row + 1, width, delimiter)
    if len(rows) > limits.max_rows:
        raise too_many_rows(limits, "file", source)
    table = _finish_table(
        source, "csv", headers, kept, rows, excluded, notes, excluded_cells, encoding, delimiter
    )
    table.footer = footer
    return table


_CHUNK = 10_000  # records parsed between two checks of the row caps


def too_many_rows(limits: ImportLimits, container: str, source: str) -> ExportError:
    limit = number(limits.max_rows)
    if container == "sheet":
        return ExportError.at(
            _("the sheet has more than {limit} accounts", limit=limit), source=source
        )
    return ExportError.at(_("the file has more than {limit} accounts", limit=limit), source=source)


def too_many_empty_rows(limits: ImportLimits, container: str, source: str) -> ExportError:
    limit = number(limits.max_empty_rows)
    message = (
        _(
            "the sheet holds more than {limit} empty rows (blank lines or rows of bare "
            "delimiters), the most a file may hold; delete them and try again",
            limit=limit,
        )
        if container == "sheet"
        else _(
            "the file holds more than {limit} empty rows (blank lines or rows of bare "
            "delimiters), the most a file may hold; delete them and try again",
            limit=limit,
        )
    )
    return ExportError.at(message, source=source)


def too_many_cells(limits: ImportLimits, container: str, source: str) -> ExportError:
    limit = number(limits.max_cells)
    message = (
        _(
            "the sheet holds more than {limit} cells, the most a file may hold; split it, or "
            "leave out the columns the diagnostics do not need",
            limit=limit,
        )
        if container == "sheet"
        else _(
            "the file holds more than {limit} cells, the most a file may hold; split it, or "
            "leave out the columns the diagnostics do not need",
            limit=limit,
        )
    )
    return ExportError.at(message, source=source)


def _csv_header(reader: Any, limits: ImportLimits, source: str) -> tuple[list[str] | None, int]:
    """The first record with a value and its row; the empty records before it are counted."""
    header_row = 0
    try:
        for record in reader:
            header_row += 1
            if any(cell.strip() for cell in record):
                return record, header_row
            if header_row > limits.max_empty_rows:
                raise too_many_empty_rows(limits, "file", source)
    except csv.Error as error:
        raise ExportError.at(
            _("the file cannot be read as CSV: {error}", error=error),
            source=source,
            row=header_row + 1,
        ) from None
    return None, header_row


def _capped_records(
    reader: Any, limits: ImportLimits, source: str, header_row: int
) -> list[list[str]]:
    """The records after the header, parsing stopped as soon as they pass a cap.

    Records are counted, not lines: a quoted note may span lines, and a file with CR-only line
    ends has a single "line" however many records it holds. Every record counts: one holding a
    value against the row cap, an empty one (a blank line, bare delimiters) against the cap on
    empty rows, and each of its cells against the cell cap.
    """
    records: list[list[str]] = []
    filled = empty = cells = 0
    try:
        while True:
            # Whole chunks keep the per-record work in C; `extend` keeps what it read before a
            # bad record, so the error still names its row.
            start = len(records)
            records.extend(itertools.islice(reader, _CHUNK))
            if len(records) == start:
                break
            chunk = records[start:]
            with_values = sum(map(any, chunk))
            filled += with_values
            empty += len(chunk) - with_values
            cells += sum(map(len, chunk))
            if filled > limits.max_rows:
                raise too_many_rows(limits, "file", source)
            if empty > limits.max_empty_rows:
                raise too_many_empty_rows(limits, "file", source)
            if cells > limits.max_cells:
                raise too_many_cells(limits, "file", source)
    except csv.Error as error:
        raise ExportError.at(
            _("the file cannot be read as CSV: {error}", error=error),
            source=source,
            row=header_row + len(records) + 1,
        ) from None
    return records


def _sort_records(
    records: list[list[str]], first_row: int, width: int, delimiter: str
) -> tuple[list[list[str]], list[int], list[RowIssue], dict[int, list[str]]]:
    """Records that fit the header, their rows, and the empty and ragged rows set apart."""
    odd = [i for i, record in enumerate(records) if len(record) != width or not any(record)]
    if not odd:
        return records, list(range(first_row, first_row + len(records))), [], {}
    excluded: list[RowIssue] = []
    excluded_cells: dict[int, list[str]] = {}
    dropped: set[int] = set()
    for index in odd:
        record, row = records[index], first_row + index
        if not any(cell.strip() for cell in record):
            excluded.append(RowIssue(line=row, message=EMPTY_ROW))
            dropped.add(index)
        elif len(record) > width and not any(cell.strip() for cell in record[width:]):
            records[index] = record[:width]  # trailing empty cells: a spreadsheet artefact
        elif len(record) != width:
            excluded.append(ragged_row(row, record, width, delimiter))
            excluded_cells[row] = record[:width]  # kept only to name the row's account
            dropped.add(index)
    kept = [record for i, record in enumerate(records) if i not in dropped]
    rows = [first_row + i for i in range(len(records)) if i not in dropped]
    return kept, rows, excluded, excluded_cells


def _finish_table(
    source: str,
    file_format: str,
    headers: list[str],
    kept: list[list[str]],
    rows: list[int],
    excluded: list[RowIssue],
    notes: list[str],
    excluded_cells: dict[int, list[str]],
    encoding: str = "",
    delimiter: str = "",
) -> RawTable:
    """Turn the kept records into columns; shared by the CSV and XLSX readers."""
    drop_trailing_empty(excluded, rows)
    columns: list[Cells] = [list(column) for column in zip(*kept, strict=True)] if kept else []
    if not columns:
        columns = [[] for _ in headers]
    return RawTable(
        source=source,
        file_format=file_format,
        headers=headers,
        columns=columns,
        rows=rows,
        excluded=excluded,
        notes=notes,
        encoding=encoding,
        delimiter=delimiter,
        excluded_cells=excluded_cells,
    )


def _read_xlsx(data: bytes, source: str, options: ImportOptions) -> RawTable:
    with open_workbook(data, source, options.limits) as workbook:
        return _xlsx_table(workbook.rows(options.sheet), source, options.limits)


def _xlsx_table(rows: Iterator[SheetRow], source: str, limits: ImportLimits) -> RawTable:
    """The table of a sheet's rows: the first row with a value is the header.

    Rows missing between two rows of the sheet (a spreadsheet leaves empty rows out) are empty
    rows as much as the empty rows it writes: both are listed and count against their cap.
    """
    counts = _RowCounts(limits, source)
    header: SheetRow | None = None
    for row in rows:
        if row.last:
            header = row
            break
        counts.empty(row.number - counts.seen)
        counts.seen = row.number
    notes: list[str] = []
    header_row = header.number if header else counts.seen
    if header is not None and header.last > limits.max_columns:
        raise too_many_columns(header.last, limits, source, header_row)
    names = header.values[: header.last] if header else None
    headers = header_names(names, "sheet", source, header_row, limits, notes)
    width = len(headers)
    counts.seen = header_row
    kept: list[list[Any]] = []
    numbers: list[int] = []
    excluded: list[RowIssue] = []
    excluded_cells: dict[int, list[str]] = {}
    for row in rows:
        counts.empty(row.number - counts.seen - 1)  # before the missing rows are listed
        for missing in range(counts.seen + 1, row.number):
            excluded.append(RowIssue(line=missing, message=EMPTY_ROW))
        counts.seen = row.number
        values = row.values
        if row.last > width:
            message = _(
                "row has values in {count} columns, the header has {width}",
                count=row.last,
                width=width,
            )
            excluded.append(RowIssue(line=row.number, message=message))
            excluded_cells[row.number] = [cell_text(v) for v in values[:width]]
        elif not row.last:
            counts.empty(1)
            excluded.append(RowIssue(line=row.number, message=EMPTY_ROW))
        else:
            counts.filled()
            del values[width:]
            values.extend([""] * (width - len(values)))
            kept.append(values)
            numbers.append(row.number)
    footer = split_footer(kept, header_row + 1, numbers)
    table = _finish_table(source, "xlsx", headers, kept, numbers, excluded, notes, excluded_cells)
    table.footer = footer
    return table


@dataclass
class _RowCounts:
    """A sheet's rows counted against the caps as they are read."""

    limits: ImportLimits
    source: str
    seen: int = 0  # the last row number read
    with_values: int = 0
    without: int = 0

    def filled(self) -> None:
        self.with_values += 1
        if self.with_values > self.limits.max_rows:
            raise too_many_rows(self.limits, "sheet", self.source)

    def empty(self, count: int) -> None:
        self.without += count
        if self.without > self.limits.max_empty_rows:
            raise too_many_empty_rows(self.limits, "sheet", self.source)
