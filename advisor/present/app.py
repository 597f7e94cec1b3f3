"""The app's own phrasings (cards, captions, compare rows), built on the figures."""

from __future__ import annotations

from advisor import wording
from advisor.economics import Economics
from advisor.engine import Assessment, Verdict
from advisor.i18n import N_, _, formats, n_
from advisor.pack.model import AmEffect, Hiring, RulePack
from advisor.present.figures import (
    payback_note,
    share,
)

# ---------------------------------------------------------------------------------------------
# The app's own phrasings (cards, captions, compare rows), built on the figures above.


def verdict_title(assessment: Assessment) -> str:
    """The verdict as a banner, a sidebar or a compare card titles it: the verdict and its
    readiness, which for a gate says it is not scored (never "readiness 100/100")."""
    return f"{assessment.verdict_label} · {assessment.readiness}"


def workload_title(assessment: Assessment, pack: RulePack) -> str:
    """The renewal workload's heading, naming the role as the business model titles it."""
    role = pack.role_title(str(assessment.profile.business_model))
    # Translators: {a_role} is the role title with its article: "an Account Manager"
    return _("Renewals until {a_role} carries them", a_role=wording.role_words(role)["a_role"])


def saved_score_text(verdict: str, score: float | None) -> str:
    """A saved assessment's score as a table or a picker shows it: as `score_text` does, from
    the stored verdict and score ("" when nothing is saved)."""
    return wording.saved_score(verdict, score)


def score_move(before: tuple[str, float], after: tuple[str, float], *, would: bool = False) -> str:
    """How the score moved between two assessments (each a verdict code and a score), where a
    gate's verdict has no score to move."""
    old, new = saved_score_text(*before), saved_score_text(*after)
    gated = (before[0] == Verdict.FIX_DELIVERY_FIRST, after[0] == Verdict.FIX_DELIVERY_FIRST)
    if all(gated):
        return _("no score either way, since the delivery gate decides")
    if gated[1]:
        if would:
            return _(
                "no score would be given (the delivery gate decides) where it was {old}", old=old
            )
        return _("no score given (the delivery gate decides) where it was {old}", old=old)
    if gated[0]:
        return _("a score of {new} where the delivery gate decided before", new=new)
    if old == new:
        if would:
            return _("the score would stay {new}", new=new)
        return _("the score stayed {new}", new=new)
    return _("the score from {old} to {new}", old=old, new=new)


def gauge_caption(assessment: Assessment) -> str:
    """Under the readiness dial: why a gated case shows no needle."""
    if not assessment.gated:
        return ""
    # Translators: {readiness} is "not scored: … comes first"
    return _(
        "No needle: {readiness}. The delivery gate decides this verdict whatever the other rules "
        "would score.",
        readiness=assessment.readiness,
    )


def history_gate_caption(gated_points: int) -> str:
    """Under the History chart, when some saved points were decided by the delivery gate."""
    if not gated_points:
        return ""
    return n_(
        "{count} point decided by the delivery gate (fix delivery first) are marked along the "
        "top, apart from the score line: a gate's verdict has no readiness score, so it is never "
        "drawn as one.",
        "{count} points decided by the delivery gate (fix delivery first) are marked along the "
        "top, apart from the score line: a gate's verdict has no readiness score, so it is never "
        "drawn as one.",
        gated_points,
    )


def same_verdict_line(
    scenario: str, baseline: str, other: Assessment, base: Assessment
) -> str | None:
    """'B gets the same verdict as A …' when the gate decides both (no scores to set side by
    side); None when both are scored (the comparison words the scores itself)."""
    if not (other.gated and base.gated):
        return None
    return _(
        "{name} gets the same verdict as {baseline}, '{verdict}': the delivery gate decides both, "
        "so neither is scored",
        name=scenario,
        baseline=baseline,
        verdict=base.verdict_label,
    )


def edited_cadence_sentence(econ: Economics, cadence_hours: float) -> str:
    """The role's cadence as edited, against the one hours budget of the team the book needs
    (empty when the edits leave the cadence's hours as the economics count them)."""
    if abs(cadence_hours - econ.cadence_hours) < 0.5:
        return ""
    needed = cadence_hours + econ.renewal_hours
    budget = econ.team_client_hours
    one = econ.recommended_am_count <= 1
    if one:
        whose = _("one AM's {hours}", hours=wording.hours(econ.client_hours_per_am))
    else:
        whose = _(
            "{count} AMs' {hours}", count=econ.recommended_am_count, hours=wording.hours(budget)
        )
    values = {
        "edited": wording.hours(cadence_hours),
        "counted": wording.hours(econ.cadence_hours),
        "renewals": wording.hours(econ.renewal_hours),
        "needed": wording.hours(needed),
        "whose": whose,
    }
    if budget:
        # Translators: {whose} is "one AM's 120 h" or "3 AMs' 360 h"
        return _(
            "As edited here, the cadence needs {edited} a month instead of {counted}: with the "
            "renewals' {renewals}, {needed}, {share} of {whose}. The Account Manager count stays "
            "the one the pack's cadence gives.",
            share=share(needed / budget),
            **values,
        )
    return _(
        "As edited here, the cadence needs {edited} a month instead of {counted}: with the "
        "renewals' {renewals}, {needed}, {whose}. The Account Manager count stays the one the "
        "pack's cadence gives.",
        **values,
    )


def effect_rows(effect: AmEffect) -> list[tuple[str, str, str, str]]:
    """The assumed effect of an AM as the rule pack gives it: each effect, low / expected /
    high."""
    rows = (
        (_("Churn the AM keeps (share of the revenue churn takes)"), effect.churn_reduction),
        (_("Extra expansion (share of the book's ARR)"), effect.expansion_uplift),
        (
            _("Extra expansion where obvious upsell goes unworked"),
            effect.expansion_uplift_unworked,
        ),
    )
    return [(label, share(r.low), share(r.expected), share(r.high)) for label, r in rows]


def payback_details(assessment: Assessment, effect: AmEffect) -> tuple[str, str]:
    """Under the payback: how it is worked out, and that the effect it rests on is the rule
    pack's assumption (low / expected / high), with its source."""
    assumption = _(
        "The effect of an Account Manager is an assumption of the rule pack, low / expected / "
        "high: {source}.",
        source=effect.source,
    )
    return _("How it is worked out: {note}.", note=payback_note(assessment)), assumption


HIRING_LABELS = {
    "recruiting_lead_days": N_("Recruiting, notice included"),
    "ramp_days": N_("Ramp-up until the AM carries the book"),
    "recruiting_cost": N_("Recruiting cost"),
    "reassess_days": N_("A held case is reassessed after"),
    "delivery_fix_days": N_("Delivery standards hold before reassessing"),
}


def hiring_rows(hiring: Hiring) -> list[tuple[str, str, str]]:
    """The rule pack's hiring figures: what each is, its value and its source."""
    rows = []
    for name, label in HIRING_LABELS.items():
        figure = getattr(hiring, name)
        value = (
            _("{share} of the AM's first-year cost", share=share(figure.value))
            if name == "recruiting_cost"
            else n_(
                "{number} day",
                "{number} days",
                int(figure.value),
                number=formats.number(int(figure.value)),
            )
        )
        rows.append((_(label), value, figure.source))
    return rows
