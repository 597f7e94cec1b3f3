"""What the acting user's role on a client lets them do, as the pages offer it.

Every page that offers an action on a client asks `allows` (the one table in
`workspace/roles.py`) and draws the action disabled or leaves it out when the role does not
allow it, with `say_who_may` underneath: one short line naming who may. The store checks the
same table again, so a page drawn before a role changed is refused there, with its message.
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from advisor.ui.components import plain
from advisor.workspace.model import Client
from advisor.workspace.roles import ALLOWED, DOING, OWNER, Action, can


def allows(client: Client, action: Action) -> bool:
    return can(client.role, action)


def _who(client: Client, action: Action) -> str:
    owner = f"its owner ({client.owner_label})" if client.owner_label else "its owner"
    return owner if ALLOWED[action] == {OWNER} else f"{owner} or a collaborator"


def who_may(client: Client, actions: Iterable[Action]) -> str:
    """'You are a viewer on Acme: only its owner (anna@…) or a collaborator can save cases
    under it, and only its owner (anna@…) can delete its cases.' Empty when all are allowed."""
    refused = [action for action in actions if not allows(client, action)]
    if not refused:
        return ""
    by_who: dict[str, list[str]] = {}
    for action in refused:
        by_who.setdefault(_who(client, action), []).append(DOING[action])
    clauses = [f"only {who} can {_either(doing)}" for who, doing in by_who.items()]
    return f"You are a {client.role} on {client.name}: " + ", and ".join(clauses) + "."


def _either(items: list[str]) -> str:
    """'a', 'a or b', 'a, b or c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def say_who_may(client: Client, *actions: Action) -> bool:
    """Draw who may do the actions the role does not allow (nothing when all are); True when
    every one is allowed."""
    text = who_may(client, actions)
    if text:
        st.caption(f":material/lock: {plain(text)}")
    return not text
