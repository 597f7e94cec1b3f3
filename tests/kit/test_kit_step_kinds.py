"""The kit never finds a step or a source by its English words: the pack marks the onboarding
step that hands the renewals over (`kind: renewal_takeover`) and the engine says where the AM
cost comes from as a code, so a pack or an assessment in Spanish reads the same."""

from __future__ import annotations

from kit_support import kit_for, sample

from advisor.economics import compute_economics
from advisor.i18n import language
from advisor.kit.memo import _pay_rows
from advisor.kit.transition import takeover_steps
from advisor.pack import RulePack, load_pack
from advisor.present.figures import am_cost_source
from advisor.profile import CompanyProfile, parse_profile, profile_to_dict
from advisor.role import apply_edits, design_edits


def _northwind(**changes: object) -> CompanyProfile:
    return parse_profile({**profile_to_dict(sample("northwind-hire-now")), **changes})


def test_the_transition_note_finds_the_takeover_step_in_a_spanish_pack() -> None:
    with language("es"):
        kit = kit_for(sample("northwind-hire-now"), load_pack(language="es"))
        steps = takeover_steps(kit)
    # rules/40-role.yaml: the third action of "Días 31–60", within the renewal lead of 120 days
    # (the English golden note's "within 120 days").
    assert len(steps) == 1
    assert steps[0].startswith(
        "Días 31–60: Hacerse cargo de todas las renovaciones que vencen en 120 días"
    )


def test_the_transition_note_finds_the_takeover_step_in_the_english_pack(
    pack: RulePack,
) -> None:
    steps = takeover_steps(kit_for(sample("northwind-hire-now"), pack))
    assert len(steps) == 1
    assert steps[0].startswith("Days 31–60: Take over every renewal due within 120 days")


def test_a_step_left_as_drafted_keeps_its_kind_and_a_rewritten_one_loses_it(
    pack: RulePack,
) -> None:
    kit = kit_for(sample("northwind-hire-now"), pack)
    rows = design_edits(kit.role)["onboarding"]
    kept, _ = apply_edits(
        kit.role, kit.profile, kit.assessment, pack, kit.role.inputs, {"onboarding": rows}
    )
    assert [s.kind for s in kept.onboarding].count("renewal_takeover") == 1
    rewritten = [
        {**row, "action": "Take over the renewals"} if "Take over" in row["action"] else row
        for row in rows
    ]
    edited, _ = apply_edits(
        kit.role, kit.profile, kit.assessment, pack, kit.role.inputs, {"onboarding": rewritten}
    )
    assert [s.kind for s in edited.onboarding].count("renewal_takeover") == 0


def test_the_role_json_keeps_its_onboarding_keys(pack: RulePack) -> None:
    role = kit_for(sample("northwind-hire-now"), pack).role
    assert {tuple(step) for step in role.to_dict()["onboarding"]} == {("phase", "action")}


def test_the_engine_says_where_the_am_cost_comes_from_as_a_code(pack: RulePack) -> None:
    own = compute_economics(_northwind(am_fully_loaded_cost=90000), pack)
    banded = compute_economics(_northwind(country="ES"), pack)
    benchmark = compute_economics(_northwind(country=None), pack)
    assert (own.am_cost_basis, banded.am_cost_basis, benchmark.am_cost_basis) == (
        "profile",
        "pay_band",
        "benchmark",
    )


def test_the_memo_names_your_own_cost_figure_in_spanish(pack: RulePack) -> None:
    econ = compute_economics(_northwind(am_fully_loaded_cost=90000), pack)
    with language("es"):
        assert am_cost_source(econ) == "tu cifra"
        rows = _pay_rows(econ)
    assert rows[0][1] == "90.000\u00a0€"  # Spain: a no-break space before the sign
    assert rows[0][2].startswith("Tu cifra")


def test_the_memo_splits_the_pay_by_the_band_in_a_spanish_assessment() -> None:
    with language("es"):
        spanish = load_pack(language="es")
        econ = compute_economics(_northwind(country="ES"), spanish)
        rows = _pay_rows(econ)
    assert econ.pay is not None
    on_costs = econ.pay.cost_expected - econ.pay.ote_expected
    assert len(rows) == 2
    assert rows[1][0].startswith("Costes de empresa")
    assert rows[1][1] == f"{round(on_costs):,}".replace(",", ".") + "\u00a0€"
