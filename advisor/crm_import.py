"""Read a CRM accounts export (CSV or XLSX) into a clean table of accounts.

One row per account. The columns the diagnostics understand are the import fields below; a
file's own headers are mapped onto them, auto-detected from the names HubSpot and Salesforce
exports use (compared without case, spacing or punctuation) and confirmed or fixed by the user.

What the reader accepts, and how it refuses:

- Encoding: UTF-8 with or without BOM, UTF-16 (BOM, or detected from its zero bytes) and
  Windows-1252. Anything else is refused with the offending byte and its position.
- Delimiter: comma, semicolon, tab or pipe, chosen as the one that splits the header and the
  first rows into the same number of fields.
- Amounts: currency symbols and codes (€ $ £ EUR USD GBP CHF), spaces and apostrophes as
  thousands separators, and a decimal comma or point. The decimal mark is declared or detected
  from values only one reading fits ("12.000,50", "1,234.5", "12,5"); when nothing decides it,
  values such as "12.500" are refused row by row as ambiguous rather than guessed.
- Dates: ISO (YYYY-MM-DD, optionally with a time) or one declared strptime format.
- Text is never converted to "missing": an account called `NA` or `null` keeps its name.
- Rows are never dropped silently. Ragged rows, empty account names, unreadable or negative
  amounts, unknown statuses and duplicate accounts are excluded and listed with their row
  number (the header is row 1, as a spreadsheet shows it) and the reason. Values that are
  unusable but not needed to count an account (a bad renewal date, an NPS out of range) keep
  the account in and are listed as warnings.
- Size limits (bytes, rows, columns) are checked before the file is parsed in full, and XLSX
  formulas are never evaluated: a formula in a mapped cell is refused with the formula shown.
"""

from __future__ import annotations

import codecs
import csv
import difflib
import io
import math
import re
import zipfile
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

# ---------------------------------------------------------------------------------------------
# Import fields


@dataclass(frozen=True)
class ImportField:
    """A column the diagnostics understand, with the header names that map to it."""

    name: str
    label: str
    kind: str  # text | money | date | status | score
    help: str
    aliases: tuple[str, ...]


IMPORT_FIELDS: dict[str, ImportField] = {
    item.name: item
    for item in (
        ImportField(
            "account",
            "Account name",
            "text",
            "Required. The company the contract is with.",
            (
                "company name",
                "account name",
                "customer name",
                "client name",
                "organization name",
                "organisation name",
                "company",
                "account",
                "customer",
                "client",
                "organization",
                "organisation",
                "name",
            ),
        ),
        ImportField(
            "account_id",
            "Account ID",
            "text",
            "Optional. When present, duplicates are found by ID rather than by name.",
            (
                "record id",
                "account id",
                "company id",
                "customer id",
                "client id",
                "salesforce id",
                "hubspot id",
                "account number",
                "id",
            ),
        ),
        ImportField(
            "arr_start",
            "ARR at period start",
            "money",
            "Annual recurring revenue of the account on the first day of the period "
            "(empty or 0 for an account that joined during the period).",
            (
                "arr at period start",
                "arr period start",
                "arr at start",
                "arr start",
                "starting arr",
                "start arr",
                "opening arr",
                "beginning arr",
                "arr 12 months ago",
                "arr 1 year ago",
                "arr last year",
                "arr prior year",
                "prior arr",
                "previous arr",
            ),
        ),
        ImportField(
            "arr_end",
            "ARR at period end",
            "money",
            "Annual recurring revenue on the as-of date (empty or 0 for an account that left).",
            (
                "arr at period end",
                "arr period end",
                "arr at end",
                "arr end",
                "ending arr",
                "end arr",
                "closing arr",
                "current arr",
                "arr today",
                "arr now",
                "arr",
                "annual recurring revenue",
            ),
        ),
        ImportField(
            "contract_value",
            "Annual contract value",
            "money",
            "Used with status when the export has no ARR at both dates: the account's yearly "
            "value, counted at period start unless it joined later and at period end if active.",
            (
                "annual contract value",
                "contract value",
                "acv",
                "amount",
                "deal amount",
                "contract amount",
                "annual value",
            ),
        ),
        ImportField(
            "status",
            "Status",
            "status",
            "Active or churned (customer / former customer, closed won / closed lost…).",
            (
                "status",
                "account status",
                "customer status",
                "lifecycle stage",
                "type",
                "account type",
                "customer type",
                "stage",
            ),
        ),
        ImportField(
            "renewal_date",
            "Renewal date",
            "date",
            "The next renewal or contract end date: feeds the renewals calendar.",
            (
                "renewal date",
                "next renewal date",
                "next renewal",
                "contract end date",
                "contract end",
                "end date",
                "expiration date",
                "expiry date",
                "renewal",
                "close date",
            ),
        ),
        ImportField(
            "owner",
            "Owner",
            "text",
            "Who looks after the account; empty means nobody owns it.",
            (
                "account owner",
                "company owner",
                "owner",
                "owner name",
                "account owner full name",
                "owner full name",
                "account manager",
                "customer success manager",
                "csm",
                "hubspot owner",
                "contact owner",
                "assigned to",
            ),
        ),
        ImportField(
            "segment",
            "Segment",
            "text",
            "Optional. Retention is also shown per segment.",
            ("segment", "customer segment", "market segment", "account segment"),
        ),
        ImportField(
            "health",
            "Health",
            "text",
            "Optional. A health label such as green / yellow / red or healthy / at risk.",
            ("health", "health score", "account health", "customer health", "health status"),
        ),
        ImportField(
            "nps",
            "NPS",
            "score",
            "Optional. A 0–10 rating per account, or an NPS between -100 and 100.",
            ("nps", "nps score", "net promoter score", "latest nps", "nps rating"),
        ),
        ImportField(
            "start_date",
            "Customer since",
            "date",
            "Optional. The first contract date: tells new accounts apart when the export has no "
            "ARR at period start.",
            (
                "customer since",
                "client since",
                "became a customer date",
                "first contract date",
                "customer start date",
                "start date",
                "acquisition date",
            ),
        ),
        ImportField(
            "churn_date",
            "Churn date",
            "date",
            "Optional. When a churned account left: accounts gone before the period are left out.",
            (
                "churn date",
                "churned date",
                "churned on",
                "cancellation date",
                "cancelled date",
                "canceled date",
                "lost date",
                "termination date",
            ),
        ),
    )
}

IGNORE = "ignore"  # the field name that unmaps a column in an override
CURRENCY_TOKENS = frozenset({"eur", "usd", "gbp", "chf", "in", "k"})

# Status words, compared after lower-casing and turning punctuation into spaces.
ACTIVE_STATUSES = frozenset(
    {
        "active",
        "customer",
        "current",
        "live",
        "paying",
        "renewed",
        "won",
        "closed won",
        "signed",
        "in contract",
        "new",
        "onboarding",
        "at risk",
    }
)
CHURNED_STATUSES = frozenset(
    {
        "churned",
        "churn",
        "lost",
        "closed lost",
        "cancelled",
        "canceled",
        "terminated",
        "inactive",
        "former customer",
        "ex customer",
        "past customer",
        "ended",
        "expired",
        "not renewed",
        "lapsed",
    }
)
PROSPECT_STATUSES = frozenset(
    {
        "prospect",
        "lead",
        "opportunity",
        "subscriber",
        "marketing qualified lead",
        "sales qualified lead",
        "evangelist",
        "partner",
    }
)

Basis = Literal["arr", "contract"]


# ---------------------------------------------------------------------------------------------
# Options, limits and errors


@dataclass(frozen=True)
class ImportLimits:
    """Refuse files beyond these sizes before parsing them in full."""

    max_bytes: int = 50_000_000
    max_rows: int = 250_000
    max_columns: int = 200
    max_unzipped_bytes: int = 400_000_000  # XLSX is a zip: guard against decompression bombs


@dataclass(frozen=True)
class ImportOptions:
    """How to read a file; every None is detected."""

    mapping: Mapping[str, str] = field(default_factory=dict)  # column -> field (or "ignore")
    encoding: str | None = None
    delimiter: str | None = None
    decimal: str | None = None  # "." or ","
    date_format: str | None = None  # strptime format; None means ISO
    sheet: str | None = None
    limits: ImportLimits = field(default_factory=ImportLimits)


class ExportError(ValueError):
    """The file as a whole was refused; the message says why and, where known, where."""

    def __init__(self, message: str, *, source: str = "", row: int = 0, column: str = "") -> None:
        self.message = message
        self.source = source
        self.row = row
        self.column = column
        super().__init__(self.describe())

    def describe(self) -> str:
        where = [part for part in (self.source, f"row {self.row}" if self.row else "") if part]
        if self.column:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass(frozen=True)
class RowIssue:
    """One problem with one row: why it was excluded, or which value was set aside."""

    row: int
    account: str
    column: str  # the file's header, or "" when the whole row is concerned
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}"
        if self.account:
            where += f" ({self.account})"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "account": self.account,
            "column": self.column,
            "message": self.message,
        }


class Formula(str):
    """An XLSX cell holding a formula: kept as its text and never evaluated."""

    __slots__ = ()


# ---------------------------------------------------------------------------------------------
# Raw table: headers and cells as read, before any mapping


@dataclass
class RawTable:
    source: str
    file_format: str  # csv | xlsx
    headers: list[str]  # unique display names
    columns: list[list[Any]]  # column-major cells: str for CSV; str, float, Formula for XLSX
    rows: list[int]  # spreadsheet row number of each kept record
    excluded: list[RowIssue]
    notes: list[str]
    encoding: str = ""
    delimiter: str = ""
    excluded_cells: dict[int, list[str]] = field(default_factory=dict)  # row -> cells as read

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def column(self, header: str) -> list[Any]:
        return self.columns[self.headers.index(header)]

    def preview(self, limit: int = 5) -> pd.DataFrame:
        """The first rows as text, for a mapping editor."""
        shown = {
            header: [_cell_text(cell) for cell in cells[:limit]]
            for header, cells in zip(self.headers, self.columns, strict=True)
        }
        return pd.DataFrame(shown, index=self.rows[:limit])


def _cell_text(cell: Any) -> str:
    if isinstance(cell, Formula):
        return str(cell)
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return "" if cell is None else str(cell)


def read_export(
    data: bytes, source: str = "export.csv", options: ImportOptions | None = None
) -> RawTable:
    """Read a CSV or XLSX export into a raw table, refusing what cannot be read safely."""
    options = options or ImportOptions()
    limits = options.limits
    if len(data) > limits.max_bytes:
        raise ExportError(
            f"the file is {len(data):,} bytes; the limit is {limits.max_bytes:,}", source=source
        )
    if not data.strip():
        raise ExportError("the file is empty", source=source)
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data, source, options)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ExportError(
            "this is an old Excel .xls file; save it as .xlsx or CSV and try again", source=source
        )
    text, encoding = decode_bytes(data, options.encoding, source)
    return _read_csv_text(text, encoding, source, options)


def read_export_file(path: str | Path, options: ImportOptions | None = None) -> RawTable:
    """Read an export from disk; the byte limit is checked before the file is read."""
    options = options or ImportOptions()
    file = Path(path)
    try:
        size = file.stat().st_size
    except OSError as error:
        raise ExportError(f"cannot read the file: {error.strerror}", source=str(path)) from None
    if size > options.limits.max_bytes:
        raise ExportError(
            f"the file is {size:,} bytes; the limit is {options.limits.max_bytes:,}",
            source=file.name,
        )
    try:
        data = file.read_bytes()
    except OSError as error:
        raise ExportError(f"cannot read the file: {error.strerror}", source=str(path)) from None
    return read_export(data, file.name, options)


def decode_bytes(data: bytes, encoding: str | None, source: str = "") -> tuple[str, str]:
    """Text and the encoding it was read with: UTF-8 (BOM or not), UTF-16 or Windows-1252."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ExportError(f"unknown encoding '{encoding}'", source=source) from None
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as error:
            raise ExportError(
                f"the file is not valid {encoding}: byte 0x{data[error.start]:02x} at position "
                f"{error.start} cannot be read",
                source=source,
            ) from None
        return text.removeprefix("\ufeff"), encoding
    if data.startswith(codecs.BOM_UTF8):
        return _decode_as(data[3:], "utf-8", "UTF-8 with BOM", source)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_as(data, "utf-16", "UTF-16", source)
    sample = data[:4096]
    if b"\x00" in sample:
        even_zeros = sample[0::2].count(0)
        odd_zeros = sample[1::2].count(0)
        half = max(1, len(sample) // 2)
        if odd_zeros > 0.3 * half and even_zeros < 0.05 * half:
            return _decode_as(data, "utf-16-le", "UTF-16 LE", source)
        if even_zeros > 0.3 * half and odd_zeros < 0.05 * half:
            return _decode_as(data, "utf-16-be", "UTF-16 BE", source)
        raise ExportError(
            "the file holds binary data (zero bytes), not CSV text; export the accounts as CSV "
            "or XLSX",
            source=source,
        )
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as error:
        raise ExportError(
            f"the file is neither UTF-8, UTF-16 nor Windows-1252 text: byte "
            f"0x{data[error.start]:02x} at position {error.start} cannot be read; save it as "
            "UTF-8 CSV",
            source=source,
        ) from None


def _decode_as(data: bytes, codec: str, shown: str, source: str) -> tuple[str, str]:
    try:
        return data.decode(codec).removeprefix("\ufeff"), shown
    except UnicodeDecodeError as error:
        raise ExportError(
            f"the file looks like {shown} but byte 0x{data[error.start]:02x} at position "
            f"{error.start} cannot be read",
            source=source,
        ) from None


DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}


def detect_delimiter(text: str) -> str:
    """The delimiter that splits the header and the first rows into the same number of fields."""
    sample = text[:65536]
    if len(text) > len(sample) and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    best: tuple[float, int, str] | None = None
    for delimiter in DELIMITERS:
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
        records = [r for r in reader if r][:50]
        if not records or len(records[0]) < 2:
            continue
        width = len(records[0])
        consistent = sum(len(r) == width for r in records) / len(records)
        score = (consistent, width, delimiter)
        if best is None or score[:2] > best[:2]:
            best = score
    if best is None:
        raise ExportError(
            "cannot find the column delimiter: the header has a single column; expected columns "
            "separated by commas, semicolons or tabs"
        )
    return best[2]


def _unique_headers(names: Sequence[str], notes: list[str]) -> list[str]:
    headers: list[str] = []
    first_seen: dict[str, int] = {}
    for position, raw in enumerate(names, start=1):
        name = " ".join(str(raw).split()) or f"column {position}"
        key = name.casefold()
        if key in first_seen:
            count = sum(1 for h in headers if h.casefold().startswith(key))
            shown = f"{name} ({count + 1})"
            notes.append(
                f"columns {first_seen[key]} and {position} are both named '{name}'; the second "
                f"is shown as '{shown}' and neither is mapped automatically"
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


def _read_csv_text(text: str, encoding: str, source: str, options: ImportOptions) -> RawTable:
    limits = options.limits
    try:
        delimiter = options.delimiter or detect_delimiter(text)
    except ExportError as error:
        raise ExportError(error.message, source=source) from None
    if delimiter not in DELIMITERS:
        raise ExportError(
            f"unsupported delimiter {delimiter!r}; use comma, semicolon, tab or pipe",
            source=source,
        )
    # A quick upper bound before parsing: records never outnumber lines.
    if text.count("\n") > limits.max_rows + 1:
        lines = text.count("\n")
        raise ExportError(
            f"the file has {lines:,} lines; the limit is {limits.max_rows:,} accounts",
            source=source,
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    header: list[str] | None = None
    header_row = 0
    for record in reader:
        header_row += 1
        if any(cell.strip() for cell in record):
            header = record
            break
    if header is None:
        raise ExportError("the file has no header row", source=source)
    while header and not header[-1].strip():
        header.pop()  # trailing delimiters after the last header
    if len(header) > limits.max_columns:
        raise ExportError(
            f"the header has {len(header):,} columns; the limit is {limits.max_columns:,}",
            source=source,
            row=header_row,
        )
    notes: list[str] = []
    headers = _unique_headers(header, notes)
    width = len(headers)
    try:
        # The line count above bounds the records, so reading them all at once is safe.
        records = list(reader)
    except csv.Error as error:
        raise ExportError(
            f"the file cannot be read as CSV: {error}", source=source, row=header_row + 1
        ) from None
    first_row = header_row + 1
    odd = [i for i, record in enumerate(records) if len(record) != width or not any(record)]
    excluded: list[RowIssue] = []
    excluded_cells: dict[int, list[str]] = {}
    if odd:
        dropped: set[int] = set()
        for index in odd:
            record, row = records[index], first_row + index
            if not any(cell.strip() for cell in record):
                excluded.append(RowIssue(row, "", "", "empty row"))
                dropped.add(index)
            elif len(record) > width and not any(cell.strip() for cell in record[width:]):
                records[index] = record[:width]  # trailing empty cells: a spreadsheet artefact
            elif len(record) != width:
                excluded.append(_ragged(row, record, width, delimiter))
                excluded_cells[row] = record
                dropped.add(index)
        kept = [record for i, record in enumerate(records) if i not in dropped]
        rows = [first_row + i for i in range(len(records)) if i not in dropped]
    else:
        kept = records
        rows = list(range(first_row, first_row + len(records)))
    if len(rows) > limits.max_rows:
        raise ExportError(f"the file has more than {limits.max_rows:,} accounts", source=source)
    return _finish_table(
        source, "csv", headers, kept, rows, excluded, notes, excluded_cells, encoding, delimiter
    )


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
    _drop_trailing_empty(excluded, rows)
    columns = [list(column) for column in zip(*kept, strict=True)] if kept else []
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


def _drop_trailing_empty(excluded: list[RowIssue], rows: list[int]) -> None:
    """Empty rows after the last account are formatting, not data: leave them out of the list."""
    last = rows[-1] if rows else 0
    while excluded and excluded[-1].message == "empty row" and excluded[-1].row > last:
        excluded.pop()


def _ragged(row: int, record: list[str], width: int, delimiter: str) -> RowIssue:
    name = DELIMITERS.get(delimiter, repr(delimiter))
    if len(record) > width:
        hint = f" (an unquoted {name} inside a value?)"
    else:
        hint = " (a value cut short or a line break inside an unquoted value?)"
    return RowIssue(row, "", "", f"row has {len(record)} fields, the header has {width}{hint}")


def _read_xlsx(data: bytes, source: str, options: ImportOptions) -> RawTable:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    limits = options.limits
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise ExportError(
            "the file looks like XLSX but is not a valid zip", source=source
        ) from None
    if unzipped > limits.max_unzipped_bytes:
        raise ExportError(
            f"the workbook unpacks to {unzipped:,} bytes; the limit is "
            f"{limits.max_unzipped_bytes:,}",
            source=source,
        )
    try:
        # data_only=False: formulas come back as their text and are never computed.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (InvalidFileException, KeyError, OSError, ValueError) as error:
        raise ExportError(f"the workbook cannot be read: {error}", source=source) from None
    try:
        if options.sheet is not None:
            if options.sheet not in workbook.sheetnames:
                raise ExportError(
                    f"no sheet named '{options.sheet}'; sheets: {', '.join(workbook.sheetnames)}",
                    source=source,
                )
            sheet = workbook[options.sheet]
        else:
            sheet = workbook.worksheets[0]
        declared_rows = sheet.max_row or 0
        declared_columns = sheet.max_column or 0
        if declared_rows > limits.max_rows + 1:
            raise ExportError(
                f"the sheet has {declared_rows:,} rows; the limit is {limits.max_rows:,} accounts",
                source=source,
            )
        if declared_columns > limits.max_columns:
            raise ExportError(
                f"the sheet has {declared_columns:,} columns; the limit is {limits.max_columns:,}",
                source=source,
            )
        return _xlsx_table(sheet, source, limits)
    finally:
        workbook.close()


def _xlsx_value(cell: Any) -> Any:
    value = cell.value
    if value is None:
        return ""
    if getattr(cell, "data_type", None) == "f" or (isinstance(value, str) and value[:1] == "="):
        return Formula(str(value))
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return float(value)
    return str(value)


def _xlsx_table(sheet: Any, source: str, limits: ImportLimits) -> RawTable:
    header: list[Any] | None = None
    header_row = 0
    records = sheet.iter_rows()
    for cells in records:
        header_row += 1
        values = [_xlsx_value(cell) for cell in cells]
        if any(str(v).strip() for v in values):
            header = values
            break
    if header is None:
        raise ExportError("the sheet has no header row", source=source)
    while header and not str(header[-1]).strip():
        header.pop()
    if len(header) > limits.max_columns:
        raise ExportError(
            f"the header has {len(header):,} columns; the limit is {limits.max_columns:,}",
            source=source,
            row=header_row,
        )
    notes: list[str] = []
    headers = _unique_headers([str(v) for v in header], notes)
    width = len(headers)
    kept: list[list[Any]] = []
    rows: list[int] = []
    excluded: list[RowIssue] = []
    excluded_cells: dict[int, list[str]] = {}
    row = header_row
    for cells in records:
        row += 1
        values = [_xlsx_value(cell) for cell in cells]
        if len(values) > width:
            if any(str(v).strip() for v in values[width:]):
                message = f"row has values in {len(values)} columns, the header has {width}"
                excluded.append(RowIssue(row, "", "", message))
                excluded_cells[row] = [_cell_text(v) for v in values]
                continue
            values = values[:width]
        if not any(str(v).strip() for v in values):
            excluded.append(RowIssue(row, "", "", "empty row"))
            continue
        values.extend([""] * (width - len(values)))
        kept.append(values)
        rows.append(row)
        if len(rows) > limits.max_rows:
            raise ExportError(
                f"the sheet has more than {limits.max_rows:,} accounts", source=source
            )
    return _finish_table(source, "xlsx", headers, kept, rows, excluded, notes, excluded_cells)


# ---------------------------------------------------------------------------------------------
# Column mapping


def normalise_header(name: str) -> str:
    """Header key for matching: lower case, letters and digits only, currency words dropped."""
    tokens = re.findall(r"[a-z0-9]+", name.casefold())
    kept = [t for t in tokens if t not in CURRENCY_TOKENS] or tokens
    return "".join(kept)


_ALIAS_KEYS: dict[str, list[str]] = {
    name: [normalise_header(alias) for alias in item.aliases]
    for name, item in IMPORT_FIELDS.items()
}


def detect_mapping(headers: Sequence[str]) -> dict[str, str]:
    """field -> header for every field whose usual header name appears (exact, normalised)."""
    duplicated = duplicated_headers(headers)
    keys = {header: normalise_header(header) for header in headers if header not in duplicated}
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for name in IMPORT_FIELDS:
        best: tuple[int, str] | None = None
        for header, key in keys.items():
            if header in taken or key not in _ALIAS_KEYS[name]:
                continue
            rank = _ALIAS_KEYS[name].index(key)
            if best is None or rank < best[0]:
                best = (rank, header)
        if best is not None:
            mapping[name] = best[1]
            taken.add(best[1])
    # A single ARR column with a status is a current contract value, not ARR at period end.
    if (
        "arr_end" in mapping
        and "arr_start" not in mapping
        and "contract_value" not in mapping
        and "status" in mapping
    ):
        mapping["contract_value"] = mapping.pop("arr_end")
    return mapping


def parse_overrides(pairs: Iterable[str]) -> dict[str, str]:
    """'Column name=field' pairs (as typed on the command line) -> {column: field}."""
    overrides: dict[str, str] = {}
    for pair in pairs:
        column, sep, name = pair.rpartition("=")
        if not sep or not column.strip():
            raise ExportError(f"--map '{pair}' is not of the form 'column=field'")
        overrides[column.strip()] = name.strip()
    return overrides


def apply_overrides(
    detected: Mapping[str, str], overrides: Mapping[str, str], headers: Sequence[str]
) -> dict[str, str]:
    """The detected mapping with the user's column=field choices applied (they win)."""
    mapping = dict(detected)
    by_key = {h.casefold(): h for h in headers}
    for column, name in overrides.items():
        header = by_key.get(" ".join(column.split()).casefold())
        if header is None:
            close = difflib.get_close_matches(column, list(headers), 1, 0.5)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise ExportError(
                f"--map: no column named '{column}'{hint}; columns: {', '.join(headers)}"
            )
        if name != IGNORE and name not in IMPORT_FIELDS:
            close = difflib.get_close_matches(name, list(IMPORT_FIELDS), 1, 0.5)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise ExportError(
                f"--map: unknown field '{name}'{hint}; fields: "
                f"{', '.join(IMPORT_FIELDS)} or {IGNORE}",
                column=header,
            )
        mapping = {f: h for f, h in mapping.items() if h != header}
        if name != IGNORE:
            mapping[name] = header
    return mapping


def mapping_basis(mapping: Mapping[str, str]) -> Basis:
    """Which figures the mapping gives: ARR at both dates, or contract value and status."""
    if "account" not in mapping:
        raise ExportError(
            "no column is mapped to the account name; map one, e.g. --map 'Company name=account'"
        )
    if "arr_start" in mapping and "arr_end" in mapping:
        return "arr"
    if "contract_value" in mapping and "status" in mapping:
        return "contract"
    found = [IMPORT_FIELDS[name].label for name in IMPORT_FIELDS if name in mapping]
    raise ExportError(
        "map ARR at period start and ARR at period end (arr_start, arr_end), or annual contract "
        f"value and status (contract_value, status); mapped now: {', '.join(found)}"
    )


# ---------------------------------------------------------------------------------------------
# Value parsing (vectorised: 100,000 rows must read in well under a second)

# Patterns spell digits [0-9], never \d, \s or \b: pandas hands [0-9] to pyarrow's RE2, while
# \d on non-ASCII text (a euro sign) sends every value through Python's re, ten times slower.
_CURRENCY_MARKS = {"EUR": ("€", "EUR"), "USD": ("$", "USD"), "GBP": ("£", "GBP"), "CHF": ("CHF",)}
_STRIPPED = ("€", "$", "£", "EUR", "USD", "GBP", "CHF", " ", "\u00a0", "\u202f", "'", "’", "\t")
_INT = r"[0-9]+"
_DOT_GROUPS = r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+"
_COMMA_GROUPS = r"[1-9][0-9]{0,2}(?:,[0-9]{3})+"
_DOT_GROUPS_MANY = r"[1-9][0-9]{0,2}(?:\.[0-9]{3}){2,}"
_COMMA_GROUPS_MANY = r"[1-9][0-9]{0,2}(?:,[0-9]{3}){2,}"
_POINT_NUMBER = r"(?:[1-9][0-9]{0,2}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
_COMMA_NUMBER = r"(?:[1-9][0-9]{0,2}(?:\.[0-9]{3})+|[0-9]+)(?:,[0-9]+)?"
_POINT_DECIMAL = r"(?:[1-9][0-9]{0,2}(?:,[0-9]{3})+|[0-9]+)\.[0-9]+"
_COMMA_DECIMAL = r"(?:[1-9][0-9]{0,2}(?:\.[0-9]{3})+|[0-9]+),[0-9]+"
MAX_AMOUNT = 1e11  # per account; keeps sums exact enough and catches unit mistakes


BoolArray = np.ndarray[Any, np.dtype[np.bool_]]
FloatArray = np.ndarray[Any, np.dtype[np.floating[Any]]]


def mask_array(mask: pd.Series[bool]) -> BoolArray:
    """A boolean Series as a numpy array, missing values counted as false."""
    return mask.to_numpy(dtype=bool, na_value=False)


def positions(mask: pd.Series[bool] | BoolArray) -> list[int]:
    """Positions where a mask is true, as plain ints (for messages about a few rows)."""
    array = mask_array(mask) if isinstance(mask, pd.Series) else mask
    return [int(p) for p in np.flatnonzero(array)]


@dataclass
class AmountColumn:
    """One amount column prepared for parsing: bare digits plus what was stripped off."""

    cells: list[Any]
    body: pd.Series[str]  # digits and separators only
    numeric: pd.Series[float]  # cells that were numbers already (XLSX), NaN elsewhere
    formula: BoolArray
    currency: pd.Series[str]
    negative: BoolArray
    empty: BoolArray


def _text_series(cells: list[Any]) -> pd.Series[str]:
    return pd.Series(["" if isinstance(c, float) else str(c) for c in cells], dtype="str")


def _numeric_series(cells: list[Any]) -> pd.Series[float]:
    return pd.Series([c if isinstance(c, float) else math.nan for c in cells], dtype="float64")


def _is_text(cells: list[Any]) -> bool:
    """True when every cell is plain text (always so for CSV): the fast path applies."""
    return not cells or set(map(type, cells)) == {str}


def _prepare_amounts(cells: list[Any]) -> AmountColumn:
    if _is_text(cells):
        text = pd.Series(cells, dtype="str")
        numeric = pd.Series(np.full(len(cells), math.nan), dtype="float64")
        formula = np.zeros(len(cells), dtype=bool)
    else:
        text = _text_series(cells)
        numeric = _numeric_series(cells)
        formula = np.array([isinstance(c, Formula) for c in cells], dtype=bool)
    stripped = text.str.strip()
    upper = stripped.str.upper()
    currency = pd.Series(np.full(len(cells), "", dtype=object), dtype="str")
    for code, marks in _CURRENCY_MARKS.items():
        for mark in marks:
            marked = upper.str.contains(mark, regex=False)
            if bool(marked.any()):
                currency[marked & (currency == "")] = code
    body = upper
    for mark in _STRIPPED:
        # Checking first is cheaper than replacing: most marks appear in no value at all.
        if bool(body.str.contains(mark, regex=False).any()):
            body = body.str.replace(mark, "", regex=False)
    if bool(body.str.contains("−", regex=False).any()):
        body = body.str.replace("−", "-", regex=False)
    negative = body.str.startswith(("-", "(")) | body.str.endswith(("-", ")"))
    body = body.str.replace(r"^[-+(]|[-)]$", "", regex=True)
    empty = mask_array(stripped == "") & numeric.isna().to_numpy() & ~formula
    return AmountColumn(
        cells=cells,
        body=body,
        numeric=numeric,
        formula=formula,
        currency=currency,
        negative=mask_array(negative) | mask_array(numeric < 0),
        empty=empty,
    )


@dataclass(frozen=True)
class DecimalEvidence:
    point: int  # values only a decimal point explains ("1,234.5", "12.50", "1,234,567")
    comma: int  # values only a decimal comma explains ("12.000,50", "12,5", "1.234.567")


def decimal_evidence(columns: Iterable[AmountColumn]) -> DecimalEvidence:
    point = comma = 0
    for column in columns:
        body = column.body
        point_rows = (
            body.str.fullmatch(_POINT_DECIMAL) & ~body.str.fullmatch(_DOT_GROUPS)
        ) | body.str.fullmatch(_COMMA_GROUPS_MANY)
        comma_rows = (
            body.str.fullmatch(_COMMA_DECIMAL) & ~body.str.fullmatch(_COMMA_GROUPS)
        ) | body.str.fullmatch(_DOT_GROUPS_MANY)
        point += int(mask_array(point_rows).sum())
        comma += int(mask_array(comma_rows).sum())
    return DecimalEvidence(point, comma)


def choose_decimal(evidence: DecimalEvidence) -> str | None:
    """The decimal mark most values prove; None when no value decides it or the file is split."""
    if evidence.point > evidence.comma:
        return "."
    if evidence.comma > evidence.point:
        return ","
    return None


@dataclass
class ParsedAmounts:
    values: FloatArray  # 0 where empty, NaN where refused
    problems: dict[int, str]  # position -> message
    empty: BoolArray


def _amount_problem(shown: str, digits: str, decimal: str | None) -> str:
    """Why a value that is not empty could not be read as an amount."""
    if decimal is None and (
        re.fullmatch(_DOT_GROUPS, digits) or re.fullmatch(_COMMA_GROUPS, digits)
    ):
        as_thousands = int(digits.replace(".", "").replace(",", ""))
        as_decimal = float(digits.replace(",", "."))
        return (
            f"'{shown}' is ambiguous: {as_thousands:,} or {as_decimal:g}? Nothing in the file "
            "decides the decimal mark; declare it (decimal , or .)"
        )
    if decimal == "." and re.fullmatch(_COMMA_DECIMAL, digits):
        return f"'{shown}' uses a decimal comma, but this file's amounts use a decimal point"
    if decimal == "," and re.fullmatch(_POINT_DECIMAL, digits):
        return f"'{shown}' uses a decimal point, but this file's amounts use a decimal comma"
    return f"'{shown}' is not an amount"


def parse_amounts(column: AmountColumn, decimal: str | None, label: str) -> ParsedAmounts:
    """Amounts under a decimal mark; each refused value gets a message naming the value."""
    body = column.body
    if decimal == ".":
        valid = body.str.fullmatch(_POINT_NUMBER)
        cleaned = body.str.replace(",", "", regex=False)
    elif decimal == ",":
        valid = body.str.fullmatch(_COMMA_NUMBER)
        cleaned = body.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    else:
        valid = body.str.fullmatch(_INT)
        cleaned = body
    text_values = pd.to_numeric(cleaned.where(valid), errors="coerce").to_numpy(dtype="float64")
    numeric = column.numeric.to_numpy(dtype="float64")
    values = np.abs(np.where(np.isnan(numeric), text_values, numeric))
    problems: dict[int, str] = {}
    bad = ~column.empty & (np.isnan(values) | column.formula)
    bad_positions = positions(bad)
    for position, digits in zip(bad_positions, body.iloc[bad_positions].tolist(), strict=True):
        cell = column.cells[position]
        shown = str(cell).strip()
        if isinstance(cell, Formula):
            problems[position] = (
                f"cell holds a formula ({shown}); formulas are not evaluated: paste values instead"
            )
        else:
            problems[position] = _amount_problem(shown, str(digits), decimal)
    for position in positions(column.negative & ~bad & ~column.empty):
        shown = _cell_text(column.cells[position]).strip()
        problems[position] = f"negative {label}: {shown}; an account's ARR is 0 or more"
        values[position] = math.nan
    for position in positions(np.nan_to_num(values) > MAX_AMOUNT):
        shown = _cell_text(column.cells[position]).strip()
        problems[position] = f"{shown} is implausibly large for one account's {label}"
        values[position] = math.nan
    values[column.empty] = 0.0
    return ParsedAmounts(values=values, problems=problems, empty=column.empty)


def _iso_hint(value: str) -> str:
    if re.fullmatch(r"[0-9]{1,2}[./-][0-9]{1,2}[./-][0-9]{4}", value):
        return " (declare the date format, e.g. %d/%m/%Y or %m/%d/%Y)"
    return ""


@dataclass
class ParsedDates:
    values: pd.Series[Any]  # datetime64, NaT where empty or refused
    problems: dict[int, str]


def parse_dates(cells: list[Any], date_format: str | None) -> ParsedDates:
    """ISO dates (optionally with a time) or one declared strptime format."""
    if _is_text(cells):
        text = pd.Series(cells, dtype="str").str.strip()
        empty = text == ""
    else:
        text = _text_series(cells).str.strip()
        empty = (text == "") & _numeric_series(cells).isna()
    iso = text.str.fullmatch(
        r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[ T][0-9:.]+)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?"
    )
    values = pd.to_datetime(
        text.str.slice(0, 10).where(iso & ~empty), format="%Y-%m-%d", errors="coerce"
    )
    expected = "the format YYYY-MM-DD"
    if date_format:
        # ISO dates cannot be misread, so they stay accepted beside the declared format.
        declared = pd.to_datetime(text.where(~empty & ~iso), format=date_format, errors="coerce")
        values = values.where(values.notna(), declared)
        expected = f"the declared format {date_format} (or YYYY-MM-DD)"
    values = values.dt.normalize()
    problems: dict[int, str] = {}
    for position in positions(~empty & values.isna()):
        cell = cells[position]
        if isinstance(cell, Formula):
            problems[position] = f"cell holds a formula ({cell}); formulas are not evaluated"
        elif isinstance(cell, float):
            problems[position] = (
                f"{_cell_text(cell)} is a number, not a date; format the column as dates"
            )
        else:
            shown = str(cell).strip()
            hint = "" if date_format else _iso_hint(shown)
            problems[position] = f"'{shown}' is not a date in {expected}{hint}"
    return ParsedDates(values=values, problems=problems)


def status_category(value: str) -> str:
    """active | churned | prospect | "" (empty) | unknown."""
    key = " ".join(re.findall(r"[a-z0-9]+", value.casefold()))
    if not key:
        return ""
    if key in CHURNED_STATUSES or key.startswith(("former ", "ex ", "churned", "cancel")):
        return "churned"
    if key in ACTIVE_STATUSES or key.startswith(("customer", "active")):
        return "active"
    if key in PROSPECT_STATUSES or key.startswith(("prospect", "lead")):
        return "prospect"
    return "unknown"


def parse_scores(cells: list[Any]) -> tuple[pd.Series[float], dict[int, str]]:
    """NPS-like scores: numbers between -100 and 100; anything else set aside with a message."""
    text = _text_series(cells).str.strip().str.replace(",", ".", regex=False)
    numbers = _numeric_series(cells).to_numpy(dtype="float64")
    number = text.str.fullmatch(r"[-+]?[0-9]+(?:\.[0-9]+)?")
    parsed = pd.to_numeric(text.where(number), errors="coerce")
    values = np.where(np.isnan(numbers), parsed.to_numpy(dtype="float64"), numbers)
    empty = mask_array(text == "") & np.isnan(numbers)
    problems: dict[int, str] = {}
    for position in positions(~empty & np.isnan(values)):
        problems[position] = f"'{_cell_text(cells[position])}' is not a score"
    for position in positions(np.nan_to_num(np.abs(values)) > 100):
        problems[position] = f"{values[position]:g} is outside -100 to 100"
        values[position] = math.nan
    return pd.Series(values, dtype="float64"), problems


# ---------------------------------------------------------------------------------------------
# Accounts


ACCOUNT_COLUMNS = (
    "row",
    "account",
    "account_id",
    "arr_start",
    "arr_end",
    "contract_value",
    "status",
    "renewal_date",
    "owner",
    "segment",
    "health",
    "nps",
    "start_date",
    "churn_date",
)


@dataclass
class AccountsImport:
    """The accounts a file gives, with every excluded row and every set-aside value listed."""

    source: str
    file_format: str
    encoding: str
    delimiter: str
    mapping: dict[str, str]
    basis: Basis
    decimal: str | None
    decimal_detected: bool
    currency: str | None
    rows_read: int  # data rows in the file, including excluded ones (blank lines aside)
    accounts: pd.DataFrame  # ACCOUNT_COLUMNS; one row per counted account
    excluded: list[RowIssue]
    warnings: list[RowIssue]
    notes: list[str]
    unused_columns: list[str]

    @property
    def excluded_rows(self) -> int:
        return len({issue.row for issue in self.excluded if issue.message != "empty row"})

    def describe_source(self) -> str:
        parts = [self.source]
        if self.file_format == "csv":
            parts.append(f"{self.encoding}, {DELIMITERS.get(self.delimiter, self.delimiter)}")
        else:
            parts.append("XLSX")
        if self.decimal:
            mark = "decimal comma" if self.decimal == "," else "decimal point"
            parts.append(mark + (" (detected)" if self.decimal_detected else ""))
        return " · ".join(parts)


class _Problems:
    """Per-row problems gathered column by column, kept in row order."""

    def __init__(self, rows: list[int], accounts: list[str]) -> None:
        self.rows = rows
        self.accounts = accounts
        self.excluded: dict[int, list[RowIssue]] = {}
        self.warnings: list[RowIssue] = []

    def exclude(self, position: int, column: str, message: str) -> None:
        issue = RowIssue(self.rows[position], self.accounts[position], column, message)
        self.excluded.setdefault(position, []).append(issue)

    def warn(self, position: int, column: str, message: str) -> None:
        self.warnings.append(
            RowIssue(self.rows[position], self.accounts[position], column, message)
        )

    def excluded_positions(self) -> set[int]:
        return set(self.excluded)


_BLANKS = "[ \t\r\n\u00a0\u202f]+"  # real characters, not escapes: RE2 runs it natively


def _text_column(raw: RawTable, header: str | None) -> pd.Series[str]:
    """A text column with runs of blanks collapsed and ends trimmed ("" where empty)."""
    if header is None:
        return pd.Series([""] * raw.row_count, dtype="str")
    cells = raw.column(header)
    series = pd.Series(cells if _is_text(cells) else [_cell_text(c) for c in cells], dtype="str")
    return series.str.replace(_BLANKS, " ", regex=True).str.strip()


def parse_accounts(
    raw: RawTable, mapping: Mapping[str, str], options: ImportOptions | None = None
) -> AccountsImport:
    """Validate every row under a mapping; refuse the file only when nothing can be counted."""
    options = options or ImportOptions()
    mapping = dict(mapping)
    for name, header in mapping.items():
        if name not in IMPORT_FIELDS:
            raise ExportError(f"unknown field '{name}' in the mapping", source=raw.source)
        if header not in raw.headers:
            raise ExportError(
                f"the mapping names column '{header}', which the file does not have",
                source=raw.source,
                column=header,
            )
    try:
        basis = mapping_basis(mapping)
    except ExportError as error:
        duplicates = sorted(duplicated_headers(raw.headers) - set(mapping.values()))
        hint = ""
        if duplicates:
            hint = (
                "; columns sharing a name are never mapped automatically, map one by hand: "
                + ", ".join(f"'{header}'" for header in duplicates)
            )
        raise ExportError(error.message + hint, source=raw.source) from None
    if options.decimal not in (None, ".", ","):
        raise ExportError(f"decimal mark must be '.' or ',', not {options.decimal!r}")
    account_header = mapping["account"]
    name_column = _text_column(raw, account_header)
    names = name_column.tolist()
    problems = _Problems(raw.rows, names)
    account_cells = raw.column(account_header)
    formulas = [] if _is_text(account_cells) else [isinstance(c, Formula) for c in account_cells]
    for position in positions(np.array(formulas, dtype=bool)):
        problems.exclude(position, account_header, "cell holds a formula; paste values")
    for position in positions(name_column == ""):
        if not formulas or not formulas[position]:
            problems.exclude(position, account_header, "account name is empty")

    money_fields = [name for name in ("arr_start", "arr_end", "contract_value") if name in mapping]
    prepared = {name: _prepare_amounts(raw.column(mapping[name])) for name in money_fields}
    decimal = options.decimal
    decimal_detected = False
    notes = list(raw.notes)
    if decimal is None:
        evidence = decimal_evidence(prepared.values())
        decimal = choose_decimal(evidence)
        decimal_detected = decimal is not None
        if evidence.point and evidence.comma:
            if decimal is None:
                notes.append(
                    f"amounts mix decimal points ({evidence.point}) and decimal commas "
                    f"({evidence.comma}) equally; declare the decimal mark"
                )
            else:
                notes.append(
                    f"amounts mostly use a decimal {'comma' if decimal == ',' else 'point'}; "
                    "values written the other way are excluded"
                )
    currencies: Counter[str] = Counter()
    for column in prepared.values():
        counts = column.currency[column.currency != ""].value_counts()
        currencies.update(dict(zip(counts.index.tolist(), counts.tolist(), strict=True)))
    currency = currencies.most_common(1)[0][0] if currencies else None
    amounts: dict[str, FloatArray] = {}
    for name, column in prepared.items():
        label = IMPORT_FIELDS[name].label
        parsed = parse_amounts(column, decimal, label if name != "contract_value" else "value")
        foreign = positions((column.currency != "") & (column.currency != (currency or "")))
        for position, code in zip(foreign, column.currency.iloc[foreign].tolist(), strict=True):
            # The currency is the real problem; its number format would only distract.
            parsed.problems[position] = (
                f"amount in {code} while the file is in {currency}; convert it first"
            )
            parsed.values[position] = math.nan
        for position, message in parsed.problems.items():
            problems.exclude(position, mapping[name], message)
        amounts[name] = parsed.values
        if name == "contract_value":
            for position in positions(parsed.empty):
                problems.exclude(position, mapping[name], "contract value is empty")
    if basis == "arr":
        for position in positions(prepared["arr_start"].empty & prepared["arr_end"].empty):
            problems.exclude(
                position, "", "ARR at period start and ARR at period end are both empty"
            )

    statuses = [""] * raw.row_count
    if "status" in mapping:
        header = mapping["status"]
        status_text = _text_column(raw, header).tolist()
        # Few distinct statuses in many rows: classify each distinct value once.
        categories = {value: status_category(value) for value in set(status_text)}
        statuses = [categories[value] for value in status_text]
        kinds = np.array(statuses, dtype=object)
        for position in positions(kinds == "prospect"):
            value = status_text[position]
            problems.exclude(position, header, f"status '{value}' is not a customer")
        for position in positions(kinds == "unknown"):
            value = status_text[position]
            message = (
                f"status '{value}' is neither active (e.g. customer, active) nor churned "
                "(e.g. churned, former customer, closed lost)"
            )
            if basis == "contract":
                problems.exclude(position, header, message)
            else:
                problems.warn(position, header, message + "; the ARR columns decide")
                statuses[position] = ""
        if basis == "contract":
            for position in positions(kinds == ""):
                problems.exclude(position, header, "status is empty")

    dates: dict[str, pd.Series[Any]] = {}
    for name in ("renewal_date", "start_date", "churn_date"):
        if name not in mapping:
            dates[name] = pd.Series(pd.NaT, index=range(raw.row_count), dtype="datetime64[us]")
            continue
        parsed_dates = parse_dates(raw.column(mapping[name]), options.date_format)
        for position, message in parsed_dates.problems.items():
            needed = name == "start_date" and basis == "contract"
            if needed:
                problems.exclude(position, mapping[name], message)
            else:
                consequence = {
                    "renewal_date": "the account is counted but left out of the renewals calendar",
                    "start_date": "the ARR columns decide whether the account is new",
                    "churn_date": "the account is treated as having left during the period",
                }[name]
                problems.warn(position, mapping[name], f"{message}; {consequence}")
        dates[name] = parsed_dates.values

    nps = pd.Series(math.nan, index=range(raw.row_count), dtype="float64")
    if "nps" in mapping:
        nps, nps_problems = parse_scores(raw.column(mapping["nps"]))
        for position, message in nps_problems.items():
            problems.warn(position, mapping["nps"], f"{message}; the NPS is left out")

    id_column = _text_column(raw, mapping.get("account_id"))
    _exclude_duplicates(problems, name_column, id_column, mapping, raw.rows)

    excluded_positions = problems.excluded_positions()
    keep = np.ones(raw.row_count, dtype=bool)
    if excluded_positions:
        keep[list(excluded_positions)] = False
    nan_column = np.full(raw.row_count, math.nan)
    frame = pd.DataFrame(
        {
            "row": pd.Series(raw.rows, dtype="int64"),
            "account": name_column,
            "account_id": id_column,
            "arr_start": amounts.get("arr_start", nan_column),
            "arr_end": amounts.get("arr_end", nan_column),
            "contract_value": amounts.get("contract_value", nan_column),
            "status": pd.Series(statuses, dtype="str"),
            "renewal_date": dates["renewal_date"],
            "owner": _text_column(raw, mapping.get("owner")),
            "segment": _text_column(raw, mapping.get("segment")),
            "health": _text_column(raw, mapping.get("health")),
            "nps": nps,
            "start_date": dates["start_date"],
            "churn_date": dates["churn_date"],
        }
    )
    accounts = frame.loc[keep].reset_index(drop=True)
    account_index = raw.headers.index(account_header)
    excluded = [_named(issue, raw.excluded_cells, account_index) for issue in raw.excluded]
    for position in sorted(problems.excluded):
        excluded.extend(problems.excluded[position])
    excluded.sort(key=lambda issue: issue.row)
    warnings = sorted(problems.warnings, key=lambda issue: issue.row)
    if basis == "contract" and "start_date" not in mapping:
        notes.append(
            "no 'customer since' column: every active account is counted as active at period "
            "start, so new accounts cannot be told apart"
        )
    if basis == "contract":
        notes.append(
            "figures come from contract value and status: churn is visible, but expansion and "
            "contraction need ARR at period start and at period end"
        )
    used = set(mapping.values())
    return AccountsImport(
        source=raw.source,
        file_format=raw.file_format,
        encoding=raw.encoding,
        delimiter=raw.delimiter,
        mapping=mapping,
        basis=basis,
        decimal=decimal,
        decimal_detected=decimal_detected,
        currency=currency,
        rows_read=raw.row_count + sum(1 for i in raw.excluded if i.message != "empty row"),
        accounts=accounts,
        excluded=excluded,
        warnings=warnings,
        notes=notes,
        unused_columns=[h for h in raw.headers if h not in used],
    )


def _exclude_duplicates(
    problems: _Problems,
    names: pd.Series[str],
    ids: pd.Series[str],
    mapping: Mapping[str, str],
    rows: list[int],
) -> None:
    """Among rows otherwise fine, the first of an account counts; later ones are listed.

    Accounts are the same when their IDs match (if an ID column is mapped and filled) or,
    without an ID, when their names match ignoring case.
    """
    by_id = (ids != "") if "account_id" in mapping else pd.Series(False, index=names.index)
    keys = ("id:" + ids.str.lower()).where(by_id, "name:" + names.str.lower())
    fine = np.ones(len(keys), dtype=bool)
    fine[list(problems.excluded_positions())] = False
    candidates = keys[fine]
    repeated = candidates.duplicated(keep="first")
    if not bool(repeated.any()):
        return
    firsts = candidates[~repeated]
    first_of = dict(zip(firsts.tolist(), firsts.index.tolist(), strict=True))
    key_list = keys.tolist()
    id_list = ids.tolist()
    for position in [int(p) for p in candidates[repeated].index.tolist()]:
        first = rows[int(first_of[key_list[position]])]
        if key_list[position].startswith("id:"):
            column = mapping["account_id"]
            what = f"account ID '{id_list[position]}'"
        else:
            column, what = mapping["account"], "account name"
        problems.exclude(
            position,
            column,
            f"duplicate of row {first} (same {what}); only the first row is counted",
        )


def _named(issue: RowIssue, cells: Mapping[int, list[str]], index: int) -> RowIssue:
    """A row refused on reading, named after its account cell where that cell exists."""
    record = cells.get(issue.row)
    if issue.account or not record or index >= len(record):
        return issue
    name = " ".join(record[index].split())[:80]
    return RowIssue(issue.row, name, issue.column, issue.message)


def import_accounts(
    data: bytes, source: str = "export.csv", options: ImportOptions | None = None
) -> AccountsImport:
    """Read, map (auto-detected, then the options' overrides) and validate an export."""
    options = options or ImportOptions()
    raw = read_export(data, source, options)
    mapping = apply_overrides(detect_mapping(raw.headers), options.mapping, raw.headers)
    return parse_accounts(raw, mapping, options)


def import_accounts_file(path: str | Path, options: ImportOptions | None = None) -> AccountsImport:
    options = options or ImportOptions()
    raw = read_export_file(path, options)
    try:
        mapping = apply_overrides(detect_mapping(raw.headers), options.mapping, raw.headers)
    except ExportError as error:
        raise ExportError(error.message, source=raw.source, column=error.column) from None
    return parse_accounts(raw, mapping, options)
