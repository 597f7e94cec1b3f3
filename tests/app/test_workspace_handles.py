"""The app's handles on the workspace database: one open database per address, per server."""

from __future__ import annotations

import pytest

from advisor.ui import cases, state
from advisor.workspace.identity import as_actor


def test_every_user_of_the_app_shares_one_open_database(
    workspace_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A workspace per signed-in user kept forever would grow the server's memory and
    connections with every consultant who ever signed in; users share one database instead."""
    monkeypatch.setattr(state, "acting_user", lambda: as_actor("anna@example.com"))
    anna = cases.workspace()
    monkeypatch.setattr(state, "acting_user", lambda: as_actor("ben@example.com"))
    ben = cases.workspace()
    link = cases.link_workspace()
    assert (anna.user, ben.user) == ("email:anna@example.com", "email:ben@example.com")
    assert anna.database is ben.database is link.database
    client = anna.add_client("Northwind")
    assert [c.id for c in anna.clients()] == [client.id]
    assert ben.clients() == []
