"""The case's one notes field: the profile's notes are the case's notes, named once as changed."""

from __future__ import annotations

from advisor.workspace.model import CaseDocument
from advisor.workspace.session import case_changes


def _document(notes: str) -> CaseDocument:
    profile = {"company": "Acme", "notes": notes} if notes else {"company": "Acme"}
    return CaseDocument(profile=profile, role_edits=None, crm=None, pack_digest="d", notes=notes)


def test_a_notes_edit_is_one_unsaved_change_not_two() -> None:
    changes = case_changes(_document("Board wants a plan"), _document("Board wants it by May"))
    assert [change.field for change in changes] == ["notes"]
    assert [change.label for change in changes] == ["Notes"]


def test_notes_kept_apart_from_the_profile_still_show_as_a_change() -> None:
    saved = CaseDocument({"company": "Acme"}, None, None, "d", notes="Kept apart")
    current = CaseDocument({"company": "Acme"}, None, None, "d", notes="")
    assert [change.label for change in case_changes(saved, current)] == ["Case notes"]


def test_notes_kept_apart_join_the_profiles_so_nothing_typed_is_lost() -> None:
    both = CaseDocument({"company": "A", "notes": "For the brief"}, None, None, "d", "Apart")
    assert both.with_one_notes().profile["notes"] == "For the brief\n\nApart"
    assert both.with_one_notes().notes == "For the brief\n\nApart"
    apart = CaseDocument({"company": "A"}, None, None, "d", notes="Apart")
    assert apart.with_one_notes().profile == {"company": "A", "notes": "Apart"}
    same = CaseDocument({"company": "A", "notes": "Same"}, None, None, "d", notes="Same")
    assert same.with_one_notes() == same
    none = CaseDocument({"company": "A"}, None, None, "d")
    assert none.with_one_notes() == none
