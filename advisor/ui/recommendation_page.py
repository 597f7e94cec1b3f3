"""The Recommendation page: the verdict, why, the money at stake and how far it is from changing."""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from advisor import charts, wording
from advisor.engine import Assessment, RuleResult, Verdict
from advisor.fields import FIELDS
from advisor.hire_by import Status, compute_hire_by
from advisor.pack import RulePack
from advisor.timeline import growth_timeline
from advisor.ui import state
from advisor.ui.components import data_table, plain, verdict_banner, wrapped_row_height
from advisor.ui.fields import choice_text, field_widget
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


def _card(label: str, value: str, detail: str, why: str) -> None:
    with st.container(border=True):
        st.metric(label, value, help=why)
        st.caption(detail)


def _economics(assessment: Assessment, pack: RulePack) -> None:
    economics = assessment.economics
    profile = assessment.profile
    currency = economics.currency

    def money(amount: float) -> str:
        return wording.money(amount, currency)

    st.subheader("The money at stake")
    first = st.columns(3)
    with first[0]:
        _card(
            "Annual recurring revenue",
            money(economics.total_arr),
            f"per year: {profile.active_accounts} accounts × "
            f"{money(profile.avg_contract_value)} average contract value",
            "Active accounts × average contract value: the book an AM would look after.",
        )
    with first[1]:
        _card(
            "ARR at risk from churn",
            money(economics.arr_at_risk),
            f"per year: {wording.percent(profile.logo_churn_rate)} logo churn, about "
            f"{economics.accounts_at_risk:.1f} accounts",
            "ARR × logo churn: the revenue lost in a year if nothing changes.",
        )
    with first[2]:
        share = economics.am_cost_share_of_gross_profit
        _card(
            "Team cost vs gross profit",
            wording.percent(share, 0) if share is not None else "no profit",
            f"{money(economics.team_cost)} a year for {economics.recommended_am_count} × "
            f"{money(economics.am_cost)} ({economics.am_cost_source}) against "
            f"{money(economics.gross_profit)} a year of gross profit",
            "The cost of the AMs the book needs as a share of the book's gross profit (ARR × "
            "gross margin). Enter your own cost on the Assess page to replace the benchmark.",
        )
    second = st.columns(3)
    with second[0]:
        months = economics.payback_months
        _card(
            "Payback of the team",
            f"{months:.0f} months" if months is not None else "not reached",
            f"{money(economics.expected_gross_profit_gain)} a year of extra gross profit expected; "
            f"next AM's marginal case: {_next_am(economics, money)}",
            "The team's cost ÷ the monthly gross profit the AMs are expected to add: "
            f"{money(economics.expected_retained_arr)} a year of ARR kept from churn plus "
            f"{money(economics.expected_expansion_arr)} a year of expansion, at "
            f"{wording.percent(profile.gross_margin)} gross margin. Effect sizes: "
            f"{pack.am_impact.source}.",
        )
    with second[1]:
        count = economics.recommended_am_count
        _card(
            "Account Managers this book needs",
            f"{count} AM" + ("s" if count != 1 else ""),
            wording.team_coverage(
                economics.current_account_managers,
                economics.accounts_covered_by_team,
                count,
                economics.next_am_due_at_accounts,
            ),
            f"At most {economics.accounts_per_am} accounts per AM "
            f"({choice_text(profile.segment.value).lower()}) and the cadence's "
            f"{economics.cadence_hours:,.0f} client hours a month at "
            f"{economics.client_hours_per_am:g} per AM. {pack.book_size_source}",
        )
    with second[2]:
        accounts = economics.break_even_accounts
        _card(
            "Break-even book for one AM",
            f"{accounts:.1f} accounts" if accounts is not None else "not reachable",
            f"{money(economics.break_even_arr)} of ARR at today's margin; the margin supports an "
            f"AM from {economics.supported_from_accounts:.1f} accounts "
            f"({economics.affordability_floor:g}× one AM's cost)"
            if economics.break_even_arr is not None and economics.supported_from_accounts
            else "no gross margin to pay for the role",
            "The accounts, at the average contract value, whose gross profit equals one AM's "
            f"cost. The affordability rule asks for {economics.affordability_floor:g}× that: "
            + (
                f"the margin supports an AM from {economics.supported_from_accounts:.1f} accounts."
                if economics.supported_from_accounts is not None
                else "no margin supports an AM."
            ),
        )


def _next_am(economics: Any, money: Any) -> str:
    if not economics.next_am_accounts:
        return "none needed now"
    months = economics.next_am_payback_months
    payback = f"{months:.0f} months" if months is not None else "not reached"
    return f"{economics.next_am_accounts:,} accounts, payback {payback}"


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


def _growth(assessment: Assessment, pack: RulePack) -> None:
    profile = assessment.profile
    timeline = growth_timeline(profile, pack, date.today())
    st.subheader("When you get there")
    if timeline is None:
        st.info(
            "Enter *New accounts per quarter* on the Assess page to see in which quarter the "
            "book reaches the hiring zone.",
            icon=":material/event:",
        )
        return
    text_col, chart_col = st.columns([1, 2], gap="large")
    with text_col:
        st.markdown(plain(timeline.summary))
        st.caption(
            f"Counts {wording.plural(timeline.accounts_added_per_quarter, 'new account')} a "
            "quarter (from the "
            "Assess page) and no losses; churn would push these dates out."
        )
    with chart_col:
        _chart(charts.growth_figure(timeline, pack, profile.segment.value), "chart.growth")


def _hire_by(assessment: Assessment, pack: RulePack) -> None:
    hire_by = compute_hire_by(assessment.profile, pack, date.today())
    st.subheader("By when the Account Manager must be productive")
    date_text = wording.long_date(hire_by.date) if hire_by.date else "no date"
    carries = (
        wording.long_date(hire_by.reaches_on)
        if hire_by.reaches_on
        else f"not within {len(hire_by.months)} months"
    )
    lead = hire_by.recruiting_days + hire_by.ramp_days
    cards = st.columns(4)
    cards[0].metric(
        "Hire by",
        date_text,
        "already past" if hire_by.status is Status.PAST else None,
        delta_color="inverse",
        help="The month the AM must carry the book, less recruiting and ramp-up.",
    )
    cards[1].metric(
        "AM carries the book from",
        carries,
        help="The first month the book reaches the hiring zone or its renewals outgrow the "
        "hours the team can give.",
    )
    cards[2].metric(
        "Recruiting + ramp-up",
        f"{lead} days",
        help=f"{hire_by.recruiting_days} days to recruit and {hire_by.ramp_days} days to ramp "
        "up, from the rule pack.",
    )
    cards[3].metric(
        "Renewal hours the team can give",
        f"{wording.hours(hire_by.capacity_hours)} a month",
        help="The founder/AE's hours for renewals, plus a full book's renewals for each "
        "current AM.",
    )
    text_col, chart_col = st.columns([1, 2], gap="large")
    with text_col:
        st.markdown(plain(hire_by.summary))
        with st.container(border=True):
            field_widget("renewal_hours_per_month", HOURS_INPUT)
        st.caption(
            f"Recruiting {hire_by.recruiting_days} days: {plain(hire_by.sources['recruiting_lead_days'])}. "
            f"Ramp-up {hire_by.ramp_days} days: {plain(hire_by.sources['ramp_days'])}. "
            f"{wording.hours(hire_by.hours_per_renewal)} per renewal: "
            f"{plain(hire_by.sources['hours_per_renewal'])}."
        )
    with chart_col:
        _chart(charts.hire_by_figure(hire_by), "chart.hire_by")


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
    if assessment.verdict == Verdict.FIX_DELIVERY_FIRST:
        st.caption("The delivery gate decides this verdict whatever the readiness score says.")

    left, right = st.columns([1, 1.5], gap="large")
    with left:
        _chart(charts.readiness_gauge_figure(assessment, pack), "chart.gauge")
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
        if assessment.fired:
            _chart(charts.score_contributions_figure(assessment), "chart.contributions")
        else:
            st.write("No rule fired, so nothing moved the score.")
    _economics(assessment, pack)
    _whatif(assessment, pack)
    _growth(assessment, pack)
    _hire_by(assessment, pack)
    _trace(assessment)
