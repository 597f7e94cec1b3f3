"""A stored time shown to the minute in a time zone: written out by hand (a table of a thousand
rows calls it per row), it reads as `strftime("%Y-%m-%d %H:%M")` reads it."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from advisor.wording import local_minute

ZONES = [dt.UTC, ZoneInfo("Europe/Madrid"), ZoneInfo("Asia/Kolkata"), ZoneInfo("America/Bogota")]


@given(
    st.datetimes(min_value=dt.datetime(1900, 1, 2), max_value=dt.datetime(2200, 12, 30)),
    st.sampled_from(ZONES),
    st.booleans(),
)
def test_a_time_to_the_minute_reads_as_strftime_writes_it(
    moment: dt.datetime, zone: dt.tzinfo, naive: bool
) -> None:
    stored = moment if naive else moment.replace(tzinfo=dt.UTC)
    expected = stored.replace(tzinfo=dt.UTC).astimezone(zone).strftime("%Y-%m-%d %H:%M")
    assert local_minute(stored.isoformat(), zone) == expected


def test_no_time_and_a_text_that_is_not_a_time_stay_as_they_are() -> None:
    assert local_minute(None) == ""
    assert local_minute("") == ""
    assert local_minute("yesterday") == "yesterday"
