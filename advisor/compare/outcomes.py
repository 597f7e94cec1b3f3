"""The outcome rows of a comparison: verdict, the economics cards' figures, flip points, role.

The economics rows show the figures of the Recommendation page's cards (from the assessment's
`Economics`, computed once by `economics.compute_economics`) the way the cards show them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from advisor import wording
from advisor.compare.model import Row, ScenarioResult
from advisor.role import RoleDesign


def _money(result: ScenarioResult, amount: float | None, missing: str = "not defined") -> str:
    return missing if amount is None else wording.money(amount, result.profile.currency)


def _verdict_rows() -> list[tuple[str, str, Callable[[ScenarioResult], str]]]:
    return [
        ("verdict", "Verdict", lambda r: r.assessment.verdict_label),
        ("score", "Readiness score", lambda r: f"{r.assessment.score:.0f}/100"),
        ("readiness", "Readiness", lambda r: wording.capitalised(r.assessment.readiness)),
        (
            "held_back_by",
            "What holds it back",
            lambda r: (
                "; ".join(wording.in_sentence(t) if i else t for i, t in enumerate(r.held_back_by))
                or "nothing"
            ),
        ),
        ("headline", "Headline", lambda r: r.assessment.headline),
    ]


def _payback(months: float | None) -> str:
    return f"{months:.0f} months" if months is not None else "not reached"


def _next_am(result: ScenarioResult) -> str:
    economics = result.assessment.economics
    if not economics.next_am_accounts:
        return "none needed now"
    return (
        f"{wording.plural(economics.next_am_accounts, 'account')}, payback "
        f"{_payback(economics.next_am_payback_months)}"
    )


def _economics_rows() -> list[tuple[str, str, Callable[[ScenarioResult], str]]]:
    """The figures of the Recommendation page's economics cards, shown as the cards show them."""

    def share(result: ScenarioResult) -> str:
        value = result.assessment.economics.am_cost_share_of_gross_profit
        return wording.percent(value, 0) if value is not None else "no profit"

    def break_even(result: ScenarioResult) -> str:
        accounts = result.assessment.economics.break_even_accounts
        return f"{accounts:.1f} accounts" if accounts is not None else "not reachable"

    def supported(result: ScenarioResult) -> str:
        accounts = result.assessment.economics.supported_from_accounts
        return f"{accounts:.1f} accounts" if accounts is not None else "no margin supports an AM"

    return [
        (
            "total_arr",
            "Annual recurring revenue",
            lambda r: _money(r, r.assessment.economics.total_arr),
        ),
        ("gross_profit", "Gross profit", lambda r: _money(r, r.assessment.economics.gross_profit)),
        (
            "arr_at_risk",
            "ARR at risk from churn",
            lambda r: _money(r, r.assessment.economics.arr_at_risk),
        ),
        (
            "recommended_am_count",
            "Account Managers this book needs",
            lambda r: wording.plural(r.assessment.recommended_am_count, "AM"),
        ),
        (
            "am_cost",
            "One AM's fully loaded cost",
            lambda r: _money(r, r.assessment.economics.am_cost),
        ),
        ("team_cost", "Team cost", lambda r: _money(r, r.assessment.economics.team_cost)),
        ("am_cost_share_of_gross_profit", "Team cost vs gross profit", share),
        (
            "payback_months",
            "Payback of the team",
            lambda r: _payback(r.assessment.economics.payback_months),
        ),
        ("next_am", "Next AM's marginal case", _next_am),
        ("break_even_accounts", "Break-even book for one AM", break_even),
        ("supported_from_accounts", "The margin supports an AM from", supported),
    ]


def _flip_text(result: ScenarioResult) -> str:
    flips = result.assessment.flip_points
    if not flips:
        return "no single input, changed on its own, changes the verdict"
    return "\n".join(flip.sentence for flip in flips)


def _split(role: RoleDesign) -> str:
    return " · ".join(
        f"{component.label} {wording.percent(component.share, 0)}"
        for component in role.compensation.components
    )


def _role_rows(
    results: Sequence[ScenarioResult],
) -> list[tuple[str, str, Callable[[ScenarioResult], str]]]:
    rows: list[tuple[str, str, Callable[[ScenarioResult], str]]] = [
        ("role_title", "Role", lambda r: r.role.title),
        (
            "book_size",
            "Book size per AM",
            lambda r: f"{r.role.capacity.book_low}–{r.role.capacity.book_high} accounts",
        ),
        ("role_am_count", "AM count", lambda r: wording.plural(r.role.capacity.am_count, "AM")),
    ]
    metrics: dict[str, str] = {}
    for result in results:
        for line in result.role.metrics:
            metrics.setdefault(line.key, line.label)
    for key, label in metrics.items():
        rows.append((f"target_{key}", f"Target: {label}", _target_of(key)))
    rows += [
        ("ote", "On-target earnings", lambda r: _money(r, r.role.compensation.ote)),
        (
            "base_variable",
            "Base / variable",
            lambda r: (
                f"{wording.percent(r.role.compensation.base_share, 0)} / "
                f"{wording.percent(1 - r.role.compensation.base_share, 0)}"
            ),
        ),
        (
            "renewal_expansion_share",
            "Variable pay on renewal and expansion",
            lambda r: wording.percent(r.role.compensation.renewal_expansion_share, 0),
        ),
        ("variable_split", "Variable split", lambda r: _split(r.role)),
    ]
    return rows


def _target_of(key: str) -> Callable[[ScenarioResult], str]:
    def target(result: ScenarioResult) -> str:
        return next((m.target for m in result.role.metrics if m.key == key), "not drafted")

    return target


def outcome_rows(results: Sequence[ScenarioResult]) -> tuple[Row, ...]:
    sections = (
        ("Verdict", _verdict_rows()),
        ("Economics", _economics_rows()),
        ("Flip points", [("flip_points", "What would change the verdict", _flip_text)]),
        ("Role", _role_rows(results)),
    )
    rows = []
    for section, specs in sections:
        for key, label, show in specs:
            values = tuple(show(result) for result in results)
            rows.append(Row(section, key, label, values, len(set(values)) > 1))
    return tuple(rows)
