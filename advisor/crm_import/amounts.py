"""Cell values to numbers: amounts in money locales, the decimal mark, dates, statuses, scores.

Parsing is vectorised: 100,000 rows must read in well under a second.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from advisor.crm_import.distinct import Distinct, distinct
from advisor.crm_import.records import Cells, cell_text
from advisor.crm_import.text_cells import TextCells, may_hold
from advisor.crm_import.workbook import Formula
from advisor.i18n import N_, _, formats

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
# Translators: {value} is a cell as the file wrote it; {expected} the format ("the format
# YYYY-MM-DD"); {hint} an optional advice in parentheses, with its leading space.
NOT_A_DATE = N_("'{value}' is not a date in {expected}{hint}")
MAX_AMOUNT = 1e11  # per account; keeps sums exact enough and catches unit mistakes


BoolArray = np.ndarray[Any, np.dtype[np.bool_]]
FloatArray = np.ndarray[Any, np.dtype[np.floating[Any]]]
ObjectArray = np.ndarray[Any, np.dtype[np.object_]]


def fullmatch(texts: pd.Series[str], pattern: str) -> BoolArray:
    """`texts.str.fullmatch(pattern)` as a mask, a missing text false.

    On Arrow text it is the RE2 match pandas runs itself, without pandas' check of the pattern
    on every call: the patterns here use none of what sends pandas to Python's `re` (\\d, \\s,
    \\w, \\b, lookarounds, $)."""
    if isinstance(texts.dtype, pd.StringDtype) and texts.dtype.storage == "pyarrow":
        found = pc.match_substring_regex(pa.array(texts.array), f"^(?:{pattern})$")
        return np.asarray(pc.fill_null(found, False).to_numpy(zero_copy_only=False), dtype=bool)
    return mask_array(texts.str.fullmatch(pattern))


def mask_array(mask: pd.Series[bool]) -> BoolArray:
    """A boolean Series as a numpy array, missing values counted as false."""
    return mask.to_numpy(dtype=bool, na_value=False)


def positions(mask: pd.Series[bool] | BoolArray) -> list[int]:
    """Positions where a mask is true, as plain ints (for messages about a few rows)."""
    array = mask_array(mask) if isinstance(mask, pd.Series) else mask
    return [int(p) for p in np.flatnonzero(array)]


@dataclass
class AmountColumn:
    """One amount column prepared for parsing: bare digits plus what was stripped off.

    The text is cleaned once per distinct value (`rows`): `bodies` holds the bare digits of
    each distinct value; the other fields are per row.
    """

    cells: Cells
    rows: Distinct  # the column's distinct texts and which one each row holds
    bodies: pd.Series[str]  # digits and separators only, one per distinct text
    numeric: pd.Series[float]  # cells that were numbers already (XLSX), NaN elsewhere
    formula: BoolArray
    currencies: ObjectArray  # the currency each distinct text is marked with, or ""
    negative: BoolArray
    empty: BoolArray
    plain: bool = False  # every cell is text: `numeric` all NaN, `formula` all false

    def body(self, position: int) -> str:
        """The bare digits of one row."""
        return str(self.bodies.iloc[int(self.rows.codes[position])])

    @property
    def currency(self) -> ObjectArray:
        """Each row's currency mark ("" where none)."""
        return self.rows.spread(self.currencies)

    def marked(self, other_than: str = "") -> BoolArray:
        """Rows whose amount carries a currency mark (other than `other_than`)."""
        currencies = self.currencies
        return self.rows.spread((currencies != "") & (currencies != other_than))

    def marked_with(self, code: str) -> BoolArray:
        """Rows whose amount carries the mark of the currency `code`."""
        return self.rows.spread(self.currencies == code)

    def marks_on(self, rows: BoolArray) -> list[str]:
        """The currency marks (and "" for none) of the amounts of the rows `rows` marks, sorted."""
        held = np.unique(self.rows.codes[rows])  # the distinct texts those rows hold
        return sorted(set(self.currencies[held].tolist()))


def text_series(cells: Cells) -> pd.Series[str]:
    if isinstance(cells, TextCells):
        return cells.series  # a CSV column as pyarrow read it: already text
    return pd.Series(["" if isinstance(c, float) else str(c) for c in cells], dtype="str")


def plain_text_series(cells: Cells) -> pd.Series[str]:
    """Cells `is_text` holds for, as a text Series (an Arrow column's without a copy)."""
    if isinstance(cells, TextCells):
        return cells.series
    return pd.Series(cells, dtype="str")


def numeric_series(cells: Cells) -> pd.Series[float]:
    if isinstance(cells, TextCells):
        return pd.Series(np.full(len(cells), math.nan), dtype="float64")
    return pd.Series([c if isinstance(c, float) else math.nan for c in cells], dtype="float64")


def is_text(cells: Cells) -> bool:
    """True when every cell is plain text (always so for CSV): the fast path applies."""
    if isinstance(cells, TextCells):
        return True  # a CSV column as pyarrow read it
    return not cells or set(map(type, cells)) == {str}


def prepare_amounts(cells: Cells) -> AmountColumn:
    plain = is_text(cells)
    if plain:
        text = plain_text_series(cells)
        numeric = pd.Series(np.full(len(cells), math.nan), dtype="float64")
        formula = np.zeros(len(cells), dtype=bool)
    else:
        text = text_series(cells)
        numeric = numeric_series(cells)
        formula = np.array([isinstance(c, Formula) for c in cells], dtype=bool)
    rows = distinct(text)
    stripped = rows.values.str.strip()
    upper = stripped.str.upper()
    body = _without_marks(upper)
    negative = mask_array(body.str.startswith(("-", "(")) | body.str.endswith(("-", ")")))
    body = body.str.replace(r"^[-+(]|[-)]$", "", regex=True)
    empty = rows.spread(mask_array(stripped == ""))
    negative_rows = rows.spread(negative)
    if not plain:  # a workbook's numbers and formulas: what their cells hold decides too
        empty &= numeric.isna().to_numpy() & ~formula
        negative_rows |= mask_array(numeric < 0)
    return AmountColumn(
        cells=cells,
        rows=rows,
        bodies=body,
        numeric=numeric,
        formula=formula,
        currencies=_currencies(upper),
        negative=negative_rows,
        empty=empty,
        plain=plain,
    )


def _currencies(upper: pd.Series[str]) -> ObjectArray:
    """The currency each text is marked with (the first mark found in _CURRENCY_MARKS), or ""."""
    codes = np.full(len(upper), "", dtype=object)
    for code, marks in _CURRENCY_MARKS.items():
        for mark in marks:
            if not may_hold(upper, (mark,)):
                continue  # in no value: the search below would find nothing
            marked = mask_array(upper.str.contains(mark, regex=False))
            if marked.any():
                codes[marked & (codes == "")] = code
    return codes


def _without_marks(upper: pd.Series[str]) -> pd.Series[str]:
    """The texts with currency marks, blanks and group quotes taken out, in _STRIPPED's order."""
    body = upper
    for mark in _STRIPPED:
        # Checking first is cheaper than replacing: most marks appear in no value at all.
        if may_hold(body, (mark,)) and bool(body.str.contains(mark, regex=False).any()):
            body = body.str.replace(mark, "", regex=False)
    if may_hold(body, ("−",)) and bool(body.str.contains("−", regex=False).any()):
        body = body.str.replace("−", "-", regex=False)
    return body


@dataclass(frozen=True)
class DecimalEvidence:
    point: int  # values only a decimal point explains ("1,234.5", "12.50", "1,234,567")
    comma: int  # values only a decimal comma explains ("12.000,50", "12,5", "1.234.567")


def decimal_evidence(columns: Iterable[AmountColumn]) -> DecimalEvidence:
    point = comma = 0
    for column in columns:
        body = column.bodies  # each distinct value once: counted for the rows holding it
        point_rows = (fullmatch(body, _POINT_DECIMAL) & ~fullmatch(body, _DOT_GROUPS)) | fullmatch(
            body, _COMMA_GROUPS_MANY
        )
        comma_rows = (
            fullmatch(body, _COMMA_DECIMAL) & ~fullmatch(body, _COMMA_GROUPS)
        ) | fullmatch(body, _DOT_GROUPS_MANY)
        point += column.rows.count(point_rows)
        comma += column.rows.count(comma_rows)
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
        return _(
            "'{value}' is ambiguous: {thousands} or {decimal}? Nothing in the file decides the "
            "decimal mark; declare it (decimal , or .)",
            value=shown,
            thousands=formats.number(as_thousands),
            decimal=formats.number(as_decimal, 6),
        )
    if decimal == "." and re.fullmatch(_COMMA_DECIMAL, digits):
        return _(
            "'{value}' uses a decimal comma, but this file's amounts use a decimal point",
            value=shown,
        )
    if decimal == "," and re.fullmatch(_POINT_DECIMAL, digits):
        return _(
            "'{value}' uses a decimal point, but this file's amounts use a decimal comma",
            value=shown,
        )
    return _("'{value}' is not an amount", value=shown)


_ONE_GROUP = {",": r"[1-9][0-9]{0,2},[0-9]{3}", ".": r"[1-9][0-9]{0,2}\.[0-9]{3}"}


def _ambiguous_under(
    column: AmountColumn, decimal: str, values: FloatArray, problems: dict[int, str]
) -> None:
    """Flag "1,234" under a detected decimal comma (and "1.234" under a point): either reading fits."""
    one_group = column.rows.spread(fullmatch(column.bodies, _ONE_GROUP[decimal]))
    one_group &= ~column.formula
    if not column.plain:
        one_group &= np.isnan(column.numeric.to_numpy(dtype="float64"))
    for position in positions(one_group):
        shown = str(column.cells[position]).strip()
        digits = column.body(position)
        as_thousands = int(digits.replace(".", "").replace(",", ""))
        as_decimal = float(digits.replace(",", "."))
        values_shown = {
            "value": shown,
            "decimal": formats.number(as_decimal, 6),
            "thousands": formats.number(as_thousands),
        }
        problems[position] = (
            _(
                "'{value}' is ambiguous: {decimal} with this file's decimal comma, or "
                "{thousands} with a thousands separator; write it with decimals or declare the "
                "decimal mark",
                **values_shown,
            )
            if decimal == ","
            else _(
                "'{value}' is ambiguous: {decimal} with this file's decimal point, or "
                "{thousands} with a thousands separator; write it with decimals or declare the "
                "decimal mark",
                **values_shown,
            )
        )
        values[position] = math.nan


def parse_amounts(
    column: AmountColumn, decimal: str | None, label: str, *, detected: bool = False
) -> ParsedAmounts:
    """Amounts under a decimal mark; each refused value gets a message naming the value.

    When the mark was `detected` from the file rather than declared, a value with a single
    group of three digits after the mark is refused as ambiguous, not guessed.
    """
    body = column.bodies
    if decimal == ".":
        valid = fullmatch(body, _POINT_NUMBER)
        cleaned = body.str.replace(",", "", regex=False)
    elif decimal == ",":
        valid = fullmatch(body, _COMMA_NUMBER)
        cleaned = body.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    else:
        valid = fullmatch(body, _INT)
        cleaned = body
    read = pd.to_numeric(cleaned.where(valid), errors="coerce").to_numpy(dtype="float64")
    values = np.abs(column.rows.spread(read))
    if not column.plain:  # a workbook's numbers are taken as they are
        numeric = column.numeric.to_numpy(dtype="float64")
        values = np.where(np.isnan(numeric), values, np.abs(numeric))
    problems: dict[int, str] = {}
    bad = ~column.empty & (np.isnan(values) | column.formula)
    bad_positions = positions(bad)
    for position in bad_positions:
        cell = column.cells[position]
        shown = str(cell).strip()
        if isinstance(cell, Formula):
            problems[position] = _(
                "cell holds a formula ({formula}); formulas are not evaluated: paste values "
                "instead",
                formula=shown,
            )
        else:
            problems[position] = _amount_problem(shown, column.body(position), decimal)
    for position in positions(column.negative & ~bad & ~column.empty):
        shown = cell_text(column.cells[position]).strip()
        # Translators: {field} is a field's name in lower case ("ARR at period start").
        problems[position] = _(
            "negative {field}: {value}; an account's ARR is 0 or more", field=label, value=shown
        )
        values[position] = math.nan
    for position in positions(np.nan_to_num(values) > MAX_AMOUNT):
        shown = cell_text(column.cells[position]).strip()
        problems[position] = _(
            "{value} is implausibly large for one account's {field}", value=shown, field=label
        )
        values[position] = math.nan
    if detected and decimal in _ONE_GROUP:
        _ambiguous_under(column, decimal, values, problems)
    values[column.empty] = 0.0
    return ParsedAmounts(values=values, problems=problems, empty=column.empty)


def _iso_hint(value: str) -> str:
    if re.fullmatch(r"[0-9]{1,2}[./-][0-9]{1,2}[./-][0-9]{4}", value):
        # Translators: added after a date that was not read; it starts with a space.
        return _(" (declare the date format, e.g. %d/%m/%Y or %m/%d/%Y)")
    return ""


@dataclass
class ParsedDates:
    values: pd.Series[Any]  # datetime64, NaT where empty or refused
    problems: dict[int, str]


_ISO_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[ T][0-9:.]+)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?"
_ZONE = r"(?:Z|[+-][0-9]{2}:?[0-9]{2})$"
_ISO_TIME = re.compile(r"(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]+)?)?")
# A time of day after a date, as spreadsheets write it ("30/09/2024 17:00"): dropped before a
# format without one is applied, since only the day is read.
_CLOCK = r" +(?:[01]?[0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?$"
_HAS_TIME = re.compile(r"%-?[HIMSp]")
EARLIEST_YEAR = 1900  # a CRM date before this is a placeholder (0000-01-01) or a typing mistake


def _impossible_times(text: pd.Series[str], iso: pd.Series[bool]) -> pd.Series[bool]:
    """ISO-shaped cells whose time of day cannot be (25:99:99); only timed cells are looked at."""
    refused = pd.Series(False, index=text.index)
    longer = text.str.len() > 10
    if not longer.any():  # dates alone, no time of day: nothing to check
        return refused
    timed = iso.fillna(False).astype(bool) & longer
    if timed.any():
        clock = text[timed].str.slice(11).str.replace(_ZONE, "", regex=True)
        bad = ~clock.str.fullmatch(_ISO_TIME.pattern).fillna(False).astype(bool)
        refused[bad[bad].index] = True
    return refused


def _dates(text: pd.Series[str], empty: pd.Series[bool], date_format: str | None) -> pd.Series[Any]:
    """The date each stripped text holds (NaT where empty or unreadable), at midnight."""
    iso = pd.Series(fullmatch(text, _ISO_DATE), index=text.index)
    iso = iso & ~_impossible_times(text, iso)
    values = pd.to_datetime(
        text.str.slice(0, 10).where(iso & ~empty), format="%Y-%m-%d", errors="coerce"
    )
    # A year before EARLIEST_YEAR (0000-01-01 and the like) is a placeholder, not a date.
    early = values < pd.Timestamp(EARLIEST_YEAR, 1, 1)
    if early.any():
        values = values.where(~early)
    if date_format:
        # ISO dates cannot be misread, so they stay accepted beside the declared format.
        dated = text if _HAS_TIME.search(date_format) else text.str.replace(_CLOCK, "", regex=True)
        declared = pd.to_datetime(dated.where(~empty & ~iso), format=date_format, errors="coerce")
        declared = declared.where(declared.dt.year >= EARLIEST_YEAR)
        values = values.where(values.notna(), declared)
        return values.dt.normalize()
    return values  # read from YYYY-MM-DD alone: at midnight already


def parse_dates(cells: Cells, date_format: str | None) -> ParsedDates:
    """ISO dates (optionally with a time) or one declared strptime format."""
    plain = is_text(cells)
    rows = distinct(plain_text_series(cells) if plain else text_series(cells))  # each read once
    text = rows.values.str.strip()
    blank = text == ""
    values = _dates(text, blank, date_format).take(rows.codes).reset_index(drop=True)
    empty = rows.spread(mask_array(blank))
    if not plain:
        empty &= numeric_series(cells).isna().to_numpy()
    expected = _("the format YYYY-MM-DD")
    if date_format:
        expected = _("the declared format {format} (or YYYY-MM-DD)", format=date_format)
    problems: dict[int, str] = {}
    for position in positions(~empty & values.isna().to_numpy()):
        cell = cells[position]
        if isinstance(cell, Formula):
            problems[position] = _(
                "cell holds a formula ({formula}); formulas are not evaluated", formula=str(cell)
            )
        elif isinstance(cell, float):
            problems[position] = _(
                "{value} is a number, not a date; format the column as dates",
                value=cell_text(cell),
            )
        else:
            shown = str(cell).strip()
            hint = "" if date_format else _iso_hint(shown)
            problems[position] = _(NOT_A_DATE, value=shown, expected=expected, hint=hint)
    return ParsedDates(values=values, problems=problems)


def parse_scores(cells: Cells) -> tuple[pd.Series[float], dict[int, str]]:
    """NPS-like scores: numbers between -100 and 100; anything else set aside with a message."""
    rows = distinct(text_series(cells))  # each distinct text is read once
    text = rows.values.str.strip().str.replace(",", ".", regex=False)
    number = fullmatch(text, r"[-+]?[0-9]+(?:\.[0-9]+)?")
    parsed = pd.to_numeric(text.where(number), errors="coerce").to_numpy(dtype="float64")
    values = rows.spread(parsed)
    empty = rows.spread(mask_array(text == ""))
    if not isinstance(cells, TextCells):  # a workbook's numbers are taken as they are
        numbers = numeric_series(cells).to_numpy(dtype="float64")
        values = np.where(np.isnan(numbers), values, numbers)
        empty &= np.isnan(numbers)
    problems: dict[int, str] = {}
    for position in positions(~empty & np.isnan(values)):
        problems[position] = _("'{value}' is not a score", value=cell_text(cells[position]))
    for position in positions(np.nan_to_num(np.abs(values)) > 100):
        problems[position] = _(
            "{value} is outside -100 to 100", value=formats.number(float(values[position]), 6)
        )
        values[position] = math.nan
    return pd.Series(values, dtype="float64"), problems
