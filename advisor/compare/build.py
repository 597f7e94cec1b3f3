"""Comparing scenarios: each assessed and drafted, each differing input re-assessed alone.

The first scenario is the baseline. For an input that differs, the engine decides the baseline
with just that input set to the other scenario's value; when no single input gives the other
verdict, the inputs that do together are found by setting them all (the other scenario itself)
and putting each back to the baseline's value in turn while the verdict holds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import msgspec

from advisor import present, wording
from advisor.compare.model import (
    EXTRA_LABELS,
    MAX_NAME,
    MAX_SCENARIOS,
    MIN_SCENARIOS,
    PACK_FIELD,
    ROLE_EDITS_FIELD,
    TOP_SHARE_FIELD,
    Comparison,
    ComparisonError,
    Difference,
    Row,
    Scenario,
    ScenarioResult,
    verdict_label,
)
from advisor.compare.outcomes import outcome_rows
from advisor.engine import decide, evaluate
from advisor.i18n import _, formats
from advisor.pack import RulePack
from advisor.problems import AdvisorError, Problems
from advisor.profile import FIELDS, ProfileError, parse_profile, profile_to_dict
from advisor.role import RoleInputs, draft_role, parse_edits
from advisor.textsafety import clean_text


def _checked_names(scenarios: Sequence[Scenario]) -> list[str]:
    count = len(scenarios)
    if not MIN_SCENARIOS <= count <= MAX_SCENARIOS:
        if count:
            message = _(
                "a comparison takes {least} to {most} scenarios, got {count}",
                least=MIN_SCENARIOS,
                most=MAX_SCENARIOS,
                count=formats.number(count),
            )
        else:
            message = _(
                "a comparison takes {least} to {most} scenarios, none was given",
                least=MIN_SCENARIOS,
                most=MAX_SCENARIOS,
            )
        raise ComparisonError.single(message, path="scenarios")
    problems = Problems()
    names: list[str] = []
    seen: dict[str, int] = {}
    for number, scenario in enumerate(scenarios, start=1):
        name = clean_text(scenario.name, single_line=True)
        # Translators: where a problem sits: "scenario 2"
        where = _("scenario {number}", number=number)
        if not name:
            message = _("has no name; give each scenario a name")
            problems.add(message, context=where, path="name")
        elif len(name) > MAX_NAME:
            problems.add(
                # Translators: {start} is the name's first 20 characters
                _(
                    "'{start}…' is {length} characters long; at most {most}",
                    start=name[:20],
                    length=formats.number(len(name)),
                    most=MAX_NAME,
                ),
                context=where,
                path="name",
            )
        elif name.casefold() in seen:
            problems.add(
                _(
                    "'{name}' is already the name of scenario {number}; "
                    "give each scenario its own name",
                    name=name,
                    number=seen[name.casefold()],
                ),
                context=where,
                path="name",
            )
        seen.setdefault(name.casefold(), number)
        names.append(name)
    problems.raise_if_any(ComparisonError)
    return names


def _result(name: str, scenario: Scenario, as_of: dt.date) -> ScenarioResult:
    try:
        edits = parse_edits(scenario.role_edits)
        assessment = evaluate(scenario.profile, scenario.pack, as_of=as_of)
        role = draft_role(
            scenario.profile,
            assessment,
            scenario.pack,
            inputs=scenario.role_inputs,
            edits=edits,
        )
    except AdvisorError as error:  # name the scenario in every problem of its inputs
        raise type(error)(
            msgspec.structs.replace(
                problem, context=problem.context or _("scenario '{name}'", name=name)
            )
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
    return _(EXTRA_LABELS[field]) if field in EXTRA_LABELS else wording.label(field)


def _pack_label(result: ScenarioResult, results: Sequence[ScenarioResult]) -> str:
    pack = result.pack
    text = f"{pack.name} {pack.version}"
    twins = [r.pack for r in results if f"{r.pack.name} {r.pack.version}" == text]
    if any(twin.digest != pack.digest for twin in twins):  # same name, other files
        # Translators: a rule pack's name and version, then the start of its files' digest
        text = _("{pack} (digest {digest})", pack=text, digest=pack.digest[:12])
    return text


def _shown(field: str, result: ScenarioResult, results: Sequence[ScenarioResult], raw: Any) -> str:
    if field == PACK_FIELD:
        return _pack_label(result, results)
    if field == ROLE_EDITS_FIELD:
        return ", ".join(wording.words(name) for name in raw) if raw else _("none")
    if field == TOP_SHARE_FIELD:
        return _("not given") if raw is None else wording.percent(raw)
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
        return decide(profile, pack)[0].value


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
        notes.append(wording.cannot_assess_alone(results[index].name, refusal) if refusal else "")
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
                verdict_label(
                    other if d.field == PACK_FIELD else base, str(d.verdict_alone[index])
                ),
            )
            for d in changed
            if d.verdict_alone[index] not in (None, verdict, base.verdict)
        ]

    if not changed:
        line = wording.same_inputs(other.name, base.name)
    elif other.verdict == base.verdict:
        # A gate's verdict has no score: two gated scenarios are never set side by side by one.
        agree = present.same_verdict_line(
            other.name, base.name, other.assessment, base.assessment
        ) or wording.verdicts_agree(
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


def compare_scenarios(scenarios: Sequence[Scenario], *, as_of: dt.date | None = None) -> Comparison:
    """Assess 2–4 scenarios and line them up; the first is the baseline the others are set on.

    Every scenario is assessed on the one `as_of` date (today, taken once, when None), so their
    plans count from the same day."""
    names = _checked_names(scenarios)
    day = as_of or dt.date.today()
    results = tuple(_result(name, s, day) for name, s in zip(names, scenarios, strict=True))
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
    return Comparison(results, tuple(inputs), outcome_rows(results), differences, lines, day)
