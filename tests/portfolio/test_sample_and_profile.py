"""The shipped sample export, its generator, and the figures it carries into the assessment."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from portfolio_support import PACK, accounts_frame, diagnose_text

from advisor.crm_import import import_accounts_file
from advisor.engine import evaluate
from advisor.portfolio import (
    SAMPLE_AS_OF,
    SAMPLE_EXPORT,
    PortfolioReport,
    diagnose,
    profile_figures,
)
from advisor.profile import load_profile, parse_profile, profile_to_dict

ROOT = Path(__file__).resolve().parents[2]


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "generate_crm_export", ROOT / "examples" / "generate_crm_export.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def report() -> PortfolioReport:
    return diagnose(import_accounts_file(SAMPLE_EXPORT), SAMPLE_AS_OF, PACK)


def test_the_generator_reproduces_the_shipped_sample(tmp_path: Path) -> None:
    generator = _generator()
    out = tmp_path / "accounts.csv"
    assert generator.main(["--out", str(out)]) == 0
    assert out.read_bytes() == SAMPLE_EXPORT.read_bytes()


def test_sample_has_about_150_accounts_and_a_few_messy_rows(report: PortfolioReport) -> None:
    assert report.rows_read == 156
    assert report.accounts_counted == 150
    assert report.excluded_rows == 6
    reasons = " | ".join(issue.message for issue in report.excluded)
    for expected in (
        "negative ARR at period end",
        "account name is empty",
        "'n/a' is not an amount",
        "amount in USD while the report is in EUR",
        "duplicate of row 23",
        "row has 12 fields, the header has 11",
    ):
        assert expected in reasons
    assert len(report.warnings) == 2
    names = set(report.frame["account"].tolist())
    assert {"NA", "Null"} <= names


def test_profile_figures_from_the_sample(report: PortfolioReport) -> None:
    figures = profile_figures(report)
    assert figures.updates == {
        "active_accounts": 125,
        "avg_contract_value": 43117.6,
        "logo_retention": 0.8106,
        "nrr": 0.9897,
        "grr": 0.8225,
        "contraction_rate": 0.0098,
        "logo_churn_rate": 0.1894,
        "renewals_by_month": (
            "2025-07:10 2025-08:13 2025-09:15 2025-10:13 2025-11:13 2025-12:9 2026-01:6 "
            "2026-02:6 2026-03:7 2026-04:13 2026-05:14 2026-06:5"
        ),
        "accounts_added_per_quarter": 4,
        "nps": 4.7,
    }
    assert figures.sources["renewals_by_month"] == (
        "renewal dates of 124 active accounts in the 12 months from 2025-06-30 in the export "
        "accounts.csv"
    )
    assert figures.sources["accounts_added_per_quarter"] == (
        "18 new accounts over the 12 months to 2025-06-30 in the export accounts.csv, about 4 a "
        "quarter"
    )
    assert figures.sources["logo_retention"] == (
        "logo retention 81.1% from 132 accounts in the export accounts.csv"
    )
    assert figures.sources["active_accounts"] == (
        "125 accounts with ARR on 2025-06-30 in the export accounts.csv; 51 renewals worth "
        "€2.4M fall in the next 120 days, 3 without an owner"
    )
    assert figures.sources["logo_churn_rate"] == (
        "logo churn 18.9%: 25 of 132 accounts active on 2024-06-30 had left by 2025-06-30 "
        "(accounts.csv)"
    )
    assert figures.skipped == {}


def test_figures_are_valid_profile_values_and_strengthen_the_case(
    report: PortfolioReport,
) -> None:
    base = profile_to_dict(load_profile(ROOT / "examples" / "northwind-hire-now.yaml"))
    base.pop("nrr", None)
    base.pop("logo_retention", None)
    before = evaluate(parse_profile(base), PACK)
    after = evaluate(parse_profile({**base, **profile_figures(report).updates}), PACK)
    fired_before = {r.rule_id for r in before.fired}
    fired_after = {r.rule_id for r in after.fired}
    # NRR under 100% next to logo retention under 85%: the rule pack's combined trigger.
    assert "NRR-WITH-LOGO-LOSS" not in fired_before
    assert "NRR-WITH-LOGO-LOSS" in fired_after


def test_figures_without_a_cohort_skip_retention_with_the_reason() -> None:
    report = diagnose_text("Account,ARR start,ARR end\nNova,0,1200\n")
    figures = profile_figures(report)
    assert figures.updates == {
        "active_accounts": 1,
        "avg_contract_value": 1200.0,
        "accounts_added_per_quarter": 0,
    }
    assert figures.skipped["renewals_by_month"] == (
        "no active account has a renewal date in the next 12 months"
    )
    assert figures.skipped["nrr"] == (
        "no account had ARR at period start; the 1 new account is reported apart"
    )
    assert set(figures.skipped) == {
        "nrr",
        "grr",
        "logo_retention",
        "contraction_rate",
        "logo_churn_rate",
        "renewals_by_month",
    }


def test_figures_from_contract_values_leave_contraction_out() -> None:
    report = diagnose_text(
        "Account,Amount,Status\nOak,1000,customer\nPine,500,churned\n", source="crm.csv"
    )
    figures = profile_figures(report)
    assert figures.updates["logo_retention"] == 0.5
    assert figures.updates["nrr"] == pytest.approx(0.6667)
    assert figures.skipped == {
        "contraction_rate": "needs ARR at period start and at period end",
        "renewals_by_month": "no active account has a renewal date in the next 12 months",
    }


def test_headlines_read_nrr_next_to_logo_retention() -> None:
    report = diagnose_text(
        "Account,ARR start,ARR end,Owner,Renewal date\n"
        "Oak,1000,1500,Ann,2025-07-15\n"
        "Pine,500,0,Bo,\n"
        "Elm,300,300,,2025-09-01\n"
        "Nova,0,200,Ann,2026-03-01\n"
    )
    assert report.headlines() == [
        (
            "NRR 100% next to logo retention 66.7%: 2 of 3 accounts active on 2024-06-30 are "
            "still customers."
        ),
        "1 new account (€200) joined during the period, reported apart.",
        "2 renewals worth €1.8k fall in the next 120 days; nobody owns 1 of them.",
        "The 5 largest accounts hold 100% of ARR; the top 10% (1) hold 75%.",
    ]


def test_frame_builder_matches_the_report_frame_columns(report: PortfolioReport) -> None:
    assert list(accounts_frame([1], [1]).columns) == list(report.frame.columns)


def test_an_export_with_no_active_account_carries_no_pace_and_no_renewal_months() -> None:
    report = diagnose_text("Account,ARR start,ARR end\nOak,1000,0\n")
    figures = profile_figures(report)
    assert "accounts_added_per_quarter" not in figures.updates
    assert figures.skipped["accounts_added_per_quarter"] == "no account has ARR at period end"
    assert figures.skipped["renewals_by_month"] == "no account has ARR at period end"
