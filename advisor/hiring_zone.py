"""The hiring zone of one profile, in the accounts the headline, the growth plan and the charts
count.

A book sized by its accounts alone has the pack's zone in accounts (`thresholds.trigger_zone`,
by segment). A business model whose book is sized in money too (a revenue per AM in the
profile's currency) has its zone in books of work (`thresholds.trigger_zone_books`), the rules
reading the derived figure `books_of_work`; read back in accounts at today's average contract
value, it starts at the first whole account at or above the zone's low end in books and ends at
the last at or below its high end, so the accounts shown and the rules always agree.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import msgspec

if TYPE_CHECKING:
    from advisor.economics import Economics
    from advisor.pack.model import RulePack
    from advisor.profile import CompanyProfile


class HiringZone(msgspec.Struct, frozen=True):
    """The zone in active accounts, and in books of work where the book is sized in money."""

    low: float
    high: float
    books: tuple[float, float] | None = None  # None: a book sized by its accounts alone


def hiring_zone(profile: CompanyProfile, pack: RulePack, economics: Economics) -> HiringZone | None:
    """The profile's hiring zone, None when the pack gives no range for it."""
    if economics.basis is None or economics.basis.money_high is None:
        zone = pack.thresholds.get("trigger_zone")
        if zone is None or not zone.is_range:
            return None
        low, high = zone.resolve(profile.segment.value)  # type: ignore[misc]
        return HiringZone(float(low), float(high))
    books = pack.thresholds.get("trigger_zone_books")
    if books is None or not books.is_range:
        return None
    books_low, books_high = books.resolve(profile.segment.value)  # type: ignore[misc]
    book = economics.book_size_high  # the most accounts one AM holds, by count and money
    return HiringZone(
        float(math.ceil(books_low * book - 1e-9)),
        float(math.floor(books_high * book + 1e-9)),
        (float(books_low), float(books_high)),
    )
