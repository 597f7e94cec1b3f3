"""Holded's recurring invoices, exported with its interface in Spanish, read without options.

Holded's recurring-invoice template (its Help Center, "Importar tus facturas de venta
recurrentes") has the columns Número, Intervalo, Fecha de inicio (dd/mm/yyyy), Fecha final,
Nombre del contacto and NIF, and no status: a recurring invoice is issued from its start date
to its end date. The fixture `fixtures/spanish/holded_recurring_es.csv` is written the way a
Spanish export reads: `;`, es-ES amounts ("1.234,56"), d/m/yyyy dates, a Subtotal before VAT,
the VAT at 21% and the Total with it.

Read on the as-of date 2025-06-30 (the period starts 2024-06-30), by the product's
definitions (the `advisor.portfolio` docstring): the cohort is the customers paying at the
period start; NRR = the cohort's ARR at the period end ÷ its ARR at the start; GRR = Σ min(end,
start) ÷ start; logo retention = cohort customers still paying at the end ÷ cohort customers.
A plan pays from its start date up to, not including, its end date, at its Subtotal times the
invoices it issues in a year.
"""

from __future__ import annotations

import io
import json
from datetime import datetime
from pathlib import Path

import pytest
from portfolio_support import (
    AS_OF,
    FIXTURES,
    PACK,
    figures,
    import_bytes,
    import_text,
    messages,
    report_of,
)
from xlsx_support import workbook

from advisor import cli
from advisor.crm_import import ImportOptions, import_accounts_file
from advisor.crm_import.layouts import LAYOUTS, detect_layout
from advisor.crm_import.mapping import mapping_is_complete
from advisor.portfolio import diagnose

HOLDED = FIXTURES / "spanish" / "holded_recurring_es.csv"
TOTAL_ONLY = FIXTURES / "spanish" / "holded_recurring_total_only_es.csv"

# Each customer's yearly revenue, by hand: the Subtotal of each plan paying on the day × the
# invoices it issues a year (Mensual 12, Trimestral 4, Bimensual 6: every two months, Anual 1).
AT_START = {  # 2024-06-30
    "Roble Consultores SL": 500.00 * 12,  # 01/03/2023 → 31/12/2026
    "Pino Logística SA": 3000.00 * 4,  # 15/01/2022 → 15/01/2025: ends in the period
    "Olmo Ingeniería SL": 800.00 * 12,  # 01/02/2023 → 31/01/2025, then the new price
    "Encina Cooperativa": 4800.00 * 1,  # 10/05/2021 → 10/05/2030
    "Castaño Abogados SLP": 1234.56 * 12,  # 01/01/2024 → 31/12/2025
    "Sauce Formación SL": 400.00 * 6,  # 01/04/2024 → 01/04/2026
}
AT_END = {  # 2025-06-30
    "Roble Consultores SL": 500.00 * 12,
    "Pino Logística SA": 0.0,
    "Olmo Ingeniería SL": 950.00 * 12,  # the price rise from 01/02/2025
    "Encina Cooperativa": 4800.00 * 1,
    "Castaño Abogados SLP": 1234.56 * 12,
    "Sauce Formación SL": 400.00 * 6,
    "Haya Clínicas SL": 9600.00 * 1,  # starts 01/09/2024: new in the period
}
# Abeto Diseño SL ended on 31/03/2024, before the period: never in the cohort.


def retention(start: dict[str, float], end: dict[str, float]) -> tuple[float, float, float]:
    """NRR, GRR and logo retention of the accounts paying at period start, by definition."""
    cohort = [name for name, value in start.items() if value > 0]
    total = sum(start[name] for name in cohort)
    nrr = sum(end.get(name, 0.0) for name in cohort) / total
    grr = sum(min(end.get(name, 0.0), start[name]) for name in cohort) / total
    logos = sum(1 for name in cohort if end.get(name, 0.0) > 0) / len(cohort)
    return nrr, grr, logos


def by_account(path: Path) -> dict[str, tuple[float, float]]:
    report = report_of(path)
    rows = report.frame[["account", "arr_start", "arr_end"]].itertuples(index=False)
    return {str(name): (float(start), float(end)) for name, start, end in rows}


def run_cli(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = cli.main(["diagnose", *args], out)
    return code, out.getvalue()


def test_holded_export_is_detected_without_options() -> None:
    imported = import_accounts_file(HOLDED)
    assert imported.layout == "holded-recurring-invoices-es"
    assert imported.basis == "subscriptions"
    assert imported.mapping == {
        "account": "Nombre del contacto",
        "account_id": "NIF",
        "contract_value": "Subtotal",
        "billing_period": "Intervalo",
        "start_date": "Fecha de inicio",
        "churn_date": "Fecha final",
    }
    assert imported.decimal == ","


def test_holded_nrr_grr_logo_retention_by_hand() -> None:
    report = report_of(HOLDED)
    assert figures(report) == pytest.approx(retention(AT_START, AT_END))
    assert (report.cohort_accounts, report.churned_accounts, report.new_accounts) == (6, 1, 1)
    assert report.bridge.starting == pytest.approx(sum(AT_START.values()))
    assert report.bridge.expansion == pytest.approx((950 - 800) * 12)  # Olmo's price rise
    assert report.bridge.churned == pytest.approx(3000 * 4)  # Pino
    assert report.bridge.new == pytest.approx(9600)  # Haya


def test_holded_plans_are_annualised_by_their_interval_per_account() -> None:
    found = by_account(HOLDED)
    assert sorted(found) == sorted(AT_END)
    for name, (start, end) in found.items():
        assert (start, end) == pytest.approx((AT_START.get(name, 0.0), AT_END[name])), name


def test_holded_plan_ended_before_the_period_is_listed_not_counted() -> None:
    refused = messages(report_of(HOLDED).excluded)
    assert refused == ["row 7 (Abeto Diseño SL): its subscriptions ended before the period start"]


def test_holded_notes_say_subtotal_before_vat_and_how_plans_were_annualised() -> None:
    notes = report_of(HOLDED).notes
    assert (
        "amounts read from 'Subtotal', before VAT and other taxes; 'Total' includes them and "
        "is not read"
    ) in notes
    assert (
        "amounts annualised by 'Intervalo' (charges a year): Mensual × 12, Trimestral × 4, "
        "Anual × 1, Bimensual × 6; an empty period is read as yearly"
    ) in notes
    assert any(
        note.startswith("no status column: each subscription pays from its start date")
        for note in notes
    )


def test_cli_diagnoses_the_holded_export_with_its_figures_and_notes() -> None:
    code, out = run_cli(str(HOLDED), "--as-of", AS_OF.isoformat(), "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert report["layout"] == "holded-recurring-invoices-es"
    values = {m["name"]: m["value"] for m in report["metrics"]}
    nrr, grr, logos = retention(AT_START, AT_END)
    assert values["nrr"] == pytest.approx(nrr, abs=1e-6)
    assert values["grr"] == pytest.approx(grr, abs=1e-6)
    assert values["logo_retention"] == pytest.approx(logos, abs=1e-6)
    assert any("'Subtotal', before VAT" in note for note in report["notes"])
    assert any("Mensual × 12, Trimestral × 4" in note for note in report["notes"])
    assert report["column_warnings"] == []


def test_cli_text_report_of_the_holded_export_shows_figures_and_notes() -> None:
    code, out = run_cli(str(HOLDED), "--as-of", AS_OF.isoformat())
    assert code == 0
    nrr, _, logos = retention(AT_START, AT_END)
    assert f"NRR {nrr:.1%} next to logo retention {logos:.1%}" in out
    assert "amounts read from 'Subtotal', before VAT" in out
    assert "amounts annualised by 'Intervalo' (charges a year): Mensual × 12" in out


def test_a_total_only_export_reads_total_with_a_warning_that_it_includes_vat() -> None:
    report = report_of(TOTAL_ONLY)
    (warning,) = report.column_warnings
    assert warning.startswith(
        "column 'Total' is read as the amount and includes VAT and other taxes: ARR and every "
        "money figure are overstated by the tax rate"
    )
    # Total = Subtotal + 21% VAT, as the file writes it (rounded to the cent).
    assert report.bridge.starting == pytest.approx(
        605.00 * 12 + 3630.00 * 4 + 968.00 * 12 + 5808.00 + 1493.82 * 12 + 484.00 * 6
    )
    assert not any("before VAT" in note for note in report.notes)


def test_cli_warns_in_every_format_when_total_with_vat_is_read(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for fmt in ("text", "md"):
        code, out = run_cli(str(TOTAL_ONLY), "--as-of", AS_OF.isoformat(), "--format", fmt)
        assert code == 0
        assert "column 'Total' is read as the amount and includes VAT" in out
    code, out = run_cli(str(TOTAL_ONLY), "--as-of", AS_OF.isoformat(), "--format", "json")
    assert "includes VAT" in json.loads(out)["column_warnings"][0]


def test_total_mapped_beside_a_subtotal_says_which_column_to_map_instead() -> None:
    imported = import_accounts_file(HOLDED, ImportOptions(mapping={"Total": "contract_value"}))
    (warning,) = imported.column_warnings
    assert warning.endswith("map the amount before tax instead: --map 'Subtotal=contract_value'")


def test_a_subscription_without_status_ends_at_its_end_date_in_any_layout() -> None:
    # A Stripe export without its Status column: read by the dates alone. Oak paid 100 a
    # month from 2023 and ended 2025-03-01 (churn); Elm ends 2025-06-30, the as-of date itself
    # (churn: it pays up to, not including, its end); Fir ends after the as-of date and Ash has
    # no end date: both still paying.
    text = (
        "Customer ID,Customer Name,Interval,Amount,Quantity,Start Date,Ended At\n"
        "cus_1,Oak,month,100,1,2023-01-01,2025-03-01\n"
        "cus_2,Elm,month,100,2,2023-01-01,2025-06-30\n"
        "cus_3,Fir,year,1000,1,2023-01-01,2025-08-01\n"
        "cus_4,Ash,year,500,1,2023-01-01,\n"
    )
    imported = import_text(text, "subs.csv", preset="stripe-subscriptions")
    report = diagnose(imported, AS_OF, PACK)
    start = {"Oak": 1200.0, "Elm": 2400.0, "Fir": 1000.0, "Ash": 500.0}
    end = {"Oak": 0.0, "Elm": 0.0, "Fir": 1000.0, "Ash": 500.0}
    assert figures(report) == pytest.approx(retention(start, end))


def test_an_unreadable_end_date_without_a_status_leaves_the_row_out() -> None:
    # Without a status the end date alone says whether the plan still pays: a date that cannot
    # be read must not count the plan as running.
    text = HOLDED.read_text(encoding="utf-8").replace("31/12/2026", "fin de 2026")
    imported = import_text(text, "holded.csv")
    assert imported.layout == "holded-recurring-invoices-es"
    refused = messages(imported.excluded)
    assert len(refused) == 1
    assert refused[0].startswith("row 2 (Roble Consultores SL), column 'Fecha final': ")


def test_a_plan_starting_after_the_as_of_date_is_listed_not_counted() -> None:
    text = HOLDED.read_text(encoding="utf-8").replace(
        "01/09/2024;01/09/2027", "01/09/2025;01/09/2027"
    )
    report = diagnose(import_text(text, "holded.csv"), AS_OF, PACK)
    assert "row 8 (Haya Clínicas SL): its subscriptions start after the as-of date" in messages(
        report.excluded
    )
    assert report.new_accounts == 0


def test_a_running_plan_whose_end_date_is_near_is_a_renewal_due() -> None:
    # Castaño's plan ends on 31/12/2025: on 2025-10-31 it is 61 days away.
    report = report_of(HOLDED)
    later = diagnose(import_accounts_file(HOLDED), AS_OF.replace(month=10, day=31), PACK)
    assert report.renewals.window(120).accounts == 0  # nothing within 120 days of 2025-06-30
    assert later.renewals.window(60).accounts == 0
    assert later.renewals.window(90).accounts == 1
    assert later.renewals.window(90).arr == pytest.approx(1234.56 * 12)


def test_bimensual_is_every_two_months_only_in_a_holded_file() -> None:
    # Holded lists Bimensual between Mensual and Trimestral; other systems may mean twice a
    # month by it, so without Holded's layout the period is refused, never guessed.
    text = "Nombre de la cuenta,Importe,Estado,Intervalo\nRoble,100,Cliente,Bimensual\n"
    imported = import_text(text, decimal=".")
    (refused,) = messages(imported.excluded)
    assert "column 'Intervalo': billing period 'Bimensual' is not one of" in refused


def test_english_holded_headers_are_not_detected_but_read_under_their_preset() -> None:
    headers = ["Number", "Start date", "End date", "Interval", "Contact name", "NIF", "Subtotal"]
    assert detect_layout(headers).layout is None  # the English headers are not confirmed
    text = (
        ",".join(headers) + "\n"
        "R-1,01/03/2023,31/12/2026,Monthly,Oak SL,B1,500.00\n"
        "R-2,15/01/2022,15/01/2025,Bimonthly,Pine SA,B2,300.00\n"
    )
    imported = import_text(text, "holded_en.csv", preset="holded-recurring-invoices-en")
    report = diagnose(imported, AS_OF, PACK)
    start = {"Oak SL": 500.0 * 12, "Pine SA": 300.0 * 6}
    end = {"Oak SL": 500.0 * 12, "Pine SA": 0.0}
    assert figures(report) == pytest.approx(retention(start, end))
    assert not LAYOUTS["holded-recurring-invoices-en"].detect


def test_a_subscription_mapping_with_an_end_date_is_complete_without_a_status() -> None:
    mapping = {"account": "A", "contract_value": "V", "churn_date": "E"}
    assert mapping_is_complete(mapping, "subscriptions")
    assert not mapping_is_complete(mapping)  # one row per account needs its status


def test_holded_template_interval_codes_are_annualised() -> None:
    # Holded's template writes the interval as a code: m monthly, q quarterly, a yearly.
    text = (
        "Número;Intervalo;Fecha de inicio;Fecha final;Nombre del contacto;NIF;Subtotal\n"
        "R-1;m;01/03/2023;31/12/2026;Roble SL;B1;100,00\n"
        "R-2;q;01/03/2023;31/12/2026;Pino SA;B2;300,00\n"
        "R-3;a;01/03/2023;31/12/2026;Haya SL;B3;1.000,00\n"
    )
    imported = import_text(text, "plantilla.csv")
    assert imported.layout == "holded-recurring-invoices-es"
    assert imported.accounts["contract_value"].tolist() == [100.0 * 12, 300.0 * 4, 1000.0 * 1]


def test_a_free_plan_is_not_said_to_have_ended() -> None:
    # A plan at 0 running through the period is not a paying customer; the reason says that,
    # not that it ended before the period.
    text = (
        "Número;Intervalo;Fecha de inicio;Fecha final;Nombre del contacto;NIF;Subtotal\n"
        "R-1;Mensual;01/03/2023;31/12/2026;Roble SL;B1;100,00\n"
        "R-2;Mensual;01/03/2023;31/12/2026;Prueba SL;B2;0,00\n"
    )
    report = diagnose(import_text(text, "recurrentes.csv"), AS_OF, PACK)
    assert messages(report.excluded) == [
        "row 3 (Prueba SL): its subscriptions in the period are at 0: not a paying customer"
    ]


def test_holded_excel_export_with_date_and_number_cells_reads_the_same() -> None:
    # "Exportar Excel" writes a workbook: dates and amounts as cells of their own type.
    header, *lines = HOLDED.read_text(encoding="utf-8").splitlines()
    rows: list[list[object]] = [list(header.split(";"))]
    for line in lines:
        number, start, end, period, name, nif, plan, subtotal, vat, total = line.split(";")
        day = [datetime.strptime(value, "%d/%m/%Y") for value in (start, end)]
        amounts = [float(v.replace(".", "").replace(",", ".")) for v in (subtotal, vat, total)]
        rows.append([number, *day, period, name, nif, plan, *amounts])
    imported = import_bytes(workbook(rows), "recurrentes.xlsx")
    assert imported.layout == "holded-recurring-invoices-es"
    report = diagnose(imported, AS_OF, PACK)
    assert figures(report) == pytest.approx(retention(AT_START, AT_END))
    assert report.bridge.starting == pytest.approx(sum(AT_START.values()))
