"""The workspace's pages in the session's language: Clients, Cases, sharing and the sign-in screen.

In the pseudo-language every text these pages' own modules write is wrapped in ⟦…⟧; what is
left unwrapped is data (client and case names, the database's address) or words of modules
translated elsewhere, each listed by name below. In Spanish a few sentences are checked by hand.
"""

from __future__ import annotations

import csv
import io
import re

import pytest
from apptest_support import (
    APP,
    PAGE_SCRIPTS,
    TIMEOUT_S,
    assert_no_exception,
    open_app,
    unescape,
)
from i18n_support import untranslated
from pseudo_support import page_texts
from saved_cases import add_client, save_case
from streamlit.testing.v1 import AppTest
from test_sign_in import AUTH, SECRET, signed_in
from test_sign_in import listening_everywhere as listening_everywhere  # a fixture

from advisor import present, wording
from advisor.engine import evaluate
from advisor.export.client_list import render
from advisor.i18n import PSEUDO, language
from advisor.pack import load_pack
from advisor.profile import load_profile, profile_to_dict
from advisor.samples import sample_path
from advisor.ui import clients_page, permissions, sharing
from advisor.ui.components import plain
from advisor.ui.language import LANG_PARAM
from advisor.workspace.desk import MOST_MONTHS, DeskFilter, desk_rows, labelled
from advisor.workspace.model import WorkspaceError
from advisor.workspace.roles import DOING, Action
from advisor.workspace.store import Workspace

NORTHWIND = sample_path("Northwind Analytics (hire now)")
ALICE = "alice@example.com"
BOB = "bob@example.com"
# Words other modules put on these pages, translated in their own modules: the product's name,
# the branding panel (`ui/branding_panel.py`), the notes field's help (`fields.py`).
ELSEWHERE = (
    "AM Advisor",
    "Your consultancy on the documents",
    'Every brief\'s cover says "Prepared by" this name, with the logo, for every client.',
    "Consultancy name",
    "Logo (PNG or JPEG)",
    "At most 1,000,000 bytes and 4,000,000 pixels in all.",
    "Save the name and logo",
    "Optional. Context for the brief; shown as plain text.",
    "UTC",  # a time zone's name
    (
        "Only an administrator of this workspace changes the name and the logo (whoever runs "
        "the server grants it with `advisor workspace admins --add`)."
    ),
)
# Icons and badges are Streamlit's markup, not words.
MARKUP = re.compile(r":material/[a-z_]+:|:[a-z]+-badge\[")


def _case_words() -> list[str]:
    """The session's case as the sidebar and the verdict banner show it: the sample's data and
    the verdict's words, written by `present` and `wording` in their own modules."""
    profile = load_profile(NORTHWIND)
    with language(PSEUDO):
        assessment = evaluate(profile, load_pack())
        words = [
            assessment.headline,
            present.verdict_title(assessment),
            assessment.verdict_label,
            wording.capitalised(assessment.readiness),
        ]
    data = [str(v) for v in profile_to_dict(profile).values() if isinstance(v, str)]
    pack = load_pack()
    data.append(f"{pack.name} {pack.version}")  # the rule pack a case was judged by, as named
    return [*data, *words, *(plain(word) for word in words)]


def _listed(url: str) -> None:
    client = add_client(url, "Northwind")
    save_case(url, client, "today", load_profile(NORTHWIND))
    add_client(url, "Acorn")


def _unwrapped(at: AppTest, url: str, *data: str) -> list[str]:
    text = MARKUP.sub(" ", "\n".join(page_texts(at)))
    database = url.removeprefix("sqlite:///")
    allowed = [*data, database, plain(database), *ELSEWHERE, *_case_words()]
    return untranslated(text, allowed=allowed)


def test_the_clients_page_in_the_pseudo_language_leaves_no_text_of_its_own_unwrapped(
    workspace_url: str,
) -> None:
    _listed(workspace_url)
    at = open_app("Clients", {LANG_PARAM: PSEUDO})
    assert _unwrapped(at, workspace_url, "Northwind", "Acorn", "today") == []


def test_the_cases_page_in_the_pseudo_language_leaves_no_text_of_its_own_unwrapped(
    workspace_url: str,
) -> None:
    client = add_client(workspace_url, "Northwind")
    save_case(workspace_url, client, "today", load_profile(NORTHWIND))
    at = open_app("Cases", {LANG_PARAM: PSEUDO})
    at.button(key="cases.open").click().run()
    assert_no_exception(at)
    assert _unwrapped(at, workspace_url, "Northwind", "today") == []


def _signed_in_app(lang: str, user: str | None = None, page: str = "") -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    at.query_params[LANG_PARAM] = lang
    at.secrets["auth"] = AUTH
    if user is not None:
        at.user = signed_in(user)
    at.run()
    if page:
        at.switch_page(PAGE_SCRIPTS[page]).run()
    assert_no_exception(at)
    return at


def test_the_sign_in_screen_in_the_pseudo_language_leaves_no_text_of_its_own_unwrapped() -> None:
    at = _signed_in_app(PSEUDO)
    assert untranslated("\n".join(page_texts(at)), allowed=["AM Advisor"]) == []


def test_a_shared_client_s_pages_in_the_pseudo_language_leave_no_text_of_their_own_unwrapped(
    workspace_url: str,
) -> None:
    """The owner's sharing panel and audit trail; the viewer's columns and who may do what."""
    with Workspace.open(workspace_url, user=ALICE) as ws:
        client = ws.add_client("Acme")
        ws.share_client(client.id, BOB, "viewer")
    people = [ALICE, BOB, plain(ALICE), plain(BOB)]
    for user in (ALICE, BOB):
        for page in ("Clients", "Cases"):
            at = _signed_in_app(PSEUDO, user, page)
            assert _unwrapped(at, workspace_url, "Acme", *people) == [], (user, page)


def _gate(lang: str, auth: dict[str, object] | None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    at.query_params[LANG_PARAM] = lang
    if auth is not None:
        at.secrets["auth"] = auth
    at.run()
    assert_no_exception(at)
    return at


BROKEN = {**AUTH, "cookie_secret": "short", "redirect_uri": "http://advisor.example.com/x"}
# The secrets' file, sections and keys a setup problem names: they are typed as they are.
SETUP_WORDS = [
    "secrets.toml",
    "[auth]",
    "cookie_secret",
    "redirect_uri",
    "/oauth2callback",
    "AM Advisor",
]


def test_the_refusals_at_the_gate_in_the_pseudo_language_leave_no_text_of_their_own_unwrapped(
    listening_everywhere: None,
) -> None:
    for auth in (None, BROKEN):
        at = _gate(PSEUDO, auth)
        text = "\n".join(page_texts(at))
        allowed = [*SETUP_WORDS, *(plain(word) for word in SETUP_WORDS)]
        assert untranslated(text, allowed=allowed) == [], auth


def test_the_refusals_at_the_gate_speak_spanish(listening_everywhere: None) -> None:
    closed = unescape(_gate("es", None).error[0].value)
    assert closed.startswith("Este servidor escucha en 0.0.0.0, pero el inicio de sesión no")
    broken = unescape(_gate("es", BROKEN).error[0].value)
    assert "cookie_secret: tiene 5 caracteres; usa al menos 32 aleatorios" in broken, broken
    assert len(SECRET) == 32  # the least a cookie secret may be, as the message says


def test_the_sign_in_screen_speaks_spanish() -> None:
    at = _signed_in_app("es")
    assert at.subheader[0].value == "Inicia sesión para abrir tu espacio de trabajo"
    assert at.button[0].label == "Iniciar sesión"


def test_the_clients_page_speaks_spanish_with_its_headers_buttons_and_notices(
    workspace_url: str,
) -> None:
    _listed(workspace_url)
    at = open_app("Clients", {LANG_PARAM: "es"})
    assert at.title[0].value == "Clientes"
    assert at.button(key="clients.add").label == "Añadir cliente"
    headers = list(at.dataframe[0].value.columns)
    assert headers[:3] == ["Cliente", "Caso principal", "Veredicto"]
    assert "Contratar antes de" in headers
    assert "Se muestran 2 clientes de 2" in "\n".join(c.value for c in at.caption)
    at.text_input(key=clients_page.NEW_NAME).set_value("Ferro").run()
    at.button(key="clients.add").click().run()
    assert [n.value for n in at.success] == ["Has añadido el cliente Ferro."]


def test_the_cases_page_speaks_spanish_and_says_what_a_save_did(workspace_url: str) -> None:
    add_client(workspace_url, "Acorn")
    at = open_app("Cases", {LANG_PARAM: "es"})
    assert at.title[0].value == "Casos"
    assert at.button(key="cases.save").label == "Guardar"
    assert "Guardar los datos de esta sesión" in [h.value for h in at.subheader]
    at.button(key="cases.save").click().run()
    assert_no_exception(at)
    said = [str(n.value) for n in at.success if str(n.value).startswith("Has guardado")]
    assert len(said) == 1 and said[0].startswith("Has guardado today para Acorn (revisión 1): ")


def test_a_viewer_reads_who_may_do_what_in_spanish(workspace_url: str) -> None:
    with Workspace.open(workspace_url, user=ALICE) as ws:
        client = ws.add_client("Acme")
        ws.share_client(client.id, BOB, "viewer")
    at = _signed_in_app("es", BOB, "Cases")
    captions = unescape("\n".join(c.value for c in at.caption))
    assert (
        f"Eres lector en Acme: solo su propietario ({ALICE}) o un colaborador puede guardar "
        "casos en él." in captions
    ), captions
    assert "compartido contigo como lector (lo ve y lo exporta)" in captions
    listed = _signed_in_app("es", BOB, "Clients").dataframe[0].value
    assert listed.iloc[0]["Compartido"] == "contigo (lector)"


def test_a_share_is_confirmed_in_spanish(workspace_url: str) -> None:
    with Workspace.open(workspace_url, user=ALICE) as ws:
        ws.add_client("Acme")
    at = _signed_in_app("es", ALICE, "Clients")
    # AppTest writes a picker's choice back through its labels in the test's own thread: in the
    # page's language, as the browser does.
    with language("es"):
        at.text_input(key=sharing.COLLEAGUE).set_value(BOB)
        at.button(key="FormSubmitter:sharing.form-Compartir").click().run()
    assert_no_exception(at)
    assert [unescape(n.value) for n in at.success] == [
        f"Has compartido Acme con {BOB} como colaborador: ya está en su lista de clientes."
    ]


def test_the_client_list_downloads_with_spanish_headers_and_formula_safe_cells(
    workspace_url: str,
) -> None:
    add_client(workspace_url, "=cmd()")
    with Workspace.open(workspace_url) as ws:
        listed = ws.clients("")
    with language("es"):
        rows = labelled(desk_rows(listed))
        data = render(rows, list(rows[0]), "csv").decode("utf-8-sig")
    header, first = list(csv.reader(io.StringIO(data)))
    assert header == [
        "Cliente",
        "Caso principal",
        "Veredicto",
        "Puntuación",
        "Contratar antes de",
        "Sector",
        "País",
        "Reevaluado",
        "Casos",
        "Archivado",
    ]
    assert first[0] == "'=cmd()"


def test_the_client_list_keeps_its_english_headers_in_english(workspace_url: str) -> None:
    add_client(workspace_url, "Acorn")
    with Workspace.open(workspace_url) as ws:
        listed = ws.clients("")
    assert list(labelled(desk_rows(listed))[0]) == list(desk_rows(listed)[0])


def test_a_filter_out_of_range_is_refused_in_spanish() -> None:
    with language("es"), pytest.raises(WorkspaceError) as refused:
        DeskFilter.of(stale_months=MOST_MONTHS + 1)
    expected = f"se esperaba un número de meses de 0 a {MOST_MONTHS}, pero hay {MOST_MONTHS + 1}"
    assert f"stale_months: {expected}" in str(refused.value)


def test_every_action_a_role_may_lack_has_its_spanish_words() -> None:
    """A new action without words of its own would read in English in who-may lines."""
    with language("es"):
        said = {action: permissions.doing(action) for action in Action}
    assert [action for action, words in said.items() if words == DOING[action]] == []
    assert said[Action.DELETE_CLIENT] == "eliminarlo"
