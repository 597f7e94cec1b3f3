"""The Recommendation page: verdict, reasons, charts, economics, what-ifs and the trace."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from apptest_support import (
    EXPANDER_WIDTH_AT_1280_PX,
    column_settings,
    go_to,
    open_app,
    page_text,
    plotly_titles,
    table_with_column,
    unescape,
    verdict_banner,
    verdict_label,
)
from streamlit.testing.v1 import AppTest

from advisor import wording
from advisor.engine import evaluate
from advisor.hire_by import compute_hire_by
from advisor.pack import RulePack
from advisor.profile import load_profile, parse_profile
from advisor.samples import DEFAULT_SAMPLE, SAMPLES, sample_path
from advisor.timeline import growth_timeline
from advisor.ui.fields import widget_key
from advisor.ui.recommendation_page import HOURS_INPUT, WHATIF_FIELD, WHATIF_SLIDER
from advisor.ui.state import PROFILE_VALUES

BRIGHTPATH = "BrightPath Digital (prepare)"
FERRO = "Ferro Industrial Consulting (fix delivery first)"


def open_sample(name: str) -> AppTest:
    at = open_app()
    at.selectbox(key="assess.sample").set_value(name).run()
    at.button(key="assess.load_sample").click().run()
    return go_to(at, "Recommendation")


@pytest.mark.parametrize("name", list(SAMPLES))
def test_the_banner_gives_verdict_icon_and_headline(name: str, pack: RulePack) -> None:
    at = open_sample(name)
    expected = evaluate(load_profile(sample_path(name)), pack)
    assert verdict_label(at) == expected.verdict_label
    banner = verdict_banner(at)
    assert banner.proto.icon.startswith(":material/")  # an icon, not colour alone
    assert expected.readiness in unescape(banner.proto.title)
    assert unescape(banner.value) == expected.headline


def test_charts_are_built_for_gauge_contributions_what_if_and_timeline() -> None:
    at = open_app("Recommendation")
    titles = plotly_titles(at)
    assert "Readiness score" in titles
    assert any(t.startswith("What moved the readiness score (total 95 of 100)") for t in titles)
    assert "Readiness against active accounts (all else equal)" in titles
    assert "Active accounts by quarter at today's pace (all else equal)" in titles


def test_reasons_flip_points_and_sources_come_from_the_core(pack: RulePack) -> None:
    at = open_app("Recommendation")
    expected = evaluate(load_profile(sample_path(DEFAULT_SAMPLE)), pack)
    text = page_text(at)
    for reason in expected.key_reasons():
        assert reason.title in text
        assert reason.explanation in text
        assert f"Source: {reason.source} · rule {reason.rule_id}" in text
    assert expected.flip_points
    for flip in expected.flip_points:
        assert flip.sentence in text


def test_economics_cards_show_money_with_units(pack: RulePack) -> None:
    at = open_app("Recommendation")
    economics = evaluate(load_profile(sample_path(DEFAULT_SAMPLE)), pack).economics
    metrics = {metric.label: metric.value for metric in at.main.metric}
    assert metrics["Annual recurring revenue"] == wording.money(economics.total_arr)
    assert metrics["ARR at risk from churn"] == wording.money(economics.arr_at_risk)
    share = economics.am_cost_share_of_gross_profit
    assert share is not None and economics.payback_months is not None
    assert metrics["Team cost vs gross profit"] == wording.percent(share, 0)
    assert metrics["Payback of the team"] == f"{economics.payback_months:.0f} months"
    assert metrics["Account Managers this book needs"] == "1 AM"
    text = page_text(at)
    assert (
        f"{wording.money(economics.team_cost)} a year for 1 × {wording.money(economics.am_cost)}"
        in text
    )
    assert "per year: 22 accounts × €36,000 average contract value" in text
    assert all(metric.help for metric in at.main.metric)


def test_blockers_are_listed_when_something_holds_the_verdict_back(pack: RulePack) -> None:
    at = open_sample(BRIGHTPATH)
    expected = evaluate(load_profile(sample_path(BRIGHTPATH)), pack)
    assert expected.blockers
    text = page_text(at)
    assert "What holds the verdict back" in text
    for blocker in expected.blockers:
        assert blocker in text


def test_the_delivery_gate_is_explained() -> None:
    at = open_sample(FERRO)
    assert "The delivery gate decides this verdict whatever the readiness score says." in (
        page_text(at)
    )


def test_the_timeline_sentence_names_the_quarter(pack: RulePack) -> None:
    at = open_app()
    at.number_input(key=widget_key("active_accounts")).set_value(9).run()
    go_to(at, "Recommendation")
    profile = parse_profile(dict(at.session_state[PROFILE_VALUES]))
    timeline = growth_timeline(profile, pack, dt.date.today())
    assert timeline is not None and timeline.zone_reached is not None
    assert (
        f"At +3 accounts a quarter you reach the hiring zone in {timeline.zone_reached.label}"
        in (page_text(at))
    )


def test_without_a_growth_pace_the_page_asks_for_one() -> None:
    at = open_sample(FERRO)  # Ferro gives no accounts_added_per_quarter
    assert "New accounts per quarter" in page_text(at)
    assert "Active accounts by quarter at today's pace (all else equal)" not in plotly_titles(at)


def test_the_workshop_slider_flips_the_verdict_everywhere(pack: RulePack) -> None:
    at = open_sample("Acorn Labs (not yet)")
    assert at.slider(key=WHATIF_SLIDER).value == 8
    at.slider(key=WHATIF_SLIDER).set_value(22).run()
    acorn = load_profile(sample_path("Acorn Labs (not yet)"))
    expected = evaluate(acorn.model_copy(update={"active_accounts": 22}), pack)
    assert verdict_label(at) == expected.verdict_label != evaluate(acorn, pack).verdict_label
    go_to(at, "Assess")
    assert at.number_input(key=widget_key("active_accounts")).value == 22
    assert verdict_label(at) == expected.verdict_label


def test_the_trace_lists_every_rule_with_its_source(pack: RulePack) -> None:
    at = open_app("Recommendation")
    expected = evaluate(load_profile(sample_path(DEFAULT_SAMPLE)), pack)
    expander = at.main.expander[0]
    assert expander.label.startswith(f"Full trace: every rule, fired or not ({len(expected.fired)}")
    table = expander.dataframe[0].value
    assert list(table["Rule"]) == [result.rule_id for result in expected.trace]
    assert list(table["Source"]) == [result.source for result in expected.trace]
    assert list(table["What decided it"]) == [result.explanation for result in expected.trace]
    fired = table[table["Fired"] == "✔ fired"]
    assert list(fired["Rule"]) == [result.rule_id for result in expected.fired]


def test_the_score_chart_has_one_labelled_bar_per_fired_rule(pack: RulePack) -> None:
    at = open_sample(BRIGHTPATH)
    expected = evaluate(load_profile(sample_path(BRIGHTPATH)), pack)
    spec = next(
        json.loads(chart.proto.spec)
        for chart in at.get("plotly_chart")
        if "What moved" in json.loads(chart.proto.spec)["layout"].get("title", {}).get("text", "")
    )
    bars = spec["data"][0]
    bars["y"] = [label.replace("<br>", " ") for label in bars["y"]]  # long titles wrap
    assert sorted(bars["y"]) == sorted(result.title for result in expected.fired)
    labels = dict(zip(bars["y"], bars["text"], strict=True))
    below_zone = pack.rule("PORT-BELOW-ZONE")
    assert below_zone.effect.score == 0 and below_zone.id in [r.rule_id for r in expected.fired]
    assert labels[below_zone.title] == "at best prepare"
    upsell = next(r for r in expected.fired if r.score > 0)
    assert labels[upsell.title] == f"{upsell.score:+.0f} points"


def test_the_whatif_chart_sweeps_the_picked_input() -> None:
    at = open_sample(BRIGHTPATH)
    assert any("against active accounts" in title for title in plotly_titles(at))
    at.selectbox(key=WHATIF_FIELD).set_value("gross_margin").run()
    assert not at.exception
    assert any("against gross margin" in title for title in plotly_titles(at))


def test_the_economics_cards_show_the_team_and_the_two_affordability_figures() -> None:
    at = open_sample(BRIGHTPATH)
    text = page_text(at)
    assert "Payback of the team" in text and "Team cost vs gross profit" in text
    assert "the margin supports an AM from" in text


def test_trace_what_decided_it_column_is_in_view_and_wraps_not_truncated() -> None:
    at = open_app("Recommendation")
    table = table_with_column(at, "What decided it")
    settings = column_settings(table)
    assert table.proto.row_height > 64  # Streamlit wraps cell text only in rows taller than 4rem
    shown = ("Fired", "Rule", "Title", "What decided it")
    assert sum(settings[name]["width"] for name in shown) <= EXPANDER_WIDTH_AT_1280_PX
    width = settings["What decided it"]["width"]
    longest = max(len(text) for text in table.value["What decided it"])
    lines = -(-longest // (width // 7))  # about 7 px a character
    assert lines * 21 <= table.proto.row_height


def test_the_hire_by_date_its_chart_and_the_hours_input_come_from_the_core(
    pack: RulePack,
) -> None:
    at = open_app("Recommendation")
    profile = load_profile(sample_path(DEFAULT_SAMPLE))
    hire_by = compute_hire_by(profile, pack, dt.date.today())
    assert hire_by.date is not None
    metrics = {metric.label: metric.value for metric in at.main.metric}
    assert metrics["Hire by"] == wording.long_date(hire_by.date)
    assert metrics["Recruiting + ramp-up"] == "180 days"
    assert metrics["Renewal hours the team can give"] == "16 h a month"
    assert "Renewal workload against the hours the team can give" in plotly_titles(at)
    text = page_text(at)
    assert "By when the Account Manager must be productive" in text
    assert hire_by.summary in text
    # More hours from the founder move the capacity everywhere the case is read.
    at.number_input(key=HOURS_INPUT).set_value(40).run()
    metrics = {metric.label: metric.value for metric in at.main.metric}
    assert metrics["Renewal hours the team can give"] == "40 h a month"
    assert at.session_state[PROFILE_VALUES]["renewal_hours_per_month"] == 40
    chart = next(
        json.loads(chart.proto.spec)
        for chart in at.get("plotly_chart")
        if "Renewal workload" in json.dumps(json.loads(chart.proto.spec).get("layout", {}))
    )
    assert chart["data"][1]["y"][0] == 40
