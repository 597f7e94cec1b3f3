"""The role section (rules/40-role.yaml) in Spanish: every text is a map of languages whose
Spanish is its own (role titles and acronyms excepted), with the English placeholders, and the
pack loaded in Spanish gives the role's templates in Spanish.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from advisor.i18n import language
from advisor.pack import DEFAULT_RULES_DIR, RulePack, load_pack
from advisor.yamlio import parse_yaml

ROLE = DEFAULT_RULES_DIR / "40-role.yaml"
PLACEHOLDER = re.compile(r"\{[a-z_][a-z0-9_]*\}")
# Written the same in Spanish: role titles, as Spanish job postings write them, and acronyms.
SAME_IN_SPANISH = frozenset(
    {
        "Account Manager",
        "Key Account Manager",
        "Client Partner",
        "Senior Account Director",
        "Inside Account Manager",
        "Account Executive (AE)",
        "Customer Success Manager (CSM)",
        "Sales Development Representative (SDR)",
        "AE",
        "AM",
        "CSM",  # the RACI table's heading: the abbreviation Spain uses too
    }
)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _maps(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, str]]]:
    """Each map of languages in a YAML tree, with its dotted path."""
    if isinstance(node, dict):
        if "en" in node and set(node) <= {"en", "es"}:
            yield path, node
            return
        for key, value in node.items():
            yield from _maps(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _maps(item, f"{path}[{index}]")


@pytest.fixture(scope="module")
def raw_role() -> Any:
    return parse_yaml(ROLE.read_text(encoding="utf-8"), str(ROLE))["role"]


@pytest.fixture(scope="module")
def spanish_pack() -> RulePack:
    with language("es"):
        return load_pack()


def test_every_role_text_has_its_own_spanish(raw_role: Any) -> None:
    maps = list(_maps(raw_role))
    # Every section of the role holds texts in both languages.
    sections = {path.split(".")[0].split("[")[0] for path, _ in maps}
    assert sections >= {
        "sources",
        "brief",
        "shapes",
        "instead",
        "responsibilities",
        "boundaries",
        "raci",
        "seniority",
        "capacity",
        "tiers",
        "qbr_content",
        "renewal_playbook",
        "metrics",
        "compensation",
        "handover",
        "onboarding",
        "mistakes",
    }
    for path, text in maps:
        assert "es" in text, path
        if _flat(text["en"]) not in SAME_IN_SPANISH:
            assert _flat(text["es"]) != _flat(text["en"]), path


def test_role_texts_keep_the_english_placeholders_in_spanish(raw_role: Any) -> None:
    for path, text in _maps(raw_role):
        english, spanish = PLACEHOLDER.findall(text["en"]), PLACEHOLDER.findall(text["es"])
        assert sorted(spanish) == sorted(english), path


def test_the_pack_loaded_in_spanish_gives_the_role_in_spanish(spanish_pack: RulePack) -> None:
    role = spanish_pack.role
    assert role is not None
    assert role.brief.title == "Informe de contratación de {role}"
    assert role.brief.sections["mistakes"].title == "Errores que evitar"
    assert role.shape("client_partner").title == "Client Partner"
    assert role.shape("account_manager").mission.startswith("Hacerse cargo de las relaciones")
    assert [tier.label for tier in role.tiers] == ["Estratégica", "Principal", "Estándar"]
    assert role.qbr_content[0] == "Uso y adopción desde la última revisión"
    too_late = next(m for m in role.mistakes if m.id == "too_late")
    assert too_late.advice == (
        "Abre el proceso de selección {search_opens} y traspasa primero las cuentas en riesgo."
    )
