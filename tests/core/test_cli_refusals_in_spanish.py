"""`advisor assess`, `brief` and `kit`: their help, their notes and their refusals (argparse's
own among them) in the language of `--lang`, exit 2 with the message on stderr; every text of
their help goes through the catalogue (`--lang qps`), and English reads as before."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from advisor.cli import main
from advisor.cli.examples import EXAMPLES
from advisor.kit import DOCUMENTS
from advisor.kit.disclosure import DISCLOSABLE
from tests.i18n_support import untranslated

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = str(ROOT / "examples" / "northwind-hire-now.yaml")
# Command-line syntax, not words: options and their metavars, choices, the program's name.
SYNTAX = re.compile(
    r"--?[a-z][a-z-]*(?:\s[A-Z][A-Z=_-]+(?:\s\[[A-Z]+ \.\.\.\])?)?|\{[a-z,]+\}|\ben\|es\b"
    r"|\badvisor(?: [a-z-]+)?\b|\[|\]|\bprofiles?\b|\bid\b|\b[A-Z][A-Z=_-]+\b"
)


def _refused(capsys: pytest.CaptureFixture[str], *words: str) -> str:
    with pytest.raises(SystemExit) as stopped:
        main([*words], io.StringIO())
    assert stopped.value.code == 2
    return capsys.readouterr().err


def _help(capsys: pytest.CaptureFixture[str], command: str, code: str) -> str:
    with pytest.raises(SystemExit) as stopped:
        main([command, "--help", "--lang", code], io.StringIO())
    assert stopped.value.code == 0
    return capsys.readouterr().out


def test_a_missing_required_option_is_refused_in_spanish(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = _refused(capsys, "kit", EXAMPLE, "--lang", "es")
    assert err.startswith("uso: advisor kit ")
    assert err.endswith("advisor kit: error: faltan estos argumentos obligatorios: --out\n")


def test_an_unknown_option_is_refused_in_spanish(capsys: pytest.CaptureFixture[str]) -> None:
    err = _refused(capsys, "brief", EXAMPLE, "--bogus", "--lang", "es")
    assert err.endswith("error: argumentos no reconocidos: --bogus\n")


def test_a_bad_choice_is_refused_in_spanish(capsys: pytest.CaptureFixture[str]) -> None:
    err = _refused(capsys, "assess", EXAMPLE, "--format", "xml", "--lang", "es")
    assert "argumento --format: opción no válida: 'xml' (elige entre 'text', 'json', 'md')" in err


def test_argparse_refuses_in_english_as_before(capsys: pytest.CaptureFixture[str]) -> None:
    err = _refused(capsys, "kit", EXAMPLE, "--lang", "en")
    assert err.startswith("usage: advisor kit ")
    assert err.endswith("advisor kit: error: the following arguments are required: --out\n")


def test_a_refusal_of_the_kit_command_is_in_spanish(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    afile = tmp_path / "kit"
    afile.write_text("", encoding="utf-8")
    code = main(["kit", EXAMPLE, "--out", str(afile), "--lang", "es"], io.StringIO())
    assert code == 2
    assert f"{afile} es un archivo, no una carpeta: indica una carpeta" in capsys.readouterr().err


def test_a_binary_brief_to_standard_output_is_refused_in_spanish(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["brief", EXAMPLE, "--format", "pdf", "--lang", "es"], io.StringIO())
    assert code == 2
    assert "un informe pdf es un archivo binario: indica --out ARCHIVO" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["assess", "brief", "kit", "assess-batch", "history"])
def test_every_word_of_the_help_goes_through_the_catalogue(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    text = _help(capsys, command, "qps")
    # Command lines, not words (the longest first: one example may begin another).
    for example in sorted(EXAMPLES.get(command, ()), key=len, reverse=True):
        text = text.replace(example, " ")
    data = [*DOCUMENTS, *DISCLOSABLE]  # the documents' keys and the fields' names are data
    assert untranslated(SYNTAX.sub(" ", text), data) == []


def test_the_help_reads_in_spanish(capsys: pytest.CaptureFixture[str]) -> None:
    text = _help(capsys, "kit", "es")
    assert text.startswith("uso: advisor kit ")
    assert "\nopciones:\n" in text and "\nejemplos:\n" in text
    assert "muestra esta ayuda y termina" in text
    assert "memo (Memorando de decisión (para el fundador))" in " ".join(text.split())


def test_the_help_reads_in_english_as_before(capsys: pytest.CaptureFixture[str]) -> None:
    text = _help(capsys, "kit", "en")
    assert text.startswith("usage: advisor kit ")
    assert "\noptions:\n" in text and "\nexamples:\n" in text
    described = ", ".join(f"{key} ({entry.label})" for key, entry in DOCUMENTS.items())
    flat = " ".join(text.split())
    assert f"one file each: {described}." in flat


def test_the_batch_summary_agrees_with_the_count_in_spanish(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text("company\nAcme\n", encoding="utf-8")
    main(["assess-batch", str(rows), "--workers", "1", "--lang", "es"], io.StringIO())
    # One row, refused for its missing fields: "1 fila evaluada, 1 con errores".
    assert capsys.readouterr().err.strip().endswith("1 fila evaluada, 1 con errores")
