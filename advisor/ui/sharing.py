"""Sharing a client with named colleagues, each with a role, on the client's pages (with
sign-in only).

A client is its owner's until they share it: then each named colleague sees it, its cases and
its history, as a collaborator (who also saves, duplicates and renames cases and sets a
workshop's consensus) or a viewer (who sees and exports); the owner picks the role when sharing
and can change it. Only the owner shares, changes a role, stops sharing, renames, archives or
deletes (`workspace/roles.py`). Without sign-in there is one local user and nobody to share
with, so nothing is drawn.
"""

from __future__ import annotations

import streamlit as st

from advisor.i18n import _, p_
from advisor.ui import auth, cases
from advisor.ui.components import plain
from advisor.workspace.desk import role_label
from advisor.workspace.identity import principal_label
from advisor.workspace.model import Client, Share, WorkspaceError
from advisor.workspace.roles import COLLABORATOR, OWNER, SHARE_ROLES, VIEWER, Action, can
from advisor.workspace.store import Workspace

COLLEAGUE = "sharing.colleague"
ROLE = "sharing.role"  # the role a new colleague gets
NOTICE = "sharing.notice"  # (kind, message) of the last share, role change or unshare


def role_key(client: Client, colleague: str) -> str:
    """The key of the box that changes one colleague's role."""
    return f"sharing.role.{client.id}.{colleague}"


def share_panel(ws: Workspace, client: Client) -> None:
    """Who sees this client, and (for its owner) the way to add or remove colleagues."""
    if not auth.sign_in_configured():
        return
    with st.container(border=True):
        st.markdown(":material/share: **" + _("Sharing") + "**")
        _notice()
        if not can(client.role, Action.SHARE_CLIENT):
            st.caption(
                # Translators: {owner} is a colleague's name or e-mail; {role} says what you may
                # do ("viewer (sees and exports it)").
                _(
                    "{client} belongs to {owner}, who shared it with you as a {role}. Only they "
                    "can share it or change who sees it.",
                    client=plain(client.name),
                    owner=plain(client.owner_label),
                    role=plain(_role_words(client.role)),
                )
            )
            return
        _shared_with(ws, client)
        with st.form("sharing.form", border=False):
            name_col, role_col = st.columns([3, 2])
            name_col.text_input(
                _("Share with a colleague"),
                key=COLLEAGUE,
                placeholder=_("their verified email, or the identity their sidebar shows"),
                help=_(
                    "They see this client, its cases and its history; only you can rename, "
                    "archive, delete or share it, delete its cases or run its workshops."
                ),
            )
            st.session_state.setdefault(ROLE, COLLABORATOR)
            role_col.selectbox(
                # Translators: the role a colleague is given, as in "Share with … as collaborator".
                p_("sharing", "As"),
                SHARE_ROLES,
                key=ROLE,
                format_func=_role_words,
                help=_(
                    "A collaborator also saves, duplicates and renames cases and sets a "
                    "workshop's consensus; a viewer sees and exports only."
                ),
            )
            st.form_submit_button(
                p_("button", "Share"),
                icon=":material/person_add:",
                on_click=_share,
                args=(ws, client),
            )


def _role_words(role: str) -> str:
    """A role with what it may do, as `roles.ROLE_WORDS` says it, in the current language."""
    words = {
        OWNER: p_("role", "owner"),
        COLLABORATOR: _("collaborator (sees it and saves cases)"),
        VIEWER: _("viewer (sees and exports it)"),
    }
    return words.get(role, role)


def _shared_with(ws: Workspace, client: Client) -> None:
    if not client.shared_with:
        st.caption(_("Only you see {client}.", client=plain(client.name)))
        return
    st.caption(_("{client} is shared with:", client=plain(client.name)))
    for share in client.shared_with:
        name_col, role_col, button_col = st.columns([3, 2, 1.4], vertical_alignment="bottom")
        name_col.markdown(plain(share.label) + " · " + plain(role_label(share.role)))
        key = role_key(client, share.colleague)
        st.session_state[key] = share.role  # the stored role, whatever a stale box said
        role_col.selectbox(
            _("Role of {colleague}", colleague=share.label),
            SHARE_ROLES,
            key=key,
            format_func=_role_words,
            label_visibility="collapsed",
            on_change=_change_role,
            args=(ws, client, share),
        )
        button_col.button(
            _("Stop sharing"),
            key=f"sharing.stop.{client.id}.{share.colleague}",
            on_click=_unshare,
            args=(ws, client, share.colleague, share.label),
        )


def _share(ws: Workspace, client: Client) -> None:
    colleague = str(st.session_state.get(COLLEAGUE) or "").strip()
    role = str(st.session_state.get(ROLE) or COLLABORATOR)
    try:
        key = ws.share_client(client.id, colleague, role)
    except WorkspaceError as error:
        st.session_state[NOTICE] = ("error", cases.error_text(error))
        return  # the name stays in the box, to be corrected
    st.session_state[COLLEAGUE] = ""
    # Translators: {colleague} is a name or e-mail; {role} is "collaborator" or "viewer".
    shared = _(
        "Shared {client} with {colleague} as a {role}: it is in their Clients list now.",
        client=client.name,
        colleague=principal_label(key),
        role=role_label(role),
    )
    st.session_state[NOTICE] = ("success", shared)


def _change_role(ws: Workspace, client: Client, share: Share) -> None:
    role = str(st.session_state.get(role_key(client, share.colleague)) or share.role)
    try:
        ws.share_client(client.id, share.colleague, role)
    except WorkspaceError as error:
        st.session_state[NOTICE] = ("error", cases.error_text(error))
        return
    st.session_state[NOTICE] = (
        "success",
        _(
            "{colleague} is now a {role} on {client}.",
            colleague=share.label,
            role=role_label(role),
            client=client.name,
        ),
    )


def _unshare(ws: Workspace, client: Client, colleague: str, label: str) -> None:
    try:
        ws.unshare_client(client.id, colleague)
    except WorkspaceError as error:
        st.session_state[NOTICE] = ("error", cases.error_text(error))
        return
    st.session_state[NOTICE] = (
        "success",
        _("{colleague} no longer sees {client}.", colleague=label, client=client.name),
    )


def _notice() -> None:
    notice = st.session_state.pop(NOTICE, None)
    if not notice:
        return
    kind, message = notice
    if kind == "error":
        st.error(plain(message), icon=":material/error:")
    else:
        st.success(plain(message), icon=":material/check:")
