"""The consultancy's name and logo, set on the Clients page for every document's cover.

Everyone sees them; only the workspace's administrators change them (the buttons are drawn
disabled for anyone else, with who may, and the store refuses them again). The boxes themselves
are never disabled: Streamlit drops what a disabled box held, and a name typed on a page drawn
before its typist stopped being an administrator stays in its box. A logo is refused
past its limits, or when it is no PNG or JPEG image, with the limit named; the name typed stays
in its box whatever happens, and the logo shown is the one the workspace keeps (re-drawn from
the upload's pixels), never the uploaded file.
"""

from __future__ import annotations

import streamlit as st

from advisor.branding import MAX_LOGO_BYTES, MAX_LOGO_PIXELS, MAX_NAME, Branding
from advisor.i18n import _
from advisor.i18n.formats import number
from advisor.problems import AdvisorError
from advisor.ui import cases
from advisor.ui.components import plain
from advisor.workspace.store import Workspace

NAME = "clients.branding.name"
LOGO = "clients.branding.logo"
SAVE = "clients.branding.save"
REMOVE_LOGO = "clients.branding.remove_logo"
NOTICE = "clients.branding.notice"  # (kind, message) of the last save, under its buttons
LOGO_WIDTH_PX = 200


def render(ws: Workspace) -> None:
    """The expander with the name, the logo and their buttons (open after a save)."""
    notice = st.session_state.get(NOTICE)
    title = _("Your consultancy on the documents")
    with st.expander(title, icon=":material/badge:", expanded=notice is not None):
        try:
            saved = ws.branding.read()
            admin = ws.branding.administers()
        except AdvisorError as error:
            st.error(plain(cases.error_text(error)), icon=":material/database:")
            return
        _form(ws, saved, admin)


def _form(ws: Workspace, saved: Branding, admin: bool) -> None:
    st.caption(
        # Translators: "Prepared by" is the words on the brief's cover; use the cover's words.
        _('Every brief\'s cover says "Prepared by" this name, with the logo, for every client.')
    )
    st.session_state.setdefault(NAME, saved.name)
    st.text_input(_("Consultancy name"), key=NAME, max_chars=MAX_NAME)
    st.file_uploader(
        _("Logo (PNG or JPEG)"),
        type=["png", "jpg", "jpeg"],
        key=LOGO,
        help=_(
            "At most {bytes} bytes and {pixels} pixels in all.",
            bytes=number(MAX_LOGO_BYTES),
            pixels=number(MAX_LOGO_PIXELS),
        ),
    )
    columns = st.columns(2)
    if columns[0].button(
        _("Save the name and logo"), key=SAVE, disabled=not admin, icon=":material/save:"
    ):
        _save(ws)
        st.rerun()  # drawn again from what is now saved, the outcome under the buttons
    if saved.logo is not None and columns[1].button(
        _("Remove the logo"), key=REMOVE_LOGO, disabled=not admin, icon=":material/delete:"
    ):
        _remove_logo(ws)
        st.rerun()
    _notice()
    if saved.logo is not None:
        st.image(saved.logo, width=LOGO_WIDTH_PX, caption=_("The logo on the covers"))
    if not admin:
        st.caption(
            ":material/lock: "
            + _(
                "Only an administrator of this workspace changes the name and the logo "
                "(whoever runs the server grants it with `advisor workspace admins --add`)."
            )
        )


def _save(ws: Workspace) -> None:
    upload = st.session_state.get(LOGO)
    name = str(st.session_state.get(NAME) or "")
    try:
        if upload is None:
            ws.branding.save(name)
        else:
            ws.branding.save(name, upload.getvalue(), upload.name)
    except AdvisorError as error:
        st.session_state[NOTICE] = (
            "error",
            _("Nothing was saved: {problem}", problem=cases.error_text(error)),
        )
        return
    saved = (
        _("Saved the name and the logo: every brief's cover now shows them.")
        if upload is not None
        else _("Saved the name: every brief's cover now shows them.")
    )
    st.session_state[NOTICE] = ("success", saved)


def _remove_logo(ws: Workspace) -> None:
    try:
        ws.branding.save(None, None)
    except AdvisorError as error:
        st.session_state[NOTICE] = (
            "error",
            _("The logo was not removed: {problem}", problem=cases.error_text(error)),
        )
        return
    st.session_state[NOTICE] = ("success", _("Removed the logo: the covers show the name only."))


def _notice() -> None:
    notice = st.session_state.get(NOTICE)
    if not notice:
        return
    kind, text = notice
    if kind == "error":
        st.error(plain(text), icon=":material/error:")
    else:
        st.success(plain(text), icon=":material/task_alt:")
