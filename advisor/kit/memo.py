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
from advisor.kit.document import KitDocument, KitInputs
from advisor.present import pay as pay_words

TITLE = "Decision memo"
AUDIENCE = "For the founder"
NO_REASON = "No rule fired: nothing in the inputs argues for or against a hire."
MONTH_ADVICE = 2  # the advice of the rules holding the verdict, most decisive first
EFFECT_NAMES = {"low": "Low", "expected": "Expected", "high": "High"}


def first_year_cost(kit: KitInputs) -> tuple[float, float]:
    """One hire's first year: the fully loaded cost the payback counts, and the recruiting (the
    pack's share of that cost, as the payback counts it)."""
    cost = kit.assessment.economics.am_cost
    return cost, cost * kit.pack.hiring.recruiting_cost.value


def _pay_rows(econ: Economics) -> list[tuple[str, str, str]]:
    """The pay and the employer's on-costs: split by the pay band when the cost is the band's."""
    cur = econ.currency
    pay = econ.pay
    if pay is not None and econ.am_cost_source == "pay band":
        on_costs = pay.cost_expected - pay.ote_expected
        return [
            (
                "Pay (on-target earnings, the band's midpoint)",
                present.money(pay.ote_expected, cur),
                f"{pay_words.place(pay)}: {pay_words.band_text(pay)}",
            ),
            (
                "Employer on-costs",
                present.money(on_costs, cur),
                pay_words.on_costs_text(pay),
            ),
        ]
    return [
        (
            "The hire, fully loaded",
            present.money(econ.am_cost, cur),
            f"{wording.capitalised(econ.am_cost_source)}: pay with the employer's on-costs",
        ),
        ("Employer on-costs", "included above", "counted in the fully loaded cost"),
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
            "Recruiting, once",
            present.money(recruiting, cur),
            f"{present.share(share)} of a year's cost",
        ),
        (
            "Ramp-up",
            present.months(payback.ramp_months),
            "paid above; the AM carries the book alone only after it",
        ),
        ("Tools", "none counted", "the rule pack has no figure for tools"),
        ("First year, in all", present.money(cost + recruiting, cur), ""),
    ]
    blocks: list[Block] = [
        Table(("Item", "First year", "How it is counted"), tuple(rows), widths=(3, 1.4, 4.6))
    ]
    opening = len(present.hires_opening_today(kit.assessment))
    if opening > 1:  # the table is one hire's year: the plan opens several searches today
        blocks.append(
            Paragraph(
                f"That is one hire's first year: the plan opens {opening} searches today, "
                f"{present.money(opening * (cost + recruiting), cur)} for their first year in all."
            )
        )
    return blocks


def outcome_blocks(kit: KitInputs) -> list[Block]:
    econ = kit.assessment.economics
    payback = econ.payback
    if payback.hires == 0:  # today's team carries the book: no hire returns anything yet
        team = wording.capitalised(present.team_sentence(econ))
        return [
            Paragraph(f"{team}: no hire is needed now, so none returns anything yet."),
            Paragraph(sentence(wording.capitalised(present.next_am_sentence(kit.assessment)))),
        ]
    rows = tuple(
        (
            EFFECT_NAMES.get(case.name, case.name),
            present.share(case.churn_reduction),
            present.share(case.expansion_uplift),
            present.money(case.gross_profit_gain, econ.currency),
            present.payback_text(case.payback_months),
        )
        for case in payback.cases
    )
    columns = ("Effect", "Churn kept", "Extra expansion", "Gross profit a year", "Pays back in")
    hold = payback.hold_months
    held = (
        f" A hire that pays back after {present.months(hold)} is held." if hold is not None else ""
    )
    return [
        Table(columns, rows, widths=(1.2, 1.2, 1.4, 1.8, 2.6), numeric=(1, 2, 3)),
        Paragraph(
            f"On the {wording.plural(payback.accounts, 'account')} the hire carries, once ramped "
            f"up.{held}",
            style="note",
        ),
    ]


def plan_blocks(kit: KitInputs) -> list[Block]:
    lines = present.plan_lines(kit.assessment)
    if not lines:
        return [Paragraph("No plan: the case was assessed without dates.")]
    return [Table(("", ""), tuple((line.label, line.text) for line in lines), widths=(2, 3))]


def month_actions(kit: KitInputs) -> tuple[str, ...]:
    """What to do in the month after the memo's date, from the verdict and its plan."""
    a, role = kit.assessment, kit.role
    actions = [present.when_line(a)]
    plan = a.plan
    if a.verdict == Verdict.HIRE_NOW:
        cost, recruiting = first_year_cost(kit)
        actions.append(
            f"Budget {present.money(cost + recruiting, a.economics.currency)} for the first "
            "year, and put the pay band and the written pay plan in the offer."
        )
        if plan is not None and plan.carries_from is not None:
            actions.append(
                "Name who keeps each renewal due before "
                f"{present.date(plan.carries_from)}, when the Account Manager carries the book."
            )
    else:
        if role.interim is not None:
            actions.append(sentence(role.interim.title))
        holding = [r for r in a.fired if (r.cap is not None or r.verdict is not None) and r.advice]
        actions.extend(sentence(result.advice) for result in holding[:MONTH_ADVICE])
    return tuple(actions)


def build_memo(kit: KitInputs) -> KitDocument:
    a = kit.assessment
    reasons = tuple(f"{r.title}. {reason_text(r)}" for r in a.key_reasons(3)) or (NO_REASON,)
    sections = (
        Section(
            "verdict",
            1,
            "The verdict",
            (
                Callout(f"{a.verdict_label} — {a.readiness}.", tone="verdict", lead="Verdict:"),
                Bullets(reasons),
            ),
        ),
        Section("cost", 2, "The first year of the hire", tuple(cost_blocks(kit))),
        Section("outcome", 3, "What it returns", tuple(outcome_blocks(kit))),
        Section("plan", 4, "The hiring plan", tuple(plan_blocks(kit))),
        Section("month", 5, "This month", (Bullets(month_actions(kit)),)),
    )
    return kit.document(
        "memo",
        TITLE,
        AUDIENCE,
        sections,
        confidential=True,
        cover_facts=(("Role", kit.role.title), ("Score", present.score_text(a))),
        one_page=True,
    )
