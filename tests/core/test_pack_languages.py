"""The rule pack in two languages: a text is a string (English) or a map `{en: …, es: …}`.

The pack is read in one language, each text falling back to English; a bad map is refused at its
file, line and field whatever the language read; `rules check` notes each text with no Spanish;
the digest and the parse cache are the same for both languages; the shipped pack's translated
files leave no English text in Spanish and keep every placeholder.
"""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Iterator
from pathlib import Path

import msgspec
import pytest

from advisor import cli
from advisor.engine import evaluate
from advisor.i18n import CLOSE, OPEN, PSEUDO, language, placeholders
from advisor.pack import DEFAULT_RULES_DIR, RulePack, RulePackError, load_pack, pack_from_documents
from advisor.pack import cache as pack_cache
from advisor.pack.calibrate import calibrated_pack, figures
from advisor.pack.languages import has_words, is_text_path, source_ids, texts_in
from advisor.pack.load import missing_translations, read_pack_documents
from advisor.pack.uploads import default_documents, pack_from_uploads, refusal_title
from advisor.problems import Problem
from advisor.profile import load_profile
from advisor.yamlio import LineDict, parse_yaml
from tests.i18n_support import untranslated

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted(
    (f"rules/{path.name}", path.read_bytes()) for path in DEFAULT_RULES_DIR.glob("*.yaml")
)
PACK_FILE = "rules/00-pack.yaml"
# The shipped 00-pack.yaml with its verdict labels and the scoring's source as plain English
# strings, the base the tests below write maps of languages into.
PLAIN_LABELS = """  verdict_labels:
    hire_now: Hire {a_role} now
    prepare: Prepare to hire
    not_yet: Not yet
    fix_delivery_first: Fix delivery first
"""
PACK_TEXT = re.sub(
    r"(?ms)^  verdict_labels:\n.*?(?=^  #)",
    lambda _match: PLAIN_LABELS,
    dict(SHIPPED)[PACK_FILE].decode("utf-8"),
    count=1,
)
PACK_TEXT = re.sub(
    r"(?ms)^  source:\n    en: ([^\n]*)\n    es: .*?(?=\n\n)", r"  source: \1", PACK_TEXT, count=1
)
# The files whose texts the shipped pack gives in Spanish.
TRANSLATED = (
    "00-pack.yaml",
    "05-sources.yaml",
    "10-thresholds.yaml",
    "20-benchmarks.yaml",
    "22-pay.yaml",
    "23-interview.yaml",
    "45-job.yaml",
)
# The texts the shipped pack's translated files give as written in English on purpose: a role's
# title, and the names Spanish writes as English does.
SAME_IN_SPANISH: frozenset[str] = frozenset()


def _english_pack_text(old: str, new: str) -> str:
    """The shipped 00-pack.yaml with `old` (which must be there) written as `new`."""
    assert old in PACK_TEXT, old
    return PACK_TEXT.replace(old, new, 1)


def _with_pack_file(text: str) -> list[tuple[str, bytes]]:
    return [
        (name, text.encode("utf-8") if name == PACK_FILE else content) for name, content in SHIPPED
    ]


def _line_of(text: str, fragment: str) -> int:
    """The 1-based line of the first line of `text` holding `fragment`."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


def _refused(text: str, code: str = "en") -> list[str]:
    with pytest.raises(RulePackError) as caught:
        pack_from_documents(_with_pack_file(text), language=code)
    return [str(problem) for problem in caught.value.problems]


# Flow style for one label, block style for another, a plain string for the third.
MAPPED = _english_pack_text(
    "    not_yet: Not yet\n",
    "    not_yet: {en: Not yet, es: Todavía no}\n",
)
MAPPED = MAPPED.replace(
    "    prepare: Prepare to hire\n",
    "    prepare:\n      en: Prepare to hire\n      es: Preparar la contratación\n",
    1,
)
MAPPED = MAPPED.replace(
    "    hire_now: Hire {a_role} now\n",
    "    hire_now:\n      en: Hire {a_role} now\n",
    1,
)


def test_the_plain_base_of_these_tests_reads_as_the_shipped_pack_in_english() -> None:
    plain = pack_from_documents(_with_pack_file(PACK_TEXT), language="en")
    shipped = pack_from_documents(SHIPPED, language="en")
    assert plain.verdict_label_texts == shipped.verdict_label_texts
    assert plain.scoring == shipped.scoring
    assert "verdict_labels:\n    hire_now: Hire {a_role} now\n" in PACK_TEXT
    assert "  source: product default (calibrated so the trigger zone" in PACK_TEXT


def test_a_pack_with_maps_of_languages_reads_each_text_in_the_language_asked() -> None:
    english = pack_from_documents(_with_pack_file(MAPPED), language="en")
    spanish = pack_from_documents(_with_pack_file(MAPPED), language="es")
    assert english.verdict_label_texts["not_yet"] == "Not yet"
    assert english.verdict_label_texts["prepare"] == "Prepare to hire"
    assert spanish.verdict_label_texts["not_yet"] == "Todavía no"
    assert spanish.verdict_label_texts["prepare"] == "Preparar la contratación"
    assert (english.language, spanish.language) == ("en", "es")


def test_a_text_without_spanish_falls_back_to_english_text_by_text() -> None:
    spanish = pack_from_documents(_with_pack_file(MAPPED), language="es")
    assert spanish.verdict_label_texts["hire_now"] == "Hire {a_role} now"  # a map with `en` only
    assert spanish.verdict_label_texts["fix_delivery_first"] == "Fix delivery first"  # a string


def test_the_pack_read_in_english_is_the_pack_written_as_plain_strings() -> None:
    plain = pack_from_documents(_with_pack_file(PACK_TEXT), language="en")
    mapped = pack_from_documents(_with_pack_file(MAPPED), language="en")
    assert mapped.verdict_label_texts == plain.verdict_label_texts
    assert mapped.verdict_labels == plain.verdict_labels
    assert mapped.headlines == plain.headlines


def test_the_language_read_by_default_is_the_current_one() -> None:
    with language("es"):
        spanish = pack_from_documents(_with_pack_file(MAPPED))
    assert spanish.verdict_label_texts["not_yet"] == "Todavía no"
    assert pack_from_documents(_with_pack_file(MAPPED)).verdict_label_texts["not_yet"] == "Not yet"


def test_the_digest_is_the_digest_of_the_files_in_every_language() -> None:
    documents = _with_pack_file(MAPPED)
    english = pack_from_documents(documents, language="en")
    spanish = pack_from_documents(documents, language="es")
    assert english.digest == spanish.digest
    assert english.digest != pack_from_documents(SHIPPED).digest  # other bytes, other digest


def test_a_map_without_english_is_refused_at_its_file_line_and_field() -> None:
    text = _english_pack_text("    not_yet: Not yet\n", "    not_yet: {es: Todavía no}\n")
    line = _line_of(text, "not_yet: {es:")
    for code in ("en", "es"):
        assert (
            f"{PACK_FILE}:{line}: texts.verdict_labels.not_yet: no English text: a map of "
            "languages needs `en`, the text used where a language has none"
        ) in _refused(text, code)


def test_an_unknown_language_is_refused_at_its_line_with_the_languages_known() -> None:
    text = _english_pack_text(
        "    not_yet: Not yet\n",
        "    not_yet:\n      en: Not yet\n      fr: Pas encore\n",
    )
    line = _line_of(text, "fr: Pas encore")
    assert _refused(text) == [
        (
            f"{PACK_FILE}:{line}: texts.verdict_labels.not_yet.fr: unknown language 'fr'; "
            "expected one of en, es"
        )
    ]


def test_a_language_code_that_is_a_typo_gets_a_suggestion() -> None:
    text = _english_pack_text("    not_yet: Not yet\n", "    not_yet: {en: Not yet, ess: x}\n")
    assert any("unknown language 'ess' (did you mean 'es'?)" in line for line in _refused(text))


def test_a_map_holding_something_other_than_text_is_refused() -> None:
    text = _english_pack_text("    not_yet: Not yet\n", "    not_yet: {en: Not yet, es: 3}\n")
    line = _line_of(text, "not_yet: {en:")
    assert _refused(text) == [
        f"{PACK_FILE}:{line}: texts.verdict_labels.not_yet.es: expected the text in Spanish, got 3"
    ]


def test_a_spanish_text_whose_placeholders_differ_is_refused_naming_both_sets() -> None:
    text = _english_pack_text(
        "    hire_now: Hire {a_role} now\n",
        "    hire_now: {en: 'Hire {a_role} now', es: 'Contratar ya a {role}'}\n",
    )
    line = _line_of(text, "hire_now: {en:")
    assert _refused(text, "es") == [
        (
            f"{PACK_FILE}:{line}: texts.verdict_labels.hire_now.es: the Spanish text has the "
            "placeholders {role}, the English {a_role}: use the same ones"
        )
    ]


def test_a_map_of_languages_where_no_text_goes_is_refused() -> None:
    thresholds = dict(SHIPPED)["rules/10-thresholds.yaml"].decode("utf-8")
    old = "    low: 90\n    high: 120\n"  # renewal_lead_norm's
    assert old in thresholds
    assert thresholds.count(old) == 1
    text = thresholds.replace(old, old.replace("low: 90", "low: {en: 90, es: 90}"))
    documents = [
        (name, text.encode() if name == "rules/10-thresholds.yaml" else content)
        for name, content in SHIPPED
    ]
    with pytest.raises(RulePackError) as caught:
        pack_from_documents(documents)
    line = _line_of(text, "low: {en: 90")
    assert (
        f"rules/10-thresholds.yaml:{line}: thresholds.renewal_lead_norm.low: this is not "
        "translated: write one value, not a map of languages"
    ) in [str(problem) for problem in caught.value.problems]


def test_a_source_title_in_languages_is_refused_as_sources_keep_their_titles() -> None:
    sources = dict(SHIPPED)["rules/05-sources.yaml"].decode("utf-8")
    old = "    title: Product default\n"
    text = sources.replace(old, "    title: {en: Product default, es: Valor por defecto}\n")
    documents = [
        (name, text.encode() if name == "rules/05-sources.yaml" else content)
        for name, content in SHIPPED
    ]
    with pytest.raises(RulePackError) as caught:
        pack_from_documents(documents)
    assert any(
        "sources[" in problem.path
        and "a source's id, title and publisher is not translated" in problem.message
        for problem in caught.value.problems
    )


def test_a_spanish_source_note_naming_an_unknown_source_is_refused_in_english_too() -> None:
    text = _english_pack_text(
        "  source: product default (calibrated so the trigger zone plus two warning signs means "
        "hire now)\n",
        "  source:\n    en: product default (calibrated)\n    es: seed 999 (calibrado)\n",
    )
    line = _line_of(text, "  source:")  # the scoring's, the first of the file
    for code, path in (("en", "scoring.source.es"), ("es", "scoring.source")):
        shown = _refused(text, code)
        expected = (
            f"{PACK_FILE}:{line}: {path}: 'seed 999' is not in the pack's `sources` list (did "
            "you mean 'seed 004'?); expected one of " + ", ".join(_ids())
        )
        if code == "es":  # the citations of a pack read in Spanish are checked in Spanish
            expected = (
                f"{PACK_FILE}:{line}: {path}: 'seed 999' no está en la lista `sources` del "
                "paquete (¿quisiste decir 'seed 004'?); se esperaba una de " + ", ".join(_ids())
            )
        assert [item for item in shown if "seed 999" in item] == [expected], shown


def test_every_bad_map_is_listed_with_the_other_problems_of_the_pack() -> None:
    text = _english_pack_text("    not_yet: Not yet\n", "    not_yet: {es: Todavía no}\n")
    text = text.replace("  hire_now_at: 55\n", "  hire_now_at: many\n", 1)
    shown = _refused(text)
    assert any("texts.verdict_labels.not_yet: no English text" in item for item in shown)
    assert any("hire_now_at" in item for item in shown), shown


def _check(folder: Path) -> tuple[int, str]:
    out = io.StringIO()
    return cli.main(["rules", "check", str(folder)], out), out.getvalue()


def test_rules_check_notes_each_text_without_spanish_and_counts_them(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "00-pack.yaml").write_text(MAPPED, encoding="utf-8")
    for name, content in SHIPPED:
        if name != PACK_FILE:
            (folder / Path(name).name).write_bytes(content)
    code, printed = _check(folder)
    assert code == 0
    lines = printed.splitlines()
    assert lines[0].startswith("OK: AM Advisor default rules")
    where = folder / "00-pack.yaml"
    # A map with `en` only, and a plain string: both noted; a translated map is not.
    hire_line = _line_of(MAPPED, "    hire_now:")  # the labels come before the headlines
    assert (
        f"{where}:{hire_line}: texts.verdict_labels.hire_now: no Spanish text (English is used)"
    ) in lines
    fix_line = _line_of(MAPPED, "fix_delivery_first: Fix delivery first")
    assert (
        f"{where}:{fix_line}: texts.verdict_labels.fix_delivery_first: no Spanish text "
        "(English is used)"
    ) in lines
    assert not any("texts.verdict_labels.not_yet" in line for line in lines)
    assert not any("texts.verdict_labels.prepare" in line for line in lines)
    notes = [line for line in lines if line.endswith("no Spanish text (English is used)")]
    assert lines[-1] == (
        f"{len(notes)} texts of the pack have no Spanish translation: English is shown in "
        "their place"
    )


def test_rules_check_does_not_note_a_text_that_only_names_sources_or_placeholders() -> None:
    assert not has_words("seed 004", ["seed 004"])
    assert not has_words("seed 000 and seed 004", ["seed 000", "seed 004"])
    assert not has_words("{manager}")
    assert has_words("seed 000 (book size)", ["seed 000"])
    assert has_words("{manager}, with an account executive")


def test_rules_check_exits_2_on_a_bad_map_as_on_any_problem(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    for name, content in SHIPPED:
        (folder / Path(name).name).write_bytes(content)
    text = _english_pack_text("    not_yet: Not yet\n", "    not_yet: {es: Todavía no}\n")
    (folder / "00-pack.yaml").write_text(text, encoding="utf-8")
    code, printed = _check(folder)
    assert (code, printed) == (2, "")


def test_the_parse_cache_serves_both_languages_and_keeps_them_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(pack_cache.CACHE_ENV, str(tmp_path / "cache"))
    folder = tmp_path / "pack"
    folder.mkdir()
    for name, content in _with_pack_file(MAPPED):
        (folder / Path(name).name).write_bytes(content)
    spanish = load_pack(folder, language="es")
    english = load_pack(folder, language="en")  # from the entries the Spanish load wrote
    again = load_pack(folder, language="es")
    assert len(list((tmp_path / "cache").glob("pack-*.json"))) == len(SHIPPED)
    assert spanish.verdict_label_texts["not_yet"] == "Todavía no"
    assert english.verdict_label_texts["not_yet"] == "Not yet"
    assert again.verdict_label_texts["not_yet"] == "Todavía no"
    assert english.digest == spanish.digest == again.digest


def test_an_uploaded_file_with_maps_of_languages_is_read_in_the_current_language() -> None:
    upload = [("00-pack.yaml", MAPPED.encode("utf-8"))]
    with language("es"):
        uploaded = pack_from_uploads(upload, default_documents())
    assert uploaded.pack.verdict_label_texts["not_yet"] == "Todavía no"
    english = pack_from_uploads(upload, default_documents())
    assert english.pack.verdict_label_texts["not_yet"] == "Not yet"


def test_a_calibrated_pack_keeps_its_maps_and_shows_a_figure_source_in_the_language() -> None:
    text = _english_pack_text(
        "  source: product default (calibrated so the trigger zone plus two warning signs means "
        "hire now)\n",
        "  source:\n    en: product default (calibrated)\n    es: product default (calibrado)\n",
    )
    documents = _with_pack_file(text)
    with language("es"):
        pack, changed = calibrated_pack(documents, {"scoring.hire_now_at": 60})
        shown = {figure.path: figure.source for figure in figures(changed)}
    assert pack.scoring.hire_now_at == 60
    assert shown["scoring.hire_now_at"] == "product default (calibrado)"
    english = {figure.path: figure.source for figure in figures(changed)}
    assert english["scoring.hire_now_at"] == "product default (calibrated)"


def test_the_pseudo_language_marks_every_text_of_the_pack() -> None:
    pseudo = load_pack(language=PSEUDO)
    assert pseudo.rules[0].title.startswith(OPEN) and pseudo.rules[0].title.endswith(CLOSE)
    # Placeholders stay outside the marks, to be filled.
    assert "{a_role}" in pseudo.verdict_label_texts["hire_now"]
    assert (
        pseudo.verdict_label_texts["hire_now"] == f"{OPEN}Hire {CLOSE}{{a_role}}{OPEN} now{CLOSE}"
    )


# ---------------------------------------------------------------------------------------------
# The shipped pack's translations


def _shipped_texts(names: tuple[str, ...]) -> list[tuple[str, str, object]]:
    """(file, path, text as written) for each text of these shipped files."""
    found = []
    for name in names:
        tree = parse_yaml((DEFAULT_RULES_DIR / name).read_text(encoding="utf-8"), name)
        found += [(name, path, text) for path, text in texts_in(tree)]
    return found


def _ids() -> list[str]:
    tree = parse_yaml((DEFAULT_RULES_DIR / "05-sources.yaml").read_text(encoding="utf-8"), "x")
    return source_ids([("05-sources.yaml", tree)])


def test_the_translated_files_give_every_text_in_spanish() -> None:
    ids = _ids()
    left = [
        f"{name}: {path}"
        for name, path, text in _shipped_texts(TRANSLATED)
        if isinstance(text, str) and has_words(text, ids)
    ]
    assert left == []


def test_no_spanish_text_of_the_translated_files_is_its_english() -> None:
    same = [
        f"{name}: {path}: {text['en']!r}"
        for name, path, text in _shipped_texts(TRANSLATED)
        if isinstance(text, LineDict)
        and text.get("es") == text.get("en")
        and text.get("en") not in SAME_IN_SPANISH
    ]
    assert same == []


def test_every_spanish_text_of_the_shipped_pack_keeps_the_english_placeholders() -> None:
    names = tuple(path.name for path in sorted(DEFAULT_RULES_DIR.glob("*.yaml")))
    differ = [
        f"{name}: {path}"
        for name, path, text in _shipped_texts(names)
        if isinstance(text, LineDict)
        and "es" in text
        and placeholders(str(text["es"])) != placeholders(str(text["en"]))
    ]
    assert differ == []


def test_the_shipped_pack_reads_in_spanish_with_a_few_texts_as_written() -> None:
    spanish = load_pack(language="es")
    english = load_pack(language="en")
    assert spanish.digest == english.digest
    assert spanish.verdict_label_texts["not_yet"] == "Todavía no"
    assert spanish.verdict_label_texts["fix_delivery_first"] == "Primero, estabilizar la entrega"
    assert english.verdict_label_texts["not_yet"] == "Not yet"
    assert spanish.pay is not None and spanish.pay.countries["ES"].name == "España"


def test_the_text_paths_cover_no_id_field_or_operator() -> None:
    for keys in (
        ("rules", "[]", "id"),
        ("rules", "[]", "when", "field"),
        ("rules", "[]", "when", "op"),
        ("sources", "[]", "title"),
        ("sources", "[]", "publisher"),
        ("benchmarks", "metric_targets", "nrr", "direction"),
        ("pay", "countries", "ES", "currency"),
    ):
        assert not is_text_path(keys), keys
    for keys in (
        ("rules", "[]", "title"),
        ("thresholds", "trigger_zone", "source"),
        ("texts", "headlines", "prepare", "team"),
        ("job", "must_haves", "by_segment", "smb", "[]"),
    ):
        assert is_text_path(keys), keys


def test_a_loaded_pack_is_a_rule_pack_in_either_language() -> None:
    assert isinstance(load_pack(language="es"), RulePack)


# ---------------------------------------------------------------------------------------------
# `rules check`'s notes in the reader's language


def _notes_of(folder: Path) -> list[str]:
    code, printed = _check(folder)
    assert code == 0
    return printed.splitlines()[1:]


def _pack_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    folder.mkdir()
    for name, content in _with_pack_file(MAPPED):
        (folder / Path(name).name).write_bytes(content)
    return folder


def test_rules_check_notes_are_all_translated_in_the_pseudo_language(tmp_path: Path) -> None:
    folder = _pack_folder(tmp_path)
    with language(PSEUDO):
        notes = _notes_of(folder)
    missing = missing_translations(read_pack_documents(folder), "es")
    assert len(notes) == len(missing) + 1  # a note each, then the count
    data = [f"{text.file}:{text.line}" for text in missing] + [text.path for text in missing]
    assert untranslated("\n".join(notes), allowed=data) == []


def test_rules_check_notes_read_in_spanish(tmp_path: Path) -> None:
    folder = _pack_folder(tmp_path)
    with language("es"):
        notes = _notes_of(folder)
    line = _line_of(MAPPED, "fix_delivery_first: Fix delivery first")
    assert (
        f"{folder / '00-pack.yaml'}:{line}: texts.verdict_labels.fix_delivery_first: sin texto en "
        "español (se usa el inglés)"
    ) in notes
    count = len(notes) - 1
    assert notes[-1] == (
        f"{count} textos del paquete de reglas no tienen traducción al español: se muestran en inglés"
    )


def _strings(part: object, key: str = "") -> Iterator[tuple[str, str]]:
    """Each text of a part of the pack (its data classes and structs), with its field's name."""
    if dataclasses.is_dataclass(part) and not isinstance(part, type):
        part = dataclasses.asdict(part)
    elif isinstance(part, msgspec.Struct):
        part = msgspec.to_builtins(part)
    if isinstance(part, dict):
        for name, value in part.items():
            yield from _strings(value, str(name))
    elif isinstance(part, list | tuple):
        for item in part:
            yield from _strings(item, key)
    elif isinstance(part, str):
        yield key, part


# Fields that hold ids, codes and file names, never words for a person.
NOT_TEXT = frozenset({"id", "competencies", "country", "derived", "name", "file", "direction"})


def test_the_pseudo_language_marks_every_text_of_the_translated_sections() -> None:
    pack = load_pack(language=PSEUDO)
    data = [source.title for source in pack.sources] + [s.publisher for s in pack.sources]
    thresholds = {name: t for name, t in pack.thresholds.items() if name != "book_size"}
    left = [
        f"{key}: {text}"
        for part in (pack.job, pack.interview, pack.pay, thresholds, pack.metric_targets)
        for key, text in _strings(part)
        if key not in NOT_TEXT and untranslated(re.sub(r"\{[a-z_]+\}", " ", text), allowed=data)
    ]
    assert left == []
    assert pack.pay is not None and pack.pay.countries["ES"].name == f"{OPEN}Spain{CLOSE}"


def test_a_dated_source_is_cited_with_its_date_in_the_pack_s_language() -> None:
    seed_004 = next(source for source in load_pack().sources if source.id == "seed 004")
    assert seed_004.date == "2026-05-23"
    english = load_pack(language="en").thresholds["logo_retention_target"].source
    spanish = load_pack(language="es").thresholds["logo_retention_target"].source
    assert english == (
        "“The Real Role of Account Managers in Business Growth” (Only-dreams, 23 May 2026: logo "
        "retention above 85%)"
    )
    assert spanish == (
        "“The Real Role of Account Managers in Business Growth” (Only-dreams, 23 de mayo de "
        "2026: retención de clientes por encima del 85 %)"
    )


def test_an_undated_source_is_listed_as_not_dated_in_the_reader_s_language() -> None:
    seed_000 = next(source for source in load_pack().sources if source.id == "seed 000")
    assert seed_000.listing() == "“What is an account manager (B2B guide)” (SalesDose, not dated)"
    with language("es"):
        shown = seed_000.listing()
    assert shown == "“What is an account manager (B2B guide)” (SalesDose, sin fecha)"


def test_the_engine_s_compiled_rules_never_lend_one_language_s_texts_to_the_other() -> None:
    readiness = dict(SHIPPED)["rules/30-readiness.yaml"].decode("utf-8")
    # The rule's title as a plain string or a map of languages, written here as this test's map.
    title = re.compile(
        r"    title:(?: Delivery is not standardised yet\n"
        r"|\n      en: Delivery is not standardised yet\n      es: [^\n]*\n)"
    )
    assert len(title.findall(readiness)) == 1
    text = title.sub(
        lambda _match: (
            "    title:\n      en: Delivery is not standardised yet\n"
            "      es: La entrega del servicio aún no está estandarizada\n"
        ),
        readiness,
    )
    documents = [
        (name, text.encode() if name == "rules/30-readiness.yaml" else content)
        for name, content in SHIPPED
    ]
    profile = load_profile(ROOT / "examples" / "ferro-fix-delivery.yaml")
    titles = []
    for code in ("en", "es", "en", "es"):  # one digest, one segment: one cache entry
        pack = pack_from_documents(documents, language=code)
        fired = evaluate(profile, pack).fired
        titles.append(next(r.title for r in fired if r.rule_id == "DELIVERY-NOT-STANDARDISED"))
    english, spanish = (
        "Delivery is not standardised yet",
        "La entrega del servicio aún no está estandarizada",
    )
    assert titles == [english, spanish, english, spanish]


# ---------------------------------------------------------------------------------------------
# What the Rules page says of an uploaded pack, in the reader's language


def _uploads_and_refusal() -> tuple[str, str, str, str]:
    replaced = pack_from_uploads([("00-pack.yaml", MAPPED.encode("utf-8"))], default_documents())
    whole = pack_from_uploads(default_documents(), [])
    one = RulePackError([Problem("bad", file="x.yaml")])
    two = RulePackError([Problem("bad", file="x.yaml"), Problem("worse", file="x.yaml")])
    return (
        replaced.origin,
        whole.origin,
        refusal_title("x.yaml", one, "Default"),
        refusal_title("x.yaml", two, "Default"),
    )


def test_an_uploaded_pack_s_origin_and_refusal_are_translated_in_the_pseudo_language() -> None:
    with language(PSEUDO):
        said = _uploads_and_refusal()
    names = ["00-pack.yaml", "x.yaml", "Default"] + [name for name, _ in default_documents()]
    assert untranslated("\n".join(said), allowed=names) == []


def test_an_uploaded_pack_s_origin_and_refusal_read_in_spanish() -> None:
    with language("es"):
        replaced, whole, one, two = _uploads_and_refusal()
    assert replaced == "el paquete por defecto con tus archivos 00-pack.yaml"
    assert whole.startswith("tus archivos ")
    assert one == "No se ha usado el paquete de x.yaml (1 problema); esta sesión sigue con Default."
    assert (
        two == "No se ha usado el paquete de x.yaml (2 problemas); esta sesión sigue con Default."
    )
