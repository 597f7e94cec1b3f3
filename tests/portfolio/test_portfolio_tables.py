"""The tables and form choices behind the Portfolio page, read without Streamlit."""

from __future__ import annotations

import pytest
from portfolio_support import PACK, diagnose_text

from advisor.crm_import import (
    DETECT,
    chosen_options,
    columns_mapped_twice,
    import_accounts_file,
    mapping_is_complete,
)
from advisor.portfolio import (
    SAMPLE_AS_OF,
    SAMPLE_EXPORT,
    PortfolioReport,
    carried_figures_table,
    diagnose,
    figure_text,
    issues_table,
    owners_table,
    profile_figures,
    renewals_table,
    segments_table,
)
from advisor.profile import load_profile
from advisor.samples import DEFAULT_SAMPLE, sample_path
from advisor.wording import money, percent


@pytest.fixture(scope="module")
def report() -> PortfolioReport:
    return diagnose(import_accounts_file(SAMPLE_EXPORT), SAMPLE_AS_OF, PACK)


def test_form_choices_become_options() -> None:
    detected = chosen_options(DETECT, DETECT, DETECT, "  ")
    assert (detected.decimal, detected.encoding, detected.delimiter) == (None, None, None)
    assert detected.date_format is None
    declared = chosen_options(",", "cp1252", "semicolon", " %d/%m/%Y ")
    assert (declared.decimal, declared.encoding, declared.delimiter) == (",", "cp1252", ";")
    assert declared.date_format == "%d/%m/%Y"
    assert chosen_options(DETECT, DETECT, "tab", "").delimiter == "\t"


def test_a_mapping_is_complete_with_a_name_and_one_set_of_figures() -> None:
    assert mapping_is_complete({"account": "A", "arr_start": "S", "arr_end": "E"})
    assert mapping_is_complete({"account": "A", "contract_value": "V", "status": "S"})
    assert not mapping_is_complete({"arr_start": "S", "arr_end": "E"})
    assert not mapping_is_complete({"account": "A", "arr_end": "E", "status": "S"})


def test_columns_mapped_twice_are_named_once_each() -> None:
    mapping = {"account": "Name", "owner": "Name", "arr_end": "ARR", "contract_value": "ARR"}
    assert columns_mapped_twice(mapping) == ["ARR", "Name"]
    assert columns_mapped_twice({"account": "Name"}) == []


def test_renewals_table_lists_each_window_then_overdue(report: PortfolioReport) -> None:
    table = renewals_table(report)
    windows = report.renewals.windows
    within = [f"{w.days} days" for w in windows]
    if report.renewals.overdue.accounts:
        within.append("overdue")
    assert list(table["Within"]) == within
    assert list(table["Accounts"])[: len(windows)] == [w.accounts for w in windows]
    assert table["ARR"].iloc[len(windows) - 1] == money(windows[-1].arr, report.currency)
    assert table["Unowned accounts"].iloc[0] == ", ".join(windows[0].unowned_names)


def test_owners_table_words_each_book(report: PortfolioReport) -> None:
    table = owners_table(report)
    assert list(table["Owner"]) == [book.owner for book in report.owners]
    assert list(table["Accounts"]) == [book.accounts for book in report.owners]
    assert set(table["Book"]) <= {"over the range", "within", "under", "unowned"}
    assert table["ARR"].iloc[0] == money(report.owners[0].arr, report.currency)


def test_segments_table_shows_n_a_without_a_cohort() -> None:
    report = diagnose_text("Account,ARR start,ARR end,Segment\nA,100,120,smb\nB,0,50,enterprise\n")
    table = segments_table(report)
    rows = table.set_index("Segment").to_dict("index")
    assert rows["smb"]["NRR"] == percent(1.2)
    assert rows["enterprise"]["NRR"] == "n/a"
    assert rows["enterprise"]["New accounts"] == 1


def test_issues_table_has_one_row_per_issue(report: PortfolioReport) -> None:
    table = issues_table(report.excluded)
    assert list(table.columns) == ["Row", "Account", "Column", "Reason"]
    assert list(table["Row"]) == [issue.row for issue in report.excluded]
    assert list(table["Reason"]) == [issue.message for issue in report.excluded]
    assert issues_table([]).empty


def test_carried_figures_sit_next_to_the_profile_values(report: PortfolioReport) -> None:
    figures = profile_figures(report)
    profile = load_profile(sample_path(DEFAULT_SAMPLE))
    table = carried_figures_table(figures, profile, report.currency)
    assert len(table) == len(figures.updates)
    assert table["Now"].iloc[0] == figure_text(
        "active_accounts", profile.active_accounts, profile.currency
    )
    assert list(table["Source"]) == [figures.sources[name] for name in figures.updates]
    assert figure_text("nps", 31.6, "EUR") == "32"
    assert figure_text("nrr", 0.99, "EUR") == "99%"
    assert figure_text("avg_contract_value", 1234.4, "USD") == "$1,234"
    assert figure_text("active_accounts", 1200, "EUR") == "1,200"
    assert figure_text("nps", None, "EUR") == "not provided"


def test_period_text_says_what_was_read(report: PortfolioReport) -> None:
    assert report.period_text() == (
        f"period {report.period_start.isoformat()} → {report.as_of.isoformat()} · "
        f"{report.rows_read} rows read · {report.accounts_counted} accounts counted · "
        f"{report.excluded_rows} rows excluded"
    )


def test_target_help_names_the_target_and_its_source(report: PortfolioReport) -> None:
    nrr = report.metric("nrr")
    assert nrr.target is not None
    assert nrr.target_help() == f"{nrr.target_text()} — source: {nrr.target.source}"
    untargeted = [m for m in report.metrics if m.target is None]
    assert all(m.target_help() == "" for m in untargeted)
