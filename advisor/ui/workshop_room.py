"""The Workshop page's room view and its readout downloads.

The room view is what a projector shows while the team answers: the whole window, with no
sidebar and no navigation, the consensus verdict in its colour, the one consensus score, the
decisive disagreements in large type (with who gave each answer only when the consultant
allows it) and who has answered. It refreshes itself as answers arrive: a fragment reads the
store again on a period, without running the page again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import streamlit as st

from advisor import wording
from advisor.brief.readout import build_readout
from advisor.export.workshop_deck import (
    READOUT_FORMAT_NAMES,
    READOUT_FORMATS,
    READOUT_MEDIA_TYPES,
    readout_file_name,
    render_readout,
)
from advisor.i18n import _, n_
from advisor.pack import RulePack
from advisor.ui import cases, state
from advisor.ui.components import VERDICT_LOOKS, plain
from advisor.workshop import WorkshopResult, flip_text
from advisor.workspace.workshops import Workshop

ROOM = "wk.room"  # True while the room view is shown (not a widget: it outlives the page's runs)
NAMES = "wk.room.names"
REFRESH = dt.timedelta(seconds=5)
# The room takes the whole window: Streamlit's header, sidebar and its navigation are hidden,
# and the type is set for a projector. Only this fixed text is ever passed as HTML.
ROOM_STYLE = """
<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], header[data-testid="stHeader"],
[data-testid="stTopNav"] { display: none !important; }
[data-testid="stMainBlockContainer"] { max-width: 100%; padding: 1.5rem 3rem; }
[data-testid="stMainBlockContainer"] p, [data-testid="stMainBlockContainer"] li {
  font-size: 1.6rem; line-height: 1.35;
}
</style>
"""

Loader = Callable[[], tuple[Workshop | None, WorkshopResult | None]]


def entered() -> bool:
    return bool(st.session_state.get(ROOM))


def enter_button() -> None:
    st.button(
        _("Room view"),
        key="wk.room.enter",
        icon=":material/co_present:",
        on_click=st.session_state.__setitem__,
        args=(ROOM, True),
        help=_(
            "The whole window for a projector: the verdict, the score and the decisive "
            "disagreements in large type, refreshed as answers arrive."
        ),
    )


def render(load: Loader, *, anonymous: bool = False) -> None:
    """The room view; the page stops after it, so no sidebar summary is drawn beside it.

    In an anonymous workshop the room never sees a name, whatever the toggle says."""
    st.html(ROOM_STYLE)
    leave, names = st.columns([1, 3])
    leave.button(
        _("Leave the room view"),
        key="wk.room.leave",
        icon=":material/close_fullscreen:",
        on_click=st.session_state.__setitem__,
        args=(ROOM, False),
    )
    if anonymous:
        names.caption(_("An anonymous workshop: the room sees how many gave an answer, never who."))
    else:
        names.toggle(
            _("Show who gave each answer"),
            key=NAMES,
            help=_("Off, the room sees how many gave an answer, never who."),
        )
    _live(load)


@st.fragment(run_every=REFRESH)
def _live(load: Loader) -> None:
    workshop, result = load()
    shown = bool(st.session_state.get(NAMES)) and not (result is not None and result.anonymous)
    if result is None or workshop is None:
        st.markdown("## " + _("The results appear here once a respondent has been added."))
        return
    room_view(result, workshop, names=shown)


def room_view(result: WorkshopResult, workshop: Workshop, *, names: bool) -> None:
    """The consensus verdict, its one score, the decisive disagreements and who answered; before
    the quorum has answered, only who has."""
    if not result.quorum_met:
        st.title(_("Waiting for answers"), anchor=False)
        # Translators: {quorum} is "2 of 9 respondents have answered; the consensus …".
        quorum = _("{quorum}.", quorum=plain(wording.capitalised(result.quorum_text())))
        st.markdown("## " + quorum)
        st.markdown(plain(answered_line(workshop, names=names)))
        return
    consensus = result.consensus
    look = VERDICT_LOOKS[consensus.verdict]
    st.title(f"{look.icon} :{look.badge_colour}[{plain(consensus.verdict_label)}]", anchor=False)
    score = wording.saved_score(consensus.verdict.value, consensus.score)
    st.markdown("## " + _("The team's consensus: {score}", score=plain(score)))
    label = consensus.verdict_label
    flips = [flip for question in result.questions for flip in question.flips]
    if not flips and not result.together:
        st.markdown("### " + _("No single answer the team gave changes this verdict."))
    for flip in flips:
        st.markdown("### " + plain(flip_text(flip, label, names=names)))
    for flip in result.together:
        # Translators: two answers that change the verdict only together; {flip} says how.
        together = _("Together: {flip}", flip=plain(flip_text(flip, label, names=names)))
        st.markdown("### " + together)
    st.markdown(plain(answered_line(workshop, names=names)))


def answered_line(workshop: Workshop, *, names: bool) -> str:
    """ "2 of 3 have answered: Dana, Ravi", or without names only the count."""
    people = workshop.active
    answered = [r.name for r in people if r.last_saved_at is not None]
    if names and answered:
        # Translators: {names} lists who has answered, "Dana, Ravi".
        return n_(
            "{answered} of {count} have answered: {names}.",
            "{answered} of {count} have answered: {names}.",
            len(people),
            answered=len(answered),
            names=", ".join(answered),
        )
    return n_(
        "{answered} of {count} have answered.",
        "{answered} of {count} have answered.",
        len(people),
        answered=len(answered),
    )


def readout_builder(
    result: WorkshopResult, pack: RulePack, edits: dict[str, Any] | None, fmt: str
) -> Callable[[], bytes]:
    """A function that builds the readout in one format (on a download click)."""

    def build() -> bytes:
        readout = build_readout(result, pack, edits=edits, prepared_on=state.as_of())
        return render_readout(readout, fmt)

    return build


def readout_downloads(
    result: WorkshopResult,
    pack: RulePack,
    edits: dict[str, Any] | None,
    opened: cases.OpenCase,
) -> None:
    st.subheader(_("Download the readout"))
    st.caption(
        _(
            "Slides for the team: the consensus verdict, the reasons, the decisive "
            "disagreements, the consensus per question, the next steps and the hiring plan."
        )
    )
    columns = st.columns(len(READOUT_FORMATS))
    for column, fmt in zip(columns, READOUT_FORMATS, strict=True):
        column.download_button(
            _(READOUT_FORMAT_NAMES[fmt]),
            data=cases.recorded_download(
                readout_builder(result, pack, edits, fmt),
                f"workshop-readout.{fmt}",
                opened.client_id,
                opened.case_id,
            ),
            file_name=readout_file_name(result.base.company, fmt),
            mime=READOUT_MEDIA_TYPES[fmt],
            key=f"wk.readout.{fmt}",
            on_click="ignore",
        )
