"""The sections about the role: what it is, who it is, how it is paid and how it works.

Each builder returns the section's blocks after its intro.
"""

from __future__ import annotations

from advisor import present, wording
from advisor.brief import moved
from advisor.brief.common import BriefContext, run_together, sentence
from advisor.brief.model import Block, Callout, Paragraph, Subheading, Table
from advisor.i18n import _, p_
from advisor.i18n.formats import number
from advisor.role import Compensation, templates_for


def the_role(brief: BriefContext) -> list[Block] | None:
    role = brief.role
    # With a hire now, the summary's recommendation already gives the shape and the mission.
    said = role.hire_now
    facts = [
        (p_("role", "Title"), role.title),
        *([] if said else [(p_("role", "Shape"), role.summary)]),
    ]
    blocks: list[Block] = [
        Table(("", ""), tuple(facts), widths=(2, 7)),
        *([] if said else [Paragraph(role.mission, lead=_("Mission:"))]),
        *(
            [Paragraph(role.reporting_line, lead=_("Reporting line:"))]
            if role.reporting_line
            else []
        ),
        Subheading(_("Responsibilities, in priority order for this company")),
        Table(
            ("#", p_("column", "Area"), p_("column", "Why it ranks here")),
            tuple(
                (str(i), r.area, r.why or _("Core to the role."))
                for i, r in enumerate(role.responsibilities, start=1)
            ),
            widths=(0.5, 3, 7.5),
        ),
        moved.pointer(moved.DUTIES, _("What each area means, and the sources:")),
    ]
    return blocks


def boundaries(brief: BriefContext) -> list[Block] | None:
    role = brief.role
    legend = "; ".join(f"{k} = {v}" for k, v in role.raci_legend.items())
    heading = (
        _("Who does what once the role exists")
        if role.hire_now
        else _(
            "Who does what once the role exists (until then the founder or AE holds the AM column)"
        )
    )
    title = brief.pack.role_title(str(brief.profile.business_model))
    return [
        Table(
            # Translators: {role} is the role's title ("Account Manager").
            (p_("column", "Role"), p_("column", "Where the {role} stops", role=title)),
            tuple((b.role, b.boundary) for b in role.boundaries),
            widths=(3, 8),
        ),
        Subheading(heading),
        _who_does_what(brief),
        Paragraph(legend, style="note"),
        moved.pointer(moved.ROLES, _("What each role owns and what each gap means:")),
    ]


def _who_does_what(brief: BriefContext) -> Table:
    """Each activity once the role exists (the grid) next to who does it today, in one table."""
    role = brief.role
    today = {t.activity: t for t in role.today}
    tones = {"ok": "good", "gap": "bad", "overlap": "warn", "risk": "warn"}
    rows, row_tones = [], []
    for r in role.raci:
        now = today.get(r.activity)
        rows.append(
            (
                r.activity,
                *(cell or "\u2013" for cell in r.cells),
                f"{now.owner} ({moved.status_label(now.status)})" if now else "\u2013",
            )
        )
        row_tones.append(tones.get(now.status, "") if now else "")
    return Table(
        (p_("column", "Activity"), *role.raci_roles, p_("column", "Who does it today")),
        tuple(rows),
        widths=(2.6, *([1.1] * len(role.raci_roles)), 4),
        row_tones=tuple(row_tones),
    )


def profile_section(brief: BriefContext) -> list[Block] | None:
    role = brief.role
    return [
        Paragraph(role.seniority_summary, lead=f"{role.seniority_level}."),
        Paragraph(run_together(role.traits), lead=_("What the person brings:")),
        Paragraph(
            # Translators: {skills} is a sentence listing the skills; {where} says where in the
            # method appendix the questions are.
            _(
                "{skills} The question for each, and what to listen for: {where}.",
                skills=run_together([q.skill for q in role.interview]),
                where=moved.where(moved.INTERVIEW),
            ),
            lead=_("Skills to interview for:"),
        ),
    ]


def capacity(brief: BriefContext) -> list[Block] | None:
    """What the book's figures do not say by themselves (the band the book size is read from,
    the key accounts, the cadence as drafted, the team lead): the book size, the team it needs,
    its hours and the next hire are in "The numbers behind the verdict"."""
    kept = brief.role.capacity.beyond_figures
    return [*(Paragraph(text) for text in kept), moved.pointer()]


def metrics(brief: BriefContext) -> list[Block] | None:
    role = brief.role
    tones = {"healthy": "good", "watch": "warn", "alarm": "bad"}
    band = present.targets_band_line(brief.assessment, brief.pack)
    a_role = wording.role_words(brief.pack.role_title(str(brief.profile.business_model)))["a_role"]
    return [
        *([Paragraph(band)] if band else []),
        Table(
            (
                p_("column", "Metric"),
                p_("column", "Target"),
                p_("column", "For this book"),
                p_("column", "Today"),
            ),
            tuple(
                (
                    m.label,
                    m.target,
                    m.for_this_book or "–",
                    m.today if m.status == "unknown" else f"{m.today} ({_health(m.status)})",
                )
                for m in role.metrics
            ),
            widths=(2.2, 3.4, 3.4, 1.8),
            row_tones=tuple(tones.get(m.status, "") for m in role.metrics),
        ),
        Callout(role.metrics_note, tone="info", lead=_("Read together:")),
        Paragraph(
            " ".join(f"{sentence(m.metric)} {sentence(m.why)}" for m in role.avoid_metrics),
            # Translators: {a_role} is the role with its article ("an Account Manager").
            lead=_("What not to measure {a_role} by:", a_role=a_role),
        ),
        moved.pointer(moved.MEASURED, _("How each metric is measured, with the sources:")),
    ]


def _health(status: str) -> str:
    """A metric's status today: healthy, watch or alarm."""
    return wording.metric_status(status)


def payout_table(comp: Compensation) -> Table:
    """Base, each component, the total and its share of OTE at each attainment level."""

    def money(amount: float) -> str:
        return wording.money(amount, comp.currency)

    rows = tuple(
        (
            wording.percent(row.attainment, 0),
            money(row.base),
            *(money(part) for part in row.by_component),
            money(row.total),
            wording.percent(row.share_of_ote, 0),
        )
        for row in comp.payout_rows()
    )
    return Table(
        (
            p_("column", "Attainment"),
            p_("column", "Base"),
            *(c.label for c in comp.components),
            p_("column", "Total"),
            p_("column", "vs OTE"),
        ),
        rows,
        numeric=tuple(range(4 + len(comp.components))),
    )


def compensation(brief: BriefContext) -> list[Block] | None:
    comp = brief.role.compensation
    money = brief.money
    base, variable = wording.percent(comp.base_share, 0), wording.percent(1 - comp.base_share, 0)
    # Translators: the split of pay: {base} and {variable} are percentages.
    mix = _("{base} base / {variable} variable", base=base, variable=variable)
    low, high = wording.percent(comp.range_low, 0), wording.percent(comp.range_high, 0)
    # What the range went with is the pack's claim, quoted from the pack with its source.
    model = str(brief.profile.business_model)
    range_source = templates_for(brief.pack, model)[0].compensation.range_source
    # Translators: follows a percentage ("70%"); {low}–{high} is the range to keep it in.
    of_variable = _(
        "of the variable pay; the range to keep it in is {low}–{high}.", low=low, high=high
    )
    facts = (
        (_("On-target earnings (OTE)"), money(comp.ote), comp.ote_source),
        (_("Base salary"), money(comp.base), mix),
        (_("Variable pay at target"), money(comp.variable), _("Paid on the outcomes below")),
        (
            _("On renewal and expansion"),
            wording.percent(comp.renewal_expansion_share, 0),
            f"{of_variable} {wording.cited(range_source)}",
        ),
    )
    split = tuple(
        (c.label, wording.percent(c.share, 0), money(comp.variable * c.share), c.measure or "–")
        for c in comp.components
    )
    blocks: list[Block] = [
        Table(("", "", ""), facts, widths=(3, 2, 5), numeric=(1,)),
        Table(
            (
                p_("column", "Component"),
                p_("column", "Share"),
                p_("column", "At target"),
                p_("column", "Measured by"),
            ),
            split,
            widths=(3, 1.2, 1.8, 4.5),
            numeric=(1, 2),
        ),
        payout_table(comp),
    ]
    blocks.extend(Callout(w, tone="warning", lead=_("Warning:")) for w in comp.warnings)
    curve = comp.curve
    threshold, cap = wording.percent(curve.threshold, 0), wording.percent(curve.cap, 0)
    blocks.append(
        Paragraph(
            # Translators: {threshold}, {full} and {cap} are percentages of the target;
            # {accelerator} is how many points of pay each point above the target earns.
            _(
                "Each component pays nothing below {threshold} of its target, in proportion up "
                "to {full}, and {accelerator} points for each point above, up to {cap} of target.",
                threshold=threshold,
                full=wording.percent(1, 0),
                accelerator=number(curve.accelerator, 3),
                cap=cap,
            ),
            style="note",
        )
    )
    blocks.append(moved.pointer())
    return blocks


def cadence(brief: BriefContext) -> list[Block] | None:
    role = brief.role
    rows = tuple(
        (
            f"{t.tier} — {t.label}" if t.label else t.tier,
            t.value_rule,
            str(t.accounts),
            t.contact,
            t.review,
            number(t.hours_per_month, 3),
        )
        for t in role.tiers
    )
    return [
        Table(
            (
                p_("column", "Tier"),
                p_("column", "Contract value"),
                p_("column", "Accounts"),
                p_("column", "Contact"),
                p_("column", "Business review"),
                p_("column", "Hours / account / month"),
            ),
            rows,
            widths=(1.5, 2.2, 1.6, 2.7, 2.7, 1.5),
            numeric=(2, 5),
        ),
        Paragraph(
            _(
                "Account counts are estimated from the average contract value until the CRM "
                "gives each account's value; adjust them to the real book."
            ),
            style="note",
        ),
        Paragraph(
            run_together(role.qbr_content), lead=_("What every quarterly business review covers:")
        ),
        moved.pointer(),
    ]


def playbook(brief: BriefContext) -> list[Block] | None:
    role = brief.role
    blocks: list[Block] = [
        Table(
            (
                p_("column", "When"),
                p_("column", "Milestone"),
                p_("column", "What happens"),
                p_("column", "Owner"),
            ),
            tuple(
                (
                    f"T-{m.days_before}" if m.days_before else "T-0",
                    m.milestone,
                    m.actions,
                    m.owner,
                )
                for m in role.playbook
            ),
            widths=(1, 2.2, 5.5, 2),
        )
    ]
    if role.playbook_note:
        blocks.append(Callout(role.playbook_note, tone="warning", lead=_("Today:")))
    blocks.append(moved.pointer())
    return blocks


def handover(brief: BriefContext) -> list[Block] | None:
    role = brief.role
    return [
        Table(
            ("", p_("task column", "Item"), p_("column", "Owner"), p_("column", "When")),
            tuple(("☐", h.item, h.owner, h.when) for h in role.handover),
            widths=(0.4, 6, 1.8, 2),
        ),
        *(
            [Paragraph(role.ae_handover, lead=_("For the account executives:"))]
            if role.ae_handover
            else []
        ),
        moved.pointer(),
    ]


def onboarding(brief: BriefContext) -> list[Block] | None:
    role = brief.role
    goals = dict(role.onboarding_goals)
    blocks: list[Block] = []
    phases: dict[str, list[str]] = {}
    for step in role.onboarding:
        phases.setdefault(step.phase, []).append(step.action)
    for phase, actions in phases.items():
        goal = goals.get(phase)
        blocks.append(
            Paragraph(run_together(actions), lead=f"{phase} — {goal}." if goal else f"{phase}.")
        )
    blocks.append(moved.pointer())
    return blocks


def mistakes(brief: BriefContext) -> list[Block] | None:
    """Each mistake the inputs make likely and what to do; why each matters, what raised it
    and its source are in the method appendix."""
    role = brief.role
    if not role.mistakes:
        return [Paragraph(_("None of the usual mistakes is made likely by these inputs."))]
    return [
        Table(
            (p_("column", "Mistake"), p_("column", "What to do")),
            tuple((m.title, sentence(m.advice)) for m in role.mistakes),
            widths=(4, 7),
        ),
        moved.pointer(moved.RAISED, _("Why each matters, what raised it and its source:")),
    ]
