"""The decision core's own sentences speak the current language: the headline, what the case is
judged by, the readiness line, the blockers, each rule's explanation and each
flip point go through the catalogue (the pseudo-language leaves no word unmarked) and read as
Spain's Spanish in Spanish, while English stays as it was."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from msgspec.structs import replace

from advisor import wording
from advisor.compare import Comparison, ComparisonError, Scenario, compare_scenarios
from advisor.engine import Assessment, RuleResult, evaluate
from advisor.i18n import PSEUDO, _, language
from advisor.pack import RulePack, load_pack
from advisor.pack.conditions import ConditionResult, condition_text
from advisor.profile import FIELDS, NUMERIC_KINDS, CompanyProfile
from advisor.timing import quarter_label
from advisor.whatif import SweepError, check_field, run_sweep, sweep_text
from tests.i18n_support import untranslated

DATE = dt.date(2026, 12, 7)


def core_texts(assessment: Assessment) -> Iterator[str]:
    """Every sentence the engine writes for one assessment (its warnings are the profile's and
    the pack's bands' own)."""
    yield assessment.headline
    yield assessment.judged_by
    yield assessment.readiness
    yield from assessment.blockers
    for result in assessment.trace:
        yield result.explanation
        yield from (condition.text for condition in result.conditions)
    yield from (flip.sentence for flip in assessment.flip_points)


def data_of(assessment: Assessment, pack: RulePack) -> list[str]:
    """The texts that are data, not the engine's words: the pack's own texts (wrapped in the
    pseudo-language by the pack itself) and the company's name and notes."""
    profile = assessment.profile
    role = pack.role_title(str(profile.business_model))
    found = [profile.company, profile.notes or "", role, "Account Manager"]
    found += [text for result in assessment.trace for text in (result.title, result.advice)]
    found += [result.rationale for result in assessment.trace]
    return found


@pytest.fixture(scope="module")
def pseudo_pack() -> RulePack:
    return load_pack(language=PSEUDO)


@pytest.fixture(scope="module")
def spanish_pack() -> RulePack:
    return load_pack(language="es")


def test_every_engine_sentence_of_every_example_is_translated(
    samples: dict[str, CompanyProfile], pseudo_pack: RulePack
) -> None:
    for name, profile in samples.items():
        with language(PSEUDO):
            assessment = evaluate(profile, pseudo_pack, as_of=DATE)
            texts = [text for text in core_texts(assessment) if text]
        left = untranslated("\n".join(texts), allowed=data_of(assessment, pseudo_pack))
        assert left == [], name


def test_every_operator_reads_as_one_translated_sentence() -> None:
    cases = [
        ("lt", 15), ("lte", 15), ("gt", 15), ("gte", 15), ("between", [10, 20]), ("eq", 15),
        ("ne", 15), ("is_set", None),
    ]  # fmt: skip
    with language(PSEUDO):
        texts = [condition_text("active_accounts", op, value, 22, "EUR") for op, value in cases]
        texts += [condition_text("segment", op, ["smb"], "enterprise", "EUR") for op in ("in",)]
        texts += [condition_text("segment", "not_in", ["smb"], "enterprise", "EUR")]
        texts += [condition_text("unworked_upsell", op, None, True, "EUR") for op in ("is_true",)]
        texts += [condition_text("unworked_upsell", "is_false", None, False, "EUR")]
        given = ConditionResult("active_accounts", "is_set", None, None, 4, False, negated=True)
        texts.append(given.text)
    assert untranslated("\n".join(texts)) == []


def test_a_condition_reads_in_spanish_with_its_figures() -> None:
    with language("es"):
        text = condition_text("active_accounts", "gte", 15, 22, "EUR")
        between = condition_text("avg_contract_value", "between", [10_000, 40_000], 1500, "EUR")
        upsell = condition_text("unworked_upsell", "is_true", None, True, "EUR")
        label = wording.label("active_accounts")
    assert label == "Cuentas de clientes activas"
    assert text == "Cuentas de clientes activas: al menos 15 cuentas (ahora 22 cuentas)"
    nbsp = "\u00a0"  # the formats group money of four digits too: "1.500 €"
    assert between == (
        f"Valor medio de contrato: entre 10.000{nbsp}€ y 40.000{nbsp}€ (ahora 1.500{nbsp}€)"
    )
    assert upsell.endswith(": sí (ahora sí)")


def test_a_rule_explanation_reads_in_spanish() -> None:
    met = ConditionResult("active_accounts", "gte", 15, None, 22, True)
    missed = ConditionResult("active_accounts", "gte", 30, None, 22, False)
    fired = RuleResult("r", "T", "c", True, (met,), 10, None, None, "", "", "", "")
    waiting = RuleResult("r", "T", "c", False, (met, missed), 10, None, None, "", "", "", "")
    with language("es"):
        assert fired.explanation == (
            "Activada: Cuentas de clientes activas: al menos 15 cuentas (ahora 22 cuentas)"
        )
        assert waiting.explanation == (
            "Se activaría si se cumpliera: "
            "Cuentas de clientes activas: al menos 30 cuentas (ahora 22 cuentas)"
        )


def test_northwind_headline_reads_in_spanish(
    samples: dict[str, CompanyProfile], spanish_pack: RulePack
) -> None:
    profile = samples["northwind-hire-now"]
    with language("es"):
        assessment = evaluate(profile, spanish_pack, as_of=DATE)
    accounts = profile.active_accounts
    assert accounts == 22
    assert "Account Manager" in assessment.headline
    assert f"{accounts} cuentas activas" in assessment.headline
    assert " an " not in assessment.headline and "warning sign" not in assessment.headline
    for flip in assessment.flip_points:
        assert flip.sentence.startswith("Si «"), flip.sentence
        assert "el veredicto sería «" in flip.sentence


def test_the_english_sentences_are_unchanged(
    samples: dict[str, CompanyProfile], pack: RulePack
) -> None:
    assessment = evaluate(samples["northwind-hire-now"], pack, as_of=DATE)
    texts = list(core_texts(assessment))
    assert any(text.startswith("Fired: Active client accounts is ") for text in texts)
    assert assessment.judged_by == wording.judged_by("accounts")
    numeric = [flip for flip in assessment.flip_points if flip.kind == "numeric"]
    assert numeric, "northwind has a numeric flip point"
    flip = numeric[0]
    word = "rose to" if flip.direction == "up" else "fell to"
    label = wording.in_sentence(wording.label(flip.field))
    assert flip.sentence.startswith(f"If {label} {word} ")


def test_the_spanish_case_says_how_it_was_judged_in_one_sentence(
    samples: dict[str, CompanyProfile], spanish_pack: RulePack
) -> None:
    with language("es"):
        assessment = evaluate(samples["northwind-hire-now"], spanish_pack, as_of=DATE)
        line = _("The case was {judged_by}.", judged_by=assessment.judged_by)
    assert assessment.judged_by.startswith("se juzga por el número de cuentas")
    assert line == f"El caso {assessment.judged_by}."


def test_the_what_if_table_and_its_refusals_are_translated(
    samples: dict[str, CompanyProfile], pseudo_pack: RulePack
) -> None:
    profile = samples["northwind-hire-now"]
    with language(PSEUDO):
        text = sweep_text(run_sweep(profile, pseudo_pack, "active_accounts", 0, 40, 5))
        same = sweep_text(run_sweep(profile, pseudo_pack, "gross_margin", 0.70, 0.71, 2))
        refusals = []
        for asked in (
            lambda: check_field("active_acounts"),
            lambda: check_field("zzz"),
            lambda: run_sweep(profile, pseudo_pack, "gross_margin", 0.5, 2.0),
            lambda: run_sweep(profile, pseudo_pack, "active_accounts", 10, 5, 1),
        ):
            with pytest.raises(SweepError) as raised:
                asked()
            refusals += [problem.message for problem in raised.value.problems]
    fields = ["active_acounts", "zzz"]  # what was typed
    fields += [name for name in FIELDS if FIELDS[name].kind in NUMERIC_KINDS]
    assert untranslated("\n".join([text, same, *refusals]), allowed=fields) == []
    assert len(refusals) == 5  # the range's bounds and the steps are two problems


def test_the_what_if_table_reads_in_spanish(
    samples: dict[str, CompanyProfile], spanish_pack: RulePack
) -> None:
    profile = samples["northwind-hire-now"]
    with language("es"):
        text = sweep_text(run_sweep(profile, spanish_pack, "active_accounts", 0, 40, 5))
    # 0, 10, 20, 30, 40 accounts: five rows, each with a score of one decimal, comma-written
    rows = re.findall(r"^ +(\d+) cuentas?  preparación +(\d+,\d)  \S", text, re.MULTILINE)
    assert [int(accounts) for accounts, _score in rows] == [0, 10, 20, 30, 40]
    assert text.startswith(
        "Qué pasaría si cambiara «cuentas de clientes activas» (hoy: 22 cuentas)"
    )
    assert "Dónde cambia el veredicto:" in text


def comparison_texts(comparison: Comparison) -> list[str]:
    """What the comparison itself words: its rows' labels, the values it writes itself (not
    the presenter's), the inputs' labels and values, and what makes the difference."""
    own = ("held_back_by", "book_size", "flip_points", "variable_split")
    texts = [row.label for row in comparison.outcomes]
    texts += [value for row in comparison.outcomes if row.key in own for value in row.values]
    texts += [row.label for row in comparison.inputs]
    texts += [difference.label for difference in comparison.differences]
    return texts


def test_the_comparison_rows_are_translated(
    samples: dict[str, CompanyProfile], pseudo_pack: RulePack
) -> None:
    base = samples["northwind-hire-now"]
    smaller = replace(base, active_accounts=9)
    with language(PSEUDO):
        comparison = compare_scenarios(
            [Scenario("today", base, pseudo_pack), Scenario("smaller", smaller, pseudo_pack)],
            as_of=DATE,
        )
        texts = comparison_texts(comparison)
        with pytest.raises(ComparisonError) as raised:
            compare_scenarios([Scenario("alone", base, pseudo_pack)])
        texts += [problem.message for problem in raised.value.problems]
    role = pseudo_pack.role_title(str(base.business_model))
    data = [role, "Account Manager"]
    data += [line.label for r in comparison.scenarios for line in r.role.metrics]
    data += [c.label for r in comparison.scenarios for c in r.role.compensation.components]
    data += [t for r in comparison.scenarios for t in r.held_back_by]
    data += [r.assessment.verdict_label for r in comparison.scenarios]
    assert untranslated("\n".join(texts), allowed=data) == []


def test_the_comparison_rows_read_in_spanish(
    samples: dict[str, CompanyProfile], spanish_pack: RulePack
) -> None:
    base = samples["northwind-hire-now"]
    other = replace(base, active_accounts=9)
    with language("es"):
        comparison = compare_scenarios(
            [Scenario("hoy", base, spanish_pack), Scenario("menor", other, spanish_pack)],
            as_of=DATE,
        )
    rows = {row.key: row for row in comparison.outcomes}
    assert rows["verdict"].label == "Veredicto"
    book = rows["book_size"]
    low, high = (
        comparison.scenarios[0].role.capacity.book_low,
        comparison.scenarios[0].role.capacity.book_high,
    )
    assert book.label == "Cartera por AM" and book.values[0] == f"{low}–{high} cuentas"
    labels = {difference.field: difference.label for difference in comparison.differences}
    assert labels["active_accounts"] == "Cuentas de clientes activas"


def test_a_quarter_is_named_as_spain_names_it() -> None:
    # 7 December 2026 is in the fourth quarter; one quarter on is the first of 2027
    assert quarter_label(DATE, 0) == "Q4 2026"
    with language("es"):
        assert quarter_label(DATE, 0) == "T4 2026"
        assert quarter_label(DATE, 1) == "T1 2027"
        assert quarter_label(DATE, 5) == "T1 2028"
