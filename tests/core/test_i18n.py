"""The translation layer: the current language per context, catalogues, formats per locale."""

from __future__ import annotations

import datetime as dt
import io
import threading
from typing import Any

import pytest
from babel.messages.extract import extract

from advisor import i18n
from advisor.i18n import PSEUDO, _, formats, from_environment, language, n_, p_, resolve
from advisor.i18n import catalogue as cat
from tests.i18n_support import untranslated


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("es", "es"),
        ("es-ES", "es"),
        ("es_ES.UTF-8", "es"),
        ("EN_gb", "en"),
        ("fr", "en"),
        (None, "en"),
        ("", "en"),
        ("qps", "qps"),
    ],
)
def test_a_language_code_is_read_the_way_locales_write_it(code: str | None, expected: str) -> None:
    assert resolve(code) == expected


def test_the_cli_default_follows_lang_and_lc_all_wins() -> None:
    assert from_environment({"LANG": "es_ES.UTF-8"}) == "es"
    assert from_environment({"LC_ALL": "en_US.UTF-8", "LANG": "es_ES.UTF-8"}) == "en"
    assert from_environment({"LANG": "C"}) == "en"
    assert from_environment({}) == "en"


def test_the_language_is_per_context_never_process_wide() -> None:
    seen: dict[str, str] = {}
    ready = threading.Barrier(2)

    def session(name: str, code: str) -> None:
        i18n.set_language(code)
        ready.wait()  # both sessions have set their language before either reads it
        seen[name] = formats.money(12500)

    threads = [threading.Thread(target=session, args=(n, c)) for n, c in (("a", "es"), ("b", "en"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == {"a": "12.500\u00a0€", "b": "€12,500"}
    assert i18n.current() == "en"


def test_a_block_in_another_language_gives_the_language_back() -> None:
    with language("es"):
        assert i18n.current() == "es"
        with language("en"):
            assert formats.percent(0.125) == "12.5%"
        assert formats.percent(0.125) == "12,5\u00a0%"
    assert i18n.current() == "en"


@pytest.mark.parametrize(
    ("code", "money", "percent", "day", "month", "items", "hours"),
    [
        ("en", "€720,000", "12.5%", "6 December 2026", "Sep 2027", "a, b and c", "7.5 h"),
        (
            "es",
            "720.000\u00a0€",
            "12,5\u00a0%",
            "6 de diciembre de 2026",
            "sept 2027",
            "a, b y c",
            "7,5\u00a0h",
        ),
    ],
)
def test_formats_per_locale(
    code: str, money: str, percent: str, day: str, month: str, items: str, hours: str
) -> None:
    with language(code):
        assert formats.money(720_000, "EUR") == money
        assert formats.percent(0.125) == percent
        assert formats.long_date(dt.date(2026, 12, 6)) == day
        assert formats.month_label(dt.date(2027, 9, 1)) == month
        assert formats.joined(["a", "b", "c"]) == items
        assert formats.hours(7.5) == hours


def test_english_money_keeps_the_house_style() -> None:
    assert formats.money(1500, "USD") == "$1,500"
    assert formats.money(720_000, "CHF") == "720,000 CHF"
    assert formats.short_money(410_000) == "€410k"
    assert formats.short_money(4_100_000) == "€4.1M"
    assert formats.percent(1.4) == "140%"


def test_spanish_money_percent_and_lists() -> None:
    with language("es"):
        assert formats.money(1500, "USD") == "1.500\u00a0US$"
        assert formats.short_money(410_000) == "410\u00a0mil\u00a0€"
        assert formats.joined(["Ana", "Irene"]) == "Ana e Irene"  # 'y' becomes 'e' before an i
        assert formats.joined(["Ana", "Hilario"]) == "Ana e Hilario"
        assert formats.joined(["agua", "hielo"]) == "agua y hielo"  # 'hie-' keeps 'y'


def test_placeholders_are_filled_by_name_in_every_language() -> None:
    assert _("Hire by {date}.", date="6 December 2026") == "Hire by 6 December 2026."
    assert n_("{count} account", "{count} accounts", 1) == "1 account"
    assert n_("{count} account", "{count} accounts", 3) == "3 accounts"
    assert p_("verdict", "Prepare") == "Prepare"


def test_the_pseudo_language_wraps_words_and_leaves_values_visible() -> None:
    with language(PSEUDO):
        text = _(
            "Hire by {date}, {count} left.", date=formats.long_date(dt.date(2027, 3, 1)), count=3
        )
        assert text == "⟦Hire by ⟧⟦1 March 2027⟧⟦, ⟧3⟦ left.⟧"
        assert untranslated(text) == []
        assert untranslated(text + " Forgotten words") == ["Forgotten words"]
        leftover = untranslated(_("Hire by {date}.", date="tomorrow"))
        assert leftover and "tomorrow" in leftover[0]


@pytest.mark.parametrize(
    "write",
    [
        lambda message, **values: _(message, **values),
        lambda message, **values: i18n.translator(message)(**values),
    ],
    ids=["each call", "translated once"],
)
def test_a_translation_with_wrong_placeholders_falls_back_to_english(
    monkeypatch: pytest.MonkeyPatch, write: Any
) -> None:
    class Broken:
        def gettext(self, message: str) -> str:
            return "Contratar antes del {fecha}."

    monkeypatch.setattr(i18n, "translations", lambda code: Broken())
    with language("es"):
        assert write("Hire by {date}.", date="X") == "Hire by X."


@pytest.mark.parametrize("code", ["en", "es", PSEUDO])
def test_a_sentence_translated_once_is_written_as_each_call_of_underscore_writes_it(
    code: str,
) -> None:
    with language(code):
        quarter = i18n.translator("Q{quarter} {year}")
        for number, year in ((1, 2027), (4, 2030)):
            assert quarter(quarter=number, year=year) == _(
                "Q{quarter} {year}", quarter=number, year=year
            )


def test_the_spanish_catalogue_covers_every_message_in_the_code() -> None:
    """Like `python -m advisor.i18n check` in CI: nothing missing, fuzzy, empty or misplaced."""
    assert cat.problems("es") == []


def test_the_spanish_catalogue_has_spanish_plural_forms() -> None:
    assert cat.read("es").num_plurals == 3


def test_a_catalogue_is_read_from_its_po_and_counts_in_spanish_plurals(
    tmp_path: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from babel.messages.catalog import Catalog

    messages = Catalog(locale="es", domain=i18n.DOMAIN, fuzzy=False)
    messages.add("Hire by {date}.", "Contrata antes del {date}.")
    messages.add(
        ("{count} account", "{count} accounts"),
        ("{count} cuenta", "{count} de cuentas", "{count} cuentas"),
    )
    messages.add("Prepare", "Preparar", context="verdict")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    monkeypatch.setattr(cat, "LOCALE_DIR", tmp_path)
    monkeypatch.setattr(cat, "po_path", lambda code: tmp_path / code / "LC_MESSAGES" / "advisor.po")
    cat.write("es", messages)
    i18n.translations.cache_clear()
    try:
        with language("es"):
            assert _("Hire by {date}.", date="1 de marzo") == "Contrata antes del 1 de marzo."
            assert n_("{count} account", "{count} accounts", 1) == "1 cuenta"
            assert n_("{count} account", "{count} accounts", 3) == "3 cuentas"
            assert n_("{count} account", "{count} accounts", 1_000_000) == "1000000 de cuentas"
            assert p_("verdict", "Prepare") == "Preparar"
            assert _("Not in the catalogue") == "Not in the catalogue"
        cat.compile_all()
        i18n.translations.cache_clear()
        with language("es"):
            assert p_("verdict", "Prepare") == "Preparar"  # now from the compiled .mo
    finally:
        i18n.translations.cache_clear()


def test_no_module_that_translates_also_throws_values_away_in_underscore() -> None:
    """`zone, _ = …` in a function that also calls `_()` makes `_` a local and the call fails."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = []
    for path in [root / "app.py", *sorted((root / "advisor").rglob("*.py"))]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imports_it = any(
            isinstance(node, ast.ImportFrom)
            and node.module == "advisor.i18n"
            and any(alias.name == "_" for alias in node.names)
            for node in ast.walk(tree)
        )
        if not imports_it:
            continue
        in_comprehensions = {
            id(target)
            for node in ast.walk(tree)
            if isinstance(node, ast.comprehension)
            for target in ast.walk(node.target)
        }
        for node in ast.walk(tree):
            stored = (
                isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store)
            )
            argument = isinstance(node, ast.arg) and node.arg == "_"
            if (stored and id(node) not in in_comprehensions) or argument:
                offenders.append(f"{path.relative_to(root)}:{node.lineno}")
    assert offenders == []


def test_a_sentence_translated_once_is_extracted_for_the_catalogue() -> None:
    source = io.BytesIO(b'label = translator("Only written here, {count} times")\n')
    found = [
        message for _line, message, _notes, _context in extract("python", source, cat.KEYWORDS)
    ]
    assert found == ["Only written here, {count} times"]
