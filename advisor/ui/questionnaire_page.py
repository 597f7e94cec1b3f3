"""A respondent's questionnaire, opened by their personal link `?workshop=TOKEN`.

The link opens this page and nothing else: no navigation, no sidebar, no other respondent's
answers, no results. Each question is asked in words ("Is there upsell in your accounts that
nobody works?") in a card of its own, a fragment: an answer or a comment is saved the moment it
changes and redraws that card only, so a tap on a phone does not wait for the whole page; a
closed tab loses nothing. Every save checks the link again, so a link revoked or closed mid-way
saves nothing more. "I'm done" ends with a thank-you; the link still opens the answers later. A
link that is changed, revoked or belongs to a closed workshop gets one plain page that says it
is not valid, whatever the reason. The page speaks the link's `?lang=`, else the workshop's
questionnaire language, else the browser's (`language.prefer`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import streamlit as st

from advisor import wording
from advisor.i18n import _, n_, p_
from advisor.profile import parse_profile
from advisor.ui import cases, language
from advisor.ui.components import data_table, plain
from advisor.workshop import QUESTIONS, Question, case_facts, role_label
from advisor.workspace.model import WorkspaceError

if TYPE_CHECKING:  # the store's module brings SQLAlchemy, which the app's first page never needs
    from advisor.workspace.workshops import Questionnaire

LINK_PARAMETER = "workshop"
DONT_KNOW_OPTION = "__dont_know__"
SAVED = "wq.saved"  # the outcome of the last save: (field, message or "")
DONE = "wq.done_by"  # the respondent who pressed "I'm done": the thank-you shows instead
PROGRESS_EVERY_S = 2  # how often the progress count follows the saves made in each card


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
    language.prefer(opened.language)
    if st.session_state.get(DONE) == opened.respondent_id:
        _thanks(opened)
        return
    st.title(_("Workshop questionnaire"))
    st.markdown(
        # Translators: {name} is the respondent's name (kept in bold), {role} their role.
        _(
            "You are answering as **{name}** ({role}). Each answer is saved as soon as you give "
            "it; you can close this page at any time and come back to it through the same link.",
            name=plain(opened.name),
            role=plain(role_label(opened.role.value)),
        )
    )
    st.caption(
        _(
            "The consultant sees your answers with your name; the room's screen shows them "
            "without names."
        )
        if opened.anonymous
        else _(
            "The consultant sees your answers with your name, and the room's screen may name "
            "you next to an answer that decides the verdict."
        )
    )
    profile = parse_profile(opened.profile)
    st.subheader(_("The case: {company}", company=plain(profile.company)))
    st.caption(_("These figures come from the case and are not asked."))
    fact, value_column = p_("column", "Fact"), p_("column", "Value")
    data_table(
        [{fact: label, value_column: value} for label, value in case_facts(profile)],
        hide_index=True,
    )
    _seed_saved(opened)
    _progress(opened)
    for number, question in enumerate(QUESTIONS, 1):
        _question(token, opened, question, number)
    st.button(
        _("I'm done"),
        key="wq.done",
        type="primary",
        width="stretch",
        on_click=st.session_state.__setitem__,
        args=(DONE, opened.respondent_id),
    )


def _saved_key(opened: Questionnaire) -> str:
    return f"wq.{opened.respondent_id}.answered"


def _seed_saved(opened: Questionnaire) -> None:
    """The questions this respondent has an answer saved for, "don't know" included."""
    st.session_state[_saved_key(opened)] = set(opened.answers)


@st.fragment(run_every=PROGRESS_EVERY_S)
def _progress(opened: Questionnaire) -> None:
    """How many questions are answered; a fragment of its own, so it follows each save."""
    if st.session_state.get(DONE) == opened.respondent_id:
        return  # the thank-you shows instead: a timed rerun draws nothing over it
    answered = len(st.session_state.get(_saved_key(opened), ()))
    total = len(QUESTIONS)
    text = n_(
        "{answered} of {count} question answered",
        "{answered} of {count} questions answered",
        total,
        answered=answered,
    )
    st.progress(answered / total, text=text)


def _thanks(opened: Questionnaire) -> None:
    answered = [q for q in QUESTIONS if q.field in opened.answers]
    st.title(_("Thank you, {name}", name=plain(opened.name)))
    st.write(
        n_(
            "Your answers are saved: {answered} of {count} question answered. The consultant "
            "will go through them with the team.",
            "Your answers are saved: {answered} of {count} questions answered. The consultant "
            "will go through them with the team.",
            len(QUESTIONS),
            answered=len(answered),
        )
    )
    missing = [q for q in QUESTIONS if q.field not in opened.answers]
    if missing:
        st.caption(
            # Translators: {questions} are the questions not answered, each ending in "?".
            _(
                "Not answered: {questions} You can still answer them.",
                questions="; ".join(plain(q.asked) for q in missing),
            )
        )
    st.write(_("You can change any answer through the same link until the workshop closes."))
    st.button(_("Change my answers"), key="wq.back", on_click=st.session_state.pop, args=(DONE,))


def _not_valid() -> None:
    st.title(_("This link is not valid"))
    st.write(
        _(
            "Ask the person who sent it to you for a new link. Nothing can be seen or answered "
            "through this one."
        )
    )


def _key(opened: Questionnaire, question: Question, part: str) -> str:
    return f"wq.{opened.respondent_id}.{question.field}.{part}"


def choices_of(question: Question) -> tuple[Any, ...]:
    """The answers a question offers besides "don't know": a yes/no question's are yes and no."""
    return (True, False) if question.kind == "yes_no" else question.choices


def _option_text(option: Any) -> str:
    if option == DONT_KNOW_OPTION:
        return _("Don't know")
    if isinstance(option, bool):
        return p_("answer", "Yes") if option else p_("answer", "No")
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


@st.fragment
def _question(token: str, opened: Questionnaire, question: Question, number: int) -> None:
    """One question in a card of its own: a change saves and redraws this card only."""
    _seed(opened, question)
    value_key = _key(opened, question, "value")
    unknown_key = _key(opened, question, "unknown")
    args = (token, opened, question)
    with st.container(border=True, key=f"wq-card-{question.field}"):
        st.caption(_("Question {number} of {total}", number=number, total=len(QUESTIONS)))
        if question.kind == "count":
            st.number_input(
                # Translators: a question and its unit, "How many days …? (days)".
                _("{question} ({unit})", question=question.asked, unit=question.unit)
                if question.unit
                else question.asked,
                key=value_key,
                min_value=0,
                max_value=3650,
                step=1,
                help=wording.field_help(question.field),
                disabled=bool(st.session_state.get(unknown_key)),
                on_change=_save,
                args=args,
            )
            st.checkbox(_("Don't know"), key=unknown_key, on_change=_save, args=args)
        else:
            st.radio(
                question.asked,
                options=[*choices_of(question), DONT_KNOW_OPTION],
                format_func=_option_text,
                key=value_key,
                help=wording.field_help(question.field),
                on_change=_save,
                args=args,
            )
        st.text_area(
            _("Comment (optional)"),
            key=_key(opened, question, "comment"),
            max_chars=2000,
            height=88,
            on_change=_save,
            args=args,
        )
        outcome = st.session_state.get(SAVED)
        if isinstance(outcome, tuple) and outcome[0] == question.field and outcome[1]:
            st.error(plain(outcome[1]), icon=":material/error:")
        elif question.field in st.session_state.get(_saved_key(opened), ()):
            st.caption(_("Saved."))
        else:
            st.caption(_("Not answered yet."))


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
        st.session_state.setdefault(_saved_key(opened), set()).add(question.field)
