"""The workshop in the room, in the app: links handed out at once (a QR code each, copy all, a
printable sheet), revoking asked first with what it does to the consensus, no consensus before
the quorum, and the respondent's questionnaire asked in questions with a progress count, a
multi-line comment, "I'm done" and a thank-you.

Before: each link was shown once, for one person at a time; revoking a respondent who had
answered silently flipped the verdict; with nobody answered every question read "agree" and
each respondent "Hire now 95"; the questionnaire asked labels, had one-line comments and no end.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from apptest_support import go_to, open_app, page_text
from saved_cases import add_client, save_case

from advisor.profile import parse_profile
from advisor.workshop import QUESTIONS
from advisor.workspace.store import Workspace
from advisor.yamlio import read_document

ROOT = Path(__file__).resolve().parents[2]


def _workshop(url: str, *names: str) -> tuple[int, dict[str, tuple[int, str]]]:
    base = dict(read_document(ROOT / "tests" / "rule_cases" / "base.yaml"))
    profile = parse_profile({**base, "company": "Northwind"})
    client = add_client(url, "Northwind")
    case_id = save_case(url, client, "today", profile).id
    people = {}
    with Workspace.open(url) as ws:
        ws.start_workshop(case_id)
        for name in names:
            respondent, token = ws.add_respondent(case_id, name, "delivery")
            people[name] = (respondent.id, token)
    return case_id, people


def _page(url: str) -> Any:
    at = open_app("Cases")
    at.button(key="cases.open").click().run()
    return go_to(at, "Workshop")


def _key(respondent_id: int, field: str, part: str = "value") -> str:
    return f"wq.{respondent_id}.{field}.{part}"


def test_several_respondents_get_their_links_at_once_with_a_qr_code_each(
    workspace_url: str,
) -> None:
    case_id, _ = _workshop(workspace_url)
    at = _page(workspace_url)
    at.text_area(key="wk.names").set_value("Ana Ruiz, founder\nBen\n\nCleo, customer success").run()
    at.button(key="wk.add").click().run()
    *links, copy_all = [code.value for code in at.main.code]
    assert len(links) == 3 and len(at.main.get("image")) == 3  # a QR code per link
    names = ["Ana Ruiz", "Ben", "Cleo"]
    assert copy_all.rstrip("\n").split("\n") == [
        f"{n}: {link}" for n, link in zip(names, links, strict=True)
    ]
    with Workspace.open(workspace_url) as ws:
        opened = [ws.questionnaire(link.split("?workshop=", 1)[1]) for link in links]
        roles = {r.name: r.role.value for r in ws.workshop(case_id).respondents}  # type: ignore[union-attr]
    assert [q.name for q in opened] == names
    assert roles == {"Ana Ruiz": "founder", "Ben": "other", "Cleo": "customer_success"}
    sheet = [b for b in at.get("download_button") if b.proto.label == "Printable sheet (PDF)"]
    assert len(sheet) == 1
    assert at.text_area(key="wk.names").value == ""
    at.button(key="wk.hide").click().run()
    assert not at.main.code and "?workshop=" not in page_text(at)


def test_a_name_taken_adds_nobody_and_keeps_what_was_typed(workspace_url: str) -> None:
    case_id, _ = _workshop(workspace_url, "Dana")
    at = _page(workspace_url)
    at.text_area(key="wk.names").set_value("Priya\ndana").run()
    at.button(key="wk.add").click().run()
    assert "'Dana' is a respondent of this workshop already" in page_text(at)
    assert "nobody was added" in page_text(at)
    assert at.text_area(key="wk.names").value == "Priya\ndana"
    assert not at.main.code
    with Workspace.open(workspace_url) as ws:
        assert [r.name for r in ws.workshop(case_id).respondents] == ["Dana"]  # type: ignore[union-attr]


def test_revoking_a_respondent_who_answered_asks_first_and_says_what_changes(
    workspace_url: str,
) -> None:
    case_id, people = _workshop(workspace_url, "Ana", "Ben", "Cleo")
    with Workspace.open(workspace_url) as ws:
        for name, delivery in (
            ("Ana", "standardised"),
            ("Ben", "standardised"),
            ("Cleo", "emerging"),
        ):
            ws.save_answer(people[name][1], "delivery_maturity", delivery)
    at = _page(workspace_url)
    at.selectbox(key="wk.pick").set_value(people["Ben"][0]).run()
    at.button(key="wk.revoke").click().run()
    warning = page_text(at)
    # Without Ben, delivery is a tie taken as the cautious 'emerging': delivery is fixed first.
    assert "the consensus verdict changes from" in warning and "to Fix delivery first" in warning
    assert "Revoke Ben's link?" in warning
    with Workspace.open(workspace_url) as ws:
        assert not any(r.revoked for r in ws.workshop(case_id).respondents)  # type: ignore[union-attr]
    at.button(key="wk.revoke_no").click().run()
    assert "Revoke Ben's link?" not in page_text(at)
    at.button(key="wk.revoke").click().run()
    at.button(key="wk.revoke_yes").click().run()
    with Workspace.open(workspace_url) as ws:
        revoked = {r.name: r.revoked for r in ws.workshop(case_id).respondents}  # type: ignore[union-attr]
    assert revoked == {"Ana": False, "Ben": True, "Cleo": False}


def test_revoking_a_respondent_who_has_not_answered_needs_no_confirmation(
    workspace_url: str,
) -> None:
    case_id, people = _workshop(workspace_url, "Ana", "Ben")
    at = _page(workspace_url)
    at.selectbox(key="wk.pick").set_value(people["Ben"][0]).run()
    at.button(key="wk.revoke").click().run()
    assert "Revoke Ben's link?" not in page_text(at)
    with Workspace.open(workspace_url) as ws:
        assert [r.revoked for r in ws.workshop(case_id).respondents] == [False, True]  # type: ignore[union-attr]


def test_before_anyone_answers_the_page_waits_instead_of_giving_a_verdict(
    workspace_url: str,
) -> None:
    _workshop(workspace_url, "Ana", "Ben")
    at = _page(workspace_url)
    verdicts, grid = at.main.dataframe[1].value, at.main.dataframe[2].value
    assert set(verdicts["Verdict"]) == {"no answers yet"} and set(verdicts["Score"]) == {"—"}
    assert set(grid["State"]) == {"waiting"}
    text = page_text(at)
    assert "Waiting for answers: 0 of 2 respondents have answered" in text
    assert "The consensus verdict" not in text and "Decisive disagreements" not in text
    assert not at.get("download_button")  # no brief on a consensus nobody gave
    assert "saving it as a scenario, come here once the quorum has answered" in text


def test_the_consensus_verdict_shows_once_the_quorum_set_has_answered(workspace_url: str) -> None:
    case_id, people = _workshop(workspace_url, "Ana", "Ben", "Cleo")
    with Workspace.open(workspace_url) as ws:
        ws.save_answer(people["Ana"][1], "churn_trend", "stable")
    at = _page(workspace_url)
    assert "The consensus verdict" in page_text(at)  # the default quorum is one respondent
    at.number_input(key="wk.quorum").set_value(2).run()
    with Workspace.open(workspace_url) as ws:
        assert ws.workshop(case_id).quorum == 2  # type: ignore[union-attr]
    text = page_text(at)
    assert "The consensus verdict" not in text
    assert "1 of 3 respondents has answered; the consensus verdict appears once 2 have" in text
    with Workspace.open(workspace_url) as ws:
        ws.save_answer(people["Ben"][1], "churn_trend", "dont_know")
    at = go_to(at, "Workshop")
    assert "The consensus verdict" in page_text(at)


def test_the_consultant_makes_the_room_anonymous_and_the_respondent_is_told(
    workspace_url: str,
) -> None:
    case_id, people = _workshop(workspace_url, "Ana")
    at = _page(workspace_url)
    at.toggle(key="wk.anonymous").set_value(True).run()
    with Workspace.open(workspace_url) as ws:
        assert ws.workshop(case_id).anonymous is True  # type: ignore[union-attr]
    phone = open_app(query_params={"workshop": people["Ana"][1]})
    assert "the room's screen shows them without names" in page_text(phone)


def test_the_questionnaire_asks_questions_counts_progress_and_ends_with_a_thank_you(
    workspace_url: str,
) -> None:
    case_id, people = _workshop(workspace_url, "Ana")
    rid, token = people["Ana"]
    at = open_app(query_params={"workshop": token})
    upsell = at.radio(key=_key(rid, "unworked_upsell"))
    assert upsell.label == "Is there upsell in your accounts that nobody works?"
    assert [r.label for r in at.radio] == [q.text for q in QUESTIONS if q.kind != "count"]
    total = len(QUESTIONS)
    assert _progress(at) == f"0 of {total} questions answered"
    upsell.set_value(True).run()
    comment = "Two accounts asked for a second team.\nNobody followed up."
    at.text_area(key=_key(rid, "unworked_upsell", "comment")).set_value(comment).run()
    at.checkbox(key=_key(rid, "renewal_lead_days", "unknown")).check().run()
    assert _progress(at) == f"2 of {total} questions answered"
    with Workspace.open(workspace_url) as ws:
        (saved,) = ws.workshop_answers(case_id)
    assert saved.answer("unworked_upsell").comment == comment  # both lines kept
    at.button(key="wq.done").click().run()
    text = page_text(at)
    assert "Thank you, Ana" in text and f"2 of {total} questions answered" in text
    assert "Not answered: How standardised is" in text
    assert not at.radio
    at.button(key="wq.back").click().run()
    assert at.radio(key=_key(rid, "unworked_upsell")).value is True


def test_a_count_questions_label_comes_before_its_widgets(workspace_url: str) -> None:
    _, people = _workshop(workspace_url, "Ana")
    rid, token = people["Ana"]
    at = open_app(query_params={"workshop": token})
    box = at.number_input(key=_key(rid, "renewal_lead_days"))
    assert box.label.startswith("How many days before a contract ends")
    order = [getattr(node, "key", None) for node in _walk(at.main)]  # in the page's order
    number, unknown = _key(rid, "renewal_lead_days"), _key(rid, "renewal_lead_days", "unknown")
    assert order.index(number) < order.index(unknown)


def _progress(at: Any) -> str:
    (bar,) = at.main.get("progress")
    return str(bar.proto.text)


def _walk(node: Any) -> Any:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def test_a_collaborator_waiting_for_the_quorum_is_told_who_sets_it(workspace_url: str) -> None:
    from roles_support import make_scene, with_case_open

    from advisor.workspace.roles import COLLABORATOR

    scene = make_scene(workspace_url)
    with scene.owner() as anna:
        anna.set_workshop_settings(scene.case_id, quorum=2)  # Dana alone has answered
    ben = with_case_open(COLLABORATOR, "Workshop")
    text = page_text(ben)
    assert "1 of 1 respondent has answered; the consensus verdict appears once 2 have" in text
    assert "the workshop's owner sets the quorum" in text and "lower the quorum" not in text
    assert ben.get("number_input") == [] or all(n.key != "wk.quorum" for n in ben.number_input)
