"""`--lang es` end to end: the assessment, the brief in every format and the portfolio
diagnosis written in Spanish; `--lang qps` (the pseudo-language) finds any sentence of the
assessment report that never went through the catalogue."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import msgspec
import pytest
from pypdf import PdfReader

from advisor.cli import main
from advisor.profile import load_profile
from tests.i18n_support import untranslated

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = str(ROOT / "examples" / "northwind-hire-now.yaml")
DAY = "2026-12-07"
# Data, not words: rule ids, where each rule is written, a digest.
DATA = re.compile(r"\b[A-Z][A-Z0-9]+(?:-[A-Z0-9]+)+\b|rules/[0-9a-z-]+\.yaml:\d+|\b[0-9a-f]{12}\b")


def _run(*words: str) -> str:
    out = io.StringIO()
    assert main([*words], out) == 0
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_every_sentence_of_the_assessment_report_goes_through_the_catalogue(fmt: str) -> None:
    text = DATA.sub(" ", _run("assess", EXAMPLE, "--as-of", DAY, "--format", fmt, "--lang", "qps"))
    profile = load_profile(EXAMPLE)
    allowed = [
        value for value in msgspec.structs.asdict(profile).values() if isinstance(value, str)
    ]
    allowed.append(str(profile.segment).replace("_", "-"))  # the segment's code, as the pack's
    assert untranslated(text, allowed) == []


def test_the_assessment_reads_in_spanish() -> None:
    text = _run("assess", EXAMPLE, "--as-of", DAY, "--lang", "es")
    assert "[CONTRATAR YA] Contratar a un Account Manager ya (preparación 95/100)" in text
    assert "con 22 cuentas activas" in text
    assert "Por qué (reglas activadas):" in text
    assert "Activada: Cuentas de clientes activas: al menos 15 cuentas (ahora 22 cuentas)" in text
    assert re.search(r"ARR total: 792\.000\s€", text)  # 22 accounts × €36,000, the Spanish way


def test_lang_en_writes_what_the_english_default_writes() -> None:
    english = _run("assess", EXAMPLE, "--as-of", DAY, "--lang", "en")
    assert _run("assess", EXAMPLE, "--as-of", DAY) == english


@pytest.mark.parametrize("fmt", ["md", "json", "docx", "pdf"])
def test_the_brief_reads_in_spanish_in_every_format(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"brief.{fmt}"
    _run("brief", EXAMPLE, "--date", DAY, "--format", fmt, "--out", str(out), "--lang", "es")
    if fmt == "pdf":
        text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
        assert "Página 2 de" in text
    elif fmt == "docx":
        from docx import Document

        text = "\n".join(paragraph.text for paragraph in Document(str(out)).paragraphs)
    elif fmt == "json":
        text = json.dumps(
            json.loads(out.read_text(encoding="utf-8"))["document"], ensure_ascii=False
        )
    else:
        text = out.read_text(encoding="utf-8")
    assert "Resumen ejecutivo" in text
    assert "Errores que evitar" in text
    assert "Executive summary" not in text


def test_the_portfolio_diagnosis_reads_in_spanish() -> None:
    text = _run(
        "diagnose",
        str(ROOT / "examples" / "crm" / "accounts.csv"),
        "--as-of",
        "2025-06-30",
        "--lang",
        "es",
    )
    assert text.startswith("Diagnóstico de la cartera: ")
    assert "Renovaciones pendientes" in text
