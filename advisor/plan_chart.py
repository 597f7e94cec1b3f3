"""The app's chart of the plan: the renewal hours of the accounts today's team does not carry,
month by month from the assessment's `as_of`, against the hours the founder or AE can give, with the dates the
plan gives for the verdict marked (the search and the recruiting and ramp-up until the AM
carries the book, or the date to reassess).

Built from the assessment's own workload and plan, and drawn with the hire-by chart's plotly
builder, so it shows no date or figure the assessment does not hold.
"""

from __future__ import annotations

import calendar
import datetime as dt

import plotly.graph_objects as go

from advisor import wording
from advisor.chart_content import (
    CAPACITY_COLOUR,
    LEAD_TIME_COLOUR,
    OVER_CAPACITY_COLOUR,
    TODAY_COLOUR,
    WORKLOAD_COLOUR,
    Band,
    ChartContent,
    Marker,
    Series,
)
from advisor.charts import hire_by_plotly
from advisor.engine import Assessment
from advisor.timing import Workload


def _month_position(first: dt.date, day: dt.date) -> float:
    """Where a date falls on a month-by-month axis whose bar `i` is the month `i` after
    `first`: a month's first day at the left edge of its bar."""
    whole = (day.year - first.year) * 12 + day.month - first.month
    length = calendar.monthrange(day.year, day.month)[1]
    return whole - 0.5 + (day.day - 1) / length


def workload_figure(assessment: Assessment) -> go.Figure | None:
    """The plan's chart (the months over the founder's hours in red); None when the case was
    assessed without a plan."""
    workload: Workload | None = assessment.workload
    plan = assessment.plan
    if workload is None or plan is None or not workload.months:
        return None
    months = workload.months
    first = months[0].month
    labels = tuple(wording.month_label(m.month) for m in months)
    x = tuple(float(m.months_ahead) for m in months)
    bars = Series(
        name="Renewal hours of the accounts today's team does not carry (red: more than the "
        "founder or AE can give)",
        kind="bar",
        x=x,
        y=tuple(round(m.hours, 1) for m in months),
        colours=tuple(OVER_CAPACITY_COLOUR if m.over_capacity else WORKLOAD_COLOUR for m in months),
        hover=tuple(
            f"{label}: {m.renewals:.1f} renewals, {wording.hours(m.hours)} "
            f"({m.uncovered_accounts:,} of {m.active_accounts:,} accounts beyond today's team)"
            for label, m in zip(labels, months, strict=True)
        ),
    )
    capacity = Series(
        name="Hours the founder or AE can give",
        kind="line",
        x=x,
        y=tuple(round(m.capacity_hours, 1) for m in months),
        colours=(CAPACITY_COLOUR,),
        hover=tuple(
            f"{label}: {wording.hours(m.capacity_hours)}"
            for label, m in zip(labels, months, strict=True)
        ),
    )
    bands: tuple[Band, ...] = ()
    marker = None
    if plan.search_opens_on is not None and plan.carries_from is not None:
        start = _month_position(first, plan.search_opens_on)
        end = _month_position(first, plan.carries_from)
        bands = (Band("x", start, end, LEAD_TIME_COLOUR, 0.15, "recruiting + ramp-up"),)
        marker = Marker(
            start,
            f"open the search: {wording.month_label(plan.search_opens_on)}",
            TODAY_COLOUR,
            "top",
        )
    elif plan.reassess_on is not None:
        marker = Marker(
            _month_position(first, plan.reassess_on),
            f"reassess: {wording.month_label(plan.reassess_on)}",
            TODAY_COLOUR,
            "top",
        )
    top = max([*bars.y, *capacity.y, 1.0])
    return hire_by_plotly(
        ChartContent(
            key="workload",
            title="Renewal workload against the hours the founder or AE can give",
            x_title=f"Month (from {labels[0]})",
            y_title="Hours a month",
            series=(bars, capacity),
            bands=bands,
            marker=marker,
            value_range=(0.0, top * 1.15),
            x_labels=labels,
        )
    )
