"""The four Portfolio charts carry the report's own numbers, bar by bar and point by point."""

from __future__ import annotations

import pytest
from portfolio_support import PACK

from advisor import charts
from advisor.crm_import import import_accounts_file
from advisor.portfolio import NO_OWNER, SAMPLE_AS_OF, SAMPLE_EXPORT, PortfolioReport, diagnose
from advisor.wording import money, percent


@pytest.fixture(scope="module")
def report() -> PortfolioReport:
    return diagnose(import_accounts_file(SAMPLE_EXPORT), SAMPLE_AS_OF, PACK)


def test_bridge_steps_are_the_report_bridge(report: PortfolioReport) -> None:
    figure = charts.arr_bridge_figure(report)
    (waterfall,) = figure.data
    bridge = report.bridge
    assert list(waterfall.y) == [
        bridge.starting,
        bridge.expansion,
        -bridge.contraction,
        -bridge.churned,
        bridge.retained,
        bridge.new,
        bridge.ending,
    ]
    assert list(waterfall.x) == [
        "Starting ARR",
        "Expansion",
        "Contraction",
        "Churn",
        "Retained ARR",
        f"New accounts ({report.new_accounts})",
        "Ending ARR",
    ]
    assert list(waterfall.measure) == [
        "absolute",
        "relative",
        "relative",
        "relative",
        "total",
        "relative",
        "total",
    ]
    assert waterfall.text[0] == money(bridge.starting, report.currency)
    assert waterfall.text[1] == "+" + money(bridge.expansion, report.currency)
    assert waterfall.text[3] == "−" + money(bridge.churned, report.currency)
    assert waterfall.text[6] == money(bridge.ending, report.currency)
    # The relative steps add up to the totals the waterfall draws.
    assert bridge.starting + bridge.expansion - bridge.contraction - bridge.churned == (
        pytest.approx(bridge.retained)
    )
    assert figure.layout.title.text.startswith("ARR bridge")


def test_calendar_stacks_each_owner_by_month(report: PortfolioReport) -> None:
    figure = charts.renewal_calendar_figure(report)
    calendar = report.calendar
    owners = [trace.name for trace in figure.data]
    assert sorted(owners) == sorted({str(o) for o in calendar["owner"]})
    assert owners[-1] == NO_OWNER  # the unowned renewals come last, in their own colour
    assert figure.data[-1].marker.color == charts.UNOWNED_COLOUR
    drawn = sum(sum(trace.y) for trace in figure.data)
    assert drawn == pytest.approx(float(calendar["arr"].sum()))
    for trace in figure.data:
        rows = calendar.loc[calendar["owner"] == trace.name]
        counts = {str(m): str(n) for m, n in zip(rows["month"], rows["accounts"], strict=True)}
        assert [t for t in trace.text if t] == [counts[m] for m in trace.x if m in counts]
    assert figure.layout.barmode == "stack"


def test_tiers_chart_counts_accounts_per_tier(report: PortfolioReport) -> None:
    (bars,) = charts.tiers_figure(report).data
    assert list(bars.x) == ["Tier A", "Tier B", "Tier C"]
    assert list(bars.y) == [tier.accounts for tier in report.tiers]
    assert sum(bars.y) == report.active_accounts
    assert bars.text[0] == (
        f"{report.tiers[0].accounts} accounts · {percent(report.tiers[0].share)} of ARR"
    )


def test_concentration_curve_and_top_decile_marker(report: PortfolioReport) -> None:
    figure = charts.concentration_figure(report)
    equal, curve, marker = figure.data
    conc = report.concentration
    assert list(equal.x) == [0, 100] and list(equal.y) == [0, 100]
    assert list(curve.x) == [100 * x for x, _ in conc.curve]
    assert list(curve.y) == [100 * y for _, y in conc.curve]
    assert curve.y[-1] == pytest.approx(100)
    assert conc.top_decile_share is not None
    assert list(marker.x) == [100 * conc.top_decile_accounts / conc.accounts]
    assert list(marker.y) == [100 * conc.top_decile_share]
    assert marker.text[0] == f"top 10%: {percent(conc.top_decile_share)} of ARR"
