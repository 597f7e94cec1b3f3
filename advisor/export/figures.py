"""The brief's figures: the recommendation charts from `advisor.charts` and the payout chart.

The role page shows the same payout figure, so what the user tunes is what the brief prints.
"""

from __future__ import annotations

import plotly.graph_objects as go

from advisor import wording
from advisor.brief import Brief
from advisor.charts import plotly_text, score_contributions_figure, whatif_figure
from advisor.role import Compensation

# Base pay in a neutral grey; components in distinct colours that also print in greyscale.
BASE_COLOUR = "#9aa5b1"
COMPONENT_COLOURS = ("#1b7f4b", "#2f6db5", "#c98a00", "#7a4fb3", "#b3261e", "#3d8c8c")


def payout_figure(compensation: Compensation) -> go.Figure:
    """Stacked pay at each attainment level: base plus each variable component, total on top."""
    rows = compensation.payout_rows()
    labels = [f"{row.attainment * 100:.0f}% attainment" for row in rows]
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
                f"{wording.money(row.total, currency)} ({row.share_of_ote * 100:.0f}% of OTE)"
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
    """The plotly figure behind one of the brief's chart blocks."""
    if key == "score":
        return score_contributions_figure(brief.assessment)
    if key == "whatif":
        return whatif_figure(brief.assessment, brief.pack)
    if key == "payout":
        return payout_figure(brief.role.compensation)
    raise KeyError(f"no chart named {key!r}")
