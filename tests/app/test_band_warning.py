"""The Recommendation page warns when the chosen segment is not the band of the contract value."""

from __future__ import annotations

from apptest_support import open_app, page_text, table_with_column

from advisor.profile import load_profile, parse_profile, profile_to_dict, profile_to_query
from advisor.samples import EXAMPLES_DIR


def _acorn(**changes: object) -> dict[str, str]:
    base = profile_to_dict(load_profile(EXAMPLES_DIR / "acorn-not-yet.yaml"))
    return profile_to_query(parse_profile({**base, **changes}))


def test_the_recommendation_page_warns_of_a_segment_that_is_not_the_band_s() -> None:
    at = open_app("Recommendation", query_params=_acorn(segment="smb"))
    text = page_text(at)
    assert (
        "Check these figures: segment is SMB, but avg_contract_value (€24,000 a year) falls in "
        "the contract-value band from €23,000 to under €46,000 a year, which this rule pack "
        "counts as mid-market (the published band is in USD, converted to EUR)"
    ) in text


def test_the_recommendation_page_says_nothing_when_the_segment_is_the_band_s() -> None:
    at = open_app("Recommendation", query_params=_acorn())
    assert "segment is" not in page_text(at)


def test_the_rules_page_lists_each_source_with_its_publisher_title_and_year() -> None:
    at = open_app("Rules")
    sources = table_with_column(at, "Publisher").value
    shown = {
        row["Id"]: (row["Publisher"], row["Title"], row["Date"]) for _, row in sources.iterrows()
    }
    assert shown["saas capital 2023"] == (
        "SaaS Capital",
        "Research Brief 28: Retention (2023 B2B SaaS Retention Benchmarks)",
        "2023",
    )
    assert shown["seed 000"][2] == "not dated"
    assert shown["seed 004"][2] == "23 May 2026"


def test_the_rules_page_shows_the_bands_with_converted_amounts_labelled() -> None:
    at = open_app("Rules")
    bands = table_with_column(at, "Band").value
    row = bands[bands["Band"] == "25k_50k"].iloc[0]
    assert row["Segment"] == "mid-market"
    assert row["USD"] == "from $25,000 to under $50,000 a year"
    assert row["EUR"] == "from €23,000 to under €46,000 a year (converted)"


def test_the_role_page_says_which_band_the_retention_targets_are_for() -> None:
    at = open_app("Role", query_params=_acorn())
    assert (
        "targets are those of contracts from €23,000 to under €46,000 a year (a band published "
        "in USD, converted), the band the average contract value of €24,000 a year falls in."
    ) in page_text(at)
