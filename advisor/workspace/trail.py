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

from advisor.i18n import LANGUAGE_NAMES, N_, _, p_
from advisor.wording import local_minute
from advisor.workspace.desk import role_label
from advisor.workspace.identity import principal_label

if TYPE_CHECKING:
    from advisor.workspace.audit import AuditEvent

# Detail keys in the order a reader takes them in; any other key follows, by name.
_ORDER = ("colleague", "role", "respondent", "replaced", "document", "expires_at", "from", "to")
_SHOWN_ELSEWHERE = ("scenario",)  # in the Case column
# Each detail's words, its value in {value} (translated where shown; the rows keep the keys).
_WORDS = {
    "colleague": N_("colleague {value}"),
    "from": N_("from {value}"),
    "to": N_("to {value}"),
    "respondent": N_("respondent {value}"),
    "document": N_("document {value}"),
    "role": N_("role {value}"),
    "issuer": N_("issuer {value}"),
    "email": N_("email {value}"),
    "clients": N_("clients {value}"),
    "not_claimed": N_("not claimed {value}"),
    "scope": N_("scope {value}"),
    "quorum": N_("quorum {value}"),
    "anonymous": N_("anonymous {value}"),
    "name": N_("name {value}"),
    "logo": N_("logo {value}"),
    "file": N_("file {value}"),
    "rows": N_("rows {value}"),
}


def name_of(principal: str, names: Mapping[str, str]) -> str:
    """How a principal is shown: the name the workspace knows them by, else its own label."""
    return names.get(principal) or principal_label(principal)


def _detail_part(key: str, value: Any, names: Mapping[str, str], zone: dt.tzinfo | None) -> str:
    if key == "replaced":
        return _("a new link for a lost or leaked one") if value else ""
    if key == "language":
        name = LANGUAGE_NAMES.get(str(value)) if value else None
        # Translators: {value} is a language's name in its own language ("Español"), or "none".
        return _("questionnaire language {value}", value=name or p_("language", "none"))
    if key == "expires_at":
        # Translators: {time} is a date and time in the reader's time zone.
        return _("links work until {time}", time=local_minute(str(value), zone))
    shown: Any = value
    if key in ("colleague", "from", "to"):
        shown = name_of(str(value), names)
    elif key == "role":
        shown = role_label(str(value))
    elif isinstance(value, bool):
        # Translators: a yes/no detail of the audit trail ("anonymous True"), as Python writes it.
        shown = p_("yes-no", "True") if value else p_("yes-no", "False")
    words = _WORDS.get(key)
    if words is None:  # a detail a later version recorded: its key as stored
        return f"{key.replace('_', ' ')} {shown}"
    # Translators: {value} is the detail's value: a person, a role, a file, a number, a name.
    return _(words, value=shown)


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
    return str(scenario) if scenario else _("case {id} (deleted)", id=event.case_id)


def column_labels() -> dict[str, str]:
    """The trail table's headers in the current language, by the keys `trail_rows` gives."""
    return {
        "When": p_("column", "When"),
        "Who": p_("column", "Who"),
        "What": p_("column", "What"),
        "Case": p_("column", "Case"),
        "Detail": p_("column", "Detail"),
    }


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
