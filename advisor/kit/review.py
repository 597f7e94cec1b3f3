"""The 6- and 12-month review of the hire: what the founder checks, and against which targets.

Both reviews are dated from the Account Manager's first day in the assessment's plan, six and
twelve calendar months on. At twelve months every metric of the drafted role is read against
its target. At six months the Account Manager has carried the book only since the end of the
ramp-up the rule pack gives, so the targets are read on that part of the year: a share of the
accounts' renewals due since then, a year's money target in proportion, and the year-on measures
(net and gross retention) left for the twelve-month review; without a ramp-up the six-month
check is of leading indicators only. The last section says what to do when a target is missed.
"""

from __future__ import annotations

import calendar
import datetime as dt

from advisor import present, wording
from advisor.brief.model import Block, Bullets, Callout, Paragraph, Section, Table
from advisor.i18n import N_, _, n_, p_
from advisor.kit.candidate import target_words
from advisor.kit.document import KitDocument, KitInputs, written_in
from advisor.role import MetricLine

TITLE = N_("6- and 12-month review")
AUDIENCE = N_("For the founder")
DAYS_A_YEAR = 365.25
# How each metric is read at six months, by what it measures.
ON_RENEWALS_DUE = ("renewal_rate", "logo_retention")  # shares of the accounts due or held
A_YEARS_MONEY = ("expansion_rate", "contraction_rate")  # money over a year: in proportion
YEAR_ON = ("nrr", "grr", "gp_nrr", "gp_retention")  # a year on: only at twelve months


def months_after(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months later (the month's last day when it has fewer)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def review_dates(kit: KitInputs) -> tuple[dt.date, dt.date] | None:
    """The 6- and 12-month reviews after the start in the plan; None without a start date."""
    plan = kit.assessment.plan
    if plan is None or plan.starts_on is None:
        return None
    return months_after(plan.starts_on, 6), months_after(plan.starts_on, 12)


def carried_share(kit: KitInputs, at: dt.date) -> float:
    """The share of a year the Account Manager has carried the book by `at` (0 while ramping)."""
    plan = kit.assessment.plan
    if plan is None or plan.carries_from is None:
        return 0.0
    return max((at - plan.carries_from).days, 0) / DAYS_A_YEAR


def dates_blocks(kit: KitInputs) -> list[Block]:
    a = kit.assessment
    plan, dates = a.plan, review_dates(kit)
    if plan is None or dates is None or plan.carries_from is None:
        # Translators: {when} is a sentence: when to open the search.
        first = _("No start date yet: {when}", when=wording.in_sentence(present.when_line(a)))
        later = _(
            "The reviews are six and twelve months after the Account Manager's first day, dated "
            "once the search has a date."
        )
        return [Paragraph(f"{first} {later}")]
    rows = (
        (_("The Account Manager starts"), present.date(plan.starts_on)),
        (
            _("The ramp-up"),
            n_(
                "{count} day, to {date}",
                "{count} days, to {date}",
                plan.ramp_days,
                date=present.date(plan.carries_from),
            ),
        ),
        (_("6-month review"), present.date(dates[0])),
        (_("12-month review"), present.date(dates[1])),
    )
    return [Table(("", ""), rows, widths=(2, 3))]


def six_month_check(m: MetricLine, share: float) -> str:
    """What one metric is checked against at six months, on the part of the year carried."""
    if m.key in ON_RENEWALS_DUE:
        aim = target_words(m.direction, m.key, m.target_value)
        # Translators: {target} is a target ("at least 90%").
        return wording.capitalised(
            _("{target}, on the accounts due since the book was carried", target=aim)
        )
    if m.key in A_YEARS_MONEY and m.for_this_book:
        values = {"share": present.share(share), "target": m.for_this_book}
        if m.direction == "higher":
            return _("At least {share} of the year's target ({target})", **values)
        return _("At most {share} of the year's target ({target})", **values)
    if m.key in YEAR_ON:
        return _(
            "Not yet: a year-on measure, read at the 12-month review; check the renewals and "
            "downgrades so far"
        )
    return wording.capitalised(m.target)


def leading_indicators(kit: KitInputs) -> tuple[str, ...]:
    """The role's last onboarding phase: what should run by then, whatever the figures."""
    onboarding = kit.role.onboarding
    if not onboarding:
        return ()
    last = onboarding[-1].phase
    return tuple(step.action for step in onboarding if step.phase == last)


def why_leading_only(kit: KitInputs) -> str:
    """Why no target is read at six months; empty when the targets are read on the part of the
    year carried after the rule pack's ramp-up."""
    plan, dates = kit.assessment.plan, review_dates(kit)
    if plan is None or dates is None:
        return _("there is no start date yet")
    if plan.ramp_days <= 0:
        return _("the rule pack gives no ramp-up to read the targets after")
    if carried_share(kit, dates[0]) <= 0:
        return n_(
            "the ramp-up of {count} day runs to {date}, past the review",
            "the ramp-up of {count} days runs to {date}, past the review",
            plan.ramp_days,
            date=present.date(plan.carries_from),
        )
    return ""


def six_month_blocks(kit: KitInputs) -> list[Block]:
    dates, role = review_dates(kit), kit.role
    indicators = leading_indicators(kit)
    blocks: list[Block] = []
    leading = why_leading_only(kit)
    if dates is not None and not leading:
        share = carried_share(kit, dates[0])
        blocks += [
            Paragraph(
                _(
                    "By the 6-month review the Account Manager has carried the book for {share} "
                    "of a year, after the ramp-up: each target is read on that part of the year.",
                    share=present.share(share),
                )
            ),
            Table(
                (
                    p_("column", "Metric"),
                    p_("column", "Checked against at 6 months"),
                    p_("column", "How it is measured"),
                ),
                tuple((m.label, six_month_check(m, share), m.how) for m in role.metrics),
                widths=(2, 4, 4),
            ),
        ]
    else:
        blocks.append(
            Paragraph(
                # Translators: {why} says why no target can be read at six months.
                _(
                    "The 6-month check is of leading indicators only: {why}, so no target is "
                    "read on a part of the year.",
                    why=leading,
                )
            )
        )
    if indicators:
        blocks += [
            Paragraph(_("Whatever the figures, by then these run as the 90-day plan set them:")),
            Bullets(indicators),
        ]
    return blocks


def twelve_month_blocks(kit: KitInputs) -> list[Block]:
    role = kit.role
    return [
        Paragraph(
            _("A full year carried: every metric against its target, on the book as it is then.")
        ),
        Table(
            (
                p_("column", "Metric"),
                p_("column", "Target"),
                p_("column", "For this book"),
                p_("column", "Today"),
                p_("column", "How it is measured"),
            ),
            tuple(
                (m.label, m.target, m.for_this_book or "–", m.today, m.how) for m in role.metrics
            ),
            widths=(2, 2.8, 2.8, 1.4, 3.6),
        ),
        Callout(role.metrics_note, tone="info", lead=_("Read together:")),
    ]


def missed_blocks(kit: KitInputs) -> list[Block]:
    role = kit.role
    start = role.playbook[0].days_before if role.playbook else None
    if start:
        # Translators: {days} days before the contract's expiry ("T-90").
        playbook = _("renewals started at T-{days}", days=start)
    else:
        playbook = _("renewals started on the playbook")
    threshold = present.share(role.compensation.curve.threshold)
    actions = (
        _(
            "Below its target but above its alarm level: agree with the Account Manager a "
            "written plan for the accounts behind the gap, and check it at the next quarterly "
            "business review."
        ),
        # Translators: {playbook} says when renewals started ("renewals started at T-90").
        _(
            "Below its alarm level: go through the book account by account with the Account "
            "Manager — the cadence kept, {playbook}, the handover complete — before changing "
            "the role or its targets.",
            playbook=playbook,
        ),
        _(
            "A target missed on accounts taken over late, or with renewals already due at the "
            "handover, is read on the months the Account Manager carried them, not on the "
            "calendar year."
        ),
        _(
            "The variable pay follows the payout curve: a component below {threshold} of its "
            "target pays nothing, as the written pay plan says.",
            threshold=threshold,
        ),
    )
    return [Bullets(actions)]


def build_review(kit: KitInputs, language: str | None = None) -> KitDocument:
    """The 6- and 12-month review, in `language` (the current language when None)."""
    with written_in(language):
        return _review(kit)


def _review(kit: KitInputs) -> KitDocument:
    dates = review_dates(kit)
    facts: tuple[tuple[str, str], ...] = ((_("Role"), kit.role.title),)
    if dates is not None:
        reviews = wording.joined([present.date(dates[0]), present.date(dates[1])])
        facts += ((_("Reviews"), reviews),)
    sections = (
        Section("dates", 1, p_("section", "When"), tuple(dates_blocks(kit))),
        Section("six", 2, _("At 6 months"), tuple(six_month_blocks(kit))),
        Section("twelve", 3, _("At 12 months"), tuple(twelve_month_blocks(kit))),
        Section("missed", 4, _("If a target is missed"), tuple(missed_blocks(kit))),
    )
    return kit.document(
        "review",
        _(TITLE),
        _(AUDIENCE),
        sections,
        confidential=True,
        cover_facts=facts,
    )
