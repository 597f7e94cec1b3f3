"""Money and capacity: what the book is worth, what is at risk, and what an AM costs and returns.

Every formula lives here once; the engine, the brief and the app read these values.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import msgspec

from advisor.fields import DERIVED_FIELDS as DERIVED_FIELDS  # re-exported: the derived figures
from advisor.profile import CompanyProfile

if TYPE_CHECKING:
    from advisor.pack.model import RulePack


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
    values["acv_per_am_cost"] = values["avg_contract_value"] / am_cost
    values["book_load"] = values["active_accounts"] / book_size_high
    current = values.get("current_account_managers") or 0
    values["team_room"] = current * book_size_high - values["active_accounts"]


class Economics(msgspec.Struct, frozen=True):
    """The numbers behind a verdict. None means 'not defined here' (e.g. zero margin).

    Cost, cost share and payback are for the team the book needs (`recommended_am_count`),
    against the gain from the whole book; the `next_am_*` figures are the marginal case of
    the last AM of that team (or of the next one once the current team covers the book).
    """

    currency: str
    total_arr: float
    gross_profit: float
    arr_at_risk: float
    accounts_at_risk: float
    am_cost: float
    am_cost_source: str
    team_cost: float
    am_cost_share_of_gross_profit: float | None
    break_even_arr: float | None
    break_even_accounts: float | None
    supported_from_accounts: float | None
    affordability_floor: float
    expected_retained_arr: float
    expected_expansion_arr: float
    expected_gross_profit_gain: float
    payback_months: float | None
    book_size_low: int
    book_size_high: int
    cadence_hours: float
    client_hours_per_am: float
    accounts_per_am: int
    recommended_am_count: int
    current_account_managers: int
    accounts_covered_by_team: int
    additional_ams_needed: int
    next_am_due_at_accounts: int
    next_am_accounts: int
    next_am_gross_profit_gain: float
    next_am_payback_months: float | None

    @property
    def team_covers_book(self) -> bool:
        return self.current_account_managers > 0 and self.additional_ams_needed == 0

    def to_dict(self) -> dict[str, Any]:
        data = msgspec.structs.asdict(self)
        data["team_covers_book"] = self.team_covers_book
        return data


def _ratio(numerator: float, denominator: float) -> float | None:
    """numerator / denominator, or None where it is undefined or not a finite number."""
    if denominator <= 0:
        return None
    try:
        result = numerator / denominator
    except (OverflowError, ZeroDivisionError):
        return None
    return result if math.isfinite(result) else None


# ---------------------------------------------------------------------------------------------
# The one capacity model. An AM holds at most the segment's book size and at most the client
# hours a month the drafted cadence asks for; the AM count carries both, from the same tier
# shares and hours the role drafting uses, so count, cost, payback and cadence always agree.


class CadenceModel(msgspec.Struct, frozen=True):
    """Tier shares and hours a month per account for one segment, and one AM's client hours."""

    shares: tuple[float, ...]
    hours: tuple[float, ...]
    client_hours_per_am: float

    def tier_counts(self, active_accounts: int) -> tuple[int, ...]:
        """Accounts per tier when account-level values are unknown: the shares, rounded, with
        the last tier taking the remainder so the counts add up to the book."""
        counts = []
        assigned = 0
        for index, share in enumerate(self.shares):
            left = max(active_accounts - assigned, 0)
            count = (
                left if index == len(self.shares) - 1 else min(round(share * active_accounts), left)
            )
            assigned += count
            counts.append(count)
        return tuple(counts)

    def hours_for(self, active_accounts: int) -> float:
        counts = self.tier_counts(active_accounts)
        return float(sum(count * hours for count, hours in zip(counts, self.hours, strict=True)))


def cadence_model(pack: RulePack, segment: str) -> CadenceModel | None:
    """The default cadence of the pack's role section, or None when the pack has none."""
    role = pack.role
    if role is None or not role.tiers or "client_hours_per_am_month" not in role.figures:
        return None
    return CadenceModel(
        shares=tuple(tier.share_of_accounts for tier in role.tiers),
        hours=tuple(tier.hours_per_month(segment) for tier in role.tiers),
        client_hours_per_am=role.figure("client_hours_per_am_month"),
    )


# Pure in its arguments; a batch asks it again and again for the same book sizes, and the
# next-AM search asks it several times per profile.
@lru_cache(maxsize=4096)
def recommended_am_count(
    active_accounts: int, book_size_high: int, cadence: CadenceModel | None = None
) -> int:
    """AMs the book needs: no one holds more than the segment's maximum book, and the team's
    client hours carry the drafted cadence."""
    if active_accounts <= 0:
        return 0
    count = math.ceil(active_accounts / book_size_high)
    if cadence is not None and cadence.client_hours_per_am > 0:
        hours = cadence.hours_for(active_accounts)
        count = max(count, math.ceil(hours / cadence.client_hours_per_am - 1e-9))
    return count


@lru_cache(maxsize=64)  # one answer per segment and cadence, asked for every profile
def _accounts_per_am(book_size_high: int, cadence: CadenceModel | None) -> int:
    """The most accounts one AM holds under both limits."""
    if cadence is None:
        return book_size_high
    fits = book_size_high
    while fits > 1 and recommended_am_count(fits, book_size_high, cadence) > 1:
        fits -= 1
    return fits


@lru_cache(maxsize=4096)  # pure; a batch meets the same book and team again and again
def _first_book_needing_more(
    active_accounts: int, team: int, book_size_high: int, cadence: CadenceModel | None
) -> int:
    """The smallest book above today's that needs more than `team` AMs."""
    low, high = active_accounts + 1, max(team, 1) * book_size_high + 1
    if low >= high:
        return low
    while low < high:  # the count only grows with the book, so bisect
        middle = (low + high) // 2
        if recommended_am_count(middle, book_size_high, cadence) > max(team, 1):
            high = middle
        else:
            low = middle + 1
    return low


_DERIVATION_INPUTS = (
    "active_accounts",
    "current_account_managers",
    "avg_contract_value",
    "gross_margin",
    "am_fully_loaded_cost",
    "logo_churn_rate",
)


def _break_even(profile: CompanyProfile, am_cost: float, floor: float) -> tuple[Any, Any, Any]:
    break_even_arr = _ratio(am_cost, profile.gross_margin)
    accounts = (
        _ratio(break_even_arr, profile.avg_contract_value) if break_even_arr is not None else None
    )
    return break_even_arr, accounts, None if accounts is None else accounts * floor


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
    cadence = cadence_model(pack, segment)
    active, current = profile.active_accounts, profile.current_account_managers
    count = recommended_am_count(active, high, cadence)
    per_am = _accounts_per_am(high, cadence)
    # The marginal AM: the last one of the team the book needs, carrying the accounts the
    # others cannot; once today's team covers the book, the next one, due at a larger book.
    next_accounts = max(active - (count - 1) * per_am, 0) if count > current else 0
    next_gain = gain * next_accounts / active if active else 0.0
    floor_threshold = pack.thresholds.get("affordability_floor")
    floor = float(floor_threshold.resolve(segment)) if floor_threshold else 1.0  # type: ignore[arg-type]
    break_even_arr, break_even_accounts, supported_from = _break_even(profile, am_cost, floor)
    return Economics(
        currency=profile.currency,
        total_arr=total_arr,
        gross_profit=gross_profit,
        arr_at_risk=arr_at_risk,
        accounts_at_risk=active * profile.logo_churn_rate,
        am_cost=am_cost,
        am_cost_source=am_cost_source,
        team_cost=count * am_cost,
        am_cost_share_of_gross_profit=_ratio(count * am_cost, gross_profit),
        break_even_arr=break_even_arr,
        break_even_accounts=break_even_accounts,
        supported_from_accounts=supported_from,
        affordability_floor=floor,
        expected_retained_arr=retained,
        expected_expansion_arr=expansion,
        expected_gross_profit_gain=gain,
        payback_months=_ratio(count * am_cost, gain / 12),
        book_size_low=low,
        book_size_high=high,
        cadence_hours=cadence.hours_for(active) if cadence else 0.0,
        client_hours_per_am=cadence.client_hours_per_am if cadence else 0.0,
        accounts_per_am=per_am,
        recommended_am_count=count,
        current_account_managers=current,
        accounts_covered_by_team=current * per_am,
        additional_ams_needed=max(count - current, 0),
        next_am_due_at_accounts=_first_book_needing_more(
            active, max(count, current), high, cadence
        ),
        next_am_accounts=next_accounts,
        next_am_gross_profit_gain=next_gain,
        next_am_payback_months=_ratio(am_cost, next_gain / 12) if next_accounts else None,
    )
