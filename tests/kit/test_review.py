"""The 6- and 12-month review: dated six and twelve calendar months after the plan's start, the
6-month targets read on the part of the year carried after the ramp-up (else leading indicators
only), every target at 12 months, and what to do when one is missed.

Regenerate the golden review after a deliberate change with `UPDATE_GOLDEN=1 pytest tests/kit`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os

import msgspec
from kit_support import DATE, GOLDEN, kit_for, sample

from advisor import wording
from advisor.brief import Bullets, Paragraph, Section, Table
from advisor.export.kit import render_markdown
from advisor.kit import KitDocument
from advisor.kit.review import build_review, months_after
from advisor.pack import RulePack

# rules/20-benchmarks.yaml (hiring): 90 days to recruit, notice included, and 90 of ramp-up.
STARTS = DATE + dt.timedelta(days=90)  # 7 March 2027
CARRIES = STARTS + dt.timedelta(days=90)  # 5 June 2027


def _section(document: KitDocument, key: str) -> Section:
    return next(section for section in document.sections if section.key == key)


def _table(document: KitDocument, key: str) -> Table:
    return next(b for b in _section(document, key).blocks if isinstance(b, Table))


def _texts(document: KitDocument, key: str) -> list[str]:
    return [b.text for b in _section(document, key).blocks if isinstance(b, Paragraph)]


def test_the_reviews_are_six_and_twelve_months_after_the_start(pack: RulePack) -> None:
    review = build_review(kit_for(sample("northwind-hire-now"), pack))
    rows = dict(_table(review, "dates").rows)
    six = dt.date(STARTS.year, STARTS.month + 6, STARTS.day)
    twelve = dt.date(STARTS.year + 1, STARTS.month, STARTS.day)
    assert rows["The Account Manager starts"] == wording.long_date(STARTS) == "7 March 2027"
    assert rows["6-month review"] == wording.long_date(six) == "7 September 2027"
    assert rows["12-month review"] == wording.long_date(twelve) == "7 March 2028"
    assert rows["The ramp-up"] == f"90 days, to {wording.long_date(CARRIES)}"
    assert dict(review.cover_facts)["Reviews"] == "7 September 2027 and 7 March 2028"


def test_a_month_without_the_start_s_day_ends_on_its_last_day() -> None:
    assert months_after(dt.date(2027, 8, 31), 6) == dt.date(2028, 2, 29)  # 2028 is a leap year
    assert months_after(dt.date(2027, 8, 31), 18) == dt.date(2029, 2, 28)
    assert months_after(dt.date(2027, 7, 15), 6) == dt.date(2028, 1, 15)


def test_the_6_month_targets_are_read_on_the_part_of_the_year_carried(pack: RulePack) -> None:
    review = build_review(kit_for(sample("northwind-hire-now"), pack))
    # From 5 June to 7 September 2027 the AM has carried the book 94 days: 26% of a year.
    carried = (dt.date(2027, 9, 7) - CARRIES).days
    assert carried == 94
    share = wording.percent(carried / 365.25, 0)
    assert share == "26%"
    assert _texts(review, "six")[0].startswith(
        f"By the 6-month review the Account Manager has carried the book for {share} of a year"
    )
    rows = {row[0]: row[1] for row in _table(review, "six").rows}
    assert (
        rows["Expansion rate"] == f"At least {share} of the year's target (about "
        f"{wording.money(22 * 36_000 * 0.10, 'EUR')} of expansion a year)"
    )
    assert rows["Contraction rate"] == (
        f"At most {share} of the year's target (no more than "
        f"{wording.money(22 * 36_000 * 0.05, 'EUR')} lost to downgrades a year)"
    )
    assert rows["Renewal rate"] == "At least 85%, on the accounts due since the book was carried"
    assert rows["Net revenue retention"].startswith("Not yet: a year-on measure")
    assert rows["Gross revenue retention"].startswith("Not yet: a year-on measure")


def test_without_a_ramp_up_the_6_month_check_is_of_leading_indicators(pack: RulePack) -> None:
    hiring = pack.hiring
    no_ramp = msgspec.structs.replace(
        hiring, ramp_days=msgspec.structs.replace(hiring.ramp_days, value=0)
    )
    kit = kit_for(sample("northwind-hire-now"), dataclasses.replace(pack, hiring=no_ramp))
    assert kit.assessment.plan is not None and kit.assessment.plan.ramp_days == 0
    review = build_review(kit)
    assert not [b for b in _section(review, "six").blocks if isinstance(b, Table)]
    assert _texts(review, "six")[0] == (
        "The 6-month check is of leading indicators only: the rule pack gives no ramp-up to read "
        "the targets after, so no target is read on a part of the year."
    )
    last = kit.role.onboarding[-1].phase
    indicators = next(b for b in _section(review, "six").blocks if isinstance(b, Bullets))
    assert indicators.items == tuple(s.action for s in kit.role.onboarding if s.phase == last)


def test_a_case_without_a_start_date_has_undated_reviews(pack: RulePack) -> None:
    kit = kit_for(sample("acorn-not-yet"), pack)
    review = build_review(kit)
    assert [fact[0] for fact in review.cover_facts] == ["Role"]
    assert _texts(review, "dates")[0].startswith("No start date yet: no hiring date yet")
    assert "there is no start date yet" in _texts(review, "six")[0]


def test_the_12_month_review_reads_every_target_of_the_role(pack: RulePack) -> None:
    kit = kit_for(sample("northwind-hire-now"), pack)
    rows = _table(build_review(kit), "twelve").rows
    assert [(row[0], row[1], row[2]) for row in rows] == [
        (m.label, m.target, m.for_this_book or "–") for m in kit.role.metrics
    ]
    nrr = next(row for row in rows if row[0] == "Net revenue retention")
    assert nrr[1] == "at least 103% (best in class 120%); alarm below 90%"
    assert nrr[3] == "96%"  # the founder's document says where the company stands today


def test_a_missed_target_says_what_to_do(pack: RulePack) -> None:
    review = build_review(kit_for(sample("northwind-hire-now"), pack))
    (actions,) = [b for b in _section(review, "missed").blocks if isinstance(b, Bullets)]
    assert actions.items[0].startswith("Below its target but above its alarm level")
    assert "renewals started at T-120" in actions.items[1]  # the playbook's first milestone
    assert "below 50% of its target pays nothing" in actions.items[3]  # the payout curve
    assert review.byline == "For the founder · Prepared 7 December 2026 · Confidential"


def test_the_northwind_review_matches_the_golden_file(pack: RulePack) -> None:
    text = render_markdown(build_review(kit_for(sample("northwind-hire-now"), pack)))
    golden = GOLDEN / "northwind-hire-now-review.md"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"missing {golden}; run with UPDATE_GOLDEN=1 to create it"
    assert text == golden.read_text(encoding="utf-8")
