"""The portfolio report's words in the reader's language: its headlines, targets, period line and
tables in Spanish and through the catalogue; its JSON keeps its keys and machine values in every
language, its sentences in the reader's."""

from __future__ import annotations

import pytest
from i18n_support import untranslated
from portfolio_support import PACK

from advisor.crm_import import import_accounts_file
from advisor.i18n import PSEUDO, language
from advisor.portfolio import (
    RENEWAL_WINDOWS,
    SAMPLE_AS_OF,
    SAMPLE_EXPORT,
    PortfolioReport,
    diagnose,
    owners_table,
    renewals_table,
    segments_table,
)


@pytest.fixture(scope="module")
def report() -> PortfolioReport:
    return diagnose(import_accounts_file(SAMPLE_EXPORT), SAMPLE_AS_OF, PACK)


def spanish_percent(rate: float) -> str:
    """A share as Spain writes it, from the definition: to a tenth, a decimal comma, ' %'."""
    text = f"{rate * 100:.1f}".replace(".", ",").removesuffix(",0")
    return f"{text}\u00a0%"


def _shape(value: object) -> object:
    """A JSON value with its keys and its machine values (numbers, flags, ids) kept, every text
    replaced by its type: what a program reading the report relies on."""
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shape(item) for item in value]
    return "text" if isinstance(value, str) else value


MACHINE_TEXTS = ("source", "basis", "currency", "layout", "as_of", "period_start")


def test_the_portfolio_json_keeps_its_keys_and_values_and_words_its_sentences_in_spanish(
    report: PortfolioReport,
) -> None:
    english = report.to_dict()
    with language("es"):
        spanish = report.to_dict()
    assert _shape(spanish) == _shape(english)
    assert {key: spanish[key] for key in MACHINE_TEXTS} == {
        key: english[key] for key in MACHINE_TEXTS
    }
    assert [m["name"] for m in spanish["metrics"]] == [m["name"] for m in english["metrics"]]
    assert [m["status"] for m in spanish["metrics"]] == [m["status"] for m in english["metrics"]]
    assert english["metrics"][0]["target"].startswith("healthy at ")
    assert spanish["metrics"][0]["target"].startswith("saludable con ")
    assert spanish["headlines"][0].startswith("NRR ")
    assert spanish["headlines"] != english["headlines"]


def test_the_retention_targets_read_in_spanish(report: PortfolioReport) -> None:
    nrr = report.metric("nrr")
    assert nrr.target is not None and nrr.target.direction == "higher"
    with language("es"):
        text = nrr.target_text()
    expected = (
        f"saludable con {spanish_percent(nrr.target.healthy)} o más, "
        f"alarma por debajo de {spanish_percent(nrr.target.alarm)}"
    )
    assert text.startswith(expected), text


def test_the_headlines_read_in_spanish(report: PortfolioReport) -> None:
    with language("es"):
        lines = report.headlines()
        period = report.period_text()
    start = report.period_start.isoformat()
    assert lines[0].startswith(f"NRR {spanish_percent(report.metric('nrr').value or 0.0)} junto")
    assert (
        f"{report.retained_accounts} de {report.cohort_accounts} cuentas activas el {start}"
        in (lines[0])
    )
    assert period.startswith(f"periodo {start} → {report.as_of.isoformat()} · ")
    assert f"{report.rows_read} filas leídas" in period


def test_the_portfolio_tables_have_spanish_headers(report: PortfolioReport) -> None:
    with language("es"):
        owners, renewals, segments = (
            owners_table(report),
            renewals_table(report),
            segments_table(report),
        )
    assert list(owners.columns) == [
        "Responsable",
        "Cuentas",
        "ARR",
        "Renovaciones en 120 días",
        "Cartera",
    ]
    assert renewals.columns[0] == "En"
    assert list(renewals["En"])[:1] == [f"{RENEWAL_WINDOWS[0]} días"]
    assert "Retención de clientes" in list(segments.columns)


def test_the_report_words_the_page_shows_go_through_the_catalogue(
    report: PortfolioReport,
) -> None:
    with language(PSEUDO):
        texts = [*report.headlines(), report.period_text()]
        texts += [m.target_text() for m in report.metrics]
        for table in (owners_table(report), renewals_table(report), segments_table(report)):
            texts += [str(column) for column in table.columns]
            texts += [str(cell) for cell in table.get("⟦Book⟧", [])]
    owners = [book.owner for book in report.owners]
    assert untranslated("\n".join(texts), allowed=owners) == []
