"""The job description and its schema.org JobPosting: what it says, what it never says unless the
consultant allows it, the JSON-LD job boards read, two PDF pages at most, and the golden file.

Expected figures are worked out here from their definitions (the pay band as rules/22-pay.yaml
gives it, the product default as rules/20-benchmarks.yaml and rules/40-role.yaml give it).
Regenerate the golden job description after a deliberate change with
`UPDATE_GOLDEN=1 pytest tests/kit/test_job.py`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import os
import re
from typing import Any

import pytest
from docx import Document
from kit_support import DATE, GOLDEN, SAMPLES, kit_for, sample
from pypdf import PdfReader

from advisor import present, wording
from advisor.export.kit import render_extra_noted, render_kit, render_markdown
from advisor.fields import FIELDS
from advisor.kit import DOCUMENTS, KitInputs, prepare_kit
from advisor.kit.disclosure import DISCLOSABLE, disclosable_fields, read_disclose
from advisor.kit.job import build_job
from advisor.kit.posting import VALID_DAYS, job_posting
from advisor.pack import RulePack, RulePackError, load_pack
from advisor.profile import CompanyProfile, parse_profile, profile_to_dict

JOB = DOCUMENTS["job"]
JSONLD = JOB.extra[0]
# Northwind with every confidential field given, so every one of them is searched for.
EVERY_FIGURE = {
    "am_fully_loaded_cost": 91_000,
    "grr": 0.88,
    "contraction_rate": 0.04,
    "nps": 31,
}


def _with(name: str, **values: Any) -> CompanyProfile:
    return parse_profile({**profile_to_dict(sample(name)), **values})


def _texts(kit: KitInputs) -> dict[str, str]:
    """The job description in every format, and its JSON-LD, as the text a reader sees."""
    document = build_job(kit)
    docx = Document(io.BytesIO(render_kit(document, "docx")))
    cells = [cell.text for table in docx.tables for row in table.rows for cell in row.cells]
    pdf = PdfReader(io.BytesIO(render_kit(document, "pdf")))
    jsonld, _ = render_extra_noted(JSONLD, kit)
    return {
        "md": render_kit(document, "md").decode(),
        "docx": "\n".join([p.text for p in docx.paragraphs] + cells),
        "pdf": "\n".join(page.extract_text() for page in pdf.pages),
        "json": json.dumps(json.loads(render_kit(document, "json")), ensure_ascii=False),
        "jsonld": json.dumps(json.loads(jsonld), ensure_ascii=False),
    }


def _money_forms(amount: float, currency: str) -> set[str]:
    whole = f"{amount:,.0f}"
    return {
        wording.money(amount, currency),
        wording.short_money(amount, currency),
        whole,
        whole.replace(",", "."),
        f"{amount:.0f}",
        f"{amount / 1000:g}k",
    }


def _rate_forms(rate: float) -> set[str]:
    return {
        wording.percent(rate),
        wording.percent(rate, 0),
        present.share(rate),
        f"{rate * 100:g} %",
        repr(float(rate)),
    }


def _forms(profile: CompanyProfile, kit: KitInputs, name: str) -> set[str]:
    """Every way the product writes a confidential field's value, and the raw value."""
    raw = getattr(profile, name)
    kind = FIELDS[name].kind
    if kind == "money":
        return _money_forms(float(raw), profile.currency)
    if kind in ("rate", "net_rate"):
        return _rate_forms(float(raw))
    if kind == "score":
        return {f"{raw:+.0f}", f"{raw:g}", f"NPS {raw:g}"}
    return {str(raw)[:40]}  # the notes


def _derived_forms(kit: KitInputs) -> set[str]:
    """Figures worked out from the confidential amounts: the book's revenue and gross profit,
    the revenue at risk, the profile's own AM cost."""
    econ = kit.assessment.economics
    forms: set[str] = set()
    for amount in (econ.total_arr, econ.gross_profit, econ.arr_at_risk):
        forms |= _money_forms(amount, econ.currency)
    return forms


def _found(text: str, form: str) -> bool:
    return re.search(rf"(?<![0-9.,]){re.escape(form)}(?![0-9])", text) is not None


def _leaks(kit: KitInputs, names: tuple[str, ...]) -> list[tuple[str, str, str]]:
    profile = kit.profile
    forms = {name: _forms(profile, kit, name) for name in names}
    texts = _texts(kit)
    return [
        (fmt, name, form)
        for fmt, text in texts.items()
        for name, found in forms.items()
        for form in found
        if _found(text, form)
    ]


def _present(profile: CompanyProfile) -> tuple[str, ...]:
    return tuple(name for name in DISCLOSABLE if getattr(profile, name) is not None)


# --- what it says -----------------------------------------------------------------------------


def test_the_job_description_says_the_role_its_work_its_requirements_pay_place_and_process(
    pack: RulePack,
) -> None:
    kit = kit_for(sample("northwind-hire-now"), pack)
    text = render_markdown(build_job(kit))
    assert text.startswith("# Job description: Northwind Analytics\n")
    assert "Confidential" not in text  # it is meant to be posted
    assert f"| Role | {kit.role.title} |" in text
    assert kit.role.title == "Account Manager (with customer success)"
    for item in kit.role.responsibilities:
        assert item.area in text
    for trait in kit.role.traits:
        assert trait in text  # the must-haves start from what the person brings
    assert "Has managed mid-market accounts" in text  # the segment's line from the pack
    assert "Knows analytics software for logistics" in text  # the sector's
    assert "Works with clients in Spanish and English, spoken and written." in text
    assert "You do not work comfortably with clients in Spanish and English." in text
    assert (
        "Your counterparts at the clients: Head of Operations, Supply Chain Director and CFO."
        in text
    )
    assert "| Location | Madrid; hybrid" in text
    assert "| Reporting line | You report to the CEO. |" in text
    assert "The book you take over: 22 client accounts." in text  # accounts may be said
    for stage in pack.job.process if pack.job else ():
        assert stage.stage in text
    for line in kit.role.metrics:
        assert f"| {line.label} | {line.how} |" in text  # names and how, no target


def test_without_a_pay_band_the_pay_is_the_pack_s_product_default_never_the_profile_s_cost(
    pack: RulePack,
) -> None:
    kit = kit_for(_with("northwind-hire-now", am_fully_loaded_cost=91_000), pack)
    text = render_markdown(build_job(kit))
    # rules/20-benchmarks.yaml: EUR mid-market €85,000 fully loaded; rules/40-role.yaml: OTE is
    # the cost ÷ 1.3, to the thousand; 70/30 base/variable.
    ote = round(85_000 / 1.3 / 1000) * 1000
    assert ote == 65_000
    assert (
        f"On-target earnings about €65,000 a year: base €{ote * 0.7:,.0f} and variable "
        f"€{ote * 0.3:,.0f} (70/30 base/variable)."
    ) in text
    assert "product default" in text and "the profile names no country" in text
    assert "91,000" not in text and "91k" not in text  # the profile's own cost stays out


def test_a_band_beside_the_profile_s_own_cost_is_still_the_pay_stated(pack: RulePack) -> None:
    profile = _with(
        "northwind-hire-now",
        country="ES",
        city_band="madrid_barcelona",
        am_fully_loaded_cost=91_000,
    )
    kit = kit_for(profile, pack)
    assert kit.assessment.economics.pay_status == "reference"  # the profile's cost sets the cost
    text = render_markdown(build_job(kit))
    assert "OTE €38,000–€55,000 a year" in text  # rules/22-pay.yaml, Madrid or Barcelona
    assert _leaks(kit, ("am_fully_loaded_cost",)) == []


def test_an_on_target_earnings_set_on_the_role_is_the_offer_the_description_states(
    pack: RulePack,
) -> None:
    kit = prepare_kit(
        sample("northwind-hire-now"),
        pack,
        edits={"compensation": {"ote": 72_000}},
        prepared_on=DATE,
    )
    text = render_markdown(build_job(kit))
    base = 72_000 * 0.7  # the role section's 70/30 mix
    assert (
        f"On-target earnings about €72,000 a year: base €{base:,.0f} and variable "
        f"€{72_000 - base:,.0f} (70/30 base/variable). This is the offer as set on the role."
    ) in text


def test_with_a_pay_band_the_pay_is_the_band_and_the_posting_s_base_salary_is_its_base(
    pack: RulePack,
) -> None:
    profile = _with("northwind-hire-now", country="ES", city_band="madrid_barcelona")
    kit = kit_for(profile, pack)
    text = render_markdown(build_job(kit))
    # rules/22-pay.yaml, Spain, Madrid or Barcelona: OTE €38,000–€55,000, base 70% of it.
    low, high = 38_000 * 0.7, 55_000 * 0.7
    assert f"Base €{low:,.0f}–€{high:,.0f} and OTE €38,000–€55,000 a year" in text
    assert "From the pay band for Spain, Madrid or Barcelona." in text
    assert "14 payments" in text
    data, notes = job_posting(kit)
    assert data["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "EUR",
        "value": {
            "@type": "QuantitativeValue",
            "minValue": round(low),
            "maxValue": round(high),
            "unitText": "YEAR",
        },
    }
    assert data["jobLocation"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Madrid",
        "addressCountry": "ES",
    }
    assert notes == ()


# --- nothing confidential ---------------------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLES)
def test_no_amount_or_rate_of_the_profile_appears_in_any_format(name: str, pack: RulePack) -> None:
    values = EVERY_FIGURE if name == "northwind-hire-now" else {}
    profile = _with(name, **values)
    kit = kit_for(profile, pack)
    names = _present(profile)
    assert _leaks(kit, names) == []
    texts = _texts(kit)
    derived = [
        (fmt, form) for fmt, t in texts.items() for form in _derived_forms(kit) if _found(t, form)
    ]
    assert derived == []


def test_the_search_finds_a_figure_that_is_there(pack: RulePack) -> None:
    """The leak search itself: the northwind NRR is found in every format once disclosed."""
    kit = dataclasses.replace(
        kit_for(sample("northwind-hire-now"), pack), disclose=frozenset({"nrr"})
    )
    assert {fmt for fmt, field, _ in _leaks(kit, ("nrr",)) if field == "nrr"} == {
        "md",
        "docx",
        "pdf",
        "json",
        "jsonld",
    }


@pytest.mark.parametrize("ticked", ["nrr", "avg_contract_value", "notes", "nps"])
def test_a_ticked_field_appears_and_the_others_still_do_not(ticked: str, pack: RulePack) -> None:
    profile = _with("northwind-hire-now", **EVERY_FIGURE)
    kit = dataclasses.replace(kit_for(profile, pack), disclose=frozenset({ticked}))
    text = render_markdown(build_job(kit))
    shown = wording.shown_value(ticked, getattr(profile, ticked), "EUR")
    said = shown if ticked == "notes" else f"{wording.label(ticked)}: {shown}"
    assert said in text
    others = tuple(name for name in _present(profile) if name != ticked)
    assert _leaks(kit, others) == []


def test_a_disclosed_rate_gives_its_metric_a_target_never_below_today(pack: RulePack) -> None:
    kit = dataclasses.replace(
        kit_for(sample("northwind-hire-now"), pack), disclose=frozenset({"nrr"})
    )
    text = render_markdown(build_job(kit))
    # rules/20-benchmarks.yaml: NRR healthy by band, 103% for contracts of €23,000–€46,000 a
    # year; Northwind is at 96%, below it, so the target is the healthy level.
    assert "| Net revenue retention |" in text and "| at least 103% |" in text
    assert "| Logo retention |" in text and text.count("| in the offer |") == 6


def test_the_disclosable_fields_are_every_amount_rate_and_score_and_the_notes() -> None:
    expected = tuple(
        name
        for name, info in FIELDS.items()
        if info.kind in ("money", "rate", "net_rate", "score") or name == "notes"
    )
    assert expected == DISCLOSABLE
    assert {"avg_contract_value", "gross_margin", "nrr", "nps", "notes"} <= set(DISCLOSABLE)
    profile = sample("northwind-hire-now")
    assert disclosable_fields(profile) == (
        ("avg_contract_value", "Average contract value"),
        ("gross_margin", "Gross margin"),
        ("logo_churn_rate", "Logo churn (last 12 months)"),
        ("nrr", "Net revenue retention"),
        ("logo_retention", "Logo retention"),
        ("notes", "Notes"),
    )


def test_a_name_that_is_not_a_confidential_field_is_refused_naming_the_choices() -> None:
    assert read_disclose(["NRR ", "", "notes"]) == frozenset({"nrr", "notes"})
    with pytest.raises(ValueError) as caught:
        read_disclose(["nrr", "arr", "sector"])
    assert str(caught.value) == (
        "'arr', 'sector' is not a field a document may disclose; choose from "
        + ", ".join(DISCLOSABLE)
        + " (comma-separated)"
    )


# --- the JSON-LD ------------------------------------------------------------------------------

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _check_posting(data: dict[str, Any]) -> None:
    """The properties Google's job posting structured data requires, with their types."""
    assert data["@context"] == "https://schema.org/"
    assert data["@type"] == "JobPosting"
    assert isinstance(data["title"], str) and data["title"]
    assert data["description"].startswith("<p>") and "<li>" in data["description"]
    assert ISO_DATE.match(data["datePosted"]) and ISO_DATE.match(data["validThrough"])
    assert data["employmentType"] == "FULL_TIME"
    assert data["hiringOrganization"]["@type"] == "Organization"
    assert data["hiringOrganization"]["name"]
    if data.get("jobLocationType") == "TELECOMMUTE":
        assert data["applicantLocationRequirements"]["@type"] == "Country"
    else:
        assert data["jobLocation"]["@type"] == "Place"
        assert data["jobLocation"]["address"]["@type"] == "PostalAddress"
    if "baseSalary" in data:
        salary = data["baseSalary"]
        assert re.fullmatch(r"[A-Z]{3}", salary["currency"])
        value = salary["value"]
        assert value["unitText"] == "YEAR"
        assert all(isinstance(value[k], int | float) for k in ("minValue", "maxValue"))
        assert 0 < value["minValue"] <= value["maxValue"]


def test_the_job_posting_has_the_properties_job_boards_require(pack: RulePack) -> None:
    profile = _with("northwind-hire-now", country="ES", city_band="madrid_barcelona")
    data = json.loads(render_extra_noted(JSONLD, kit_for(profile, pack))[0])
    _check_posting(data)
    assert data["title"] == "Account Manager (with customer success)"
    assert data["datePosted"] == "2026-12-07"
    assert data["validThrough"] == (DATE + dt.timedelta(days=60)).isoformat() == "2027-02-05"
    assert VALID_DAYS == 60
    assert data["hiringOrganization"] == {"@type": "Organization", "name": "Northwind Analytics"}
    assert "sameAs" not in data["hiringOrganization"] and "url" not in data["hiringOrganization"]


def test_a_fully_remote_posting_is_telecommute_open_to_the_profile_s_country(
    pack: RulePack,
) -> None:
    profile = _with("northwind-hire-now", country="ES", remote_policy="remote")
    data, notes = job_posting(kit_for(profile, pack))
    _check_posting(data)
    assert data["jobLocationType"] == "TELECOMMUTE"
    assert data["applicantLocationRequirements"] == {"@type": "Country", "name": "ES"}
    assert "jobLocation" not in data and notes == ()


def test_without_a_pay_band_the_posting_leaves_base_salary_out_and_says_so(
    pack: RulePack,
) -> None:
    data, notes = job_posting(kit_for(sample("northwind-hire-now"), pack))
    _check_posting(data)
    assert "baseSalary" not in data
    assert notes == (
        "no addressCountry: set the profile's country to add it to the address",
        (
            "no baseSalary: the rule pack has no pay band for this profile (set country, and "
            "city_band where pay differs by city, to a country the pack's pay section lists)"
        ),
    )


def test_a_posting_without_a_place_says_job_boards_need_one(pack: RulePack) -> None:
    data, notes = job_posting(kit_for(sample("acorn-not-yet"), pack))
    assert "jobLocation" not in data and "jobLocationType" not in data
    assert notes[0].startswith("no jobLocation, which job boards require: set the profile's")


def test_text_typed_into_the_profile_stays_text_in_the_posting(pack: RulePack) -> None:
    profile = _with("northwind-hire-now", sector="<script>x</script> & co")
    raw = render_extra_noted(JSONLD, kit_for(profile, pack))[0].decode()
    assert "<" not in raw and "&" not in raw  # escaped for a <script> block
    description = json.loads(raw)["description"]
    assert "&lt;script&gt;x&lt;/script&gt; &amp; co" in description
    assert "<script>" not in description


# --- two pages --------------------------------------------------------------------------------


def _pages(kit: KitInputs) -> int:
    return len(PdfReader(io.BytesIO(render_kit(build_job(kit), "pdf"))).pages)


@pytest.mark.parametrize("name", SAMPLES)
def test_the_job_description_is_at_most_two_pdf_pages(name: str, pack: RulePack) -> None:
    assert _pages(kit_for(sample(name), pack)) <= 2


def test_the_job_description_is_two_pages_for_long_names_and_many_personas(
    pack: RulePack,
) -> None:
    personas = "; ".join(f"Head of Regional Operations and Logistics {n}" for n in range(12))
    profile = _with(
        "northwind-hire-now",
        buyer_personas=personas,
        sector="Analytics software for logistics, warehousing and last-mile delivery fleets",
        languages="Spanish; English; Portuguese; French",
        location="Sant Cugat del Vallès, Barcelona",
    )
    kit = dataclasses.replace(
        kit_for(profile, pack),
        company=("Wolkenkratzer Maschinenbau Gesellschaft " * 4)[:120],
        prepared_by="Q" * 120,
        disclose=frozenset(DISCLOSABLE),
    )
    assert _pages(kit) <= 2


# --- the pack's wording -----------------------------------------------------------------------


def test_a_placeholder_the_job_line_is_not_filled_with_is_refused_at_its_line(
    tmp_path: Any,
) -> None:
    from kit_support import ROOT

    rules = tmp_path / "rules"
    rules.mkdir()
    for path in (ROOT / "rules").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if path.name == "45-job.yaml":
            text = text.replace("{sector}.", "{sectr}.")  # the English and the Spanish
        (rules / path.name).write_text(text, encoding="utf-8")
    line = next(
        n
        for n, row in enumerate((rules / "45-job.yaml").read_text().splitlines(), 1)
        if "{sectr}" in row
    )
    with pytest.raises(RulePackError) as caught:
        load_pack(rules)
    expected = (
        f"{rules / '45-job.yaml'}:{line}: job › sector_line: unknown placeholder {{sectr}}; it "
        "may use {company}, {sector}"
    )
    assert [str(p) for p in caught.value.problems] == [expected]


def test_without_a_job_section_the_description_says_what_it_leaves_out(pack: RulePack) -> None:
    bare = dataclasses.replace(pack, job=None)
    text = render_markdown(build_job(kit_for(sample("northwind-hire-now"), bare)))
    assert "The rule pack has no job section (rules/45-job.yaml)" in text
    assert "## 8. The hiring process" in text


# --- golden -----------------------------------------------------------------------------------


def test_the_northwind_job_description_matches_the_golden_file(pack: RulePack) -> None:
    text = render_markdown(build_job(kit_for(sample("northwind-hire-now"), pack)))
    golden = GOLDEN / "northwind-hire-now-job.md"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"missing {golden}; run with UPDATE_GOLDEN=1 to create it"
    assert text == golden.read_text(encoding="utf-8")
