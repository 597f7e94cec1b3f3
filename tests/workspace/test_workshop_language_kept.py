"""A workshop keeps its questionnaire's language: chosen when it starts, changed by its owner or
a collaborator (never a viewer), read by the respondent's link, kept by the workspace's export
and import, and added to a workspace made before it by a migration that also goes back."""

from __future__ import annotations

import io
import json
from contextlib import nullcontext
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import (
    JSON,
    Boolean,
    Integer,
    String,
    column,
    create_engine,
    insert,
    inspect,
    select,
    table,
)
from workspace_support import PACK_FILES, make_case

from advisor import cli
from advisor.i18n import language
from advisor.pack import RulePack
from advisor.profile import parse_profile
from advisor.workspace import Workspace, WorkspaceError
from advisor.workspace.migrate import alembic_config
from advisor.workspace.roles import COLLABORATOR, VIEWER
from advisor.workspace.schema import cases, clients, packs, workshops
from advisor.workspace.trail import detail_words
from advisor.workspace.transfer import dump, export_workspace, import_workspace, read_export
from advisor.yamlio import read_document

ROOT = Path(__file__).resolve().parents[2]
STAMP = "2026-11-02T09:00:00+00:00"
LATER = "2099-01-01T00:00:00+00:00"
# The workshops table as revision 0010 left it, without the language.
WORKSHOPS_AT_0010 = table(
    "workshops",
    column("case_id", Integer),
    column("status", String),
    column("created_at", String),
    column("closed_at", String),
    column("expires_at", String),
    column("overrides", JSON),
    column("quorum", Integer),
    column("anonymous", Boolean),
)


def save_case(workspace: Workspace, pack: RulePack) -> int:
    base = dict(read_document(ROOT / "tests" / "rule_cases" / "base.yaml"))
    client = workspace.add_client("Northwind")
    document, assessment = make_case(parse_profile(base), pack)
    return workspace.save_case(client.id, "today", document, assessment, PACK_FILES).id


def test_a_workshop_started_in_spanish_keeps_spanish_and_its_links_open_in_it(
    store_url: str, workspace: Workspace, pack: RulePack
) -> None:
    case_id = save_case(workspace, pack)
    workspace.start_workshop(case_id, language="es")
    _respondent, token = workspace.add_respondent(case_id, "Tomás", "founder")
    with Workspace.open(store_url) as again:
        workshop = again.workshop(case_id)
        assert workshop is not None and workshop.language == "es"
        assert again.questionnaire(token).language == "es"


def test_a_workshop_started_without_a_language_has_none(
    workspace: Workspace, pack: RulePack
) -> None:
    case_id = save_case(workspace, pack)
    workspace.start_workshop(case_id)
    _respondent, token = workspace.add_respondent(case_id, "Tomás", "founder")
    assert workspace.workshop(case_id).language is None  # type: ignore[union-attr]
    assert workspace.questionnaire(token).language is None


def test_reopening_a_closed_workshop_keeps_its_language(
    workspace: Workspace, pack: RulePack
) -> None:
    case_id = save_case(workspace, pack)
    workspace.start_workshop(case_id, language="es")
    workspace.close_workshop(case_id)
    assert workspace.start_workshop(case_id).language == "es"


@pytest.mark.parametrize("bad", ["fr", "ES", "", 1, True])
def test_an_unknown_questionnaire_language_is_refused_naming_it(
    workspace: Workspace, pack: RulePack, bad: object
) -> None:
    case_id = save_case(workspace, pack)
    with pytest.raises(WorkspaceError) as error:
        workspace.start_workshop(case_id, language=bad)  # type: ignore[arg-type]
    assert error.value.problems[0].path == "language"
    assert "choose one of en (English), es (Español)" in error.value.problems[0].message
    assert workspace.workshop(case_id) is None  # nothing was started
    workspace.start_workshop(case_id, language="en")
    with pytest.raises(WorkspaceError):
        workspace.set_workshop_language(case_id, bad)  # type: ignore[arg-type]
    assert workspace.workshop(case_id).language == "en"  # type: ignore[union-attr]


def test_the_owner_and_a_collaborator_change_the_language_a_viewer_cannot(
    workspace: Workspace, pack: RulePack
) -> None:
    case_id = save_case(workspace, pack)
    client_id = workspace.clients()[0].id
    workspace.start_workshop(case_id, language="en")
    workspace.share_client(client_id, "ben@example.com", COLLABORATOR)
    workspace.share_client(client_id, "carl@example.com", VIEWER)
    assert workspace.for_user("ben@example.com").set_workshop_language(case_id, "es").language == (
        "es"
    )
    with pytest.raises(WorkspaceError, match="only its owner or a collaborator can choose"):
        workspace.for_user("carl@example.com").set_workshop_language(case_id, "en")
    assert workspace.workshop(case_id).language == "es"  # type: ignore[union-attr]
    assert workspace.set_workshop_language(case_id, None).language is None
    settings = [
        event.detail
        for event in workspace.audit_trail(client_id)
        if event.action == "workshop_settings"
    ]
    assert settings == [{"language": None}, {"language": "es"}]  # newest first


def test_the_workspace_export_and_import_keep_the_workshop_language(
    workspace: Workspace, pack: RulePack, tmp_path: Path
) -> None:
    case_id = save_case(workspace, pack)
    workspace.start_workshop(case_id, language="es")
    data = export_workspace(workspace.database)
    assert [row["language"] for row in data["tables"]["workshops"]] == ["es"]
    target = f"sqlite:///{tmp_path / 'imported.db'}"
    with Workspace.open(target) as imported:
        import_workspace(imported.database, imported.actor, read_export(dump(data), "e"), "e")
        assert imported.workshop(case_id).language == "es"  # type: ignore[union-attr]


def test_an_export_made_before_the_language_imports_with_none(
    workspace: Workspace, pack: RulePack, tmp_path: Path
) -> None:
    case_id = save_case(workspace, pack)
    workspace.start_workshop(case_id)
    data = export_workspace(workspace.database)
    for row in data["tables"]["workshops"]:
        del row["language"]
    target = f"sqlite:///{tmp_path / 'imported.db'}"
    with Workspace.open(target) as imported:
        import_workspace(imported.database, imported.actor, read_export(dump(data), "e"), "e")
        assert imported.workshop(case_id).language is None  # type: ignore[union-attr]


def test_an_export_with_an_unknown_workshop_language_is_refused_naming_the_row(
    workspace: Workspace, pack: RulePack
) -> None:
    case_id = save_case(workspace, pack)
    workspace.start_workshop(case_id, language="es")
    data = export_workspace(workspace.database)
    data["tables"]["workshops"][0]["language"] = "fr"
    with pytest.raises(WorkspaceError) as error:
        read_export(json.dumps(data).encode("utf-8"), "backup.json")
    problem = error.value.problems[0]
    assert (problem.file, problem.path) == ("backup.json", "tables.workshops[0].language")
    assert "unknown questionnaire language 'fr'" in problem.message


def workspace_at_0010(url: str, pack: RulePack) -> int:
    """A workspace as revision 0010 left it, with one open workshop; its id."""
    engine = create_engine(url)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0010_compact_results")
    with engine.begin() as connection:
        client_id = connection.execute(
            insert(clients)
            .values(
                name="Old",
                name_key="old",
                owner="local",
                archived=False,
                created_at=STAMP,
                updated_at=STAMP,
            )
            .returning(clients.c.id)
        ).scalar_one()
        connection.execute(
            insert(packs).values(
                digest=pack.digest, name=pack.name, version=pack.version, stored_at=STAMP
            )
        )
        case_id = connection.execute(
            insert(cases)
            .values(
                client_id=client_id,
                scenario="today",
                scenario_key="today",
                revision=1,
                verdict="hire_now",
                score=70.0,
                saved_at=STAMP,
                pack_name=pack.name,
                pack_version=pack.version,
                pack_digest=pack.digest,
                notes="",
                document={},
                result={},
            )
            .returning(cases.c.id)
        ).scalar_one()
        connection.execute(
            insert(WORKSHOPS_AT_0010).values(
                case_id=case_id,
                status="open",
                created_at=STAMP,
                closed_at=None,
                expires_at=LATER,
                overrides={},
                quorum=2,
                anonymous=True,
            )
        )
    engine.dispose()
    return case_id


def test_the_migration_adds_the_language_to_a_workshop_made_before_it_and_goes_back(
    store_url: str, pack: RulePack
) -> None:
    case_id = workspace_at_0010(store_url, pack)
    with Workspace.open(store_url) as workspace:  # runs migration 0011
        workshop = workspace.workshop(case_id)
        assert workshop is not None
        assert (workshop.language, workshop.quorum, workshop.anonymous) == (None, 2, True)
        workspace.set_workshop_language(case_id, "es")
    engine = create_engine(store_url)
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0010_compact_results")
    with engine.connect() as connection:
        names = {column["name"] for column in inspect(connection).get_columns("workshops")}
        kept = connection.execute(
            select(workshops.c.quorum).where(workshops.c.case_id == case_id)
        ).scalar_one()
    engine.dispose()
    assert "language" not in names and kept == 2
    with Workspace.open(store_url) as workspace:  # upgrades again: the language starts empty
        assert workspace.workshop(case_id).language is None  # type: ignore[union-attr]


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    out = io.StringIO()
    code = cli.main(list(args), out)
    return code, out.getvalue(), capsys.readouterr().err


def test_workshop_create_keeps_the_questionnaire_lang_given(
    store_url: str, workspace: Workspace, pack: RulePack, capsys: pytest.CaptureFixture[str]
) -> None:
    case_id = save_case(workspace, pack)
    code, out, err = run_cli(
        capsys,
        "workshop",
        "create",
        "--client",
        "northwind",
        "--scenario",
        "today",
        "--days",
        "5",
        "--questionnaire-lang",
        "es",
        "--db",
        store_url,
    )
    assert (code, err) == (0, "")
    assert out.startswith("workshop started on Northwind › today: its links work until ")
    assert out.endswith("; the questionnaire opens in Español\n")
    workshop = workspace.workshop(case_id)
    assert workshop is not None and workshop.open and workshop.language == "es"
    code, out, err = run_cli(
        capsys,
        "workshop",
        "create",
        "--client",
        "Northwind",
        "--scenario",
        "today",
        "--db",
        store_url,
    )
    assert (code, out) == (2, "")
    assert "'today' of Northwind has a workshop already" in err
    assert workspace.workshop(case_id).language == "es"  # type: ignore[union-attr]


def test_workshop_create_without_a_language_leaves_the_link_s_or_browser_s(
    store_url: str, workspace: Workspace, pack: RulePack, capsys: pytest.CaptureFixture[str]
) -> None:
    case_id = save_case(workspace, pack)
    code, out, _err = run_cli(
        capsys,
        "workshop",
        "create",
        "--client",
        "Northwind",
        "--scenario",
        "today",
        "--db",
        store_url,
    )
    assert code == 0 and out.endswith("each link's or the respondent's browser language\n")
    assert workspace.workshop(case_id).language is None  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("--questionnaire-lang", "fr", "invalid choice: 'fr'"),
        ("--days", "0", "links may work for 1 to 180 days, not 0"),
    ],
)
def test_workshop_create_with_a_bad_option_exits_2_naming_it_and_starts_nothing(
    store_url: str,
    workspace: Workspace,
    pack: RulePack,
    capsys: pytest.CaptureFixture[str],
    option: str,
    value: str,
    said: str,
) -> None:
    case_id = save_case(workspace, pack)
    with (
        pytest.raises(SystemExit, match=r"^2$")
        if option == "--questionnaire-lang"
        else nullcontext()
    ):
        code, out, err = run_cli(
            capsys,
            "workshop",
            "create",
            "--client",
            "Northwind",
            "--scenario",
            "today",
            option,
            value,
            "--db",
            store_url,
        )
        assert (code, out) == (2, "") and said in err
    if option == "--questionnaire-lang":
        assert said in capsys.readouterr().err
    assert workspace.workshop(case_id) is None


def test_the_trail_names_the_questionnaire_language_in_the_reader_s_language(
    workspace: Workspace, pack: RulePack
) -> None:
    case_id = save_case(workspace, pack)
    client_id = workspace.clients()[0].id
    workspace.start_workshop(case_id, language="es")
    workspace.set_workshop_language(case_id, None)
    details = [e.detail for e in workspace.audit_trail(client_id) if "language" in e.detail]
    assert [d["language"] for d in details] == [None, "es"]  # newest first
    assert detail_words({"language": "es"}, {}) == "questionnaire language Español"
    assert detail_words({"language": None}, {}) == "questionnaire language none"
    with language("es"):
        assert detail_words({"language": "en"}, {}) == "idioma del cuestionario English"
        assert detail_words({"language": None}, {}) == "idioma del cuestionario ninguno"
