"""Plotly names months and writes numbers in English unless told: a chart built in Spanish
carries its own month names (`tickvals`/`ticktext`, hover text) and Spain's separators
(`layout.separators`: the decimal mark first, then the thousands mark)."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
from portfolio_support import PACK

from advisor import charts
from advisor.crm_import import import_accounts_file
from advisor.i18n import PSEUDO, language
from advisor.portfolio import SAMPLE_AS_OF, SAMPLE_EXPORT, PortfolioReport, diagnose
from advisor.workspace.session import HistoryPoint
from tests.i18n_support import untranslated

SPANISH_MONTHS = (
    "ene",
    "feb",
    "mar",
    "abr",
    "may",
    "jun",
    "jul",
    "ago",
    "sept",
    "oct",
    "nov",
    "dic",
)
ENGLISH_MONTHS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


@pytest.fixture(scope="module")
def report() -> PortfolioReport:
    return diagnose(import_accounts_file(SAMPLE_EXPORT), SAMPLE_AS_OF, PACK)


def _figure_json(build):  # type: ignore[no-untyped-def]
    return json.loads(build().to_json())


def _point(saved_at: str) -> HistoryPoint:
    return HistoryPoint(
        id=1,
        case_id=1,
        scenario="today",
        saved_at=saved_at,
        verdict="hire_now",
        score=95.0,
        pack_digest="19ead4b82cf6aa00",
        profile={},
        pack_name="AM Advisor default rules",
        pack_version="2026.11",
    )


def test_a_spanish_renewal_calendar_names_its_months_in_spanish(report: PortfolioReport) -> None:
    with language("es"):
        figure = _figure_json(lambda: charts.renewal_calendar_figure(report))
    axis = figure["layout"]["xaxis"]
    months = sorted({str(m) for m in report.calendar["month"]})
    assert axis["tickvals"] == months
    # Each month's Spanish short name and year, as Spain writes them ("ene 2027").
    for value, text in zip(axis["tickvals"], axis["ticktext"], strict=True):
        day = dt.date.fromisoformat(value[:10])
        assert text == f"{SPANISH_MONTHS[day.month - 1]} {day.year}"
    assert "tickformat" not in axis
    assert figure["layout"]["separators"] == ",."  # decimal comma, thousands point
    trace = figure["data"][0]
    assert "%{customdata}" in trace["hovertemplate"] and "%b" not in trace["hovertemplate"]
    assert trace["customdata"] == axis["ticktext"]


def test_an_english_renewal_calendar_names_its_months_as_before(report: PortfolioReport) -> None:
    figure = _figure_json(lambda: charts.renewal_calendar_figure(report))
    axis = figure["layout"]["xaxis"]
    for value, text in zip(axis["tickvals"], axis["ticktext"], strict=True):
        day = dt.date.fromisoformat(value[:10])
        # What Plotly's "%b %Y" wrote: "Jan 2027".
        assert text == f"{ENGLISH_MONTHS[day.month - 1]} {day.year}"
    assert figure["layout"]["separators"] == ".,"


def test_a_spanish_history_chart_names_its_days_in_spanish() -> None:
    points = [_point("2026-12-01T11:46:30+00:00"), _point("2026-12-03T09:00:00+00:00")]
    with language("es"):
        figure = _figure_json(
            lambda: charts.history_figure(points, None, ZoneInfo("Europe/Madrid"))
        )
    axis = figure["layout"]["xaxis"]
    # Madrid is UTC+1 in December: the first time saved each day, named as that day.
    assert axis["tickvals"] == ["2026-12-01 12:46", "2026-12-03 10:00"]
    assert axis["ticktext"] == ["1 de diciembre de 2026", "3 de diciembre de 2026"]
    assert figure["layout"]["separators"] == ",."


def test_the_charts_month_names_go_through_the_language_in_the_pseudo_language(
    report: PortfolioReport,
) -> None:
    with language(PSEUDO):
        figure = _figure_json(lambda: charts.renewal_calendar_figure(report))
    axis = figure["layout"]["xaxis"]
    assert [text for text in axis["ticktext"] if untranslated(text)] == []
