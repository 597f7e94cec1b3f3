"""The timing of an assessment in words: what the date means for the verdict, the gap, the
team plan and its cost, waiting, growth and the renewal workload."""

from __future__ import annotations

from collections.abc import Sequence

from advisor import wording
from advisor.engine import Assessment, Verdict
from advisor.i18n import _, formats, n_
from advisor.present.figures import (
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
        return _("No plan: the case was assessed without dates.")
    summary = _plan_summary(plan, assessment)
    if plan.verdict == Verdict.FIX_DELIVERY_FIRST and plan.after_fix_plan is not None:
        then = plan.after_fix_plan
        label = plan.after_fix_label or wording.verdict_words(plan.after_fix or "")
        # Translators: {summary} is the plan so far; {then} the plan once delivery is fixed
        summary = _(
            "{summary} With delivery standardised the verdict would be '{verdict}'; as of "
            "{date}: {then}",
            summary=summary,
            verdict=label,
            date=date(then.as_of),
            then=_plan_summary(then, assessment, nested=True),
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
    return _(
        "No hiring date until delivery is standardised. Reassess on {date}, once delivery "
        "standards have held for {days} days.",
        date=date(plan.reassess_on),
        days=fix_days,
    )


def _lead(plan: Plan) -> str:
    return _(
        "{recruiting} days to recruit (notice included) and {ramp} days of ramp-up",
        recruiting=plan.recruiting_days,
        ramp=plan.ramp_days,
    )


def _hire_now_summary(plan: Plan, assessment: Assessment, *, nested: bool = False) -> str:
    if nested:
        return _(
            "open the search on {opens}; with {lead}, the Account Manager carries the book from "
            "{carries}.",
            opens=date(plan.search_opens_on),
            lead=_lead(plan),
            carries=date(plan.carries_from),
        )
    opening = hires_opening_today(assessment)
    values = {
        "opens": date(plan.search_opens_on),
        "lead": _lead(plan),
        "starts": date(plan.starts_on),
        "carries": date(plan.carries_from),
        "count": len(opening),
    }
    if len(opening) <= 1:
        text = _(
            "Open the search today ({opens}). With {lead}, the Account Manager starts on "
            "{starts} and carries the book from {carries}.",
            **values,
        )
    elif (latest := max(h.needed_from for h in opening)) > plan.as_of:
        text = _(
            "Open {count} searches today ({opens}), for the Account Managers the book needs now "
            "and by {latest}. With {lead}, the first Account Managers start on {starts} and "
            "carry the book from {carries}.",
            latest=date(latest),
            **values,
        )
    else:
        text = _(
            "Open {count} searches today ({opens}). With {lead}, the first Account Managers "
            "start on {starts} and carry the book from {carries}.",
            **values,
        )
    if plan.gap is not None:
        text = _("{plan} {gap}", plan=text, gap=gap_sentence(assessment))
    return text


def gap_sentence(assessment: Assessment) -> str:
    """Hire now: what covers the months until the new AM carries the book."""
    plan = assessment.plan
    gap = plan.gap if plan else None
    if gap is None:
        return ""
    cur = assessment.economics.currency
    until = date(gap.carries_from)
    if gap.cover is Cover.TEAM:
        return _("Until {date} today's team carries every account.", date=until)
    # Translators: {accounts} "3 accounts have no AM"; {days} "90 days"
    risk = _(
        "{accounts}, with about {amount} of gross profit at risk from churn over those {days}",
        accounts=n_(
            "{number} account has no AM",
            "{number} accounts have no AM",
            gap.uncovered_accounts,
            number=formats.number(gap.uncovered_accounts),
        ),
        amount=money(gap.gross_profit_at_risk, cur),
        days=n_("{count} day", "{count} days", gap.days),
    )
    if gap.cover is Cover.FOUNDER:
        return _(
            "Until {date} the founder's or AE's {founder} a month cover the renewals "
            "({renewals} this month); {risk}.",
            date=until,
            founder=wording.hours(gap.founder_hours),
            renewals=wording.hours(gap.renewal_hours),
            risk=risk,
        )
    return _(
        "Until {date} the renewals need {renewals} a month against the {founder} the founder or "
        "AE can give, so some will be handled late; {risk}.",
        date=until,
        renewals=wording.hours(gap.renewal_hours),
        founder=wording.hours(gap.founder_hours),
        risk=risk,
    )


def _holding(plan: Plan) -> str:
    """What holds the verdict, listed ("" when nothing does)."""
    return wording.joined([wording.in_sentence(t) for t in plan.holding]) if plan.holding else ""


def _prepare_summary(plan: Plan, *, nested: bool = False) -> str:
    held = _holding(plan)
    if plan.search_opens_on is None:
        then = _("No date to open the search yet: reassess on {date}.", date=date(plan.reassess_on))
    else:
        when = (
            _("today")
            if plan.search_opens_on == plan.as_of
            else _("on {date}", date=date(plan.search_opens_on))
        )
        then = _(
            "The growing book is expected to make the verdict 'hire now' from {turns}; open the "
            "search {when} so that, with {lead}, the Account Manager carries the book from "
            "{carries}.",
            turns=date(plan.turns_hire_now_on),
            when=when,
            lead=_lead(plan),
            carries=date(plan.carries_from),
        )
    # Translators: {held} lists what holds the verdict back; {then} is what follows
    if nested:
        if held:
            return _("Prepare the role (held by {held}). {then}", held=held, then=then)
        return _("Prepare the role. {then}", then=then)
    if held:
        return _(
            "Prepare the role, the handover and the CRM now (held by {held}). {then}",
            held=held,
            then=then,
        )
    return _("Prepare the role, the handover and the CRM now. {then}", then=then)


def _zone(low: float) -> str:
    return wording.plain_number(low)


def _not_yet_summary(plan: Plan, assessment: Assessment) -> str:
    growth = assessment.growth
    zone = growth.zone_low if growth else None
    if plan.zone_reached_on is None:
        where = (
            _(
                "the book does not reach the hiring zone ({zone}+ accounts) within the growth "
                "shown",
                zone=_zone(zone),
            )
            if zone is not None
            else _("the rule pack gives no hiring zone")
        )
    elif plan.zone_reached_on == plan.as_of:
        where = _(
            "the book is already in the hiring zone ({zone}+ accounts)", zone=_zone(zone or 0)
        )
    else:
        where = _(
            "the book reaches the hiring zone ({zone}+ accounts) on {date}",
            zone=_zone(zone or 0),
            date=date(plan.zone_reached_on),
        )
    if plan.holding:
        return _(
            "No hiring date: {where}. Reassess on {date} (held by {held}).",
            where=where,
            date=date(plan.reassess_on),
            held=_holding(plan),
        )
    return _(
        "No hiring date: {where}. Reassess on {date}.", where=where, date=date(plan.reassess_on)
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

    add("search_opens_on", _("Open the search"), plan.search_opens_on)
    add(
        "starts_on",
        _("The Account Manager starts"),
        plan.starts_on,
        n_("{count} day", "{count} days", plan.recruiting_days),
    )
    add("carries_from", _("The Account Manager carries the book from"), plan.carries_from)
    add("turns_hire_now_on", _("The verdict turns 'hire now'"), plan.turns_hire_now_on)
    add("zone_reached_on", _("The book reaches the hiring zone"), plan.zone_reached_on)
    add("reassess_on", _("Reassess on"), plan.reassess_on)
    if plan.gap is not None:
        rows.append(Line("gap", _("Until the AM carries the book"), gap_sentence(assessment)))
    if plan.after_fix is not None:
        label = plan.after_fix_label or wording.verdict_words(plan.after_fix)
        rows.append(Line("after_fix", _("Once delivery is standardised"), label))
    return tuple(rows)


def hire_rows(team: TeamPlan | None) -> list[tuple[str, str, str, str]]:
    """Each hire of the team plan: who, needed from, search opens, carries the book from."""
    if team is None:
        return []
    return [_hire_row(hire) for hire in team.hires]


def _hire_row(hire: Hire) -> tuple[str, str, str, str]:
    if hire.role == "team_lead":
        return (
            _("Team lead"),
            _(
                "{date} (the team reaches {team})",
                date=date(hire.needed_from),
                team=team_size(hire.number),
            ),
            date(hire.search_opens_on),
            _("no cost in the plan: the rule pack gives none for the role"),
        )
    return (
        _("Account Manager {number}", number=hire.number),
        _(
            "{date} (at {accounts} accounts)",
            date=date(hire.needed_from),
            accounts=formats.number(hire.at_accounts),
        ),
        date(hire.search_opens_on),
        date(hire.carries_from),
    )


def cost_rows(team: TeamPlan | None, currency: str) -> list[tuple[str, str, str]]:
    """The team's cost by quarter: quarter, AMs paid, cost (salaries and recruiting)."""
    if team is None:
        return []
    return [
        (q.label, wording.fixed_number(q.ams, 1), _with_band(team, q.total, currency))
        for q in team.quarters
    ]


def _with_band(team: TeamPlan, amount: float, currency: str) -> str:
    """An amount of the team plan, with its range at the pay band's ends when a band sets it."""
    ends = team.at_band(amount)
    if ends is None or amount <= 0:  # nothing paid: no range to give
        return money(amount, currency)
    # Translators: an amount and, in brackets, its range at the pay band's ends
    return _(
        "{amount} ({low}–{high})",
        amount=money(amount, currency),
        low=money(ends[0], currency),
        high=money(ends[1], currency),
    )


def team_plan_sentence(assessment: Assessment) -> str:
    team = assessment.team
    econ = assessment.economics
    if team is None:
        return ""
    if not team.hires:
        if assessment.plan and assessment.plan.search_opens_on is None:
            return _("No hire is planned before the case is reassessed.")
        return _("No hire is due within the next two years.")
    ams = [h for h in team.hires if h.role == "am"]
    return n_(
        "{count} hire within two years, from {date}; the team costs {total} over the next "
        "eight quarters.",
        "{count} hires within two years, from {date}; the team costs {total} over the next "
        "eight quarters.",
        len(ams),
        date=date(ams[0].search_opens_on),
        total=_with_band(team, team.total, econ.currency),
    )


def waiting_sentence(assessment: Assessment) -> str:
    waiting = assessment.waiting
    if waiting is None or waiting.uncovered_accounts == 0:
        return _("Every account is carried by today's team: waiting costs nothing yet.")
    cur = assessment.economics.currency
    return n_(
        "Each month without cover, about {amount} of gross profit is at risk from churn on the "
        "{number} account no Account Manager carries.",
        "Each month without cover, about {amount} of gross profit is at risk from churn on the "
        "{number} accounts no Account Manager carries.",
        waiting.uncovered_accounts,
        amount=money(waiting.gross_profit_at_risk_per_month, cur),
        number=formats.number(waiting.uncovered_accounts),
    )


def _growth_where(assessment: Assessment) -> str:
    growth = assessment.growth
    assert growth is not None
    zone = growth.zone_reached
    if growth.zone_low is None:
        return _("the rule pack gives no hiring zone")
    if zone is None:
        return _(
            "the book does not reach the hiring zone within {quarters} quarters",
            quarters=len(growth.quarters) - 1,
        )
    if zone.quarters_ahead == 0:
        return _(
            "the book is already in the hiring zone ({zone}+ accounts)",
            zone=_zone(growth.zone_low),
        )
    return _(
        "the book reaches the hiring zone ({zone}+ accounts) in {quarter} ({accounts} accounts)",
        zone=_zone(growth.zone_low),
        quarter=zone.label,
        accounts=formats.number(zone.active_accounts),
    )


def growth_sentence(assessment: Assessment) -> str:
    growth = assessment.growth
    if growth is None or not growth.pace:
        return _("No pace of new accounts is given, so the book is held at today's size.")
    # Translators: {where} says where the book stands against the hiring zone; {next_am} when
    # the next Account Manager is due
    return n_(
        "At +{number} account a quarter {where}; {next_am}.",
        "At +{number} accounts a quarter {where}; {next_am}.",
        growth.pace,
        number=formats.number(growth.pace),
        where=_growth_where(assessment),
        next_am=next_am_sentence(assessment),
    )


def workload_sentence(assessment: Assessment) -> str:
    workload = assessment.workload
    if workload is None:
        return ""
    peak, over = workload.peak, workload.over
    calendar = workload.renewals_from == "calendar"
    if peak is None or peak.hours <= 0:
        if calendar:
            return _(
                "Renewals (from the case's renewal dates): every account's renewals are carried "
                "by today's team."
            )
        return _(
            "Renewals (spread evenly over the year): every account's renewals are carried by "
            "today's team."
        )
    values = {
        "each": wording.hours(workload.hours_per_renewal),
        "peak": wording.hours(peak.hours),
        "month": wording.month_label(peak.month),
        "founder": wording.hours(workload.founder_hours),
    }
    if calendar:
        text = _(
            "Renewals (from the case's renewal dates, {each} each): those of the accounts no AM "
            "carries need up to {peak} a month ({month}), against the founder's or AE's {founder}",
            **values,
        )
    else:
        text = _(
            "Renewals (spread evenly over the year, {each} each): those of the accounts no AM "
            "carries need up to {peak} a month ({month}), against the founder's or AE's {founder}",
            **values,
        )
    if over is not None:
        return _(
            "{text}; they need more from {month}.",
            text=text,
            month=wording.month_label(over.month),
        )
    return _("{text}.", text=text)


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
