"""The case this session works on: every input a case keeps, in one typed object.

A case is its profile (the notes that go into the brief among its fields), the Role page's
edits, the CRM import whose figures were carried into the profile, the rule pack it is
assessed with (where that pack came from, in words) and, for a workshop's consensus kept as a
case, the workshop it came from (its brief ends with where the team disagreed). `inputs()` reads them all as one
`CaseInputs`, the store saves its `document()`, and `put()` hands a saved case back to every
page at once: a new input a case keeps is wired here, and only here.

The pages keep editing their part where they always did (the profile through `state`, the Role
page's editors in `EDITS`, the Rules page's upload through `use_custom_pack`); this module is
the one that names those places and reads or writes them together. A page whose widgets hold
part of a case (the Role page's title, mission and pay) asks `loaded()` whether a case was put
since it last drew them, and then takes them again from the case.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import streamlit as st

from advisor.i18n import _
from advisor.pack import RulePack
from advisor.profile import CompanyProfile, profile_to_dict
from advisor.ui import state
from advisor.ui.fields import FORM_PROBLEMS
from advisor.workspace.model import CaseDocument

OPEN = "ws.open"  # OpenCase: the saved case this session has open, or absent
EDITS = "role_edits"  # section -> plain data, applied over the drafted role
ORIGIN = "rules.origin"  # how the active custom pack was put together, in words
CRM = "ws.crm"  # the CRM import carried into the profile: source name, mapping, figures, options
WORKSHOP = "ws.workshop"  # the workshop a consensus case was made from (`workshop.record`)
LOADED = "case.loaded"  # how many times a case was put into this session


@dataclass(frozen=True)
class OpenCase:
    """Which saved case the session has open, and its document as saved (or opened)."""

    client_id: int
    client_name: str
    case_id: int
    scenario: str
    revision: int
    saved: CaseDocument  # "unsaved changes" are the difference from this


@dataclass(frozen=True)
class CaseInputs:
    """Everything a case keeps, as this session holds it."""

    profile: CompanyProfile
    role_edits: dict[str, Any] | None
    crm: dict[str, Any] | None
    pack: RulePack
    pack_documents: tuple[tuple[str, bytes], ...]
    pack_origin: str | None  # None: the default pack
    workshop: dict[str, Any] | None = None

    @property
    def notes(self) -> str:
        """The case's one notes text: the profile's, which the brief quotes."""
        return self.profile.notes or ""

    def document(self) -> CaseDocument:
        """The case document the store saves (plain JSON copies: the pages edit on)."""
        return CaseDocument(
            profile=plain_copy(profile_to_dict(self.profile)),
            role_edits=plain_copy(self.role_edits) if self.role_edits else None,
            crm=plain_copy(self.crm) if self.crm else None,
            pack_digest=self.pack.digest,
            notes=self.notes,
            workshop=plain_copy(self.workshop) if self.workshop else None,
        )


def plain_copy(data: Any) -> Any:
    """A deep, JSON-plain copy: a snapshot never shares a dict the pages go on editing."""
    return json.loads(json.dumps(data, default=str))


def inputs() -> CaseInputs:
    """The session's case as it stands now."""
    edits = st.session_state.get(EDITS)
    crm = st.session_state.get(CRM)
    custom = state.uses_custom_pack()
    return CaseInputs(
        profile=state.current_profile(),
        role_edits=dict(edits) if isinstance(edits, dict) and edits else None,
        crm=dict(crm) if isinstance(crm, dict) else None,
        pack=state.current_pack(),
        pack_documents=tuple(state.current_pack_documents()),
        pack_origin=pack_origin() if custom else None,
        workshop=workshop_record(),
    )


def put(case: CaseInputs) -> None:
    """Make `case` the session's inputs on every page (a case opened or saved from elsewhere)."""
    state.set_profile(case.profile)
    st.session_state.pop(FORM_PROBLEMS, None)
    st.session_state[state.PROFILE_SOURCES] = crm_sources(case.crm)
    st.session_state[EDITS] = dict(case.role_edits or {})
    set_crm_import(case.crm)
    st.session_state[WORKSHOP] = plain_copy(case.workshop) if case.workshop else None
    if case.pack_origin is None:
        state.use_default_pack()
        st.session_state.pop(ORIGIN, None)
    else:
        state.use_custom_pack(case.pack, list(case.pack_documents))
        st.session_state[ORIGIN] = case.pack_origin
    st.session_state[LOADED] = loaded() + 1


def loaded() -> int:
    """How many cases were put into this session: a page that saw fewer takes its widgets
    again from the case."""
    count = st.session_state.get(LOADED)
    return count if isinstance(count, int) else 0


def workshop_record() -> dict[str, Any] | None:
    """The workshop the open saved case was made from (None: none, or no saved case open)."""
    kept = st.session_state.get(WORKSHOP)
    return dict(kept) if isinstance(kept, dict) and open_case() is not None else None


def pack_origin() -> str:
    return str(st.session_state.get(ORIGIN) or _("an uploaded pack"))


def set_crm_import(crm: dict[str, Any] | None) -> None:
    """Record the CRM import whose figures were carried into the profile (None: no import)."""
    st.session_state[CRM] = plain_copy(crm) if crm else None


def crm_sources(crm: dict[str, Any] | None) -> dict[str, str]:
    """Where carried-over figures came from, as the assessment cites them."""
    if not crm:
        return {}
    figures = crm.get("figures") or {}
    name = str(crm.get("source_name") or _("a CRM export"))
    sources = (crm.get("options") or {}).get("sources") or {}
    return {
        # Translators: where a figure came from; {name} is the export's file name.
        str(field): str(sources.get(field) or _("carried over from the export {name}", name=name))
        for field in figures
    }


def open_case() -> OpenCase | None:
    found = st.session_state.get(OPEN)
    return found if isinstance(found, OpenCase) else None
