"""The one declaration of editable sections, and the edits read against it."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path
from typing import Any

import msgspec
import pytest

from advisor.problems import AdvisorError, Problem
from advisor.role import (
    EDITABLE,
    EDITABLE_SECTIONS,
    RoleDesign,
    RoleEditError,
    RoleEdits,
    apply_edits,
    design_edits,
    parse_edits,
)

MODEL = Path(__file__).resolve().parents[2] / "advisor" / "role" / "model.py"


def test_every_editable_section_is_a_part_of_the_design() -> None:
    design_fields = {item.name for item in dataclasses.fields(RoleDesign)}
    edit_fields = {item.name for item in dataclasses.fields(RoleEdits)}
    for section in EDITABLE:
        assert section.name in design_fields
        if section.kind != "pay":
            assert section.name in edit_fields


def test_every_declared_column_is_a_field_of_its_row() -> None:
    for section in EDITABLE:
        if section.row is None:
            continue
        row = section.row
        declared = row.__struct_fields__ if issubclass(row, msgspec.Struct) else None
        row_fields = set(declared or (item.name for item in dataclasses.fields(row)))
        assert set(section.column_names) <= row_fields, section.name
        for column in section.columns:
            assert column.label, (section.name, column.name)
            if column.kind != "text":
                assert column.low < column.high, (section.name, column.name)


def test_every_table_the_app_edits_has_a_help_text() -> None:
    for section in EDITABLE:
        if section.kind in ("rows", "lines"):
            assert section.help, section.name


def test_the_design_edits_follow_the_declaration(samples: dict[str, Any], design_for: Any) -> None:
    draft, _ = design_for(samples["northwind-hire-now"])
    data = design_edits(draft)
    assert tuple(data) == EDITABLE_SECTIONS
    for section in EDITABLE:
        if section.kind == "rows":
            assert all(tuple(row) == section.column_names for row in data[section.name])


def test_the_model_is_data_on_the_standard_library_and_the_packs_shared_rows() -> None:
    tree = ast.parse(MODEL.read_text(encoding="utf-8"))
    modules = [
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    ]
    # The rows that read the same unfilled and filled are declared once, with the pack's role
    # templates; nothing else of the product is imported.
    assert {name for name in modules if name and name.startswith("advisor")} <= {
        "advisor.pack.role_model"
    }


def test_role_rows_are_declared_once_for_the_template_and_the_draft() -> None:
    import advisor.role
    from advisor.pack import role_model

    for name in ("Step", "InterimPlan", "Milestone", "PayComponent", "HandoverItem", "AvoidLine"):
        assert getattr(advisor.role, name) is getattr(role_model, name)
    template_names = [name for name in vars(role_model) if name.endswith("Template")]
    for gone in ("StepTemplate", "InsteadTemplate", "MilestoneTemplate", "HandoverTemplate"):
        assert gone not in template_names


def test_a_refused_edit_is_an_advisor_error_with_one_problem_per_line() -> None:
    with pytest.raises(RoleEditError) as caught:
        parse_edits({"title": "", "playbook": [{"days_before": "soon", "milestone": "x"}]})
    error = caught.value
    assert isinstance(error, AdvisorError)
    assert error.problems == (
        Problem("must not be empty", path="title"),
        Problem("'soon' is not a number", path="playbook[0].days_before"),
    )
    assert str(error) == (
        "title: must not be empty\nplaybook[0].days_before: 'soon' is not a number"
    )


def test_edits_that_are_not_a_mapping_are_one_problem() -> None:
    with pytest.raises(RoleEditError) as caught:
        parse_edits(["title"])  # type: ignore[arg-type]
    assert [str(problem) for problem in caught.value.problems] == [
        "edits: expected a mapping of section: value"
    ]


def test_a_whole_number_column_refuses_a_fraction_before_the_other_cells() -> None:
    row = {"tier": "", "min_value": 0, "accounts": 2.5, "contact": "x", "hours_per_month": 1}
    with pytest.raises(RoleEditError) as caught:
        parse_edits({"tiers": [row]})
    assert [str(problem) for problem in caught.value.problems] == [
        "tiers[0].accounts: 2.5 is not a whole number",
        "tiers[0].tier: must not be empty",
    ]


def test_refused_edits_leave_the_draft_with_the_reasons(
    samples: dict[str, Any], design_for: Any, pack: Any
) -> None:
    draft, assessment = design_for(samples["northwind-hire-now"])
    profile = samples["northwind-hire-now"]
    design, problems = apply_edits(
        draft, profile, assessment, pack, draft.inputs, {"title": "Head of Accounts"}
    )
    assert design.title == "Head of Accounts" and problems == ()
    design, problems = apply_edits(draft, profile, assessment, pack, draft.inputs, {"title": ""})
    assert design is draft
    assert [str(problem) for problem in problems] == ["title: must not be empty"]
