"""Reading one value of a profile: numbers, rates, money strings by locale, counts, choices.

Each parser raises ValueError with a message shown to the user after the field name, so the
message says what was expected.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from enum import StrEnum
from typing import Any

from advisor.i18n import N_, _
from advisor.i18n.formats import number as grouped
from advisor.problems import suggest
from advisor.yamlio import yaml_hint

# The documented ceilings: a count above MAX_COUNT or an amount above MAX_MONEY is a unit or
# typing mistake, and refusing it keeps every figure shown exact (a float echoes 10**30 as
# 1000000000000000019884624838656). A cost below MIN_COST is refused too: the figures divide
# by it, and 5e-324 would print "inf×".
MAX_COUNT = 10_000_000
MAX_MONEY = 1e12
MIN_COST = 1.0

# A number as text: digits with single underscores between them (as YAML and Python allow),
# an optional decimal point and an optional exponent. "1__0" and "_1" are not numbers.
_NUMBER_TEXT = re.compile(
    r"[-+]?(?:[0-9]+(?:_[0-9]+)*)?(?:\.[0-9]+(?:_[0-9]+)*)?(?:[eE][-+]?[0-9]+)?"
)

# Money text, read by the same locale rules as the CRM importer: thousands in groups of three
# with one mark, the other mark (or a lone mark not followed by exactly three digits) decimal.
_MONEY_MARKS = re.compile(r"[\s\u00a0\u202f'’€$£]|\b(?:EUR|USD|GBP|CHF)\b", re.IGNORECASE)
_DOT_GROUPS = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+")
_COMMA_GROUPS = re.compile(r"[1-9][0-9]{0,2}(?:,[0-9]{3})+")
_POINT_MONEY = re.compile(r"(?:[1-9][0-9]{0,2}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")
_COMMA_MONEY = re.compile(r"(?:[1-9][0-9]{0,2}(?:\.[0-9]{3})+|[0-9]+)(?:,[0-9]+)?")


def _reject_bool(value: object) -> None:
    if isinstance(value, bool):
        raise ValueError(_("{value} is a yes/no value, expected a number", value=repr(value)))


def _parse_number(value: object) -> float:
    _reject_bool(value)
    if isinstance(value, str):
        text = value.strip()
        if not text or not _NUMBER_TEXT.fullmatch(text):
            raise ValueError(
                _("'{value}' is not a number{hint}", value=value, hint=yaml_hint(value))
            )
        number = float(text.replace("_", ""))
    elif isinstance(value, int):
        if abs(value) > MAX_MONEY:
            # Compared as an integer: float() would round it, or overflow past 1e308.
            raise ValueError(
                _(
                    "{value} is implausibly large (counts stop at {max_count}, amounts at {max_money})",
                    value=_shown_large(value),
                    max_count=grouped(MAX_COUNT),
                    max_money=grouped(MAX_MONEY),
                )
            )
        number = float(value)
    elif isinstance(value, float):
        number = value
    else:
        raise ValueError(_("expected a number, got {kind}", kind=type(value).__name__))
    if not math.isfinite(number):
        raise ValueError(_("{value} is not a finite number", value=repr(value)))
    return number


def _shown_large(value: int) -> str:
    digits = len(str(abs(value)))
    # Translators: an integer too long to print, by its count of digits
    return _("a {digits}-digit number", digits=digits) if digits > 15 else grouped(value)


def _money_text(value: str) -> float:
    """A money string read like a CRM cell: '36,000.50', '36.000,50', '€36 000'; refuses '36.000'."""
    body = _MONEY_MARKS.sub("", value.strip())
    negative = body.startswith("-")
    body = body.removeprefix("-").removeprefix("+")
    if _NUMBER_TEXT.fullmatch(body) and "_" in body:
        return _parse_number(body) * (-1 if negative else 1)
    ambiguous = _DOT_GROUPS.fullmatch(body) or _COMMA_GROUPS.fullmatch(body)
    if ambiguous and len(re.findall(r"[.,]", body)) == 1:
        mark = body[-4]
        grouped = body.replace(mark, "")
        decimal = f"{float(body.replace(mark, '.')):g}"
        raise ValueError(
            _(
                "'{value}' is ambiguous: {grouped} if the '{mark}' groups thousands, {decimal} if it marks decimals; write the plain digits ({grouped} or {decimal})",
                value=value,
                grouped=grouped,
                mark=mark,
                decimal=decimal,
            )
        )
    if _POINT_MONEY.fullmatch(body):
        number = float(body.replace(",", ""))
    elif _COMMA_MONEY.fullmatch(body):
        number = float(body.replace(".", "").replace(",", "."))
    else:
        raise ValueError(_("'{value}' is not an amount{hint}", value=value, hint=yaml_hint(value)))
    return -number if negative else number


def parse_rate(value: object) -> float:
    """Accept 0.12 or "12%"; refuse 12 with a hint, so a percent is never read as 1200%."""
    if isinstance(value, str) and value.strip().endswith("%"):
        number = _parse_number(value.strip()[:-1])
        if not 0 <= number <= 100:
            raise ValueError(_("'{value}' is not a percentage between 0% and 100%", value=value))
        return number / 100
    number = _parse_number(value)
    if number > 1 and number <= 100:
        shown = int(number) if number.is_integer() else number
        raise ValueError(
            _('{shown} is not a rate between 0 and 1; did you mean "{shown}%"?', shown=shown)
        )
    if not 0 <= number <= 1:
        raise ValueError(_("{value} is not a rate between 0 and 1", value=value))
    return number


def parse_net_rate(value: object) -> float:
    """NRR-like rates may exceed 100%: accept 1.08 or "108%", refuse a bare 108 with a hint."""
    if isinstance(value, str) and value.strip().endswith("%"):
        number = _parse_number(value.strip()[:-1])
        if not 0 <= number <= 500:
            raise ValueError(_("'{value}' is not a percentage between 0% and 500%", value=value))
        return number / 100
    number = _parse_number(value)
    if 5 < number <= 500:
        shown = int(number) if number.is_integer() else number
        raise ValueError(
            _('{shown} is not a ratio like 1.08; did you mean "{shown}%"?', shown=shown)
        )
    if not 0 <= number <= 5:
        raise ValueError(_("{value} is not a ratio between 0 and 5 (0% to 500%)", value=value))
    return number


def parse_grr(value: object) -> float:
    """GRR counts revenue kept before expansion, so a value above 100% is impossible, not a typo."""
    if isinstance(value, str) and value.strip().endswith("%"):
        number = _parse_number(value.strip()[:-1])
        if number > 100:
            raise ValueError(
                _(
                    "'{value}' is above 100%: {grr_ceiling}",
                    value=value,
                    grr_ceiling=_(_GRR_CEILING),
                )
            )
        return parse_rate(value)
    number = _parse_number(value)
    if 1 < number <= 5:
        raise ValueError(
            _(
                "{number} ({number2}) is above 100%: {grr_ceiling}",
                number=format(number, "g"),
                number2=format(number, ".0%"),
                grr_ceiling=_(_GRR_CEILING),
            )
        )
    return parse_rate(value)


_GRR_CEILING = N_(
    "gross revenue retention leaves expansion out, so it can never exceed 100% "
    "(a figure above 100% belongs in nrr)"
)


def parse_count(value: object) -> int:
    number = _parse_number(value)
    if not number.is_integer():
        raise ValueError(_("{value} is not a whole number", value=value))
    if number < 0:
        raise ValueError(
            _("{number} is negative; expected a count of 0 or more", number=int(number))
        )
    if number > MAX_COUNT:
        raise ValueError(
            _(
                "{value} is implausibly large for a count (the limit is {max_count})",
                value=_shown_large(int(number)),
                max_count=grouped(MAX_COUNT),
            )
        )
    return int(number)


def parse_money(value: object) -> float:
    number = _money_text(value) if isinstance(value, str) else _parse_number(value)
    if number < 0:
        raise ValueError(
            _(
                "{number} is negative; expected an amount of 0 or more",
                number=format(number, ",.2f"),
            )
        )
    if number > MAX_MONEY:
        raise ValueError(
            _(
                "{number} is implausibly large for an amount (the limit is {max_money})",
                number=format(number, ".3g"),
                max_money=grouped(MAX_MONEY),
            )
        )
    return number


def parse_positive_money(value: object) -> float:
    number = parse_money(value)
    if number == 0:
        raise ValueError(_("0 is not a cost; leave the field out to use the benchmark"))
    if number < MIN_COST:
        raise ValueError(
            _(
                "{number} is below the floor of {min_cost} (one unit of the currency) for a yearly cost; write the amount per year in whole units, or leave the field out to use the benchmark",
                number=format(number, ".3g"),
                min_cost=grouped(MIN_COST),
            )
        )
    return number


def parse_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        text = value.strip().lower()
        if text in {"true", "yes", "y", "1"}:
            return True
        if text in {"false", "no", "n", "0"}:
            return False
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    raise ValueError(_("{value} is not yes/no (true or false)", value=repr(value)))


def parse_nps(value: object) -> float:
    number = _parse_number(value)
    if not -100 <= number <= 100:
        raise ValueError(
            _("{number} is not an NPS between -100 and 100", number=format(number, "g"))
        )
    return number


# Active ISO 4217 currency codes.
ISO_4217 = frozenset(
    """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP
    BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP
    GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR
    KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK
    MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR
    SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS
    UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG
    """.split()
)


def parse_currency(value: object) -> str:
    text = value.strip().upper() if isinstance(value, str) else ""
    if text not in ISO_4217:
        hint = suggest(text, ISO_4217) if text else ""
        raise ValueError(
            _(
                "{value} is not an ISO 4217 currency code such as EUR or USD{hint}",
                value=repr(value),
                hint=hint,
            )
        )
    return text


# Codes people write for a country that ISO 3166-1 spells otherwise.
_COUNTRY_ALIASES = {"UK": "GB", "EL": "GR"}


def parse_country(value: object) -> str | None:
    """A country as ISO 3166-1 alpha-2 ("es" reads as "ES"); empty is 'not provided'."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = value.strip().upper() if isinstance(value, str) else ""
    if text in _COUNTRY_ALIASES:
        raise ValueError(
            _(
                "{value} is not an ISO 3166-1 country code: write {value2}",
                value=repr(value),
                value2=repr(_COUNTRY_ALIASES[text]),
            )
        )
    if not re.fullmatch(r"[A-Z]{2}", text):
        raise ValueError(
            _(
                "{value} is not an ISO 3166-1 alpha-2 country code: write two letters such as ES, DE, FR, GB or US{hint}",
                value=repr(value),
                hint=yaml_hint(value),
            )
        )
    return text


def parse_text(value: object) -> str:
    if not isinstance(value, str):
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        raise ValueError(
            _("expected text, got {kind}{hint}", kind=type(value).__name__, hint=yaml_hint(value))
        )
    return value


# A list of short texts (buyer personas, languages) is one text with its items separated by
# ";" in a form box, a link or a CSV cell, or a YAML/JSON list in a profile file; either way it
# is kept as one text, each item trimmed and the items joined by "; ".
LIST_SEPARATOR = ";"
MAX_LIST_ITEMS = 12
MAX_SHORT_TEXT = 80


def parse_short_text(value: object) -> str | None:
    """An optional one-line text of at most MAX_SHORT_TEXT characters; blank is not given."""
    if value is None:
        return None
    text = " ".join(parse_text(value).split())
    if len(text) > MAX_SHORT_TEXT:
        raise ValueError(
            _(
                "is longer than {max_short_text} characters: shorten it",
                max_short_text=MAX_SHORT_TEXT,
            )
        )
    return text or None


def parse_text_list(value: object) -> str | None:
    """A list of short texts, as "a; b; c" or a list; None when no item is given."""
    if value is None:
        return None
    if isinstance(value, list | tuple):
        pieces = []
        for item in value:
            if isinstance(item, str) and LIST_SEPARATOR in item:
                raise ValueError(
                    _(
                        "the item {item} holds ';', which separates items: make it two items",
                        item=repr(item),
                    )
                )
            pieces.append(parse_text(item))
    else:
        pieces = parse_text(value).split(LIST_SEPARATOR)
    items = [text for text in (parse_short_text(piece) for piece in pieces) if text]
    if len(items) > MAX_LIST_ITEMS:
        raise ValueError(
            _(
                "has {count} items; keep it to {max_list_items} at most",
                count=len(items),
                max_list_items=MAX_LIST_ITEMS,
            )
        )
    seen: set[str] = set()
    for item in items:
        if item.casefold() in seen:
            raise ValueError(_("names {item} twice: give each item once", item=repr(item)))
        seen.add(item.casefold())
    return f"{LIST_SEPARATOR} ".join(items) or None


def text_list(text: str | None) -> tuple[str, ...]:
    """The items of a list field's text."""
    return tuple(item.strip() for item in (text or "").split(LIST_SEPARATOR) if item.strip())


def parse_iso_date(value: object) -> str | None:
    """An optional calendar date, kept as YYYY-MM-DD (a YAML file may give it unquoted)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        raise ValueError(
            _("{value} has a time of day: give the date alone, as YYYY-MM-DD", value=value)
        )
    if isinstance(value, dt.date):
        return value.isoformat()
    text = parse_text(value).strip()
    if not text:
        return None
    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            raise ValueError
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise ValueError(
            _("{text} is not a date: write it as YYYY-MM-DD, e.g. 2027-03-01", text=repr(text))
        ) from None


def parse_company_name(value: object) -> str:
    text = parse_text(value).strip()
    if not text:
        raise ValueError(_("must not be empty"))
    return text


def enum_parser(enum: type[StrEnum]) -> Any:
    choices = [member.value for member in enum]

    def parse(value: object) -> StrEnum:
        if isinstance(value, enum):
            return value
        text = value.strip().lower() if isinstance(value, str) else value
        if isinstance(text, str) and text in choices:
            return enum(text)
        hint = ""
        if isinstance(text, str):
            hint = suggest(text.replace("-", "_").replace(" ", "_"), choices)
        raise ValueError(
            _(
                "{value} is not one of {choices}{hint}",
                value=repr(value),
                choices=", ".join(choices),
                hint=hint or yaml_hint(value),
            )
        )

    return parse


# Renewals by month, as a CRM export's calendar gives them: "2027-01:3 2027-02:1". The profile
# keeps this one canonical text (months in order, each once) so a link, a YAML file and the form
# all carry the same value; a YAML mapping {2027-01: 3} is read into it too.
MAX_RENEWAL_MONTHS = 36
_RENEWAL_ITEM = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})\s*[:=]\s*(?P<count>\S+)")


def _renewal_items(value: object) -> list[tuple[str, object]]:
    if isinstance(value, dict):
        return [(str(key), count) for key, count in value.items()]
    if not isinstance(value, str):
        raise ValueError(
            _(
                "expected months with their renewals, e.g. '2027-01:3 2027-02:1', got {kind}{hint}",
                kind=type(value).__name__,
                hint=yaml_hint(value),
            )
        )
    items = []
    for part in re.split(r"[,;\s]+(?=\d{4}-)", value.strip()):
        if part:
            key, _sep, count = part.replace("=", ":").partition(":")
            items.append((key.strip(), count.strip().rstrip(",;")))
    return items


def parse_renewal_months(value: object) -> str | None:
    """Renewals due by month as the canonical text "YYYY-MM:N YYYY-MM:N" (in month order);
    None when no month is given."""
    if value is None:
        return None
    months: dict[tuple[int, int], int] = {}
    for key, count in _renewal_items(value):
        match = re.fullmatch(r"(\d{4})-(\d{1,2})", key)
        if match is None or not 1 <= int(match[2]) <= 12 or not 1900 <= int(match[1]) <= 9999:
            raise ValueError(
                _("{key} is not a month written YYYY-MM (e.g. 2027-01)", key=repr(key))
            )
        month = (int(match[1]), int(match[2]))
        if count == "":
            raise ValueError(_("{key} has no number of renewals; write it as {key}:3", key=key))
        if month in months:
            raise ValueError(_("{key} is given twice", key=key))
        try:
            months[month] = parse_count(count)
        except ValueError as error:
            raise ValueError(_("{key}: {error}", key=key, error=error)) from None
    if len(months) > MAX_RENEWAL_MONTHS:
        raise ValueError(
            _(
                "{count} months given; at most {max_renewal_months} are read",
                count=len(months),
                max_renewal_months=MAX_RENEWAL_MONTHS,
            )
        )
    if not months:
        return None
    return " ".join(
        f"{year:04d}-{month:02d}:{months[year, month]}" for year, month in sorted(months)
    )


def renewal_months(text: str | None) -> dict[tuple[int, int], int]:
    """The canonical text back as {(year, month): renewals}."""
    if not text:
        return {}
    return {
        (int(item["year"]), int(item["month"])): int(item["count"])
        for item in _RENEWAL_ITEM.finditer(text)
    }
