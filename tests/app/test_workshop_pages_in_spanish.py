"""The workshop in another language: the respondent's questionnaire, the Workshop page and the
room view write every word of theirs through the catalogue (checked in the pseudo-language, where
a word left outside ⟦…⟧ was never translated), the questionnaire reads in Spanish for a link with
`lang=es`, and a new link carries the language the consultant chose for it.

The session's language comes from the link's `lang` parameter (the app's language layer), so the
pseudo-language is asked for with `?lang=qps`. AppTest formats a widget's options again in the
test's own thread when it sends the widgets' state, so each test drives the page inside
`with language(…)` of the session's language.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from apptest_support import go_to, open_app
from streamlit.testing.v1 import AppTest
from test_workshop_pages import _workshop

from advisor import wording
from advisor.export import FORMAT_NAMES
from advisor.i18n import LANGUAGE_NAMES, PSEUDO, language
from advisor.profile import FIELDS, parse_profile
from advisor.ui import workshop_links
from advisor.ui.components import VERDICT_LOOKS, VerdictLook, zone_words
from advisor.ui.language import LANG_PARAM
from advisor.wording import GATED
from advisor.workshop import QUESTIONS, case_facts, compare
from advisor.workspace.store import Workspace
from tests.i18n_support import untranslated

# The parts of an element a reader sees; ids, keys, styles and typed values are not text.
SHOWN = {"body", "label", "options", "help", "placeholder", "text", "caption"}
NOT_TEXT = {"Html", "Code"}  # the room's fixed style sheet; links, which are data


def _strings(message: Any) -> Iterator[str]:
    for field, value in message.ListFields():
        values = value if hasattr(value, "__len__") and not isinstance(value, str) else [value]
        for item in values if not hasattr(value, "ListFields") else [value]:
            if hasattr(item, "ListFields"):
                yield from _strings(item)
            elif isinstance(item, str) and field.name in SHOWN:
                yield item


def element_texts(node: Any) -> list[str]:
    """Every text the elements under `node` show: bodies, labels, options, help, captions,
    placeholders, progress texts, and each table's column names and cells."""
    found: list[str] = []
    kind = type(node).__name__
    proto = getattr(node, "proto", None)
    if kind not in NOT_TEXT and proto is not None and hasattr(proto, "ListFields"):
        found += list(_strings(proto))
    if kind == "Dataframe":
        table = node.value
        found += [str(column) for column in table.columns]
        found += [str(cell) for row in table.itertuples(index=False) for cell in row]
    for child in getattr(node, "children", {}).values():
        found += element_texts(child)
    return found


def _field_words() -> list[str]:
    """What the profile's fields say (their labels, units, help and choices), as they are."""
    texts = []
    for question in QUESTIONS:
        info = FIELDS[question.field]
        texts += [info.label, wording.in_sentence(info.label), info.unit]
        texts += [wording.field_help(question.field)]
        texts += [wording.choice_label(str(choice)) for choice in question.choices]
        values = (True, False) if question.kind == "yes_no" else question.choices
        texts += [wording.with_unit(question.field, value) for value in values]
    return texts


def _questionnaire(url: str, lang: str) -> tuple[AppTest, int, str]:
    _, people = _workshop(url, "Dana")
    rid, token = people["Dana"]
    return open_app(query_params={"workshop": token, LANG_PARAM: lang}), rid, token


def test_the_questionnaire_in_the_pseudo_language_leaves_no_word_untranslated(
    workspace_url: str,
) -> None:
    at, rid, token = _questionnaire(workspace_url, PSEUDO)
    with language(PSEUDO):
        at.radio(key=f"wq.{rid}.delivery_maturity.value").set_value("emerging").run()
    with Workspace.open(workspace_url) as ws:
        profile = parse_profile(ws.questionnaire(token).profile)
    with language(PSEUDO):
        facts = [text for fact in case_facts(profile) for text in fact]
        allowed = ["Dana", "Northwind", *facts, *_field_words()]
    texts = element_texts(at._tree)
    assert "⟦Question ⟧1⟦ of ⟧9" in texts
    assert [text for text in texts if untranslated(text, allowed=allowed)] == []
    with language(PSEUDO):
        at.button(key="wq.done").click().run()
    thanks = element_texts(at._tree)
    assert "⟦Thank you, ⟧Dana" in thanks
    assert [text for text in thanks if untranslated(text, allowed=allowed)] == []


def test_a_link_with_lang_es_opens_the_questionnaire_in_spanish(workspace_url: str) -> None:
    at, rid, _token = _questionnaire(workspace_url, "es")
    texts = element_texts(at._tree)
    assert at.title[0].value == "Cuestionario del taller"
    assert "Pregunta 1 de 9" in texts
    assert "Pregunta 9 de 9" in texts
    assert "0 de 9 preguntas respondidas" in texts  # the progress bar
    assert "¿Hay venta adicional en tus cuentas que nadie trabaja?" in texts
    assert "¿Quién lleva hoy las renovaciones de los clientes?" in texts
    assert "Comentario (opcional)" in texts
    yes_no = at.radio(key=f"wq.{rid}.onboarding_consistent.value")
    assert [yes_no.format_func(o) for o in yes_no.options] == ["Sí", "No", "No lo sé"]  # type: ignore[attr-defined]
    assert at.main.markdown[0].value.startswith("Respondes como **Dana** (entrega del servicio).")
    with language("es"):
        at.radio(key=f"wq.{rid}.onboarding_consistent.value").set_value(True).run()
        texts = element_texts(at._tree)
        assert "Guardada." in texts  # the save's callback writes in the link's language
        at.button(key="wq.done").click().run()
    assert at.title[0].value == "Gracias, Dana"
    assert at.main.markdown[0].value.startswith(
        "Tus respuestas están guardadas: 1 de 9 preguntas respondidas."
    )
    assert at.button(key="wq.back").label == "Cambiar mis respuestas"


def test_a_link_that_is_not_valid_says_so_in_the_links_language(workspace_url: str) -> None:
    at = open_app(query_params={"workshop": "x" * 43, LANG_PARAM: "es"})
    assert at.title[0].value == "Este enlace no es válido"
    assert at.markdown[0].value.startswith("Pide un enlace nuevo a la persona que te lo envió.")


def _workshop_page(url: str, lang: str) -> tuple[AppTest, dict[str, tuple[int, str]]]:
    """The Workshop page on a case where Dana and Ravi disagree on the decisive question."""
    _, people = _workshop(url, "Dana", "Ravi")
    with Workspace.open(url) as ws:
        ws.save_answer(people["Dana"][1], "delivery_maturity", "standardised", "a playbook")
        ws.save_answer(people["Ravi"][1], "delivery_maturity", "emerging")
    at = open_app("Cases", {LANG_PARAM: lang})
    at.button(key="cases.open").click().run()
    return go_to(at, "Workshop"), people


def _page_allowed(url: str) -> list[str]:
    """The page's data and what other parts of the product write on it: the verdicts, the
    fields, the scores, the verdict banner's headline, the times' zone and the formats' names."""
    with Workspace.open(url) as ws:
        client = ws.clients()[0]
        case_id = ws.cases(client.id)[0].id
        case = ws.open_case(case_id)
        base, pack = parse_profile(case.document.profile), ws.case_pack(case_id)
        respondents = ws.workshop_answers(case_id)
    with language(PSEUDO):
        result = compare(base, respondents, pack)
        verdicts = list(pack.verdict_labels_for(str(base.business_model)).values())
        looks = [part for look in VERDICT_LOOKS.values() for part in _markup(look)]
        return [
            *("Dana", "Ravi", "Priya", "Northwind", "today", "a playbook"),
            *verdicts,
            *looks,
            *_field_words(),
            result.consensus.headline,
            wording.saved_score(GATED, 0.0),
            zone_words(""),
            *FORMAT_NAMES.values(),
            *LANGUAGE_NAMES.values(),
        ]


def _markup(look: VerdictLook) -> tuple[str, str]:
    """A verdict's icon and colour as the room's title writes them: markup, not words."""
    return look.icon, f":{look.badge_colour}["


def test_the_workshop_page_in_the_pseudo_language_leaves_no_word_untranslated(
    workspace_url: str,
) -> None:
    at, people = _workshop_page(workspace_url, PSEUDO)
    with language(PSEUDO):
        at.text_area(key="wk.names").set_value("Priya").run()
        at.button(key="wk.add").click().run()  # the new link's card, QR code and sheet
        at.selectbox(key="wk.pick").set_value(people["Dana"][0]).run()
        at.button(key="wk.revoke").click().run()  # Dana answered: what revoking does, asked
    texts = element_texts(at.main)
    assert "⟦Decisive disagreements⟧" in texts
    assert any(text.startswith("⟦QR code of ⟧Priya") for text in texts)
    assert any("⟦ Revoke ⟧Dana⟦'s link?⟧" in text for text in texts)
    allowed = _page_allowed(workspace_url)
    assert [text for text in texts if untranslated(text, allowed=allowed)] == []


def test_the_room_view_in_the_pseudo_language_leaves_no_word_untranslated(
    workspace_url: str,
) -> None:
    at, _people = _workshop_page(workspace_url, PSEUDO)
    with language(PSEUDO):
        at.button(key="wk.room.enter").click().run()
        at.toggle(key="wk.room.names").set_value(True).run()
    texts = element_texts(at.main)
    assert "⟦The team's consensus: ⟧" in " ".join(texts)
    allowed = _page_allowed(workspace_url)
    assert [text for text in texts if untranslated(text, allowed=allowed)] == []


def test_a_new_link_carries_the_questionnaire_language_the_consultant_chose(
    workspace_url: str,
) -> None:
    at, _people = _workshop_page(workspace_url, "en")
    at.selectbox(key=workshop_links.LINK_LANGUAGE).set_value("es").run()
    at.text_area(key="wk.names").set_value("Priya, founder").run()
    at.button(key="wk.add").click().run()
    link = at.main.code[0].value
    assert link.endswith("&lang=es") and "?workshop=" in link
    token = link.split("?workshop=", 1)[1].split("&", 1)[0]
    opened = open_app(query_params={"workshop": token, LANG_PARAM: "es"})
    assert opened.title[0].value == "Cuestionario del taller"


def test_names_with_the_role_in_spanish_take_that_role() -> None:
    with language("es"):
        people = workshop_links.parse_names(
            "Lucía Pérez, entrega del servicio\nJavier Ruiz, Fundador\nTomás Vidal", "other"
        )
    assert people == [
        ("Lucía Pérez", "delivery"),
        ("Javier Ruiz", "founder"),
        ("Tomás Vidal", "other"),
    ]


def test_a_link_without_a_chosen_language_is_unchanged() -> None:
    assert workshop_links.with_language("https://a.example/?workshop=T", "") == (
        "https://a.example/?workshop=T"
    )
    assert workshop_links.with_language("?workshop=T", "es") == "?workshop=T&lang=es"
