"""When, for the verdict given: the plan, the team's hires and cost, the growth and the workload.

`evaluate` decides the verdict; this module turns it, on the assessment's one `as_of` date,
into what the date means for that verdict, so no page or document computes a date of its own:

- hire now: the search opens today; the plan says when the AM starts and carries the book, and
  what covers the months until then (the gap);
- prepare: what holds the verdict, and the date to open the search when the book is expected
  to turn the verdict into "hire now" (else the date to reassess);
- not yet: when the book reaches the hiring zone and when to reassess;
- fix delivery first: no hiring date; the date to reassess once delivery has held for the
  pack's fix period, and the plan that applies then.

A book that needs several Account Managers gets a date for each hire (and the team lead the
pack asks for at its team size), the team's cost by quarter for two years, and what waiting
costs each month. The book grows at the profile's pace of new accounts (churn ignored); the
AM count at every size comes from the one capacity model in `economics`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from enum import StrEnum
from typing import Any

import msgspec

from advisor.economics import CadenceModel, Economics, cadence_model, recommended_am_count
from advisor.hiring_zone import hiring_zone
from advisor.i18n import _, translator
from advisor.pack.model import RulePack
from advisor.profile import CompanyProfile
from advisor.profile_values import renewal_months

HORIZON_MONTHS = 24
GROWTH_QUARTERS = 8  # the same two years as the workload and the team plan
COST_QUARTERS = 8
_EPSILON = 1e-9

# The verdicts, as the engine spells them (the engine imports this module, not the reverse).
HIRE_NOW, PREPARE, NOT_YET, FIX = "hire_now", "prepare", "not_yet", "fix_delivery_first"

# A probe: the verdict and score at another book size, all else equal.
Probe = Callable[[int], tuple[str, float]]


class Cover(StrEnum):
    """Who keeps the renewals going until a new AM carries the book."""

    FOUNDER = "founder"  # the founder's or AE's renewal hours are enough
    PARTLY = "partly"  # they cover part of the renewal hours
    TEAM = "team"  # today's AMs carry every account


# ---------------------------------------------------------------------------------------------
# Records


class Quarter(msgspec.Struct, frozen=True):
    label: str  # "Q3 2027"
    start: dt.date
    quarters_ahead: int
    active_accounts: int
    verdict: str
    score: float
    ams_needed: int


class Growth(msgspec.Struct, frozen=True):
    """The book quarter by quarter at the profile's pace (one quarter when no pace is given)."""

    pace: int | None
    quarters: tuple[Quarter, ...]
    zone_low: float | None

    @property
    def zone_reached(self) -> Quarter | None:
        if self.zone_low is None:
            return None
        return next((q for q in self.quarters if q.active_accounts >= self.zone_low), None)

    def first(self, verdicts: tuple[str, ...]) -> Quarter | None:
        return next((q for q in self.quarters if q.verdict in verdicts), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "accounts_added_per_quarter": self.pace,
            "zone_low": self.zone_low,
            "zone_reached": _quarter_dict(self.zone_reached),
            "quarters": [_quarter_dict(q) for q in self.quarters],
        }


def _quarter_dict(quarter: Quarter | None) -> dict[str, Any] | None:
    if quarter is None:
        return None
    data = msgspec.structs.asdict(quarter)
    data["start"] = quarter.start.isoformat()
    return data


class MonthLoad(msgspec.Struct, frozen=True):
    """One month of the horizon: the book, the renewals due, the hours the renewals of the
    accounts no AM carries need, and the hours the founder or AE can give them."""

    month: dt.date  # the first day of the month
    months_ahead: int
    active_accounts: int
    uncovered_accounts: int
    renewals: float
    hours: float
    capacity_hours: float

    @property
    def over_capacity(self) -> bool:
        return self.hours > self.capacity_hours + _EPSILON

    def to_dict(self) -> dict[str, Any]:
        return {
            "month": self.month.isoformat()[:7],
            "months_ahead": self.months_ahead,
            "active_accounts": self.active_accounts,
            "uncovered_accounts": self.uncovered_accounts,
            "renewals": round(self.renewals, 2),
            "hours": round(self.hours, 1),
            "capacity_hours": round(self.capacity_hours, 1),
        }


class Workload(msgspec.Struct, frozen=True):
    """The renewal workload over the horizon, against the hours the founder or AE can give."""

    hours_per_renewal: float
    founder_hours: int
    renewals_from: str  # "calendar" (the case's renewal dates) or "even"
    months: tuple[MonthLoad, ...]

    @property
    def over(self) -> MonthLoad | None:
        """The first month the renewals no AM carries need more hours than there are."""
        return next((m for m in self.months if m.over_capacity), None)

    @property
    def peak(self) -> MonthLoad | None:
        return max(self.months, key=lambda m: m.hours, default=None)

    def to_dict(self) -> dict[str, Any]:
        over = self.over
        return {
            "hours_per_renewal": self.hours_per_renewal,
            "founder_hours_per_month": self.founder_hours,
            "renewals_from": self.renewals_from,
            "over_capacity_month": over.month.isoformat()[:7] if over else None,
            "months": [m.to_dict() for m in self.months],
        }


class Gap(msgspec.Struct, frozen=True):
    """Hire now: the months between today, when the book needs the AM, and the day the AM
    carries it, and what covers them."""

    needed_from: dt.date
    carries_from: dt.date
    days: int
    uncovered_accounts: int
    renewal_hours: float  # a month, of the accounts nobody carries
    founder_hours: int
    cover: Cover
    gross_profit_at_risk: float  # over the gap, on the accounts nobody carries


class Plan(msgspec.Struct, frozen=True):
    """What the verdict means in dates. Fields that do not apply to the verdict are None."""

    verdict: str
    as_of: dt.date
    recruiting_days: int
    ramp_days: int
    search_opens_on: dt.date | None = None  # hire now: today; prepare: when to open it
    starts_on: dt.date | None = None  # the AM's first day
    carries_from: dt.date | None = None  # the AM carries the book alone from then
    needed_from: dt.date | None = None  # when the book needs the AM
    gap: Gap | None = None
    zone_reached_on: dt.date | None = None
    turns_hire_now_on: dt.date | None = None  # the quarter the verdict becomes "hire now"
    reassess_on: dt.date | None = None
    holding: tuple[str, ...] = ()  # titles of the rules holding the verdict where it is
    after_fix: str | None = None  # fix delivery first: the verdict once delivery holds
    after_fix_label: str | None = None  # that verdict as the rule pack names it
    after_fix_plan: Plan | None = None
    sources: dict[str, str] = msgspec.field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for name in self.__struct_fields__:
            value = getattr(self, name)
            if isinstance(value, dt.date):
                value = value.isoformat()
            elif isinstance(value, Gap):
                value = {
                    key: item.isoformat() if isinstance(item, dt.date) else item
                    for key, item in msgspec.structs.asdict(value).items()
                }
            elif isinstance(value, Plan):
                value = value.to_dict()
            elif isinstance(value, tuple):
                value = list(value)
            data[name] = value
        return data


class Hire(msgspec.Struct, frozen=True):
    """One hire of the team plan."""

    number: int  # the AM's number counting today's team (3 = the team's third AM)
    role: str  # "am" | "team_lead"
    at_accounts: int  # the book that makes it due
    needed_from: dt.date
    search_opens_on: dt.date
    starts_on: dt.date
    carries_from: dt.date
    late: bool  # the search should have opened before today

    def to_dict(self) -> dict[str, Any]:
        return {
            key: value.isoformat() if isinstance(value, dt.date) else value
            for key, value in msgspec.structs.asdict(self).items()
        }


class QuarterCost(msgspec.Struct, frozen=True):
    label: str
    start: dt.date
    ams: float  # AMs paid in the quarter, a part-quarter counting its share
    salaries: float
    recruiting: float

    @property
    def total(self) -> float:
        return self.salaries + self.recruiting


class TeamPlan(msgspec.Struct, frozen=True):
    """Every hire due within the horizon and the team's cost by quarter."""

    current: int
    needed_now: int
    am_cost: float
    hires: tuple[Hire, ...]
    quarters: tuple[QuarterCost, ...]
    team_lead_at_ams: int | None
    # The AM cost at the pay band's low and high ends, when a band sets it: every quarter's
    # salaries and recruiting scale with the AM cost, so each has its range too.
    am_cost_low: float | None = None
    am_cost_high: float | None = None

    @property
    def total(self) -> float:
        return sum(q.total for q in self.quarters)

    def at_band(self, amount: float) -> tuple[float, float] | None:
        """An amount of this plan (a quarter's cost, the total) at the band's low and high AM
        cost, or None without a band."""
        if self.am_cost_low is None or self.am_cost_high is None or self.am_cost <= 0:
            return None
        return amount * self.am_cost_low / self.am_cost, amount * self.am_cost_high / self.am_cost

    def to_dict(self) -> dict[str, Any]:
        return {
            "current": self.current,
            "needed_now": self.needed_now,
            "am_cost": self.am_cost,
            "team_lead_at_ams": self.team_lead_at_ams,
            "am_cost_low": self.am_cost_low,
            "am_cost_high": self.am_cost_high,
            "hires": [hire.to_dict() for hire in self.hires],
            "quarters": [
                {
                    "label": q.label,
                    "start": q.start.isoformat(),
                    "ams": round(q.ams, 2),
                    "salaries": q.salaries,
                    "recruiting": q.recruiting,
                    "total": q.total,
                }
                for q in self.quarters
            ],
            "total": self.total,
        }


class Waiting(msgspec.Struct, frozen=True):
    """What a month without the hires costs, on the accounts nobody carries."""

    uncovered_accounts: int
    gross_profit_at_risk_per_month: float  # churn's share of those accounts' gross profit
    gain_per_month: float  # what the hires would keep or add, expected case
    basis: str  # "grr" | "logo_churn"


class Timing(msgspec.Struct, frozen=True):
    plan: Plan
    team: TeamPlan
    growth: Growth
    workload: Workload
    waiting: Waiting


# ---------------------------------------------------------------------------------------------
# Calendar helpers


def month_start(day: dt.date, months_ahead: int) -> dt.date:
    """The first day of the month `months_ahead` after the month of `day`."""
    index = day.year * 12 + day.month - 1 + months_ahead
    return dt.date(index // 12, index % 12 + 1, 1)


def quarter_start(day: dt.date, quarters_ahead: int) -> dt.date:
    """The first day of the calendar quarter `quarters_ahead` after the quarter of `day`."""
    index = day.year * 12 + 3 * ((day.month - 1) // 3 + quarters_ahead)
    return dt.date(index // 12, index % 12 + 1, 1)


def quarter_label(day: dt.date, quarters_ahead: int) -> str:
    """A calendar quarter as a reader names it: "Q1 2027"."""
    index = (day.month - 1) // 3 + quarters_ahead
    return _("Q{quarter} {year}", quarter=index % 4 + 1, year=day.year + index // 4)


def book_after_months(profile: CompanyProfile, months: int) -> int:
    """Active accounts `months` from now at the profile's pace of new accounts (churn ignored).

    A quarter's accounts count from the month the quarter is complete, so a month-by-month view
    shows the same counts in the same quarters as the quarterly growth."""
    pace = profile.accounts_added_per_quarter or 0
    return profile.active_accounts + pace * (months // 3)


def renewals_by_month(
    profile: CompanyProfile, as_of: dt.date, months: int
) -> tuple[list[float], str]:
    """Renewals due in each month of the horizon, and whether they come from the calendar.

    A dated renewal recurs every twelve months (contracts are annual); the accounts the calendar
    does not date and every account added after today renew evenly, a twelfth a month.
    """
    calendar = renewal_months(profile.renewals_by_month)
    first = min(calendar, default=None)
    dated = 0
    if first is not None:
        year_of_dates = {month_start(dt.date(*first, 1), ahead) for ahead in range(12)}
        dated = sum(n for (y, m), n in calendar.items() if dt.date(y, m, 1) in year_of_dates)
    undated = max(profile.active_accounts - dated, 0)
    pace = profile.accounts_added_per_quarter or 0
    dates = [(year * 12 + month, count) for (year, month), count in calendar.items()]
    first_month = as_of.year * 12 + as_of.month
    found = []
    for ahead in range(months):
        known = 0
        # The latest dated renewal of that month of the year stands for the account.
        for month, count in dates:
            gap = first_month + ahead - month
            if gap >= 0 and gap % 12 == 0:
                known = count
        added = pace * (ahead // 3)  # `book_after_months` less today's book
        found.append(known + (undated + added) / 12)
    return found, "calendar" if calendar else "even"


def _days(value: float) -> dt.timedelta:
    return dt.timedelta(days=int(value))


# ---------------------------------------------------------------------------------------------
# Building each part


class _Context(msgspec.Struct, frozen=True):
    profile: CompanyProfile
    pack: RulePack
    economics: Economics
    as_of: dt.date
    recruiting: dt.timedelta
    ramp: dt.timedelta
    cadence: CadenceModel | None
    # The calendar quarters from `as_of`'s on: each one's first day, and each one's label
    # (one more first day than labels, the end of the last quarter).
    quarter_starts: tuple[dt.date, ...]
    quarter_labels: tuple[str, ...]

    @property
    def lead(self) -> dt.timedelta:
        return self.recruiting + self.ramp


def _calendar(as_of: dt.date, quarters: int) -> tuple[tuple[dt.date, ...], tuple[str, ...]]:
    """The first day of `as_of`'s quarter and of the `quarters` after it (as `quarter_start`),
    and the labels of all but the last (as `quarter_label`)."""
    starts = tuple(quarter_start(as_of, ahead) for ahead in range(quarters + 1))
    label = translator("Q{quarter} {year}")
    labels = tuple(
        label(quarter=start.month // 3 + 1, year=start.year) for start in starts[:quarters]
    )
    return starts, labels


def _growth(context: _Context, verdict: str, score: float, probe: Probe) -> Growth:
    profile = context.profile
    pace = profile.accounts_added_per_quarter
    quarters = GROWTH_QUARTERS if pace else 0
    seen: dict[int, tuple[str, float]] = {profile.active_accounts: (verdict, score)}
    starts, labels = context.quarter_starts, context.quarter_labels
    high, cadence = context.economics.book_size_high, context.cadence
    points = []
    for ahead in range(quarters + 1):
        count = book_after_months(profile, 3 * ahead)
        found = seen.get(count)
        if found is None:
            # The delivery gate holds whatever the size: no probe can change it.
            found = seen[count] = (verdict, score) if verdict == FIX else probe(count)
        points.append(
            Quarter(
                labels[ahead],
                context.as_of if ahead == 0 else starts[ahead],
                ahead,
                count,
                found[0],
                found[1],
                recommended_am_count(count, high, cadence),
            )
        )
    zone = hiring_zone(profile, context.pack, context.economics)
    return Growth(pace, tuple(points), zone.low if zone else None)


def _workload(context: _Context) -> Workload:
    profile, economics = context.profile, context.economics
    hours_each = economics.hours_per_renewal
    covered = economics.accounts_covered_by_team
    renewals, renewals_from = renewals_by_month(profile, context.as_of, HORIZON_MONTHS)
    capacity = float(profile.renewal_hours_per_month)
    active, pace = profile.active_accounts, profile.accounts_added_per_quarter or 0
    first = context.as_of.year * 12 + context.as_of.month - 1  # as `month_start` counts
    months = []
    for ahead, due in enumerate(renewals):
        book = active + pace * (ahead // 3)  # `book_after_months`
        uncovered = max(book - covered, 0)
        share = uncovered / book if book else 0.0
        index = first + ahead
        months.append(
            MonthLoad(
                dt.date(index // 12, index % 12 + 1, 1),
                ahead,
                book,
                uncovered,
                due,
                due * share * hours_each,
                capacity,
            )
        )
    return Workload(hours_each, profile.renewal_hours_per_month, renewals_from, tuple(months))


def _waiting(context: _Context) -> Waiting:
    economics = context.economics
    active = context.profile.active_accounts
    uncovered = max(active - economics.accounts_covered_by_team, 0)
    share = uncovered / active if active else 0.0
    margin = context.profile.gross_margin
    expected = economics.payback.expected
    return Waiting(
        uncovered_accounts=uncovered,
        gross_profit_at_risk_per_month=economics.arr_at_risk * margin * share / 12,
        gain_per_month=expected.gross_profit_gain / 12,
        basis=economics.arr_at_risk_basis,
    )


def _hire_now(context: _Context, waiting: Waiting, workload: Workload) -> Plan:
    as_of = context.as_of
    starts, carries = as_of + context.recruiting, as_of + context.lead
    first = workload.months[0] if workload.months else None
    hours = first.hours if first else 0.0
    founder = context.profile.renewal_hours_per_month
    if waiting.uncovered_accounts == 0:
        cover = Cover.TEAM
    elif hours <= founder + _EPSILON:
        cover = Cover.FOUNDER
    else:
        cover = Cover.PARTLY
    days = (carries - as_of).days
    gap = Gap(
        needed_from=as_of,
        carries_from=carries,
        days=days,
        uncovered_accounts=waiting.uncovered_accounts,
        renewal_hours=hours,
        founder_hours=founder,
        cover=cover,
        gross_profit_at_risk=waiting.gross_profit_at_risk_per_month * days / (365.25 / 12),
    )
    return _plan(
        context,
        HIRE_NOW,
        search_opens_on=as_of,
        starts_on=starts,
        carries_from=carries,
        needed_from=as_of,
        gap=gap,
    )


def _prepare(context: _Context, growth: Growth, holding: tuple[str, ...]) -> Plan:
    turns = growth.first((HIRE_NOW,))
    reassess = context.as_of + _days(context.pack.hiring.reassess_days.value)
    if turns is None or turns.quarters_ahead == 0:
        return _plan(context, PREPARE, reassess_on=reassess, holding=holding, **_zone(growth))
    needed = turns.start
    opens = max(context.as_of, needed - context.lead)
    return _plan(
        context,
        PREPARE,
        search_opens_on=opens,
        starts_on=opens + context.recruiting,
        carries_from=opens + context.lead,
        needed_from=needed,
        turns_hire_now_on=needed,
        reassess_on=min(reassess, opens),
        holding=holding,
        **_zone(growth),
    )


def _not_yet(context: _Context, growth: Growth, holding: tuple[str, ...]) -> Plan:
    reassess = context.as_of + _days(context.pack.hiring.reassess_days.value)
    moves = growth.first((PREPARE, HIRE_NOW))
    if moves is not None and moves.quarters_ahead > 0:
        reassess = min(reassess, moves.start)
    turns = growth.first((HIRE_NOW,))
    return _plan(
        context,
        NOT_YET,
        reassess_on=reassess,
        turns_hire_now_on=turns.start if turns else None,
        holding=holding,
        **_zone(growth),
    )


def _zone(growth: Growth) -> dict[str, Any]:
    reached = growth.zone_reached
    return {"zone_reached_on": reached.start if reached else None}


def _plan(context: _Context, verdict: str, **fields: Any) -> Plan:
    hiring = context.pack.hiring
    return Plan(
        verdict=verdict,
        as_of=context.as_of,
        recruiting_days=context.recruiting.days,
        ramp_days=context.ramp.days,
        sources={
            "recruiting_lead_days": hiring.recruiting_lead_days.source,
            "ramp_days": hiring.ramp_days.source,
            "reassess_days": hiring.reassess_days.source,
            "delivery_fix_days": hiring.delivery_fix_days.source,
        },
        **fields,
    )


def _team(context: _Context, plan: Plan, growth: Growth) -> TeamPlan:
    economics = context.economics
    current, needed_now = economics.current_account_managers, economics.recommended_am_count
    lead_at = _team_lead_at(context.pack)
    hires: list[Hire] = []
    if plan.verdict != FIX:
        hires = _hires(context, plan, growth, lead_at)
    return TeamPlan(
        current=current,
        needed_now=needed_now,
        am_cost=economics.am_cost,
        hires=tuple(hires),
        quarters=_quarter_costs(context, hires),
        team_lead_at_ams=lead_at,
        am_cost_low=economics.am_cost_low,
        am_cost_high=economics.am_cost_high,
    )


def _team_lead_at(pack: RulePack) -> int | None:
    role = pack.role
    if role is None or "team_lead_at_ams" not in role.figures:
        return None
    return int(role.figure("team_lead_at_ams"))


def _hire(context: _Context, number: int, role: str, accounts: int, needed: dt.date) -> Hire:
    lead, as_of = context.lead, context.as_of
    opens = max(as_of, needed - lead)
    # number, role, at_accounts, needed_from, search_opens_on, starts_on, carries_from, late
    return Hire(
        number,
        role,
        accounts,
        needed,
        opens,
        opens + context.recruiting,
        opens + lead,
        needed - lead < as_of,
    )


def _hires(context: _Context, plan: Plan, growth: Growth, lead_at: int | None) -> list[Hire]:
    """One hire per AM the book needs beyond today's team, each when the book first needs it:
    the first ones when the plan says (today for "hire now", the quarter the verdict turns
    "hire now" otherwise), then as the growing book needs more; and the team lead when the team
    reaches the pack's size for one."""
    # Only a verdict that dates a search plans hires: "hire now", and "prepare" once the growing
    # book is expected to turn it into "hire now". "Not yet" and "fix delivery first" name a
    # date to reassess instead.
    first = plan.needed_from if plan.search_opens_on is not None else None
    if first is None:
        return []
    current = context.economics.current_account_managers
    end = month_start(context.as_of, HORIZON_MONTHS)
    hires: list[Hire] = []
    team = current
    for quarter in growth.quarters:
        if quarter.start < first:
            continue
        when = first if not hires else quarter.start
        if when >= end:
            break
        needed = quarter.ams_needed if hires else max(quarter.ams_needed, current + 1)
        while team < needed:
            team += 1
            hires.append(_hire(context, team, "am", quarter.active_accounts, when))
    if lead_at is not None and current < lead_at:
        reaching = next((h for h in hires if h.number >= lead_at), None)
        if reaching is not None:
            hires.append(
                _hire(context, lead_at, "team_lead", reaching.at_accounts, reaching.needed_from)
            )
    return hires


def _quarter_costs(context: _Context, hires: list[Hire]) -> tuple[QuarterCost, ...]:
    economics = context.economics
    daily = economics.am_cost / 365.25
    recruiting_each = economics.am_cost * context.pack.hiring.recruiting_cost.value
    # The pack gives no team lead cost: the plan dates the role only.
    starting = [hire.starts_on for hire in hires if hire.role == "am"]
    current = economics.current_account_managers
    starts, labels = context.quarter_starts, context.quarter_labels
    quarters = []
    for ahead in range(COST_QUARTERS):
        start = context.as_of if ahead == 0 else starts[ahead]
        end = starts[ahead + 1]
        length = (end - start).days
        paid = current * length
        recruiting = 0.0
        for starts_on in starting:
            paid += max((end - max(starts_on, start)).days, 0)
            if start <= starts_on < end:
                recruiting += recruiting_each
        quarters.append(
            QuarterCost(
                labels[ahead],
                start,
                paid / length if length else 0.0,
                paid * daily,
                recruiting,
            )
        )
    return tuple(quarters)


# ---------------------------------------------------------------------------------------------


def plan_case(
    profile: CompanyProfile,
    pack: RulePack,
    economics: Economics,
    verdict: str,
    score: float,
    as_of: dt.date,
    probe: Probe,
    holding: tuple[str, ...] = (),
    after_fix: Callable[[dt.date], tuple[str, Timing]] | None = None,
) -> Timing:
    """The timing of one assessed case: its plan, team plan, growth, workload and waiting.

    `probe` gives the verdict at another book size, all else equal; `after_fix` (fix delivery
    first only) gives the verdict and timing of the case with delivery standardised, as of the
    reassessment date.
    """
    hiring = pack.hiring
    context = _Context(
        profile,
        pack,
        economics,
        as_of,
        _days(hiring.recruiting_lead_days.value),
        _days(hiring.ramp_days.value),
        cadence_model(pack, profile.segment.value),
        *_calendar(as_of, max(GROWTH_QUARTERS + 1, COST_QUARTERS)),
    )
    growth = _growth(context, verdict, score, probe)
    workload = _workload(context)
    waiting = _waiting(context)
    if verdict == HIRE_NOW:
        plan = _hire_now(context, waiting, workload)
    elif verdict == PREPARE:
        plan = _prepare(context, growth, holding)
    elif verdict == NOT_YET:
        plan = _not_yet(context, growth, holding)
    else:
        reassess = as_of + _days(hiring.delivery_fix_days.value)
        fixed_verdict, fixed = after_fix(reassess) if after_fix else (None, None)
        plan = _plan(
            context,
            FIX,
            reassess_on=reassess,
            holding=holding,
            after_fix=fixed_verdict,
            after_fix_label=(
                pack.verdict_labels_for(str(context.profile.business_model)).get(fixed_verdict)
                if fixed_verdict
                else None
            ),
            after_fix_plan=fixed.plan if fixed else None,
            **_zone(growth),
        )
    return Timing(plan, _team(context, plan, growth), growth, workload, waiting)


def months_between(start: dt.date, end: dt.date) -> float:
    return max((end - start).days, 0) / (365.25 / 12)


def ceil_quarters(start: dt.date, end: dt.date) -> int:
    return math.ceil(months_between(start, end) / 3 - _EPSILON)
