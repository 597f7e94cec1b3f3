"""A scheduled end date still to come is not data the file reaches: the as-of date proposed.

Holded's recurring invoices carry the day each plan will stop (`Fecha final`), years ahead for
many. Without --as-of the period used to end on today whenever one of those lay ahead; it ends
on the latest start or end date that has come instead. The dates below are the fixture's
(`fixtures/spanish/holded_recurring_es.csv`, d/m/yyyy), written out by hand.
"""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from portfolio_support import FIXTURES

from advisor import cli
from advisor.crm_import import import_accounts_file
from advisor.portfolio import proposed_as_of

HOLDED = FIXTURES / "spanish" / "holded_recurring_es.csv"
STARTS = [
    date(2023, 3, 1),
    date(2022, 1, 15),
    date(2023, 2, 1),
    date(2021, 5, 10),
    date(2024, 1, 1),
    date(2022, 1, 1),
    date(2024, 9, 1),
    date(2025, 2, 1),
    date(2024, 4, 1),
]
ENDS = [
    date(2026, 12, 31),
    date(2025, 1, 15),
    date(2025, 1, 31),
    date(2030, 5, 10),
    date(2025, 12, 31),
    date(2024, 3, 31),
    date(2027, 9, 1),
    date(2027, 1, 31),
    date(2026, 4, 1),
]


def _come_by(today: date) -> date:
    """The latest start or end date of the fixture on or before `today`."""
    return max(day for day in STARTS + ENDS if day <= today)


def test_the_file_records_every_start_and_end_day_once_in_order() -> None:
    imported = import_accounts_file(HOLDED)
    assert imported.event_days == tuple(sorted(set(STARTS + ENDS)))
    assert imported.latest_date == date(2030, 5, 10)


@pytest.mark.parametrize("today", [date(2025, 6, 30), date(2026, 1, 10), date(2026, 4, 1)])
def test_holded_scheduled_end_dates_do_not_make_the_proposed_as_of_today(today: date) -> None:
    imported = import_accounts_file(HOLDED)
    proposal = proposed_as_of(imported.latest_date, today, imported.latest_date_on(today))
    assert proposal.day == _come_by(today)
    assert proposal.day != today or today == date(2026, 4, 1)  # the day REC-0009 ends
    assert "later ones, up to 2030-05-10, are scheduled" in proposal.reason


def test_a_file_whose_every_date_is_still_to_come_is_read_as_of_today() -> None:
    imported = import_accounts_file(HOLDED)
    today = date(2020, 1, 1)  # before the first plan started
    assert imported.latest_date_on(today) is None
    proposal = proposed_as_of(imported.latest_date, today, imported.latest_date_on(today))
    assert proposal.day == today
    assert "is later" in proposal.reason


def test_diagnose_without_as_of_ends_a_holded_file_on_its_latest_date_that_has_come(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = io.StringIO()
    assert cli.main(["diagnose", str(HOLDED), "--format", "json"], out) == 0
    expected = _come_by(date.today())
    assert json.loads(out.getvalue())["as_of"] == expected.isoformat()
    assert f"the period ends on {expected.isoformat()}, the latest date" in capsys.readouterr().err
