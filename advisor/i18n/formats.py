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
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING

from advisor.i18n import CLOSE, ENGLISH, OPEN, PSEUDO, SPANISH, current

# Babel is imported by the first figure formatted, not by every process that imports the layer.
if TYPE_CHECKING:
    from babel import Locale
    from babel.numbers import NumberPattern

# The Babel locale behind each language. English keeps the house style on top of it: day before
# month ("6 December 2026"), no comma before the last item of a list ("a, b and c").
_LOCALES = {ENGLISH: "en", SPANISH: "es_ES"}
_DATE_PATTERNS = {ENGLISH: "d MMMM y", SPANISH: "d 'de' MMMM 'de' y"}
_ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


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
    if code == ENGLISH:
        return _ENGLISH_MONEY
    pattern: str = _locale(code).currency_formats["standard"].pattern
    return pattern.split(";")[0].replace(".00", "")


@cache
def _percent_pattern(code: str, digits: int) -> str:
    pattern: str = (
        _ENGLISH_PERCENT
        if code == ENGLISH
        else _locale(code).percent_formats[None].pattern.split(";")[0]
    )
    return pattern.replace("#,##0", "#,##0" + ("." + "#" * digits if digits else ""), 1)


class _Pattern:
    """One number pattern of one locale, prepared once: what Babel's `NumberPattern.apply` does
    with it, without looking the locale's symbols and the currency's up again at every call.
    A pattern with an exponent or significant digits, or a quote in its text or symbols, is
    left to Babel itself (`babel`, with its locale and currency)."""

    def __init__(
        self,
        affixes: tuple[tuple[str, str], tuple[str, str]],
        scale: int,
        int_prec: int,
        grouping: tuple[int, int],
        frac_prec: tuple[int, int],
        symbols: tuple[str, str],
        babel: tuple[NumberPattern, Locale, str | None] | None = None,
    ) -> None:
        (self.prefix, self.suffix), self.scale, self.min_int = affixes, scale, int_prec
        self.first_group, self.next_group = grouping
        self.min_frac, self.max_frac = frac_prec
        self.quantum = Decimal(10) ** -self.max_frac  # as Babel's `get_decimal_quantum`
        self.group, self.decimal = symbols
        self.babel = babel
        texts = "".join((*self.prefix, *self.suffix, self.group, self.decimal))
        self.prepared = babel is None or not (
            babel[0].exp_prec or "@" in babel[0].pattern or "'" in texts
        )

    def apply(self, value: float) -> str:
        if not self.prepared and self.babel is not None:
            pattern, locale, currency = self.babel
            return str(pattern.apply(value, locale, currency=currency, currency_digits=False))
        if type(value) is int and not self.scale:  # a whole number: its digits as they are
            negative = int(value < 0)
            text = self._grouped(str(abs(value))) + self._fraction("0")
            return self.prefix[negative] + text + self.suffix[negative]
        number = Decimal(str(value)).scaleb(self.scale)
        negative = int(number.is_signed())
        rounded = abs(number).normalize().quantize(self.quantum)
        whole, _point, fraction = f"{rounded:f}".partition(".")
        text = self._grouped(whole) + self._fraction(fraction or "0")
        return self.prefix[negative] + text + self.suffix[negative]

    def _grouped(self, digits: str) -> str:
        if len(digits) < self.min_int:
            digits = "0" * (self.min_int - len(digits)) + digits
        size, grouped = self.first_group, ""
        while len(digits) > size:
            grouped = self.group + digits[-size:] + grouped
            digits = digits[:-size]
            size = self.next_group
        return digits + grouped

    def _fraction(self, digits: str) -> str:
        if len(digits) < self.min_frac:
            digits += "0" * (self.min_frac - len(digits))
        if self.max_frac == 0 or (self.min_frac == 0 and int(digits) == 0):
            return ""
        while len(digits) > self.min_frac and digits[-1] == "0":
            digits = digits[:-1]
        return self.decimal + digits


@cache
def _pattern(code: str, pattern: str, currency: str | None = None) -> _Pattern:
    """A pattern prepared for one language (and currency), once per process."""
    if code == ENGLISH:
        english = _english_pattern(pattern, currency)
        if english is not None:
            return english
    from babel.numbers import (
        get_currency_symbol,
        get_decimal_symbol,
        get_group_symbol,
        parse_pattern,
    )

    parsed, locale = parse_pattern(pattern), _locale(code)
    symbol = get_currency_symbol(currency, locale) if currency else ""
    return _Pattern(
        (
            (parsed.prefix[0].replace("¤", symbol), parsed.prefix[1].replace("¤", symbol)),
            (parsed.suffix[0].replace("¤", symbol), parsed.suffix[1].replace("¤", symbol)),
        ),
        parsed.scale,
        parsed.int_prec[0],
        parsed.grouping,
        parsed.frac_prec,
        (
            get_group_symbol(locale, numbering_system="latn"),
            get_decimal_symbol(locale, numbering_system="latn"),
        ),
        (parsed, locale, currency),
    )


# English's patterns and symbols as Babel's locale data writes them (the number-pattern tests
# hold the two to the same text), so that a process writing English figures never loads Babel:
# grouping by three with a comma, a decimal point, a minus sign before a prefix, the percent
# sign after the number, the currency symbol before it.
_ENGLISH_MONEY, _ENGLISH_PERCENT = "¤#,##0", "#,##0%"


def _english_pattern(pattern: str, currency: str | None) -> _Pattern | None:
    """The plain English patterns this module writes (`#,##0` with optional decimals, as a
    percentage, or after a currency symbol), prepared without Babel; None for any other."""
    body = pattern.removeprefix("¤")
    money, percent = body != pattern, body.endswith("%")
    whole, point, fraction = body.removesuffix("%").partition(".")
    if whole != "#,##0" or (point and not fraction) or fraction.strip("#"):
        return None
    if money and (percent or currency not in _SYMBOLS):
        return None
    symbol = _SYMBOLS[currency] if money and currency else ""
    suffix = "%" if percent else ""
    return _Pattern(
        ((symbol, "-" + symbol), (suffix, suffix)),
        2 if percent else 0,
        1,
        (3, 3),
        (0, len(fraction)),
        (",", "."),
    )


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
    plain = _plain(value, digits)
    if plain is not None:
        return plain
    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return _pattern(_language(), pattern).apply(value)


def money(amount: float, currency: str = "EUR") -> str:
    """A whole amount of money: '€720,000' in English, '720.000 €' in Spanish."""
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
    return _pattern(code, _money_pattern(code), currency).apply(round(amount))


def short_money(amount: float, currency: str = "EUR") -> str:
    """A rounded amount for a sentence: '€410k', '€4.1M' in English; '410 mil €', '4,1 M€'."""
    code = _language()
    if code == ENGLISH:
        return _short_money_english(amount, currency)
    if abs(amount) < 1000:
        return money(amount, currency)
    from babel.numbers import format_compact_currency

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
    code = _language()
    plain = _plain(rate * 100, digits)
    if plain is not None:
        return (plain.rstrip("0").rstrip(".") if "." in plain else plain) + "%"
    return _pattern(code, _percent_pattern(code, digits)).apply(rate)


def long_date(day: dt.date) -> str:
    """A date in a sentence: '6 December 2026', '6 de diciembre de 2026'."""
    code = _language()
    if code == ENGLISH:  # Babel's "d MMMM y" in English, without loading Babel
        return _marked(f"{day.day} {_ENGLISH_MONTHS[day.month - 1]} {day.year}")
    from babel.dates import format_date

    return _marked(format_date(day, _DATE_PATTERNS[code], locale=_locale(code)))


def month_label(day: dt.date) -> str:
    """A month on a chart's axis or in a table: 'Jan 2027', 'ene 2027'."""
    code = _language()
    if code == ENGLISH:  # Babel's "MMM y" in English, without loading Babel
        return _marked(f"{_ENGLISH_MONTHS[day.month - 1][:3]} {day.year}")
    from babel.dates import format_date

    text = format_date(day, "MMM y", locale=_locale(code))
    return _marked(text.replace(".", "") if code == SPANISH else text)


def joined(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c' — 'a, b y c' in Spanish, 'a e hijos' before an i- sound."""
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
    from babel.lists import format_list

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
