"""The open case in the address: a reload, a second tab or a bookmark lands on the same case.

Pressing F5 on the Workshop page lost the open case ("Open a saved case on the Cases page
first"). The address now carries the open case's client and case ids, never a client's
figures, and a new session opens that case again, when the viewer may see its client.
"""

from __future__ import annotations

from apptest_support import APP, PAGE_SCRIPTS, TIMEOUT_S, open_app, page_text
from roles_support import ANNA, CARL, make_scene
from saved_cases import add_client, save_case
from streamlit.testing.v1 import AppTest
from test_sign_in import AUTH, signed_in

from advisor.profile import FIELDS, load_profile, updated_profile
from advisor.samples import sample_path
from advisor.ui import case_link, cases
from advisor.ui.fields import widget_key

NORTHWIND = sample_path("Northwind Analytics (hire now)")
NOT_OPEN = "Open a saved case on the Cases page first"


def _address(at: AppTest) -> dict[str, str]:
    return {key: at.query_params[key][0] for key in at.query_params}


def test_the_address_of_an_open_case_holds_its_ids_and_no_figures(workspace_url: str) -> None:
    client = add_client(workspace_url, "Northwind")
    summary = save_case(workspace_url, client, "today", load_profile(NORTHWIND))
    at = open_app()
    assert "active_accounts" in _address(at)  # no saved case open: the session's profile
    at = open_app("Cases")
    at.button(key="cases.open").click().run()
    address = _address(at)
    assert address == {"client": str(client.id), "case": str(summary.id)}
    assert not set(address) & set(FIELDS)


def test_a_reload_of_the_workshop_page_lands_on_the_same_case(workspace_url: str) -> None:
    client = add_client(workspace_url, "Northwind")
    save_case(workspace_url, client, "first", load_profile(NORTHWIND))
    profile = updated_profile(load_profile(NORTHWIND), {"active_accounts": 31})
    summary = save_case(workspace_url, client, "plan", profile)
    at = open_app("Cases")
    at.selectbox(key="cases.case").set_value(summary.id).run()
    at.button(key="cases.open").click().run()
    address = _address(at)

    reloaded = open_app("Workshop", query_params=address)  # a new session on the same address
    text = page_text(reloaded)
    assert NOT_OPEN not in text
    assert "No workshop on plan yet" in text
    opened = reloaded.session_state[cases.OPEN]
    assert (opened.client_id, opened.case_id, opened.scenario) == (client.id, summary.id, "plan")
    reloaded.switch_page(PAGE_SCRIPTS["Assess"]).run()
    assert reloaded.number_input(key=widget_key("active_accounts")).value == 31
    assert "No unsaved changes." in page_text(reloaded)


def test_an_address_naming_a_client_the_viewer_may_not_see_opens_nothing(
    workspace_url: str,
) -> None:
    scene = make_scene(workspace_url)
    address = {"client": str(scene.client_id), "case": str(scene.case_id)}
    for who, sees in ((ANNA, True), (CARL, True), ("dave@example.com", False)):
        at = _signed_in_with_address(who, address)
        text = page_text(at)
        if sees:
            assert at.session_state[cases.OPEN].case_id == scene.case_id
            assert "was not opened" not in text
        else:
            assert cases.OPEN not in at.session_state
            assert (
                "The case in the address was not opened: "
                f"client: no client with id {scene.client_id} in this workspace"
            ) in text


def _signed_in_with_address(who: str, address: dict[str, str]) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    at.secrets["auth"] = AUTH
    at.user = signed_in(who)
    at.query_params.update(address)
    at.run()
    assert not at.exception
    return at


def test_a_case_of_another_client_or_a_broken_address_opens_nothing(
    workspace_url: str,
) -> None:
    northwind = add_client(workspace_url, "Northwind")
    acorn = add_client(workspace_url, "Acorn")
    theirs = save_case(workspace_url, acorn, "today", load_profile(NORTHWIND))
    at = open_app(query_params={"client": str(northwind.id), "case": str(theirs.id)})
    assert f"the case {theirs.id} is not a case of Northwind" in page_text(at)
    assert cases.OPEN not in at.session_state
    at = open_app(query_params={"client": "x", "case": "1"})
    assert "the address needs both a client and a case id" in page_text(at)
    at.button(key="shell.dismiss_case").click().run()
    assert case_link.REFUSED not in at.session_state
    assert "was not opened" not in page_text(at)
