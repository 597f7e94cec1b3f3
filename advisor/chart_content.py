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

from advisor import present, wording
from advisor.engine import LADDER, Assessment, Verdict, sweep
from advisor.hiring_zone import hiring_zone
from advisor.i18n import _, n_, p_
from advisor.i18n.formats import number
from advisor.pack import RulePack

if TYPE_CHECKING:
    from advisor.brief import Brief
    from advisor.role import Compensation

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
CHART_KEYS = ("score", "whatif", "timing", "growth", "payout")
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
    row: int = 0  # labels at the top stack downwards, one row per marker, so none overlap


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
    markers: tuple[Marker, ...] = ()
    value_range: tuple[float, float] | None = None
    # Names of the whole numbers 0, 1, 2 … along a numeric axis (months), when they have one.
    x_labels: tuple[str, ...] = ()

    @property
    def categorical(self) -> bool:
        return any(isinstance(x, str) for series in self.series for x in series.x)


def score_content(assessment: Assessment) -> ChartContent:
    """One horizontal bar per fired rule: what pushed readiness up or down, or held it back.

    Rules that cap the verdict or set it without moving the score get an empty bar labelled
    with what they do, so every fired rule is on the chart.
    """
    fired = sorted(assessment.fired, key=lambda r: r.score)
    bars = Series(
        name=_("Score points"),
        kind="bar",
        x=tuple(r.title for r in fired),
        y=tuple(float(r.score) for r in fired),
        colours=tuple(SCORE_COLOURS[(r.score > 0) - (r.score < 0)] for r in fired),
        texts=tuple(wording.effect_words(r.score, r.cap, r.verdict) for r in fired),
        hover=tuple(f"{r.rule_id}: {r.source}" for r in fired),
        in_legend=False,
    )
    title = (
        _("What the rules weigh (not scored: a gate decides the verdict)")
        if assessment.gated
        # Translators: {total} is the readiness score ("62/100").
        else _(
            "What moved the readiness score (total {total})", total=present.score_text(assessment)
        )
    )
    return ChartContent(
        key="score",
        title=title,
        x_title=_("Score points"),
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
    labels = pack.verdict_labels_for(str(profile.business_model))
    results = sweep(profile, pack, "active_accounts", points)
    bands = [
        Band("y", 0, pack.scoring.prepare_at, "#5b6b7a", 0.07, _("score: not yet")),
        Band(
            "y",
            pack.scoring.prepare_at,
            pack.scoring.hire_now_at,
            "#c98a00",
            0.07,
            _("score: prepare"),
        ),
        Band("y", pack.scoring.hire_now_at, 100, "#1b7f4b", 0.07, _("score: hire now")),
    ]
    zone = hiring_zone(profile, pack, assessment.economics)
    if zone is not None:
        bands.append(Band("x", zone.low, zone.high, "#1b7f4b", 0.10, _("hiring zone")))
    series = [
        Series(
            name=_("Readiness score"),
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
                    name=labels[verdict.value],
                    kind="points",
                    x=tuple(x for x, _ in marked),
                    y=tuple(s for _, s in marked),
                    colours=(VERDICT_COLOURS[verdict.value],),
                )
            )
    today = profile.active_accounts
    return ChartContent(
        key="whatif",
        title=_("Readiness against active accounts (all else equal)"),
        x_title=_("Active client accounts"),
        y_title=_("Readiness score (0–100)"),
        series=tuple(series),
        bands=tuple(bands),
        # Translators: {accounts} is today's number of active accounts.
        markers=(Marker(float(today), _("today: {accounts}", accounts=today)),),
        value_range=(-2.0, 102.0),
    )


def payout_content(compensation: Compensation) -> ChartContent:
    """Stacked pay at each attainment level: base plus each variable component, total on top."""
    rows = compensation.payout_rows()
    # Translators: {attainment} is a share of the target reached ("120%").
    labels = tuple(
        _("{attainment} attainment", attainment=wording.percent(row.attainment, 0)) for row in rows
    )
    currency = compensation.currency
    series = [
        Series(
            name=_("Base salary"),
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
            name=p_("chart", "Total"),
            kind="labels",
            x=labels,
            y=tuple(float(row.total) for row in rows),
            colours=("#1f2a37",),
            # Translators: {pay} is an amount; {share} its share of the on-target earnings.
            texts=tuple(
                _(
                    "{pay} ({share} of OTE)",
                    pay=wording.money(row.total, currency),
                    share=wording.percent(row.share_of_ote, 0),
                )
                for row in rows
            ),
            in_legend=False,
        )
    )
    top = max((row.total for row in rows), default=0.0)
    return ChartContent(
        key="payout",
        title=_(
            "Pay at each attainment level (OTE {ote})",
            ote=wording.money(compensation.ote, currency),
        ),
        x_title="",
        # Translators: {currency} is a currency code ("EUR").
        y_title=_("Annual pay ({currency})", currency=currency),
        series=tuple(series),
        stacked=True,
        value_range=(0.0, top * 1.18 if top > 0 else 1.0),
    )


def label_step(count: int, most: int = 8) -> int:
    """Every how many named ticks one is labelled, so at most `most` labels show."""
    return max(1, math.ceil(count / most))


def months_from_start(first: dt.date, day: dt.date) -> float:
    """Where a date falls on a monthly axis whose bars stand on their index from the month of
    `first`: a month's first day at the left edge of its bar."""
    whole = (day.year - first.year) * 12 + day.month - first.month
    length = calendar.monthrange(day.year, day.month)[1]
    return whole - 0.5 + (day.day - 1) / length


def timing_content(assessment: Assessment) -> ChartContent:
    """The renewal hours of the accounts no Account Manager carries, month by month, against
    the founder's or AE's hours (the months over them in red); the plan's dates marked (the
    search opens, the AM carries the book, the case is reassessed), recruiting and ramp-up
    shaded between the first two."""
    workload = assessment.workload
    months = workload.months if workload else ()
    x = tuple(float(m.months_ahead) for m in months)
    labels = tuple(wording.month_label(m.month) for m in months)
    bars = Series(
        name=_("Renewal hours no AM carries (red: more than the founder or AE can give)"),
        kind="bar",
        x=x,
        y=tuple(round(m.hours, 1) for m in months),
        colours=tuple(OVER_CAPACITY_COLOUR if m.over_capacity else WORKLOAD_COLOUR for m in months),
        hover=tuple(
            # Translators: {month} is a month ("Jan 2027"); {renewals} how many renewals fall
            # in it; {hours} their hours; {uncovered} of {count} accounts have no AM.
            n_(
                "{month}: {renewals} renewals, {hours} ({uncovered} of {accounts} account "
                "without an AM)",
                "{month}: {renewals} renewals, {hours} ({uncovered} of {accounts} accounts "
                "without an AM)",
                m.active_accounts,
                month=label,
                renewals=_one_decimal(m.renewals),
                hours=wording.hours(m.hours),
                uncovered=number(m.uncovered_accounts),
                accounts=number(m.active_accounts),
            )
            for label, m in zip(labels, months, strict=True)
        ),
    )
    capacity = Series(
        name=_("Founder's or AE's renewal hours"),
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
    markers: list[Marker] = []
    plan = assessment.plan
    if months and plan is not None:
        first = months[0].month
        last = len(months) - 0.5
        if plan.search_opens_on is not None and plan.carries_from is not None:
            start = max(months_from_start(first, plan.search_opens_on), -0.5)
            end = min(months_from_start(first, plan.carries_from), last)
            bands = (Band("x", start, end, LEAD_TIME_COLOUR, 0.15, _("recruiting + ramp-up")),)
        for day, label in present.plan_marks(plan):
            at = max(months_from_start(first, day), -0.5)
            if at <= last:
                # Translators: {mark} is a date of the plan ("search opens"); {month} its month.
                text = _("{mark}: {month}", mark=label, month=wording.month_label(day))
                markers.append(Marker(at, text, label_at="top", row=len(markers)))
    top = max([*bars.y, *capacity.y, 1.0])
    start_label = labels[0] if labels else _("today")
    return ChartContent(
        key="timing",
        title=_("Renewal hours of the accounts no Account Manager carries"),
        # Translators: {start} is the first month on the axis ("Jan 2027").
        x_title=_("Month (from {start})", start=start_label),
        y_title=_("Hours a month"),
        series=(bars, capacity),
        bands=bands,
        markers=tuple(markers),
        value_range=(0.0, top * (1.15 + 0.1 * len(markers))),
        x_labels=labels,
    )


def growth_content(assessment: Assessment, pack: RulePack) -> ChartContent:
    """The book quarter by quarter at today's pace, each quarter coloured by its verdict, the
    hiring zone shaded."""
    growth = assessment.growth
    quarters = growth.quarters if growth else ()
    labels = pack.verdict_labels_for(str(assessment.profile.business_model))
    x = tuple(float(q.quarters_ahead) for q in quarters)
    pace = growth.pace if growth and growth.pace else 0
    series = [
        Series(
            name=n_(
                "+{accounts} account a quarter",
                "+{accounts} accounts a quarter",
                pace,
                accounts=number(pace),
            ),
            kind="line",
            x=x,
            y=tuple(float(q.active_accounts) for q in quarters),
            colours=(LINE_COLOUR,),
        )
    ]
    for verdict in (*LADDER, Verdict.FIX_DELIVERY_FIRST):
        marked = [q for q in quarters if q.verdict == verdict.value]
        if marked:
            series.append(
                Series(
                    name=labels[verdict.value],
                    kind="points",
                    x=tuple(float(q.quarters_ahead) for q in marked),
                    y=tuple(float(q.active_accounts) for q in marked),
                    colours=(VERDICT_COLOURS[verdict.value],),
                    hover=tuple(
                        # Translators: {quarter} is a quarter ("Q1 2027"); {needed} how many
                        # Account Managers the book needs ("2 AMs").
                        n_(
                            "{quarter}: {accounts} account, {needed} needed",
                            "{quarter}: {accounts} accounts, {needed} needed",
                            q.active_accounts,
                            quarter=q.label,
                            accounts=number(q.active_accounts),
                            needed=present.am_count_text(q.ams_needed),
                        )
                        for q in marked
                    ),
                )
            )
    bands: tuple[Band, ...] = ()
    zone = hiring_zone(assessment.profile, pack, assessment.economics)
    if zone is not None:
        bands = (Band("y", zone.low, zone.high, "#1b7f4b", 0.10, _("hiring zone")),)
    counts = [float(q.active_accounts) for q in quarters]
    top = max([*counts, *((zone.low, zone.high) if zone else ()), 1.0])
    return ChartContent(
        key="growth",
        title=_("Active accounts by quarter at today's pace (all else equal)"),
        x_title=_("Quarter"),
        y_title=_("Active client accounts"),
        series=tuple(series),
        bands=bands,
        value_range=(0.0, top * 1.15),
        x_labels=tuple(q.label for q in quarters),
    )


def _one_decimal(value: float) -> str:
    """A count always to one decimal, as the hover text shows it: '2.0', '2,5' in Spanish."""
    text = number(round(value, 1), 1)
    if float(round(value, 1)).is_integer():
        text += number(0.5, 1)[1] + "0"  # the locale's decimal sign
    return text


def brief_chart_content(key: str, brief: Brief) -> ChartContent:
    """The content behind one of the brief's chart blocks (by its key)."""
    if key == "score":
        return score_content(brief.assessment)
    if key == "whatif":
        return whatif_content(brief.assessment, brief.pack)
    if key == "payout":
        return payout_content(brief.role.compensation)
    if key == "timing":
        return timing_content(brief.assessment)
    if key == "growth":
        return growth_content(brief.assessment, brief.pack)
    raise KeyError(f"no chart named {key!r}")
