"""The hiring kit in every language: no kit word left untranslated, Spanish as Spain writes it,
and English unchanged.

The pseudo-language `qps` wraps every translated stretch in ⟦…⟧, so a word outside the marks was
never translated. The kit's documents also show words they do not own: the presenter's
(`advisor.present`), the wording helpers' (`advisor.wording`), the drafted role's and the rule
pack's texts. The strict tests mark those as someone else's (their functions' results wrapped,
their texts allowed) and hold the kit's own words to the catalogue; the plain test, without that
help, shows what is still English elsewhere and is expected to fail until those parts are
translated.

Spanish goldens sit beside the English ones (`golden/northwind-hire-now-<key>.es.md`); regenerate
them after a deliberate change with `UPDATE_GOLDEN=1 pytest tests/kit/test_kit_languages.py`.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import re
from collections.abc import Iterator
from typing import Any

import msgspec
import pytest
from docx import Document
from kit_support import DATE, GOLDEN, SAMPLES, kit_for, sample
from pypdf import PdfReader

import advisor.kit.candidate
import advisor.kit.job
import advisor.kit.memo
import advisor.present
import advisor.present.pay
from advisor import wording
from advisor.export.kit import render_extra_noted, render_kit
from advisor.i18n import CLOSE, OPEN, PSEUDO, language
from advisor.kit import DOCUMENTS, KitInputs, chosen_documents, prepare_kit
from advisor.kit.disclosure import DISCLOSABLE, read_disclose
from advisor.pack import RulePack
from advisor.profile import CompanyProfile, parse_profile, profile_to_dict
from advisor.role.search import REPORTS_TO
from tests.i18n_support import untranslated

KEYS = list(DOCUMENTS)
_PLACEHOLDER = re.compile(r"\{[a-z_][a-z0-9_]*\}")


# --- what the kit shows but does not own --------------------------------------------------------


def _marked(value: Any) -> Any:
    """A result of someone else's function, marked as translated: text, or the texts inside."""
    if isinstance(value, str):
        return f"{OPEN}{value}{CLOSE}" if value else value
    if isinstance(value, tuple | list):
        return type(value)(_marked(item) for item in value)
    if isinstance(value, msgspec.Struct):
        changes = {
            name: _marked(getattr(value, name))
            for name in value.__struct_fields__
            if isinstance(getattr(value, name), str)
        }
        return msgspec.structs.replace(value, **changes)
    return value


def _wrapped(function: Any) -> Any:
    def call(*args: Any, **kwargs: Any) -> Any:
        return _marked(function(*args, **kwargs))

    return call


def _texts(value: Any, seen: set[int] | None = None) -> Iterator[str]:
    """Every text inside a drafted role or a part of the pack (dataclasses, structs, mappings)."""
    seen = set() if seen is None else seen
    if isinstance(value, str):
        yield value
        return
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, dict):
        for item in value.values():
            yield from _texts(item, seen)
    elif isinstance(value, tuple | list | set | frozenset):
        for item in value:
            yield from _texts(item, seen)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            yield from _texts(getattr(value, item.name), seen)
    elif isinstance(value, msgspec.Struct):
        for name in value.__struct_fields__:
            yield from _texts(getattr(value, name), seen)


def _pieces(text: str) -> list[str]:
    """A text as it may appear in a document: whole, and each stretch between its placeholders,
    as written, capitalised and starting in lower case."""
    parts = [text, *_PLACEHOLDER.split(text)]
    out = []
    for part in parts:
        part = part.strip()
        if len(part) >= 3 or part.isupper():  # a lone "a" or "'s" would be cut out of words
            out += [part, wording.capitalised(part), wording.in_sentence(part)]
    return out


def data_texts(kit: KitInputs) -> list[str]:
    """What a kit document shows that is data, not a product word: the company, the profile's own
    words, the sources' titles and publishers."""
    profile = kit.profile
    found = [kit.company, kit.prepared_by]
    for name in ("location", "country", "sector", "languages", "buyer_personas", "notes"):
        value = getattr(profile, name, None)
        if isinstance(value, str):
            found += [value, *(item.strip() for item in value.split(";"))]
    for source in kit.pack.sources:
        found += [source.title, source.publisher]
    return [variant for text in found if text for variant in _variants(text)]


def _variants(text: str) -> list[str]:
    return [text, wording.capitalised(text), wording.in_sentence(text)]


def others_texts(kit: KitInputs) -> list[str]:
    """The texts of parts other modules translate: the drafted role, the pack's job and interview
    sections and business models, the engine's verdict words and the rules that fired."""
    a = kit.assessment
    found = [a.verdict_label, a.readiness, *_variants(a.economics.am_cost_source)]
    for result in a.fired:
        found += [result.title, result.advice or "", result.rationale or ""]
    sources: list[Any] = [kit.role, kit.pack.job, kit.pack.interview, REPORTS_TO]
    sources.append(wording.CHOICE_PHRASES)
    spec = kit.pack.business_model(kit.profile.business_model.value)
    if spec is not None:
        found.append(spec.label)
    found.append(wording.segment_label(kit.profile.segment.value))
    for text in _texts(sources):
        found += _pieces(text)
    return [text for text in found if text]


@pytest.fixture
def others_marked(monkeypatch: pytest.MonkeyPatch) -> None:
    """The presenter's, the wording helpers' and the brief's words count as translated here:
    their own modules are translated and tested elsewhere."""
    for module in (advisor.present, advisor.present.pay):
        for name in dir(module):
            value = getattr(module, name)
            if callable(value) and not isinstance(value, type) and not name.startswith("_"):
                monkeypatch.setattr(module, name, _wrapped(value))
    for name in ("label", "shown_value", "segment_label", "words", "long_date", "money"):
        monkeypatch.setattr(wording, name, _wrapped(getattr(wording, name)))
    monkeypatch.setattr(advisor.kit.memo, "reason_text", _wrapped(advisor.kit.memo.reason_text))
    for module in (advisor.kit.job, advisor.kit.candidate):
        monkeypatch.setattr(module, "metric_text", _wrapped(module.metric_text))
    monkeypatch.setattr(
        advisor.kit.candidate, "payout_table", _wrapped_table(advisor.kit.candidate.payout_table)
    )


def _wrapped_table(function: Any) -> Any:
    def call(*args: Any, **kwargs: Any) -> Any:
        table = function(*args, **kwargs)
        return dataclasses.replace(
            table, columns=_marked(table.columns), rows=_marked(tuple(table.rows))
        )

    return call


# --- reading a document back ------------------------------------------------------------------


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def rendered(kit: KitInputs, key: str, code: str) -> dict[str, str]:
    """A kit document built in `code`, rendered outside any language block: Markdown, the Word
    file's and the PDF's text, and the JSON."""
    document = DOCUMENTS[key].build(kit, language=code)
    return {
        "md": render_kit(document, "md").decode("utf-8"),
        "docx": docx_text(render_kit(document, "docx")),
        "pdf": pdf_text(render_kit(document, "pdf")),
    }


# The PDF's own page footer ("Page 1 of 2") is the brief's PDF writer's (advisor/export/pdf.py).
PDF_FOOTER = re.compile(r"Page \d+ of \d+")


def _left(text: str, allowed: list[str]) -> list[str]:
    """The words left untranslated, the PDF's page footers aside."""
    text = PDF_FOOTER.sub(" ", text)
    return untranslated(text, allowed=allowed)


# --- pseudo-language ------------------------------------------------------------------------


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("name", SAMPLES)
@pytest.mark.usefixtures("others_marked")
def test_every_kit_document_leaves_no_kit_word_untranslated(
    name: str, key: str, pack: RulePack
) -> None:
    kit = kit_for(sample(name), pack)
    allowed = data_texts(kit) + others_texts(kit)
    texts = rendered(kit, key, PSEUDO)
    assert _left(texts["md"], allowed) == []
    assert _left(texts["docx"], allowed) == []
    # The PDF's lines are joined: an allowed text may run over two of them.
    assert _left(texts["pdf"].replace("\n", " "), allowed) == []


@pytest.mark.usefixtures("others_marked")
def test_the_job_posting_leaves_no_kit_word_untranslated(pack: RulePack) -> None:
    kit = kit_for(_with("northwind-hire-now", country="ES", city_band="madrid_barcelona"), pack)
    data, _notes = render_extra_noted(DOCUMENTS["job"].extra[0], kit, PSEUDO)
    posting = json.loads(data)
    description = re.sub(r"<[^>]+>", " ", posting["description"])
    assert untranslated(description, allowed=data_texts(kit) + others_texts(kit)) == []
    assert posting["inLanguage"] == PSEUDO


@pytest.mark.parametrize("key", ["job", "interview"])
@pytest.mark.usefixtures("others_marked")
def test_a_document_on_a_pack_without_its_section_says_so_translated(
    key: str, pack: RulePack
) -> None:
    bare = dataclasses.replace(pack, job=None, interview=None)
    kit = kit_for(sample("northwind-hire-now"), bare)
    text = rendered(kit, key, PSEUDO)["md"]
    assert "rules/" in text  # the note naming the pack file the section lives in
    assert untranslated(text, allowed=data_texts(kit) + others_texts(kit)) == []


@pytest.mark.usefixtures("others_marked")
def test_renewals_nobody_owns_and_a_handover_before_the_start_are_translated(
    pack: RulePack,
) -> None:
    kit = kit_for(_with("northwind-hire-now", renewal_owner="nobody"), pack)
    text = rendered(kit, "transition", PSEUDO)["md"]
    assert "⟦Until ⟧" in text and "⟦ nobody owns the renewals" in text
    assert "⟦Dates to settle:⟧" in text  # Northwind's handover, 1 March, is before 7 March
    assert untranslated(text, allowed=data_texts(kit) + others_texts(kit)) == []


def test_the_kit_s_notes_and_refusals_are_translated(pack: RulePack) -> None:
    kit = kit_for(sample("northwind-hire-now"), pack)
    _data, notes = render_extra_noted(DOCUMENTS["job"].extra[0], kit, PSEUDO)
    assert len(notes) == 2 and all(untranslated(note) == [] for note in notes)
    names = ["'nope'", *DOCUMENTS, *DISCLOSABLE]
    with language(PSEUDO):
        for refuse in (lambda: chosen_documents("memo,nope"), lambda: read_disclose(["nope"])):
            with pytest.raises(ValueError) as error:
                refuse()
            assert untranslated(str(error.value), allowed=names) == []


@pytest.mark.xfail(
    strict=False,
    reason="the presenter (advisor/present), advisor/wording.py, the drafted role (advisor/role) "
    "and the rule pack's texts (rules/*.yaml) are still English until they are translated",
)
@pytest.mark.parametrize("key", KEYS)
def test_every_kit_document_is_translated_through_and_through(key: str, pack: RulePack) -> None:
    kit = kit_for(sample("northwind-hire-now"), pack)
    assert untranslated(rendered(kit, key, PSEUDO)["md"], allowed=data_texts(kit)) == []


# --- Spanish --------------------------------------------------------------------------------


def _with(name: str, **values: Any) -> CompanyProfile:
    return parse_profile({**profile_to_dict(sample(name)), **values})


def euros(amount: float) -> str:
    """An amount as Spain writes it, worked out by hand: '102.000 €'."""
    return f"{round(amount):,}".replace(",", ".") + " €"


def spanish(kit: KitInputs, key: str) -> str:
    """A document's Markdown in Spanish, its no-break spaces read as spaces (a table cell or a
    list item writes them as spaces, a paragraph keeps them)."""
    return rendered(kit, key, "es")["md"].replace("\u00a0", " ")


def test_the_spanish_memo_budgets_the_first_year_in_spanish_figures(pack: RulePack) -> None:
    kit = kit_for(sample("northwind-hire-now"), pack)
    text = spanish(kit, "memo")
    cost = kit.assessment.economics.am_cost
    first_year = cost + cost * pack.hiring.recruiting_cost.value  # the hire and its recruiting
    assert euros(first_year) == "102.000 €"  # 85.000 € and 20 % of it
    assert f"Presupuesta {euros(first_year)} para el primer año" in text
    assert text.startswith("# Memorando de decisión: Northwind Analytics\n")
    assert "*Para el fundador · Preparado el 7 de diciembre de 2026 · Confidencial*" in text
    assert f"| Coste de selección, una vez | {euros(cost * 0.2)} | 20 % del coste" in text


def test_the_spanish_review_dates_each_review_in_spanish(pack: RulePack) -> None:
    kit = kit_for(sample("northwind-hire-now"), pack)
    plan = kit.assessment.plan
    assert plan is not None and plan.starts_on == DATE.replace(year=2027, month=3)
    text = spanish(kit, "review")
    # Six and twelve calendar months after a start on 7 March 2027.
    assert "| Revisiones | 7 de septiembre de 2027 y 7 de marzo de 2028 |" in text
    assert "| Revisión a los 6 meses | 7 de septiembre de 2027 |" in text


def test_the_spanish_job_description_states_the_pay_band_as_spain_does(pack: RulePack) -> None:
    profile = _with("northwind-hire-now", country="ES", city_band="madrid_barcelona")
    kit = kit_for(profile, pack)
    band = kit.assessment.economics.pay
    assert band is not None and band.payments == (14, 12)
    text = spanish(kit, "job")
    base = f"{euros(band.base_low)} – {euros(band.base_high)} de salario bruto anual"
    ote = f"{euros(band.ote_low)} – {euros(band.ote_high)} de retribución total objetivo (OTE)"
    assert f"Banda salarial: {base} y {ote} al año, con un reparto 70/30 entre fijo y" in text
    monthly = f"{euros(band.base_low / 14)} – {euros(band.base_high / 14)} brutos al mes"
    assert f"Salario bruto anual en 14 pagas: {monthly}" in text
    assert "| Contrato | Jornada completa, contrato indefinido |" in text
    assert "## 6. Retribución" in text


def test_the_spanish_job_description_without_a_band_leaves_the_figure_to_the_offer(
    pack: RulePack,
) -> None:
    text = spanish(kit_for(sample("northwind-hire-now"), pack), "job")
    assert "no la banda salarial de un mercado (el perfil no indica país)" in text
    assert "La cartera que asumes: 22 cuentas de cliente." in text


def test_the_spanish_candidate_brief_leaves_open_terms_to_the_offer(pack: RulePack) -> None:
    text = spanish(kit_for(sample("northwind-hire-now"), pack), "candidate")
    assert text.count("a concretar en la oferta") >= 3
    assert "Cuándo se paga la retribución variable (mensual, trimestral o anualmente)" in text


def test_the_spanish_job_posting_is_json_ld_in_spanish(pack: RulePack) -> None:
    profile = _with("northwind-hire-now", country="ES", city_band="madrid_barcelona")
    kit = kit_for(profile, pack)
    data, notes = render_extra_noted(DOCUMENTS["job"].extra[0], kit, "es")
    posting = json.loads(data)
    assert posting["@context"] == "https://schema.org/" and posting["@type"] == "JobPosting"
    assert posting["inLanguage"] == "es"
    assert (posting["datePosted"], posting["employmentType"]) == ("2026-12-07", "FULL_TIME")
    assert posting["title"] == kit.role.title  # the role's title, as Spanish postings keep it
    assert posting["description"].startswith("<p><strong>Sobre Northwind Analytics</strong></p>")
    assert "<p><strong>Retribución</strong></p>" in posting["description"]
    band = kit.assessment.economics.pay
    assert band is not None
    salary = posting["baseSalary"]["value"]
    assert (salary["unitText"], salary["minValue"]) == ("YEAR", round(band.base_low))
    assert notes == ()


def test_the_spanish_notes_of_a_posting_name_the_field_to_set(pack: RulePack) -> None:
    _data, notes = render_extra_noted(
        DOCUMENTS["job"].extra[0], kit_for(sample("northwind-hire-now"), pack), "es"
    )
    assert (
        notes[0] == "sin addressCountry: rellena el country del perfil para añadirlo a la dirección"
    )


def test_the_spanish_word_and_pdf_files_read_in_spanish(pack: RulePack) -> None:
    texts = rendered(kit_for(sample("northwind-hire-now"), pack), "interview", "es")
    assert texts["docx"].startswith("Guía de entrevistas: Northwind Analytics\n")
    assert "Hoja de evaluación: Screening call" in texts["docx"]
    assert "GUÍA DE ENTREVISTAS" in texts["pdf"] and "Confidencial" in texts["pdf"]


@pytest.mark.parametrize("key", KEYS)
def test_the_spanish_northwind_kit_matches_its_golden_file(key: str, pack: RulePack) -> None:
    text = rendered(kit_for(sample("northwind-hire-now"), pack), key, "es")["md"]
    golden = GOLDEN / f"northwind-hire-now-{key}.es.md"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"missing {golden}; run with UPDATE_GOLDEN=1 to create it"
    assert text == golden.read_text(encoding="utf-8")


def test_a_refusal_names_the_choices_in_spanish() -> None:
    with language("es"), pytest.raises(ValueError) as error:
        chosen_documents("memo,nope")
    assert str(error.value).startswith("'nope' no es un documento del kit; elige entre memo, job")


# --- one language per document --------------------------------------------------------------


@pytest.mark.parametrize("key", KEYS)
def test_a_document_built_in_english_is_english_inside_a_spanish_block(
    key: str, pack: RulePack
) -> None:
    kit = kit_for(sample("northwind-hire-now"), pack)
    with language("es"):
        document = DOCUMENTS[key].build(kit, language="en")
        text = render_kit(document, "md").decode("utf-8")
    assert text == (GOLDEN / f"northwind-hire-now-{key}.md").read_text(encoding="utf-8")


def test_a_document_is_rendered_in_the_language_it_was_built_in(pack: RulePack) -> None:
    kit = prepare_kit(sample("northwind-hire-now"), pack, prepared_on=DATE, prepared_by="Ana")
    document = DOCUMENTS["memo"].build(kit, language="es")
    assert document.language == "es"
    with language("en"):  # rendered later, wherever the current language is English
        text = render_kit(document, "md").decode("utf-8")
    assert "*Para el fundador · Preparado el 7 de diciembre de 2026 por Ana · Confidencial*" in text
