"""Plotly figures built from core results; the app shows them and the brief embeds them.

Figures carry text labels on every bar and marker so they read without colour. Texts that come
from a profile or an uploaded rule pack are escaped: Plotly reads a few HTML tags in labels.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

import plotly.graph_objects as go

from advisor import wording
from advisor.engine import LADDER, Assessment, Verdict, sweep
from advisor.pack import RulePack
from advisor.portfolio import NO_OWNER, PortfolioReport
from advisor.role import Compensation
from advisor.timeline import Timeline

if TYPE_CHECKING:
    from advisor.brief import Brief

VERDICT_COLOURS = {
    Verdict.HIRE_NOW.value: "#1b7f4b",
    Verdict.PREPARE.value: "#c98a00",
    Verdict.NOT_YET.value: "#5b6b7a",
    Verdict.FIX_DELIVERY_FIRST.value: "#b3261e",
}
_FONT = {"family": "Source Sans Pro, Helvetica, Arial, sans-serif"}


def plotly_text(text: str) -> str:
    """Escape the characters Plotly would read as markup, so user text shows as typed."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _trigger_zone(pack: RulePack, segment: str) -> tuple[float, float] | None:
    zone = pack.thresholds.get("trigger_zone")
    if zone is None or not zone.is_range:
        return None
    low, high = zone.resolve(segment)  # type: ignore[misc]
    return float(low), float(high)


def score_contributions_figure(assessment: Assessment) -> go.Figure:
    """One horizontal bar per fired rule: what pushed readiness up or down, or held it back.

    Rules that cap the verdict or set it without moving the score get an empty bar labelled
    with what they do, so every fired rule is on the chart.
    """
    fired = sorted(assessment.fired, key=lambda r: r.score)
    colours = {True: "#1b7f4b", False: "#b3261e"}
    scores = [r.score for r in fired] or [0.0]
    low, high = min(0.0, *scores), max(0.0, *scores)
    span = max(high - low, 10.0)
    # Room beyond the longest bar on each side for its effect label ("-10 points, at best
    # not yet"), so no label is cut at the plot's edge.
    x_range = [low - (span * 1.5 if low < 0 else 0), high + (span * 0.6 if high > 0 else 2)]
    figure = go.Figure(
        go.Bar(
            x=[r.score for r in fired],
            y=[
                "<br>".join(textwrap.wrap(plotly_text(r.title), 30, break_long_words=False))
                for r in fired
            ],
            orientation="h",
            marker_color=[colours[r.score > 0] if r.score else "#5b6b7a" for r in fired],
            text=[wording.effect_words(r.score, r.cap, r.verdict) for r in fired],
            textposition="outside",
            cliponaxis=False,
            hovertext=[plotly_text(f"{r.rule_id}: {r.source}") for r in fired],
            hoverinfo="text",
        )
    )
    figure.update_layout(
        title=f"What moved the readiness score (total {assessment.score:.0f} of 100)",
        xaxis_title="Score points",
        xaxis_range=x_range,
        yaxis_title=None,
        yaxis_automargin=True,
        height=max(260, 48 * len(fired) + 120),
        margin={"l": 10, "r": 40, "t": 60, "b": 40},
        showlegend=False,
        font=_FONT,
    )
    return figure


# Base pay in a neutral grey; components in distinct colours that also print in greyscale.
BASE_COLOUR = "#9aa5b1"
COMPONENT_COLOURS = ("#1b7f4b", "#2f6db5", "#c98a00", "#7a4fb3", "#b3261e", "#3d8c8c")


def payout_figure(compensation: Compensation) -> go.Figure:
    """Stacked pay at each attainment level: base plus each variable component, total on top."""
    rows = compensation.payout_rows()
    labels = [f"{wording.percent(row.attainment, 0)} attainment" for row in rows]
    currency = compensation.currency
    figure = go.Figure()
    figure.add_trace(
        go.Bar(
            x=labels,
            y=[row.base for row in rows],
            name="Base salary",
            marker_color=BASE_COLOUR,
            hovertemplate="Base: %{y:,.0f}<extra></extra>",
        )
    )
    for index, component in enumerate(compensation.components):
        colour = (
            "#b3261e"
            if component.kind == "new_logo"
            else COMPONENT_COLOURS[index % len(COMPONENT_COLOURS)]
        )
        figure.add_trace(
            go.Bar(
                x=labels,
                y=[row.by_component[index] for row in rows],
                name=plotly_text(component.label),
                marker_color=colour,
                # The label stays out of the template: Plotly would read "%{...}" in it.
                hovertemplate="%{fullData.name}: %{y:,.0f}<extra></extra>",
            )
        )
    figure.add_trace(
        go.Scatter(
            x=labels,
            y=[row.total for row in rows],
            mode="text",
            text=[
                f"{wording.money(row.total, currency)} "
                f"({wording.percent(row.share_of_ote, 0)} of OTE)"
                for row in rows
            ],
            textposition="top center",
            showlegend=False,
            hoverinfo="skip",
        )
    )
    top = max((row.total for row in rows), default=0.0)
    figure.update_layout(
        barmode="stack",
        title=f"Pay at each attainment level (OTE {wording.money(compensation.ote, currency)})",
        yaxis_title=f"Annual pay ({currency})",
        yaxis_range=[0, top * 1.18 if top > 0 else 1],
        height=380,
        margin={"l": 10, "r": 10, "t": 60, "b": 40},
        legend={"orientation": "h", "y": -0.18},
    )
    return figure


def chart_figure(key: str, brief: Brief) -> go.Figure:
    """The plotly figure behind one of the brief's chart blocks (by its key)."""
    if key == "score":
        return score_contributions_figure(brief.assessment)
    if key == "whatif":
        return whatif_figure(brief.assessment, brief.pack)
    if key == "payout":
        return payout_figure(brief.role.compensation)
    raise KeyError(f"no chart named {key!r}")


def readiness_gauge_figure(assessment: Assessment, pack: RulePack) -> go.Figure:
    """The readiness score on a 0–100 dial, the verdict bands marked with words."""
    prepare_at, hire_at = pack.scoring.prepare_at, pack.scoring.hire_now_at
    figure = go.Figure(
        go.Indicator(
            mode="gauge+number",
            value=assessment.score,
            number={"suffix": " / 100", "valueformat": ".0f"},
            title={"text": "Readiness score"},
            gauge={
                "axis": {
                    "range": [0, 100],
                    "tickvals": [0, prepare_at, hire_at, 100],
                    "ticktext": ["0", f"prepare {prepare_at:g}", f"hire now {hire_at:g}", "100"],
                },
                "bar": {"color": "#33475b", "thickness": 0.3},
                "steps": [
                    {"range": [0, prepare_at], "color": "#e6e9ee"},
                    {"range": [prepare_at, hire_at], "color": "#f6e3b4"},
                    {"range": [hire_at, 100], "color": "#cfe8da"},
                ],
            },
        )
    )
    figure.update_layout(height=250, margin={"l": 30, "r": 30, "t": 50, "b": 10}, font=_FONT)
    return figure


def whatif_points(active_accounts: int) -> list[int]:
    """Account counts from 0 to twice today's book (at least 0–40), at most ~120 points."""
    top = max(2 * active_accounts, 40)
    step = max(1, top // 120)
    return list(range(0, top + 1, step))


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


def _note(text: str, **position: Any) -> dict[str, Any]:
    return {"text": text, "showarrow": False, "font": {"size": 11}, **position}


def whatif_figure(assessment: Assessment, pack: RulePack) -> go.Figure:
    """Readiness score and verdict against active accounts, all else equal; today marked."""
    profile = assessment.profile
    points = whatif_points(profile.active_accounts)
    results = sweep(profile, pack, "active_accounts", points)
    # Shapes and notes go into the layout in one piece: Plotly's add_hrect/add_vline helpers
    # re-validate the whole layout on every call, which costs more than the chart itself.
    shapes, notes = [], []
    bands = (
        (0, pack.scoring.prepare_at, "#5b6b7a", "score: not yet"),
        (pack.scoring.prepare_at, pack.scoring.hire_now_at, "#c98a00", "score: prepare"),
        (pack.scoring.hire_now_at, 100, "#1b7f4b", "score: hire now"),
    )
    for low, high, colour, text in bands:
        shapes.append(_band("y", low, high, colour, 0.07))
        notes.append(
            _note(text, xref="paper", x=1, xanchor="right", yref="y", y=high, yanchor="top")
        )
    zone = _trigger_zone(pack, profile.segment.value)
    if zone is not None:
        shapes.append(_band("x", zone[0], zone[1], "#1b7f4b", 0.10))
        notes.append(
            _note(
                "hiring zone",
                xref="x",
                x=zone[0],
                xanchor="left",
                yref="paper",
                y=1,
                yanchor="bottom",
            )
        )
    today = profile.active_accounts
    shapes.append(
        {
            "type": "line",
            "xref": "x",
            "x0": today,
            "x1": today,
            "yref": "paper",
            "y0": 0,
            "y1": 1,
            "line": {"color": "#000", "width": 2},
        }
    )
    notes.append(
        _note(
            f"today: {today}",
            xref="x",
            x=today,
            xanchor="left",
            yref="paper",
            y=0,
            yanchor="bottom",
        )
    )
    traces = [
        go.Scatter(
            x=points,
            y=[score for _, _, score in results],
            mode="lines",
            name="Readiness score",
            line={"color": "#33475b"},
        )
    ]
    for verdict in (*LADDER, Verdict.FIX_DELIVERY_FIRST):
        xs = [x for x, v, _ in results if v == verdict]
        if xs:
            traces.append(
                go.Scatter(
                    x=xs,
                    y=[s for _, v, s in results if v == verdict],
                    mode="markers",
                    name=plotly_text(pack.verdict_labels[verdict.value]),
                    marker={"color": VERDICT_COLOURS[verdict.value], "size": 7},
                )
            )
    return go.Figure(
        data=traces,
        layout={
            "title": {"text": "Readiness against active accounts (all else equal)"},
            "xaxis": {"title": {"text": "Active client accounts"}},
            "yaxis": {"title": {"text": "Readiness score (0–100)"}, "range": [-2, 102]},
            "shapes": shapes,
            "annotations": notes,
            "height": 400,
            "margin": {"l": 10, "r": 10, "t": 60, "b": 40},
            "legend": {"orientation": "h", "y": -0.25},
            "font": _FONT,
        },
    )


# ---------------------------------------------------------------------------------------------


def growth_figure(timeline: Timeline, pack: RulePack, segment: str) -> go.Figure:
    """Projected active accounts per quarter, coloured and named by verdict; the zone shaded."""
    points = timeline.points
    quarters = [point.label for point in points]
    zone = _trigger_zone(pack, segment)
    shapes, notes = [], []
    if zone is not None:
        shapes.append(_band("y", zone[0], zone[1], "#1b7f4b", 0.10))
        notes.append(
            _note(
                "hiring zone", xref="paper", x=0, xanchor="left", yref="y", y=zone[1], yanchor="top"
            )
        )
    reached = timeline.zone_reached
    if reached is not None and reached.quarters_ahead > 0:
        notes.append(
            {
                "text": f"zone reached: {reached.label}",
                "x": reached.label,
                "y": reached.active_accounts,
                "showarrow": True,
                "arrowhead": 2,
                "ay": -40,
            }
        )
    traces = [
        go.Scatter(
            x=quarters,
            y=[point.active_accounts for point in points],
            mode="lines",
            name=f"+{wording.plural(timeline.accounts_added_per_quarter, 'account')} a quarter",
            line={"color": "#33475b"},
        )
    ]
    for verdict in (*LADDER, Verdict.FIX_DELIVERY_FIRST):
        marked = [point for point in points if point.verdict == verdict]
        if marked:
            traces.append(
                go.Scatter(
                    x=[point.label for point in marked],
                    y=[point.active_accounts for point in marked],
                    mode="markers",
                    name=plotly_text(pack.verdict_labels[verdict.value]),
                    marker={"color": VERDICT_COLOURS[verdict.value], "size": 8},
                )
            )
    return go.Figure(
        data=traces,
        layout={
            "title": {"text": "Active accounts by quarter at today's pace (all else equal)"},
            "xaxis": {"title": {"text": "Quarter"}, "type": "category"},
            "yaxis": {"title": {"text": "Active client accounts"}},
            "shapes": shapes,
            "annotations": notes,
            "height": 360,
            "margin": {"l": 10, "r": 10, "t": 60, "b": 40},
            "legend": {"orientation": "h", "y": -0.3},
            "font": _FONT,
        },
    )


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
    labels[5] = f"New accounts ({report.new_accounts})"
    texts = [
        sign + wording.money(abs(amount), report.currency)
        for sign, (_, amount) in zip(BRIDGE_SIGNS, steps, strict=True)
    ]
    figure = go.Figure(
        go.Waterfall(
            x=labels,
            y=[amount for _, amount in steps],
            measure=list(BRIDGE_MEASURES),
            text=texts,
            textposition="outside",
            increasing={"marker": {"color": "#1b7f4b"}},
            decreasing={"marker": {"color": "#b3261e"}},
            totals={"marker": {"color": "#5b6b7a"}},
            connector={"line": {"color": "#9aa5b1"}},
        )
    )
    figure.update_layout(
        title="ARR bridge: the cohort's ARR from period start to end, new accounts apart",
        yaxis_title=f"ARR ({report.currency})",
        showlegend=False,
        height=420,
        margin=_PORTFOLIO_MARGIN,
    )
    return figure


def renewal_calendar_figure(report: PortfolioReport) -> go.Figure:
    """Renewals per month over the next twelve months, stacked and coloured by owner."""
    calendar = report.calendar
    figure = go.Figure()
    owners = sorted({str(o) for o in calendar["owner"].tolist()}, key=lambda o: (o == NO_OWNER, o))
    months = sorted({str(m) for m in calendar["month"].tolist()})
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
                name=owner,
                x=months,
                y=[by_month.get(m, (0, 0.0))[1] for m in months],
                text=[str(by_month[m][0]) if m in by_month else "" for m in months],
                textposition="inside",
                marker_color=UNOWNED_COLOUR if unowned else next(palette),
                marker_pattern_shape="x" if unowned else "",
                hovertemplate="%{x|%b %Y}: %{text} renewals, %{y:,.0f}<extra>"
                + owner.replace("<", "&lt;")
                + "</extra>",
            )
        )
    figure.update_layout(
        barmode="stack",
        title="Renewals by month (ARR; the number is the count of accounts)",
        xaxis={"title": None, "tickformat": "%b %Y"},
        yaxis_title=f"ARR renewing ({report.currency})",
        legend_title="Owner",
        height=400,
        margin=_PORTFOLIO_MARGIN,
    )
    return figure


def tiers_figure(report: PortfolioReport) -> go.Figure:
    """Accounts per ABC tier, each bar labelled with its share of ARR."""
    tiers = report.tiers
    figure = go.Figure(
        go.Bar(
            x=[f"Tier {t.tier}" for t in tiers],
            y=[t.accounts for t in tiers],
            text=[f"{t.accounts} accounts · {wording.percent(t.share)} of ARR" for t in tiers],
            textposition="outside",
            marker_color=list(TIER_COLOURS),
        )
    )
    figure.update_layout(
        title="Tiers by cumulative ARR (A: first 80%, B: next 15%, C: last 5%)",
        yaxis_title="Accounts",
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
            x=[0, 100], y=[0, 100], mode="lines", name="Every account equal", line={"dash": "dot"}
        )
    )
    figure.add_trace(
        go.Scatter(
            x=[100 * x for x, _ in conc.curve],
            y=[100 * y for _, y in conc.curve],
            mode="lines",
            name="This portfolio",
        )
    )
    if conc.top_decile_share is not None and conc.accounts:
        figure.add_trace(
            go.Scatter(
                x=[100 * conc.top_decile_accounts / conc.accounts],
                y=[100 * conc.top_decile_share],
                mode="markers+text",
                text=[f"top 10%: {wording.percent(conc.top_decile_share)} of ARR"],
                textposition="bottom right",
                name="Top 10% of accounts",
            )
        )
    figure.update_layout(
        title="Concentration: share of ARR held by the largest accounts",
        xaxis_title="Accounts, largest first (%)",
        yaxis_title="Cumulative share of ARR (%)",
        height=360,
        margin=_PORTFOLIO_MARGIN,
    )
    return figure
