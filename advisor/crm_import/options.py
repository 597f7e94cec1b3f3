"""How a file is read: the options a user can declare and the size limits."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
DETECT = "detect"  # the choice that leaves a setting to be detected from the file


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


def chosen_options(decimal: str, encoding: str, delimiter: str, date_format: str) -> ImportOptions:
    """Options from a form's choices: DETECT or an empty date format leave it to the file.

    `delimiter` is the delimiter's name (comma, semicolon, tab or pipe).
    """
    by_name = {name: char for char, name in DELIMITERS.items()}
    return ImportOptions(
        decimal=None if decimal == DETECT else decimal,
        encoding=None if encoding == DETECT else encoding,
        delimiter=by_name.get(delimiter),
        date_format=date_format.strip() or None,
    )
