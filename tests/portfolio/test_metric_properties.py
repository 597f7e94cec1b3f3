"""Invariants of the retention metrics and of amount parsing, over generated portfolios."""

from __future__ import annotations

import json
import math

from hypothesis import given, settings
from hypothesis import strategies as st
from portfolio_support import AS_OF, PACK, accounts_frame, import_text

from advisor import portfolio as pf
from advisor.crm_import import ImportOptions, import_accounts

amounts = st.one_of(
    st.just(0.0),
    st.floats(min_value=0.01, max_value=5e6, allow_nan=False, allow_infinity=False),
)
portfolios = st.lists(st.tuples(amounts, amounts), max_size=60)


def frame_of(pairs: list[tuple[float, float]]):  # type: ignore[no-untyped-def]
    return accounts_frame([s for s, _ in pairs], [e for _, e in pairs])


@settings(max_examples=150, deadline=None)
@given(portfolios)
def test_grr_within_zero_and_one_and_never_above_nrr(pairs: list[tuple[float, float]]) -> None:
    frame = frame_of(pairs)
    grr = pf.gross_revenue_retention(frame).value
    nrr = pf.net_revenue_retention(frame).value
    if pf.starting_arr(frame) == 0:
        assert grr is None and nrr is None
        return
    assert grr is not None and nrr is not None
    assert 0 <= grr <= 1
    assert grr <= nrr
    assert math.isfinite(nrr)


@settings(max_examples=150, deadline=None)
@given(portfolios)
def test_logo_retention_is_a_share(pairs: list[tuple[float, float]]) -> None:
    frame = frame_of(pairs)
    retention = pf.logo_retention(frame).value
    churn = pf.logo_churn_rate(frame).value
    if pf.cohort_accounts(frame) == 0:
        assert retention is None and churn is None
        return
    assert retention is not None and churn is not None
    assert 0 <= retention <= 1
    assert math.isclose(retention + churn, 1)


@settings(max_examples=150, deadline=None)
@given(portfolios)
def test_bridge_sums_to_ending_arr(pairs: list[tuple[float, float]]) -> None:
    frame = frame_of(pairs)
    bridge = pf.arr_bridge(frame)
    steps = bridge.starting + bridge.expansion - bridge.contraction - bridge.churned
    tolerance = 1e-9 * max(1.0, bridge.starting + bridge.expansion + bridge.new)
    assert math.isclose(steps, bridge.retained, abs_tol=tolerance)
    assert math.isclose(bridge.retained + bridge.new, bridge.ending, abs_tol=tolerance)
    # The ending ARR is what the accounts hold at period end, counted independently.
    assert math.isclose(bridge.ending, sum(e for _, e in pairs), abs_tol=tolerance)
    assert min(bridge.expansion, bridge.contraction, bridge.churned, bridge.new) >= 0


@settings(max_examples=150, deadline=None)
@given(portfolios)
def test_new_accounts_never_change_nrr(pairs: list[tuple[float, float]]) -> None:
    frame = frame_of(pairs)
    with_new = frame_of([*pairs, (0.0, 123_456.0)])
    assert pf.net_revenue_retention(frame).value == pf.net_revenue_retention(with_new).value
    assert pf.gross_revenue_retention(frame).value == pf.gross_revenue_retention(with_new).value
    assert pf.logo_retention(frame).value == pf.logo_retention(with_new).value


@settings(max_examples=100, deadline=None)
@given(portfolios.filter(lambda p: any(e > 0 for _, e in p)))
def test_tiers_hold_every_active_account_and_a_leads(pairs: list[tuple[float, float]]) -> None:
    frame = frame_of(pairs)
    tiers = pf.tier_summary(frame)
    assert sum(t.accounts for t in tiers) == pf.active_accounts(frame)
    assert math.isclose(sum(t.share for t in tiers), 1)
    assert tiers[0].accounts >= 1
    a, b, c = tiers
    if b.accounts:
        assert a.smallest >= b.largest
    if c.accounts and b.accounts:
        assert b.smallest >= c.largest


def _format(amount: float, decimal: str) -> str:
    """An amount as a CRM prints it: thousands grouped, two decimals, a currency sign."""
    text = f"{amount:,.2f}"
    if decimal == ",":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return f"€ {text}"


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=20),
    st.sampled_from([",", "."]),
)
def test_amounts_round_trip_through_either_locale(cents: list[int], decimal: str) -> None:
    values = [c / 100 for c in cents]
    delimiter = ";" if decimal == "," else ","
    lines = ["Account;ARR start;ARR end".replace(";", delimiter)]
    for index, value in enumerate(values):
        cell = f'"{_format(value, decimal)}"'
        lines.append(delimiter.join([f"Acct {index}", cell, cell]))
    imported = import_text("\n".join(lines) + "\n", decimal=decimal)
    assert imported.excluded == []
    assert imported.accounts["arr_end"].tolist() == values


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=12), amounts, amounts), max_size=15))
def test_any_names_and_amounts_give_strict_json(rows: list[tuple[str, float, float]]) -> None:
    lines = ["Account,ARR start,ARR end"]
    for name, start, end in rows:
        quoted = '"' + name.replace('"', '""') + '"'
        lines.append(f"{quoted},{start:.2f},{end:.2f}")
    data = "\n".join(lines).encode("utf-8")
    try:
        imported = import_accounts(data, "gen.csv", ImportOptions(decimal="."))
    except ValueError:
        return  # a file the reader refuses as a whole (e.g. no data row) says so; fine
    report = pf.diagnose(imported, AS_OF, PACK)
    json.dumps(report.to_dict(), allow_nan=False)
    assert report.accounts_counted + report.excluded_rows <= max(report.rows_read, 0) + 1
