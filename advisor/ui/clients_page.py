"""The Clients page: every client of the workspace, found, created, renamed, archived, deleted.

Each client is listed by its headline case (`clients_desk.py`: filters, the row that opens the
client, the CSV and XLSX downloads); its editors mark which case that is under Manage a client.
A delete asks first and can be undone for the rest of the session: the store hands back
everything it removed, and Undo puts it back as it was. Renaming, archiving, deleting and
sharing a client are its owner's, and so is its audit trail: who signed in, shared, deleted,
ran a workshop or exported a document, and when.

The outcome of the last action stays at the top while the page is open, and the list of
clients comes last: pressing Enter in a name box runs the page again, and a message that
vanished on that run, or a row another consultant added above the box, moved its button away
from under the pointer about to click it.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from advisor.i18n import _, n_, p_
from advisor.i18n.formats import number
from advisor.ui import auth, branding_panel, cases, clients_desk, permissions, sharing, state
from advisor.ui.components import browser_zone, data_table, plain, zone_words
from advisor.ui.pages import page_file
from advisor.workspace.model import Client, WorkspaceError
from advisor.workspace.names import MAX_NAME
from advisor.workspace.roles import Action
from advisor.workspace.store import Workspace
from advisor.workspace.trail import column_labels, trail_rows

SEARCH = "clients.search"
SHOW_ARCHIVED = "clients.show_archived"
NEW_NAME = "clients.new_name"
CHOSEN = "clients.chosen"
RENAME = "clients.rename"
RENAME_FOR = "clients.rename_for"  # the client the rename box was filled for
CONFIRM_DELETE = "clients.confirm_delete"  # id of the client whose delete waits for a yes
NOTICE = "clients.notice"  # (kind, message) of the last action, kept while the page is open
PAGE = "clients"  # the page's address, as the shell counts runs
KEPT = (SEARCH, SHOW_ARCHIVED, NEW_NAME, branding_panel.NAME, *clients_desk.KEPT)


def render() -> None:
    if state.came_back_to(PAGE):  # what was done on an earlier visit is not news
        st.session_state.pop(NOTICE, None)
        st.session_state.pop(branding_panel.NOTICE, None)
    state.restore_widgets(KEPT)
    _page()
    state.remember_widgets(KEPT)


def local_workspace_caption() -> None:
    """Say what this workspace is: one local store, for whoever uses this computer."""
    if auth.sign_in_configured():
        st.caption(
            ":material/group: "
            + _(
                "Signed in as {user}: your own clients, and those colleagues have shared with you.",
                user=plain(state.acting_user().label),
            )
        )
        return
    st.caption(
        ":material/home_storage: "
        + _(
            "One local workspace: without sign-in the app listens on 127.0.0.1 only, so it is "
            "reachable from this computer alone, and everyone using it here sees every client. "
            "Database: {database}",
            database=plain(cases.shown_url()),
        )
    )


def _page() -> None:
    st.title(_("Clients"))
    local_workspace_caption()
    ws = cases.workspace_or_notice()
    if ws is None:
        return
    _notice()
    _undo(ws)
    branding_panel.render(ws)
    _new_client(ws)
    search_col, archived_col = st.columns([3, 1])
    search = search_col.text_input(
        _("Search clients"), key=SEARCH, placeholder=_("Any part of the name")
    )
    archived = archived_col.checkbox(_("Show archived"), key=SHOW_ARCHIVED)
    try:
        clients = ws.clients(search, include_archived=archived)
    except WorkspaceError as error:
        st.error(plain(cases.error_text(error)), icon=":material/database:")
        return
    if not clients:
        st.info(
            _("No client matches the search.")
            if search
            else _(
                "No clients yet: add the first one above, then save the case you are working "
                "on under it."
            ),
            icon=":material/group:",
        )
        return
    _manage(ws, clients)
    me = state.acting_user().key if auth.sign_in_configured() else None
    st.subheader(_("All clients") if not search else _("Clients found"))
    clients_desk.desk(clients, me, _open_client)


def _open_client(client: Client) -> None:
    """A row picked in the list: open the client's cases, or ask first (unsaved changes)."""
    if _may_switch_to(client):
        choose_client(client.id)
        st.switch_page(page_file("cases"))
    st.rerun()  # the question is drawn under Manage a client, above the list


def _notice() -> None:
    notice = st.session_state.get(NOTICE)
    if not notice:
        return
    kind, title = notice
    if kind == "error":
        st.error(plain(title), icon=":material/error:")  # the inputs stay as typed
    else:
        st.success(plain(title), icon=":material/task_alt:")


def _say(kind: str, title: str) -> None:
    st.session_state[NOTICE] = (kind, title)


def _add(ws: Workspace) -> None:
    name = str(st.session_state.get(NEW_NAME) or "").strip()
    try:
        client = ws.add_client(name)
    except WorkspaceError as error:
        _say("error", cases.error_text(error))
        return
    st.session_state[NEW_NAME] = ""
    st.session_state[CHOSEN] = client.id
    _say("success", _("Added the client {client}.", client=client.name))


def _new_client(ws: Workspace) -> None:
    with st.container(border=True):
        name_col, button_col = st.columns([3, 1], vertical_alignment="bottom")
        name_col.text_input(
            _("New client"), key=NEW_NAME, max_chars=MAX_NAME, placeholder=_("Client name")
        )
        button_col.button(
            _("Add client"),
            key="clients.add",
            on_click=_add,
            args=(ws,),
            icon=":material/person_add:",
        )


def _client_label(clients: dict[int, Client]) -> Callable[[int], str]:
    def label(client_id: int) -> str:
        client = clients[client_id]
        # Translators: an archived client in the picker; {client} is its name.
        return _("{client} (archived)", client=client.name) if client.archived else client.name

    return label


def _manage(ws: Workspace, clients: list[Client]) -> None:
    by_id = {client.id: client for client in clients}
    if st.session_state.get(CHOSEN) not in by_id:
        current = cases.current_client_id()
        st.session_state[CHOSEN] = current if current in by_id else clients[0].id
    st.subheader(_("Manage a client"))
    chosen_id = st.selectbox(
        p_("field", "Client"),
        list(by_id),
        key=CHOSEN,
        format_func=_client_label(by_id),
    )
    client = by_id[int(chosen_id)]
    st.caption(
        # Translators: {created} is the day the client was added, as 2026-12-06.
        n_(
            "{count} saved case · created {created}",
            "{count} saved cases · created {created}",
            client.case_count,
            count=number(client.case_count),
            created=client.created_at[:10],
        )
    )
    clients_desk.headline_picker(ws, client, _say)
    open_col, archive_col, delete_col = st.columns(3)
    opened = open_col.button(_("Open its cases"), key="clients.open", icon=":material/folder_open:")
    if opened and _may_switch_to(client):
        choose_client(client.id)
        st.switch_page(page_file("cases"))
    archive_col.button(
        _("Restore from archive") if client.archived else _("Archive"),
        key="clients.archive",
        on_click=_archive,
        args=(ws, client),
        icon=":material/unarchive:" if client.archived else ":material/archive:",
        disabled=not permissions.allows(client, Action.ARCHIVE_CLIENT),
    )
    delete_col.button(
        _("Delete…"),
        key="clients.delete",
        on_click=_ask_delete,
        args=(client.id,),
        icon=":material/delete:",
        disabled=not permissions.allows(client, Action.DELETE_CLIENT),
    )
    if st.session_state.get(CONFIRM_DELETE) == client.id:
        _confirm_delete(ws, client)
    _rename(ws, client)
    permissions.say_who_may(
        client,
        Action.SET_HEADLINE,
        Action.RENAME_CLIENT,
        Action.ARCHIVE_CLIENT,
        Action.DELETE_CLIENT,
    )
    leave_question(ws)
    sharing.share_panel(ws, client)
    audit_trail(ws, client)


def _may_switch_to(client: Client) -> bool:
    """Going to the open case's own client leaves nothing; another client asks first."""
    case = cases.open_case()
    if case is not None and case.client_id == client.id:
        return True
    return cases.ask_to_leave(cases.Leave("client", client.id, client.name))


def choose_client(client_id: int) -> None:
    """Show this client on the workspace pages; the open case of another client is left."""
    case = cases.open_case()
    if case is not None and case.client_id != client_id:
        cases.close_case()
    st.session_state[cases.CLIENT] = client_id
    cases.cancel_leave()


def leave_question(ws: Workspace) -> None:
    """Ask before a move that would leave unsaved changes (switching client or case)."""
    leave = cases.pending_leave()
    if leave is None or leave.kind != "client":
        return
    case = cases.open_case()
    changes = cases.unsaved_changes()
    if not changes:  # saved (or undone) since the question was asked: nothing to lose
        cases.cancel_leave()
        return
    with st.container(border=True):
        st.warning(
            # Translators: {case} is the open case's name; {target} the client to switch to.
            n_(
                "The case {case} has {count} unsaved change. Switch to {target} anyway? Your "
                "inputs stay in this session, but no longer as that saved case; save first to "
                "keep them with it.",
                "The case {case} has {count} unsaved changes. Switch to {target} anyway? Your "
                "inputs stay in this session, but no longer as that saved case; save first to "
                "keep them with it.",
                len(changes),
                count=number(len(changes)),
                case=plain(case.scenario if case else ""),
                target=plain(leave.label),
            ),
            icon=":material/warning:",
        )
        yes, no = st.columns(2)
        if yes.button(_("Switch and leave the changes unsaved"), key="clients.leave_yes"):
            choose_client(leave.target)
            st.switch_page(page_file("cases"))
        no.button(_("Stay"), key="clients.leave_no", on_click=cases.cancel_leave)


def _archive(ws: Workspace, client: Client) -> None:
    try:
        changed = ws.archive_client(client.id, not client.archived)
    except WorkspaceError as error:
        _say("error", cases.error_text(error))
        return
    if changed.archived:
        _say(
            "success",
            _("Archived {client}: tick Show archived to see it again.", client=changed.name),
        )
    else:
        _say("success", _("{client} is back from the archive.", client=changed.name))


def _confirm_delete(ws: Workspace, client: Client) -> None:
    with st.container(border=True):
        st.warning(
            n_(
                "Delete {client} and its {count} saved case and history? You can undo this "
                "until you close this browser tab.",
                "Delete {client} and its {count} saved cases and history? You can undo this "
                "until you close this browser tab.",
                client.case_count,
                count=number(client.case_count),
                client=plain(client.name),
            ),
            icon=":material/delete_forever:",
        )
        yes, no = st.columns(2)
        yes.button(
            _("Delete"),
            key="clients.delete_yes",
            type="primary",
            on_click=_delete,
            args=(ws, client),
        )
        no.button(
            _("Cancel"),
            key="clients.delete_no",
            on_click=_cancel_delete,
        )


def _ask_delete(client_id: int) -> None:
    st.session_state[CONFIRM_DELETE] = client_id


def _cancel_delete() -> None:
    st.session_state.pop(CONFIRM_DELETE, None)


def _delete(ws: Workspace, client: Client) -> None:
    st.session_state.pop(CONFIRM_DELETE, None)
    try:
        deleted = ws.delete_client(client.id)
    except WorkspaceError as error:
        _say("error", cases.error_text(error))
        return
    cases.remember_deleted((client.name, deleted))
    case = cases.open_case()
    if case is not None and case.client_id == client.id:
        cases.close_case()
    if cases.current_client_id() == client.id:
        st.session_state.pop(cases.CLIENT, None)
    st.session_state.pop(CHOSEN, None)


def _undo(ws: Workspace) -> None:
    last = cases.last_deleted()
    if last is None:
        return
    name, _deleted = last
    note, button = st.columns([4, 1], vertical_alignment="center")
    note.info(_("Deleted {client}.", client=plain(name)), icon=":material/delete:")
    button.button(
        _("Undo"), key="clients.undo", on_click=_restore, args=(ws,), icon=":material/undo:"
    )


def _restore(ws: Workspace) -> None:
    last = cases.last_deleted()
    if last is None:
        return
    name, deleted = last
    try:
        client = ws.restore_client(deleted)
    except WorkspaceError as error:
        # Translators: {reason} is why, as the workspace says it.
        _say(
            "error",
            _(
                "{client} could not be restored: {reason}",
                client=name,
                reason=cases.error_text(error),
            ),
        )
        return
    cases.forget_last_deleted()
    st.session_state[CHOSEN] = client.id
    _say("success", _("Restored {client} with its cases and history.", client=client.name))


def _rename(ws: Workspace, client: Client) -> None:
    if st.session_state.get(RENAME_FOR) != client.id or RENAME not in st.session_state:
        st.session_state[RENAME_FOR] = client.id
        st.session_state[RENAME] = client.name
    allowed = permissions.allows(client, Action.RENAME_CLIENT)
    name_col, button_col = st.columns([3, 1], vertical_alignment="bottom")
    name_col.text_input(_("Rename to"), key=RENAME, max_chars=MAX_NAME, disabled=not allowed)
    button_col.button(
        _("Rename"),
        key="clients.rename_button",
        on_click=_do_rename,
        args=(ws, client),
        disabled=not allowed,
    )


def _do_rename(ws: Workspace, client: Client) -> None:
    name = str(st.session_state.get(RENAME) or "").strip()
    try:
        renamed = ws.rename_client(client.id, name)
    except WorkspaceError as error:
        _say("error", cases.error_text(error))
        return
    case = cases.open_case()
    if case is not None and case.client_id == client.id:
        cases.rename_open_client(renamed.name)
    _say("success", _("Renamed {old} to {new}.", old=client.name, new=renamed.name))


def audit_trail(ws: Workspace, client: Client) -> None:
    """The client's audit trail, newest first, for its owner only (nothing for anyone else)."""
    if not permissions.allows(client, Action.READ_AUDIT):
        return
    with st.expander(
        _("Audit trail of {client}", client=plain(client.name)), icon=":material/history_edu:"
    ):
        try:
            events = ws.audit_trail(client.id)
            names = dict(ws.consultants())
            scenarios = {case.id: case.scenario for case in ws.cases(client.id)}
        except WorkspaceError as error:
            st.error(plain(cases.error_text(error)), icon=":material/database:")
            return
        names.update({share.colleague: share.label for share in client.shared_with})
        zone, zone_name = browser_zone()
        st.caption(
            # Translators: {zone} says which clock the times are in ("times in Europe/Madrid").
            _(
                "Who shared it, deleted its cases, ran its workshops or exported its documents, "
                "and when ({zone}); newest first. Only you see this.",
                zone=zone_words(zone_name),
            )
        )
        if not events:
            st.caption(_("Nothing recorded yet."))
            return
        data_table(
            pd.DataFrame(trail_rows(events, names, zone, scenarios)).rename(
                columns=column_labels()
            ),
            hide_index=True,
            width="stretch",
        )
