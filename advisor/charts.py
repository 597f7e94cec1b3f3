"""Plotly figures built from core results. The brief's charts come from `chart_content`.

Figures carry text labels on every bar and marker so they read without colour. Texts that come
from a profile or an uploaded rule pack are escaped: Plotly reads a few HTML tags in labels.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import plotly.graph_objects as go

from advisor import wording
from advisor.chart_content import (
    VERDICT_COLOURS,
    ChartContent,
    brief_chart_content,
    growth_content,
    label_step,
    payout_content,
    score_content,
    timing_content,
    whatif_content,
)
from advisor.engine import LADDER, Assessment, Verdict
from advisor.fields import FIELDS
from advisor.i18n import SPANISH, _, current, n_, p_
from advisor.i18n.formats import long_date, month_label, number
from advisor.pack import RulePack, Scoring
from advisor.whatif import run_sweep

# The portfolio's charts import its module (and pandas) when drawn: the Recommendation page's
# charts load neither it nor the role.
if TYPE_CHECKING:
    from advisor.brief import Brief
    from advisor.portfolio import PortfolioReport
    from advisor.role import Compensation
    from advisor.workspace.model import HistoryPoint

_FONT = {"family": "Source Sans Pro, Helvetica, Arial, sans-serif"}


def separators() -> str:
    """Plotly's decimal and thousands signs in the current language: '.,' or ',.' in Spanish."""
    return ",." if current() == SPANISH else ".,"


def plotly_text(text: str) -> str:
    """Escape the characters Plotly would read as markup, so user text shows as typed."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _line_chart_frame(shapes: list[Any], notes: list[Any]) -> dict[str, Any]:
    """The layout every readiness line chart shares: bands, notes, size, legend below."""
    return {
        "shapes": shapes,
        "annotations": notes,
        "height": 400,
        "margin": {"l": 10, "r": 10, "t": 60, "b": 40},
        "legend": {"orientation": "h", "y": -0.25},
        "font": _FONT,
        "separators": separators(),
    }


def score_contributions_figure(assessment: Assessment) -> go.Figure:
    """One horizontal bar per fired rule: what pushed readiness up or down, or held it back."""
    return score_plotly(score_content(assessment))


def score_plotly(content: ChartContent) -> go.Figure:
    """The score chart's content as a plotly figure."""
    (bars,) = content.series
    scores = list(bars.y) or [0.0]
    low, high = min(0.0, *scores), max(0.0, *scores)
    span = max(high - low, 10.0)
    # Room beyond the longest bar on each side for its effect label ("-10 points, at best
    # not yet"), so no label is cut at the plot's edge.
    x_range = [low - (span * 1.5 if low < 0 else 0), high + (span * 0.6 if high > 0 else 2)]
    figure = go.Figure(
        go.Bar(
            x=list(bars.y),
            y=[
                "<br>".join(textwrap.wrap(plotly_text(str(title)), 30, break_long_words=False))
                for title in bars.x
            ],
            orientation="h",
            marker_color=list(bars.colours),
            text=list(bars.texts),
            textposition="outside",
            cliponaxis=False,
            hovertext=[plotly_text(text) for text in bars.hover],
            hoverinfo="text",
        )
    )
    figure.update_layout(
        title=content.title,
        xaxis_title=content.x_title,
        xaxis_range=x_range,
        yaxis_title=None,
        yaxis_automargin=True,
        height=max(260, 48 * len(bars.y) + 120),
        margin={"l": 10, "r": 40, "t": 60, "b": 40},
        showlegend=False,
        font=_FONT,
        separators=separators(),
    )
    return figure


def payout_figure(compensation: Compensation) -> go.Figure:
    """Stacked pay at each attainment level: base plus each variable component, total on top."""
    return payout_plotly(payout_content(compensation))


def payout_plotly(content: ChartContent) -> go.Figure:
    """The payout chart's content as a plotly figure."""
    figure = go.Figure()
    for series in content.series:
        if series.kind == "labels":
            figure.add_trace(
                go.Scatter(
                    x=list(series.x),
                    y=list(series.y),
                    mode="text",
                    text=list(series.texts),
                    textposition="top center",
                    showlegend=False,
                    hoverinfo="skip",
                )
            )
            continue
        figure.add_trace(
            go.Bar(
                x=list(series.x),
                y=list(series.y),
                name=plotly_text(series.name),
                marker_color=series.colour(0),
                # The label stays out of the template: Plotly would read "%{...}" in it.
                hovertemplate="%{fullData.name}: %{y:,.0f}<extra></extra>",
            )
        )
    figure.update_layout(
        barmode="stack",
        title=content.title,
        yaxis_title=content.y_title,
        yaxis_range=list(content.value_range or (0.0, 1.0)),
        height=380,
        margin={"l": 10, "r": 10, "t": 60, "b": 40},
        legend={"orientation": "h", "y": -0.18},
        separators=separators(),
    )
    return figure


def chart_figure(key: str, brief: Brief) -> go.Figure:
    """The plotly figure behind one of the brief's chart blocks (by its key)."""
    return figure_from_content(brief_chart_content(key, brief))


def figure_from_content(content: ChartContent) -> go.Figure:
    """The plotly figure for a brief chart's content: the one the app shows."""
    builders = {
        "score": score_plotly,
        "whatif": whatif_plotly,
        "payout": payout_plotly,
        "timing": timing_plotly,
        "growth": growth_plotly,
    }
    return builders[content.key](content)


def timing_figure(assessment: Assessment) -> go.Figure:
    """The renewal hours no AM carries each month against the founder's or AE's hours, with the
    plan's dates marked."""
    return timing_plotly(timing_content(assessment))


def _markers(content: ChartContent, shapes: list[Any], notes: list[Any]) -> None:
    """Each marker as a dashed line and its label; labels at the top stack one row apiece."""
    for marker in content.markers:
        shapes.append(_vertical_line(marker.value, marker.colour, dashed=marker.label_at == "top"))
        top = 0.92 - 0.07 * marker.row if marker.label_at == "top" else 0
        # A label past the middle of a month axis sits left of its line, inside the plot.
        side = "right" if content.x_labels and marker.value > len(content.x_labels) / 2 else "left"
        where = {"xref": "x", "x": marker.value, "xanchor": side, "yref": "paper", "y": top}
        notes.append(_note(plotly_text(marker.label), **where, yanchor="bottom"))


def _month_ticks(content: ChartContent) -> dict[str, Any]:
    """Named ticks (months, quarters) along a numeric axis, at most eight labelled."""
    step = label_step(len(content.x_labels))
    ticks = list(range(0, len(content.x_labels), step))
    return {"tickvals": ticks, "ticktext": [content.x_labels[i] for i in ticks]}


def timing_plotly(content: ChartContent) -> go.Figure:
    """The timing chart's content as a plotly figure: bars of hours, the founder's hours, the
    recruiting and ramp-up band and the plan's dates."""
    shapes, notes = [], []
    for band in content.bands:
        shapes.append(_band(band.axis, band.low, band.high, band.colour, band.opacity))
        where = {"xref": "x", "x": band.low, "xanchor": "left", "yref": "paper", "y": 1}
        notes.append(_note(band.label, **where, yanchor="bottom"))
    _markers(content, shapes, notes)
    traces: list[Any] = []
    for series in content.series:
        hover = [plotly_text(text) for text in series.hover]
        if series.kind == "bar":
            traces.append(
                go.Bar(
                    x=list(series.x),
                    y=list(series.y),
                    name=plotly_text(series.name),
                    marker_color=[series.colour(i) for i in range(len(series.y))],
                    hovertext=hover,
                    hoverinfo="text",
                )
            )
        else:
            traces.append(
                go.Scatter(
                    x=list(series.x),
                    y=list(series.y),
                    mode="lines",
                    name=plotly_text(series.name),
                    line={"color": series.colour(0), "width": 2, "shape": "hv"},
                    hovertext=hover,
                    hoverinfo="text",
                )
            )
    return go.Figure(
        data=traces,
        layout={
            "title": {"text": content.title},
            "xaxis": {"title": {"text": content.x_title}, **_month_ticks(content)},
            "yaxis": {"title": {"text": content.y_title}, "range": list(content.value_range or ())},
            **_line_chart_frame(shapes, notes),
        },
    )


def readiness_gauge_figure(assessment: Assessment, pack: RulePack) -> go.Figure:
    """The readiness score on a 0–100 dial, the verdict bands marked with words.

    A verdict the delivery gate decides has no readiness score: the dial shows its bands with
    no needle and no number, and says "not scored" where the number would be (the page's
    caption says why)."""
    prepare_at, hire_at = pack.scoring.prepare_at, pack.scoring.hire_now_at
    gated = assessment.gated
    figure = go.Figure(
        go.Indicator(
            mode="gauge" if gated else "gauge+number",
            value=0 if gated else assessment.score,
            number={"suffix": " / 100", "valueformat": ".0f"},
            title={"text": _("Readiness score: not scored") if gated else _("Readiness score")},
            gauge={
                "axis": {
                    "range": [0, 100],
                    "tickvals": [0, prepare_at, hire_at, 100],
                    # Translators: {score} is the readiness score from which the verdict holds.
                    "ticktext": [
                        "0",
                        _("prepare {score}", score=number(prepare_at, 3)),
                        _("hire now {score}", score=number(hire_at, 3)),
                        "100",
                    ],
                },
                # A gate: no bar at all (not one at zero, which would read as a score of 0).
                "bar": {"color": "rgba(0,0,0,0)" if gated else "#33475b", "thickness": 0.3},
                "steps": [
                    {"range": [0, prepare_at], "color": "#e6e9ee"},
                    {"range": [prepare_at, hire_at], "color": "#f6e3b4"},
                    {"range": [hire_at, 100], "color": "#cfe8da"},
                ],
            },
        )
    )
    notes = (
        [_note(_("not scored"), x=0.5, y=0.05, xref="paper", yref="paper", font={"size": 22})]
        if gated
        else []
    )
    figure.update_layout(
        height=250,
        margin={"l": 30, "r": 30, "t": 50, "b": 10},
        font=_FONT,
        annotations=notes,
        separators=separators(),
    )
    return figure


def _band(axis: str, low: float, high: float, colour: str, opacity: float) -> dict[str, Any]:
    """A shaded band across the plot: between two y values (axis "y") or two x values."""
    across = (
        {"xref": "paper", "x0": 0, "x1": 1} if axis == "y" else {"yref": "paper", "y0": 0, "y1": 1}
    )
    along = {f"{axis}ref": axis, f"{axis}0": low, f"{axis}1": high}
    return {
        "type": "rect",
        **across,
        **along,
        "fillcolor": colour,
        "opacity": opacity,
        "line": {"width": 0},
        "layer": "below",
    }


def _vertical_line(x: float, colour: str = "#000", *, dashed: bool = False) -> dict[str, Any]:
    """A marker across the plot's full height at one x value (today, the hire-by month)."""
    line: dict[str, Any] = {"color": colour, "width": 2}
    if dashed:
        line["dash"] = "dash"
    return {"type": "line", "xref": "x", "x0": x, "x1": x, "yref": "paper", "y0": 0, "y1": 1,
            "line": line}  # fmt: skip


def _note(text: str, **position: Any) -> dict[str, Any]:
    return {"text": text, "showarrow": False, "font": {"size": 11}, **position}


def whatif_figure(assessment: Assessment, pack: RulePack) -> go.Figure:
    """Readiness score and verdict against active accounts, all else equal; today marked."""
    return whatif_plotly(whatif_content(assessment, pack))


def whatif_plotly(content: ChartContent) -> go.Figure:
    """The what-if chart's content as a plotly figure."""
    # Shapes and notes go into the layout in one piece: Plotly's add_hrect/add_vline helpers
    # re-validate the whole layout on every call, which costs more than the chart itself.
    shapes, notes = [], []
    for band in content.bands:
        shapes.append(_band(band.axis, band.low, band.high, band.colour, band.opacity))
        if band.axis == "y":
            where = {"xref": "paper", "x": 1, "xanchor": "right", "yref": "y", "y": band.high}
            notes.append(_note(band.label, **where, yanchor="top"))
        else:
            where = {"xref": "x", "x": band.low, "xanchor": "left", "yref": "paper", "y": 1}
            notes.append(_note(band.label, **where, yanchor="bottom"))
    _markers(content, shapes, notes)
    traces = []
    for series in content.series:
        if series.kind == "line":
            line = go.Scatter(
                x=list(series.x),
                y=list(series.y),
                mode="lines",
                name=plotly_text(series.name),
                line={"color": series.colour(0)},
            )
            traces.append(line)
        else:
            points = go.Scatter(
                x=list(series.x),
                y=list(series.y),
                mode="markers",
                name=plotly_text(series.name),
                marker={"color": series.colour(0), "size": 7},
            )
            traces.append(points)
    return go.Figure(
        data=traces,
        layout={
            "title": {"text": content.title},
            "xaxis": {"title": {"text": content.x_title}},
            "yaxis": {"title": {"text": content.y_title}, "range": list(content.value_range or ())},
            **_line_chart_frame(shapes, notes),
        },
    )


# ---------------------------------------------------------------------------------------------


def growth_figure(assessment: Assessment, pack: RulePack) -> go.Figure:
    """Projected active accounts per quarter, coloured and named by verdict; the zone shaded."""
    return growth_plotly(growth_content(assessment, pack))


def growth_plotly(content: ChartContent) -> go.Figure:
    """The growth chart's content as a plotly figure: the book by quarter, each quarter's
    verdict, the hiring zone."""
    figure = whatif_plotly(content)
    figure.update_layout(xaxis=_month_ticks(content), height=360)
    return figure


# ---------------------------------------------------------------------------------------------
# Portfolio figures: one per chart of the Portfolio page, from the portfolio report

UNOWNED_COLOUR = "#b3261e"
OWNER_COLOURS = ("#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22")
TIER_COLOURS = ("#1f4e79", "#4f81bd", "#a6c8ea")
BRIDGE_MEASURES = ("absolute", "relative", "relative", "relative", "total", "relative", "total")
BRIDGE_SIGNS = ("", "+", "−", "−", "", "+", "")
_PORTFOLIO_MARGIN = {"l": 10, "r": 10, "t": 60, "b": 40}


def arr_bridge_figure(report: PortfolioReport) -> go.Figure:
    """Start → expansion → contraction → churn → retained → new → end, as a waterfall."""
    steps = report.bridge.steps()
    labels = [name for name, _ in steps]
    # Translators: {count} is how many accounts are new in the period.
    labels[5] = _("New accounts ({count})", count=report.new_accounts)
    measures = list(BRIDGE_MEASURES[:6])
    signs = list(BRIDGE_SIGNS[:6])
    if len(steps) == 8:
        labels[6] = _("Reactivated ({count})", count=report.reactivated_accounts)
        measures.append("relative")
        signs.append("+")
    measures.append(BRIDGE_MEASURES[-1])
    signs.append(BRIDGE_SIGNS[-1])
    texts = [
        sign + wording.money(abs(amount), report.currency)
        for sign, (_, amount) in zip(signs, steps, strict=True)
    ]
    figure = go.Figure(
        go.Waterfall(
            x=labels,
            y=[amount for _, amount in steps],
            measure=measures,
            text=texts,
            textposition="outside",
            increasing={"marker": {"color": "#1b7f4b"}},
            decreasing={"marker": {"color": "#b3261e"}},
            totals={"marker": {"color": "#5b6b7a"}},
            connector={"line": {"color": "#9aa5b1"}},
        )
    )
    figure.update_layout(
        title=_("ARR bridge: the cohort's ARR from period start to end, new accounts apart"),
        # Translators: {currency} is a currency code ("EUR").
        yaxis_title=_("ARR ({currency})", currency=report.currency),
        showlegend=False,
        separators=separators(),
        height=420,
        margin=_PORTFOLIO_MARGIN,
    )
    return figure


def renewal_calendar_figure(report: PortfolioReport) -> go.Figure:
    """Renewals per month over the next twelve months, stacked and coloured by owner."""
    from advisor.portfolio import NO_OWNER

    calendar = report.calendar
    figure = go.Figure()
    owners = sorted({str(o) for o in calendar["owner"].tolist()}, key=lambda o: (o == NO_OWNER, o))
    months = sorted({str(m) for m in calendar["month"].tolist()})
    # Each month named in the language (Plotly's own names are English): on the axis, on hover.
    named = {m: month_label(dt.date.fromisoformat(m[:10])) for m in months}
    palette = iter(OWNER_COLOURS * 10)
    for owner in owners:
        rows = calendar.loc[calendar["owner"] == owner]
        by_month = {
            str(m): (int(n), float(a))
            for m, n, a in zip(
                rows["month"].tolist(), rows["accounts"].tolist(), rows["arr"].tolist(), strict=True
            )
        }
        unowned = owner == NO_OWNER
        figure.add_trace(
            go.Bar(
                name=_(NO_OWNER) if unowned else owner,
                x=months,
                y=[by_month.get(m, (0, 0.0))[1] for m in months],
                text=[str(by_month[m][0]) if m in by_month else "" for m in months],
                textposition="inside",
                marker_color=UNOWNED_COLOUR if unowned else next(palette),
                marker_pattern_shape="x" if unowned else "",
                customdata=[named[m] for m in months],
                # Translators: {month}, {count} and {arr} are filled in by the chart on hover.
                hovertemplate=_(
                    "{month}: {count} renewals, {arr}",
                    month="%{customdata}",
                    count="%{text}",
                    arr="%{y:,.0f}",
                )
                + "<extra>"
                + owner.replace("<", "&lt;")
                + "</extra>",
            )
        )
    figure.update_layout(
        barmode="stack",
        title=_("Renewals by month (ARR; the number is the count of accounts)"),
        xaxis={"title": None, "tickvals": months, "ticktext": [named[m] for m in months]},
        yaxis_title=_("ARR renewing ({currency})", currency=report.currency),
        legend_title=p_("column", "Owner"),
        separators=separators(),
        height=400,
        margin=_PORTFOLIO_MARGIN,
    )
    return figure


def tiers_figure(report: PortfolioReport) -> go.Figure:
    """Accounts per ABC tier, each bar labelled with its share of ARR."""
    tiers = report.tiers
    figure = go.Figure(
        go.Bar(
            # Translators: {tier} is a tier's letter (A, B or C).
            x=[_("Tier {tier}", tier=t.tier) for t in tiers],
            y=[t.accounts for t in tiers],
            # Translators: {share} is the tier's share of the ARR.
            text=[
                n_(
                    "{count} account · {share} of ARR",
                    "{count} accounts · {share} of ARR",
                    t.accounts,
                    share=wording.percent(t.share),
                )
                for t in tiers
            ],
            textposition="outside",
            marker_color=list(TIER_COLOURS),
        )
    )
    figure.update_layout(
        title=_("Tiers by cumulative ARR (A: first 80%, B: next 15%, C: last 5%)"),
        yaxis_title=_("Accounts"),
        separators=separators(),
        height=360,
        showlegend=False,
        margin=_PORTFOLIO_MARGIN,
    )
    return figure


def concentration_figure(report: PortfolioReport) -> go.Figure:
    """Cumulative share of ARR against share of accounts, largest first, with the top 10%."""
    conc = report.concentration
    figure = go.Figure()
    figure.add_trace(
        go.Scatter(
            x=[0, 100],
            y=[0, 100],
            mode="lines",
            name=_("Every account equal"),
            line={"dash": "dot"},
        )
    )
    figure.add_trace(
        go.Scatter(
            x=[100 * x for x, _ in conc.curve],
            y=[100 * y for _, y in conc.curve],
            mode="lines",
            name=_("This portfolio"),
        )
    )
    if conc.top_decile_share is not None and conc.accounts:
        figure.add_trace(
            go.Scatter(
                x=[100 * conc.top_decile_accounts / conc.accounts],
                y=[100 * conc.top_decile_share],
                mode="markers+text",
                text=[_("top 10%: {share} of ARR", share=wording.percent(conc.top_decile_share))],
                textposition="bottom right",
                name=_("Top 10% of accounts"),
            )
        )
    figure.update_layout(
        title=_("Concentration: share of ARR held by the largest accounts"),
        xaxis_title=_("Accounts, largest first (%)"),
        yaxis_title=_("Cumulative share of ARR (%)"),
        separators=separators(),
        height=360,
        margin=_PORTFOLIO_MARGIN,
    )
    return figure


def sweep_figure(assessment: Assessment, pack: RulePack, field: str) -> go.Figure:
    """Readiness and verdict against any numeric input, all else equal; today marked.

    Active accounts keep their own chart with the hiring zone drawn in."""
    if field == "active_accounts":
        return whatif_figure(assessment, pack)
    result = run_sweep(assessment.profile, pack, field)
    labels = pack.verdict_labels_for(str(assessment.profile.business_model))
    xs = [p.value for p in result.points]
    shapes: list[dict[str, Any]] = [
        _band("y", low, high, colour, 0.07)
        for low, high, colour in (
            (0, pack.scoring.prepare_at, "#5b6b7a"),
            (pack.scoring.prepare_at, pack.scoring.hire_now_at, "#c98a00"),
            (pack.scoring.hire_now_at, 100, "#1b7f4b"),
        )
    ]
    notes = []
    if result.current is not None:
        shapes.append(_vertical_line(result.current))
        notes.append(
            _note(
                # Translators: {value} is today's value of the input on the axis.
                plotly_text(_("today: {value}", value=result.shown(result.current))),
                xref="x",
                x=result.current,
                xanchor="left",
                yref="paper",
                y=0,
                yanchor="bottom",
            )
        )
    traces = [
        go.Scatter(
            x=xs,
            y=[p.score for p in result.points],
            mode="lines",
            name=_("Readiness score"),
            line={"color": "#33475b"},
        )
    ]
    for verdict in (*LADDER, Verdict.FIX_DELIVERY_FIRST):
        chosen = [p for p in result.points if p.verdict == verdict.value]
        if chosen:
            traces.append(
                go.Scatter(
                    x=[p.value for p in chosen],
                    y=[p.score for p in chosen],
                    text=[plotly_text(result.shown(p.value)) for p in chosen],
                    hovertemplate=_("{value}: readiness {score}", value="%{text}", score="%{y:.0f}")
                    + "<extra></extra>",
                    mode="markers",
                    name=plotly_text(labels[verdict.value]),
                    marker={"color": VERDICT_COLOURS[verdict.value], "size": 7},
                )
            )
    axis = plotly_text(result.label + (f" ({result.unit})" if result.unit else ""))
    percent = FIELDS[field].kind in ("rate", "net_rate")
    return go.Figure(
        data=traces,
        layout={
            "title": {
                # Translators: {input} is an input's label, in lower case ("active accounts").
                "text": plotly_text(
                    _("Readiness against {input} (all else equal)", input=result.label.lower())
                )
            },
            "xaxis": {"title": {"text": axis}, **({"tickformat": ".0%"} if percent else {})},
            "yaxis": {"title": {"text": _("Readiness score (0–100)")}, "range": [-2, 102]},
            **_line_chart_frame(shapes, notes),
        },
    )


HISTORY_MARGIN = {"l": 70, "r": 70, "t": 80, "b": 40}
GATE_LANE = 103  # where the History chart marks the points a gate decided, above the scores


def history_figure(
    points: Sequence[HistoryPoint], bands: Scoring | None, zone: dt.tzinfo | None = None
) -> go.Figure:
    """A client's saved assessments over time: the score by date, each point in its verdict.

    One line per scenario, so "today" and "after hiring 2 AEs" read as two paths; each marker's
    label and colour carry its verdict. `bands` are the score bands every point was judged by
    (`workspace.session.shared_score_bands`), shaded behind; None shades nothing, since bands
    from another pack would contradict the verdicts drawn on them.

    A point the delivery gate decided has no readiness score: it is left out of its scenario's
    line (which breaks there) and marked in a lane of its own along the top, labelled "not
    scored", so a gated scenario never reads as a high score. Times are in `zone` (None: this
    computer's), to the minute; a label near an edge is drawn past the plot, never cut.
    """
    shapes = []
    if bands is not None:
        hire_now = VERDICT_COLOURS[Verdict.HIRE_NOW.value]
        prepare = VERDICT_COLOURS[Verdict.PREPARE.value]
        shapes = [
            _band("y", bands.hire_now_at, 100, hire_now, 0.08),
            _band("y", bands.prepare_at, bands.hire_now_at, prepare, 0.08),
        ]
    gate = Verdict.FIX_DELIVERY_FIRST.value
    times = [wording.local_minute(point.saved_at, zone) for point in points]
    traces = []
    for scenario in dict.fromkeys(point.scenario for point in points):
        shown = [point for point in points if point.scenario == scenario]
        labels = [wording.capitalised(wording.words(point.verdict)) for point in shown]
        traces.append(
            go.Scatter(
                x=[wording.local_minute(point.saved_at, zone) for point in shown],
                # None breaks the line at a gated point: it has no score to draw.
                y=[None if point.verdict == gate else point.score for point in shown],
                mode="lines+markers+text",
                name=plotly_text(scenario),
                text=labels,
                textposition="top center",
                cliponaxis=False,
                connectgaps=False,
                marker={
                    "size": 10,
                    "color": [VERDICT_COLOURS.get(point.verdict, "#000") for point in shown],
                },
                hovertemplate=_(
                    "{time}<br>score {score}<br>{verdict}",
                    time="%{x}",
                    score="%{y}",
                    verdict="%{text}",
                ),
            )
        )
    gated = [point for point in points if point.verdict == gate]
    if gated:
        traces.append(
            go.Scatter(
                x=[wording.local_minute(point.saved_at, zone) for point in gated],
                y=[GATE_LANE] * len(gated),
                mode="markers+text",
                name=_("Fix delivery first: not scored"),
                text=[_("not scored")] * len(gated),
                textposition="bottom center",
                cliponaxis=False,
                marker={"size": 12, "symbol": "x", "color": VERDICT_COLOURS[gate]},
                customdata=[plotly_text(point.scenario) for point in gated],
                # Translators: {time} is when the case was saved; {scenario} its scenario.
                hovertemplate=_(
                    "{time}<br>{scenario}: fix delivery first, not scored",
                    time="%{x}",
                    scenario="%{customdata}",
                )
                + "<extra></extra>",
            )
        )
    return go.Figure(
        data=traces,
        layout={
            "title": {"text": _("Readiness score and verdict by date")},
            "xaxis": {"title": {"text": p_("chart", "Saved")}, "type": "date", **_day_ticks(times)},
            "yaxis": {
                "title": {"text": _("Readiness score")},
                "range": [0, 108],
                "tickvals": [0, 20, 40, 60, 80, 100],
            },
            **_line_chart_frame(shapes, []),
            # Room on every side for a verdict label drawn past the plot at the first or last
            # point, or above a score near 100.
            "margin": HISTORY_MARGIN,
        },
    )


def _day_ticks(times: Sequence[str]) -> dict[str, Any]:
    """A tick at the first time saved on each day, named as a date in the language (Plotly's
    own month names are English), at most eight labelled."""
    firsts: dict[str, str] = {}
    for time in sorted(t for t in times if t):
        firsts.setdefault(time[:10], time)
    try:
        days = [(time, long_date(dt.date.fromisoformat(day))) for day, time in firsts.items()]
    except ValueError:  # a time that does not read as one: Plotly's own ticks
        return {}
    if not days:
        return {}
    shown = days[:: label_step(len(days))]
    return {"tickvals": [time for time, _day in shown], "ticktext": [day for _t, day in shown]}
