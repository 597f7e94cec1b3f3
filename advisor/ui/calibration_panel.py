"""The Rules page's calibration: the pack's figures edited in tables, used for the session or
kept in the workspace as the firm's pack or a client's.

Every table of figures is drawn on every run (one per section), so an edit typed in one is
never dropped while another is looked at. An edit that breaks the pack is refused with the
figure, file and line, and the typed values stay in the tables to be corrected.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from advisor.i18n import N_, _, n_, p_
from advisor.i18n.formats import number
from advisor.pack import RulePack, RulePackError
from advisor.pack.calibrate import EDITABLE_SECTIONS, calibrated_pack, change_rows, figures
from advisor.pack.load import pack_from_documents
from advisor.pack.uploads import Documents, default_documents
from advisor.problems import AdvisorError
from advisor.ui import cases, state
from advisor.ui.components import plain
from advisor.ui.permissions import allows, say_who_may
from advisor.workspace import Workspace, WorkspaceError
from advisor.workspace.calibrations import Calibration
from advisor.workspace.roles import Action

NOTICE = "rules.calibrate.notice"  # (kind, title, lines)
CLIENT = "rules.calibrate.client"
SECTION_TITLES = {
    "thresholds": N_("Thresholds the rules test"),
    "benchmarks": N_("Benchmarks: costs, book sizes, targets, hiring"),
    "scoring": N_("Verdict scores"),
    "pay": N_("Pay bands by country: base, OTE, mix and employer's on-costs"),
    "business_models": N_("Business models: a book in money, pay and targets"),
    "interview": N_(
        "Interview kit: the competencies' weights per business model (each model's add up to "
        "100: move two at once), the hire mark and each stage's minutes"
    ),
}
Use = Callable[[RulePack, Documents, str], None]


def _editor_key(section: str, documents: Documents) -> str:
    # A new pack in use gives new tables: edits made against the previous one do not carry over.
    digest = state.current_pack().digest
    return f"rules.calibrate.{section}.{digest}.{len(documents)}"


def _headers() -> dict[str, str]:
    """The tables' column headers in the reader's language, by what each column holds."""
    return {
        "figure": p_("column", "Figure"),
        "value": p_("column", "Value"),
        "shipped": p_("column", "Shipped pack"),
        "where": p_("column", "Where"),
        "source": p_("column", "Source"),
    }


def _tables(documents: Documents) -> dict[str, list[dict[str, Any]]]:
    shipped = {figure.path: figure.value for figure in figures(default_documents())}
    tables: dict[str, list[dict[str, Any]]] = {section: [] for section in EDITABLE_SECTIONS}
    column = _headers()
    for figure in figures(documents):
        tables[figure.path.split(".", 1)[0]].append(
            {
                column["figure"]: figure.path.split(".", 1)[1],
                column["value"]: figure.value,
                column["shipped"]: shipped.get(figure.path),
                column["where"]: f"{figure.file.rsplit('/', 1)[-1]}:{figure.line}",
                column["source"]: figure.source,
            }
        )
    return tables


def _edits(documents: Documents, tables: dict[str, list[dict[str, Any]]]) -> dict[str, object]:
    """The values typed in the tables that differ from the pack in use, by figure path."""
    edits: dict[str, object] = {}
    column = _headers()
    value, figure = column["value"], column["figure"]
    for section, rows in tables.items():
        typed = st.session_state.get(_editor_key(section, documents)) or {}
        for index, changes in (typed.get("edited_rows") or {}).items():
            if value in changes and 0 <= int(index) < len(rows):
                row = rows[int(index)]
                if changes[value] is None:
                    # shown back in the refusal: "'(empty)' is not a number"
                    edits[f"{section}.{row[figure]}"] = p_("cell", "(empty)")
                elif changes[value] != row[value]:
                    edits[f"{section}.{row[figure]}"] = changes[value]
    return edits


def _say(kind: str, title: str, lines: list[str] | None = None) -> None:
    st.session_state[NOTICE] = (kind, title, lines or [])


def _notice() -> None:
    notice = st.session_state.pop(NOTICE, None)
    if notice is None:
        return
    kind, title, lines = notice
    if kind == "error":
        st.error(plain(title), icon=":material/error:")
        if lines:
            st.code("\n".join(lines), language=None, wrap_lines=True)
    else:
        st.success(plain(title), icon=":material/check_circle:")


def _built(documents: Documents, edits: dict[str, object]) -> tuple[RulePack, Documents] | None:
    """The pack the tables make, or None after saying why it cannot be made."""
    try:
        return calibrated_pack(documents, edits)
    except RulePackError as error:
        _say(
            "error",
            _(
                "These figures do not make a pack that can be used; nothing was changed. Correct "
                "the figures named below; what you typed is kept in the tables."
            ),
            [str(problem) for problem in error.problems],
        )
        return None


def _figure_tables(tables: dict[str, list[dict[str, Any]]], documents: Documents) -> None:
    column = _headers()
    for section, rows in tables.items():
        if not rows:
            continue
        title = _(SECTION_TITLES[section]) if section in SECTION_TITLES else section
        st.markdown(f"**{title}**")
        st.data_editor(
            rows,
            key=_editor_key(section, documents),
            hide_index=True,
            width="stretch",
            disabled=[column["figure"], column["shipped"], column["where"], column["source"]],
            column_config={
                column["figure"]: st.column_config.TextColumn(width="medium"),
                column["value"]: st.column_config.NumberColumn(format="%g", required=True),
                column["shipped"]: st.column_config.NumberColumn(format="%g"),
                column["where"]: st.column_config.TextColumn(width="small"),
                column["source"]: st.column_config.TextColumn(width="large"),
            },
        )


def _origin(client: str | None) -> str:
    """The pack a saved calibration makes, as a noun phrase ("the firm's pack")."""
    if client is None:
        return _("the firm's pack")
    return _("the pack of client {client}", client=client)


def _saved_line(saved: Calibration | None, client: str | None) -> str:
    if saved is None:
        if client is None:
            return _("The firm's pack: none saved (the shipped pack applies).")
        # Translators: {client} is the client's name.
        return _("{client}'s pack: none saved (the shipped pack applies).", client=client)
    count = len(change_rows(default_documents(), saved.documents))
    values = {
        "who": saved.saved_by_label,
        "when": saved.saved_at[:16].replace("T", " "),
        "count": number(count),
    }
    if client is None:
        # Translators: {who} is a person's address or "the local workspace"; {when} is
        # "2026-12-06 14:05" (UTC).
        return n_(
            "The firm's pack: saved by {who} on {when} UTC, {count} figure(s) differ from the "
            "shipped pack.",
            "The firm's pack: saved by {who} on {when} UTC, {count} figure(s) differ from the "
            "shipped pack.",
            count,
            **values,
        )
    return n_(
        "{client}'s pack: saved by {who} on {when} UTC, {count} figure(s) differ from the "
        "shipped pack.",
        "{client}'s pack: saved by {who} on {when} UTC, {count} figure(s) differ from the "
        "shipped pack.",
        count,
        client=client,
        **values,
    )


def _use_saved(use: Use, saved: Calibration, client: str | None) -> None:
    try:
        pack = pack_from_documents(saved.documents)
    except RulePackError as error:  # a pack saved by an older version that no longer reads
        title = (
            _("the firm's pack no longer reads:")
            if client is None
            else _("the pack of client {client} no longer reads:", client=client)
        )
        _say("error", title, [str(p) for p in error.problems])
        return
    use(pack, saved.documents, _origin(client))
    if client is None:
        _say("success", _("Now assessing with the firm's pack, for this session."))
    else:
        _say(
            "success",
            _("Now assessing with the pack of client {client}, for this session.", client=client),
        )


def _store(
    ws: Workspace,
    made: tuple[RulePack, Documents],
    client: tuple[int, str] | None,
    use: Use,
) -> None:
    pack, documents = made
    name = client[1] if client else None
    try:
        ws.calibrations.save(documents, client[0] if client else None)
    except (WorkspaceError, AdvisorError) as error:
        if name is None:
            _say("error", _("the firm's pack was not saved: {error}", error=error))
        else:
            _say(
                "error",
                _("the pack of client {client} was not saved: {error}", client=name, error=error),
            )
        return
    use(pack, documents, _origin(name))
    if name is None:
        _say("success", _("Saved as the firm's pack; this session now assesses with it."))
    else:
        _say(
            "success",
            _(
                "Saved as the pack of client {client}; this session now assesses with it.",
                client=name,
            ),
        )


def _remove(ws: Workspace, client: tuple[int, str] | None) -> None:
    name = client[1] if client else None
    try:
        gone = ws.calibrations.remove(client[0] if client else None)
    except WorkspaceError as error:
        if name is None:
            _say("error", _("the firm's pack was not removed: {error}", error=error))
        else:
            _say(
                "error",
                _(
                    "the pack of client {client} was not removed: {error}",
                    client=name,
                    error=error,
                ),
            )
        return
    _say("success", _removed_words(name, gone))


def _removed_words(client: str | None, gone: bool) -> str:
    if client is None:
        return _("Removed the firm's pack.") if gone else _("the firm's pack was already removed.")
    if gone:
        return _("Removed the pack of client {client}.", client=client)
    return _("the pack of client {client} was already removed.", client=client)


def _firm(ws: Workspace, made: Callable[[], tuple[RulePack, Documents] | None], use: Use) -> None:
    saved = ws.calibrations.read()
    admin = ws.calibrations.administers()
    st.markdown(plain(_saved_line(saved, None)))
    columns = st.columns(3)
    if columns[0].button(
        _("Save as the firm's pack"),
        key="rules.calibrate.save_firm",
        disabled=not admin,
        help=_(
            "The figures in the tables (typed values included) become the pack every "
            "consultant of this workspace can take; the one saved before is replaced."
        ),
        icon=":material/save:",
    ):
        built = made()
        if built is not None:
            _store(ws, built, None, use)
        st.rerun()
    if saved is not None and columns[1].button(
        _("Use the firm's pack"),
        key="rules.calibrate.use_firm",
        help=_("Assess with the firm's pack for this session; a case saved then keeps it."),
    ):
        _use_saved(use, saved, None)
        st.rerun()
    if saved is not None and columns[2].button(
        _("Remove the firm's pack"),
        key="rules.calibrate.remove_firm",
        disabled=not admin,
        help=_("Removes the firm's pack from the workspace; saved cases keep their own packs."),
    ):
        _remove(ws, None)
        st.rerun()
    if not admin:
        st.caption(
            ":material/lock: "
            + _(
                "Only an administrator of this workspace changes the firm's pack (whoever runs "
                "the server grants it with `advisor workspace admins --add`)."
            )
        )


def _client(ws: Workspace, made: Callable[[], tuple[RulePack, Documents] | None], use: Use) -> None:
    client = cases.pick_client(ws, CLIENT)
    if client is None:
        return
    name = client.name
    saved = ws.calibrations.read(client.id)
    may = allows(client, Action.CALIBRATE)
    st.markdown(plain(_saved_line(saved, name)))
    columns = st.columns(3)
    if columns[0].button(
        _("Save as {client}'s pack", client=name),
        key="rules.calibrate.save_client",
        disabled=not may,
        help=_(
            "The figures in the tables (typed values included) become this client's pack; the "
            "one saved before is replaced."
        ),
        icon=":material/save:",
    ):
        built = made()
        if built is not None:
            _store(ws, built, (client.id, name), use)
        st.rerun()
    if saved is not None and columns[1].button(
        _("Use {client}'s pack", client=name),
        key="rules.calibrate.use_client",
        help=_("Assess with this client's pack for this session; a case saved then keeps it."),
    ):
        _use_saved(use, saved, name)
        st.rerun()
    if saved is not None and columns[2].button(
        _("Remove {client}'s pack", client=name),
        key="rules.calibrate.remove_client",
        disabled=not may,
        help=_("Removes this client's pack from the workspace; saved cases keep their own packs."),
    ):
        _remove(ws, (client.id, name))
        st.rerun()
    say_who_may(client, Action.CALIBRATE)


def render(use: Use) -> None:
    """The calibration tab; `use` makes a pack the session's (with its origin in words)."""
    st.caption(
        _(
            "Type a figure's new value in its table. The pack is checked before it is used: a "
            "figure that breaks it (a zone's low above its high) is named with its file and "
            "line, and what you typed stays here. Each figure is changed in place in the pack's "
            "YAML, its source and comments kept; download the pack above to see them."
        )
    )
    _notice()
    documents = state.current_pack_documents()
    tables = _tables(documents)
    _figure_tables(tables, documents)

    def made() -> tuple[RulePack, Documents] | None:
        return _built(documents, _edits(documents, tables))

    pending = _edits(documents, tables)
    changed = len(pending)
    if st.button(
        # Translators: {count} is how many figures differ from the pack in use.
        _("Use these figures for this session ({count} changed)", count=number(changed)),
        key="rules.calibrate.apply",
        disabled=not pending,
        type="primary",
        icon=":material/tune:",
        help=_("The pack is checked first; a figure that breaks it is named and nothing changes."),
    ):
        built = made()
        if built is not None:
            use(*built, _("figures calibrated on this page"))
            _say(
                "success",
                n_(
                    "Now assessing with {count} figure(s) changed, this session.",
                    "Now assessing with {count} figure(s) changed, this session.",
                    changed,
                    count=number(changed),
                ),
            )
        st.rerun()
    st.subheader(_("Kept in the workspace"))
    ws = cases.workspace_or_notice()
    if ws is None:
        return
    _firm(ws, made, use)
    _client(ws, made, use)
