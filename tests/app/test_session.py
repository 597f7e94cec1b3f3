"""Across pages and sessions: navigation, state kept between pages, the shareable link,
and two sessions on one server never seeing each other's inputs."""

from __future__ import annotations

import pytest
from apptest_support import (
    PAGE_SCRIPTS,
    go_to,
    open_app,
    page_text,
    verdict_label,
)

from advisor.engine import evaluate
from advisor.pack import DEFAULT_RULES_DIR, RulePack
from advisor.profile import load_profile, parse_profile, profile_from_query, profile_to_query
from advisor.samples import DEFAULT_SAMPLE, sample_path
from advisor.ui.fields import widget_key
from advisor.ui.recommendation_page import WHATIF_SLIDER
from advisor.ui.rules_page import UPLOAD as PACK_UPLOAD
from advisor.ui.state import PROFILE_VALUES

ACCOUNTS = widget_key("active_accounts")


@pytest.mark.parametrize("page", list(PAGE_SCRIPTS))
def test_every_page_opens_without_an_error(page: str) -> None:
    at = open_app(page)
    assert not at.main.error
    assert "Current case" in page_text(at)  # the sidebar summary is on every page


def test_inputs_survive_moving_between_pages() -> None:
    at = open_app()
    at.number_input(key=ACCOUNTS).set_value(40).run()
    at.text_input(key=widget_key("company")).set_value("Kept Co").run()
    for page in ("Recommendation", "Rules", "Role", "Portfolio", "Assess"):
        go_to(at, page)
    assert at.number_input(key=ACCOUNTS).value == 40
    assert at.text_input(key=widget_key("company")).value == "Kept Co"
    go_to(at, "Recommendation")
    assert at.slider(key=WHATIF_SLIDER).value == 40


def test_a_shared_link_reopens_the_same_case(pack: RulePack) -> None:
    at = open_app()
    at.number_input(key=ACCOUNTS).set_value(17).run()
    at.number_input(key=widget_key("nrr")).set_value(None).run()
    at.selectbox(key=widget_key("churn_trend")).set_value("stable").run()
    link = dict(at.query_params)
    assert link["active_accounts"] == "17"
    assert link["churn_trend"] == "stable"
    assert "nrr" not in link
    assert link["gross_margin"] == "0.62"  # plain text, never an encoded object

    reopened = open_app(query_params=link)
    # Notes stay out of the address (free text), so the reopened case is the same without them.
    values = {k: v for k, v in at.session_state[PROFILE_VALUES].items() if k != "notes"}
    profile = parse_profile(values)
    assert parse_profile(dict(reopened.session_state[PROFILE_VALUES])) == profile
    assert reopened.number_input(key=ACCOUNTS).value == 17
    assert verdict_label(reopened) == evaluate(profile, pack).verdict_label


def test_a_link_opens_on_any_page() -> None:
    link = profile_to_query(load_profile(sample_path("Acorn Labs (not yet)")))
    at = open_app("Recommendation", query_params=link)
    assert "For Acorn Labs" in page_text(at)


def test_a_bad_link_names_the_field_and_opens_the_sample() -> None:
    link = profile_to_query(load_profile(sample_path("Acorn Labs (not yet)")))
    link["gross_margin"] = "70"
    link["segment"] = "midmarket"
    at = open_app(query_params=link)
    warning = page_text(at)
    assert "The link's profile was not used" in warning
    assert 'gross_margin: 70 is not a rate between 0 and 1; did you mean "70%"?' in warning
    assert "segment: 'midmarket' is not one of smb, mid_market, enterprise" in warning
    assert at.text_input(key=widget_key("company")).value == "Northwind Analytics"
    at.button(key="shell.dismiss_link").click().run()
    assert "The link's profile was not used" not in page_text(at)


def test_the_link_is_read_only_through_the_profile_validators() -> None:
    assert profile_from_query({"utm_source": "mail"}) is None
    profile = load_profile(sample_path(DEFAULT_SAMPLE))
    assert profile_from_query({**profile_to_query(profile), "utm_source": "mail"}) == profile


def test_two_sessions_do_not_see_each_others_inputs_or_packs(pack: RulePack) -> None:
    first = open_app()
    first.number_input(key=ACCOUNTS).set_value(3).run()
    go_to(first, "Rules")
    thresholds = (DEFAULT_RULES_DIR / "10-thresholds.yaml").read_bytes()
    later = thresholds.replace(
        b"mid_market: {low: 15, high: 25}", b"mid_market: {low: 25, high: 35}"
    )
    first.file_uploader(key=PACK_UPLOAD).set_value(
        [("10-thresholds.yaml", later, "application/yaml")]
    ).run()
    assert "Now assessing with" in page_text(first)

    second = open_app()
    assert second.number_input(key=ACCOUNTS).value == 22
    expected = evaluate(load_profile(sample_path(DEFAULT_SAMPLE)), pack)
    assert verdict_label(second) == expected.verdict_label
    go_to(second, "Rules")
    assert "Differences from the default pack" not in page_text(second)

    go_to(first, "Assess")
    assert first.number_input(key=ACCOUNTS).value == 3


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("BrightPath Digital (prepare)", "short of"),
        ("Ferro Industrial Consulting (fix delivery first)", "Not scored: "),
    ],
)
def test_sidebar_readiness_says_what_holds_it_back_like_the_banner(
    name: str, says: str, pack: RulePack
) -> None:
    """The sidebar repeats the banner's readiness: what holds a score back, and "not scored"
    for a gate's verdict (never "readiness 100/100" beside "Fix delivery first")."""
    profile = load_profile(sample_path(name))
    assessment = evaluate(profile, pack)
    at = open_app("Recommendation", query_params=profile_to_query(profile))
    sidebar = " ".join(c.value for c in at.sidebar.caption)
    expected = assessment.readiness[:1].upper() + assessment.readiness[1:]
    assert expected in sidebar, sidebar
    assert says in sidebar
    assert f"{profile.active_accounts} active accounts" in sidebar
    if assessment.gated:
        assert "Readiness " not in sidebar
