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
    "thresholds": "Thresholds the rules test",
    "benchmarks": "Benchmarks: costs, book sizes, targets, hiring",
    "scoring": "Verdict scores",
    "pay": "Pay bands by country: base, OTE, mix and employer's on-costs",
    "business_models": "Business models: a book in money, pay and targets",
    "interview": (
        "Interview kit: the competencies' weights per business model (each model's add up to "
        "100: move two at once), the hire mark and each stage's minutes"
    ),
}
Use = Callable[[RulePack, Documents, str], None]


def _editor_key(section: str, documents: Documents) -> str:
    # A new pack in use gives new tables: edits made against the previous one do not carry over.
    digest = state.current_pack().digest
    return f"rules.calibrate.{section}.{digest}.{len(documents)}"


def _tables(documents: Documents) -> dict[str, list[dict[str, Any]]]:
    shipped = {figure.path: figure.value for figure in figures(default_documents())}
    tables: dict[str, list[dict[str, Any]]] = {section: [] for section in EDITABLE_SECTIONS}
    for figure in figures(documents):
        tables[figure.path.split(".", 1)[0]].append(
            {
                "Figure": figure.path.split(".", 1)[1],
                "Value": figure.value,
                "Shipped pack": shipped.get(figure.path),
                "Where": f"{figure.file.rsplit('/', 1)[-1]}:{figure.line}",
                "Source": figure.source,
            }
        )
    return tables


def _edits(documents: Documents, tables: dict[str, list[dict[str, Any]]]) -> dict[str, object]:
    """The values typed in the tables that differ from the pack in use, by figure path."""
    edits: dict[str, object] = {}
    for section, rows in tables.items():
        typed = st.session_state.get(_editor_key(section, documents)) or {}
        for index, changes in (typed.get("edited_rows") or {}).items():
            if "Value" in changes and 0 <= int(index) < len(rows):
                row = rows[int(index)]
                if changes["Value"] is None:
                    edits[f"{section}.{row['Figure']}"] = "(empty)"
                elif changes["Value"] != row["Value"]:
                    edits[f"{section}.{row['Figure']}"] = changes["Value"]
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
            "These figures do not make a pack that can be used; nothing was changed. Correct "
            "the figures named below; what you typed is kept in the tables.",
            [str(problem) for problem in error.problems],
        )
        return None


def _figure_tables(tables: dict[str, list[dict[str, Any]]], documents: Documents) -> None:
    for section, rows in tables.items():
        if not rows:
            continue
        st.markdown(f"**{SECTION_TITLES.get(section, section)}**")
        st.data_editor(
            rows,
            key=_editor_key(section, documents),
            hide_index=True,
            width="stretch",
            disabled=["Figure", "Shipped pack", "Where", "Source"],
            column_config={
                "Figure": st.column_config.TextColumn(width="medium"),
                "Value": st.column_config.NumberColumn(format="%g", required=True),
                "Shipped pack": st.column_config.NumberColumn(format="%g"),
                "Where": st.column_config.TextColumn(width="small"),
                "Source": st.column_config.TextColumn(width="large"),
            },
        )


def _saved_line(saved: Calibration | None, whose: str) -> str:
    if saved is None:
        return f"{whose}: none saved (the shipped pack applies)."
    count = len(change_rows(default_documents(), saved.documents))
    when = saved.saved_at[:16].replace("T", " ")
    return (
        f"{whose}: saved by {saved.saved_by_label} on {when} UTC, {count} figure(s) differ from "
        "the shipped pack."
    )


def _use_saved(use: Use, saved: Calibration, whose: str) -> None:
    try:
        pack = pack_from_documents(saved.documents)
    except RulePackError as error:  # a pack saved by an older version that no longer reads
        _say("error", f"{whose} no longer reads:", [str(p) for p in error.problems])
        return
    use(pack, saved.documents, whose)
    _say("success", f"Now assessing with {whose}, for this session.")


def _store(
    ws: Workspace, made: tuple[RulePack, Documents], client_id: int | None, use: Use, whose: str
) -> None:
    pack, documents = made
    try:
        ws.calibrations.save(documents, client_id)
    except (WorkspaceError, AdvisorError) as error:
        _say("error", f"{whose} was not saved: {error}")
        return
    use(pack, documents, whose)
    _say("success", f"Saved as {whose}; this session now assesses with it.")


def _remove(ws: Workspace, client_id: int | None, whose: str) -> None:
    try:
        gone = ws.calibrations.remove(client_id)
    except WorkspaceError as error:
        _say("error", f"{whose} was not removed: {error}")
        return
    _say("success", f"Removed {whose}." if gone else f"{whose} was already removed.")


def _firm(ws: Workspace, made: Callable[[], tuple[RulePack, Documents] | None], use: Use) -> None:
    whose = "the firm's pack"
    saved = ws.calibrations.read()
    admin = ws.calibrations.administers()
    st.markdown(plain(_saved_line(saved, "The firm's pack")))
    columns = st.columns(3)
    if columns[0].button(
        "Save as the firm's pack",
        key="rules.calibrate.save_firm",
        disabled=not admin,
        help="The figures in the tables (typed values included) become the pack every "
        "consultant of this workspace can take; the one saved before is replaced.",
        icon=":material/save:",
    ):
        built = made()
        if built is not None:
            _store(ws, built, None, use, whose)
        st.rerun()
    if saved is not None and columns[1].button(
        "Use the firm's pack",
        key="rules.calibrate.use_firm",
        help="Assess with the firm's pack for this session; a case saved then keeps it.",
    ):
        _use_saved(use, saved, whose)
        st.rerun()
    if saved is not None and columns[2].button(
        "Remove the firm's pack",
        key="rules.calibrate.remove_firm",
        disabled=not admin,
        help="Removes the firm's pack from the workspace; saved cases keep their own packs.",
    ):
        _remove(ws, None, whose)
        st.rerun()
    if not admin:
        st.caption(
            ":material/lock: Only an administrator of this workspace changes the firm's pack "
            "(whoever runs the server grants it with `advisor workspace admins --add`)."
        )


def _client(ws: Workspace, made: Callable[[], tuple[RulePack, Documents] | None], use: Use) -> None:
    client = cases.pick_client(ws, CLIENT)
    if client is None:
        return
    whose = f"the pack of client {client.name}"
    saved = ws.calibrations.read(client.id)
    may = allows(client, Action.CALIBRATE)
    st.markdown(plain(_saved_line(saved, f"{client.name}'s pack")))
    columns = st.columns(3)
    if columns[0].button(
        f"Save as {client.name}'s pack",
        key="rules.calibrate.save_client",
        disabled=not may,
        help="The figures in the tables (typed values included) become this client's pack; "
        "the one saved before is replaced.",
        icon=":material/save:",
    ):
        built = made()
        if built is not None:
            _store(ws, built, client.id, use, whose)
        st.rerun()
    if saved is not None and columns[1].button(
        f"Use {client.name}'s pack",
        key="rules.calibrate.use_client",
        help="Assess with this client's pack for this session; a case saved then keeps it.",
    ):
        _use_saved(use, saved, whose)
        st.rerun()
    if saved is not None and columns[2].button(
        f"Remove {client.name}'s pack",
        key="rules.calibrate.remove_client",
        disabled=not may,
        help="Removes this client's pack from the workspace; saved cases keep their own packs.",
    ):
        _remove(ws, client.id, whose)
        st.rerun()
    say_who_may(client, Action.CALIBRATE)


def render(use: Use) -> None:
    """The calibration tab; `use` makes a pack the session's (with its origin in words)."""
    st.caption(
        "Type a figure's new value in its table. The pack is checked before it is used: a "
        "figure that breaks it (a zone's low above its high) is named with its file and line, "
        "and what you typed stays here. Each figure is changed in place in the pack's YAML, "
        "its source and comments kept; download the pack above to see them."
    )
    _notice()
    documents = state.current_pack_documents()
    tables = _tables(documents)
    _figure_tables(tables, documents)

    def made() -> tuple[RulePack, Documents] | None:
        return _built(documents, _edits(documents, tables))

    pending = _edits(documents, tables)
    if st.button(
        f"Use these figures for this session ({len(pending)} changed)",
        key="rules.calibrate.apply",
        disabled=not pending,
        type="primary",
        icon=":material/tune:",
        help="The pack is checked first; a figure that breaks it is named and nothing changes.",
    ):
        built = made()
        if built is not None:
            use(*built, "figures calibrated on this page")
            _say("success", f"Now assessing with {len(pending)} figure(s) changed, this session.")
        st.rerun()
    st.subheader("Kept in the workspace")
    ws = cases.workspace_or_notice()
    if ws is None:
        return
    _firm(ws, made, use)
    _client(ws, made, use)
