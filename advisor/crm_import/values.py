"""Per-row values beyond the amount itself: billing period, quantity, currency, date format.

An amount is made annual here: charged every month it is multiplied by 12 (every week by 52,
every quarter by 4, every day by 365), per unit it is multiplied by the quantity, in cents it
is divided by 100, and in another currency it is converted at the rate given for it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from advisor.crm_import.amounts import FloatArray, is_text, positions
from advisor.crm_import.records import cell_text
from advisor.crm_import.text_cells import TextCells
from advisor.crm_import.vocabulary import vocabulary
from advisor.i18n import _
from advisor.i18n.formats import number

# Charges per year for each way a system writes its billing period.
PERIODS_PER_YEAR = {
    "year": 1.0,
    "yearly": 1.0,
    "annual": 1.0,
    "annually": 1.0,
    "annualy": 1.0,
    "12 months": 1.0,
    "month": 12.0,
    "monthly": 12.0,
    "mo": 12.0,
    "quarter": 4.0,
    "quarterly": 4.0,
    "3 months": 4.0,
    "semiannual": 2.0,
    "half year": 2.0,
    "6 months": 2.0,
    "week": 52.0,
    "weekly": 52.0,
    "day": 365.0,
    "daily": 365.0,
}
ONE_TIME = frozenset({"one time", "one_time", "onetime", "once", "one off"})


def _key(value: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", value.casefold()))


# Other languages' billing periods (the vocabulary files: "Mensual", "Anual", …).
PERIODS_PER_YEAR.update({_key(word): per_year for word, per_year in vocabulary().periods.items()})


@dataclass
class Factors:
    """What each row's amount is multiplied by, and why some rows cannot be annualised."""

    values: FloatArray
    problems: dict[int, str]
    # The billing periods found, as written, with their charges a year (in file order).
    periods: dict[str, float] = field(default_factory=dict)


def period_factors(
    cells: Sequence[Any], already_annual: bool, own: Mapping[str, float] | None = None
) -> Factors:
    """Charges per year from a billing-period column; one-time and unknown periods refused.

    `already_annual`: the amount column is annualised by the system itself, so the period only
    tells recurring rows from one-time ones. `own`: the period words of the file's system alone
    (Holded's "Bimensual" is every two months), read before the shared ones.
    """
    text = [cell_text(cell).strip() for cell in cells]
    known = {value: _key(value) for value in set(text)}
    periods = {**PERIODS_PER_YEAR, **{_key(word): n for word, n in (own or {}).items()}}
    factors = np.ones(len(text), dtype="float64")
    problems: dict[int, str] = {}
    found: dict[str, float] = {}
    accepted = ", ".join(sorted({*periods, "one_time"}))
    for position, value in enumerate(text):
        key = known[value]
        if not key:
            continue  # no period given: the amount is read as yearly
        if key in ONE_TIME or key.replace(" ", "_") in ONE_TIME:
            problems[position] = _(
                "'{value}' is a one-time amount, not recurring revenue", value=value
            )
        elif key in periods:
            factors[position] = 1.0 if already_annual else periods[key]
            found.setdefault(value, periods[key])
        else:
            # Translators: {periods} lists the period words read, as they are typed.
            problems[position] = _(
                "billing period '{value}' is not one of {periods}", value=value, periods=accepted
            )
    return Factors(factors, problems, found)


def annualised_note(header: str, periods: Mapping[str, float]) -> str:
    """How the amounts were made yearly, by the period words the file holds."""
    shown = ", ".join(f"{word} × {number(times, 6)}" for word, times in periods.items())
    # Translators: {periods} is "monthly × 12, yearly × 1" (the file's words and charges a year).
    return _(
        "amounts annualised by '{column}' (charges a year): {periods}; an empty period is read "
        "as yearly",
        column=header,
        periods=shown or _("no period given"),
    )


def quantities(cells: Sequence[Any]) -> Factors:
    """Units per row (an empty cell is one unit); negative or unreadable counts refused."""
    text = [cell_text(cell).strip() for cell in cells]
    series = pd.Series(text, dtype="str").str.replace(",", ".", regex=False)
    number = series.str.fullmatch(r"-?[0-9]+(?:\.[0-9]+)?").fillna(False).astype(bool)
    array = pd.to_numeric(series.where(number), errors="coerce").to_numpy(dtype="float64")
    found: dict[int, str] = {}
    for position in positions(np.isnan(array)):
        if text[position]:
            found[position] = _("quantity '{value}' is not a number", value=text[position])
    for position in positions(np.nan_to_num(array) < 0):
        found[position] = _("quantity {value} is negative", value=text[position])
    array = np.where(np.isnan(array), 1.0, array)
    for position in found:
        array[position] = math.nan
    return Factors(array, found)


_SYMBOLS = {"€": "EUR", "$": "USD", "£": "GBP", "US$": "USD"}


def currency_codes(cells: Sequence[Any]) -> list[str]:
    """Each row's currency code from a currency column ("" where empty)."""
    codes = []
    for cell in cells:
        text = cell_text(cell).strip()
        codes.append(_SYMBOLS.get(text, text.upper()))
    return codes


@dataclass(frozen=True)
class CurrencyChoice:
    currency: str | None  # the report's currency
    source: str  # how it was chosen, for the report


def choose_currency(row_codes: Sequence[str], case: str | None, column: str) -> CurrencyChoice:
    """The report's currency: the file's own (its most frequent one), else the case's.

    Amounts nothing marks are in that currency; rows in another one are converted at the
    rates given, or refused.
    """
    tallied = pd.Series(row_codes, dtype=object).value_counts()
    counts = {str(code): int(n) for code, n in zip(tallied.index, tallied.tolist(), strict=True)}
    return currency_of_counts(counts, case, column)


def currency_of_counts(counts: Mapping[str, int], case: str | None, column: str) -> CurrencyChoice:
    """`choose_currency` from how many rows each code is on ("" for none).

    On a tie the code listed first wins: list them in the order the rows first show them.
    """
    tally = Counter(counts)
    tally.pop("", None)
    if not tally:
        if case:
            return CurrencyChoice(case, _("the case's currency (the file names none)"))
        return CurrencyChoice(None, "")
    code = tally.most_common(1)[0][0]
    if len(tally) == 1:
        if column:
            return CurrencyChoice(code, _("from the column '{column}'", column=column))
        return CurrencyChoice(code, _("from the amounts' symbols"))
    if column:
        return CurrencyChoice(code, _("the most frequent in the column '{column}'", column=column))
    return CurrencyChoice(code, _("the most frequent in the amounts' symbols"))


def text_values(cells: Sequence[Any]) -> list[str]:
    return list(cells) if is_text(list(cells)) else [cell_text(c) for c in cells]


_SAMPLE = 5000  # rows looked at to tell a column's date format from a stray typing slip
_DAY_MONTH = re.compile(r"([0-9]{1,2})([./-])([0-9]{1,2})\2([0-9]{4})(?:[ T].*)?")


def infer_date_format(columns: Sequence[Sequence[Any]], default: str | None) -> str | None:
    """A date format the values prove: DD.MM.YYYY with dots, or D/M vs M/D with slashes.

    A first number above 12 proves day first, a second above 12 month first; when nothing
    decides, the layout's default (Salesforce's M/D/YYYY for en_US) applies, else None.
    """
    # How many rows are shaped D/M/YYYY is counted on a sample: a stray "31/12/2025" among
    # ISO dates is a typing slip to list, not the column's format.
    if not any(_may_be_day_month(cells) for cells in columns):
        return None  # no sampled value is shaped D/M/YYYY: nothing is counted below
    shaped = filled = 0
    for cells in columns:
        sample = [str(value).strip() for value in text_values(cells[:_SAMPLE])]
        filled += sum(1 for value in sample if value)
        shaped += sum(1 for value in sample if _DAY_MONTH.fullmatch(value))
    if not shaped or shaped * 2 < filled:
        return None
    separators: set[str] = set()
    day_first = month_first = False
    for cells in columns:
        for value in {str(value).strip() for value in set(text_values(cells))}:
            match = _DAY_MONTH.fullmatch(value)
            if match is None:
                continue
            first, sep, second = int(match.group(1)), match.group(2), int(match.group(3))
            separators.add(sep)
            day_first |= first > 12
            month_first |= second > 12
    if len(separators) != 1 or (day_first and month_first):
        return None
    sep = separators.pop()
    if day_first or (sep == "." and not month_first):
        return f"%d{sep}%m{sep}%Y"
    if month_first:
        return f"%m{sep}%d{sep}%Y"
    if default and default[2] == sep:
        return default
    return None


# What every value _DAY_MONTH matches holds, in a pattern RE2 runs (it has no backreference).
_DAY_MONTH_PART = r"[0-9][./-][0-9]{1,2}[./-][0-9]{4}"


def _may_be_day_month(cells: Sequence[Any]) -> bool:
    """False when no sampled text cell of an Arrow column could be shaped D/M/YYYY."""
    if not isinstance(cells, TextCells):
        return True
    sample = cells.series.iloc[:_SAMPLE]
    return bool(sample.str.contains(_DAY_MONTH_PART, regex=True).any())
