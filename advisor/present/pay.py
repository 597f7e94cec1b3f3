"""The pay band of an assessment in words: where it applies, base and OTE low–high, the mix,
how pay is expressed a month where payments differ, the fully loaded cost, and why a band is
not used when it cannot be."""

from __future__ import annotations

import math

from advisor import wording
from advisor.economics import Economics, RegionPay


def _money(amount: float, currency: str) -> str:
    return wording.money(amount, currency)


def _span(low: float, high: float, currency: str) -> str:
    return f"{_money(low, currency)}–{_money(high, currency)}"


def _months(value: float | None) -> str:
    if value is None or math.isinf(value):
        return "never"
    return wording.months(value)


def place(pay: RegionPay) -> str:
    """Where the band applies: "Spain, Madrid or Barcelona", "Germany"."""
    country = pay.country_name
    if pay.band == "national":
        return country if pay.narrowed else f"{country}, all cities: no city band given"
    return f"{country}, {wording.choice_label(pay.band)}"


def mix_text(pay: RegionPay) -> str:
    """The base/variable mix: "70/30 base/variable"."""
    base = round(pay.base_share * 100)
    return f"{base}/{100 - base} base/variable"


def band_text(pay: RegionPay) -> str:
    """Base and OTE, low–high a year, and the mix; which part the mix gave."""
    cur = pay.currency
    base = f"base {_span(pay.base_low, pay.base_high, cur)}"
    ote = f"OTE {_span(pay.ote_low, pay.ote_high, cur)}"
    worked = {
        "base": " (the base from the OTE and the mix)",
        "ote": " (the OTE from the base and the mix)",
    }.get(pay.derived, "")
    return f"{base} and {ote} a year, {mix_text(pay)}{worked}"


def monthly_text(pay: RegionPay) -> str:
    """The gross base a month for each way pay is expressed, where it is not simply 12
    payments: "gross annual salary in 14 payments: base €1,900–€2,750 a month (in 12 payments:
    €2,217–€3,208)"; "" otherwise."""
    if pay.payments == (12,):
        return ""
    cur = pay.currency
    ways = [
        f"{count} payments: base {_span(pay.base_low / count, pay.base_high / count, cur)} a month"
        for count in pay.payments
    ]
    first, *others = ways
    rest = "".join(f" (in {way})" for way in others)
    return f"gross annual salary in {first}{rest}"


def on_costs_text(pay: RegionPay) -> str:
    rate = wording.percent(pay.on_cost_rate, 1)
    if pay.on_cost_above > 0:
        return f"{rate} of pay above {_money(pay.on_cost_above, pay.currency)} a year"
    return f"{rate} of pay"


def cost_text(pay: RegionPay) -> str:
    """The fully loaded cost of the band: its ends and the expected midpoint."""
    cur = pay.currency
    return (
        f"fully loaded {_span(pay.cost_low, pay.cost_high, cur)} a year with the employer's "
        f"on-costs of {on_costs_text(pay)} ({_money(pay.cost_expected, cur)} at the OTE "
        f"midpoint of {_money(pay.ote_expected, cur)})"
    )


def pay_band_sentence(pay: RegionPay) -> str:
    """The whole band in one sentence: pay, mix, how it is paid, and what it costs."""
    parts = [band_text(pay), monthly_text(pay), cost_text(pay)]
    return "; ".join(part for part in parts if part)


def sources_text(pay: RegionPay) -> str:
    return (
        f"Pay: {pay.band_source}. Mix: {pay.mix_source}. On-costs: {pay.on_cost_source}. "
        f"Payments: {pay.payments_source}."
    )


def unused_text(econ: Economics) -> str:
    """Why the country's pay band is not used, and what to do."""
    cur, country, band_currency = econ.currency, econ.pay_country, econ.pay_currency
    if econ.pay_status == "currency":
        return (
            f"the pay band for {country} is in {band_currency}, and this profile's money is in "
            f"{cur}: the band is not used, so no figure mixes the two currencies, and the AM "
            f"cost stays the rule pack's {cur} benchmark. Set currency to {band_currency} to "
            f"use the band, or enter am_fully_loaded_cost in {cur}"
        )
    return (
        f"the rule pack has no pay band for {country}: the AM cost is the rule pack's {cur} "
        "benchmark. Enter am_fully_loaded_cost for your market, or add the country to the "
        "pack's pay section"
    )


def cost_range_text(econ: Economics) -> str:
    """The AM cost as the band gives it: expected, with its low–high."""
    cur = econ.currency
    if econ.am_cost_low is None or econ.am_cost_high is None:
        return _money(econ.am_cost, cur)
    return (
        f"{_money(econ.am_cost, cur)} expected ({_span(econ.am_cost_low, econ.am_cost_high, cur)})"
    )


def team_cost_text(econ: Economics) -> str:
    cur = econ.currency
    text = f"{_money(econ.team_cost, cur)} a year"
    if econ.am_cost_low is None or econ.am_cost_high is None:
        return text
    count = econ.recommended_am_count
    return f"{text} ({_span(count * econ.am_cost_low, count * econ.am_cost_high, cur)})"


def payback_range_text(econ: Economics) -> str:
    """The next hire's payback at the band's low and high cost, expected effect: "" without a
    band, or when no hire is needed."""
    if econ.am_cost_low is None or econ.payback.hires == 0:
        return ""
    low, high = econ.payback_months_low_cost, econ.payback_months_high_cost
    return f"{_months(low)} at the pay band's low cost, {_months(high)} at its high"


def band_ote_source(pay: RegionPay) -> str:
    """Where a drafted role's OTE comes from when a pay band sets it."""
    return (
        f"the midpoint of the pay band for {place(pay)}, to the thousand: OTE "
        f"{_span(pay.ote_low, pay.ote_high, pay.currency)} a year, {mix_text(pay)}"
    )
