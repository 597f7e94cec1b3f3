"""A lost deal dated in its own column: each row's close date from the column it fills.

Close writes a won opportunity's date in `date_won` and a lost one's in `date_lost`; Pipedrive
writes `Deal - Won time` and `Deal - Lost time`. Reading one of them for the whole file left
every lost deal undated, so a deal lost after a won one was not churn and NRR came out above
100 % on a book that lost two of its three customers.

Both files hold the same deals, read on the as-of date 2025-06-30 (period start 2024-06-30):
  Oak    won 2023-09-01 12,000, renewal lost 2025-03-01       start 12,000  end     0
  Pine   won 2024-02-01  8,000, renewed 2025-02-01 at 9,000   start  8,000  end 9,000
  Birch  won 2023-11-15  5,000, renewal lost 2024-11-15       start  5,000  end     0
  Elm    only a lost deal (2025-01-10): a prospect that said no, not in the cohort
S = 25,000; NRR = Σ end ÷ S = 9,000 ÷ 25,000; GRR = Σ min(start, end) ÷ S = 8,000 ÷ 25,000;
logo retention = 1 of 3 cohort accounts still a customer.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from portfolio_support import AS_OF, PACK, import_text

from advisor.crm_import import import_accounts_file
from advisor.portfolio import diagnose

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "retention"
CLOSE_DATES = ["2023-09-01", "2025-03-01", "2024-02-01", "2025-02-01", "2023-11-15", "2024-11-15"]


@pytest.mark.parametrize(
    ("name", "layout", "won", "lost"),
    [
        ("close_won_and_lost_dates.csv", "close-opportunities", "date_won", "date_lost"),
        (
            "pipedrive_won_and_lost_time.csv",
            "pipedrive-deals",
            "Deal - Won time",
            "Deal - Lost time",
        ),
    ],
)
def test_a_deal_lost_after_a_won_one_is_churn_when_won_and_lost_dates_are_apart(
    name: str, layout: str, won: str, lost: str
) -> None:
    imported = import_accounts_file(FIXTURES / name)
    assert imported.layout == layout
    dates = imported.accounts["close_date"].dt.strftime("%Y-%m-%d").tolist()
    assert dates[:6] == CLOSE_DATES
    assert lost not in imported.unused_columns
    assert (
        f"close date read row by row: from '{won}', else from '{lost}' (the column each row fills)"
    ) in imported.notes
    report = diagnose(imported, AS_OF, PACK)
    assert (report.cohort_accounts, report.retained_accounts) == (3, 1)
    assert report.metric("nrr").value == pytest.approx(9_000 / 25_000)
    assert report.metric("grr").value == pytest.approx(8_000 / 25_000)
    assert report.metric("logo_retention").value == pytest.approx(1 / 3)


@pytest.mark.parametrize("chosen", [{"date_won": "close_date"}, {"date_lost": "ignore"}])
def test_a_close_date_column_chosen_by_the_user_is_read_alone(chosen: dict[str, str]) -> None:
    # --map names the close date's column, or ignores the lost one: date_lost is not read.
    imported = import_text(
        "lead_name,status_type,annualized_value,date_won,date_lost\n"
        "Oak Ltd,won,1200000,2023-09-01,\nOak Ltd,lost,1200000,,2025-03-01\n",
        mapping=chosen,
    )
    assert imported.accounts["close_date"].isna().tolist() == [False, True]
    assert "date_lost" in imported.unused_columns


def test_an_unreadable_coalesced_date_names_the_column_it_came_from() -> None:
    imported = import_text(
        "lead_name,status_type,annualized_value,date_won,date_lost\n"
        "Oak Ltd,won,1200000,2023-09-01,\nPine Ltd,lost,800000,,someday\n"
    )
    assert [(issue.path, issue.context) for issue in imported.excluded] == [
        ("date_lost", "Pine Ltd")
    ]
