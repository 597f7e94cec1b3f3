"""The rule pack as data: thresholds, rules and their `when` trees, benchmarks and texts.

Nothing here reads files or reports problems (`advisor.pack.load` does); the engine, the role
drafting and the pages read these values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import msgspec

from advisor.fields import Segment
from advisor.pack.sources import Source
from advisor.wording import fill_template, role_words

if TYPE_CHECKING:
    from advisor.pack.bands import ContractValueBands
    from advisor.pack.business_models import BusinessModels, ModelSpec
    from advisor.pack.interview import InterviewKit
    from advisor.pack.job import JobTexts
    from advisor.pack.pay import PayTable
    from advisor.pack.role_model import RoleTemplates

SEGMENTS = tuple(segment.value for segment in Segment)
VERDICTS = ("hire_now", "prepare", "not_yet", "fix_delivery_first")
CAPS = ("prepare", "not_yet")
CATEGORIES = ("trigger", "reason_to_wait", "gate", "signal", "economics")
MAX_TREE_DEPTH = 8


class Threshold(msgspec.Struct, frozen=True):
    """A named figure rules refer to as `$name`; by_segment holds per-segment values."""

    name: str
    unit: str
    source: str
    note: str
    by_segment: dict[str, dict[str, float]]  # segment -> {"value"} or {"low", "high"}
    file: str
    line: int

    @property
    def is_range(self) -> bool:
        return "low" in next(iter(self.by_segment.values()))

    @property
    def segment_aware(self) -> bool:
        values = list(self.by_segment.values())
        return any(v != values[0] for v in values)

    def resolve(self, segment: str, part: str | None = None) -> float | tuple[float, float]:
        figures = self.by_segment[segment]
        if part:
            return figures[part]
        if "value" in figures:
            return figures["value"]
        return (figures["low"], figures["high"])

    @classmethod
    def fixed(cls, name: str, value: float, source: str, file: str, line: int) -> Threshold:
        """One value for every segment: a figure conditions may refer to as `$name`."""
        by_segment = {segment: {"value": float(value)} for segment in SEGMENTS}
        return cls(name, "", source, "", by_segment, file, line)

    def describe(self) -> str:
        def one(figures: dict[str, float]) -> str:
            if "value" in figures:
                return f"{figures['value']:g}"
            return f"{figures['low']:g}–{figures['high']:g}"

        if not self.segment_aware:
            return one(next(iter(self.by_segment.values())))
        return "; ".join(f"{seg}: {one(fig)}" for seg, fig in self.by_segment.items())


class ValueSpec(msgspec.Struct, frozen=True):
    """A condition's value: a literal or a `$threshold[.part]` reference."""

    literal: Any = None
    ref: str | None = None
    part: str | None = None

    def resolve(self, references: Mapping[str, Threshold], segment: str) -> Any:
        """The value for `segment`; `references` holds what `$name` may point at."""
        if self.ref is None:
            return self.literal
        return references[self.ref].resolve(segment, self.part)

    def source_text(self) -> str:
        if self.ref is None:
            return repr(self.literal)
        return f"${self.ref}" + (f".{self.part}" if self.part else "")


class Condition(msgspec.Struct, frozen=True):
    field: str
    op: str
    value: ValueSpec
    line: int


class Group(msgspec.Struct, frozen=True):
    kind: str  # all | any | not
    children: tuple[Node, ...]
    line: int


Node = Condition | Group


class ConditionScope(msgspec.Struct, frozen=True):
    """What a `when` tree may test and refer to, for `build_when`.

    The rules test profile and derived fields and refer to the pack's thresholds; the role
    section adds its own fields and its figures (as `Threshold.fixed`). `noun` and `nouns` name
    what `$name` points at in messages ("unknown threshold '$x'").
    """

    kinds: Mapping[str, str]  # field -> numeric | choice | yes_no | text
    choices: Mapping[str, tuple[str, ...]]
    references: Mapping[str, Threshold]
    noun: str = "threshold"
    nouns: str = "thresholds"
    max_depth: int = MAX_TREE_DEPTH
    # Names defined but refused (reported where they are defined): a reference to one says so
    # rather than proposing a different name.
    refused: frozenset[str] = frozenset()


class Effect(msgspec.Struct, frozen=True):
    score: float = 0.0
    cap: str | None = None  # the best verdict still allowed: prepare or not_yet
    verdict: str | None = None  # a verdict that overrides the score (fix_delivery_first)


class Rule(msgspec.Struct, frozen=True):
    id: str
    title: str
    category: str
    when: Node
    effect: Effect
    rationale: str
    advice: str
    source: str
    file: str
    line: int
    headline: str = ""  # the headline variant this rule picks when it decides the verdict

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}"


class MetricTarget(msgspec.Struct, frozen=True):
    """A metric's bands: at or beyond `healthy` is healthy, beyond `alarm` is alarm."""

    name: str
    label: str
    direction: str  # higher | lower (is better)
    healthy: float
    alarm: float
    best_in_class: float | None
    source: str
    # The healthy level per band of contract value where a source gives one, and that source.
    by_band: dict[str, float] = {}
    band_source: str = ""

    def for_band(self, band: str | None) -> MetricTarget:
        """The target for contracts of one band: the band's healthy level and its source, or
        this target as it is when the band has none."""
        if band is None or band not in self.by_band:
            return self
        return msgspec.structs.replace(self, healthy=self.by_band[band], source=self.band_source)

    def status(self, value: float) -> str:
        if self.direction == "higher":
            if value >= self.healthy:
                return "healthy"
            return "alarm" if value < self.alarm else "watch"
        if value <= self.healthy:
            return "healthy"
        return "alarm" if value > self.alarm else "watch"


EFFECT_CASES = ("low", "expected", "high")


class EffectRange(msgspec.Struct, frozen=True):
    """An assumed effect as a range: the cautious, the expected and the generous case."""

    low: float
    expected: float
    high: float

    def case(self, name: str) -> float:
        return float(getattr(self, name))


class AmEffect(msgspec.Struct, frozen=True):
    """What one Account Manager is assumed to change on the accounts they carry, in a year: an
    assumption of the pack (never a finding), shown as a range with the outcome of each case."""

    churn_reduction: EffectRange  # share of the revenue churn takes that the AM keeps
    expansion_uplift: EffectRange  # extra expansion, as a share of the book's ARR
    expansion_uplift_unworked: EffectRange  # the same where obvious upsell goes unworked
    source: str


class SourcedFigure(msgspec.Struct, frozen=True):
    """One figure of the pack with its unit and the source it comes from."""

    value: float
    unit: str
    source: str


class RenewalLoad(msgspec.Struct, frozen=True):
    """The hours one renewal takes under the renewal playbook, per segment."""

    hours_per_renewal: dict[str, float]  # segment -> hours
    source: str

    def hours(self, segment: str) -> float:
        return self.hours_per_renewal[segment]


class Hiring(msgspec.Struct, frozen=True):
    """What a hire takes before it pays, and when a case that is not hired is looked at again:
    the search (recruiting, notice included), the ramp-up, the recruiting cost as a share of the
    AM's first-year cost, the interval to reassess a held case, and the time a delivery fix
    must hold before the case is reassessed."""

    recruiting_lead_days: SourcedFigure
    ramp_days: SourcedFigure
    recruiting_cost: SourcedFigure
    reassess_days: SourcedFigure
    delivery_fix_days: SourcedFigure

    @property
    def lead_days(self) -> int:
        return int(self.recruiting_lead_days.value + self.ramp_days.value)


class Scoring(msgspec.Struct, frozen=True):
    hire_now_at: float
    prepare_at: float
    source: str


@dataclass
class RulePack:
    name: str
    version: str
    description: str
    digest: str
    files: tuple[str, ...]
    scoring: Scoring
    thresholds: dict[str, Threshold]
    rules: tuple[Rule, ...]
    am_cost: dict[str, dict[str, float]]  # currency -> segment -> cost
    am_cost_source: str
    book_sizes: dict[str, tuple[int, int]]
    book_size_source: str
    metric_targets: dict[str, MetricTarget]
    am_effect: AmEffect
    renewal_load: RenewalLoad
    hiring: Hiring
    headlines: dict[str, str]
    verdict_labels: dict[str, str]
    extra_sections: dict[str, Any] = field(default_factory=dict)
    # Per verdict, the headline variants the engine picks from by what decided it.
    headline_variants: dict[str, dict[str, str]] = field(default_factory=dict)
    # The documents the figures come from (`sources:`); every source text above cites them.
    sources: tuple[Source, ...] = ()
    # The validated `role:` section, None when absent.
    role: RoleTemplates | None = field(default=None, repr=False, compare=False)
    # Bands of annual contract value (`benchmarks.contract_value_bands`), None when not given.
    bands: ContractValueBands | None = None
    # The validated `business_models:` section, None when absent.
    business_models: BusinessModels | None = field(default=None, repr=False, compare=False)
    # The book size per band of contract value (`benchmarks.book_size.by_band`) and its source.
    book_sizes_by_band: dict[str, tuple[int, int]] = field(default_factory=dict)
    book_size_band_source: str = ""

    # The verdict labels as written, {role} and {a_role} unfilled (`verdict_labels` has them
    # filled with the default business model's role).
    verdict_label_texts: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    # The language the pack's texts were read in (`pack.languages`); the digest is the same in
    # every language.
    language: str = "en"

    def role_title(self, model: str | None) -> str:
        """The role's name for a business model: the pack's `role_title`, else "Account
        Manager"."""
        spec = self.business_model(model or "saas_subscription")
        return spec.role_title if spec is not None else "Account Manager"

    def verdict_labels_for(self, model: str | None) -> dict[str, str]:
        """Each verdict's label with the business model's role in it."""
        title = self.role_title(model)
        if not self.verdict_label_texts or title == self.role_title(None):
            return self.verdict_labels  # filled with the default model's role already
        fill = role_words(title)
        return {v: fill_template(t, fill) for v, t in self.verdict_label_texts.items()}

    def business_model(self, model: str) -> ModelSpec | None:
        """What the pack says of one business model; None when the pack has no such section."""
        if self.business_models is None:
            return None
        return self.business_models.models.get(model)

    # The validated `pay:` section (pay bands by country), None when the pack has none.
    pay: PayTable | None = field(default=None, repr=False, compare=False)
    # The validated `job:` section (the job description's wording), None when the pack has none.
    job: JobTexts | None = field(default=None, repr=False, compare=False)
    # The validated `interview:` section (the interview kit's texts and weights), None when absent.
    interview: InterviewKit | None = field(default=None, repr=False, compare=False)

    def benchmark_am_cost(self, currency: str, segment: str) -> tuple[float, str]:
        from advisor.i18n import _

        shown = segment.replace("_", "-")  # the segment's code, as the pack writes it
        if currency in self.am_cost:
            return self.am_cost[currency][segment], _(
                "rule pack benchmark, {currency} {segment}", currency=currency, segment=shown
            )
        fallback = next(iter(self.am_cost))
        return (
            self.am_cost[fallback][segment],
            _(
                "rule pack benchmark in {fallback} {segment}: the pack has no {currency} figure, "
                "enter your own AM cost",
                fallback=fallback,
                segment=shown,
                currency=currency,
            ),
        )

    def mention(self, source_id: str) -> str:
        """A source of the pack named by publisher and title (the id itself when not listed)."""
        found = next((s for s in self.sources if s.id == source_id), None)
        return found.mention() if found else source_id

    def book_size(self, segment: str, band: str | None = None) -> tuple[int, int]:
        """Accounts one AM holds (low, high): the band of contract value's figure, else the
        segment's. Every reader of the book size asks here."""
        return self.book_sizes_by_band.get(band or "") or self.book_sizes[segment]

    def book_size_band(self, band: str | None) -> str | None:
        """The band whose own book size `book_size` reads; None when it reads the segment's."""
        return band if band in self.book_sizes_by_band else None

    def band_of(self, contract_value: float, currency: str) -> str | None:
        """The id of the band a contract value falls in; None without bands in the currency."""
        if self.bands is None:
            return None
        band = self.bands.band_for(contract_value, currency)
        return band.id if band else None

    def targets_for(self, band: str | None) -> dict[str, MetricTarget]:
        """The metric targets for contracts of one band (each target's own where it has none)."""
        return {name: target.for_band(band) for name, target in self.metric_targets.items()}

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def threshold_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "name": t.name,
                "value": t.describe(),
                "unit": t.unit,
                "source": t.source,
                "location": f"{t.file}:{t.line}",
            }
            for t in self.thresholds.values()
        ]
