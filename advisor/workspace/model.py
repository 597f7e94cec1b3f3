"""The workspace as data: clients, their saved cases and the history of every saved assessment.

Frozen dataclasses only; `store.Workspace` reads and writes them. A `CaseDocument` holds
everything needed to reproduce a case exactly (the profile, the role edits, the CRM figures with
the import's mapping, the digest of the rule pack used, the notes) as plain JSON-safe data.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from advisor.i18n import N_, _
from advisor.problems import AdvisorError

# The acting user when sign-in is not configured: one local workspace (`identity.LOCAL`).
LOCAL_USER = "local"
CRM_KEYS = ("source_name", "mapping", "figures", "options")
DOCUMENT_KEYS = ("profile", "role_edits", "crm", "pack_digest", "notes", "workshop")
# A respondent's link refused, whatever the reason (changed, revoked, workshop closed).
INVALID_LINK = N_("this link is not valid")
LINK_DAYS = 21  # how long respondents' links work after a workshop is opened, by default


class WorkspaceError(AdvisorError):
    """The workspace refused a request: its message says what and why, fit for UI and CLI."""


@dataclass(frozen=True)
class Share:
    """A colleague a client is shared with: their principal, how they are named, their role."""

    colleague: str
    label: str
    role: str  # collaborator | viewer


@dataclass(frozen=True)
class Headline:
    """A client's headline case as saved: its verdict, the plan's date to open the search
    (None when the plan dates none), and the profile's sector and country."""

    case_id: int
    scenario: str
    verdict: str
    score: float
    saved_at: str
    marked: bool  # the consultant marked it (False: the default, "today" or the first saved)
    hire_by: str | None = None
    sector: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class Client:
    id: int
    name: str
    owner: str  # the owner's principal
    archived: bool
    created_at: str
    updated_at: str
    case_count: int
    latest_verdict: str | None
    latest_score: float | None
    latest_at: str | None
    shared_with: tuple[Share, ...]
    role: str = "owner"  # the acting user's role on it: owner | collaborator | viewer
    owner_label: str = ""  # the owner as people read it (their address or name)
    # The headline case (`headline.py`): marked as current, else "today", else the first saved.
    headline: Headline | None = None

    @property
    def mine(self) -> bool:
        return self.role == "owner"


@dataclass(frozen=True)
class CaseDocument:
    """Everything needed to reproduce a case; `pack_digest` names the stored rule pack."""

    profile: dict[str, Any]
    role_edits: dict[str, Any] | None
    crm: dict[str, Any] | None
    pack_digest: str
    notes: str = ""
    # The workshop a consensus scenario was made from (`workshop.record`), or None.
    workshop: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        data = {
            "profile": self.profile,
            "role_edits": self.role_edits,
            "crm": self.crm,
            "pack_digest": self.pack_digest,
            "notes": self.notes,
        }
        if self.workshop is not None:
            data["workshop"] = self.workshop
        return data

    def with_one_notes(self) -> CaseDocument:
        """The document whose notes are the profile's only (the notes the brief quotes).

        Cases saved before the notes were one kept them apart from the profile's; both are
        kept, the profile's first, so nothing typed is lost.
        """
        profile_notes = str(self.profile.get("notes") or "").strip()
        case_notes = self.notes.strip()
        if case_notes and case_notes != profile_notes:
            notes = f"{profile_notes}\n\n{case_notes}" if profile_notes else case_notes
        else:
            notes = str(self.profile.get("notes") or "")
        profile = {key: value for key, value in self.profile.items() if key != "notes"}
        if notes:
            profile["notes"] = notes
        return replace(self, profile=profile, notes=notes)

    @classmethod
    def from_json(cls, data: Any) -> CaseDocument:
        """The document `data` describes; a WorkspaceError naming each bad key otherwise."""
        problems = document_problems(data)
        if problems:
            raise WorkspaceError.single(
                # Translators: {problems} lists what is wrong, separated by semicolons.
                _(
                    "the saved case's document is not usable: {problems}",
                    problems="; ".join(problems),
                ),
                path="document",
            )
        return cls(
            profile=dict(data["profile"]),
            role_edits=None if data.get("role_edits") is None else dict(data["role_edits"]),
            crm=None if data.get("crm") is None else dict(data["crm"]),
            pack_digest=data["pack_digest"],
            notes=data.get("notes", ""),
            workshop=None if data.get("workshop") is None else dict(data["workshop"]),
        )


def document_problems(data: Any) -> list[str]:
    """What is wrong with a case document, each naming its key; empty when it is usable."""
    if not isinstance(data, Mapping):
        # Translators: {kind} is a Python type's name (list, str, …), as it is.
        return [_("expected a mapping, got {kind}", kind=type(data).__name__)]
    problems = [
        _("unknown key '{key}'", key=key)
        for key in data
        if key not in DOCUMENT_KEYS or not isinstance(key, str)
    ]
    if not isinstance(data.get("profile"), Mapping):
        problems.append("profile: " + _("expected a mapping of profile fields"))
    if not isinstance(data.get("role_edits", None), Mapping | None):
        problems.append("role_edits: " + _("expected a mapping or null"))
    problems.extend(_crm_problems(data.get("crm")))
    digest = data.get("pack_digest")
    if not isinstance(digest, str) or not digest.strip():
        problems.append("pack_digest: " + _("expected the rule pack's digest"))
    if not isinstance(data.get("notes", ""), str):
        problems.append("notes: " + _("expected text"))
    if data.get("workshop") is not None:
        from advisor.workshop.record import record_problems

        problems.extend(record_problems(data["workshop"]))
    if not problems and not _json_safe(data):
        problems.append(_("holds a value that is not plain JSON (NaN, infinity or an object)"))
    return problems


def _crm_problems(crm: Any) -> list[str]:
    if crm is None:
        return []
    if not isinstance(crm, Mapping):
        return ["crm: " + _("expected a mapping or null")]
    problems = ["crm: " + _("unknown key '{key}'", key=key) for key in crm if key not in CRM_KEYS]
    if not isinstance(crm.get("source_name"), str):
        problems.append("crm.source_name: " + _("expected the imported file's name"))
    for key in CRM_KEYS[1:]:
        if not isinstance(crm.get(key), Mapping):
            problems.append(f"crm.{key}: " + _("expected a mapping"))
    return problems


def _json_safe(value: Any, depth: int = 0) -> bool:
    if depth > 64:
        return False
    if value is None or isinstance(value, str | bool | int):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, list | tuple):
        return all(_json_safe(item, depth + 1) for item in value)
    if isinstance(value, Mapping):
        return all(
            isinstance(key, str) and _json_safe(item, depth + 1) for key, item in value.items()
        )
    return False


@dataclass(frozen=True)
class CaseSummary:
    id: int
    client_id: int
    scenario: str
    verdict: str
    score: float
    saved_at: str
    pack_name: str
    pack_version: str
    pack_digest: str
    revision: int
    notes: str


@dataclass(frozen=True)
class SavedCase:
    """What one save of a client's scenario did: the client's id and name (and whether the save
    created it), the case at its new revision, and the history point the save added."""

    client_id: int
    client_name: str
    created: bool
    case: CaseSummary
    point_id: int


@dataclass(frozen=True)
class Case:
    summary: CaseSummary
    document: CaseDocument
    result: dict[str, Any]  # `Assessment.to_dict()` as saved


@dataclass(frozen=True)
class HistoryPoint:
    """One saved assessment; `case_id` is None once its case is deleted (or for imported rows)."""

    id: int
    case_id: int | None
    scenario: str
    saved_at: str
    verdict: str
    score: float
    pack_digest: str
    profile: dict[str, Any]
    pack_name: str = ""
    pack_version: str = ""


@dataclass(frozen=True)
class DeletedClient:
    """Everything one `delete_client` removed, so `restore_client` can put it back as it was."""

    client: dict[str, Any]
    shares: tuple[dict[str, Any], ...]
    cases: tuple[dict[str, Any], ...]
    history: tuple[dict[str, Any], ...]
    # The workshops on its cases, their respondents and answers (removed with the cases).
    workshops: tuple[dict[str, Any], ...] = ()
    respondents: tuple[dict[str, Any], ...] = ()
    answers: tuple[dict[str, Any], ...] = ()
    # The rule packs no other client used, removed with it (their files too).
    packs: tuple[dict[str, Any], ...] = ()
    pack_files: tuple[dict[str, Any], ...] = ()
    # The client's calibration of the rule pack, if one was saved.
    calibrations: tuple[dict[str, Any], ...] = ()

    @property
    def name(self) -> str:
        return str(self.client["name"])
