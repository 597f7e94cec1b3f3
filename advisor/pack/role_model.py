"""The role section's templates as data: what the role drafting fills with a company's figures.

Rows that read the same unfilled and filled (Step, InterimPlan, Milestone, PayComponent,
HandoverItem, AvoidLine, PayoutCurve) are declared here once; the drafted role uses them too.
"""

from __future__ import annotations

import msgspec

from advisor.i18n import N_
from advisor.pack.model import Node, Threshold

# The labels of the fields a role condition may test besides the profile and derived fields.
ROLE_FIELD_LABELS = {
    "verdict": N_("Verdict"),
    "am_count": N_("Account Managers the book needs"),
    "top_accounts_share": N_("Share of revenue in the three largest accounts"),
    "new_logo_quota": N_("The pay plan includes a new-logo quota"),
    "search_dated": N_("The plan gives a date to open the search"),
}
# Every placeholder a role text may use; the role module fills them all.
PLACEHOLDERS = (
    "company",
    "segment",
    "active_accounts",
    "zone_low",
    "zone_high",
    "founder_below",
    "book_low",
    "book_high",
    "am_count",
    "am_count_text",
    "team_today",
    "book_load",
    "next_am_at",
    "next_am_eta",
    "hiring_lead",
    "team_lead_at",
    "renewal_lead_days",
    "renewal_start",
    "eta",
    "cadence_hours",
    "cadence_load",
    "renewal_expansion",
    "cost",
    "factor",
    # From the assessment's plan and team plan, worded by the presenter.
    "next_am",
    "next_am_search",
    "team_lead_plan",
    "client_hours",
    "search_opens",
    "next_date",
    "plan_next",
    "reassess_on",
    "zone_reached",
    "book_keeper",
    "keeper",
    "the_new_am",
    # From the drafted tiers: the key accounts (the top tier) and the rest of the book.
    "key_accounts",
    "tail_accounts",
    # The role as the business model titles it (`business_models.models.*.role_title`).
    "role",
    "a_role",
)

# Figures the role module reads by name, with the range that makes sense for each.
REQUIRED_FIGURES: dict[str, tuple[float, float, bool]] = {
    "loaded_cost_factor": (1.0, 3.0, False),
    "team_lead_at_ams": (2, 50, True),
    "client_hours_per_am_month": (10, 200, False),
}
INSTEAD_VERDICTS = ("prepare", "not_yet", "fix_delivery_first")
SECTION_KEYS = (
    "summary",
    "numbers",
    "instead",
    "role",
    "boundaries",
    "profile",
    "capacity",
    "metrics",
    "compensation",
    "cadence",
    "playbook",
    "handover",
    "onboarding",
    "mistakes",
    "appendix",
)
RACI_VALUES = ("", "R", "A", "C", "I", "A/R")
TODAY_STATUSES = ("ok", "gap", "overlap", "risk")
PAY_KINDS = ("renewal", "expansion", "other", "new_logo")


# ---------------------------------------------------------------------------------------------
# The templates


class Figure(msgspec.Struct, frozen=True):
    value: float
    source: str


class SectionText(msgspec.Struct, frozen=True):
    title: str
    intro: str


class BriefTexts(msgspec.Struct, frozen=True):
    title: str
    subtitle: str
    sections: dict[str, SectionText]


class ShapeTemplate(msgspec.Struct, frozen=True):
    id: str
    title: str
    when: Node | None
    summary: str
    mission: str
    source: str


class Step(msgspec.Struct, frozen=True):
    step: str
    owner: str
    when: str


class InterimPlan(msgspec.Struct, frozen=True):
    """What to do instead of hiring now (every verdict but hire_now)."""

    title: str
    summary: str
    steps: tuple[Step, ...]
    source: str


class Boost(msgspec.Struct, frozen=True):
    when: Node
    weight: float
    because: str


class ResponsibilityTemplate(msgspec.Struct, frozen=True):
    id: str
    area: str
    description: str
    weight: float
    boosts: tuple[Boost, ...]
    only_shapes: tuple[str, ...]
    source: str


class BoundaryTemplate(msgspec.Struct, frozen=True):
    role: str
    owns: str
    boundary: str
    by_shape: dict[str, str]
    source: str


class TodayTemplate(msgspec.Struct, frozen=True):
    when: Node | None
    owner: str
    status: str
    note: str


class ActivityTemplate(msgspec.Struct, frozen=True):
    id: str
    label: str
    proposed: dict[str, str]
    by_shape: dict[str, dict[str, str]]
    today: tuple[TodayTemplate, ...]


class RaciTemplate(msgspec.Struct, frozen=True):
    roles: tuple[str, ...]
    legend: dict[str, str]
    activities: tuple[ActivityTemplate, ...]
    labels: tuple[str, ...] = ()  # each role's column heading, in the pack's language


class InterviewTemplate(msgspec.Struct, frozen=True):
    skill: str
    ask: str
    listen_for: str
    only_shapes: tuple[str, ...]


class SeniorityTemplate(msgspec.Struct, frozen=True):
    level: str
    summary: str
    traits: tuple[str, ...]
    by_shape: dict[str, tuple[str, ...]]
    interview: tuple[InterviewTemplate, ...]


class CapacityTexts(msgspec.Struct, frozen=True):
    book: str
    book_source: str
    now: str
    next_am: str
    team_lead: str
    key_accounts: str
    cadence_load: str
    scaled_tail: str = ""  # the key accounts and the scaled programme for the rest of the book


class TierTemplate(msgspec.Struct, frozen=True):
    id: str
    label: str
    min_value_multiple: float
    share_of_accounts: float
    contact: str
    review: str
    hours_by_segment: dict[str, float]

    def hours_per_month(self, segment: str) -> float:
        return self.hours_by_segment[segment]


class Milestone(msgspec.Struct, frozen=True):
    days_before: int
    milestone: str
    actions: str
    owner: str


class MetricShow(msgspec.Struct, frozen=True):
    metric: str
    how: str


class AvoidLine(msgspec.Struct, frozen=True):
    metric: str
    why: str


class PayComponent(msgspec.Struct, frozen=True):
    id: str
    label: str
    kind: str  # renewal | expansion | other | new_logo
    share: float  # of the variable pay
    measure: str


class PayoutCurve(msgspec.Struct, frozen=True):
    threshold: float
    accelerator: float
    cap: float
    source: str


class CompensationTemplate(msgspec.Struct, frozen=True):
    base_share: float
    base_share_source: str
    components: tuple[PayComponent, ...]
    components_source: str
    range_low: float
    range_high: float
    range_source: str
    curve: PayoutCurve
    attainments: tuple[float, ...]
    new_logo_label: str
    new_logo_warning: str
    outside_range_warning: str
    ote_source_benchmark: str
    ote_source_profile: str


class HandoverItem(msgspec.Struct, frozen=True):
    item: str
    owner: str
    when: str


class PhaseTemplate(msgspec.Struct, frozen=True):
    phase: str
    goal: str
    actions: tuple[str, ...]
    # Each action's kind, in the same order ("" for most; "renewal_takeover" for the step that
    # hands the renewals to the Account Manager).
    kinds: tuple[str, ...] = ()


# The kinds an onboarding action may be marked with.
ACTION_KINDS = ("renewal_takeover",)


class MistakeTemplate(msgspec.Struct, frozen=True):
    id: str
    title: str
    when: Node
    why: str
    advice: str
    source: str


class RoleTemplates(msgspec.Struct, frozen=True):
    file: str
    sources: dict[str, str]
    figures: dict[str, Figure]
    brief: BriefTexts
    shapes: tuple[ShapeTemplate, ...]
    instead: dict[str, InterimPlan]
    responsibilities: tuple[ResponsibilityTemplate, ...]
    boundaries: tuple[BoundaryTemplate, ...]
    raci: RaciTemplate
    seniority: SeniorityTemplate
    capacity: CapacityTexts
    tiers: tuple[TierTemplate, ...]
    tiers_source: str
    qbr_content: tuple[str, ...]
    qbr_source: str
    milestones: tuple[Milestone, ...]
    late_renewal_note: str
    playbook_source: str
    metrics: tuple[MetricShow, ...]
    pairing_note: str
    avoid: tuple[AvoidLine, ...]
    avoid_source: str
    compensation: CompensationTemplate
    handover: tuple[HandoverItem, ...]
    handover_source: str
    onboarding: tuple[PhaseTemplate, ...]
    onboarding_source: str
    mistakes: tuple[MistakeTemplate, ...]
    # What `$name` in a role condition may point at: the pack's thresholds and the figures.
    references: dict[str, Threshold] = msgspec.field(default_factory=dict)

    def figure(self, name: str) -> float:
        return self.figures[name].value

    def shape(self, shape_id: str) -> ShapeTemplate:
        for shape in self.shapes:
            if shape.id == shape_id:
                return shape
        raise KeyError(shape_id)
