"""The figures of an assessment in words: money, shares, months, dates, the economics block,
the team today, the next Account Manager, the hours and the payback."""

from __future__ import annotations

import datetime as dt
import math

import msgspec

from advisor import wording
from advisor.economics import Economics
from advisor.engine import Assessment
from advisor.present import pay as pay_words
from advisor.timing import Growth

NOT_DEFINED = "not defined"
VERDICT_WORDS = {
    "hire_now": "hire now",
    "prepare": "prepare",
    "not_yet": "not yet",
    "fix_delivery_first": "fix delivery first",
}


class Line(msgspec.Struct, frozen=True):
    """One figure as it is shown: a stable key, its label, its text and how it is worked out."""

    key: str
    label: str
    text: str
    note: str = ""


# ---------------------------------------------------------------------------------------------
# Figures


def money(amount: float | None, currency: str) -> str:
    return NOT_DEFINED if amount is None else wording.money(amount, currency)


def share(rate: float | None) -> str:
    """A share in whole percents: "26%"."""
    return NOT_DEFINED if rate is None else wording.percent(rate, 0)


def months(value: float | None) -> str:
    """A payback or a duration: "21 months", "never" (nothing kept or added)."""
    if value is None or math.isinf(value):
        return "never"
    return wording.months(value)


def payback_text(value: float | None) -> str:
    """A payback as a figure: "21 months", "never: the hire would keep and add no revenue",
    "no hire needed"."""
    if value is None or math.isinf(value):
        return "never: the hire would keep and add no revenue"
    if value <= 0:
        return "no hire needed"
    return wording.months(value)


def date(day: object) -> str:

    return wording.long_date(day) if isinstance(day, dt.date) else NOT_DEFINED


def score_text(assessment: Assessment) -> str:
    """The score as shown next to the verdict: never a "go" beside a gate."""
    if assessment.gated:
        return "not scored"
    return f"{assessment.score:.0f}/100"


def am_count_text(count: int) -> str:
    return wording.count_of(count, "Account Manager")


def team_size(count: int) -> str:
    return "one AM" if count == 1 else wording.count_of(count, "AM")


def hours_sentence(econ: Economics) -> str:
    """The client hours the book needs against the team it needs: one budget per AM."""
    budget = econ.team_client_hours
    needed = econ.client_hours
    share_of = f"{share(needed / budget)} of " if budget else ""
    whose = (
        f"one AM's {wording.hours(econ.client_hours_per_am)}"
        if econ.recommended_am_count <= 1
        else f"{econ.recommended_am_count} AMs' {wording.hours(budget)}"
    )
    return (
        f"{wording.hours(needed)} a month ({wording.hours(econ.cadence_hours)} of cadence and "
        f"{wording.hours(econ.renewal_hours)} of renewals at {wording.hours(econ.hours_per_renewal)} "
        f"each): {share_of}{whose}"
    )


def revenue(econ: Economics) -> str:
    """The words for the book's yearly revenue in this business model: "ARR", "annual fees"."""
    return econ.revenue_term


def revenue_label(econ: Economics) -> str:
    """The revenue words opening a label: "ARR", "Annual fees"."""
    term = econ.revenue_term
    return term[:1].upper() + term[1:]


_MEASURE_WORDS = {"gross_profit": "gross profit"}


def basis_sentence(econ: Economics) -> str:
    """Which bound sized the team, with what each bound needs: the one sentence for it."""
    basis = econ.basis
    if basis is None:
        return ""
    cur = econ.currency
    measure = _MEASURE_WORDS.get(basis.measure, revenue(econ))
    parts = [f"by accounts {team_size(basis.by_accounts)} (at most {basis.accounts_high} a book)"]
    if basis.money_high is not None and basis.by_money is not None:
        fits = wording.plural(basis.money_accounts or 0, "average account")
        parts.append(
            f"by {measure} {team_size(basis.by_money)} (at most {money(basis.money_high, cur)} "
            f"of {measure} a book, {fits}; the book holds {money(basis.book_money, cur)})"
        )
    else:
        parts.append(f"no bound on {measure} for this business model")
    parts.append(f"by client hours {team_size(basis.by_hours)}")
    decided = {"accounts": "the account count", "client_hours": "the client hours"}.get(
        basis.sized_by, f"the book's {measure}"
    )
    return f"sized by {decided}: " + "; ".join(parts)


def arr_at_risk_note(econ: Economics, assessment: Assessment) -> str:
    profile = assessment.profile
    term = revenue(econ)
    if econ.arr_at_risk_basis == "grr" and profile.grr is not None:
        return (
            f"total {term} × (1 − gross revenue retention of {share(profile.grr)}): the revenue "
            "a year that GRR says is lost"
        )
    leaving = round(econ.accounts_at_risk)
    accounts = (
        "fewer than one account" if leaving < 1 else f"about {wording.plural(leaving, 'account')}"
    )
    return f"total {term} × logo churn of {share(profile.logo_churn_rate)} ({accounts} a year)"


def payback_note(assessment: Assessment) -> str:
    econ = assessment.economics
    payback = econ.payback
    if payback.hires == 0:
        return "today's team covers the book, so no hire is needed to pay back"
    more = econ.additional_ams_needed - 1
    after = (
        f"; the {wording.plural(more, 'hire')} after it, each with its own book, are the team "
        "plan's"
        if more > 0
        else ""
    )
    cur = econ.currency
    case = payback.expected
    ramp = assessment.plan.ramp_days if assessment.plan else round(payback.ramp_months * 30.44)
    return (
        f"the next Account Manager, on {wording.plural(payback.accounts, 'account')}: "
        f"{money(payback.cost_per_year, cur)} a year and {money(payback.recruiting_cost, cur)} "
        f"to recruit, against the gross profit of the revenue a first year keeps from churn and "
        f"adds by expansion after {ramp} days of ramp-up: "
        f"{money(case.first_year_gain * 12, cur)} of gross profit a year at the expected effect "
        f"({share(case.churn_reduction)} of the revenue churn takes kept, expansion of "
        f"{share(case.expansion_uplift)} of {revenue(econ)}){after}"
    )


def payback_range(econ: Economics) -> str:
    """The payback under the low, expected and high effect."""
    if econ.payback.hires == 0:
        return "no hire needed"
    parts = [f"{case.name} {months(case.payback_months)}" for case in econ.payback.cases]
    return ", ".join(parts)


def team_sentence(econ: Economics) -> str:
    """The team today against the book: the one "team today" sentence."""
    current, needed = econ.current_account_managers, econ.recommended_am_count
    if current == 0:
        return f"no Account Manager yet; the book needs {am_count_text(needed)}"
    covered = f"{econ.accounts_covered_by_team:,}"
    if econ.additional_ams_needed:
        return (
            f"{team_size(current)} covering up to {covered} accounts; the book needs "
            f"{am_count_text(needed)}, so {am_count_text(econ.additional_ams_needed)} more"
        )
    return f"{team_size(current)} covering up to {covered} accounts, enough for today's book"


def next_am_sentence(assessment: Assessment) -> str:
    """When the next Account Manager beyond the team the book needs today is due: the one
    sentence every page uses (the threshold, and the quarter the growing book reaches it)."""
    econ = assessment.economics
    due_at = econ.next_am_due_at_accounts
    which = wording.ordinal(max(econ.recommended_am_count, econ.current_account_managers) + 1)
    text = f"a {which} Account Manager is due at {due_at:,} active accounts"
    growth = assessment.growth
    reached = _quarter_reaching(growth, due_at)
    if reached is not None:
        text += f", which the book reaches in {reached}"
    elif growth is not None and growth.pace:
        text += f", which the book does not reach within {len(growth.quarters) - 1} quarters"
    return text


def _quarter_reaching(growth: Growth | None, accounts: int) -> str | None:
    if growth is None or not growth.pace:
        return None
    found = next((q for q in growth.quarters if q.active_accounts >= accounts), None)
    return found.label if found is not None and found.quarters_ahead > 0 else None


def economics_lines(assessment: Assessment) -> tuple[Line, ...]:
    """The economics block, in one order, for every report, page and document."""
    econ = assessment.economics
    cur = econ.currency
    lines = [
        Line("total_arr", f"Total {revenue(econ)}", money(econ.total_arr, cur)),
        Line("gross_profit", "Gross profit of the book", money(econ.gross_profit, cur)),
        Line(
            "arr_at_risk",
            f"{revenue_label(econ)} at risk from churn (12 months)",
            money(econ.arr_at_risk, cur),
            arr_at_risk_note(econ, assessment),
        ),
        Line("expansion", "Expansion (NRR − GRR)", _expansion(econ)),
        *_pay_lines(econ),
        Line(
            "am_cost",
            "AM fully loaded cost (one AM)",
            pay_words.cost_range_text(econ),
            _am_cost_note(econ),
        ),
        Line(
            "team_cost",
            "Cost of the team the book needs",
            pay_words.team_cost_text(econ),
            am_count_text(econ.recommended_am_count),
        ),
        Line(
            "cost_share",
            "Team cost as share of gross profit",
            share(econ.am_cost_share_of_gross_profit)
            if econ.am_cost_share_of_gross_profit is not None
            else f"{NOT_DEFINED}: the book has no gross profit",
        ),
        Line("break_even", "Break-even book (gross profit = one AM's cost)", _break_even(econ)),
        Line(
            "supported_from",
            f"Book the margin supports an AM from (gross profit ≥ {econ.affordability_floor:g}× "
            "one AM's cost)",
            f"{NOT_DEFINED}: the book has no gross margin"
            if econ.supported_from_accounts is None
            else f"about {econ.supported_from_accounts:.1f} average accounts",
        ),
        Line("am_count", "Account Managers the book needs", _am_count(econ)),
        Line("book_basis", "What sized the team", basis_sentence(econ)),
        Line("client_hours", "Client hours the book needs", hours_sentence(econ)),
        Line("team_today", "Team today", team_sentence(econ)),
        Line(
            "payback",
            "Payback of the next hire (expected effect)",
            _payback_with_band(econ),
            payback_note(assessment),
        ),
        Line("payback_range", "Payback, low / expected / high effect", payback_range(econ)),
        Line("next_am", "Next Account Manager", next_am_sentence(assessment)),
    ]
    return tuple(lines)


def _pay_lines(econ: Economics) -> list[Line]:
    """The pay band line, when the profile names a country: the band, or why it is not used."""
    if econ.pay is not None:
        note = pay_words.sources_text(econ.pay)
        if econ.pay_status == "reference":
            note = f"For reference: the AM cost is your own figure. {note}"
        label = f"AM pay band ({pay_words.place(econ.pay)})"
        return [Line("pay_band", label, pay_words.pay_band_sentence(econ.pay), note)]
    if econ.pay_status in ("currency", "no_band"):
        text = wording.capitalised(pay_words.unused_text(econ))
        return [Line("pay_band", "AM pay band", f"not used: {text}")]
    return []


def _am_cost_note(econ: Economics) -> str:
    if econ.pay_status == "used" and econ.pay is not None:
        return (
            f"the pay band for {pay_words.place(econ.pay)}: its OTE midpoint with the "
            "employer's on-costs; the range is the band's low and high, loaded the same way"
        )
    return econ.am_cost_source


def _payback_with_band(econ: Economics) -> str:
    text = payback_text(econ.payback_months)
    across = pay_words.payback_range_text(econ)
    return f"{text} ({across})" if across else text


def _expansion(econ: Economics) -> str:
    if econ.expansion_measured is None:
        return f"{NOT_DEFINED}: give both NRR and GRR"
    return f"{share(econ.expansion_measured)} of starting {revenue(econ)} a year"


def _break_even(econ: Economics) -> str:
    if econ.break_even_arr is None or econ.break_even_accounts is None:
        return f"{NOT_DEFINED}: the book has no gross margin"
    return (
        f"{money(econ.break_even_arr, econ.currency)} of {revenue(econ)}, about "
        f"{econ.break_even_accounts:.1f} average accounts"
    )


def _am_count(econ: Economics) -> str:
    return (
        f"{econ.recommended_am_count} (at most {econ.accounts_per_am} accounts and "
        f"{wording.hours(econ.client_hours_per_am)} of client work a month each)"
    )


def line(assessment: Assessment, key: str) -> Line:
    """One line of the economics block, by key."""
    return next(found for found in economics_lines(assessment) if found.key == key)
