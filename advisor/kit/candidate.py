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
from advisor.i18n import N_, _, n_, p_
from advisor.i18n.formats import number, percent
from advisor.kit.document import KitDocument, KitInputs, written_in
from advisor.present import pay as pay_words
from advisor.profile_values import renewal_months
from advisor.role import Compensation, MetricLine, RoleDesign
from advisor.role.metrics import metric_text

TITLE = N_("Candidate brief")
AUDIENCE = N_("For the finalist")
IN_THE_OFFER = N_("to be agreed in the offer")  # what the offer settles, not the role
HELD_TARGET = N_("hold the level the book has when you take it over")
HELD_FIGURE = N_("the figure is given in the offer")
NO_CALENDAR = N_(
    "The renewal calendar is not known yet: the company has not given when its contracts "
    "renew. Ask for it before the offer; the first 30 days list every renewal due in the next "
    "months."
)


def target_words(direction: str, key: str, value: float | None) -> str:
    """A metric's target in words: "at least 103%"."""
    if value is None:
        return "–"
    if direction == "higher":
        return _("at least {value}", value=metric_text(key, value))
    return _("at most {value}", value=metric_text(key, value))


def finalist_target(m: MetricLine) -> tuple[str, str]:
    """A metric's target and what it means for this book, as a finalist may read them: a target
    held at today's level would say today's value, so it says the rule and leaves the figure to
    the offer."""
    today, target = m.today_value, m.target_value
    if today is not None and target is not None and abs(target - today) < 1e-9:
        return _(HELD_TARGET), _(HELD_FIGURE)
    return target_words(m.direction, m.key, m.target_value), m.for_this_book or "–"


def role_blocks(role: RoleDesign) -> list[Block]:
    return [
        Paragraph(role.mission, lead=_("Mission:")),
        Table(
            ("#", p_("column", "Area"), p_("column", "What it means")),
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
        return Paragraph(_(NO_CALENDAR))
    quarters: dict[str, int] = {}
    for (year, month), count in sorted(calendar.items()):
        # Translators: a quarter of a year: "Q1 2027".
        label = _("Q{quarter} {year}", quarter=(month - 1) // 3 + 1, year=year)
        quarters[label] = quarters.get(label, 0) + count
    rows = tuple(
        (label, n_("{count} renewal", "{count} renewals", count))
        for label, count in quarters.items()
    )
    columns = (p_("column", "Quarter"), p_("column", "Renewals due"))
    return Table(columns, rows, widths=(2, 3), numeric=(1,))


def team_today(kit: KitInputs) -> str:
    """Who the finalist would join: today's Account Managers, or none and how many are hired."""
    team = kit.assessment.economics.current_account_managers
    if team:
        return present.team_size(team)
    opening = len(present.hires_opening_today(kit.assessment))
    if opening <= 1:
        return _("none: you would be the first")
    # Translators: {count} Account Managers (always more than one) hired at once.
    return n_("none: {count} is hired at once", "none: {count} are hired at once", opening)


def book_blocks(kit: KitInputs) -> list[Block]:
    role, econ = kit.role, kit.assessment.economics
    facts = (
        (_("Active accounts"), number(kit.profile.active_accounts)),
        (
            # Translators: {revenue} is the business model's word for its revenue ("ARR").
            _("The book's {revenue}", revenue=present.revenue(econ)),
            _("{amount} a year", amount=present.money(econ.total_arr, econ.currency)),
        ),
        (
            _("Accounts one Account Manager holds here"),
            f"{role.capacity.book_low}–{role.capacity.book_high}",
        ),
        (_("Account Managers today"), team_today(kit)),
    )
    blocks: list[Block] = [Table(("", ""), facts, widths=(3, 5))]
    if role.tiers:
        blocks += [
            Subheading(_("The accounts by tier")),
            Table(
                (
                    p_("column", "Tier"),
                    p_("column", "Contract value"),
                    p_("column", "Accounts"),
                    p_("column", "Contact"),
                    p_("column", "Business review"),
                ),
                tuple(
                    (
                        f"{t.tier} — {t.label}" if t.label else t.tier,
                        t.value_rule,
                        number(t.accounts),
                        t.contact,
                        t.review,
                    )
                    for t in role.tiers
                ),
                widths=(1.6, 2.2, 1.2, 2.8, 2.8),
                numeric=(2,),
            ),
            Paragraph(
                _(
                    "Account counts by tier are estimated from the average contract value until "
                    "the CRM gives each account's value."
                ),
                style="note",
            ),
        ]
    blocks += [
        Subheading(_("Renewals due, in aggregate")),
        renewal_calendar(kit),
        Paragraph(
            _(
                "No client is named in this brief; the accounts are introduced in the first 30 "
                "days."
            ),
            style="note",
        ),
    ]
    return blocks


def target_blocks(role: RoleDesign) -> list[Block]:
    rows = tuple((m.label, *finalist_target(m), m.how) for m in role.metrics)
    return [
        Table(
            (
                p_("column", "Metric"),
                p_("column", "Target"),
                p_("column", "For this book"),
                p_("column", "How it is measured"),
            ),
            rows,
            widths=(2, 1.6, 3.2, 4),
        ),
        Paragraph(role.metrics_note, lead=_("Read together:")),
        Paragraph(
            _(
                "Attainment is each target's result over the year you carry the book, from the "
                "company's CRM and invoices: the pay plan below pays on it."
            ),
        ),
    ]


def curve_sentence(comp: Compensation) -> str:
    """The payout curve in the brief's words: threshold, proportion, accelerator and cap."""
    curve = comp.curve
    threshold, cap = present.share(curve.threshold), present.share(curve.cap)
    # Translators: {full} is 100%; {accelerator} the points paid for each point above it.
    return _(
        "Each component pays nothing below {threshold} of its target, in proportion up to "
        "{full}, and {accelerator} points for each point above, up to {cap} of target.",
        threshold=threshold,
        full=percent(1, 0),
        accelerator=number(curve.accelerator, 2),
        cap=cap,
    )


def pay_terms(kit: KitInputs) -> tuple[str, ...]:
    """Payout timing, the ramp-up, caps and accelerators, churn: the role's figures, else what
    the offer has to settle."""
    comp, plan = kit.role.compensation, kit.assessment.plan
    if plan is not None and plan.ramp_days:
        ramp = _(
            "The ramp-up is {months} from your first day; whether part of the variable pay is "
            "guaranteed during it is to be agreed in the offer.",
            months=present.months(plan.ramp_days / (365.25 / 12)),
        )
    else:
        ramp = _(
            "The ramp-up is not set; whether part of the variable pay is guaranteed during it is "
            "to be agreed in the offer."
        )
    retention = [c for c in comp.components if c.kind == "renewal"]
    churn = (
        # Translators: {component} is a variable pay component, {measure} what it is measured by.
        _(
            "An account that leaves counts against the {component} component ({measure}); "
            "whether pay already earned on it is taken back is to be agreed in the offer.",
            component=wording.in_sentence(retention[0].label),
            measure=wording.in_sentence(retention[0].measure),
        )
        if retention and retention[0].measure
        else _("What an account that leaves does to the variable pay is to be agreed in the offer.")
    )
    return (
        _(
            "When the variable pay is paid (monthly, quarterly or yearly) is to be agreed in the "
            "offer."
        ),
        ramp,
        curve_sentence(comp),
        churn,
    )


def pay_blocks(kit: KitInputs) -> list[Block]:
    comp, econ = kit.role.compensation, kit.assessment.economics

    def money(amount: float) -> str:
        return present.money(amount, comp.currency)

    base, variable = present.share(comp.base_share), present.share(1 - comp.base_share)
    facts = (
        (_("On-target earnings (OTE)"), money(comp.ote)),
        (_("Base salary"), f"{money(comp.base)} ({base})"),
        (_("Variable pay at target"), f"{money(comp.variable)} ({variable})"),
    )
    blocks: list[Block] = [Table(("", ""), facts, widths=(3, 5), numeric=())]
    pay = econ.pay if econ.pay_status == "used" else None
    if pay is not None:
        band = f"{pay_words.place(pay)}: {pay_words.band_text(pay)}"
        monthly = pay_words.monthly_text(pay)
        blocks.append(Paragraph(f"{band}{'; ' + monthly if monthly else ''}.", lead=_("The band:")))
    blocks += [
        Subheading(_("How the variable pay is split")),
        Table(
            (
                p_("column", "Component"),
                p_("column", "Share"),
                p_("column", "At target"),
                p_("column", "Measured by"),
            ),
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
        Subheading(
            # Translators: the attainments are 80%, 100% and 120% of target.
            _(
                "Pay at {low}, {mid} and {high} attainment",
                low=number(80),
                mid=number(100),
                high=percent(1.2, 0),
            )
        ),
        payout_table(comp),
        Subheading(_("Terms")),
        Bullets(pay_terms(kit)),
    ]
    return blocks


def path_blocks(kit: KitInputs) -> list[Block]:
    role, a = kit.role, kit.assessment
    team = a.team
    lead_at = (
        team.team_lead_at_ams if team and team.team_lead_at_ams else role.capacity.team_lead_at_ams
    )
    reporting = role.reporting_line or _("The reporting line is to be agreed in the offer.")
    return [
        Paragraph(reporting, lead=_("Reporting line:")),
        Paragraph(
            # Translators: {source} cites the source; {when} says at which team size a team lead
            # becomes worth it.
            _(
                "The role leads to an Account Manager team lead, or to the strategic accounts "
                "({source}). A team lead becomes worth it at {when}. Leading Account Managers is "
                "a different job from keeping a book: it is offered to someone who wants to lead "
                "people, and an Account Manager who does not can grow with a book of larger "
                "accounts.",
                source=kit.pack.mention("seed 004"),
                when=present.team_lead_text(a, lead_at),
            ),
            lead=_("Career path:"),
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


def build_candidate(kit: KitInputs, language: str | None = None) -> KitDocument:
    """The candidate brief, in `language` (the current language when None)."""
    with written_in(language):
        return _candidate(kit)


def _candidate(kit: KitInputs) -> KitDocument:
    role = kit.role
    targets = _("Targets and how attainment is measured")
    sections = (
        Section("role", 1, _("The role"), tuple(role_blocks(role))),
        Section("book", 2, _("The book as you will find it"), tuple(book_blocks(kit))),
        Section("targets", 3, targets, tuple(target_blocks(role))),
        Section("pay", 4, _("The pay plan"), tuple(pay_blocks(kit))),
        Section("path", 5, _("Reporting line and career path"), tuple(path_blocks(kit))),
        Section("first90", 6, _("Your first 90 days"), tuple(onboarding_blocks(role))),
    )
    return kit.document(
        "candidate",
        _(TITLE),
        _(AUDIENCE),
        sections,
        confidential=True,
        cover_facts=(
            (_("Role"), role.title),
            (_("Accounts in the book"), number(kit.profile.active_accounts)),
        ),
    )
