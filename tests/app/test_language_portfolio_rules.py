"""The Portfolio and Rules pages (with the calibration tab) in the pseudo-language and in Spanish.

In `qps` every text these pages write is wrapped in ⟦…⟧. The pseudo test here looks for the
English these pages' own source files hold (any of their literal sentences left outside the marks
is text that never went through the catalogue); the page's every text, the CRM reader's and the
diagnosis's words included, is checked in test_pages_in_the_pseudo_language.py.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from apptest_support import go_to, open_app
from i18n_support import strip_marked
from pseudo_support import _proto_texts, _table_texts
from streamlit.testing.v1 import AppTest

from advisor.i18n import CLOSE, OPEN
from advisor.portfolio import SAMPLE_AS_OF

ROOT = Path(__file__).resolve().parents[2]
# The files whose every user-visible text goes through the catalogue.
TRANSLATED = (
    "advisor/ui/portfolio_page.py",
    "advisor/ui/portfolio_statuses.py",
    "advisor/ui/rules_page.py",
    "advisor/ui/calibration_panel.py",
    "advisor/ui/branding_panel.py",
    "advisor/portfolio/tables.py",
)
AS_OF = dt.date(2026, 12, 6)
# Literals of those files that are no words of theirs: data (codec names, an example rate) and the
# headers of other modules' tables they read or size (the rule pack's rows, the CRM reader's
# fields), which show in English on these pages until those modules are translated.
NOT_THEIRS = frozenset(
    {"utf-8", "cp1252", "utf-16", "latin-1", "USD=0.92"}
    | {"ID", "Category", "Effect", "When", "Thresholds", "Rationale"}
    | {"Field", "Owner", "Segment", "Source", "Where", "value"}
    # Data in the tables' cells: a field key of the rule language and a source's id.
    | {"location", "seed 000"}
)
_WORDS = re.compile(r"[A-Za-z]{2,}")
# Streamlit's icon and colour markup, which is no text: ":material/check_circle:", ":green[".
_MARKUP = re.compile(r":material/[a-z_]+:|:[a-z]+(?:-badge)?\[")


def _segments(node: ast.AST) -> Iterator[str]:
    """Every literal stretch of a string or f-string in the tree, split at its placeholders."""
    for item in ast.walk(node):
        if isinstance(item, ast.Constant) and isinstance(item.value, str):
            yield from re.split(r"\{[a-z_]+\}", item.value)


def english_sentences() -> set[str]:
    """The literal stretches with a word the translated files hold (docstrings aside): what a
    reader would see if one of them skipped the catalogue."""
    found: set[str] = set()
    for name in TRANSLATED:
        tree = ast.parse((ROOT / name).read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        for item in ast.walk(tree):
            if id(item) in docstrings:
                continue
            for segment in _segments(item) if isinstance(item, ast.Constant) else ():
                if _WORDS.search(segment):
                    found.add(segment.strip())
    return found


def _walk(node: Any) -> Iterator[str]:
    proto = getattr(node, "proto", None)
    if proto is not None and hasattr(proto, "ListFields"):
        yield from _proto_texts(proto)
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from _walk(child)


def main_texts(at: AppTest) -> list[str]:
    """Every text of the page's main area (the sidebar is the shell's), tables included."""
    return [*_walk(at.main), *_table_texts(at)]


def english_left(at: AppTest) -> list[str]:
    """The translated files' sentences that show outside the pseudo-language's marks."""
    stretches = {
        stretch.strip()
        for text in main_texts(at)
        for stretch in strip_marked(_MARKUP.sub(" ", text), "\x00").replace("\\", "").split("\x00")
    }
    return sorted(
        sentence
        for sentence in english_sentences() - NOT_THEIRS
        # A label of a word or two shows as a whole stretch; a longer sentence anywhere in one.
        if sentence in stretches
        or (len(_WORDS.findall(sentence)) >= 3 and any(sentence in s for s in stretches))
    )


def test_the_pseudo_test_finds_a_sentence_of_these_pages_left_in_english() -> None:
    """The check itself: on the English page it finds the pages' own sentences."""
    at = open_app("Portfolio", as_of=AS_OF)
    left = english_left(at)
    assert "Retention against the targets" in left
    assert "Every row of the file was counted." in english_sentences()


@pytest.fixture(scope="module")
def portfolio_qps() -> AppTest:
    return open_app("Portfolio", {"lang": "qps"}, as_of=AS_OF)


@pytest.fixture(scope="module")
def rules_qps() -> AppTest:
    return open_app("Rules", {"lang": "qps"}, as_of=AS_OF)


def test_the_portfolio_page_in_the_pseudo_language_leaves_none_of_its_own_words_english(
    portfolio_qps: AppTest,
) -> None:
    assert portfolio_qps.title[0].value == f"{OPEN}Portfolio{CLOSE}"
    assert english_left(portfolio_qps) == []


def test_the_rules_page_and_its_calibration_in_the_pseudo_language_leave_none_of_their_words_english(
    rules_qps: AppTest,
) -> None:
    assert rules_qps.title[0].value == f"{OPEN}Rules{CLOSE}"
    assert english_left(rules_qps) == []


def test_the_portfolio_page_speaks_spanish() -> None:
    at = open_app("Portfolio", {"lang": "es"}, as_of=AS_OF)
    assert at.title[0].value == "Cartera"
    subheaders = [h.value for h in at.subheader]
    assert "Retención frente a los objetivos" in subheaders
    assert "Renovaciones pendientes" in subheaders
    assert at.radio(key="portfolio_source").label == "Exportación de cuentas"
    captions = [str(c.value) for c in at.caption]
    assert any(
        c.startswith("Empieza el diagnóstico con los datos del propio cliente") for c in captions
    )
    owners = next(t.value for t in at.dataframe if "Responsable" in t.value.columns)
    assert list(owners.columns) == [
        "Responsable",
        "Cuentas",
        "ARR",
        "Renovaciones en 120 días",
        "Cartera",
    ]
    renewals = next(t.value for t in at.dataframe if "Sin responsable" in t.value.columns)
    assert list(renewals["En"])[:2] == ["30 días", "60 días"]
    # Money in Spain's style: the amount, a no-break space, the symbol; thousands with a dot.
    assert all(
        re.fullmatch(r"[1-9][0-9]{0,2}(\.[0-9]{3})*\u00a0€", text) for text in renewals["ARR"]
    )
    start = SAMPLE_AS_OF.replace(year=SAMPLE_AS_OF.year - 1).isoformat()  # a 12-month period
    assert any(c.startswith("Sobre las ") and f"cuentas activas el {start};" in c for c in captions)
    assert "Tasa de renovación: no disponible — " in "\n".join(captions)


def test_the_rules_page_speaks_spanish() -> None:
    at = open_app("Rules", {"lang": "es"}, as_of=AS_OF)
    assert at.title[0].value == "Reglas"
    assert [tab.label for tab in at.tabs] == [
        "Reglas",
        "Umbrales y valores de referencia",
        "Calibrar",
        "Campos y operadores",
        "Fuentes",
    ]
    assert "Usa tus propias reglas" in [h.value for h in at.subheader]
    captions = [str(c.value) for c in at.caption]
    assert any(
        c.startswith("Activo: ") and c.endswith(" (el paquete por defecto).") for c in captions
    ), captions
    counts = r"[0-9]+ reglas · [0-9]+ umbrales · huella [0-9a-f]+ · archivos: rules/00-pack\.yaml"
    assert any(re.match(counts, c) for c in captions), captions
    effect = next(t.value for t in at.dataframe if "Esperado" in t.value.columns)
    assert list(effect.columns) == ["Efecto", "Bajo", "Esperado", "Alto"]
    markdown = [str(m.value) for m in at.markdown]
    assert any(
        m.startswith("**Puntuaciones del veredicto.** Contratar ya a partir de") for m in markdown
    )


def test_the_calibration_tab_speaks_spanish() -> None:
    at = open_app("Rules", {"lang": "es"}, as_of=AS_OF)
    headers = [str(text) for text in main_texts(at)]
    assert "Umbrales que comprueban las reglas" in " ".join(headers)
    assert "Guardados en el espacio de trabajo" in [h.value for h in at.subheader]
    apply = at.button(key="rules.calibrate.apply")
    assert apply.label == "Usar estas cifras en esta sesión (0 cambiadas)"
    go_to(at, "Portfolio")
    assert at.title[0].value == "Cartera"
