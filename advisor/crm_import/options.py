"""How a file is read: the options a user can declare and the size limits."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from advisor.crm_import.errors import ExportError
from advisor.i18n import _, p_

DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
DETECT = "detect"  # the choice that leaves a setting to be detected from the file


def delimiter_word(delimiter: str) -> str:
    """A delimiter named in words, as a reader sees it: 'semicolon', 'punto y coma'."""
    words = {
        "comma": p_("delimiter", "comma"),
        "semicolon": p_("delimiter", "semicolon"),
        "tab": p_("delimiter", "tab"),
        "pipe": p_("delimiter", "pipe"),
    }
    name = DELIMITERS.get(delimiter, delimiter)
    return words.get(name, name)


@dataclass(frozen=True)
class ImportLimits:
    """Refuse files beyond these sizes before parsing them in full.

    Every record read counts against one of the row caps: an empty one costs parsing too, so
    a file of blank lines (or of bare delimiters) stops at `max_empty_rows` however small it is.
    """

    max_bytes: int = 50_000_000
    max_rows: int = 250_000  # records holding a value: accounts, deals or subscriptions
    max_empty_rows: int = 50_000  # records holding nothing, wherever they are in the file
    max_columns: int = 200
    max_cells: int = 5_000_000  # every cell read, empty or not: 250,000 rows of 20 columns
    max_text: int = 50_000_000  # characters of a workbook's cells together (a zip unpacks to more)
    max_unzipped_bytes: int = 400_000_000  # XLSX is a zip: guard against decompression bombs


# The strptime directives a date format may use; anything else after a % is refused up front,
# because pandas raises on it (`%Q`, a stray `%`) only when the first cell is parsed.
_DATE_FORMAT = re.compile(r"(?:[^%]|%[aAwdbBmyYHIpMSfzZjUWcxXGuV%]|%-[dmHIMSjy])*")


def check_date_format(date_format: str | None) -> None:
    """Refuse a date format strptime cannot use, naming the bad directive."""
    if date_format and not _DATE_FORMAT.fullmatch(date_format):
        bad = re.search(r"%(?:-?[^aAwdbBmyYHIpMSfzZjUWcxXGuV%-]|-[^dmHIMSjy]|-?$)", date_format)
        shown = bad.group(0) if bad else date_format
        if shown in ("%", "%-"):
            message = _(
                "date format '{format}': a stray '%' at the end; use directives such as "
                "%d/%m/%Y or %m/%d/%Y (write %% for a literal percent sign)",
                format=date_format,
            )
        else:
            message = _(
                "date format '{format}': '{directive}' is not a directive; use directives such "
                "as %d/%m/%Y or %m/%d/%Y (write %% for a literal percent sign)",
                format=date_format,
                directive=shown,
            )
        raise ExportError.at(message)


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
    preset: str | None = None  # a layout name; None detects it from the headers
    currency: str | None = None  # the case's currency, for amounts nothing else marks
    rates: Mapping[str, float] = field(default_factory=dict)  # code -> value of 1 in the report's
    statuses: Mapping[str, str] = field(default_factory=dict)  # status word -> category, assigned

    def __post_init__(self) -> None:
        check_date_format(self.date_format)
        if self.currency is not None and not _CODE.fullmatch(self.currency):
            raise ExportError.at(
                _(
                    "currency '{currency}' is not a three-letter code such as EUR or USD",
                    currency=self.currency,
                )
            )


_CODE = re.compile(r"[A-Z]{3}")


def parse_rates(pairs: Sequence[str]) -> dict[str, float]:
    """'USD=0.92' pairs -> {code: rate}: one unit of the code is worth `rate` of the report's."""
    rates: dict[str, float] = {}
    for pair in pairs:
        code, sep, text = pair.partition("=")
        code = code.strip().upper()
        try:
            rate = float(text.strip().replace(",", "."))
        except ValueError:
            rate = -1.0
        if not sep or not _CODE.fullmatch(code) or not 0 < rate < 1e6:
            raise ExportError.at(
                _(
                    "--rate '{pair}' is not of the form CODE=RATE with a positive rate, e.g. "
                    "USD=0.92 (one USD is worth 0.92 of the report's currency)",
                    pair=pair,
                )
            )
        rates[code] = rate
    return rates


def chosen_options(
    decimal: str,
    encoding: str,
    delimiter: str,
    date_format: str,
    preset: str = DETECT,
    rates: str = "",
) -> ImportOptions:
    """Options from a form's choices: DETECT or an empty date format leave it to the file.

    `delimiter` is the delimiter's name (comma, semicolon, tab or pipe); `rates` is
    "USD=0.92 GBP=1.17" (spaces or semicolons between them).
    """
    by_name = {name: char for char, name in DELIMITERS.items()}
    return ImportOptions(
        decimal=None if decimal == DETECT else decimal,
        encoding=None if encoding == DETECT else encoding,
        delimiter=by_name.get(delimiter),
        date_format=date_format.strip() or None,
        preset=None if preset == DETECT else preset,
        rates=parse_rates(rates.replace(";", " ").split()),
    )
