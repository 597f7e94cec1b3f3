"""Flip points are exact: each numeric one is the nearest value that gives its verdict, found for
every verdict the field can reach, and checked here against the engine re-assessing each value."""

from __future__ import annotations

import math
from typing import Any

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from msgspec.structs import replace
from profile_strategies import profiles as valid_profiles

from advisor import flips
from advisor.engine import FlipPoint, decide, evaluate, sweep
from advisor.fields import FIELDS
from advisor.flips import STEPS, numeric_domain, solve_for
from advisor.pack import RulePack, load_pack
from advisor.profile import CompanyProfile, parse_profile

PACK = load_pack()
profiles = valid_profiles()

# A book run by two Account Managers: mid-market at 247 accounts, SMB at 300.
TWO_AMS = {
    "company": "Two AMs",
    "currency": "EUR",
    "current_account_managers": 2,
    "gross_margin": 0.8,
    "logo_churn_rate": 0.15,
    "churn_trend": "stable",
    "churn_cause_known": False,
    "delivery_maturity": "standardised",
    "knowledge_holder": "shared_in_crm",
    "renewal_owner": "account_manager",
    "renewal_lead_days": 90,
    "unworked_upsell": False,
    "clients_escalate_to_leadership": False,
    "onboarding_consistent": True,
    "accounts_added_per_quarter": 10,
}
MID_MARKET_247 = {
    **TWO_AMS,
    "segment": "mid_market",
    "active_accounts": 247,
    "avg_contract_value": 12000,
}
SMB_300 = {**TWO_AMS, "segment": "smb", "active_accounts": 300, "avg_contract_value": 6000}
# With upsell nobody works, the next hire pays back within 30 months: "hire now".
SMB_300_UPSELL = {**SMB_300, "unworked_upsell": True}


def grid(field: str, point: int) -> float | int:
    """The value `point` steps from zero: whole counts, money by the unit, rates by 0.1 point."""
    kind = FIELDS[field].kind
    return point if kind == "count" else round(point * STEPS[kind], 6)


def first_of_each(
    today: str, scanned: list[tuple[Any, str]], current: float
) -> dict[str, dict[str, Any]]:
    """Up and down from today, the value nearest today at which each other verdict is given."""
    found: dict[str, dict[str, Any]] = {"up": {}, "down": {}}
    for value, verdict in sorted(scanned, key=lambda pair: abs(pair[0] - current)):
        if verdict != today and value != current:
            found["up" if value > current else "down"].setdefault(verdict, value)
    return found


def by_brute_force(profile: CompanyProfile, field: str) -> dict[str, dict[str, Any]]:
    """Every value of a count field within its bounds, each re-assessed with `decide`."""
    current = getattr(profile, field)
    low, high = numeric_domain(field, current)
    scanned = [
        (value, decide(replace(profile, **{field: value}), PACK)[0].value)
        for value in range(int(low), int(high) + 1)
    ]
    return first_of_each(decide(profile, PACK)[0].value, scanned, current)


def reported(flip_points: tuple[FlipPoint, ...], field: str) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {"up": {}, "down": {}}
    for flip in flip_points:
        if flip.field == field and flip.kind == "numeric":
            assert flip.verdict not in found[flip.direction], "one point per verdict and direction"
            found[flip.direction][flip.verdict] = flip.value
    return found


def test_flip_with_two_ams_is_the_nearest_change_247_accounts() -> None:
    # The book is past its zone with two AMs, but the next hire pays back in 45 months: the
    # payback holds it at "prepare" all the way down to 95 accounts, and "not yet" is below.
    profile = parse_profile(MID_MARKET_247)
    truth = by_brute_force(profile, "active_accounts")
    assert truth == {"up": {}, "down": {"not_yet": 90}}
    assessment = evaluate(profile, PACK)
    assert assessment.verdict.value == "prepare"
    assert reported(assessment.flip_points, "active_accounts") == truth
    sentences = [f.sentence for f in assessment.flip_points if f.field == "active_accounts"]
    assert sentences == [
        "If active client accounts fell to 90 accounts, the verdict would be 'Not yet'.",
    ]


def test_flip_with_two_ams_is_the_nearest_change_247_accounts_with_upsell() -> None:
    # With upsell nobody works the hire pays back within 30 months: "hire now", "prepare" once
    # the smaller book's payback passes 30 months (a figure solved by bisection, not a line).
    profile = parse_profile({**MID_MARKET_247, "unworked_upsell": True})
    truth = by_brute_force(profile, "active_accounts")
    assert truth["down"] == {"prepare": 145, "not_yet": 90}
    assessment = evaluate(profile, PACK)
    assert assessment.verdict.value == "hire_now"
    assert reported(assessment.flip_points, "active_accounts") == truth
    sentences = [f.sentence for f in assessment.flip_points if f.field == "active_accounts"]
    assert sentences == [
        "If active client accounts fell to 145 accounts, the verdict would be 'Prepare to hire'.",
        "If active client accounts fell to 90 accounts, the verdict would be 'Not yet'.",
    ]


@pytest.mark.parametrize(
    ("case", "down"),
    [(SMB_300, {"not_yet": 135}), (SMB_300_UPSELL, {"prepare": 219, "not_yet": 135})],
)
def test_flip_with_two_ams_is_the_nearest_change_300_accounts(
    case: dict[str, Any], down: dict[str, int]
) -> None:
    profile = parse_profile(case)
    truth = by_brute_force(profile, "active_accounts")
    assert truth["down"] == down
    assert reported(evaluate(profile, PACK).flip_points, "active_accounts") == truth


def test_team_size_flips_are_found() -> None:
    profile = parse_profile(SMB_300_UPSELL)
    truth = by_brute_force(profile, "current_account_managers")
    assert truth["up"] == {"prepare": 4, "not_yet": 5}
    assessment = evaluate(profile, PACK)
    assert reported(assessment.flip_points, "current_account_managers") == truth
    assert "If current Account Managers rose to 4 AMs, the verdict would be 'Prepare to hire'." in [
        f.sentence for f in assessment.flip_points
    ]


def test_a_misplaced_boundary_is_corrected_by_the_check_one_step_nearer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each point is re-assessed one step nearer today; where that already gives the verdict,
    the stretch between is scanned, so even a boundary solved three accounts off is reported
    where the verdict really changes."""
    solve = flips.solve_for

    def three_accounts_off(*args: Any, **kwargs: Any) -> list[tuple[str, float, float, bool]]:
        solved = solve(*args, **kwargs)
        return [(name, target, value + 3, exact) for name, target, value, exact in solved]

    monkeypatch.setattr(flips, "solve_for", three_accounts_off)
    flip_points = evaluate(parse_profile(SMB_300_UPSELL), PACK).flip_points
    assert reported(flip_points, "active_accounts")["down"] == {"prepare": 219, "not_yet": 135}


# ---------------------------------------------------------------------------------------------
# Solving a derived figure for one input


def test_an_affine_figure_is_solved_exactly_for_negative_values_and_a_target_of_zero() -> None:
    # The team's room: AMs × the most one AM holds − accounts, here 2 × 150 − accounts.
    def derive(accounts: float) -> dict[str, float]:
        return {"team_room": 2 * 150 - accounts}

    solved = solve_for(derive, {"team_room": [0.0, 15.0]}, (0.0, 1200.0), (300.0, derive(300)))
    assert sorted(solved) == [("team_room", 0.0, 300.0, True), ("team_room", 15.0, 285.0, True)]


def test_an_inverse_figure_is_solved_exactly() -> None:
    # Gross profit per AM cost: 540,000 ÷ cost reaches 2 at a cost of 270,000.
    def derive(cost: float) -> dict[str, float]:
        return {"am_cost_coverage": 540_000 / cost}

    solved = solve_for(derive, {"am_cost_coverage": [2.0]}, (1.0, 1e6), (85_000, derive(85_000)))
    assert solved == [("am_cost_coverage", 2.0, pytest.approx(270_000), True)]


def test_a_figure_neither_affine_nor_inverse_is_found_by_bisection() -> None:
    def derive(x: float) -> dict[str, float]:
        return {"square": (x - 50) ** 2}

    solved = solve_for(derive, {"square": [100.0]}, (0.0, 200.0), (50.0, derive(50)))
    assert [(name, exact) for name, _, _, exact in solved] == [("square", False)] * 2
    assert sorted(value for _, _, value, _ in solved) == [pytest.approx(40), pytest.approx(60)]


def _payback_in_bands(value: float) -> float:
    """A payback over pieces of the contract value: 600,000 ÷ (value × accounts carried), the
    accounts carried 20, 10, 5 and 2 in the bands starting at 0, 10,000, 50,000 and 200,000."""
    carried = 20 if value < 10_000 else 10 if value < 50_000 else 5 if value < 200_000 else 2
    return 600_000 / (value * carried) if value > 0 else math.inf


def test_a_figure_in_pieces_is_read_at_each_pieces_ends_and_fitted_only_where_it_crosses() -> None:
    reads: list[float] = []

    def derive(value: float) -> dict[str, float]:
        reads.append(value)
        return {"payback_months": _payback_in_bands(value)}

    pieces = {"payback_months": [10_000.0, 50_000.0, 200_000.0]}
    solved = solve_for(
        derive, {"payback_months": [1.0]}, (0.0, 1e6), (20_000, derive(20_000)), pieces
    )
    # From infinite down to 3 months in the first band, 6 down to 1.2 in the second, 2.4 down
    # to 0.6 in the third (1 at 120,000), a jump to 1.5 at 200,000, then down to 0.3 (1 at
    # 300,000).
    assert sorted(solved) == [
        ("payback_months", 1.0, pytest.approx(120_000), True),
        ("payback_months", 1.0, 200_000.0, False),
        ("payback_months", 1.0, pytest.approx(300_000), True),
    ]
    # Two reads per piece (just inside its ends) and one in the middle of each piece it crosses
    # in, besides today's.
    assert len(reads) == 1 + 2 * 4 + 2


def test_a_figure_in_pieces_that_stays_on_one_side_of_its_target_has_no_boundary() -> None:
    def derive(value: float) -> dict[str, float]:
        return {"payback_months": _payback_in_bands(value)}

    pieces = {"payback_months": [10_000.0, 50_000.0, 200_000.0]}
    low = solve_for(
        derive, {"payback_months": [1e-6]}, (0.0, 1e6), (20_000, derive(20_000)), pieces
    )
    assert low == []


def test_a_figure_that_does_not_move_with_the_input_has_no_boundary() -> None:
    def derive(x: float) -> dict[str, float]:
        return {"book_load": 0.5}

    assert solve_for(derive, {"book_load": [1.0]}, (0.0, 1.0), (0.3, derive(0.3))) == []


# ---------------------------------------------------------------------------------------------
# The property: every numeric flip point is the nearest value with its verdict


def check_flip_points(profile: CompanyProfile, pack: RulePack) -> None:
    """Every flip point gives its verdict when re-assessed; and per numeric field and direction,
    each verdict the field reaches within its bounds is reported, at the nearest value.

    Counts and rates are scanned at every step of their bounds; money at a thousand points
    across them and at every step for the 300 steps before each point.
    """
    assessment = evaluate(profile, pack)
    today = assessment.verdict.value
    for flip in assessment.flip_points:
        changed = replace(profile, **{flip.field: flip.value})
        assert decide(changed, pack)[0].value == flip.verdict, flip.sentence
    for field, info in FIELDS.items():
        current = getattr(profile, field) if info.kind in STEPS else None
        if field == "am_fully_loaded_cost":
            current = assessment.economics.am_cost
        if current is None:
            continue
        step = STEPS[info.kind]
        low, high = numeric_domain(field, current)
        got = reported(assessment.flip_points, field)
        if info.kind == "money":
            # On the money grid (whole units), as the flip points are.
            coarse = sorted({round(low + (high - low) * i / 1000) for i in range(1001)})
            scanned = [
                (value, verdict.value) for value, verdict, _ in sweep(profile, pack, field, coarse)
            ]
            for direction, firsts in first_of_each(today, scanned, current).items():
                for verdict, value in firsts.items():
                    assert verdict in got[direction], (field, direction, verdict, value)
                    assert abs(got[direction][verdict] - current) <= abs(value - current)
            for direction, firsts in got.items():
                sign = 1 if direction == "up" else -1
                for verdict, value in firsts.items():
                    nearer = [value - sign * i for i in range(1, 301)]
                    nearer = [v for v in nearer if (v - current) * sign > 0]
                    swept = sweep(profile, pack, field, nearer)
                    assert all(v.value != verdict for _, v, _ in swept), (field, verdict, value)
            continue
        points = [
            grid(field, k)
            for k in range(math.ceil(low / step - 1e-9), math.floor(high / step + 1e-9) + 1)
        ]
        scanned = [
            (value, verdict.value) for value, verdict, _ in sweep(profile, pack, field, points)
        ]
        assert got == first_of_each(today, scanned, current), field


@settings(max_examples=40, deadline=None)
@given(profiles)
def test_each_flip_point_is_the_nearest_value_with_its_verdict(profile: CompanyProfile) -> None:
    check_flip_points(profile, PACK)


@settings(max_examples=40, deadline=None)
@given(profiles, st.integers(min_value=1, max_value=6))
def test_each_flip_point_is_the_nearest_value_with_its_verdict_with_a_team(
    profile: CompanyProfile, team: int
) -> None:
    check_flip_points(
        parse_profile({**msgspec.to_builtins(profile), "current_account_managers": team}), PACK
    )


# Bugs found by the property above, each a case of its own.
FOUNDER_RUN_SMB = {
    "company": "Founder-run SMB",
    "segment": "smb",
    "currency": "EUR",
    "gross_margin": 1.0,
    "churn_trend": "rising",
    "churn_cause_known": False,
    "delivery_maturity": "standardised",
    "knowledge_holder": "founder",
    "renewal_owner": "founder",
    "renewal_lead_days": 36,
    "unworked_upsell": False,
    "clients_escalate_to_leadership": False,
    "onboarding_consistent": False,
}


def test_the_payback_window_of_a_single_am_is_found() -> None:
    # 51 accounts of €18,362 (a book of 50 at most: contracts from €11,000 to under €23,000),
    # no AM: one AM would leave a single account to the next hire, whose payback is then over
    # 200 months ("prepare"), while none or two AMs give "hire now" and "not yet".
    profile = parse_profile(
        {
            **FOUNDER_RUN_SMB,
            "active_accounts": 51,
            "avg_contract_value": 18362,
            "logo_churn_rate": 1.0,
        }
    )
    truth = by_brute_force(profile, "current_account_managers")
    assert truth["up"] == {"prepare": 1, "not_yet": 2}
    assert reported(evaluate(profile, PACK).flip_points, "current_account_managers") == truth


def test_the_payback_jump_where_the_team_stops_holding_the_book_is_found() -> None:
    # One AM, no accounts yet: past 75 accounts the next hire's payback jumps from 0 (no hire
    # needed) to over 20,000 months (one account to carry), and stays above the hold.
    profile = parse_profile(
        {
            **FOUNDER_RUN_SMB,
            "churn_trend": "falling",
            "current_account_managers": 1,
            "active_accounts": 0,
            "avg_contract_value": 1983,
            "logo_churn_rate": 0.0,
            "renewal_lead_days": 0,
        }
    )
    truth = by_brute_force(profile, "active_accounts")
    assert reported(evaluate(profile, PACK).flip_points, "active_accounts") == truth
    assert truth["up"]["prepare"] == 66
    assert "hire_now" not in truth["up"]


@pytest.mark.parametrize(
    ("segment", "accounts", "value", "cut_off"),
    [
        # One AM, 36 mid-market accounts of €30,000: a book of 40 at most (contracts from
        # €23,000), 1 × 40 - 36 = 4 accounts of room, under the 10 the team keeps free:
        # "prepare". Below €23,000 a book holds 50, 1 × 50 - 36 = 14 of room: "not yet".
        ("mid_market", 36, 30_000, 23_000),
        # One AM, 15 enterprise accounts of €300,000: a book of 15 (from €230,000), no room
        # under the 4 kept free: "prepare". Below €230,000 a book holds 20, 5 of room: "not
        # yet". Today's value and those the solver reads first all hold books of 15.
        ("enterprise", 15, 300_000, 230_000),
    ],
)
def test_flip_points_are_exact_across_a_band_cut_off(
    segment: str, accounts: int, value: int, cut_off: int
) -> None:
    profile = parse_profile(
        {
            **TWO_AMS,
            "segment": segment,
            "current_account_managers": 1,
            "active_accounts": accounts,
            "avg_contract_value": value,
        }
    )
    assert decide(profile, PACK)[0].value == "prepare"
    found = reported(evaluate(profile, PACK).flip_points, "avg_contract_value")
    assert found["down"]["not_yet"] == cut_off - 1
    check_flip_points(profile, PACK)
