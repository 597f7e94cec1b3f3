"""The outcome rows of a comparison: verdict, economics, timing, flip points, role.

Every figure and sentence about the hire is the presenter's (`advisor.present`): the economics
rows are `present.economics_lines`, one row per line and in its order, and the timing rows are
the plan, the team plan and what waiting costs as the reports and the app word them. So a
scenario's row reads exactly as the same case reads in `advisor assess`, the brief and the
Recommendation page. A verdict the delivery gate decides shows "not scored", never a score.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from advisor import present, wording
from advisor.compare.model import Row, ScenarioResult
from advisor.i18n import _, formats, p_
from advisor.role import RoleDesign

Spec = tuple[str, str, Callable[[ScenarioResult], str]]


def _verdict_rows() -> list[Spec]:
    return [
        ("verdict", p_("comparison row", "Verdict"), lambda r: r.assessment.verdict_label),
        (
            "score",
            p_("comparison row", "Readiness score"),
            lambda r: present.score_text(r.assessment),
        ),
        (
            "readiness",
            p_("comparison row", "Readiness"),
            lambda r: wording.capitalised(r.assessment.readiness),
        ),
        (
            "held_back_by",
            p_("comparison row", "What holds it back"),
            lambda r: (
                "; ".join(wording.in_sentence(t) if i else t for i, t in enumerate(r.held_back_by))
                or _("nothing")
            ),
        ),
        ("headline", p_("comparison row", "Headline"), lambda r: r.assessment.headline),
    ]


def _economics_rows(results: Sequence[ScenarioResult]) -> list[Spec]:
    """One row per line of the presenter's economics block, labelled as the baseline's: each
    value is `present.line(assessment, key).text`, the block worded once per scenario."""
    blocks = {
        result.name: {line.key: line for line in present.economics_lines(result.assessment)}
        for result in results
    }

    def shown(key: str) -> Callable[[ScenarioResult], str]:
        # A line only some scenarios have (the pay band of a country) reads "—" in the others.
        return lambda result: blocks[result.name][key].text if key in blocks[result.name] else "—"

    labels: dict[str, str] = {}
    for block in blocks.values():
        for line in block.values():
            labels.setdefault(line.key, line.label)
    return [(key, label, shown(key)) for key, label in labels.items()]


def _timing_rows() -> list[Spec]:
    """What the verdict means in dates, the team's hires and cost, and what waiting costs."""
    return [
        (
            "plan",
            p_("comparison row", "The plan for this verdict"),
            lambda r: present.plan_summary(r.assessment),
        ),
        (
            "team_plan",
            p_("comparison row", "The team plan"),
            lambda r: present.team_plan_sentence(r.assessment),
        ),
        (
            "waiting",
            p_("comparison row", "What waiting costs"),
            lambda r: present.waiting_sentence(r.assessment),
        ),
    ]


def _flip_text(result: ScenarioResult) -> str:
    flips = result.assessment.flip_points
    if not flips:
        return _("no single input, changed on its own, changes the verdict")
    return "\n".join(flip.sentence for flip in flips)


def _split(role: RoleDesign) -> str:
    # Translators: one part of the variable pay and its share, "Renewals 60%"
    return " · ".join(
        _("{component} {share}", component=component.label, share=present.share(component.share))
        for component in role.compensation.components
    )


def _role_rows(results: Sequence[ScenarioResult]) -> list[Spec]:
    rows: list[Spec] = [
        ("role_title", p_("comparison row", "Role"), lambda r: r.role.title),
        (
            "book_size",
            p_("comparison row", "Book size per AM"),
            lambda r: _(
                "{low}–{high} accounts",
                low=formats.number(r.role.capacity.book_low),
                high=formats.number(r.role.capacity.book_high),
            ),
        ),
        (
            "role_am_count",
            p_("comparison row", "AM count"),
            lambda r: present.am_count_text(r.role.capacity.am_count),
        ),
    ]
    metrics: dict[str, str] = {}
    for result in results:
        for line in result.role.metrics:
            metrics.setdefault(line.key, line.label)
    for key, label in metrics.items():
        # Translators: a row of the comparison: the target of one of the role's metrics
        rows.append((f"target_{key}", _("Target: {label}", label=label), _target_of(key)))
    rows += [
        (
            "ote",
            p_("comparison row", "On-target earnings"),
            lambda r: present.money(r.role.compensation.ote, r.profile.currency),
        ),
        (
            "base_variable",
            p_("comparison row", "Base / variable"),
            lambda r: (
                f"{present.share(r.role.compensation.base_share)} / "
                f"{present.share(1 - r.role.compensation.base_share)}"
            ),
        ),
        (
            "renewal_expansion_share",
            p_("comparison row", "Variable pay on renewal and expansion"),
            lambda r: present.share(r.role.compensation.renewal_expansion_share),
        ),
        ("variable_split", p_("comparison row", "Variable split"), lambda r: _split(r.role)),
    ]
    return rows


def _target_of(key: str) -> Callable[[ScenarioResult], str]:
    def target(result: ScenarioResult) -> str:
        return next((m.target for m in result.role.metrics if m.key == key), _("not drafted"))

    return target


def outcome_rows(results: Sequence[ScenarioResult]) -> tuple[Row, ...]:
    sections = (
        ("Verdict", _verdict_rows()),
        ("Economics", _economics_rows(results)),
        ("Timing", _timing_rows()),
        (
            "Flip points",
            [("flip_points", p_("comparison row", "What would change the verdict"), _flip_text)],
        ),
        ("Role", _role_rows(results)),
    )
    rows = []
    for section, specs in sections:
        for key, label, show in specs:
            values = tuple(show(result) for result in results)
            rows.append(Row(section, key, label, values, len(set(values)) > 1))
    return tuple(rows)
