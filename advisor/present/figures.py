"""The figures of an assessment in words: money, shares, months, dates, the economics block,
the team today, the next Account Manager, the hours and the payback."""

from __future__ import annotations

import datetime as dt
import math

import msgspec

from advisor import wording
from advisor.economics import Economics
from advisor.engine import Assessment
from advisor.i18n import N_, _, formats, n_, p_
from advisor.present import pay as pay_words
from advisor.timing import Growth

NOT_DEFINED = N_("not defined")
VERDICT_WORDS = {  # the verdicts' English words; `wording.verdict_words` gives them translated
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
    return _(NOT_DEFINED) if amount is None else wording.money(amount, currency)


def share(rate: float | None) -> str:
    """A share in whole percents: "26%"."""
    return _(NOT_DEFINED) if rate is None else wording.percent(rate, 0)


def months(value: float | None) -> str:
    """A payback or a duration: "21 months", "never" (nothing kept or added)."""
    if value is None or math.isinf(value):
        return _("never")
    return wording.months(value)


def payback_text(value: float | None) -> str:
    """A payback as a figure: "21 months", "never: the hire would keep and add no revenue",
    "no hire needed"."""
    if value is None or math.isinf(value):
        return _("never: the hire would keep and add no revenue")
    if value <= 0:
        return _("no hire needed")
    return wording.months(value)


def date(day: object) -> str:
    return wording.long_date(day) if isinstance(day, dt.date) else _(NOT_DEFINED)


def score_text(assessment: Assessment) -> str:
    """The score as shown next to the verdict: never a "go" beside a gate."""
    if assessment.gated:
        return _("not scored")
    return f"{assessment.score:.0f}/100"


def am_count_text(count: int) -> str:
    return n_("an Account Manager", "{count} Account Managers", count)


def team_size(count: int) -> str:
    return n_("one AM", "{count} AMs", count)


def _accounts(count: int) -> str:
    return n_("{number} account", "{number} accounts", count, number=formats.number(count))


def hours_sentence(econ: Economics) -> str:
    """The client hours the book needs against the team it needs: one budget per AM."""
    budget = econ.team_client_hours
    values = {
        "needed": wording.hours(econ.client_hours),
        "cadence": wording.hours(econ.cadence_hours),
        "renewals": wording.hours(econ.renewal_hours),
        "per_renewal": wording.hours(econ.hours_per_renewal),
        "share": share(econ.client_hours / budget) if budget else "",
        "count": econ.recommended_am_count,
    }
    one = econ.recommended_am_count <= 1
    values["budget"] = wording.hours(econ.client_hours_per_am if one else budget)
    # Translators: the client hours a month the book needs against the hours of the AMs it needs
    if budget and one:
        return _(
            "{needed} a month ({cadence} of cadence and {renewals} of renewals at {per_renewal} "
            "each): {share} of one AM's {budget}",
            **values,
        )
    if budget:
        return _(
            "{needed} a month ({cadence} of cadence and {renewals} of renewals at {per_renewal} "
            "each): {share} of {count} AMs' {budget}",
            **values,
        )
    if one:
        return _(
            "{needed} a month ({cadence} of cadence and {renewals} of renewals at {per_renewal} "
            "each): one AM's {budget}",
            **values,
        )
    return _(
        "{needed} a month ({cadence} of cadence and {renewals} of renewals at {per_renewal} "
        "each): {count} AMs' {budget}",
        **values,
    )


def revenue(econ: Economics) -> str:
    """The words for the book's yearly revenue in this business model: "ARR", "annual fees"."""
    return econ.revenue_term


def revenue_label(econ: Economics) -> str:
    """The revenue words opening a label: "ARR", "Annual fees"."""
    term = econ.revenue_term
    return term[:1].upper() + term[1:]


_MEASURE_WORDS = {"gross_profit": N_("gross profit")}


def basis_sentence(econ: Economics) -> str:
    """Which bound sized the team, with what each bound needs: the one sentence for it."""
    basis = econ.basis
    if basis is None:
        return ""
    cur = econ.currency
    measure = _(_MEASURE_WORDS[basis.measure]) if basis.measure in _MEASURE_WORDS else revenue(econ)
    parts = [
        _(
            "by accounts {team} (at most {accounts} a book)",
            team=team_size(basis.by_accounts),
            accounts=basis.accounts_high,
        )
    ]
    if basis.money_high is not None and basis.by_money is not None:
        fits = basis.money_accounts or 0
        # Translators: {measure} is the revenue words ("ARR", "gross profit"); {fits} the
        # average accounts within that bound
        parts.append(
            _(
                "by {measure} {team} (at most {most} of {measure} a book, {fits}; the book holds "
                "{book})",
                measure=measure,
                team=team_size(basis.by_money),
                most=money(basis.money_high, cur),
                fits=n_(
                    "{number} average account",
                    "{number} average accounts",
                    fits,
                    number=formats.number(fits),
                ),
                book=money(basis.book_money, cur),
            )
        )
    else:
        parts.append(_("no bound on {measure} for this business model", measure=measure))
    parts.append(_("by client hours {team}", team=team_size(basis.by_hours)))
    if basis.sized_by == "accounts":
        decided = _("the account count")
    elif basis.sized_by == "client_hours":
        decided = _("the client hours")
    else:
        decided = _("the book's {measure}", measure=measure)
    # Translators: {basis} is what sized the team; {bounds} each bound, separated by ";"
    return _("sized by {basis}: {bounds}", basis=decided, bounds="; ".join(parts))


def arr_at_risk_note(econ: Economics, assessment: Assessment) -> str:
    profile = assessment.profile
    term = revenue(econ)
    if econ.arr_at_risk_basis == "grr" and profile.grr is not None:
        return _(
            "total {revenue} × (1 − gross revenue retention of {grr}): the revenue a year that "
            "GRR says is lost",
            revenue=term,
            grr=share(profile.grr),
        )
    leaving = round(econ.accounts_at_risk)
    if leaving < 1:
        accounts = _("fewer than one account")
    else:
        accounts = n_(
            "about {number} account",
            "about {number} accounts",
            leaving,
            number=formats.number(leaving),
        )
    return _(
        "total {revenue} × logo churn of {churn} ({accounts} a year)",
        revenue=term,
        churn=share(profile.logo_churn_rate),
        accounts=accounts,
    )


def payback_note(assessment: Assessment) -> str:
    econ = assessment.economics
    payback = econ.payback
    if payback.hires == 0:
        return _("today's team covers the book, so no hire is needed to pay back")
    more = econ.additional_ams_needed - 1
    cur = econ.currency
    case = payback.expected
    ramp = assessment.plan.ramp_days if assessment.plan else round(payback.ramp_months * 30.44)
    values = {
        "accounts": _accounts(payback.accounts),
        "cost": money(payback.cost_per_year, cur),
        "recruiting": money(payback.recruiting_cost, cur),
        "ramp": ramp,
        "gain": money(case.first_year_gain * 12, cur),
        "kept": share(case.churn_reduction),
        "expansion": share(case.expansion_uplift),
        "revenue": revenue(econ),
    }
    if more <= 0:
        return _(
            "the next Account Manager, on {accounts}: {cost} a year and {recruiting} to recruit, "
            "against the gross profit of the revenue a first year keeps from churn and adds by "
            "expansion after {ramp} days of ramp-up: {gain} of gross profit a year at the "
            "expected effect ({kept} of the revenue churn takes kept, expansion of {expansion} "
            "of {revenue})",
            **values,
        )
    # Translators: {count} is the number of hires after the next one, each in the team plan
    return n_(
        "the next Account Manager, on {accounts}: {cost} a year and {recruiting} to recruit, "
        "against the gross profit of the revenue a first year keeps from churn and adds by "
        "expansion after {ramp} days of ramp-up: {gain} of gross profit a year at the expected "
        "effect ({kept} of the revenue churn takes kept, expansion of {expansion} of {revenue}); "
        "the {count} hire after it, each with its own book, are the team plan's",
        "the next Account Manager, on {accounts}: {cost} a year and {recruiting} to recruit, "
        "against the gross profit of the revenue a first year keeps from churn and adds by "
        "expansion after {ramp} days of ramp-up: {gain} of gross profit a year at the expected "
        "effect ({kept} of the revenue churn takes kept, expansion of {expansion} of {revenue}); "
        "the {count} hires after it, each with its own book, are the team plan's",
        more,
        **values,
    )


def _case_name(name: str) -> str:
    """An effect case's name: 'low', 'expected', 'high'."""
    if name == "low":
        return p_("effect case", "low")
    if name == "expected":
        return p_("effect case", "expected")
    if name == "high":
        return p_("effect case", "high")
    return name


def payback_range(econ: Economics) -> str:
    """The payback under the low, expected and high effect."""
    if econ.payback.hires == 0:
        return _("no hire needed")
    parts = [
        # Translators: an effect case and its payback: "low 31 months"
        _("{case} {months}", case=_case_name(case.name), months=months(case.payback_months))
        for case in econ.payback.cases
    ]
    return ", ".join(parts)


def team_sentence(econ: Economics) -> str:
    """The team today against the book: the one "team today" sentence."""
    current, needed = econ.current_account_managers, econ.recommended_am_count
    if current == 0:
        return _("no Account Manager yet; the book needs {needed}", needed=am_count_text(needed))
    covered = formats.number(econ.accounts_covered_by_team)
    if econ.additional_ams_needed:
        # Translators: "2 AMs covering up to 80 accounts; the book needs 3 Account Managers,
        # so an Account Manager more"
        return _(
            "{team} covering up to {covered} accounts; the book needs {needed}, so {more} more",
            team=team_size(current),
            covered=covered,
            needed=am_count_text(needed),
            more=am_count_text(econ.additional_ams_needed),
        )
    return _(
        "{team} covering up to {covered} accounts, enough for today's book",
        team=team_size(current),
        covered=covered,
    )


def next_am_sentence(assessment: Assessment) -> str:
    """When the next Account Manager beyond the team the book needs today is due: the one
    sentence every page uses (the threshold, and the quarter the growing book reaches it)."""
    econ = assessment.economics
    number = max(econ.recommended_am_count, econ.current_account_managers) + 1
    values = {
        "next_am": wording.next_account_manager(number),
        "accounts": formats.number(econ.next_am_due_at_accounts),
    }
    growth = assessment.growth
    reached = _quarter_reaching(growth, econ.next_am_due_at_accounts)
    # Translators: {next_am} is "a third Account Manager"; {quarter} a quarter such as "Q3 2027"
    if reached is not None:
        return _(
            "{next_am} is due at {accounts} active accounts, which the book reaches in {quarter}",
            quarter=reached,
            **values,
        )
    if growth is not None and growth.pace:
        return _(
            "{next_am} is due at {accounts} active accounts, which the book does not reach "
            "within {quarters} quarters",
            quarters=len(growth.quarters) - 1,
            **values,
        )
    return _("{next_am} is due at {accounts} active accounts", **values)


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
        Line("total_arr", _("Total {revenue}", revenue=revenue(econ)), money(econ.total_arr, cur)),
        Line("gross_profit", _("Gross profit of the book"), money(econ.gross_profit, cur)),
        Line(
            "arr_at_risk",
            # Translators: {revenue} is the revenue words opening a label ("ARR", "Annual fees")
            _("{revenue} at risk from churn (12 months)", revenue=revenue_label(econ)),
            money(econ.arr_at_risk, cur),
            arr_at_risk_note(econ, assessment),
        ),
        Line("expansion", _("Expansion (NRR − GRR)"), _expansion(econ)),
        *_pay_lines(econ),
        Line(
            "am_cost",
            _("AM fully loaded cost (one AM)"),
            pay_words.cost_range_text(econ),
            _am_cost_note(econ),
        ),
        Line(
            "team_cost",
            _("Cost of the team the book needs"),
            pay_words.team_cost_text(econ),
            am_count_text(econ.recommended_am_count),
        ),
        Line(
            "cost_share",
            _("Team cost as share of gross profit"),
            share(econ.am_cost_share_of_gross_profit)
            if econ.am_cost_share_of_gross_profit is not None
            else _("not defined: the book has no gross profit"),
        ),
        Line(
            "break_even",
            _("Break-even book (gross profit = one AM's cost)"),
            _break_even(econ),
        ),
        Line(
            "supported_from",
            _(
                "Book the margin supports an AM from (gross profit ≥ {floor}× one AM's cost)",
                floor=wording.plain_number(econ.affordability_floor),
            ),
            _("not defined: the book has no gross margin")
            if econ.supported_from_accounts is None
            else _(
                "about {accounts} average accounts",
                accounts=wording.fixed_number(econ.supported_from_accounts, 1),
            ),
        ),
        Line("am_count", _("Account Managers the book needs"), _am_count(econ)),
        Line("book_basis", _("What sized the team"), basis_sentence(econ)),
        Line("client_hours", _("Client hours the book needs"), hours_sentence(econ)),
        Line("team_today", _("Team today"), team_sentence(econ)),
        Line(
            "payback",
            _("Payback of the next hire (expected effect)"),
            _payback_with_band(econ),
            payback_note(assessment),
        ),
        Line("payback_range", _("Payback, low / expected / high effect"), payback_range(econ)),
        Line("next_am", _("Next Account Manager"), next_am_sentence(assessment)),
    ]
    return tuple(lines)


def _pay_lines(econ: Economics) -> list[Line]:
    """The pay band line, when the profile names a country: the band, or why it is not used."""
    if econ.pay is not None:
        note = pay_words.sources_text(econ.pay)
        if econ.pay_status == "reference":
            note = _("For reference: the AM cost is your own figure. {sources}", sources=note)
        label = _("AM pay band ({place})", place=pay_words.place(econ.pay))
        return [Line("pay_band", label, pay_words.pay_band_sentence(econ.pay), note)]
    if econ.pay_status in ("currency", "no_band"):
        # Translators: {reason} is a sentence saying why the band is not used and what to do
        text = _("not used: {reason}", reason=pay_words.unused_text(econ))
        return [Line("pay_band", _("AM pay band"), text)]
    return []


def _am_cost_note(econ: Economics) -> str:
    if econ.pay_status == "used" and econ.pay is not None:
        return _(
            "the pay band for {place}: its OTE midpoint with the employer's on-costs; the range "
            "is the band's low and high, loaded the same way",
            place=pay_words.place(econ.pay),
        )
    return am_cost_source(econ)


def am_cost_source(econ: Economics) -> str:
    """Where the AM cost comes from, in words: "your figure", "pay band", or the pack's
    benchmark as the engine named it (in the language it assessed in)."""
    if econ.am_cost_basis == "profile":
        # Translators: where the AM cost comes from: the figure the user entered
        return _("your figure")
    if econ.am_cost_basis == "pay_band":
        # Translators: where the AM cost comes from: the pay band of the company's country
        return _("pay band")
    return econ.am_cost_source


def _payback_with_band(econ: Economics) -> str:
    text = payback_text(econ.payback_months)
    across = pay_words.payback_range_text(econ)
    # Translators: a payback and, in brackets, the same at the pay band's low and high cost
    return _("{payback} ({across})", payback=text, across=across) if across else text


def _expansion(econ: Economics) -> str:
    if econ.expansion_measured is None:
        return _("not defined: give both NRR and GRR")
    return _(
        "{share} of starting {revenue} a year",
        share=share(econ.expansion_measured),
        revenue=revenue(econ),
    )


def _break_even(econ: Economics) -> str:
    if econ.break_even_arr is None or econ.break_even_accounts is None:
        return _("not defined: the book has no gross margin")
    return _(
        "{amount} of {revenue}, about {accounts} average accounts",
        amount=money(econ.break_even_arr, econ.currency),
        revenue=revenue(econ),
        accounts=wording.fixed_number(econ.break_even_accounts, 1),
    )


def _am_count(econ: Economics) -> str:
    return _(
        "{count} (at most {accounts} accounts and {hours} of client work a month each)",
        count=econ.recommended_am_count,
        accounts=econ.accounts_per_am,
        hours=wording.hours(econ.client_hours_per_am),
    )


def line(assessment: Assessment, key: str) -> Line:
    """One line of the economics block, by key."""
    return next(found for found in economics_lines(assessment) if found.key == key)
