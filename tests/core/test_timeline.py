"""Growth timeline: the quarter the book reaches the zone at the current pace."""

from __future__ import annotations

import datetime as dt
from typing import Any

from advisor.engine import Verdict
from advisor.pack import RulePack
from advisor.timeline import growth_timeline, quarter_label, timeline_to_dict


def test_quarter_labels_roll_over_years() -> None:
    day = dt.date(2026, 11, 22)
    assert [quarter_label(day, n) for n in range(4)] == ["Q4 2026", "Q1 2027", "Q2 2027", "Q3 2027"]


def test_zone_quarter_for_a_growing_book(make_profile: Any, pack: RulePack) -> None:
    profile = make_profile(active_accounts=8, accounts_added_per_quarter=3)
    timeline = growth_timeline(profile, pack, dt.date(2026, 11, 22))
    assert timeline is not None
    assert timeline.zone_reached is not None
    assert (timeline.zone_reached.label, timeline.zone_reached.active_accounts) == ("Q3 2027", 17)
    assert timeline.summary.startswith(
        "At +3 accounts a quarter you reach the hiring zone in Q3 2027 (17 accounts)."
    )
    verdicts = [point.verdict for point in timeline.points]
    assert verdicts[0] == Verdict.NOT_YET
    assert timeline_to_dict(timeline)["zone_reached"] == {
        "quarter": "Q3 2027",
        "quarters_ahead": 3,
        "active_accounts": 17,
        "verdict": timeline.zone_reached.verdict.value,
        "score": timeline.zone_reached.score,
    }


def test_no_pace_no_timeline(make_profile: Any, pack: RulePack) -> None:
    assert growth_timeline(make_profile(), pack, dt.date(2026, 1, 1)) is None


def test_stalled_book_never_reaches_the_zone(make_profile: Any, pack: RulePack) -> None:
    profile = make_profile(active_accounts=5, accounts_added_per_quarter=0)
    timeline = growth_timeline(profile, pack, dt.date(2026, 1, 1))
    assert timeline is not None and timeline.zone_reached is None
    assert "does not reach the hiring zone within 12 quarters" in timeline.summary
