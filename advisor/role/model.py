"""The drafted role as plain data: the rows of every section, and which of them a user may edit.

Rows whose shape is the same unfilled and filled (steps, milestones, pay components, handover
items, metrics not to use, the payout curve) are declared once, with the pack's role templates
(`advisor.pack.role_model`), and used here as they are. `EDITABLE` is the one declaration of the editable sections and their
columns: the edits reader, the app's editors and the exports all read it.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import msgspec

from advisor.pack.role_model import (
    AvoidLine,
    HandoverItem,
    InterimPlan,
    Milestone,
    PayComponent,
    PayoutCurve,
)

MAX_TEXT = 2000
MAX_ROWS = 40


# ---------------------------------------------------------------------------------------------
# The rows of a draft


@dataclass(frozen=True)
class RoleInputs:
    """Role-design inputs that are not part of the company profile."""

    top_accounts_share: float | None = None  # share of ARR held by the three largest accounts


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
    """The book against the team it needs. The hours are one budget: the drafted cadence and
    the book's renewals, against the client hours of the AMs that cadence needs (`am_count` is
    the assessment's, for the default cadence; `drafted_am_count` differs only when edited
    tiers change the cadence)."""

    book_low: int
    book_high: int
    active_accounts: int
    am_count: int
    load: float  # active accounts ÷ the most one AM can hold
    next_am_at: int
    quarters_to_next_am: int | None  # from the assessment's growth; None beyond it
    team_lead_at_ams: int
    cadence_hours: float  # a month, of the cadence as drafted
    cadence_load: float  # cadence hours ÷ the client hours of the AMs the book needs
    sentences: tuple[str, ...]
    source: str
    renewal_hours: float = 0.0  # a month, for the whole book
    client_hours: float = 0.0  # cadence and renewals
    client_load: float = 0.0  # client hours ÷ the client hours of the AMs the book needs
    team_client_hours: float = 0.0  # the client hours of `drafted_am_count` AMs
    drafted_am_count: int = 0
    # The sentences that say more than the figures do (the band the book size is read from,
    # the key accounts, a drafted cadence's own count, the team lead): the brief shows these
    # and leaves the rest to its figures.
    beyond_figures: tuple[str, ...] = ()
    hours_text: str = ""  # the presenter's sentence: "… h a month (…): 96% of 4 AMs' 400 h"


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
class MetricLine:
    key: str
    label: str
    target: str
    for_this_book: str
    today: str
    status: str  # healthy | watch | alarm | unknown
    how: str
    source: str
    target_value: float | None = None  # the target: never below today for a higher-is-better metric
    today_value: float | None = None
    direction: str = "higher"  # higher | lower (is better)


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
    range_source: str = ""  # what the pack says the range went with, and its source

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
class OnboardingStep:
    phase: str
    action: str
    # The pack's kind of step ("renewal_takeover": the step that hands the renewals to the
    # Account Manager), whatever language it is worded in; "" for the others and for a step
    # someone wrote. Read by the kit, left out of the role's JSON.
    kind: str = ""


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
    # From the profile's search fields (`role.search`); empty when not given.
    reporting_line: str = ""
    ae_handover: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-safe data, with the payout table computed."""
        # to_builtins, not dataclasses.asdict: the rows shared with the pack's templates are
        # msgspec Structs, which asdict would copy as objects instead of turning into dicts.
        data: dict[str, Any] = msgspec.to_builtins(self)
        data["compensation"]["base"] = self.compensation.base
        data["compensation"]["variable"] = self.compensation.variable
        data["compensation"]["renewal_expansion_share"] = self.compensation.renewal_expansion_share
        data["compensation"]["has_new_logo_quota"] = self.compensation.has_new_logo_quota
        data["compensation"]["payout_table"] = [
            asdict(row) for row in self.compensation.payout_rows()
        ]
        data["onboarding_goals"] = [list(goal) for goal in self.onboarding_goals]
        for step in data["onboarding"]:
            step.pop("kind", None)
        cleaned: dict[str, Any] = _finite(data)
        return cleaned


def _finite(data: Any) -> Any:
    if isinstance(data, dict):
        return {key: _finite(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [_finite(value) for value in data]
    if isinstance(data, float) and not math.isfinite(data):
        return None
    return data


# ---------------------------------------------------------------------------------------------
# What a user may edit

ColumnKind = Literal["text", "number", "integer"]
SectionKind = Literal["text", "rows", "lines", "pay"]


@dataclass(frozen=True)
class Column:
    """One editable column: its key in the edits, the label the app shows, and what it holds.

    Numbers outside `low`–`high` are refused; `whole` refuses a fraction instead of dropping it.
    """

    name: str
    label: str
    kind: ColumnKind = "text"
    required: bool = True
    low: float = 0
    high: float = 0
    whole: bool = False
    help: str = ""


@dataclass(frozen=True)
class EditableSection:
    """One part of a draft a user may replace.

    `kind` says what the edit holds: one text ("text"), rows of `row` objects ("rows"), one
    line of text per row ("lines"), or the pay plan ("pay": OTE, base share, components).
    Edited rows are sorted by `sort_by`, largest first; a `row_noun` means at least one row
    must stay.
    """

    name: str
    kind: SectionKind
    columns: tuple[Column, ...] = ()
    row: type | None = None
    help: str = ""
    sort_by: str = ""
    row_noun: str = ""

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)


def N_(message: str, /) -> str:
    """Mark a column's label or a section's help for the catalogue; the page that shows it
    translates it (`advisor.i18n._`). Defined here so the model stays data on the standard
    library."""
    return message


# Ranges for the pay plan's figures (its components have their own columns below).
OTE_COLUMN = Column("ote", N_("On-target earnings"), "number", low=0, high=1e9)
BASE_SHARE_COLUMN = Column("base_share", N_("Base salary share of OTE"), "number", low=0, high=1)
PAY_COLUMNS = (
    Column("id", N_("Id"), required=False),
    Column("label", N_("Label")),
    Column("kind", N_("Kind")),
    Column("share", N_("Share"), "number", low=0, high=1),
    Column("measure", N_("Measured by"), required=False),
)

# The parts of a draft a user may edit, in the order the app shows them.
EDITABLE: tuple[EditableSection, ...] = (
    EditableSection("title", "text"),
    EditableSection("mission", "text"),
    EditableSection(
        "responsibilities",
        "rows",
        (
            Column("area", N_("Area")),
            Column("description", N_("What it means")),
            Column("why", N_("Why it ranks here"), required=False),
        ),
        Responsibility,
        N_("Row order is priority order. Add, remove or rewrite rows; the brief follows."),
    ),
    EditableSection(
        "boundaries",
        "rows",
        (
            Column("role", N_("Role")),
            Column("owns", N_("Owns")),
            Column("boundary", N_("Where the AM stops")),
        ),
        Boundary,
        N_("The neighbouring roles, what each owns and where the Account Manager stops."),
    ),
    EditableSection(
        "traits",
        "lines",
        (Column("text", N_("What the person brings")),),
        help=N_("What the person brings: one line each."),
    ),
    EditableSection(
        "interview",
        "rows",
        (
            Column("skill", N_("Skill")),
            Column("ask", N_("Ask")),
            Column("listen_for", N_("Listen for")),
        ),
        InterviewQuestion,
        N_("A question to ask and what a good answer sounds like."),
    ),
    EditableSection(
        "tiers",
        "rows",
        (
            Column("tier", N_("Tier")),
            Column("label", N_("Label"), required=False),
            Column("min_value", N_("From contract value"), "number", low=0, high=1e12),
            Column("accounts", N_("Accounts"), "integer", low=0, high=10_000_000, whole=True),
            Column("contact", N_("Contact")),
            Column("review", N_("Business review"), required=False),
            Column("hours_per_month", N_("Hours / account / month"), "number", low=0, high=200),
        ),
        Tier,
        N_(
            "Tiers by annual contract value. Account counts are estimates from the average contract "
            "value: replace them with the real book."
        ),
        sort_by="min_value",
        row_noun="tier",
    ),
    EditableSection(
        "qbr_content",
        "lines",
        (Column("text", N_("Every quarterly business review covers")),),
        help=N_("What every quarterly business review covers."),
    ),
    EditableSection(
        "playbook",
        "rows",
        (
            Column("days_before", N_("Days before expiry"), "integer", low=0, high=365),
            Column("milestone", N_("Milestone")),
            Column("actions", N_("What happens"), required=False),
            Column("owner", N_("Owner"), required=False),
        ),
        Milestone,
        N_("Milestones from T-120 to signature; rows are sorted by days before expiry."),
        sort_by="days_before",
    ),
    EditableSection(
        "handover",
        "rows",
        (
            Column("item", N_("Item")),
            Column("owner", N_("Owner"), required=False),
            Column("when", N_("When"), required=False),
        ),
        HandoverItem,
        N_("Each item with an owner and a deadline."),
    ),
    EditableSection(
        "onboarding",
        "rows",
        (Column("phase", N_("Phase")), Column("action", N_("Action"))),
        OnboardingStep,
        N_("Phases as written in the Phase column (e.g. 'Days 1–30'); actions in order."),
    ),
    EditableSection("compensation", "pay", PAY_COLUMNS, PayComponent, row_noun="component"),
)
EDITABLE_BY_NAME = {section.name: section for section in EDITABLE}
EDITABLE_SECTIONS = tuple(section.name for section in EDITABLE)
# What each section is called where the edits are listed (the Role page's headings).
SECTION_TITLES = {
    "title": N_("Role title"),
    "mission": N_("Mission"),
    "responsibilities": N_("Responsibilities"),
    "boundaries": N_("What the role is not"),
    "traits": N_("What the person brings"),
    "qbr_content": N_("Quarterly business review"),
    "interview": N_("Skills to interview for"),
    "tiers": N_("Contact cadence by tier"),
    "playbook": N_("Renewal playbook"),
    "handover": N_("Handover from Account Executive to Account Manager"),
    "onboarding": N_("30-60-90 day onboarding plan"),
    "compensation": N_("Compensation"),
}
