"""The Portfolio page, driven by widget key in Streamlit's AppTest."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from advisor.portfolio import SAMPLE_EXPORT
from advisor.ui.portfolio_page import NOT_MAPPED, SOURCE_UPLOAD
from advisor.ui.portfolio_statuses import LEAVE_OUT, status_widget_key
from advisor.ui.state import PROFILE_SOURCES, PROFILE_VALUES

TIMEOUT_S = 60


def _script() -> None:
    from advisor.ui import portfolio_page

    portfolio_page.render()


def open_page() -> AppTest:
    at = AppTest.from_function(_script, default_timeout=TIMEOUT_S)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def rerun(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def chart_titles(at: AppTest) -> list[str]:
    titles = []
    for chart in at.get("plotly_chart"):
        layout = json.loads(chart.proto.spec)["layout"]
        titles.append(layout["title"]["text"])
    return titles


def text(at: AppTest) -> str:
    parts = [*(m.value for m in at.markdown), *(c.value for c in at.caption)]
    parts += [a.value for a in (*at.success, *at.warning, *at.info, *at.error)]
    return "\n".join(str(p).replace("\\", "") for p in parts)


def issue_tables(at: AppTest) -> list[list[dict[str, Any]]]:
    """The excluded-rows table, then the warnings table (the tables with a Reason column)."""
    tables = []
    for frame in at.dataframe:
        if "Reason" in frame.value.columns:
            rows: list[dict[str, Any]] = frame.value.to_dict("records")
            tables.append(rows)
    return tables


def test_sample_shows_nrr_next_to_logo_retention_with_status() -> None:
    at = open_page()
    shown = metrics(at)
    assert list(shown)[:2] == ["Net revenue retention", "Logo retention"]
    assert shown["Net revenue retention"] == "99%"
    assert shown["Logo retention"] == "81.1%"
    assert shown["Gross revenue retention"] == "82.2%"
    page = text(at)
    assert ":orange[watch]" in page  # the status word, with an icon and colour repeating it
    assert ":green[healthy]" in page
    assert "51 renewals worth €2.4M fall in the next 120 days; nobody owns 3 of them." in page


def test_sample_draws_every_chart() -> None:
    at = open_page()
    titles = chart_titles(at)
    assert titles == [
        "ARR bridge: the cohort's ARR from period start to end, new accounts apart",
        "Renewals by month (ARR; the number is the count of accounts)",
        "Tiers by cumulative ARR (A: first 80%, B: next 15%, C: last 5%)",
        "Concentration: share of ARR held by the largest accounts",
    ]
    bridge = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    assert bridge["measure"] == [
        "absolute",
        "relative",
        "relative",
        "relative",
        "total",
        "relative",
        "total",
    ]
    calendar = json.loads(at.get("plotly_chart")[1].proto.spec)["data"]
    assert "(no owner)" in [trace["name"] for trace in calendar]


def test_every_excluded_row_is_listed_with_its_reason() -> None:
    at = open_page()
    rows, warnings = issue_tables(at)
    assert [r["Row"] for r in rows] == [41, 59, 77, 95, 95, 97, 128]
    assert rows[-1]["Reason"] == (
        "row has 12 fields, the header has 11 (an unquoted semicolon inside a value?)"
    )
    assert [r["Row"] for r in warnings] == [58, 78]


def test_use_these_figures_fills_the_profile_with_sources() -> None:
    at = open_page()
    at.button(key="portfolio_use_figures").click()
    rerun(at)
    values = at.session_state[PROFILE_VALUES]
    assert values["active_accounts"] == 125
    assert values["nrr"] == 0.9897
    assert values["logo_retention"] == 0.8106
    assert values["logo_churn_rate"] == 0.1894
    sources = at.session_state[PROFILE_SOURCES]
    assert sources["logo_retention"] == (
        "logo retention 81.1% from 132 accounts in the export accounts.csv"
    )
    assert any("In the profile now:" in s.value for s in at.success)


def test_unmapping_a_needed_column_explains_what_is_missing() -> None:
    at = open_page()
    at.selectbox(key="portfolio_map_arr_end").set_value(NOT_MAPPED)
    rerun(at)
    assert len(at.error) == 1
    assert "map ARR at period start and ARR at period end" in at.error[0].value
    assert not at.metric


def test_a_wrong_decimal_mark_excludes_rows_without_breaking_the_page() -> None:
    at = open_page()
    at.selectbox(key="portfolio_decimal").set_value(".")
    rerun(at)
    assert metrics(at)["Net revenue retention"] == "n/a"
    assert at.button(key="portfolio_use_figures").disabled
    rows = issue_tables(at)[0]
    assert "uses a decimal comma, but this file's amounts use a decimal point" in rows[0]["Reason"]


def test_as_of_date_moves_the_period() -> None:
    at = open_page()
    at.date_input(key="portfolio_as_of").set_value(date(2025, 12, 31))
    rerun(at)
    assert "period 2024-12-31 → 2025-12-31" in text(at)


def test_currency_mismatch_is_flagged_before_carrying_figures() -> None:
    at = AppTest.from_function(_script, default_timeout=TIMEOUT_S)
    at.run()
    values = dict(at.session_state[PROFILE_VALUES])
    at.session_state[PROFILE_VALUES] = {**values, "currency": "USD"}
    rerun(at)
    assert any("The export is in EUR but the profile is in USD" in w.value for w in at.warning)


def test_upload_a_csv_and_map_by_hand() -> None:
    at = open_page()
    at.radio(key="portfolio_source").set_value(SOURCE_UPLOAD)
    rerun(at)
    assert "Upload the accounts export" in text(at)
    export = b"Client,Start value,End value,Rep\nOak,1000,1200,Ann\nPine,500,0,\nNova,0,300,Ann\n"
    at.file_uploader(key="portfolio_upload").set_value(("crm.csv", export, "text/csv"))
    rerun(at)
    assert "map ARR at period start and ARR at period end" in at.error[0].value
    at.selectbox(key="portfolio_map_arr_start").set_value("Start value")
    at.selectbox(key="portfolio_map_arr_end").set_value("End value")
    at.selectbox(key="portfolio_map_owner").set_value("Rep")
    rerun(at)
    assert at.date_input(key="portfolio_as_of").value == date.today()  # an upload's default
    at.date_input(key="portfolio_as_of").set_value(date(2025, 6, 30))
    rerun(at)
    shown = metrics(at)
    assert shown["Net revenue retention"] == "80%"
    assert shown["Logo retention"] == "50%"
    assert "1 new account (€300) joined during the period, reported apart." in text(at)


def test_an_unreadable_upload_is_refused_with_its_reason() -> None:
    at = open_page()
    at.radio(key="portfolio_source").set_value(SOURCE_UPLOAD)
    rerun(at)
    at.file_uploader(key="portfolio_upload").set_value(
        ("old.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 60, "application/vnd.ms-excel")
    )
    rerun(at)
    assert at.error[0].value.replace("\\", "") == (
        "old.xls: this is an old Excel .xls file; save it as .xlsx or CSV and try again"
    )


@pytest.mark.parametrize("name", ["account", "arr_start", "arr_end", "renewal_date", "owner"])
def test_mapping_editor_starts_from_the_detected_columns(name: str) -> None:
    at = open_page()
    header = SAMPLE_EXPORT.read_text(encoding="utf-8-sig").splitlines()[0].split(";")
    assert at.selectbox(key=f"portfolio_map_{name}").value in header


def test_a_mapped_column_that_ends_up_unused_is_a_warning_in_the_app() -> None:
    at = open_page()
    at.selectbox(key="portfolio_map_contract_value").set_value("Health")
    rerun(at)
    assert any(
        "column 'Health' is mapped to annual contract value, but with figures from ARR at "
        "period start and at period end it is not used" in w.value
        for w in at.warning
    )


def test_the_mapping_step_offers_every_export_layout() -> None:
    at = open_page()
    choice = at.selectbox(key="portfolio_preset")
    assert choice.options[0] == "Detect (found: HubSpot companies export)"
    assert "Stripe subscriptions export" in choice.options
    choice.set_value("salesforce-accounts")
    rerun(at)
    assert "Salesforce account report (one row per account)" in text(at)


def test_a_zero_percent_retention_is_a_warning_on_the_page() -> None:
    at = open_page()
    at.radio(key="portfolio_source").set_value(SOURCE_UPLOAD)
    rerun(at)
    export = b"Account,ARR start,ARR end\nOak,1000,0\nPine,500,0\n"
    at.file_uploader(key="portfolio_upload").set_value(("crm.csv", export, "text/csv"))
    rerun(at)
    at.date_input(key="portfolio_as_of").set_value(date(2025, 6, 30))
    rerun(at)
    assert any(
        "Net revenue retention, Gross revenue retention and Logo retention are 0%: none of the "
        "2 accounts active on 2024-06-30 kept any revenue" in w.value.replace("\\", "")
        for w in at.warning
    )


def test_an_upload_whose_data_ends_a_year_ago_is_read_as_of_its_latest_date() -> None:
    at = open_page()
    at.radio(key="portfolio_source").set_value(SOURCE_UPLOAD)
    rerun(at)
    # Customer-since and churn dates reach 2024-02-29; renewal dates look ahead and do not count.
    export = (
        b"Company,ARR 2023,ARR 2024,Customer since,Churn date,Renewal date\n"
        b"Oak Ltd,10000,12000,2021-04-01,,2025-04-01\n"
        b"Pine Ltd,8000,0,2020-01-15,2024-02-29,\n"
        b"Ash Ltd,0,3000,2024-01-10,,2025-01-10\n"
    )
    at.file_uploader(key="portfolio_upload").set_value(("old.csv", export, "text/csv"))
    rerun(at)
    assert at.date_input(key="portfolio_as_of").value == date(2024, 2, 29)
    shown = text(at)
    assert "As of proposed: 2024-02-29, the latest date in the file's rows" in shown
    assert "period 2023-02-28 → 2024-02-29" in shown
    stale = [w.value for w in at.warning if "The figures end on 2024-02-29" in w.value]
    assert len(stale) == 2  # under the summary and beside "Use these figures"
    assert "older than a quarter" in stale[0]


def test_an_unknown_status_word_is_assigned_a_meaning_in_the_mapping_step() -> None:
    at = open_page()
    at.radio(key="portfolio_source").set_value(SOURCE_UPLOAD)
    rerun(at)
    export = (
        "Nombre de la cuenta;Etapa;Importe;Fecha de cierre\n"
        "Roble SL;Contrato firmado;1.000,50 €;15/03/2024\n"
        "Pino SA;Contrato firmado;2.000,00 €;20/01/2024\n"
        "Haya SL;Contrato firmado;500,00 €;10/10/2023\n"
        "Haya SL;Baja;500,00 €;10/10/2024\n"
    ).encode()
    at.file_uploader(key="portfolio_upload").set_value(("tratos.csv", export, "text/csv"))
    rerun(at)
    at.date_input(key="portfolio_as_of").set_value(date(2025, 6, 30))
    rerun(at)
    assert "No account could be counted" in at.error[0].value
    reasons = [row["Reason"] for row in issue_tables(at)[0]]
    assert "assign it a meaning: --status 'Contrato firmado=open'" in reasons[0]
    signed = at.selectbox(key=status_widget_key("Contrato firmado"))
    assert signed.value == LEAVE_OUT
    assert at.selectbox(key=status_widget_key("Baja")).value == LEAVE_OUT
    signed.set_value("active")
    rerun(at)
    # Roble 1.000,50, Pino 2.000,00 and Haya 500,00, won in the year before the period start,
    # still run at its end; Haya's "Baja" is still unassigned, so that row stays out.
    assert not at.error
    start = end = 1000.50 + 2000.00 + 500.00
    assert metrics(at)["Net revenue retention"] == f"{end / start:.0%}"
    assert metrics(at)["Logo retention"] == "100%"
    rows = issue_tables(at)[0]
    assert [row["Row"] for row in rows] == [5]
    at.selectbox(key=status_widget_key("Baja")).set_value("churned")
    rerun(at)
    # Haya, a customer since 2023, left ("Baja", churned) after the period start: its 500 is
    # churn.
    nrr = (1000.50 + 2000.00) / (1000.50 + 2000.00 + 500.00)
    assert metrics(at)["Net revenue retention"] == f"{nrr:.1%}"
    assert metrics(at)["Logo retention"] == "66.7%"


HOLDED = Path(__file__).resolve().parents[1] / "portfolio" / "fixtures" / "spanish"


def test_a_holded_recurring_invoice_export_is_read_on_the_page_as_in_the_cli() -> None:
    at = open_page()
    at.radio(key="portfolio_source").set_value(SOURCE_UPLOAD)
    rerun(at)
    export = (HOLDED / "holded_recurring_es.csv").read_bytes()
    at.file_uploader(key="portfolio_upload").set_value(("recurrentes.csv", export, "text/csv"))
    rerun(at)
    at.date_input(key="portfolio_as_of").set_value(date(2025, 6, 30))
    rerun(at)
    assert not at.error
    assert at.selectbox(key="portfolio_map_contract_value").value == "Subtotal"
    assert at.selectbox(key="portfolio_map_churn_date").value == "Fecha final"
    # On 2024-06-30: Roble 500 × 12, Pino 3.000 × 4, Olmo 800 × 12, Encina 4.800 a year,
    # Castaño 1.234,56 × 12, Sauce 400 × 6 (Bimensual); on 2025-06-30 Pino has ended and Olmo
    # pays 950 × 12.
    start = 6000 + 12000 + 9600 + 4800 + 1234.56 * 12 + 2400
    end = start - 12000 + (950 - 800) * 12
    assert metrics(at)["Net revenue retention"] == f"{end / start:.1%}"
    assert metrics(at)["Logo retention"] == f"{5 / 6:.1%}"
    assert "amounts read from 'Subtotal', before VAT" in text(at)


def test_a_total_with_vat_is_a_warning_on_the_page() -> None:
    at = open_page()
    at.radio(key="portfolio_source").set_value(SOURCE_UPLOAD)
    rerun(at)
    export = (HOLDED / "holded_recurring_total_only_es.csv").read_bytes()
    at.file_uploader(key="portfolio_upload").set_value(("recurrentes.csv", export, "text/csv"))
    rerun(at)
    assert any(
        "column 'Total' is read as the amount and includes VAT and other taxes" in w.value
        for w in at.warning
    )
