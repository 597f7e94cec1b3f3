"""A respondent's link without `?lang=` opens the questionnaire in its workshop's language; an
explicit `?lang=` wins over it, and a workshop without one leaves the browser's language (English
in AppTest). The Workshop page starts a workshop in the session's language by default, its links
carry the stored language, and its owner changes it later."""

from __future__ import annotations

from apptest_support import go_to, open_app
from streamlit.testing.v1 import AppTest
from test_workshop_pages import _case

from advisor.i18n import language
from advisor.ui import workshop_links
from advisor.ui.language import LANG_PARAM
from advisor.workspace.store import Workspace


def _link(url: str, workshop_language: str | None) -> tuple[int, str]:
    """A workshop on Northwind's case in `workshop_language`, Dana's id and link token."""
    case_id = _case(url)
    with Workspace.open(url) as ws:
        ws.start_workshop(case_id, language=workshop_language)
        respondent, token = ws.add_respondent(case_id, "Dana", "delivery")
    return respondent.id, token


def test_a_link_without_lang_opens_a_spanish_workshop_s_questionnaire_in_spanish(
    workspace_url: str,
) -> None:
    rid, token = _link(workspace_url, "es")
    at = open_app(query_params={"workshop": token})
    assert at.title[0].value == "Cuestionario del taller"
    assert at.main.markdown[0].value.startswith("Respondes como **Dana** (entrega del servicio).")
    assert LANG_PARAM not in at.query_params  # the link stays as it was sent
    with language("es"):
        at.radio(key=f"wq.{rid}.onboarding_consistent.value").set_value(True).run()
    assert at.title[0].value == "Cuestionario del taller"
    assert "Guardada." in [caption.value for caption in at.caption]  # the save speaks Spanish
    with Workspace.open(workspace_url) as ws:
        assert ws.questionnaire(token).answers["onboarding_consistent"].value is True


def test_an_explicit_lang_en_wins_over_the_workshop_s_spanish(workspace_url: str) -> None:
    _rid, token = _link(workspace_url, "es")
    at = open_app(query_params={"workshop": token, LANG_PARAM: "en"})
    assert at.title[0].value == "Workshop questionnaire"
    assert at.main.markdown[0].value.startswith("You are answering as **Dana**")


def test_a_workshop_without_a_language_opens_in_the_browser_s(workspace_url: str) -> None:
    _rid, token = _link(workspace_url, None)
    assert open_app(query_params={"workshop": token}).title[0].value == "Workshop questionnaire"


def _workshop_page(at: AppTest) -> AppTest:
    at.button(key="cases.open").click().run()
    return go_to(at, "Workshop")


def test_a_workshop_started_in_a_spanish_session_is_spanish_and_its_links_say_so(
    workspace_url: str,
) -> None:
    case_id = _case(workspace_url)
    at = _workshop_page(open_app("Cases", {LANG_PARAM: "es"}))
    with language("es"):
        assert at.selectbox(key="wk.start_language").value == "es"  # the session's language
        at.button(key="wk.start").click().run()
        at.text_area(key="wk.names").set_value("Priya").run()
        at.button(key="wk.add").click().run()
    with Workspace.open(workspace_url) as ws:
        assert ws.workshop(case_id).language == "es"  # type: ignore[union-attr]
    link = at.main.code[0].value
    assert link.endswith("&lang=es") and "?workshop=" in link


def test_the_owner_changes_the_language_and_new_links_carry_the_new_one(
    workspace_url: str,
) -> None:
    case_id = _case(workspace_url)
    at = _workshop_page(open_app("Cases"))
    at.selectbox(key="wk.start_language").set_value("es").run()
    at.button(key="wk.start").click().run()
    assert at.selectbox(key=workshop_links.QUESTIONNAIRE_LANGUAGE).value == "es"
    at.selectbox(key=workshop_links.QUESTIONNAIRE_LANGUAGE).set_value("en").run()
    with Workspace.open(workspace_url) as ws:
        assert ws.workshop(case_id).language == "en"  # type: ignore[union-attr]
    at.text_area(key="wk.names").set_value("Priya").run()
    at.button(key="wk.add").click().run()
    assert at.main.code[0].value.endswith("&lang=en")
