"""The workspace from the command line: clients, saving cases, history, on SQLite and Postgres."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from advisor import cli
from advisor.profile import load_profile
from advisor.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "northwind-hire-now.yaml"
OTHER = ROOT / "examples" / "acorn-not-yet.yaml"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    out = io.StringIO()
    code = cli.main(list(args), out)
    return code, out.getvalue(), capsys.readouterr().err


def test_clients_add_list_rename_archive_delete(
    store_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ("--db", store_url)
    assert run(capsys, "clients", "add", "Acme GmbH", *db)[:2] == (
        0,
        "added client 'Acme GmbH' (id 1)\n",
    )
    code, _out, err = run(capsys, "clients", "add", "acme gmbh", *db)
    assert code == 2 and "already have a client named 'Acme GmbH'" in err
    assert run(capsys, "clients", "rename", "ACME GMBH", "Acme Group", *db)[0] == 0
    code, out, _err = run(capsys, "clients", "list", "--format", "json", *db)
    assert [c["name"] for c in json.loads(out)] == ["Acme Group"]
    assert run(capsys, "clients", "archive", "acme group", *db)[0] == 0
    assert run(capsys, "clients", "list", *db)[1] == "No clients yet.\n"
    code, out, _err = run(capsys, "clients", "list", "--archived", *db)
    assert "Acme Group" in out and "archived" in out
    assert run(capsys, "clients", "archive", "acme group", "--undo", *db)[0] == 0
    code, _out, err = run(capsys, "clients", "delete", "Acme Group", *db)
    assert code == 2 and "add --yes" in err  # no terminal to ask on: refused, nothing deleted
    code, out, _err = run(capsys, "clients", "delete", "Acme Group", "--yes", *db)
    assert code == 0 and out.startswith("deleted client 'Acme Group' with its 0 case(s)")
    assert run(capsys, "clients", "list", "--archived", *db)[1] == "No clients yet.\n"


def test_an_unknown_client_gets_a_did_you_mean(
    store_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ("--db", store_url)
    run(capsys, "clients", "add", "Northwind Analytics", *db)
    code, _out, err = run(capsys, "clients", "rename", "Nortwind Analytic", "X", *db)
    assert code == 2
    assert err == (
        "client: no client named 'Nortwind Analytic' (did you mean 'Northwind Analytics'?)\n"
    )
    code, _out, err = run(capsys, "history", "--client", "northwind analytic", *db)
    assert code == 2 and "did you mean 'Northwind Analytics'?" in err


def test_assess_save_creates_the_client_then_saves_revisions(
    store_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ("--db", store_url)
    code, _out, err = run(capsys, "assess", str(SAMPLE), "--save", *db)
    assert code == 0
    assert "saved as case 'today' (revision 1, history #1) of new client 'Northwind" in err
    code, _out, err = run(
        capsys, "assess", str(OTHER), "--save", "--client", "NORTHWIND ANALYTICS", *db
    )
    assert "saved as case 'today' (revision 2, history #2) of client 'Northwind Analytics'" in err
    run(capsys, "assess", str(SAMPLE), "--save", "--scenario", "Q3 2027 plan", "--notes", "n", *db)
    with Workspace.open(store_url) as workspace:
        client = workspace.find_client("northwind analytics")
        assert [(c.scenario, c.revision) for c in workspace.cases(client.id)] == [
            ("today", 2),
            ("Q3 2027 plan", 1),
        ]
        # One notes text, the profile's (which the brief quotes), with --notes after it.
        assert workspace.cases(client.id)[1].notes == f"{load_profile(SAMPLE).notes}\n\nn"
    code, out, _err = run(
        capsys, "history", "--client", "northwind analytics", "--format", "json", *db
    )
    points = json.loads(out)
    assert [p["scenario"] for p in points] == ["today", "today", "Q3 2027 plan"]
    assert {p["client"] for p in points} == {"Northwind Analytics"}
    assert points[1]["profile"]["company"] == "Acorn Labs"  # saved under --client, kept as typed
    code, out, _err = run(capsys, "history", "--client", "Northwind Analytics", *db)
    assert code == 0 and out.count("Northwind Analytics") == 3


def test_a_client_name_close_to_an_existing_one_is_not_created(
    store_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ("--db", store_url)
    run(capsys, "clients", "add", "Northwind Analytics", *db)
    code, _out, err = run(
        capsys, "assess", str(SAMPLE), "--save", "--client", "Northwind Analytic", *db
    )
    assert code == 2
    assert "did you mean 'Northwind Analytics'?" in err
    assert "advisor clients add 'Northwind Analytic'" in err
    with Workspace.open(store_url) as workspace:
        assert [c.name for c in workspace.clients()] == ["Northwind Analytics"]


def test_saving_options_need_save(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "assess", str(SAMPLE), "--client", "Acme")
    assert code == 2 and "--client names where to save; add --save" in err


def test_the_database_url_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "env.db"
    monkeypatch.setenv("ADVISOR_DATABASE_URL", f"sqlite:///{path}")
    assert run(capsys, "clients", "add", "Env Client")[0] == 0
    with Workspace.open(f"sqlite:///{path}") as workspace:
        assert [c.name for c in workspace.clients()] == ["Env Client"]


def test_a_plain_path_is_a_sqlite_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "plain.db"
    assert run(capsys, "clients", "add", "Plain", "--db", str(path))[0] == 0
    assert path.exists()


def test_hostile_names_print_as_plain_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ("--db", str(tmp_path / "w.db"))
    assert run(capsys, "clients", "add", "Evil \x1b[2J<b>=cmd|' /C calc'!A0", *db)[0] == 0
    _code, out, _err = run(capsys, "clients", "list", *db)
    assert "\x1b" not in out and "Evil ?[2J<b>=cmd|' /C calc'!A0" in out
    _code, out, _err = run(capsys, "clients", "list", "--format", "json", *db)
    assert json.loads(out)[0]["name"] == "Evil \x1b[2J<b>=cmd|' /C calc'!A0"
