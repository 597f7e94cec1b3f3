"""The pay band of an assessment in words: where it applies, base and OTE low–high, the mix,
how pay is expressed a month where payments differ, the fully loaded cost, and why a band is
not used when it cannot be."""

from __future__ import annotations

import math

from advisor import wording
from advisor.economics import Economics, RegionPay
from advisor.i18n import _


def _money(amount: float, currency: str) -> str:
    return wording.money(amount, currency)


def _span(low: float, high: float, currency: str) -> str:
    # Translators: a range of amounts, "€50,000–€62,000"
    return _("{low}–{high}", low=_money(low, currency), high=_money(high, currency))


def _months(value: float | None) -> str:
    if value is None or math.isinf(value):
        return _("never")
    return wording.months(value)


def place(pay: RegionPay) -> str:
    """Where the band applies: "Spain, Madrid or Barcelona", "Germany"."""
    country = pay.country_name
    if pay.band == "national":
        if pay.narrowed:
            return country
        return _("{country}, all cities: no city band given", country=country)
    # Translators: a country and its city band, "Spain, Madrid or Barcelona"
    return _("{country}, {city_band}", country=country, city_band=wording.choice_label(pay.band))


def mix_text(pay: RegionPay) -> str:
    """The base/variable mix: "70/30 base/variable"."""
    base = round(pay.base_share * 100)
    return _("{base}/{variable} base/variable", base=base, variable=100 - base)


def band_text(pay: RegionPay) -> str:
    """Base and OTE, low–high a year, and the mix; which part the mix gave."""
    cur = pay.currency
    values = {
        "base": _span(pay.base_low, pay.base_high, cur),
        "ote": _span(pay.ote_low, pay.ote_high, cur),
        "mix": mix_text(pay),
    }
    if pay.derived == "base":
        return _(
            "base {base} and OTE {ote} a year, {mix} (the base from the OTE and the mix)", **values
        )
    if pay.derived == "ote":
        return _(
            "base {base} and OTE {ote} a year, {mix} (the OTE from the base and the mix)", **values
        )
    return _("base {base} and OTE {ote} a year, {mix}", **values)


def monthly_text(pay: RegionPay) -> str:
    """The gross base a month for each way pay is expressed, where it is not simply 12
    payments: "gross annual salary in 14 payments: base €1,900–€2,750 a month (in 12 payments:
    €2,217–€3,208)"; "" otherwise."""
    if pay.payments == (12,):
        return ""
    cur = pay.currency
    ways = [
        # Translators: {count} payments a year, each {base} a month
        _(
            "{count} payments: base {base} a month",
            count=count,
            base=_span(pay.base_low / count, pay.base_high / count, cur),
        )
        for count in pay.payments
    ]
    first, *others = ways
    rest = "".join(_(" (in {way})", way=way) for way in others)
    return _("gross annual salary in {first}{rest}", first=first, rest=rest)


def on_costs_text(pay: RegionPay) -> str:
    rate = wording.percent(pay.on_cost_rate, 1)
    if pay.on_cost_above > 0:
        return _(
            "{rate} of pay above {amount} a year",
            rate=rate,
            amount=_money(pay.on_cost_above, pay.currency),
        )
    return _("{rate} of pay", rate=rate)


def cost_text(pay: RegionPay) -> str:
    """The fully loaded cost of the band: its ends and the expected midpoint."""
    cur = pay.currency
    return _(
        "fully loaded {span} a year with the employer's on-costs of {on_costs} ({expected} at "
        "the OTE midpoint of {ote})",
        span=_span(pay.cost_low, pay.cost_high, cur),
        on_costs=on_costs_text(pay),
        expected=_money(pay.cost_expected, cur),
        ote=_money(pay.ote_expected, cur),
    )


def pay_band_sentence(pay: RegionPay) -> str:
    """The whole band in one sentence: pay, mix, how it is paid, and what it costs."""
    parts = [band_text(pay), monthly_text(pay), cost_text(pay)]
    return "; ".join(part for part in parts if part)


def sources_text(pay: RegionPay) -> str:
    # Translators: each {…} is a source's citation, kept in its own language
    return _(
        "Pay: {pay}. Mix: {mix}. On-costs: {on_costs}. Payments: {payments}.",
        pay=pay.band_source,
        mix=pay.mix_source,
        on_costs=pay.on_cost_source,
        payments=pay.payments_source,
    )


def unused_text(econ: Economics) -> str:
    """Why the country's pay band is not used, and what to do, as a sentence (no full stop)."""
    cur, country, band_currency = econ.currency, econ.pay_country, econ.pay_currency
    if econ.pay_status == "currency":
        # Translators: {band_currency} and {currency} are currency codes (EUR, GBP)
        return _(
            "The pay band for {country} is in {band_currency}, and this profile's money is in "
            "{currency}: the band is not used, so no figure mixes the two currencies, and the AM "
            "cost stays the rule pack's {currency} benchmark. Set currency to {band_currency} to "
            "use the band, or enter am_fully_loaded_cost in {currency}",
            country=country,
            band_currency=band_currency,
            currency=cur,
        )
    return _(
        "The rule pack has no pay band for {country}: the AM cost is the rule pack's {currency} "
        "benchmark. Enter am_fully_loaded_cost for your market, or add the country to the "
        "pack's pay section",
        country=country,
        currency=cur,
    )


def cost_range_text(econ: Economics) -> str:
    """The AM cost as the band gives it: expected, with its low–high."""
    cur = econ.currency
    if econ.am_cost_low is None or econ.am_cost_high is None:
        return _money(econ.am_cost, cur)
    return _(
        "{amount} expected ({span})",
        amount=_money(econ.am_cost, cur),
        span=_span(econ.am_cost_low, econ.am_cost_high, cur),
    )


def team_cost_text(econ: Economics) -> str:
    cur = econ.currency
    amount = _money(econ.team_cost, cur)
    if econ.am_cost_low is None or econ.am_cost_high is None:
        return _("{amount} a year", amount=amount)
    count = econ.recommended_am_count
    return _(
        "{amount} a year ({span})",
        amount=amount,
        span=_span(count * econ.am_cost_low, count * econ.am_cost_high, cur),
    )


def payback_range_text(econ: Economics) -> str:
    """The next hire's payback at the band's low and high cost, expected effect: "" without a
    band, or when no hire is needed."""
    if econ.am_cost_low is None or econ.payback.hires == 0:
        return ""
    low, high = econ.payback_months_low_cost, econ.payback_months_high_cost
    return _(
        "{low} at the pay band's low cost, {high} at its high", low=_months(low), high=_months(high)
    )


def band_ote_source(pay: RegionPay) -> str:
    """Where a drafted role's OTE comes from when a pay band sets it."""
    return _(
        "the midpoint of the pay band for {place}, to the thousand: OTE {span} a year, {mix}",
        place=place(pay),
        span=_span(pay.ote_low, pay.ote_high, pay.currency),
        mix=mix_text(pay),
    )
