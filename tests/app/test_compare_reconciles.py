"""A comparison's economics rows show what the Recommendation page's cards show, figure by figure."""

from __future__ import annotations

from apptest_support import open_app

from advisor.compare import Scenario, compare_scenarios
from advisor.pack import RulePack
from advisor.profile import load_profile
from advisor.samples import DEFAULT_SAMPLE, SAMPLES, sample_path

CARDS = (
    "Annual recurring revenue",
    "ARR at risk from churn",
    "Team cost vs gross profit",
    "Payback of the team",
    "Account Managers this book needs",
    "Break-even book for one AM",
)


def test_the_economics_rows_are_the_cards_figures(pack: RulePack) -> None:
    at = open_app("Recommendation")
    cards = {metric.label: metric.value for metric in at.main.metric}
    other = next(name for name in SAMPLES if name != DEFAULT_SAMPLE)
    comparison = compare_scenarios(
        [
            Scenario("shown", load_profile(sample_path(DEFAULT_SAMPLE)), pack),
            Scenario("other", load_profile(sample_path(other)), pack),
        ]
    )
    rows = {row.label: row for row in comparison.outcomes if row.section == "Economics"}
    for label in CARDS:
        assert rows[label].values[0] == cards[label], label
