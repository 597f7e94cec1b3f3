"""The app's own phrasings (cards, captions, compare rows), built on the figures."""

from __future__ import annotations

from advisor import wording
from advisor.economics import Economics
from advisor.engine import Assessment, Verdict
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
    return f"Renewals until {wording.count_of(1, role)} carries them"


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
        return "no score either way, since the delivery gate decides"
    if gated[1]:
        given = "would be given" if would else "given"
        return f"no score {given} (the delivery gate decides) where it was {old}"
    if gated[0]:
        return f"a score of {new} where the delivery gate decided before"
    if old == new:
        return f"the score would stay {new}" if would else f"the score stayed {new}"
    return f"the score from {old} to {new}"


def gauge_caption(assessment: Assessment) -> str:
    """Under the readiness dial: why a gated case shows no needle."""
    if not assessment.gated:
        return ""
    return (
        f"No needle: {assessment.readiness}. The delivery gate decides this verdict whatever "
        "the other rules would score."
    )


def history_gate_caption(gated_points: int) -> str:
    """Under the History chart, when some saved points were decided by the delivery gate."""
    if not gated_points:
        return ""
    return (
        f"{wording.capitalised(wording.plural(gated_points, 'point'))} decided by the delivery "
        "gate (fix delivery first) are marked along the top, apart from the score line: a gate's "
        "verdict has no readiness score, so it is never drawn as one."
    )


def same_verdict_line(
    scenario: str, baseline: str, other: Assessment, base: Assessment
) -> str | None:
    """'B gets the same verdict as A …' when the gate decides both (no scores to set side by
    side); None when both are scored (the comparison words the scores itself)."""
    if not (other.gated and base.gated):
        return None
    return (
        f"{scenario} gets the same verdict as {baseline}, '{base.verdict_label}': the delivery "
        "gate decides both, so neither is scored"
    )


def edited_cadence_sentence(econ: Economics, cadence_hours: float) -> str:
    """The role's cadence as edited, against the one hours budget of the team the book needs
    (empty when the edits leave the cadence's hours as the economics count them)."""
    if abs(cadence_hours - econ.cadence_hours) < 0.5:
        return ""
    needed = cadence_hours + econ.renewal_hours
    budget = econ.team_client_hours
    whose = (
        f"one AM's {wording.hours(econ.client_hours_per_am)}"
        if econ.recommended_am_count <= 1
        else f"{econ.recommended_am_count} AMs' {wording.hours(budget)}"
    )
    share_of = f"{share(needed / budget)} of " if budget else ""
    return (
        f"As edited here, the cadence needs {wording.hours(cadence_hours)} a month instead of "
        f"{wording.hours(econ.cadence_hours)}: with the renewals' "
        f"{wording.hours(econ.renewal_hours)}, {wording.hours(needed)}, {share_of}{whose}. "
        "The Account Manager count stays the one the pack's cadence gives."
    )


def effect_rows(effect: AmEffect) -> list[tuple[str, str, str, str]]:
    """The assumed effect of an AM as the rule pack gives it: each effect, low / expected /
    high."""
    rows = (
        ("Churn the AM keeps (share of the revenue churn takes)", effect.churn_reduction),
        ("Extra expansion (share of the book's ARR)", effect.expansion_uplift),
        ("Extra expansion where obvious upsell goes unworked", effect.expansion_uplift_unworked),
    )
    return [(label, share(r.low), share(r.expected), share(r.high)) for label, r in rows]


def payback_details(assessment: Assessment, effect: AmEffect) -> tuple[str, str]:
    """Under the payback: how it is worked out, and that the effect it rests on is the rule
    pack's assumption (low / expected / high), with its source."""
    assumption = (
        "The effect of an Account Manager is an assumption of the rule pack, low / expected / "
        f"high: {effect.source}."
    )
    return f"How it is worked out: {payback_note(assessment)}.", assumption


HIRING_LABELS = {
    "recruiting_lead_days": "Recruiting, notice included",
    "ramp_days": "Ramp-up until the AM carries the book",
    "recruiting_cost": "Recruiting cost",
    "reassess_days": "A held case is reassessed after",
    "delivery_fix_days": "Delivery standards hold before reassessing",
}


def hiring_rows(hiring: Hiring) -> list[tuple[str, str, str]]:
    """The rule pack's hiring figures: what each is, its value and its source."""
    rows = []
    for name, label in HIRING_LABELS.items():
        figure = getattr(hiring, name)
        value = (
            f"{share(figure.value)} of the AM's first-year cost"
            if name == "recruiting_cost"
            else wording.plural(int(figure.value), "day")
        )
        rows.append((label, value, figure.source))
    return rows
