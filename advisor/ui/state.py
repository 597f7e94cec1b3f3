"""Per-session state shared by the pages: the profile being assessed and the active rule pack.

Everything here lives in `st.session_state`, never in a cache shared between sessions, so two
users on one server never see each other's inputs. The default rule pack is the only shared
object: it is read-only and identical for everyone.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from advisor.engine import Assessment, evaluate
from advisor.profile import CompanyProfile, load_profile, parse_profile, profile_to_dict
from advisor.rules import RulePack, load_pack
from advisor.samples import DEFAULT_SAMPLE, sample_path

PROFILE_VALUES = "profile_values"  # dict of raw field values: the last valid profile
PROFILE_SOURCES = "profile_sources"  # field -> where the value came from (e.g. a CRM export)
CUSTOM_PACK = "custom_pack"  # a RulePack uploaded for this session, or absent


@st.cache_resource(show_spinner=False)
def default_pack() -> RulePack:
    """The shipped rule pack (read-only, shared by all sessions)."""
    return load_pack()


def current_pack() -> RulePack:
    pack = st.session_state.get(CUSTOM_PACK)
    return pack if isinstance(pack, RulePack) else default_pack()


def current_profile() -> CompanyProfile:
    """The last valid profile of this session (the default sample on first open)."""
    values = st.session_state.get(PROFILE_VALUES)
    if values is None:
        profile = load_profile(sample_path(DEFAULT_SAMPLE))
        st.session_state[PROFILE_VALUES] = profile_to_dict(profile)
        return profile
    return parse_profile(values)


def set_profile(profile: CompanyProfile) -> None:
    st.session_state[PROFILE_VALUES] = profile_to_dict(profile)


def update_profile(updates: dict[str, Any], sources: dict[str, str] | None = None) -> CompanyProfile:
    """Merge new values into the profile (validated); record where they came from.

    Raises ProfileError, leaving the session's profile untouched, when the result is invalid.
    """
    merged = {**profile_to_dict(current_profile()), **updates}
    profile = parse_profile(merged)
    set_profile(profile)
    if sources:
        st.session_state.setdefault(PROFILE_SOURCES, {}).update(sources)
    return profile


def profile_sources() -> dict[str, str]:
    return dict(st.session_state.get(PROFILE_SOURCES, {}))


def current_assessment() -> Assessment:
    return evaluate(current_profile(), current_pack())
