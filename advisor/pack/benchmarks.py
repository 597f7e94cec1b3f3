"""The `benchmarks:` section: AM cost, book size, metric targets, the assumed effect of an AM,
the renewal load and what a hire takes (recruiting, ramp-up, cost, reassessment)."""

from __future__ import annotations

import re

import msgspec

from advisor.i18n import N_, _
from advisor.pack.bands import ContractValueBands, read_bands, read_by_band
from advisor.pack.model import (
    EFFECT_CASES,
    SEGMENTS,
    AmEffect,
    EffectRange,
    Hiring,
    MetricTarget,
    RenewalLoad,
    SourcedFigure,
    Threshold,
)
from advisor.pack.schema import Key, Schema, any_number, is_number, is_text, number_within
from advisor.problems import Problems
from advisor.yamlio import LineDict

CONTEXT = "benchmarks"
SECTION = Schema(
    (
        *(
            Key(name)
            for name in (
                "am_fully_loaded_cost",
                "book_size",
                "metric_targets",
                "am_effect",
                "renewal_load",
                "hiring",
            )
        ),
        Key("contract_value_bands", required=False),
    )
)
METRIC_TARGET = Schema(
    (
        Key("label"),
        Key(
            "direction",
            lambda v: (
                None
                if v in ("higher", "lower")
                else _("{value} is not 'higher' or 'lower'", value=repr(v))
            ),
            default=None,
        ),
        Key("healthy", any_number),
        Key("alarm", any_number),
        Key("best_in_class", any_number, required=False),
        Key("source"),
        Key("by_band", required=False),  # the healthy level per band of contract value
        Key("band_source", required=False),
    )
)
_RATE = number_within(0, 1, N_("a rate between 0 and 1"))
EFFECT_NAMES = ("churn_reduction", "expansion_uplift", "expansion_uplift_unworked")
AM_EFFECT = Schema((*(Key(name) for name in EFFECT_NAMES), Key("source")))
EFFECT_RANGE = Schema(tuple(Key(case, _RATE) for case in EFFECT_CASES))

BANDS_FIRST = N_("figures by band need benchmarks.contract_value_bands to define the bands")
BAND_SOURCE = N_("expected band_source: where the figures by band come from")


def _whole_days(value: object) -> str | None:
    fits = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 730
    return (
        None
        if fits
        else _("{value} is not a whole number of days from 0 to 730", value=repr(value))
    )


def _source_text(value: object) -> str | None:
    return None if is_text(value) else _("expected the source this figure comes from")


_HOURS = number_within(0, 200, N_("a number of hours above 0 and at most 200"), above_low=True)
RENEWAL_LOAD = Schema((Key("hours_per_renewal"),))
HOURS_BY_SEGMENT = Schema((Key("by_segment"), Key("source", _source_text)))
SEGMENT_HOURS = Schema(tuple(Key(segment, _HOURS) for segment in SEGMENTS))
# Each hiring figure: (key, check, unit).
HIRING_FIGURES = (
    ("recruiting_lead_days", _whole_days, N_("days")),
    ("ramp_days", _whole_days, N_("days")),
    (
        "recruiting_cost",
        number_within(0, 2, N_("a share of the first year's cost from 0 to 2")),
        N_("share of the AM's first-year cost"),
    ),
    ("reassess_days", _whole_days, N_("days")),
    ("delivery_fix_days", _whole_days, N_("days")),
)
HIRING = Schema(tuple(Key(name) for name, _, _ in HIRING_FIGURES))


class Benchmarks(msgspec.Struct, frozen=True):
    am_cost: dict[str, dict[str, float]]  # currency -> segment -> cost
    am_cost_source: str
    book_sizes: dict[str, tuple[int, int]]
    book_size: Threshold  # the book sizes as a `$book_size` range conditions may test
    metric_targets: dict[str, MetricTarget]
    # None when a part is wrong: its problems are reported, and the rest of the
    # benchmarks stay readable so rules that test `$book_size` are not refused on its account.
    am_effect: AmEffect | None
    renewal_load: RenewalLoad | None
    hiring: Hiring | None
    bands: ContractValueBands | None = None
    # The book size per band of contract value (`book_size.by_band`) and its source.
    book_sizes_by_band: dict[str, tuple[int, int]] = {}
    book_size_band_source: str = ""


class _SectionReader(msgspec.Struct):
    problems: Problems
    file: str
    node: LineDict
    band_ids: tuple[str, ...] = ()
    bands_broken: bool = False

    def fail(self, line: int, path: str, message: str) -> None:
        self.problems.add(message, file=self.file, line=line, context=CONTEXT, path=path)

    def am_cost(self) -> tuple[dict[str, dict[str, float]], str] | None:
        cost = self.node["am_fully_loaded_cost"]
        if not (
            isinstance(cost, LineDict)
            and is_text(cost.get("source"))
            and isinstance(cost.get("values"), LineDict)
        ):
            self.fail(
                self.node.line_of("am_fully_loaded_cost"),
                "am_fully_loaded_cost",
                # Translators: {shape} is YAML and stays as it is
                _(
                    "expected source and values: {shape}",
                    shape="{CURRENCY: {smb, mid_market, enterprise}}",
                ),
            )
            return None
        values = cost["values"]
        table: dict[str, dict[str, float]] = {}
        ok = True
        for currency, per_segment in values.items():
            figures = self._currency(values, currency, per_segment)
            if figures is None:
                ok = False
                continue
            ok = ok and len(figures) == len(SEGMENTS)
            table[currency] = figures
        if not table:
            self.fail(values.line, "am_fully_loaded_cost.values", _("no currency given"))
            return None
        return (table, cost["source"]) if ok else None

    def _currency(
        self, values: LineDict, currency: str, per_segment: object
    ) -> dict[str, float] | None:
        """The segment costs in one currency; those that are not positive amounts are left out."""
        path = f"am_fully_loaded_cost.values.{currency}"
        if not re.fullmatch(r"[A-Z]{3}", currency):
            self.fail(values.line_of(currency), path, _("currency must be an ISO 4217 code"))
            return None
        if not isinstance(per_segment, LineDict) or set(per_segment) != set(SEGMENTS):
            self.fail(
                values.line_of(currency),
                path,
                _("expected a figure for each of {segments}", segments=", ".join(SEGMENTS)),
            )
            return None
        figures: dict[str, float] = {}
        for segment, amount in per_segment.items():
            if is_number(amount) and amount > 0:
                figures[segment] = float(amount)
                continue
            self.fail(
                per_segment.line_of(segment),
                f"{path}.{segment}",
                _("{value} is not a positive amount", value=repr(amount)),
            )
        return {segment: figures[segment] for segment in SEGMENTS if segment in figures}

    def book_size(self) -> tuple[dict[str, tuple[int, int]], str] | None:
        book = self.node["book_size"]
        if not (isinstance(book, LineDict) and is_text(book.get("source"))):
            self.fail(
                self.node.line_of("book_size"),
                "book_size",
                _("expected source and low/high for each segment"),
            )
            return None
        sizes: dict[str, tuple[int, int]] = {}
        for segment in SEGMENTS:
            size = self._book_size(book, segment, f"book_size.{segment}")
            if size is not None:
                sizes[segment] = size
        return (sizes, book["source"]) if len(sizes) == len(SEGMENTS) else None

    def book_size_by_band(self) -> tuple[dict[str, tuple[int, int]], str] | None:
        """The book size per band of contract value (`book_size.by_band`), empty when not
        given; None after reporting what is wrong."""
        book = self.node["book_size"]
        if not isinstance(book, LineDict) or book.get("by_band") is None:
            return {}, ""
        if self.bands_broken:
            return None
        by_band = book["by_band"]
        if not self.band_ids:
            self.fail(book.line_of("by_band"), "book_size.by_band", _(BANDS_FIRST))
            return None
        if not is_text(book.get("band_source")):
            self.fail(book.line_of("by_band"), "book_size.band_source", _(BAND_SOURCE))
            return None
        if not isinstance(by_band, LineDict):
            self.fail(
                book.line_of("by_band"),
                "book_size.by_band",
                _("expected a mapping of band id: {shape}", shape="{low, high}"),
            )
            return None
        sizes: dict[str, tuple[int, int]] = {}
        ok = True
        for band in by_band:
            path = f"book_size.by_band.{band}"
            if band not in self.band_ids:
                self.fail(
                    by_band.line_of(band),
                    path,
                    _(
                        "{band} is not a band of contract_value_bands; expected one of {choices}",
                        band=repr(band),
                        choices=", ".join(self.band_ids),
                    ),
                )
                ok = False
                continue
            size = self._book_size(by_band, band, path)
            ok = ok and size is not None
            if size is not None:
                sizes[band] = size
        return (sizes, str(book["band_source"])) if ok else None

    def _book_size(self, book: LineDict, key: str, path: str) -> tuple[int, int] | None:
        figures = book.get(key)
        if not isinstance(figures, LineDict) or not all(
            isinstance(figures.get(k), int)
            and not isinstance(figures.get(k), bool)
            and figures[k] > 0
            for k in ("low", "high")
        ):
            self.fail(book.line_of(key), path, _("expected whole numbers low and high above 0"))
            return None
        if figures["low"] > figures["high"]:
            self.fail(figures.line_of("low"), f"{path}.low", _("low is above high"))
            return None
        return (figures["low"], figures["high"])

    def metric_targets(self) -> dict[str, MetricTarget] | None:
        targets = self.node["metric_targets"]
        if not isinstance(targets, LineDict):
            self.fail(
                self.node.line_of("metric_targets"),
                "metric_targets",
                _("expected a mapping of metric: target"),
            )
            return None
        parsed: dict[str, MetricTarget] = {}
        ok = True
        for metric, spec in targets.items():
            target = self._metric_target(targets, metric, spec)
            if target is None:
                ok = False
            else:
                parsed[metric] = target
        return parsed if ok else None

    def _metric_target(self, targets: LineDict, metric: str, spec: object) -> MetricTarget | None:
        path = f"metric_targets.{metric}"
        if not isinstance(spec, LineDict):
            self.fail(targets.line_of(metric), path, _("expected a mapping"))
            return None
        before = len(self.problems)
        values = METRIC_TARGET.read(self.problems, self.file, spec, CONTEXT, f"{path}.")
        if len(self.problems) > before:
            return None
        direction = values["direction"]
        healthy, alarm = float(values["healthy"]), float(values["alarm"])
        if (direction == "higher" and alarm > healthy) or (
            direction == "lower" and alarm < healthy
        ):
            self.fail(
                spec.line_of("alarm"),
                f"{path}.alarm",
                _(
                    "alarm {alarm} must lie on the worse side of healthy {healthy}",
                    alarm=f"{alarm:g}",
                    healthy=f"{healthy:g}",
                ),
            )
            return None
        best = values["best_in_class"]
        by_band = self._target_by_band(spec, path, values, direction, alarm)
        if by_band is None:
            return None
        return MetricTarget(
            metric,
            str(values["label"]),
            str(direction),
            healthy,
            alarm,
            float(best) if best is not None else None,
            str(values["source"]),
            by_band,
            str(values["band_source"] or ""),
        )

    def _target_by_band(
        self, spec: LineDict, path: str, values: dict[str, object], direction: object, alarm: float
    ) -> dict[str, float] | None:
        """A target's healthy level per band, each on the better side of its alarm."""
        if values["by_band"] is None:
            return {}
        if self.bands_broken:
            return None
        if not self.band_ids:
            self.fail(spec.line_of("by_band"), f"{path}.by_band", _(BANDS_FIRST))
            return None
        if not is_text(values["band_source"]):
            self.fail(spec.line_of("by_band"), f"{path}.band_source", _(BAND_SOURCE))
            return None
        before = len(self.problems)
        figures = read_by_band(
            self.problems,
            self.file,
            values["by_band"],
            spec.line_of("by_band"),
            f"{path}.by_band",
            self.band_ids,
        )
        for band, healthy in (figures or {}).items():
            if (direction == "higher" and alarm > healthy) or (
                direction == "lower" and alarm < healthy
            ):
                self.fail(
                    values["by_band"].line_of(band),  # type: ignore[attr-defined]
                    f"{path}.by_band.{band}",
                    _(
                        "{healthy} lies on the worse side of the alarm {alarm}",
                        healthy=f"{healthy:g}",
                        alarm=f"{alarm:g}",
                    ),
                )
        return figures if len(self.problems) == before else None

    def am_effect(self) -> AmEffect | None:
        if "am_effect" not in self.node:  # reported as a missing key
            return None
        effect = self.node["am_effect"]
        if not isinstance(effect, LineDict):
            self.fail(self.node.line_of("am_effect"), "am_effect", _("expected a mapping"))
            return None
        before = len(self.problems)
        values = AM_EFFECT.read(self.problems, self.file, effect, CONTEXT, "am_effect.")
        ranges: dict[str, EffectRange] = {}
        for name in EFFECT_NAMES:
            spec = effect.get(name)
            path = f"am_effect.{name}"
            if spec is None:
                continue
            if not isinstance(spec, LineDict):
                self.fail(effect.line_of(name), path, _("expected low, expected and high"))
                continue
            found = EFFECT_RANGE.read(self.problems, self.file, spec, CONTEXT, f"{path}.")
            if any(_RATE(found[case]) is not None for case in EFFECT_CASES):
                continue
            low, expected, high = (float(found[case]) for case in EFFECT_CASES)
            if not low <= expected <= high:
                self.fail(spec.line_of("low"), path, _("expected low ≤ expected ≤ high"))
                continue
            ranges[name] = EffectRange(low, expected, high)
        if len(self.problems) > before or len(ranges) != len(EFFECT_NAMES):
            return None
        return AmEffect(**ranges, source=str(values["source"]))

    def renewal_load(self) -> RenewalLoad | None:
        if "renewal_load" not in self.node:  # reported as a missing key
            return None
        load = self.node["renewal_load"]
        if not isinstance(load, LineDict):
            self.fail(self.node.line_of("renewal_load"), "renewal_load", _("expected a mapping"))
            return None
        before = len(self.problems)
        RENEWAL_LOAD.read(self.problems, self.file, load, CONTEXT, "renewal_load.")
        spec = load.get("hours_per_renewal")
        path = "renewal_load.hours_per_renewal"
        if spec is None:
            return None
        if not isinstance(spec, LineDict):
            self.fail(load.line_of("hours_per_renewal"), path, _("expected by_segment and source"))
            return None
        values = HOURS_BY_SEGMENT.read(self.problems, self.file, spec, CONTEXT, f"{path}.")
        by_segment = values["by_segment"]
        if not isinstance(by_segment, LineDict):
            if by_segment is not None:
                self.fail(spec.line_of("by_segment"), f"{path}.by_segment", _("expected a mapping"))
            return None
        hours = SEGMENT_HOURS.read(
            self.problems, self.file, by_segment, CONTEXT, f"{path}.by_segment."
        )
        if len(self.problems) > before:
            return None
        return RenewalLoad({s: float(hours[s]) for s in SEGMENTS}, str(values["source"]))

    def hiring(self) -> Hiring | None:
        if "hiring" not in self.node:  # reported as a missing key
            return None
        node = self.node["hiring"]
        if not isinstance(node, LineDict):
            self.fail(self.node.line_of("hiring"), "hiring", _("expected a mapping"))
            return None
        before = len(self.problems)
        HIRING.read(self.problems, self.file, node, CONTEXT, "hiring.")
        figures: dict[str, SourcedFigure] = {}
        for name, check, unit in HIRING_FIGURES:
            spec = node.get(name)
            if spec is None:
                continue
            path = f"hiring.{name}"
            if not isinstance(spec, LineDict):
                self.fail(node.line_of(name), path, _("expected value and source"))
                continue
            schema = Schema((Key("value", check), Key("source", _source_text)))
            values = schema.read(self.problems, self.file, spec, CONTEXT, f"{path}.")
            if is_text(values["source"]) and check(values["value"]) is None:
                figures[name] = SourcedFigure(float(values["value"]), unit, values["source"])
        if len(self.problems) > before or len(figures) != len(HIRING_FIGURES):
            return None
        return Hiring(**figures)


BOOK_SIZE_UNIT = N_("accounts per AM")
BOOK_SIZE_NOTE = N_(
    "the segment's book size; the band of contract value's is read through "
    "accounts_over_book, book_load and team_room"
)


def book_size_in_words(threshold: Threshold) -> Threshold:
    """The book size's threshold with its unit and note in the current language."""
    return msgspec.structs.replace(
        threshold,
        unit=_(BOOK_SIZE_UNIT),
        note=_(BOOK_SIZE_NOTE) if threshold.note else "",
    )


def read_benchmarks(problems: Problems, file: str, node: LineDict) -> Benchmarks | None:
    """The benchmarks, or None after reporting what is wrong (every part is checked)."""
    SECTION.read(problems, file, node, CONTEXT)
    optional = ("am_effect", "renewal_load", "hiring", "contract_value_bands")
    if any(key not in node for key in SECTION.names if key not in optional):
        return None
    bands = None
    if "contract_value_bands" in node:
        bands = read_bands(
            problems, file, node["contract_value_bands"], node.line_of("contract_value_bands")
        )
    # Broken bands are reported once; the figures by band are then left unread.
    broken = "contract_value_bands" in node and bands is None
    reader = _SectionReader(problems, file, node, bands.ids if bands else (), broken)
    cost = reader.am_cost()
    book = reader.book_size()
    by_band = reader.book_size_by_band()
    targets = reader.metric_targets()
    effect = reader.am_effect()
    renewal_load = reader.renewal_load()
    hiring = reader.hiring()
    if cost is None or book is None or by_band is None or targets is None or broken:
        return None
    sizes, book_source = book
    book_size = Threshold(
        name="book_size",
        unit=BOOK_SIZE_UNIT,  # in the pack's language once read (`book_size_in_words`)
        source=book_source,
        note=BOOK_SIZE_NOTE if by_band[0] else "",
        by_segment={s: {"low": float(lo), "high": float(hi)} for s, (lo, hi) in sizes.items()},
        file=file,
        line=node.line_of("book_size"),
    )
    return Benchmarks(
        cost[0], cost[1], sizes, book_size, targets, effect, renewal_load, hiring, bands, *by_band
    )


def read_metric_targets(
    problems: Problems, file: str, node: LineDict
) -> dict[str, MetricTarget] | None:
    """The `metric_targets` mapping of `node`, read and checked as the benchmarks' own."""
    return _SectionReader(problems, file, node).metric_targets()
