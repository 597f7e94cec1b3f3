"""The role's own phrasings (capacity, metrics, plans), built on the figures."""

from __future__ import annotations

import msgspec

from advisor import wording
from advisor.economics import Economics
from advisor.engine import Assessment, Verdict
from advisor.i18n import _, n_
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
        return _("once the case is assessed with dates")
    if (opens := plan.search_opens_on) is not None:
        if opens == plan.as_of:
            return _("today ({date})", date=date(opens))
        return _("on {date}", date=date(opens))
    if plan.verdict == Verdict.FIX_DELIVERY_FIRST:
        return _(
            "only once delivery is standardised: no date yet, reassess on {date}",
            date=date(plan.reassess_on),
        )
    return _(
        "only once the case for the hire holds: no date yet, reassess on {date}",
        date=date(plan.reassess_on),
    )


def zone_phrase(assessment: Assessment) -> str:
    """Where the book stands against the hiring zone, on the plan's dates."""
    growth, plan = assessment.growth, assessment.plan
    if growth is None or growth.zone_low is None or plan is None:
        return _("the rule pack gives no hiring zone")
    zone, reached = wording.plain_number(growth.zone_low), plan.zone_reached_on
    if reached is None:
        return _(
            "the book does not reach the hiring zone ({zone}+ accounts) within the growth shown",
            zone=zone,
        )
    if reached == plan.as_of:
        return _("the book is already in the hiring zone ({zone}+ accounts)", zone=zone)
    return _(
        "the book reaches the hiring zone ({zone}+ accounts) on {date}",
        zone=zone,
        date=date(reached),
    )


def next_am_search(assessment: Assessment) -> str:
    """When the next Account Manager's search opens: the team plan's date, else its lead."""
    econ, team, plan = assessment.economics, assessment.team, assessment.plan
    number = max(econ.recommended_am_count, econ.current_account_managers) + 1
    hires = [h for h in (team.hires if team else ()) if h.role == "am" and h.number == number]
    if hires:
        return _("the team plan opens its search on {date}", date=date(hires[0].search_opens_on))
    if plan is None:
        return _("its search opens before the book reaches it")
    total = plan.recruiting_days + plan.ramp_days
    # Translators: {count} days in all, {recruiting} days to recruit and {ramp} days of ramp-up
    return n_(
        "its search opens {count} day before the book reaches it ({recruiting} days to recruit, "
        "notice included, and {ramp} of ramp-up)",
        "its search opens {count} days before the book reaches it ({recruiting} days to recruit, "
        "notice included, and {ramp} of ramp-up)",
        total,
        recruiting=plan.recruiting_days,
        ramp=plan.ramp_days,
    )


def _converted(published_in: str, currency: str) -> str:
    if currency == published_in:
        return ""
    return _(" (a band published in {currency}, converted)", currency=published_in)


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
    # Translators: {targets} lists metrics ("net revenue retention and logo retention");
    # {band} describes the band ("from €15,000 to €100,000 a year"); {converted} is empty or
    # " (a band published in EUR, converted)"
    return _(
        "The {targets} targets are those of contracts {band}{converted}, the band the average "
        "contract value of {value} a year falls in.",
        targets=wording.joined([wording.in_sentence(t) for t in banded]),
        band=bands.describe(band, profile.currency),
        converted=_converted(bands.published_in, profile.currency),
        value=wording.money(profile.avg_contract_value, profile.currency),
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
    return _(
        "The book size of {low}–{high} accounts per AM is that of contracts {band}{converted}, "
        "the band the average contract value of {value} a year falls in; the {segment} "
        "segment's is {segment_low}–{segment_high}.",
        low=low,
        high=high,
        band=bands.describe(band, profile.currency),
        converted=_converted(bands.published_in, profile.currency),
        value=wording.money(profile.avg_contract_value, profile.currency),
        segment=wording.segment_label(profile.segment.value),
        segment_low=segment_low,
        segment_high=segment_high,
    )
