"""Two to four scenarios side by side: every input, every outcome, and what makes the difference.

`compare_scenarios` assesses each scenario with the engine, drafts its role, and lines up the
inputs (the profile's fields, the rule pack, the role's edits) and the outcomes (verdict, score,
what holds it back, the economics cards' figures, flip points, the role's key numbers). For each
input that differs it asks the engine whether that input ALONE changes the verdict: the first
scenario (the baseline) with just that input set to the other scenario's value, re-evaluated.
When no single input decides, the line names the smallest set of inputs that does, together.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from advisor import wording
from advisor.engine import Assessment, evaluate
from advisor.pack import RulePack
from advisor.problems import AdvisorError, Problems
from advisor.profile import FIELDS, CompanyProfile, ProfileError, parse_profile, profile_to_dict
from advisor.role import RoleDesign, RoleEdits, RoleInputs, draft_role, parse_edits
from advisor.textsafety import clean_text

__all__ = [
    "MAX_NAME",
    "MAX_SCENARIOS",
    "MIN_SCENARIOS",
    "PACK_FIELD",
    "ROLE_EDITS_FIELD",
    "TOP_SHARE_FIELD",
    "Comparison",
    "ComparisonError",
    "Difference",
    "Row",
    "Scenario",
    "ScenarioResult",
    "compare_scenarios",
]

MIN_SCENARIOS, MAX_SCENARIOS = 2, 4
MAX_NAME = 80
# Inputs that are not profile fields: the pack the verdict comes from and the role's own inputs.
PACK_FIELD = "rule_pack"
ROLE_EDITS_FIELD = "role_edits"
TOP_SHARE_FIELD = "top_accounts_share"
EXTRA_LABELS = {
    PACK_FIELD: "Rule pack",
    ROLE_EDITS_FIELD: "Role edits",
    TOP_SHARE_FIELD: "Top 3 accounts' share of ARR",
}


class ComparisonError(AdvisorError):
    """The scenarios cannot be compared: too few or too many, or names missing or repeated."""


@dataclass(frozen=True)
class Scenario:
    """One named case: a profile, the pack to judge it by, and the role's own inputs."""

    name: str
    profile: CompanyProfile
    pack: RulePack
    role_edits: Mapping[str, Any] | RoleEdits | None = None
    role_inputs: RoleInputs | None = None


@dataclass(frozen=True)
class ScenarioResult:
    """A scenario assessed and its role drafted; `name` is the cleaned display name."""

    name: str
    scenario: Scenario
    assessment: Assessment
    role: RoleDesign
    edits: RoleEdits

    @property
    def profile(self) -> CompanyProfile:
        return self.scenario.profile

    @property
    def pack(self) -> RulePack:
        return self.scenario.pack

    @property
    def verdict(self) -> str:
        return self.assessment.verdict.value

    @property
    def held_back_by(self) -> tuple[str, ...]:
        """The titles of the fired rules that cap the verdict or force it."""
        return tuple(
            result.title
            for result in self.assessment.fired
            if result.cap is not None or result.verdict is not None
        )

    def to_dict(self) -> dict[str, Any]:
        assessment = self.assessment
        return {
            "name": self.name,
            "company": self.profile.company,
            "verdict": self.verdict,
            "verdict_label": assessment.verdict_label,
            "score": assessment.score,
            "readiness": assessment.readiness,
            "headline": assessment.headline,
            "held_back_by": list(self.held_back_by),
            "blockers": list(assessment.blockers),
            "recommended_am_count": assessment.recommended_am_count,
            "economics": assessment.economics.to_dict(),
            "flip_points": [
                {
                    "field": flip.field,
                    "value": flip.value,
                    "verdict": flip.verdict,
                    "sentence": flip.sentence,
                }
                for flip in assessment.flip_points
            ],
            "role": _role_numbers(self.role),
            "pack": dataclasses.asdict(assessment.pack),
            "profile": profile_to_dict(self.profile),
        }


@dataclass(frozen=True)
class Row:
    """One line of the side-by-side table: a label and each scenario's value as shown."""

    section: str
    key: str
    label: str
    values: tuple[str, ...]
    differs: bool


@dataclass(frozen=True)
class Difference:
    """An input whose value is not the same in every scenario.

    `verdict_alone[i]` is the baseline's verdict with just this input set to scenario i's value
    (None for the baseline itself, for a scenario with the baseline's value, and where that one
    change makes a profile that cannot be assessed; `notes` says why).
    """

    field: str
    label: str
    values: tuple[Any, ...]
    shown: tuple[str, ...]
    verdict_alone: tuple[str | None, ...]
    notes: tuple[str, ...]

    @property
    def changes_verdict_alone(self) -> bool:
        baseline = self.verdict_alone_of_baseline
        return any(v is not None and v != baseline for v in self.verdict_alone[1:])

    @property
    def verdict_alone_of_baseline(self) -> str | None:
        return self.verdict_alone[0]


@dataclass(frozen=True)
class Comparison:
    scenarios: tuple[ScenarioResult, ...]
    inputs: tuple[Row, ...]
    outcomes: tuple[Row, ...]
    differences: tuple[Difference, ...]
    lines: tuple[str, ...]  # what makes the difference, one line per scenario after the first

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(result.name for result in self.scenarios)

    @property
    def same_pack(self) -> bool:
        return all(field.field != PACK_FIELD for field in self.differences)

    def effect_of(self, difference: Difference) -> str:
        """One sentence: what each other scenario's value of the input does alone."""
        base = self.scenarios[0]
        entries = []
        for index, verdict in enumerate(difference.verdict_alone[1:], start=1):
            name = self.scenarios[index].name
            if verdict is None and not difference.notes[index]:
                continue  # the same value as the baseline's
            changed = verdict is not None and verdict != base.verdict
            judge = self.scenarios[index] if difference.field == PACK_FIELD else base
            shown = _verdict_label(judge, verdict) if changed and verdict else None
            entries.append((name, shown, verdict is not None))
        return wording.alone_effects(entries)

    def to_dict(self) -> dict[str, Any]:
        names = self.names

        def by_name(values: Iterable[Any]) -> dict[str, Any]:
            return dict(zip(names, values, strict=True))

        return {
            "baseline": names[0],
            "same_pack": self.same_pack,
            "summary": list(self.lines),
            "scenarios": [result.to_dict() for result in self.scenarios],
            "differences": [
                {
                    "field": difference.field,
                    "label": difference.label,
                    "values": by_name(difference.values),
                    "shown": by_name(difference.shown),
                    "changes_verdict_alone": difference.changes_verdict_alone,
                    "effect": self.effect_of(difference),
                    "verdict_alone": by_name(difference.verdict_alone),
                    "notes": [note for note in difference.notes if note],
                }
                for difference in self.differences
            ],
            "rows": [
                {
                    "section": row.section,
                    "key": row.key,
                    "label": row.label,
                    "values": by_name(row.values),
                    "differs": row.differs,
                }
                for row in (*self.inputs, *self.outcomes)
            ],
        }


# ---------------------------------------------------------------------------------------------


def _checked_names(scenarios: Sequence[Scenario]) -> list[str]:
    count = len(scenarios)
    if not MIN_SCENARIOS <= count <= MAX_SCENARIOS:
        raise ComparisonError.single(
            f"a comparison takes {MIN_SCENARIOS} to {MAX_SCENARIOS} scenarios, "
            f"{'got ' + str(count) if count else 'none was given'}",
            path="scenarios",
        )
    problems = Problems()
    names: list[str] = []
    seen: dict[str, int] = {}
    for number, scenario in enumerate(scenarios, start=1):
        name = clean_text(scenario.name, single_line=True)
        where = f"scenario {number}"
        if not name:
            problems.add("has no name; give each scenario a name", context=where, path="name")
        elif len(name) > MAX_NAME:
            problems.add(
                f"'{name[:20]}…' is {len(name)} characters long; at most {MAX_NAME}",
                context=where,
                path="name",
            )
        elif name.casefold() in seen:
            problems.add(
                f"'{name}' is already the name of scenario {seen[name.casefold()]}; "
                "give each scenario its own name",
                context=where,
                path="name",
            )
        seen.setdefault(name.casefold(), number)
        names.append(name)
    problems.raise_if_any(ComparisonError)
    return names


def _result(name: str, scenario: Scenario) -> ScenarioResult:
    try:
        edits = parse_edits(scenario.role_edits)
        assessment = evaluate(scenario.profile, scenario.pack)
        role = draft_role(
            scenario.profile,
            assessment,
            scenario.pack,
            inputs=scenario.role_inputs,
            edits=edits,
        )
    except AdvisorError as error:  # name the scenario in every problem of its inputs
        raise type(error)(
            dataclasses.replace(problem, context=problem.context or f"scenario '{name}'")
            for problem in error.problems
        ) from None
    return ScenarioResult(name, scenario, assessment, role, edits)


def _pack_value(pack: RulePack) -> dict[str, str]:
    return {"name": pack.name, "version": pack.version, "digest": pack.digest}


def _input_values(result: ScenarioResult) -> dict[str, Any]:
    """Every input of one scenario as plain data, compared for equality."""
    values = profile_to_dict(result.profile, include_empty=True)
    values[PACK_FIELD] = _pack_value(result.pack)
    values[ROLE_EDITS_FIELD] = list(result.edits.sections()) or None
    inputs = result.scenario.role_inputs or RoleInputs()
    values[TOP_SHARE_FIELD] = inputs.top_accounts_share
    return values


def _differs(
    field: str, one: ScenarioResult, other: ScenarioResult, values: tuple[Any, Any]
) -> bool:
    if field == ROLE_EDITS_FIELD:  # two edits of the same sections may still differ
        return one.edits != other.edits
    return bool(values[0] != values[1])


def _input_fields(values: list[dict[str, Any]]) -> list[str]:
    """The rule pack, the profile's fields in form order, then the role's inputs when given."""
    fields = [PACK_FIELD, *FIELDS]
    for extra in (ROLE_EDITS_FIELD, TOP_SHARE_FIELD):
        if any(value[extra] is not None for value in values):
            fields.append(extra)
    return fields


def _label(field: str) -> str:
    return EXTRA_LABELS.get(field) or FIELDS[field].label


def _pack_label(result: ScenarioResult, results: Sequence[ScenarioResult]) -> str:
    pack = result.pack
    text = f"{pack.name} {pack.version}"
    twins = [r.pack for r in results if f"{r.pack.name} {r.pack.version}" == text]
    if any(twin.digest != pack.digest for twin in twins):  # same name, other files
        text += f" (digest {pack.digest[:12]})"
    return text


def _shown(field: str, result: ScenarioResult, results: Sequence[ScenarioResult], raw: Any) -> str:
    if field == PACK_FIELD:
        return _pack_label(result, results)
    if field == ROLE_EDITS_FIELD:
        return ", ".join(wording.words(name) for name in raw) if raw else "none"
    if field == TOP_SHARE_FIELD:
        return "not given" if raw is None else wording.percent(raw)
    return wording.shown_value(field, raw, result.profile.currency)


class _Probe:
    """The baseline's verdict with some inputs taken from another scenario, by the engine."""

    def __init__(self, results: Sequence[ScenarioResult], values: list[dict[str, Any]]) -> None:
        self.results = results
        self.values = values
        self.baseline = {
            key: value for key, value in values[0].items() if key in FIELDS and value is not None
        }
        self.refusals: dict[tuple[int, frozenset[str]], str] = {}
        self._known: dict[tuple[int, frozenset[str]], str | None] = {}

    def verdict(self, index: int, fields: Iterable[str]) -> str | None:
        """None when the mixed profile is refused (`refusals` keeps why)."""
        key = (index, frozenset(fields))
        if key not in self._known:
            self._known[key] = self._evaluate(*key)
        return self._known[key]

    def _evaluate(self, index: int, fields: frozenset[str]) -> str | None:
        other = self.values[index]
        data = dict(self.baseline)
        pack = self.results[0].pack
        for name in fields:
            if name == PACK_FIELD:
                pack = self.results[index].pack
            elif name in FIELDS:
                if other[name] is None:
                    data.pop(name, None)
                else:
                    data[name] = other[name]
            # the role's edits and inputs are not read by the engine: the verdict stays
        try:
            profile = parse_profile(data)
        except ProfileError as error:
            self.refusals[(index, fields)] = "; ".join(str(p) for p in error.problems)
            return None
        return evaluate(profile, pack, with_flip_points=False, full_trace=False).verdict.value


def _difference(
    field: str,
    results: Sequence[ScenarioResult],
    values: list[dict[str, Any]],
    differs_from_baseline: Callable[[int, str], bool],
    probe: _Probe,
) -> Difference:
    alone: list[str | None] = [results[0].verdict]
    notes: list[str] = [""]
    for index in range(1, len(results)):
        if not differs_from_baseline(index, field):
            alone.append(None)
            notes.append("")
            continue
        found = probe.verdict(index, {field})
        alone.append(found)
        refusal = probe.refusals.get((index, frozenset({field})), "")
        notes.append(
            f"{results[index].name}'s value alone cannot be assessed: {refusal}" if refusal else ""
        )
    return Difference(
        field=field,
        label=_label(field),
        values=tuple(value[field] for value in values),
        shown=tuple(
            _shown(field, r, results, v[field]) for r, v in zip(results, values, strict=True)
        ),
        verdict_alone=tuple(alone),
        notes=tuple(notes),
    )


# ---------------------------------------------------------------------------------------------
# What makes the difference


def _verdict_label(result: ScenarioResult, verdict: str) -> str:
    return result.pack.verdict_labels.get(verdict) or wording.words(verdict)


def _together(probe: _Probe, index: int, fields: list[str], verdict: str) -> list[str]:
    """The inputs that together give the other scenario's verdict, none of them spare.

    All of them together are the other scenario itself; each is dropped in turn (put back to
    the baseline's value) while the verdict stays.
    """
    keep = list(fields)
    for name in fields:
        trial = [other for other in keep if other != name]
        if trial and probe.verdict(index, trial) == verdict:
            keep = trial
    return keep


def _line(
    index: int,
    results: Sequence[ScenarioResult],
    differences: Sequence[Difference],
    probe: _Probe,
) -> str:
    base, other = results[0], results[index]
    changed = [d for d in differences if d.verdict_alone[index] is not None or d.notes[index]]

    def phrase(difference: Difference) -> str:
        return wording.difference_phrase(
            other.name, difference.field, difference.values[index], difference.shown[index]
        )

    def moved(verdict: str) -> list[tuple[str, str]]:
        return [
            (
                phrase(d),
                _verdict_label(
                    other if d.field == PACK_FIELD else base, str(d.verdict_alone[index])
                ),
            )
            for d in changed
            if d.verdict_alone[index] not in (None, verdict, base.verdict)
        ]

    if not changed:
        line = wording.same_inputs(other.name, base.name)
    elif other.verdict == base.verdict:
        agree = wording.verdicts_agree(
            other.name,
            base.name,
            base.assessment.verdict_label,
            (other.assessment.score, base.assessment.score),
        )
        line = wording.agree_despite(agree, moved(base.verdict))
    else:
        decisive = [d for d in changed if d.verdict_alone[index] == other.verdict]
        if decisive:
            line = wording.verdicts_differ([phrase(d) for d in decisive])
        else:
            fields = _together(probe, index, [d.field for d in changed], other.verdict)
            by_field = {d.field: d for d in changed}
            line = wording.verdicts_differ_together(
                [phrase(by_field[name]) for name in fields],
                other.assessment.verdict_label,
                moved(other.verdict),
            )
    if len(results) > 2:
        line = wording.against_baseline(other.name, base.name, line)
    return line


# ---------------------------------------------------------------------------------------------
# Outcomes: verdict, economics (the Recommendation page's cards), flip points, the role


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


def _outcome_rows(results: Sequence[ScenarioResult]) -> tuple[Row, ...]:
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


def _role_numbers(role: RoleDesign) -> dict[str, Any]:
    """The drafted role's key numbers, as plain data."""
    compensation = role.compensation
    return {
        "title": role.title,
        "shape": role.shape,
        "book_size": {"low": role.capacity.book_low, "high": role.capacity.book_high},
        "am_count": role.capacity.am_count,
        "targets": [
            {"metric": line.key, "label": line.label, "target": line.target}
            for line in role.metrics
        ],
        "compensation": {
            "currency": compensation.currency,
            "ote": compensation.ote,
            "base_share": compensation.base_share,
            "variable_share": 1 - compensation.base_share,
            "renewal_expansion_share": compensation.renewal_expansion_share,
            "components": [
                {"id": c.id, "label": c.label, "kind": c.kind, "share": c.share}
                for c in compensation.components
            ],
        },
        "edited": list(role.edited),
    }


# ---------------------------------------------------------------------------------------------


def compare_scenarios(scenarios: Sequence[Scenario]) -> Comparison:
    """Assess 2–4 scenarios and line them up; the first is the baseline the others are set on."""
    names = _checked_names(scenarios)
    results = tuple(_result(name, s) for name, s in zip(names, scenarios, strict=True))
    values = [_input_values(result) for result in results]

    def differs(index: int, field: str) -> bool:
        pair = (values[0][field], values[index][field])
        return _differs(field, results[0], results[index], pair)

    inputs = []
    for field in _input_fields(values):
        shown = tuple(
            _shown(field, result, results, value[field])
            for result, value in zip(results, values, strict=True)
        )
        varies = any(differs(index, field) for index in range(1, len(results)))
        inputs.append(Row("Inputs", field, _label(field), shown, varies))
    probe = _Probe(results, values)
    differences = tuple(
        _difference(row.key, results, values, differs, probe) for row in inputs if row.differs
    )
    lines = tuple(_line(i, results, differences, probe) for i in range(1, len(results)))
    return Comparison(results, tuple(inputs), _outcome_rows(results), differences, lines)
