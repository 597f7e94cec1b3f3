"""Builders shared by the portfolio tests: small account tables and exports from text."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from advisor.crm_import import AccountsImport, ImportOptions, import_accounts, import_accounts_file
from advisor.pack import load_pack
from advisor.portfolio import PortfolioReport, diagnose

PACK = load_pack()
AS_OF = date(2025, 6, 30)
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def report_of(path: Path, **options: object) -> PortfolioReport:
    """The portfolio report of an export file as of `AS_OF`, read with these import options."""
    imported = import_accounts_file(path, ImportOptions(**options))  # type: ignore[arg-type]
    return diagnose(imported, AS_OF, PACK)


def figures(report: PortfolioReport) -> tuple[float | None, float | None, float | None]:
    """NRR, GRR and logo retention as the report computed them."""
    return (
        report.metric("nrr").value,
        report.metric("grr").value,
        report.metric("logo_retention").value,
    )


def accounts_frame(
    arr_start: Sequence[float],
    arr_end: Sequence[float],
    *,
    accounts: Sequence[str] | None = None,
    owners: Sequence[str] | None = None,
    renewals: Sequence[str | None] | None = None,
    segments: Sequence[str] | None = None,
    health: Sequence[str] | None = None,
    nps: Sequence[float | None] | None = None,
) -> pd.DataFrame:
    """A period frame as `period_frame` builds it, from plain lists."""
    count = len(arr_start)
    assert len(arr_end) == count
    return pd.DataFrame(
        {
            "row": pd.Series(range(2, count + 2), dtype="int64"),
            "account": pd.Series(accounts or [f"Account {i}" for i in range(count)], dtype="str"),
            "owner": pd.Series(owners or ["Owner"] * count, dtype="str"),
            "segment": pd.Series(segments or [""] * count, dtype="str"),
            "health": pd.Series(health or [""] * count, dtype="str"),
            "nps": pd.Series(
                [float("nan") if v is None else v for v in (nps or [None] * count)],
                dtype="float64",
            ),
            "renewal_date": pd.to_datetime(
                pd.Series(renewals or [None] * count, dtype="object"), format="%Y-%m-%d"
            ).astype("datetime64[us]"),
            "arr_start": pd.Series(arr_start, dtype="float64"),
            "arr_end": pd.Series(arr_end, dtype="float64"),
            "returning": pd.Series([False] * count, dtype=bool),
        }
    )


def import_text(text: str, source: str = "test.csv", **options: Any) -> AccountsImport:
    return import_accounts(text.encode("utf-8"), source, ImportOptions(**options))


def import_bytes(data: bytes, source: str = "test.csv", **options: Any) -> AccountsImport:
    return import_accounts(data, source, ImportOptions(**options))


def diagnose_text(text: str, as_of: date = AS_OF, **options: Any) -> PortfolioReport:
    return diagnose(import_text(text, **options), as_of, PACK)


def messages(issues: Sequence[Any]) -> list[str]:
    return [str(issue) for issue in issues]
