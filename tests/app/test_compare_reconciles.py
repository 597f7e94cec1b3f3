"""A comparison's economics and timing rows read exactly as the Recommendation page reads."""

from __future__ import annotations

import datetime as dt

from apptest_support import open_app, page_text

from advisor import present
from advisor.compare import Scenario, compare_scenarios
from advisor.engine import evaluate
from advisor.pack import RulePack
from advisor.profile import load_profile
from advisor.samples import DEFAULT_SAMPLE, SAMPLES, sample_path
from advisor.ui.recommendation_page import ECONOMICS_CARDS

DAY = dt.date(2025, 3, 14)


def test_the_economics_rows_are_the_cards_figures(pack: RulePack) -> None:
    at = open_app("Recommendation", as_of=DAY)
    shown = page_text(at)
    other = next(name for name in SAMPLES if name != DEFAULT_SAMPLE)
    profile = load_profile(sample_path(DEFAULT_SAMPLE))
    comparison = compare_scenarios(
        [
            Scenario("shown", profile, pack),
            Scenario("other", load_profile(sample_path(other)), pack),
        ],
        as_of=DAY,
    )
    rows = {row.key: row for row in comparison.outcomes if row.section == "Economics"}
    expected = evaluate(profile, pack, as_of=DAY)
    assert list(rows) == [line.key for line in present.economics_lines(expected)]
    for key, under in ECONOMICS_CARDS:
        if key != "am_count":  # the card leads with the count, its line under it
            assert f"#### {rows[key].values[0]}" in shown, key
        for name in under:
            if name not in rows:  # a figure the case has no line for (the pay band: no country)
                continue
            assert f"{rows[name].label}: {rows[name].values[0]}" in shown, name
    timing = {row.key: row.values[0] for row in comparison.outcomes if row.section == "Timing"}
    assert timing["plan"] == present.plan_summary(expected)
    for sentence in timing.values():
        assert sentence in shown
