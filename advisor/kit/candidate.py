"""The candidate brief: what a finalist needs to decide, and nothing of the internal diagnosis.

The role, the book as the Account Manager will find it (accounts, tiers, the book's revenue and
the renewal calendar in aggregate, never a client's name), the targets in money and how
attainment is measured, the written pay plan, the reporting line and the career path, and the
first 90 days. Every figure is the assessment's or the drafted role's, worded by the presenter
(`advisor.present`) and the role's own words. It leaves out what the company keeps to itself:
the verdict and its readiness score, the reasons and what holds the verdict back, the margin,
churn, retention and NPS values of today, the notes and the workshop's answers. A target the
role holds at today's level (the company already does better than the rule pack's healthy
level) would say today's value: the brief says the rule and leaves the figure to the offer.
"""

from __future__ import annotations

from advisor import present, wording
from advisor.brief.model import Block, Bullets, Paragraph, Section, Subheading, Table
from advisor.brief.role_sections import payout_table
from advisor.kit.document import KitDocument, KitInputs
from advisor.present import pay as pay_words
from advisor.profile_values import renewal_months
from advisor.role import Compensation, MetricLine, RoleDesign
from advisor.role.metrics import metric_text

TITLE = "Candidate brief"
AUDIENCE = "For the finalist"
IN_THE_OFFER = "to be agreed in the offer"
HELD_TARGET = "hold the level the book has when you take it over"
HELD_FIGURE = "the figure is given in the offer"
NO_CALENDAR = (
    "The renewal calendar is not known yet: the company has not given when its contracts "
    "renew. Ask for it before the offer; the first 30 days list every renewal due in the next "
    "months."
)


def target_words(direction: str, key: str, value: float | None) -> str:
    """A metric's target in words: "at least 103%"."""
    if value is None:
        return "–"
    return f"{'at least' if direction == 'higher' else 'at most'} {metric_text(key, value)}"


def finalist_target(m: MetricLine) -> tuple[str, str]:
    """A metric's target and what it means for this book, as a finalist may read them: a target
    held at today's level would say today's value, so it says the rule and leaves the figure to
    the offer."""
    today, target = m.today_value, m.target_value
    if today is not None and target is not None and abs(target - today) < 1e-9:
        return HELD_TARGET, HELD_FIGURE
    return target_words(m.direction, m.key, m.target_value), m.for_this_book or "–"


def role_blocks(role: RoleDesign) -> list[Block]:
    return [
        Paragraph(role.mission, lead="Mission:"),
        Table(
            ("#", "Area", "What it means"),
            tuple(
                (str(number), item.area, item.description)
                for number, item in enumerate(role.responsibilities, start=1)
            ),
            widths=(0.5, 2.5, 7),
        ),
    ]


def renewal_calendar(kit: KitInputs) -> Block:
    """The renewals due by quarter, from the profile's calendar; never a client's name."""
    calendar = renewal_months(kit.profile.renewals_by_month)
    if not calendar:
        return Paragraph(NO_CALENDAR)
    quarters: dict[str, int] = {}
    for (year, month), count in sorted(calendar.items()):
        label = f"Q{(month - 1) // 3 + 1} {year}"
        quarters[label] = quarters.get(label, 0) + count
    rows = tuple((label, wording.plural(count, "renewal")) for label, count in quarters.items())
    return Table(("Quarter", "Renewals due"), rows, widths=(2, 3), numeric=(1,))


def team_today(kit: KitInputs) -> str:
    """Who the finalist would join: today's Account Managers, or none and how many are hired."""
    team = kit.assessment.economics.current_account_managers
    if team:
        return present.team_size(team)
    opening = len(present.hires_opening_today(kit.assessment))
    return "none: you would be the first" if opening <= 1 else f"none: {opening} are hired at once"


def book_blocks(kit: KitInputs) -> list[Block]:
    role, econ = kit.role, kit.assessment.economics
    facts = (
        ("Active accounts", f"{kit.profile.active_accounts:,}"),
        (
            f"The book's {present.revenue(econ)}",
            f"{present.money(econ.total_arr, econ.currency)} a year",
        ),
        (
            "Accounts one Account Manager holds here",
            f"{role.capacity.book_low}–{role.capacity.book_high}",
        ),
        ("Account Managers today", team_today(kit)),
    )
    blocks: list[Block] = [Table(("", ""), facts, widths=(3, 5))]
    if role.tiers:
        blocks += [
            Subheading("The accounts by tier"),
            Table(
                ("Tier", "Contract value", "Accounts", "Contact", "Business review"),
                tuple(
                    (
                        f"{t.tier} — {t.label}" if t.label else t.tier,
                        t.value_rule,
                        f"{t.accounts:,}",
                        t.contact,
                        t.review,
                    )
                    for t in role.tiers
                ),
                widths=(1.6, 2.2, 1.2, 2.8, 2.8),
                numeric=(2,),
            ),
            Paragraph(
                "Account counts by tier are estimated from the average contract value until the "
                "CRM gives each account's value.",
                style="note",
            ),
        ]
    blocks += [
        Subheading("Renewals due, in aggregate"),
        renewal_calendar(kit),
        Paragraph(
            "No client is named in this brief; the accounts are introduced in the first 30 days.",
            style="note",
        ),
    ]
    return blocks


def target_blocks(role: RoleDesign) -> list[Block]:
    rows = tuple((m.label, *finalist_target(m), m.how) for m in role.metrics)
    return [
        Table(
            ("Metric", "Target", "For this book", "How it is measured"),
            rows,
            widths=(2, 1.6, 3.2, 4),
        ),
        Paragraph(role.metrics_note, lead="Read together:"),
        Paragraph(
            "Attainment is each target's result over the year you carry the book, from the "
            "company's CRM and invoices: the pay plan below pays on it.",
        ),
    ]


def curve_sentence(comp: Compensation) -> str:
    """The payout curve in the brief's words: threshold, proportion, accelerator and cap."""
    curve = comp.curve
    threshold, cap = present.share(curve.threshold), present.share(curve.cap)
    return (
        f"Each component pays nothing below {threshold} of its target, in proportion up to "
        f"100%, and {curve.accelerator:g} points for each point above, up to {cap} of target."
    )


def pay_terms(kit: KitInputs) -> tuple[str, ...]:
    """Payout timing, the ramp-up, caps and accelerators, churn: the role's figures, else what
    the offer has to settle."""
    comp, plan = kit.role.compensation, kit.assessment.plan
    ramp = (
        f"The ramp-up is {present.months(plan.ramp_days / (365.25 / 12))} from your first day"
        if plan is not None and plan.ramp_days
        else "The ramp-up is not set"
    )
    retention = [c for c in comp.components if c.kind == "renewal"]
    churn = (
        f"An account that leaves counts against the {wording.in_sentence(retention[0].label)} "
        f"component ({wording.in_sentence(retention[0].measure)}); whether pay already earned "
        f"on it is taken back is {IN_THE_OFFER}."
        if retention and retention[0].measure
        else f"What an account that leaves does to the variable pay is {IN_THE_OFFER}."
    )
    return (
        f"When the variable pay is paid (monthly, quarterly or yearly) is {IN_THE_OFFER}.",
        f"{ramp}; whether part of the variable pay is guaranteed during it is {IN_THE_OFFER}.",
        curve_sentence(comp),
        churn,
    )


def pay_blocks(kit: KitInputs) -> list[Block]:
    comp, econ = kit.role.compensation, kit.assessment.economics

    def money(amount: float) -> str:
        return present.money(amount, comp.currency)

    base, variable = present.share(comp.base_share), present.share(1 - comp.base_share)
    facts = (
        ("On-target earnings (OTE)", money(comp.ote)),
        ("Base salary", f"{money(comp.base)} ({base})"),
        ("Variable pay at target", f"{money(comp.variable)} ({variable})"),
    )
    blocks: list[Block] = [Table(("", ""), facts, widths=(3, 5), numeric=())]
    pay = econ.pay if econ.pay_status == "used" else None
    if pay is not None:
        band = f"{pay_words.place(pay)}: {pay_words.band_text(pay)}"
        monthly = pay_words.monthly_text(pay)
        blocks.append(Paragraph(f"{band}{'; ' + monthly if monthly else ''}.", lead="The band:"))
    blocks += [
        Subheading("How the variable pay is split"),
        Table(
            ("Component", "Share", "At target", "Measured by"),
            tuple(
                (
                    c.label,
                    present.share(c.share),
                    money(comp.variable * c.share),
                    c.measure or "–",
                )
                for c in comp.components
            ),
            widths=(3, 1.2, 1.8, 4.5),
            numeric=(1, 2),
        ),
        Subheading("Pay at 80, 100 and 120% attainment"),
        payout_table(comp),
        Subheading("Terms"),
        Bullets(pay_terms(kit)),
    ]
    return blocks


def path_blocks(kit: KitInputs) -> list[Block]:
    role, a = kit.role, kit.assessment
    team = a.team
    lead_at = (
        team.team_lead_at_ams if team and team.team_lead_at_ams else role.capacity.team_lead_at_ams
    )
    reporting = role.reporting_line or f"The reporting line is {IN_THE_OFFER}."
    return [
        Paragraph(reporting, lead="Reporting line:"),
        Paragraph(
            "The role leads to an Account Manager team lead, or to the strategic accounts "
            f"({kit.pack.mention('seed 004')}). A team lead becomes worth it at "
            f"{present.team_lead_text(a, lead_at)}. Leading Account Managers is a different job "
            "from keeping a book: it is offered to someone who wants to lead people, and an "
            "Account Manager who does not can grow with a book of larger accounts.",
            lead="Career path:",
        ),
    ]


def onboarding_blocks(role: RoleDesign) -> list[Block]:
    goals = dict(role.onboarding_goals)
    phases: dict[str, list[str]] = {}
    for step in role.onboarding:
        phases.setdefault(step.phase, []).append(step.action)
    blocks: list[Block] = []
    for phase, actions in phases.items():
        goal = goals.get(phase)
        blocks += [Subheading(f"{phase} — {goal}" if goal else phase), Bullets(tuple(actions))]
    return blocks


def build_candidate(kit: KitInputs) -> KitDocument:
    role = kit.role
    sections = (
        Section("role", 1, "The role", tuple(role_blocks(role))),
        Section("book", 2, "The book as you will find it", tuple(book_blocks(kit))),
        Section("targets", 3, "Targets and how attainment is measured", tuple(target_blocks(role))),
        Section("pay", 4, "The pay plan", tuple(pay_blocks(kit))),
        Section("path", 5, "Reporting line and career path", tuple(path_blocks(kit))),
        Section("first90", 6, "Your first 90 days", tuple(onboarding_blocks(role))),
    )
    return kit.document(
        "candidate",
        TITLE,
        AUDIENCE,
        sections,
        confidential=True,
        cover_facts=(
            ("Role", role.title),
            ("Accounts in the book", f"{kit.profile.active_accounts:,}"),
        ),
    )
