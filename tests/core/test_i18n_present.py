"""The presenter and the vocabulary speak the current language: every sentence of figures,
timing, pay and role, every field's label, unit, help and choice, goes through the catalogue
(the pseudo-language leaves no word unmarked) and reads as Spain's Spanish in Spanish, while
English stays as it was."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from msgspec.structs import replace

from advisor import present, wording
from advisor.engine import Assessment, evaluate
from advisor.fields import DERIVED_FIELDS, FIELD_GROUPS, FIELDS, AeRenewalCommission, ReportsTo
from advisor.i18n import PSEUDO, language
from advisor.i18n import catalogue as cat
from advisor.pack import RulePack
from advisor.pack.model import MetricTarget
from advisor.problems import Problem, suggest
from advisor.profile import CompanyProfile
from advisor.role import metrics, search
from tests.i18n_support import untranslated

DATE = dt.date(2026, 12, 7)
NBSP = "\u00a0"


def presenter_texts(assessment: Assessment, pack: RulePack) -> Iterator[str]:
    """Every text the presenter gives for one assessment."""
    for line in present.economics_lines(assessment):
        yield from (line.label, line.text, line.note)
    for line in present.plan_lines(assessment):
        yield from (line.label, line.text, line.note)
    yield from present.shown(assessment).values()
    for row in present.hire_rows(assessment.team):
        yield from row
    for row in present.cost_rows(assessment.team, assessment.economics.currency):
        yield from row[1:]  # the quarter's label is the timing's
    yield present.when_line(assessment)
    yield present.hire_lead(assessment, "Account Manager")
    yield from (label for _day, label in present.plan_marks(assessment.plan))
    yield from (row[1] for row in present.plan_figure_rows(assessment, pack))
    yield from (row[0] for row in present.plan_figure_rows(assessment, pack))
    yield present.team_lead_text(assessment, 5)
    yield present.score_total(assessment)
    yield present.timing_chart_summary(assessment)
    yield present.search_phrase(assessment)
    yield present.zone_phrase(assessment)
    yield present.next_am_search(assessment)
    yield present.book_band_line(assessment, pack)
    yield present.workload_title(assessment, pack)
    yield present.gauge_caption(assessment)
    yield present.history_gate_caption(3)
    yield present.edited_cadence_sentence(assessment.economics, 99.0)
    yield present.score_move(("prepare", 61.0), ("hire_now", 74.0))
    yield present.score_move(("prepare", 61.0), ("fix_delivery_first", 0.0), would=True)
    for row in present.effect_rows(pack.am_effect):
        yield from row
    for row in present.hiring_rows(pack.hiring):
        yield from row[:2]


def data_of(assessment: Assessment, pack: RulePack) -> list[str]:
    """The texts that are data, not product words: the pack's own words and sources, the
    company's name, the quarters' labels."""
    econ = assessment.economics
    found = [
        assessment.profile.company,
        econ.revenue_term,
        econ.revenue_term[:1].upper() + econ.revenue_term[1:],
        econ.am_cost_source,
        assessment.verdict_label,
        assessment.readiness,
        pack.am_effect.source,
        *(q.label for q in (assessment.growth.quarters if assessment.growth else ())),
        *(q.label for q in (assessment.team.quarters if assessment.team else ())),
    ]
    # the role's titles stay English; what holds a plan and the verdict labels are the pack's
    found += [pack.role_title(str(assessment.profile.business_model)), "Account Manager"]
    plan = assessment.plan
    if plan is not None:
        found += [wording.in_sentence(text) for text in plan.holding]
        found.append(plan.after_fix_label or "")
    bands = pack.bands
    if bands is not None:
        for band_id in (econ.book_size_band, econ.contract_value_band):
            band = next((b for b in bands.bands if b.id == band_id), None)
            if band is not None:
                found.append(bands.describe(band, assessment.profile.currency))
    if econ.pay is not None:
        pay = econ.pay
        found += [pay.country_name, pay.band_source, pay.mix_source, pay.on_cost_source]
        found.append(pay.payments_source)
    if econ.pay_country:
        found.append(econ.pay_country)
    return found


@pytest.fixture(scope="module")
def assessed(samples: dict[str, CompanyProfile], pack: RulePack) -> dict[str, Assessment]:
    return {name: evaluate(profile, pack, as_of=DATE) for name, profile in samples.items()}


def test_every_presenter_text_of_every_example_is_translated(
    assessed: dict[str, Assessment], pack: RulePack
) -> None:
    for name, assessment in assessed.items():
        with language(PSEUDO):
            texts = [text for text in presenter_texts(assessment, pack) if text]
        left = untranslated("\n".join(texts), allowed=data_of(assessment, pack))
        assert left == [], name


def test_every_field_label_unit_help_and_choice_is_translated() -> None:
    with language(PSEUDO):
        texts = [wording.label(name) for name in (*FIELDS, *DERIVED_FIELDS)]
        texts += [wording.help_text(name) for name in (*FIELDS, *DERIVED_FIELDS)]
        texts += [wording.field_help(name) for name in FIELDS]
        texts += [wording.unit_label(name) for name in (*FIELDS, *DERIVED_FIELDS)]
        texts += [wording.group_label(group) for group in FIELD_GROUPS]
        for name, info in FIELDS.items():
            for choice in info.choices:
                texts += [wording.choice_label(choice), wording.value(name, choice)]
                texts.append(wording.choice_meaning(name, choice))
    # Codes a help text names as they are typed in a profile file, and units that are formats.
    typed = ["saas_subscription", "on_site", "hybrid", "remote", "ceo", "head_of_sales"]
    typed += ["head_of_cs", "other", "keeps", "shared", "ends", "country", "am_fully_loaded_cost"]
    typed += ["benchmarks.book_size", "contract_value_bands", "ISO", "YYYY-MM-DD"]
    typed += ["YYYY-MM:renewals", "alpha", "Head of Operations", "CFO", "Spanish", "English"]
    left = untranslated("\n".join(texts), allowed=typed)
    assert left == []


def test_every_field_label_help_and_choice_has_spanish() -> None:
    english = [wording.label(name) for name in (*FIELDS, *DERIVED_FIELDS)]
    with language("es"):
        spanish = [wording.label(name) for name in (*FIELDS, *DERIVED_FIELDS)]
        helps = [wording.help_text(name) for name in FIELDS]
        choices = [wording.choice_label(c) for info in FIELDS.values() for c in info.choices]
    same = {a for a, b in zip(english, spanish, strict=True) if a == b}
    # Words Spanish writes as English does: acronyms and the role's own titles.
    assert same <= {"Sector", "Total ARR"} | {"AM", "ARR"}, same
    assert all(helps) and all(choices)
    assert "Margen bruto" in spanish and "Cuentas de clientes activas" in spanish
    assert "Madrid o Barcelona" in choices and "Fundador" in choices


def test_counts_agree_in_spanish() -> None:
    with language("es"):
        assert wording.with_unit("active_accounts", 1) == "1 cuenta"
        assert wording.with_unit("active_accounts", 3) == "3 cuentas"
        assert wording.with_unit("active_accounts", 1240) == "1.240 cuentas"
        assert wording.with_unit("current_account_managers", 2) == "2 AM"
        assert wording.months(14) == "14 meses"
        assert wording.months(1) == "1 mes"
        assert wording.months(0.2) == "menos de un mes"


def test_the_payback_reads_se_recupera_en_14_meses() -> None:
    with language("es"):
        assert wording.payback(14.2) == "se recupera en 14 meses"
        assert wording.payback(None).startswith("nunca se recupera")
    assert wording.payback(14.2) == "pays back in 14 months"


def test_spanish_money_and_dates_in_the_presenter(
    assessed: dict[str, Assessment], pack: RulePack
) -> None:
    assessment = assessed["northwind-hire-now"]
    econ = assessment.economics
    with language("es"):
        total = present.line(assessment, "total_arr")
        plan = present.plan_summary(assessment)
        when = present.when_line(assessment)
    # The book's revenue, worked out from the profile: accounts × average contract value.
    profile = assessment.profile
    expected = round(profile.active_accounts * profile.avg_contract_value)
    grouped = f"{expected:,}".replace(",", ".")
    assert total.text == f"{grouped}{NBSP}€"
    assert total.label == f"{econ.revenue_term} total"
    assert plan.startswith("Abre ")
    assert " de diciembre de 2026" in plan
    assert when == "Abre el proceso de selección hoy (7 de diciembre de 2026)."


def test_spanish_money_is_written_the_spanish_way() -> None:
    with language("es"):
        assert wording.money(720_000) == f"720.000{NBSP}€"
        assert wording.long_date(dt.date(2026, 12, 6)) == "6 de diciembre de 2026"
        assert wording.percent(0.125) == f"12,5{NBSP}%"
        assert present.share(0.26) == f"26{NBSP}%"
        assert present.money(None, "EUR") == "sin definir"


def test_a_role_takes_un_in_spanish_and_keeps_its_english_title() -> None:
    with language("es"):
        assert wording.role_words("Account Manager")["a_role"] == "un Account Manager"
        assert wording.role_words("Client Partner")["a_role"] == "un Client Partner"
        assert wording.next_account_manager(3) == "un tercer Account Manager"
        assert wording.next_account_manager(12) == "un 12.º Account Manager"
    assert wording.role_words("Account Manager")["a_role"] == "an Account Manager"
    assert wording.role_words("Client Partner")["a_role"] == "a Client Partner"


def test_the_eighth_account_manager_takes_an_in_english() -> None:
    assert wording.next_account_manager(8) == "an eighth Account Manager"
    assert wording.next_account_manager(3) == "a third Account Manager"
    assert wording.next_account_manager(12) == "a 12th Account Manager"


def test_verdict_words_in_spanish_follow_the_glossary() -> None:
    with language("es"):
        assert wording.verdict_words("hire_now") == "contratar ya"
        assert wording.verdict_words("prepare") == "preparar"
        assert wording.verdict_words("not_yet") == "todavía no"
        assert wording.verdict_words("fix_delivery_first") == "primero, estabilizar la entrega"
        assert wording.effect_words(-10, "not_yet", None) == "-10 puntos, como mucho todavía no"
        assert wording.effect_words(1, None, None) == "+1 punto"


def test_a_comparison_line_names_the_scenario_in_spanish() -> None:
    with language("es"):
        phrase = wording.difference_phrase("B", "renewal_lead_days", 120, "120 días")
        line = wording.verdicts_differ([phrase])
        alone = wording.alone_effects([("B", "Preparar", True), ("C", None, True)])
    assert phrase == "en B, el trabajo de renovación empieza 120 días antes"
    assert (
        line
        == "Los veredictos difieren porque en B, el trabajo de renovación empieza 120 días antes."
    )
    assert alone == (
        "Por sí solos: el valor de B cambia el veredicto a 'Preparar'; el valor de C deja el "
        "veredicto como está."
    )


def test_a_comparison_line_in_english_is_unchanged() -> None:
    phrase = wording.difference_phrase("B", "renewal_lead_days", 120, "120 days")
    assert phrase == "B’s renewal work starts 120 days out"
    assert wording.verdicts_differ([phrase, "C’s x"]) == (
        "The verdicts differ because B’s renewal work starts 120 days out and C’s x, each on "
        "its own."
    )
    assert wording.against_baseline("B", "A", "The verdicts differ because x.") == (
        "B against A: the verdicts differ because x."
    )


def test_a_table_problem_names_its_row_and_column_in_spanish() -> None:
    problem = Problem("falta el importe", file="cuentas.csv", line=12, path="amount", unit="row")
    with language("es"):
        assert str(problem) == "cuentas.csv, fila 12, columna 'amount': falta el importe"
        assert suggest("fundr", ["founder"]) == " (¿quisiste decir 'founder'?)"
    assert str(problem) == "cuentas.csv, row 12, column 'amount': falta el importe"


def test_a_huge_amount_is_written_as_before_rather_than_failing() -> None:
    assert wording.money(1.5e99).startswith("€1,500")
    with language("es"):
        assert wording.money(float("inf")) == "€inf"
        assert wording.percent(float("nan")) == "nan%"


def test_the_catalogue_has_spanish_for_every_presenter_message() -> None:
    assert cat.problems("es") == []


def test_the_role_s_own_sentences_are_translated(samples: dict[str, CompanyProfile]) -> None:
    target = MetricTarget("nrr", "Net revenue retention", "higher", 1.0, 0.9, 1.2, "source")
    profile = replace(
        samples["northwind-hire-now"],
        reports_to=ReportsTo.HEAD_OF_SALES,
        ae_handover_accounts=12,
        ae_handover_date="2027-03-01",
        ae_renewal_commission=AeRenewalCommission.SHARED,
    )
    with language(PSEUDO):
        texts = [
            metrics.target_text("nrr", target, 1.18),
            metrics.target_text("nrr", target, None),
            metrics.accounts_kept(60, 0.85),
            metrics.accounts_kept(6, 0.85),
            metrics.accounts_kept(1, 0.85),
            search.reporting_line(profile),
            search.ae_handover(profile),
        ]
    assert untranslated("\n".join(texts)) == []


def test_the_role_s_own_sentences_in_spanish(samples: dict[str, CompanyProfile]) -> None:
    target = MetricTarget("nrr", "Net revenue retention", "higher", 1.0, 0.9, 1.2, "source")
    profile = replace(
        samples["northwind-hire-now"], reports_to=ReportsTo.CEO, ae_handover_accounts=12
    )
    with language("es"):
        held = metrics.target_text("nrr", target, 1.18)
        kept = metrics.accounts_kept(60, 0.85)
        reports = search.reporting_line(profile)
        handover = search.ae_handover(profile)
    # 85% of 60 accounts, rounded up: 51 kept.
    assert kept == "51 de 60 cuentas"
    assert held == (
        f"mantener al menos 118{NBSP}% (hoy; sano a partir de 100{NBSP}%, lo mejor del sector: "
        f"120{NBSP}%); alarma por debajo de 90{NBSP}%"
    )
    assert reports == "El Account Manager reporta al CEO."
    accounts = profile.active_accounts
    # the example hands over on 1 March 2027 and shares the commission for a while
    assert handover == (
        f"Los Account Executives traspasan 12 de las {accounts} cuentas activas al Account "
        "Manager el 1 de marzo de 2027; su comisión sobre esas renovaciones se reparte con el "
        "Account Manager durante un periodo de transición."
    )
    assert metrics.accounts_kept(60, 0.85) == "51 of 60 accounts"
