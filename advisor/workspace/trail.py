"""A client's audit trail as its owner reads it: one row per event, newest first.

Who is the consultant as people know them (their address or name, not their principal), what is
the event's words, when is the reader's local time to the minute, and the detail names the
colleague, role, respondent, document or link expiry the event was about. Pure functions: the
events come from `Workspace.audit_trail`, the names from `Workspace.consultants` and the
client's shares.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from advisor.wording import local_minute
from advisor.workspace.identity import principal_label

if TYPE_CHECKING:
    from advisor.workspace.audit import AuditEvent

# Detail keys in the order a reader takes them in; any other key follows, by name.
_ORDER = ("colleague", "role", "respondent", "replaced", "document", "expires_at", "from", "to")
_SHOWN_ELSEWHERE = ("scenario",)  # in the Case column


def name_of(principal: str, names: Mapping[str, str]) -> str:
    """How a principal is shown: the name the workspace knows them by, else its own label."""
    return names.get(principal) or principal_label(principal)


def _detail_part(key: str, value: Any, names: Mapping[str, str], zone: dt.tzinfo | None) -> str:
    if key in ("colleague", "from", "to"):
        return f"{key} {name_of(str(value), names)}"
    if key == "replaced":
        return "a new link for a lost or leaked one" if value else ""
    if key == "expires_at":
        return f"links work until {local_minute(str(value), zone)}"
    if key in ("respondent", "document", "role"):
        return f"{key} {value}"
    return f"{key.replace('_', ' ')} {value}"


def detail_words(
    detail: Mapping[str, Any], names: Mapping[str, str], zone: dt.tzinfo | None = None
) -> str:
    """An event's detail as one line: 'colleague ben@example.com, role viewer'."""
    keys = [k for k in _ORDER if k in detail]
    keys += sorted(k for k in detail if k not in _ORDER and k not in _SHOWN_ELSEWHERE)
    parts = [_detail_part(key, detail[key], names, zone) for key in keys]
    return ", ".join(part for part in parts if part)


def _case_words(event: AuditEvent, scenarios: Mapping[int, str]) -> str:
    if event.case_id is None:
        return ""
    scenario = scenarios.get(event.case_id) or event.detail.get("scenario")
    return str(scenario) if scenario else f"case {event.case_id} (deleted)"


def trail_rows(
    events: Sequence[AuditEvent],
    names: Mapping[str, str],
    zone: dt.tzinfo | None = None,
    scenarios: Mapping[int, str] | None = None,
) -> list[dict[str, str]]:
    """The rows of the trail's table, in the events' order (the store gives newest first)."""
    known = scenarios or {}
    return [
        {
            "When": local_minute(event.at, zone),
            "Who": name_of(event.actor, names),
            "What": event.words,
            "Case": _case_words(event, known),
            "Detail": detail_words(event.detail, names, zone),
        }
        for event in events
    ]
