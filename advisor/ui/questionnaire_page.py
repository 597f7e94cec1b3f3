"""A respondent's questionnaire, opened by their personal link `?workshop=TOKEN`.

The link opens this page and nothing else: no navigation, no sidebar, no other respondent's
answers, no results. Every answer is saved the moment it changes, so a closed tab loses nothing,
and every save checks the link again, so a link revoked or closed mid-way saves nothing more. A
link that is changed, revoked or belongs to a closed workshop gets one plain page that says it
is not valid, whatever the reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import streamlit as st

from advisor import wording
from advisor.profile import parse_profile
from advisor.ui import cases
from advisor.ui.components import data_table, plain
from advisor.workshop import QUESTIONS, Question, case_facts, role_label
from advisor.workspace.model import INVALID_LINK, WorkspaceError

if TYPE_CHECKING:  # the store's module brings SQLAlchemy, which the app's first page never needs
    from advisor.workspace.workshops import Questionnaire

LINK_PARAMETER = "workshop"
DONT_KNOW_OPTION = "__dont_know__"
SAVED = "wq.saved"  # the outcome of the last save: (field, message or "")


def requested() -> bool:
    """Whether the address is a respondent's link (it then opens this page only)."""
    return LINK_PARAMETER in st.query_params


def render() -> None:
    token = st.query_params.get(LINK_PARAMETER, "")
    try:
        opened = cases.link_workspace().questionnaire(token)
    except WorkspaceError:
        _not_valid()
        return
    st.title("Workshop questionnaire")
    st.markdown(
        f"You are answering as **{plain(opened.name)}** ({plain(role_label(opened.role.value))}). "
        "Each answer is saved as soon as you give it; you can close this page at any time and "
        "come back to it through the same link."
    )
    profile = parse_profile(opened.profile)
    st.subheader(f"The case: {plain(profile.company)}")
    st.caption("These figures come from the case and are not asked.")
    data_table(
        [{"Fact": label, "Value": value} for label, value in case_facts(profile)],
        hide_index=True,
    )
    outcome = st.session_state.get(SAVED)
    for question in QUESTIONS:
        _question(token, opened, question, outcome)


def _not_valid() -> None:
    st.title(INVALID_LINK[:1].upper() + INVALID_LINK[1:])
    st.write(
        "Ask the person who sent it to you for a new link. Nothing can be seen or answered "
        "through this one."
    )


def _key(opened: Questionnaire, question: Question, part: str) -> str:
    return f"wq.{opened.respondent_id}.{question.field}.{part}"


def choices_of(question: Question) -> tuple[Any, ...]:
    """The answers a question offers besides "don't know": a yes/no question's are yes and no."""
    return (True, False) if question.kind == "yes_no" else question.choices


def _option_text(option: Any) -> str:
    if option == DONT_KNOW_OPTION:
        return "Don't know"
    if isinstance(option, bool):
        return "Yes" if option else "No"
    return wording.choice_label(str(option))


def _seed(opened: Questionnaire, question: Question) -> None:
    """Fill the widgets from the saved answers once per session (a new tab sees them too)."""
    answer = opened.answers.get(question.field)
    value_key, comment_key = _key(opened, question, "value"), _key(opened, question, "comment")
    if value_key in st.session_state:
        return
    if question.kind == "count":
        st.session_state[value_key] = None if answer is None else answer.value
        st.session_state[_key(opened, question, "unknown")] = (
            answer is not None and not answer.known
        )
    elif answer is None:
        st.session_state[value_key] = None
    else:
        st.session_state[value_key] = answer.value if answer.known else DONT_KNOW_OPTION
    st.session_state[comment_key] = "" if answer is None else answer.comment


def _question(token: str, opened: Questionnaire, question: Question, outcome: Any) -> None:
    _seed(opened, question)
    value_key = _key(opened, question, "value")
    with st.container(border=True):
        args = (token, opened, question)
        if question.kind == "count":
            unknown = st.checkbox(
                "Don't know", key=_key(opened, question, "unknown"), on_change=_save, args=args
            )
            st.number_input(
                question.label + (f" ({question.unit})" if question.unit else ""),
                key=value_key,
                min_value=0,
                max_value=3650,
                step=1,
                help=question.help,
                disabled=unknown,
                on_change=_save,
                args=args,
            )
        else:
            st.radio(
                question.label,
                options=[*choices_of(question), DONT_KNOW_OPTION],
                format_func=_option_text,
                key=value_key,
                help=question.help,
                horizontal=True,
                on_change=_save,
                args=args,
            )
        st.text_input(
            "Comment (optional)",
            key=_key(opened, question, "comment"),
            max_chars=2000,
            on_change=_save,
            args=args,
        )
        if isinstance(outcome, tuple) and outcome[0] == question.field:
            if outcome[1]:
                st.error(plain(outcome[1]), icon=":material/error:")
            else:
                st.caption("Saved.")


def _value(opened: Questionnaire, question: Question) -> Any:
    raw = st.session_state.get(_key(opened, question, "value"))
    if question.kind == "count":
        if st.session_state.get(_key(opened, question, "unknown")) or raw is None:
            return None
        return int(raw)
    return None if raw in (None, DONT_KNOW_OPTION) else raw


def _save(token: str, opened: Questionnaire, question: Question) -> None:
    comment = st.session_state.get(_key(opened, question, "comment"), "")
    try:
        cases.link_workspace().save_answer(token, question.field, _value(opened, question), comment)
    except WorkspaceError as error:
        st.session_state[SAVED] = (question.field, cases.error_text(error, respondent=True))
    else:
        st.session_state[SAVED] = (question.field, "")
