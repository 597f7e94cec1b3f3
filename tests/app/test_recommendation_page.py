"""The Recommendation page: verdict, reasons, charts, economics, the plan, what-ifs and the trace.

Every figure, date and sentence about the hire is the assessment's, in the presenter's words
(`advisor.present`), counted from the session's one `as_of`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from apptest_support import (
    EXPANDER_WIDTH_AT_1280_PX,
    column_settings,
    go_to,
    open_app,
    page_text,
    plotly_titles,
    table_with_column,
    text_tables,
    unescape,
    verdict_banner,
    verdict_label,
)
from msgspec.structs import replace
from sample_cases import SMB_TEAM
from saved_cases import add_client, save_case
from streamlit.testing.v1 import AppTest

from advisor import present
from advisor.chart_content import score_content
from advisor.engine import Assessment, evaluate
from advisor.pack import RulePack
from advisor.profile import (
    CompanyProfile,
    load_profile,
    parse_profile,
    profile_to_dict,
    profile_to_query,
)
from advisor.samples import DEFAULT_SAMPLE, SAMPLES, sample_path
from advisor.ui.fields import widget_key
from advisor.ui.recommendation_page import (
    COST_COLUMNS,
    ECONOMICS_CARDS,
    ECONOMICS_OPEN,
    HIRE_COLUMNS,
    HOURS_INPUT,
    TRACE_OPEN,
    WHATIF_FIELD,
    WHATIF_SLIDER,
)
from advisor.ui.state import AS_OF, PROFILE_VALUES

BRIGHTPATH = "BrightPath Digital (prepare)"
FERRO = "Ferro Industrial Consulting (fix delivery first)"
ACORN = "Acorn Labs (not yet)"
# A day that is not today, so a page that took its own `date.today()` would show.
SESSION_DAY = dt.date(2025, 3, 14)


def open_sample(name: str) -> AppTest:
    at = open_app()
    at.selectbox(key="assess.sample").set_value(name).run()
    at.button(key="assess.load_sample").click().run()
    return go_to(at, "Recommendation")


def variant(name: str = DEFAULT_SAMPLE, **changes: Any) -> CompanyProfile:
    """A sample with some inputs changed, validated as the app validates them."""
    return parse_profile({**profile_to_dict(load_profile(sample_path(name))), **changes})


def open_case(profile: CompanyProfile, page: str = "Recommendation") -> AppTest:
    """The app opened on `profile` by its link, counting its dates from `SESSION_DAY`."""
    return open_app(page, query_params=profile_to_query(profile), as_of=SESSION_DAY)


def assessed(profile: CompanyProfile, pack: RulePack) -> Assessment:
    return evaluate(profile, pack, as_of=SESSION_DAY)


def smb_team() -> CompanyProfile:
    return variant(**SMB_TEAM)


def table(at: AppTest, column: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = table_with_column(at, column).value.to_dict("records")
    return rows


def static_table(at: AppTest, column: str) -> list[dict[str, str]]:
    """The rows of the page's static table (in Markdown) that has `column`."""
    found = [rows for rows in text_tables(at) if rows and column in rows[0]]
    assert found, f"no table shows a {column!r} column"
    return found[0]


@pytest.mark.parametrize("name", list(SAMPLES))
def test_the_banner_gives_verdict_icon_and_headline(name: str, pack: RulePack) -> None:
    at = open_sample(name)
    expected = evaluate(load_profile(sample_path(name)), pack)
    assert verdict_label(at) == expected.verdict_label
    banner = verdict_banner(at)
    assert banner.proto.icon.startswith(":material/")  # an icon, not colour alone
    assert unescape(banner.proto.title) == present.verdict_title(expected)
    assert unescape(banner.value) == expected.headline


def test_charts_are_built_for_gauge_contributions_what_if_growth_and_workload(
    pack: RulePack,
) -> None:
    at = open_app("Recommendation")
    expected = evaluate(load_profile(sample_path(DEFAULT_SAMPLE)), pack)
    titles = plotly_titles(at)
    assert "Readiness score" in titles
    assert score_content(expected).title in titles
    assert "Readiness against active accounts (all else equal)" in titles
    assert "Active accounts by quarter at today's pace (all else equal)" in titles
    assert "Renewal hours of the accounts no Account Manager carries" in titles


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


def test_the_recommendation_page_shows_the_payback_as_the_report_does(pack: RulePack) -> None:
    """Every economics card and the full table say what `present.economics_lines` says: the
    lines the text and Markdown reports, the brief and the comparison print."""
    profile = variant()
    at = open_case(profile)
    expected = assessed(profile, pack)
    lines = {line.key: line for line in present.economics_lines(expected)}
    text = page_text(at)
    for key, under in ECONOMICS_CARDS:
        assert f"**{lines[key].label}**" in text
        if key == "am_count":
            count = present.am_count_text(expected.economics.recommended_am_count)
            assert f"#### {count}" in text
        else:
            assert f"#### {lines[key].text}" in text
        for name in under:
            if name == "pay_band":
                assert name not in lines  # shown only when the profile names a country
                continue
            assert f"{lines[name].label}: {lines[name].text}" in text
    payback = lines["payback"]
    assert payback.text == present.payback_text(expected.economics.payback_months)
    assert f"#### {payback.text}" in text
    assert f"Payback, low / expected / high effect: {lines['payback_range'].text}" in text
    how, assumption = present.payback_details(expected, pack.am_effect)
    assert how in text and assumption in text
    assert pack.am_effect.source in assumption
    every = table(_opened(at, ECONOMICS_OPEN), "How it is worked out")
    assert [(row["Figure"], row["Value"], row["How it is worked out"]) for row in every] == [
        (line.label, line.text, line.note) for line in lines.values()
    ]
    # No rounding of its own: "32.4 months" or "32 months" is the presenter's choice only.
    assert not re.search(r"\d+\.\d months", text)


def test_an_empty_payback_reads_the_same_on_every_page(pack: RulePack, workspace_url: str) -> None:
    """Today's team carries the book: the payback reads as the presenter words it on the
    Recommendation page and in Compare, never "not reached", "not defined" or "n/a"."""
    profile = variant(current_account_managers=1)
    expected = assessed(profile, pack)
    assert expected.economics.payback.hires == 0
    shown = present.line(expected, "payback").text
    assert shown == "no hire needed"
    at = open_case(profile)
    text = page_text(at)
    assert f"#### {shown}" in text
    payback, payback_range = (present.line(expected, key) for key in ("payback", "payback_range"))
    every = {
        row["Figure"]: row["Value"]
        for row in table(_opened(at, ECONOMICS_OPEN), "How it is worked out")
    }
    assert every[payback.label] == shown
    assert every[payback_range.label] == shown

    client = add_client(workspace_url, "Northwind")
    save_case(workspace_url, client, "covered", profile)
    save_case(workspace_url, client, "needs a hire", variant())
    compare = open_app("Compare", as_of=SESSION_DAY)
    rows = {row["Item"]: row for row in table(compare, "Section")}
    assert rows[payback.label]["A: covered"] == shown
    assert rows[payback_range.label]["A: covered"] == shown
    for page in (text, page_text(compare)):
        for variant_text in ("not reached", "not reachable", "n/a", "no profit"):
            assert variant_text not in page


@pytest.mark.parametrize("name", list(SAMPLES))
def test_the_app_never_says_hire_by_already_past_for_prepare(name: str, pack: RulePack) -> None:
    """Whatever the verdict, the plan is the assessment's: no "hire by … already past", and no
    date shown is before the day the session counts from."""
    profile = load_profile(sample_path(name))
    expected = assessed(profile, pack)
    at = open_case(profile)
    text = page_text(at)
    assert present.plan_summary(expected) in text
    for wrong in ("already past", "(passed)", "Hire by", "hire by"):
        assert wrong not in text, wrong
    for line in present.plan_lines(expected):
        if line.key in ("search_opens_on", "starts_on", "carries_from", "reassess_on"):
            assert f"**{line.label}:** {line.text}" in text
    plan = expected.plan
    assert plan is not None
    assert all(
        day is None or day >= SESSION_DAY
        for day in (plan.search_opens_on, plan.starts_on, plan.carries_from, plan.reassess_on)
    )


def test_the_page_dates_come_from_one_as_of_per_session(pack: RulePack) -> None:
    profile = variant()
    at = open_case(profile)
    expected = assessed(profile, pack)
    text = page_text(at)
    assert "Every date counts from 14 March 2025." in text
    assert present.plan_summary(expected) in text
    assert present.growth_sentence(expected) in text
    assert present.workload_sentence(expected) in text
    counted = [(r["Figure"], r["Value"], r["Source"]) for r in static_table(at, "Source")]
    assert counted == present.plan_figure_rows(expected, pack)
    # The session keeps its one day across reruns and pages (the Role page dates its brief
    # with it).
    go_to(at, "Role")
    go_to(at, "Recommendation")
    assert at.session_state[AS_OF] == SESSION_DAY
    assert "Every date counts from 14 March 2025." in page_text(at)


def test_a_new_session_counts_from_today() -> None:
    at = open_app("Recommendation")
    today = dt.date.today()
    assert at.session_state[AS_OF] in (today, today - dt.timedelta(days=1))  # near midnight
    assert f"Every date counts from {present.date(at.session_state[AS_OF])}." in page_text(at)


def test_a_book_needing_several_ams_gets_a_date_per_hire_and_team_cost_by_quarter(
    pack: RulePack,
) -> None:
    profile = smb_team()
    expected = assessed(profile, pack)
    assert expected.team is not None and len(expected.team.hires) > 2
    at = open_case(profile)
    hires = static_table(at, "Carries the book from")
    assert [tuple(row[c] for c in HIRE_COLUMNS) for row in hires] == present.hire_rows(
        expected.team
    )
    costs = static_table(at, COST_COLUMNS[-1])
    rows = present.cost_rows(expected.team, expected.economics.currency)
    assert len(rows) == 8
    assert [tuple(row[c] for c in COST_COLUMNS) for row in costs] == rows
    text = page_text(at)
    assert present.team_plan_sentence(expected) in text
    assert present.waiting_sentence(expected) in text


def test_the_cadence_share_names_the_team_it_is_a_share_of(pack: RulePack) -> None:
    """A book that needs four AMs: its hours are a share of four AMs' hours, never "98% of one
    AM", on the Recommendation page and the Role page alike."""
    profile = variant(
        company="Pebble SMB",
        segment="smb",
        active_accounts=300,
        current_account_managers=2,
        avg_contract_value=6000,
        gross_margin=0.8,
    )
    expected = assessed(profile, pack)
    economics = expected.economics
    assert economics.recommended_am_count > 1
    sentence = present.hours_sentence(economics)
    assert f"of {economics.recommended_am_count} AMs'" in sentence
    recommendation = page_text(open_case(profile))
    assert f"Client hours the book needs: {sentence}" in recommendation
    role = page_text(open_case(profile, "Role"))
    assert f"Client hours the book needs: {sentence}." in role
    for text in (recommendation, role):
        assert "of one Account Manager's client time" not in text
        assert not re.search(r"\d+% of one (AM|Account Manager)", text)


def test_a_gated_verdict_shows_no_readiness_score(pack: RulePack) -> None:
    profile = load_profile(sample_path(FERRO))
    expected = assessed(profile, pack)
    assert expected.gated
    at = open_case(profile)
    title = unescape(verdict_banner(at).proto.title)
    assert title == present.verdict_title(expected)
    assert "not scored" in title
    text = page_text(at)
    assert not re.search(r"readiness \d+/100", text)
    assert present.gauge_caption(expected) in text
    gauge = next(
        json.loads(chart.proto.spec)
        for chart in at.get("plotly_chart")
        if "Readiness score" in json.dumps(json.loads(chart.proto.spec)["data"][0].get("title"))
    )
    assert gauge["data"][0]["mode"] == "gauge"  # no number, and the bar is not drawn
    assert gauge["data"][0]["gauge"]["bar"]["color"] == "rgba(0,0,0,0)"
    assert not any(t.startswith("What moved the readiness score") for t in plotly_titles(at))


def test_blockers_are_listed_when_something_holds_the_verdict_back(pack: RulePack) -> None:
    at = open_sample(BRIGHTPATH)
    expected = evaluate(load_profile(sample_path(BRIGHTPATH)), pack)
    assert expected.blockers
    text = page_text(at)
    assert "What holds the verdict back" in text
    for blocker in expected.blockers:
        assert blocker in text


def test_the_growth_sentence_names_the_quarter(pack: RulePack) -> None:
    at = open_app(as_of=SESSION_DAY)
    at.number_input(key=widget_key("active_accounts")).set_value(9).run()
    go_to(at, "Recommendation")
    profile = parse_profile(dict(at.session_state[PROFILE_VALUES]))
    expected = assessed(profile, pack)
    assert expected.growth is not None and expected.growth.zone_reached is not None
    sentence = present.growth_sentence(expected)
    assert expected.growth.zone_reached.label in sentence
    assert sentence in page_text(at)


def test_without_a_growth_pace_the_page_asks_for_one() -> None:
    at = open_sample(FERRO)  # Ferro gives no accounts_added_per_quarter
    assert "New accounts per quarter" in page_text(at)
    assert "Active accounts by quarter at today's pace (all else equal)" not in plotly_titles(at)


def test_the_workshop_slider_flips_the_verdict_everywhere(pack: RulePack) -> None:
    at = open_sample(ACORN)
    assert at.slider(key=WHATIF_SLIDER).value == 8
    at.slider(key=WHATIF_SLIDER).set_value(22).run()
    acorn = load_profile(sample_path(ACORN))
    expected = evaluate(replace(acorn, active_accounts=22), pack)
    assert verdict_label(at) == expected.verdict_label != evaluate(acorn, pack).verdict_label
    go_to(at, "Assess")
    assert at.number_input(key=widget_key("active_accounts")).value == 22
    assert verdict_label(at) == expected.verdict_label


def _opened(at: AppTest, key: str) -> AppTest:
    """The page again with the expander under `key` opened, as a click on it does."""
    at.session_state[key] = True
    return at.run()


def test_the_trace_lists_every_rule_with_its_source(pack: RulePack) -> None:
    at = _opened(open_app("Recommendation"), TRACE_OPEN)
    expected = evaluate(load_profile(sample_path(DEFAULT_SAMPLE)), pack)
    expander = next(e for e in at.main.expander if e.label.startswith("Full trace"))
    assert expander.label.startswith(f"Full trace: every rule, fired or not ({len(expected.fired)}")
    trace = expander.dataframe[0].value
    assert list(trace["Rule"]) == [result.rule_id for result in expected.trace]
    assert list(trace["Source"]) == [result.source for result in expected.trace]
    assert list(trace["What decided it"]) == [result.explanation for result in expected.trace]
    fired = trace[trace["Fired"] == "✔ fired"]
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


def test_trace_what_decided_it_column_is_in_view_and_wraps_not_truncated() -> None:
    at = _opened(open_app("Recommendation"), TRACE_OPEN)
    trace = table_with_column(at, "What decided it")
    settings = column_settings(trace)
    assert trace.proto.row_height > 64  # Streamlit wraps cell text only in rows taller than 4rem
    shown = ("Fired", "Rule", "Title", "What decided it")
    assert sum(settings[name]["width"] for name in shown) <= EXPANDER_WIDTH_AT_1280_PX
    width = settings["What decided it"]["width"]
    longest = max(len(text) for text in trace.value["What decided it"])
    lines = -(-longest // (width // 7))  # about 7 px a character
    assert lines * 21 <= trace.proto.row_height


def test_the_workload_its_chart_and_the_hours_input_come_from_the_assessment(
    pack: RulePack,
) -> None:
    profile = variant()
    at = open_case(profile)
    expected = assessed(profile, pack)
    assert present.workload_sentence(expected) in page_text(at)

    def workload_chart() -> dict[str, Any]:
        return next(
            json.loads(chart.proto.spec)
            for chart in at.get("plotly_chart")
            if "Renewal hours of the accounts" in json.dumps(json.loads(chart.proto.spec)["layout"])
        )

    assert workload_chart()["data"][1]["y"][0] == profile.renewal_hours_per_month
    # More hours from the founder move the capacity everywhere the case is read.
    at.number_input(key=HOURS_INPUT).set_value(40).run()
    assert at.session_state[PROFILE_VALUES]["renewal_hours_per_month"] == 40
    assert workload_chart()["data"][1]["y"][0] == 40
    moved = assessed(variant(renewal_hours_per_month=40), pack)
    assert present.workload_sentence(moved) in page_text(at)


def test_the_cost_card_shows_the_pay_band_of_the_profiles_country(pack: RulePack) -> None:
    profile = variant(country="ES", city_band="madrid_barcelona")
    at = open_case(profile)
    lines = {line.key: line for line in present.economics_lines(assessed(profile, pack))}
    text = page_text(at)
    band = lines["pay_band"]
    assert band.label == "AM pay band (Spain, Madrid or Barcelona)"
    assert f"{band.label}: {band.text}" in text
    assert f"{lines['am_cost'].label}: {lines['am_cost'].text}" in text
    assert "expected (" in lines["am_cost"].text  # the band's low–high beside the midpoint


def test_the_trace_and_the_economics_tables_are_drawn_only_once_their_expander_is_opened() -> None:
    """A link opens the page with both expanders closed and no table in them (a browser takes a
    moment to set each up); opening one reruns the page with its tables, and it stays open
    while the case changes."""

    def tables(at: AppTest) -> dict[str, int]:
        return {
            expander.label.split(":")[0].split(",")[0]: len(expander.dataframe)
            for expander in at.main.expander
            if expander.label.startswith(("Full trace", "Every figure of the economics"))
        }

    at = open_app("Recommendation")
    assert tables(at) == {"Full trace": 0, "Every figure of the economics": 0}
    at = _opened(at, TRACE_OPEN)
    assert tables(at) == {"Full trace": 1, "Every figure of the economics": 0}
    at = _opened(at, ECONOMICS_OPEN)
    assert tables(at) == {"Full trace": 1, "Every figure of the economics": 2}
    at.slider(key=WHATIF_SLIDER).set_value(60).run()  # another verdict, another trace title
    assert tables(at) == {"Full trace": 1, "Every figure of the economics": 2}
