"""The Recommendation page: the verdict, why, the money at stake, the plan its dates mean and how
far it is from changing.

Every figure, date and sentence about the hire comes from the session's assessment (evaluated
once on the session's `as_of`) and the presenter `advisor.present`, so the page says what the
reports and the brief say, in the same words and the same rounding.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from advisor import charts, present
from advisor.engine import Assessment, RuleResult
from advisor.fields import FIELDS
from advisor.pack import RulePack
from advisor.present import Line
from advisor.ui import state
from advisor.ui.components import data_table, plain, verdict_banner, wrapped_row_height
from advisor.ui.fields import field_widget
from advisor.whatif import SWEEPABLE
from advisor.wording import effect_words

WHATIF_SLIDER = "recommendation.active_accounts"
WHATIF_FIELD = "recommendation.whatif_field"
HOURS_INPUT = "recommendation.renewal_hours"
_CHART_CONFIG = {"displaylogo": False, "responsive": True}


def _chart(figure: Any, key: str) -> None:
    st.plotly_chart(figure, key=key, config=_CHART_CONFIG, width="stretch")


def effect_text(result: RuleResult) -> str:
    return effect_words(result.score, result.cap, result.verdict)


def _reasons(assessment: Assessment) -> None:
    st.subheader("Why")
    reasons = assessment.key_reasons()
    if not reasons:
        st.write("No rule fired: nothing in the profile argues for or against a hire yet.")
    for result in reasons:
        with st.container(border=True):
            st.markdown(f"**{plain(result.title)}** · {plain(effect_text(result))}")
            st.markdown(plain(result.explanation))
            if result.rationale:
                st.caption(plain(result.rationale))
            st.caption(f"Source: {plain(result.source)} · rule {plain(result.rule_id)}")


def _flip_points(assessment: Assessment) -> None:
    st.subheader("What would change the verdict")
    if not assessment.flip_points:
        st.write(
            "No single input, changed on its own within a plausible range, changes this verdict."
        )
        return
    st.caption("The nearest value of each input at which the verdict changes, all else equal.")
    st.markdown("\n".join(f"- {plain(flip.sentence)}" for flip in assessment.flip_points))


def _blockers(assessment: Assessment) -> None:
    if not assessment.blockers:
        return
    st.subheader("What holds the verdict back")
    st.markdown("\n".join(f"- {plain(blocker)}" for blocker in assessment.blockers))


# The economics cards: the figure each card leads with, and the figures shown under it, by
# their keys in `present.economics_lines` (the same lines, in the same words, as every report).
ECONOMICS_CARDS = (
    ("total_arr", ("gross_profit",)),
    ("arr_at_risk", ("expansion",)),
    ("cost_share", ("team_cost", "am_cost", "pay_band")),  # the pay band when a country is given
    ("payback", ("payback_range",)),
    ("am_count", ("am_count", "book_basis", "team_today", "client_hours", "next_am")),
    ("break_even", ("supported_from",)),
)
HIRE_COLUMNS = ("Hire", "Needed from", "Open the search", "Carries the book from")
COST_COLUMNS = ("Quarter", "AMs paid", "Team cost (salaries and recruiting)")
DATE_KEYS = (
    "search_opens_on",
    "starts_on",
    "carries_from",
    "turns_hire_now_on",
    "zone_reached_on",
    "reassess_on",
)


def _card(
    lead: Line, details: list[Line], extra: tuple[str, ...] = (), figure: str | None = None
) -> None:
    """One economics card: the lead figure as the reports word it (or, for the AM count, the
    count alone, with its line under it), then the figures under it."""
    with st.container(border=True):
        st.markdown(f"**{plain(lead.label)}**", help=plain(lead.note) if lead.note else None)
        st.markdown(f"#### {plain(figure or lead.text)}")
        for line in details:
            st.caption(
                f"{plain(line.label)}: {plain(line.text)}",
                help=plain(line.note) if line.note else None,
            )
        for text in extra:
            st.caption(plain(text))


def _economics(assessment: Assessment, pack: RulePack) -> None:
    lines = {line.key: line for line in present.economics_lines(assessment)}
    st.subheader("The money at stake")
    for row in (ECONOMICS_CARDS[:3], ECONOMICS_CARDS[3:]):
        for column, (key, under) in zip(st.columns(3), row, strict=True):
            extra: tuple[str, ...] = ()
            if key == "payback":
                extra = present.payback_details(assessment, pack.am_effect)
            figure = (
                present.am_count_text(assessment.economics.recommended_am_count)
                if key == "am_count"
                else None
            )
            with column:
                _card(lines[key], [lines[name] for name in under if name in lines], extra, figure)
    with st.expander("Every figure of the economics, as the reports give it"):
        data_table(
            [
                {"Figure": line.label, "Value": line.text, "How it is worked out": line.note}
                for line in lines.values()
            ],
            hide_index=True,
            width="stretch",
            key="recommendation.economics",
        )
        st.caption(plain(present.payback_details(assessment, pack.am_effect)[-1]))
        data_table(
            [
                dict(zip(("Effect", "Low", "Expected", "High"), row, strict=True))
                for row in present.effect_rows(pack.am_effect)
            ],
            hide_index=True,
            width="stretch",
            key="recommendation.effect",
        )


def _whatif(assessment: Assessment, pack: RulePack) -> None:
    st.subheader("What if one input changed?")
    field = st.selectbox(
        "Input to move",
        SWEEPABLE,
        index=SWEEPABLE.index("active_accounts"),
        format_func=lambda name: FIELDS[name].label,
        key=WHATIF_FIELD,
        help="Any numeric input of the profile; `advisor sweep PROFILE FIELD` prints the same.",
    )
    _chart(charts.sweep_figure(assessment, pack, field), "chart.whatif")
    st.caption(
        f"Each marker is the verdict at that value of {FIELDS[field].label.lower()} with every "
        "other input as today. Shaded: the score bands of each verdict"
        + (", and the segment's hiring zone." if field == "active_accounts" else ".")
    )


def _plan(assessment: Assessment, pack: RulePack) -> None:
    """What the verdict means in dates, all counted from the assessment's one `as_of`."""
    st.subheader("When: the plan for this verdict")
    st.caption(f"Every date counts from {present.date(assessment.as_of)}.")
    st.markdown(plain(present.plan_summary(assessment)))
    lines = present.plan_lines(assessment)
    dates = [line for line in lines if line.key in DATE_KEYS]
    if dates:
        st.markdown("\n".join(f"- **{plain(line.label)}:** {plain(line.text)}" for line in dates))
    after = next((line for line in lines if line.key == "after_fix"), None)
    if after is not None:
        st.markdown(f"**{plain(after.label)}:** the verdict would be {plain(after.text)}.")
    figures = present.plan_figure_rows(assessment, pack)
    if figures:
        with st.expander("What these dates are counted from"):
            st.table(
                [dict(zip(("Figure", "Value", "Source"), row, strict=True)) for row in figures],
                border="horizontal",
                hide_index=True,
            )


def _team(assessment: Assessment) -> None:
    team = assessment.team
    st.subheader("The team plan")
    st.markdown(plain(present.team_plan_sentence(assessment)))
    if team is None or not team.hires:
        return
    # Static tables: a handful of rows each, every one in view and readable as text.
    hires_col, cost_col = st.columns([3, 2], gap="large")
    with hires_col:
        st.table(
            [dict(zip(HIRE_COLUMNS, row, strict=True)) for row in present.hire_rows(team)],
            border="horizontal",
            hide_index=True,
        )
    with cost_col:
        rows = present.cost_rows(team, assessment.economics.currency)
        st.table(
            [dict(zip(COST_COLUMNS, row, strict=True)) for row in rows],
            border="horizontal",
            hide_index=True,
        )


def _growth(assessment: Assessment, pack: RulePack) -> None:
    growth = assessment.growth
    st.subheader("Growth, and what waiting costs")
    st.markdown(plain(present.waiting_sentence(assessment)))
    if growth is None or not growth.pace:
        st.markdown(plain(present.growth_sentence(assessment)))
        st.info(
            "Enter *New accounts per quarter* on the Assess page to see in which quarter the "
            "book reaches the hiring zone and when each Account Manager is needed.",
            icon=":material/event:",
        )
        return
    text_col, chart_col = st.columns([1, 2], gap="large")
    with text_col:
        st.markdown(plain(present.growth_sentence(assessment)))
        st.caption(
            "Counts the new accounts a quarter from the Assess page and no losses; churn would "
            "push these dates out."
        )
    with chart_col:
        _chart(charts.growth_figure(assessment, pack), "chart.growth")


def _workload(assessment: Assessment, pack: RulePack) -> None:
    st.subheader(present.workload_title(assessment, pack))
    text_col, chart_col = st.columns([1, 2], gap="large")
    with text_col:
        st.markdown(plain(present.workload_sentence(assessment)))
        with st.container(border=True):
            field_widget("renewal_hours_per_month", HOURS_INPUT)
    if assessment.workload is not None:
        with chart_col:
            _chart(charts.timing_figure(assessment), "chart.workload")


def trace_rows(assessment: Assessment) -> list[dict[str, str]]:
    return [
        {
            "Fired": "✔ fired" if result.fired else "– no",
            "Rule": result.rule_id,
            "Title": result.title,
            "What decided it": result.explanation,
            "Effect": effect_text(result),
            "Source": result.source,
            "Where": result.location,
        }
        for result in assessment.trace
    ]


def _trace(assessment: Assessment) -> None:
    fired = len(assessment.fired)
    with st.expander(f"Full trace: every rule, fired or not ({fired} of {len(assessment.trace)})"):
        # Narrow ID and title columns leave "What decided it" its whole text within the first
        # screen at 1280 px; rows of four lines hold its longest sentence.
        data_table(
            trace_rows(assessment),
            hide_index=True,
            width="stretch",
            height="content",
            row_height=wrapped_row_height(4),
            key="recommendation.trace",
            column_config={
                "Fired": st.column_config.TextColumn(width=70),
                "Rule": st.column_config.TextColumn(width=205),
                "Title": st.column_config.TextColumn(width=165),
                "What decided it": st.column_config.TextColumn(width=330),
                "Effect": st.column_config.TextColumn(width=150),
                "Source": st.column_config.TextColumn(width="large"),
            },
        )
        pack = assessment.pack
        st.caption(
            f"Rule pack {plain(pack.name)} {plain(pack.version)}, digest {pack.digest}. "
            "Sources name the practitioner article each figure comes from, or say it is a "
            "product default."
        )


def render() -> None:
    pack = state.current_pack()
    assessment = state.current_assessment()
    profile = assessment.profile
    st.title("Recommendation")
    st.caption(f"For {plain(profile.company)}, with the inputs from the Assess page.")
    verdict_banner(assessment)
    st.caption(f"The case was {plain(assessment.judged_by)}.")
    for warning in assessment.warnings:
        st.warning(f"Check these figures: {plain(warning)}.", icon=":material/rule:")

    left, right = st.columns([1, 1.5], gap="large")
    with left:
        _chart(charts.readiness_gauge_figure(assessment, pack), "chart.gauge")
        if assessment.gated:
            st.caption(plain(present.gauge_caption(assessment)))
        with st.container(border=True):
            field_widget(
                "active_accounts",
                WHATIF_SLIDER,
                slider_max=max(100, 2 * profile.active_accounts),
            )
            st.caption("Move it to see the verdict change; it changes the case on every page.")
        _blockers(assessment)
    with right:
        _reasons(assessment)

    flips, contributions = st.columns(2, gap="large")
    with flips:
        _flip_points(assessment)
    with contributions:
        st.subheader("What pushed the score")
        if assessment.gated:
            st.write(
                "Nothing: the delivery gate decides this verdict, so it has no readiness score. "
                "The rules that fired are under *Why* and in the full trace."
            )
        elif assessment.fired:
            _chart(charts.score_contributions_figure(assessment), "chart.contributions")
        else:
            st.write("No rule fired, so nothing moved the score.")
    _economics(assessment, pack)
    _plan(assessment, pack)
    _team(assessment)
    _growth(assessment, pack)
    _workload(assessment, pack)
    _whatif(assessment, pack)
    _trace(assessment)
