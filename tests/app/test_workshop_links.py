"""Respondents' links in the app: they expire (the days chosen when the workshop opens, shown to
the consultant, extended by its owner), closing ends them until the workshop is reopened with a
new expiry, and without sign-in they open on this computer only unless the host allows them.

Workshop links used to work forever, and respondents' links were answered on 0.0.0.0 without
sign-in while the rest of the app refused to be.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from apptest_support import (
    APP,
    TIMEOUT_S,
    assert_no_exception,
    go_to,
    open_app,
    page_text,
    table_with_column,
    unescape,
)
from roles_support import make_scene, save, with_case_open
from saved_cases import add_client
from sqlalchemy import create_engine, update
from streamlit.testing.v1 import AppTest
from test_sign_in import AUTH, listening_everywhere  # noqa: F401 (a fixture)

from advisor.wording import local_minute
from advisor.workspace.roles import VIEWER
from advisor.workspace.schema import workshops
from advisor.workspace.store import Workspace
from advisor.workspace.workshops import LINK_DAYS

NOT_VALID = "This link is not valid"


def _workshop_page(url: str, *, started: bool = True) -> tuple[AppTest, int, str]:
    """The local owner's Workshop page on a saved case; with `started`, a workshop with Dana."""
    client = add_client(url, "Acme")
    with Workspace.open(url) as ws:
        case_id = save(ws, client.id, "today")
        token = ""
        if started:
            ws.start_workshop(case_id)
            _respondent, token = ws.add_respondent(case_id, "Dana", "delivery")
    at = open_app("Cases")
    at.button(key="cases.open").click().run()
    return go_to(at, "Workshop"), case_id, token


def _expiry(url: str, case_id: int) -> dt.datetime:
    with Workspace.open(url) as ws:
        workshop = ws.workshop(case_id)
    assert workshop is not None and workshop.expires_at
    return dt.datetime.fromisoformat(workshop.expires_at)


def _opens(token: str) -> bool:
    text = page_text(open_app(query_params={"workshop": token}))
    return "answering as **Dana**" in text and NOT_VALID not in text


def _link_states(at: AppTest) -> list[str]:
    return list(table_with_column(at, "Link").value["Link"])


def _in_days(days: int) -> dt.datetime:
    return dt.datetime.now(dt.UTC) + dt.timedelta(days=days)


def test_a_workshop_opens_for_the_days_chosen_and_says_until_when(workspace_url: str) -> None:
    at, case_id, _ = _workshop_page(workspace_url, started=False)
    assert at.number_input(key="wk.days").value == LINK_DAYS == 21
    at.number_input(key="wk.days").set_value(7).run()
    at.button(key="wk.start").click().run()
    until = _expiry(workspace_url, case_id)
    assert abs(until - _in_days(7)) < dt.timedelta(minutes=5)
    assert f"links work until {local_minute(until.isoformat())}" in page_text(at)


def test_expired_links_open_nothing_until_the_owner_extends_them(workspace_url: str) -> None:
    at, case_id, token = _workshop_page(workspace_url)
    engine = create_engine(workspace_url)
    with engine.begin() as connection:
        connection.execute(update(workshops).values(expires_at="2020-01-01T00:00:00+00:00"))
    engine.dispose()
    go_to(at, "Workshop")
    text = page_text(at)
    assert "The respondents' links expired on 2020-01-01" in text
    assert "no link opens until you extend them" in text
    assert _link_states(at) == ["expired"]
    assert not _opens(token)
    at.number_input(key="wk.days").set_value(3).run()
    at.button(key="wk.extend").click().run()
    assert abs(_expiry(workspace_url, case_id) - _in_days(3)) < dt.timedelta(minutes=5)
    assert _link_states(at) == ["works"]
    assert "respondents' links work until" in page_text(at)
    assert _opens(token)


def test_closing_ends_the_links_and_reopening_gives_a_new_expiry(workspace_url: str) -> None:
    at, case_id, token = _workshop_page(workspace_url)
    first = _expiry(workspace_url, case_id)
    at.button(key="wk.close").click().run()
    assert _link_states(at) == ["closed"]
    assert not _opens(token)
    assert at.number_input(key="wk.days")  # the days of the next opening
    at.number_input(key="wk.days").set_value(2).run()
    at.button(key="wk.reopen").click().run()
    again = _expiry(workspace_url, case_id)
    assert again != first and abs(again - _in_days(2)) < dt.timedelta(minutes=5)
    assert _link_states(at) == ["works"]
    assert _opens(token)


def test_a_colleague_sees_when_the_links_stop_but_cannot_extend_them(workspace_url: str) -> None:
    scene = make_scene(workspace_url)
    carl = with_case_open(VIEWER, "Workshop", timezone="Asia/Kolkata")
    with scene.owner() as ws:
        workshop = ws.workshop(scene.case_id)
    assert workshop is not None
    shown = local_minute(workshop.expires_at, dt.timezone(dt.timedelta(hours=5, minutes=30)))
    assert f"links work until {shown} (times in Asia/Kolkata)" in page_text(carl)
    assert not [b for b in carl.button if b.key in ("wk.extend", "wk.close", "wk.reopen")]
    assert not carl.number_input


# ---------------------------------------------------------------------------------------------
# Without sign-in, beyond this computer


def _link_app(token: str, secrets: dict[str, Any] | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    for name, section in (secrets or {}).items():
        at.secrets[name] = section
    at.query_params["workshop"] = token
    at.run()
    assert_no_exception(at)
    return at


@pytest.fixture
def dana(workspace_url: str) -> str:
    client = add_client(workspace_url, "Acme")
    with Workspace.open(workspace_url) as ws:
        case_id = save(ws, client.id, "today")
        ws.start_workshop(case_id)
        return ws.add_respondent(case_id, "Dana", "delivery")[1]


def test_on_this_computer_a_link_opens_without_sign_in(dana: str) -> None:
    assert "answering as **Dana**" in page_text(_link_app(dana))


def test_respondent_links_are_served_on_0_0_0_0_without_sign_in(
    dana: str,
    listening_everywhere: None,  # noqa: F811
) -> None:
    at = _link_app(dana)
    (error,) = at.main.error
    message = unescape(error.value)
    assert "This questionnaire cannot be opened here" in message
    assert "listens on 0.0.0.0 without sign-in" in message
    assert "respondent_links_without_sign_in = true" in message
    text = page_text(at)
    assert "Dana" not in text and "Acme" not in text
    assert not at.radio and not at.main.dataframe


def test_the_host_may_allow_links_beyond_this_computer_without_sign_in(
    dana: str,
    listening_everywhere: None,  # noqa: F811
) -> None:
    allowed = {"advisor": {"respondent_links_without_sign_in": True}}
    assert "answering as **Dana**" in page_text(_link_app(dana, allowed))
    workspace = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    workspace.secrets["advisor"] = allowed["advisor"]
    workspace.run()  # the rest of the app stays closed: only the links are allowed
    assert "sign-in is not configured" in unescape(workspace.main.error[0].value)


@pytest.mark.parametrize("value", ["true", 1, "yes"])
def test_a_setting_that_is_not_a_boolean_keeps_links_closed_naming_it(
    dana: str,
    listening_everywhere: None,  # noqa: F811
    value: Any,
) -> None:
    at = _link_app(dana, {"advisor": {"respondent_links_without_sign_in": value}})
    message = unescape(at.main.error[0].value)
    assert "secrets.toml: [advisor] › respondent_links_without_sign_in: expected true or false" in (
        message
    )
    assert "Dana" not in page_text(at)


def test_with_sign_in_a_link_opens_beyond_this_computer(
    dana: str,
    listening_everywhere: None,  # noqa: F811
) -> None:
    assert "answering as **Dana**" in page_text(_link_app(dana, {"auth": AUTH}))
