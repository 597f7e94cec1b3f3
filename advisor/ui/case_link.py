"""The open case in the address: `?client=ID&case=ID`, so a reload lands on the same case.

A reload (F5), a dropped connection, a second tab or a bookmark starts a new session; the
address is what it keeps. While a saved case is open the address carries only its client's and
case's ids, never a figure of the client (an address ends up in browser history, proxy logs
and every link shared); with no saved case open it carries the session's profile, as before.

On a session's first run the ids are read back, the client is looked up as the acting user
sees it (one not shared with them is "no client with id N", whoever owns it), and the case is
opened only when their role on it lets them see it (`permissions.allows`) and it is a case of
that client. A refusal is kept for the shell to say once, above the page.
"""

from __future__ import annotations

import streamlit as st

from advisor.i18n import _
from advisor.problems import AdvisorError
from advisor.profile import FIELDS
from advisor.ui import cases, permissions, state
from advisor.workspace.roles import Action

CLIENT_PARAM = "client"
CASE_PARAM = "case"
READ = "case_link.read"  # set once the session's first run has read the address
REFUSED = "case_link.refused"  # why the address's case was not opened, if it was not


def open_from_address() -> None:
    """On a session's first run, open the saved case the address names (once per session)."""
    if st.session_state.get(READ):
        return
    st.session_state[READ] = True
    params = st.query_params
    if CASE_PARAM not in params and CLIENT_PARAM not in params:
        return
    client_text, case_text = params.get(CLIENT_PARAM, ""), params.get(CASE_PARAM, "")
    if not (client_text.isdigit() and case_text.isdigit()):
        # Translators: {client} and {case} are what the address gave, quoted as typed.
        st.session_state[REFUSED] = _(
            "the address needs both a client and a case id, each a whole number (client "
            "'{client}', case '{case}'); open the case on the Cases page",
            client=client_text,
            case=case_text,
        )
        return
    try:
        ws = cases.workspace()
        client = ws.client(int(client_text))
        if not permissions.allows(client, Action.VIEW):
            st.session_state[REFUSED] = _(
                "your role on {client} does not let you see it", client=client.name
            )
            return
        cases.load_case(ws, client, int(case_text))
    except AdvisorError as error:
        st.session_state[REFUSED] = cases.error_text(error)


def refused() -> str:
    return str(st.session_state.get(REFUSED) or "")


def dismiss_refused() -> None:
    st.session_state.pop(REFUSED, None)


def write_address() -> None:
    """Keep the address in step with the session: the open case's ids, else the profile."""
    case = cases.open_case()
    params = st.query_params
    if case is None:
        for name in (CLIENT_PARAM, CASE_PARAM):
            if name in params:
                del params[name]
        state.write_profile_to_url()
        return
    for name in FIELDS:
        if name in params:
            del params[name]
    for name, value in ((CLIENT_PARAM, case.client_id), (CASE_PARAM, case.case_id)):
        if params.get(name) != str(value):
            params[name] = str(value)
