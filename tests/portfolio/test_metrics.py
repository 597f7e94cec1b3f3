"""Each metric against small tables computed by hand."""

from __future__ import annotations

import json
import math
from datetime import date

import pytest
from portfolio_support import AS_OF, PACK, accounts_frame, diagnose_text

from advisor import portfolio as pf

# A   100 → 120  expansion 20
# B   200 → 150  contraction 50
# C    50 →   0  churn 50
# D     0 →  80  new
# E   150 → 150  flat
# Cohort A, B, C, E: starting ARR 500; retained 420; GRR 400/500; logo retention 3/4.
MIXED = accounts_frame([100, 200, 50, 0, 150], [120, 150, 0, 80, 150])


def test_mixed_table_bridge() -> None:
    assert pf.starting_arr(MIXED) == 500
    assert pf.expansion_arr(MIXED) == 20
    assert pf.contraction_arr(MIXED) == 50
    assert pf.churned_arr(MIXED) == 50
    assert pf.retained_arr(MIXED) == 420
    assert pf.new_arr(MIXED) == 80
    assert pf.ending_arr(MIXED) == 500
    assert pf.arr_bridge(MIXED) == pf.ArrBridge(500, 20, 50, 50, 420, 80, 500)


def test_mixed_table_counts() -> None:
    assert pf.cohort_accounts(MIXED) == 4
    assert pf.retained_accounts(MIXED) == 3
    assert pf.churned_accounts(MIXED) == 1
    assert pf.new_accounts(MIXED) == 1
    assert pf.active_accounts(MIXED) == 4


def test_mixed_table_ratios() -> None:
    assert pf.net_revenue_retention(MIXED).value == pytest.approx(0.84)
    assert pf.gross_revenue_retention(MIXED).value == pytest.approx(0.80)
    assert pf.logo_retention(MIXED).value == pytest.approx(0.75)
    assert pf.logo_churn_rate(MIXED).value == pytest.approx(0.25)
    assert pf.contraction_rate(MIXED).value == pytest.approx(0.10)
    assert pf.expansion_rate(MIXED).value == pytest.approx(0.04)


def test_new_accounts_never_enter_nrr() -> None:
    # The same cohort with a huge new account: NRR, GRR and logo retention do not move.
    with_big_new = accounts_frame([100, 200, 50, 0, 150, 0], [120, 150, 0, 80, 150, 10_000])
    assert pf.net_revenue_retention(with_big_new).value == pytest.approx(0.84)
    assert pf.gross_revenue_retention(with_big_new).value == pytest.approx(0.80)
    assert pf.logo_retention(with_big_new).value == pytest.approx(0.75)
    assert pf.new_arr(with_big_new) == 10_080


def test_churn_only() -> None:
    frame = accounts_frame([100, 100, 200], [100, 0, 0])
    assert pf.starting_arr(frame) == 400
    assert pf.churned_arr(frame) == 300
    assert pf.expansion_arr(frame) == 0
    assert pf.contraction_arr(frame) == 0
    assert pf.net_revenue_retention(frame).value == pytest.approx(0.25)
    assert pf.gross_revenue_retention(frame).value == pytest.approx(0.25)
    assert pf.logo_retention(frame).value == pytest.approx(1 / 3)
    assert pf.logo_churn_rate(frame).value == pytest.approx(2 / 3)


def test_expansion_only() -> None:
    frame = accounts_frame([100, 100], [150, 250])
    assert pf.expansion_arr(frame) == 200
    assert pf.net_revenue_retention(frame).value == pytest.approx(2.0)
    assert pf.gross_revenue_retention(frame).value == pytest.approx(1.0)
    assert pf.logo_retention(frame).value == 1.0
    assert pf.expansion_rate(frame).value == pytest.approx(1.0)
    assert pf.contraction_rate(frame).value == 0.0


def test_all_new_accounts_give_na_with_the_reason() -> None:
    frame = accounts_frame([0, 0], [10, 20])
    for measure in (
        pf.net_revenue_retention(frame),
        pf.gross_revenue_retention(frame),
        pf.logo_retention(frame),
        pf.logo_churn_rate(frame),
        pf.contraction_rate(frame),
        pf.expansion_rate(frame),
    ):
        assert measure.value is None
        assert measure.reason == (
            "no account had ARR at period start; the 2 new accounts are reported apart"
        )
    assert pf.arr_bridge(frame) == pf.ArrBridge(0, 0, 0, 0, 0, 30, 30)


@pytest.mark.parametrize(
    "frame",
    [accounts_frame([], []), accounts_frame([0], [0])],
    ids=["empty", "zero-start"],
)
def test_zero_starting_arr_is_na_never_inf_or_nan(frame: object) -> None:
    measure = pf.net_revenue_retention(frame)  # type: ignore[arg-type]
    assert measure.value is None
    assert measure.reason == "no account had ARR at period start"


def test_zero_start_report_serialises_strictly() -> None:
    report = diagnose_text("Account,ARR start,ARR end\nNova,0,1200\nOrbit,0,800\n")
    data = json.loads(json.dumps(report.to_dict(), allow_nan=False))
    nrr = next(m for m in data["metrics"] if m["name"] == "nrr")
    assert nrr["value"] is None
    assert nrr["shown"] == "n/a"
    assert nrr["reason"].startswith("no account had ARR at period start")
    assert data["accounts"]["new"] == 2
    assert data["bridge"]["ending_arr"] == 2000


def test_renewal_windows_are_cumulative_and_flag_missing_owners() -> None:
    frame = accounts_frame(
        [100, 200, 300, 50, 70, 30, 90],
        [100, 200, 300, 50, 70, 30, 0],
        accounts=["Due10", "Due45", "Due100", "Due200", "Overdue", "Undated", "Churned"],
        owners=["Ann", "", "Bo", "Ann", "Ann", "Bo", ""],
        renewals=[
            "2025-01-11",
            "2025-02-15",
            "2025-04-11",
            "2025-07-20",
            "2024-12-27",
            None,
            "2025-01-21",
        ],
    )
    outlook = pf.renewals_due(frame, date(2025, 1, 1))
    got = {
        w.days: (w.accounts, w.arr, w.unowned_accounts, w.unowned_names) for w in outlook.windows
    }
    assert got == {
        30: (1, 100, 0, ()),
        60: (2, 300, 1, ("Due45",)),
        90: (2, 300, 1, ("Due45",)),
        120: (3, 600, 1, ("Due45",)),
    }
    assert (outlook.overdue.accounts, outlook.overdue.arr) == (1, 70)
    assert outlook.undated_accounts == 1


def test_renewal_window_includes_its_last_day() -> None:
    frame = accounts_frame([10, 10], [10, 10], renewals=["2025-01-31", "2025-02-01"])
    outlook = pf.renewals_due(frame, date(2025, 1, 1))
    assert outlook.window(30).accounts == 1  # 30 days later is inside, 31 is not


def test_renewal_calendar_by_month_and_owner() -> None:
    frame = accounts_frame(
        [10, 20, 30, 40, 50],
        [10, 20, 30, 40, 50],
        owners=["Ann", "Ann", "", "Bo", "Ann"],
        renewals=["2025-07-03", "2025-07-28", "2025-07-15", "2025-09-01", "2026-07-01"],
    )
    calendar = pf.renewal_calendar(frame, AS_OF)
    assert pf.calendar_records(calendar) == [
        {"month": "2025-07-01", "owner": "(no owner)", "accounts": 1, "arr": 30.0},
        {"month": "2025-07-01", "owner": "Ann", "accounts": 2, "arr": 30.0},
        {"month": "2025-09-01", "owner": "Bo", "accounts": 1, "arr": 40.0},
    ]  # the 2026-07-01 renewal is beyond twelve months


def test_concentration_top_decile_and_top_five() -> None:
    frame = accounts_frame([1] * 20, list(range(1, 21)))  # ARR 1..20, total 210
    conc = pf.concentration(frame)
    assert conc.accounts == 20
    assert conc.top_decile_accounts == 2
    assert conc.top_decile_share == pytest.approx(39 / 210)
    assert conc.top5_share == pytest.approx(90 / 210)
    assert conc.curve[0] == (0.0, 0.0)
    assert conc.curve[-1] == pytest.approx((1.0, 1.0))


def test_concentration_of_a_small_book() -> None:
    conc = pf.concentration(accounts_frame([1, 1, 1, 1], [50, 30, 20, 0]))
    assert conc.accounts == 3  # the churned account holds no ending ARR
    assert conc.top_decile_accounts == 1
    assert conc.top_decile_share == pytest.approx(0.5)
    assert conc.top5_share == pytest.approx(1.0)


def test_concentration_without_ending_arr() -> None:
    conc = pf.concentration(accounts_frame([10], [0]))
    assert conc.top5_share is None
    assert conc.reason == "no account has ARR at period end"


def test_tiers_by_cumulative_arr() -> None:
    frame = accounts_frame(
        [1] * 6, [5, 50, 10, 30, 5, 0], accounts=["e", "a", "c", "b", "d", "gone"]
    )
    # Ranked 50, 30, 10, 5, 5: ARR above each is 0, 50, 80, 90, 95 of 100.
    assert pf.assign_tiers(frame).tolist() == ["B", "A", "B", "A", "C", ""]
    summary = {t.tier: (t.accounts, t.arr, t.share) for t in pf.tier_summary(frame)}
    assert summary == {"A": (2, 80, 0.8), "B": (2, 15, 0.15), "C": (1, 5, 0.05)}


def test_owner_books_against_the_book_size() -> None:
    frame = accounts_frame(
        [1] * 9,
        [10, 10, 10, 10, 20, 20, 30, 40, 0],
        owners=["Ann", "Ann", "Ann", "Ann", "Bo", "Bo", "Cy", "", "Bo"],
        renewals=["2025-07-10", None, None, None, "2025-08-01", None, None, "2025-07-02", None],
    )
    books = pf.owner_books(frame, AS_OF, (2, 3))
    assert [(b.owner, b.accounts, b.arr, b.renewals_120, b.book) for b in books] == [
        ("Ann", 4, 40, 1, "over"),
        ("Bo", 2, 40, 1, "within"),
        ("Cy", 1, 30, 0, "under"),
        ("(no owner)", 1, 40, 1, "none"),
    ]


@pytest.mark.parametrize(
    ("scores", "expected", "scale"),
    [
        ([10, 9, 8, 7, 6, 0], 0.0, "rating"),
        ([10, 10, 9, 5], 50.0, "rating"),
        ([-20, 40], 10.0, "score"),
    ],
)
def test_portfolio_nps(scores: list[float], expected: float, scale: str) -> None:
    frame = accounts_frame([1] * len(scores), [1] * len(scores), nps=scores)
    result = pf.portfolio_nps(frame)
    assert result.measure.value == pytest.approx(expected)
    assert (result.responses, result.scale) == (len(scores), scale)


def test_nps_ignores_churned_accounts_and_missing_values() -> None:
    frame = accounts_frame([1, 1, 1], [1, 0, 1], nps=[10, 0, None])
    result = pf.portfolio_nps(frame)
    assert (result.measure.value, result.responses) == (100.0, 1)


def test_segment_retention() -> None:
    frame = accounts_frame(
        [100, 100, 100, 0], [120, 0, 100, 50], segments=["SMB", "SMB", "Enterprise", "SMB"]
    )
    found = {s.segment: s for s in pf.segment_retention(frame)}
    assert found["SMB"].nrr.value == pytest.approx(0.6)
    assert found["SMB"].logo_retention.value == pytest.approx(0.5)
    assert found["SMB"].new_accounts == 1
    assert found["Enterprise"].grr.value == pytest.approx(1.0)


def test_health_summary_counts_at_risk_labels() -> None:
    frame = accounts_frame([1] * 4, [10, 20, 30, 0], health=["Green", "Red", "At risk", "Red"])
    summary = pf.health_summary(frame)
    assert summary is not None
    assert summary.at_risk_accounts == 2
    assert summary.at_risk_arr == 50


@pytest.mark.parametrize(
    ("name", "value", "status"),
    [
        ("nrr", 1.05, "healthy"),
        ("nrr", 0.95, "watch"),
        ("nrr", 0.84, "alarm"),
        ("logo_retention", 0.75, "watch"),
        ("logo_retention", 0.74, "alarm"),
        ("contraction_rate", 0.04, "healthy"),
        ("contraction_rate", 0.09, "alarm"),
    ],
)
def test_target_status_from_the_rule_pack(name: str, value: float, status: str) -> None:
    result = pf.metric_result(name, pf.Measure(value), PACK, "")
    assert result.status == status
    assert result.target is PACK.metric_targets[name]


def test_na_metric_has_no_status() -> None:
    result = pf.metric_result("nrr", pf.Measure(None, "why"), PACK, "")
    assert (result.status, result.shown(), result.reason) == (None, "n/a", "why")


def test_months_before_clamps_to_the_month_end() -> None:
    assert pf.months_before(date(2025, 5, 31), 3) == date(2025, 2, 28)
    assert pf.months_before(date(2024, 2, 29), 12) == date(2023, 2, 28)
    assert pf.months_before(date(2025, 6, 30), 12) == date(2024, 6, 30)
    assert pf.months_before(date(2025, 1, 15), -12) == date(2026, 1, 15)


def test_short_money() -> None:
    assert pf.short_money(410_000) == "€410k"
    assert pf.short_money(2_445_500) == "€2.4M"
    assert pf.short_money(1_500, "USD") == "$1.5k"
    assert pf.short_money(950, "CHF") == "950 CHF"


def test_metrics_never_produce_nan() -> None:
    for frame in (MIXED, accounts_frame([0], [5]), accounts_frame([], [])):
        for measure in (pf.net_revenue_retention(frame), pf.gross_revenue_retention(frame)):
            assert measure.value is None or math.isfinite(measure.value)
