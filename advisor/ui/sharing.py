"""Sharing a client with named colleagues, on the client's page (with sign-in only).

A client is its owner's until they share it: then each named colleague sees it, its cases and
its history, and may save cases under it; only the owner shares, stops sharing, renames or
deletes. Without sign-in there is one local user and nobody to share with, so nothing is drawn.
"""

from __future__ import annotations

import streamlit as st

from advisor.ui import auth
from advisor.ui.components import plain
from advisor.workspace.identity import principal_label
from advisor.workspace.model import Client, WorkspaceError
from advisor.workspace.roles import ROLE_WORDS
from advisor.workspace.store import Workspace

COLLEAGUE = "sharing.colleague"
NOTICE = "sharing.notice"  # (kind, message) of the last share or unshare


def share_panel(ws: Workspace, client: Client) -> None:
    """Who sees this client, and (for its owner) the way to add or remove colleagues."""
    if not auth.sign_in_configured():
        return
    with st.container(border=True):
        st.markdown(":material/share: **Sharing**")
        _notice()
        if not client.mine:
            st.caption(
                f"{plain(client.name)} belongs to {plain(client.owner_label)}, who shared it "
                f"with you as a {plain(ROLE_WORDS[client.role])}."
            )
            return
        _shared_with(ws, client)
        with st.form("sharing.form", border=False):
            st.text_input(
                "Share with a colleague",
                key=COLLEAGUE,
                placeholder="their verified email, or the identity their sidebar shows",
                help="They see this client, its cases and its history; only you can rename, "
                "delete or share it.",
            )
            st.form_submit_button(
                "Share", icon=":material/person_add:", on_click=_share, args=(ws, client)
            )


def _shared_with(ws: Workspace, client: Client) -> None:
    if not client.shared_with:
        st.caption(f"Only you see {plain(client.name)}.")
        return
    st.caption(f"{plain(client.name)} is shared with:")
    for share in client.shared_with:
        name_col, button_col = st.columns([3, 1], vertical_alignment="center")
        name_col.markdown(f"{plain(share.label)} · {plain(share.role)}")
        button_col.button(
            "Stop sharing",
            key=f"sharing.stop.{client.id}.{share.colleague}",
            on_click=_unshare,
            args=(ws, client, share.colleague, share.label),
        )


def _share(ws: Workspace, client: Client) -> None:
    colleague = str(st.session_state.get(COLLEAGUE) or "").strip()
    try:
        key = ws.share_client(client.id, colleague)
    except WorkspaceError as error:
        st.session_state[NOTICE] = ("error", str(error))
        return  # the name stays in the box, to be corrected
    st.session_state[COLLEAGUE] = ""
    st.session_state[NOTICE] = (
        "success",
        f"Shared {client.name} with {principal_label(key)}: it is in their Clients list now.",
    )


def _unshare(ws: Workspace, client: Client, colleague: str, label: str) -> None:
    try:
        ws.unshare_client(client.id, colleague)
    except WorkspaceError as error:
        st.session_state[NOTICE] = ("error", str(error))
        return
    st.session_state[NOTICE] = ("success", f"{label} no longer sees {client.name}.")


def _notice() -> None:
    notice = st.session_state.pop(NOTICE, None)
    if not notice:
        return
    kind, message = notice
    if kind == "error":
        st.error(plain(message), icon=":material/error:")
    else:
        st.success(plain(message), icon=":material/check:")
