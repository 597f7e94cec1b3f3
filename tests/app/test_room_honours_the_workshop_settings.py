"""The room view and the saved consensus keep to the workshop's quorum and anonymity.

The room view once showed the consensus verdict before the quorum had answered and named the
respondents of an anonymous workshop when its toggle was on; the consensus could be saved as a
case while the page itself still said it was waiting for answers.
"""

from __future__ import annotations

import datetime as dt

import pytest
from apptest_support import page_text
from test_workshop_pages import _open_workshop_page, _workshop

from advisor.workspace.consensus import save_consensus
from advisor.workspace.model import WorkspaceError
from advisor.workspace.store import Workspace


def test_the_room_view_waits_for_the_quorum_before_any_verdict(workspace_url: str) -> None:
    case_id, people = _workshop(workspace_url, "Dana", "Ravi", "Lena")
    with Workspace.open(workspace_url) as ws:
        ws.set_workshop_settings(case_id, quorum=2)
        ws.save_answer(people["Dana"][1], "delivery_maturity", "emerging")
    at = _open_workshop_page(workspace_url)
    at.button(key="wk.room.enter").click().run()
    text = page_text(at)
    assert "Waiting for answers" in text
    assert "1 of 3 respondents has answered; the consensus verdict appears once 2 have" in text
    assert "The team's consensus" not in text and "/100" not in text


def test_an_anonymous_workshop_s_room_never_names_anyone(workspace_url: str) -> None:
    case_id, people = _workshop(workspace_url, "Dana", "Ravi")
    with Workspace.open(workspace_url) as ws:
        ws.set_workshop_settings(case_id, anonymous=True)
        ws.save_answer(people["Dana"][1], "delivery_maturity", "standardised")
        ws.save_answer(people["Ravi"][1], "delivery_maturity", "emerging")
    at = _open_workshop_page(workspace_url)
    at.button(key="wk.room.enter").click().run()
    text = page_text(at)
    assert "An anonymous workshop: the room sees how many gave an answer, never who." in text
    assert not [toggle for toggle in at.toggle if toggle.key == "wk.room.names"]
    assert "Ravi" not in text and "Dana" not in text and "2 of 2 have answered." in text


def test_the_consensus_is_not_saved_as_a_case_before_the_quorum(workspace_url: str) -> None:
    case_id, people = _workshop(workspace_url, "Dana", "Ravi")
    with Workspace.open(workspace_url) as ws:
        ws.set_workshop_settings(case_id, quorum=2)
        ws.save_answer(people["Dana"][1], "delivery_maturity", "emerging")
        before = [case.scenario for case in ws.cases(ws.open_case(case_id).summary.client_id)]
        with pytest.raises(WorkspaceError, match="the consensus is not kept yet: 1 of 2"):
            save_consensus(ws, case_id, "consensus", as_of=dt.date(2026, 12, 6))
        after = [case.scenario for case in ws.cases(ws.open_case(case_id).summary.client_id)]
    assert after == before
    at = _open_workshop_page(workspace_url)
    assert "saving it as a scenario, come here once the quorum has answered" in page_text(at)
