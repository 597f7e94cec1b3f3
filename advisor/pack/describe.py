"""A pack in rows and words for the Rules page: its rules, figures, and how it differs."""

from __future__ import annotations

from typing import Any

from advisor.fields import DERIVED_FIELDS, FIELDS
from advisor.operators import OPERATORS
from advisor.pack.conditions import references_in
from advisor.pack.model import Condition, Node, RulePack
from advisor.pack.sources import UNDATED
from advisor.wording import effect_words, segment_label, words


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
        return f"not ({inner[0]})"
    joined = (" and " if node.kind == "all" else " or ").join(inner)
    return f"({joined})" if len(inner) > 1 else joined


def rule_rows(pack: RulePack) -> list[dict[str, str]]:
    """One row per rule: what it tests, the thresholds it uses, its effect and source."""
    rows = []
    for rule in pack.rules:
        rows.append(
            {
                "ID": rule.id,
                "Title": rule.title,
                "Category": words(rule.category),
                "When": when_text(rule.when),
                "Thresholds": "; ".join(
                    f"{ref} = {pack.thresholds[ref].describe()} {pack.thresholds[ref].unit}"
                    for ref in references_in(rule.when)
                    if ref in pack.thresholds
                ),
                "Effect": effect_words(rule.effect.score, rule.effect.cap, rule.effect.verdict),
                "Rationale": rule.rationale,
                "Source": rule.source,
                "Where": rule.location,
            }
        )
    return rows


def _figures(pack: RulePack) -> dict[str, tuple[str, str]]:
    """Every tunable figure of a pack by name: (value, unit)."""
    figures = {
        f"threshold {name}": (threshold.describe(), threshold.unit)
        for name, threshold in pack.thresholds.items()
    }
    figures["score for hire now"] = (f"{pack.scoring.hire_now_at:g}", "points")
    figures["score for prepare"] = (f"{pack.scoring.prepare_at:g}", "points")
    for currency, by_segment in pack.am_cost.items():
        for segment, cost in by_segment.items():
            figures[f"AM cost {currency} {segment}"] = (f"{cost:,.0f}", f"{currency} per year")
    return figures


def threshold_diff(default: RulePack, active: RulePack) -> list[dict[str, str]]:
    """The figures where the active pack differs from the default pack."""
    old, new = _figures(default), _figures(active)
    rows = []
    for name in dict.fromkeys([*old, *new]):
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        change = "added" if before is None else "removed" if after is None else "changed"
        rows.append(
            {
                "Figure": name,
                "Default pack": " ".join(before) if before else "—",
                "This pack": " ".join(after) if after else "—",
                "Change": change,
            }
        )
    return rows


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
        if before is None or after is None:
            rows.append({"Rule": rule_id, "Change": "added" if before is None else "removed"})
            continue
        parts = [
            f"{what}: {b} → {a}"
            for what, b, a in zip(("title", "when", "effect"), before, after, strict=True)
            if b != a
        ]
        rows.append({"Rule": rule_id, "Change": "; ".join(parts)})
    return rows


def am_cost_rows(pack: RulePack) -> list[dict[str, str]]:
    """The benchmark AM cost per currency, one column per segment."""
    return [
        {"Currency": currency, **{segment: f"{cost:,.0f}" for segment, cost in costs.items()}}
        for currency, costs in pack.am_cost.items()
    ]


def business_model_rows(pack: RulePack) -> list[dict[str, str]]:
    """Each business model: its revenue words, what its book's money bound counts and is per
    currency, and where that comes from."""
    if pack.business_models is None:
        return []
    return [
        {
            "Business model": spec.id,
            "Label": spec.label,
            "Revenue is called": spec.revenue_term,
            "Book measured in": spec.book_measure.replace("_", " "),
            "Per AM a year": "; ".join(
                f"{currency} {bound.low:,.0f}–{bound.high:,.0f}"
                for currency, bound in spec.revenue_per_am.items()
            )
            or "accounts only",
            "Source": spec.revenue_per_am_source,
        }
        for spec in pack.business_models.models.values()
    ]


def metric_target_rows(pack: RulePack) -> list[dict[str, str]]:
    """Each metric's bands and source."""
    return [
        {
            "Metric": target.label,
            "Better when": target.direction,
            "Healthy at": f"{target.healthy:g}",
            "Alarm past": f"{target.alarm:g}",
            "Best in class": "" if target.best_in_class is None else f"{target.best_in_class:g}",
            "Healthy by contract-value band": ", ".join(
                f"{band} {healthy:g}" for band, healthy in target.by_band.items()
            ),
            "Source": target.source,
            "Source by band": target.band_source,
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
            "Band": band.id,
            "Segment": segment_label(band.segment),
            "Book size (accounts per AM)": "{}–{}{}".format(
                *pack.book_size(band.segment, band.id),
                "" if pack.book_size_band(band.id) else " (the segment's)",
            ),
            **{
                currency: (
                    bands.describe(band, currency)
                    + ("" if currency == bands.published_in else " (converted)")
                )
                for currency in band.lower
            },
        }
        for band in bands.bands
    ]


def source_rows(pack: RulePack) -> list[dict[str, str]]:
    """Every document of the pack's `sources:` list: id, title, publisher, when and link."""
    return [
        {
            "Id": source.id,
            "Title": source.title,
            "Publisher": source.publisher,
            "Date": "not dated" if source.year == UNDATED else source.when(),
            "Link": source.link or "not public",
        }
        for source in pack.sources
    ]


def vocabulary_rows() -> list[dict[str, str]]:
    """The fields a rule's `when` may test: profile fields, then derived figures."""
    return [
        {
            "Field": name,
            "Label": info.label,
            "Kind": words(info.kind),
            "Unit": info.unit,
            "Choices": ", ".join(info.choices),
        }
        for name, info in FIELDS.items()
    ] + [
        {
            "Field": name,
            "Label": derived.label,
            "Kind": "derived",
            "Unit": derived.unit,
            "Choices": derived.help,
        }
        for name, derived in DERIVED_FIELDS.items()
    ]
