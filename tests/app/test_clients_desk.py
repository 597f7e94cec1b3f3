"""The Clients page as a consultant's desk: each client by its headline case, a picked row that
opens the client, the filters, the list's downloads, and a navigation that keeps its order."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
import streamlit as st
from apptest_support import assert_no_exception, open_app, page_text
from roles_support import deferred_downloads
from saved_cases import add_client, save_case

from advisor.engine import evaluate
from advisor.pack import load_pack
from advisor.pack.uploads import default_documents
from advisor.profile import load_profile, parse_profile, profile_to_dict
from advisor.samples import sample_path
from advisor.ui import cases, clients_desk
from advisor.workspace.desk import COLUMNS
from advisor.workspace.model import CaseDocument
from advisor.workspace.session import verdict_words
from advisor.workspace.store import Workspace

NORTHWIND = sample_path("Northwind Analytics (hire now)")
ACORN = sample_path("Acorn Labs (not yet)")


def _rows(at: Any) -> list[dict[str, Any]]:
    (table,) = [t for t in at.dataframe if "Headline case" in t.value.columns]
    rows: list[dict[str, Any]] = table.value.to_dict("records")
    return rows


def _pick_row(at: Any, index: int) -> Any:
    """Pick a row of the list, as a click on it does (the table's selection state)."""
    state = at.session_state  # no .get() on AppTest's session state
    opened = state[clients_desk.OPENED] if clients_desk.OPENED in state else 0  # noqa: SIM401
    key = f"{clients_desk.TABLE}.{opened}"
    at.session_state[key] = {"selection": {"rows": [index], "columns": [], "cells": []}}
    return at.run()


def test_picking_a_row_opens_that_client_s_cases(workspace_url: str) -> None:
    acorn = add_client(workspace_url, "Acorn")
    northwind = add_client(workspace_url, "Northwind")
    save_case(workspace_url, northwind, "today", load_profile(NORTHWIND))
    at = open_app("Clients")
    assert [row["Client"] for row in _rows(at)] == ["Acorn", "Northwind"]
    _pick_row(at, 1)
    assert_no_exception(at)
    assert at.session_state[cases.CLIENT] == northwind.id
    assert "Saved cases" in page_text(at)  # the Cases page
    assert acorn.id != northwind.id


def test_the_headline_case_decides_the_verdict_column_a_later_what_if_does_not(
    workspace_url: str,
) -> None:
    client = add_client(workspace_url, "Northwind")
    save_case(workspace_url, client, "today", load_profile(NORTHWIND))
    worse = save_case(workspace_url, client, "worse case", load_profile(ACORN))
    pack = load_pack()
    today_words = verdict_words(evaluate(load_profile(NORTHWIND), pack).verdict.value)
    worse_words = verdict_words(evaluate(load_profile(ACORN), pack).verdict.value)
    assert today_words != worse_words
    at = open_app("Clients")
    (row,) = _rows(at)
    assert (row["Headline case"], row["Verdict"], row["Cases"]) == ("today", today_words, 2)
    at.selectbox(key=clients_desk.HEADLINE).set_value(worse.id).run()
    at.button(key="clients.headline_button").click().run()
    assert "worse case is now the headline case of Northwind." in page_text(at)
    (row,) = _rows(at)
    assert (row["Headline case"], row["Verdict"]) == ("worse case", worse_words)


def _tagged(url: str, name: str, sector: str, country: str, day: dt.date) -> None:
    """A client whose "today" is Northwind's figures (hire now: the search opens on `day`)."""
    profile = parse_profile(
        {**profile_to_dict(load_profile(NORTHWIND)), "sector": sector, "country": country}
    )
    pack = load_pack()
    with Workspace.open(url) as ws:
        client = ws.add_client(name)
        document = CaseDocument(
            profile=profile_to_dict(profile), role_edits=None, crm=None, pack_digest=pack.digest
        )
        assessment = evaluate(profile, pack, as_of=day)
        ws.save_case(client.id, "today", document, assessment, default_documents())


def test_the_filters_keep_hire_by_dates_coming_up_and_tags(workspace_url: str) -> None:
    today = dt.date.today()
    _tagged(workspace_url, "Soon", "SaaS", "ES", today + dt.timedelta(days=10))
    _tagged(workspace_url, "Later", "Agency", "PT", today + dt.timedelta(days=40))
    add_client(workspace_url, "Empty")
    at = open_app("Clients", as_of=today)
    assert [row["Client"] for row in _rows(at)] == ["Empty", "Later", "Soon"]
    at.number_input(key=clients_desk.HIRE_WITHIN).set_value(30).run()
    assert [row["Client"] for row in _rows(at)] == ["Soon"]
    assert _rows(at)[0]["Hire by"] == (today + dt.timedelta(days=10)).isoformat()
    at.number_input(key=clients_desk.HIRE_WITHIN).set_value(None).run()
    at.multiselect(key=clients_desk.SECTORS).set_value(["Agency"]).run()
    assert [row["Client"] for row in _rows(at)] == ["Later"]
    at.multiselect(key=clients_desk.COUNTRIES).set_value(["ES"]).run()
    assert "No client matches these filters." in page_text(at)


def test_the_list_downloads_as_csv_with_a_formula_like_name_kept_as_text(
    workspace_url: str,
) -> None:
    add_client(workspace_url, "=cmd()")
    with deferred_downloads() as made:
        at = open_app("Clients")
        assert [row["Client"] for row in _rows(at)] == ["'=cmd()"]  # the table's own CSV too
        table = list(csv.reader(io.StringIO(made["clients.csv"]().decode("utf-8-sig"))))
    assert table[0] == list(COLUMNS) and table[1][0] == "'=cmd()"
    assert made["clients.xlsx"]()[:2] == b"PK"  # a workbook (a zip)


def test_the_pages_keep_their_order_when_the_first_client_is_added(
    workspace_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    orders: list[list[str]] = []
    navigation = st.navigation

    def recorded(pages: Any, *args: Any, **kwargs: Any) -> Any:
        orders.append([page.title for page in pages if page.visibility != "hidden"])
        return navigation(pages, *args, **kwargs)

    monkeypatch.setattr(st, "navigation", recorded)
    open_app("Clients")
    add_client(workspace_url, "First")
    open_app("Clients")
    assert orders and all(order == orders[0] for order in orders), orders
    assert orders[0][:2] == ["Assess", "Recommendation"]
