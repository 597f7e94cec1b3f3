"""The role's own phrasings (capacity, metrics, plans), built on the figures."""

from __future__ import annotations

import msgspec

from advisor import wording
from advisor.economics import Economics
from advisor.engine import Assessment, Verdict
from advisor.pack import RulePack
from advisor.present.figures import (
    date,
    hours_sentence,
)

# ---------------------------------------------------------------------------------------------
# The role's own phrasings (capacity, metrics, plans), built on the figures above.


def drafted_hours_sentence(
    econ: Economics, cadence: float, renewals: float, count: int, per_am: float
) -> str:
    """`hours_sentence` for a cadence as drafted (edited tiers): the same words, its figures."""
    return hours_sentence(
        msgspec.structs.replace(
            econ,
            cadence_hours=cadence,
            renewal_hours=renewals,
            recommended_am_count=count,
            client_hours_per_am=per_am,
        )
    )


def search_phrase(assessment: Assessment) -> str:
    """When the search opens, after "open the search": the plan's date, or what comes first."""
    plan = assessment.plan
    if plan is None:
        return "once the case is assessed with dates"
    if (opens := plan.search_opens_on) is not None:
        return f"today ({date(opens)})" if opens == plan.as_of else f"on {date(opens)}"
    first = (
        "delivery is standardised"
        if plan.verdict == Verdict.FIX_DELIVERY_FIRST
        else "the case for the hire holds"
    )
    return f"only once {first}: no date yet, reassess on {date(plan.reassess_on)}"


def zone_phrase(assessment: Assessment) -> str:
    """Where the book stands against the hiring zone, on the plan's dates."""
    growth, plan = assessment.growth, assessment.plan
    if growth is None or growth.zone_low is None or plan is None:
        return "the rule pack gives no hiring zone"
    zone, reached = f"the hiring zone ({growth.zone_low:g}+ accounts)", plan.zone_reached_on
    if reached is None:
        return f"the book does not reach {zone} within the growth shown"
    if reached == plan.as_of:
        return f"the book is already in {zone}"
    return f"the book reaches {zone} on {date(reached)}"


def next_am_search(assessment: Assessment) -> str:
    """When the next Account Manager's search opens: the team plan's date, else its lead."""
    econ, team, plan = assessment.economics, assessment.team, assessment.plan
    number = max(econ.recommended_am_count, econ.current_account_managers) + 1
    hires = [h for h in (team.hires if team else ()) if h.role == "am" and h.number == number]
    if hires:
        return f"the team plan opens its search on {date(hires[0].search_opens_on)}"
    if plan is None:
        return "its search opens before the book reaches it"
    return (
        f"its search opens {wording.plural(plan.recruiting_days + plan.ramp_days, 'day')} before "
        f"the book reaches it ({plan.recruiting_days} days to recruit, notice included, and "
        f"{plan.ramp_days} of ramp-up)"
    )


def targets_band_line(assessment: Assessment, pack: RulePack) -> str:
    """Which band of contract value the retention targets are read for, and why; empty when
    no target of the pack differs by band for this contract value."""
    band_id, bands = assessment.economics.contract_value_band, pack.bands
    model = pack.business_model(str(assessment.profile.business_model))
    if band_id is None or bands is None or (model is not None and not model.band_targets):
        return ""
    banded = [t.label for t in pack.metric_targets.values() if band_id in t.by_band]
    if not banded:
        return ""
    profile = assessment.profile
    band = next(b for b in bands.bands if b.id == band_id)
    converted = (
        ""
        if profile.currency == bands.published_in
        else f" (a band published in {bands.published_in}, converted)"
    )
    value = wording.money(profile.avg_contract_value, profile.currency)
    return (
        f"The {wording.joined([wording.in_sentence(t) for t in banded])} targets are those of "
        f"contracts {bands.describe(band, profile.currency)}{converted}, the band the average "
        f"contract value of {value} a year falls in."
    )


def book_band_line(assessment: Assessment, pack: RulePack) -> str:
    """Which band of contract value the book size is read for; empty when it is the segment's."""
    econ, bands, profile = assessment.economics, pack.bands, assessment.profile
    band_id = econ.book_size_band
    if band_id is None or bands is None:
        return ""
    band = next(b for b in bands.bands if b.id == band_id)
    low, high = pack.book_size(profile.segment.value, band_id)
    segment_low, segment_high = pack.book_size(profile.segment.value)
    converted = (
        ""
        if profile.currency == bands.published_in
        else f" (a band published in {bands.published_in}, converted)"
    )
    value = wording.money(profile.avg_contract_value, profile.currency)
    return (
        f"The book size of {low}–{high} accounts per AM is that of contracts "
        f"{bands.describe(band, profile.currency)}{converted}, the band the average contract "
        f"value of {value} a year falls in; the {wording.segment_label(profile.segment.value)} "
        f"segment's is {segment_low}–{segment_high}."
    )
