"""Every action on a shared client, for every role, through the app.

A colleague a client was shared with could delete the owner's cases (with their workshops and
every answer), give a respondent a new link (the respondent's own link died and the colleague
could answer as them), add respondents and close the workshop. The store refuses all that now
(tests/workspace/test_roles.py); here each page, opened as the owner, a collaborator and a
viewer, offers exactly what `roles.ALLOWED` gives that role, says who may do the rest, and a
page drawn before the role changed gets the store's refusal as a message, never a traceback.
"""

from __future__ import annotations

import pytest
from apptest_support import assert_no_exception, errors_text, page_text
from roles_support import (
    BEN,
    CARL,
    PEOPLE,
    ROLES,
    Scene,
    button,
    make_scene,
    offered,
    open_page,
    signed_in_app,
    with_case_open,
)

from advisor.ui import sharing, workshop_links
from advisor.workspace.roles import ALLOWED, COLLABORATOR, OWNER, VIEWER, Action

# What each page offers, by widget key, and the action each one is.
CASES_PAGE = {
    "cases.save": Action.SAVE_CASE,
    "cases.save_new": Action.SAVE_CASE,
    "cases.rename": Action.RENAME_CASE,
    "cases.duplicate": Action.DUPLICATE_CASE,
    "cases.delete": Action.DELETE_CASE,
    "cases.open": Action.VIEW,
    "cases.reassess": Action.VIEW,
}
CLIENTS_PAGE = {
    "clients.headline": Action.SET_HEADLINE,
    "clients.headline_button": Action.SET_HEADLINE,
    "clients.rename_button": Action.RENAME_CLIENT,
    "clients.archive": Action.ARCHIVE_CLIENT,
    "clients.delete": Action.DELETE_CLIENT,
    sharing.COLLEAGUE: Action.SHARE_CLIENT,
    "clients.open": Action.VIEW,
}
WORKSHOP_PAGE = {
    "wk.extend": Action.RUN_WORKSHOP,
    "wk.close": Action.RUN_WORKSHOP,
    "wk.add": Action.RUN_WORKSHOP,
    "wk.pick": Action.RUN_WORKSHOP,
    "wk.consensus.delivery_maturity": Action.SET_CONSENSUS,
    workshop_links.QUESTIONNAIRE_LANGUAGE: Action.SET_WORKSHOP_LANGUAGE,
    "wk.save_consensus": Action.SAVE_CASE,
}
PAGES = {"Cases": CASES_PAGE, "Clients": CLIENTS_PAGE, "Workshop": WORKSHOP_PAGE}


@pytest.fixture
def scene(workspace_url: str) -> Scene:
    return make_scene(workspace_url)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(PAGES))
def test_each_page_offers_each_role_exactly_what_its_role_allows(
    scene: Scene, page: str, role: str
) -> None:
    at = with_case_open(role, page)
    refused = []
    for key, action in PAGES[page].items():
        allowed = role in ALLOWED[action]
        assert offered(at, key) is allowed, (page, role, key)
        if not allowed:
            refused.append(action)
    text = page_text(at)
    if refused:
        assert f"You are a {role} on Acme" in text
        assert "only its owner (anna@example.com)" in text
    else:
        assert "You are a" not in text


@pytest.mark.parametrize("role", ROLES)
def test_the_owner_alone_reads_the_audit_trail(scene: Scene, role: str) -> None:
    at = open_page(signed_in_app(PEOPLE[role]), "Clients")
    trail = [e for e in at.expander if e.label.startswith("Audit trail")]
    if role == OWNER:
        assert trail
    else:
        assert not trail
        assert "shared the client" not in page_text(at)


def test_a_disabled_action_cannot_be_clicked(scene: Scene) -> None:
    carl = with_case_open(VIEWER, "Cases")
    with pytest.raises(Exception, match="disabled"):
        carl.button(key="cases.delete").click()


# ---------------------------------------------------------------------------------------------
# What a collaborator may do works; what the owner alone may do is the owner's.


def test_a_collaborator_saves_renames_and_duplicates_the_owner_s_case(scene: Scene) -> None:
    ben = with_case_open(COLLABORATOR, "Cases")
    ben.text_input(key="cases.scenario").set_value("ben's what-if").run()
    ben.button(key="cases.save_new").click().run()
    assert "Saved ben's what-if for Acme" in page_text(ben)
    ben.text_input(key="cases.copy_name").set_value("copy").run()
    ben.button(key="cases.duplicate").click().run()
    assert_no_exception(ben)
    with scene.owner() as anna:
        assert {c.scenario for c in anna.cases(scene.client_id)} == {
            "today",
            "ben's what-if",
            "copy",
        }


def test_a_collaborator_sets_a_consensus_but_cannot_run_the_workshop(scene: Scene) -> None:
    ben = with_case_open(COLLABORATOR, "Workshop")
    ben.selectbox(key="wk.consensus.delivery_maturity").set_value("standardised").run()
    assert not ben.main.error
    assert "only its owner (anna@example.com) can run its workshops" in page_text(ben)
    assert button(ben, "wk.renew") is None and button(ben, "wk.revoke") is None
    with scene.owner() as anna:
        workshop = anna.workshop(scene.case_id)
        assert workshop is not None and workshop.open
        assert workshop.overrides == {"delivery_maturity": "standardised"}
        assert [r.revoked for r in workshop.respondents] == [False]


def test_the_owner_deletes_a_case_and_administers_the_workshop(scene: Scene) -> None:
    anna = with_case_open(OWNER, "Workshop")
    anna.selectbox(key="wk.pick").set_value(scene.respondent_id).run()
    anna.button(key="wk.renew").click().run()
    assert [code.value for code in anna.main.code]  # the new link, shown once
    anna.button(key="wk.close").click().run()
    assert "The workshop is closed" in page_text(anna)
    anna = open_page(anna, "Cases")
    anna.button(key="cases.delete").click().run()
    anna.button(key="cases.delete_yes").click().run()
    assert "Deleted the case today." in page_text(anna)


# ---------------------------------------------------------------------------------------------
# A page drawn before the role changed: the store refuses, the page says so.


def test_a_stale_page_of_a_colleague_made_viewer_gets_the_refusal_as_a_message(
    scene: Scene,
) -> None:
    ben = with_case_open(COLLABORATOR, "Cases")
    stale = ben.button(key="cases.save_new")  # drawn while Ben was a collaborator
    with scene.owner() as anna:
        anna.share_client(scene.client_id, BEN, VIEWER)
    stale.click().run()
    assert_no_exception(ben)
    message = errors_text(ben)
    assert "Not saved: client: you are a viewer on client 'Acme'" in message
    assert "only its owner or a collaborator can save cases under it" in message
    assert ben.button(key="cases.save_new").disabled  # and the page now knows
    with scene.owner() as anna:
        assert [c.scenario for c in anna.cases(scene.client_id)] == ["today"]


def test_a_stale_consensus_of_a_colleague_made_viewer_is_refused_with_a_message(
    scene: Scene,
) -> None:
    ben = with_case_open(COLLABORATOR, "Workshop")
    box = ben.selectbox(key="wk.consensus.delivery_maturity")
    with scene.owner() as anna:
        anna.share_client(scene.client_id, BEN, VIEWER)
    box.set_value("standardised").run()
    assert_no_exception(ben)
    assert "only its owner or a collaborator can set a workshop's consensus" in errors_text(ben)
    with scene.owner() as anna:
        workshop = anna.workshop(scene.case_id)
        assert workshop is not None and workshop.overrides == {}


def test_a_stale_rename_after_the_share_ended_is_refused_with_a_message(scene: Scene) -> None:
    ben = with_case_open(COLLABORATOR, "Cases")
    ben.text_input(key="cases.copy_name").set_value("mine now")
    with scene.owner() as anna:
        anna.unshare_client(scene.client_id, BEN)
    ben.button(key="cases.rename").click().run()
    assert_no_exception(ben)
    assert "no saved case" in errors_text(ben)
    assert "Acme" not in [o for box in ben.selectbox for o in box.options]
    with scene.owner() as anna:
        assert [c.scenario for c in anna.cases(scene.client_id)] == ["today"]


# ---------------------------------------------------------------------------------------------
# The sharing panel: the owner picks the role, sees it, changes it.


def test_the_owner_shares_as_a_viewer_and_changes_a_colleague_s_role(scene: Scene) -> None:
    anna = open_page(signed_in_app(PEOPLE[OWNER]), "Clients")
    anna.text_input(key=sharing.COLLEAGUE).set_value("dora@example.com")
    anna.selectbox(key=sharing.ROLE).set_value(VIEWER)
    anna.button(key="FormSubmitter:sharing.form-Share").click().run()
    assert "Shared Acme with dora@example.com as a viewer" in page_text(anna)
    text = page_text(anna)
    for line in ("ben@example.com · collaborator", "carl@example.com · viewer"):
        assert line in text
    with scene.owner() as ws:
        client = ws.client(scene.client_id)
    carl = next(s for s in client.shared_with if s.label == CARL)
    anna.selectbox(key=sharing.role_key(client, carl.colleague)).set_value(COLLABORATOR).run()
    assert "carl@example.com is now a collaborator on Acme." in page_text(anna)
    with scene.owner() as ws:
        roles = {s.label: s.role for s in ws.client(scene.client_id).shared_with}
    assert roles == {BEN: COLLABORATOR, CARL: COLLABORATOR, "dora@example.com": VIEWER}
    carl_now = with_case_open(CARL, "Cases")
    assert offered(carl_now, "cases.save_new")
