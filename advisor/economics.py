"""Money and capacity: what the book is worth, what is at risk, and what an AM costs and returns.

Every formula lives here once; the engine, the brief and the app read these values.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from advisor.profile import CompanyProfile

if TYPE_CHECKING:
    from advisor.pack.model import RulePack


@dataclass(frozen=True)
class DerivedField:
    """A value computed from the profile that rules may test, like a profile field."""

    name: str
    label: str
    kind: str  # numeric
    unit: str
    depends_on: tuple[str, ...]
    help: str


DERIVED_FIELDS: dict[str, DerivedField] = {
    field.name: field
    for field in (
        DerivedField(
            "total_arr",
            "Total ARR",
            "numeric",
            "per year",
            ("active_accounts", "avg_contract_value"),
            "Active accounts × average contract value.",
        ),
        DerivedField(
            "gross_profit",
            "Gross profit of the book",
            "numeric",
            "per year",
            ("active_accounts", "avg_contract_value", "gross_margin"),
            "Total ARR × gross margin: what pays for an AM.",
        ),
        DerivedField(
            "am_cost",
            "AM fully loaded cost",
            "numeric",
            "per year",
            ("am_fully_loaded_cost",),
            "The profile's figure, or the rule pack's benchmark for currency and segment.",
        ),
        DerivedField(
            "am_cost_coverage",
            "Gross profit per AM cost",
            "numeric",
            "×",
            ("active_accounts", "avg_contract_value", "gross_margin", "am_fully_loaded_cost"),
            "How many times the book's gross profit covers one AM's cost.",
        ),
        DerivedField(
            "arr_at_risk",
            "ARR at risk from churn",
            "numeric",
            "per year",
            ("active_accounts", "avg_contract_value", "logo_churn_rate"),
            "Total ARR × logo churn: revenue lost in a year if nothing changes.",
        ),
        DerivedField(
            "churn_loss_coverage",
            "Churned gross profit per AM cost",
            "numeric",
            "×",
            (
                "active_accounts",
                "avg_contract_value",
                "gross_margin",
                "logo_churn_rate",
                "am_fully_loaded_cost",
            ),
            "Gross profit lost to churn in a year ÷ one AM's cost.",
        ),
        DerivedField(
            "book_load",
            "Share of one AM's capacity",
            "numeric",
            "×",
            ("active_accounts",),
            "Active accounts ÷ the most one AM can hold in this segment.",
        ),
    )
}


def am_cost_for(profile: CompanyProfile, pack: RulePack) -> tuple[float, str]:
    """The AM cost to use and where it comes from."""
    if profile.am_fully_loaded_cost is not None:
        return profile.am_fully_loaded_cost, "your figure"
    return pack.benchmark_am_cost(profile.currency, profile.segment.value)


def derivation_constants(pack: RulePack, segment: str, currency: str) -> tuple[float, float]:
    """The pack figures derived values need: benchmark AM cost and the segment's max book."""
    return pack.benchmark_am_cost(currency, segment)[0], float(pack.book_size(segment)[1])


def derived_values(values: dict[str, Any], constants: tuple[float, float]) -> None:
    """Add the derived fields to a flat dict of profile values, in place.

    Works on plain dicts so the engine can re-derive quickly when probing flip points.
    """
    benchmark_cost, book_size_high = constants
    total_arr = values["active_accounts"] * values["avg_contract_value"]
    gross_profit = total_arr * values["gross_margin"]
    am_cost = values.get("am_fully_loaded_cost") or benchmark_cost
    arr_at_risk = total_arr * values["logo_churn_rate"]
    values["total_arr"] = total_arr
    values["gross_profit"] = gross_profit
    values["am_cost"] = am_cost
    values["am_cost_coverage"] = gross_profit / am_cost
    values["arr_at_risk"] = arr_at_risk
    values["churn_loss_coverage"] = arr_at_risk * values["gross_margin"] / am_cost
    values["book_load"] = values["active_accounts"] / book_size_high


@dataclass(frozen=True)
class Economics:
    """The numbers behind a verdict. None means 'not defined here' (e.g. zero margin)."""

    currency: str
    total_arr: float
    gross_profit: float
    arr_at_risk: float
    accounts_at_risk: float
    am_cost: float
    am_cost_source: str
    am_cost_share_of_gross_profit: float | None
    break_even_arr: float | None
    break_even_accounts: float | None
    expected_retained_arr: float
    expected_expansion_arr: float
    expected_gross_profit_gain: float
    payback_months: float | None
    book_size_low: int
    book_size_high: int
    recommended_am_count: int
    next_am_due_at_accounts: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _ratio(numerator: float, denominator: float) -> float | None:
    """numerator / denominator, or None where it is undefined or not a finite number."""
    if denominator <= 0:
        return None
    try:
        result = numerator / denominator
    except (OverflowError, ZeroDivisionError):
        return None
    return result if math.isfinite(result) else None


def recommended_am_count(active_accounts: int, book_size_high: int) -> int:
    """AMs the book needs so no one holds more than the segment's maximum book."""
    return math.ceil(active_accounts / book_size_high) if active_accounts > 0 else 0


_DERIVATION_INPUTS = (
    "active_accounts",
    "avg_contract_value",
    "gross_margin",
    "am_fully_loaded_cost",
    "logo_churn_rate",
)


def compute_economics(profile: CompanyProfile, pack: RulePack) -> Economics:
    segment = profile.segment.value
    # The derived figures come from the one derivation the rules read, so a rule and the
    # economics cards can never disagree on ARR, gross profit or ARR at risk.
    figures = {name: getattr(profile, name) for name in _DERIVATION_INPUTS}
    derived_values(figures, derivation_constants(pack, segment, profile.currency))
    total_arr, gross_profit = figures["total_arr"], figures["gross_profit"]
    arr_at_risk = figures["arr_at_risk"]
    am_cost, am_cost_source = am_cost_for(profile, pack)
    impact = pack.am_impact
    retained = arr_at_risk * impact.churn_reduction
    expansion_rate = (
        impact.expansion_uplift_unworked if profile.unworked_upsell else impact.expansion_uplift
    )
    expansion = total_arr * expansion_rate
    gain = (retained + expansion) * profile.gross_margin
    low, high = pack.book_size(segment)
    count = recommended_am_count(profile.active_accounts, high)
    break_even_arr = _ratio(am_cost, profile.gross_margin)
    break_even_accounts = (
        _ratio(break_even_arr, profile.avg_contract_value) if break_even_arr is not None else None
    )
    return Economics(
        currency=profile.currency,
        total_arr=total_arr,
        gross_profit=gross_profit,
        arr_at_risk=arr_at_risk,
        accounts_at_risk=profile.active_accounts * profile.logo_churn_rate,
        am_cost=am_cost,
        am_cost_source=am_cost_source,
        am_cost_share_of_gross_profit=_ratio(am_cost, gross_profit),
        break_even_arr=break_even_arr,
        break_even_accounts=break_even_accounts,
        expected_retained_arr=retained,
        expected_expansion_arr=expansion,
        expected_gross_profit_gain=gain,
        payback_months=_ratio(am_cost, gain / 12),
        book_size_low=low,
        book_size_high=high,
        recommended_am_count=count,
        next_am_due_at_accounts=max(count, 1) * high + 1,
    )
