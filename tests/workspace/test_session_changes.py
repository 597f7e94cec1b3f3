"""What the app compares about cases: unsaved changes, two history points, today's pack."""

from __future__ import annotations

from advisor.engine import evaluate
from advisor.pack import RulePack, pack_from_documents
from advisor.pack.uploads import default_documents
from advisor.profile import load_profile, profile_to_dict, updated_profile
from advisor.samples import sample_path
from advisor.workspace.model import CaseDocument, HistoryPoint
from advisor.workspace.session import (
    case_changes,
    has_unsaved_changes,
    pack_shift,
    point_changes,
    point_label,
    shared_score_bands,
    stored_pack,
)

BRIGHTPATH = sample_path("BrightPath Digital (prepare)")


def _document(**changes: object) -> CaseDocument:
    profile = load_profile(BRIGHTPATH)
    values = {
        "profile": profile_to_dict(profile),
        "role_edits": None,
        "crm": None,
        "pack_digest": "abc123",
        "notes": "",
    }
    values.update(changes)
    return CaseDocument(**values)  # type: ignore[arg-type]


def test_the_same_document_has_no_unsaved_changes() -> None:
    assert case_changes(_document(), _document()) == []
    assert not has_unsaved_changes(_document(), _document())
    assert not has_unsaved_changes(None, _document())  # no case open: nothing to lose


def test_each_kind_of_change_is_named_with_both_values() -> None:
    saved = _document()
    profile = dict(saved.profile, active_accounts=31, gross_margin=0.5)
    current = _document(
        profile=profile,
        role_edits={"title": "Head of Accounts"},
        crm={"source_name": "hubspot.csv", "mapping": {}, "figures": {}, "options": {}},
        pack_digest="def456",
        notes="Board meeting on Friday",
    )
    changes = {change.field: change for change in case_changes(saved, current)}
    assert list(changes) == [
        "active_accounts",
        "gross_margin",
        "role_edits",
        "crm",
        "pack",
        "notes",
    ]
    accounts = changes["active_accounts"]
    assert (accounts.label, accounts.after) == ("Active client accounts", "31 accounts")
    assert changes["gross_margin"].after == "50%"
    assert changes["role_edits"].after == "changed: title"
    assert changes["crm"].after == "hubspot.csv"
    assert changes["notes"].after == "Board meeting on Friday"


def _point(
    point_id: int, profile: dict[str, object], verdict: str, score: float, pack: str = "abc"
) -> HistoryPoint:
    return HistoryPoint(
        id=point_id,
        case_id=1,
        scenario="today",
        saved_at=f"2026-0{point_id}-01T10:00:00",
        verdict=verdict,
        score=score,
        pack_digest=pack,
        profile=dict(profile),
    )


def test_two_history_points_say_how_the_verdict_and_inputs_moved() -> None:
    profile = profile_to_dict(load_profile(BRIGHTPATH))
    before = _point(1, profile, "prepare", 40)
    after = _point(2, dict(profile, active_accounts=40), "hire_now", 60)
    changes = point_changes(before, after)
    assert [change.field for change in changes.inputs] == ["active_accounts"]
    assert changes.verdict_changed
    assert changes.summary() == (
        "The verdict went from Prepare to Hire now and the score from 40/100 to 60/100; "
        "1 input changed."
    )
    same = point_changes(before, before)
    assert same.summary() == (
        "The verdict stayed Prepare and the score stayed 40/100; 0 inputs changed."
    )


def test_a_gated_point_moves_no_score_and_says_why() -> None:
    """A gate's verdict has no score: "from 100 to 45" would read as a fall in readiness."""
    profile = profile_to_dict(load_profile(BRIGHTPATH))
    gated = _point(1, dict(profile, delivery_maturity="emerging"), "fix_delivery_first", 100)
    fixed = _point(2, profile, "prepare", 45)
    assert point_changes(gated, fixed).summary() == (
        "The verdict went from Fix delivery first to Prepare and a score of 45/100 where the "
        "delivery gate decided before; 1 input changed."
    )
    gated_now = point_changes(fixed, gated).summary()
    assert gated_now.startswith(
        "The verdict went from Prepare to Fix delivery first and no score given (the delivery "
        "gate decides) where it was 45/100"
    )
    both = point_changes(gated, _point(2, gated.profile, "fix_delivery_first", 80))
    assert "no score either way, since the delivery gate decides" in both.summary()
    assert "80" not in both.summary() and "100" not in both.summary()
    assert point_label(gated).endswith("· Fix delivery first · not scored")


def test_a_stored_pack_is_rebuilt_exactly_from_its_files(pack: RulePack) -> None:
    rebuilt = stored_pack(default_documents())
    assert rebuilt.digest == pack.digest


def test_todays_pack_shift_names_the_verdict_score_and_reasons_that_move(pack: RulePack) -> None:
    documents = [
        (name, content.replace(b"prepare_at: 30", b"prepare_at: 40"))
        for name, content in default_documents()
    ]
    old = pack_from_documents(documents)
    profile = load_profile(BRIGHTPATH)
    shift = pack_shift(evaluate(profile, old), evaluate(profile, pack))
    assert not shift.same_pack
    assert shift.verdict_before != shift.verdict_after
    assert shift.summary().startswith(
        f"On today's pack the verdict would move from {shift.verdict_before}"
    )
    same = pack_shift(evaluate(profile, pack), evaluate(profile, pack))
    assert same.same_pack and not same.moves_anything
    assert "moves nothing" in same.summary()
    smaller = updated_profile(profile, {"active_accounts": 3})
    moved = pack_shift(evaluate(profile, pack), evaluate(smaller, pack))
    assert moved.reasons_gained or moved.reasons_lost


def test_history_bands_are_the_packs_own_when_every_point_shares_them(pack: RulePack) -> None:
    profile = profile_to_dict(load_profile(BRIGHTPATH))
    points = [_point(1, profile, "prepare", 40, "a"), _point(2, profile, "hire_now", 60, "b")]
    # Two packs with the same bands (say, a text changed) still shade them.
    bands, why = shared_score_bands(points, {"a": pack.scoring, "b": pack.scoring})
    assert bands == pack.scoring and why == ""


def test_history_bands_of_packs_that_disagree_are_not_shaded(pack: RulePack) -> None:
    profile = profile_to_dict(load_profile(BRIGHTPATH))
    stricter = pack_from_documents(
        [
            (name, content.replace(b"hire_now_at: 55", b"hire_now_at: 70"))
            for name, content in default_documents()
        ]
    )
    points = [_point(1, profile, "prepare", 60, "strict"), _point(2, profile, "hire_now", 60, "a")]
    bands, why = shared_score_bands(points, {"a": pack.scoring, "strict": stricter.scoring})
    assert bands is None
    assert why == (
        "No score bands are shaded: the points were judged on rule packs with different bands "
        "(prepare from 30, hire now from 55; prepare from 30, hire now from 70)."
    )


def test_history_bands_of_a_pack_that_was_never_stored_are_unknown(pack: RulePack) -> None:
    profile = profile_to_dict(load_profile(BRIGHTPATH))
    points = [
        _point(1, profile, "prepare", 40, "a"),
        _point(2, profile, "prepare", 45, "0123456789abcdef"),
    ]
    bands, why = shared_score_bands(points, {"a": pack.scoring})
    assert bands is None
    assert "whose files are not stored (0123456789ab)" in why
    # A stored pack that no longer loads leaves its bands unknown too.
    unreadable = {"a": pack.scoring, "0123456789abcdef": None}
    assert shared_score_bands(points, unreadable)[0] is None
