"""The hire-by date: by when an Account Manager must be hired so they carry the book in time.

Month by month over a horizon, the renewal workload (renewals due × the hours the renewal
playbook takes) is set against the hours today's team can give to renewals: the founder's or
AE's own hours, plus the renewals of a full book for each current AM. The book is due an AM in
the first month it reaches the hiring zone (the next AM's book, once there is a team) or its
renewals outgrow those hours, whichever comes first; hire-by is that month less the recruiting
lead time and the ramp-up time of the rule pack.

The book grows by `timeline.book_after_months` and the AM capacity comes from
`economics.compute_economics`, so the account counts, the AM count and the hire-by month agree
with every other figure. Renewals come from the case's renewal calendar (carried from a CRM
export) where it has one; the accounts it does not date, and new accounts, are spread evenly
over the year.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

import msgspec

from advisor import wording
from advisor.economics import compute_economics
from advisor.pack.model import RulePack
from advisor.profile import CompanyProfile
from advisor.profile_values import renewal_months
from advisor.timeline import book_after_months, zone_low_end

HORIZON_MONTHS = 24
_EPSILON = 1e-9


class Driver(StrEnum):
    """What sets the month the AM must be productive by."""

    HIRING_ZONE = "hiring_zone"  # the book reaches the hiring zone (no AM yet)
    NEXT_AM_DUE = "next_am_due"  # the book outgrows today's AM team
    RENEWAL_CAPACITY = "renewal_capacity"  # the renewal hours exceed what the team can give


class Status(StrEnum):
    ON_TIME = "on_time"  # the hire-by date is today or later
    PAST = "past"  # the hire-by date has passed
    NOT_WITHIN_HORIZON = "not_within_horizon"
    NO_RENEWALS = "no_renewals"


DRIVER_WORDS = {
    Driver.HIRING_ZONE: "the book reaches the hiring zone",
    Driver.NEXT_AM_DUE: "the book outgrows today's Account Manager team",
    Driver.RENEWAL_CAPACITY: "the renewal workload exceeds the hours the team can give",
}


class MonthLoad(msgspec.Struct, frozen=True):
    """One month of the horizon: the book, the renewals due, their hours and the capacity."""

    month: dt.date  # the first day of the month
    months_ahead: int
    active_accounts: int
    renewals: float
    hours: float
    capacity_hours: float

    @property
    def label(self) -> str:
        return wording.month_label(self.month)

    @property
    def over_capacity(self) -> bool:
        return self.hours > self.capacity_hours + _EPSILON

    def to_dict(self) -> dict[str, Any]:
        return {
            "month": self.month.isoformat()[:7],
            "months_ahead": self.months_ahead,
            "active_accounts": self.active_accounts,
            "renewals": round(self.renewals, 2),
            "hours": round(self.hours, 1),
            "capacity_hours": round(self.capacity_hours, 1),
        }


class HireBy(msgspec.Struct, frozen=True):
    """The hire-by date with everything it is computed from, and why when there is none."""

    as_of: dt.date
    status: Status
    date: dt.date | None
    driver: Driver | None
    reaches_on: dt.date | None  # when the AM must carry the book
    recruiting_days: int
    ramp_days: int
    hours_per_renewal: float
    founder_hours: int
    am_hours: float  # renewal hours the current AMs carry a month
    current_account_managers: int
    zone_accounts: float | None  # the book that sets the zone or next-AM month
    zone_month: MonthLoad | None
    capacity_month: MonthLoad | None
    renewals_from: str  # "calendar" (the case's renewal dates) or "even"
    months: tuple[MonthLoad, ...]
    summary: str
    reason: str  # why there is no date, or why it has passed; "" when on time
    when: str = ""  # what happens in the month the AM must carry the book
    sources: dict[str, str] = msgspec.field(default_factory=dict)

    @property
    def capacity_hours(self) -> float:
        return self.founder_hours + self.am_hours

    @property
    def productive_if_hired_now(self) -> dt.date:
        return self.as_of + dt.timedelta(days=self.recruiting_days + self.ramp_days)

    def to_dict(self) -> dict[str, Any]:
        def month(item: MonthLoad | None) -> str | None:
            return item.month.isoformat()[:7] if item else None

        return {
            "status": self.status.value,
            "date": self.date.isoformat() if self.date else None,
            "driver": self.driver.value if self.driver else None,
            "driver_text": DRIVER_WORDS[self.driver] if self.driver else None,
            "reaches_on": self.reaches_on.isoformat() if self.reaches_on else None,
            "recruiting_days": self.recruiting_days,
            "ramp_days": self.ramp_days,
            "as_of": self.as_of.isoformat(),
            "productive_if_hired_now": self.productive_if_hired_now.isoformat(),
            "hours_per_renewal": self.hours_per_renewal,
            "capacity_hours_per_month": round(self.capacity_hours, 1),
            "founder_hours_per_month": self.founder_hours,
            "am_hours_per_month": round(self.am_hours, 1),
            "current_account_managers": self.current_account_managers,
            "zone_accounts": self.zone_accounts,
            "zone_month": month(self.zone_month),
            "capacity_exceeded_month": month(self.capacity_month),
            "renewals_from": self.renewals_from,
            "summary": self.summary,
            "reason": self.reason,
            "sources": dict(self.sources),
            "months": [item.to_dict() for item in self.months],
        }


def month_start(day: dt.date, months_ahead: int) -> dt.date:
    """The first day of the month `months_ahead` after the month of `day`."""
    index = day.year * 12 + day.month - 1 + months_ahead
    return dt.date(index // 12, index % 12 + 1, 1)


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
    found = []
    for ahead in range(months):
        start = month_start(as_of, ahead)
        gap = {key: (start.year - key[0]) * 12 + start.month - key[1] for key in calendar}
        recurring = [
            count for key, count in calendar.items() if gap[key] >= 0 and gap[key] % 12 == 0
        ]
        # The latest dated renewal of that month of the year stands for the account.
        known = recurring[-1] if recurring else 0
        added = book_after_months(profile, ahead) - profile.active_accounts
        found.append(known + (undated + added) / 12)
    return found, "calendar" if calendar else "even"


def _event_months(
    loads: list[MonthLoad], zone_accounts: float | None, already_due: bool
) -> tuple[MonthLoad | None, MonthLoad | None]:
    zone = None
    if already_due and loads:
        zone = loads[0]
    elif zone_accounts is not None:
        zone = next((m for m in loads if m.active_accounts >= zone_accounts), None)
    capacity = next((m for m in loads if m.over_capacity), None)
    return zone, capacity


def compute_hire_by(
    profile: CompanyProfile,
    pack: RulePack,
    as_of: dt.date,
    months: int = HORIZON_MONTHS,
) -> HireBy:
    """The hire-by date as of `as_of` over the next `months` months (pass today, or a fixed
    date so a report does not change with the calendar)."""
    load = pack.renewal_load
    hours_each = load.hours_per_renewal.value
    economics = compute_economics(profile, pack)
    current = economics.current_account_managers
    # An AM carrying a full book renews a twelfth of it each month.
    am_hours = current * economics.accounts_per_am * hours_each / 12
    capacity = profile.renewal_hours_per_month + am_hours
    renewals, renewals_from = renewals_by_month(profile, as_of, months)
    loads = [
        MonthLoad(
            month_start(as_of, ahead),
            ahead,
            book_after_months(profile, ahead),
            due,
            due * hours_each,
            capacity,
        )
        for ahead, due in enumerate(renewals)
    ]
    if current == 0:
        zone_accounts = zone_low_end(profile, pack)
    else:
        zone_accounts = float(economics.next_am_due_at_accounts)
    zone, over = _event_months(
        loads, zone_accounts, current > 0 and economics.additional_ams_needed > 0
    )
    facts = _Facts(profile, as_of, loads, zone_accounts, zone, over, renewals_from)
    common: dict[str, Any] = {
        "as_of": as_of,
        "recruiting_days": int(load.recruiting_lead_days.value),
        "ramp_days": int(load.ramp_days.value),
        "hours_per_renewal": hours_each,
        "founder_hours": profile.renewal_hours_per_month,
        "am_hours": am_hours,
        "current_account_managers": current,
        "zone_accounts": zone_accounts,
        "zone_month": zone,
        "capacity_month": over,
        "renewals_from": renewals_from,
        "months": tuple(loads),
        "sources": {
            "hours_per_renewal": load.hours_per_renewal.source,
            "recruiting_lead_days": load.recruiting_lead_days.source,
            "ramp_days": load.ramp_days.source,
        },
    }
    return _decide(facts, common)


class _Facts(msgspec.Struct, frozen=True):
    profile: CompanyProfile
    as_of: dt.date
    loads: list[MonthLoad]
    zone_accounts: float | None
    zone: MonthLoad | None
    over: MonthLoad | None
    renewals_from: str


def _decide(facts: _Facts, common: dict[str, Any]) -> HireBy:
    lead = common["recruiting_days"] + common["ramp_days"]
    basis = _basis(facts, common)
    if not any(m.renewals > _EPSILON for m in facts.loads) and facts.zone is None:
        reason = (
            "No renewals fall due in the horizon: the book has no active accounts and no pace of "
            "new accounts, so there is no renewal workload to plan a hire for."
        )
        return HireBy(
            status=Status.NO_RENEWALS,
            date=None,
            driver=None,
            reaches_on=None,
            summary=f"No hire-by date. {reason}",
            reason=reason,
            **common,
        )
    candidates = [
        (m.months_ahead, order, driver, m)
        for order, (driver, m) in enumerate(
            ((_zone_driver(common), facts.zone), (Driver.RENEWAL_CAPACITY, facts.over))
        )
        if m is not None
    ]
    if not candidates:
        reason = _never_reason(facts, common)
        return HireBy(
            status=Status.NOT_WITHIN_HORIZON,
            date=None,
            driver=None,
            reaches_on=None,
            summary=f"No hire-by date within {len(facts.loads)} months. {reason} {basis}",
            reason=reason,
            **common,
        )
    _, _, driver, month = min(candidates, key=lambda item: (item[0], item[1]))
    reaches_on = facts.as_of if month.months_ahead == 0 else month.month
    date = reaches_on - dt.timedelta(days=lead)
    when = _when_sentence(driver, month, common)
    if date < facts.as_of:
        late = (facts.as_of - date).days
        ready = facts.as_of + dt.timedelta(days=lead)
        reason = (
            f"The hire-by date passed {wording.plural(late, 'day')} ago: an AM recruited from "
            f"today would carry the book from {wording.long_date(ready)}, and until then the "
            "renewals need someone else's hours."
        )
        status = Status.PAST
        summary = f"Hire by {wording.long_date(date)} (already past). {when} {reason} {basis}"
    else:
        reason = ""
        status = Status.ON_TIME
        summary = (
            f"Hire by {wording.long_date(date)}. {when} Recruiting ({common['recruiting_days']} "
            f"days) and ramp-up ({common['ramp_days']} days) come before it. {basis}"
        )
    return HireBy(
        status=status,
        date=date,
        driver=driver,
        reaches_on=reaches_on,
        summary=summary,
        reason=reason,
        when=when,
        **common,
    )


def _zone_driver(common: dict[str, Any]) -> Driver:
    return Driver.HIRING_ZONE if common["current_account_managers"] == 0 else Driver.NEXT_AM_DUE


def _when_sentence(driver: Driver, month: MonthLoad, common: dict[str, Any]) -> str:
    when = "this month" if month.months_ahead == 0 else f"in {month.label}"
    if driver is Driver.RENEWAL_CAPACITY:
        return (
            f"{wording.capitalised(when)} the renewals need {wording.hours(month.hours)} against "
            f"the {wording.hours(month.capacity_hours)} a month the team can give, so the AM must "
            f"carry the book from then."
        )
    if driver is Driver.HIRING_ZONE:
        zone = common["zone_accounts"]
        return (
            f"{wording.capitalised(when)} the book reaches the hiring zone ({zone:g}+ accounts, "
            f"at {month.active_accounts:,}), so the AM must carry it from then."
        )
    return (
        f"{wording.capitalised(when)} the book reaches {month.active_accounts:,} accounts, more "
        f"than today's {wording.count_of(common['current_account_managers'], 'AM')} can hold, so "
        "the next AM must carry accounts from then."
    )


def _never_reason(facts: _Facts, common: dict[str, Any]) -> str:
    peak = max(facts.loads, key=lambda m: m.hours)
    last = facts.loads[-1]
    if facts.zone_accounts is None:
        zone = "the rule pack gives no hiring zone"
    elif common["current_account_managers"] == 0:
        zone = (
            f"the book ({last.active_accounts:,} accounts by {last.label}) stays below the "
            f"hiring zone ({facts.zone_accounts:g}+ accounts)"
        )
    else:
        zone = (
            f"the book ({last.active_accounts:,} accounts by {last.label}) stays within what "
            f"today's team holds (the next AM is due at {facts.zone_accounts:,.0f} accounts)"
        )
    return (
        f"Within {len(facts.loads)} months {zone}, and the renewal workload peaks at "
        f"{wording.hours(peak.hours)} in {peak.label}, within the "
        f"{wording.hours(peak.capacity_hours)} a month the team can give."
    )


def _basis(facts: _Facts, common: dict[str, Any]) -> str:
    each = wording.hours(common["hours_per_renewal"])
    if facts.renewals_from == "calendar":
        where = (
            "Renewals come from the case's renewal dates (each recurring yearly); undated and new "
            "accounts are spread evenly over the year"
        )
    else:
        where = "No renewal dates are given, so the renewals are spread evenly over the year"
    pace = facts.profile.accounts_added_per_quarter
    growth = (
        f"the book grows by {wording.plural(pace, 'account')} a quarter"
        if pace
        else "no pace of new accounts is given, so the book is held at today's size"
    )
    team = f"{common['founder_hours']} h a month from the founder/AE"
    if common["current_account_managers"]:
        team += (
            f" plus {wording.hours(common['am_hours'])} carried by "
            f"{wording.count_of(common['current_account_managers'], 'AM')}"
        )
    return f"{where}; {growth}; each renewal takes {each}; the team can give {team}."
