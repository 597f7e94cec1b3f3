"""The workshop in the app: a respondent's link opens only their questionnaire and saves every
answer as it changes; a link changed, revoked or closed opens nothing; the consultant's Workshop
page shows the grid, the verdicts, the decisive disagreements, the consensus and the room view."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from apptest_support import (
    APP,
    TIMEOUT_S,
    assert_no_exception,
    go_to,
    open_app,
    page_text,
    unescape,
)
from saved_cases import add_client, save_case
from streamlit.testing.v1 import AppTest

from advisor.profile import parse_profile
from advisor.ui import workshop_page
from advisor.workshop import compare
from advisor.workspace.store import Workspace
from advisor.yamlio import read_document

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = '=HYPERLINK("http://evil.example") [x](http://evil.example) *Dana*'


def _case(url: str) -> int:
    base = dict(read_document(ROOT / "tests" / "rule_cases" / "base.yaml"))
    profile = parse_profile({**base, "churn_trend": "rising", "company": "Northwind"})
    client = add_client(url, "Northwind")
    return save_case(url, client, "today", profile).id


def _workshop(url: str, *names: str) -> tuple[int, dict[str, tuple[int, str]]]:
    case_id = _case(url)
    people = {}
    with Workspace.open(url) as ws:
        ws.start_workshop(case_id)
        for name in names:
            respondent, token = ws.add_respondent(case_id, name, "delivery")
            people[name] = (respondent.id, token)
    return case_id, people


def _key(respondent_id: int, field: str, part: str = "value") -> str:
    return f"wq.{respondent_id}.{field}.{part}"


def test_a_link_opens_the_questionnaire_with_the_facts_and_every_question(
    workspace_url: str,
) -> None:
    _, people = _workshop(workspace_url, "Dana")
    rid, token = people["Dana"]
    at = open_app(query_params={"workshop": token})
    text = page_text(at)
    assert "Workshop questionnaire" in text and "answering as **Dana**" in text
    assert "Northwind" in text
    assert len(at.main.dataframe) == 1  # the case's facts, shown not asked
    radio = at.radio(key=_key(rid, "delivery_maturity"))
    assert "Don't know" in [radio.format_func(o) for o in radio.options]  # type: ignore[attr-defined]
    assert radio.help and "standardised" in radio.help.casefold()
    assert not at.sidebar.children or not page_text(at).count("Clients")


def test_answers_are_saved_on_every_change_and_survive_a_new_session(workspace_url: str) -> None:
    case_id, people = _workshop(workspace_url, "Dana")
    rid, token = people["Dana"]
    at = open_app(query_params={"workshop": token})
    at.radio(key=_key(rid, "delivery_maturity")).set_value("emerging").run()
    at.text_area(key=_key(rid, "delivery_maturity", "comment")).set_value("ad hoc").run()
    yes_no = at.radio(key=_key(rid, "onboarding_consistent"))
    assert [yes_no.format_func(o) for o in yes_no.options] == ["Yes", "No", "Don't know"]  # type: ignore[attr-defined]
    yes_no.set_value(False).run()
    at.radio(key=_key(rid, "churn_cause_known")).set_value("__dont_know__").run()
    at.number_input(key=_key(rid, "renewal_lead_days")).set_value(120).run()
    with Workspace.open(workspace_url) as ws:
        (saved,) = ws.workshop_answers(case_id)
    assert saved.answer("delivery_maturity").value == "emerging"
    assert saved.answer("delivery_maturity").comment == "ad hoc"
    assert saved.answer("renewal_lead_days").value == 120
    assert saved.answer("onboarding_consistent").value is False
    again = open_app(query_params={"workshop": token})  # the tab was closed and opened again
    assert again.radio(key=_key(rid, "delivery_maturity")).value == "emerging"
    assert again.text_area(key=_key(rid, "delivery_maturity", "comment")).value == "ad hoc"
    assert again.radio(key=_key(rid, "churn_cause_known")).value == "__dont_know__"
    assert again.radio(key=_key(rid, "onboarding_consistent")).value is False
    assert again.number_input(key=_key(rid, "renewal_lead_days")).value == 120


@pytest.mark.parametrize("how", ["changed", "revoked", "closed", "empty"])
def test_a_link_that_is_not_valid_shows_nothing_but_that(workspace_url: str, how: str) -> None:
    case_id, people = _workshop(workspace_url, "Dana", "Ravi")
    rid, token = people["Dana"]
    with Workspace.open(workspace_url) as ws:
        ws.save_answer(people["Ravi"][1], "delivery_maturity", "emerging", "Ravi's secret")
        if how == "revoked":
            ws.revoke_respondent(case_id, rid)
        elif how == "closed":
            ws.close_workshop(case_id)
    used = {"changed": token[:-2] + "zz", "empty": ""}.get(how, token)
    at = open_app(query_params={"workshop": used})
    text = page_text(at)
    assert "This link is not valid" in text
    assert not at.radio and not at.main.dataframe and not at.text_input and not at.text_area
    assert "Northwind" not in text and "Ravi" not in text and "Dana" not in text


def test_a_link_revoked_while_open_saves_nothing_more(workspace_url: str) -> None:
    case_id, people = _workshop(workspace_url, "Dana")
    rid, token = people["Dana"]
    at = open_app(query_params={"workshop": token})
    with Workspace.open(workspace_url) as ws:
        ws.revoke_respondent(case_id, rid)
    at.radio(key=_key(rid, "delivery_maturity")).set_value("emerging").run()
    assert "This link is not valid" in page_text(at)
    with Workspace.open(workspace_url) as ws:
        ws.revoke_respondent(case_id, rid, revoked=False)
        assert ws.questionnaire(token).answers == {}


def _open_workshop_page(url: str) -> Any:
    at = open_app("Cases")
    at.button(key="cases.open").click().run()
    return go_to(at, "Workshop")


def test_the_results_view_shows_answers_verdicts_and_decisive_disagreements(
    workspace_url: str,
) -> None:
    _, people = _workshop(workspace_url, "Dana", HOSTILE)
    with Workspace.open(workspace_url) as ws:
        ws.save_answer(people["Dana"][1], "delivery_maturity", "standardised")
        ws.save_answer(people[HOSTILE][1], "delivery_maturity", "emerging", "no playbook")
    at = _open_workshop_page(workspace_url)
    text = page_text(at)
    assert "Decisive disagreements" in text
    assert "DECISIVE" in at.main.dataframe[2].value.to_string()
    grid = at.main.dataframe[2].value
    assert "Dana" in grid.columns and HOSTILE in [c.lstrip("'") for c in grid.columns]
    verdicts = at.main.dataframe[1].value
    assert list(verdicts["Respondent"].str.lstrip("'")) == ["Dana", HOSTILE]
    assert "[x](http" not in "".join(m.value for m in at.main.markdown)  # no link rendered
    assert "a tie: the more cautious answer was taken" in grid.to_string()
    assert "The consensus verdict" in text


def test_the_consultant_adds_a_respondent_and_sees_the_link_once(workspace_url: str) -> None:
    _, _ = _workshop(workspace_url, "Dana")
    at = _open_workshop_page(workspace_url)
    at.text_area(key="wk.names").set_value("Priya").run()
    at.button(key="wk.add").click().run()
    link, copy_all = [code.value for code in at.main.code]
    assert copy_all.rstrip("\n") == f"Priya: {link}"
    token = link.split("?workshop=", 1)[1]
    with Workspace.open(workspace_url) as ws:
        assert ws.questionnaire(token).name == "Priya"
    at.button(key="wk.hide").click().run()
    assert not at.main.code
    go_to(at, "Workshop")
    assert token not in page_text(at)


def test_the_consensus_is_set_per_question_and_the_room_view_shows_the_verdict(
    workspace_url: str,
) -> None:
    case_id, people = _workshop(workspace_url, "Dana", "Ravi")
    with Workspace.open(workspace_url) as ws:
        ws.save_answer(people["Dana"][1], "delivery_maturity", "standardised")
        ws.save_answer(people["Ravi"][1], "delivery_maturity", "emerging")
    at = _open_workshop_page(workspace_url)
    at.selectbox(key="wk.consensus.delivery_maturity").set_value("standardised").run()
    with Workspace.open(workspace_url) as ws:
        assert ws.workshop(case_id).overrides == {"delivery_maturity": "standardised"}  # type: ignore[union-attr]
    assert "set by the consultant" in at.main.dataframe[2].value.to_string()
    at.button(key="wk.room.enter").click().run()
    text = page_text(at)
    assert "The team's consensus" in text and "Respondents" not in text
    assert "Ravi" not in text and "(1 person)" in text  # who, only once the consultant allows
    assert "2 of 2 have answered." in text
    at.toggle(key="wk.room.names").set_value(True).run()
    assert "Ravi" in page_text(at)  # the decisive answer, with who gave it
    at.button(key="wk.room.leave").click().run()
    assert "Respondents" in page_text(at)


def test_the_room_view_shows_one_score_and_no_sidebar_summary(workspace_url: str) -> None:
    _, people = _workshop(workspace_url, "Dana", "Ravi")
    with Workspace.open(workspace_url) as ws:
        ws.save_answer(people["Dana"][1], "delivery_maturity", "standardised")
    at = _open_workshop_page(workspace_url)
    assert "Readiness" in "".join(c.value for c in at.sidebar.caption)  # the saved case's
    at.button(key="wk.room.enter").click().run()
    assert_no_exception(at)
    text = page_text(at)
    assert text.count("/100") == 1  # the consensus score only, not the saved case's beside it
    assert not at.sidebar.caption and not at.sidebar.markdown
    assert "1 of 2 have answered." in text


def test_closing_the_workshop_stops_the_links(workspace_url: str) -> None:
    _, people = _workshop(workspace_url, "Dana")
    at = _open_workshop_page(workspace_url)
    at.button(key="wk.close").click().run()
    assert "The workshop is closed" in page_text(at)
    link = open_app(query_params={"workshop": people["Dana"][1]})
    assert "This link is not valid" in page_text(link)


def test_the_workshop_page_asks_for_a_saved_case_first(workspace_url: str) -> None:
    at = open_app("Workshop")
    assert "Open a saved case" in page_text(at)
    assert workshop_page.link_for("abc").endswith("?workshop=abc")


def test_a_new_link_for_a_respondent_is_shown_once_and_the_old_one_stops(
    workspace_url: str,
) -> None:
    _, people = _workshop(workspace_url, "Dana")
    rid, old = people["Dana"]
    at = _open_workshop_page(workspace_url)
    at.selectbox(key="wk.pick").set_value(rid).run()
    at.button(key="wk.renew").click().run()
    link, copy_all = [code.value for code in at.main.code]
    assert copy_all.rstrip("\n") == f"Dana: {link}"
    new = link.split("?workshop=", 1)[1]
    assert "This link is not valid" in page_text(open_app(query_params={"workshop": old}))
    assert "answering as **Dana**" in page_text(open_app(query_params={"workshop": new}))


def test_the_brief_from_a_workshop_case_ends_with_where_the_team_disagreed(
    workspace_url: str,
) -> None:
    case_id, people = _workshop(workspace_url, "Dana", HOSTILE)
    with Workspace.open(workspace_url) as ws:
        ws.save_answer(people["Dana"][1], "delivery_maturity", "standardised")
        ws.save_answer(people[HOSTILE][1], "delivery_maturity", "emerging", "no playbook")
        case = ws.open_case(case_id)
        base, pack = parse_profile(case.document.profile), ws.case_pack(case_id)
        result = compare(base, ws.workshop_answers(case_id), pack)
    at = _open_workshop_page(workspace_url)
    labels = [button.proto.label for button in at.get("download_button")]
    formats = ["Markdown", "Word (DOCX)", "PDF", "JSON"]
    assert labels == [
        *formats,
        *(f"Method appendix · {name}" for name in formats),
        "Slides (PPTX)",
        "PDF",
    ]
    markdown = workshop_page.brief_builder(base, pack, result, None, "md", False)().decode()
    assert "Where the team disagreed" in markdown and "Dana" in markdown
    assert "[x](http" not in markdown  # the hostile name is escaped, never a link
    # Each answer and comment is in the method appendix, which the page offers beside the brief.
    method = workshop_page.brief_builder(
        base, pack, result, None, "md", False, appendix=True
    )().decode()
    assert "no playbook" in method and "no playbook" not in markdown
    assert "[x](http" not in method


def test_a_respondent_link_is_the_apps_address_not_the_workshop_pages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    here = SimpleNamespace(url="https://advisor.example/team/workshop?tab=1")
    monkeypatch.setattr(workshop_page.st, "context", here)
    assert workshop_page.link_for("T") == "https://advisor.example/team/?workshop=T"


def test_a_count_questions_consensus_offers_every_answer_given(workspace_url: str) -> None:
    case_id, people = _workshop(workspace_url, "Dana", "Ravi")
    with Workspace.open(workspace_url) as ws:
        ws.save_answer(people["Dana"][1], "renewal_lead_days", 100)
        ws.save_answer(people["Ravi"][1], "renewal_lead_days", 14)
    at = _open_workshop_page(workspace_url)
    box = at.selectbox(key="wk.consensus.renewal_lead_days")
    assert box.options[0].startswith("the team's: 100 days before expiry (a tie")
    assert {"14 days before expiry", "100 days before expiry"} <= set(box.options)
    box.set_value(14).run()
    with Workspace.open(workspace_url) as ws:
        assert ws.workshop(case_id).overrides == {"renewal_lead_days": 14}  # type: ignore[union-attr]


def test_a_hostile_respondent_name_reads_literally_in_the_questionnaire(
    workspace_url: str,
) -> None:
    _, people = _workshop(workspace_url, HOSTILE)
    at = open_app(query_params={"workshop": people[HOSTILE][1]})
    (intro,) = [m.value for m in at.main.markdown if "answering as" in m.value]
    assert "[x](http" not in intro and "\\[x\\]" in intro  # escaped: no link
    assert HOSTILE in page_text(at)


def test_a_yes_no_questions_consensus_can_be_set_to_yes_or_no(workspace_url: str) -> None:
    case_id, people = _workshop(workspace_url, "Dana")
    with Workspace.open(workspace_url) as ws:
        ws.save_answer(people["Dana"][1], "unworked_upsell", True)
    at = _open_workshop_page(workspace_url)
    box = at.selectbox(key="wk.consensus.unworked_upsell")
    assert box.options[1:] == ["yes", "no"]
    box.set_value(False).run()
    with Workspace.open(workspace_url) as ws:
        assert ws.workshop(case_id).overrides == {"unworked_upsell": False}  # type: ignore[union-attr]


def test_an_answer_the_case_cannot_take_is_refused_naming_why_and_nothing_is_saved(
    workspace_url: str,
) -> None:
    case_id, people = _workshop(workspace_url, "Dana")
    rid, _ = people["Dana"]
    at = open_app(query_params={"workshop": people["Dana"][1]})
    at.radio(key=_key(rid, "renewal_owner")).set_value("account_manager").run()
    (error,) = at.main.error
    assert "current_account_managers is 0" in unescape(error.value)
    assert "nothing was saved" in error.value
    with Workspace.open(workspace_url) as ws:
        assert ws.workshop_answers(case_id)[0].answers == {}


SIGN_IN = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "0123456789abcdef0123456789abcdef",
    "client_id": "am-advisor",
    "client_secret": "shh",
    "server_metadata_url": "https://id.example.com/.well-known/openid-configuration",
}


def _signed_in_app(token: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    at.secrets["auth"] = SIGN_IN
    at.query_params.update({"workshop": token})
    at.run()
    assert_no_exception(at)
    return at


def test_with_sign_in_a_respondent_link_opens_its_questionnaire_without_an_account(
    workspace_url: str,
) -> None:
    """Respondents have no account: the link's token is their access, before the sign-in gate."""
    _, people = _workshop(workspace_url, "Dana")
    text = page_text(_signed_in_app(people["Dana"][1]))
    assert "answering as **Dana**" in text
    assert "Sign in" not in text


def test_with_sign_in_a_bad_respondent_link_opens_neither_questionnaire_nor_workspace(
    workspace_url: str,
) -> None:
    _, people = _workshop(workspace_url, "Dana")
    at = _signed_in_app(people["Dana"][1][:-2] + "zz")
    text = page_text(at)
    assert "This link is not valid" in text
    assert "Dana" not in text and "Northwind" not in text
    assert not at.radio and not at.main.dataframe and not at.text_input


def test_the_readout_downloads_are_the_deck_and_the_pdf_of_the_consensus(
    workspace_url: str,
) -> None:
    import io

    from pptx import Presentation

    from advisor.ui import workshop_room

    case_id, people = _workshop(workspace_url, "Dana", "Ravi")
    with Workspace.open(workspace_url) as ws:
        ws.save_answer(people["Dana"][1], "delivery_maturity", "standardised")
        ws.save_answer(people["Ravi"][1], "delivery_maturity", "emerging")
        case = ws.open_case(case_id)
        base, pack = parse_profile(case.document.profile), ws.case_pack(case_id)
        result = compare(base, ws.workshop_answers(case_id), pack)
    deck = workshop_room.readout_builder(result, pack, None, "pptx")()
    texts = [
        shape.text_frame.text
        for slide in Presentation(io.BytesIO(deck)).slides
        for shape in slide.shapes
        if shape.has_text_frame
    ]
    assert any(result.consensus.verdict_label in text for text in texts)
    # A tie: the more cautious "Emerging" is the consensus, so Dana's answer is the decisive one.
    assert any("“Standardised” (Dana) for delivery maturity" in text for text in texts)
    assert workshop_room.readout_builder(result, pack, None, "pdf")().startswith(b"%PDF")


def test_the_room_view_with_no_results_left_shows_the_whole_page(workspace_url: str) -> None:
    case_id, people = _workshop(workspace_url, "Dana")
    with Workspace.open(workspace_url) as ws:
        ws.save_answer(people["Dana"][1], "delivery_maturity", "standardised")
    at = _open_workshop_page(workspace_url)
    at.button(key="wk.room.enter").click().run()
    assert [t.value for t in at.main.title] != ["Workshop"]  # the room: no page title
    with Workspace.open(workspace_url) as ws:
        ws.revoke_respondent(case_id, people["Dana"][0])
    at.run()
    assert [t.value for t in at.main.title] == ["Workshop"]
    assert "Respondents" in page_text(at)
