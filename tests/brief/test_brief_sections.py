"""The brief's sections: one builder each, in reading order, numbered as they appear."""

from __future__ import annotations

from typing import Any

from advisor.brief import Brief, Table
from advisor.brief.build import SECTIONS, TITLE_KEY
from advisor.brief.role_sections import payout_table
from advisor.pack import RulePack
from advisor.role import templates_for


def test_every_section_has_its_title_and_intro_in_the_pack(pack: RulePack) -> None:
    templates, _, _ = templates_for(pack)
    assert {TITLE_KEY.get(key, key) for key, _ in SECTIONS} <= set(templates.brief.sections)


def test_sections_follow_the_builders_order_and_are_numbered_in_turn(
    northwind_brief: Brief, brief_for: Any
) -> None:
    order = [key for key, _ in SECTIONS]
    for brief in (northwind_brief, brief_for("acorn-not-yet")):
        keys = [section.key for section in brief.sections]
        assert keys == [key for key in order if key in keys]
        assert [section.number for section in brief.sections] == list(range(1, len(keys) + 1))


def test_what_to_do_instead_appears_only_without_a_hire(
    hire_now_brief: Brief, brief_for: Any
) -> None:
    assert "instead" not in [section.key for section in hire_now_brief.sections]
    assert "instead" in [section.key for section in brief_for("acorn-not-yet").sections]


def test_the_payout_table_is_the_one_in_the_compensation_section(northwind_brief: Brief) -> None:
    table = payout_table(northwind_brief.role.compensation)
    section = next(s for s in northwind_brief.sections if s.key == "compensation")
    assert table in [block for block in section.blocks if isinstance(block, Table)]
    assert table.columns[0] == "Attainment" and table.columns[-1] == "vs OTE"
    assert [row[0] for row in table.rows] == ["80%", "100%", "120%"]
