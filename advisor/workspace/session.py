"""What the app needs to know about the case a session has open, as pure functions.

The pages keep a snapshot of the saved `CaseDocument` next to the inputs being edited; these
functions say what differs between the two (the sidebar's "unsaved changes"), what changed
between two saved assessments of a client (History), what moving a case onto today's pack would
move (the "re-assess" action), and rebuild a case's stored pack so it is assessed exactly as it
was saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from advisor import present, wording
from advisor.compare import Comparison, Row
from advisor.engine import Assessment
from advisor.i18n import _, n_, p_
from advisor.pack import RulePack, Scoring, pack_from_documents
from advisor.profile import FIELDS, changed_fields
from advisor.workspace.model import CaseDocument, CaseSummary, HistoryPoint


@dataclass(frozen=True)
class Change:
    """One input that differs: a profile field, or a part of the case (role, CRM, pack, notes)."""

    field: str
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class PointChanges:
    """What changed between two saved assessments of a client, oldest first."""

    inputs: tuple[Change, ...]
    verdict_before: str
    verdict_after: str
    score_before: float
    score_after: float
    pack_changed: bool
    # The verdict codes, so a gate's verdict reads "not scored", never as a score.
    code_before: str = ""
    code_after: str = ""

    @property
    def verdict_changed(self) -> bool:
        return self.verdict_before != self.verdict_after

    def summary(self) -> str:
        """One sentence: how the verdict and score moved and how many inputs changed."""
        score = present.score_move(
            (self.code_before, self.score_before), (self.code_after, self.score_after)
        )
        values = {
            "before": self.verdict_before,
            "after": self.verdict_after,
            "score": score,
        }
        count = len(self.inputs)
        if self.verdict_changed and self.pack_changed:
            text = n_(
                "the verdict went from {before} to {after} and {score}; {count} input changed; "
                "the rule pack changed too.",
                "the verdict went from {before} to {after} and {score}; {count} inputs "
                "changed; the rule pack changed too.",
                count,
                **values,
            )
        elif self.verdict_changed:
            text = n_(
                "the verdict went from {before} to {after} and {score}; {count} input changed.",
                "the verdict went from {before} to {after} and {score}; {count} inputs changed.",
                count,
                **values,
            )
        elif self.pack_changed:
            text = n_(
                "the verdict stayed {before} and {score}; {count} input changed; the rule pack "
                "changed too.",
                "the verdict stayed {before} and {score}; {count} inputs changed; the rule pack "
                "changed too.",
                count,
                **values,
            )
        else:
            text = n_(
                "the verdict stayed {before} and {score}; {count} input changed.",
                "the verdict stayed {before} and {score}; {count} inputs changed.",
                count,
                **values,
            )
        return wording.capitalised(text)


@dataclass(frozen=True)
class PackShift:
    """What assessing a case on today's pack instead of its stored one would move."""

    verdict_before: str
    verdict_after: str
    score_before: float
    score_after: float
    reasons_gained: tuple[str, ...]  # fired on today's pack only (rule titles)
    reasons_lost: tuple[str, ...]  # fired on the stored pack only
    same_pack: bool
    # The verdict codes, so a gate's verdict reads "not scored", never as a score.
    code_before: str = ""
    code_after: str = ""

    @property
    def moves_anything(self) -> bool:
        # Scores as shown: a gate's verdict has none, so its raw score moves nothing.
        before = present.saved_score_text(self.code_before, self.score_before)
        after = present.saved_score_text(self.code_after, self.score_after)
        return (
            self.verdict_before != self.verdict_after
            or before != after
            or bool(self.reasons_gained or self.reasons_lost)
        )

    def summary(self) -> str:
        if self.same_pack:
            return _("This case was saved on today's pack: re-assessing it moves nothing.")
        if not self.moves_anything:
            return _("Today's pack gives the same verdict, score and reasons as the stored pack.")
        score = present.score_move(
            (self.code_before, self.score_before),
            (self.code_after, self.score_after),
            would=True,
        )
        if self.verdict_before != self.verdict_after:
            return _(
                "On today's pack the verdict would move from {before} to {after} and {score}.",
                before=self.verdict_before,
                after=self.verdict_after,
                score=score,
            )
        return _(
            "On today's pack the verdict would stay {before} and {score}.",
            before=self.verdict_before,
            score=score,
        )


def verdict_words(verdict: str) -> str:
    """A verdict code (`fix_delivery_first`) as the label a reader sees ("Fix delivery first")."""
    return wording.capitalised(wording.verdict_words(verdict))


def _shown(field: str, raw: Any, currency: str) -> str:
    return wording.with_unit(field, raw, currency) if field in FIELDS else str(raw)


def profile_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[Change]:
    """The profile fields that differ between two `profile_to_dict` results, with both values."""
    before_currency = str(before.get("currency") or "EUR")
    after_currency = str(after.get("currency") or "EUR")
    return [
        Change(
            field=name,
            label=wording.label(name),
            before=_shown(name, before.get(name), before_currency),
            after=_shown(name, after.get(name), after_currency),
        )
        for name in changed_fields(before, after)
    ]


def _role_sections(edits: Mapping[str, Any] | None) -> dict[str, Any]:
    return dict(edits or {})


def _crm_source(crm: Mapping[str, Any] | None) -> str:
    if not crm:
        return _("no export")
    return str(crm.get("source_name") or _("an export"))


def case_changes(saved: CaseDocument, current: CaseDocument) -> list[Change]:
    """Every input of `current` that differs from the saved document, profile fields first."""
    changes = profile_changes(saved.profile, current.profile)
    before_role, after_role = _role_sections(saved.role_edits), _role_sections(current.role_edits)
    sections = sorted(
        name
        for name in set(before_role) | set(after_role)
        if before_role.get(name) != after_role.get(name)
    )
    if sections:
        changes.append(
            Change(
                "role_edits",
                _("Role edits"),
                n_("{count} section edited", "{count} sections edited", len(before_role)),
                _(
                    "changed: {sections}",
                    sections=", ".join(wording.words(name) for name in sections),
                ),
            )
        )
    if (saved.crm or None) != (current.crm or None):
        changes.append(
            Change("crm", _("CRM figures"), _crm_source(saved.crm), _crm_source(current.crm))
        )
    if saved.pack_digest != current.pack_digest:
        changes.append(
            Change("pack", _("Rule pack"), saved.pack_digest[:12], current.pack_digest[:12])
        )
    # The profile's notes are the case's notes: a change to them is named once, as a field.
    if saved.notes != current.notes and saved.profile.get("notes") == current.profile.get("notes"):
        changes.append(Change("notes", _("Case notes"), saved.notes, current.notes))
    return changes


def has_unsaved_changes(saved: CaseDocument | None, current: CaseDocument) -> bool:
    """True when a case is open and the session's inputs differ from what was saved."""
    return saved is not None and bool(case_changes(saved, current))


def point_changes(before: HistoryPoint, after: HistoryPoint) -> PointChanges:
    """What changed from one saved assessment to a later one: inputs, verdict, score, pack."""
    return PointChanges(
        inputs=tuple(profile_changes(before.profile, after.profile)),
        verdict_before=verdict_words(before.verdict),
        verdict_after=verdict_words(after.verdict),
        score_before=before.score,
        score_after=after.score,
        pack_changed=before.pack_digest != after.pack_digest,
        code_before=before.verdict,
        code_after=after.verdict,
    )


def point_label(point: HistoryPoint, zone: dt.tzinfo | None = None) -> str:
    """How a history point is named in a picker: date, scenario, verdict and score ("not
    scored" for a gate's verdict)."""
    score = present.saved_score_text(point.verdict, point.score)
    return f"{when(point.saved_at, zone)} · {point.scenario} · {verdict_words(point.verdict)} · {score}"


def _fired_titles(assessment: Assessment) -> dict[str, str]:
    return {result.rule_id: result.title for result in assessment.fired}


def pack_shift(stored: Assessment, today: Assessment) -> PackShift:
    """Verdict, score and fired reasons of a case on its stored pack against today's pack."""
    before, after = _fired_titles(stored), _fired_titles(today)
    return PackShift(
        verdict_before=stored.verdict_label,
        verdict_after=today.verdict_label,
        score_before=stored.score,
        score_after=today.score,
        reasons_gained=tuple(after[rule] for rule in after if rule not in before),
        reasons_lost=tuple(before[rule] for rule in before if rule not in after),
        same_pack=stored.pack.digest == today.pack.digest,
        code_before=stored.verdict.value,
        code_after=today.verdict.value,
    )


def shared_score_bands(
    points: Sequence[HistoryPoint], bands_by_pack: Mapping[str, Scoring | None]
) -> tuple[Scoring | None, str]:
    """The score bands every point was judged by, or None and the reason none can be shaded.

    `bands_by_pack` holds each stored pack's bands by pack digest; a point whose pack is not
    there or is None (an imported assessment, or files that no longer load) leaves them unknown.
    """
    missing = sorted({p.pack_digest for p in points if bands_by_pack.get(p.pack_digest) is None})
    if missing:
        return None, _(
            "No score bands are shaded: some points were judged on a rule pack whose files are "
            "not stored ({digests}).",
            digests=", ".join(d[:12] for d in missing),
        )
    bands = {b for p in points if (b := bands_by_pack.get(p.pack_digest)) is not None}
    if len(bands) > 1:
        shown = "; ".join(
            _(
                "prepare from {prepare}, hire now from {hire_now}",
                prepare=format(b.prepare_at, "g"),
                hire_now=format(b.hire_now_at, "g"),
            )
            for b in sorted(bands, key=lambda b: (b.prepare_at, b.hire_now_at))
        )
        return None, _(
            "No score bands are shaded: the points were judged on rule packs with different "
            "bands ({bands}).",
            bands=shown,
        )
    return (bands.pop() if bands else None), ""


def stored_pack(files: Sequence[tuple[str, bytes]]) -> RulePack:
    """The pack a case was saved with, rebuilt from its stored files exactly (no overlay).

    The files are the complete pack as it was used, so they are read on their own: laying them
    over today's default pack would bring in any file the default has gained since.
    """
    return pack_from_documents(list(files))


def when(saved_at: str | None, zone: dt.tzinfo | None = None) -> str:
    """A stored UTC timestamp as a reader scans it, in `zone` (None: this computer's) to the
    minute: `2026-12-01 11:46` (empty when never)."""
    return wording.local_minute(saved_at, zone)


def cases_table(cases: Sequence[CaseSummary]) -> list[dict[str, Any]]:
    """A client's saved cases, one row each."""
    return [
        {
            p_("column", "Scenario"): case.scenario,
            p_("column", "Verdict"): verdict_words(case.verdict),
            p_("column", "Score"): present.saved_score_text(case.verdict, case.score),
            p_("column", "Saved"): when(case.saved_at),
            p_("column", "Revision"): case.revision,
            p_("column", "Rule pack"): f"{case.pack_name} {case.pack_version}",
            p_("column", "Notes"): case.notes,
        }
        for case in cases
    ]


def history_table(
    points: Sequence[HistoryPoint], zone: dt.tzinfo | None = None
) -> list[dict[str, Any]]:
    """Every saved assessment of a client, newest first, its time in `zone`."""
    return [
        {
            p_("column", "Saved"): when(point.saved_at, zone),
            p_("column", "Scenario"): point.scenario,
            p_("column", "Verdict"): verdict_words(point.verdict),
            p_("column", "Score"): present.saved_score_text(point.verdict, point.score),
            p_("column", "Rule pack"): pack_words(point),
        }
        for point in reversed(points)
    ]


def pack_words(point: HistoryPoint) -> str:
    """The rule pack a point was judged by, by name and version; its digest only when the point
    was saved without them."""
    named = f"{point.pack_name} {point.pack_version}".strip()
    return named or _("rules digest {digest}", digest=point.pack_digest[:12])


def changes_table(changes: Sequence[Change]) -> list[dict[str, str]]:
    return [
        {
            p_("column", "Input"): change.label,
            p_("column", "Before"): change.before,
            p_("column", "After"): change.after,
        }
        for change in changes
    ]


def scenario_columns(names: Sequence[str]) -> list[str]:
    """Column headers for scenarios, lettered so two names never collide with each other or
    with the table's own columns ("A: today", "B: after hiring 2 AEs")."""
    return [f"{chr(ord('A') + index)}: {name}" for index, name in enumerate(names)]


def comparison_rows(
    comparison: Comparison,
    rows: Sequence[Row],
    *,
    only_differences: bool = False,
    with_section: bool = True,
) -> list[dict[str, str]]:
    """A side-by-side table: one line per input or outcome, each scenario's value, and whether
    the values differ (in words, so the table reads without its highlight)."""
    headers = scenario_columns(comparison.names)
    return [
        {
            **({p_("column", "Section"): row.section} if with_section else {}),
            p_("column", "Item"): row.label,
            **dict(zip(headers, row.values, strict=True)),
            p_("column", "Differs"): _("differs") if row.differs else "",
        }
        for row in rows
        if row.differs or not only_differences
    ]


def differences_rows(comparison: Comparison) -> list[dict[str, str]]:
    """Every input that differs, each scenario's value, and what that input alone does."""
    headers = scenario_columns(comparison.names)
    return [
        {
            p_("column", "Input"): difference.label,
            **dict(zip(headers, difference.shown, strict=True)),
            p_("column", "Alone changes the verdict"): (
                _("yes") if difference.changes_verdict_alone else _("no")
            ),
            p_("column", "What it does alone"): " ".join(
                [comparison.effect_of(difference), *(note for note in difference.notes if note)]
            ),
        }
        for difference in comparison.differences
    ]
