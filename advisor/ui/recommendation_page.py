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
from advisor.i18n import N_, _, p_
from advisor.pack import RulePack
from advisor.present import Line
from advisor.ui import state
from advisor.ui.components import (
    data_table,
    plain,
    text_table,
    verdict_banner,
    wrapped_row_height,
)
from advisor.ui.fields import field_widget
from advisor.whatif import SWEEPABLE
from advisor.wording import effect_words

WHATIF_SLIDER = "recommendation.active_accounts"
WHATIF_FIELD = "recommendation.whatif_field"
HOURS_INPUT = "recommendation.renewal_hours"
_CHART_CONFIG = {"displaylogo": False, "responsive": True}


def _chart(figure: Any, key: str) -> None:
    st.plotly_chart(figure, key=key, config=_CHART_CONFIG, width="stretch")


# The keys of the expanders whose tables are drawn only once they are opened.
ECONOMICS_OPEN = "recommendation.economics_open"
TRACE_OPEN = "recommendation.trace_open"


def _closed_until_opened(label: str, key: str) -> Any:
    """An expander that reruns the page as it opens or closes: its `open` says whether to draw
    what is inside (a table a browser takes a moment to set up, on a page a link opens).

    A label that changes with the case (the trace's counts) makes it another expander, which
    opens if the last one was open."""
    shown, was_open = f"{key}.label", f"{key}.was_open"
    if st.session_state.get(shown, label) != label and st.session_state.get(was_open):
        st.session_state[key] = True
    expander = st.expander(label, key=key, on_change="rerun")
    st.session_state[shown] = label
    st.session_state[was_open] = bool(expander.open)
    return expander


def effect_text(result: RuleResult) -> str:
    return effect_words(result.score, result.cap, result.verdict)


def _reasons(assessment: Assessment) -> None:
    st.subheader(_("Why"))
    reasons = assessment.key_reasons()
    if not reasons:
        st.write(_("No rule fired: nothing in the profile argues for or against a hire yet."))
    for result in reasons:
        with st.container(border=True):
            st.markdown(f"**{plain(result.title)}** · {plain(effect_text(result))}")
            st.markdown(plain(result.explanation))
            if result.rationale:
                st.caption(plain(result.rationale))
            st.caption(
                _(
                    "Source: {source} · rule {rule}",
                    source=plain(result.source),
                    rule=plain(result.rule_id),
                )
            )


def _flip_points(assessment: Assessment) -> None:
    st.subheader(_("What would change the verdict"))
    if not assessment.flip_points:
        st.write(
            _("No single input, changed on its own within a plausible range, changes this verdict.")
        )
        return
    st.caption(_("The nearest value of each input at which the verdict changes, all else equal."))
    st.markdown("\n".join(f"- {plain(flip.sentence)}" for flip in assessment.flip_points))


def _blockers(assessment: Assessment) -> None:
    if not assessment.blockers:
        return
    st.subheader(_("What holds the verdict back"))
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
HIRE_COLUMNS = (N_("Hire"), N_("Needed from"), N_("Open the search"), N_("Carries the book from"))
COST_COLUMNS = (N_("Quarter"), N_("AMs paid"), N_("Team cost (salaries and recruiting)"))
EFFECT_COLUMNS = (N_("Effect"), N_("Low"), N_("Expected"), N_("High"))
FIGURE_COLUMNS = (N_("Figure"), N_("Value"), N_("Source"))
DATE_KEYS = (
    "search_opens_on",
    "starts_on",
    "carries_from",
    "turns_hire_now_on",
    "zone_reached_on",
    "reassess_on",
)


def _columns(names: tuple[str, ...]) -> tuple[str, ...]:
    """A table's column headers in the session's language."""
    return tuple(_(name) for name in names)


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
    st.subheader(_("The money at stake"))
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
    figures = _closed_until_opened(
        _("Every figure of the economics, as the reports give it"), ECONOMICS_OPEN
    )
    if not figures.open:
        return  # drawn only once opened: tables load slowly in the browser
    with figures:
        data_table(
            [
                {
                    p_("column", "Figure"): line.label,
                    p_("column", "Value"): line.text,
                    p_("column", "How it is worked out"): line.note,
                }
                for line in lines.values()
            ],
            hide_index=True,
            width="stretch",
            key="recommendation.economics",
        )
        st.caption(plain(present.payback_details(assessment, pack.am_effect)[-1]))
        data_table(
            [
                dict(zip(_columns(EFFECT_COLUMNS), row, strict=True))
                for row in present.effect_rows(pack.am_effect)
            ],
            hide_index=True,
            width="stretch",
            key="recommendation.effect",
        )


def _whatif(assessment: Assessment, pack: RulePack) -> None:
    st.subheader(_("What if one input changed?"))
    field = st.selectbox(
        _("Input to move"),
        SWEEPABLE,
        index=SWEEPABLE.index("active_accounts"),
        format_func=lambda name: _(FIELDS[name].label),
        key=WHATIF_FIELD,
        help=_("Any numeric input of the profile; `advisor sweep PROFILE FIELD` prints the same."),
    )
    _chart(charts.sweep_figure(assessment, pack, field), "chart.whatif")
    if field == "active_accounts":
        caption = _(
            "Each marker is the verdict at that value of {input} with every other input as "
            "today. Shaded: the score bands of each verdict, and the segment's hiring zone.",
            input=_(FIELDS[field].label).lower(),
        )
    else:
        caption = _(
            "Each marker is the verdict at that value of {input} with every other input as "
            "today. Shaded: the score bands of each verdict.",
            input=_(FIELDS[field].label).lower(),
        )
    st.caption(caption)


def _plan(assessment: Assessment, pack: RulePack) -> None:
    """What the verdict means in dates, all counted from the assessment's one `as_of`."""
    st.subheader(_("When: the plan for this verdict"))
    st.caption(_("Every date counts from {date}.", date=present.date(assessment.as_of)))
    st.markdown(plain(present.plan_summary(assessment)))
    lines = present.plan_lines(assessment)
    dates = [line for line in lines if line.key in DATE_KEYS]
    if dates:
        st.markdown("\n".join(f"- **{plain(line.label)}:** {plain(line.text)}" for line in dates))
    after = next((line for line in lines if line.key == "after_fix"), None)
    if after is not None:
        st.markdown(
            _(
                "**{label}:** the verdict would be {verdict}.",
                label=plain(after.label),
                verdict=plain(after.text),
            )
        )
    figures = present.plan_figure_rows(assessment, pack)
    if figures:
        with st.expander(_("What these dates are counted from")):
            text_table([dict(zip(_columns(FIGURE_COLUMNS), row, strict=True)) for row in figures])


def _team(assessment: Assessment) -> None:
    team = assessment.team
    st.subheader(_("The team plan"))
    st.markdown(plain(present.team_plan_sentence(assessment)))
    if team is None or not team.hires:
        return
    # Static tables: a handful of rows each, every one in view and readable as text.
    hires_col, cost_col = st.columns([3, 2], gap="large")
    with hires_col:
        text_table(
            [dict(zip(_columns(HIRE_COLUMNS), row, strict=True)) for row in present.hire_rows(team)]
        )
    with cost_col:
        rows = present.cost_rows(team, assessment.economics.currency)
        text_table(
            [dict(zip(_columns(COST_COLUMNS), row, strict=True)) for row in rows],
            numeric=(1, 2),  # the AMs paid and the cost
        )


def _growth(assessment: Assessment, pack: RulePack) -> None:
    growth = assessment.growth
    st.subheader(_("Growth, and what waiting costs"))
    st.markdown(plain(present.waiting_sentence(assessment)))
    if growth is None or not growth.pace:
        st.markdown(plain(present.growth_sentence(assessment)))
        st.info(
            _(
                "Enter *{field}* on the Assess page to see in which quarter the book reaches "
                "the hiring zone and when each Account Manager is needed.",
                field=_(FIELDS["accounts_added_per_quarter"].label),
            ),
            icon=":material/event:",
        )
        return
    text_col, chart_col = st.columns([1, 2], gap="large")
    with text_col:
        st.markdown(plain(present.growth_sentence(assessment)))
        st.caption(
            _(
                "Counts the new accounts a quarter from the Assess page and no losses; churn "
                "would push these dates out."
            )
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
            p_("column", "Fired"): _("✔ fired") if result.fired else _("– no"),
            p_("column", "Rule"): result.rule_id,
            p_("column", "Title"): result.title,
            p_("column", "What decided it"): result.explanation,
            p_("column", "Effect"): effect_text(result),
            p_("column", "Source"): result.source,
            p_("column", "Where"): result.location,
        }
        for result in assessment.trace
    ]


def _trace(assessment: Assessment) -> None:
    fired = len(assessment.fired)
    title = _(
        "Full trace: every rule, fired or not ({fired} of {total})",
        fired=fired,
        total=len(assessment.trace),
    )
    trace = _closed_until_opened(title, TRACE_OPEN)
    if not trace.open:
        return  # drawn only once opened: tables load slowly in the browser
    with trace:
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
                p_("column", "Fired"): st.column_config.TextColumn(width=70),
                p_("column", "Rule"): st.column_config.TextColumn(width=205),
                p_("column", "Title"): st.column_config.TextColumn(width=165),
                p_("column", "What decided it"): st.column_config.TextColumn(width=330),
                p_("column", "Effect"): st.column_config.TextColumn(width=150),
                p_("column", "Source"): st.column_config.TextColumn(width="large"),
            },
        )
        pack = assessment.pack
        st.caption(
            _(
                "Rule pack {name} {version}, digest {digest}. Sources name the practitioner "
                "article each figure comes from, or say it is a product default.",
                name=plain(pack.name),
                version=plain(pack.version),
                digest=pack.digest,
            )
        )


def render() -> None:
    pack = state.current_pack()
    assessment = state.current_assessment()
    profile = assessment.profile
    st.title(_("Recommendation"))
    st.caption(
        _("For {company}, with the inputs from the Assess page.", company=plain(profile.company))
    )
    verdict_banner(assessment)
    st.caption(_("The case was {judged_by}.", judged_by=plain(assessment.judged_by)))
    for warning in assessment.warnings:
        st.warning(
            _("Check these figures: {warning}.", warning=plain(warning)), icon=":material/rule:"
        )

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
            st.caption(_("Move it to see the verdict change; it changes the case on every page."))
        _blockers(assessment)
    with right:
        _reasons(assessment)

    flips, contributions = st.columns(2, gap="large")
    with flips:
        _flip_points(assessment)
    with contributions:
        st.subheader(_("What pushed the score"))
        if assessment.gated:
            st.write(
                _(
                    "Nothing: the delivery gate decides this verdict, so it has no readiness "
                    "score. The rules that fired are under *Why* and in the full trace."
                )
            )
        elif assessment.fired:
            _chart(charts.score_contributions_figure(assessment), "chart.contributions")
        else:
            st.write(_("No rule fired, so nothing moved the score."))
    _economics(assessment, pack)
    _plan(assessment, pack)
    _team(assessment)
    _growth(assessment, pack)
    _workload(assessment, pack)
    _whatif(assessment, pack)
    _trace(assessment)
