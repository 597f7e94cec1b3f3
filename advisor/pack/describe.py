"""A pack in rows and words for the Rules page: its rules, figures, and how it differs."""

from __future__ import annotations

from typing import Any

from advisor.fields import DERIVED_FIELDS, FIELDS
from advisor.i18n import N_, _, p_
from advisor.i18n.formats import number
from advisor.operators import OPERATORS, kind_words
from advisor.pack.conditions import references_in
from advisor.pack.model import Condition, Node, RulePack
from advisor.pack.sources import UNDATED
from advisor.wording import effect_words, help_text, label, segment_label, unit_label, words

# Each rule category in words (its code with spaces in English).
CATEGORY_WORDS = {
    "trigger": N_("trigger"),
    "reason_to_wait": N_("reason to wait"),
    "gate": N_("gate"),
    "signal": N_("signal"),
    "economics": N_("economics"),
}
# What a business model's book is bounded in.
MEASURE_WORDS = {"revenue": N_("revenue"), "gross_profit": N_("gross profit")}


def category_words(code: str) -> str:
    """A rule's category in the current language ("reason to wait")."""
    known = CATEGORY_WORDS.get(code)
    return _(known) if known else words(code)


def _value_text(value: Any) -> str:
    if isinstance(value, set | frozenset):
        value = sorted(value, key=str)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(str(item) for item in value) + "]"
    return str(value)


def when_text(node: Node) -> str:
    """A rule's condition in one line, e.g. 'active_accounts gte $trigger_zone.low'."""
    if isinstance(node, Condition):
        if OPERATORS[node.op].takes == "none":
            return f"{node.field} {node.op}"
        spec = node.value
        shown = spec.source_text() if spec.ref else _value_text(spec.literal)
        return f"{node.field} {node.op} {shown}"
    inner = [when_text(child) for child in node.children]
    if node.kind == "not":
        # Translators: a rule's condition negated; {condition} is in the rule language
        return _("not ({condition})", condition=inner[0])
    joined = inner[0]
    for following in inner[1:]:
        joined = (
            # Translators: two conditions of a rule that must both hold
            _("{first} and {second}", first=joined, second=following)
            if node.kind == "all"
            # Translators: two conditions of a rule of which one must hold
            else _("{first} or {second}", first=joined, second=following)
        )
    return f"({joined})" if len(inner) > 1 else joined


def rule_rows(pack: RulePack) -> list[dict[str, str]]:
    """One row per rule: what it tests, the thresholds it uses, its effect and source."""
    rows = []
    for rule in pack.rules:
        rows.append(
            {
                p_("column", "ID"): rule.id,
                p_("column", "Title"): rule.title,
                p_("column", "Category"): category_words(rule.category),
                p_("column", "When"): when_text(rule.when),
                p_("column", "Thresholds"): "; ".join(
                    f"{ref} = {pack.thresholds[ref].describe()} {pack.thresholds[ref].unit}"
                    for ref in references_in(rule.when)
                    if ref in pack.thresholds
                ),
                p_("column", "Effect"): effect_words(
                    rule.effect.score, rule.effect.cap, rule.effect.verdict
                ),
                p_("column", "Rationale"): rule.rationale,
                p_("column", "Source"): rule.source,
                p_("column", "Where"): rule.location,
            }
        )
    return rows


def _figures(pack: RulePack) -> dict[str, tuple[str, str]]:
    """Every tunable figure of a pack by name: (value, unit)."""
    # Translators: {name} is a threshold's name in the pack
    figures = {
        _("threshold {name}", name=name): (threshold.describe(), threshold.unit)
        for name, threshold in pack.thresholds.items()
    }
    points = p_("unit", "points")
    figures[_("score for hire now")] = (f"{pack.scoring.hire_now_at:g}", points)
    figures[_("score for prepare")] = (f"{pack.scoring.prepare_at:g}", points)
    for currency, by_segment in pack.am_cost.items():
        for segment, cost in by_segment.items():
            # Translators: {currency} is a code such as EUR; {segment} a segment's key (smb)
            figures[_("AM cost {currency} {segment}", currency=currency, segment=segment)] = (
                number(cost),
                _("{currency} per year", currency=currency),
            )
    return figures


def threshold_diff(default: RulePack, active: RulePack) -> list[dict[str, str]]:
    """The figures where the active pack differs from the default pack."""
    old, new = _figures(default), _figures(active)
    rows = []
    for name in dict.fromkeys([*old, *new]):
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        rows.append(
            {
                p_("column", "Figure"): name,
                p_("column", "Default pack"): " ".join(before) if before else "—",
                p_("column", "This pack"): " ".join(after) if after else "—",
                p_("column", "Change"): _change(before is None, after is None),
            }
        )
    return rows


def _change(added: bool, removed: bool) -> str:
    if added:
        return p_("change", "added")
    return p_("change", "removed") if removed else p_("change", "changed")


def _rule_shapes(pack: RulePack) -> dict[str, tuple[str, str, str]]:
    return {
        rule.id: (
            rule.title,
            when_text(rule.when),
            effect_words(rule.effect.score, rule.effect.cap, rule.effect.verdict),
        )
        for rule in pack.rules
    }


def rule_diff(default: RulePack, active: RulePack) -> list[dict[str, str]]:
    """Rules added, removed or changed (condition, effect or title) against the default."""
    old, new = _rule_shapes(default), _rule_shapes(active)
    rows = []
    for rule_id in dict.fromkeys([*old, *new]):
        before, after = old.get(rule_id), new.get(rule_id)
        if before == after:
            continue
        rule, change = p_("column", "Rule"), p_("column", "Change")
        if before is None or after is None:
            rows.append({rule: rule_id, change: _change(before is None, after is None)})
            continue
        names = (p_("rule part", "title"), p_("rule part", "when"), p_("rule part", "effect"))
        parts = [
            f"{what}: {b} → {a}" for what, b, a in zip(names, before, after, strict=True) if b != a
        ]
        rows.append({rule: rule_id, change: "; ".join(parts)})
    return rows


def am_cost_rows(pack: RulePack) -> list[dict[str, str]]:
    """The benchmark AM cost per currency, one column per segment."""
    return [
        {
            p_("column", "Currency"): currency,
            **{segment: number(cost) for segment, cost in costs.items()},
        }
        for currency, costs in pack.am_cost.items()
    ]


def business_model_rows(pack: RulePack) -> list[dict[str, str]]:
    """Each business model: its revenue words, what its book's money bound counts and is per
    currency, and where that comes from."""
    if pack.business_models is None:
        return []
    return [
        {
            p_("column", "Business model"): spec.id,
            p_("column", "Label"): spec.label,
            p_("column", "Revenue is called"): spec.revenue_term,
            p_("column", "Book measured in"): _measure_words(spec.book_measure),
            p_("column", "Per AM a year"): "; ".join(
                f"{currency} {number(bound.low)}–{number(bound.high)}"
                for currency, bound in spec.revenue_per_am.items()
            )
            or _("accounts only"),
            p_("column", "Source"): spec.revenue_per_am_source,
        }
        for spec in pack.business_models.models.values()
    ]


def _measure_words(code: str) -> str:
    known = MEASURE_WORDS.get(code)
    return _(known) if known else code.replace("_", " ")


def metric_target_rows(pack: RulePack) -> list[dict[str, str]]:
    """Each metric's bands and source."""
    return [
        {
            p_("column", "Metric"): target.label,
            p_("column", "Better when"): (
                p_("direction", "higher")
                if target.direction == "higher"
                else p_("direction", "lower")
            ),
            p_("column", "Healthy at"): f"{target.healthy:g}",
            p_("column", "Alarm past"): f"{target.alarm:g}",
            p_("column", "Best in class"): (
                "" if target.best_in_class is None else f"{target.best_in_class:g}"
            ),
            p_("column", "Healthy by contract-value band"): ", ".join(
                f"{band} {healthy:g}" for band, healthy in target.by_band.items()
            ),
            p_("column", "Source"): target.source,
            p_("column", "Source by band"): target.band_source,
        }
        for target in pack.metric_targets.values()
    ]


def band_rows(pack: RulePack) -> list[dict[str, str]]:
    """Each band of contract value: its segment, where it starts in each currency (the
    currencies the source does not publish in marked as converted) and its book size, the
    segment's where the band gives none."""
    bands = pack.bands
    if bands is None:
        return []
    return [
        {
            p_("column", "Band"): band.id,
            p_("column", "Segment"): segment_label(band.segment),
            p_("column", "Book size (accounts per AM)"): _book_size(pack, band.segment, band.id),
            **{
                currency: (
                    bands.describe(band, currency)
                    if currency == bands.published_in
                    # Translators: a band's amounts converted from the currency it is published in
                    else _("{band} (converted)", band=bands.describe(band, currency))
                )
                for currency in band.lower
            },
        }
        for band in bands.bands
    ]


def _book_size(pack: RulePack, segment: str, band: str) -> str:
    low, high = pack.book_size(segment, band)
    if pack.book_size_band(band):
        return f"{low}–{high}"
    # Translators: a band's book size taken from its segment's, in accounts
    return _("{low}–{high} (the segment's)", low=low, high=high)


def source_rows(pack: RulePack) -> list[dict[str, str]]:
    """Every document of the pack's `sources:` list: id, title, publisher, when and link."""
    return [
        {
            p_("column", "Id"): source.id,
            p_("column", "Title"): source.title,
            p_("column", "Publisher"): source.publisher,
            p_("column", "Date"): p_("source", "not dated")
            if source.year == UNDATED
            else source.when(),
            p_("column", "Link"): source.link or _("not public"),
        }
        for source in pack.sources
    ]


def vocabulary_rows() -> list[dict[str, str]]:
    """The fields a rule's `when` may test: profile fields, then derived figures."""
    field, name_label, kind = p_("column", "Field"), p_("column", "Label"), p_("column", "Kind")
    unit, choices = p_("column", "Unit"), p_("column", "Choices")
    return [
        {
            field: name,
            name_label: label(name),
            kind: kind_words(info.kind),
            unit: unit_label(name),
            choices: ", ".join(info.choices),
        }
        for name, info in FIELDS.items()
    ] + [
        {
            field: name,
            name_label: label(name),
            kind: p_("field kind", "derived"),
            unit: unit_label(name),
            choices: help_text(name),
        }
        for name in DERIVED_FIELDS
    ]
