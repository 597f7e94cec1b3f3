"""Plotly figures built from core results; the app shows them and the brief embeds them.

Figures carry text labels on every bar and marker so they read without colour.
"""

from __future__ import annotations

import plotly.graph_objects as go

from advisor.engine import LADDER, Assessment, Verdict, sweep
from advisor.rules import RulePack

VERDICT_COLOURS = {
    Verdict.HIRE_NOW.value: "#1b7f4b",
    Verdict.PREPARE.value: "#c98a00",
    Verdict.NOT_YET.value: "#5b6b7a",
    Verdict.FIX_DELIVERY_FIRST.value: "#b3261e",
}


def score_contributions_figure(assessment: Assessment) -> go.Figure:
    """One horizontal bar per fired rule with a score effect: what pushed readiness up or down."""
    fired = [r for r in assessment.fired if r.score != 0]
    fired.sort(key=lambda r: r.score)
    figure = go.Figure(
        go.Bar(
            x=[r.score for r in fired],
            y=[r.title for r in fired],
            orientation="h",
            marker_color=["#1b7f4b" if r.score > 0 else "#b3261e" for r in fired],
            text=[f"{r.score:+.0f}" for r in fired],
            textposition="outside",
            hovertext=[f"{r.rule_id}: {r.source}" for r in fired],
            hoverinfo="text",
        )
    )
    figure.update_layout(
        title=f"What moved the readiness score (total {assessment.score:.0f} of 100)",
        xaxis_title="Score points",
        yaxis_title=None,
        height=max(260, 40 * len(fired) + 120),
        margin={"l": 10, "r": 40, "t": 60, "b": 40},
        showlegend=False,
    )
    return figure


def whatif_points(active_accounts: int) -> list[int]:
    """Account counts from 0 to twice today's book (at least 0–40), at most ~120 points."""
    top = max(2 * active_accounts, 40)
    step = max(1, top // 120)
    return list(range(0, top + 1, step))


def whatif_figure(assessment: Assessment, pack: RulePack) -> go.Figure:
    """Readiness score and verdict against active accounts, all else equal; today marked."""
    profile = assessment.profile
    points = whatif_points(profile.active_accounts)
    results = sweep(profile, pack, "active_accounts", points)
    figure = go.Figure()
    figure.add_trace(
        go.Scatter(
            x=points,
            y=[score for _, _, score in results],
            mode="lines",
            name="Readiness score",
            line={"color": "#33475b"},
        )
    )
    for verdict in (*LADDER, Verdict.FIX_DELIVERY_FIRST):
        xs = [x for x, v, _ in results if v == verdict]
        if xs:
            figure.add_trace(
                go.Scatter(
                    x=xs,
                    y=[s for _, v, s in results if v == verdict],
                    mode="markers",
                    name=pack.verdict_labels[verdict.value],
                    marker={"color": VERDICT_COLOURS[verdict.value], "size": 7},
                )
            )
    zone = pack.thresholds.get("trigger_zone")
    if zone is not None and zone.is_range:
        low, high = zone.resolve(profile.segment.value)  # type: ignore[misc]
        figure.add_vrect(
            x0=low,
            x1=high,
            fillcolor="#1b7f4b",
            opacity=0.08,
            line_width=0,
            annotation_text="hiring zone",
            annotation_position="top left",
        )
    figure.add_hline(y=pack.scoring.hire_now_at, line_dash="dot", annotation_text="hire now")
    figure.add_hline(y=pack.scoring.prepare_at, line_dash="dot", annotation_text="prepare")
    figure.add_vline(
        x=profile.active_accounts,
        line_color="#000",
        annotation_text=f"today: {profile.active_accounts}",
    )
    figure.update_layout(
        title="Readiness against active accounts (all else equal)",
        xaxis_title="Active client accounts",
        yaxis_title="Readiness score (0–100)",
        yaxis_range=[-2, 102],
        height=380,
        margin={"l": 10, "r": 10, "t": 60, "b": 40},
        legend={"orientation": "h", "y": -0.25},
    )
    return figure
