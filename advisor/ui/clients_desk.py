"""The Clients page's desk: every client's headline case, filtered, opened by its row, exported.

The listing is the store's one query; the filters, the rows and the files are the core's
(`workspace/desk.py`, `export/client_list.py`), so `advisor clients list` gives the same. A
row picked in the table opens that client's cases; the table's key changes once it has, so
coming back finds nothing picked.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from advisor.export.client_list import render
from advisor.i18n import _, n_, p_
from advisor.i18n.formats import number
from advisor.ui import cases, permissions, state
from advisor.ui.components import browser_zone, data_table, plain, zone_words
from advisor.workspace.desk import (
    MOST_DAYS,
    MOST_MONTHS,
    DeskFilter,
    desk_rows,
    filtered,
    labelled,
    tags,
)
from advisor.workspace.model import Client, WorkspaceError
from advisor.workspace.roles import Action
from advisor.workspace.store import Workspace

HIRE_WITHIN = "clients.hire_within"
STALE = "clients.stale_months"
SECTORS = "clients.sectors"
COUNTRIES = "clients.countries"
TABLE = "clients.table"  # the table's key, with the number of rows opened so far
OPENED = "clients.opened"
HEADLINE = "clients.headline"
HEADLINE_FOR = "clients.headline_for"  # the client the headline picker was filled for
KEPT = (HIRE_WITHIN, STALE, SECTORS, COUNTRIES)
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def desk(clients: list[Client], me: str | None, open_client: Callable[[Client], None]) -> None:
    """The filters, the table (a picked row calls `open_client`) and the two downloads."""
    chosen = _filters(clients)
    shown = filtered(clients, chosen, state.as_of())
    zone, zone_name = browser_zone()
    rows = labelled(desk_rows(shown, me=me, zone=zone))
    st.caption(
        # Translators: {total} is the number of clients before the filters; {zone} says which
        # clock the times are in ("times in Europe/Madrid"). "Hire by" is the column's header.
        n_(
            "{count} client of {total} shown; each row is the client's headline case (marked "
            'under Manage a client, else "today", else its first case); "Hire by" is the date '
            "its plan opens the search ({zone}). Pick a row to open the client's cases.",
            "{count} clients of {total} shown; each row is the client's headline case (marked "
            'under Manage a client, else "today", else its first case); "Hire by" is the date '
            "its plan opens the search ({zone}). Pick a row to open the client's cases.",
            len(shown),
            count=number(len(shown)),
            total=len(clients),
            zone=zone_words(zone_name),
        )
    )
    if not shown:
        st.info(_("No client matches these filters."), icon=":material/filter_alt_off:")
        return
    key = f"{TABLE}.{st.session_state.get(OPENED, 0)}"
    event = data_table(
        pd.DataFrame(rows),
        hide_index=True,
        width="stretch",
        key=key,
        on_select="rerun",
        selection_mode="single-row",
    )
    picked = list(event.selection.rows) if event is not None else []
    if picked:
        st.session_state[OPENED] = st.session_state.get(OPENED, 0) + 1
        open_client(shown[picked[0]])
    _downloads(rows)


def _filters(clients: list[Client]) -> DeskFilter:
    sectors, countries = tags(clients)
    hire_col, stale_col, sector_col, country_col = st.columns(4)
    hire_within = hire_col.number_input(
        _("Hire by within (days)"),
        min_value=0,
        max_value=MOST_DAYS,
        value=None,
        step=30,
        key=HIRE_WITHIN,
        placeholder=_("any date"),
        help=_(
            "Only clients whose headline case opens the search within this many days "
            "(a date already passed included), soonest first."
        ),
    )
    stale = stale_col.number_input(
        _("Not re-assessed for (months)"),
        min_value=0,
        max_value=MOST_MONTHS,
        value=None,
        step=1,
        key=STALE,
        placeholder=_("any time"),
        help=_("Only clients whose headline case was last saved this many months ago or more."),
    )
    for key, known in ((SECTORS, sectors), (COUNTRIES, countries)):  # a tag no client has now
        if key in st.session_state:
            st.session_state[key] = [tag for tag in st.session_state[key] if tag in known]
    picked_sectors = sector_col.multiselect(
        p_("filter", "Sector"),
        sectors,
        key=SECTORS,
        placeholder=p_("filter", "any"),
        help=_(
            "Only clients whose headline case names one of these sectors (its profile's sector)."
        ),
    )
    picked_countries = country_col.multiselect(
        p_("filter", "Country"),
        countries,
        key=COUNTRIES,
        placeholder=p_("filter", "any"),
        help=_(
            "Only clients whose headline case names one of these countries (its profile's country)."
        ),
    )
    return DeskFilter.of(
        hire_within_days=None if hire_within is None else int(hire_within),
        stale_months=None if stale is None else int(stale),
        sectors=picked_sectors,
        countries=picked_countries,
    )


def _downloads(rows: list[dict[str, object]]) -> None:
    columns = list(rows[0]) if rows else []
    csv_col, xlsx_col = st.columns(2)
    csv_col.download_button(
        _("Download the list as CSV"),
        data=lambda: render(rows, columns, "csv"),
        file_name="clients.csv",
        mime="text/csv",
        key="clients.download_csv",
        help=_("The clients as listed, with the filters above, as a CSV file."),
        on_click="ignore",
        icon=":material/download:",
    )
    xlsx_col.download_button(
        _("Download the list as XLSX"),
        data=lambda: render(rows, columns, "xlsx"),
        file_name="clients.xlsx",
        mime=XLSX_MIME,
        key="clients.download_xlsx",
        help=_("The clients as listed, with the filters above, as an Excel workbook."),
        on_click="ignore",
        icon=":material/table:",
    )


def headline_picker(ws: Workspace, client: Client, say: Callable[[str, str], None]) -> None:
    """The client's cases, the headline one chosen; an editor marks another one as headline
    (the page's line on who may do what names this action too)."""
    try:
        found = ws.cases(client.id)
    except WorkspaceError as error:
        st.error(plain(cases.error_text(error)), icon=":material/database:")
        return
    if not found:
        return
    by_id = {case.id: case for case in found}
    current = client.headline.case_id if client.headline else found[0].id
    if (
        st.session_state.get(HEADLINE_FOR) != client.id
        or st.session_state.get(HEADLINE) not in by_id
    ):
        st.session_state[HEADLINE_FOR] = client.id
        st.session_state[HEADLINE] = current
    allowed = permissions.allows(client, Action.SET_HEADLINE)
    pick_col, button_col = st.columns([3, 1], vertical_alignment="bottom")
    pick_col.selectbox(
        _("Headline case"),
        list(by_id),
        key=HEADLINE,
        format_func=lambda case_id: _case_label(by_id[case_id].scenario, case_id == current),
        disabled=not allowed,
        help=_("The case whose verdict, hire-by date, sector and country the list shows."),
    )
    button_col.button(
        _("Mark as headline"),
        key="clients.headline_button",
        on_click=_mark,
        args=(ws, client, say),
        disabled=not allowed,
        icon=":material/star:",
    )


def _case_label(scenario: str, headline: bool) -> str:
    # Translators: a case in the headline picker; {scenario} is the case's name.
    return _("{scenario} (headline)", scenario=scenario) if headline else scenario


def _mark(ws: Workspace, client: Client, say: Callable[[str, str], None]) -> None:
    case_id = st.session_state.get(HEADLINE)
    if not isinstance(case_id, int):
        return
    try:
        changed = ws.set_headline(client.id, case_id)
    except WorkspaceError as error:
        say("error", cases.error_text(error))
        return
    head = changed.headline
    scenario = head.scenario if head else ""
    say(
        "success",
        _(
            "{scenario} is now the headline case of {client}.",
            scenario=scenario,
            client=changed.name,
        ),
    )
