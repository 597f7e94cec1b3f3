"""Pay by region: the profile's country and city band pick the pack's pay band, which sets the
AM cost (its OTE midpoint, loaded with the employer's on-costs), the team cost by quarter and
the payback, each with the band's low and high carried through.

Expected figures are worked out here from the band's definition (rules/22-pay.yaml as read in
each test), never copied from the output.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from advisor import present, wording
from advisor.economics import DAYS_PER_MONTH, Economics
from advisor.engine import Assessment, evaluate
from advisor.pack import RulePack
from advisor.pack.load import DEFAULT_RULES_DIR, RulePackError, pack_from_documents
from advisor.profile import CompanyProfile, ProfileError, parse_profile, profile_to_dict
from advisor.role import draft_role

ROOT = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2026, 12, 1)
SHIPPED = [(f"rules/{p.name}", p.read_bytes()) for p in sorted(DEFAULT_RULES_DIR.glob("*.yaml"))]

# The bands as rules/22-pay.yaml gives them.
DE_OTE, DE_ON_COSTS = (43768.0, 55392.0), 0.197
MADRID_OTE, REST_OTE, ES_ON_COSTS, ES_BASE_SHARE = (
    (38000.0, 55000.0),
    (30000.0, 45000.0),
    0.299,
    0.7,
)


def _assess(profile: CompanyProfile, pack: RulePack) -> Assessment:
    return evaluate(profile, pack, as_of=AS_OF)


def _with(profile: CompanyProfile, **changes: Any) -> CompanyProfile:
    data = {**profile_to_dict(profile), **changes}
    return parse_profile({k: v for k, v in data.items() if v is not None})


def _lines(assessment: Assessment) -> dict[str, present.Line]:
    return {line.key: line for line in present.economics_lines(assessment)}


def _payback_by_hand(econ: Economics, pack: RulePack, am_cost: float) -> float:
    """The definition: a year's cost and the recruiting, over the gross profit a month of what
    the first year keeps or adds once the ramp-up is over."""
    recruiting = am_cost * pack.hiring.recruiting_cost.value
    ramp = pack.hiring.ramp_days.value / DAYS_PER_MONTH
    monthly = econ.payback.expected.gross_profit_gain * (12 - ramp) / 12 / 12
    return (am_cost + recruiting) / monthly


@pytest.fixture
def northwind(samples: dict[str, CompanyProfile]) -> CompanyProfile:
    return samples["northwind-hire-now"]  # EUR, mid-market, one hire needed


def test_a_region_changes_cost_band_and_payback(northwind: CompanyProfile, pack: RulePack) -> None:
    today = _assess(northwind, pack).economics
    germany = _assess(_with(northwind, country="DE"), pack).economics
    loaded = [ote * (1 + DE_ON_COSTS) for ote in DE_OTE]
    expected = (DE_OTE[0] + DE_OTE[1]) / 2 * (1 + DE_ON_COSTS)
    assert germany.pay_status == "used"
    assert germany.am_cost == pytest.approx(expected)
    assert (germany.am_cost_low, germany.am_cost_high) == pytest.approx(loaded)
    assert germany.am_cost != today.am_cost
    count = germany.recommended_am_count
    assert germany.team_cost == pytest.approx(count * expected)
    assert germany.payback_months == pytest.approx(_payback_by_hand(germany, pack, expected))
    assert germany.payback_months_low_cost == pytest.approx(
        _payback_by_hand(germany, pack, loaded[0])
    )
    assert germany.payback_months_high_cost == pytest.approx(
        _payback_by_hand(germany, pack, loaded[1])
    )
    assert germany.payback_months != today.payback_months
    lines = _lines(_assess(_with(northwind, country="DE"), pack))
    assert lines["am_cost"].text == "€59,347 expected (€52,390–€66,304)"
    assert "(€52,390–€66,304)" in lines["team_cost"].text
    low, high = (
        round(germany.payback_months_low_cost or 0),
        round(germany.payback_months_high_cost or 0),
    )
    assert (
        f"{low} months at the pay band's low cost, {high} months at its high"
        in lines["payback"].text
    )


def test_madrid_or_barcelona_costs_more_than_the_rest_of_spain(
    northwind: CompanyProfile, pack: RulePack
) -> None:
    spain = _with(northwind, country="ES")
    madrid = _assess(_with(spain, city_band="madrid_barcelona"), pack).economics
    rest = _assess(_with(spain, city_band="rest_of_spain"), pack).economics
    anywhere = _assess(spain, pack).economics
    assert madrid.am_cost == pytest.approx(sum(MADRID_OTE) / 2 * (1 + ES_ON_COSTS))
    assert rest.am_cost == pytest.approx(sum(REST_OTE) / 2 * (1 + ES_ON_COSTS))
    assert madrid.am_cost > rest.am_cost
    assert (madrid.pay and madrid.pay.band, rest.pay and rest.pay.band) == (
        "madrid_barcelona",
        "rest_of_spain",
    )
    # Without a city band, the two bands together: lowest low to highest high, said as such.
    assert anywhere.pay is not None and not anywhere.pay.narrowed
    assert (anywhere.pay.ote_low, anywhere.pay.ote_high) == (REST_OTE[0], MADRID_OTE[1])
    label = _lines(_assess(spain, pack))["pay_band"].label
    assert label == "AM pay band (Spain, all cities: no city band given)"


def test_spanish_pay_is_worded_in_14_and_in_12_payments(
    northwind: CompanyProfile, pack: RulePack
) -> None:
    madrid = _with(northwind, country="ES", city_band="madrid_barcelona")
    text = _lines(_assess(madrid, pack))["pay_band"].text
    base = [ote * ES_BASE_SHARE for ote in MADRID_OTE]  # 26,600–38,500 a year
    fourteen = f"€{base[0] / 14:,.0f}–€{base[1] / 14:,.0f}"
    twelve = f"€{base[0] / 12:,.0f}–€{base[1] / 12:,.0f}"
    assert f"gross annual salary in 14 payments: base {fourteen} a month" in text
    assert f"(in 12 payments: base {twelve} a month)" in text
    assert "70/30 base/variable" in text
    germany = _lines(_assess(_with(northwind, country="DE"), pack))["pay_band"].text
    assert "payments" not in germany  # paid in 12: nothing to tell apart


def test_a_band_in_another_currency_is_not_used_and_says_so(
    northwind: CompanyProfile, pack: RulePack
) -> None:
    dollars = _with(northwind, currency="USD", country="ES")
    econ = _assess(dollars, pack).economics
    assert econ.pay is None and econ.pay_status == "currency"
    assert econ.am_cost == pack.benchmark_am_cost("USD", northwind.segment.value)[0]
    lines = _lines(_assess(dollars, pack))
    message = lines["pay_band"].text
    assert message.startswith("not used: The pay band for ES is in EUR, and this profile's money")
    assert "Set currency to EUR to use the band, or enter am_fully_loaded_cost in USD" in message
    assert "€" not in "".join(line.text for key, line in lines.items() if key != "pay_band")


def test_a_country_the_pack_has_no_band_for_is_named(
    northwind: CompanyProfile, pack: RulePack
) -> None:
    econ = _assess(_with(northwind, country="IT"), pack).economics
    assert econ.pay_status == "no_band" and econ.am_cost == 85000.0
    text = _lines(_assess(_with(northwind, country="IT"), pack))["pay_band"].text
    assert text.startswith("not used: The rule pack has no pay band for IT: the AM cost is the ")


def test_a_profile_without_a_country_keeps_todays_figures_exactly(
    northwind: CompanyProfile, pack: RulePack
) -> None:
    econ = _assess(northwind, pack).economics
    # rules/20-benchmarks.yaml: EUR mid-market 85,000.
    assert (econ.am_cost, econ.am_cost_source) == (85000.0, "rule pack benchmark, EUR mid-market")
    assert econ.pay is None and econ.pay_status == "" and econ.am_cost_low is None
    lines = _lines(_assess(northwind, pack))
    assert "pay_band" not in lines
    assert lines["am_cost"].text == "€85,000"
    assert lines["team_cost"].text == f"€{econ.team_cost:,.0f} a year"
    assert "pay band" not in lines["payback"].text


def test_your_own_am_cost_wins_over_the_band(northwind: CompanyProfile, pack: RulePack) -> None:
    own = _with(northwind, country="ES", am_fully_loaded_cost=70000)
    econ = _assess(own, pack).economics
    assert (econ.am_cost, econ.pay_status, econ.am_cost_low) == (70000.0, "reference", None)
    line = _lines(_assess(own, pack))["pay_band"]
    assert line.note.startswith("For reference: the AM cost is your own figure.")


def test_the_team_cost_by_quarter_carries_the_band(
    northwind: CompanyProfile, pack: RulePack
) -> None:
    assessment = _assess(_with(northwind, country="DE"), pack)
    team = assessment.team
    assert team is not None and team.quarters
    econ = assessment.economics
    low_share = (DE_OTE[0] * (1 + DE_ON_COSTS)) / econ.am_cost
    assert team.at_band(team.total) == pytest.approx(
        (team.total * low_share, team.total * econ.am_cost_high / econ.am_cost)  # type: ignore[operator]
    )
    paid = next(index for index, q in enumerate(team.quarters) if q.total > 0)
    first = present.cost_rows(team, "EUR")[paid][2]
    quarter = team.quarters[paid].total
    assert all(
        row[2] == "€0"
        for row, q in zip(present.cost_rows(team, "EUR"), team.quarters, strict=True)
        if not q.total
    )
    assert (
        first
        == f"€{quarter:,.0f} (€{quarter * low_share:,.0f}–€{quarter * econ.am_cost_high / econ.am_cost:,.0f})"
    )  # type: ignore[operator]


def test_the_drafted_role_pays_the_band_midpoint(northwind: CompanyProfile, pack: RulePack) -> None:
    madrid = _with(northwind, country="ES", city_band="madrid_barcelona")
    assessment = _assess(madrid, pack)
    pay = draft_role(madrid, assessment, pack).compensation
    # The midpoint, 46,500, rounded to the thousand as every drafted OTE is (half to even).
    assert sum(MADRID_OTE) / 2 == 46500.0
    assert (pay.ote, pay.base_share) == (46000.0, ES_BASE_SHARE)
    assert "pay band for Spain, Madrid or Barcelona" in pay.ote_source
    assert any(line.startswith("Employer on-costs: ") for line in pay.sources)
    assert not any(line.startswith("Loaded-cost factor") for line in pay.sources)


def test_a_city_band_of_another_country_is_refused_naming_the_field(
    northwind: CompanyProfile,
) -> None:
    with pytest.raises(ProfileError) as caught:
        _with(northwind, country="ES", city_band="london")
    problem = caught.value.problems[0]
    assert problem.path == "city_band"
    assert problem.message == (
        "'london' is a city band of GB, but country is 'ES': set country to GB, or pick a city "
        "band of your country or none"
    )


def test_uk_is_refused_with_the_iso_code_to_write(northwind: CompanyProfile) -> None:
    with pytest.raises(ProfileError) as caught:
        _with(northwind, country="UK")
    problem = caught.value.problems[0]
    assert (problem.path, problem.message) == (
        "country",
        "'UK' is not an ISO 3166-1 country code: write 'GB'",
    )
    assert _with(northwind, country="es").country == "ES"


def _pack_with(old: bytes, new: bytes) -> list[tuple[str, bytes]]:
    changed = [(n, c.replace(old, new, 1) if n.endswith("22-pay.yaml") else c) for n, c in SHIPPED]
    assert changed != SHIPPED
    return changed


def test_a_band_whose_low_is_above_its_high_is_refused_at_its_line() -> None:
    documents = _pack_with(b"ote: {low: 43768, high: 55392}", b"ote: {low: 63768, high: 55392}")
    with pytest.raises(RulePackError) as caught:
        pack_from_documents(documents)
    text = str(caught.value.problems[0])
    line = next(
        number
        for number, row in enumerate(dict(documents)["rules/22-pay.yaml"].splitlines(), 1)
        if b"63768" in row
    )
    assert (
        text
        == f"rules/22-pay.yaml:{line}: pay › countries.DE.bands.national.ote.low: low is above high"
    )


def test_a_city_band_of_another_country_in_the_pack_is_refused() -> None:
    documents = _pack_with(
        b"        national:\n          ote: {low: 43768",
        b"        london:\n          ote: {low: 43768",
    )
    with pytest.raises(RulePackError) as caught:
        pack_from_documents(documents)
    assert "pay › countries.DE.bands.london: expected one of national" in str(
        caught.value.problems[0]
    )


def test_an_empty_part_of_a_country_is_refused_naming_it() -> None:
    documents = _pack_with(
        b"      currency: EUR\n      payments:\n        each_year: [12]\n        source:\n"
        b"          en: product default (an annual gross salary paid in 12 monthly payments)\n"
        b"          es: product default (un salario bruto anual pagado en 12 mensualidades)\n"
        b"      mix:\n        base_share: 0.7\n        source:\n          en: >-\n"
        b"            product default (70/30 base/variable, as the role section's compensation); kununu",
        b"      currency: EUR\n      payments:\n"
        b"      mix:\n        base_share: 0.7\n        source:\n          en: >-\n"
        b"            product default (70/30 base/variable, as the role section's compensation); kununu",
    )
    with pytest.raises(RulePackError) as caught:
        pack_from_documents(documents)
    assert "pay › countries.DE.payments: expected a mapping" in str(caught.value.problems[0])


def test_a_pay_source_that_names_no_document_is_refused() -> None:
    documents = _pack_with(
        b"en: >-\n              kununu account manager", b"en: >-\n              kununu gehalt"
    )
    with pytest.raises(RulePackError) as caught:
        pack_from_documents(documents)
    assert "rules/22-pay.yaml" in str(caught.value.problems[0])


def test_the_cli_report_shows_the_band_and_refuses_a_bad_country(tmp_path: Path) -> None:
    profile = (ROOT / "examples" / "northwind-hire-now.yaml").read_text(encoding="utf-8")
    spain = tmp_path / "spain.yaml"
    spain.write_text(profile + "country: ES\ncity_band: madrid_barcelona\n", encoding="utf-8")
    run = [sys.executable, "-m", "advisor", "assess", str(spain), "--format", "md"]
    result = subprocess.run(run, capture_output=True, text=True, check=False, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "AM pay band (Spain, Madrid or Barcelona)" in result.stdout
    assert "14 payments" in result.stdout
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(profile + "country: UK\n", encoding="utf-8")
    run[4] = str(wrong)
    result = subprocess.run(run, capture_output=True, text=True, check=False, cwd=ROOT, timeout=60)
    assert result.returncode == 2
    assert "country: 'UK' is not an ISO 3166-1 country code: write 'GB'" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_city_band_reads_as_its_place_and_a_company_name_as_typed() -> None:
    assert wording.value("city_band", "madrid_barcelona") == "Madrid or Barcelona"
    assert wording.value("company", "london") == "london"
