"""Growth timeline: when the book reaches the hiring zone at the current pace of new accounts."""

from __future__ import annotations

import datetime as dt

import msgspec

from advisor.economics import compute_economics
from advisor.engine import Verdict, sweep
from advisor.pack.model import RulePack
from advisor.profile import CompanyProfile
from advisor.wording import plural


class QuarterPoint(msgspec.Struct, frozen=True):
    label: str  # "Q3 2027"
    quarters_ahead: int
    active_accounts: int
    verdict: Verdict
    score: float


class Timeline(msgspec.Struct, frozen=True):
    accounts_added_per_quarter: int
    points: tuple[QuarterPoint, ...]
    zone_reached: QuarterPoint | None  # first quarter at or above the zone's low end
    hire_now_reached: QuarterPoint | None
    second_am_due: QuarterPoint | None
    summary: str


def timeline_to_dict(timeline: Timeline) -> dict[str, object]:
    def point(p: QuarterPoint | None) -> dict[str, object] | None:
        if p is None:
            return None
        return {
            "quarter": p.label,
            "quarters_ahead": p.quarters_ahead,
            "active_accounts": p.active_accounts,
            "verdict": p.verdict.value,
            "score": p.score,
        }

    return {
        "accounts_added_per_quarter": timeline.accounts_added_per_quarter,
        "summary": timeline.summary,
        "zone_reached": point(timeline.zone_reached),
        "hire_now_reached": point(timeline.hire_now_reached),
        "second_am_due": point(timeline.second_am_due),
        "quarters": [point(p) for p in timeline.points],
    }


def quarter_label(day: dt.date, quarters_ahead: int) -> str:
    index = (day.month - 1) // 3 + quarters_ahead
    return f"Q{index % 4 + 1} {day.year + index // 4}"


def book_after_months(profile: CompanyProfile, months: int) -> int:
    """Active accounts `months` from now at the profile's pace of new accounts (churn ignored).

    A quarter's accounts count from the month the quarter is complete, so a month-by-month view
    shows the same counts in the same quarters as the quarterly timeline."""
    pace = profile.accounts_added_per_quarter or 0
    return profile.active_accounts + pace * (months // 3)


def zone_low_end(profile: CompanyProfile, pack: RulePack) -> float | None:
    """The hiring zone's low end for the profile's segment, when the pack gives a range."""
    zone = pack.thresholds.get("trigger_zone")
    return zone.by_segment[profile.segment.value]["low"] if zone and zone.is_range else None


def growth_timeline(
    profile: CompanyProfile,
    pack: RulePack,
    today: dt.date,
    quarters: int = 12,
) -> Timeline | None:
    """Project the book quarter by quarter (churn ignored); None when no pace is given."""
    pace = profile.accounts_added_per_quarter
    if pace is None:
        return None
    counts = [book_after_months(profile, 3 * ahead) for ahead in range(quarters + 1)]
    results = sweep(profile, pack, "active_accounts", counts)
    points = tuple(
        QuarterPoint(quarter_label(today, ahead), ahead, count, verdict, score)
        for ahead, (count, verdict, score) in enumerate(results)
    )
    zone_low = zone_low_end(profile, pack)
    # The one capacity model: the next AM is due where the book needs more AMs than today.
    economics = compute_economics(profile, pack)
    due_at = economics.next_am_due_at_accounts
    team = max(economics.recommended_am_count, economics.current_account_managers)
    zone_reached = next(
        (p for p in points if zone_low is not None and p.active_accounts >= zone_low), None
    )
    hire_now = next((p for p in points if p.verdict == Verdict.HIRE_NOW), None)
    second_am = next((p for p in points if p.active_accounts >= due_at), None)
    return Timeline(
        accounts_added_per_quarter=pace,
        points=points,
        zone_reached=zone_reached,
        hire_now_reached=hire_now,
        second_am_due=second_am,
        summary=_summary(
            pace,
            zone_reached,
            hire_now,
            second_am,
            zone_low,
            quarters,
            "A second" if team <= 1 else "Another",
        ),
    )


def _summary(
    pace: int,
    zone: QuarterPoint | None,
    hire_now: QuarterPoint | None,
    second_am: QuarterPoint | None,
    zone_low: float | None,
    quarters: int,
    which: str = "A second",
) -> str:
    parts = []
    if zone is None:
        parts.append(
            f"At +{plural(pace, 'account')} a quarter the book does not reach the hiring zone "
            f"within {quarters} quarters."
        )
    elif zone.quarters_ahead == 0:
        parts.append(f"The book is already in or past the hiring zone ({zone_low:g}+ accounts).")
    else:
        parts.append(
            f"At +{plural(pace, 'account')} a quarter you reach the hiring zone in {zone.label} "
            f"({zone.active_accounts} accounts)."
        )
    if hire_now is not None and hire_now.quarters_ahead > 0:
        parts.append(f"The verdict becomes 'hire now' in {hire_now.label}.")
    if second_am is not None and second_am.quarters_ahead > 0:
        parts.append(
            f"{which} AM is due in {second_am.label} ({second_am.active_accounts} accounts)."
        )
    return " ".join(parts)
