"""Compare 2–4 saved scenarios of a client side by side, each on the pack it was saved with."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
import streamlit as st

from advisor import wording
from advisor.compare import (
    MAX_SCENARIOS,
    MIN_SCENARIOS,
    Comparison,
    Scenario,
    compare_scenarios,
)
from advisor.export.comparison import render_markdown, render_xlsx
from advisor.i18n import _, p_
from advisor.pack.uploads import UploadedPack
from advisor.problems import AdvisorError
from advisor.profile import parse_profile
from advisor.ui import cases, state
from advisor.ui.components import (
    VERDICT_LOOKS,
    data_table,
    formula_safe_table,
    lines_needed,
    plain,
    wrapped,
)
from advisor.workspace.model import CaseSummary, Client, WorkspaceError
from advisor.workspace.session import comparison_rows, differences_rows, stored_pack
from advisor.workspace.store import Workspace

PICK_CLIENT = "compare.client"
PICK_CASES = "compare.cases"
ONLY_DIFFERENCES = "compare.only_differences"
DIFFERS_FILL = "background-color: #fff3c4"  # the "Differs" column says it in words too
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def render() -> None:
    st.title(_("Compare"))
    st.caption(
        _(
            "{low} to {high} saved scenarios of one client side by side, each assessed on the "
            "rule pack it was saved with.",
            low=MIN_SCENARIOS,
            high=MAX_SCENARIOS,
        )
    )
    ws = cases.workspace_or_notice()
    if ws is None:
        return
    try:
        client = cases.pick_client(ws, PICK_CLIENT)
        if client is None:
            return
        summaries = ws.cases(client.id)
    except WorkspaceError as error:
        st.error(plain(cases.error_text(error)), icon=":material/database:")
        return
    chosen = _pick_cases(summaries)
    if len(chosen) < MIN_SCENARIOS:
        if len(summaries) >= MIN_SCENARIOS:
            st.info(_("Choose at least {count} scenarios to compare.", count=MIN_SCENARIOS))
        else:
            st.info(
                _(
                    "Choose at least {count} scenarios to compare: save another case of this "
                    "client.",
                    count=MIN_SCENARIOS,
                )
            )
        return
    try:
        comparison = compare_scenarios(
            [_scenario(ws, summary) for summary in chosen], as_of=state.as_of()
        )
    except AdvisorError as error:
        st.error(plain(cases.error_text(error)), icon=":material/error:")
        return
    _show(comparison, client)


def _pick_cases(summaries: list[CaseSummary]) -> list[CaseSummary]:
    by_id = {summary.id: summary for summary in summaries}
    kept = [case_id for case_id in st.session_state.get(PICK_CASES) or [] if case_id in by_id]
    if not kept:
        kept = list(by_id)[:MIN_SCENARIOS]
    st.session_state[PICK_CASES] = kept
    chosen = st.multiselect(
        _("Scenarios (the first is the baseline the others are measured against)"),
        list(by_id),
        key=PICK_CASES,
        format_func=lambda i: by_id[i].scenario,
        max_selections=MAX_SCENARIOS,
    )
    return [by_id[case_id] for case_id in chosen]


def _scenario(ws: Workspace, summary: CaseSummary) -> Scenario:
    case = ws.open_case(summary.id)
    files = ws.case_pack_files(summary.id)
    pack = state.uploaded_pack(files, lambda docs: UploadedPack(stored_pack(docs), docs, []))
    return Scenario(
        name=summary.scenario,
        profile=parse_profile(case.document.profile),
        pack=pack.pack,
        role_edits=case.document.role_edits,
    )


def _show(comparison: Comparison, client: Client) -> None:
    for line in comparison.lines:
        st.info(plain(line), icon=":material/lightbulb:")
    columns = st.columns(len(comparison.scenarios))
    for column, result in zip(columns, comparison.scenarios, strict=True):
        look = VERDICT_LOOKS[result.assessment.verdict]
        with column.container(border=True):
            st.markdown(f"**{plain(result.name)}**")
            label = plain(result.assessment.verdict_label)
            st.badge(label, icon=look.icon, color=look.badge_colour)  # type: ignore[arg-type]
            # "not scored" for a gate's verdict: it never reads as a high score beside the rest.
            st.caption(plain(wording.capitalised(result.assessment.readiness)))
    only = st.checkbox(_("Show only what differs"), key=ONLY_DIFFERENCES)
    st.subheader(_("Inputs"))
    inputs = comparison_rows(
        comparison, comparison.inputs, only_differences=only, with_section=False
    )
    _table(inputs)
    st.subheader(_("Outcomes"))
    # Headlines and "what holds it back" are sentences: rows tall enough to wrap them whole.
    _table(comparison_rows(comparison, comparison.outcomes, only_differences=only))
    st.subheader(_("What each difference does alone"))
    if comparison.differences:
        rows = differences_rows(comparison)
        widths = _widths(rows)
        data_table(
            pd.DataFrame(rows),
            hide_index=True,
            width="stretch",
            column_config=_text_columns(widths),
            **wrapped(lines_needed(rows, widths, TEXT_WIDTH)),
        )
    else:
        st.caption(_("Every input is the same in every scenario."))
    _downloads(comparison, client)


# Column widths in pixels: a short column its header's, a sentence column wide enough to wrap.
# (The tables' headers are the workspace's, `p_("column", …)`: looked up in the same words.)
SHORT_COLUMNS = {"Section": 130, "Item": 190, "Input": 190, "Differs": 80}
TEXT_WIDTH = 260
WIDE_COLUMNS = {"What it does alone": 420, "Alone changes the verdict": 110}


def _widths(rows: list[dict[str, str]]) -> dict[str, int]:
    names = list(rows[0]) if rows else []
    known = {p_("column", name): width for name, width in {**SHORT_COLUMNS, **WIDE_COLUMNS}.items()}
    return {name: known.get(name, TEXT_WIDTH) for name in names}


def _text_columns(widths: dict[str, int]) -> dict[str, Any]:
    return {name: st.column_config.TextColumn(width=width) for name, width in widths.items()}


def _table(rows: list[dict[str, str]]) -> None:
    """Every row in view (no scrolling inside the table), differing rows highlighted, each
    long text wrapped whole."""
    if not rows:
        st.caption(_("Nothing differs here."))
        return
    widths = _widths(rows)
    frame = formula_safe_table(pd.DataFrame(rows))

    def highlight(row: pd.Series) -> list[str]:
        return [DIFFERS_FILL if row[p_("column", "Differs")] else "" for _cell in row]

    data_table(
        frame.style.apply(highlight, axis=1),
        hide_index=True,
        width="stretch",
        height="content",
        column_config=_text_columns(widths),
        **wrapped(lines_needed(rows, widths, TEXT_WIDTH)),
    )


def _file_stem(client: Client) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", client.name.lower()).strip("-")
    return f"{slug or 'client'}-comparison"


def _downloads(comparison: Comparison, client: Client) -> None:
    markdown_col, xlsx_col = st.columns(2)
    markdown_col.download_button(
        _("Download as Markdown"),
        data=cases.recorded_download(
            lambda: render_markdown(comparison), "comparison.md", client.id, None
        ),
        file_name=f"{_file_stem(client)}.md",
        mime="text/markdown",
        key="compare.download_md",
        on_click="ignore",
        icon=":material/download:",
    )
    xlsx_col.download_button(
        _("Download as XLSX"),
        data=cases.recorded_download(
            lambda: render_xlsx(comparison), "comparison.xlsx", client.id, None
        ),
        file_name=f"{_file_stem(client)}.xlsx",
        mime=XLSX_MIME,
        key="compare.download_xlsx",
        on_click="ignore",
        icon=":material/table:",
    )
