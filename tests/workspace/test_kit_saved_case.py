"""`advisor kit --client --scenario`: the kit of a saved case, each file in the client's trail."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from workspace_support import PACK_FILES, make_case

from advisor import cli
from advisor.pack import RulePack
from advisor.profile import CompanyProfile
from advisor.workspace import Workspace
from advisor.workspace.audit import EXPORT


def test_the_kit_of_a_saved_case_is_written_and_noted_in_the_trail(
    store_url: str,
    workspace: Workspace,
    pack: RulePack,
    samples: dict[str, CompanyProfile],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    client = workspace.add_client("Northwind")
    document, assessment = make_case(samples["northwind-hire-now"], pack)
    workspace.save_case(client.id, "today", document, assessment, PACK_FILES)
    folder = tmp_path / "kit"
    code = cli.main(
        ["kit", "--client", "northwind", "--scenario", "Today", "--date", "2026-12-07",
         "--format", "pdf", "--out", str(folder), "--db", store_url],
        stdout=io.StringIO(),
    )  # fmt: skip
    err = capsys.readouterr().err
    assert code == 0
    assert "note: job.jsonld: no baseSalary" in err  # Northwind names no country
    keys = ("memo", "job", "interview", "candidate", "transition", "review")
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [f"{key}.pdf" for key in keys] + ["job.jsonld"]
    )
    exports = [e.detail["document"] for e in workspace.audit_trail(client.id) if e.action == EXPORT]
    assert sorted(exports) == sorted([f"kit/{key}.pdf" for key in keys] + ["kit/job.jsonld"])


def test_the_saved_case_s_job_description_discloses_what_disclose_names(
    store_url: str,
    workspace: Workspace,
    pack: RulePack,
    samples: dict[str, CompanyProfile],
    tmp_path: Path,
) -> None:
    client = workspace.add_client("Northwind")
    document, assessment = make_case(samples["northwind-hire-now"], pack)
    workspace.save_case(client.id, "today", document, assessment, PACK_FILES)
    code = cli.main(
        ["kit", "--client", "Northwind", "--scenario", "today", "--only", "job",
         "--disclose", "gross_margin", "--out", str(tmp_path), "--db", store_url],
        stdout=io.StringIO(),
    )  # fmt: skip
    assert code == 0
    text = (tmp_path / "job.md").read_text(encoding="utf-8")
    assert "Gross margin: 62%" in text  # examples/northwind-hire-now.yaml: 62%
    assert "96%" not in text  # its NRR, not named


def test_a_saved_case_that_does_not_exist_is_refused(
    store_url: str, workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workspace.add_client("Northwind")
    code = cli.main(
        ["kit", "--client", "Northwind", "--scenario", "later", "--out", str(tmp_path / "k"),
         "--db", store_url],
        stdout=io.StringIO(),
    )  # fmt: skip
    assert code == 2
    assert "--scenario" in capsys.readouterr().err
    assert not (tmp_path / "k").exists()
