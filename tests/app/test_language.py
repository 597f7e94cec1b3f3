"""The session's language: from the link, the switch or the browser; per session, kept in the
link, and never leaking into another session."""

from __future__ import annotations

from apptest_support import go_to, open_app

from advisor import i18n
from advisor.ui.language import LANG_PARAM, SWITCH


def _switch_label(at: object) -> str:
    return str(at.sidebar.selectbox(key=SWITCH).label)  # type: ignore[attr-defined]


def test_a_link_with_lang_opens_the_app_in_that_language_and_keeps_it() -> None:
    at = open_app("Assess", {LANG_PARAM: "es"})
    assert _switch_label(at) == "Idioma"
    assert at.sidebar.selectbox(key=SWITCH).value == "es"
    go_to(at, "Role")
    assert _switch_label(at) == "Idioma"
    assert dict(at.query_params)[LANG_PARAM] == "es"


def test_the_switch_changes_the_language_and_writes_it_into_the_link() -> None:
    at = open_app("Assess")
    assert _switch_label(at) == "Language"
    assert LANG_PARAM not in at.query_params  # nothing chosen: the link stays as it was
    at.sidebar.selectbox(key=SWITCH).set_value("es").run()
    assert _switch_label(at) == "Idioma"
    assert dict(at.query_params)[LANG_PARAM] == "es"
    # AppTest formats the page's options again in the test's thread: in the page's language.
    with i18n.language("es"):
        at.sidebar.selectbox(key=SWITCH).set_value("en").run()
    assert _switch_label(at) == "Language"


def test_one_session_in_spanish_leaves_the_next_session_and_the_caller_in_english() -> None:
    spanish = open_app("Assess", {LANG_PARAM: "es"})
    english = open_app("Assess")
    assert _switch_label(spanish) == "Idioma"
    assert _switch_label(english) == "Language"
    assert i18n.current() == "en"


def test_a_link_with_a_language_the_product_does_not_have_opens_in_english() -> None:
    at = open_app("Assess", {LANG_PARAM: "fr"})
    assert _switch_label(at) == "Language"


def test_a_widget_callback_writes_in_the_session_language() -> None:
    """A callback runs before the script sets the run's language, in a thread of its own."""
    at = open_app("Assess", {LANG_PARAM: "es"})
    with i18n.language("es"):  # AppTest formats the page's options again in the test's thread
        at.button(key="assess.load_sample").click().run()
    notices = [element.value for element in at.main.success]
    assert any(str(text).startswith("Cargado el ejemplo") for text in notices), notices


def test_the_assess_and_recommendation_pages_speak_spanish() -> None:
    at = open_app("Assess", {LANG_PARAM: "es"})
    assert at.title[0].value == "Evaluar"
    go_to(at, "Recommendation")
    assert at.title[0].value == "Recomendación"
    assert "Qué cambiaría el veredicto" in [h.value for h in at.subheader]


def test_the_role_page_speaks_spanish_and_offers_the_documents_in_either_language() -> None:
    at = open_app("Role", {LANG_PARAM: "es"})
    assert at.title[0].value == "Puesto"
    assert "Errores que evitar" in [h.value for h in at.subheader]
    chooser = at.selectbox(key="role.document_language")
    assert chooser.value == "es"
    with i18n.language("es"):
        chooser.set_value("en").run()
    assert at.title[0].value == "Puesto"  # the page keeps its language
    assert not at.exception
