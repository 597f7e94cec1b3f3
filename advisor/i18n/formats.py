"""Numbers, money, percentages, dates and lists in the current language's conventions (Babel).

English keeps the house style every report has used (`€720,000`, `12.5%`, `6 December 2026`,
`a, b and c`); Spanish follows Spain's (`720.000 €`, `12,5 %`, `6 de diciembre de 2026`,
`a, b y c`). In the pseudo-language each value is formatted as English and wrapped in ⟦…⟧, so a
test can tell a formatted value from text that was never translated.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

from advisor.i18n import CLOSE, ENGLISH, OPEN, PSEUDO, SPANISH, current

# Babel is imported by the first figure formatted: a command that formats none never loads it.
if TYPE_CHECKING:
    from babel import Locale

# The Babel locale behind each language. English keeps the house style on top of it: day before
# month ("6 December 2026"), no comma before the last item of a list ("a, b and c").
_LOCALES = {ENGLISH: "en", SPANISH: "es_ES"}
_DATE_PATTERNS = {ENGLISH: "d MMMM y", SPANISH: "d 'de' MMMM 'de' y"}


def _language() -> str:
    code = current()
    return ENGLISH if code == PSEUDO else code


def _marked(text: str) -> str:
    return f"{OPEN}{text}{CLOSE}" if current() == PSEUDO else text


@cache
def _locale(code: str) -> Locale:
    from babel import Locale

    return Locale.parse(_LOCALES.get(code, "en"))


@cache
def _money_pattern(code: str) -> str:
    """The locale's currency pattern without decimals: '¤#,##0', '#,##0 ¤'."""
    pattern: str = _locale(code).currency_formats["standard"].pattern
    return pattern.split(";")[0].replace(".00", "")


@cache
def _percent_pattern(code: str, digits: int) -> str:
    pattern: str = _locale(code).percent_formats[None].pattern.split(";")[0]
    return pattern.replace("#,##0", "#,##0" + ("." + "#" * digits if digits else ""), 1)


# Past this, Babel's decimal arithmetic gives up; such figures (a probe of an extreme profile)
# are written plainly rather than refused.
_LARGEST = 1e24


def _plain(value: float, digits: int) -> str | None:
    """A non-finite or astronomically large figure, written without the locale's grouping."""
    if math.isfinite(value) and abs(value) < _LARGEST:
        return None
    return f"{value:,.{digits}f}" if math.isfinite(value) else str(value)


def number(value: float, digits: int = 0) -> str:
    """A number grouped the locale's way, to at most `digits` decimals: '1,240', '12.500,5'."""
    from babel.numbers import format_decimal

    plain = _plain(value, digits)
    if plain is not None:
        return plain
    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return format_decimal(value, pattern, locale=_locale(_language()))


def money(amount: float, currency: str = "EUR") -> str:
    """A whole amount of money: '€720,000' in English, '720.000 €' in Spanish."""
    from babel.numbers import format_currency

    code = _language()
    plain = _plain(amount, 0)
    if plain is not None:
        return (
            f"{_SYMBOLS.get(currency, '')}{plain}"
            if currency in _SYMBOLS
            else f"{plain} {currency}"
        )
    if code == ENGLISH and currency not in _SYMBOLS:
        return f"{round(amount):,} {currency}"  # '720,000 CHF': the code after the amount
    return format_currency(
        round(amount),
        currency,
        format=_money_pattern(code),
        locale=_locale(code),
        currency_digits=False,
    )


def short_money(amount: float, currency: str = "EUR") -> str:
    """A rounded amount for a sentence: '€410k', '€4.1M' in English; '410 mil €', '4,1 M€'."""
    from babel.numbers import format_compact_currency

    code = _language()
    if code == ENGLISH:
        return _short_money_english(amount, currency)
    if abs(amount) < 1000:
        return money(amount, currency)
    return _marked(
        format_compact_currency(amount, currency, locale=_locale(code), fraction_digits=1)
    )


_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£"}


def _short_money_english(amount: float, currency: str) -> str:
    size = abs(amount)
    if size >= 1_000_000:
        text = f"{amount / 1_000_000:.1f}".rstrip("0").rstrip(".") + "M"
    elif size >= 10_000:
        text = f"{amount / 1000:.0f}k"
    elif size >= 1000:
        text = f"{amount / 1000:.1f}".rstrip("0").rstrip(".") + "k"
    else:
        return money(amount, currency)
    symbol = _SYMBOLS.get(currency)
    return f"{symbol}{text}" if symbol else f"{text} {currency}"


def percent(rate: float, digits: int = 1) -> str:
    """A share to at most `digits` decimals, trailing zeros dropped: '12.5%', '12,5 %'."""
    from babel.numbers import format_percent

    code = _language()
    plain = _plain(rate * 100, digits)
    if plain is not None:
        return (plain.rstrip("0").rstrip(".") if "." in plain else plain) + "%"
    return format_percent(rate, _percent_pattern(code, digits), locale=_locale(code))


def long_date(day: dt.date) -> str:
    """A date in a sentence: '6 December 2026', '6 de diciembre de 2026'."""
    from babel.dates import format_date

    code = _language()
    return _marked(format_date(day, _DATE_PATTERNS[code], locale=_locale(code)))


def month_label(day: dt.date) -> str:
    """A month on a chart's axis or in a table: 'Jan 2027', 'ene 2027'."""
    from babel.dates import format_date

    code = _language()
    text = format_date(day, "MMM y", locale=_locale(code))
    return _marked(text.replace(".", "") if code == SPANISH else text)


def joined(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c' — 'a, b y c' in Spanish, 'a e hijos' before an i- sound."""
    from babel.lists import format_list

    if len(items) <= 1:
        return "".join(items)
    code = _language()
    if code == ENGLISH:
        text = ", ".join(items[:-1]) + " and " + items[-1]
        return (
            text
            if current() != PSEUDO
            else ", ".join(items[:-1]) + f"{OPEN} and {CLOSE}" + items[-1]
        )
    text = format_list(list(items), locale=_locale(code))
    last = items[-1].lower()
    if (
        code == SPANISH
        and last.startswith(("i", "hi"))
        and not last.startswith(("hia", "hie", "hio"))
    ):
        text = text[: len(text) - len(items[-1]) - 3] + " e " + items[-1]
    return text


def hours(amount: float) -> str:
    """Hours of work, to a tenth where it matters: '12 h', '7.5 h', '7,5 h'."""
    if _language() == ENGLISH:
        return _english_hours(amount)
    return number(round(float(amount), 1), 1) + "\u00a0h"


def _english_hours(amount: float) -> str:
    rounded = round(float(amount), 1)
    return f"{rounded:,.0f} h" if rounded.is_integer() else f"{rounded:,.1f} h"
