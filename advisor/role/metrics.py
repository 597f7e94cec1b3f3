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
from advisor.i18n import _, formats, n_
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


def _aim_text(higher: bool, aim: str, best: str) -> str:
    """The target when it is the pack's healthy level: 'at least 100% (best in class 120%)'."""
    if higher:
        if best:
            return _("at least {aim} (best in class {best})", aim=aim, best=best)
        return _("at least {aim}", aim=aim)
    if best:
        return _("at most {aim} (best in class {best})", aim=aim, best=best)
    return _("at most {aim}", aim=aim)


def _held_text(higher: bool, aim: str, healthy: str, best: str) -> str:
    """The target held at today's better value, with the pack's healthy level."""
    if higher:
        if best:
            return _(
                "hold at least {aim} (today; healthy from {healthy}, best in class {best})",
                aim=aim,
                healthy=healthy,
                best=best,
            )
        return _("hold at least {aim} (today; healthy from {healthy})", aim=aim, healthy=healthy)
    if best:
        return _(
            "hold at most {aim} (today; healthy up to {healthy}, best in class {best})",
            aim=aim,
            healthy=healthy,
            best=best,
        )
    return _("hold at most {aim} (today; healthy up to {healthy})", aim=aim, healthy=healthy)


def target_text(key: str, target: MetricTarget, today: float | None) -> str:
    """The target in words: 'at least 100% (best in class 120%); alarm below 90%', or, held at
    today's better value, 'hold at least 118% (today; healthy from 100%, best in class 120%)…'."""
    higher = target.direction == "higher"
    aim = goal(target, today)
    best = metric_text(key, target.best_in_class) if target.best_in_class is not None else ""
    if abs(aim - target.healthy) > _EPSILON:
        text = _held_text(higher, metric_text(key, aim), metric_text(key, target.healthy), best)
    else:
        text = _aim_text(higher, metric_text(key, aim), best)
    alarm = metric_text(key, target.alarm)
    # Translators: {target} is the target ("at least 100%"), {alarm} the alarm level
    if higher:
        return _("{target}; alarm below {alarm}", target=text, alarm=alarm)
    return _("{target}; alarm above {alarm}", target=text, alarm=alarm)


def accounts_kept(accounts: int, aim: float) -> str:
    """A retention target as accounts: '51 of 60 accounts', or, where the target leaves no loss,
    what it really asks: 'every one of the 6 accounts: at 6 accounts one loss is 83%, below 85%'."""
    kept = math.ceil(accounts * aim - _EPSILON)
    number = formats.number(accounts)
    if accounts <= 0 or kept < accounts:
        return n_(
            "{kept} of {number} account",
            "{kept} of {number} accounts",
            accounts,
            kept=kept,
            number=number,
        )
    if aim >= 1 - _EPSILON:
        return n_(
            "every one of the {number} account",
            "every one of the {number} accounts",
            accounts,
            number=number,
        )
    if accounts == 1:
        return _(
            "the one account: losing it leaves {zero}, below {aim}",
            zero=wording.percent(0.0),
            aim=wording.percent(aim),
        )
    one_loss = (accounts - 1) / accounts
    shown = wording.percent(one_loss, 0)
    if shown == wording.percent(aim, 0):
        shown = wording.percent(one_loss)
    return _(
        "every one of the {number} accounts: at {number} accounts one loss is {loss}, below {aim}",
        number=number,
        loss=shown,
        aim=wording.percent(aim),
    )


def _for_this_book(key: str, aim: float, profile: CompanyProfile, econ: Economics) -> str:
    term, arr = present.revenue(econ), econ.total_arr
    in_gross_profit = econ.basis is not None and econ.basis.measure == "gross_profit"
    if key in _ON_GROSS_PROFIT or (in_gross_profit and key in _SHARES_OF_THE_BOOK):
        term, arr = _("gross profit"), econ.gross_profit
    values = {
        "amount": present.money(arr * aim, profile.currency),
        "today": present.money(arr, profile.currency),
        "revenue": term,
    }
    # Translators: {amount} and {today} are amounts, {revenue} the revenue words ("ARR")
    if key in ("nrr", "gp_nrr"):
        return _("{amount} or more of today's {today} {revenue} a year on", **values)
    if key in ("grr", "gp_retention"):
        return _(
            "{amount} or more of today's {today} {revenue} kept a year on, before expansion",
            **values,
        )
    if key == "expansion_rate":
        return _("about {amount} of expansion a year", **values)
    if key == "contraction_rate":
        return _("no more than {amount} lost to downgrades a year", **values)
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
            how = _("{how} Today's value is net less gross revenue retention, as given.", how=how)
        aim = goal(target, today)
        lines.append(
            MetricLine(
                key,
                target.label,
                target_text(key, target, today),
                _for_this_book(key, aim, profile, econ),
                _("not measured yet") if today is None else metric_text(key, today),
                _("unknown") if today is None else target.status(today),
                how,
                target.source,
                target_value=aim,
                today_value=today,
                direction=target.direction,
            )
        )
    return tuple(lines)
