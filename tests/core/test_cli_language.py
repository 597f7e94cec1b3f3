"""`--lang en|es` on every command, the environment's language by default."""

from __future__ import annotations

import pytest

from advisor.cli import main

EXAMPLE = "examples/northwind-hire-now.yaml"


def test_a_bad_language_exits_2_naming_the_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["assess", EXAMPLE, "--lang", "fr"])
    assert stopped.value.code == 2
    assert "--lang" in capsys.readouterr().err


def test_a_bad_language_is_refused_in_the_language_of_the_environment(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    with pytest.raises(SystemExit):
        main(["assess", EXAMPLE, "--lang=fr"])
    assert "no es un idioma del producto" in capsys.readouterr().err


@pytest.mark.parametrize("words", [["--lang", "en"], ["--lang=en"], []])
def test_english_output_is_the_same_with_lang_en_or_without(
    words: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    assert main(["assess", EXAMPLE, "--as-of", "2026-12-07", *words]) == 0
    out = capsys.readouterr().out
    assert main(["assess", EXAMPLE, "--as-of", "2026-12-07"]) == 0
    assert capsys.readouterr().out == out


def test_every_command_but_app_takes_lang() -> None:
    from advisor.cli import build_parser
    from tests.core.test_docs import _commands  # the README test walks the same parser

    for command, parser in _commands(build_parser()):
        options = {o for a in parser._actions for o in a.option_strings}
        assert ("--lang" in options) == (command != "app"), command


def test_a_command_in_spanish_leaves_the_caller_s_language_as_it_was(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from advisor import i18n

    assert main(["assess", EXAMPLE, "--lang", "es", "--as-of", "2026-12-07"]) == 0
    assert i18n.current() == "en"
    with pytest.raises(SystemExit):
        main(["assess", EXAMPLE, "--lang", "es", "--format", "nope"])
    assert i18n.current() == "en"
    capsys.readouterr()
