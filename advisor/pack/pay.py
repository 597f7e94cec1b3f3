"""The `pay:` section: an Account Manager's pay band per country (and city band where pay
differs by city), the base/variable mix, the employer's on-costs and how pay is expressed.

Each band gives the base and/or the on-target earnings (OTE) as low–high a year; the one not
given is worked out from the mix (OTE = base ÷ base share), and the band says so. A profile's
country and city band pick the band; the fully loaded cost is the pay plus the employer's
on-costs (`CountryPay.loaded`).
"""

from __future__ import annotations

import re
from typing import Any

import msgspec

from advisor.fields import CITY_BAND_COUNTRY
from advisor.i18n import N_, _
from advisor.i18n.formats import number
from advisor.pack.schema import Key, Schema, is_text, number_within
from advisor.problems import Problems
from advisor.yamlio import LineDict

CONTEXT = "pay"
NATIONAL = "national"  # the band for the whole country
MAX_PAY = 10_000_000.0


def _source_text(value: object) -> str | None:
    return None if is_text(value) else _("expected the source this figure comes from")


def _payments(value: object) -> str | None:
    fits = (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= 24 for n in value)
        and len(set(value)) == len(value)
    )
    if fits:
        return None
    return _("{value} is not a list of payments a year such as [14, 12]", value=repr(value))


def _AMOUNT(value: Any) -> str | None:
    check = number_within(
        0, MAX_PAY, N_("an amount a year above 0 and at most {most}"), most=number(MAX_PAY)
    )
    return check(value)


_RATE = number_within(0, 1, N_("a rate between 0 and 1"))
_SHARE = number_within(0, 1, N_("a share above 0 and at most 1"), above_low=True)
COUNTRY = Schema(
    (
        Key("name", lambda v: None if is_text(v) else _("expected the country's name")),
        Key("currency"),
        Key("payments"),
        Key("mix"),
        Key("on_costs"),
        Key("bands"),
    )
)
PAYMENTS = Schema((Key("each_year", _payments), Key("source", _source_text)))
MIX = Schema((Key("base_share", _SHARE), Key("source", _source_text)))
ON_COSTS = Schema(
    (
        Key("rate", _RATE),
        Key("above", number_within(0, MAX_PAY, N_("an amount a year from 0")), required=False),
        Key("source", _source_text),
    )
)
BAND = Schema(
    (Key("base", required=False), Key("ote", required=False), Key("source", _source_text))
)
RANGE = Schema((Key("low", _AMOUNT), Key("high", _AMOUNT)))


class PayBand(msgspec.Struct, frozen=True):
    """One band a year: base and OTE, low–high; `derived` names the part the mix gave."""

    id: str  # "national" or a city band
    base_low: float
    base_high: float
    ote_low: float
    ote_high: float
    derived: str  # "" | "base" | "ote"
    source: str

    @property
    def ote_expected(self) -> float:
        """The band's midpoint: the expected OTE."""
        return (self.ote_low + self.ote_high) / 2


class CountryPay(msgspec.Struct, frozen=True):
    """An Account Manager's pay in one country."""

    country: str  # ISO 3166-1 alpha-2
    name: str
    currency: str
    payments: tuple[int, ...]  # payments a year, the usual first
    payments_source: str
    base_share: float
    mix_source: str
    on_cost_rate: float
    on_cost_above: float  # the on-costs apply to pay above this amount a year
    on_cost_source: str
    bands: dict[str, PayBand]

    def loaded(self, pay: float) -> float:
        """Pay a year with the employer's on-costs: the fully loaded cost."""
        return pay + self.on_cost_rate * max(pay - self.on_cost_above, 0.0)

    def band(self, city_band: str | None) -> tuple[PayBand, bool]:
        """The band for a city band (or the whole country) and whether it is that narrow one.

        Without a city band of its own, the country's national band; without one, the
        city bands taken together (lowest low to highest high), which a city band narrows.
        """
        if city_band is not None and city_band in self.bands:
            return self.bands[city_band], True
        if NATIONAL in self.bands:
            return self.bands[NATIONAL], city_band is None
        every = list(self.bands.values())
        joined = PayBand(
            id=NATIONAL,
            base_low=min(b.base_low for b in every),
            base_high=max(b.base_high for b in every),
            ote_low=min(b.ote_low for b in every),
            ote_high=max(b.ote_high for b in every),
            derived=next((b.derived for b in every if b.derived), ""),
            source="; ".join(dict.fromkeys(b.source for b in every)),
        )
        return joined, False


class _Reader(msgspec.Struct):
    problems: Problems
    file: str

    def fail(self, line: int, path: str, message: str) -> None:
        self.problems.add(message, file=self.file, line=line, context=CONTEXT, path=path)

    def part(self, node: LineDict, key: str, schema: Schema, path: str) -> dict[str, Any] | None:
        """A mapping under `key` read against `schema`, or None after reporting what is wrong."""
        if key not in node:
            return None  # reported as a missing key
        value = node[key]
        if not isinstance(value, LineDict):
            self.fail(node.line_of(key), f"{path}.{key}", _("expected a mapping"))
            return None
        before = len(self.problems)
        values = schema.read(self.problems, self.file, value, CONTEXT, f"{path}.{key}.")
        return values if len(self.problems) == before else None

    def country(self, code: str, node: object, line: int) -> CountryPay | None:
        path = f"countries.{code}"
        if not re.fullmatch(r"[A-Z]{2}", str(code)):
            self.fail(line, path, _("a country must be an ISO 3166-1 alpha-2 code such as ES"))
            return None
        if not isinstance(node, LineDict):
            self.fail(line, path, _("expected name, currency, payments, mix, on_costs and bands"))
            return None
        before = len(self.problems)
        values = COUNTRY.read(self.problems, self.file, node, CONTEXT, f"{path}.")
        currency = values["currency"]
        if currency is not None and not re.fullmatch(r"[A-Z]{3}", str(currency)):
            self.fail(node.line_of("currency"), f"{path}.currency", _("expected an ISO 4217 code"))
        payments = self.part(node, "payments", PAYMENTS, path)
        mix = self.part(node, "mix", MIX, path)
        costs = self.part(node, "on_costs", ON_COSTS, path)
        bands = self.bands(code, node, path, mix["base_share"] if mix else None)
        if bands is None:
            return None
        if len(self.problems) > before or payments is None or mix is None or costs is None:
            return None
        return CountryPay(
            country=code,
            name=str(values["name"]).strip(),
            currency=str(currency),
            payments=tuple(payments["each_year"]),
            payments_source=str(payments["source"]),
            base_share=float(mix["base_share"]),
            mix_source=str(mix["source"]),
            on_cost_rate=float(costs["rate"]),
            on_cost_above=float(costs["above"] or 0.0),
            on_cost_source=str(costs["source"]),
            bands=bands,
        )

    def bands(
        self, code: str, node: LineDict, path: str, base_share: float | None
    ) -> dict[str, PayBand] | None:
        if "bands" not in node:
            return None  # reported as a missing key
        spec = node["bands"]
        if not isinstance(spec, LineDict) or not spec:
            self.fail(node.line_of("bands"), f"{path}.bands", _("expected a mapping of band: pay"))
            return None
        allowed = [NATIONAL, *(band for band, home in CITY_BAND_COUNTRY.items() if home == code)]
        found: dict[str, PayBand] = {}
        for band_id, band in spec.items():
            where = f"{path}.bands.{band_id}"
            if band_id not in allowed:
                self.fail(
                    spec.line_of(band_id),
                    where,
                    _("expected one of {choices}", choices=", ".join(allowed)),
                )
                continue
            read = self.band(str(band_id), band, spec.line_of(band_id), where, base_share)
            if read is not None:
                found[str(band_id)] = read
        return found if len(found) == len(spec) else None

    def band(
        self, band_id: str, node: object, line: int, path: str, base_share: float | None
    ) -> PayBand | None:
        if not isinstance(node, LineDict):
            self.fail(line, path, _("expected base and/or ote (low, high) and source"))
            return None
        before = len(self.problems)
        values = BAND.read(self.problems, self.file, node, CONTEXT, f"{path}.")
        base = self.range(node, "base", path)
        ote = self.range(node, "ote", path)
        if base is None and ote is None and "base" not in node and "ote" not in node:
            self.fail(line, path, _("give base or ote (low, high), or both"))
        if len(self.problems) > before or base_share is None:
            return None
        derived = "" if base and ote else ("ote" if base else "base")
        base = base or (ote[0] * base_share, ote[1] * base_share)  # type: ignore[index]
        ote = ote or (base[0] / base_share, base[1] / base_share)
        if base[0] > ote[0] + 1e-6 or base[1] > ote[1] + 1e-6:
            self.fail(line, path, _("the base is above the OTE; OTE is base plus target variable"))
            return None
        return PayBand(band_id, *base, *ote, derived, str(values["source"]))

    def range(self, node: LineDict, key: str, path: str) -> tuple[float, float] | None:
        values = self.part(node, key, RANGE, path)
        if values is None:
            return None
        low, high = float(values["low"]), float(values["high"])
        if low > high:
            spec = node[key]
            self.fail(spec.line_of("low"), f"{path}.{key}.low", _("low is above high"))
            return None
        return low, high


class PayTable(msgspec.Struct, frozen=True):
    """Every country's pay, by ISO 3166-1 alpha-2 code."""

    countries: dict[str, CountryPay]


SECTION = Schema((Key("countries"),))


def read_pay(problems: Problems, file: str, node: LineDict) -> PayTable | None:
    """The `pay:` section, or None after reporting every problem in it."""
    before = len(problems)
    SECTION.read(problems, file, node, CONTEXT)
    if "countries" not in node:
        return None  # reported as a missing key
    countries = node["countries"]
    reader = _Reader(problems, file)
    if not isinstance(countries, LineDict) or not countries:
        reader.fail(node.line_of("countries"), "countries", _("expected a mapping of country: pay"))
        return None
    table: dict[str, CountryPay] = {}
    for code, spec in countries.items():
        read = reader.country(str(code), spec, countries.line_of(code))
        if read is not None:
            table[read.country] = read
    if len(problems) > before:
        return None
    return PayTable(table)
