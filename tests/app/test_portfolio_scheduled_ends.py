"""The Portfolio page proposes an upload's as-of date from the dates that have come, not from a
recurring invoice's end still scheduled (the Holded fixture, read on 10 January 2026)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from streamlit.testing.v1 import AppTest

from advisor.ui.portfolio_page import SOURCE_UPLOAD
from advisor.ui.state import AS_OF

HOLDED = (
    Path(__file__).resolve().parents[1]
    / "portfolio"
    / "fixtures"
    / "spanish"
    / "holded_recurring_es.csv"
)


def _script() -> None:
    from advisor.ui import portfolio_page

    portfolio_page.render()


def _run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_holded_upload_is_read_as_of_its_latest_date_that_has_come_not_today() -> None:
    at = AppTest.from_function(_script, default_timeout=60)
    at.session_state[AS_OF] = date(2026, 1, 10)
    _run(at)
    at.radio(key="portfolio_source").set_value(SOURCE_UPLOAD)
    _run(at)
    at.file_uploader(key="portfolio_upload").set_value(
        ("recurrentes.csv", HOLDED.read_bytes(), "text/csv")
    )
    _run(at)
    # The plans' starts and ends up to 10 January 2026: the latest is REC-0005's end, 31/12/2025;
    # REC-0001's 31/12/2026 and REC-0004's 10/05/2030 are still to come.
    assert at.date_input(key="portfolio_as_of").value == date(2025, 12, 31)
    captions = "\n".join(str(c.value) for c in at.caption)
    assert "later ones, up to 2030-05-10, are scheduled" in captions
