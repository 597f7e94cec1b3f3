"""The workshop in another language: the results' sentences, the readout (its slides as data, the
deck and the PDF read back) and the links sheet write every word of theirs through the catalogue
(checked in the pseudo-language, where a word left outside ⟦…⟧ was never translated), Spanish
reads as hand-checked below, and English is what it always was.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pptx import Presentation
from pypdf import PdfReader
from workshop_support import base_case, decisive_team, respondents

from advisor import present, wording
from advisor.brief.common import reason_text
from advisor.brief.model import Bullets, Callout, Paragraph, Table
from advisor.brief.prepare import prepare_brief
from advisor.brief.readout import Readout, build_readout
from advisor.export.links_sheet import links_sheet
from advisor.export.workshop_deck import render_readout
from advisor.i18n import PSEUDO, language
from advisor.pack import RulePack
from advisor.wording import GATED
from advisor.workshop import QUESTIONS, WorkshopResult, compare, flip_text, revoke_impact
from advisor.workshop.answers import parse_overrides, respondent_from_mapping
from advisor.workshop.model import WorkshopError, answer_label
from advisor.workshop.tables import grid_rows, respondent_rows
from tests.i18n_support import ALWAYS_ALLOWED, strip_marked, untranslated

DATE = dt.date(2026, 12, 6)
_WORD = re.compile(r"[A-Za-zÀ-ÿ]{2,}")


def _people() -> list[dict[str, object]]:
    """As the readout's tests, Ben commenting his answer."""
    return decisive_team({"answer": "emerging", "comment": "no playbook"})


def _result(pack: RulePack, code: str) -> WorkshopResult:
    with language(code):
        base = base_case()
        return compare(base, respondents(base, *_people()), pack)


NAMES = ["Ana Ortiz", "Ben Okafor", "Cleo Wu", "no playbook"]


def _others(result: WorkshopResult, pack: RulePack) -> list[str]:
    """What the readout takes, as it is, from the presenter, the rule pack and the fields: the
    verdict, its headline and reasons, the role and its plan, and the questions' labels and
    answers. (Written in the pseudo-language, so each reads as the readout shows it.)"""
    brief = prepare_brief(result.consensus_profile, pack, workshop=result, prepared_on=DATE)
    a, role = brief.assessment, brief.role
    texts = [brief.company, brief.pack_line, a.verdict_label, a.headline, a.readiness]
    texts += [wording.capitalised(a.readiness), *NAMES]
    texts += list(pack.verdict_labels_for(str(result.base.business_model)).values())
    texts.append(wording.saved_score(GATED, 0.0))
    for reason in a.key_reasons(3):
        texts += [reason.title, reason_text(reason)]
    texts += [wording.capitalised(blocker) for blocker in a.blockers]
    texts += [role.mission, present.hire_lead(a, role.title), present.when_line(a)]
    texts += [present.team_plan_sentence(a) or "", present.waiting_sentence(a)]
    if role.interim is not None:
        texts += [role.interim.title, role.interim.summary]
        texts += [text for step in role.interim.steps for text in (step.step, step.owner)]
        texts += [step.when for step in role.interim.steps]
    texts += [text for line in present.plan_lines(a) for text in (line.label, line.text)]
    texts += [cell for row in present.hire_rows(a.team) for cell in row]
    for question in result.questions:
        texts += [question.label, wording.in_sentence(question.label)]
        values = {question.consensus, *(answer.value for _name, answer in question.answers)}
        texts += [answer_label(question.field, value) for value in values]
        texts += [wording.with_unit(question.field, value) for value in values]
    return texts


def _block_texts(readout: Readout) -> list[str]:
    texts = [readout.title, readout.answered]
    for slide in readout.slides:
        texts.append(slide.title)
        for block in slide.blocks:
            if isinstance(block, Paragraph | Callout):
                texts += [block.lead, block.text]
            elif isinstance(block, Bullets):
                texts += list(block.items)
            elif isinstance(block, Table):
                texts += [*block.columns, *(cell for row in block.rows for cell in row)]
    return texts


def _left_words(texts: list[str]) -> set[str]:
    """The words outside the pseudo-language's marks."""
    return {word for text in texts for word in _WORD.findall(strip_marked(text))} - set(
        ALWAYS_ALLOWED
    )


@pytest.fixture(scope="module")
def pseudo(pack: RulePack) -> tuple[WorkshopResult, Readout, list[str]]:
    result = _result(pack, PSEUDO)
    with language(PSEUDO):
        readout = build_readout(result, pack, prepared_on=DATE)
        others = _others(result, pack)
    return result, readout, others


def test_every_sentence_of_the_readout_is_translated(
    pseudo: tuple[WorkshopResult, Readout, list[str]],
) -> None:
    _, readout, others = pseudo
    texts = _block_texts(readout)
    assert "⟦The disagreements that decide the verdict⟧" in texts
    assert [text for text in texts if untranslated(text, allowed=others)] == []


def _deck_texts(data: bytes) -> list[str]:
    texts = []
    for slide in Presentation(io.BytesIO(data)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts += [run.text for p in shape.text_frame.paragraphs for run in p.runs]
            if shape.has_table:
                texts += [cell.text for row in shape.table.rows for cell in row.cells]
    return texts


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(page.extract_text() for page in reader.pages)


def test_the_readout_deck_and_pdf_add_no_untranslated_word(
    pseudo: tuple[WorkshopResult, Readout, list[str]], pack: RulePack
) -> None:
    """Every word the renderers write themselves (the cover's leads, "(continued)", the
    footer) is translated: what is left outside the marks is only what the readout's model
    holds from the presenter and the fields."""
    _, readout, others = pseudo
    model = _left_words([*_block_texts(readout), *others]) | _left_words(
        [readout.company, readout.verdict_label, readout.readiness, readout.headline]
    )
    model |= _left_words([readout.pack_line, readout.date_text])
    with language(PSEUDO):
        deck = render_readout(readout, "pptx")
        pdf = render_readout(readout, "pdf")
    deck_texts = _deck_texts(deck)
    assert "⟦Verdict:⟧ " in deck_texts
    assert _left_words(deck_texts) - model == set()
    assert _left_words([_pdf_text(pdf)]) - model == set()


def test_the_links_sheet_in_the_pseudo_language_names_only_its_data() -> None:
    link = "http://localhost:8501/?workshop=" + "A" * 43
    with language(PSEUDO):
        pdf = links_sheet("", [("Dana Lee", link)])
    text = _pdf_text(pdf)
    assert "Dana Lee" in text
    assert PdfReader(io.BytesIO(pdf)).metadata.title == "⟦Workshop links⟧"
    # The link is broken over lines under its QR code: its words are data, as the name is.
    data = {"Dana", "Lee", "http", "localhost", "workshop"}
    assert {word for word in _left_words([text]) if set(word) != {"A"}} <= data


def test_the_results_tables_and_sentences_in_the_pseudo_language(
    pseudo: tuple[WorkshopResult, Readout, list[str]], pack: RulePack
) -> None:
    result, _readout, others = pseudo
    with language(PSEUDO):
        rows = [*respondent_rows(result), *grid_rows(result)]
        texts = [str(text) for row in rows for pair in row.items() for text in pair]
        texts.append(result.quorum_text())
        label = result.consensus.verdict_label
        texts += [flip_text(flip, label, names=False) for flip in result.together]
        people = [r.respondent for r in result.respondents]
        texts.append(revoke_impact(result.base, people, pack, "Ben Okafor").text)
    assert "⟦Respondent⟧" in texts
    assert [text for text in texts if untranslated(text, allowed=others)] == []


# --- Spanish, hand-checked ---------------------------------------------------------------------


def test_the_results_read_in_spanish(pack: RulePack) -> None:
    result = _result(pack, "es")
    with language("es"):
        quorum = result.quorum_text()
        one_flip = next(flip for q in result.questions for flip in q.flips)
        label = result.consensus.verdict_label
        sentence = flip_text(one_flip, label, names=False)
        rows = respondent_rows(result)
        people = [r.respondent for r in result.respondents]
        impact = revoke_impact(result.base, people, pack, "Ben Okafor").text
        waiting = compare(result.base, people, pack, quorum=5).quorum_text()
    # 3 of 3 answered, against a quorum of 1
    assert quorum == "3 de 3 participantes han respondido (el quórum es 1)"
    assert waiting == (
        "3 de 3 participantes han respondido; el veredicto de consenso aparecerá cuando hayan "
        "respondido 5"
    )
    # one respondent gave the answer that flips the verdict: "1 persona", singular
    assert "(1 persona) en " in sentence and " en lugar de " in sentence
    assert rows[0]["Participante"] == "Ana Ortiz"
    assert rows[0]["Puesto"] == "fundador"
    assert rows[0]["Respondidas"] == "4 de 9"  # four questions answered, of the nine asked
    assert impact.startswith("Revocar el enlace de Ben Okafor deja sus respuestas fuera")


def test_an_answers_file_problem_reads_in_spanish(pack: RulePack) -> None:
    base = base_case()
    with language("es"), pytest.raises(WorkshopError) as refused:
        respondent_from_mapping({"respondent": "", "role": "boss"}, base, "ana.yaml")
    messages = [problem.message for problem in refused.value.problems]
    assert "no puede estar vacío" in messages
    assert any(m.startswith("rol desconocido 'boss'") for m in messages)


def test_the_readout_reads_in_spanish(pack: RulePack) -> None:
    result = _result(pack, "es")
    with language("es"):
        readout = build_readout(result, pack, prepared_on=DATE)
        deck = _deck_texts(render_readout(readout, "pptx"))
        pdf = " ".join(_pdf_text(render_readout(readout, "pdf")).split())
        assert readout.date_text == "6 de diciembre de 2026"  # a date reads in its language
    assert readout.title == "Presentación de resultados del taller"
    assert readout.answered == "3 personas respondieron a las preguntas de criterio"
    assert [slide.title for slide in readout.slides] == [
        "El veredicto del equipo",
        "Por qué: los motivos que más pesan",
        "Las discrepancias que deciden el veredicto",
        "El consenso, pregunta a pregunta",
        "Próximos pasos",
        "El plan de contratación",
    ]
    consensus = readout.slide("consensus").blocks[0]
    assert isinstance(consensus, Table)
    assert consensus.columns == (
        "Pregunta",
        "La respuesta del equipo",
        "Cómo se decidió",
        "El equipo",
    )
    assert "Veredicto: " in deck
    assert "PRESENTACIÓN DE RESULTADOS DEL TALLER" in deck
    assert "6 de diciembre de 2026" in pdf and "Veredicto:" in pdf


def test_the_questions_are_asked_in_spanish() -> None:
    with language("es"):
        asked = {question.field: question.asked for question in QUESTIONS}
    assert asked["unworked_upsell"] == "¿Hay venta adicional en tus cuentas que nadie trabaja?"
    assert asked["renewal_owner"] == "¿Quién lleva hoy las renovaciones de los clientes?"
    english = {question.field: question.asked for question in QUESTIONS}
    assert english["renewal_owner"] == "Who runs client renewals today?"


def test_a_refused_consensus_answer_reads_in_spanish_and_names_the_consensus() -> None:
    base = base_case()
    with language("es"), pytest.raises(WorkshopError) as refused:
        parse_overrides({"delivery_maturity": "dont_know"}, base)
    (problem,) = refused.value.problems
    assert problem.file == "consenso" and problem.path == "delivery_maturity"
    assert problem.message == "el consenso necesita una respuesta, no «no lo sé»"
    with pytest.raises(WorkshopError) as english:
        parse_overrides({"delivery_maturity": "dont_know"}, base)
    assert english.value.problems[0].file == "consensus"
