"""The session's language: from the link, else the session's choice, else the browser's.

A respondent's questionnaire knows one more default, its workshop's language, only once the
link is read (`prefer`): an explicit `?lang=` wins, then the workshop's language, then the
browser's, then English.

One Streamlit server serves every user, so the language is never process-wide: every run sets
its own session's language (`apply`, first thing in `app.py`) for the sentences written during
that run. A choice (the sidebar's switch, or `?lang=es` in a link) is kept in the address, so a
reload, a bookmark or a link sent to a colleague opens in the same language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from advisor import i18n
from advisor.i18n import LANGUAGE_NAMES, LANGUAGES, _

LANG_PARAM = "lang"
CHOSEN = "language.chosen"  # the language this session asked for, once it asked
ACTIVE = "language.active"  # the language of the session's last run
SWITCH = "language.switch"
T = TypeVar("T")


def _session_language() -> str | None:
    """The session's language where a run set none: a widget's callback runs in a thread of
    its own before the script (and before `apply`), yet writes in the session's language."""
    if get_script_run_ctx(suppress_warning=True) is None:
        return None
    code = st.session_state.get(ACTIVE)
    return code if isinstance(code, str) else None


i18n.set_fallback(_session_language)


def _browser_language() -> str:
    """The browser's preferred language, as Streamlit reports it (None outside a browser)."""
    try:
        locale = st.context.locale
    except Exception:  # noqa: BLE001 - no browser context (a bare script run): English
        return i18n.ENGLISH
    return i18n.resolve(locale)


def apply() -> str:
    """Set this run's language and keep a chosen one in the address; returns its code."""
    params = st.query_params
    asked = params.get(LANG_PARAM, "")
    if asked and i18n.is_supported(asked):
        st.session_state[CHOSEN] = i18n.resolve(asked)
    chosen = st.session_state.get(CHOSEN)
    code = i18n.set_language(chosen if isinstance(chosen, str) else _browser_language())
    st.session_state[ACTIVE] = code
    if chosen and params.get(LANG_PARAM) != code:
        params[LANG_PARAM] = code
    return code


def prefer(code: str | None) -> str:
    """This run in `code`, a default known only after `apply` (a workshop's questionnaire
    language), unless the session asked for one (`?lang=`, the switch); returns this run's."""
    chosen = st.session_state.get(CHOSEN)
    if isinstance(chosen, str) or code is None or code not in LANGUAGES:
        return i18n.current()
    st.session_state[ACTIVE] = i18n.set_language(code)
    return code


def speaking(code: str, build: Callable[[], T]) -> Callable[[], T]:
    """`build` run in the language `code` whenever it is called (a download built on a click,
    in a document language chosen apart from the page's)."""

    def run() -> T:
        with i18n.language(code):
            return build()

    return run


def document_language(key: str) -> str:
    """A choice of the language the page's documents are written in (the page's by default):
    a Spanish consultant may send an English brief."""
    code = i18n.current()
    if code not in LANGUAGES:
        return code
    chosen = st.selectbox(
        _("Language of the documents"),
        list(LANGUAGES),
        index=list(LANGUAGES).index(code),
        format_func=lambda option: LANGUAGE_NAMES[option],
        key=key,
        help=_(
            "The brief and the hiring kit are written in this language; the page stays in its own."
        ),
    )
    return str(chosen)


def _switched() -> None:
    code = str(st.session_state[SWITCH])
    st.session_state[CHOSEN] = st.session_state[ACTIVE] = code
    st.query_params[LANG_PARAM] = code
    i18n.set_language(code)


def switch() -> None:
    """The sidebar's language switch (each language named in its own language)."""
    code = i18n.current()
    if code not in LANGUAGES:  # the test-only pseudo-language has no switch
        return
    st.session_state[SWITCH] = code
    st.sidebar.selectbox(
        _("Language"),
        list(LANGUAGES),
        format_func=lambda option: LANGUAGE_NAMES[option],
        key=SWITCH,
        on_change=_switched,
        help=_("Every page and download is written in it; the link keeps it."),
    )
