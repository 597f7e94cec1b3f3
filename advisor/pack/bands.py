"""Bands of annual contract value (`benchmarks.contract_value_bands`) and the segment each one
belongs to.

A segment picked from a list says nothing of the contracts behind it: a €6k and a €60k contract
can both be called mid-market. The pack defines bands by annual contract value, each with its
lower bound in every currency it supports and the segment it belongs to; a profile's average
contract value falls in exactly one band of its currency (a value exactly at a bound belongs to
the band that starts there). The band is read where a benchmark differs by contract value
(retention targets, book sizes), and a chosen segment that is not the band's is a warning.
"""

from __future__ import annotations

import re
from bisect import bisect_right

import msgspec

from advisor import wording
from advisor.i18n import _
from advisor.pack.schema import Key, Schema, is_number, is_text, one_of
from advisor.problems import Problems
from advisor.yamlio import LineDict

CONTEXT = "benchmarks"
PATH = "contract_value_bands"
SEGMENTS = ("smb", "mid_market", "enterprise")  # as `pack.model.SEGMENTS`
_ID = re.compile(r"^[a-z0-9_]+$")


def _band_id(value: object) -> str | None:
    if isinstance(value, str) and _ID.match(value):
        return None
    return _(
        "{value} is not an id of lower-case letters, digits and underscores", value=repr(value)
    )


def _source(value: object) -> str | None:
    return None if is_text(value) else _("expected the source these figures come from")


def _currency(value: object) -> str | None:
    if isinstance(value, str) and re.fullmatch(r"[A-Z]{3}", value):
        return None
    return _("{value} is not an ISO 4217 currency code", value=repr(value))


SECTION = Schema(
    (
        Key("published_in", _currency),
        Key("bands"),
        Key("source", _source),
        Key("conversion_source", _source, required=False),
    )
)
BAND = Schema((Key("id", _band_id), Key("segment", one_of(SEGMENTS)), Key("from")))


class ContractValueBand(msgspec.Struct, frozen=True):
    """One band: its id, the segment it belongs to and its lower bound in each currency."""

    id: str
    segment: str
    lower: dict[str, float]  # currency -> the band's first value


class ContractValueBands(msgspec.Struct, frozen=True):
    """The bands in ascending order; the first starts at 0 in every currency."""

    bands: tuple[ContractValueBand, ...]
    published_in: str  # the currency the source publishes; the others are converted
    source: str
    conversion_source: str = ""
    # Per currency, where each band after the first starts: read once, looked up per assessment.
    starts: dict[str, tuple[float, ...]] = {}

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(band.id for band in self.bands)

    def cutoffs(self, currency: str) -> tuple[float, ...] | None:
        """The bounds where a band starts after the first, or None for a currency not given."""
        return self.starts.get(currency)

    def band_for(self, value: float, currency: str) -> ContractValueBand | None:
        """The band a contract value falls in, or None for a currency the pack has no bands in."""
        cutoffs = self.cutoffs(currency)
        if cutoffs is None:
            return None
        return self.bands[bisect_right(cutoffs, value)]

    def describe(self, band: ContractValueBand, currency: str) -> str:
        """'from €11,000 to under €23,000 a year', and so on for the first and the last band."""
        index = self.bands.index(band)
        low = band.lower[currency]
        following = self.bands[index + 1] if index + 1 < len(self.bands) else None
        if following is None:
            return _("{low} a year or more", low=wording.money(low, currency))
        high = wording.money(following.lower[currency], currency)
        if index == 0:
            return _("under {high} a year", high=high)
        return _("from {low} to under {high} a year", low=wording.money(low, currency), high=high)


def segment_warning(bands: ContractValueBands, segment: str, value: float, currency: str) -> str:
    """What to check when the chosen segment is not the one the contract value's band belongs
    to; empty when they agree or the pack has no bands in the currency."""
    band = bands.band_for(value, currency)
    if band is None or band.segment == segment:
        return ""
    values = {
        "chosen": wording.segment_label(segment),
        "banded": wording.segment_label(band.segment),
        "value": wording.money(value, currency),
        "band": bands.describe(band, currency),
        "code": band.segment,
        "published": bands.published_in,
        "currency": currency,
    }
    if currency == bands.published_in:
        return _(
            "segment is {chosen}, but avg_contract_value ({value} a year) falls in the "
            "contract-value band {band}, which this rule pack counts as {banded}: check both, "
            "and set segment to {code} unless the book's largest contracts are what the segment "
            "describes",
            **values,
        )
    return _(
        "segment is {chosen}, but avg_contract_value ({value} a year) falls in the "
        "contract-value band {band}, which this rule pack counts as {banded} (the published band "
        "is in {published}, converted to {currency}): check both, and set segment to {code} "
        "unless the book's largest contracts are what the segment describes",
        **values,
    )


def read_bands(problems: Problems, file: str, node: object, line: int) -> ContractValueBands | None:
    """The `contract_value_bands` part of the benchmarks, or None after reporting what is wrong."""
    if not isinstance(node, LineDict):
        problems.add(
            _("expected published_in, bands and source"), file=file, line=line, context=CONTEXT
        )
        return None
    before = len(problems)
    values = SECTION.read(problems, file, node, CONTEXT, f"{PATH}.")
    items = values["bands"]
    if not isinstance(items, list) or not items:
        if items is not None:
            problems.add(
                _("expected a list of bands, lowest first"),
                file=file,
                line=node.line_of("bands"),
                context=CONTEXT,
                path=f"{PATH}.bands",
            )
        return None
    bands = [_read_band(problems, file, item, index, node) for index, item in enumerate(items)]
    if len(problems) > before:
        return None
    found = tuple(band for band in bands if band is not None)
    _check_order(problems, file, found, items)
    if len(problems) > before:
        return None
    return ContractValueBands(
        found,
        str(values["published_in"]),
        str(values["source"]),
        str(values["conversion_source"] or ""),
        {currency: tuple(b.lower[currency] for b in found[1:]) for currency in found[0].lower},
    )


def _read_band(
    problems: Problems, file: str, item: object, index: int, parent: LineDict
) -> ContractValueBand | None:
    path = f"{PATH}.bands[{index}]"
    if not isinstance(item, LineDict):
        problems.add(
            _("expected id, segment and from"),
            file=file,
            line=parent.line_of("bands"),
            context=CONTEXT,
            path=path,
        )
        return None
    values = BAND.read(problems, file, item, CONTEXT, f"{path}.")
    lower = values["from"]
    if not isinstance(lower, LineDict) or not lower:
        if lower is not None:
            problems.add(
                # Translators: {shape} is YAML and stays as it is
                _(
                    "expected the band's first value in each currency: {shape}",
                    shape="{EUR: 0, USD: 0, …}",
                ),
                file=file,
                line=item.line_of("from"),
                context=CONTEXT,
                path=f"{path}.from",
            )
        return None
    amounts: dict[str, float] = {}
    for currency, amount in lower.items():
        message = _currency(currency) or (
            None
            if is_number(amount) and amount >= 0
            else _("{value} is not an amount from 0", value=repr(amount))
        )
        if message:
            problems.add(
                message,
                file=file,
                line=lower.line_of(currency),
                context=CONTEXT,
                path=f"{path}.from.{currency}",
            )
            continue
        amounts[currency] = float(amount)
    if not isinstance(values["id"], str) or values["segment"] not in SEGMENTS:
        return None
    return ContractValueBand(values["id"], str(values["segment"]), amounts)


def _check_order(
    problems: Problems, file: str, bands: tuple[ContractValueBand, ...], items: list[object]
) -> None:
    """Every band in the same currencies, ids once each, the first from 0, each above the last."""
    currencies = set(bands[0].lower)
    seen: set[str] = set()
    for index, band in enumerate(bands):
        item = items[index]
        line = item.line_of("from") if isinstance(item, LineDict) else 0
        path = f"{PATH}.bands[{index}]"
        if band.id in seen:
            problems.add(
                _("the id {id} is used twice", id=repr(band.id)),
                file=file,
                line=item.line_of("id") if isinstance(item, LineDict) else 0,
                context=CONTEXT,
                path=f"{path}.id",
            )
        seen.add(band.id)
        for message in _bound_problems(bands, index, currencies):
            problems.add(message, file=file, line=line, context=CONTEXT, path=f"{path}.from")


def _bound_problems(
    bands: tuple[ContractValueBand, ...], index: int, currencies: set[str]
) -> list[str]:
    band = bands[index]
    if set(band.lower) != currencies:
        return [
            _(
                "expected a value in each of {currencies}, as the first band",
                currencies=", ".join(sorted(currencies)),
            )
        ]
    found = []
    for currency in sorted(currencies):
        amount = band.lower[currency]
        before = bands[index - 1].lower.get(currency, 0.0) if index else 0.0
        if index == 0 and amount != 0:
            found.append(
                # Translators: {amount} as written in the file, {currency} an ISO code
                _(
                    "the first band starts at 0; it starts at {amount} {currency}",
                    amount=f"{amount:g}",
                    currency=currency,
                )
            )
        elif index > 0 and amount <= before:
            found.append(
                _(
                    "{amount} {currency} is not above the band before ({before}); "
                    "list the bands lowest first",
                    amount=f"{amount:g}",
                    currency=currency,
                    before=f"{before:g}",
                )
            )
    return found


def read_by_band(
    problems: Problems, file: str, node: object, line: int, path: str, bands: tuple[str, ...]
) -> dict[str, float] | None:
    """A figure per band id (`by_band: {under_12k: 1.0, …}`), each a band of the pack."""
    if not isinstance(node, LineDict):
        problems.add(
            _("expected a mapping of band id: figure"),
            file=file,
            line=line,
            context=CONTEXT,
            path=path,
        )
        return None
    figures: dict[str, float] = {}
    for band, figure in node.items():
        message = (
            _(
                "{band} is not a band of contract_value_bands; expected one of {choices}",
                band=repr(band),
                choices=", ".join(bands),
            )
            if band not in bands
            else None
            if is_number(figure)
            else _("{value} is not a number", value=repr(figure))
        )
        if message:
            problems.add(
                message, file=file, line=node.line_of(band), context=CONTEXT, path=f"{path}.{band}"
            )
            continue
        figures[band] = float(figure)
    return figures
