"""The role's boundaries are editable, as the README says: in the app and with --role-edits."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from brief_support import EXAMPLES

from advisor import cli
from advisor.role import RoleEditError, parse_edits


def test_boundary_edits_reach_the_brief(tmp_path: Path) -> None:
    edits = tmp_path / "edits.yaml"
    edits.write_text(
        "boundaries:\n"
        "  - role: Account Executive\n"
        "    owns: New logos and the first contract\n"
        "    boundary: The AM takes over at signature, with a written handover\n"
    )
    out = io.StringIO()
    code = cli.main(
        ["brief", str(EXAMPLES / "northwind-hire-now.yaml"), "--role-edits", str(edits)], out
    )
    assert code == 0
    printed = out.getvalue()
    assert "The AM takes over at signature, with a written handover" in printed


def test_a_boundary_without_a_role_is_refused_by_its_place() -> None:
    with pytest.raises(RoleEditError) as caught:
        parse_edits({"boundaries": [{"role": "", "owns": "x", "boundary": "y"}]})
    assert "boundaries[0].role" in str(caught.value)
