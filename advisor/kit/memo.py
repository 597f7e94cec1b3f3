"""The decision memo: one page for the founder.

The verdict and the three reasons that weigh most (worded as the brief words them), the full
first-year cost of the hire, the outcome under the low / expected / high effect the rule pack
assumes, the hiring plan by date, and what to do this month. Every figure comes from the one
assessment and is worded by the presenter (`advisor.present`), rounded as the brief rounds it.
"""

from __future__ import annotations

from advisor import present, wording
from advisor.brief.common import reason_text, sentence
from advisor.brief.model import Block, Bullets, Callout, Paragraph, Section, Table
from advisor.economics import Economics
from advisor.engine import Verdict
from advisor.i18n import N_, _, n_, p_
from advisor.kit.document import KitDocument, KitInputs, written_in
from advisor.present import pay as pay_words
from advisor.present.figures import am_cost_source

TITLE = N_("Decision memo")
AUDIENCE = N_("For the founder")
NO_REASON = N_("No rule fired: nothing in the inputs argues for or against a hire.")
MONTH_ADVICE = 2  # the advice of the rules holding the verdict, most decisive first


def effect_name(name: str) -> str:
    """The pack's low / expected / high effect case as a table row names it."""
    names = {
        "low": p_("effect", "Low"),
        "expected": p_("effect", "Expected"),
        "high": p_("effect", "High"),
    }
    return names.get(name, name)


def first_year_cost(kit: KitInputs) -> tuple[float, float]:
    """One hire's first year: the fully loaded cost the payback counts, and the recruiting (the
    pack's share of that cost, as the payback counts it)."""
    cost = kit.assessment.economics.am_cost
    return cost, cost * kit.pack.hiring.recruiting_cost.value


def _pay_rows(econ: Economics) -> list[tuple[str, str, str]]:
    """The pay and the employer's on-costs: split by the pay band when the cost is the band's."""
    cur = econ.currency
    pay = econ.pay
    if pay is not None and econ.am_cost_basis == "pay_band":
        on_costs = pay.cost_expected - pay.ote_expected
        return [
            (
                _("Pay (on-target earnings, the band's midpoint)"),
                present.money(pay.ote_expected, cur),
                f"{pay_words.place(pay)}: {pay_words.band_text(pay)}",
            ),
            (
                _("Employer on-costs"),
                present.money(on_costs, cur),
                pay_words.on_costs_text(pay),
            ),
        ]
    return [
        (
            _("The hire, fully loaded"),
            present.money(econ.am_cost, cur),
            # Translators: {source} says where the cost comes from ("Your figure", "Benchmark").
            _(
                "{source}: pay with the employer's on-costs",
                source=wording.capitalised(am_cost_source(econ)),
            ),
        ),
        (
            _("Employer on-costs"),
            _("included above"),
            _("counted in the fully loaded cost"),
        ),
    ]


def cost_blocks(kit: KitInputs) -> list[Block]:
    econ = kit.assessment.economics
    cur = econ.currency
    cost, recruiting = first_year_cost(kit)
    payback = econ.payback
    share = recruiting / cost if cost else 0.0
    rows = [
        *_pay_rows(econ),
        (
            _("Recruiting, once"),
            present.money(recruiting, cur),
            _("{share} of a year's cost", share=present.share(share)),
        ),
        (
            _("Ramp-up"),
            present.months(payback.ramp_months),
            _("paid above; the AM carries the book alone only after it"),
        ),
        (_("Tools"), _("none counted"), _("the rule pack has no figure for tools")),
        (_("First year, in all"), present.money(cost + recruiting, cur), ""),
    ]
    columns = (
        p_("cost column", "Item"),
        p_("column", "First year"),
        p_("column", "How it is counted"),
    )
    blocks: list[Block] = [Table(columns, tuple(rows), widths=(3, 1.4, 4.6))]
    opening = len(present.hires_opening_today(kit.assessment))
    if opening > 1:  # the table is one hire's year: the plan opens several searches today
        blocks.append(
            Paragraph(
                # Translators: {count} searches (always more than one); {total} is money.
                n_(
                    "That is one hire's first year: the plan opens {count} search today, "
                    "{total} for its first year in all.",
                    "That is one hire's first year: the plan opens {count} searches today, "
                    "{total} for their first year in all.",
                    opening,
                    total=present.money(opening * (cost + recruiting), cur),
                )
            )
        )
    return blocks


def outcome_blocks(kit: KitInputs) -> list[Block]:
    econ = kit.assessment.economics
    payback = econ.payback
    if payback.hires == 0:  # today's team carries the book: no hire returns anything yet
        team = wording.capitalised(present.team_sentence(econ))
        return [
            Paragraph(
                # Translators: {team} says who carries the book today ("Two Account Managers
                # carry the book").
                _("{team}: no hire is needed now, so none returns anything yet.", team=team)
            ),
            Paragraph(sentence(wording.capitalised(present.next_am_sentence(kit.assessment)))),
        ]
    rows = tuple(
        (
            effect_name(case.name),
            present.share(case.churn_reduction),
            present.share(case.expansion_uplift),
            present.money(case.gross_profit_gain, econ.currency),
            present.payback_text(case.payback_months),
        )
        for case in payback.cases
    )
    columns = (
        p_("column", "Effect"),
        p_("column", "Churn kept"),
        p_("column", "Extra expansion"),
        p_("column", "Gross profit a year"),
        p_("column", "Pays back in"),
    )
    hold = payback.hold_months
    note = n_(
        "On the {count} account the hire carries, once ramped up.",
        "On the {count} accounts the hire carries, once ramped up.",
        payback.accounts,
    )
    if hold is not None:
        held = _("A hire that pays back after {months} is held.", months=present.months(hold))
        note = f"{note} {held}"
    return [
        Table(columns, rows, widths=(1.2, 1.2, 1.4, 1.8, 2.6), numeric=(1, 2, 3)),
        Paragraph(note, style="note"),
    ]


def plan_blocks(kit: KitInputs) -> list[Block]:
    lines = present.plan_lines(kit.assessment)
    if not lines:
        return [Paragraph(_("No plan: the case was assessed without dates."))]
    return [Table(("", ""), tuple((line.label, line.text) for line in lines), widths=(2, 3))]


def month_actions(kit: KitInputs) -> tuple[str, ...]:
    """What to do in the month after the memo's date, from the verdict and its plan."""
    a, role = kit.assessment, kit.role
    actions = [present.when_line(a)]
    plan = a.plan
    if a.verdict == Verdict.HIRE_NOW:
        cost, recruiting = first_year_cost(kit)
        actions.append(
            _(
                "Budget {amount} for the first year, and put the pay band and the written pay "
                "plan in the offer.",
                amount=present.money(cost + recruiting, a.economics.currency),
            )
        )
        if plan is not None and plan.carries_from is not None:
            actions.append(
                _(
                    "Name who keeps each renewal due before {date}, when the Account Manager "
                    "carries the book.",
                    date=present.date(plan.carries_from),
                )
            )
    else:
        if role.interim is not None:
            actions.append(sentence(role.interim.title))
        holding = [r for r in a.fired if (r.cap is not None or r.verdict is not None) and r.advice]
        actions.extend(sentence(result.advice) for result in holding[:MONTH_ADVICE])
    return tuple(actions)


def build_memo(kit: KitInputs, language: str | None = None) -> KitDocument:
    """The decision memo, in `language` (the current language when None)."""
    with written_in(language):
        return _memo(kit)


def _memo(kit: KitInputs) -> KitDocument:
    a = kit.assessment
    reasons = tuple(f"{r.title}. {reason_text(r)}" for r in a.key_reasons(3)) or (_(NO_REASON),)
    # Translators: {verdict} is the verdict's label, {readiness} the readiness in words.
    verdict = _("{verdict} — {readiness}.", verdict=a.verdict_label, readiness=a.readiness)
    sections = (
        Section(
            "verdict",
            1,
            _("The verdict"),
            (Callout(verdict, tone="verdict", lead=_("Verdict:")), Bullets(reasons)),
        ),
        Section("cost", 2, _("The first year of the hire"), tuple(cost_blocks(kit))),
        Section("outcome", 3, _("What it returns"), tuple(outcome_blocks(kit))),
        Section("plan", 4, _("The hiring plan"), tuple(plan_blocks(kit))),
        Section("month", 5, _("This month"), (Bullets(month_actions(kit)),)),
    )
    return kit.document(
        "memo",
        _(TITLE),
        _(AUDIENCE),
        sections,
        confidential=True,
        cover_facts=((_("Role"), kit.role.title), (_("Score"), present.score_text(a))),
        one_page=True,
    )
