"""A Stripe subscriptions export whose retention is worked out by hand from the definition.

The definition, as the product states it for every export (the `advisor.portfolio` docstring):
the cohort is the customers paying at the period start; NRR = (their
revenue at the start + expansion − contraction − churn) ÷ their revenue at the start; GRR the
same without expansion; logo retention = cohort customers still paying at the period end ÷
cohort customers. New and reactivated customers stay out of all three.

Stripe's own columns (the Subscription object in Stripe's API reference): `start_date` is when
the whole subscription began, `ended_at` when it stopped, `canceled_at` when the cancellation
was asked for (it may end later, at the period end), `current_period_end` the next renewal;
`trialing`, `incomplete` and `incomplete_expired` subscriptions have not paid yet; `Amount` is
the price of one unit for one `Interval`, so a year is Amount × Quantity × charges a year.

A subscription pays on the days from its start date up to, not including, its end date: one
that ends on the period start is not in the cohort, one that ends on the as-of date is churn,
and one that starts on the period start is in the cohort.
"""

from __future__ import annotations

from datetime import date

import pytest
from portfolio_support import PACK, import_text, messages

from advisor.portfolio import PortfolioReport, diagnose

AS_OF = date(2025, 6, 30)  # the period runs from 2024-06-30
HEADER = (
    "id,Customer ID,Customer Name,Product,Quantity,Currency,Interval,Amount,Status,"
    "Start Date (UTC),Current Period End (UTC),Canceled At (UTC),Ended At (UTC)\n"
)
ROWS = """\
sub_a1,cus_A,Alder Ltd,Seats,10,usd,month,40.00,active,2023-03-01 10:00,2025-07-01 10:00,,
sub_a2,cus_A,Alder Ltd,Add-on,1,usd,year,1200.00,active,2025-02-01 08:30,2026-02-01 08:30,,
sub_a3,cus_A,Alder Ltd,Reports,1,usd,month,99.00,trialing,2025-06-25 12:00,2025-07-09 12:00,,
sub_b1,cus_B,Birch Inc,Enterprise,1,usd,year,6000.00,canceled,2022-09-01 00:00,2025-06-30 00:00,2025-05-15 16:20,2025-06-30 00:00
sub_c1,cus_C,Cedar Co,Seats,5,usd,month,50.00,canceled,2021-01-01 00:00,2024-06-30 00:00,2024-06-30 00:00,2024-06-30 00:00
sub_d1,cus_D,Dogwood AB,Seats,2,usd,month,100.00,past_due,2023-06-01 00:00,2025-07-01 00:00,,
sub_e1,cus_E,Elm GmbH,Seats,3,usd,month,100.00,active,2022-01-01 00:00,2025-07-01 00:00,,
sub_e2,cus_E,Elm GmbH,Seats,1,usd,month,100.00,canceled,2023-01-01 00:00,2025-01-31 00:00,2025-01-31 00:00,2025-01-31 00:00
sub_f1,cus_F,Fir Oy,Seats,3,usd,month,50.00,trialing,2025-06-20 00:00,2025-07-04 00:00,,
sub_g1,cus_G,Gum SA,Seats,1,usd,month,50.00,incomplete,2025-06-28 00:00,2025-07-28 00:00,,
sub_g2,cus_G,Gum SA,Seats,1,usd,month,50.00,incomplete_expired,2025-05-01 00:00,2025-06-01 00:00,,2025-05-02 00:00
sub_h1,cus_H,Hazel plc,Enterprise,1,usd,year,12000.00,active,2024-06-30 09:00,2025-06-30 09:00,,
sub_i1,cus_I,Ivy Srl,Pro,1,usd,month,500.00,active,2024-07-01 00:00,2025-07-01 00:00,,
sub_j1,cus_J,Juniper BV,Pro,2,usd,year,1500.00,unpaid,2020-05-05 00:00,2026-05-05 00:00,,
sub_k1,cus_K,Kiwi Ltd,Pro,1,usd,month,300.00,canceled,2023-02-01 00:00,2025-08-15 00:00,2025-07-20 11:00,2025-08-15 00:00
sub_l1,cus_L,Larch AS,Pro,1,usd,year,2000.00,canceled,2022-03-01 00:00,2024-03-01 00:00,2024-02-01 00:00,2024-03-01 00:00
sub_l2,cus_L,Larch AS,Pro,1,usd,month,250.00,active,2025-01-15 00:00,2025-07-15 00:00,,
"""


def stripe_report() -> PortfolioReport:
    imported = import_text(HEADER + ROWS, "subscriptions.csv")
    assert imported.layout == "stripe-subscriptions"
    return diagnose(imported, AS_OF, PACK)


def by_account(report: PortfolioReport) -> dict[str, tuple[float, float]]:
    rows = report.frame[["account", "arr_start", "arr_end"]].itertuples(index=False)
    return {str(name): (float(start), float(end)) for name, start, end in rows}


# Each customer's yearly revenue on 2024-06-30 (start) and 2025-06-30 (end), by hand:
# Alder   10 × 40 × 12 = 4,800 → + the add-on 1,200 a year from 2025-02 = 6,000 (expansion);
#         its trialing "Reports" has not paid yet and is left out.
# Birch   6,000 a year, ended 2025-06-30, the as-of date itself: churn (0 at the end).
# Cedar   ended 2024-06-30, the period start itself: never in the cohort, left out.
# Dogwood past_due, 2 × 100 × 12 = 2,400 at both dates (payment retried: still a customer).
# Elm     3 × 100 × 12 + 1 × 100 × 12 = 4,800 → the second one ended 2025-01-31: 3,600.
# Fir     trialing only; Gum incomplete and incomplete_expired only: not customers yet.
# Hazel   started on the period start: in the cohort, 12,000 at both dates.
# Ivy     started the day after: new, 0 → 6,000.
# Juniper unpaid, 2 × 1,500 = 3,000 at both dates.
# Kiwi    300 × 12 = 3,600; cancelled on 2025-07-20 and ended 2025-08-15, after the as-of
#         date: still paying on 2025-06-30, so 3,600 at both dates.
# Larch   ended 2024-03-01, back on 2025-01-15 at 250 × 12 = 3,000: reactivated.
EXPECTED = {
    "Alder Ltd": (4800.0, 6000.0),
    "Birch Inc": (6000.0, 0.0),
    "Dogwood AB": (2400.0, 2400.0),
    "Elm GmbH": (4800.0, 3600.0),
    "Hazel plc": (12000.0, 12000.0),
    "Ivy Srl": (0.0, 6000.0),
    "Juniper BV": (3000.0, 3000.0),
    "Kiwi Ltd": (3600.0, 3600.0),
    "Larch AS": (0.0, 3000.0),
}
# Cohort: Alder, Birch, Dogwood, Elm, Hazel, Juniper, Kiwi (7 customers).
START = 4800 + 6000 + 2400 + 4800 + 12000 + 3000 + 3600  # 36,600
EXPANSION = 1200  # Alder
CONTRACTION = 1200  # Elm
CHURN = 6000  # Birch
RETAINED = START + EXPANSION - CONTRACTION - CHURN  # 30,600
KEPT = START - CONTRACTION - CHURN  # 29,400


def test_stripe_nrr_grr_logo_retention_keep_a_subscription_ended_after_the_as_of_date() -> None:
    report = stripe_report()
    assert by_account(report) == EXPECTED
    assert (report.bridge.starting, report.bridge.retained) == (START, RETAINED)
    assert (report.bridge.expansion, report.bridge.contraction) == (EXPANSION, CONTRACTION)
    assert report.bridge.churned == CHURN
    assert report.metric("nrr").value == pytest.approx(RETAINED / START)
    assert report.metric("grr").value == pytest.approx(KEPT / START)
    assert report.metric("logo_retention").value == pytest.approx(6 / 7)
    assert (report.cohort_accounts, report.churned_accounts) == (7, 1)
    assert (report.new_accounts, report.reactivated_accounts) == (1, 1)
    assert (report.bridge.new, report.bridge.reactivated) == (6000, 3000)


def test_stripe_trials_and_unpaid_first_invoices_are_listed_not_counted() -> None:
    report = stripe_report()
    refused = messages(report.excluded)
    for row, word in ((4, "trialing"), (10, "trialing"), (11, "incomplete")):
        assert any(f"row {row}" in m and f"status '{word}' is not a customer" in m for m in refused)
    assert any("row 12" in m and "'incomplete_expired' is not a customer" in m for m in refused)
    assert any("row 6" in m and "ended before the period start" in m for m in refused)


def test_stripe_subscription_read_at_its_current_amount_is_said() -> None:
    notes = stripe_report().notes
    assert any("current amount and quantity" in note for note in notes)
