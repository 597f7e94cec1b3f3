"""The Assess page: the form, samples, uploads and download, tested by widget key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from apptest_support import errors_text, go_to, open_app, page_text, unescape, verdict_label
from msgspec.structs import replace
from streamlit.testing.v1 import AppTest

from advisor import present
from advisor.engine import evaluate
from advisor.pack import RulePack
from advisor.profile import (
    FIELDS,
    load_profile,
    parse_profile,
    profile_file_name,
    profile_from_text,
    updated_profile,
)
from advisor.profile import profile_to_yaml as profile_yaml
from advisor.samples import DEFAULT_SAMPLE, SAMPLES, sample_path
from advisor.ui.assess_page import SAMPLE_CHOICE, UPLOAD
from advisor.ui.fields import widget_key
from advisor.ui.state import PROFILE_VALUES

ACORN = "Acorn Labs (not yet)"


def widget(at: AppTest, name: str) -> Any:
    """The widget of a profile field, whatever its type."""
    key = widget_key(name)
    for collection in (at.number_input, at.text_input, at.text_area, at.selectbox, at.toggle):
        for element in collection:
            if element.key == key:
                return element
    raise KeyError(key)


def form_values(at: AppTest) -> dict[str, Any]:
    return {name: widget(at, name).value for name in FIELDS}


def load_sample(at: AppTest, name: str) -> None:
    at.selectbox(key=SAMPLE_CHOICE).set_value(name).run()
    at.button(key="assess.load_sample").click().run()


def session_profile(at: AppTest) -> dict[str, Any]:
    return dict(at.session_state[PROFILE_VALUES])


def test_first_open_shows_the_default_sample_and_its_verdict(pack: RulePack) -> None:
    at = open_app()
    expected = evaluate(load_profile(sample_path(DEFAULT_SAMPLE)), pack)
    assert widget(at, "company").value == "Northwind Analytics"
    assert widget(at, "active_accounts").value == 22
    assert verdict_label(at) == expected.verdict_label
    assert unescape(expected.headline) in page_text(at)


def test_every_field_has_a_widget_with_help_and_its_unit() -> None:
    at = open_app()
    for name, info in FIELDS.items():
        element = widget(at, name)
        assert element.help.startswith(info.help), name  # choices add their definitions
        if info.kind == "money":
            assert "EUR" in element.label and info.unit in element.label, element.label
        elif info.unit:
            assert info.unit in element.label, element.label


def test_groups_are_shown_in_order() -> None:
    at = open_app()
    headings = [heading.value for heading in at.main.subheader]
    groups = ["Portfolio", "Revenue & margin", "Retention", "Delivery & knowledge"]
    assert [h for h in headings if h in [*groups, "Renewals & growth"]] == [
        *groups,
        "Renewals & growth",
    ]


def test_search_fields_sit_in_their_own_expander_and_keep_a_typed_list(pack: RulePack) -> None:
    at = open_app()
    (search,) = [e for e in at.main.expander if e.label == "Search"]
    keys = {element.key for element in (*search.text_input, *search.selectbox)}
    assert {widget_key("buyer_personas"), widget_key("remote_policy")} <= keys
    verdict = verdict_label(at)
    widget(at, "buyer_personas").set_value("CFO;Head of Operations ;").run()
    assert session_profile(at)["buyer_personas"] == "CFO; Head of Operations"
    widget(at, "ae_handover_date").set_value("March 2027").run()
    assert session_profile(at)["ae_handover_date"] == "2027-03-01"  # the sample's, kept
    assert "is not a date: write it as YYYY-MM-DD" in errors_text(at)
    assert verdict_label(at) == verdict


def test_changing_active_accounts_changes_the_verdict_as_the_core_says(pack: RulePack) -> None:
    at = open_app()
    load_sample(at, ACORN)
    acorn = load_profile(sample_path(ACORN))
    assert widget(at, "active_accounts").value == 8
    assert verdict_label(at) == evaluate(acorn, pack).verdict_label

    widget(at, "active_accounts").set_value(22).run()

    expected = evaluate(replace(acorn, active_accounts=22), pack)
    assert verdict_label(at) == expected.verdict_label
    assert expected.verdict_label != evaluate(acorn, pack).verdict_label
    assert session_profile(at)["active_accounts"] == 22


@pytest.mark.parametrize("name", list(SAMPLES))
def test_each_sample_loads_with_its_verdict(name: str, pack: RulePack) -> None:
    at = open_app()
    load_sample(at, name)
    profile = load_profile(sample_path(name))
    expected = evaluate(profile, pack)
    assert expected.verdict.value.replace("_", " ") in name.replace("_", " ")
    assert verdict_label(at) == expected.verdict_label
    assert widget(at, "company").value == profile.company
    assert f"Loaded the sample {name}." in page_text(at)


def test_a_percentage_typed_in_a_rate_field_is_stored_as_a_rate(pack: RulePack) -> None:
    at = open_app()
    widget(at, "gross_margin").set_value(30.0).run()
    assert session_profile(at)["gross_margin"] == pytest.approx(0.30)
    expected = evaluate(parse_profile(session_profile(at)), pack)
    assert verdict_label(at) == expected.verdict_label


def test_choices_and_yes_no_inputs_drive_the_verdict(pack: RulePack) -> None:
    at = open_app()
    widget(at, "delivery_maturity").set_value("ad_hoc").run()
    assert verdict_label(at) == pack.verdict_labels["fix_delivery_first"]
    widget(at, "delivery_maturity").set_value("standardised").run()
    widget(at, "clients_escalate_to_leadership").set_value(False).run()
    assert session_profile(at)["clients_escalate_to_leadership"] is False
    expected = evaluate(parse_profile(session_profile(at)), pack)
    assert verdict_label(at) == expected.verdict_label


def test_clearing_an_optional_field_removes_it_from_the_profile() -> None:
    at = open_app()
    assert session_profile(at)["nrr"] == pytest.approx(0.96)
    widget(at, "nrr").set_value(None).run()
    assert "nrr" not in session_profile(at)
    assert widget(at, "nrr").value is None


def test_a_refused_edit_names_the_field_and_keeps_the_last_valid_value() -> None:
    at = open_app()
    before = verdict_label(at)
    widget(at, "company").set_value("").run()
    assert "Company name: must not be empty" in errors_text(at)
    assert session_profile(at)["company"] == "Northwind Analytics"
    assert verdict_label(at) == before

    widget(at, "company").set_value("Northwind Labs").run()
    assert "Company name" not in errors_text(at)
    assert session_profile(at)["company"] == "Northwind Labs"


def test_clearing_a_required_number_is_refused_with_the_field_named() -> None:
    at = open_app()
    widget(at, "active_accounts").set_value(None).run()
    assert "Active client accounts: a value is required" in errors_text(at)
    assert session_profile(at)["active_accounts"] == 22


def test_a_bad_upload_names_the_fields_and_keeps_the_inputs_on_screen() -> None:
    at = open_app()
    widget(at, "active_accounts").set_value(31).run()
    widget(at, "company").set_value("Edited by hand").run()
    before = form_values(at)
    bad = profile_yaml(load_profile(sample_path(ACORN))).replace(
        "active_accounts: 8", "active_accounts: many"
    )
    bad = bad.replace("gross_margin: 0.7", "gross_margin: 70")
    at.file_uploader(key=UPLOAD).set_value(("acorn.yaml", bad.encode(), "application/yaml")).run()

    errors = errors_text(at)
    assert "acorn.yaml was not loaded; the inputs below are unchanged." in errors
    assert "active_accounts: 'many' is not a number" in errors
    assert 'gross_margin: 70 is not a rate between 0 and 1; did you mean "70%"?' in errors
    line = bad.splitlines().index("active_accounts: many") + 1
    assert f"acorn.yaml:{line}: active_accounts" in errors
    assert form_values(at) == before
    assert session_profile(at)["company"] == "Edited by hand"

    widget(at, "renewal_lead_days").set_value(45).run()  # the refusal stays while the file does
    assert "acorn.yaml was not loaded" in errors_text(at)
    at.file_uploader(key=UPLOAD).clear().run()
    assert "acorn.yaml was not loaded" not in errors_text(at)
    assert session_profile(at)["renewal_lead_days"] == 45


def test_a_file_that_is_not_yaml_is_refused_with_its_line() -> None:
    at = open_app()
    before = form_values(at)
    broken = b'{"company": "X",\n "segment": }'
    at.file_uploader(key=UPLOAD).set_value(("broken.json", broken, "application/json")).run()
    assert "broken.json:2: file: JSON:" in errors_text(at)
    assert form_values(at) == before


def test_an_unknown_field_in_an_upload_gets_a_suggestion() -> None:
    at = open_app()
    text = profile_yaml(load_profile(sample_path(ACORN))) + "anual_churn: 0.1\n"
    at.file_uploader(key=UPLOAD).set_value(("typo.yaml", text.encode(), "application/yaml")).run()
    assert "anual_churn: unknown field" in errors_text(at)


def test_a_valid_upload_replaces_the_inputs(pack: RulePack) -> None:
    at = open_app()
    ferro = sample_path("Ferro Industrial Consulting (fix delivery first)")
    at.file_uploader(key=UPLOAD).set_value(("ferro.yaml", ferro.read_bytes(), "text/yaml")).run()
    assert widget(at, "company").value == "Ferro Industrial Consulting"
    assert widget(at, "segment").value == "enterprise"
    assert widget(at, "gross_margin").value == pytest.approx(38.0)
    assert verdict_label(at) == pack.verdict_labels["fix_delivery_first"]
    assert "Loaded ferro.yaml." in page_text(at)


def test_a_json_upload_is_read(pack: RulePack) -> None:
    at = open_app()
    document = b'{"company": "Json Co", "segment": "smb", "active_accounts": 40,'
    document += b' "avg_contract_value": 12000, "gross_margin": "55%", "logo_churn_rate": 0.2,'
    document += b' "churn_trend": "rising", "churn_cause_known": false,'
    document += b' "delivery_maturity": "standardised", "knowledge_holder": "founder",'
    document += b' "renewal_owner": "sales", "renewal_lead_days": 20, "unworked_upsell": true,'
    document += b' "clients_escalate_to_leadership": true, "onboarding_consistent": false}'
    at.file_uploader(key=UPLOAD).set_value(("json-co.json", document, "application/json")).run()
    assert widget(at, "company").value == "Json Co"
    assert widget(at, "active_accounts").value == 40
    assert verdict_label(at) == evaluate(parse_profile(session_profile(at)), pack).verdict_label


def test_the_download_round_trips_through_upload_and_the_cli_reader(tmp_path: Path) -> None:
    at = open_app()
    widget(at, "active_accounts").set_value(27).run()
    widget(at, "grr").set_value(91.5).run()
    profile = parse_profile(session_profile(at))
    text = profile_yaml(profile)

    assert profile_from_text(text, "download.yaml") == profile
    saved = tmp_path / profile_file_name(profile)
    saved.write_text(text, encoding="utf-8")
    assert load_profile(saved) == profile  # what `advisor assess FILE` reads

    assert at.get("download_button")[0].proto.label == "Download this profile (YAML)"
    fresh = open_app()
    fresh.file_uploader(key=UPLOAD).set_value((saved.name, saved.read_bytes(), "text/yaml")).run()
    assert parse_profile(session_profile(fresh)) == profile
    assert widget(fresh, "grr").value == pytest.approx(91.5)


def test_the_download_round_trips_a_company_name_with_line_breaks_and_yaml() -> None:
    profile = load_profile(sample_path(DEFAULT_SAMPLE))
    odd = replace(profile, company="Acme\nactive_accounts: 999 # ?", notes="a: b")
    assert profile_from_text(profile_yaml(odd), "odd.yaml") == odd


def test_the_download_file_is_named_after_the_company() -> None:
    profile = load_profile(sample_path(DEFAULT_SAMPLE))
    assert profile_file_name(profile) == "northwind-analytics.yaml"
    odd = replace(profile, company="../../etc/passwd ÄÖ")
    assert profile_file_name(odd) == "etc-passwd.yaml"


def test_user_text_is_shown_literally_not_as_markdown() -> None:
    at = open_app()
    name = "**Bold** [click](http://evil.example) $x$"
    widget(at, "company").set_value(name).run()
    banners = [alert.value for alert in at.main.success]
    assert any(r"\*\*Bold\*\* \[click\]" in banner for banner in banners), banners
    assert any(r"\$x\$" in banner for banner in banners), banners


def test_the_renewal_inputs_sit_in_renewals_and_growth_and_feed_the_case() -> None:
    assert FIELDS["renewal_hours_per_month"].group == "Renewals & growth"
    assert FIELDS["renewals_by_month"].group == "Renewals & growth"
    at = open_app()
    assert widget(at, "renewal_hours_per_month").value == 16  # the default
    widget(at, "renewal_hours_per_month").set_value(30).run()
    assert session_profile(at)["renewal_hours_per_month"] == 30
    widget(at, "renewals_by_month").set_value("2027-3:2, 2027-01:4").run()
    assert session_profile(at)["renewals_by_month"] == "2027-01:4 2027-03:2"
    widget(at, "renewals_by_month").set_value("2027-13:2").run()
    assert (
        "Renewals due by month: '2027-13' is not a month written YYYY-MM (e.g. 2027-01)"
        in errors_text(at)
    )
    assert session_profile(at)["renewals_by_month"] == "2027-01:4 2027-03:2"


def test_the_business_model_is_picked_on_the_form_and_changes_the_role_and_the_words(
    pack: RulePack,
) -> None:
    at = open_app()
    assert widget(at, "business_model").value == "saas_subscription"
    widget(at, "business_model").set_value("reseller").run()
    assert session_profile(at)["business_model"] == "reseller"
    profile = updated_profile(
        load_profile(sample_path(DEFAULT_SAMPLE)), {"business_model": "reseller"}
    )
    expected = evaluate(profile, pack)
    assert verdict_label(at) == expected.verdict_label
    assert unescape(expected.headline) in page_text(at)
    go_to(at, "Recommendation")
    assert "Total annual revenue" in page_text(at)
    basis = present.basis_sentence(expected.economics)
    assert f"What sized the team: {basis}" in unescape(page_text(at))


def test_country_and_city_band_set_the_am_cost_from_the_pay_band(pack: RulePack) -> None:
    at = open_app()
    assert widget(at, "city_band").value is None  # optional: "not provided" until chosen
    widget(at, "country").set_value("es").run()
    widget(at, "city_band").set_value("madrid_barcelona").run()
    stored = session_profile(at)
    assert (stored["country"], stored["city_band"]) == ("ES", "madrid_barcelona")
    expected = evaluate(parse_profile(stored), pack)
    assert expected.economics.pay_status == "used"
    assert verdict_label(at) == expected.verdict_label
    # Empty, the AM cost field says it takes the band's figure.
    placeholder = widget(at, "am_fully_loaded_cost").placeholder
    assert placeholder == f"empty: pay band €{expected.economics.am_cost:,.0f}"


def test_a_city_band_outside_the_country_is_refused_at_the_field() -> None:
    at = open_app()
    widget(at, "country").set_value("DE").run()
    widget(at, "city_band").set_value("london").run()
    assert "'london' is a city band of GB, but country is 'DE'" in errors_text(at)
    assert "city_band" not in session_profile(at)
