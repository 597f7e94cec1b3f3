"""Exports written by the supported systems with their interface in Spanish.

Every fixture is read on the as-of date 2025-06-30, so the period starts on 2024-06-30. NRR,
GRR and logo retention are computed in each test from their definitions, over the accounts
active at period start (S = their ARR then; NRR = their ARR at period end / S; GRR = the sum of
min(ARR at end, ARR at start) / S; logo retention = those still paying / those paying at start).
"""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from portfolio_support import FIXTURES, figures, import_text, messages, report_of

from advisor import cli
from advisor.crm_import import ExportError, status_category
from advisor.crm_import.assignments import parse_status_assignments, unknown_status_words
from advisor.crm_import.tables import read_export
from advisor.crm_import.vocabulary import vocabulary
from advisor.portfolio import PortfolioReport

SPANISH = Path(__file__).resolve().parent / "fixtures" / "spanish"
AS_OF = date(2025, 6, 30)


def report_for(name: str, **options: object) -> PortfolioReport:
    return report_of(FIXTURES / "spanish" / name, **options)


def retention(start: dict[str, float], end: dict[str, float]) -> tuple[float, float, float]:
    """NRR, GRR and logo retention of the accounts paying at period start, by definition."""
    cohort = [name for name, value in start.items() if value > 0]
    total = sum(start[name] for name in cohort)
    nrr = sum(end.get(name, 0.0) for name in cohort) / total
    grr = sum(min(end.get(name, 0.0), start[name]) for name in cohort) / total
    logos = sum(1 for name in cohort if end.get(name, 0.0) > 0) / len(cohort)
    return nrr, grr, logos


@pytest.mark.parametrize(
    ("word", "category"),
    [
        # HubSpot: deal stages and lifecycle stages
        ("Cierre ganado", "active"),
        ("Cierre perdido", "churned"),
        ("Cliente", "active"),
        ("Excliente", "churned"),
        ("Suscriptor", "prospect"),
        ("Lead calificado por marketing", "prospect"),
        # Salesforce opportunity stages
        ("Cerrada ganada", "active"),
        ("Cerrada perdida", "churned"),
        # Pipedrive deal statuses
        ("Ganado", "active"),
        ("Perdido", "churned"),
        ("Abierto", "open"),
        # Zoho CRM stages, with and without accents or brackets
        ("Cerrado ganado", "active"),
        ("Cerrado (ganado)", "active"),
        ("Cerrado perdido", "churned"),
        ("Cerrado perdido para la competencia", "churned"),
        ("Propuesta de valor", "open"),
        ("Cotización de propuesta/precio", "open"),
        ("Negociación/Revisión", "open"),
        ("NEGOCIACION / REVISION", "open"),
    ],
)
def test_every_spanish_status_word(word: str, category: str) -> None:
    assert status_category(word) == category


def test_every_word_of_the_vocabulary_files_reads_as_its_meaning() -> None:
    words = vocabulary().statuses
    assert len(words) >= 15
    assert {word: status_category(word) for word in words} == words


def test_spanish_billing_periods_are_annualised() -> None:
    imported = import_text(
        "Nombre de la cuenta,Importe,Estado,Intervalo\nRoble,100,Cliente,Mensual\nPino,1200,Cliente,Anual\n"
        "Haya,300,Cliente,Trimestral\n",
        decimal=".",
    )
    assert imported.accounts["contract_value"].tolist() == [1200.0, 1200.0, 1200.0]


def test_hubspot_deals_resaved_by_spanish_excel() -> None:
    # Roble: won 10,000 (15/09/2023) runs at period start, its renewal 12,000 (15/09/2024) at
    # its end. Pino: won 8,000 (01/11/2023), renewal lost 01/11/2024: churned. Haya: won
    # 1.234,56 on 30/09/2024, new. Olmo: a contract sent, open, assigned "open": no customer.
    report = report_for("hubspot_deals_es.csv", statuses={"contrato enviado": "open"})
    assert report.layout == "hubspot-deals-es"
    assert report.source_details.startswith("hubspot_deals_es.csv · Windows-1252, semicolon")
    expected = retention({"Roble": 10000, "Pino": 8000}, {"Roble": 12000, "Pino": 0})
    assert figures(report) == pytest.approx(expected)
    assert report.new_accounts == 1
    assert report.bridge.new == pytest.approx(1234.56)


def test_hubspot_companies_in_spanish() -> None:
    # Roble 12,000 and Haya 1.234,56 € are customers (Cliente); Pino 8,000 left (Excliente);
    # Olmo is a lead, not counted.
    report = report_for("hubspot_companies_es.csv")
    assert report.layout == "hubspot-companies-es"
    expected = retention(
        {"Roble": 12000, "Pino": 8000, "Haya": 1234.56},
        {"Roble": 12000, "Pino": 0, "Haya": 1234.56},
    )
    assert figures(report) == pytest.approx(expected)
    assert messages(report.excluded) == [
        "row 5 (Olmo SA), column 'Etapa del ciclo de vida': status 'Lead' is not a customer"
    ]


def test_pipedrive_deals_in_spanish() -> None:
    # Roble won 12,000 and Haya won 4,500 (Ganado); Pino only lost 8,000 (Perdido): never a
    # customer, a prospect that said no, left out by row; Olmo only has an open deal (Abierto).
    # No close dates: won deals run through the period.
    report = report_for("pipedrive_deals_es.csv")
    assert report.layout == "pipedrive-deals-es"
    expected = retention({"Roble": 12000, "Haya": 4500}, {"Roble": 12000, "Haya": 4500})
    assert figures(report) == pytest.approx(expected)
    assert (report.cohort_accounts, report.churned_accounts) == (2, 0)
    (pino,) = [text for text in messages(report.excluded) if "Pino" in text]
    assert "a prospect that said no" in pino
    assert report.frame["owner"].tolist() == ["Lucía Gómez", "Marta Ruiz"]
    assert report.currency == "EUR"


def test_salesforce_opportunity_report_in_spanish() -> None:
    # Roble: Cerrada ganada 10.000,00 € (20/10/2023), renewed at 11.000,00 € (20/10/2024).
    # Pino: won 5.000,00 € (13/02/2024), lost on 13/02/2025. Olmo lost before the period.
    report = report_for("salesforce_opportunities_es.csv")
    assert report.basis == "deals"
    expected = retention({"Roble": 10000, "Pino": 5000}, {"Roble": 11000, "Pino": 0})
    assert figures(report) == pytest.approx(expected)


def test_zoho_deals_in_spanish() -> None:
    # Roble: Cerrado ganado 9.000 twice (01/12/2023, 01/12/2024). Pino: won 6.000 (15/01/2024),
    # then "Cerrado perdido para la competencia" (15/01/2025). Haya: only an open negotiation.
    report = report_for("zoho_deals_es.csv")
    expected = retention({"Roble": 9000, "Pino": 6000}, {"Roble": 9000, "Pino": 0})
    assert figures(report) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("close_dates", "expected"),
    [
        (("9/30/2024 17:00", "1/5/2025 09:30"), ["2024-09-30", "2025-01-05"]),
        (("30/09/2024 17:00", "01/05/2025 9:30"), ["2024-09-30", "2025-05-01"]),
        (("30/09/2024 17:00:05", "1/5/2025 0:00"), ["2024-09-30", "2025-05-01"]),
    ],
)
def test_dates_with_a_time_of_day_are_read_without_a_date_format(
    close_dates: tuple[str, str], expected: list[str]
) -> None:
    first, second = close_dates
    imported = import_text(
        f"Account,Amount,Status,Close Date\nOak,100,Closed Won,{first}\nPine,50,Closed Won,{second}\n"
    )
    assert imported.excluded == [] and imported.warnings == []
    read = imported.accounts["close_date"].dt.strftime("%Y-%m-%d").tolist()
    assert read == expected


def test_a_declared_format_with_a_time_still_reads_the_time() -> None:
    imported = import_text(
        "Account,Amount,Status,Close Date\nOak,100,Closed Won,30/09/2024 17:00\n",
        date_format="%d/%m/%Y %H:%M",
    )
    assert imported.accounts["close_date"].dt.strftime("%Y-%m-%d").tolist() == ["2024-09-30"]


def test_an_assigned_status_word_is_read_as_its_meaning() -> None:
    text = "Nombre de la cuenta,Importe,Estado\nRoble,100,Contrato firmado\nPino,50,Baja\n"
    refused = import_text(text, decimal=".")
    assert refused.accounts.empty
    assert "assign it a meaning: --status 'Contrato firmado=open'" in messages(refused.excluded)[0]
    assigned = parse_status_assignments(["Contrato firmado=customer", "baja = former customer"])
    imported = import_text(text, decimal=".", statuses=assigned)
    assert imported.accounts["status"].tolist() == ["active", "churned"]


def test_an_assignment_to_an_unknown_meaning_is_refused_with_the_meanings() -> None:
    with pytest.raises(ExportError) as raised:
        parse_status_assignments(["Contrato enviado=abierto"])
    assert raised.value.message == (
        "--status 'Contrato enviado=abierto': 'abierto' is not a status the reader knows; use one "
        "of won, customer, active, lost, former customer, churned, open, prospect"
    )
    with pytest.raises(ExportError, match="is not of the form 'WORD=MEANING'"):
        parse_status_assignments(["Contrato enviado"])


def test_unknown_status_words_are_listed_once_in_file_order() -> None:
    raw = read_export(
        b"Cuenta,Importe,Estado\nA,1,Baja\nB,1,Cliente\nC,1,baja\nD,1,En pausa\n", "e.csv"
    )
    assert unknown_status_words(raw, "Estado", None) == ["Baja", "En pausa"]
    assert unknown_status_words(raw, "Estado", {"baja": "churned"}) == ["En pausa"]
    assert unknown_status_words(raw, None, None) == []


def run_cli(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = cli.main(["diagnose", *args], out)
    return code, out.getvalue()


UNKNOWN_WORDS = (
    "Nombre de la cuenta;Etapa;Importe;Fecha de cierre\n"
    "Roble SL;Contrato enviado;1.000,50 €;15/03/2024\n"
    "Pino SA;Contrato enviado;2.000,00 €;20/01/2024\n"
)


def test_cli_without_status_exits_2_naming_the_word_and_how_to_assign_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "tratos.csv"
    export.write_text(UNKNOWN_WORDS, encoding="utf-8")
    code, out = run_cli(str(export), "--as-of", "2025-06-30")
    assert (code, out) == (2, "")
    err = capsys.readouterr().err
    assert err.startswith("advisor diagnose: tratos.csv: no account could be counted: ")
    assert (
        "status 'Contrato enviado' (column 'Etapa' taken as the status) is not a word "
        "understood; assign it a meaning: --status 'Contrato enviado=open'"
    ) in err


def test_cli_with_status_reads_the_word_as_assigned(tmp_path: Path) -> None:
    export = tmp_path / "tratos.csv"
    export.write_text(UNKNOWN_WORDS, encoding="utf-8")
    code, out = run_cli(
        str(export), "--as-of", "2025-06-30", "--status", "Contrato enviado=won", "--format", "json"
    )
    assert code == 0
    report = json.loads(out)
    # Both deals won in the year before the period start: Roble 1.000,50 and Pino 2.000,00 run
    # at its start and, with nothing after them, still at its end.
    expected = retention({"Roble": 1000.5, "Pino": 2000}, {"Roble": 1000.5, "Pino": 2000})
    assert report["accounts_counted"] == 2
    nrr = next(m for m in report["metrics"] if m["name"] == "nrr")
    assert nrr["value"] == pytest.approx(expected[0])


def test_cli_refuses_a_status_assignment_to_an_unknown_meaning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "tratos.csv"
    export.write_text(UNKNOWN_WORDS, encoding="utf-8")
    code, _ = run_cli(str(export), "--as-of", "2025-06-30", "--status", "Contrato enviado=sent")
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("advisor diagnose: --status 'Contrato enviado=sent': 'sent' is not a ")
    assert err.rstrip().endswith(
        "use one of won, customer, active, lost, former customer, churned, open, prospect"
    )
