"""The app in a real browser: `streamlit run` driven through headless Chromium."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from browser_support import StreamlitServer, full_page_screenshot, number_field, set_number

from advisor.profile import load_profile, profile_to_dict
from advisor.samples import sample_path

pytestmark = pytest.mark.browser

ACCOUNTS = "Active client accounts (accounts)"
ACORN = "Acorn Labs (not yet)"


def expect(target: Any) -> Any:
    from playwright.sync_api import expect as playwright_expect

    playwright_expect.set_options(timeout=30_000)  # a cold first run imports plotly
    return playwright_expect(target)


def banner(page: Any, verdict: str) -> Any:
    """The verdict banner's title once it reads `verdict` (and what holds the readiness back)."""
    return page.get_by_text(re.compile(rf"^{re.escape(verdict)} · readiness \d+/100(, .+)?$"))


def open_assess(page: Any, server: StreamlitServer) -> None:
    page.goto(server.url)
    expect(page.get_by_role("heading", name="Assess")).to_be_visible()
    expect(number_field(page, ACCOUNTS)).to_be_visible()


def load_sample(page: Any, name: str) -> None:
    page.get_by_test_id("stSelectbox").filter(has_text="Start from a sample company").click()
    page.get_by_role("option", name=name).click()
    page.get_by_role("button", name="Load sample").click()
    expect(page.get_by_text(f"Loaded the sample {name}.")).to_be_visible()


def test_changing_accounts_flips_the_verdict_and_the_charts_render(
    page: Any, app_server: StreamlitServer, tmp_path: Path
) -> None:
    open_assess(page, app_server)
    load_sample(page, ACORN)
    expect(number_field(page, ACCOUNTS)).to_have_value("8")
    expect(banner(page, "Not yet")).to_be_visible()

    set_number(page, ACCOUNTS, 22)
    expect(banner(page, "Prepare to hire")).to_be_visible()
    expect(number_field(page, ACCOUNTS)).to_have_value("22")
    expect(page).to_have_url(re.compile(r"active_accounts=22"))

    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Recommendation").click()
    expect(page.get_by_role("heading", name="Recommendation")).to_be_visible()
    expect(banner(page, "Prepare to hire")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/recommendation\?.*active_accounts=22"))
    charts = page.get_by_test_id("stPlotlyChart")
    expect(charts.first).to_be_visible()
    what_if = charts.filter(has_text="Readiness against active accounts")
    expect(what_if.locator("svg.main-svg").first).to_be_visible()
    expect(what_if.locator(".scatterlayer path.point").first).to_be_attached()  # markers drawn

    screenshot = tmp_path / "recommendation.png"
    full_page_screenshot(page, screenshot)
    assert screenshot.stat().st_size > 50_000


def test_a_shared_link_reopens_the_case(page: Any, app_server: StreamlitServer) -> None:
    open_assess(page, app_server)
    set_number(page, ACCOUNTS, 37)
    expect(page).to_have_url(re.compile(r"active_accounts=37"))
    link = page.url

    page.goto("about:blank")
    page.goto(link)
    expect(number_field(page, ACCOUNTS)).to_have_value("37")


def test_download_and_bad_upload(page: Any, app_server: StreamlitServer, tmp_path: Path) -> None:
    open_assess(page, app_server)
    load_sample(page, ACORN)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download this profile (YAML)").click()
    saved = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    assert saved.name == "acorn-labs.yaml"
    assert profile_to_dict(load_profile(saved)) == profile_to_dict(load_profile(sample_path(ACORN)))

    bad = tmp_path / "bad.yaml"
    bad.write_text(
        saved.read_text(encoding="utf-8").replace("active_accounts: 8", "active_accounts: -3")
    )
    page.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(str(bad))
    expect(
        page.get_by_text("bad.yaml was not loaded; the inputs below are unchanged.")
    ).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"bad\.yaml:\d+: active_accounts: -3 is negative"))
    ).to_be_visible()
    expect(number_field(page, ACCOUNTS)).to_have_value("8")
