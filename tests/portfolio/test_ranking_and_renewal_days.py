"""The tiers' ranking, the days to a renewal, the calendar's months and the order of the
unowned renewals, worked out on numbers, give the answers of the sorts, timedeltas and date
casts they stand in for."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.portfolio.composition import descending_order
from advisor.portfolio.renewals import _months, days_until_renewal, renewals_due

AMOUNTS = st.lists(
    st.one_of(st.sampled_from([100.0, 250.5, 1e6, 0.01]), st.floats(0.01, 1e9)), max_size=60
)


@settings(max_examples=200, deadline=None)
@given(AMOUNTS)
def test_accounts_are_ranked_largest_first_equal_amounts_in_file_order(
    amounts: list[float],
) -> None:
    values = np.array(amounts, dtype="float64")
    assert descending_order(values).tolist() == np.argsort(-values, kind="stable").tolist()


def test_the_ranking_of_many_distinct_amounts_sorts_them_as_argsort_does() -> None:
    values = np.random.default_rng(7).integers(1, 200_000, 100_000).astype("float64")
    assert (descending_order(values) == np.argsort(-values, kind="stable")).all()


def test_a_ranking_with_a_missing_amount_keeps_argsorts_order() -> None:
    values = np.array([5.0, np.nan, 7.0, 5.0])
    assert descending_order(values).tolist() == np.argsort(-values, kind="stable").tolist()


def test_days_until_renewal_counts_whole_days_rounded_down() -> None:
    as_of = date(2025, 6, 30)
    renewals = [
        datetime(2025, 6, 30),  # the as-of day: 0
        datetime(2025, 6, 29, 23),  # an hour before: the day before, -1
        datetime(2025, 7, 1, 0, 0, 1),  # a second into the next day: 1
        datetime(2024, 1, 1),  # 366 days of 2024, then 180 to 30 June
        None,
    ]
    frame = pd.DataFrame({"renewal_date": pd.Series(renewals, dtype="datetime64[us]")})
    days = days_until_renewal(frame, as_of).tolist()
    assert days[:4] == [0.0, -1.0, 1.0, -(366 + 180)]
    assert np.isnan(days[4])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(st.none(), st.datetimes(datetime(1900, 1, 1), datetime(2199, 12, 31))),
        max_size=20,
    )
)
def test_days_until_renewal_is_what_timedeltas_count(renewals: list[datetime | None]) -> None:
    as_of = date(2025, 6, 30)
    frame = pd.DataFrame({"renewal_date": pd.Series(renewals, dtype="datetime64[us]")})
    expected = [
        np.nan if when is None else float((when - datetime(2025, 6, 30)) // timedelta(days=1))
        for when in renewals
    ]
    assert np.allclose(days_until_renewal(frame, as_of).tolist(), expected, equal_nan=True)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.datetimes(datetime(1900, 1, 1), datetime(2199, 12, 31)), max_size=40))
def test_the_calendars_months_are_the_dates_months(when: list[datetime]) -> None:
    dates = np.array(when, dtype="datetime64[us]")
    assert _months(dates).tolist() == dates.astype("datetime64[M]").astype("int64").tolist()


DAYS_AHEAD = st.lists(st.one_of(st.none(), st.integers(-200, 200)), min_size=1, max_size=40)


@settings(max_examples=200, deadline=None)
@given(DAYS_AHEAD, st.lists(st.booleans(), min_size=40, max_size=40))
def test_unowned_renewals_are_listed_soonest_first_as_sorting_the_rows_lists_them(
    offsets: list[int | None], owned: list[bool]
) -> None:
    as_of = date(2025, 6, 30)
    count = len(offsets)
    frame = pd.DataFrame(
        {
            "account": pd.Series([f"Account {n}" for n in range(count)], dtype="str"),
            "owner": pd.Series(["Ana" if owned[n] else "" for n in range(count)], dtype="str"),
            "arr_end": pd.Series([1000.0] * count),
            "health": pd.Series([""] * count, dtype="str"),
            "renewal_date": pd.Series(
                [None if o is None else datetime(2025, 6, 30) + timedelta(days=o) for o in offsets],
                dtype="datetime64[us]",
            ),
        }
    )
    outlook = renewals_due(frame, as_of)
    days = days_until_renewal(frame, as_of)
    unowned = frame.loc[frame["owner"] == ""]
    for window in outlook.windows:
        due = unowned.loc[(days >= 0) & (days <= window.days)].sort_values("renewal_date")
        assert list(window.unowned_names) == due["account"].tolist()
    overdue = unowned.loc[days < 0].sort_values("renewal_date")
    assert list(outlook.overdue.unowned_names) == overdue["account"].tolist()
