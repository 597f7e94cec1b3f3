"""Book sizes per band of contract value: read at each cut-off, the segment's as the fallback,
the same figure for the team, the rules, the role, the brief and the Rules page."""

from __future__ import annotations

import math
from typing import Any

import pytest

from advisor import present
from advisor.brief import prepare_brief
from advisor.engine import evaluate
from advisor.export.markdown import render_markdown
from advisor.pack import RulePack
from advisor.pack.describe import band_rows
from advisor.pack.load import DEFAULT_RULES_DIR, RulePackError, pack_from_documents
from advisor.profile import CompanyProfile, load_profile, parse_profile, profile_to_dict
from advisor.samples import EXAMPLES_DIR

SHIPPED = [(f"rules/{p.name}", p.read_bytes()) for p in sorted(DEFAULT_RULES_DIR.glob("*.yaml"))]

# The seed ranges per segment (seed 000: 20–50 mid-market, 10–20 enterprise; SMB 40–75 a
# product default) and the bands' own, as rules/20-benchmarks.yaml gives them.
SEGMENT = {"smb": (40, 75), "mid_market": (20, 50), "enterprise": (10, 20)}
BY_BAND = {
    "under_12k": (40, 75),
    "12k_25k": (35, 50),
    "25k_50k": (25, 40),
    "50k_100k": (20, 30),
    "100k_250k": (12, 20),
    "over_250k": (10, 15),
}
# Where each EUR band starts (the pack's conversion of SaaS Capital's USD bands).
EUR_STARTS = (0, 11_000, 23_000, 46_000, 92_000, 230_000)


def _profile(**changes: Any) -> CompanyProfile:
    base = profile_to_dict(load_profile(EXAMPLES_DIR / "northwind-hire-now.yaml"))
    return parse_profile({**base, "accounts_added_per_quarter": 0, **changes})


def _with(name: str, old: bytes, new: bytes) -> list[tuple[str, bytes]]:
    changed = [(n, c.replace(old, new, 1) if n.endswith(name) else c) for n, c in SHIPPED]
    assert changed != SHIPPED
    return changed


def test_each_band_s_book_size_lies_inside_its_segment_s_and_narrows_as_contracts_grow(
    pack: RulePack,
) -> None:
    assert pack.bands is not None
    assert pack.book_sizes_by_band == BY_BAND
    for band in pack.bands.bands:
        low, high = pack.book_size(band.segment, band.id)
        seg_low, seg_high = SEGMENT[band.segment]
        assert seg_low <= low <= high <= seg_high, band.id
    highs = [pack.book_size(b.segment, b.id)[1] for b in pack.bands.bands]
    assert highs == sorted(highs, reverse=True)
    assert "product default" in pack.book_size_band_source.casefold()


@pytest.mark.parametrize("index", range(1, len(EUR_STARTS)))
def test_book_size_per_band_at_the_cut_offs_with_hand_checked_team_sizes(
    pack: RulePack, index: int
) -> None:
    # 150 accounts, no AM: the team is the accounts over the most one AM holds, rounded up.
    bands = list(BY_BAND)
    start = EUR_STARTS[index]
    for value, band in ((start - 1, bands[index - 1]), (start, bands[index])):
        econ = evaluate(
            _profile(active_accounts=150, avg_contract_value=value, current_account_managers=0),
            pack,
            with_flip_points=False,
        ).economics
        assert econ.book_size_band == band
        assert (econ.book_size_low, econ.book_size_high) == BY_BAND[band]
        if econ.basis is not None and econ.basis.sized_by == "accounts":
            assert econ.recommended_am_count == math.ceil(150 / BY_BAND[band][1])
        assert econ.recommended_am_count >= math.ceil(150 / BY_BAND[band][1])


def test_the_team_size_follows_the_band_where_the_accounts_decide(pack: RulePack) -> None:
    # 100 accounts: books of 50 (contracts under €23,000) need 2 AMs, of 40 (from €23,000) 3.
    below = evaluate(_profile(active_accounts=100, avg_contract_value=22_999), pack).economics
    at = evaluate(_profile(active_accounts=100, avg_contract_value=23_000), pack).economics
    assert (below.book_size_high, at.book_size_high) == (50, 40)
    assert below.recommended_am_count >= math.ceil(100 / 50) == 2
    assert at.recommended_am_count >= math.ceil(100 / 40) == 3


def test_a_profile_whose_band_changes_its_book_size(pack: RulePack) -> None:
    # Northwind: 22 mid-market accounts of €36,000, the band from €23,000 to under €46,000.
    profile = _profile()
    assessment = evaluate(profile, pack)
    econ = assessment.economics
    assert (econ.book_size_low, econ.book_size_high) == (25, 40)
    assert pack.book_size("mid_market") == (20, 50)
    line = present.book_band_line(assessment, pack)
    assert line == (
        "The book size of 25–40 accounts per AM is that of contracts from €23,000 to under "
        "€46,000 a year (a band published in USD, converted), the band the average contract "
        "value of €36,000 a year falls in; the mid-market segment's is 20–50."
    )
    brief = render_markdown(prepare_brief(profile, pack, assessment=assessment))
    assert line in brief
    assert "| Accounts one AM can hold | 25–40 |" in brief
    # Cheaper contracts fall in the band below, whose book is larger.
    cheaper = evaluate(_profile(avg_contract_value=20_000), pack)
    assert (cheaper.economics.book_size_low, cheaper.economics.book_size_high) == (35, 50)


def test_over_capacity_reads_the_band_s_book_size(pack: RulePack) -> None:
    # 45 accounts: over the 40 of contracts of €36,000, within the 50 of contracts of €20,000.
    def fired(value: float) -> bool:
        trace = evaluate(
            _profile(active_accounts=45, avg_contract_value=value), pack, with_flip_points=False
        ).trace
        return next(r for r in trace if r.rule_id == "PORT-OVER-CAPACITY").fired

    assert fired(36_000)
    assert not fired(20_000)


def test_a_currency_without_bands_falls_back_to_the_segment_s_book_size(pack: RulePack) -> None:
    econ = evaluate(_profile(currency="CHF"), pack).economics
    assert econ.book_size_band is None
    assert (econ.book_size_low, econ.book_size_high) == SEGMENT["mid_market"]
    assert present.book_band_line(evaluate(_profile(currency="CHF"), pack), pack) == ""


def test_a_band_the_pack_gives_no_book_size_falls_back_to_the_segment_s() -> None:
    pack = pack_from_documents(
        _with("20-benchmarks.yaml", b"      25k_50k: {low: 25, high: 40}\n", b"")
    )
    assert pack.book_size("mid_market", "25k_50k") == SEGMENT["mid_market"]
    econ = evaluate(_profile(), pack).economics
    assert econ.book_size_band is None
    assert (econ.book_size_low, econ.book_size_high) == SEGMENT["mid_market"]
    row = next(r for r in band_rows(pack) if r["Band"] == "25k_50k")
    assert row["Book size (accounts per AM)"] == "20–50 (the segment's)"


def test_a_business_model_the_bands_do_not_describe_keeps_the_segment_s_book_size(
    pack: RulePack,
) -> None:
    # An agency's €36,000 retainers: the segment's 50 accounts, then the bound in fees.
    econ = evaluate(_profile(business_model="services_retainer"), pack).economics
    assert econ.book_size_band is None
    assert econ.book_size_high <= SEGMENT["mid_market"][1]


def test_a_book_size_for_an_unknown_band_is_refused_naming_the_bands() -> None:
    with pytest.raises(RulePackError) as caught:
        pack_from_documents(
            _with("20-benchmarks.yaml", b"      over_250k: {low: 10", b"      over_25k: {low: 10")
        )
    problem = caught.value.problems[0]
    assert problem.path == "book_size.by_band.over_25k"
    assert problem.message.startswith("'over_25k' is not a band of contract_value_bands")


def test_the_rules_page_rows_show_the_book_size_per_band(pack: RulePack) -> None:
    rows = {row["Band"]: row["Book size (accounts per AM)"] for row in band_rows(pack)}
    assert rows == {band: f"{low}–{high}" for band, (low, high) in BY_BAND.items()}
