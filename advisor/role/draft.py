"""Draft the Account Manager role for one company: RoleDesign from profile + assessment + pack.

Every text, default and figure comes from the pack's `role:` section (rules/40-role.yaml); this
module only chooses, weights and fills them for the company. `draft_role(..., edits=...)`
applies validated edits (`advisor.role.edits`) over the draft and recomputes everything that
depends on them (payout table, warnings, cadence load, mistakes).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any

from advisor import wording
from advisor.economics import CadenceModel, derivation_constants, derived_values
from advisor.engine import Assessment, Verdict
from advisor.pack import Node, RulePack, Threshold, load_pack
from advisor.pack.conditions import ConditionResult, Fact, evaluate_when, supporting_facts
from advisor.pack.role_model import (
    ROLE_FIELD_LABELS,
    AvoidLine,
    HandoverItem,
    InterimPlan,
    Milestone,
    PayComponent,
    RoleTemplates,
    Step,
)
from advisor.problems import Problem
from advisor.profile import CompanyProfile
from advisor.role.edits import RoleEditError, RoleEdits, parse_edits
from advisor.role.model import (
    Boundary,
    Capacity,
    Compensation,
    InterviewQuestion,
    MetricLine,
    Mistake,
    OnboardingStep,
    RaciRow,
    Responsibility,
    RoleDesign,
    RoleInputs,
    Tier,
    TodayRow,
)


class RoleError(RuntimeError):
    """No role templates are available (the pack and the shipped pack both lack them)."""


# ---------------------------------------------------------------------------------------------
# Templates: the pack's own, or the shipped ones when a custom pack has no role section


@functools.lru_cache(maxsize=1)
def _shipped_pack() -> RulePack:
    return load_pack()


def templates_for(pack: RulePack) -> tuple[RoleTemplates, Mapping[str, Threshold], str]:
    """The role templates to use, the thresholds their conditions refer to, and their origin."""
    if isinstance(pack.role, RoleTemplates):
        return pack.role, pack.thresholds, "rule pack"
    shipped = _shipped_pack()
    if not isinstance(shipped.role, RoleTemplates):
        raise RoleError("the shipped rule pack has no role section (rules/40-role.yaml)")
    return shipped.role, shipped.thresholds, "shipped defaults (the rule pack has no role section)"


# ---------------------------------------------------------------------------------------------
# Drafting


@dataclass
class _Context:
    profile: CompanyProfile
    assessment: Assessment
    pack: RulePack
    templates: RoleTemplates
    thresholds: Mapping[str, Threshold]
    values: dict[str, Any]
    fill: dict[str, str]

    @property
    def segment(self) -> str:
        return self.profile.segment.value

    def holds(self, when: Node | None) -> bool:
        if when is None:
            return True
        return evaluate_when(when, self.values, self.templates.references, self.segment)

    def text(self, template: str) -> str:
        return wording.fill_template(template, self.fill)


def _threshold(thresholds: Mapping[str, Threshold], name: str, segment: str) -> Any:
    found = thresholds.get(name)
    return found.resolve(segment) if found is not None else None


def _round_value(amount: float) -> float:
    step = 1000 if amount >= 10_000 else 100 if amount >= 1000 else 1
    return float(round(amount / step) * step)


def _context(
    profile: CompanyProfile,
    assessment: Assessment,
    pack: RulePack,
    templates: RoleTemplates,
    thresholds: Mapping[str, Threshold],
    inputs: RoleInputs,
) -> _Context:
    """What every drafting step reads: the company's values and the filled placeholders."""
    segment = profile.segment.value
    values: dict[str, Any] = {
        key: (raw.value if isinstance(raw, Enum) else raw) for key, raw in profile
    }
    derived_values(values, derivation_constants(pack, segment, profile.currency))
    values.update(
        verdict=assessment.verdict.value,
        am_count=assessment.recommended_am_count,
        top_accounts_share=inputs.top_accounts_share,
    )
    ctx = _Context(profile, assessment, pack, templates, thresholds, values, {})
    ctx.fill = _fill_values(ctx)
    return ctx


def draft_role(
    profile: CompanyProfile,
    assessment: Assessment,
    pack: RulePack,
    *,
    inputs: RoleInputs | None = None,
    edits: Mapping[str, Any] | RoleEdits | None = None,
) -> RoleDesign:
    """Draft the role for this company, with `edits` (if any) applied over the draft.

    Raises RoleEditError when the edits are invalid.
    """
    inputs = inputs or RoleInputs()
    parsed = parse_edits(edits)
    templates, thresholds, origin = templates_for(pack)
    ctx = _context(profile, assessment, pack, templates, thresholds, inputs)
    shape = next(s for s in templates.shapes if ctx.holds(s.when))
    tiers = _with_value_rules(parsed.tiers or _default_tiers(ctx), profile.currency)
    compensation = _compensation(ctx, parsed)
    ctx.values["new_logo_quota"] = compensation.has_new_logo_quota
    capacity = _capacity(ctx, shape.id, tiers)
    playbook = parsed.playbook or tuple(
        Milestone(m.days_before, m.milestone, ctx.text(m.actions), m.owner)
        for m in templates.milestones
    )
    return RoleDesign(
        company=profile.company,
        currency=profile.currency,
        segment=ctx.segment,
        verdict=assessment.verdict.value,
        verdict_label=assessment.verdict_label,
        shape=shape.id,
        title=parsed.title or shape.title,
        summary=ctx.text(shape.summary),
        mission=parsed.mission or ctx.text(shape.mission),
        hire_now=assessment.verdict == Verdict.HIRE_NOW,
        interim=_interim(ctx),
        responsibilities=parsed.responsibilities or _responsibilities(ctx, shape.id),
        boundaries=parsed.boundaries
        or tuple(
            Boundary(b.role, ctx.text(b.owns), ctx.text(b.by_shape.get(shape.id, b.boundary)))
            for b in templates.boundaries
        ),
        raci_roles=templates.raci.roles,
        raci_legend=dict(templates.raci.legend),
        raci=_raci(templates, shape.id),
        today=_today(ctx),
        seniority_level=templates.seniority.level,
        seniority_summary=ctx.text(templates.seniority.summary),
        traits=parsed.traits or _traits(ctx, shape.id),
        interview=parsed.interview or _interview(ctx, shape.id),
        capacity=capacity,
        tiers=tiers,
        qbr_content=parsed.qbr_content or templates.qbr_content,
        playbook=playbook,
        playbook_note=(
            ctx.text(templates.late_renewal_note)
            if playbook and profile.renewal_lead_days < playbook[0].days_before
            else ""
        ),
        metrics=_metrics(ctx),
        metrics_note=ctx.text(templates.pairing_note),
        avoid_metrics=tuple(AvoidLine(a.metric, ctx.text(a.why)) for a in templates.avoid),
        compensation=compensation,
        handover=parsed.handover
        or tuple(HandoverItem(ctx.text(h.item), h.owner, h.when) for h in templates.handover),
        onboarding=parsed.onboarding or _onboarding(ctx),
        onboarding_goals=tuple((phase.phase, phase.goal) for phase in templates.onboarding),
        mistakes=_mistakes(ctx),
        sources=_sources(templates, shape.source),
        source_documents=dict(templates.sources),
        inputs=inputs,
        edited=parsed.sections(),
        templates_origin=origin,
    )


def apply_edits(
    draft: RoleDesign,
    profile: CompanyProfile,
    assessment: Assessment,
    pack: RulePack,
    inputs: RoleInputs,
    edits: Mapping[str, Any] | RoleEdits | None,
) -> tuple[RoleDesign, tuple[Problem, ...]]:
    """The draft with `edits` applied, or the draft itself and why the edits were refused."""
    try:
        return draft_role(profile, assessment, pack, inputs=inputs, edits=edits), ()
    except RoleEditError as error:
        return draft, error.problems


def _raci(templates: RoleTemplates, shape: str) -> tuple[RaciRow, ...]:
    roles = templates.raci.roles
    return tuple(
        RaciRow(a.label, tuple(a.by_shape.get(shape, a.proposed).get(r, "") for r in roles))
        for a in templates.raci.activities
    )


def _traits(ctx: _Context, shape: str) -> tuple[str, ...]:
    seniority = ctx.templates.seniority
    return tuple(ctx.text(t) for t in seniority.traits) + tuple(
        ctx.text(t) for t in seniority.by_shape.get(shape, ())
    )


def _interview(ctx: _Context, shape: str) -> tuple[InterviewQuestion, ...]:
    return tuple(
        InterviewQuestion(q.skill, ctx.text(q.ask), ctx.text(q.listen_for))
        for q in ctx.templates.seniority.interview
        if not q.only_shapes or shape in q.only_shapes
    )


def _onboarding(ctx: _Context) -> tuple[OnboardingStep, ...]:
    return tuple(
        OnboardingStep(phase.phase, ctx.text(action))
        for phase in ctx.templates.onboarding
        for action in phase.actions
    )


def _sources(templates: RoleTemplates, shape_source: str) -> dict[str, str]:
    """Where each section's figures and texts come from."""
    return {
        "shape": shape_source,
        "capacity": templates.capacity.book_source,
        "cadence": templates.tiers_source,
        "qbr": templates.qbr_source,
        "playbook": templates.playbook_source,
        "metrics_avoid": templates.avoid_source,
        "handover": templates.handover_source,
        "onboarding": templates.onboarding_source,
        "team_lead": templates.figures["team_lead_at_ams"].source,
        "cadence_hours": templates.figures["client_hours_per_am_month"].source,
    }


def _fill_values(ctx: _Context) -> dict[str, str]:
    profile, econ, templates = ctx.profile, ctx.assessment.economics, ctx.templates
    segment = ctx.segment
    zone = ctx.thresholds.get("trigger_zone")
    if zone is not None and zone.is_range:
        zone_low, zone_high = zone.resolve(segment)  # type: ignore[misc]
    else:
        zone_low, zone_high = econ.book_size_low, econ.book_size_high
    founder_below = _threshold(ctx.thresholds, "founder_manages_below", segment)
    added = profile.accounts_added_per_quarter
    eta = ""
    if added and profile.active_accounts < zone_low:
        quarters = math.ceil((zone_low - profile.active_accounts) / added)
        eta = f" — about {quarters} quarter{'s' if quarters != 1 else ''} at your current pace"
    next_eta = ""
    if added:
        quarters = max(
            0, math.ceil((econ.next_am_due_at_accounts - profile.active_accounts) / added)
        )
        next_eta = (
            f" (in about {quarters} quarter{'s' if quarters != 1 else ''} at "
            f"{added} new account{'s' if added != 1 else ''} a quarter)"
        )
    cost = econ.am_cost
    factor = templates.figure("loaded_cost_factor")
    return {
        "company": profile.company,
        "segment": wording.segment_label(segment),
        "active_accounts": f"{profile.active_accounts:,}",
        "zone_low": f"{zone_low:g}",
        "zone_high": f"{zone_high:g}",
        "founder_below": f"{founder_below:g}" if isinstance(founder_below, float) else "",
        "book_low": str(econ.book_size_low),
        "book_high": str(econ.book_size_high),
        "am_count": str(ctx.assessment.recommended_am_count),
        "next_am_at": f"{econ.next_am_due_at_accounts:,}",
        "next_am_eta": next_eta,
        "am_count_text": wording.count_of(ctx.assessment.recommended_am_count, "Account Manager"),
        "team_today": wording.team_coverage(
            econ.current_account_managers,
            econ.accounts_covered_by_team,
            econ.recommended_am_count,
            econ.next_am_due_at_accounts,
        ),
        "book_load": wording.percent(
            profile.active_accounts / econ.book_size_high if econ.book_size_high else 0.0, 0
        ),
        "hiring_lead": wording.count_of(int(templates.figure("hiring_lead_quarters")), "quarter"),
        "team_lead_at": f"{templates.figure('team_lead_at_ams'):g}",
        "renewal_lead_days": str(profile.renewal_lead_days),
        "renewal_start": str(templates.milestones[0].days_before) if templates.milestones else "",
        "eta": eta,
        "cadence_hours": "",
        "cadence_load": "",
        "renewal_expansion": "",
        "cost": wording.money(cost, profile.currency),
        "factor": f"{factor:g}",
    }


def _interim(ctx: _Context) -> InterimPlan | None:
    plan = ctx.templates.instead.get(ctx.assessment.verdict.value)
    if plan is None:
        return None
    return InterimPlan(
        ctx.text(plan.title),
        ctx.text(plan.summary),
        tuple(Step(ctx.text(s.step), s.owner, s.when) for s in plan.steps),
        plan.source,
    )


def _responsibilities(ctx: _Context, shape: str) -> tuple[Responsibility, ...]:
    ranked = []
    for position, spec in enumerate(ctx.templates.responsibilities):
        if spec.only_shapes and shape not in spec.only_shapes:
            continue
        weight = spec.weight
        reasons = []
        for boost in spec.boosts:
            if ctx.holds(boost.when):
                weight += boost.weight
                reasons.append(ctx.text(boost.because))
        ranked.append(
            (
                -weight,
                position,
                Responsibility(spec.area, ctx.text(spec.description), " ".join(reasons)),
            )
        )
    ranked.sort(key=lambda item: (item[0], item[1]))
    return tuple(item[2] for item in ranked)


def _today(ctx: _Context) -> tuple[TodayRow, ...]:
    rows = []
    for activity in ctx.templates.raci.activities:
        for rule in activity.today:
            if ctx.holds(rule.when):
                rows.append(TodayRow(activity.label, rule.owner, rule.status, ctx.text(rule.note)))
                break
    return tuple(rows)


def _default_tiers(ctx: _Context) -> tuple[Tier, ...]:
    active = ctx.profile.active_accounts
    acv = ctx.profile.avg_contract_value
    tiers = []
    specs = ctx.templates.tiers
    # The same tier counts the AM count is worked out from (economics.CadenceModel).
    counts = CadenceModel(tuple(spec.share_of_accounts for spec in specs), (), 0.0).tier_counts(
        active
    )
    for spec, count in zip(specs, counts, strict=True):
        tiers.append(
            Tier(
                tier=spec.id,
                label=spec.label,
                min_value=_round_value(spec.min_value_multiple * acv),
                accounts=count,
                contact=spec.contact,
                review=spec.review,
                hours_per_month=spec.hours_per_month(ctx.profile.segment.value),
            )
        )
    return tuple(tiers)


def _with_value_rules(tiers: Iterable[Tier], currency: str) -> tuple[Tier, ...]:
    ordered = sorted(tiers, key=lambda t: -t.min_value)
    result = []
    for index, tier in enumerate(ordered):
        low = wording.money(tier.min_value, currency)
        if index == 0:
            rule = f"{low} a year or more" if tier.min_value > 0 else "every account"
        else:
            high = wording.money(ordered[index - 1].min_value, currency)
            rule = f"under {high} a year" if tier.min_value <= 0 else f"{low} to {high} a year"
        result.append(replace(tier, value_rule=rule))
    return tuple(result)


def _capacity(ctx: _Context, shape: str, tiers: tuple[Tier, ...]) -> Capacity:
    econ, profile, templates = ctx.assessment.economics, ctx.profile, ctx.templates
    texts = templates.capacity
    cadence_hours = sum(t.accounts * t.hours_per_month for t in tiers)
    client_hours = templates.figure("client_hours_per_am_month")
    team_hours = client_hours * max(ctx.assessment.recommended_am_count, 1)
    cadence_load = cadence_hours / team_hours if team_hours else 0.0
    ctx.fill["cadence_hours"] = f"{cadence_hours:,.0f}"
    ctx.fill["cadence_load"] = wording.percent(cadence_load, 0)
    added = profile.accounts_added_per_quarter
    quarters = (
        max(0, math.ceil((econ.next_am_due_at_accounts - profile.active_accounts) / added))
        if added
        else None
    )
    sentences = [ctx.text(texts.book), ctx.text(texts.now), ctx.text(texts.next_am)]
    if shape == "key_account_manager":
        sentences.append(ctx.text(texts.key_accounts))
    sentences.append(ctx.text(texts.cadence_load))
    sentences.append(ctx.text(texts.team_lead))
    return Capacity(
        book_low=econ.book_size_low,
        book_high=econ.book_size_high,
        active_accounts=profile.active_accounts,
        am_count=ctx.assessment.recommended_am_count,
        load=profile.active_accounts / econ.book_size_high if econ.book_size_high else 0.0,
        next_am_at=econ.next_am_due_at_accounts,
        quarters_to_next_am=quarters,
        team_lead_at_ams=int(templates.figure("team_lead_at_ams")),
        cadence_hours=cadence_hours,
        cadence_load=cadence_load,
        sentences=tuple(sentences),
        source=texts.book_source,
    )


def _metric_text(key: str, value: float) -> str:
    if key == "nps":
        return f"{value:+.0f}" if value else "0"
    return wording.percent(value)


def _metrics(ctx: _Context) -> tuple[MetricLine, ...]:
    lines = []
    arr = ctx.assessment.economics.total_arr
    money = functools.partial(wording.money, currency=ctx.profile.currency)
    for shown in ctx.templates.metrics:
        target = ctx.pack.metric_targets.get(shown.metric)
        if target is None:
            continue
        better = "at least" if target.direction == "higher" else "at most"
        worse = "below" if target.direction == "higher" else "above"
        text = f"{better} {_metric_text(shown.metric, target.healthy)}"
        if target.best_in_class is not None:
            text += f" (best in class {_metric_text(shown.metric, target.best_in_class)})"
        text += f"; alarm {worse} {_metric_text(shown.metric, target.alarm)}"
        book = ""
        if shown.metric == "nrr":
            book = f"{money(arr * target.healthy)} or more of today's {money(arr)} ARR a year on"
        elif shown.metric == "expansion_rate":
            book = f"about {money(arr * target.healthy)} of expansion a year"
        elif shown.metric == "contraction_rate":
            book = f"no more than {money(arr * target.healthy)} lost to downgrades a year"
        elif shown.metric in ("logo_retention", "renewal_rate"):
            kept = math.ceil(ctx.profile.active_accounts * target.healthy - 1e-9)
            book = f"{kept} of {ctx.profile.active_accounts} accounts"
        today_value = getattr(ctx.profile, shown.metric, None)
        if isinstance(today_value, int | float) and not isinstance(today_value, bool):
            today, status = _metric_text(shown.metric, today_value), target.status(today_value)
        else:
            today, status = "not measured yet", "unknown"
        lines.append(
            MetricLine(
                shown.metric,
                target.label,
                text,
                book,
                today,
                status,
                ctx.text(shown.how),
                target.source,
            )
        )
    return tuple(lines)


def _compensation(ctx: _Context, edits: RoleEdits) -> Compensation:
    spec = ctx.templates.compensation
    econ = ctx.assessment.economics
    factor = ctx.templates.figure("loaded_cost_factor")
    if edits.ote is not None:
        ote, ote_source = edits.ote, "your figure"
    else:
        ote = _round_value(econ.am_cost / factor)
        template = (
            spec.ote_source_profile
            if ctx.profile.am_fully_loaded_cost is not None
            else spec.ote_source_benchmark
        )
        ote_source = ctx.text(template)
    base_share = edits.base_share if edits.base_share is not None else spec.base_share
    components = edits.components or tuple(
        PayComponent(c.id, c.label, c.kind, c.share, c.measure) for c in spec.components
    )
    draft = Compensation(
        currency=ctx.profile.currency,
        ote=ote,
        ote_source=ote_source,
        base_share=base_share,
        components=components,
        curve=spec.curve,
        attainments=spec.attainments,
        range_low=spec.range_low,
        range_high=spec.range_high,
        warnings=(),
        sources=(
            f"Base/variable mix: {spec.base_share_source}",
            f"Variable split: {spec.components_source}",
            f"Payout curve: {spec.curve.source}",
            f"Loaded-cost factor: {ctx.templates.figures['loaded_cost_factor'].source}",
        ),
    )
    warnings = []
    if draft.has_new_logo_quota:
        warnings.append(ctx.text(spec.new_logo_warning))
    share = draft.renewal_expansion_share
    if not spec.range_low - 1e-9 <= share <= spec.range_high + 1e-9:
        ctx.fill["renewal_expansion"] = wording.percent(share, 0)
        warnings.append(ctx.text(spec.outside_range_warning))
    if base_share >= 1:
        warnings.append(
            "The plan has no variable pay, so nothing ties pay to renewal and expansion."
        )
    return replace(draft, warnings=tuple(warnings))


_COMPARISONS = {"lt": "below", "lte": "at most", "gt": "above", "gte": "at least"}


def describe_check(check: ConditionResult, currency: str, verdict_labels: Mapping[str, str]) -> str:
    """One condition that holds, as the fact behind it: "Who runs renewals today: founder"."""
    if check.field == "verdict":
        return f"Verdict: {verdict_labels.get(str(check.actual), str(check.actual))}"
    if check.field == "am_count":
        return f"Account Managers the book needs: {check.actual}"
    if check.field == "top_accounts_share":
        actual = wording.percent(float(check.actual)) if check.actual is not None else "unknown"
        return f"Share of ARR in the three largest accounts: {actual}"
    if check.field in ROLE_FIELD_LABELS:
        return ROLE_FIELD_LABELS[check.field]
    label = wording.label(check.field)
    shown = wording.with_unit(check.field, check.actual, currency)
    if check.op == "is_set":
        return f"{label}: {shown}"
    if check.op in _COMPARISONS:
        limit = wording.with_unit(check.field, check.expected, currency)
        return f"{label}: {shown} ({_COMPARISONS[check.op]} {limit})"
    if check.op == "between":
        low = wording.value(check.field, check.expected[0], currency)
        high = wording.with_unit(check.field, check.expected[1], currency)
        return f"{label}: {shown} (between {low} and {high})"
    return f"{label}: {shown}"


def _fact_text(ctx: _Context, fact: Fact) -> str:
    if fact.kind == "met" and fact.result is not None:
        return describe_check(fact.result, ctx.profile.currency, ctx.pack.verdict_labels)
    if fact.kind == "not_provided":
        return f"{wording.in_sentence(wording.label(fact.field))} is not provided"
    return "not all of the listed conditions hold"


def _supporting(ctx: _Context, node: Node) -> tuple[bool, list[str]]:
    """Whether a condition holds and, when it does, the facts that make it hold, in words."""
    held, facts = supporting_facts(node, ctx.values, ctx.templates.references, ctx.segment)
    return held, [_fact_text(ctx, fact) for fact in facts]


def _mistakes(ctx: _Context) -> tuple[Mistake, ...]:
    found = []
    for spec in ctx.templates.mistakes:
        held, facts = _supporting(ctx, spec.when)
        if held:
            found.append(
                Mistake(
                    spec.id,
                    ctx.text(spec.title),
                    ctx.text(spec.why),
                    ctx.text(spec.advice),
                    tuple(dict.fromkeys(facts)),
                    spec.source,
                )
            )
    return tuple(found)
