"""Nothing typed is lost: edits, uploads and mappings survive leaving a page and coming back."""

from __future__ import annotations

from datetime import date

from apptest_support import assert_no_exception, go_to, open_app
from streamlit.testing.v1 import AppTest

from advisor import wording
from advisor.pack import DEFAULT_RULES_DIR
from advisor.profile import load_profile, profile_from_partial_query, profile_to_query
from advisor.samples import DEFAULT_SAMPLE, sample_path
from advisor.ui.fields import widget_key
from advisor.ui.portfolio_page import SOURCE_UPLOAD
from advisor.ui.rules_page import UPLOAD as PACK_UPLOAD


def test_role_edits_survive_a_visit_to_another_page() -> None:
    at = open_app("Role")
    at.text_input(key="role.title").set_value("Client Partner").run()
    at.text_area(key="role.mission").set_value("Keep every client growing.").run()
    at.number_input(key="role.ote").set_value(99_000).run()
    at.slider(key="role.share.renewal").set_value(50).run()
    at.session_state["role.editor.handover.0.0"] = {
        "edited_rows": {0: {"item": "Shadow two renewal calls"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    go_to(at, "Assess")
    go_to(at, "Role")
    assert at.text_input(key="role.title").value == "Client Partner"
    assert at.text_area(key="role.mission").value == "Keep every client growing."
    assert at.number_input(key="role.ote").value == 99_000
    assert at.slider(key="role.share.renewal").value == 50
    assert [h.value for h in at.header] == ["Client Partner"]
    edits = at.session_state["role_edits"]
    assert edits["title"] == "Client Partner"
    assert edits["compensation"]["ote"] == 99_000
    assert edits["handover"][0]["item"] == "Shadow two renewal calls"
    # The editor shows the edited row again, and a rerun keeps it.
    at.run()
    assert at.session_state["role_edits"]["handover"][0]["item"] == "Shadow two renewal calls"


EXPORT = b"Client,Start value,End value,Rep\nOak,1000,1200,Ann\nPine,500,0,\nNova,0,300,Ann\n"


def _upload_and_map() -> AppTest:
    at = open_app("Portfolio")
    at.radio(key="portfolio_source").set_value(SOURCE_UPLOAD).run()
    at.file_uploader(key="portfolio_upload").set_value(("crm.csv", EXPORT, "text/csv")).run()
    at.selectbox(key="portfolio_map_arr_start").set_value("Start value")
    at.selectbox(key="portfolio_map_arr_end").set_value("End value")
    at.selectbox(key="portfolio_map_owner").set_value("Rep").run()
    at.date_input(key="portfolio_as_of").set_value(date(2025, 6, 30)).run()
    assert_no_exception(at)
    assert {m.label: m.value for m in at.metric}["Net revenue retention"] == "80%"
    return at


def test_an_uploaded_crm_export_and_its_mapping_survive_a_page_change() -> None:
    at = _upload_and_map()
    go_to(at, "Recommendation")
    go_to(at, "Portfolio")
    assert at.radio(key="portfolio_source").value == SOURCE_UPLOAD
    assert at.selectbox(key="portfolio_map_arr_start").value == "Start value"
    assert at.date_input(key="portfolio_as_of").value == date(2025, 6, 30)
    assert {m.label: m.value for m in at.metric}["Net revenue retention"] == "80%"
    assert any("Still reading crm.csv" in c.value for c in at.caption)
    # A change on the page itself keeps reading the same file.
    at.number_input(key="portfolio_period").set_value(12).run()
    assert {m.label: m.value for m in at.metric}["Net revenue retention"] == "80%"


def test_a_kept_upload_can_be_replaced() -> None:
    at = _upload_and_map()
    go_to(at, "Assess")
    go_to(at, "Portfolio")
    at.button(key="portfolio_forget_upload").click().run()
    assert_no_exception(at)
    assert "Upload the accounts export" in " ".join(i.value for i in at.info)


def test_a_partial_link_keeps_its_fields_and_names_those_taken_from_the_sample() -> None:
    at = open_app(query_params={"active_accounts": "40", "company": "Oak & Pine"})
    assert at.number_input(key=widget_key("active_accounts")).value == 40
    assert at.text_input(key=widget_key("company")).value == "Oak & Pine"
    notice = " ".join(i.value for i in at.info)
    assert "The link gave only some of the inputs" in notice
    assert "taken from the sample company Northwind Analytics" in notice
    assert wording.label("gross_margin") in notice
    assert wording.label("active_accounts") not in notice
    assert at.query_params["active_accounts"] in ("40", ["40"])
    at.button(key="shell.dismiss_filled").click().run()
    assert "The link gave only some" not in " ".join(i.value for i in at.info)
    assert at.number_input(key=widget_key("active_accounts")).value == 40


def test_a_whole_link_fills_nothing_from_the_sample() -> None:
    profile = load_profile(sample_path("Acorn Labs (not yet)"))
    base = load_profile(sample_path(DEFAULT_SAMPLE))
    link = profile_to_query(profile)
    assert profile_from_partial_query(link, base) == (profile, ())
    at = open_app(query_params=link)
    assert "The link gave only some" not in " ".join(i.value for i in at.info)


def test_the_link_offer_warns_that_an_uploaded_pack_does_not_travel_with_it() -> None:
    at = open_app("Rules")
    sidebar = " ".join(c.value for c in at.sidebar.caption)
    assert "bookmark or share the link" in sidebar
    thresholds = (DEFAULT_RULES_DIR / "10-thresholds.yaml").read_bytes()
    at.file_uploader(key=PACK_UPLOAD).set_value(
        [("10-thresholds.yaml", thresholds.replace(b"low: 15", b"low: 16"), "application/yaml")]
    ).run()
    warning = " ".join(w.value for w in at.sidebar.warning)
    assert "not the uploaded rule pack" in warning
    assert "bookmark or share the link" not in " ".join(c.value for c in at.sidebar.caption)


def test_the_role_boundaries_are_editable_on_the_role_page() -> None:
    at = open_app("Role")
    at.session_state["role.editor.boundaries.0.0"] = {
        "edited_rows": {0: {"boundary": "Hands over at signature"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert_no_exception(at)
    assert at.session_state["role_edits"]["boundaries"][0]["boundary"] == "Hands over at signature"


def test_every_segment_and_delivery_choice_is_defined_where_it_is_asked() -> None:
    at = open_app()
    for name in ("segment", "delivery_maturity"):
        box = at.selectbox(key=widget_key(name))
        for choice in box.options:
            assert choice.lower().replace(" ", "_")[:4] in box.help.lower().replace(" ", "_")
    captions = " ".join(c.value for c in at.caption)
    assert "Standardised: one documented way to onboard and deliver" in captions
    at.selectbox(key=widget_key("delivery_maturity")).set_value("emerging").run()
    assert "forces 'fix delivery first'" in " ".join(c.value for c in at.caption)


def test_the_am_cost_input_shows_the_benchmark_used_when_empty() -> None:
    at = open_app()
    field = at.number_input(key=widget_key("am_fully_loaded_cost"))
    assert field.value is None
    assert field.placeholder == "empty: benchmark €85,000"
