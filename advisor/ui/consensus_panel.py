"""The Workshop page's "Save the consensus as a scenario": the team's consensus kept as a case.

The new case is a case of the workshop's client like any other (History, Compare and
`advisor history` show it; its brief, on the Role page or `advisor brief --client --scenario`,
ends with where the team disagreed), saved through `workspace.consensus.save_consensus`, the
one path the CLI's documents take too. Saving is the owner's and collaborators'
(`permissions`); the outcome stays under the button while the page shows the same case.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from advisor import present
from advisor.compare import MAX_NAME
from advisor.i18n import N_, _
from advisor.problems import AdvisorError
from advisor.ui import cases, permissions, state
from advisor.ui.components import plain
from advisor.workspace.consensus import save_consensus
from advisor.workspace.model import Client
from advisor.workspace.roles import Action
from advisor.workspace.session import verdict_words
from advisor.workspace.store import Workspace

NAME = "wk.consensus_name"
OUTCOME = "wk.consensus_saved"  # Saved: the last save's outcome, for the case it was made on
DEFAULT_NAME = N_("team consensus")


@dataclass(frozen=True)
class Saved:
    case_id: int  # the workshop's case
    ok: bool
    text: str


def save_panel(ws: Workspace, client: Client, case: cases.OpenCase) -> None:
    """The name box, the button and what the last click did."""
    st.subheader(_("Save the consensus as a scenario"))
    st.caption(
        # Translators: {client} is the client's name, {scenario} the workshop case's name.
        _(
            "A new case of {client}: the case's facts with the team's consensus answers, its "
            "role edits and rule pack, and this workshop's answers. It shows in History and "
            "Compare, and its brief ends with where the team disagreed. The notes of {scenario} "
            "stay with it.",
            client=plain(client.name),
            scenario=plain(case.scenario),
        )
    )
    allowed = permissions.allows(client, Action.SAVE_CASE)
    st.session_state.setdefault(NAME, _(DEFAULT_NAME))
    name_col, button_col = st.columns([3, 1], vertical_alignment="bottom")
    name_col.text_input(_("Scenario name"), key=NAME, max_chars=MAX_NAME)
    button_col.button(
        _("Save the consensus"),
        key="wk.save_consensus",
        type="primary",
        on_click=_save,
        args=(ws, client, case.case_id),
        disabled=not allowed,
        icon=":material/save:",
    )
    permissions.say_who_may(client, Action.SAVE_CASE)
    outcome = st.session_state.get(OUTCOME)
    if isinstance(outcome, Saved) and outcome.case_id == case.case_id:
        if outcome.ok:
            st.success(plain(outcome.text), icon=":material/task_alt:")
        else:
            st.error(plain(outcome.text), icon=":material/error:")


def _save(ws: Workspace, client: Client, case_id: int) -> None:
    scenario = str(st.session_state.get(NAME) or "").strip()
    try:
        summary = save_consensus(ws, case_id, scenario, as_of=state.as_of())
    except AdvisorError as error:
        # Translators: {problem} is why the store refused, without its full stop.
        text = _(
            "Not saved: {problem}. Nothing was changed.",
            problem=cases.error_text(error).rstrip("."),
        )
        st.session_state[OUTCOME] = Saved(case_id, False, text)
        return
    st.session_state[OUTCOME] = Saved(
        case_id,
        True,
        # Translators: {verdict} is the saved case's verdict, {score} its score ("55/100").
        _(
            "Saved {scenario} for {client}: {verdict} ({score}). Open it on the Cases page; "
            "History and Compare show it now.",
            scenario=summary.scenario,
            client=client.name,
            verdict=verdict_words(summary.verdict),
            score=present.saved_score_text(summary.verdict, summary.score),
        ),
    )
