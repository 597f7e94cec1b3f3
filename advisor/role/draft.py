"""Draft the Account Manager role for one company: RoleDesign from profile + assessment + pack.

Every text, default and figure comes from the pack's `role:` section (rules/40-role.yaml); this
module only chooses, weights and fills them for the company. `draft_role(..., edits=...)`
applies validated edits (`advisor.role.edits`) over the draft and recomputes everything that
depends on them (payout table, warnings, cadence load, mistakes).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any

import msgspec

from advisor import present, wording
from advisor.economics import (
    DEFAULT_MODEL,
    CadenceModel,
    RegionPay,
    cadence_model,
    derivation_constants,
    derived_values,
    pay_place,
    recommended_am_count,
)
from advisor.engine import Assessment, Verdict
from advisor.hiring_zone import hiring_zone
from advisor.i18n import N_, _, current, formats, n_, p_
from advisor.pack import MetricTarget, Node, RulePack, Threshold, load_pack
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
from advisor.role import search
from advisor.role.edits import RoleEditError, RoleEdits, parse_edits
from advisor.role.metrics import metric_lines
from advisor.role.model import (
    Boundary,
    Capacity,
    Compensation,
    InterviewQuestion,
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


@functools.lru_cache(maxsize=4)
def _shipped_pack_in(language: str) -> RulePack:
    return load_pack(language=language)


def _shipped_pack() -> RulePack:
    """The shipped pack in the current language (a pack without a role section borrows it)."""
    return _shipped_pack_in(current())


def templates_for(
    pack: RulePack, business_model: str = DEFAULT_MODEL
) -> tuple[RoleTemplates, Mapping[str, Threshold], str]:
    """The role templates to use for a business model, the thresholds their conditions refer
    to, and their origin."""
    if isinstance(pack.role, RoleTemplates):
        origin = p_("where the role texts come from", "rule pack")
        return for_model(pack.role, pack, business_model), pack.thresholds, origin
    shipped = _shipped_pack()
    if not isinstance(shipped.role, RoleTemplates):
        raise RoleError(_("the shipped rule pack has no role section (rules/40-role.yaml)"))
    return (
        for_model(shipped.role, shipped, business_model),
        shipped.thresholds,
        _("shipped defaults (the rule pack has no role section)"),
    )


def for_model(templates: RoleTemplates, pack: RulePack, business_model: str) -> RoleTemplates:
    """The role templates with what the pack's business model replaces: its pay, its metrics
    and the source of its onboarding plan (the seed claims it was not about left out)."""
    spec = pack.business_model(business_model)
    if spec is None:
        return templates
    changes: dict[str, Any] = {}
    if spec.compensation is not None:
        changes["compensation"] = spec.compensation
    if spec.metrics:
        changes["metrics"] = spec.metrics
    if spec.pairing_note:
        changes["pairing_note"] = spec.pairing_note
    if spec.onboarding_source:
        changes["onboarding_source"] = spec.onboarding_source
    return msgspec.structs.replace(templates, **changes) if changes else templates


def metric_targets_for(
    pack: RulePack, business_model: str, band: str | None = None
) -> dict[str, MetricTarget]:
    """The pack's metric targets for the contract-value band (where the business model takes
    targets by band), with those its business model adds or replaces."""
    spec = pack.business_model(business_model)
    by_band = band if spec is None or spec.band_targets else None
    return {**pack.targets_for(by_band), **(spec.metric_targets if spec else {})}


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
    fields = msgspec.structs.asdict(profile)
    values: dict[str, Any] = {k: (v.value if isinstance(v, Enum) else v) for k, v in fields.items()}
    derived_values(
        values, derivation_constants(pack, segment, profile.currency, *pay_place(profile))
    )
    plan = assessment.plan
    values.update(
        verdict=assessment.verdict.value,
        am_count=assessment.recommended_am_count,
        top_accounts_share=inputs.top_accounts_share,
        search_dated=plan is not None and plan.search_opens_on is not None,
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
    templates, thresholds, origin = templates_for(pack, str(profile.business_model))
    ctx = _context(profile, assessment, pack, templates, thresholds, inputs)
    shape = next(s for s in templates.shapes if ctx.holds(s.when))
    tiers = _with_value_rules(parsed.tiers or _default_tiers(ctx), profile.currency)
    ctx.fill["key_accounts"] = formats.number(tiers[0].accounts) if tiers else "0"
    ctx.fill["tail_accounts"] = formats.number(sum(t.accounts for t in tiers[1:]))
    compensation = _compensation(ctx, parsed)
    ctx.values["new_logo_quota"] = compensation.has_new_logo_quota
    capacity = _capacity(ctx, shape.id, tiers, edited=bool(parsed.tiers))
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
        raci_roles=templates.raci.labels or templates.raci.roles,
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
        metrics=metric_lines(
            templates.metrics,
            metric_targets_for(
                pack, str(profile.business_model), assessment.economics.contract_value_band
            ),
            profile,
            assessment.economics,
            ctx.text,
        ),
        metrics_note=ctx.text(templates.pairing_note),
        avoid_metrics=tuple(AvoidLine(a.metric, ctx.text(a.why)) for a in templates.avoid),
        compensation=compensation,
        handover=parsed.handover
        or tuple(HandoverItem(ctx.text(h.item), h.owner, h.when) for h in templates.handover),
        onboarding=_kinds_kept(parsed.onboarding, _onboarding(ctx)),
        onboarding_goals=tuple((phase.phase, phase.goal) for phase in templates.onboarding),
        mistakes=_mistakes(ctx),
        sources=_sources(templates, shape.source),
        source_documents=dict(templates.sources),
        inputs=inputs,
        edited=parsed.sections(),
        templates_origin=origin,
        reporting_line=search.reporting_line(profile),
        ae_handover=search.ae_handover(profile),
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
        OnboardingStep(phase.phase, ctx.text(action), kind)
        for phase in ctx.templates.onboarding
        for action, kind in zip(
            phase.actions, phase.kinds or ("",) * len(phase.actions), strict=True
        )
    )


def _kinds_kept(
    edited: tuple[OnboardingStep, ...] | None, drafted: tuple[OnboardingStep, ...]
) -> tuple[OnboardingStep, ...]:
    """The edited steps (else the drafted): a step left as drafted keeps its kind."""
    if not edited:
        return drafted
    kinds = {(step.phase, step.action): step.kind for step in drafted}
    return tuple(
        OnboardingStep(step.phase, step.action, kinds.get((step.phase, step.action), ""))
        for step in edited
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
    profile, assessment, templates = ctx.profile, ctx.assessment, ctx.templates
    econ, plan = assessment.economics, assessment.plan
    segment = ctx.segment
    zone = hiring_zone(profile, ctx.pack, econ)
    if zone is not None:
        zone_low, zone_high = zone.low, zone.high
    else:
        zone_low, zone_high = econ.book_size_low, econ.book_size_high
    founder_below = _threshold(ctx.thresholds, "founder_manages_below", segment)
    cost = econ.am_cost
    factor = templates.figure("loaded_cost_factor")
    lead_days = plan.recruiting_days + plan.ramp_days if plan else 0
    return {
        "company": profile.company,
        **wording.role_words(ctx.pack.role_title(str(profile.business_model))),
        "segment": wording.segment_label(segment),
        "active_accounts": formats.number(profile.active_accounts),
        "zone_low": wording.plain_number(zone_low),
        "zone_high": wording.plain_number(zone_high),
        "founder_below": (
            wording.plain_number(founder_below) if isinstance(founder_below, float) else ""
        ),
        "book_low": str(econ.book_size_low),
        "book_high": str(econ.book_size_high),
        "am_count": str(econ.recommended_am_count),
        "next_am_at": formats.number(econ.next_am_due_at_accounts),
        "next_am_eta": _next_am_eta(_reached_in(assessment, econ.next_am_due_at_accounts)),
        "am_count_text": present.am_count_text(econ.recommended_am_count),
        "team_today": present.team_sentence(econ),
        "book_load": wording.percent(
            profile.active_accounts / econ.book_size_high if econ.book_size_high else 0.0, 0
        ),
        "hiring_lead": n_("{number} day", "{number} days", lead_days, number=lead_days),
        "team_lead_at": wording.plain_number(templates.figure("team_lead_at_ams")),
        "renewal_lead_days": str(profile.renewal_lead_days),
        "renewal_start": str(templates.milestones[0].days_before) if templates.milestones else "",
        "eta": _zone_eta(_reached_in(assessment, zone_low)),
        "cadence_hours": "",
        "cadence_load": "",
        "client_hours": "",
        "renewal_expansion": "",
        "cost": wording.money(cost, profile.currency),
        "factor": wording.plain_number(factor),
        **_plan_values(ctx),
    }


def _plan_values(ctx: _Context) -> dict[str, str]:
    """What the role says about dates and the team, from the assessment's plan and team plan."""
    assessment, econ = ctx.assessment, ctx.assessment.economics
    plan = assessment.plan
    current = econ.current_account_managers
    if current == 0:
        book_keeper = _("the founder or an account executive")
        keeper = _("Founder or AE")
    else:
        # Translators: who keeps the book until the new AM carries it
        book_keeper = n_("today's Account Manager", "today's {count} Account Managers", current)
        keeper = n_("Today's AM", "Today's AMs", current)
    team = assessment.team
    lead_at = team.team_lead_at_ams if team and team.team_lead_at_ams else None
    return {
        "next_am": wording.capitalised(present.next_am_sentence(assessment)),
        "next_am_search": present.next_am_search(assessment),
        "team_lead_plan": present.team_lead_text(
            assessment, lead_at or int(ctx.templates.figure("team_lead_at_ams"))
        ),
        "search_opens": present.search_phrase(assessment),
        "next_date": present.date(plan.search_opens_on or plan.reassess_on) if plan else "",
        "plan_next": wording.in_sentence(present.when_line(assessment)).removesuffix("."),
        "reassess_on": present.date(plan.reassess_on) if plan else "",
        "zone_reached": present.zone_phrase(assessment),
        "book_keeper": book_keeper,
        "keeper": keeper,
        "the_new_am": (
            _("the new Account Managers")
            if econ.additional_ams_needed > 1
            else _("the new Account Manager")
        ),
        "key_accounts": "",
        "tail_accounts": "",
    }


def _next_am_eta(quarter: str) -> str:
    return _(" (in {quarter} at your current pace)", quarter=quarter) if quarter else ""


def _zone_eta(quarter: str) -> str:
    return _(" — in {quarter} at your current pace", quarter=quarter) if quarter else ""


def _reached_in(assessment: Assessment, accounts: float) -> str:
    """The label of the growth quarter the book reaches a size in; empty when the book is
    there already or does not get there within the growth shown."""
    growth = assessment.growth
    if growth is None or not growth.pace:
        return ""
    found = next((q for q in growth.quarters if q.active_accounts >= accounts), None)
    if found is None or found.quarters_ahead == 0:
        return ""
    return found.label


def _interim(ctx: _Context) -> InterimPlan | None:
    plan = ctx.templates.instead.get(ctx.assessment.verdict.value)
    if plan is None:
        return None
    return InterimPlan(
        ctx.text(plan.title),
        ctx.text(plan.summary),
        tuple(Step(ctx.text(s.step), ctx.text(s.owner), ctx.text(s.when)) for s in plan.steps),
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
            rule = _("{low} a year or more", low=low) if tier.min_value > 0 else _("every account")
        else:
            high = wording.money(ordered[index - 1].min_value, currency)
            rule = (
                _("under {high} a year", high=high)
                if tier.min_value <= 0
                else _("{low} to {high} a year", low=low, high=high)
            )
        result.append(replace(tier, value_rule=rule))
    return tuple(result)


def _drafted_hours(ctx: _Context, tiers: tuple[Tier, ...]) -> tuple[float, float, int, float]:
    """Cadence and renewal hours a month, the AMs they need and one AM's client hours, for the
    cadence as drafted: the capacity model of `economics`, with the drafted tiers' shares and
    hours over the book the tiers hold."""
    base = cadence_model(ctx.pack, ctx.segment) or CadenceModel(
        (),
        (),
        ctx.templates.figure("client_hours_per_am_month"),
        ctx.pack.renewal_load.hours(ctx.segment) / 12,
    )
    book = sum(t.accounts for t in tiers)
    model = msgspec.structs.replace(
        base,
        shares=tuple(t.accounts / book if book else 0.0 for t in tiers),
        hours=tuple(t.hours_per_month for t in tiers),
    )
    count = recommended_am_count(book, ctx.assessment.economics.book_size_high, model)
    return (
        model.cadence_hours_for(book),
        model.renewal_hours_for(book),
        count,
        model.client_hours_per_am,
    )


def _capacity(ctx: _Context, shape: str, tiers: tuple[Tier, ...], *, edited: bool) -> Capacity:
    assessment, profile, templates = ctx.assessment, ctx.profile, ctx.templates
    econ, texts = assessment.economics, templates.capacity
    if edited or not econ.client_hours_per_am:
        cadence, renewals, count, per_am = _drafted_hours(ctx, tiers)
        hours_text = present.drafted_hours_sentence(econ, cadence, renewals, count, per_am)
    else:
        cadence, renewals = econ.cadence_hours, econ.renewal_hours
        count, per_am = econ.recommended_am_count, econ.client_hours_per_am
        hours_text = present.hours_sentence(econ)
    team_hours = count * per_am
    cadence_load = cadence / team_hours if team_hours else 0.0
    ctx.fill.update(
        cadence_hours=formats.number(round(cadence)),
        cadence_load=present.share(cadence_load),
        client_hours=hours_text,
    )
    band_line = present.book_band_line(assessment, ctx.pack)
    sentences = [
        ctx.text(texts.book),
        *([band_line] if band_line else []),
        ctx.text(texts.now),
        ctx.text(texts.next_am),
    ]
    beyond = [band_line] if band_line else []
    # A Key Account Manager's book at the low end only where each one's book is there.
    per_kam = profile.active_accounts / max(econ.recommended_am_count, 1)
    if shape == "key_account_manager" and per_kam <= econ.book_size_low:
        beyond.append(ctx.text(texts.key_accounts))
    if shape == "key_accounts_scaled_tail" and texts.scaled_tail:
        beyond.append(ctx.text(texts.scaled_tail))
    sentences += beyond[1 if band_line else 0 :]
    sentences.append(ctx.text(texts.cadence_load))
    if count != econ.recommended_am_count:
        differs = _(
            "With the cadence as drafted the book needs {needed}; the count elsewhere in this "
            "case, {count}, is for the default cadence.",
            needed=present.am_count_text(count),
            count=econ.recommended_am_count,
        )
        sentences.append(differs)
        beyond.append(differs)
    sentences.append(ctx.text(texts.team_lead))
    beyond.append(ctx.text(texts.team_lead))
    growth = assessment.growth
    reached = (
        next(
            (q for q in growth.quarters if q.active_accounts >= econ.next_am_due_at_accounts), None
        )
        if growth is not None and growth.pace
        else None
    )
    return Capacity(
        book_low=econ.book_size_low,
        book_high=econ.book_size_high,
        active_accounts=profile.active_accounts,
        am_count=econ.recommended_am_count,
        load=profile.active_accounts / econ.book_size_high if econ.book_size_high else 0.0,
        next_am_at=econ.next_am_due_at_accounts,
        quarters_to_next_am=reached.quarters_ahead if reached else None,
        team_lead_at_ams=int(templates.figure("team_lead_at_ams")),
        cadence_hours=cadence,
        cadence_load=cadence_load,
        sentences=tuple(sentences),
        beyond_figures=tuple(beyond),
        source=(
            _(
                "{source}; by band of contract value: {band_source}",
                source=texts.book_source,
                band_source=ctx.pack.book_size_band_source,
            )
            if econ.book_size_band
            else texts.book_source
        ),
        renewal_hours=renewals,
        client_hours=cadence + renewals,
        client_load=(cadence + renewals) / team_hours if team_hours else 0.0,
        team_client_hours=team_hours,
        drafted_am_count=count,
        hours_text=hours_text,
    )


def _compensation(ctx: _Context, edits: RoleEdits) -> Compensation:
    spec = ctx.templates.compensation
    econ = ctx.assessment.economics
    factor = ctx.templates.figure("loaded_cost_factor")
    band = econ.pay if econ.pay_status == "used" else None
    if edits.ote is not None:
        ote, ote_source = edits.ote, _("your figure")
    elif band is not None:
        ote, ote_source = _round_value(band.ote_expected), present.band_ote_source(band)
    else:
        ote = _round_value(econ.am_cost / factor)
        template = (
            spec.ote_source_profile
            if ctx.profile.am_fully_loaded_cost is not None
            else spec.ote_source_benchmark
        )
        ote_source = ctx.text(template)
    base_share = edits.base_share if edits.base_share is not None else spec.base_share
    if edits.base_share is None and band is not None:
        base_share = band.base_share
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
        range_source=spec.range_source,
        sources=_pay_sources(ctx, band),
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
            _("The plan has no variable pay, so nothing ties pay to renewal and expansion.")
        )
    return replace(draft, warnings=tuple(warnings))


# Translators: a fact and the limit it is compared with: "Active client accounts: 40 (above 25)"
_COMPARISONS = {
    "lt": N_("{label}: {value} (below {limit})"),
    "lte": N_("{label}: {value} (at most {limit})"),
    "gt": N_("{label}: {value} (above {limit})"),
    "gte": N_("{label}: {value} (at least {limit})"),
}


def _pay_sources(ctx: _Context, band: RegionPay | None) -> tuple[str, ...]:
    spec = ctx.templates.compensation
    mix = band.mix_source if band else spec.base_share_source
    found = [
        _("Base/variable mix: {source}", source=mix),
        _("Variable split: {source}", source=spec.components_source),
        _("Payout curve: {source}", source=spec.curve.source),
    ]
    if band:
        found += [
            _("Pay band: {source}", source=band.band_source),
            _("Employer on-costs: {source}", source=band.on_cost_source),
        ]
    else:
        factor = ctx.templates.figures["loaded_cost_factor"].source
        found.append(_("Loaded-cost factor: {source}", source=factor))
    return tuple(found)


def describe_check(check: ConditionResult, currency: str, verdict_labels: Mapping[str, str]) -> str:
    """One condition that holds, as the fact behind it: "Who runs renewals today: founder"."""
    if check.field == "verdict":
        shown = verdict_labels.get(str(check.actual), str(check.actual))
        return _("Verdict: {verdict}", verdict=shown)
    if check.field == "am_count":
        return _("Account Managers the book needs: {count}", count=check.actual)
    if check.field == "top_accounts_share":
        actual = wording.percent(float(check.actual)) if check.actual is not None else _("unknown")
        return _("Share of revenue in the three largest accounts: {share}", share=actual)
    if check.field in ROLE_FIELD_LABELS:
        # A yes/no role field reads as the fact when it holds, and with "no" when it does not.
        label = _(ROLE_FIELD_LABELS[check.field])
        return _("{label}: no", label=label) if check.actual is False else label
    label = wording.label(check.field)
    shown = wording.with_unit(check.field, check.actual, currency)
    if check.op in _COMPARISONS:
        limit = wording.with_unit(check.field, check.expected, currency)
        return _(_COMPARISONS[check.op], label=label, value=shown, limit=limit)
    if check.op == "between":
        return _(
            "{label}: {value} (between {low} and {high})",
            label=label,
            value=shown,
            low=wording.value(check.field, check.expected[0], currency),
            high=wording.with_unit(check.field, check.expected[1], currency),
        )
    return _("{label}: {value}", label=label, value=shown)


def _fact_text(ctx: _Context, fact: Fact) -> str:
    if fact.kind == "met" and fact.result is not None:
        labels = ctx.pack.verdict_labels_for(str(ctx.profile.business_model))
        return describe_check(fact.result, ctx.profile.currency, labels)
    if fact.kind == "not_provided":
        label = wording.in_sentence(wording.label(fact.field))
        return _("{label} is not provided", label=label)
    return _("not all of the listed conditions hold")


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
