"""The role texts that were English in a Spanish pack: the RACI table's role headings, the OTE's
source note and the onboarding step kinds, read from rules/40-role.yaml's maps of languages."""

from __future__ import annotations

import shutil
from pathlib import Path

import msgspec
import pytest

from advisor.engine import evaluate
from advisor.i18n import PSEUDO, language
from advisor.pack import RulePackError, load_pack
from advisor.profile import load_profile
from advisor.role import draft_role

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "rules"
NORTHWIND = ROOT / "examples" / "northwind-hire-now.yaml"


def _drafted(code: str):  # type: ignore[no-untyped-def]
    with language(code):
        pack = load_pack(language=code)
        profile = msgspec.structs.replace(load_profile(NORTHWIND), country=None)
        assessment = evaluate(profile, pack)
        return draft_role(profile, assessment, pack), assessment


def test_the_raci_roles_read_in_spanish() -> None:
    design, _assessment = _drafted("es")
    assert design.raci_roles == ("AM", "AE", "CSM", "Fundador")


def test_the_raci_roles_stay_as_they_were_in_english() -> None:
    design, _assessment = _drafted("en")
    assert design.raci_roles == ("AM", "AE", "CSM", "Founder")


def test_the_raci_roles_are_wrapped_in_the_pseudo_language() -> None:
    design, _assessment = _drafted(PSEUDO)
    assert design.raci_roles == ("⟦AM⟧", "⟦AE⟧", "⟦CSM⟧", "⟦Founder⟧")


def test_the_ote_source_note_reads_in_spanish() -> None:
    design, assessment = _drafted("es")
    # No pay band and no own figure: the pack's benchmark ÷ the loaded-cost factor.
    assert assessment.economics.am_cost_basis == "benchmark"
    assert design.compensation.ote_source.startswith(
        "calculado a partir del valor de referencia del paquete de reglas para el coste de un AM"
    )
    assert "85.000" in design.compensation.ote_source  # the benchmark, written as Spain does


def test_the_ote_source_note_stays_english_in_english() -> None:
    design, _assessment = _drafted("en")
    assert design.compensation.ote_source.startswith(
        "derived from the pack's AM cost benchmark (€85,000) ÷ "
    )


def test_an_onboarding_action_of_an_unknown_kind_is_refused_at_its_line(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    shutil.copytree(RULES, folder)
    role = folder / "40-role.yaml"
    text = role.read_text(encoding="utf-8")
    assert text.count("kind: renewal_takeover") == 1
    text = text.replace("kind: renewal_takeover", "kind: renewal_take_over")
    role.write_text(text, encoding="utf-8")
    line = text[: text.index("kind: renewal_take_over")].count("\n") + 1
    with pytest.raises(RulePackError) as caught:
        load_pack(folder)
    found = [str(problem) for problem in caught.value.problems]
    assert len(found) == 1
    assert found[0].startswith(f"{role}:{line}: role › onboarding.phases[2].actions[2].kind: ")
    assert "'renewal_take_over' is not one of renewal_takeover" in found[0]


def test_where_the_role_texts_come_from_reads_in_spanish() -> None:
    assert _drafted("es")[0].templates_origin == "paquete de reglas"
    assert _drafted("en")[0].templates_origin == "rule pack"
