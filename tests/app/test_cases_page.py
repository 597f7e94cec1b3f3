"""A client's cases: saved and reopened exactly, the stored pack kept, leaving unsaved changes."""

from __future__ import annotations

from typing import Any

from apptest_support import go_to, open_app, page_text, verdict_label
from msgspec.structs import replace
from saved_cases import add_client, save_case

from advisor.engine import evaluate
from advisor.pack import load_pack, pack_from_documents
from advisor.pack.uploads import default_documents
from advisor.profile import load_profile, profile_to_dict
from advisor.samples import sample_path
from advisor.ui import cases, cases_page, role_page, state
from advisor.ui.fields import widget_key
from advisor.workspace.model import CaseDocument
from advisor.workspace.store import Workspace

NORTHWIND = sample_path("Northwind Analytics (hire now)")
BRIGHTPATH = sample_path("BrightPath Digital (prepare)")
ACCOUNTS = widget_key("active_accounts")
NOTES = widget_key("notes")  # the profile's notes on the Assess page: the brief quotes them


def _open_first_case(at: Any) -> None:
    at.button(key="cases.open").click().run()


def test_saving_the_session_as_a_case_and_reopening_it_restores_every_input(
    workspace_url: str,
) -> None:
    add_client(workspace_url, "Northwind")
    at = open_app()
    at.number_input(key=ACCOUNTS).set_value(41).run()
    at.session_state[role_page.EDITS] = {"title": "Head of Accounts"}
    go_to(at, "Cases")
    at.text_input(key=cases_page.SCENARIO).set_value("today").run()
    at.text_area(key=cases_page.NOTES).set_value("Board wants a plan").run()
    at.button(key="cases.save_new").click().run()
    assert "Saved today for Northwind" in page_text(at)
    assert "No unsaved changes." in page_text(at)

    fresh = open_app("Cases")
    _open_first_case(fresh)
    assert fresh.session_state[cases.OPEN].scenario == "today"
    go_to(fresh, "Assess")
    assert fresh.number_input(key=ACCOUNTS).value == 41
    assert fresh.text_area(key=NOTES).value == "Board wants a plan"  # the brief's notes
    go_to(fresh, "Role")
    assert fresh.text_input(key=role_page.TITLE).value == "Head of Accounts"
    go_to(fresh, "Cases")
    assert fresh.text_area(key=cases_page.NOTES).value == "Board wants a plan"
    assert "No unsaved changes." in page_text(fresh)


def test_an_edit_after_opening_shows_as_unsaved_and_save_updates_the_case(
    workspace_url: str,
) -> None:
    client = add_client(workspace_url, "Northwind")
    save_case(workspace_url, client, "today", load_profile(NORTHWIND))
    at = open_app("Cases")
    _open_first_case(at)
    go_to(at, "Assess")
    at.number_input(key=ACCOUNTS).set_value(12).run()
    assert "1 unsaved change: Active client accounts" in page_text(at)
    go_to(at, "Cases")
    at.button(key="cases.save").click().run()
    assert "revision 2" in page_text(at)
    assert "No unsaved changes." in page_text(at)
    with Workspace.open(workspace_url) as ws:
        (summary,) = ws.cases(client.id)
        assert ws.open_case(summary.id).document.profile["active_accounts"] == 12
        assert len(ws.history(client.id)) == 2


def test_opening_another_case_with_unsaved_changes_asks_first(workspace_url: str) -> None:
    client = add_client(workspace_url, "Northwind")
    save_case(workspace_url, client, "today", load_profile(NORTHWIND))
    other = save_case(workspace_url, client, "plan", load_profile(BRIGHTPATH))
    at = open_app("Cases")
    _open_first_case(at)
    opened = at.session_state[cases.OPEN].scenario
    go_to(at, "Assess")
    at.number_input(key=ACCOUNTS).set_value(13).run()
    go_to(at, "Cases")
    assert (
        opened == "plan"
        or at.selectbox(key=cases_page.PICK_CASE).value == at.session_state[cases.OPEN].case_id
    )  # the picker starts on the open case
    target = other.id if opened != "plan" else at.session_state[cases.OPEN].case_id - 1
    at.selectbox(key=cases_page.PICK_CASE).set_value(target).run()
    at.button(key="cases.open").click().run()
    assert "has 1 unsaved change" in page_text(at)
    assert at.session_state[cases.OPEN].scenario == opened  # nothing left yet
    at.button(key="cases.leave_no").click().run()
    assert at.session_state[cases.OPEN].scenario == opened
    go_to(at, "Assess")
    assert at.number_input(key=ACCOUNTS).value == 13  # staying keeps the edit

    go_to(at, "Cases")
    at.selectbox(key=cases_page.PICK_CASE).set_value(target).run()
    at.button(key="cases.open").click().run()
    at.button(key="cases.leave_yes").click().run()
    assert at.session_state[cases.OPEN].scenario != opened


def test_switching_client_with_unsaved_changes_asks_first(workspace_url: str) -> None:
    first = add_client(workspace_url, "Acorn")
    second = add_client(workspace_url, "Brightpath")
    save_case(workspace_url, first, "today", load_profile(NORTHWIND))
    at = open_app("Cases")
    at.selectbox(key=cases_page.PICK_CLIENT).set_value(first.id).run()
    _open_first_case(at)
    go_to(at, "Assess")
    at.number_input(key=ACCOUNTS).set_value(14).run()
    go_to(at, "Cases")
    at.selectbox(key=cases_page.PICK_CLIENT).set_value(second.id).run()
    assert (
        "Switch to Brightpath anyway" in page_text(at)
        or "switch to Brightpath" in page_text(at).lower()
    )
    assert at.selectbox(key=cases_page.PICK_CLIENT).value == first.id
    at.button(key="cases.leave_yes").click().run()
    assert at.selectbox(key=cases_page.PICK_CLIENT).value == second.id
    assert cases.OPEN not in at.session_state


def test_reopening_a_case_gives_its_stored_verdict_after_the_default_pack_changed(
    workspace_url: str,
) -> None:
    # The case was saved when the pack asked less of a hire: its files are stored with it.
    documents = [
        (name, content.replace(b"prepare_at: 30", b"prepare_at: 40"))
        if b"prepare_at: 30" in content
        else (name, content)
        for name, content in default_documents()
    ]
    assert documents != default_documents()
    old_pack = pack_from_documents(documents)
    profile = load_profile(BRIGHTPATH)
    client = add_client(workspace_url, "Brightpath")
    saved = save_case(workspace_url, client, "today", profile, pack=old_pack, documents=documents)
    at = open_app("Cases")
    today = evaluate(profile, pack_from_documents(default_documents()))
    assert saved.verdict != today.verdict.value

    _open_first_case(at)
    go_to(at, "Recommendation")
    assert verdict_label(at) == evaluate(profile, old_pack).verdict_label
    assert "uploaded, this session only" in page_text(at)

    go_to(at, "Cases")
    at.button(key="cases.reassess").click().run()
    text = page_text(at)
    assert f"the verdict would move from {evaluate(profile, old_pack).verdict_label}" in text
    at.button(key="cases.use_today").click().run()
    go_to(at, "Recommendation")
    assert verdict_label(at) == today.verdict_label
    assert "Rule pack" in page_text(at)  # the sidebar names the pack change as unsaved


def test_a_failed_save_keeps_every_input(workspace_url: str) -> None:
    client = add_client(workspace_url, "Northwind")
    save_case(workspace_url, client, "today", load_profile(NORTHWIND))
    at = open_app()
    at.number_input(key=ACCOUNTS).set_value(33).run()
    go_to(at, "Cases")
    at.text_input(key=cases_page.SCENARIO).set_value("Today").run()
    at.button(key="cases.save_new").click().run()
    assert at.main.error
    assert "Your inputs are unchanged" in page_text(at)
    assert at.text_input(key=cases_page.SCENARIO).value == "Today"
    go_to(at, "Assess")
    assert at.number_input(key=ACCOUNTS).value == 33


def test_duplicate_and_delete_a_case(workspace_url: str) -> None:
    client = add_client(workspace_url, "Northwind")
    save_case(workspace_url, client, "today", load_profile(NORTHWIND))
    at = open_app("Cases")
    at.text_input(key=cases_page.COPY_NAME).set_value("after hiring 2 AEs").run()
    at.button(key="cases.duplicate").click().run()
    scenarios = list(at.dataframe[0].value["Scenario"])
    assert sorted(scenarios) == ["after hiring 2 AEs", "today"]
    at.button(key="cases.delete").click().run()
    assert "Delete the case after hiring 2 AEs?" in page_text(at)
    at.button(key="cases.delete_yes").click().run()
    assert list(at.dataframe[0].value["Scenario"]) == ["today"]


def test_hostile_scenario_names_and_notes_show_as_literal_text(workspace_url: str) -> None:
    hostile = '=HYPERLINK("http://evil") **Q3** <img src=x onerror=alert(1)> $x$'
    client = add_client(workspace_url, "<script>alert(1)</script>")
    save_case(workspace_url, client, hostile, load_profile(NORTHWIND), notes=hostile)
    at = open_app("Cases")
    _open_first_case(at)
    text = page_text(at)
    assert f"Open: {hostile}" in text
    assert f"Notes: {hostile}" in text
    assert f"scenario **{hostile}**" in text  # the sidebar (its own bold around the name)
    for element in [*at.main.markdown, *at.sidebar.markdown, *at.main.caption]:
        assert "**Q3**" not in element.value  # escaped, never bold
    assert list(at.dataframe[0].value["Scenario"]) == ["'" + hostile]
    assert profile_to_dict(load_profile(NORTHWIND))  # the sample is untouched


def test_a_case_keeps_the_crm_import_with_its_source_and_mapping(workspace_url: str) -> None:
    client = add_client(workspace_url, "Northwind")
    at = open_app("Portfolio")
    at.button(key="portfolio_use_figures").click().run()
    sources = dict(at.session_state[state.PROFILE_SOURCES])
    assert sources
    go_to(at, "Cases")
    at.button(key="cases.save_new").click().run()
    with Workspace.open(workspace_url) as ws:
        (summary,) = ws.cases(client.id)
        crm = ws.open_case(summary.id).document.crm
    assert crm is not None
    assert crm["source_name"] == "accounts.csv"
    assert crm["mapping"]["account"]  # the column each field was read from
    assert (
        crm["figures"]["active_accounts"]
        == at.session_state[state.PROFILE_VALUES]["active_accounts"]
    )
    assert crm["options"]["as_of"]

    fresh = open_app("Cases")
    _open_first_case(fresh)
    assert dict(fresh.session_state[state.PROFILE_SOURCES]) == sources  # cited as before


def test_a_stored_case_that_no_longer_reads_is_refused_and_the_session_kept(
    workspace_url: str,
) -> None:
    client = add_client(workspace_url, "Northwind")
    profile = load_profile(NORTHWIND)
    values = dict(profile_to_dict(profile), gross_margin=7)  # not a rate any more
    document = CaseDocument(values, None, None, load_pack().digest)
    with Workspace.open(workspace_url) as ws:
        ws.save_case(
            client.id, "old", document, evaluate(profile, load_pack()), default_documents()
        )
    at = open_app()
    at.number_input(key=ACCOUNTS).set_value(44).run()
    go_to(at, "Cases")
    _open_first_case(at)
    assert "The case could not be opened" in page_text(at)
    assert "gross_margin" in page_text(at)
    assert cases.OPEN not in at.session_state
    go_to(at, "Assess")
    assert at.number_input(key=ACCOUNTS).value == 44


def test_save_works_on_a_cases_first_save(workspace_url: str) -> None:
    """ "Save" with no case of the client open refused ("use Save as new"): the first save of
    a case is a save like any other."""
    client = add_client(workspace_url, "Northwind")
    at = open_app("Cases")
    at.text_input(key=cases_page.SCENARIO).set_value("plan").run()
    assert not at.button(key="cases.save").disabled
    at.button(key="cases.save").click().run()
    assert "Saved plan for Northwind (revision 1)" in page_text(at)
    assert at.session_state[cases.OPEN].scenario == "plan"
    go_to(at, "Assess")
    at.number_input(key=ACCOUNTS).set_value(12).run()
    go_to(at, "Cases")
    at.button(key="cases.save").click().run()  # the next save updates it
    assert "Saved plan for Northwind (revision 2)" in page_text(at)
    with Workspace.open(workspace_url) as ws:
        (summary,) = ws.cases(client.id)
        assert (summary.scenario, summary.revision) == ("plan", 2)
        assert ws.open_case(summary.id).document.profile["active_accounts"] == 12


def test_the_case_has_one_notes_field_and_it_is_the_briefs(workspace_url: str) -> None:
    """The Assess page's notes went into the brief and the Cases page's did not: one field now,
    the same on both pages, saved as the case's notes."""
    client = add_client(workspace_url, "Northwind")
    at = open_app("Cases")
    assert len(at.text_area) == 1  # no second notes box
    at.text_area(key=cases_page.NOTES).set_value("Board wants a plan by May").run()
    go_to(at, "Assess")
    assert at.text_area(key=NOTES).value == "Board wants a plan by May"
    assert at.session_state[state.PROFILE_VALUES]["notes"] == "Board wants a plan by May"
    go_to(at, "Cases")
    at.button(key="cases.save").click().run()
    with Workspace.open(workspace_url) as ws:
        (summary,) = ws.cases(client.id)
        document = ws.open_case(summary.id).document
    assert document.notes == document.profile["notes"] == "Board wants a plan by May"
    assert summary.notes == "Board wants a plan by May"


def test_case_notes_are_not_copied_silently_into_the_next_scenario(workspace_url: str) -> None:
    client = add_client(workspace_url, "Northwind")
    at = open_app("Cases")
    at.text_area(key=cases_page.NOTES).set_value("Only about today").run()
    at.button(key="cases.save").click().run()
    assert at.checkbox(key=cases_page.KEEP_NOTES).value is False
    at.text_input(key=cases_page.SCENARIO).set_value("after two AEs").run()
    at.button(key="cases.save_new").click().run()
    text = page_text(at)
    assert "Saved after two AEs for Northwind (revision 1)" in text
    assert "The notes stayed with today; after two AEs has none." in text
    assert at.text_area(key=cases_page.NOTES).value == ""
    at.text_area(key=cases_page.NOTES).set_value("Plan B").run()
    at.checkbox(key=cases_page.KEEP_NOTES).check().run()
    at.text_input(key=cases_page.SCENARIO).set_value("plan c").run()
    at.button(key="cases.save_new").click().run()
    with Workspace.open(workspace_url) as ws:
        notes = {s.scenario: s.notes for s in ws.cases(client.id)}
    assert notes == {"today": "Only about today", "after two AEs": "", "plan c": "Plan B"}


def test_a_case_saved_with_notes_apart_opens_with_both_notes_kept(workspace_url: str) -> None:
    client = add_client(workspace_url, "Northwind")
    profile = replace(load_profile(NORTHWIND), notes="For the brief")
    save_case(workspace_url, client, "today", profile, notes="Kept apart")
    at = open_app("Cases")
    _open_first_case(at)
    assert at.text_area(key=cases_page.NOTES).value == "For the brief\n\nKept apart"
    assert "No unsaved changes." in page_text(at)


def test_a_save_outcome_stays_while_the_next_name_is_typed(workspace_url: str) -> None:
    """Pressing Enter in the name box runs the page again: the message under the buttons must
    not vanish on that run (it pulled the buttons away from the pointer about to click)."""
    add_client(workspace_url, "Northwind")
    at = open_app("Cases")
    at.button(key="cases.save_new").click().run()
    assert "Saved today for Northwind (revision 1)" in page_text(at)
    at.text_input(key=cases_page.SCENARIO).set_value("plan").run()
    assert "Saved today for Northwind (revision 1)" in page_text(at)
    at.text_input(key=cases_page.SCENARIO).set_value("today").run()
    at.button(key="cases.save_new").click().run()
    assert "Not saved: " in page_text(at) and "already has a case named 'today'" in page_text(at)
    at.text_input(key=cases_page.SCENARIO).set_value("plan").run()
    assert "already has a case named 'today'" in page_text(at)
    go_to(at, "Assess")
    go_to(at, "Cases")  # what was done on an earlier visit is not news
    assert "Not saved" not in page_text(at) and "Saved today" not in page_text(at)
