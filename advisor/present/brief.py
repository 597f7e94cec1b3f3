"""The brief's own phrasings (its summary, the timing section, charts), built on the figures."""

from __future__ import annotations

import datetime as dt

from advisor import wording
from advisor.engine import Assessment, Verdict
from advisor.i18n import _, formats, n_
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
        return _("No plan: the case was assessed without dates.")
    opens = plan.search_opens_on
    if opens is not None:
        if opens != plan.as_of:
            return _("Open the search on {date}.", date=date(opens))
        count = len(hires_opening_today(assessment))
        if count <= 1:
            return _("Open the search today ({date}).", date=date(opens))
        return _("Open {count} searches today ({date}).", count=count, date=date(opens))
    if plan.verdict == Verdict.FIX_DELIVERY_FIRST:
        return _(
            "No hiring date until delivery is standardised; reassess on {date}.",
            date=date(plan.reassess_on),
        )
    if plan.verdict == Verdict.PREPARE:
        return _("No date to open the search yet; reassess on {date}.", date=date(plan.reassess_on))
    return _("No hiring date yet; reassess on {date}.", date=date(plan.reassess_on))


def hire_lead(assessment: Assessment, title: str) -> str:
    """The summary's "Hire:" line, from the team plan: how many now, who they join, and the
    hires the plan adds as the book grows."""
    team = assessment.team
    now = len(hires_opening_today(assessment))
    # Translators: {count} × a role title, kept in English: "2 × Account Manager"
    who = title if now <= 1 else _("{count} × {role}", count=now, role=title)
    current = assessment.economics.current_account_managers
    if current:
        who = _("{who}, joining the {team} already on the team", who=who, team=team_size(current))
    if team is None:
        return who
    later = len([h for h in team.hires if h.role == "am"]) - now
    extra = [n_("{count} more Account Manager", "{count} more Account Managers", later)]
    extra = extra if later > 0 else []
    if any(h.role == "team_lead" for h in team.hires):
        extra.append(_("a team lead"))
    if extra:
        # Translators: {who} is who is hired now; {later} the hires that follow
        who = _(
            "{who}; {later} within two years as the book grows",
            who=who,
            later=wording.joined(extra),
        )
    return who


def plan_marks(plan: Plan | None) -> list[tuple[dt.date, str]]:
    """The dates a chart marks for the plan (the search opens, the AM carries the book, the
    case is reassessed), in order, one label per date."""
    if plan is None:
        return []
    found: dict[dt.date, list[str]] = {}
    for day, label in (
        (plan.search_opens_on, _("search opens")),
        (plan.carries_from, _("the AM carries the book")),
        (plan.reassess_on, _("reassess")),
    ):
        if day is not None:
            found.setdefault(day, []).append(label)
    return [(day, " · ".join(labels)) for day, labels in sorted(found.items())]


def _days(count: int) -> str:
    return n_("{number} day", "{number} days", count, number=formats.number(count))


def plan_figure_rows(assessment: Assessment, pack: RulePack) -> list[tuple[str, str, str]]:
    """What the plan's dates are counted from: each lead time with its value and source."""
    plan = assessment.plan
    if plan is None:
        return []
    rows = [
        (
            _("Recruiting, notice included"),
            _days(plan.recruiting_days),
            plan.sources.get("recruiting_lead_days", ""),
        ),
        (_("Ramp-up"), _days(plan.ramp_days), plan.sources.get("ramp_days", "")),
        (
            _("A held case is reassessed after"),
            _days(round(pack.hiring.reassess_days.value)),
            plan.sources.get("reassess_days", ""),
        ),
    ]
    if plan.verdict == Verdict.FIX_DELIVERY_FIRST:
        rows.append(
            (
                _("Delivery standards hold for"),
                _days(round(pack.hiring.delivery_fix_days.value)),
                plan.sources.get("delivery_fix_days", ""),
            )
        )
    workload = assessment.workload
    if workload is not None:
        rows.append(
            (
                _("Hours one renewal takes"),
                wording.hours(workload.hours_per_renewal),
                pack.renewal_load.source,
            )
        )
    return rows


def team_lead_text(assessment: Assessment, at_ams: int) -> str:
    """From how many AMs a team lead is worth it, and when the team plan reaches it."""
    team = assessment.team
    lead = next((h for h in team.hires if h.role == "team_lead"), None) if team else None
    if lead is not None:
        return _(
            "{count} Account Managers, which the team plan reaches on {date}",
            count=at_ams,
            date=date(lead.needed_from),
        )
    return _("{count} Account Managers", count=at_ams)


def score_total(assessment: Assessment) -> str:
    """The score chart's total: never a score beside a gate."""
    if assessment.gated:
        return _("Not scored: a gate decides the verdict, so the points are not a readiness score.")
    return _("Total: {score}.", score=score_text(assessment))


def timing_chart_summary(assessment: Assessment) -> str:
    """The timing chart in words: the workload against the founder's hours, and its marks."""
    workload = assessment.workload
    if workload is None:
        return _("No timing: the case was assessed without dates.")
    over = [m for m in workload.months if m.over_capacity]
    text = n_(
        "Renewal hours a month of the accounts no Account Manager carries, over the next "
        "{count} month, against the founder's or AE's {hours}.",
        "Renewal hours a month of the accounts no Account Manager carries, over the next "
        "{count} months, against the founder's or AE's {hours}.",
        len(workload.months),
        hours=wording.hours(workload.founder_hours),
    )
    if over:
        # Translators: {text} is the sentence before; {count} of the months are above the hours
        text = _(
            "{text} Above it in {count} of them, first in {month}.",
            text=text,
            count=len(over),
            month=wording.month_label(over[0].month),
        )
    else:
        text = _("{text} The workload stays within it.", text=text)
    marks = [
        # Translators: a mark on the chart and its date: "search opens 6 December 2026"
        _("{mark} {date}", mark=label, date=date(day))
        for day, label in plan_marks(assessment.plan)
    ]
    if marks:
        text = _("{text} Marked: {marks}.", text=text, marks="; ".join(marks))
    return text
