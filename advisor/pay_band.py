"""The pay band a profile's country and city band pick from the pack's `pay:` section, and what
one Account Manager costs on it fully loaded (the band's ends and its midpoint)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

if TYPE_CHECKING:
    from advisor.pack.model import RulePack
    from advisor.profile import CompanyProfile


class RegionPay(msgspec.Struct, frozen=True):
    """The pay band a profile's country and city band pick, and what it costs fully loaded.

    The expected cost is the band's OTE midpoint with the employer's on-costs; the low and high
    costs are the band's ends, loaded the same way.
    """

    country: str
    country_name: str
    band: str  # the city band, or "national"
    narrowed: bool  # False: no city band given, so the country's city bands taken together
    currency: str
    base_low: float
    base_high: float
    ote_low: float
    ote_high: float
    derived: str  # "" | "base" | "ote": the part worked out from the mix
    base_share: float
    payments: tuple[int, ...]  # payments a year, the usual first
    on_cost_rate: float
    on_cost_above: float
    cost_low: float
    cost_expected: float
    cost_high: float
    band_source: str
    mix_source: str
    on_cost_source: str
    payments_source: str

    @property
    def ote_expected(self) -> float:
        return (self.ote_low + self.ote_high) / 2


def region_pay(profile: CompanyProfile, pack: RulePack) -> tuple[RegionPay | None, str]:
    """The pay band for the profile's country, and why there is none when there is not:
    "" (no country given), "no_band" (the pack has none for it) or "currency" (the band is in
    another currency than the profile's money, so it is not used: no figure mixes the two)."""
    return region_pay_for(pack, profile.currency, *pay_place(profile))


def pay_place(profile: CompanyProfile) -> tuple[str | None, str | None]:
    """The profile's country and city band, as `derivation_constants` takes them."""
    return profile.country, profile.city_band.value if profile.city_band is not None else None


def region_pay_for(
    pack: RulePack, currency: str, country: str | None, city_band: str | None
) -> tuple[RegionPay | None, str]:
    if country is None:
        return None, ""
    table = pack.pay.countries if pack.pay is not None else {}
    found = table.get(country)
    if found is None:
        return None, "no_band"
    if found.currency != currency:
        return None, "currency"
    band, narrowed = found.band(city_band)
    return (
        RegionPay(
            country=country,
            country_name=found.name,
            band=band.id,
            narrowed=narrowed,
            currency=found.currency,
            base_low=band.base_low,
            base_high=band.base_high,
            ote_low=band.ote_low,
            ote_high=band.ote_high,
            derived=band.derived,
            base_share=found.base_share,
            payments=found.payments,
            on_cost_rate=found.on_cost_rate,
            on_cost_above=found.on_cost_above,
            cost_low=found.loaded(band.ote_low),
            cost_expected=found.loaded(band.ote_expected),
            cost_high=found.loaded(band.ote_high),
            band_source=band.source,
            mix_source=found.mix_source,
            on_cost_source=found.on_cost_source,
            payments_source=found.payments_source,
        ),
        "",
    )


def band_currency(pack: RulePack, country: str | None) -> str:
    found = pack.pay.countries.get(country or "") if pack.pay is not None else None
    return found.currency if found is not None else ""
