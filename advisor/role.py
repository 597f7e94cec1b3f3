"""Draft the Account Manager role for one company: RoleDesign from profile + assessment + pack.

Every text, default and figure comes from the pack's `role:` section (rules/40-role.yaml); this
module only chooses, weights and fills them for the company. A draft is editable: edits are
plain data (what the app keeps in its session, what the CLI reads from a file), validated by
`parse_edits` and applied by `draft_role(..., edits=...)`, which recomputes everything that
depends on them (payout table, warnings, cadence load, mistakes).
"""

from __future__ import annotations

import functools
import math
import numbers
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from enum import Enum
from typing import Any

from advisor import wording
from advisor.economics import derivation_constants, derived_values
from advisor.engine import Assessment, ConditionResult, Verdict, evaluate_when
from advisor.profile import CompanyProfile
from advisor.role_templates import PAY_KINDS, ROLE_FIELD_LABELS, PayoutCurve, RoleTemplates
from advisor.rules import Condition, Group, Node, RulePack, Threshold, load_pack

MAX_TEXT = 2000
MAX_ROWS = 40

# The parts of a draft a user may edit, in the order the app shows them.
EDITABLE_SECTIONS = (
    "title",
    "mission",
    "responsibilities",
    "traits",
    "interview",
    "tiers",
    "qbr_content",
    "playbook",
    "handover",
    "onboarding",
    "compensation",
)


class RoleError(RuntimeError):
    """No role templates are available (the pack and the shipped pack both lack them)."""


class RoleEditError(ValueError):
    """Edits were refused; `problems` names each bad value by its place in the edits."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


# ---------------------------------------------------------------------------------------------
# The draft


@dataclass(frozen=True)
class RoleInputs:
    """Role-design inputs that are not part of the company profile."""

    top_accounts_share: float | None = None  # share of ARR held by the three largest accounts


@dataclass(frozen=True)
class Step:
    step: str
    owner: str
    when: str


@dataclass(frozen=True)
class InterimPlan:
    """What to do instead of hiring now (every verdict but hire_now)."""

    title: str
    summary: str
    steps: tuple[Step, ...]
    source: str


@dataclass(frozen=True)
class Responsibility:
    area: str
    description: str
    why: str  # why it ranks where it does for this company; empty for the base ranking


@dataclass(frozen=True)
class Boundary:
    role: str
    owns: str
    boundary: str


@dataclass(frozen=True)
class RaciRow:
    activity: str
    cells: tuple[str, ...]  # one per role in RoleDesign.raci_roles


@dataclass(frozen=True)
class TodayRow:
    activity: str
    owner: str
    status: str  # ok | gap | overlap | risk
    note: str


@dataclass(frozen=True)
class InterviewQuestion:
    skill: str
    ask: str
    listen_for: str


@dataclass(frozen=True)
class Capacity:
    book_low: int
    book_high: int
    active_accounts: int
    am_count: int
    load: float  # active accounts ÷ the most one AM can hold
    next_am_at: int
    quarters_to_next_am: int | None
    team_lead_at_ams: int
    cadence_hours: float
    cadence_load: float  # cadence hours ÷ one AM's client hours
    sentences: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class Tier:
    tier: str
    label: str
    min_value: float  # annual contract value from which an account is in this tier
    accounts: int
    contact: str
    review: str
    hours_per_month: float
    value_rule: str = ""  # "€72,000 or more", filled from the tiers around it


@dataclass(frozen=True)
class Milestone:
    days_before: int
    milestone: str
    actions: str
    owner: str


@dataclass(frozen=True)
class MetricLine:
    key: str
    label: str
    target: str
    for_this_book: str
    today: str
    status: str  # healthy | watch | alarm | unknown
    how: str
    source: str


@dataclass(frozen=True)
class AvoidLine:
    metric: str
    why: str


@dataclass(frozen=True)
class PayComponent:
    id: str
    label: str
    kind: str  # renewal | expansion | other | new_logo
    share: float  # of the variable pay
    measure: str


@dataclass(frozen=True)
class PayoutRow:
    attainment: float
    base: float
    by_component: tuple[float, ...]
    variable: float
    total: float
    share_of_ote: float


def payout_factor(attainment: float, curve: PayoutCurve) -> float:
    """Share of a component's target pay earned at an attainment (1.0 = on target)."""
    if attainment < curve.threshold:
        return 0.0
    if attainment <= 1:
        return attainment
    return min(1 + (attainment - 1) * curve.accelerator, curve.cap)


@dataclass(frozen=True)
class Compensation:
    currency: str
    ote: float
    ote_source: str
    base_share: float
    components: tuple[PayComponent, ...]
    curve: PayoutCurve
    attainments: tuple[float, ...]
    range_low: float
    range_high: float
    warnings: tuple[str, ...]
    sources: tuple[str, ...]

    @property
    def base(self) -> float:
        return self.ote * self.base_share

    @property
    def variable(self) -> float:
        return self.ote - self.base

    @property
    def renewal_expansion_share(self) -> float:
        return sum(c.share for c in self.components if c.kind in ("renewal", "expansion"))

    @property
    def has_new_logo_quota(self) -> bool:
        return any(c.kind == "new_logo" and c.share > 0 for c in self.components)

    def payout(self, attainment: float) -> PayoutRow:
        factor = payout_factor(attainment, self.curve)
        parts = tuple(round(self.variable * c.share * factor, 2) for c in self.components)
        variable = round(sum(parts), 2)
        base = round(self.base, 2)
        total = round(base + variable, 2)
        share = round(total / self.ote, 4) if self.ote else 0.0
        return PayoutRow(attainment, base, parts, variable, total, share)

    def payout_rows(self) -> list[PayoutRow]:
        return [self.payout(level) for level in self.attainments]


@dataclass(frozen=True)
class HandoverItem:
    item: str
    owner: str
    when: str


@dataclass(frozen=True)
class OnboardingStep:
    phase: str
    action: str


@dataclass(frozen=True)
class Mistake:
    id: str
    title: str
    why: str
    advice: str
    raised_by: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class RoleDesign:
    """The drafted (and possibly edited) role for one company."""

    company: str
    currency: str
    segment: str
    verdict: str
    verdict_label: str
    shape: str
    title: str
    summary: str
    mission: str
    hire_now: bool
    interim: InterimPlan | None
    responsibilities: tuple[Responsibility, ...]
    boundaries: tuple[Boundary, ...]
    raci_roles: tuple[str, ...]
    raci_legend: dict[str, str]
    raci: tuple[RaciRow, ...]
    today: tuple[TodayRow, ...]
    seniority_level: str
    seniority_summary: str
    traits: tuple[str, ...]
    interview: tuple[InterviewQuestion, ...]
    capacity: Capacity
    tiers: tuple[Tier, ...]
    qbr_content: tuple[str, ...]
    playbook: tuple[Milestone, ...]
    playbook_note: str
    metrics: tuple[MetricLine, ...]
    metrics_note: str
    avoid_metrics: tuple[AvoidLine, ...]
    compensation: Compensation
    handover: tuple[HandoverItem, ...]
    onboarding: tuple[OnboardingStep, ...]
    onboarding_goals: tuple[tuple[str, str], ...]
    mistakes: tuple[Mistake, ...]
    sources: dict[str, str]  # section -> where its figures and texts come from
    source_documents: dict[str, str]  # `seed 000` -> what that document is
    inputs: RoleInputs = field(default_factory=RoleInputs)
    edited: tuple[str, ...] = ()
    templates_origin: str = "rule pack"

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-safe data, with the payout table computed."""
        data = asdict(self)
        data["compensation"]["base"] = self.compensation.base
        data["compensation"]["variable"] = self.compensation.variable
        data["compensation"]["renewal_expansion_share"] = self.compensation.renewal_expansion_share
        data["compensation"]["has_new_logo_quota"] = self.compensation.has_new_logo_quota
        data["compensation"]["payout_table"] = [
            asdict(row) for row in self.compensation.payout_rows()
        ]
        data["onboarding_goals"] = [list(goal) for goal in self.onboarding_goals]
        cleaned: dict[str, Any] = _finite(data)
        return cleaned


def whole_percent(rate: float) -> str:
    """A rate as a whole percentage: 1.4 -> "140%"."""
    return f"{rate * 100:.0f}%"


def _finite(data: Any) -> Any:
    if isinstance(data, dict):
        return {key: _finite(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [_finite(value) for value in data]
    if isinstance(data, float) and not math.isfinite(data):
        return None
    return data


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
# Edits: validated plain data


@dataclass(frozen=True)
class RoleEdits:
    title: str | None = None
    mission: str | None = None
    responsibilities: tuple[Responsibility, ...] | None = None
    traits: tuple[str, ...] | None = None
    interview: tuple[InterviewQuestion, ...] | None = None
    tiers: tuple[Tier, ...] | None = None
    qbr_content: tuple[str, ...] | None = None
    playbook: tuple[Milestone, ...] | None = None
    handover: tuple[HandoverItem, ...] | None = None
    onboarding: tuple[OnboardingStep, ...] | None = None
    ote: float | None = None
    base_share: float | None = None
    components: tuple[PayComponent, ...] | None = None

    def sections(self) -> tuple[str, ...]:
        edited = [
            name
            for name in EDITABLE_SECTIONS
            if name != "compensation" and getattr(self, name) is not None
        ]
        if self.ote is not None or self.base_share is not None or self.components is not None:
            edited.append("compensation")
        return tuple(edited)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


class _EditReader:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def text(self, value: Any, where: str, *, required: bool = True) -> str:
        if _blank(value):
            value = ""
        if isinstance(value, numbers.Real) and not isinstance(value, bool):
            value = f"{value:g}"
        if not isinstance(value, str):
            self.problems.append(f"{where}: expected text")
            return ""
        text: str = value.strip()
        if required and not text:
            self.problems.append(f"{where}: must not be empty")
        if len(text) > MAX_TEXT:
            self.problems.append(f"{where}: longer than {MAX_TEXT} characters")
            return text[:MAX_TEXT]
        return text

    def number(self, value: Any, where: str, low: float, high: float) -> float:
        if isinstance(value, str):
            try:
                value = float(value.strip().rstrip("%")) / (100 if "%" in value else 1)
            except ValueError:
                self.problems.append(f"{where}: {value!r} is not a number")
                return low
        if (
            _blank(value)
            or isinstance(value, bool)
            or not isinstance(value, numbers.Real)
            or not math.isfinite(float(value))
        ):
            self.problems.append(f"{where}: expected a number")
            return low
        number = float(value)
        if not low <= number <= high:
            self.problems.append(f"{where}: {number:g} is outside {low:g}–{high:g}")
            return min(max(number, low), high)
        return number

    def rows(
        self, value: Any, where: str, columns: tuple[str, ...]
    ) -> list[tuple[str, dict[str, Any]]]:
        """Non-blank rows as (place, row); blank rows (new editor rows) are dropped."""
        if not isinstance(value, list | tuple):
            self.problems.append(f"{where}: expected a list of rows")
            return []
        if len(value) > MAX_ROWS:
            self.problems.append(f"{where}: more than {MAX_ROWS} rows")
            return []
        found = []
        for index, row in enumerate(value):
            place = f"{where}[{index}]"
            if isinstance(row, str):
                row = {columns[0]: row}
            if not isinstance(row, Mapping):
                self.problems.append(f"{place}: expected a row with {', '.join(columns)}")
                continue
            unknown = [str(key) for key in row if key not in columns]
            if unknown:
                self.problems.append(
                    f"{place}: unknown column {unknown[0]!r}; expected {', '.join(columns)}"
                )
                continue
            if all(_blank(row.get(c)) or row.get(c) == "" for c in columns):
                continue
            found.append((place, dict(row)))
        return found


def parse_edits(raw: Mapping[str, Any] | RoleEdits | None) -> RoleEdits:
    """Validate edits given as plain data (JSON/YAML or the app's session state)."""
    if raw is None:
        return RoleEdits()
    if isinstance(raw, RoleEdits):
        return raw
    if not isinstance(raw, Mapping):
        raise RoleEditError(["edits: expected a mapping of section: value"])
    read = _EditReader()
    unknown = [str(key) for key in raw if key not in EDITABLE_SECTIONS]
    for key in unknown:
        read.problems.append(
            f"{key}: not an editable section; expected one of {', '.join(EDITABLE_SECTIONS)}"
        )
    values: dict[str, Any] = {}
    for name in ("title", "mission"):
        if name in raw:
            values[name] = read.text(raw[name], name)
    if "responsibilities" in raw:
        rows = read.rows(
            raw["responsibilities"], "responsibilities", ("area", "description", "why")
        )
        values["responsibilities"] = tuple(
            Responsibility(
                read.text(row.get("area"), f"{place}.area"),
                read.text(row.get("description"), f"{place}.description"),
                read.text(row.get("why"), f"{place}.why", required=False),
            )
            for place, row in rows
        )
    for name in ("traits", "qbr_content"):
        if name in raw:
            rows = read.rows(raw[name], name, ("text",))
            values[name] = tuple(read.text(row.get("text"), f"{place}.text") for place, row in rows)
    if "interview" in raw:
        rows = read.rows(raw["interview"], "interview", ("skill", "ask", "listen_for"))
        values["interview"] = tuple(
            InterviewQuestion(
                *(read.text(row.get(k), f"{place}.{k}") for k in ("skill", "ask", "listen_for"))
            )
            for place, row in rows
        )
    if "tiers" in raw:
        values["tiers"] = _parse_tiers(read, raw["tiers"])
    if "playbook" in raw:
        rows = read.rows(
            raw["playbook"], "playbook", ("days_before", "milestone", "actions", "owner")
        )
        milestones = tuple(
            Milestone(
                int(read.number(row.get("days_before"), f"{place}.days_before", 0, 365)),
                read.text(row.get("milestone"), f"{place}.milestone"),
                read.text(row.get("actions"), f"{place}.actions", required=False),
                read.text(row.get("owner"), f"{place}.owner", required=False),
            )
            for place, row in rows
        )
        values["playbook"] = tuple(sorted(milestones, key=lambda m: -m.days_before))
    if "handover" in raw:
        rows = read.rows(raw["handover"], "handover", ("item", "owner", "when"))
        values["handover"] = tuple(
            HandoverItem(
                read.text(row.get("item"), f"{place}.item"),
                read.text(row.get("owner"), f"{place}.owner", required=False),
                read.text(row.get("when"), f"{place}.when", required=False),
            )
            for place, row in rows
        )
    if "onboarding" in raw:
        rows = read.rows(raw["onboarding"], "onboarding", ("phase", "action"))
        values["onboarding"] = tuple(
            OnboardingStep(
                read.text(row.get("phase"), f"{place}.phase"),
                read.text(row.get("action"), f"{place}.action"),
            )
            for place, row in rows
        )
    if "compensation" in raw:
        values.update(_parse_compensation(read, raw["compensation"]))
    if read.problems:
        raise RoleEditError(read.problems)
    return RoleEdits(**values)


def _parse_tiers(read: _EditReader, raw: Any) -> tuple[Tier, ...]:
    columns = ("tier", "label", "min_value", "accounts", "contact", "review", "hours_per_month")
    tiers = []
    for place, row in read.rows(raw, "tiers", columns):
        accounts = read.number(row.get("accounts"), f"{place}.accounts", 0, 10_000_000)
        if accounts != int(accounts):
            read.problems.append(f"{place}.accounts: {accounts:g} is not a whole number")
        tiers.append(
            Tier(
                tier=read.text(row.get("tier"), f"{place}.tier"),
                label=read.text(row.get("label"), f"{place}.label", required=False),
                min_value=read.number(row.get("min_value"), f"{place}.min_value", 0, 1e12),
                accounts=int(accounts),
                contact=read.text(row.get("contact"), f"{place}.contact"),
                review=read.text(row.get("review"), f"{place}.review", required=False),
                hours_per_month=read.number(
                    row.get("hours_per_month"), f"{place}.hours_per_month", 0, 200
                ),
            )
        )
    if not tiers:
        read.problems.append("tiers: keep at least one tier")
    return tuple(sorted(tiers, key=lambda t: -t.min_value))


def _parse_compensation(read: _EditReader, raw: Any) -> dict[str, Any]:
    if not isinstance(raw, Mapping):
        read.problems.append("compensation: expected ote, base_share and components")
        return {}
    unknown = [str(key) for key in raw if key not in ("ote", "base_share", "components")]
    for key in unknown:
        read.problems.append(f"compensation.{key}: unknown; expected ote, base_share, components")
    values: dict[str, Any] = {}
    if "ote" in raw:
        ote = read.number(raw["ote"], "compensation.ote", 0, 1e9)
        if ote <= 0:
            read.problems.append("compensation.ote: must be above 0")
        values["ote"] = ote
    if "base_share" in raw:
        values["base_share"] = read.number(raw["base_share"], "compensation.base_share", 0, 1)
    if "components" in raw:
        columns = ("id", "label", "kind", "share", "measure")
        components = []
        for place, row in read.rows(raw["components"], "compensation.components", columns):
            kind = read.text(row.get("kind"), f"{place}.kind")
            if kind and kind not in PAY_KINDS:
                read.problems.append(f"{place}.kind: {kind!r} is not one of {', '.join(PAY_KINDS)}")
            label = read.text(row.get("label"), f"{place}.label")
            components.append(
                PayComponent(
                    id=read.text(row.get("id"), f"{place}.id", required=False)
                    or label.lower().replace(" ", "_")[:40],
                    label=label,
                    kind=kind,
                    share=read.number(row.get("share"), f"{place}.share", 0, 1),
                    measure=read.text(row.get("measure"), f"{place}.measure", required=False),
                )
            )
        total = sum(component.share for component in components)
        if components and abs(total - 1) > 0.005:
            read.problems.append(
                f"compensation.components: the shares add up to {total:.0%}; "
                "they must add up to 100%"
            )
        if not components:
            read.problems.append("compensation.components: keep at least one component")
        values["components"] = tuple(components)
    return values


def design_edits(design: RoleDesign) -> dict[str, Any]:
    """The editable sections of a design as plain data, in the shape `parse_edits` reads."""
    comp = design.compensation
    return {
        "title": design.title,
        "mission": design.mission,
        "responsibilities": [asdict(r) for r in design.responsibilities],
        "traits": [{"text": t} for t in design.traits],
        "interview": [asdict(q) for q in design.interview],
        "tiers": [
            {key: value for key, value in asdict(t).items() if key != "value_rule"}
            for t in design.tiers
        ],
        "qbr_content": [{"text": t} for t in design.qbr_content],
        "playbook": [asdict(m) for m in design.playbook],
        "handover": [asdict(h) for h in design.handover],
        "onboarding": [asdict(o) for o in design.onboarding],
        "compensation": {
            "ote": comp.ote,
            "base_share": comp.base_share,
            "components": [asdict(c) for c in comp.components],
        },
    }


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

    shape = next(s for s in templates.shapes if ctx.holds(s.when))
    tiers = parsed.tiers or _default_tiers(ctx)
    tiers = _with_value_rules(tiers, profile.currency)
    compensation = _compensation(ctx, parsed)
    values["new_logo_quota"] = compensation.has_new_logo_quota
    capacity = _capacity(ctx, shape.id, tiers)
    playbook = parsed.playbook or tuple(
        Milestone(m.days_before, m.milestone, ctx.text(m.actions), m.owner)
        for m in templates.milestones
    )
    return RoleDesign(
        company=profile.company,
        currency=profile.currency,
        segment=segment,
        verdict=assessment.verdict.value,
        verdict_label=assessment.verdict_label,
        shape=shape.id,
        title=parsed.title or shape.title,
        summary=ctx.text(shape.summary),
        mission=parsed.mission or ctx.text(shape.mission),
        hire_now=assessment.verdict == Verdict.HIRE_NOW,
        interim=_interim(ctx),
        responsibilities=parsed.responsibilities or _responsibilities(ctx, shape.id),
        boundaries=tuple(
            Boundary(b.role, ctx.text(b.owns), ctx.text(b.by_shape.get(shape.id, b.boundary)))
            for b in templates.boundaries
        ),
        raci_roles=templates.raci.roles,
        raci_legend=dict(templates.raci.legend),
        raci=tuple(
            RaciRow(
                a.label,
                tuple(
                    a.by_shape.get(shape.id, a.proposed).get(r, "") for r in templates.raci.roles
                ),
            )
            for a in templates.raci.activities
        ),
        today=_today(ctx),
        seniority_level=templates.seniority.level,
        seniority_summary=ctx.text(templates.seniority.summary),
        traits=parsed.traits
        or tuple(ctx.text(t) for t in templates.seniority.traits)
        + tuple(ctx.text(t) for t in templates.seniority.by_shape.get(shape.id, ())),
        interview=parsed.interview
        or tuple(
            InterviewQuestion(q.skill, ctx.text(q.ask), ctx.text(q.listen_for))
            for q in templates.seniority.interview
            if not q.only_shapes or shape.id in q.only_shapes
        ),
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
        onboarding=parsed.onboarding
        or tuple(
            OnboardingStep(phase.phase, ctx.text(action))
            for phase in templates.onboarding
            for action in phase.actions
        ),
        onboarding_goals=tuple((phase.phase, phase.goal) for phase in templates.onboarding),
        mistakes=_mistakes(ctx),
        sources={
            "shape": shape.source,
            "capacity": templates.capacity.book_source,
            "cadence": templates.tiers_source,
            "qbr": templates.qbr_source,
            "playbook": templates.playbook_source,
            "metrics_avoid": templates.avoid_source,
            "handover": templates.handover_source,
            "onboarding": templates.onboarding_source,
            "team_lead": templates.figures["team_lead_at_ams"].source,
            "cadence_hours": templates.figures["client_hours_per_am_month"].source,
        },
        source_documents=dict(templates.sources),
        inputs=inputs,
        edited=parsed.sections(),
        templates_origin=origin,
    )


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
        "book_load": whole_percent(
            profile.active_accounts / econ.book_size_high if econ.book_size_high else 0.0
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
    assigned = 0
    specs = ctx.templates.tiers
    for index, spec in enumerate(specs):
        if index == len(specs) - 1:
            count = max(active - assigned, 0)
        else:
            count = min(round(spec.share_of_accounts * active), max(active - assigned, 0))
        assigned += count
        tiers.append(
            Tier(
                tier=spec.id,
                label=spec.label,
                min_value=_round_value(spec.min_value_multiple * acv),
                accounts=count,
                contact=spec.contact,
                review=spec.review,
                hours_per_month=spec.hours_per_month,
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
    cadence_load = cadence_hours / client_hours if client_hours else 0.0
    ctx.fill["cadence_hours"] = f"{cadence_hours:,.0f}"
    ctx.fill["cadence_load"] = whole_percent(cadence_load)
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
        ctx.fill["renewal_expansion"] = whole_percent(share)
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
    unit = wording.unit_suffix(check.field)
    if check.op == "is_set":
        return f"{label}: {wording.value(check.field, check.actual, currency)}{unit}"
    shown = wording.value(check.field, check.actual, currency) + unit
    if check.op in _COMPARISONS:
        limit = wording.value(check.field, check.expected, currency) + unit
        return f"{label}: {shown} ({_COMPARISONS[check.op]} {limit})"
    if check.op == "between":
        low = wording.value(check.field, check.expected[0], currency)
        high = wording.value(check.field, check.expected[1], currency) + unit
        return f"{label}: {shown} (between {low} and {high})"
    return f"{label}: {shown}"


def _supporting(ctx: _Context, node: Node) -> tuple[bool, list[str]]:
    """Whether a condition holds and, when it does, the facts that make it hold."""
    if isinstance(node, Condition):
        checks: list[ConditionResult] = []
        passed = evaluate_when(node, ctx.values, ctx.templates.references, ctx.segment, checks)
        text = describe_check(checks[0], ctx.profile.currency, ctx.pack.verdict_labels)
        return passed, [text] if passed else []
    assert isinstance(node, Group)
    if node.kind == "not":
        inner = node.children[0]
        held, _ = _supporting(ctx, inner)
        if held:
            return False, []
        if isinstance(inner, Condition) and inner.op == "is_set":
            label = wording.in_sentence(wording.label(inner.field))
            return True, [f"{label} is not provided"]
        return True, ["not all of the listed conditions hold"]
    results = [_supporting(ctx, child) for child in node.children]
    if node.kind == "all":
        if all(held for held, _ in results):
            return True, [text for _, texts in results for text in texts]
        return False, []
    facts = [text for held, texts in results if held for text in texts]
    return bool(facts) or any(held for held, _ in results), facts


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
