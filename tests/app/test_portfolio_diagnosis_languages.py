"""The diagnosis the Portfolio page shows (its notes, warnings, reasons and the file's
description) in the session's language: wrapped in the pseudo-language, in Spanish, and worded
again when the language is switched after the export was read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from apptest_support import open_app
from pseudo_support import page_texts
from streamlit.testing.v1 import AppTest

from advisor import i18n
from advisor.crm_import import read_export_file
from advisor.i18n import CLOSE, OPEN
from advisor.portfolio import SAMPLE_EXPORT
from advisor.ui.language import SWITCH
from advisor.ui.portfolio_page import SOURCE_UPLOAD
from tests.i18n_support import untranslated

AS_OF = dt.date(2026, 12, 6)
FIXTURES = Path(__file__).resolve().parents[1] / "portfolio" / "fixtures"
# The shipped export ends on 2025-06-30; the session counts from AS_OF: 524 days later.
STALE_DAYS = (AS_OF - dt.date(2025, 6, 30)).days


def _captions_and_warnings(at: AppTest) -> list[str]:
    return [str(c.value) for c in at.caption] + [str(w.value) for w in at.warning]


def test_the_diagnosis_shown_for_the_shipped_export_is_wrapped_in_the_pseudo_language() -> None:
    at = open_app("Portfolio", {"lang": "qps"}, as_of=AS_OF)
    texts = page_texts(at)
    shown = "\n".join(texts)
    # The note naming the contract-value band the targets are taken from (diagnose's own note).
    assert f"{OPEN}retention targets and the book size per owner are those of {CLOSE}" in shown
    # The file's description: encoding and delimiter named in words, the layout, the decimal mark.
    assert f"{OPEN}UTF-8 with BOM{CLOSE}" in shown
    assert f"{OPEN}semicolon{CLOSE}" in shown
    assert f"{OPEN}HubSpot companies export{CLOSE}" in shown
    assert f"{OPEN}decimal comma (detected){CLOSE}" in shown
    # The stale-figures warning.
    assert f"{OPEN}The figures end on {CLOSE}" in shown
    # Every reason a row was left out or a value set aside; the cells it quotes are data.
    column = f"{OPEN}Reason{CLOSE}"
    reasons = [str(r) for t in at.dataframe if column in t.value.columns for r in t.value[column]]
    assert any(r.startswith(f"{OPEN}row has {CLOSE}") for r in reasons)
    raw = read_export_file(SAMPLE_EXPORT)
    cells = [str(cell).strip() for values in raw.columns for cell in values if str(cell).strip()]
    assert untranslated("\n".join(reasons), allowed=[*cells, *raw.headers]) == []


def test_the_diagnosis_reads_in_spanish_on_the_page() -> None:
    at = open_app("Portfolio", {"lang": "es"}, as_of=AS_OF)
    texts = _captions_and_warnings(at)
    joined = "\n".join(texts)
    assert "los objetivos de retención y el tamaño de cartera por responsable son los de los" in (
        joined
    )
    assert f"Las cifras terminan el 2025-06-30, {STALE_DAYS} días antes del 2026-12-06" in joined
    assert "accounts.csv · UTF-8 con BOM, punto y coma · Exportación de empresas de HubSpot" in (
        joined
    )
    reasons = next(t.value for t in at.dataframe if "Motivo" in t.value.columns)["Motivo"]
    assert any(
        "la fila tiene 12 campos y la cabecera tiene 11 (¿un punto y coma sin comillas" in r
        for r in reasons
    )


def test_the_diagnosis_is_worded_again_when_the_language_is_switched() -> None:
    at = open_app("Portfolio", as_of=AS_OF)
    assert any("retention targets and the book size per owner" in t for t in at.caption.values)
    at.sidebar.selectbox(key=SWITCH).set_value("es").run()
    with i18n.language("es"):
        at.run()
    captions = [str(c.value) for c in at.caption]
    assert not any("retention targets" in c for c in captions)
    assert any("los objetivos de retención" in c for c in captions)
    # The rows the reader set aside are worded again too: the file is read again.
    reasons = next(t.value for t in at.dataframe if "Motivo" in t.value.columns)["Motivo"]
    assert any(r.startswith("la fila tiene 12 campos") for r in reasons)
    assert not any(r.startswith("row has") for r in reasons)


def test_an_upload_refused_in_a_spanish_session_is_refused_in_spanish() -> None:
    """The upload is read in a worker process: it speaks the session's language."""
    at = open_app("Portfolio", {"lang": "es"}, as_of=AS_OF)
    with i18n.language("es"):
        at.radio(key="portfolio_source").set_value(SOURCE_UPLOAD).run()
        binary = (FIXTURES / "binary.csv").read_bytes()
        at.file_uploader(key="portfolio_upload").set_value(("datos.csv", binary, "text/csv")).run()
    errors = [str(e.value) for e in at.error]
    assert any(
        "datos.csv: el archivo contiene datos binarios (bytes cero), no texto CSV; exporta las "
        "cuentas como CSV o XLSX" in e
        for e in errors
    ), errors
