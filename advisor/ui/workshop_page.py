"""The Workshop page: a workshop on the open saved case, its respondents and its results.

The client's owner runs the workshop: starts it with its links' lifetime in days and its
questionnaire's language (the session's by default; its collaborators may change it later), adds
respondents several at a time and sets the quorum and anonymity (`workshop_links`: every new
link at once with its QR code, copy all and a printable sheet; only each token's hash is kept),
revokes links (asked first when the respondent has answered) or gives new ones, extends the
links, closes the workshop and opens it again (with a new expiry). A collaborator
also sets any question's consensus; everyone who sees the client sees the results. The results
are the core's `workshop.compare` on the case as saved and on its stored rule pack; the room
view for a projector and the readout downloads are `workshop_room`'s.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from advisor import i18n, wording
from advisor.branding import Branding
from advisor.brief import method_appendix, prepare_brief
from advisor.export import (
    FORMAT_NAMES,
    FORMATS,
    MEDIA_TYPES,
    export_brief,
    file_name,
)
from advisor.i18n import LANGUAGE_NAMES, LANGUAGES, _, p_
from advisor.pack import RulePack
from advisor.profile import CompanyProfile, parse_profile
from advisor.ui import cases, permissions, state, workshop_links, workshop_room
from advisor.ui.components import (
    browser_zone,
    data_table,
    lines_needed,
    plain,
    verdict_banner,
    wrapped,
    zone_words,
)
from advisor.ui.consensus_panel import save_panel
from advisor.ui.questionnaire_page import choices_of
from advisor.wording import local_minute
from advisor.workshop import (
    QUESTIONS,
    TOGETHER_NOTE,
    Question,
    QuestionResult,
    Respondent,
    RevokeImpact,
    WorkshopResult,
    answer_text,
    compare,
    consensus_text,
    flip_text,
    revoke_impact,
    role_label,
)
from advisor.workshop.tables import grid_rows, question_column, respondent_rows, state_column
from advisor.workspace.model import Client, WorkspaceError
from advisor.workspace.roles import Action
from advisor.workspace.store import Workspace
from advisor.workspace.workshops import LINK_DAYS, MAX_LINK_DAYS, Workshop

NOTICE = workshop_links.NOTICE
DAYS = "wk.days"  # how many days the links work from now, when opening or extending
START_LANGUAGE = "wk.start_language"  # the questionnaire's language a new workshop starts with
AUTO = "__auto__"
PAGE_PATH = "workshop"  # the url_path app.py gives this page
LEAD_DAYS = (0, 30, 45, 60, 90, 120, 180)  # offered for a count's consensus besides the answers


def link_for(token: str) -> str:
    """The respondent's link: this app's address (without this page's path) and the token."""
    here = (st.context.url or "").split("?", 1)[0].split("#", 1)[0].rstrip("/")
    if here.endswith("/" + PAGE_PATH):
        here = here[: -len(PAGE_PATH) - 1]
    return f"{here}/?workshop={token}" if here else f"?workshop={token}"


def render() -> None:
    heading = st.empty()
    heading.title(_("Workshop"))
    ws = cases.workspace_or_notice()
    if ws is None:
        return
    opened = cases.open_case()
    if opened is None:
        st.info(
            _(
                "Open a saved case on the Cases page first: a workshop asks the team the "
                "judgement questions of one saved case."
            ),
            icon=":material/folder_open:",
        )
        return
    try:
        client = ws.client(opened.client_id)
        workshop = ws.workshop(opened.case_id)
        if workshop is None:
            _not_started(ws, client, opened.case_id, opened.scenario)
            return
        case = ws.open_case(opened.case_id)
        base = parse_profile(case.document.profile)
        pack = ws.case_pack(opened.case_id)
        respondents = ws.workshop_answers(opened.case_id)
        result = (
            compare(
                base,
                respondents,
                pack,
                workshop.overrides,
                quorum=workshop.quorum,
                anonymous=workshop.anonymous,
            )
            if respondents
            else None
        )
    except WorkspaceError as error:
        st.error(plain(cases.error_text(error)), icon=":material/database:")
        return
    if result is not None and workshop_room.entered():
        heading.empty()  # the room view is the whole window, the page's title included
        workshop_room.render(
            lambda: _room_results(ws, opened.case_id, base, pack), anonymous=workshop.anonymous
        )
        st.stop()  # the room is the whole window: no sidebar summary is drawn after it
    st.caption(f"{plain(opened.client_name)} › {plain(opened.scenario)}")  # data only
    if result is not None:
        workshop_room.enter_button()
    _notice()
    _status(ws, client, workshop)
    _respondents(ws, client, workshop, _impact(base, pack, respondents, workshop))
    if result is None:
        st.info(_("The results appear here once a respondent has been added."))
        return
    _results(ws, client, workshop, result)
    if not result.quorum_met:
        st.caption(
            _(
                "The brief and the readout on the team's consensus, and saving it as a scenario, "
                "come here once the quorum has answered."
            )
        )
        return
    save_panel(ws, client, opened)
    _downloads(base, pack, result, case.document.role_edits, opened)
    workshop_room.readout_downloads(result, pack, case.document.role_edits, opened)


def _notice() -> None:
    message = st.session_state.pop(NOTICE, None)
    if message:
        st.error(plain(str(message)), icon=":material/error:")


def _act(action: Any, *args: Any) -> None:
    """Run a store call from a button; its refusal is shown at the top of the next run."""
    try:
        action(*args)
    except WorkspaceError as error:
        st.session_state[NOTICE] = cases.error_text(error)


def _with_days(action: Any, case_id: int) -> None:
    """Open, reopen or extend with the days in the box: the links work that long from now."""
    _act(action, case_id, int(st.session_state.get(DAYS) or LINK_DAYS))


def _days_input() -> None:
    st.session_state.setdefault(DAYS, LINK_DAYS)
    st.number_input(
        _("Links work for (days from now)"),
        min_value=1,
        max_value=MAX_LINK_DAYS,
        step=1,
        key=DAYS,
        help=_(
            "1 to {most} days. After that no respondent's link opens until you extend them; "
            "closing the workshop ends them at once.",
            most=MAX_LINK_DAYS,
        ),
    )


def _start(ws: Workspace, case_id: int) -> None:
    """Start the workshop with the days in the box and the questionnaire's language chosen."""
    code = st.session_state.get(START_LANGUAGE)
    days = int(st.session_state.get(DAYS) or LINK_DAYS)
    _act(ws.start_workshop, case_id, days, code if code in LANGUAGES else None)


def _start_language_input() -> None:
    """The questionnaire's language, the session's by default."""
    current = i18n.current()
    st.selectbox(
        _("Questionnaire language"),
        options=LANGUAGES,
        index=LANGUAGES.index(current) if current in LANGUAGES else 0,
        key=START_LANGUAGE,
        format_func=LANGUAGE_NAMES.__getitem__,
        help=_(
            "The language the respondents' questionnaire opens in; a link may carry another. "
            "You can change it later."
        ),
    )


def _not_started(ws: Workspace, client: Client, case_id: int, scenario: str) -> None:
    st.write(
        # Translators: {scenario} is the saved case's name.
        _(
            "No workshop on {scenario} yet. Start one, add the people whose judgement you want, "
            "and send each their own link: they answer the judgement questions, and this page "
            "shows where they disagree and which disagreements decide the verdict.",
            scenario=plain(scenario),
        )
    )
    if not permissions.say_who_may(client, Action.RUN_WORKSHOP):
        return
    _days_input()
    _start_language_input()
    st.button(
        _("Start a workshop"),
        key="wk.start",
        type="primary",
        on_click=_start,
        args=(ws, case_id),
    )


def link_state(workshop: Workshop) -> str:
    """What a respondent's link does now, in a word: works, expired or closed."""
    if not workshop.open:
        return p_("link", "closed")
    return p_("link", "expired") if workshop.expired else p_("link", "works")


def _status(ws: Workspace, client: Client, workshop: Workshop) -> None:
    zone, zone_name = browser_zone()
    # Translators: a date and time and the time zone it is in, "2026-12-28 17:00 (Europe/Madrid)".
    until = _(
        "{moment} ({zone})",
        moment=local_minute(workshop.expires_at, zone),
        zone=zone_words(zone_name),
    )
    runs = permissions.allows(client, Action.RUN_WORKSHOP)
    if workshop.open and not workshop.expired:
        st.success(
            _("The workshop is open: respondents' links work until {until}.", until=until),
            icon=":material/lock_open:",
        )
    elif workshop.open:
        st.warning(
            _(
                "The respondents' links expired on {until}: the workshop is open, but no link "
                "opens until you extend them.",
                until=until,
            )
            if runs
            else _(
                "The respondents' links expired on {until}: the workshop is open, but no link "
                "opens until its owner extends them.",
                until=until,
            ),
            icon=":material/timer_off:",
        )
    else:
        st.warning(
            _(
                "The workshop is closed: respondents' links no longer work. Opening it again "
                "gives them a new expiry."
            ),
            icon=":material/lock:",
        )
    if not permissions.say_who_may(client, Action.RUN_WORKSHOP):
        return
    _days_input()
    if not workshop.open:
        st.button(
            _("Open it again"),
            key="wk.reopen",
            on_click=_with_days,
            args=(ws.start_workshop, workshop.case_id),
            help=_("The links work again (revoked ones excepted) for the days above."),
        )
        return
    extend_col, close_col = st.columns(2)
    extend_col.button(
        _("Extend links"),
        key="wk.extend",
        type="primary" if workshop.expired else "secondary",
        on_click=_with_days,
        args=(ws.start_workshop, workshop.case_id),
        help=_("Every respondent's link works for the days above, counted from now."),
    )
    close_col.button(
        _("Close the workshop"),
        key="wk.close",
        on_click=_act,
        args=(ws.close_workshop, workshop.case_id),
        help=_("Every respondent's link stops working; the answers and results stay."),
    )


def _impact(
    base: CompanyProfile, pack: RulePack, respondents: list[Respondent], workshop: Workshop
) -> Callable[[str], RevokeImpact]:
    """What revoking one respondent does to the consensus, computed when it is asked."""

    def impact(name: str) -> RevokeImpact:
        return revoke_impact(
            base, respondents, pack, name, workshop.overrides, quorum=workshop.quorum
        )

    return impact


def _respondents(
    ws: Workspace, client: Client, workshop: Workshop, impact: Callable[[str], RevokeImpact]
) -> None:
    st.subheader(_("Respondents"))
    runs = permissions.allows(client, Action.RUN_WORKSHOP)
    if runs:
        title = _("Workshop links: {client}", client=client.name)
        workshop_links.new_links(title, client.id, workshop.case_id)
    if workshop.respondents:
        zone, _zone_name = browser_zone()
        data_table(
            pd.DataFrame(
                [
                    {
                        p_("column", "Respondent"): r.name,
                        p_("column", "Role"): role_label(r.role.value),
                        p_("column", "Answered"): _(
                            "{answered} of {total}", answered=r.answered, total=len(QUESTIONS)
                        ),
                        p_("column", "Last saved"): local_minute(r.last_saved_at, zone)
                        or _("not yet"),
                        p_("column", "Link"): p_("link", "revoked")
                        if r.revoked
                        else link_state(workshop),
                    }
                    for r in workshop.respondents
                ]
            ),
            hide_index=True,
            width="stretch",
        )
    workshop_links.questionnaire_language(ws, client, workshop)
    if not runs:
        return  # who may is said under the workshop's status
    workshop_links.settings(ws, workshop)
    if workshop.open:
        workshop_links.add_form(ws, workshop.case_id, link_for, workshop.language)
    if workshop.respondents:
        workshop_links.manage_links(ws, workshop, impact, link_for)


def _results(ws: Workspace, client: Client, workshop: Workshop, result: WorkshopResult) -> None:
    st.subheader(_("Each respondent's verdict"))
    st.caption(
        _("Their answers laid over the case's facts; \"don't know\" keeps the case's answer.")
    )
    data_table(pd.DataFrame(respondent_rows(result)), hide_index=True, width="stretch")
    st.subheader(_("Answers by question"))
    _grid(grid_rows(result))
    if not result.quorum_met:
        quorum = plain(result.quorum_text())
        st.info(
            # Translators: {quorum} is "2 of 9 respondents have answered; the consensus …".
            _(
                "Waiting for answers: {quorum}. The decisive disagreements and the consensus "
                "verdict show then; lower the quorum above to see them sooner.",
                quorum=quorum,
            )
            if permissions.allows(client, Action.RUN_WORKSHOP)
            else _(
                "Waiting for answers: {quorum}. The decisive disagreements and the consensus "
                "verdict show then; the workshop's owner sets the quorum.",
                quorum=quorum,
            ),
            icon=":material/hourglass_top:",
        )
    else:
        _decisive(result)
    st.subheader(_("Consensus"))
    st.caption(
        _(
            "Pre-filled with the most common answer (a tie is taken as the more cautious "
            "answer); set any question yourself."
        )
    )
    sets = permissions.say_who_may(client, Action.SET_CONSENSUS)
    for question, outcome in zip(QUESTIONS, result.questions, strict=True):
        _consensus_choice(ws, workshop, question, outcome, disabled=not sets)
    if result.quorum_met:
        st.subheader(_("The consensus verdict"))
        # Translators: {quorum} is "2 of 3 respondents have answered (the quorum is 2)".
        st.caption(_("{quorum}.", quorum=plain(wording.capitalised(result.quorum_text()))))
        verdict_banner(result.consensus)


# The grid's columns, in pixels: the answers (with comments) and the consensus share what the
# main column holds beside the question and its state, and wrap inside their width.
GRID_WIDTHS = {"question": 180, "state": 130}  # by the columns' roles, named per language
GRID_ROOM = 900  # the main column at 1400 px wide with the sidebar open
LEAST_ANSWER_WIDTH = 140


def _grid(rows: list[dict[str, Any]]) -> None:
    """The questions × respondents grid, each long comment and consensus wrapped whole."""
    names = list(rows[0]) if rows else []
    answers = max(1, len(names) - len(GRID_WIDTHS))
    answer_width = max(LEAST_ANSWER_WIDTH, (GRID_ROOM - sum(GRID_WIDTHS.values())) // answers)
    fixed = {question_column(): GRID_WIDTHS["question"], state_column(): GRID_WIDTHS["state"]}
    widths = {name: fixed.get(name, answer_width) for name in names}
    config = {name: st.column_config.TextColumn(width=width) for name, width in widths.items()}
    data_table(
        pd.DataFrame(rows),
        hide_index=True,
        width="stretch",
        column_config=config,
        **wrapped(lines_needed(rows, widths, answer_width)),
    )


def _decisive(result: WorkshopResult) -> None:
    st.subheader(_("Decisive disagreements"))
    label = result.consensus.verdict_label
    flips = [flip for question in result.questions for flip in question.flips]
    if not flips:
        st.write(_("None: no single answer given changes the consensus verdict."))
    for flip in flips:
        st.markdown("- " + plain(flip_text(flip, label)))
    if result.together:
        # Translators: the heading is kept in bold; {note} says why both must be settled.
        st.markdown(_("**Decisive only together**: {note}.", note=plain(_(TOGETHER_NOTE))))
        for flip in result.together:
            st.markdown("- " + plain(flip_text(flip, label)))


def _set_consensus(ws: Workspace, case_id: int, question: Question, key: str) -> None:
    chosen = st.session_state.get(key)
    _act(ws.set_consensus, case_id, question.field, None if chosen == AUTO else chosen)


def _consensus_choice(
    ws: Workspace,
    workshop: Workshop,
    question: Question,
    outcome: QuestionResult,
    *,
    disabled: bool = False,
) -> None:
    key = f"wk.consensus.{question.field}"
    current = workshop.overrides.get(question.field, AUTO)
    st.session_state[key] = current
    auto = consensus_text(outcome)
    if question.kind == "count":
        # Every answer given and the case's own, so the consultant can take any of them.
        given = {answer.value for _, answer in outcome.answers if answer.known}
        given |= {outcome.case_value, *LEAD_DAYS}
        if current != AUTO:
            given.add(current)
        options: list[Any] = [AUTO, *sorted(v for v in given if isinstance(v, int))]
    else:
        options = [AUTO, *choices_of(question)]

    def shown(option: Any) -> str:
        if option == AUTO:
            # Translators: the consensus the team's answers give, "the team's: emerging (…)".
            return _("the team's: {consensus}", consensus=auto)
        return answer_text(question.field, option)

    st.selectbox(
        question.label,
        options=options,
        format_func=shown,
        key=key,
        on_change=_set_consensus,
        args=(ws, workshop.case_id, question, key),
        disabled=disabled,
    )


def _room_results(
    ws: Workspace, case_id: int, base: CompanyProfile, pack: RulePack
) -> tuple[Workshop | None, WorkshopResult | None]:
    """The workshop and its results as stored now: the room view reads them on each refresh."""
    try:
        workshop = ws.workshop(case_id)
        respondents = ws.workshop_answers(case_id)
    except WorkspaceError as error:
        st.error(plain(cases.error_text(error)), icon=":material/database:")
        return None, None
    if workshop is None or not respondents:
        return workshop, None
    return workshop, compare(
        base,
        respondents,
        pack,
        workshop.overrides,
        quorum=workshop.quorum,
        anonymous=workshop.anonymous,
    )


def brief_builder(
    base: CompanyProfile,
    pack: RulePack,
    result: WorkshopResult,
    edits: dict[str, Any] | None,
    fmt: str,
    charts: bool,
    cover: tuple[Branding, str | None] = (Branding(), None),
    appendix: bool = False,
) -> Callable[[], bytes]:
    """A function that builds one format of the workshop case's brief (on a download click);
    `cover` is the consultancy's branding and the client's recorded name (`cases.document_cover`);
    `appendix`, the brief's method appendix instead (each answer and comment of the team)."""

    def build() -> bytes:
        brief = prepare_brief(base, pack, edits=edits, workshop=result, prepared_on=state.as_of())
        document = brief.with_cover(*cover)
        return export_brief(method_appendix(document) if appendix else document, fmt, charts=charts)

    return build


def _downloads(
    base: CompanyProfile,
    pack: RulePack,
    result: WorkshopResult,
    edits: dict[str, Any] | None,
    opened: cases.OpenCase,
) -> None:
    st.subheader(_("Download the brief"))
    st.caption(
        _(
            "Built on the team's consensus and the case's role edits, with the appendix \"Where "
            'the team disagreed".'
        )
    )
    charts = st.checkbox(_("Include charts in DOCX and PDF"), value=True, key="wk.charts")
    cover = cases.document_cover()  # read now: a download's callable runs after the page's run
    columns = st.columns(len(FORMATS))
    for column, fmt in zip(columns, FORMATS, strict=True):
        column.download_button(
            FORMAT_NAMES[fmt],
            data=cases.recorded_download(
                brief_builder(base, pack, result, edits, fmt, charts, cover),
                f"workshop-brief.{fmt}",
                opened.client_id,
                opened.case_id,
            ),
            file_name=file_name(base.company, fmt),
            mime=MEDIA_TYPES[fmt],
            key=f"wk.brief.{fmt}",
            on_click="ignore",
        )
    st.caption(
        _(
            "Method appendix: each answer and comment of the team, how the consensus is taken, "
            "the rules that fired and the sources."
        )
    )
    columns = st.columns(len(FORMATS))
    for column, fmt in zip(columns, FORMATS, strict=True):
        column.download_button(
            # Translators: a download button, "Method appendix · Word (DOCX)".
            _("Method appendix · {format}", format=FORMAT_NAMES[fmt]),
            data=cases.recorded_download(
                brief_builder(base, pack, result, edits, fmt, charts, cover, appendix=True),
                f"workshop-brief-appendix.{fmt}",
                opened.client_id,
                opened.case_id,
            ),
            file_name=file_name(base.company, fmt).replace("am-brief", "am-brief-appendix", 1),
            mime=MEDIA_TYPES[fmt],
            key=f"wk.appendix.{fmt}",
            on_click="ignore",
        )
