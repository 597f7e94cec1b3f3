"""The success metrics of a drafted role: each target from the rule pack, never below where the
company already is.

A metric the company already does better than the pack's healthy level is held where it is
("hold at least 118% (today; healthy from 100%)"), the mirror for a metric where lower is better;
a small book's retention target that asks for every account says so, with what one loss does.
Today's values are the profile's, and expansion is NRR − GRR when both are given (the
assessment's own figure).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping

from advisor import present, wording
from advisor.economics import Economics
from advisor.pack.model import MetricTarget
from advisor.pack.role_model import MetricShow
from advisor.profile import CompanyProfile
from advisor.role.model import MetricLine

_EPSILON = 1e-9
_COUNTED = ("logo_retention", "renewal_rate")  # targets on a share of the accounts
_ON_GROSS_PROFIT = ("gp_nrr", "gp_retention")  # a reseller's retention, in gross profit
# Shares of the book, measured in gross profit where the business model measures it so.
_SHARES_OF_THE_BOOK = ("expansion_rate", "contraction_rate")


def metric_text(key: str, value: float) -> str:
    """A metric's value as the table shows it: NPS as a signed score, the rest as a percent."""
    if key == "nps":
        return f"{value:+.0f}" if value else "0"
    return wording.percent(value)


def today_value(key: str, profile: CompanyProfile, econ: Economics) -> float | None:
    """Where the company is today on a metric, when it says."""
    if key == "expansion_rate":
        return econ.expansion_measured
    found = getattr(profile, key, None)
    if isinstance(found, int | float) and not isinstance(found, bool):
        return float(found)
    return None


def goal(target: MetricTarget, today: float | None) -> float:
    """The target: the pack's healthy level, or today's value where the company does better."""
    if today is None:
        return target.healthy
    better = max if target.direction == "higher" else min
    return float(better(target.healthy, today))


def target_text(key: str, target: MetricTarget, today: float | None) -> str:
    """The target in words: 'at least 100% (best in class 120%); alarm below 90%', or, held at
    today's better value, 'hold at least 118% (today; healthy from 100%, best in class 120%)…'."""
    higher = target.direction == "higher"
    better, worse = ("at least", "below") if higher else ("at most", "above")
    aim = goal(target, today)
    best = (
        f"best in class {metric_text(key, target.best_in_class)}"
        if target.best_in_class is not None
        else ""
    )
    if abs(aim - target.healthy) > _EPSILON:
        healthy = f"healthy {'from' if higher else 'up to'} {metric_text(key, target.healthy)}"
        notes = ", ".join(part for part in (healthy, best) if part)
        text = f"hold {better} {metric_text(key, aim)} (today; {notes})"
    else:
        text = f"{better} {metric_text(key, aim)}" + (f" ({best})" if best else "")
    return f"{text}; alarm {worse} {metric_text(key, target.alarm)}"


def accounts_kept(accounts: int, aim: float) -> str:
    """A retention target as accounts: '51 of 60 accounts', or, where the target leaves no loss,
    what it really asks: 'every one of the 6 accounts: at 6 accounts one loss is 83%, below 85%'."""
    kept = math.ceil(accounts * aim - _EPSILON)
    if accounts <= 0 or kept < accounts:
        return f"{kept} of {wording.plural(accounts, 'account')}"
    if aim >= 1 - _EPSILON:
        return f"every one of the {wording.plural(accounts, 'account')}"
    if accounts == 1:
        return f"the one account: losing it leaves 0%, below {wording.percent(aim)}"
    one_loss = (accounts - 1) / accounts
    shown = wording.percent(one_loss, 0)
    if shown == wording.percent(aim, 0):
        shown = wording.percent(one_loss)
    return (
        f"every one of the {accounts:,} accounts: at {accounts:,} accounts one loss is {shown}, "
        f"below {wording.percent(aim)}"
    )


def _for_this_book(key: str, aim: float, profile: CompanyProfile, econ: Economics) -> str:
    term, arr = present.revenue(econ), econ.total_arr
    in_gross_profit = econ.basis is not None and econ.basis.measure == "gross_profit"
    if key in _ON_GROSS_PROFIT or (in_gross_profit and key in _SHARES_OF_THE_BOOK):
        term, arr = "gross profit", econ.gross_profit
    money = present.money(arr * aim, profile.currency)
    today = present.money(arr, profile.currency)
    if key in ("nrr", "gp_nrr"):
        return f"{money} or more of today's {today} {term} a year on"
    if key in ("grr", "gp_retention"):
        return f"{money} or more of today's {today} {term} kept a year on, before expansion"
    if key == "expansion_rate":
        return f"about {money} of expansion a year"
    if key == "contraction_rate":
        return f"no more than {money} lost to downgrades a year"
    if key in _COUNTED:
        return accounts_kept(profile.active_accounts, aim)
    return ""


def metric_lines(
    shown: Iterable[MetricShow],
    targets: Mapping[str, MetricTarget],
    profile: CompanyProfile,
    econ: Economics,
    fill: Callable[[str], str],
) -> tuple[MetricLine, ...]:
    """The metrics table: each metric the pack shows and has a target for, in its order."""
    lines = []
    for metric in shown:
        target = targets.get(metric.metric)
        if target is None:
            continue
        key = metric.metric
        today = today_value(key, profile, econ)
        how = fill(metric.how)
        if key == "expansion_rate" and today is not None:
            how += " Today's value is net less gross revenue retention, as given."
        aim = goal(target, today)
        lines.append(
            MetricLine(
                key,
                target.label,
                target_text(key, target, today),
                _for_this_book(key, aim, profile, econ),
                "not measured yet" if today is None else metric_text(key, today),
                "unknown" if today is None else target.status(today),
                how,
                target.source,
                target_value=aim,
                today_value=today,
                direction=target.direction,
            )
        )
    return tuple(lines)
