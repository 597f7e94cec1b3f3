"""A client's headline case: the one the consultant marked as current, else "today", else the
first saved; and what the client listing reads of a case without parsing its JSON.

A "worse case" what-if saved after the client's "today" is a scenario, not the client's
verdict: the listing shows the headline case's verdict, its date to open the search and its
sector and country, each a column of the case row read by key.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, func, select
from sqlalchemy.sql.expression import ScalarSelect

from advisor.workspace.names import name_key
from advisor.workspace.schema import cases, clients

TODAY = "today"  # the scenario that is the headline case when none is marked


def case_facts(document: Mapping[str, Any], result: Mapping[str, Any]) -> dict[str, str | None]:
    """The columns a save writes beside the case's JSON: the plan's date to open the search
    (`hire_by`, None when the plan dates none) and the profile's sector and country."""
    profile = document.get("profile")
    profile = profile if isinstance(profile, Mapping) else {}
    plan = result.get("plan")
    opens = plan.get("search_opens_on") if isinstance(plan, Mapping) else None
    return {
        "hire_by": opens[:10] if isinstance(opens, str) and opens else None,
        "sector": _text(profile.get("sector")),
        "country": _text(profile.get("country")),
    }


def _text(value: Any) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None


def _one(query: Select[Any]) -> ScalarSelect[Any]:
    return query.correlate(clients).scalar_subquery()


def headline_case_id() -> ColumnElement[Any]:
    """The id of each listed client's headline case (NULL for a client with no case).

    Three lookups by key, correlated to `clients`: the marked case when it is still the
    client's, the case named "today", the client's first case. Each reads the cases' primary
    key or their (client, scenario) index, never the rows of other clients.
    """
    marked = select(cases.c.id).where(
        cases.c.id == clients.c.headline_case_id, cases.c.client_id == clients.c.id
    )
    today = select(cases.c.id).where(
        cases.c.client_id == clients.c.id, cases.c.scenario_key == name_key(TODAY)
    )
    first = select(func.min(cases.c.id)).where(cases.c.client_id == clients.c.id)
    return func.coalesce(_one(marked), _one(today), _one(first), type_=Integer)
