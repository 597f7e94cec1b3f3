"""XLSX workbooks read with bounded work: a sheet streamed row by row, every cell counted.

`open_workbook` checks the zip and reads the parts before the sheets (`xlsx_parts.py`);
`Workbook.rows` then feeds the chosen sheet to expat piece by piece and hands over each row as
its end tag is read. Every element and cell counts against the limits as it is parsed, so a
sheet of a million rows (or one row of a million cells) is refused after the first ones over
the limit, never after all of them. Formulas are kept as their text and never evaluated.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pyexpat import ExpatError
from typing import Any, Self

from advisor.crm_import.errors import ExportError
from advisor.crm_import.options import ImportLimits
from advisor.crm_import.xlsx_parts import (
    DAMAGED,
    MAX_CELL_CHARS,
    MAX_COLUMN,
    MAX_ROW,
    NAMES_KEPT,
    SPREADSHEET_NS,
    UNREADABLE,
    Budget,
    Package,
    Parts,
    Refused,
    check_zip,
    failure,
    feed,
    local_names,
    new_parser,
    read_parts,
    refused,
    small_number,
    unescape,
)
from advisor.i18n import _, formats


class Formula(str):
    """An XLSX cell holding a formula: kept as its text and never evaluated."""

    __slots__ = ()


@dataclass(frozen=True)
class SheetRow:
    """One `<row>` of a sheet: its number, its cells up to the column limit, its last value."""

    number: int
    values: list[Any]  # str, float or Formula; "" for an empty cell
    last: int  # the last column (1-based) holding a value; 0 for an empty row


# ---------------------------------------------------------------------------------------------
# The sheet, row by row


_LETTERS = re.compile(r"[A-Z]{1,3}")
_columns: dict[str, int] = {}  # cell-reference letters → column number, learnt as they come


_DIGITS = "0123456789"


def _column(ref: str) -> int:
    """The column of a cell reference such as "AB12"."""
    letters = ref.rstrip(_DIGITS)
    column = _columns.get(letters)
    if column is None:
        if not _LETTERS.fullmatch(letters):
            raise Refused(_("cell reference {ref} is not a cell reference", ref=repr(ref[:20])))
        column = 0
        for letter in letters:
            column = column * 26 + ord(letter) - 64
        if column > MAX_COLUMN:
            raise Refused(_("cell {ref} lies beyond Excel's last column (XFD)", ref=ref[:20]))
        _columns[letters] = column
    return column


def _text_cell(text: str) -> str:
    return Formula(text) if text[:1] == "=" else text


def _date_text(value: Any) -> str:
    """A date or time as the table shows it: ISO date, or date and time when there is one."""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0, 0) else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)  # a time of day or a duration


_CELL, _VALUE = (f"{SPREADSHEET_NS[0]} {tag}" for tag in ("c", "v"))  # as expat names them


def _ignore_start(attrs: dict[str, str]) -> None:
    """An element the reader does not need: counted, nothing else."""


class _Sheet:
    """A worksheet's rows: each `<row>` is ready as a `SheetRow` when its end tag is read.

    The handlers run once or twice per cell, so each element name is looked up once and its
    start and end handlers remembered.
    """

    def __init__(self, budget: Budget, book: Workbook) -> None:
        self.budget = budget
        self.left = budget.max_elements - budget.elements  # elements this part may still hold
        self.book = book
        self.width = book.limits.max_columns  # cells kept per row; the rest is only counted
        self.cells_left = book.limits.max_cells - budget.cells
        self.text_left = book.limits.max_text
        self.dates = {str(position) for position in book.dates}
        self.ready: list[SheetRow] = []
        self.number = 0  # the row being read, or the last one read
        self.values: list[Any] | None = None  # the row's cells while a row is open
        self.last = self.column = 0
        self.in_cell = False
        self.kind = self.style = ""
        self.ref: str | None = None
        self.value: list[str] | None = None
        self.formula: list[str] | None = None
        self.formula_kind: str | None = None
        self.formula_share: str | None = None
        self.inline: list[str] | None = None
        self.text: list[str] | None = None  # where character data goes now
        self.size = self.phonetic = 0
        self.shared: dict[str, tuple[str, str | None]] = {}  # shared formula id → (text, cell)
        self.local = local_names(SPREADSHEET_NS)
        self.starts: dict[str, Callable[[dict[str, str]], None]] = {}
        self.ends: dict[str, Callable[[], None] | None] = {}
        self.actions: dict[str, tuple[Callable[[dict[str, str]], None], Callable[[], None] | None]]
        self.actions = {
            "c": (self.open_cell, self.close_cell),
            "v": (self.open_value, self.stop_text),
            "row": (self.open_row, self.close_row),
            "is": (self.open_inline, None),
            "t": (self.open_inline_text, self.stop_text),
            "f": (self.open_formula, self.stop_text),
            "rPh": (self.open_phonetic, self.close_phonetic),
        }

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.left -= 1
        if self.left < 0:
            raise self.budget.too_many_elements()
        if name == _CELL:  # the two elements of nearly every cell go first
            self.open_cell(attrs)
        elif name == _VALUE:
            if self.in_cell:
                self.value = self.text = []
                self.size = 0
        else:
            action = self.starts.get(name)
            if action is None:
                action = self.learn(name)
            action(attrs)

    def learn(self, name: str) -> Callable[[dict[str, str]], None]:
        start, end = self.actions.get(self.local(name), (_ignore_start, None))
        if len(self.starts) < NAMES_KEPT:
            self.starts[name], self.ends[name] = start, end
        return start

    def end(self, name: str) -> None:
        if name == _CELL:
            self.close_cell()
            return
        if name == _VALUE:
            self.text = None
            return
        action = self.ends.get(name)
        if action is None and name not in self.ends:
            action = self.actions.get(self.local(name), (_ignore_start, None))[1]
        if action is not None:
            action()

    def data(self, text: str) -> None:
        target = self.text
        if target is not None:
            self.size += len(text)
            if self.size > MAX_CELL_CHARS:
                # Translators: {where} is "cell B7" or "a cell of row 7".
                raise Refused(
                    _(
                        "{where} holds more than {limit} characters, more than Excel allows",
                        where=self.where,
                        limit=formats.number(MAX_CELL_CHARS),
                    )
                )
            self.spend_text(len(text))
            target.append(text)

    def spend_text(self, size: int) -> None:
        """Count text kept: a small zip can unpack to far more text than its own size."""
        self.text_left -= size
        if self.text_left < 0:
            raise self.budget.too_much_text()

    def open_value(self, attrs: dict[str, str]) -> None:
        if self.in_cell:
            self.value = self.text = []
            self.size = 0

    def open_inline(self, attrs: dict[str, str]) -> None:
        if self.in_cell:
            self.inline = []
            self.size = 0

    def open_inline_text(self, attrs: dict[str, str]) -> None:
        if self.inline is not None and not self.phonetic:
            self.text = self.inline

    def open_formula(self, attrs: dict[str, str]) -> None:
        if self.in_cell:
            self.formula = self.text = []
            self.formula_kind, self.formula_share = attrs.get("t"), attrs.get("si")
            self.size = 0

    def open_phonetic(self, attrs: dict[str, str]) -> None:
        self.phonetic += 1

    def close_phonetic(self) -> None:
        self.phonetic -= 1

    def stop_text(self) -> None:
        self.text = None

    def close_row(self) -> None:
        if self.values is not None:
            self.ready.append(SheetRow(self.number, self.values, self.last))
        self.values = None

    def open_row(self, attrs: dict[str, str]) -> None:
        if self.values is not None:
            raise Refused(_("a row starts inside row {row}", row=self.number))
        given = attrs.get("r")
        number = self.number + 1
        if given is not None:
            number = small_number(given)
            if number < 0:
                raise Refused(_("row number {given} is not a row number", given=repr(given[:20])))
        if not self.number < number <= MAX_ROW:
            raise Refused(
                _(
                    "row {row} comes after row {before}; rows must be in order",
                    row=number,
                    before=self.number,
                )
            )
        self.number = number
        self.values = []
        self.last = self.column = 0

    @property
    def where(self) -> str:
        if self.ref:
            return _("cell {ref}", ref=self.ref[:20])
        return _("a cell of row {row}", row=self.number)

    def open_cell(self, attrs: dict[str, str]) -> None:
        if self.in_cell or self.values is None:
            raise Refused(_("a cell lies outside any row, or inside another cell"))
        self.cells_left -= 1
        if self.cells_left < 0:
            raise self.budget.too_many_cells("sheet")
        ref = attrs.get("r")
        if ref:
            self.column = _columns.get(ref.rstrip(_DIGITS)) or _column(ref)
        else:
            self.column += 1
            if self.column > MAX_COLUMN:
                raise Refused(
                    _("row {row} has a cell beyond Excel's last column (XFD)", row=self.number)
                )
        self.ref = ref
        self.kind = attrs.get("t", "n")
        self.style = attrs.get("s", "")
        self.in_cell = True
        self.value = self.formula = self.inline = None

    def close_cell(self) -> None:
        self.in_cell = False
        self.text = None
        values = self.values
        if values is None:
            return
        value = self.cell_value()
        column = self.column
        if column <= self.width:
            if column > len(values):
                if column > len(values) + 1:
                    values.extend([""] * (column - 1 - len(values)))
                values.append(value)
            else:
                values[column - 1] = value
        if column > self.last and (value.__class__ is not str or value.strip()):
            self.last = column

    def cell_value(self) -> Any:
        """The cell's value as the table keeps it: text, a float or a Formula; "" if empty."""
        if self.formula is not None:
            return self.formula_text()
        kind = self.kind
        if kind == "inlineStr":
            return _text_cell(unescape("".join(self.inline or ())))
        raw = "".join(self.value) if self.value is not None else ""
        if not raw:
            return ""
        if kind == "n":
            return self.number_value(raw)
        if kind == "s":
            strings = self.book.strings
            index = small_number(raw)
            if not 0 <= index < len(strings):
                raise Refused(
                    _(
                        "{where} refers to shared string {index}; the workbook holds {count}",
                        where=self.where,
                        index=repr(raw[:20]),
                        count=formats.number(len(strings)),
                    )
                )
            self.spend_text(len(strings[index]))
            return _text_cell(strings[index])
        if kind == "b":
            if raw not in ("0", "1"):
                raise Refused(
                    _(
                        "{where} holds {value} where true or false belongs",
                        where=self.where,
                        value=repr(raw[:20]),
                    )
                )
            return "true" if raw == "1" else "false"
        if kind == "d":
            return self.iso_date(raw)
        return _text_cell(unescape(raw))  # "str" (a formula's text result), "e" (#N/A) and others

    def number_value(self, raw: str) -> Any:
        try:
            number = float(raw)
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            raise Refused(
                _(
                    "{where} holds {value} where a number belongs",
                    where=self.where,
                    value=repr(raw[:20]),
                )
            )
        if self.style not in self.dates:
            return number
        from openpyxl.utils.datetime import from_excel

        try:
            durations = int(self.style) in self.book.durations
            return _date_text(from_excel(number, self.book.epoch, timedelta=durations))
        except (OverflowError, ValueError):
            return "#VALUE!"  # a date serial beyond the calendar, as Excel shows it

    def iso_date(self, raw: str) -> str:
        from openpyxl.utils.datetime import from_ISO8601

        try:
            return _date_text(from_ISO8601(raw))
        except (ValueError, OverflowError, TypeError, AttributeError):
            raise Refused(
                _(
                    "{where} holds {value} where a date belongs",
                    where=self.where,
                    value=repr(raw[:30]),
                )
            ) from None

    def formula_text(self) -> Formula:
        text = "".join(self.formula or ())
        if self.formula_kind == "shared" and self.formula_share is not None:
            if text:
                self.shared.setdefault(self.formula_share, (text, self.ref))
            elif self.formula_share in self.shared:
                text = _translated(*self.shared[self.formula_share], self.ref)
        return Formula("=" + text)


def _translated(text: str, origin: str | None, ref: str | None) -> str:
    """A shared formula as it reads in cell `ref` (the workbook stores it once, at `origin`)."""
    from openpyxl.formula.tokenizer import TokenizerError
    from openpyxl.formula.translate import Translator, TranslatorError

    if not (origin and ref):
        return text
    try:
        return str(Translator("=" + text, origin).translate_formula(ref))[1:]
    except (TranslatorError, TokenizerError, ValueError, KeyError, IndexError, TypeError):
        return text


# ---------------------------------------------------------------------------------------------
# The workbook


@dataclass
class Workbook:
    """An open workbook: its sheets, shared strings and date formats, ready to stream a sheet."""

    package: Package
    limits: ImportLimits
    parts: Parts

    @property
    def sheets(self) -> list[tuple[str, str, str]]:
        return self.parts.sheets

    @property
    def strings(self) -> list[str]:
        return self.parts.strings

    @property
    def dates(self) -> set[int]:
        return self.parts.dates

    @property
    def durations(self) -> set[int]:
        return self.parts.durations

    @property
    def epoch(self) -> datetime:
        return self.parts.epoch

    @property
    def sheet_names(self) -> list[str]:
        return [name for name, _, _ in self.sheets]

    def close(self) -> None:
        self.package.archive.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def sheet_part(self, sheet: str | None) -> str:
        """The part of the named sheet, or of the first worksheet."""
        source = self.package.source
        if sheet is None:
            found = next((s for s in self.sheets if s[1] == "worksheet"), None)
            if found is None:
                raise refused(_("the workbook holds no worksheet"), source)
        else:
            found = next((s for s in self.sheets if s[0] == sheet), None)
            if found is None:
                shown = ", ".join(self.sheet_names)
                raise refused(
                    _("no sheet named '{sheet}'; sheets: {sheets}", sheet=sheet, sheets=shown),
                    source,
                )
            if found[1] != "worksheet":
                # Translators: {kind} is the workbook's own English name of the part
                # ("chartsheet", "dialogsheet").
                message = (
                    _("sheet '{sheet}' is a {kind}, not a table", sheet=sheet, kind=found[1])
                    if found[1]
                    else _("sheet '{sheet}' is a part, not a table", sheet=sheet)
                )
                raise refused(message, source)
        if found[2] not in self.package.names:
            reason = _("its sheet '{sheet}' is missing", sheet=found[0])
            raise refused(_(UNREADABLE, reason=reason), source)
        return found[2]

    def rows(self, sheet: str | None = None) -> Iterator[SheetRow]:
        """The sheet's rows in order, streamed; parsing stops at the first limit exceeded."""
        part = self.sheet_part(sheet)
        handler = _Sheet(self.package.budget, self)
        parser = new_parser(handler.start, handler.end, handler.data)
        try:
            for _step in feed(parser, self.package.archive, part):
                batch, handler.ready = handler.ready, []
                yield from batch
        except (Refused, ExpatError, ExportError, *DAMAGED) as error:
            raise failure(error, part, self.package.source) from None


def open_workbook(data: bytes, source: str, limits: ImportLimits) -> Workbook:
    """Check the zip, then read the workbook's sheet list, shared strings and date formats."""
    archive = check_zip(data, source, limits)
    package = Package(archive, source, Budget(limits, source), set(archive.namelist()))
    try:
        return Workbook(package, limits, read_parts(package, limits))
    except BaseException:
        archive.close()
        raise
