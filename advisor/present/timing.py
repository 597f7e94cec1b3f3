"""The timing of an assessment in words: what the date means for the verdict, the gap, the
team plan and its cost, waiting, growth and the renewal workload."""

from __future__ import annotations

from collections.abc import Sequence

from advisor import wording
from advisor.engine import Assessment, Verdict
from advisor.present.figures import (
    VERDICT_WORDS,
    Line,
    date,
    economics_lines,
    money,
    next_am_sentence,
    score_text,
    team_size,
)
from advisor.timing import Cover, Hire, Plan, TeamPlan

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
    opening = hires_opening_today(assessment)
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
    return [(q.label, f"{q.ams:.1f}", _with_band(team, q.total, currency)) for q in team.quarters]


def _with_band(team: TeamPlan, amount: float, currency: str) -> str:
    """An amount of the team plan, with its range at the pay band's ends when a band sets it."""
    ends = team.at_band(amount)
    if ends is None or amount <= 0:  # nothing paid: no range to give
        return money(amount, currency)
    return f"{money(amount, currency)} ({money(ends[0], currency)}–{money(ends[1], currency)})"


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
    total = _with_band(team, team.total, econ.currency)
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


def hires_opening_today(assessment: Assessment) -> list[Hire]:
    team, plan = assessment.team, assessment.plan
    if team is None or plan is None:
        return []
    # Every AM whose search opens today: those needed now, and those needed so soon that the
    # search is already due.
    return [h for h in team.hires if h.role == "am" and h.search_opens_on == plan.as_of]
