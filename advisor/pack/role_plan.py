"""The role section's parts about how the role works: capacity, tiers, metrics, pay, plans."""

from __future__ import annotations

from advisor.i18n import _
from advisor.i18n.formats import percent
from advisor.pack.model import SEGMENTS
from advisor.pack.role_model import (
    ACTION_KINDS,
    PAY_KINDS,
    AvoidLine,
    CapacityTexts,
    CompensationTemplate,
    HandoverItem,
    MetricShow,
    Milestone,
    MistakeTemplate,
    PayComponent,
    PayoutCurve,
    PhaseTemplate,
    TierTemplate,
)
from advisor.pack.role_reader import RoleScope, read_when, section
from advisor.pack.schema import is_number
from advisor.problems import suggest
from advisor.yamlio import LineDict


def read_capacity(scope: RoleScope) -> CapacityTexts | None:
    r = scope.reader
    keys = (
        "book",
        "book_source",
        "now",
        "next_am",
        "team_lead",
        "key_accounts",
        "cadence_load",
        "scaled_tail",
    )
    node = section(scope, "capacity", keys, keys[:-1])
    return CapacityTexts(*(r.text(node, key, "capacity") for key in keys))


def read_tiers(scope: RoleScope) -> tuple[tuple[TierTemplate, ...], str]:
    r = scope.reader
    node = section(scope, "tiers", ("source", "levels"))
    keys = (
        "id",
        "label",
        "min_value_multiple",
        "share_of_accounts",
        "contact",
        "review",
        "hours_per_month",
    )
    tiers: list[TierTemplate] = []
    entries = r.items(node, "levels", "tiers")
    for path, line, item in entries:
        entry = r.mapping(item, path, line, keys, keys)
        if entry is None:
            continue
        multiple = r.number(entry, "min_value_multiple", path, 0, 100)
        share = r.number(entry, "share_of_accounts", path, 0, 1)
        hours = _tier_hours(scope, entry, path)
        if multiple is None or share is None or hours is None:
            continue
        if tiers and multiple >= tiers[-1].min_value_multiple:
            r.error(
                entry.line_of("min_value_multiple"),
                f"{path}.min_value_multiple",
                _(
                    "{value} must be below the tier above ({above})",
                    value=f"{multiple:g}",
                    above=f"{tiers[-1].min_value_multiple:g}",
                ),
            )
        tiers.append(
            TierTemplate(
                id=r.text(entry, "id", path),
                label=r.text(entry, "label", path),
                min_value_multiple=multiple,
                share_of_accounts=share,
                contact=r.text(entry, "contact", path),
                review=r.text(entry, "review", path),
                hours_by_segment=hours,
            )
        )
    if tiers and not r.failed:
        if tiers[-1].min_value_multiple != 0:
            r.error(
                entries[-1][1],
                f"{entries[-1][0]}.min_value_multiple",
                _("the last tier takes every remaining account: set it to 0"),
            )
        total = sum(tier.share_of_accounts for tier in tiers)
        if abs(total - 1) > 0.001:
            r.error(
                node.line_of("levels"),
                "tiers.levels",
                _("share_of_accounts adds up to {total}; it must add up to 1", total=f"{total:g}"),
            )
    return tuple(tiers), r.text(node, "source", "tiers")


def _tier_hours(scope: RoleScope, entry: LineDict, path: str) -> dict[str, float] | None:
    """Hours a month per account: one number, or one per segment so books of small
    accounts get a lighter cadence and the segment's book size still fits one AM."""
    r = scope.reader
    raw = entry.get("hours_per_month")
    if not isinstance(raw, LineDict):
        hours = r.number(entry, "hours_per_month", path, 0, 200)
        return None if hours is None else dict.fromkeys(SEGMENTS, hours)
    where = f"{path}.hours_per_month"
    node = r.mapping(raw, where, entry.line_of("hours_per_month"), SEGMENTS, SEGMENTS)
    if node is None:
        return None
    found = {segment: r.number(node, segment, where, 0, 200) for segment in SEGMENTS}
    if any(value is None for value in found.values()):
        return None
    return {segment: float(value or 0) for segment, value in found.items()}


def read_playbook(scope: RoleScope) -> tuple[tuple[Milestone, ...], str, str]:
    r = scope.reader
    node = section(scope, "renewal_playbook", ("milestones", "late_note", "source"))
    found: list[Milestone] = []
    keys = ("days_before", "milestone", "actions", "owner")
    entries = r.items(node, "milestones", "renewal_playbook")
    for path, line, item in entries:
        entry = r.mapping(item, path, line, keys, keys)
        if entry is None:
            continue
        days = r.number(entry, "days_before", path, 0, 365, integer=True)
        if days is None:
            continue
        if found and days >= found[-1].days_before:
            r.error(
                entry.line_of("days_before"),
                f"{path}.days_before",
                _(
                    "{days} must be fewer days than the milestone before ({before})",
                    days=f"{days:g}",
                    before=found[-1].days_before,
                ),
            )
        found.append(
            Milestone(
                int(days),
                r.text(entry, "milestone", path),
                r.text(entry, "actions", path),
                r.text(entry, "owner", path),
            )
        )
    if found and not r.failed:
        if found[0].days_before < 90:
            r.error(
                entries[0][1],
                f"{entries[0][0]}.days_before",
                # Translators: "seed 000" is a source id and stays as it is
                _(
                    "the renewal process starts 90–120 days before expiry (seed 000); "
                    "{days} is too late",
                    days=found[0].days_before,
                ),
            )
        if found[-1].days_before != 0:
            r.error(
                entries[-1][1],
                f"{entries[-1][0]}.days_before",
                _("the last milestone is the expiry date itself: set it to 0"),
            )
    return (
        tuple(found),
        r.text(node, "late_note", "renewal_playbook"),
        r.text(node, "source", "renewal_playbook"),
    )


def read_metrics(
    scope: RoleScope,
) -> tuple[tuple[MetricShow, ...], str, tuple[AvoidLine, ...], str]:
    r = scope.reader
    node = section(scope, "metrics", ("show", "pairing_note", "avoid", "avoid_source"))
    shown: list[MetricShow] = []
    for path, line, item in r.items(node, "show", "metrics"):
        entry = r.mapping(item, path, line, ("metric", "how"), ("metric", "how"))
        if entry is None:
            continue
        metric = entry.get("metric")
        if not isinstance(metric, str):  # a list or mapping cannot even be looked up
            r.error(
                entry.line_of("metric"),
                f"{path}.metric",
                _("expected the name of a metric target in benchmarks.metric_targets"),
            )
            continue
        if scope.metric_targets and metric not in scope.metric_targets:
            r.error(
                entry.line_of("metric"),
                f"{path}.metric",
                _(
                    "no metric target '{metric}' in benchmarks.metric_targets{suggestion}",
                    metric=metric,
                    suggestion=suggest(str(metric), scope.metric_targets),
                ),
            )
            continue
        shown.append(MetricShow(str(metric), r.text(entry, "how", path)))
    names = [metric.metric for metric in shown]
    if "nrr" in names and names[names.index("nrr") + 1 : names.index("nrr") + 2] != [
        "logo_retention"
    ]:
        r.error(
            node.line_of("show"),
            "metrics.show",
            _("NRR must be followed by logo_retention: never read NRR alone (seed 004)"),
        )
    avoid = []
    for path, line, item in r.items(node, "avoid", "metrics"):
        entry = r.mapping(item, path, line, ("metric", "why"), ("metric", "why"))
        if entry is not None:
            avoid.append(AvoidLine(r.text(entry, "metric", path), r.text(entry, "why", path)))
    return (
        tuple(shown),
        r.text(node, "pairing_note", "metrics"),
        tuple(avoid),
        r.text(node, "avoid_source", "metrics"),
    )


def read_compensation(scope: RoleScope) -> CompensationTemplate | None:
    r = scope.reader
    keys = (
        "base_share",
        "components",
        "components_source",
        "renewal_expansion_range",
        "payout_curve",
        "attainments",
        "new_logo",
        "outside_range_warning",
        "ote_source_benchmark",
        "ote_source_profile",
    )
    node = section(scope, "compensation", keys)
    path = "compensation"
    base = r.mapping(
        node.get("base_share"),
        f"{path}.base_share",
        node.line_of("base_share"),
        ("value", "source"),
        ("value", "source"),
    )
    base_share = (
        r.number(base, "value", f"{path}.base_share", 0.3, 1.0) if base is not None else None
    )
    components = _pay_components(scope, node, path)
    low, high, range_source = _expansion_range(scope, node, path, components)
    curve = _curve(scope, node, path)
    attainments = _attainments(scope, node, path)
    new_logo = r.mapping(
        node.get("new_logo"),
        f"{path}.new_logo",
        node.line_of("new_logo"),
        ("label", "warning"),
        ("label", "warning"),
    )
    if base is None or base_share is None or low is None or high is None or curve is None:
        return None
    if new_logo is None:
        return None
    return CompensationTemplate(
        base_share=base_share,
        base_share_source=r.text(base, "source", f"{path}.base_share"),
        components=tuple(components or ()),
        components_source=r.text(node, "components_source", path),
        range_low=low,
        range_high=high,
        range_source=range_source,
        curve=curve,
        attainments=tuple(attainments),
        new_logo_label=r.text(new_logo, "label", f"{path}.new_logo"),
        new_logo_warning=r.text(new_logo, "warning", f"{path}.new_logo"),
        outside_range_warning=r.text(node, "outside_range_warning", path),
        ote_source_benchmark=r.text(node, "ote_source_benchmark", path),
        ote_source_profile=r.text(node, "ote_source_profile", path),
    )


def _pay_components(scope: RoleScope, node: LineDict, path: str) -> list[PayComponent] | None:
    """The default pay components; None when one was refused (their shares would skew)."""
    r = scope.reader
    components: list[PayComponent] = []
    component_keys = ("id", "label", "kind", "share", "measure")
    entries = r.items(node, "components", path)
    for item_path, line, item in entries:
        entry = r.mapping(item, item_path, line, component_keys, component_keys)
        if entry is None:
            continue
        kind = entry.get("kind")
        if kind not in PAY_KINDS[:3]:
            r.error(
                entry.line_of("kind"),
                f"{item_path}.kind",
                _(
                    "{value} is not one of renewal, expansion, other "
                    "(a new-logo quota is never a default: seed 000)",
                    value=repr(kind),
                ),
            )
            continue
        share = r.number(entry, "share", item_path, 0, 1)
        if share is None:
            continue
        components.append(
            PayComponent(
                r.text(entry, "id", item_path),
                r.text(entry, "label", item_path),
                str(kind),
                share,
                r.text(entry, "measure", item_path),
            )
        )
    if len(components) != len(entries):
        return None
    total = sum(component.share for component in components)
    if components and abs(total - 1) > 0.001:
        r.error(
            node.line_of("components"),
            f"{path}.components",
            _("the shares add up to {total}; they must add up to 1", total=f"{total:g}"),
        )
    return components


def _expansion_range(
    scope: RoleScope, node: LineDict, path: str, components: list[PayComponent] | None
) -> tuple[float | None, float | None, str]:
    """The range renewal and expansion pay must lie in, checked against the components."""
    r = scope.reader
    where = f"{path}.renewal_expansion_range"
    rng = r.mapping(
        node.get("renewal_expansion_range"),
        where,
        node.line_of("renewal_expansion_range"),
        ("low", "high", "source"),
        ("low", "high", "source"),
    )
    if rng is None:
        return None, None, ""
    low = r.number(rng, "low", where, 0, 1)
    high = r.number(rng, "high", where, 0, 1)
    range_source = r.text(rng, "source", where)
    if low is not None and high is not None and low > high:
        r.error(rng.line_of("low"), f"{where}.low", _("low is above high"))
    if components and low is not None and high is not None:
        covered = sum(c.share for c in components if c.kind in ("renewal", "expansion"))
        if not low - 1e-9 <= covered <= high + 1e-9:
            r.error(
                node.line_of("components"),
                f"{path}.components",
                # Translators: {source} names where the range comes from
                _(
                    "renewal and expansion carry {share} of the variable pay; "
                    "the default must lie within {low}–{high} ({source})",
                    share=percent(covered, 0),
                    low=percent(low, 0),
                    high=percent(high, 0),
                    source=range_source,
                ),
            )
    return low, high, range_source


def _attainments(scope: RoleScope, node: LineDict, path: str) -> list[float]:
    r = scope.reader
    raw = node.get("attainments")
    if not (isinstance(raw, list) and raw and all(is_number(v) and 0 < v <= 3 for v in raw)):
        r.error(
            node.line_of("attainments"),
            f"{path}.attainments",
            _("expected a list of attainment levels such as [0.8, 1.0, 1.2]"),
        )
        return []
    attainments = [float(v) for v in raw]
    if attainments != sorted(set(attainments)):
        r.error(
            node.line_of("attainments"),
            f"{path}.attainments",
            _("expected rising attainment levels, each once"),
        )
    return attainments


def _curve(scope: RoleScope, node: LineDict, path: str) -> PayoutCurve | None:
    r = scope.reader
    keys = ("threshold", "accelerator", "cap", "source")
    curve = r.mapping(
        node.get("payout_curve"),
        f"{path}.payout_curve",
        node.line_of("payout_curve"),
        keys,
        keys,
    )
    if curve is None:
        return None
    where = f"{path}.payout_curve"
    threshold = r.number(curve, "threshold", where, 0, 1)
    accelerator = r.number(curve, "accelerator", where, 0, 5)
    cap = r.number(curve, "cap", where, 1, 5)
    if threshold is None or accelerator is None or cap is None:
        return None
    return PayoutCurve(threshold, accelerator, cap, r.text(curve, "source", where))


def read_handover(scope: RoleScope) -> tuple[tuple[HandoverItem, ...], str]:
    r = scope.reader
    node = section(scope, "handover", ("items", "source"))
    found = []
    keys = ("item", "owner", "when")
    for path, line, item in r.items(node, "items", "handover"):
        entry = r.mapping(item, path, line, keys, keys)
        if entry is not None:
            found.append(HandoverItem(*(r.text(entry, key, path) for key in keys)))
    return tuple(found), r.text(node, "source", "handover")


def read_onboarding(scope: RoleScope) -> tuple[tuple[PhaseTemplate, ...], str]:
    r = scope.reader
    node = section(scope, "onboarding", ("phases", "source"))
    found = []
    keys = ("phase", "goal", "actions")
    for path, line, item in r.items(node, "phases", "onboarding"):
        entry = r.mapping(item, path, line, keys, keys)
        if entry is not None:
            actions, kinds = _actions(scope, entry, path)
            found.append(
                PhaseTemplate(
                    r.text(entry, "phase", path), r.text(entry, "goal", path), actions, kinds
                )
            )
    return tuple(found), r.text(node, "source", "onboarding")


def _actions(
    scope: RoleScope, entry: LineDict, path: str
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A phase's actions and their kinds: an action is a text, or `{kind, text}`."""
    r = scope.reader
    actions: list[str] = []
    kinds: list[str] = []
    for item_path, line, item in r.items(entry, "actions", path):
        if not isinstance(item, LineDict):
            if not isinstance(item, str) or not item.strip():
                r.error(line, item_path, "expected non-empty text, or a mapping {kind, text}")
                continue
            actions.append(" ".join(item.split()))
            kinds.append("")
            continue
        action = r.mapping(item, item_path, line, ("kind", "text"), ("kind", "text"))
        if action is None:
            continue
        kind = action.get("kind")
        if kind not in ACTION_KINDS:
            r.error(
                action.line_of("kind"),
                f"{item_path}.kind",
                f"{kind!r} is not one of {', '.join(ACTION_KINDS)}",
            )
            continue
        actions.append(r.text(action, "text", item_path))
        kinds.append(str(kind))
    return tuple(actions), tuple(kinds)


def read_mistakes(scope: RoleScope) -> tuple[MistakeTemplate, ...]:
    r = scope.reader
    found: list[MistakeTemplate] = []
    keys = ("id", "title", "when", "why", "advice", "source")
    for path, line, item in r.items(scope.root, "mistakes", ""):
        entry = r.mapping(item, path, line, keys, keys)
        if entry is None:
            continue
        when = read_when(scope, entry, path, required=True)
        if when is None:
            continue
        found.append(
            MistakeTemplate(
                id=r.text(entry, "id", path),
                title=r.text(entry, "title", path),
                when=when,
                why=r.text(entry, "why", path),
                advice=r.text(entry, "advice", path),
                source=r.text(entry, "source", path),
            )
        )
    return tuple(found)
