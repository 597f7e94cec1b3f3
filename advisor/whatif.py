"""What-ifs: the verdict and score as one numeric input moves, everything else equal.

The app's what-if chart and `advisor sweep` both read `run_sweep`, so the chart and the command
always show the same points.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from advisor import wording
from advisor.economics import am_cost_for
from advisor.engine import sweep
from advisor.i18n import _
from advisor.pack.model import RulePack
from advisor.problems import AdvisorError, Problem, suggest
from advisor.profile import FIELDS, NUMERIC_KINDS, CompanyProfile
from advisor.profile_values import parse_count, parse_money, parse_net_rate, parse_nps, parse_rate

# Every numeric input can be swept; counts step by whole numbers.
SWEEPABLE = tuple(name for name, info in FIELDS.items() if info.kind in NUMERIC_KINDS)
DEFAULT_STEPS = 21
MAX_STEPS = 201
# The widest range each kind of field can take.
_DOMAINS = {"rate": (0.0, 1.0), "net_rate": (0.0, 5.0), "score": (-100.0, 100.0)}


class SweepError(AdvisorError):
    """A what-if was asked for a field or a range it cannot sweep."""


@dataclass(frozen=True)
class SweepPoint:
    value: float
    verdict: str
    verdict_label: str
    score: float


@dataclass(frozen=True)
class Sweep:
    field: str
    label: str
    unit: str
    current: float | None
    points: tuple[SweepPoint, ...]
    currency: str

    def shown(self, value: float) -> str:
        return wording.with_unit(self.field, value, self.currency)

    @property
    def changes(self) -> tuple[tuple[SweepPoint, SweepPoint], ...]:
        """Neighbouring points where the verdict changes."""
        pairs = zip(self.points, self.points[1:], strict=False)
        return tuple((a, b) for a, b in pairs if a.verdict != b.verdict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "label": self.label,
            "unit": self.unit,
            "current": self.current,
            "points": [
                {
                    "value": p.value,
                    "verdict": p.verdict,
                    "verdict_label": p.verdict_label,
                    "score": p.score,
                }
                for p in self.points
            ],
            "changes": [
                {"between": [a.value, b.value], "from": a.verdict, "to": b.verdict}
                for a, b in self.changes
            ],
        }


_PARSERS = {
    "count": parse_count,
    "money": parse_money,
    "rate": parse_rate,
    "net_rate": parse_net_rate,
    "score": parse_nps,
}


def check_field(field: str) -> None:
    """SweepError unless `field` is a numeric profile field (with a did-you-mean)."""
    if field not in SWEEPABLE:
        hint = suggest(field, SWEEPABLE)
        if hint:
            # Translators: {hint} is " (did you mean 'x'?)"
            message = _("'{field}' is not a numeric profile field{hint}", field=field, hint=hint)
        else:
            # Translators: {fields} lists the field keys as typed in a profile file
            message = _(
                "'{field}' is not a numeric profile field; one of {fields}",
                field=field,
                fields=", ".join(SWEEPABLE),
            )
        raise SweepError.single(message, path="FIELD")


def parse_bound(field: str, text: str, option: str) -> float:
    """A --from/--to value read the way the profile reads the field ("40%", "85,000")."""
    check_field(field)
    try:
        return float(_PARSERS[FIELDS[field].kind](text))
    except ValueError as error:
        # Translators: a field key as typed, then why its value could not be read
        raise SweepError.single(
            _("{field}: {error}", field=field, error=error), path=option
        ) from None


def current_value(profile: CompanyProfile, pack: RulePack, field: str) -> float | None:
    """The field's value today; the AM cost in use when the profile leaves it empty."""
    if field == "am_fully_loaded_cost":
        return am_cost_for(profile, pack)[0]
    raw = getattr(profile, field)
    return None if raw is None else float(raw)


def default_range(profile: CompanyProfile, pack: RulePack, field: str) -> tuple[float, float]:
    """A range around today's value wide enough to show where the verdict changes."""
    kind = FIELDS[field].kind
    if kind in _DOMAINS:
        return (0.5, 1.5) if kind == "net_rate" else _DOMAINS[kind]
    current = current_value(profile, pack, field) or 0.0
    if field == "renewal_lead_days":
        return 0.0, max(180.0, current)
    if kind == "count":
        return 0.0, float(max(2 * int(current), 20))
    return round(current * 0.25), round(max(current * 2, 1.0))


def _check(field: str, low: float, high: float, steps: int) -> list[Problem]:
    problems = []
    info = FIELDS[field]
    floor, ceiling = _DOMAINS.get(info.kind, (0.0, math.inf))
    if not (math.isfinite(low) and math.isfinite(high)) or low >= high:
        # Translators: --from and --to are the command's options, kept as typed
        message = _(
            "--from {low} must be below --to {high}",
            low=wording.plain_number(low),
            high=wording.plain_number(high),
        )
        problems.append(Problem(message, path="--from"))
    elif low < floor or high > ceiling:
        message = _(
            "{field} takes values from {floor} to {ceiling}; got {low} to {high}",
            field=field,
            floor=wording.plain_number(floor),
            ceiling=wording.plain_number(ceiling),
            low=wording.plain_number(low),
            high=wording.plain_number(high),
        )
        problems.append(Problem(message, path="--from"))
    if not 2 <= steps <= MAX_STEPS:
        message = _("{steps} is not between 2 and {most}", steps=steps, most=MAX_STEPS)
        problems.append(Problem(message, path="--steps"))
    return problems


def _points(kind: str, low: float, high: float, steps: int) -> list[float]:
    if kind == "count":
        low, high = math.ceil(low), math.floor(high)
        count = min(steps, int(high - low) + 1)
        return sorted({round(low + (high - low) * i / max(count - 1, 1)) for i in range(count)})
    return [low + (high - low) * i / (steps - 1) for i in range(steps)]


def run_sweep(
    profile: CompanyProfile,
    pack: RulePack,
    field: str,
    low: float | None = None,
    high: float | None = None,
    steps: int = DEFAULT_STEPS,
) -> Sweep:
    """Verdict and score at evenly spaced values of one numeric input (SweepError if not one)."""
    check_field(field)
    default_low, default_high = default_range(profile, pack, field)
    low = default_low if low is None else low
    high = default_high if high is None else high
    problems = _check(field, low, high, steps)
    if problems:
        raise SweepError(problems)
    info = FIELDS[field]
    values = _points(info.kind, low, high, steps)
    if info.kind == "count":
        probe: list[Any] = [int(v) for v in values]
    else:
        probe = values
    labels = pack.verdict_labels_for(str(profile.business_model))
    points = tuple(
        SweepPoint(float(value), verdict.value, labels[verdict.value], score)
        for value, verdict, score in sweep(profile, pack, field, probe)
    )
    return Sweep(
        field=field,
        label=wording.label(field),
        unit=info.unit,
        current=current_value(profile, pack, field),
        points=points,
        currency=profile.currency,
    )


def sweep_text(result: Sweep) -> str:
    """The sweep as a readable table with the points where the verdict changes."""
    current = _("not given") if result.current is None else result.shown(result.current)
    field = wording.in_sentence(result.label)
    lines = [_("What if {field} changed (today: {value})", field=field, value=current), ""]
    width = max(len(result.shown(p.value)) for p in result.points)
    for point in result.points:
        # Translators: one row of a table: a value (right-aligned), the readiness score at it
        # and the verdict's label; keep the double spaces between the columns
        row = _(
            "{value}  readiness {score}  {verdict}",
            value=result.shown(point.value).rjust(width),
            score=wording.fixed_number(point.score, 1).rjust(5),
            verdict=point.verdict_label,
        )
        lines.append("  " + row)
    lines.append("")
    if result.changes:
        lines.append(_("Where the verdict changes:"))
        for before, after in result.changes:
            change = _(
                "between {low} and {high}: '{before}' → '{after}'",
                low=result.shown(before.value),
                high=result.shown(after.value),
                before=before.verdict_label,
                after=after.verdict_label,
            )
            lines.append("  " + change)
    else:
        lines.append(_("The verdict is the same across the whole range."))
    return "\n".join(lines) + "\n"
