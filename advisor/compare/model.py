"""The comparison as data: the scenarios, their results, the rows and the differences."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import msgspec

from advisor import present, wording
from advisor.engine import Assessment
from advisor.i18n import N_
from advisor.pack import RulePack
from advisor.problems import AdvisorError
from advisor.profile import CompanyProfile, profile_to_dict
from advisor.role import RoleDesign, RoleEdits, RoleInputs

MIN_SCENARIOS, MAX_SCENARIOS = 2, 4
MAX_NAME = 80
# Inputs that are not profile fields: the pack the verdict comes from and the role's own inputs.
PACK_FIELD = "rule_pack"
ROLE_EDITS_FIELD = "role_edits"
TOP_SHARE_FIELD = "top_accounts_share"
EXTRA_LABELS = {
    PACK_FIELD: N_("Rule pack"),
    ROLE_EDITS_FIELD: N_("Role edits"),
    TOP_SHARE_FIELD: N_("Top 3 accounts' share of revenue"),
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
            "scored": not assessment.gated,
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
            "role": role_numbers(self.role),
            "pack": msgspec.structs.asdict(assessment.pack),
            "profile": profile_to_dict(self.profile),
            # Every figure in the words the rows, the reports and the app use.
            "shown": present.shown(assessment),
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
    as_of: dt.date | None = None  # the date every scenario's plan counts from

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
            shown = verdict_label(judge, verdict) if changed and verdict else None
            entries.append((name, shown, verdict is not None))
        return wording.alone_effects(entries, named=len(self.scenarios) > 2)

    def to_dict(self) -> dict[str, Any]:
        names = self.names

        def by_name(values: Iterable[Any]) -> dict[str, Any]:
            return dict(zip(names, values, strict=True))

        return {
            "baseline": names[0],
            "as_of": self.as_of.isoformat() if self.as_of else None,
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


def role_numbers(role: RoleDesign) -> dict[str, Any]:
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


def verdict_label(result: ScenarioResult, verdict: str) -> str:
    labels = result.pack.verdict_labels_for(str(result.profile.business_model))
    return labels.get(verdict) or wording.words(verdict)
