"""The one presenter: every figure of an assessment in words, with one rounding each.

The engine decides (`Assessment`, its economics and its timing); this module words it, and the
app, the text and Markdown reports, the brief and the comparison all take their sentences and
figures from here, so a number shown twice is shown the same way: money in whole units, shares
as whole percents, durations in whole months, dates as "6 December 2026". A figure that cannot
be computed says why, the same way everywhere.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

import msgspec

from advisor import wording
from advisor.economics import Economics
from advisor.engine import Assessment, Verdict
from advisor.pack.model import AmEffect, Hiring, RulePack
from advisor.timing import Cover, Growth, Hire, Plan, TeamPlan

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
    import datetime as dt

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


def arr_at_risk_note(econ: Economics, assessment: Assessment) -> str:
    profile = assessment.profile
    if econ.arr_at_risk_basis == "grr" and profile.grr is not None:
        return (
            f"total ARR × (1 − gross revenue retention of {share(profile.grr)}): the revenue "
            "a year that GRR says is lost"
        )
    leaving = round(econ.accounts_at_risk)
    accounts = (
        "fewer than one account" if leaving < 1 else f"about {wording.plural(leaving, 'account')}"
    )
    return f"total ARR × logo churn of {share(profile.logo_churn_rate)} ({accounts} a year)"


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
        f"{share(case.expansion_uplift)} of ARR){after}"
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
        Line("total_arr", "Total ARR", money(econ.total_arr, cur)),
        Line("gross_profit", "Gross profit of the book", money(econ.gross_profit, cur)),
        Line(
            "arr_at_risk",
            "ARR at risk from churn (12 months)",
            money(econ.arr_at_risk, cur),
            arr_at_risk_note(econ, assessment),
        ),
        Line("expansion", "Expansion (NRR − GRR)", _expansion(econ)),
        Line(
            "am_cost",
            "AM fully loaded cost (one AM)",
            money(econ.am_cost, cur),
            econ.am_cost_source,
        ),
        Line(
            "team_cost",
            "Cost of the team the book needs",
            f"{money(econ.team_cost, cur)} a year",
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
        Line("client_hours", "Client hours the book needs", hours_sentence(econ)),
        Line("team_today", "Team today", team_sentence(econ)),
        Line(
            "payback",
            "Payback of the next hire (expected effect)",
            payback_text(econ.payback_months),
            payback_note(assessment),
        ),
        Line("payback_range", "Payback, low / expected / high effect", payback_range(econ)),
        Line("next_am", "Next Account Manager", next_am_sentence(assessment)),
    ]
    return tuple(lines)


def _expansion(econ: Economics) -> str:
    if econ.expansion_measured is None:
        return f"{NOT_DEFINED}: give both NRR and GRR"
    return f"{share(econ.expansion_measured)} of starting ARR a year"


def _break_even(econ: Economics) -> str:
    if econ.break_even_arr is None or econ.break_even_accounts is None:
        return f"{NOT_DEFINED}: the book has no gross margin"
    return (
        f"{money(econ.break_even_arr, econ.currency)} of ARR, about "
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


# ---------------------------------------------------------------------------------------------
# Timing


def plan_summary(assessment: Assessment) -> str:
    """What the verdict means in dates, in one paragraph."""
    plan = assessment.plan
    if plan is None:
        return "No plan: the case was assessed without dates."
    summary = _plan_summary(plan, assessment)
    if plan.verdict == Verdict.FIX_DELIVERY_FIRST and plan.after_fix_plan is not None:
        then = plan.after_fix_plan
        label = plan.after_fix_label or VERDICT_WORDS.get(plan.after_fix or "", "")
        summary += (
            f" With delivery standardised the verdict would be '{label}'; as of "
            f"{date(then.as_of)}: {_plan_summary(then, assessment, nested=True)}"
        )
    return summary


def _plan_summary(plan: Plan, assessment: Assessment, *, nested: bool = False) -> str:
    if plan.verdict == Verdict.HIRE_NOW:
        return _hire_now_summary(plan, assessment, nested=nested)
    if plan.verdict == Verdict.PREPARE:
        return _prepare_summary(plan, nested=nested)
    if plan.verdict == Verdict.NOT_YET:
        return _not_yet_summary(plan, assessment)
    fix_days = round((plan.reassess_on - plan.as_of).days) if plan.reassess_on else 0
    return (
        "No hiring date until delivery is standardised. Reassess on "
        f"{date(plan.reassess_on)}, once delivery standards have held for {fix_days} days."
    )


def _lead(plan: Plan) -> str:
    return (
        f"{plan.recruiting_days} days to recruit (notice included) and {plan.ramp_days} days "
        "of ramp-up"
    )


def _hire_now_summary(plan: Plan, assessment: Assessment, *, nested: bool = False) -> str:
    if nested:
        return (
            f"open the search on {date(plan.search_opens_on)}; with {_lead(plan)}, the Account "
            f"Manager carries the book from {date(plan.carries_from)}."
        )
    opening = _hires_now(assessment)
    needed = ""
    if len(opening) <= 1:
        searches, who, verbs = "Open the search today", "the Account Manager", ("starts", "carries")
    else:
        latest = max(h.needed_from for h in opening)
        needed = (
            f", for the Account Managers the book needs now and by {date(latest)}"
            if latest > plan.as_of
            else ""
        )
        searches = f"Open {len(opening)} searches today"
        who, verbs = "the first Account Managers", ("start", "carry")
    text = (
        f"{searches} ({date(plan.search_opens_on)}){needed}. With {_lead(plan)}, {who} {verbs[0]} on "
        f"{date(plan.starts_on)} and {verbs[1]} the book from {date(plan.carries_from)}."
    )
    gap = plan.gap
    if gap is not None:
        text += " " + gap_sentence(assessment)
    return text


def gap_sentence(assessment: Assessment) -> str:
    """Hire now: what covers the months until the new AM carries the book."""
    plan = assessment.plan
    gap = plan.gap if plan else None
    if gap is None:
        return ""
    cur = assessment.economics.currency
    until = f"Until {date(gap.carries_from)}"
    if gap.cover is Cover.TEAM:
        return f"{until} today's team carries every account."
    risk = (
        f"{wording.plural(gap.uncovered_accounts, 'account')} have no AM, with about "
        f"{money(gap.gross_profit_at_risk, cur)} of gross profit at risk from churn over those "
        f"{wording.plural(gap.days, 'day')}"
    )
    if gap.cover is Cover.FOUNDER:
        return (
            f"{until} the founder's or AE's {wording.hours(gap.founder_hours)} a month cover the "
            f"renewals ({wording.hours(gap.renewal_hours)} this month); {risk}."
        )
    return (
        f"{until} the renewals need {wording.hours(gap.renewal_hours)} a month against the "
        f"{wording.hours(gap.founder_hours)} the founder or AE can give, so some will be "
        f"handled late; {risk}."
    )


def _holding(plan: Plan) -> str:
    if not plan.holding:
        return ""
    return "held by " + wording.joined([wording.in_sentence(t) for t in plan.holding])


def _prepare_summary(plan: Plan, *, nested: bool = False) -> str:
    held = _holding(plan)
    start = "prepare the role" if nested else "Prepare the role, the handover and the CRM now"
    if plan.search_opens_on is None:
        return (
            f"{wording.capitalised(start)}{' (' + held + ')' if held else ''}. No date to open "
            f"the search yet: reassess on {date(plan.reassess_on)}."
        )
    when = "today" if plan.search_opens_on == plan.as_of else f"on {date(plan.search_opens_on)}"
    return (
        f"{wording.capitalised(start)}{' (' + held + ')' if held else ''}. The growing book is "
        f"expected to make the verdict 'hire now' from {date(plan.turns_hire_now_on)}; open the "
        f"search {when} so that, with {_lead(plan)}, the Account Manager carries the book from "
        f"{date(plan.carries_from)}."
    )


def _not_yet_summary(plan: Plan, assessment: Assessment) -> str:
    growth = assessment.growth
    zone = growth.zone_low if growth else None
    if plan.zone_reached_on is None:
        where = (
            f"the book does not reach the hiring zone ({zone:g}+ accounts) within the growth shown"
            if zone is not None
            else "the rule pack gives no hiring zone"
        )
    elif plan.zone_reached_on == plan.as_of:
        where = f"the book is already in the hiring zone ({zone:g}+ accounts)"
    else:
        where = (
            f"the book reaches the hiring zone ({zone:g}+ accounts) on {date(plan.zone_reached_on)}"
        )
    return (
        f"No hiring date: {where}. Reassess on {date(plan.reassess_on)}"
        + (f" ({_holding(plan)})" if plan.holding else "")
        + "."
    )


def plan_lines(assessment: Assessment) -> tuple[Line, ...]:
    """The plan's dates as a table, only those its verdict has."""
    plan = assessment.plan
    if plan is None:
        return ()
    rows: list[Line] = []

    def add(key: str, label: str, value: object, note: str = "") -> None:
        if value is not None:
            rows.append(Line(key, label, date(value), note))

    add("search_opens_on", "Open the search", plan.search_opens_on)
    add("starts_on", "The Account Manager starts", plan.starts_on, f"{plan.recruiting_days} days")
    add("carries_from", "The Account Manager carries the book from", plan.carries_from)
    add("turns_hire_now_on", "The verdict turns 'hire now'", plan.turns_hire_now_on)
    add("zone_reached_on", "The book reaches the hiring zone", plan.zone_reached_on)
    add("reassess_on", "Reassess on", plan.reassess_on)
    if plan.gap is not None:
        rows.append(Line("gap", "Until the AM carries the book", gap_sentence(assessment)))
    if plan.after_fix is not None:
        label = plan.after_fix_label or VERDICT_WORDS.get(plan.after_fix, plan.after_fix)
        rows.append(Line("after_fix", "Once delivery is standardised", label))
    return tuple(rows)


def hire_rows(team: TeamPlan | None) -> list[tuple[str, str, str, str]]:
    """Each hire of the team plan: who, needed from, search opens, carries the book from."""
    if team is None:
        return []
    return [_hire_row(hire) for hire in team.hires]


def _hire_row(hire: Hire) -> tuple[str, str, str, str]:
    if hire.role == "team_lead":
        return (
            "Team lead",
            f"{date(hire.needed_from)} (the team reaches {team_size(hire.number)})",
            date(hire.search_opens_on),
            "no cost in the plan: the rule pack gives none for the role",
        )
    return (
        f"Account Manager {hire.number}",
        f"{date(hire.needed_from)} (at {hire.at_accounts:,} accounts)",
        date(hire.search_opens_on),
        date(hire.carries_from),
    )


def cost_rows(team: TeamPlan | None, currency: str) -> list[tuple[str, str, str]]:
    """The team's cost by quarter: quarter, AMs paid, cost (salaries and recruiting)."""
    if team is None:
        return []
    return [(q.label, f"{q.ams:.1f}", money(q.total, currency)) for q in team.quarters]


def team_plan_sentence(assessment: Assessment) -> str:
    team = assessment.team
    econ = assessment.economics
    if team is None:
        return ""
    if not team.hires:
        if assessment.plan and assessment.plan.search_opens_on is None:
            return "No hire is planned before the case is reassessed."
        return "No hire is due within the next two years."
    ams = [h for h in team.hires if h.role == "am"]
    total = money(team.total, econ.currency)
    return (
        f"{wording.plural(len(ams), 'hire')} within two years, from "
        f"{date(ams[0].search_opens_on)}; the team costs {total} over the next eight quarters."
    )


def waiting_sentence(assessment: Assessment) -> str:
    waiting = assessment.waiting
    if waiting is None or waiting.uncovered_accounts == 0:
        return "Every account is carried by today's team: waiting costs nothing yet."
    cur = assessment.economics.currency
    return (
        f"Each month without cover, about {money(waiting.gross_profit_at_risk_per_month, cur)} "
        f"of gross profit is at risk from churn on the "
        f"{wording.plural(waiting.uncovered_accounts, 'account')} no Account Manager carries."
    )


def growth_sentence(assessment: Assessment) -> str:
    growth = assessment.growth
    if growth is None or not growth.pace:
        return "No pace of new accounts is given, so the book is held at today's size."
    pace = wording.plural(growth.pace, "account")
    zone = growth.zone_reached
    if growth.zone_low is None:
        where = "the rule pack gives no hiring zone"
    elif zone is None:
        where = (
            f"the book does not reach the hiring zone within {len(growth.quarters) - 1} quarters"
        )
    elif zone.quarters_ahead == 0:
        where = f"the book is already in the hiring zone ({growth.zone_low:g}+ accounts)"
    else:
        where = (
            f"the book reaches the hiring zone ({growth.zone_low:g}+ accounts) in {zone.label} "
            f"({zone.active_accounts:,} accounts)"
        )
    return f"At +{pace} a quarter {where}; {next_am_sentence(assessment)}."


def workload_sentence(assessment: Assessment) -> str:
    workload = assessment.workload
    if workload is None:
        return ""
    peak, over = workload.peak, workload.over
    source = (
        "from the case's renewal dates"
        if workload.renewals_from == "calendar"
        else "spread evenly over the year"
    )
    if peak is None or peak.hours <= 0:
        return f"Renewals ({source}): every account's renewals are carried by today's team."
    text = (
        f"Renewals ({source}, {wording.hours(workload.hours_per_renewal)} each): those of the "
        f"accounts no AM carries need up to {wording.hours(peak.hours)} a month "
        f"({wording.month_label(peak.month)}), against the founder's or AE's "
        f"{wording.hours(workload.founder_hours)}"
    )
    if over is not None:
        text += f"; they need more from {wording.month_label(over.month)}"
    return text + "."


def shown(assessment: Assessment) -> dict[str, str]:
    """Every figure's text by key, for the JSON outputs (the same strings the pages show)."""
    data = {found.key: found.text for found in economics_lines(assessment)}
    data["score"] = score_text(assessment)
    data["plan"] = plan_summary(assessment)
    data["team_plan"] = team_plan_sentence(assessment)
    data["waiting"] = waiting_sentence(assessment)
    data["growth"] = growth_sentence(assessment)
    data["workload"] = workload_sentence(assessment)
    return data


def rows_text(rows: Sequence[Line]) -> list[tuple[str, str]]:
    return [(row.label, row.text) for row in rows]


# ---------------------------------------------------------------------------------------------
# The brief's own phrasings (sections, charts), built on the figures above.


def when_line(assessment: Assessment) -> str:
    """The one thing to do and its date, for the brief's summary: the same dates as
    `plan_summary`, in a sentence."""
    plan = assessment.plan
    if plan is None:
        return "No plan: the case was assessed without dates."
    opens = plan.search_opens_on
    if opens is not None:
        if opens != plan.as_of:
            return f"Open the search on {date(opens)}."
        count = len(_hires_now(assessment))
        searches = "Open the search" if count <= 1 else f"Open {count} searches"
        return f"{searches} today ({date(opens)})."
    if plan.verdict == Verdict.FIX_DELIVERY_FIRST:
        return (
            f"No hiring date until delivery is standardised; reassess on {date(plan.reassess_on)}."
        )
    if plan.verdict == Verdict.PREPARE:
        return f"No date to open the search yet; reassess on {date(plan.reassess_on)}."
    return f"No hiring date yet; reassess on {date(plan.reassess_on)}."


def _hires_now(assessment: Assessment) -> list[Hire]:
    team, plan = assessment.team, assessment.plan
    if team is None or plan is None:
        return []
    # Every AM whose search opens today: those needed now, and those needed so soon that the
    # search is already due.
    return [h for h in team.hires if h.role == "am" and h.search_opens_on == plan.as_of]


def hire_lead(assessment: Assessment, title: str) -> str:
    """The summary's "Hire:" line, from the team plan: how many now, who they join, and the
    hires the plan adds as the book grows."""
    team = assessment.team
    now = len(_hires_now(assessment))
    who = title if now <= 1 else f"{now} × {title}"
    current = assessment.economics.current_account_managers
    if current:
        who += f", joining the {team_size(current)} already on the team"
    if team is None:
        return who
    later = len([h for h in team.hires if h.role == "am"]) - now
    extra = [wording.plural(later, "more Account Manager")] if later > 0 else []
    if any(h.role == "team_lead" for h in team.hires):
        extra.append("a team lead")
    if extra:
        who += f"; {wording.joined(extra)} within two years as the book grows"
    return who


def plan_marks(plan: Plan | None) -> list[tuple[dt.date, str]]:
    """The dates a chart marks for the plan (the search opens, the AM carries the book, the
    case is reassessed), in order, one label per date."""
    if plan is None:
        return []
    found: dict[dt.date, list[str]] = {}
    for day, label in (
        (plan.search_opens_on, "search opens"),
        (plan.carries_from, "the AM carries the book"),
        (plan.reassess_on, "reassess"),
    ):
        if day is not None:
            found.setdefault(day, []).append(label)
    return [(day, " · ".join(labels)) for day, labels in sorted(found.items())]


def plan_figure_rows(assessment: Assessment, pack: RulePack) -> list[tuple[str, str, str]]:
    """What the plan's dates are counted from: each lead time with its value and source."""
    plan = assessment.plan
    if plan is None:
        return []
    rows = [
        (
            "Recruiting, notice included",
            wording.plural(plan.recruiting_days, "day"),
            plan.sources.get("recruiting_lead_days", ""),
        ),
        ("Ramp-up", wording.plural(plan.ramp_days, "day"), plan.sources.get("ramp_days", "")),
        (
            "A held case is reassessed after",
            wording.plural(round(pack.hiring.reassess_days.value), "day"),
            plan.sources.get("reassess_days", ""),
        ),
    ]
    if plan.verdict == Verdict.FIX_DELIVERY_FIRST:
        rows.append(
            (
                "Delivery standards hold for",
                wording.plural(round(pack.hiring.delivery_fix_days.value), "day"),
                plan.sources.get("delivery_fix_days", ""),
            )
        )
    workload = assessment.workload
    if workload is not None:
        rows.append(
            (
                "Hours one renewal takes",
                wording.hours(workload.hours_per_renewal),
                pack.renewal_load.source,
            )
        )
    return rows


def team_lead_text(assessment: Assessment, at_ams: int) -> str:
    """From how many AMs a team lead is worth it, and when the team plan reaches it."""
    text = f"{at_ams} Account Managers"
    team = assessment.team
    lead = next((h for h in team.hires if h.role == "team_lead"), None) if team else None
    if lead is not None:
        text += f", which the team plan reaches on {date(lead.needed_from)}"
    return text


def score_total(assessment: Assessment) -> str:
    """The score chart's total: never a score beside a gate."""
    if assessment.gated:
        return "Not scored: a gate decides the verdict, so the points are not a readiness score."
    return f"Total: {score_text(assessment)}."


def timing_chart_summary(assessment: Assessment) -> str:
    """The timing chart in words: the workload against the founder's hours, and its marks."""
    workload = assessment.workload
    if workload is None:
        return "No timing: the case was assessed without dates."
    over = [m for m in workload.months if m.over_capacity]
    text = (
        f"Renewal hours a month of the accounts no Account Manager carries, over the next "
        f"{wording.plural(len(workload.months), 'month')}, against the founder's or AE's "
        f"{wording.hours(workload.founder_hours)}."
    )
    if over:
        text += f" Above it in {len(over)} of them, first in {wording.month_label(over[0].month)}."
    else:
        text += " The workload stays within it."
    marks = [f"{label} {date(day)}" for day, label in plan_marks(assessment.plan)]
    if marks:
        text += f" Marked: {'; '.join(marks)}."
    return text


# ---------------------------------------------------------------------------------------------
# The app's own phrasings (cards, captions, compare rows), built on the figures above.


def verdict_title(assessment: Assessment) -> str:
    """The verdict as a banner, a sidebar or a compare card titles it: the verdict and its
    readiness, which for a gate says it is not scored (never "readiness 100/100")."""
    return f"{assessment.verdict_label} · {assessment.readiness}"


def saved_score_text(verdict: str, score: float | None) -> str:
    """A saved assessment's score as a table or a picker shows it: as `score_text` does, from
    the stored verdict and score ("" when nothing is saved)."""
    if score is None:
        return ""
    if verdict == Verdict.FIX_DELIVERY_FIRST:
        return "not scored"
    return f"{score:.0f}/100"


def score_move(before: tuple[str, float], after: tuple[str, float], *, would: bool = False) -> str:
    """How the score moved between two assessments (each a verdict code and a score), where a
    gate's verdict has no score to move."""
    old, new = saved_score_text(*before), saved_score_text(*after)
    gated = (before[0] == Verdict.FIX_DELIVERY_FIRST, after[0] == Verdict.FIX_DELIVERY_FIRST)
    if all(gated):
        return "no score either way, since the delivery gate decides"
    if gated[1]:
        given = "would be given" if would else "given"
        return f"no score {given} (the delivery gate decides) where it was {old}"
    if gated[0]:
        return f"a score of {new} where the delivery gate decided before"
    if old == new:
        return f"the score would stay {new}" if would else f"the score stayed {new}"
    return f"the score from {old} to {new}"


def gauge_caption(assessment: Assessment) -> str:
    """Under the readiness dial: why a gated case shows no needle."""
    if not assessment.gated:
        return ""
    return (
        f"No needle: {assessment.readiness}. The delivery gate decides this verdict whatever "
        "the other rules would score."
    )


def history_gate_caption(gated_points: int) -> str:
    """Under the History chart, when some saved points were decided by the delivery gate."""
    if not gated_points:
        return ""
    return (
        f"{wording.capitalised(wording.plural(gated_points, 'point'))} decided by the delivery "
        "gate (fix delivery first) are marked along the top, apart from the score line: a gate's "
        "verdict has no readiness score, so it is never drawn as one."
    )


def same_verdict_line(
    scenario: str, baseline: str, other: Assessment, base: Assessment
) -> str | None:
    """'B gets the same verdict as A …' when the gate decides both (no scores to set side by
    side); None when both are scored (the comparison words the scores itself)."""
    if not (other.gated and base.gated):
        return None
    return (
        f"{scenario} gets the same verdict as {baseline}, '{base.verdict_label}': the delivery "
        "gate decides both, so neither is scored"
    )


def edited_cadence_sentence(econ: Economics, cadence_hours: float) -> str:
    """The role's cadence as edited, against the one hours budget of the team the book needs
    (empty when the edits leave the cadence's hours as the economics count them)."""
    if abs(cadence_hours - econ.cadence_hours) < 0.5:
        return ""
    needed = cadence_hours + econ.renewal_hours
    budget = econ.team_client_hours
    whose = (
        f"one AM's {wording.hours(econ.client_hours_per_am)}"
        if econ.recommended_am_count <= 1
        else f"{econ.recommended_am_count} AMs' {wording.hours(budget)}"
    )
    share_of = f"{share(needed / budget)} of " if budget else ""
    return (
        f"As edited here, the cadence needs {wording.hours(cadence_hours)} a month instead of "
        f"{wording.hours(econ.cadence_hours)}: with the renewals' "
        f"{wording.hours(econ.renewal_hours)}, {wording.hours(needed)}, {share_of}{whose}. "
        "The Account Manager count stays the one the pack's cadence gives."
    )


def effect_rows(effect: AmEffect) -> list[tuple[str, str, str, str]]:
    """The assumed effect of an AM as the rule pack gives it: each effect, low / expected /
    high."""
    rows = (
        ("Churn the AM keeps (share of the revenue churn takes)", effect.churn_reduction),
        ("Extra expansion (share of the book's ARR)", effect.expansion_uplift),
        ("Extra expansion where obvious upsell goes unworked", effect.expansion_uplift_unworked),
    )
    return [(label, share(r.low), share(r.expected), share(r.high)) for label, r in rows]


def payback_details(assessment: Assessment, effect: AmEffect) -> tuple[str, str]:
    """Under the payback: how it is worked out, and that the effect it rests on is the rule
    pack's assumption (low / expected / high), with its source."""
    assumption = (
        "The effect of an Account Manager is an assumption of the rule pack, low / expected / "
        f"high: {effect.source}."
    )
    return f"How it is worked out: {payback_note(assessment)}.", assumption


HIRING_LABELS = {
    "recruiting_lead_days": "Recruiting, notice included",
    "ramp_days": "Ramp-up until the AM carries the book",
    "recruiting_cost": "Recruiting cost",
    "reassess_days": "A held case is reassessed after",
    "delivery_fix_days": "Delivery standards hold before reassessing",
}


def hiring_rows(hiring: Hiring) -> list[tuple[str, str, str]]:
    """The rule pack's hiring figures: what each is, its value and its source."""
    rows = []
    for name, label in HIRING_LABELS.items():
        figure = getattr(hiring, name)
        value = (
            f"{share(figure.value)} of the AM's first-year cost"
            if name == "recruiting_cost"
            else wording.plural(int(figure.value), "day")
        )
        rows.append((label, value, figure.source))
    return rows


# ---------------------------------------------------------------------------------------------
# The role's own phrasings (capacity, metrics, plans), built on the figures above.
