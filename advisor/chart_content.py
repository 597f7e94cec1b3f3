"""What each chart of the brief shows, as plain data: series of bars or points, labels, values,
the shaded zones and today's marker.

The app's plotly figure (`charts.py`) and the documents' drawing (`export/chart_drawing.py`)
are both built from this one description, so the two cannot show different numbers. Nothing
here imports a plotting library: a document export never pays for plotly.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from advisor import wording
from advisor.engine import LADDER, Assessment, Verdict, sweep
from advisor.hire_by import HireBy, Status
from advisor.pack import RulePack
from advisor.role import Compensation

if TYPE_CHECKING:
    from advisor.brief import Brief

VERDICT_COLOURS = {
    Verdict.HIRE_NOW.value: "#1b7f4b",
    Verdict.PREPARE.value: "#c98a00",
    Verdict.NOT_YET.value: "#5b6b7a",
    Verdict.FIX_DELIVERY_FIRST.value: "#b3261e",
}
# Base pay in a neutral grey; components in distinct colours that also print in greyscale.
BASE_COLOUR = "#9aa5b1"
COMPONENT_COLOURS = ("#1b7f4b", "#2f6db5", "#c98a00", "#7a4fb3", "#b3261e", "#3d8c8c")
NEW_LOGO_COLOUR = "#b3261e"
LINE_COLOUR = "#33475b"
TODAY_COLOUR = "#000000"
SCORE_COLOURS = {1: "#1b7f4b", -1: "#b3261e", 0: "#5b6b7a"}
CHART_KEYS = ("score", "whatif", "hire_by", "payout")
WORKLOAD_COLOUR = "#2f6db5"
OVER_CAPACITY_COLOUR = "#b3261e"
CAPACITY_COLOUR = "#1f2a37"
LEAD_TIME_COLOUR = "#c98a00"


@dataclass(frozen=True)
class Series:
    """One set of marks: `bar`s, a `line`, `points`, or `labels` (text placed at each value).

    `x` holds the categories (text) or the numbers along the horizontal axis; `y` the values.
    `colours` has one colour for the whole series or one per mark.
    """

    name: str
    kind: str
    x: tuple[str, ...] | tuple[float, ...]
    y: tuple[float, ...]
    colours: tuple[str, ...]
    texts: tuple[str, ...] = ()
    hover: tuple[str, ...] = ()
    in_legend: bool = True

    def colour(self, index: int) -> str:
        return self.colours[index] if len(self.colours) > 1 else self.colours[0]


@dataclass(frozen=True)
class Band:
    """A shaded stretch of one axis ("x" or "y") between two values, named in the chart."""

    axis: str
    low: float
    high: float
    colour: str
    opacity: float
    label: str


@dataclass(frozen=True)
class Marker:
    """A vertical line at one value of the horizontal axis, such as today's account count."""

    value: float
    label: str
    colour: str = TODAY_COLOUR
    label_at: str = "bottom"  # "bottom", or "top" where bars would hide a label at the bottom


@dataclass(frozen=True)
class ChartContent:
    """Everything one chart shows. `horizontal` bars run along x with their categories on y."""

    key: str
    title: str
    x_title: str
    y_title: str
    series: tuple[Series, ...]
    horizontal: bool = False
    stacked: bool = False
    bands: tuple[Band, ...] = ()
    marker: Marker | None = None
    value_range: tuple[float, float] | None = None
    # Names of the whole numbers 0, 1, 2 … along a numeric axis (months), when they have one.
    x_labels: tuple[str, ...] = ()

    @property
    def categorical(self) -> bool:
        return any(isinstance(x, str) for series in self.series for x in series.x)


def trigger_zone(pack: RulePack, segment: str) -> tuple[float, float] | None:
    """The pack's hiring zone in active accounts for a segment, when it is a range."""
    zone = pack.thresholds.get("trigger_zone")
    if zone is None or not zone.is_range:
        return None
    low, high = zone.resolve(segment)  # type: ignore[misc]
    return float(low), float(high)


def score_content(assessment: Assessment) -> ChartContent:
    """One horizontal bar per fired rule: what pushed readiness up or down, or held it back.

    Rules that cap the verdict or set it without moving the score get an empty bar labelled
    with what they do, so every fired rule is on the chart.
    """
    fired = sorted(assessment.fired, key=lambda r: r.score)
    bars = Series(
        name="Score points",
        kind="bar",
        x=tuple(r.title for r in fired),
        y=tuple(float(r.score) for r in fired),
        colours=tuple(SCORE_COLOURS[(r.score > 0) - (r.score < 0)] for r in fired),
        texts=tuple(wording.effect_words(r.score, r.cap, r.verdict) for r in fired),
        hover=tuple(f"{r.rule_id}: {r.source}" for r in fired),
        in_legend=False,
    )
    return ChartContent(
        key="score",
        title=f"What moved the readiness score (total {assessment.score:.0f} of 100)",
        x_title="Score points",
        y_title="",
        series=(bars,),
        horizontal=True,
    )


def whatif_points(active_accounts: int) -> list[int]:
    """Account counts from 0 to twice today's book (at least 0–40), at most ~120 points."""
    top = max(2 * active_accounts, 40)
    step = max(1, top // 120)
    return list(range(0, top + 1, step))


def whatif_content(assessment: Assessment, pack: RulePack) -> ChartContent:
    """Readiness score and verdict against active accounts, all else equal; today marked."""
    profile = assessment.profile
    points = whatif_points(profile.active_accounts)
    results = sweep(profile, pack, "active_accounts", points)
    bands = [
        Band("y", 0, pack.scoring.prepare_at, "#5b6b7a", 0.07, "score: not yet"),
        Band(
            "y",
            pack.scoring.prepare_at,
            pack.scoring.hire_now_at,
            "#c98a00",
            0.07,
            "score: prepare",
        ),
        Band("y", pack.scoring.hire_now_at, 100, "#1b7f4b", 0.07, "score: hire now"),
    ]
    zone = trigger_zone(pack, profile.segment.value)
    if zone is not None:
        bands.append(Band("x", zone[0], zone[1], "#1b7f4b", 0.10, "hiring zone"))
    series = [
        Series(
            name="Readiness score",
            kind="line",
            x=tuple(float(x) for x in points),
            y=tuple(float(score) for _, _, score in results),
            colours=(LINE_COLOUR,),
        )
    ]
    for verdict in (*LADDER, Verdict.FIX_DELIVERY_FIRST):
        marked = [(float(x), float(s)) for x, v, s in results if v == verdict]
        if marked:
            series.append(
                Series(
                    name=pack.verdict_labels[verdict.value],
                    kind="points",
                    x=tuple(x for x, _ in marked),
                    y=tuple(s for _, s in marked),
                    colours=(VERDICT_COLOURS[verdict.value],),
                )
            )
    today = profile.active_accounts
    return ChartContent(
        key="whatif",
        title="Readiness against active accounts (all else equal)",
        x_title="Active client accounts",
        y_title="Readiness score (0–100)",
        series=tuple(series),
        bands=tuple(bands),
        marker=Marker(float(today), f"today: {today}"),
        value_range=(-2.0, 102.0),
    )


def payout_content(compensation: Compensation) -> ChartContent:
    """Stacked pay at each attainment level: base plus each variable component, total on top."""
    rows = compensation.payout_rows()
    labels = tuple(f"{wording.percent(row.attainment, 0)} attainment" for row in rows)
    currency = compensation.currency
    series = [
        Series(
            name="Base salary",
            kind="bar",
            x=labels,
            y=tuple(float(row.base) for row in rows),
            colours=(BASE_COLOUR,),
        )
    ]
    for index, component in enumerate(compensation.components):
        colour = (
            NEW_LOGO_COLOUR
            if component.kind == "new_logo"
            else COMPONENT_COLOURS[index % len(COMPONENT_COLOURS)]
        )
        series.append(
            Series(
                name=component.label,
                kind="bar",
                x=labels,
                y=tuple(float(row.by_component[index]) for row in rows),
                colours=(colour,),
            )
        )
    series.append(
        Series(
            name="Total",
            kind="labels",
            x=labels,
            y=tuple(float(row.total) for row in rows),
            colours=("#1f2a37",),
            texts=tuple(
                f"{wording.money(row.total, currency)} "
                f"({wording.percent(row.share_of_ote, 0)} of OTE)"
                for row in rows
            ),
            in_legend=False,
        )
    )
    top = max((row.total for row in rows), default=0.0)
    return ChartContent(
        key="payout",
        title=f"Pay at each attainment level (OTE {wording.money(compensation.ote, currency)})",
        x_title="",
        y_title=f"Annual pay ({currency})",
        series=tuple(series),
        stacked=True,
        value_range=(0.0, top * 1.18 if top > 0 else 1.0),
    )


def label_step(count: int, most: int = 8) -> int:
    """Every how many named ticks one is labelled, so at most `most` labels show."""
    return max(1, math.ceil(count / most))


def months_from_start(hire_by: HireBy, day: dt.date) -> float:
    """Where a date falls on the chart's axis, where each month's bar stands on its index from
    the first month shown: a month's first day at the left edge of its bar."""
    first = hire_by.months[0].month if hire_by.months else hire_by.as_of.replace(day=1)
    whole = (day.year - first.year) * 12 + day.month - first.month
    length = calendar.monthrange(day.year, day.month)[1]
    return whole - 0.5 + (day.day - 1) / length


def hire_by_content(hire_by: HireBy) -> ChartContent:
    """Renewal hours due each month against the hours the team can give, the months over it in
    red, recruiting and ramp-up shaded before the month the AM must carry the book, and the
    hire-by date marked."""
    months = hire_by.months
    x = tuple(float(m.months_ahead) for m in months)
    workload = Series(
        name="Renewal hours due (red: more than the team can give)",
        kind="bar",
        x=x,
        y=tuple(round(m.hours, 1) for m in months),
        colours=tuple(OVER_CAPACITY_COLOUR if m.over_capacity else WORKLOAD_COLOUR for m in months),
        hover=tuple(
            f"{m.label}: {m.renewals:.1f} renewals, {wording.hours(m.hours)} "
            f"({m.active_accounts:,} accounts)"
            for m in months
        ),
    )
    capacity = Series(
        name="Hours the team can give",
        kind="line",
        x=x,
        y=tuple(round(m.capacity_hours, 1) for m in months),
        colours=(CAPACITY_COLOUR,),
        hover=tuple(f"{m.label}: {wording.hours(m.capacity_hours)}" for m in months),
    )
    bands: tuple[Band, ...] = ()
    marker = None
    if hire_by.date is not None and hire_by.reaches_on is not None:
        start = months_from_start(hire_by, hire_by.date)
        end = months_from_start(hire_by, hire_by.reaches_on)
        bands = (Band("x", start, end, LEAD_TIME_COLOUR, 0.15, "recruiting + ramp-up"),)
        passed = " (passed)" if hire_by.status is Status.PAST else ""
        label = f"hire by {wording.month_label(hire_by.date)}{passed}"
        colour = OVER_CAPACITY_COLOUR if passed else TODAY_COLOUR
        marker = Marker(max(start, -0.5), label, colour, label_at="top")
    first = months[0].label if months else wording.month_label(hire_by.as_of)
    top = max([*workload.y, *capacity.y, 1.0])
    return ChartContent(
        key="hire_by",
        title="Renewal workload against the hours the team can give",
        x_title=f"Month (from {first})",
        y_title="Hours a month",
        series=(workload, capacity),
        bands=bands,
        marker=marker,
        value_range=(0.0, top * 1.15),
        x_labels=tuple(m.label for m in months),
    )


def brief_chart_content(key: str, brief: Brief) -> ChartContent:
    """The content behind one of the brief's chart blocks (by its key)."""
    if key == "score":
        return score_content(brief.assessment)
    if key == "whatif":
        return whatif_content(brief.assessment, brief.pack)
    if key == "payout":
        return payout_content(brief.role.compensation)
    if key == "hire_by":
        return hire_by_content(brief.hire_by)
    raise KeyError(f"no chart named {key!r}")
