"""A client's history: every saved assessment over time, and what changed between two of them."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from advisor import charts, present
from advisor.engine import Verdict
from advisor.i18n import _, p_
from advisor.ui import cases
from advisor.ui.components import browser_zone, data_table, plain, zone_words
from advisor.workspace.model import HistoryPoint, WorkspaceError
from advisor.workspace.session import (
    changes_table,
    history_table,
    point_changes,
    point_label,
    shared_score_bands,
)

PICK_CLIENT = "history.client"
BEFORE = "history.before"
AFTER = "history.after"
_CHART_CONFIG = {"displaylogo": False, "responsive": True}


def render() -> None:
    st.title(_("History"))
    ws = cases.workspace_or_notice()
    if ws is None:
        return
    try:
        client = cases.pick_client(ws, PICK_CLIENT)
        if client is None:
            return
        points = ws.history(client.id)
        bands_by_pack = cases.history_bands(ws, client.id) if points else {}
    except WorkspaceError as error:
        st.error(plain(cases.error_text(error)), icon=":material/database:")
        return
    if not points:
        st.info(
            _(
                "Nothing saved for {client} yet: every save of one of its cases adds a point here.",
                client=plain(client.name),
            ),
            icon=":material/history:",
        )
        return
    bands, no_bands = shared_score_bands(points, bands_by_pack)
    zone, zone_name = browser_zone()
    st.plotly_chart(
        charts.history_figure(points, bands, zone),
        width="stretch",
        config=_CHART_CONFIG,
        key="history.chart",
    )
    if no_bands:
        st.caption(plain(no_bands))
    gated = present.history_gate_caption(
        sum(point.verdict == Verdict.FIX_DELIVERY_FIRST for point in points)
    )
    if gated:
        st.caption(plain(gated))
    st.caption(_("Saved at, {zone}, to the minute.", zone=plain(zone_words(zone_name))))
    data_table(pd.DataFrame(history_table(points, zone)), hide_index=True, width="stretch")
    _what_changed(points, zone)


def _what_changed(points: list[HistoryPoint], zone: dt.tzinfo | None) -> None:
    st.subheader(_("What changed between two points"))
    if len(points) < 2:
        st.caption(_("Save the case again after a change to compare two points."))
        return
    by_id = {point.id: point for point in points}
    ids = list(by_id)
    if st.session_state.get(BEFORE) not in by_id:
        st.session_state[BEFORE] = ids[-2]
    if st.session_state.get(AFTER) not in by_id:
        st.session_state[AFTER] = ids[-1]
    before_col, after_col = st.columns(2)
    first = before_col.selectbox(
        p_("history", "From"), ids, key=BEFORE, format_func=lambda i: point_label(by_id[i], zone)
    )
    second = after_col.selectbox(
        p_("history", "To"), ids, key=AFTER, format_func=lambda i: point_label(by_id[i], zone)
    )
    older, newer = sorted((by_id[int(first)], by_id[int(second)]), key=lambda p: p.saved_at)
    changes = point_changes(older, newer)
    st.markdown(plain(changes.summary()))
    if changes.inputs:
        data_table(pd.DataFrame(changes_table(changes.inputs)), hide_index=True, width="stretch")
