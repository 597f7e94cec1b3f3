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
from advisor.kit.candidate import target_words
from advisor.kit.document import KitDocument, KitInputs
from advisor.role import MetricLine

TITLE = "6- and 12-month review"
AUDIENCE = "For the founder"
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
        return [
            Paragraph(
                f"No start date yet: {wording.in_sentence(present.when_line(a))} The reviews are "
                "six and twelve months after the Account Manager's first day, dated once the "
                "search has a date."
            )
        ]
    rows = (
        ("The Account Manager starts", present.date(plan.starts_on)),
        (
            "The ramp-up",
            f"{wording.plural(plan.ramp_days, 'day')}, to {present.date(plan.carries_from)}",
        ),
        ("6-month review", present.date(dates[0])),
        ("12-month review", present.date(dates[1])),
    )
    return [Table(("", ""), rows, widths=(2, 3))]


def six_month_check(m: MetricLine, share: float) -> str:
    """What one metric is checked against at six months, on the part of the year carried."""
    if m.key in ON_RENEWALS_DUE:
        aim = target_words(m.direction, m.key, m.target_value)
        return f"{wording.capitalised(aim)}, on the accounts due since the book was carried"
    if m.key in A_YEARS_MONEY and m.for_this_book:
        bound = "At least" if m.direction == "higher" else "At most"
        return f"{bound} {present.share(share)} of the year's target ({m.for_this_book})"
    if m.key in YEAR_ON:
        return (
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
        return "there is no start date yet"
    if plan.ramp_days <= 0:
        return "the rule pack gives no ramp-up to read the targets after"
    if carried_share(kit, dates[0]) <= 0:
        return (
            f"the ramp-up of {wording.plural(plan.ramp_days, 'day')} runs to "
            f"{present.date(plan.carries_from)}, past the review"
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
                f"By the 6-month review the Account Manager has carried the book for "
                f"{present.share(share)} of a year, after the ramp-up: each target is read on that "
                "part of the year."
            ),
            Table(
                ("Metric", "Checked against at 6 months", "How it is measured"),
                tuple((m.label, six_month_check(m, share), m.how) for m in role.metrics),
                widths=(2, 4, 4),
            ),
        ]
    else:
        blocks.append(
            Paragraph(
                f"The 6-month check is of leading indicators only: {leading}, so no target is "
                "read on a part of the year."
            )
        )
    if indicators:
        blocks += [
            Paragraph("Whatever the figures, by then these run as the 90-day plan set them:"),
            Bullets(indicators),
        ]
    return blocks


def twelve_month_blocks(kit: KitInputs) -> list[Block]:
    role = kit.role
    return [
        Paragraph(
            "A full year carried: every metric against its target, on the book as it is then."
        ),
        Table(
            ("Metric", "Target", "For this book", "Today", "How it is measured"),
            tuple(
                (m.label, m.target, m.for_this_book or "–", m.today, m.how) for m in role.metrics
            ),
            widths=(2, 2.8, 2.8, 1.4, 3.6),
        ),
        Callout(role.metrics_note, tone="info", lead="Read together:"),
    ]


def missed_blocks(kit: KitInputs) -> list[Block]:
    role = kit.role
    start = role.playbook[0].days_before if role.playbook else None
    playbook = f"renewals started at T-{start}" if start else "renewals started on the playbook"
    threshold = present.share(role.compensation.curve.threshold)
    actions = (
        (
            "Below its target but above its alarm level: agree with the Account Manager a "
            "written plan for the accounts behind the gap, and check it at the next quarterly "
            "business review."
        ),
        (
            "Below its alarm level: go through the book account by account with the Account "
            f"Manager — the cadence kept, {playbook}, the handover complete — before changing "
            "the role or its targets."
        ),
        (
            "A target missed on accounts taken over late, or with renewals already due at the "
            "handover, is read on the months the Account Manager carried them, not on the "
            "calendar year."
        ),
        (
            f"The variable pay follows the payout curve: a component below {threshold} of its "
            "target pays nothing, as the written pay plan says."
        ),
    )
    return [Bullets(actions)]


def build_review(kit: KitInputs) -> KitDocument:
    dates = review_dates(kit)
    facts: tuple[tuple[str, str], ...] = (("Role", kit.role.title),)
    if dates is not None:
        facts += (("Reviews", f"{present.date(dates[0])} and {present.date(dates[1])}"),)
    sections = (
        Section("dates", 1, "When", tuple(dates_blocks(kit))),
        Section("six", 2, "At 6 months", tuple(six_month_blocks(kit))),
        Section("twelve", 3, "At 12 months", tuple(twelve_month_blocks(kit))),
        Section("missed", 4, "If a target is missed", tuple(missed_blocks(kit))),
    )
    return kit.document(
        "review",
        TITLE,
        AUDIENCE,
        sections,
        confidential=True,
        cover_facts=facts,
    )
