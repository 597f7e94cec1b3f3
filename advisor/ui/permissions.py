"""What the acting user's role on a client lets them do, as the pages offer it.

Every page that offers an action on a client asks `allows` (the one table in
`workspace/roles.py`) and draws the action disabled or leaves it out when the role does not
allow it, with `say_who_may` underneath: one short line naming who may. The store checks the
same table again, so a page drawn before a role changed is refused there, with its message.
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from advisor.i18n import _
from advisor.ui.components import plain
from advisor.workspace.desk import role_label
from advisor.workspace.model import Client
from advisor.workspace.roles import ALLOWED, DOING, OWNER, Action, can


def allows(client: Client, action: Action) -> bool:
    return can(client.role, action)


def doing(action: Action) -> str:
    """What `action` does, as the end of "only its owner can …", in the current language (the
    words of `roles.DOING`)."""
    return _(DOING[action])


def _either(items: list[str]) -> str:
    """'a', 'a or b', 'a, b or c'."""
    if len(items) == 1:
        return items[0]
    # Translators: the last two of the things only some people can do: "rename it or delete it";
    # {first} may itself be a comma-separated list.
    return _("{first} or {last}", first=", ".join(items[:-1]), last=items[-1])


def _clause(client: Client, owner_only: bool, doing: str) -> str:
    """'only its owner (anna@…) can …', 'only its owner or a collaborator can …'."""
    owner = client.owner_label
    if owner_only and owner:
        # Translators: {owner} is the owner's name or e-mail; {doing} is what they can do.
        return _("only its owner ({owner}) can {doing}", owner=owner, doing=doing)
    if owner_only:
        return _("only its owner can {doing}", doing=doing)
    if owner:
        return _("only its owner ({owner}) or a collaborator can {doing}", owner=owner, doing=doing)
    return _("only its owner or a collaborator can {doing}", doing=doing)


def who_may(client: Client, actions: Iterable[Action]) -> str:
    """'You are a viewer on Acme: only its owner (anna@…) or a collaborator can save cases
    under it, and only its owner (anna@…) can delete its cases.' Empty when all are allowed."""
    refused = [action for action in actions if not allows(client, action)]
    if not refused:
        return ""
    by_who: dict[bool, list[str]] = {}
    for action in refused:
        by_who.setdefault(ALLOWED[action] == {OWNER}, []).append(doing(action))
    clauses = [_clause(client, owner_only, _either(doing)) for owner_only, doing in by_who.items()]
    if len(clauses) == 1:
        # Translators: {role} is "collaborator" or "viewer"; {client} the client's name; {rule}
        # says who can do what ("only its owner can delete it").
        return _(
            "You are a {role} on {client}: {rule}.",
            role=role_label(client.role),
            client=client.name,
            rule=clauses[0],
        )
    # Translators: as above, with two rules, each "only … can …".
    return _(
        "You are a {role} on {client}: {first}, and {second}.",
        role=role_label(client.role),
        client=client.name,
        first=clauses[0],
        second=clauses[1],
    )


def say_who_may(client: Client, *actions: Action) -> bool:
    """Draw who may do the actions the role does not allow (nothing when all are); True when
    every one is allowed."""
    text = who_may(client, actions)
    if text:
        st.caption(":material/lock: " + plain(text))
    return not text
