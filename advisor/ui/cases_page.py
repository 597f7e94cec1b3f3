"""A client's page: its saved cases, opened into the session, saved, duplicated, deleted.

Opening a case fills every other page (profile, role edits, CRM figures, the rule pack it was
assessed with), so the verdict is the one it had when saved, whatever the default pack says
today; "Re-assess on today's pack" shows what moving it would change. Everyone who sees the
client opens and re-assesses its cases; saving, renaming and duplicating are its owner's and
collaborators', deleting its owner's (`ui/permissions.py`).

Every click on the page either does what it says or says why not, next to the inputs it used,
and the inputs stay as typed. A box's buttons never move under the pointer between typing and
clicking: pressing Enter in a name box, or leaving the notes, runs the page again, so nothing
above a box may change height on such a run. The boxes come first and the list of cases last
(another consultant's save adds a row to it at any time), and each outcome is drawn below the
buttons that caused it and stays while the page is open (a message shown only once vanished
on the next run and pulled the buttons up).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from advisor import present
from advisor.compare import MAX_NAME
from advisor.i18n import _, n_, p_
from advisor.i18n.formats import number
from advisor.problems import AdvisorError
from advisor.ui import cases, permissions, sharing, state
from advisor.ui.clients_page import choose_client
from advisor.ui.components import data_table, plain, verdict_banner
from advisor.ui.fields import field_widget
from advisor.ui.pages import page_file
from advisor.workspace.model import CaseSummary, Client, WorkspaceError
from advisor.workspace.roles import Action
from advisor.workspace.session import (
    PackShift,
    case_changes,
    cases_table,
    pack_shift,
    verdict_words,
)
from advisor.workspace.store import Workspace

PICK_CLIENT = "cases.client"
PICK_CASE = "cases.case"
SCENARIO = "cases.scenario"
SCENARIO_FOR = "cases.scenario_for"  # the open case the scenario box was filled for
COPY_NAME = "cases.copy_name"
NOTES = "cases.notes"  # the profile's notes, as the Assess page shows them too
KEEP_NOTES = "cases.keep_notes"  # whether "Save as new" takes the open case's notes along
CONFIRM_DELETE = "cases.confirm_delete"
SHIFT = "cases.shift"  # (case id, PackShift): the last re-assessment on today's pack
NOTICE = "cases.notice"  # Outcome of the last action on a saved case
SAVED = "cases.saved"  # Outcome of the last save
PAGE = "cases"  # the page's address, as the shell counts runs
DEFAULT_SCENARIO = "today"
KEPT = (SCENARIO, COPY_NAME)  # names typed but not yet used outlive a visit to another page


@dataclass(frozen=True)
class Outcome:
    """What a click did, shown below its box's buttons while `scope` is what the box shows
    (a client, or a client and its open case)."""

    scope: tuple[int, int | None]
    kind: str  # success | error
    title: str
    lines: tuple[str, ...] = ()


def render() -> None:
    if state.came_back_to(PAGE):  # what was done on an earlier visit is not news
        for key in (NOTICE, SAVED):
            st.session_state.pop(key, None)
    state.restore_widgets(KEPT)
    _page()
    state.remember_widgets(KEPT)


def _page() -> None:
    st.title(_("Cases"))
    ws = cases.workspace_or_notice()
    if ws is None:
        return
    try:
        clients = ws.clients()
        client = _pick_client(clients)
        if client is None:
            _outcome(NOTICE)  # a refusal says why there is no client left (a share that ended)
            return
        summaries = ws.cases(client.id)
    except WorkspaceError as error:
        _outcome(NOTICE)
        st.error(plain(cases.error_text(error)), icon=":material/database:")
        return
    _leave_question(ws, client)
    _save_box(ws, client)
    if summaries:
        _case_actions(ws, client, summaries)
    else:
        st.info(
            _(
                "{client} has no saved case yet: save the inputs of this session above as the "
                "first scenario (for example “today”).",
                client=plain(client.name),
            ),
            icon=":material/folder_off:",
        )
        _outcome(NOTICE, (client.id, None))
    sharing.share_panel(ws, client)
    if summaries:
        st.subheader(_("Saved cases"))
        data_table(pd.DataFrame(cases_table(summaries)), hide_index=True, width="stretch")


def _outcome(key: str, scope: tuple[int, int | None] | None = None) -> None:
    """The outcome kept under `key`, when it is about what the box shows now (any, when no box
    is drawn)."""
    outcome = st.session_state.get(key)
    if not isinstance(outcome, Outcome) or (scope is not None and outcome.scope != scope):
        return
    body = plain(outcome.title) + "".join(f"\n\n- {plain(line)}" for line in outcome.lines)
    if outcome.kind == "error":
        st.error(body, icon=":material/error:")
    else:
        st.success(body, icon=":material/task_alt:")


def _say(kind: str, title: str, lines: list[str] | None = None) -> None:
    """Keep the outcome of an action on a saved case of the client shown."""
    client_id = cases.current_client_id() or 0
    st.session_state[NOTICE] = Outcome((client_id, None), kind, title, tuple(lines or ()))


# ---------------------------------------------------------------------------------------------
# Which client


def _pick_client(clients: list[Client]) -> Client | None:
    by_id = {client.id: client for client in clients}
    if not by_id:
        st.info(
            _("No clients yet: add one on the Clients page, then save cases under it here."),
            icon=":material/group_add:",
        )
        st.page_link(page_file("clients"), label=_("Clients"), icon=":material/groups:")
        return None
    current = cases.current_client_id()
    if current not in by_id:
        current = next(iter(by_id))
        choose_client(current)
    st.session_state[PICK_CLIENT] = current
    chosen = st.selectbox(
        p_("field", "Client"),
        list(by_id),
        key=PICK_CLIENT,
        format_func=lambda client_id: by_id[client_id].name,
        on_change=_switch_client,
        args=(by_id,),
    )
    return by_id[int(chosen)]


def _switch_client(by_id: dict[int, Client]) -> None:
    wanted = st.session_state.get(PICK_CLIENT)
    if not isinstance(wanted, int) or wanted not in by_id:
        return
    if cases.ask_to_leave(cases.Leave("client", wanted, by_id[wanted].name)):
        choose_client(wanted)


def _leave_question(ws: Workspace, client: Client) -> None:
    """Ask before opening another case or switching client would drop unsaved changes."""
    leave = cases.pending_leave()
    case = cases.open_case()
    if leave is None or case is None:
        return
    changes = cases.unsaved_changes()
    if not changes:  # saved (or undone) since the question was asked: nothing to lose
        cases.cancel_leave()
        return
    values = {
        "case": plain(case.scenario),
        "client": plain(case.client_name),
        "changes": plain(", ".join(change.label for change in changes)),
        "target": plain(leave.label),
        "count": number(len(changes)),
    }
    # Translators: {case} and {client} name the open case; {changes} lists what changed
    # ("Role edits, Case notes"); {target} is the case to open or the client to switch to.
    question = (
        n_(
            "The case {case} of {client} has {count} unsaved change ({changes}). Open "
            "{target} anyway and leave them unsaved?",
            "The case {case} of {client} has {count} unsaved changes ({changes}). Open "
            "{target} anyway and leave them unsaved?",
            len(changes),
            **values,
        )
        if leave.kind == "open"
        else n_(
            "The case {case} of {client} has {count} unsaved change ({changes}). Switch to "
            "{target} anyway and leave them unsaved?",
            "The case {case} of {client} has {count} unsaved changes ({changes}). Switch to "
            "{target} anyway and leave them unsaved?",
            len(changes),
            **values,
        )
    )
    with st.container(border=True):
        st.warning(question, icon=":material/warning:")
        yes, no = st.columns(2)
        yes.button(
            _("Leave the changes unsaved"),
            key="cases.leave_yes",
            on_click=_leave_anyway,
            args=(ws,),
        )
        no.button(_("Stay on this case"), key="cases.leave_no", on_click=cases.cancel_leave)


def _leave_anyway(ws: Workspace) -> None:
    leave = cases.pending_leave()
    cases.cancel_leave()
    if leave is None:
        return
    if leave.kind == "client":
        choose_client(leave.target)
        return
    _open(ws, leave.target)


# ---------------------------------------------------------------------------------------------
# The open case


def _open(ws: Workspace, case_id: int) -> None:
    client_id = cases.current_client_id()
    try:
        if client_id is None:
            raise WorkspaceError.single(_("choose the client first"), path="client")
        case = cases.load_case(ws, ws.client(client_id), case_id)
    except AdvisorError as error:
        # Translators: {reason} is why, as the workspace says it.
        _say("error", _("The case could not be opened: {reason}", reason=cases.error_text(error)))
        return
    st.session_state.pop(SCENARIO_FOR, None)
    st.session_state.pop(SHIFT, None)
    _say(
        "success",
        _(
            "Opened {case}: every page now shows this case, assessed on the pack it was saved "
            "with.",
            case=case.summary.scenario,
        ),
    )


def _ask_open(ws: Workspace, summaries: dict[int, CaseSummary]) -> None:
    case_id = st.session_state.get(PICK_CASE)
    if not isinstance(case_id, int) or case_id not in summaries:
        return
    if cases.ask_to_leave(cases.Leave("open", case_id, summaries[case_id].scenario)):
        _open(ws, case_id)


def _case_actions(ws: Workspace, client: Client, summaries: list[CaseSummary]) -> None:
    by_id = {summary.id: summary for summary in summaries}
    if st.session_state.get(PICK_CASE) not in by_id:
        case = cases.open_case()
        st.session_state[PICK_CASE] = (
            case.case_id if case and case.case_id in by_id else summaries[0].id
        )
    st.subheader(_("A saved case"))
    chosen = st.selectbox(
        _("Saved case"), list(by_id), key=PICK_CASE, format_func=lambda i: by_id[i].scenario
    )
    summary = by_id[int(chosen)]
    open_col, shift_col, delete_col = st.columns(3)
    open_col.button(
        _("Open into the session"),
        key="cases.open",
        type="primary",
        on_click=_ask_open,
        args=(ws, by_id),
        icon=":material/folder_open:",
    )
    shift_col.button(
        _("Re-assess on today's pack"),
        key="cases.reassess",
        on_click=_reassess,
        args=(ws, summary.id),
        icon=":material/published_with_changes:",
    )
    delete_col.button(
        _("Delete…"),
        key="cases.delete",
        on_click=_ask_delete,
        args=(summary.id,),
        icon=":material/delete:",
        disabled=not permissions.allows(client, Action.DELETE_CASE),
    )
    if summary.notes:  # below the buttons: picking a case with notes must not move them
        st.caption(_("Notes: {notes}", notes=plain(summary.notes)))
    if st.session_state.get(CONFIRM_DELETE) == summary.id:
        _confirm_delete(ws, summary)
    _shift(summary)
    _copy_box(ws, client, summary)
    permissions.say_who_may(client, Action.RENAME_CASE, Action.DUPLICATE_CASE, Action.DELETE_CASE)
    _outcome(NOTICE, (client.id, None))


def _reassess(ws: Workspace, case_id: int) -> None:
    try:
        shift = pack_shift(
            cases.stored_assessment(ws, case_id), cases.todays_assessment(ws, case_id)
        )
    except AdvisorError as error:
        _say("error", cases.error_text(error))
        return
    st.session_state[SHIFT] = (case_id, shift)


def _shift(summary: CaseSummary) -> None:
    kept = st.session_state.get(SHIFT)
    if not kept or kept[0] != summary.id:
        return
    shift: PackShift = kept[1]
    with st.container(border=True):
        st.markdown("**" + _("{case} on today's pack", case=plain(summary.scenario)) + "**")
        st.write(plain(shift.summary()))
        reason, today = p_("column", "Reason"), p_("column", "On today's pack")
        rows = [{reason: title, today: _("now fires")} for title in shift.reasons_gained]
        rows += [{reason: title, today: _("no longer fires")} for title in shift.reasons_lost]
        if rows:
            data_table(pd.DataFrame(rows), hide_index=True, width="stretch")
        case = cases.open_case()
        if shift.moves_anything and case is not None and case.case_id == summary.id:
            st.button(
                _("Use today's pack for this case"),
                key="cases.use_today",
                on_click=_use_todays_pack,
                help=_("The session is assessed on today's pack; save to keep the case on it."),
            )


def _use_todays_pack() -> None:
    state.use_default_pack()
    st.session_state.pop(SHIFT, None)
    _say("success", _("This case is now assessed on today's pack: save it to keep that."))


def _ask_delete(case_id: int) -> None:
    st.session_state[CONFIRM_DELETE] = case_id


def _cancel_delete() -> None:
    st.session_state.pop(CONFIRM_DELETE, None)


def _confirm_delete(ws: Workspace, summary: CaseSummary) -> None:
    with st.container(border=True):
        st.warning(
            _(
                "Delete the case {case}? Its saved assessments stay in the client's history.",
                case=plain(summary.scenario),
            ),
            icon=":material/delete_forever:",
        )
        yes, no = st.columns(2)
        yes.button(
            _("Delete"),
            key="cases.delete_yes",
            type="primary",
            on_click=_delete,
            args=(ws, summary),
        )
        no.button(_("Cancel"), key="cases.delete_no", on_click=_cancel_delete)


def _delete(ws: Workspace, summary: CaseSummary) -> None:
    _cancel_delete()
    try:
        ws.delete_case(summary.id)
    except WorkspaceError as error:
        _say("error", cases.error_text(error))
        return
    case = cases.open_case()
    if case is not None and case.case_id == summary.id:
        cases.close_case()
    st.session_state.pop(PICK_CASE, None)
    _say("success", _("Deleted the case {case}.", case=summary.scenario))


def _copy_box(ws: Workspace, client: Client, summary: CaseSummary) -> None:
    may_copy = permissions.allows(client, Action.DUPLICATE_CASE)
    may_rename = permissions.allows(client, Action.RENAME_CASE)
    name_col, copy_col, rename_col = st.columns([2, 1, 1], vertical_alignment="bottom")
    name_col.text_input(
        _("New scenario name"),
        key=COPY_NAME,
        max_chars=MAX_NAME,
        placeholder=_("e.g. after hiring 2 AEs"),
    )
    copy_col.button(
        _("Duplicate"),
        key="cases.duplicate",
        on_click=_duplicate,
        args=(ws, summary),
        disabled=not may_copy,
    )
    rename_col.button(
        _("Rename"),
        key="cases.rename",
        on_click=_rename,
        args=(ws, summary),
        disabled=not may_rename,
    )


def _duplicate(ws: Workspace, summary: CaseSummary) -> None:
    name = str(st.session_state.get(COPY_NAME) or "").strip()
    try:
        copy = ws.duplicate_case(summary.id, name)
    except WorkspaceError as error:
        _say("error", cases.error_text(error))
        return
    st.session_state[COPY_NAME] = ""
    st.session_state[PICK_CASE] = copy.id
    _say("success", _("Duplicated {case} as {copy}.", case=summary.scenario, copy=copy.scenario))


def _rename(ws: Workspace, summary: CaseSummary) -> None:
    name = str(st.session_state.get(COPY_NAME) or "").strip()
    try:
        ws.rename_case(summary.id, name)
    except WorkspaceError as error:
        _say("error", cases.error_text(error))
        return
    case = cases.open_case()
    if case is not None and case.case_id == summary.id:
        cases.rename_open_scenario(name)
        st.session_state.pop(SCENARIO_FOR, None)
    st.session_state[COPY_NAME] = ""
    _say("success", _("Renamed {old} to {new}.", old=summary.scenario, new=name))


# ---------------------------------------------------------------------------------------------
# Saving


def _save_box(ws: Workspace, client: Client) -> None:
    case = cases.open_case()
    mine = case is not None and case.client_id == client.id
    marker = (client.id, case.case_id if mine and case else None)
    if st.session_state.get(SCENARIO_FOR) != marker or SCENARIO not in st.session_state:
        st.session_state[SCENARIO_FOR] = marker
        st.session_state[SCENARIO] = case.scenario if mine and case else DEFAULT_SCENARIO
    may_save = permissions.allows(client, Action.SAVE_CASE)
    st.subheader(_("Save this session's inputs"))
    with st.container(border=True):
        if mine and case:
            # Translators: {case} is the open case's name, {revision} its revision number; the
            # ** mark bold type.
            st.markdown(
                _(
                    "**Open: {case}** · revision {revision}",
                    case=plain(case.scenario),
                    revision=case.revision,
                )
            )
        else:
            st.markdown("**" + _("No case of this client is open.") + "**")
            st.caption(
                _(
                    "The inputs on the other pages are this session's; save them as a scenario "
                    "of this client, or open a saved case below to replace them."
                )
            )
        st.text_input(_("Scenario name"), key=SCENARIO, max_chars=MAX_NAME)
        # The case's one notes field: the profile's, the one the brief quotes (the Assess page
        # shows the same).
        field_widget("notes", NOTES)
        if mine and case and state.current_profile().notes:
            st.checkbox(
                _(
                    "Save as new takes these notes along (they stay with {case} either way)",
                    case=case.scenario,
                ),
                key=KEEP_NOTES,
                value=False,
            )
        save_col, new_col = st.columns(2)
        # Disabled only where the role does not allow saving, with the line below saying so: a
        # greyed-out button with no word of why would do nothing and say nothing.
        save_col.button(
            p_("button", "Save"),
            key="cases.save",
            type="primary",
            disabled=not may_save,
            on_click=_save,
            args=(ws, client, False),
            help=_(
                "Update the open case (a new revision; its history keeps the old one); with no "
                "case of this client open, keep the inputs as its first scenario."
            ),
            icon=":material/save:",
        )
        new_col.button(
            _("Save as new"),
            key="cases.save_new",
            on_click=_save,
            args=(ws, client, True),
            help=_("Keep the inputs as a new scenario of this client."),
            icon=":material/add:",
            disabled=not may_save,
        )
        permissions.say_who_may(client, Action.SAVE_CASE)
        _outcome(SAVED, marker)
        if mine and case:
            _open_case_state(case)


def _open_case_state(case: cases.OpenCase) -> None:
    """Whether the session's inputs are the open case as saved, and their verdict."""
    changes = case_changes(case.saved, cases.session_document())
    if changes:
        st.caption(
            ":material/edit: "
            + _(
                "Unsaved changes: {changes}",
                changes=plain(", ".join(change.label for change in changes)),
            )
        )
    else:
        st.caption(":material/check: " + _("Saved: the inputs are the case as saved."))
    verdict_banner(state.current_assessment())


def _save(ws: Workspace, client: Client, as_new: bool) -> None:
    """Save the inputs: the open case's next revision, or a new scenario ("Save" with no case
    of this client open is its first save). A new scenario made from an open case leaves the
    notes behind unless asked to take them along."""
    case = cases.open_case()
    scope = (client.id, case.case_id if case and case.client_id == client.id else None)
    scenario = str(st.session_state.get(SCENARIO) or "").strip()
    leave_notes = (
        as_new
        and scope[1] is not None
        and bool(state.current_profile().notes)
        and not st.session_state.get(KEEP_NOTES)
    )
    try:
        summary = cases.save(
            ws, client, scenario, as_new=as_new or scope[1] is None, without_notes=leave_notes
        )
    except AdvisorError as error:
        st.session_state[SAVED] = Outcome(
            scope,
            "error",
            # Translators: {reason} is why, as the workspace says it.
            _(
                "Not saved: {reason}. Your inputs are unchanged.",
                reason=cases.error_text(error).rstrip("."),
            ),
        )
        return
    st.session_state[PICK_CASE] = summary.id
    st.session_state.pop(SCENARIO_FOR, None)
    st.session_state[SAVED] = Outcome(
        (client.id, summary.id),
        "success",
        # Translators: {verdict} is the verdict's label, {score} its score ("score 62").
        _(
            "Saved {case} for {client} (revision {revision}): {verdict} ({score}).",
            case=summary.scenario,
            client=client.name,
            revision=summary.revision,
            verdict=verdict_words(summary.verdict),
            score=present.saved_score_text(summary.verdict, summary.score),
        ),
        (
            _(
                "The notes stayed with {old}; {new} has none.",
                old=case.scenario,
                new=summary.scenario,
            ),
        )
        if leave_notes and case
        else (),
    )
    st.session_state.pop(KEEP_NOTES, None)
