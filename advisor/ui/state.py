"""Per-session state shared by the pages: the profile being assessed and the active rule pack.

Everything here lives in `st.session_state`, never in a cache shared between sessions, so two
users on one server never see each other's inputs. The default rule pack is the only shared
object: it is read-only and identical for everyone.

The profile is also mirrored in the page address (`st.query_params`, one plain-text parameter
per field), so a bookmarked or shared link reopens the same case. Links are read only through
the profile's own validators: nothing from an address is ever unpickled or evaluated.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable
from typing import Any

import streamlit as st

from advisor import i18n
from advisor.engine import Assessment, evaluate
from advisor.pack import RulePack, load_pack
from advisor.pack.uploads import Documents, UploadedPack, default_documents
from advisor.profile import (
    FIELDS,
    CompanyProfile,
    ProfileError,
    changed_fields,
    load_profile,
    parse_profile,
    profile_from_partial_query,
    profile_to_dict,
    profile_to_query,
    updated_profile,
)
from advisor.samples import DEFAULT_SAMPLE, sample_path
from advisor.ui import auth, preload
from advisor.workspace.identity import Actor

PROFILE_VALUES = "profile_values"  # dict of raw field values: the last valid profile
PROFILE_SOURCES = "profile_sources"  # field -> where the value came from (e.g. a CRM export)
CUSTOM_PACK = "custom_pack"  # a RulePack uploaded for this session, or absent
CUSTOM_PACK_DOCUMENTS = "custom_pack_documents"  # the (file name, bytes) the custom pack came from
LINK_PROBLEMS = "link_problems"  # why the profile in the opening link was refused, if it was
LINK_FILLED = "link_filled"  # the fields a partial link left out, taken from the sample
SESSION_OPENED = "session_opened"  # set once the opening link has been read
ASSESSMENT_CACHE = "assessment_cache"  # ((pack digest, language, profile values), Assessment)
PACK_CACHE = "pack_cache"  # digest of uploaded files -> UploadedPack, this session only
PACK_CACHE_SIZE = 3
# Fields never written to the address: an address ends up in browser history, proxy and server
# logs and every link shared, and notes are free text that may name people or deals.
PRIVATE_FIELDS = ("notes",)
KEPT_WIDGETS = "kept_widget_values"  # widget key -> its last value, kept across page changes
PAGE_HISTORY = "page_history"  # the pages of the last two runs: a rerun or a return
AS_OF = "as_of"  # the date every page of this session counts its dates from


def acting_user() -> Actor:
    """The consultant the workspace acts for: the one place that knows who is signed in.

    Without sign-in configured the app is one local workspace, so this is the local user; with
    it, the identity the provider vouched for (and no one at all before sign-in: the run stops
    at the sign-in screen).
    """
    return auth.acting_user()


@st.cache_resource(show_spinner=False)
def _shipped_pack(code: str) -> RulePack:
    """The shipped rule pack with its texts in one language (read-only, shared by all sessions):
    as the app's preload read it at the server's start, else read now."""
    pack = preload.shipped_pack(code)
    if pack is not None:
        return pack
    with i18n.language(code):
        return load_pack()


def default_pack() -> RulePack:
    """The shipped rule pack in this session's language."""
    return _shipped_pack(i18n.current())


def pack_in(code: str) -> RulePack:
    """The session's pack with its texts in `code`: the shipped one read in that language, an
    uploaded one as it was read."""
    pack = st.session_state.get(CUSTOM_PACK)
    return pack if isinstance(pack, RulePack) else _shipped_pack(code)


def assessment_in(code: str) -> Assessment:
    """The session's assessment made again with its pack in `code` (a document in a language
    other than the page's): the same decisions, the pack's words in that language."""
    with i18n.language(code):
        return evaluate(current_profile(), pack_in(code), as_of=as_of())


def current_pack() -> RulePack:
    pack = st.session_state.get(CUSTOM_PACK)
    return pack if isinstance(pack, RulePack) else default_pack()


def uses_custom_pack() -> bool:
    return isinstance(st.session_state.get(CUSTOM_PACK), RulePack)


def use_custom_pack(pack: RulePack, documents: list[tuple[str, bytes]]) -> None:
    """Assess this session (only) with an uploaded pack; keep its files for download."""
    st.session_state[CUSTOM_PACK] = pack
    st.session_state[CUSTOM_PACK_DOCUMENTS] = list(documents)


def use_default_pack() -> None:
    st.session_state.pop(CUSTOM_PACK, None)
    st.session_state.pop(CUSTOM_PACK_DOCUMENTS, None)


def current_pack_documents() -> list[tuple[str, bytes]]:
    documents = st.session_state.get(CUSTOM_PACK_DOCUMENTS)
    if uses_custom_pack() and isinstance(documents, list):
        return list(documents)
    return default_documents()


def current_profile() -> CompanyProfile:
    """The last valid profile of this session (the default sample on first open)."""
    values = st.session_state.get(PROFILE_VALUES)
    if values is None:
        profile = load_profile(sample_path(DEFAULT_SAMPLE))
        st.session_state[PROFILE_VALUES] = profile_to_dict(profile)
        return profile
    return parse_profile(values)


def set_profile(profile: CompanyProfile) -> None:
    """Replace the session's profile; sources of values that changed no longer apply."""
    old = st.session_state.get(PROFILE_VALUES) or {}
    new = profile_to_dict(profile)
    st.session_state[PROFILE_VALUES] = new
    _forget_sources(changed_fields(old, new))


def update_profile(
    updates: dict[str, Any], sources: dict[str, str] | None = None
) -> CompanyProfile:
    """Merge new values into the profile (validated); record where they came from.

    Raises ProfileError, leaving the session's profile untouched, when the result is invalid.
    A value that changes without a new source loses its old one (it no longer comes from there).
    """
    profile = updated_profile(current_profile(), updates)
    set_profile(profile)
    if sources:
        st.session_state.setdefault(PROFILE_SOURCES, {}).update(sources)
    return profile


def _forget_sources(fields: Iterable[str]) -> None:
    known = st.session_state.get(PROFILE_SOURCES)
    if known:
        for name in fields:
            known.pop(name, None)


def profile_sources() -> dict[str, str]:
    return dict(st.session_state.get(PROFILE_SOURCES, {}))


def as_of() -> dt.date:
    """The date this session counts every date from: today, taken once when the session first
    asks, so every page (and a session that stays open past midnight) shows the same plan."""
    day = st.session_state.get(AS_OF)
    if not isinstance(day, dt.date):
        day = dt.date.today()
        st.session_state[AS_OF] = day
    return day


def current_assessment() -> Assessment:
    """The assessment of the session's profile under its pack on the session's `as_of` date,
    computed once per change.

    Kept in the session (never shared) under the pack's digest and the profile's values, so a
    rerun that changes neither (a click, a page switch) costs nothing, however large the pack.
    """
    profile, pack, day = current_profile(), current_pack(), as_of()
    key = (
        pack.digest,
        i18n.current(),  # the pack's texts and the engine's sentences are in the language
        day.isoformat(),
        json.dumps(profile_to_dict(profile), sort_keys=True, default=str),
    )
    cached = st.session_state.get(ASSESSMENT_CACHE)
    if isinstance(cached, tuple) and cached[0] == key:
        assessment: Assessment = cached[1]
        return assessment
    assessment = evaluate(profile, pack, as_of=day)
    st.session_state[ASSESSMENT_CACHE] = (key, assessment)
    return assessment


def uploaded_pack(files: Documents, build: Callable[[Documents], UploadedPack]) -> UploadedPack:
    """The pack the uploaded files make, built once per session for the same bytes.

    Keyed by a digest of the files' names and contents: the uploader hands the same files
    again on many reruns, and a large pack costs seconds to read. Only the last few packs are
    kept, so one session's memory stays bounded.
    """
    digest = hashlib.sha256()
    for name, content in files:
        digest.update(name.encode("utf-8", "surrogatepass") + b"\0" + content + b"\0")
    key = digest.hexdigest()
    cache: dict[str, UploadedPack] = st.session_state.setdefault(PACK_CACHE, {})
    if key in cache:
        return cache[key]
    uploaded = build(files)
    while len(cache) >= PACK_CACHE_SIZE:
        cache.pop(next(iter(cache)))
    cache[key] = uploaded
    return uploaded


# ---------------------------------------------------------------------------------------------
# The profile in the address bar


def open_session() -> None:
    """On a session's first run, open the case the link describes (once per session)."""
    if st.session_state.get(SESSION_OPENED):
        return
    st.session_state[SESSION_OPENED] = True
    sample = load_profile(sample_path(DEFAULT_SAMPLE))
    try:
        profile, filled = profile_from_partial_query(st.query_params.to_dict(), sample)
    except ProfileError as error:
        st.session_state[LINK_PROBLEMS] = [str(problem) for problem in error.problems]
        return
    if profile is not None:
        set_profile(profile)
        if filled:
            st.session_state[LINK_FILLED] = (sample.company, list(filled))


def link_filled() -> tuple[str, list[str]]:
    """The sample's company and the fields a partial link took from it (none: empty list)."""
    kept = st.session_state.get(LINK_FILLED)
    return (str(kept[0]), list(kept[1])) if kept else ("", [])


def dismiss_link_filled() -> None:
    st.session_state.pop(LINK_FILLED, None)


def link_problems() -> list[str]:
    return list(st.session_state.get(LINK_PROBLEMS, []))


def dismiss_link_problems() -> None:
    st.session_state.pop(LINK_PROBLEMS, None)


def write_profile_to_url() -> None:
    """Mirror the current profile in the address bar (only the parameters that changed)."""
    wanted = profile_to_query(current_profile())
    for name in PRIVATE_FIELDS:
        wanted.pop(name, None)
    params = st.query_params
    for name in FIELDS:
        if name in wanted:
            if params.get(name) != wanted[name]:
                params[name] = wanted[name]
        elif name in params:
            del params[name]


# ---------------------------------------------------------------------------------------------
# Widget values across page changes
#
# Streamlit forgets the value of every widget that a run does not draw, so leaving a page and
# coming back would reset its inputs. Each page names the widgets it keeps; their values are
# copied aside at the end of every run of the page and put back before it draws them again.


def restore_widgets(keys: Iterable[str], prefixes: tuple[str, ...] = ()) -> None:
    """Give back the values Streamlit dropped while another page was shown."""
    kept: dict[str, Any] = st.session_state.get(KEPT_WIDGETS, {})
    wanted = set(keys)
    for key, value in kept.items():
        if (key in wanted or key.startswith(prefixes)) and key not in st.session_state:
            st.session_state[key] = value


def remember_widgets(keys: Iterable[str], prefixes: tuple[str, ...] = ()) -> None:
    """Copy the current values of these widgets aside (call at the end of the page)."""
    kept: dict[str, Any] = st.session_state.setdefault(KEPT_WIDGETS, {})
    for key in [*keys, *(k for k in st.session_state if str(k).startswith(prefixes))]:
        if key in st.session_state:
            kept[str(key)] = st.session_state[key]


def forget_widgets(keys: Iterable[str], prefixes: tuple[str, ...] = ()) -> None:
    kept: dict[str, Any] = st.session_state.get(KEPT_WIDGETS, {})
    wanted = set(keys)
    for key in list(kept):
        if key in wanted or key.startswith(prefixes):
            del kept[key]


def count_run(page: str) -> None:
    """Note which page this run shows (called before every page)."""
    history: list[str] = st.session_state.setdefault(PAGE_HISTORY, [])
    history.append(page)
    del history[:-2]


def came_back_to(page: str) -> bool:
    """True when the run before this one showed another page (the user has just come back)."""
    history: list[str] = st.session_state.get(PAGE_HISTORY, [])
    return len(history) < 2 or history[-2] != page
