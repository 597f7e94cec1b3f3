"""The workspace's refusals, its audit trail's words and its command line in Spanish: each
refusal names what it refuses (the client, the case, the person) in the reader's language, and
nothing of the workspace's own is left in English (the pseudo-language shows it)."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from advisor import cli
from advisor.i18n import PSEUDO, language
from advisor.workspace import Workspace
from advisor.workspace.audit import AuditEvent
from advisor.workspace.model import WorkspaceError
from advisor.workspace.roles import VIEWER
from advisor.workspace.trail import column_labels, trail_rows
from tests.i18n_support import untranslated

ANNA = "anna@example.com"
BEN = "ben@example.com"


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'advisor.db'}"


@pytest.fixture
def shared(url: str) -> Iterator[str]:
    """Anna's client Acme, shared with Ben as a viewer."""
    with Workspace.open(url, user=ANNA) as ws:
        client = ws.add_client("Acme")
        ws.share_client(client.id, BEN, VIEWER)
    yield url


def refusal(url: str, user: str, act: Callable[[Workspace], object]) -> str:
    with Workspace.open(url, user=user) as ws, pytest.raises(WorkspaceError) as raised:
        act(ws)
    return str(raised.value)


def _add_twice(ws: Workspace) -> object:
    return ws.add_client("ACME")


def _viewer_renames(ws: Workspace) -> object:
    return ws.rename_client(ws.find_client("Acme").id, "Acme Group")


def _unknown_case(ws: Workspace) -> object:
    return ws.find_case(ws.find_client("Acme").id, "mañana")


def _unknown_client(ws: Workspace) -> object:
    return ws.find_client("Acmee")


def _empty_name(ws: Workspace) -> object:
    return ws.add_client("   ")


def _share_with_owner(ws: Workspace) -> object:
    return ws.share_client(ws.find_client("Acme").id, ANNA, VIEWER)


def _bad_role(ws: Workspace) -> object:
    return ws.share_client(ws.find_client("Acme").id, "carl@example.com", "editor")


# Each refusal, who meets it, and what it reads in Spanish (written here from the message's
# meaning, not copied from the output).
SPANISH_REFUSALS = [
    (_add_twice, ANNA, "client: ya tienes un cliente llamado 'Acme'; elige otro nombre"),
    (
        _viewer_renames,
        BEN,
        (
            "client: eres lector en el cliente 'Acme', que pertenece a anna@example.com: solo "
            "su propietario puede renombrarlo"
        ),
    ),
    (
        _unknown_case,
        ANNA,
        "scenario: no hay ningún caso llamado 'mañana' para este cliente (no tiene ninguno)",
    ),
    (
        _unknown_client,
        ANNA,
        "client: no hay ningún cliente llamado 'Acmee' (¿quisiste decir 'Acme'?)",
    ),
    (_empty_name, ANNA, "client: el cliente necesita un nombre"),
    (_share_with_owner, ANNA, "colleague: un cliente no se puede compartir con su propietario"),
    (
        _bad_role,
        ANNA,
        "role: 'editor' no es un rol que pueda tener un compañero; elige collaborator o viewer",
    ),
]


@pytest.mark.parametrize(("act", "user", "spanish"), SPANISH_REFUSALS)
def test_each_refusal_reads_in_spanish_and_names_what_it_refuses(
    shared: str, act: Callable[[Workspace], object], user: str, spanish: str
) -> None:
    with language("es"):
        assert refusal(shared, user, act) == spanish


@pytest.mark.parametrize(("act", "user", "spanish"), SPANISH_REFUSALS)
def test_each_refusal_in_the_pseudo_language_leaves_nothing_unwrapped(
    shared: str, act: Callable[[Workspace], object], user: str, spanish: str
) -> None:
    with language(PSEUDO):
        text = refusal(shared, user, act)
    # the field a refusal names, the names and what was typed are data
    data = ["client", "scenario", "colleague", "role", "Acme", "Acmee", "mañana", "editor"]
    data += ["collaborator", "viewer", ANNA]
    assert untranslated(text, allowed=data) == []


def test_the_same_refusal_stays_english_outside_a_spanish_block(shared: str) -> None:
    with language("es"):
        refusal(shared, ANNA, _add_twice)
    assert refusal(shared, ANNA, _add_twice) == (
        "client: you already have a client named 'Acme'; pick another name"
    )


def _events() -> list[AuditEvent]:
    at = "2026-12-06T09:30:00.000000+00:00"
    return [
        AuditEvent(1, at, "email:" + ANNA, "share", 1, "Acme", None, {"colleague": "email:" + BEN}),
        AuditEvent(2, at, "email:" + ANNA, "share", 1, "Acme", None, {"role": VIEWER}),
        AuditEvent(3, at, "email:" + ANNA, "delete_case", 1, "Acme", 7, {}),
        AuditEvent(
            4, at, "email:" + ANNA, "workshop_settings", 1, "Acme", None, {"anonymous": True}
        ),
    ]


def test_the_audit_trail_words_each_event_in_spanish_and_keeps_its_code() -> None:
    with language("es"):
        rows = trail_rows(_events(), {}, dt.UTC)
        labels = column_labels()
    assert [row["What"] for row in rows] == [
        "compartió el cliente",
        "compartió el cliente",
        "eliminó un caso",
        "cambió el quórum o el anonimato de un taller",
    ]
    assert [row["Detail"] for row in rows] == [
        "compañero: ben@example.com",
        "rol: lector",
        "",
        "anónimo: sí",
    ]
    assert rows[2]["Case"] == "caso 7 (eliminado)"
    assert list(labels.values()) == ["Cuándo", "Quién", "Qué", "Caso", "Detalle"]
    assert [event.action for event in _events()][:3] == ["share", "share", "delete_case"]


def test_the_audit_trail_in_the_pseudo_language_leaves_nothing_unwrapped() -> None:
    with language(PSEUDO):
        rows = trail_rows(_events(), {}, dt.UTC)
        text = "\n".join(
            [*column_labels().values(), *(value for row in rows for value in row.values())]
        )
    assert untranslated(text, allowed=[ANNA, BEN, "UTC"]) == []


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    out = io.StringIO()
    code = cli.main(list(args), out)
    return code, out.getvalue(), capsys.readouterr().err


def test_clients_list_in_spanish(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    db = ("--db", url, "--lang", "es")
    assert run(capsys, "clients", "list", *db)[1] == "Aún no hay clientes.\n"
    assert run(capsys, "clients", "add", "Acme", *db)[1] == "cliente 'Acme' añadido (id 1)\n"
    code, out, _err = run(capsys, "clients", "list", *db)
    header, _rule, row = out.splitlines()[:3]
    assert code == 0
    assert header.split()[:4] == ["id", "nombre", "casos", "caso"]  # "caso principal"
    assert "estado" in header and "compartido con" in header
    assert row.split()[:3] == ["1", "Acme", "0"] and row.split()[-1] == "activo"


def test_a_duplicate_client_is_refused_in_spanish_on_stderr(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "clients", "add", "Acme GmbH", "--db", url)[0] == 0
    code, out, err = run(capsys, "clients", "add", "acme gmbh", "--db", url, "--lang", "es")
    assert (code, out) == (2, "")
    assert err == "client: ya tienes un cliente llamado 'Acme GmbH'; elige otro nombre\n"


def test_the_command_line_s_workspace_words_in_the_pseudo_language(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ("--db", url, "--lang", PSEUDO)
    texts = [run(capsys, "clients", "list", *db)[1], run(capsys, "clients", "add", "Acme", *db)[1]]
    texts += [run(capsys, "clients", "list", *db)[1], run(capsys, "clients", "audit", *db)[1]]
    texts.append(run(capsys, "clients", "add", "ACME", *db)[2])
    text = "\n".join(texts)
    assert untranslated(text, allowed=["Acme", "client", "id"]) == []


def test_clients_audit_words_the_events_in_spanish_and_its_json_keeps_the_codes(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with Workspace.open(url) as ws:
        ws.share_client(ws.add_client("Acme").id, BEN, VIEWER)
    code, out, _err = run(capsys, "clients", "audit", "Acme", "--db", url, "--lang", "es")
    header, _rule, row = out.splitlines()[:3]
    assert code == 0
    assert header.split()[:3] == ["cuándo", "quién", "qué"]
    assert "compartió el cliente" in row and "Acme" in row
    code, out, _err = run(
        capsys, "clients", "audit", "--format", "json", "--db", url, "--lang", "es"
    )
    assert [event["action"] for event in json.loads(out)] == ["share"]
