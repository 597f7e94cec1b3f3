"""RoleDesign: the role drafted for one company from its profile, assessment and the pack."""

from __future__ import annotations

import json
import math
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor import present
from advisor.engine import Verdict, evaluate
from advisor.pack import RulePack, load_pack
from advisor.pack.role_model import PayoutCurve
from advisor.role import (
    EDITABLE_SECTIONS,
    RoleEditError,
    RoleInputs,
    design_edits,
    draft_role,
    parse_edits,
    payout_factor,
)

RULES = Path(__file__).resolve().parents[2] / "rules"


# --- title and shape ---------------------------------------------------------------------------


def test_samples_get_the_shape_their_profile_calls_for(
    samples: dict[str, Any], design_for: Any
) -> None:
    northwind, _ = design_for(samples["northwind-hire-now"])
    ferro, _ = design_for(samples["ferro-fix-delivery"])
    acorn, _ = design_for(samples["acorn-not-yet"])
    # Inconsistent onboarding and a book for one AM: one person owns adoption and the account.
    assert northwind.shape == "am_csm"
    assert northwind.title == "Account Manager (with customer success)"
    # Enterprise accounts call for a Key Account Manager.
    assert ferro.shape == "key_account_manager" and ferro.title == "Key Account Manager"
    assert acorn.shape == "account_manager" and acorn.title == "Account Manager"


def test_a_concentrated_book_calls_for_a_key_account_manager(
    make_profile: Any, design_for: Any
) -> None:
    profile = make_profile()
    plain_design, _ = design_for(profile)
    concentrated, _ = design_for(profile, inputs=RoleInputs(top_accounts_share=0.6))
    spread, _ = design_for(profile, inputs=RoleInputs(top_accounts_share=0.3))
    assert plain_design.shape == "account_manager"
    assert concentrated.shape == "key_account_manager"
    assert spread.shape == "account_manager"
    assert any("low end of the range" in s for s in concentrated.capacity.sentences)


@pytest.mark.parametrize(
    ("sample", "verdict", "plan_words"),
    [
        ("acorn-not-yet", Verdict.NOT_YET, "book stays with the founder"),
        ("brightpath-prepare", Verdict.PREPARE, "Prepare the hire"),
        ("ferro-fix-delivery", Verdict.FIX_DELIVERY_FIRST, "Standardise delivery first"),
    ],
)
def test_without_a_hire_the_draft_says_what_to_do_instead(
    samples: dict[str, Any], design_for: Any, sample: str, verdict: Verdict, plan_words: str
) -> None:
    design, assessment = design_for(samples[sample])
    assert assessment.verdict == verdict
    assert not design.hire_now
    assert design.interim is not None
    assert plan_words.lower() in design.interim.title.lower()
    assert len(design.interim.steps) >= 4
    assert all(step.owner and step.when for step in design.interim.steps)
    assert not re.search(r"\{[a-z_]+\}", json.dumps(design.to_dict()))  # placeholders filled


def test_fix_delivery_first_lists_concrete_delivery_steps(
    samples: dict[str, Any], design_for: Any
) -> None:
    design, _ = design_for(samples["ferro-fix-delivery"])
    steps = " ".join(step.step for step in design.interim.steps)
    for words in (
        "service each client is promised",
        "standards and checklists",
        "Measure delivery",
    ):
        assert words in steps


def test_not_yet_names_the_point_to_reassess(samples: dict[str, Any], design_for: Any) -> None:
    design, assessment = design_for(samples["acorn-not-yet"])
    last = design.interim.steps[-1]
    # Acorn: 8 accounts, 2 more a quarter, mid-market zone from 15: the plan's dates.
    plan = assessment.plan
    reassess = present.date(plan.reassess_on)
    assert last.step == f"Reassess on {reassess}: {present.zone_phrase(assessment)}."
    assert last.when == reassess
    assert "the book reaches the hiring zone (15+ accounts) on " in last.step


def test_hire_now_has_no_interim_plan(samples: dict[str, Any], design_for: Any) -> None:
    design, _ = design_for(samples["northwind-hire-now"])
    assert design.hire_now and design.interim is None


# --- responsibilities ------------------------------------------------------------------------


def _areas(design: Any) -> list[str]:
    return [r.area for r in design.responsibilities]


def test_renewals_come_first_when_they_are_last_minute(make_profile: Any, design_for: Any) -> None:
    design, _ = design_for(make_profile(renewal_lead_days=20, renewal_owner="sales"))
    assert _areas(design)[0] == "Retention and renewals"
    assert "20 days before expiry" in design.responsibilities[0].why


def test_expansion_comes_first_when_upsell_is_unworked(make_profile: Any, design_for: Any) -> None:
    design, _ = design_for(make_profile(unworked_upsell=True))
    assert _areas(design)[0] == "Expansion (upsell and cross-sell)"
    assert "upsell" in design.responsibilities[0].why


def test_every_core_area_of_the_role_is_covered(make_profile: Any, design_for: Any) -> None:
    design, _ = design_for(make_profile())
    areas = set(_areas(design))
    assert {
        "Relationship management",
        "Retention and renewals",
        "Expansion (upsell and cross-sell)",
        "Internal coordination of service",
        "Risk detection from health signals",
        "Voice of the customer",
        "Account plans and relationship maps",
    } <= areas
    # Onboarding belongs to the combined AM/CSM shape only.
    assert "Client onboarding and adoption" not in areas


# --- boundaries ------------------------------------------------------------------------------


def test_raci_grid_covers_the_activities_and_roles(
    samples: dict[str, Any], design_for: Any
) -> None:
    design, _ = design_for(samples["acorn-not-yet"])
    assert design.raci_roles == ("AM", "AE", "CSM", "Founder")
    assert [row.activity for row in design.raci] == [
        "Client onboarding",
        "Renewal",
        "Upsell and expansion",
        "Client escalations",
        "New logos",
    ]
    renewal = dict(zip(design.raci_roles, design.raci[1].cells, strict=True))
    new_logos = dict(zip(design.raci_roles, design.raci[4].cells, strict=True))
    assert renewal["AM"] == "A/R"
    assert new_logos["AE"] == "A/R" and new_logos["AM"] == "I"
    assert {b.role for b in design.boundaries} >= {
        "Account Executive (AE)",
        "Sales Development Representative (SDR)",
        "Support and customer service",
        "Customer Success Manager (CSM)",
    }


@pytest.mark.parametrize(
    ("owner", "status"),
    [
        ("nobody", "gap"),
        ("sales", "overlap"),
        ("account_executive", "overlap"),
        ("founder", "risk"),
    ],
)
def test_today_flags_gaps_and_overlaps_in_renewals(
    make_profile: Any, design_for: Any, owner: str, status: str
) -> None:
    design, _ = design_for(make_profile(renewal_owner=owner))
    renewal = next(row for row in design.today if row.activity == "Renewal")
    assert renewal.status == status


def test_combined_shape_moves_onboarding_to_the_am(
    samples: dict[str, Any], design_for: Any
) -> None:
    design, _ = design_for(samples["northwind-hire-now"])
    onboarding = dict(zip(design.raci_roles, design.raci[0].cells, strict=True))
    assert onboarding["AM"] == "A/R" and onboarding["CSM"] == ""
    csm = next(b for b in design.boundaries if b.role.startswith("Customer Success"))
    assert "also covers onboarding" in csm.boundary


# --- seniority, capacity, cadence, playbook ---------------------------------------------------


def test_the_profile_is_senior_with_interview_questions(
    samples: dict[str, Any], design_for: Any
) -> None:
    design, _ = design_for(samples["ferro-fix-delivery"])
    assert "not a junior role" in design.seniority_level
    skills = [q.skill for q in design.interview]
    assert "Key-account depth" in skills  # the KAM-only question
    assert "Onboarding and adoption" not in skills
    assert all(q.ask and q.listen_for for q in design.interview)


def test_capacity_uses_the_band_s_book_and_plans_the_next_hire(
    samples: dict[str, Any], design_for: Any, pack: RulePack
) -> None:
    design, assessment = design_for(samples["northwind-hire-now"])
    capacity = design.capacity
    # Contracts of €36,000: the band from €23,000 to under €46,000, books of 25–40.
    assert (capacity.book_low, capacity.book_high) == pack.book_size("mid_market", "25k_50k")
    assert (capacity.book_low, capacity.book_high) == (25, 40)
    assert capacity.am_count == assessment.recommended_am_count == 1
    assert capacity.next_am_at == 41
    # 41 accounts at 3 a quarter from 22 is seven quarters away: within the two years.
    assert math.ceil((41 - 22) / 3) == 7 == capacity.quarters_to_next_am
    assert capacity.team_lead_at_ams == 5
    text = " ".join(capacity.sentences)
    assert "41 active accounts" in text and "team lead" in text


def test_an_overloaded_book_needs_more_account_managers(make_profile: Any, design_for: Any) -> None:
    # Contracts of €40,000: books of 40 at most, 130 / 40 rounded up = 4 AMs.
    design, _ = design_for(make_profile(active_accounts=130))
    assert design.capacity.am_count == 4
    assert design.capacity.load == pytest.approx(130 / 40)
    assert "overloaded_book" in {m.id for m in design.mistakes}
    assert "automatic_team_lead" in {m.id for m in design.mistakes}


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(accounts=st.integers(min_value=0, max_value=400))
def test_tiers_split_the_whole_book(make_profile: Any, design_for: Any, accounts: int) -> None:
    design, _ = design_for(make_profile(active_accounts=accounts))
    assert sum(tier.accounts for tier in design.tiers) == accounts
    assert all(tier.accounts >= 0 for tier in design.tiers)
    values = [tier.min_value for tier in design.tiers]
    assert values == sorted(values, reverse=True) and values[-1] == 0


def test_cadence_scales_with_account_size(make_profile: Any, design_for: Any) -> None:
    design, _ = design_for(make_profile(avg_contract_value=36000))
    a, b, c = design.tiers
    assert (a.tier, b.tier, c.tier) == ("A", "B", "C")
    assert "Weekly or biweekly" in a.contact and "Quarterly" in c.contact
    assert a.value_rule == "€72,000 a year or more"
    assert b.value_rule == "€27,000 to €72,000 a year"
    assert c.value_rule == "under €27,000 a year"
    assert design.qbr_content and any(
        "ROI" in item or "return" in item for item in design.qbr_content
    )


def test_renewal_playbook_runs_from_t120_to_signature(make_profile: Any, design_for: Any) -> None:
    late, _ = design_for(make_profile(renewal_lead_days=30))
    on_time, _ = design_for(make_profile(renewal_lead_days=120))
    assert [m.days_before for m in late.playbook] == [120, 90, 60, 30, 0]
    assert [m.milestone for m in late.playbook][-1] == "Signature and next term"
    assert "30 days before expiry" in late.playbook_note
    assert on_time.playbook_note == ""


# --- metrics ---------------------------------------------------------------------------------


def test_metrics_show_nrr_next_to_logo_retention_with_pack_targets(
    samples: dict[str, Any], design_for: Any, pack: RulePack
) -> None:
    design, _ = design_for(samples["northwind-hire-now"])
    keys = [m.key for m in design.metrics]
    assert keys[keys.index("nrr") + 1] == "logo_retention"
    assert set(keys) >= {
        "nrr",
        "logo_retention",
        "renewal_rate",
        "contraction_rate",
        "expansion_rate",
        "nps",
    }
    nrr = design.metrics[keys.index("nrr")]
    # €36,000 a contract is in the band from €23,000 to under €46,000 (SaaS Capital's $25k to
    # $50k, converted), whose median NRR of 103% is the healthy level.
    assert nrr.source == pack.metric_targets["nrr"].band_source
    assert nrr.target.startswith("at least 103%") and "120%" in nrr.target
    # Northwind gave NRR 96% and logo retention 86%: watch and healthy.
    assert (nrr.today, nrr.status) == ("96%", "watch")
    assert design.metrics[keys.index("logo_retention")].status == "healthy"
    assert design.metrics[keys.index("renewal_rate")].status == "unknown"
    assert nrr.for_this_book.startswith(f"€{792_000 * 1.03:,.0f} or more of today's €792,000")
    avoided = " ".join(m.metric for m in design.avoid_metrics)
    assert "Calls" in avoided and "Pipeline" in avoided


# --- compensation ----------------------------------------------------------------------------


def test_default_pay_comes_from_the_pack_benchmark(
    samples: dict[str, Any], design_for: Any, pack: RulePack
) -> None:
    design, _assessment = design_for(samples["northwind-hire-now"])
    comp = design.compensation
    cost, _ = pack.benchmark_am_cost("EUR", "mid_market")
    assert comp.ote == round(cost / 1.3, -3)
    assert "benchmark" in comp.ote_source
    assert 0.4 <= comp.renewal_expansion_share <= 0.6
    assert not comp.has_new_logo_quota and comp.warnings == ()
    rows = comp.payout_rows()
    assert [row.attainment for row in rows] == [0.8, 1.0, 1.2]
    assert rows[1].total == pytest.approx(comp.ote)
    assert rows[0].total < rows[1].total < rows[2].total
    assert rows[0].variable == pytest.approx(0.8 * comp.variable)


def test_own_am_cost_sets_the_default_ote(make_profile: Any, design_for: Any) -> None:
    design, _ = design_for(make_profile(am_fully_loaded_cost=130000))
    assert design.compensation.ote == 100000
    assert "your AM fully loaded cost" in design.compensation.ote_source


def test_payout_curve() -> None:
    curve = PayoutCurve(threshold=0.5, accelerator=1.5, cap=2.0, source="")
    assert payout_factor(0.4, curve) == 0
    assert payout_factor(0.5, curve) == 0.5
    assert payout_factor(0.8, curve) == 0.8
    assert payout_factor(1.0, curve) == 1.0
    assert payout_factor(1.2, curve) == pytest.approx(1.3)
    assert payout_factor(3.0, curve) == 2.0


def _comp_edit(design: Any, **changes: Any) -> dict[str, Any]:
    edits = design_edits(design)["compensation"]
    edits.update(changes)
    return {"compensation": edits}


def test_a_new_logo_quota_raises_a_warning_and_a_mistake(
    make_profile: Any, design_for: Any
) -> None:
    draft, _ = design_for(make_profile())
    assert "new_logo_targets" not in {m.id for m in draft.mistakes}
    components = design_edits(draft)["compensation"]["components"]
    components[2]["share"] -= 0.2
    components.append(
        {
            "id": "new_logo",
            "label": "New-logo quota",
            "kind": "new_logo",
            "share": 0.2,
            "measure": "",
        }
    )
    edited, _ = design_for(make_profile(), edits=_comp_edit(draft, components=components))
    assert edited.compensation.has_new_logo_quota
    assert any("new-logo quota" in w.lower() for w in edited.compensation.warnings)
    mistake = next(m for m in edited.mistakes if m.id == "new_logo_targets")
    assert mistake.raised_by == ("The pay plan includes a new-logo quota",)


def test_a_split_outside_the_range_is_flagged(make_profile: Any, design_for: Any) -> None:
    draft, _ = design_for(make_profile())
    components = design_edits(draft)["compensation"]["components"]
    components[0]["share"], components[1]["share"], components[2]["share"] = 0.1, 0.1, 0.8
    edited, _ = design_for(make_profile(), edits=_comp_edit(draft, components=components))
    assert edited.compensation.warnings == (
        (
            "Renewal and expansion carry 20% of the variable pay; the plan that went with 25% "
            "better retention put 40–60% there (Only-dreams, “The Real Role of Account Managers in "
            "Business Growth”)."
        ),
    )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    ote=st.floats(min_value=20_000, max_value=400_000),
    base=st.floats(min_value=0.3, max_value=1.0),
    renewal=st.integers(min_value=0, max_value=100),
)
def test_payout_never_falls_as_attainment_rises(
    make_profile: Any, design_for: Any, ote: float, base: float, renewal: int
) -> None:
    draft, _ = design_for(make_profile())
    components = design_edits(draft)["compensation"]["components"]
    components[0]["share"] = renewal / 100
    components[1]["share"] = 0.0
    components[2]["share"] = (100 - renewal) / 100
    edited, _ = design_for(
        make_profile(),
        edits={"compensation": {"ote": ote, "base_share": base, "components": components}},
    )
    comp = edited.compensation
    totals = [comp.payout(level / 10).total for level in range(31)]
    assert totals == sorted(totals)
    assert comp.payout(1.0).total == pytest.approx(ote, abs=0.05)
    assert json.loads(json.dumps(edited.to_dict(), allow_nan=False))


# --- handover, onboarding, mistakes ----------------------------------------------------------


def test_handover_and_onboarding_give_crm_visibility_from_day_one(
    samples: dict[str, Any], design_for: Any
) -> None:
    design, _ = design_for(samples["northwind-hire-now"])
    assert all(item.owner and item.when for item in design.handover)
    phases = [phase for phase, _ in design.onboarding_goals]
    assert phases == ["Before day 1", "Days 1–30", "Days 31–60", "Days 61–90"]
    first = [s.action for s in design.onboarding if s.phase == "Days 1–30"]
    assert any(
        "CRM" in a and "contracts" in a and "invoices" in a and "tickets" in a for a in first
    )


def test_mistakes_are_tied_to_the_inputs_that_raise_them(
    make_profile: Any, design_for: Any
) -> None:
    calm, assessment = design_for(make_profile())
    # No warning sign: the only mistake in view is hiring before the book needs it.
    assert assessment.verdict == Verdict.NOT_YET
    assert {m.id for m in calm.mistakes} == {"too_early"}
    messy, _ = design_for(
        make_profile(
            renewal_owner="sales",
            knowledge_holder="founder",
            onboarding_consistent=False,
            nrr=0.95,
        )
    )
    found = {m.id: m for m in messy.mistakes}
    assert found["no_crm_visibility"].raised_by == ("Who holds client knowledge: founder",)
    assert found["acquisition_metrics"].raised_by == ("Who runs renewals today: sales",)
    assert found["nrr_alone"].raised_by == (
        "Net revenue retention: 95%",
        "logo retention is not provided",
    )
    assert "Client onboarding is consistent: no" in found["no_handover"].raised_by
    assert all(m.source.startswith("“") and "seed" not in m.source for m in messy.mistakes)


def test_hiring_too_early_is_raised_when_the_verdict_waits(
    samples: dict[str, Any], design_for: Any
) -> None:
    design, _ = design_for(samples["acorn-not-yet"])
    early = next(m for m in design.mistakes if m.id == "too_early")
    assert early.raised_by == (
        "Verdict: Not yet",
        "Active client accounts: 8 accounts (at most 25 accounts)",
        "The plan gives a date to open the search: no",
    )


# --- edits -----------------------------------------------------------------------------------


def test_edits_replace_sections_and_are_recorded(make_profile: Any, design_for: Any) -> None:
    edits = {
        "title": "Senior Account Manager",
        "responsibilities": [
            {"area": "Renewals", "description": "Own every renewal.", "why": None},
            {"area": None, "description": None, "why": None},  # a blank editor row
        ],
        "playbook": [
            {"days_before": 0, "milestone": "Sign", "actions": "", "owner": "AM"},
            {"days_before": 150, "milestone": "Review", "actions": "", "owner": "AM"},
        ],
    }
    design, _ = design_for(make_profile(), edits=edits)
    assert design.title == "Senior Account Manager"
    assert [r.area for r in design.responsibilities] == ["Renewals"]
    assert [m.days_before for m in design.playbook] == [150, 0]
    assert design.edited == ("title", "responsibilities", "playbook")


def test_the_draft_survives_a_round_trip_through_its_own_edits(
    samples: dict[str, Any], design_for: Any
) -> None:
    for profile in samples.values():
        draft, _ = design_for(profile)
        again, _ = design_for(profile, edits=design_edits(draft))
        assert set(again.edited) == set(EDITABLE_SECTIONS)
        first, second = draft.to_dict(), again.to_dict()
        for data in (first, second):
            data.pop("edited")
            data["compensation"].pop("ote_source")  # an edited OTE is "your figure"
        assert second == first


@pytest.mark.parametrize(
    ("edits", "problem"),
    [
        ({"titel": "x"}, "titel: not an editable section"),
        ({"title": ""}, "title: must not be empty"),
        (
            {"responsibilities": [{"area": "", "description": "x"}]},
            "responsibilities[0].area: must not be empty",
        ),
        (
            {"responsibilities": [{"area": "x", "description": "y", "owner": "z"}]},
            "unknown column 'owner'",
        ),
        (
            {
                "tiers": [
                    {
                        "tier": "A",
                        "min_value": -5,
                        "accounts": 1,
                        "contact": "x",
                        "hours_per_month": 1,
                    }
                ]
            },
            "tiers[0].min_value: -5 is outside",
        ),
        (
            {
                "tiers": [
                    {
                        "tier": "A",
                        "min_value": 0,
                        "accounts": 1.5,
                        "contact": "x",
                        "hours_per_month": 1,
                    }
                ]
            },
            "not a whole number",
        ),
        (
            {"playbook": [{"days_before": "soon", "milestone": "x"}]},
            "playbook[0].days_before: 'soon' is not a number",
        ),
        ({"compensation": {"ote": 0}}, "compensation.ote: must be above 0"),
        ({"compensation": {"ote": float("nan")}}, "compensation.ote: expected a number"),
        ({"compensation": {"base_share": 1.5}}, "compensation.base_share: 1.5 is outside 0–1"),
        (
            {
                "compensation": {
                    "components": [{"label": "Renewal", "kind": "renewal", "share": 0.5}]
                }
            },
            "the shares add up to 50%; they must add up to 100%",
        ),
        (
            {"compensation": {"components": [{"label": "Logos", "kind": "logos", "share": 1}]}},
            "'logos' is not one of renewal, expansion, other, new_logo",
        ),
        ({"handover": "not a list"}, "handover: expected a list of rows"),
        ([1, 2], "edits: expected a mapping"),
    ],
)
def test_bad_edits_are_refused_with_their_place(edits: Any, problem: str) -> None:
    with pytest.raises(RoleEditError) as caught:
        parse_edits(edits)
    assert any(problem in str(text) for text in caught.value.problems), caught.value.problems


def test_edits_from_json_round_trip(samples: dict[str, Any], design_for: Any) -> None:
    draft, _ = design_for(samples["brightpath-prepare"])
    data = json.loads(json.dumps(design_edits(draft)))
    assert parse_edits(data).sections() == EDITABLE_SECTIONS


# --- packs -----------------------------------------------------------------------------------


def test_a_pack_without_role_texts_uses_the_shipped_ones(
    tmp_path: Path, samples: dict[str, Any]
) -> None:
    folder = tmp_path / "rules"
    shutil.copytree(RULES, folder)
    (folder / "40-role.yaml").unlink()
    custom = load_pack(folder)
    profile = samples["northwind-hire-now"]
    design = draft_role(profile, evaluate(profile, custom), custom)
    assert design.templates_origin.startswith("shipped defaults")
    assert design.responsibilities and design.metrics


def test_the_design_is_strict_json(samples: dict[str, Any], design_for: Any) -> None:
    for profile in samples.values():
        design, _ = design_for(profile)
        text = json.dumps(design.to_dict(), allow_nan=False)
        data = json.loads(text)
        assert data["compensation"]["payout_table"][1]["attainment"] == 1.0
        assert data["title"] == design.title
