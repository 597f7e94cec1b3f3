"""The Workshop page's links: adding respondents, every new link at once with its QR code,
"copy all" and a printable sheet; a new link for a lost one; revoking, asked first when the
respondent has answered, with what it does to the consensus; the quorum and anonymity; the
questionnaire's language, which every link carries as `?lang=` (a link may be given another).

Links exist only where they are made: the store keeps each token's hash, so the links made in
this session are shown until the consultant hides them and can never be shown again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from advisor.export.links_sheet import links_sheet, links_text, qr_png
from advisor.i18n import LANGUAGE_NAMES, LANGUAGES, N_, _, n_
from advisor.ui import cases, permissions
from advisor.ui.components import plain
from advisor.ui.language import LANG_PARAM
from advisor.workshop import MAX_QUORUM, ROLES, RevokeImpact, role_label
from advisor.workspace.model import Client, WorkspaceError
from advisor.workspace.roles import Action
from advisor.workspace.store import Workspace
from advisor.workspace.workshops import Workshop, WorkshopRespondent

NEW_LINKS = "wk.new_links"  # [(name, link)] made in this session: shown until hidden, never kept
CONFIRM = "wk.confirm_revoke"  # the respondent whose revoking waits for the consultant's yes
NOTICE = "wk.notice"  # shared with the Workshop page: a store's refusal, shown on the next run
NAMES = "wk.names"
ROLE = "wk.role"
PICK = "wk.pick"
QUORUM = "wk.quorum"
ANONYMOUS = "wk.anonymous"
LINK_LANGUAGE = "wk.link_language"  # another language for the new links ("": the workshop's)
QUESTIONNAIRE_LANGUAGE = "wk.questionnaire_language"  # the workshop's own ("": none stored)
NO_LANGUAGE = N_("Each respondent's browser language")
CARDS_PER_ROW = 3


def _made(made: list[tuple[str, str]]) -> None:
    st.session_state[NEW_LINKS] = [*st.session_state.get(NEW_LINKS, []), *made]


def parse_names(text: str, role: str) -> list[tuple[str, str]]:
    """ "Dana Lee, delivery" a line (the role optional, `role` otherwise) as (name, role)."""
    # A role is written as its code or as the role's label in the current language.
    named = {" ".join(role_label(code).casefold().split()): code for code in ROLES}
    people = []
    for line in text.splitlines():
        name, comma, given = line.rpartition(",")
        words = " ".join(given.strip().casefold().replace("-", " ").split())
        code = named.get(words, words.replace(" ", "_"))
        if comma and code in ROLES:
            people.append((name.strip(), code))
        elif line.strip():
            people.append((line.strip(), role))
    return people


def with_language(link: str, code: str) -> str:
    """The link with the questionnaire's language, `&lang=es`; unchanged when `code` is ""."""
    if code not in LANGUAGES:
        return link
    return f"{link}{'&' if '?' in link else '?'}{LANG_PARAM}={code}"


def _language_of_links(stored: str | None) -> str:
    """The language the new links carry: the one chosen for them, else the workshop's."""
    code = st.session_state.get(LINK_LANGUAGE) or ""
    if code in LANGUAGES:
        return str(code)
    return stored if stored in LANGUAGES else ""


def _language_name(code: str) -> str:
    return LANGUAGE_NAMES[code] if code in LANGUAGE_NAMES else _(NO_LANGUAGE)


def _save_language(ws: Workspace, case_id: int) -> None:
    code = st.session_state.get(QUESTIONNAIRE_LANGUAGE) or None
    try:
        ws.set_workshop_language(case_id, code)
    except WorkspaceError as error:
        st.session_state[NOTICE] = cases.error_text(error)


def questionnaire_language(ws: Workspace, client: Client, workshop: Workshop) -> None:
    """The workshop's questionnaire language: chosen by its owner and collaborators, shown to
    a viewer; a link without its own `?lang=` opens in it."""
    stored = workshop.language if workshop.language in LANGUAGES else ""
    if not permissions.allows(client, Action.SET_WORKSHOP_LANGUAGE):
        st.caption(_("Questionnaire language: {language}", language=_language_name(stored)))
        permissions.say_who_may(client, Action.SET_WORKSHOP_LANGUAGE)
        return
    st.session_state[QUESTIONNAIRE_LANGUAGE] = stored
    options = (*LANGUAGES, "") if not stored else LANGUAGES
    st.selectbox(
        _("Questionnaire language"),
        options=options,
        key=QUESTIONNAIRE_LANGUAGE,
        format_func=_language_name,
        help=_(
            "The language the respondents' questionnaire opens in: every new link carries it, "
            "and a link without a language of its own opens in it. A link's own language "
            "comes first, then this one, then the respondent's browser language."
        ),
        on_change=_save_language,
        args=(ws, workshop.case_id),
    )


def _add(ws: Workspace, case_id: int, link_for: Callable[[str], str], stored: str | None) -> None:
    people = parse_names(
        str(st.session_state.get(NAMES) or ""), st.session_state.get(ROLE, "other")
    )
    if not people:
        st.session_state[NOTICE] = _("Names: write one respondent's name a line, then add them.")
        return
    try:
        added = ws.add_respondents(case_id, people)
    except WorkspaceError as error:
        # Translators: {problem} is the store's refusal, ending without a full stop.
        st.session_state[NOTICE] = _(
            "{problem} (nobody was added)", problem=cases.error_text(error)
        )
        return
    code = _language_of_links(stored)
    _made([(respondent.name, with_language(link_for(token), code)) for respondent, token in added])
    st.session_state[NAMES] = ""


def add_form(
    ws: Workspace, case_id: int, link_for: Callable[[str], str], stored: str | None = None
) -> None:
    """Several respondents at once: one a line, "Name, role" or a name with the role below;
    their links carry the workshop's questionnaire language `stored` unless given another."""

    def link_language(code: str) -> str:
        if code:
            return _language_name(code)
        if stored in LANGUAGES:
            # Translators: {language} is the language's name in its own language, "Español".
            return _("The workshop's language ({language})", language=_language_name(stored))
        return _(NO_LANGUAGE)

    with st.container(border=True):
        st.text_area(
            _("Names, one a line"),
            key=NAMES,
            # Translators: an example of the names box; write each role after the comma as
            # its translated role label ("delivery", "founder"), which the box reads back.
            placeholder=_("Dana Lee, delivery\nRavi Kumar, founder\nTomás Vidal"),
            # Translators: {roles} lists the roles, "founder, sales, … and other".
            help=_(
                "Add a comma and a role after a name to give them their own role ({roles}); a "
                "name alone takes the role below. Everyone is added, or nobody is.",
                roles=", ".join(role_label(r) for r in ROLES),
            ),
        )
        role_column, language_column = st.columns(2)
        role_column.selectbox(
            _("Role of a name without one"),
            options=ROLES,
            index=ROLES.index("other"),
            key=ROLE,
            format_func=role_label,
        )
        language_column.selectbox(
            _("Language of these links"),
            options=("", *LANGUAGES),
            key=LINK_LANGUAGE,
            format_func=link_language,
            help=_(
                "The language the new links open the questionnaire in; a new link for a lost "
                "one takes it too. Each respondent can be sent a link in their own language."
            ),
        )
        st.button(
            _("Add respondents"),
            key="wk.add",
            type="primary",
            on_click=_add,
            args=(ws, case_id, link_for, stored),
        )


def new_links(title: str, client_id: int, case_id: int) -> None:
    """Every link made in this session at once: a card each with its QR code, copy all, PDF."""
    made: list[tuple[str, str]] = st.session_state.get(NEW_LINKS) or []
    if not made:
        return
    count = len(made)
    st.info(
        n_(
            "{count} new link. Hand each person their own now: they are shown only until you hide "
            "them (only a fingerprint of each is kept), and a lost link is replaced with a new "
            "one below.",
            "{count} new links. Hand each person their own now: they are shown only until you "
            "hide them (only a fingerprint of each is kept), and a lost link is replaced with a "
            "new one below.",
            count,
        ),
        icon=":material/link:",
    )
    for start in range(0, count, CARDS_PER_ROW):
        columns = st.columns(CARDS_PER_ROW)
        for column, (name, link) in zip(columns, made[start : start + CARDS_PER_ROW], strict=False):
            with column.container(border=True):
                st.markdown(f"**{plain(name)}**")
                st.image(
                    qr_png(link),
                    width=180,
                    caption=_("QR code of {name}'s link", name=name),
                    output_format="PNG",  # a lossy JPEG would blur the modules
                )
                st.code(link, language=None, wrap_lines=True)
    st.caption(_("Copy all: every name and link, one a line."))
    st.code(links_text(made), language=None, wrap_lines=True)
    left, right = st.columns(2)
    left.download_button(
        _("Printable sheet (PDF)"),
        data=cases.recorded_download(
            lambda: links_sheet(title, made), "workshop-links.pdf", client_id, case_id
        ),
        file_name="workshop-links.pdf",
        mime="application/pdf",
        key="wk.sheet",
        on_click="ignore",
        icon=":material/print:",
    )
    right.button(
        _("Done, hide the links"), key="wk.hide", on_click=st.session_state.pop, args=(NEW_LINKS,)
    )


def _answered(respondent: WorkshopRespondent) -> bool:
    return respondent.last_saved_at is not None


def _revoke(ws: Workspace, case_id: int, respondent_id: int) -> None:
    st.session_state.pop(CONFIRM, None)
    try:
        ws.revoke_respondent(case_id, respondent_id)
    except WorkspaceError as error:
        st.session_state[NOTICE] = cases.error_text(error)


def _ask_or_revoke(
    ws: Workspace, workshop: Workshop, respondent: WorkshopRespondent | None
) -> None:
    """Revoke at once when they have not answered; otherwise ask first."""
    if respondent is None:
        return
    if _answered(respondent):
        st.session_state[CONFIRM] = respondent.id
    else:
        _revoke(ws, workshop.case_id, respondent.id)


def _replace(
    ws: Workspace,
    case_id: int,
    respondent_id: int,
    link_for: Callable[[str], str],
    stored: str | None,
) -> None:
    try:
        respondent, token = ws.replace_link(case_id, respondent_id)
    except WorkspaceError as error:
        st.session_state[NOTICE] = cases.error_text(error)
        return
    _made([(respondent.name, with_language(link_for(token), _language_of_links(stored)))])


def manage_links(
    ws: Workspace,
    workshop: Workshop,
    impact: Callable[[str], RevokeImpact],
    link_for: Callable[[str], str],
) -> None:
    """One respondent's link: revoke it (asked first when they answered) or give a new one."""
    people = {r.id: r for r in workshop.respondents}
    chosen = st.selectbox(
        _("A respondent's link"),
        options=list(people),
        format_func=lambda rid: people[rid].name,
        index=None,
        key=PICK,
        placeholder=_("Choose a respondent"),
    )
    person = people.get(chosen) if chosen is not None else None
    active = person is not None and not person.revoked
    if st.session_state.get(CONFIRM) not in (None, chosen) or not active:
        st.session_state.pop(CONFIRM, None)
    if person is not None and st.session_state.get(CONFIRM) == person.id:
        _confirm(ws, workshop, person, impact(person.name))
        return
    revoke, renew = st.columns(2)
    revoke.button(
        _("Revoke the link"),
        key="wk.revoke",
        disabled=not active,
        on_click=_ask_or_revoke,
        args=(ws, workshop, person),
        help=_(
            "Their link stops working and their answers are left out of the results; if they "
            "have answered you are told what that does to the consensus first."
        ),
    )
    renew.button(
        _("Give a new link"),
        key="wk.renew",
        disabled=person is None or not workshop.open,
        on_click=_replace,
        args=(ws, workshop.case_id, chosen, link_for, workshop.language),
        help=_(
            "For a lost or leaked link: the old one stops working, their answers are kept "
            "(and count again if they were revoked)."
        ),
    )


def _confirm(
    ws: Workspace, workshop: Workshop, person: WorkshopRespondent, impact: RevokeImpact
) -> None:
    with st.container(border=True):
        st.warning(
            # Translators: {impact} is what revoking does to the results, a whole sentence.
            _(
                "{impact} Revoke {name}'s link?",
                impact=plain(impact.text),
                name=plain(person.name),
            ),
            icon=":material/warning:",
        )
        yes, no = st.columns(2)
        yes.button(
            _("Yes, revoke the link"),
            key="wk.revoke_yes",
            type="primary",
            on_click=_revoke,
            args=(ws, workshop.case_id, person.id),
        )
        no.button(_("Cancel"), key="wk.revoke_no", on_click=st.session_state.pop, args=(CONFIRM,))


def _save_settings(ws: Workspace, case_id: int, **settings: Any) -> None:
    try:
        ws.set_workshop_settings(case_id, **settings)
    except WorkspaceError as error:
        st.session_state[NOTICE] = cases.error_text(error)


def settings(ws: Workspace, workshop: Workshop) -> None:
    """The quorum the consensus verdict waits for, and whether the room view names anyone."""
    st.session_state[QUORUM] = workshop.quorum
    st.session_state[ANONYMOUS] = workshop.anonymous
    left, right = st.columns(2)
    left.number_input(
        _("Quorum: respondents who must have answered"),
        min_value=1,
        max_value=MAX_QUORUM,
        step=1,
        key=QUORUM,
        help=_(
            "The consensus verdict shows once this many respondents have answered at least "
            "one question; until then every result says it is waiting."
        ),
        on_change=lambda: _save_settings(
            ws, workshop.case_id, quorum=int(st.session_state[QUORUM])
        ),
    )
    right.toggle(
        _("Anonymous in the room"),
        key=ANONYMOUS,
        help=_("The room view names nobody; you still see who answered what on this page."),
        on_change=lambda: _save_settings(
            ws, workshop.case_id, anonymous=bool(st.session_state[ANONYMOUS])
        ),
    )
