"""Money and capacity: what the book is worth, what is at risk, and what an AM costs and returns.

Every formula lives here once; the engine, the brief and the app read these values.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import msgspec

from advisor.fields import DERIVED_FIELDS as DERIVED_FIELDS  # re-exported: the derived figures
from advisor.memo import per_pack
from advisor.pay_band import RegionPay as RegionPay
from advisor.pay_band import band_currency, region_pay_for
from advisor.pay_band import pay_place as pay_place
from advisor.pay_band import region_pay as region_pay
from advisor.profile import CompanyProfile

if TYPE_CHECKING:
    from advisor.pack.model import RulePack


def am_cost_for(profile: CompanyProfile, pack: RulePack) -> tuple[float, str, str]:
    """The AM cost, its source as the JSON has it, and its code: profile, pay_band, benchmark."""
    if profile.am_fully_loaded_cost is not None:
        return profile.am_fully_loaded_cost, "your figure", "profile"
    if (pay := region_pay(profile, pack)[0]) is not None:
        return pay.cost_expected, "pay band", "pay_band"
    return (*pack.benchmark_am_cost(profile.currency, profile.segment.value), "benchmark")


class RevenueBook(msgspec.Struct, frozen=True):
    """One business model's bound on a book in money a year: revenue, or gross profit."""

    model: str
    low: float
    high: float
    gross_profit: bool  # measured in gross profit, else in revenue


class Constants(msgspec.Struct, frozen=True):
    """The pack figures the derived values need for one segment and currency."""

    benchmark_cost: float
    book_size_high: int  # the most accounts one AM holds (benchmarks.book_size)
    cadence: CadenceModel | None
    churn_reduction: float  # the expected case of the assumed effect
    expansion_uplift: float
    expansion_uplift_unworked: float
    recruiting_share: float  # of a year's AM cost
    ramp_months: float
    # Where each band of contract value after the first starts (None: no bands in the currency).
    band_cutoffs: tuple[float, ...] | None = None
    # Each business model's money bound in this currency (none where the pack gives none).
    revenue_books: tuple[RevenueBook, ...] = ()
    # Per band of contract value, lowest first, `pack.book_size(segment, band)`'s high.
    band_book_highs: tuple[int, ...] | None = None
    # The business models whose contracts the bands do not describe: the segment's book size.
    unbanded_models: tuple[str, ...] = ()


def revenue_books(pack: RulePack, currency: str) -> tuple[RevenueBook, ...]:
    """The pack's bound on a book in money for each business model, in `currency`."""
    models = pack.business_models
    if models is None:
        return ()
    books = []
    for name, spec in models.models.items():
        bound = spec.revenue_bound(currency)
        if bound is not None:
            books.append(
                RevenueBook(name, bound.low, bound.high, spec.book_measure == "gross_profit")
            )
    return tuple(books)


@per_pack  # pure in a frozen pack: once per pack, segment, currency and place
def derivation_constants(
    pack: RulePack,
    segment: str,
    currency: str,
    country: str | None = None,
    city_band: str | None = None,
) -> Constants:
    """The pack figures derived values need: the AM cost when the profile gives none (the pay
    band of its country, else the benchmark), the segment's max book, the one hours model, the
    expected effect of an AM, what a hire takes and each business model's bound on a book in
    money."""
    effect, hiring, bm = pack.am_effect, pack.hiring, pack.business_models
    pay, _status = region_pay_for(pack, currency, country, city_band)
    return Constants(
        benchmark_cost=(
            pay.cost_expected if pay is not None else pack.benchmark_am_cost(currency, segment)[0]
        ),
        book_size_high=pack.book_size(segment)[1],
        cadence=cadence_model(pack, segment),
        churn_reduction=effect.churn_reduction.expected,
        expansion_uplift=effect.expansion_uplift.expected,
        expansion_uplift_unworked=effect.expansion_uplift_unworked.expected,
        recruiting_share=hiring.recruiting_cost.value,
        ramp_months=hiring.ramp_days.value / DAYS_PER_MONTH,
        band_cutoffs=pack.bands.cutoffs(currency) if pack.bands else None,
        revenue_books=revenue_books(pack, currency),
        band_book_highs=(
            tuple(pack.book_size(segment, band.id)[1] for band in pack.bands.bands)
            if pack.bands and pack.book_sizes_by_band
            else None
        ),
        unbanded_models=tuple(
            n for n, m in (bm.models if bm else {}).items() if not m.band_targets
        ),
    )


DEFAULT_MODEL = "saas_subscription"  # as `fields.BusinessModel`'s default
BookOf = tuple[RevenueBook | None, int, int]  # `book_of`: the bound, the book by count, the most


def revenue_book(constants: Constants, model: str | None) -> RevenueBook | None:
    """The money bound of a business model's book, None when the pack gives none."""
    wanted = model or DEFAULT_MODEL
    for book in constants.revenue_books:
        if book.model == wanted:
            return book
    return None


def per_account(values: dict[str, Any], book: RevenueBook) -> float:
    """What one average account adds to a book in the bound's measure."""
    value = float(values["avg_contract_value"])
    return value * float(values["gross_margin"]) if book.gross_profit else value


def accounts_in(amount: float, each: float) -> int | None:
    """Whole average accounts that fit in `amount` (at least one); None when an account adds
    nothing to the measure, so the bound does not limit the book."""
    if each <= 0 or not math.isfinite(amount / each):  # next to nothing: no limit either
        return None
    return max(1, math.floor(amount / each + 1e-9))


def counted_book_high(values: dict[str, Any], constants: Constants) -> int:
    """The most accounts one AM holds by count (benchmarks.book_size): the book size of the band
    of contract value the average contract falls in, else the segment's (`pack.book_size`)."""
    highs, cutoffs = constants.band_book_highs, constants.band_cutoffs
    model = values.get("business_model") or DEFAULT_MODEL
    if highs is None or cutoffs is None or model in constants.unbanded_models:
        return constants.book_size_high
    return highs[bisect_right(cutoffs, values["avg_contract_value"])]


def band_book_cutoffs(values: dict[str, Any], constants: Constants) -> list[float]:
    """The average contract values at which the book size by count changes band."""
    highs, cutoffs = constants.band_book_highs, constants.band_cutoffs
    model = values.get("business_model") or DEFAULT_MODEL
    if highs is None or cutoffs is None or model in constants.unbanded_models:
        return []
    return [cut for cut, a, b in zip(cutoffs, highs, highs[1:], strict=False) if a != b]


def book_high(values: dict[str, Any], constants: Constants) -> int:
    """The most accounts one AM holds: the book size by count (`counted_book_high`), and no more
    average accounts than the business model's money bound holds."""
    return book_of(values, constants)[2]


def high_under(values: dict[str, Any], book: RevenueBook | None, counted: int) -> int:
    """`book_high` from the book by count and the money bound (None: none), both looked up."""
    if book is None:
        return counted
    fits = accounts_in(book.high, per_account(values, book))
    return counted if fits is None else min(counted, fits)


def book_of(values: dict[str, Any], constants: Constants) -> BookOf:
    """The money bound (None: sized by accounts), the book by count and the most accounts one AM
    holds, read from the business model, the average contract value and the margin alone."""
    book = revenue_book(constants, values.get("business_model"))
    counted = counted_book_high(values, constants)
    return book, counted, high_under(values, book, counted)


def book_pieces(values: dict[str, Any], constants: Constants, field_name: str) -> list[float]:
    """The values of one input at which the book's size in accounts changes, everything else as
    in `values`: the band cut-offs of the book size by count, and where the money bound holds
    one average account fewer. Between two of them the book's size in accounts is constant."""
    bands = band_book_cutoffs(values, constants) if field_name == "avg_contract_value" else []
    book = revenue_book(constants, values.get("business_model"))
    if book is None:
        return bands
    if field_name == "avg_contract_value":
        share = float(values["gross_margin"]) if book.gross_profit else 1.0
    elif field_name == "gross_margin" and book.gross_profit:
        share = float(values["avg_contract_value"])
    else:
        return bands
    if share <= 0:
        return bands
    # Past the most accounts the book by count holds, one account fewer changes nothing.
    unbanded = (values.get("business_model") or DEFAULT_MODEL) in constants.unbanded_models
    highs = () if unbanded else constants.band_book_highs or ()
    most = max((*highs, constants.book_size_high))
    return bands + [book.high / (k * share) for k in range(1, most + 1)]


DAYS_PER_MONTH = 365.25 / 12
EFFECT_CASES = ("low", "expected", "high")  # as `pack.model.EFFECT_CASES`


def arr_lost(total_arr: float, logo_churn_rate: float, grr: float | None) -> float:
    """Revenue a year churn takes: what a given gross revenue retention says is lost, else the
    share of accounts that leave at the average contract value."""
    if grr is not None:
        return total_arr * max(1.0 - grr, 0.0)
    return total_arr * logo_churn_rate


def payback_after(
    gain_per_year: float, cost_per_year: float, recruiting: float, ramp_months: float
) -> float | None:
    """Months of gross profit from the revenue a first year of the hires keeps or adds, to
    repay that year's salary and the recruiting; None when they keep and add nothing.

    The payback of any recurring-revenue investment, counted as SaaS counts the payback of
    acquiring a customer: a year's cost against the monthly gross profit of the recurring
    revenue the year's work brings, here the revenue kept from churn and added by expansion.
    The ramp-up months bring none of it, so the first year brings (12 − ramp) months' worth.
    """
    if cost_per_year <= 0:
        return 0.0
    monthly = gain_per_year * max(12 - ramp_months, 0.0) / 12 / 12
    if monthly <= 0:
        return None
    return _ratio(cost_per_year + recruiting, monthly)


def hires_to_make(count: int, current: int) -> int:
    """The Account Managers the book needs beyond today's team."""
    return max(count - current, 0)


def derived_values(
    values: dict[str, Any], constants: Constants, known: BookOf | None = None
) -> None:
    """Add the derived fields to a flat dict of profile values, in place (a plain dict, so the
    engine re-derives quickly when probing flip points), given `book_of` once a probe knows it."""
    active = values["active_accounts"]
    total_arr = active * values["avg_contract_value"]
    margin = values["gross_margin"]
    gross_profit = total_arr * margin
    am_cost = values.get("am_fully_loaded_cost") or constants.benchmark_cost
    at_risk = arr_lost(total_arr, values["logo_churn_rate"], values.get("grr"))
    book, counted, high = known or book_of(values, constants)
    cutoffs, acv = constants.band_cutoffs, values["avg_contract_value"]
    current = values.get("current_account_managers") or 0
    values["total_arr"], values["gross_profit"] = total_arr, gross_profit
    values["am_cost"], values["am_cost_coverage"] = am_cost, gross_profit / am_cost
    values["arr_at_risk"] = at_risk
    values["churn_loss_coverage"] = at_risk * margin / am_cost
    values["acv_per_am_cost"], values["book_load"] = acv / am_cost, active / high
    values["books_of_work"] = None if book is None else active / high
    values["accounts_over_book"] = active - counted
    values["contract_value_band"] = None if cutoffs is None else bisect_right(cutoffs, acv) + 1
    values["team_room"] = current * high - active
    count = recommended_am_count(active, high, constants.cadence)
    if count <= current or active <= 0:
        values["payback_months"] = 0.0
        return
    # The next hire carries the accounts nobody carries, up to a full book (the verdict's hire).
    per_am = _accounts_per_am(high, constants.cadence)
    carried = min(max(active - current * per_am, 0), per_am) / active
    worked = not values.get("unworked_upsell")
    uplift = constants.expansion_uplift if worked else constants.expansion_uplift_unworked
    gain = (at_risk * constants.churn_reduction + total_arr * uplift) * margin * carried
    months = payback_after(
        gain, am_cost, am_cost * constants.recruiting_share, constants.ramp_months
    )
    values["payback_months"] = math.inf if months is None else months


def payback_pieces(values: dict[str, Any], constants: Constants, field_name: str) -> list[float]:
    """The values of one input at which the next hire's payback changes formula, everything
    else as in `values` (a flat dict with the derived figures).

    Between two of them the payback is monotone in any one input, or constant: 0 while the
    team holds the book, infinite while a hire would carry no account nobody carries, falling
    as the accounts the next hire carries grow, flat once they are a full book. Only the book,
    today's team and the book's size in accounts under the money bound (`book_pieces`) move
    those limits; every other input keeps the payback monotone.
    """
    active = values["active_accounts"]
    current = values.get("current_account_managers") or 0
    high, cadence = book_high(values, constants), constants.cadence
    per_am = _accounts_per_am(high, cadence)
    if field_name == "active_accounts":
        # The smallest book today's team cannot hold.
        first_more = _first_book_needing_more(0, current, high, cadence) if current > 0 else 1
        return [current * per_am, (current + 1) * per_am, first_more - 1, first_more]
    if field_name == "current_account_managers":
        count = recommended_am_count(round(active), high, cadence)
        return [active / per_am - 1, active / per_am, count - 1, count]
    return book_pieces(values, constants, field_name)


class EffectCase(msgspec.Struct, frozen=True):
    """One case of the assumed effect of the hires (low, expected, high) and what it returns."""

    name: str  # low | expected | high
    churn_reduction: float
    expansion_uplift: float
    retained_arr: float  # ARR a year the hires keep from churn
    expansion_arr: float  # ARR a year they add
    gross_profit_gain: float  # a year at full effect, on the accounts they carry
    first_year_gain: float  # gross profit a month of the revenue a first year keeps or adds
    payback_months: float | None  # None: they keep and add nothing


class Payback(msgspec.Struct, frozen=True):
    """What the next hire costs and returns, under each case of the assumed effect.

    The next Account Manager to hire (today's team is paid already) carries the accounts
    nobody carries, up to a full book; they cost a year's salary and the recruiting once, and
    keep or add nothing until the ramp-up is over (`payback_after`). The hires after them are
    the team plan's, each with the marginal case of the last (`Economics.next_am_*`).
    """

    hires: int
    accounts: int  # the accounts the hires carry
    cost_per_year: float
    recruiting_cost: float
    ramp_months: float
    cases: tuple[EffectCase, ...]  # low, expected, high
    hold_months: float | None  # the pack's payback_hold: beyond it the verdict is held

    @property
    def expected(self) -> EffectCase:
        return self.cases[1]

    def to_dict(self) -> dict[str, Any]:
        return {
            "hires": self.hires,
            "accounts": self.accounts,
            "cost_per_year": self.cost_per_year,
            "recruiting_cost": self.recruiting_cost,
            "ramp_months": self.ramp_months,
            "hold_months": self.hold_months,
            "cases": [msgspec.structs.asdict(case) for case in self.cases],
        }


class Economics(msgspec.Struct, frozen=True):
    """The numbers behind a verdict. None means 'not defined here' (e.g. zero margin).

    Cost and cost share are for the team the book needs (`recommended_am_count`); the payback
    is for the next hire to make (`payback`), on the accounts they carry; the `next_am_*`
    figures are the marginal case of the last AM of that team (or of the next one once the
    current team covers the book). Client hours are one budget: the cadence and the renewals
    of the book against `client_hours_per_am` for each AM.
    """

    currency: str
    total_arr: float
    gross_profit: float
    arr_at_risk: float
    arr_at_risk_basis: str  # "grr": total ARR × (1 − GRR); "logo_churn": ARR × logo churn
    accounts_at_risk: float
    expansion_measured: float | None  # NRR − GRR, when both are given
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
    payback_months: float | None  # the next hire's, expected case; 0 when no hire is needed
    payback: Payback
    book_size_low: int
    book_size_high: int
    cadence_hours: float  # a month, for the whole book
    renewal_hours: float  # a month, for the whole book
    hours_per_renewal: float
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
    # The band of contract value the average contract falls in (None: no bands in the currency).
    contract_value_band: str | None = None
    # The band whose own book size the book is read with (`book_band`); None: the segment's.
    book_size_band: str | None = None
    # What a book is for the business model: the words for its revenue, what its money bound
    # counts, and which bound sized the team (`book_basis`).
    revenue_term: str = "ARR"
    basis: BookBasis | None = None
    # The pay band of the profile's country (None without one), whether it sets the cost
    # ("used"), is shown beside the profile's own figure ("reference") or cannot be used
    # ("no_band", "currency"), and the AM cost, team cost and payback at the band's ends.
    pay: RegionPay | None = None
    pay_status: str = ""
    am_cost_basis: str = ""  # am_cost_for's code; "" in an assessment saved before it was kept
    am_cost_low: float | None = None
    am_cost_high: float | None = None
    payback_months_low_cost: float | None = None  # the expected effect at the band's low cost
    payback_months_high_cost: float | None = None
    pay_country: str = ""  # the profile's country, when it gave one
    pay_currency: str = ""  # the currency of that country's pay band, when the pack has one

    @property
    def team_covers_book(self) -> bool:
        return self.current_account_managers > 0 and self.additional_ams_needed == 0

    @property
    def client_hours(self) -> float:
        """Client hours a month the book needs: its cadence and its renewals."""
        return self.cadence_hours + self.renewal_hours

    @property
    def team_client_hours(self) -> float:
        """Client hours a month of the team the book needs."""
        return self.recommended_am_count * self.client_hours_per_am

    def to_dict(self) -> dict[str, Any]:
        data = msgspec.structs.asdict(self)
        data["payback"] = self.payback.to_dict()
        data["basis"] = msgspec.structs.asdict(self.basis) if self.basis else None
        data["pay"] = msgspec.to_builtins(self.pay) if self.pay is not None else None
        data["team_covers_book"] = self.team_covers_book
        data["client_hours"] = self.client_hours
        data["team_client_hours"] = self.team_client_hours
        return data


class BookBasis(msgspec.Struct, frozen=True):
    """How the team was sized: the AMs each bound needs, and the one that decided.

    An AM holds at most `accounts_high` accounts (benchmarks.book_size) and at most
    `money_high` a year of the book's measure (revenue, or gross profit for a reseller), which
    at the average account is `money_accounts` accounts; the client hours of the cadence and the
    renewals are the third bound. The largest need wins: `sized_by` names it (accounts, revenue,
    gross_profit or client_hours), the account count on a tie.
    """

    business_model: str
    measure: str  # revenue | gross_profit
    accounts_high: int
    money_low: float | None
    money_high: float | None
    money_accounts: int | None  # average accounts within money_high
    book_money: float  # the book's measure today: total revenue, or gross profit
    by_accounts: int
    by_money: int | None
    by_hours: int
    sized_by: str


def book_basis(
    values: dict[str, Any], constants: Constants, active: int, client_hours: float
) -> BookBasis:
    """Which bound sizes the team of a book of `active` accounts, with the needs of each."""
    model = str(values.get("business_model") or DEFAULT_MODEL)
    book = revenue_book(constants, model)
    high = counted_book_high(values, constants)
    by_accounts = math.ceil(active / high) if active > 0 else 0
    cadence = constants.cadence
    by_hours = 0
    if cadence is not None and cadence.client_hours_per_am > 0 and active > 0:
        by_hours = math.ceil(client_hours / cadence.client_hours_per_am - 1e-9)
    money_accounts = by_money = None
    measure, book_money = "revenue", active * float(values["avg_contract_value"])
    if book is not None:
        measure = "gross_profit" if book.gross_profit else "revenue"
        book_money = active * per_account(values, book)
        money_accounts = accounts_in(book.high, per_account(values, book))
        if money_accounts is not None:
            by_money = math.ceil(active / money_accounts) if active > 0 else 0
    needs = {"accounts": by_accounts, measure: by_money or 0, "client_hours": by_hours}
    sized_by = max(needs, key=lambda name: needs[name])  # the first of a tie: accounts
    return BookBasis(
        business_model=model,
        measure=measure,
        accounts_high=high,
        money_low=book.low if book else None,
        money_high=book.high if book else None,
        money_accounts=money_accounts,
        book_money=book_money,
        by_accounts=by_accounts,
        by_money=by_money,
        by_hours=by_hours,
        sized_by=sized_by,
    )


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
# hours a month the book asks for (the drafted cadence and the renewals, in one budget), from the
# tier shares and hours the role drafting uses: count, cost, payback and workload always agree.


class CadenceModel(msgspec.Struct, frozen=True, cache_hash=True):  # a key of cached counts
    """Tier shares and hours a month per account for one segment, one AM's client hours, and
    the renewal hours a month per account (a renewal a year under the renewal playbook)."""

    shares: tuple[float, ...]
    hours: tuple[float, ...]
    client_hours_per_am: float
    renewal_hours: float = 0.0  # per account, a month

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

    def cadence_hours_for(self, active_accounts: int) -> float:
        counts = self.tier_counts(active_accounts)
        return float(sum(count * hours for count, hours in zip(counts, self.hours, strict=True)))

    def renewal_hours_for(self, active_accounts: int) -> float:
        return active_accounts * self.renewal_hours

    def hours_for(self, active_accounts: int) -> float:
        """Client hours a month the book needs: its cadence and its renewals."""
        return self.cadence_hours_for(active_accounts) + self.renewal_hours_for(active_accounts)


def cadence_model(pack: RulePack, segment: str) -> CadenceModel | None:
    """The default cadence of the pack's role section, or None when the pack has none."""
    role = pack.role
    if role is None or not role.tiers or "client_hours_per_am_month" not in role.figures:
        return None
    return CadenceModel(
        shares=tuple(tier.share_of_accounts for tier in role.tiers),
        hours=tuple(tier.hours_per_month(segment) for tier in role.tiers),
        client_hours_per_am=role.figure("client_hours_per_am_month"),
        renewal_hours=pack.renewal_load.hours(segment) / 12,
    )


# Pure in its arguments; a batch asks it again and again for the same book sizes, and the
# next-AM search asks it several times per profile.
@lru_cache(maxsize=4096)
def recommended_am_count(
    active_accounts: int, book_size_high: int, cadence: CadenceModel | None = None
) -> int:
    """AMs the book needs: no one holds more than the segment's maximum book, and the team's
    client hours carry the drafted cadence and the renewals."""
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
    "business_model",
    "active_accounts",
    "current_account_managers",
    "avg_contract_value",
    "gross_margin",
    "am_fully_loaded_cost",
    "logo_churn_rate",
    "grr",
    "unworked_upsell",
)


def _break_even(profile: CompanyProfile, am_cost: float, floor: float) -> tuple[Any, Any, Any]:
    break_even_arr = _ratio(am_cost, profile.gross_margin)
    accounts = (
        _ratio(break_even_arr, profile.avg_contract_value) if break_even_arr is not None else None
    )
    return break_even_arr, accounts, None if accounts is None else _ratio(accounts * floor, 1.0)


def payback_for(
    profile: CompanyProfile, pack: RulePack, figures: dict[str, Any], hires: int, carried: int
) -> Payback:
    """The payback of `hires` AMs carrying `carried` accounts, under each case of the effect."""
    effect, hiring = pack.am_effect, pack.hiring
    active, margin = profile.active_accounts, profile.gross_margin
    share = carried / active if active else 0.0
    am_cost = figures["am_cost"]
    cost = hires * am_cost
    recruiting = cost * hiring.recruiting_cost.value
    ramp = hiring.ramp_days.value / DAYS_PER_MONTH
    uplift_range = (
        effect.expansion_uplift_unworked if profile.unworked_upsell else effect.expansion_uplift
    )
    cases = []
    for name in EFFECT_CASES:
        reduction, uplift = effect.churn_reduction.case(name), uplift_range.case(name)
        retained = figures["arr_at_risk"] * reduction * share
        expansion = figures["total_arr"] * uplift * share
        gain = (retained + expansion) * margin
        months = payback_after(gain, cost, recruiting, ramp) if hires else 0.0
        first_year = gain * max(12 - ramp, 0.0) / 144
        cases.append(
            EffectCase(name, reduction, uplift, retained, expansion, gain, first_year, months)
        )
    hold = pack.thresholds.get("payback_hold")
    return Payback(
        hires=hires,
        accounts=carried,
        cost_per_year=cost,
        recruiting_cost=recruiting,
        ramp_months=ramp,
        cases=tuple(cases),
        hold_months=float(hold.resolve(profile.segment.value)) if hold else None,  # type: ignore[arg-type]
    )


def book_band(profile: CompanyProfile, pack: RulePack) -> str | None:
    """The band of contract value whose own book size the profile's book is read with; None
    when the segment's is (no bands in the currency, none given for the band, or a business
    model whose contracts the bands do not describe)."""
    spec = pack.business_model(str(profile.business_model))
    if spec is not None and not spec.band_targets:
        return None
    return pack.book_size_band(pack.band_of(profile.avg_contract_value, profile.currency))


def compute_economics(
    profile: CompanyProfile, pack: RulePack, derived: tuple[dict[str, Any], Constants] | None = None
) -> Economics:
    """`derived`: the profile's values after `derived_values` and their constants, if known."""
    segment = profile.segment.value
    # The one derivation the rules read: a rule and the economics cards can never disagree.
    if derived is None:
        figures = {name: getattr(profile, name) for name in _DERIVATION_INPUTS}
        constants = derivation_constants(pack, segment, profile.currency, *pay_place(profile))
        derived_values(figures, constants)
    else:
        figures, constants = derived
    total_arr, gross_profit = figures["total_arr"], figures["gross_profit"]
    am_cost, am_cost_source, am_cost_basis = am_cost_for(profile, pack)
    band = book_band(profile, pack)
    low, high = pack.book_size(segment, band)
    high = book_high(figures, constants)
    book = revenue_book(constants, str(profile.business_model))
    if book is not None:  # the money bound's low end, in average accounts, where it is lower
        low = min(low, accounts_in(book.low, per_account(figures, book)) or low)
    low = min(low, high)
    cadence = constants.cadence
    active, current = profile.active_accounts, profile.current_account_managers
    count = recommended_am_count(active, high, cadence)
    per_am = _accounts_per_am(high, cadence)
    hires = hires_to_make(count, current)
    carried = min(max(active - current * per_am, 0), per_am) if hires else 0
    payback = payback_for(profile, pack, figures, 1 if hires else 0, carried)
    # The marginal AM: the last one of the team the book needs, carrying the accounts the
    # others cannot; once today's team covers the book, the next one, due at a larger book.
    next_accounts = max(active - (count - 1) * per_am, 0) if count > current else 0
    next_case = payback.expected  # read only with accounts to carry
    if next_accounts and not (hires and carried == next_accounts):
        next_case = payback_for(profile, pack, figures, 1, next_accounts).expected
    floor_threshold = pack.thresholds.get("affordability_floor")
    floor = float(floor_threshold.resolve(segment)) if floor_threshold else 1.0  # type: ignore[arg-type]
    break_even_arr, break_even_accounts, supported_from = _break_even(profile, am_cost, floor)
    expected = payback.expected
    pay, status = region_pay(profile, pack)
    nrr, grr = profile.nrr, profile.grr
    cadence_hours = cadence.cadence_hours_for(active) if cadence else 0.0
    renewal_hours = cadence.renewal_hours_for(active) if cadence else 0.0
    banded = pay is not None and profile.am_fully_loaded_cost is None
    return Economics(
        currency=profile.currency,
        total_arr=total_arr,
        gross_profit=gross_profit,
        arr_at_risk=figures["arr_at_risk"],
        arr_at_risk_basis="grr" if grr is not None else "logo_churn",
        accounts_at_risk=active * profile.logo_churn_rate,
        expansion_measured=nrr - grr if nrr is not None and grr is not None else None,
        am_cost=am_cost,
        am_cost_source=am_cost_source,
        am_cost_basis=am_cost_basis,
        team_cost=count * am_cost,
        am_cost_share_of_gross_profit=_ratio(count * am_cost, gross_profit),
        break_even_arr=break_even_arr,
        break_even_accounts=break_even_accounts,
        supported_from_accounts=supported_from,
        affordability_floor=floor,
        expected_retained_arr=expected.retained_arr,
        expected_expansion_arr=expected.expansion_arr,
        expected_gross_profit_gain=expected.gross_profit_gain,
        payback_months=expected.payback_months,
        payback=payback,
        book_size_low=low,
        book_size_high=high,
        book_size_band=band,
        cadence_hours=cadence_hours,
        renewal_hours=renewal_hours,
        hours_per_renewal=pack.renewal_load.hours(segment),
        client_hours_per_am=cadence.client_hours_per_am if cadence else 0.0,
        accounts_per_am=per_am,
        recommended_am_count=count,
        current_account_managers=current,
        accounts_covered_by_team=current * per_am,
        additional_ams_needed=hires,
        next_am_due_at_accounts=_first_book_needing_more(
            active, max(count, current), high, cadence
        ),
        next_am_accounts=next_accounts,
        next_am_gross_profit_gain=next_case.gross_profit_gain if next_accounts else 0.0,
        next_am_payback_months=next_case.payback_months if next_accounts else None,
        contract_value_band=pack.band_of(profile.avg_contract_value, profile.currency),
        revenue_term=_revenue_term(pack, str(profile.business_model)),
        basis=book_basis(figures, constants, active, cadence_hours + renewal_hours),
        pay=pay,
        pay_status=status or ("" if pay is None else "used" if banded else "reference"),
        am_cost_low=pay.cost_low if pay is not None and banded else None,
        am_cost_high=pay.cost_high if pay is not None and banded else None,
        payback_months_low_cost=_payback_at(payback, pay.cost_low) if pay and banded else None,
        payback_months_high_cost=_payback_at(payback, pay.cost_high) if pay and banded else None,
        pay_country=profile.country or "",
        pay_currency=band_currency(pack, profile.country),
    )


def _payback_at(payback: Payback, am_cost: float) -> float | None:
    """The next hire's payback at the expected effect, were one AM to cost `am_cost` a year."""
    if not payback.hires:
        return 0.0
    cost = payback.hires * am_cost
    share = payback.recruiting_cost / payback.cost_per_year if payback.cost_per_year else 0.0
    return payback_after(
        payback.expected.gross_profit_gain, cost, cost * share, payback.ramp_months
    )


def _revenue_term(pack: RulePack, model: str) -> str:
    spec = pack.business_model(model)
    if spec is not None:
        return spec.revenue_term
    return "ARR" if model == DEFAULT_MODEL else "annual revenue"
