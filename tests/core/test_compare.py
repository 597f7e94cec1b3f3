"""Comparing scenarios: what differs, what alone changes the verdict, and the one line saying so."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from openpyxl import load_workbook

from advisor import present
from advisor.compare import (
    PACK_FIELD,
    ROLE_EDITS_FIELD,
    TOP_SHARE_FIELD,
    Comparison,
    ComparisonError,
    Scenario,
    compare_scenarios,
)
from advisor.engine import evaluate
from advisor.export.comparison import render_json, render_markdown, render_text, render_xlsx
from advisor.pack import RulePack, load_pack, pack_from_documents
from advisor.pack.uploads import default_documents, overlay_on_default
from advisor.profile import FIELDS, CompanyProfile, parse_profile, profile_to_dict
from advisor.role import RoleEditError, RoleInputs
from advisor.yamlio import read_document

ROOT = Path(__file__).resolve().parents[2]
# The comparison's logic is tested on the shipped pack with a payback hold that never binds, so
# the verdicts these tests set up do not move with the payback's calibration.
HOLD = re.compile(r"(\n  payback_hold:\n(?:    .*\n)*?    value: )\d+")


def _long_hold(thresholds: str) -> str:
    held, count = HOLD.subn(r"\g<1>1000", thresholds)
    assert count == 1, "the pack's payback_hold threshold was not found"
    return held


PACK = pack_from_documents(
    overlay_on_default(
        [
            (
                "10-thresholds.yaml",
                _long_hold((ROOT / "rules" / "10-thresholds.yaml").read_text("utf-8")).encode(),
            )
        ],
        default_documents(),
    )[0]
)
BASE = dict(read_document(ROOT / "tests" / "rule_cases" / "base.yaml"))
# 30 mid-market accounts, nothing else wrong: 'prepare' at 40, 15 points below 'hire now'.
NEAR_HIRE = {**BASE, "active_accounts": 30}


def profile(**overrides: Any) -> CompanyProfile:
    return parse_profile({**BASE, **overrides})


def near_hire(**overrides: Any) -> CompanyProfile:
    return parse_profile({**NEAR_HIRE, **overrides})


def compare(*profiles: CompanyProfile, pack: RulePack = PACK, **kwargs: Any) -> Comparison:
    names = "ABCD"
    return compare_scenarios(
        [Scenario(names[i], p, pack, **kwargs) for i, p in enumerate(profiles)]
    )


def difference(comparison: Comparison, field: str) -> Any:
    return next(d for d in comparison.differences if d.field == field)


def test_one_decisive_difference_is_named_in_the_line() -> None:
    a = near_hire(unworked_upsell=True, renewal_lead_days=30)
    b = near_hire(unworked_upsell=True, renewal_lead_days=120)
    comparison = compare(a, b)
    assert [r.verdict for r in comparison.scenarios] == ["hire_now", "prepare"]
    assert [d.field for d in comparison.differences] == ["renewal_lead_days"]
    lead = difference(comparison, "renewal_lead_days")
    assert lead.changes_verdict_alone
    assert lead.verdict_alone == ("hire_now", "prepare")
    assert lead.values == (30, 120)
    assert comparison.lines == (
        "The verdicts differ because B’s renewal work starts 120 days out.",
    )


def test_a_non_decisive_difference_keeps_the_verdict_and_says_so() -> None:
    comparison = compare(profile(), profile(gross_margin=0.65))
    margin = difference(comparison, "gross_margin")
    assert not margin.changes_verdict_alone
    assert margin.shown == ("60%", "65%")
    assert comparison.lines == (
        "B gets the same verdict as A, 'Not yet', with the same score, 25.",
    )


def test_only_the_decisive_input_is_named_among_several() -> None:
    a = profile()
    b = profile(delivery_maturity="ad_hoc", gross_margin=0.65, notes="Q3 plan")
    comparison = compare(a, b)
    assert {d.field for d in comparison.differences} == {
        "delivery_maturity",
        "gross_margin",
        "notes",
    }
    assert difference(comparison, "delivery_maturity").changes_verdict_alone
    assert not difference(comparison, "gross_margin").changes_verdict_alone
    assert not difference(comparison, "notes").changes_verdict_alone
    assert comparison.lines == ("The verdicts differ because B’s delivery is ad hoc.",)


def test_two_inputs_that_decide_only_together_are_named_together() -> None:
    a = near_hire()
    b = near_hire(unworked_upsell=True, clients_escalate_to_leadership=True, notes="after Q3")
    comparison = compare(a, b)
    assert [r.verdict for r in comparison.scenarios] == ["prepare", "hire_now"]
    assert not any(d.changes_verdict_alone for d in comparison.differences)
    assert comparison.lines == (
        (
            "No single input changes the verdict on its own; together, B’s clients escalate to "
            "the founder or C-level and B’s obvious upsell goes unworked make it 'Hire an "
            "Account Manager now'."
        ),
    )


def test_an_input_that_alone_gives_a_third_verdict_is_named_honestly() -> None:
    # B's enterprise segment and its one AM give 'hire now' together; the AM alone would
    # give 'not yet' (the team has room), the segment alone keeps 'prepare'. In a currency
    # without bands of contract value the segment sets the book size (20 enterprise accounts).
    a = near_hire(currency="CHF")
    b = near_hire(currency="CHF", segment="enterprise", current_account_managers=1)
    comparison = compare(a, b)
    assert [r.verdict for r in comparison.scenarios] == ["prepare", "hire_now"]
    team = difference(comparison, "current_account_managers")
    assert team.changes_verdict_alone and team.verdict_alone[1] == "not_yet"
    assert comparison.lines == (
        (
            "No single input gives 'Hire an Account Manager now' on its own (that B’s team has "
            "1 AM today would on its own make it 'Not yet'); together, B’s clients are "
            "enterprise and B’s team has 1 AM today make it 'Hire an Account Manager now'."
        ),
    )


def test_an_input_that_alone_would_move_an_agreed_verdict_is_named() -> None:
    a = near_hire()
    b = near_hire(active_accounts=60, gross_margin=0.2)
    comparison = compare(a, b)
    assert [r.verdict for r in comparison.scenarios] == ["prepare", "prepare"]
    assert difference(comparison, "active_accounts").changes_verdict_alone
    assert comparison.lines[0] == (
        "B gets the same verdict as A, 'Prepare to hire', scoring "
        f"{comparison.scenarios[1].assessment.score:.0f} against 40, although that B’s book "
        "holds 60 accounts would on its own make it 'Hire an Account Manager now': the other "
        "differences cancel it out."
    )


def test_four_scenarios_each_get_a_line_against_the_baseline() -> None:
    a = near_hire()
    b = near_hire(unworked_upsell=True, clients_escalate_to_leadership=True)
    c = near_hire(delivery_maturity="emerging")
    d = near_hire()
    comparison = compare(a, b, c, d)
    assert comparison.lines[0].startswith("B against A: no single input changes the verdict")
    assert (
        comparison.lines[1] == "C against A: the verdicts differ because C’s delivery is emerging."
    )
    assert (
        comparison.lines[2]
        == "D against A: D has the same inputs as A: the same verdict and score."
    )


def test_identical_scenarios_show_no_difference() -> None:
    comparison = compare(profile(), profile())
    assert comparison.differences == ()
    assert not any(row.differs for row in (*comparison.inputs, *comparison.outcomes))
    assert comparison.lines == ("B has the same inputs as A: the same verdict and score.",)
    assert comparison.same_pack


def _pack_with_hire_at(tmp_path: Path, hire_now_at: int, version: str = "2026.11") -> RulePack:
    folder = tmp_path / f"pack-{hire_now_at}-{version}"
    shutil.copytree(ROOT / "rules", folder)
    first = folder / "00-pack.yaml"
    text = first.read_text(encoding="utf-8").replace(
        "hire_now_at: 55", f"hire_now_at: {hire_now_at}"
    )
    first.write_text(text.replace('version: "2026.11"', f'version: "{version}"'), encoding="utf-8")
    thresholds = folder / "10-thresholds.yaml"
    thresholds.write_text(_long_hold(thresholds.read_text("utf-8")), encoding="utf-8")
    return load_pack(folder)


def test_different_packs_are_a_difference_that_can_decide(tmp_path: Path) -> None:
    stricter = _pack_with_hire_at(tmp_path, 70, "2027.01")
    a = near_hire(unworked_upsell=True, renewal_lead_days=30)
    comparison = compare_scenarios([Scenario("today", a, PACK), Scenario("stricter", a, stricter)])
    assert not comparison.same_pack
    assert [d.field for d in comparison.differences] == [PACK_FIELD]
    pack = difference(comparison, PACK_FIELD)
    assert pack.shown == ("AM Advisor default rules 2026.11", "AM Advisor default rules 2027.01")
    assert pack.changes_verdict_alone
    assert comparison.lines == (
        "The verdicts differ because stricter’s rule pack is AM Advisor default rules 2027.01.",
    )


def test_packs_with_the_same_name_and_version_are_told_apart_by_digest(tmp_path: Path) -> None:
    other = _pack_with_hire_at(tmp_path, 54)
    comparison = compare_scenarios(
        [Scenario("A", profile(), PACK), Scenario("B", profile(), other)]
    )
    shown = difference(comparison, PACK_FIELD).shown
    assert shown[0] != shown[1]
    assert all("(digest " in text for text in shown)
    assert not difference(comparison, PACK_FIELD).changes_verdict_alone


def test_role_edits_are_an_input_that_never_moves_the_verdict() -> None:
    edits = {"title": "Client Partner", "compensation": {"base_share": 0.6}}
    comparison = compare_scenarios(
        [Scenario("A", profile(), PACK), Scenario("B", profile(), PACK, role_edits=edits)]
    )
    assert [d.field for d in comparison.differences] == [ROLE_EDITS_FIELD]
    assert not difference(comparison, ROLE_EDITS_FIELD).changes_verdict_alone
    rows = {row.key: row for row in comparison.outcomes}
    assert rows["role_title"].values[1] == "Client Partner"
    assert rows["base_variable"].values == ("70% / 30%", "60% / 40%")
    assert comparison.lines[0].startswith("B gets the same verdict as A")


def test_an_input_whose_value_alone_makes_an_invalid_profile_is_not_judged_alone() -> None:
    a = near_hire(current_account_managers=0, renewal_owner="founder")
    b = near_hire(current_account_managers=1, renewal_owner="account_manager")
    comparison = compare(a, b)
    owner = difference(comparison, "renewal_owner")
    assert owner.verdict_alone[1] is None
    assert "cannot be assessed" in owner.notes[1]
    assert "current_account_managers is 0" in owner.notes[1]
    assert "cannot be assessed" in comparison.effect_of(owner)


def test_economics_rows_are_the_engines_figures() -> None:
    comparison = compare(profile(), profile(active_accounts=60, avg_contract_value=52_000))
    rows = {row.key: row for row in comparison.outcomes}
    for index, result in enumerate(comparison.scenarios):
        economics = evaluate(result.profile, PACK).economics
        assert rows["total_arr"].values[index] == present.money(economics.total_arr, "EUR")
        assert (
            rows["team_cost"].values[index] == f"{present.money(economics.team_cost, 'EUR')} a year"
        )
        assert result.role.capacity.am_count == economics.recommended_am_count
    assert rows["role_am_count"].values == ("an Account Manager", "2 Account Managers")
    assert [value.split(" ")[0] for value in rows["am_count"].values] == ["1", "2"]


def test_compare_rows_are_the_presenters_lines_so_the_comparison_and_the_report_agree() -> None:
    """Every economics row is `present.line(assessment, key)`, in the presenter's order, and the
    timing rows are the presenter's plan, team plan and waiting sentences, all counted from the
    comparison's one `as_of`."""
    day = dt.date(2025, 3, 14)
    comparison = compare_scenarios(
        [
            Scenario("A", near_hire(), PACK),
            Scenario("B", near_hire(active_accounts=60, current_account_managers=1), PACK),
        ],
        as_of=day,
    )
    assert comparison.as_of == day
    economics = [row for row in comparison.outcomes if row.section == "Economics"]
    for index, result in enumerate(comparison.scenarios):
        assessment = result.assessment
        assert assessment.as_of == day
        assert [row.key for row in economics] == [
            line.key for line in present.economics_lines(assessment)
        ]
        for row in economics:
            assert row.values[index] == present.line(assessment, row.key).text
        timing = {
            row.key: row.values[index] for row in comparison.outcomes if row.section == "Timing"
        }
        assert timing == {
            "plan": present.plan_summary(assessment),
            "team_plan": present.team_plan_sentence(assessment),
            "waiting": present.waiting_sentence(assessment),
        }
        assert present.score_text(assessment) == next(
            row.values[index] for row in comparison.outcomes if row.key == "score"
        )
    data = json.loads(render_json(comparison))
    assert data["as_of"] == "2025-03-14"
    for scenario, result in zip(data["scenarios"], comparison.scenarios, strict=True):
        assert scenario["shown"] == present.shown(result.assessment)
    assert "Every date counts from 14 March 2025." in render_text(comparison)
    markdown = render_markdown(comparison)
    assert "## Timing" in markdown
    assert present.line(comparison.scenarios[0].assessment, "payback").text in markdown


def test_a_gated_scenario_is_not_scored_in_every_comparison_format() -> None:
    gated = near_hire(delivery_maturity="emerging")
    comparison = compare(near_hire(), gated)
    score = next(row for row in comparison.outcomes if row.key == "score")
    assert score.values == ("40/100", "not scored")
    data = json.loads(render_json(comparison))
    assert [s["scored"] for s in data["scenarios"]] == [True, False]
    assert data["scenarios"][1]["shown"]["score"] == "not scored"
    text = render_text(comparison)
    assert "not scored" in text
    sheet = load_workbook(io.BytesIO(render_xlsx(comparison)))["Comparison"]
    cells = {row[1].value: [c.value for c in row[2:4]] for row in sheet.iter_rows(min_row=2)}
    assert cells["Readiness score"] == ["40/100", "not scored"]


def test_three_scenarios_each_get_a_line_against_the_baseline() -> None:
    comparison = compare(profile(), profile(delivery_maturity="ad_hoc"), profile())
    assert comparison.lines == (
        "B against A: the verdicts differ because B’s delivery is ad hoc.",
        "C against A: C has the same inputs as A: the same verdict and score.",
    )
    maturity = difference(comparison, "delivery_maturity")
    assert maturity.verdict_alone == ("not_yet", "fix_delivery_first", None)
    assert comparison.effect_of(maturity) == (
        "Alone: B’s value changes the verdict to 'Fix delivery first'."
    )


@pytest.mark.parametrize("count", [0, 1, 5])
def test_two_to_four_scenarios_only(count: int) -> None:
    with pytest.raises(ComparisonError, match="2 to 4 scenarios"):
        compare(*[profile()] * count) if count <= 4 else compare_scenarios(
            [Scenario(f"S{i}", profile(), PACK) for i in range(count)]
        )


@pytest.mark.parametrize(
    ("names", "message"),
    [
        (["today", "Today"], "'Today' is already the name of scenario 1"),
        (["today", "  \n "], "scenario 2 › name: has no name"),
        (["today", "x" * 81], "81 characters long; at most 80"),
    ],
)
def test_names_must_be_given_and_distinct(names: list[str], message: str) -> None:
    with pytest.raises(ComparisonError) as caught:
        compare_scenarios([Scenario(name, profile(), PACK) for name in names])
    assert message in str(caught.value)


def test_bad_role_edits_name_the_scenario() -> None:
    scenarios = [
        Scenario("A", profile(), PACK),
        Scenario("Q3 plan", profile(), PACK, role_edits={"compensation": {"base_share": 3}}),
    ]
    with pytest.raises(RoleEditError) as caught:
        compare_scenarios(scenarios)
    assert "scenario 'Q3 plan'" in str(caught.value)
    assert "base_share" in str(caught.value)


def test_json_lists_every_scenario_and_difference() -> None:
    data = compare(profile(), profile(delivery_maturity="ad_hoc")).to_dict()
    assert [s["name"] for s in data["scenarios"]] == ["A", "B"]
    assert {"name", "verdict", "score", "recommended_am_count", "economics", "role"} <= set(
        data["scenarios"][0]
    )
    assert data["differences"] == [
        {
            "field": "delivery_maturity",
            "label": "Delivery maturity",
            "values": {"A": "standardised", "B": "ad_hoc"},
            "shown": {"A": "standardised", "B": "ad hoc"},
            "changes_verdict_alone": True,
            "effect": "Alone, this value changes the verdict to 'Fix delivery first'.",
            "verdict_alone": {"A": "not_yet", "B": "fix_delivery_first"},
            "notes": [],
        }
    ]


# ---------------------------------------------------------------------------------------------
# Properties

CHANGES: dict[str, Any] = {
    "active_accounts": st.integers(min_value=0, max_value=120),
    "avg_contract_value": st.integers(min_value=1_000, max_value=200_000),
    "gross_margin": st.floats(min_value=0.05, max_value=0.95, allow_nan=False),
    "logo_churn_rate": st.floats(min_value=0, max_value=0.5, allow_nan=False),
    "churn_trend": st.sampled_from(["falling", "stable", "rising"]),
    "delivery_maturity": st.sampled_from(["ad_hoc", "emerging", "standardised", "optimised"]),
    "knowledge_holder": st.sampled_from(["founder", "few_people", "shared_in_crm"]),
    "renewal_owner": st.sampled_from(["founder", "sales", "nobody", "customer_success"]),
    "renewal_lead_days": st.integers(min_value=0, max_value=200),
    "unworked_upsell": st.booleans(),
    "clients_escalate_to_leadership": st.booleans(),
    "onboarding_consistent": st.booleans(),
    "segment": st.sampled_from(["smb", "mid_market", "enterprise"]),
    "notes": st.text(max_size=20),
}
changes = st.dictionaries(st.sampled_from(sorted(CHANGES)), st.none(), max_size=6).flatmap(
    lambda keys: st.fixed_dictionaries({key: CHANGES[key] for key in keys})
)


@settings(max_examples=40, deadline=None)
@given(changes)
def test_a_scenario_compared_with_itself_shows_no_difference(update: dict[str, Any]) -> None:
    one = profile(**update)
    comparison = compare(one, one)
    assert comparison.differences == ()
    assert comparison.scenarios[0].verdict == comparison.scenarios[1].verdict
    assert comparison.scenarios[0].assessment.score == comparison.scenarios[1].assessment.score


@settings(max_examples=40, deadline=None)
@given(changes, changes)
def test_the_differences_are_the_fields_that_differ(
    first: dict[str, Any], second: dict[str, Any]
) -> None:
    a, b = profile(**first), profile(**second)
    comparison = compare(a, b)
    plain_a, plain_b = (
        profile_to_dict(a, include_empty=True),
        profile_to_dict(b, include_empty=True),
    )
    differing = [name for name in FIELDS if plain_a[name] != plain_b[name]]
    assert [d.field for d in comparison.differences] == differing
    for found in comparison.differences:  # the engine, not a list, says what alone decides
        alone = evaluate(parse_profile({**plain_a, found.field: plain_b[found.field]}), PACK)
        assert found.changes_verdict_alone == (
            alone.verdict != comparison.scenarios[0].assessment.verdict
        )


def test_the_role_inputs_are_an_input_row_when_given() -> None:
    comparison = compare_scenarios(
        [
            Scenario("A", profile(), PACK),
            Scenario("B", profile(), PACK, role_inputs=RoleInputs(top_accounts_share=0.55)),
        ]
    )
    share = difference(comparison, TOP_SHARE_FIELD)
    assert share.shown == ("not given", "55%")
    assert not share.changes_verdict_alone
    assert [row.key for row in comparison.inputs][-1] == TOP_SHARE_FIELD


@settings(max_examples=25, deadline=None)
@given(st.lists(st.text(max_size=30), min_size=2, max_size=2))
def test_any_names_are_refused_clearly_or_rendered_literally(names: list[str]) -> None:
    try:
        comparison = compare_scenarios([Scenario(name, profile(), PACK) for name in names])
    except ComparisonError as error:
        assert "scenario" in str(error) and "name" in str(error)
        return
    text = render_text(comparison)
    assert "\x1b" not in text and "\r" not in text
    data = json.loads(render_json(comparison))
    assert [s["name"] for s in data["scenarios"]] == list(comparison.names)
    kinds = set()
    for block in MarkdownIt("commonmark").enable("table").parse(render_markdown(comparison)):
        kinds |= {block.type, *(child.type for child in block.children or [])}
    assert not kinds & {"html_block", "html_inline", "link_open", "image"}
    for sheet in load_workbook(io.BytesIO(render_xlsx(comparison))):
        for row in sheet.iter_rows():
            assert all(cell.data_type != "f" for cell in row)
