"""The workspace in the app: its database, the case this session has open, and leaving it.

The session remembers which client and case is open and the document as it was saved; the
inputs themselves are the session's one `open_case.CaseInputs` (the profile with its notes, the
role edits, the CRM import carried into the profile, the rule pack), so opening a case fills
the other pages and editing them shows as unsaved changes in the sidebar.

Everything here lives in `st.session_state`. The only shared object is the open database handle
per database address and acting user: it holds no inputs, and every query it runs is scoped to
that user.

Every page run imports this module, the first page's included, so the store (SQLAlchemy), the
comparison of a case with the session (which brings the role's drafting) is imported by the
functions that use them: a start that opens neither the database nor a case pays for none of
them.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import streamlit as st

from advisor.branding import Branding
from advisor.engine import Assessment, evaluate
from advisor.i18n import N_, _, p_
from advisor.pack import Scoring
from advisor.pack.uploads import UploadedPack
from advisor.profile import parse_profile, updated_profile
from advisor.ui import auth, state
from advisor.ui import open_case as case_inputs
from advisor.ui.components import plain
from advisor.ui.open_case import OPEN, CaseInputs
from advisor.ui.open_case import OpenCase as OpenCase  # the pages name it through here
from advisor.workspace.address import database_url, never_created
from advisor.workspace.identity import LINK_ACTOR
from advisor.workspace.model import (
    Case,
    CaseDocument,
    CaseSummary,
    Client,
    WorkspaceError,
)

if TYPE_CHECKING:
    from advisor.workspace.session import Change
    from advisor.workspace.store import Workspace

CLIENT = "ws.client"  # id of the client the workspace pages show
HISTORY_BANDS = "ws.history_bands"  # pack digest -> its score bands (None: unreadable)
PENDING = "ws.pending"  # Leave: a move away from unsaved changes waiting for confirmation
DELETED = "ws.deleted"  # DeletedClient values this session can restore, newest last
SIGNED_IN = "ws.signed_in"  # the principal whose sign-in this session has recorded
CLAIMED = "ws.claimed"  # names of clients the sign-in claimed from before identities had issuers
LOGGER = logging.getLogger("advisor.app")
# What a signed-in consultant or a respondent reads instead of a database failure that names the
# database: its address (and a server's host) is for whoever runs the server, in its log.
DATABASE_TROUBLE = N_(
    "the workspace database did not answer as expected, so nothing was changed; try again, or "
    "tell whoever runs this server (its log names the cause)"
)


@dataclass(frozen=True)
class Leave:
    """Opening another case, or switching client, asked for while changes are unsaved."""

    kind: str  # "open" (target: a case id) | "client" (target: a client id)
    target: int
    label: str  # the scenario or client name it goes to, for the question


# ---------------------------------------------------------------------------------------------
# The database


# One open database (its connection pool, migrated once) per address for the whole server; each
# user's workspace is a view of it, so a hosted app's memory and connections do not grow with
# the number of consultants who ever signed in.
@st.cache_resource(show_spinner=False)
def _open_database(url: str) -> Workspace:
    from advisor.workspace.store import Workspace

    return Workspace.open(url)


def workspace() -> Workspace:
    """The workspace of the acting user; WorkspaceError when the database cannot be opened.

    A signed-in consultant's first use of it in a session records the sign-in (who they are,
    for colleagues' lists and the audit trail) and claims what was theirs before identities
    had an issuer.
    """
    actor = state.acting_user()
    ws = _open_database(database_url()).for_user(actor)
    if actor.signed_in and st.session_state.get(SIGNED_IN) != actor.key:
        issuer, _, subject = actor.key.removeprefix("oidc:").partition("#")
        claims = auth.signed_in_claims()
        claimed = ws.sign_in(
            str(claims.get("iss", issuer)), str(claims.get("sub", subject)), auth.provider_count()
        )
        st.session_state[SIGNED_IN] = actor.key
        if claimed:
            st.session_state[CLAIMED] = claimed
    return ws


def take_claimed() -> list[str]:
    """The names of the clients this session's sign-in claimed, once: the next call is empty."""
    claimed = st.session_state.pop(CLAIMED, None)
    return [str(name) for name in claimed] if isinstance(claimed, list) else []


def link_workspace() -> Workspace:
    """The workspace a respondent's link reads: the link's token is its only key.

    It acts for nobody (`identity.LINK`), which owns nothing and is shared nothing: only
    `Workspace.questionnaire` and `save_answer`, which find the respondent by the token, work.
    """
    return _open_database(database_url()).for_user(LINK_ACTOR)


def workspace_or_notice() -> Workspace | None:
    """The workspace, or None after a message on the page saying why it cannot be opened."""
    try:
        return workspace()
    except WorkspaceError as error:
        st.error(
            # Translators: {reason} is why, as the workspace says it.
            _(
                "The workspace database could not be opened: {reason}",
                reason=plain(error_text(error)),
            ),
            icon=":material/database:",
        )
        st.caption(
            _(
                "Assess, Recommendation, Role, Portfolio and Rules work without it; nothing you "
                "typed is lost. Set ADVISOR_DATABASE_URL to a database you can open and reload."
            )
            if shows_database()
            else _(
                "Assess, Recommendation, Role, Portfolio and Rules work without it; nothing you "
                "typed is lost. Reload in a moment; if it stays so, tell whoever runs this server."
            )
        )
        return None


def shows_database() -> bool:
    """Whether messages may name the database's address: to the one local user only, never to
    a signed-in consultant (the address is the server's, not theirs)."""
    return not auth.sign_in_configured()


def error_text(error: Exception, *, respondent: bool = False) -> str:
    """A refusal as the acting user may read it.

    A failure that names the database (every message about the database starts with its
    address, and may go on with its host or file) is shown as it is in the
    local workspace; to a signed-in consultant, or a respondent (`respondent`), it is
    `DATABASE_TROUBLE`, and the whole message goes to the server's log.
    """
    text = str(error)
    if (shows_database() and not respondent) or not _names_database(text):
        return text
    LOGGER.warning(
        json.dumps(
            {"event": "database_error", "message": _without_password(text)}, ensure_ascii=False
        )
    )
    return _(DATABASE_TROUBLE)


def _database_words() -> tuple[str, str]:
    """The database's address as configured and as messages show it (password hidden): every
    message about the database itself starts with the one or the other."""
    return database_url(), shown_url()


def _names_database(text: str) -> bool:
    return any(word and word in text for word in _database_words())


def _without_password(text: str) -> str:
    raw, shown = _database_words()
    return text.replace(raw, shown) if raw != shown else text


def recorded_download(
    build: Callable[[], Any], document: str, client_id: int, case_id: int | None
) -> Callable[[], Any]:
    """The download button's `data` for a saved client's document: building it on the click
    first notes the export in the client's audit trail (who, which document, when).

    The workspace is taken now, in the page's run (the click's callable runs outside it); one
    that cannot be opened, or that refuses the note, makes the download fail rather than leave
    an export unrecorded.
    """
    try:
        ws: Workspace | None = workspace()
    except WorkspaceError:
        ws = None

    def download() -> Any:
        if ws is None:
            raise WorkspaceError.single(_("the workspace database is needed to record the export"))
        ws.record_export(client_id, case_id, document)
        return build()

    return download


def open_existing_workspace() -> None:
    """Open the workspace when its database exists (nothing when it cannot be opened): the
    session's sign-in is recorded there before any page is drawn.

    A SQLite file that does not exist yet is not created here: it is created when a workspace
    page first opens it, not by the first page's navigation.
    """
    if never_created(database_url()):
        return
    try:
        workspace()
    except WorkspaceError:
        return


def shown_url() -> str:
    """The database address with any password left out, for the page to name."""
    from advisor.workspace.database import shown_url as database_shown_url

    return database_shown_url(database_url())


# ---------------------------------------------------------------------------------------------
# The session's case


def open_case_download(build: Callable[[], Any], document: str) -> Callable[[], Any]:
    """`build` as the download of the open saved case's `document`, its export recorded; as it
    is when no saved case is open (the session's inputs belong to no client)."""
    case = open_case()
    if case is None:
        return build
    return recorded_download(build, document, case.client_id, case.case_id)


def document_cover() -> tuple[Branding, str | None]:
    """What a document's cover says besides its content, read in the page's run: the
    consultancy's name and logo, and the open saved case's client as the workspace records it
    (None when no saved case is open). Without a workspace there is no branding to show."""
    case = open_case()
    try:
        ws = workspace()
        branding = ws.branding.read()
        client = None if case is None else ws.client(case.client_id).name
    except WorkspaceError as error:
        LOGGER.warning("the cover's branding was not read: %s", error)
        return Branding(), None if case is None else case.client_name
    return branding, client


def open_case() -> OpenCase | None:
    return case_inputs.open_case()


def current_client_id() -> int | None:
    chosen = st.session_state.get(CLIENT)
    return chosen if isinstance(chosen, int) else None


def pick_client(ws: Workspace, key: str) -> Client | None:
    """A client to look at (pre-set to the open case's); picking one does not leave that case.

    The picker lists names only; the chosen client alone is read in full.
    """
    names = dict(ws.client_choices())
    if not names:
        st.info(_("No clients yet: add one on the Clients page."), icon=":material/group_add:")
        return None
    if st.session_state.get(key) not in names:
        current = current_client_id()
        st.session_state[key] = current if current in names else next(iter(names))
    chosen = st.selectbox(
        p_("field", "Client"), list(names), key=key, format_func=lambda i: names[i]
    )
    return ws.client(int(chosen))


def session_document() -> CaseDocument:
    """Everything the session's inputs hold, as a case document."""
    return case_inputs.inputs().document()


def unsaved_changes() -> list[Change]:
    """What the session's inputs change against the open case (empty: none, or no case)."""
    from advisor.workspace.session import case_changes

    case = open_case()
    return case_changes(case.saved, session_document()) if case else []


def _remember(client: Client, summary: CaseSummary, document: CaseDocument) -> None:
    st.session_state[OPEN] = OpenCase(
        client.id, client.name, summary.id, summary.scenario, summary.revision, _document(document)
    )
    st.session_state[CLIENT] = client.id


def _document(document: CaseDocument) -> CaseDocument:
    return CaseDocument.from_json(case_inputs.plain_copy(document.to_json())).with_one_notes()


def rename_open_client(name: str) -> None:
    case = open_case()
    if case is not None:
        st.session_state[OPEN] = replace(case, client_name=name)


def rename_open_scenario(scenario: str) -> None:
    case = open_case()
    if case is not None:
        st.session_state[OPEN] = replace(case, scenario=scenario)


def close_case() -> None:
    """Leave the open case; the inputs stay in the session as an unsaved case."""
    st.session_state.pop(OPEN, None)


def history_bands(ws: Workspace, client_id: int) -> dict[str, Scoring | None]:
    """The score bands of each rule pack the client's history was judged on, by pack digest.

    A pack's files are read and built once a session (reruns of the History page fetch only
    packs saved since); one that today's reader refuses has None: its points' bands are unknown.
    """
    from advisor.pack import RulePackError
    from advisor.workspace.session import stored_pack

    known: dict[str, Scoring | None] = st.session_state.setdefault(HISTORY_BANDS, {})
    default = state.default_pack()
    known.setdefault(default.digest, default.scoring)
    for digest, files in ws.history_pack_files(client_id, known=list(known)).items():
        try:
            known[digest] = stored_pack(files).scoring
        except RulePackError:
            known[digest] = None
    return known


def load_case(ws: Workspace, client: Client, case_id: int) -> Case:
    """Open a saved case into the session: every input, and the pack it was assessed with.

    Everything that can be refused (the store, the stored profile, the stored pack, the role
    edits) is read first, so a refusal leaves the session exactly as it was.
    """
    from advisor.role import parse_edits
    from advisor.workspace.session import stored_pack

    case = ws.open_case(case_id)
    if case.summary.client_id != client.id:
        raise WorkspaceError.single(
            # Translators: {case} is the case's id number; {client} the client's name.
            _("the case {case} is not a case of {client}", case=case_id, client=client.name),
            path="case",
        )
    document = case.document.with_one_notes()
    profile = parse_profile(document.profile)
    role_edits = dict(document.role_edits or {})
    parse_edits(role_edits)
    default = state.default_pack()
    pack, origin = default, None
    files: tuple[tuple[str, bytes], ...] = ()
    if document.pack_digest != default.digest:
        stored = state.uploaded_pack(
            ws.case_pack_files(case_id),
            lambda docs: UploadedPack(stored_pack(docs), docs, []),
        )
        pack, files = stored.pack, tuple(stored.documents)
        origin = _("the pack saved with the case {case}", case=case.summary.scenario)
    case_inputs.put(
        CaseInputs(profile, role_edits, document.crm, pack, files, origin, document.workshop)
    )
    _remember(client, case.summary, document)
    return case


def save(
    ws: Workspace, client: Client, scenario: str, *, as_new: bool, without_notes: bool = False
) -> CaseSummary:
    """Save the session's inputs as a case of `client` (the open one, or a new one).

    With `without_notes`, the new case is saved without the notes, and the session's inputs
    (the new case now) lose them once it is saved. WorkspaceError when refused; the session's
    inputs are left as they are then.
    """
    inputs = case_inputs.inputs()
    if without_notes:
        inputs = replace(inputs, profile=updated_profile(inputs.profile, {"notes": None}))
    document = inputs.document()
    case = open_case()
    update = not as_new and case is not None and case.client_id == client.id
    summary = ws.save_case(
        client.id,
        scenario,
        document,
        evaluate(inputs.profile, inputs.pack, as_of=state.as_of())
        if without_notes
        else state.current_assessment(),
        list(inputs.pack_documents),
        case_id=case.case_id if update and case else None,
    )
    if without_notes:
        state.set_profile(inputs.profile)
    _remember(client, summary, document)
    return summary


def stored_assessment(ws: Workspace, case_id: int) -> Assessment:
    """The case assessed on the pack it was saved with: the verdict it had."""
    from advisor.workspace.session import stored_pack

    case = ws.open_case(case_id)
    pack = stored_pack(ws.case_pack_files(case_id))
    return evaluate(parse_profile(case.document.profile), pack, as_of=state.as_of())


def todays_assessment(ws: Workspace, case_id: int) -> Assessment:
    """The same case on today's default pack."""
    case = ws.open_case(case_id)
    return evaluate(parse_profile(case.document.profile), state.default_pack(), as_of=state.as_of())


# ---------------------------------------------------------------------------------------------
# Leaving unsaved changes


def ask_to_leave(leave: Leave) -> bool:
    """True when the move can go ahead now; else it waits for the user's confirmation."""
    if not unsaved_changes():
        st.session_state.pop(PENDING, None)
        return True
    st.session_state[PENDING] = leave
    return False


def pending_leave() -> Leave | None:
    found = st.session_state.get(PENDING)
    return found if isinstance(found, Leave) else None


def cancel_leave() -> None:
    st.session_state.pop(PENDING, None)


def remember_deleted(deleted: Any) -> None:
    st.session_state.setdefault(DELETED, []).append(deleted)


def last_deleted() -> Any | None:
    kept: list[Any] = st.session_state.get(DELETED, [])
    return kept[-1] if kept else None


def forget_last_deleted() -> None:
    kept: list[Any] = st.session_state.get(DELETED, [])
    if kept:
        kept.pop()
