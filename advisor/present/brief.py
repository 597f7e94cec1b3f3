"""The brief's own phrasings (its summary, the timing section, charts), built on the figures."""

from __future__ import annotations

import datetime as dt

from advisor import wording
from advisor.engine import Assessment, Verdict
from advisor.pack.model import RulePack
from advisor.present.figures import (
    date,
    score_text,
    team_size,
)
from advisor.present.timing import (
    hires_opening_today,
)
from advisor.timing import Plan

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
        count = len(hires_opening_today(assessment))
        searches = "Open the search" if count <= 1 else f"Open {count} searches"
        return f"{searches} today ({date(opens)})."
    if plan.verdict == Verdict.FIX_DELIVERY_FIRST:
        return (
            f"No hiring date until delivery is standardised; reassess on {date(plan.reassess_on)}."
        )
    if plan.verdict == Verdict.PREPARE:
        return f"No date to open the search yet; reassess on {date(plan.reassess_on)}."
    return f"No hiring date yet; reassess on {date(plan.reassess_on)}."


def hire_lead(assessment: Assessment, title: str) -> str:
    """The summary's "Hire:" line, from the team plan: how many now, who they join, and the
    hires the plan adds as the book grows."""
    team = assessment.team
    now = len(hires_opening_today(assessment))
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
