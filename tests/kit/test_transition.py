"""The AE transition note: what the account executives hand over and when, what the founder has
to decide when the profile does not say, who runs the renewals until the Account Manager carries
the book (on the memo's dates), and what stays with the account executives.

Regenerate the golden note after a deliberate change with `UPDATE_GOLDEN=1 pytest tests/kit`.
"""

from __future__ import annotations

import datetime as dt
import os

from kit_support import DATE, GOLDEN, kit_for, sample

from advisor import wording
from advisor.brief import Bullets, Callout, Paragraph, Section, Table
from advisor.export.kit import render_markdown
from advisor.kit import KitDocument
from advisor.kit.memo import build_memo
from advisor.kit.transition import OPEN_DECISIONS, build_transition
from advisor.pack import RulePack
from advisor.profile import CompanyProfile, parse_profile, profile_to_dict

# rules/20-benchmarks.yaml (hiring): 90 days to recruit, notice included, and 90 of ramp-up.
STARTS = DATE + dt.timedelta(days=90)
CARRIES = STARTS + dt.timedelta(days=90)


def _section(document: KitDocument, key: str) -> Section:
    return next(section for section in document.sections if section.key == key)


def _of(document: KitDocument, key: str, kind: type) -> list:  # type: ignore[type-arg]
    return [b for b in _section(document, key).blocks if isinstance(b, kind)]


def _northwind(**changes: object) -> CompanyProfile:
    return parse_profile({**profile_to_dict(sample("northwind-hire-now")), **changes})


def test_the_note_says_what_the_account_executives_hand_over_and_when(pack: RulePack) -> None:
    note = build_transition(kit_for(_northwind(ae_handover_date="2027-04-01"), pack))
    texts = [p.text for p in _of(note, "changes", Paragraph)]
    assert texts == [
        (
            "The account executives hand 18 of the 22 active accounts over to the Account "
            "Manager on 1 April 2027; their commission on those renewals is shared with the "
            "Account Manager for a transition period."
        )
    ]
    # 1 April 2027 falls between the start and the day the AM carries the book: no clash.
    assert STARTS < dt.date(2027, 4, 1) < CARRIES
    assert _of(note, "changes", Callout) == []


def test_a_handover_before_the_account_manager_starts_is_flagged(pack: RulePack) -> None:
    # Northwind hands over on 1 March 2027; the plan's AM starts on 7 March 2027.
    note = build_transition(kit_for(sample("northwind-hire-now"), pack))
    (warning,) = _of(note, "changes", Callout)
    assert dt.date(2027, 3, 7) == STARTS
    assert warning.text.startswith(
        "The handover (1 March 2027) comes before the Account Manager's first day in the plan "
        f"({wording.long_date(STARTS)})"
    )


def test_a_handover_after_the_account_manager_carries_the_book_is_flagged(
    pack: RulePack,
) -> None:
    note = build_transition(kit_for(_northwind(ae_handover_date="2027-07-01"), pack))
    (warning,) = _of(note, "changes", Callout)
    assert warning.text.startswith(
        "The handover (1 July 2027) comes after the day the plan has the Account Manager carry "
        f"the book ({wording.long_date(CARRIES)})"
    )


def test_empty_handover_fields_say_what_the_founder_has_to_decide(pack: RulePack) -> None:
    none_given = _northwind(
        ae_handover_accounts=None, ae_handover_date=None, ae_renewal_commission=None
    )
    note = build_transition(kit_for(none_given, pack))
    (lead,) = _of(note, "changes", Paragraph)
    assert lead.lead == "The founder has to decide:"
    (decisions,) = _of(note, "changes", Bullets)
    assert decisions.items == tuple(wording.capitalised(what) for what in OPEN_DECISIONS.values())
    # Only the date given: the accounts and the commission are still open.
    date_only = _northwind(
        ae_handover_accounts=None, ae_renewal_commission=None, ae_handover_date="2027-04-01"
    )
    partly = build_transition(kit_for(date_only, pack))
    said, still = _of(partly, "changes", Paragraph)
    assert said.text.endswith("over to the Account Manager on 1 April 2027.")
    assert still.lead == "Still to decide:"
    (open_items,) = _of(partly, "changes", Bullets)
    assert open_items.items == (
        wording.capitalised(OPEN_DECISIONS["ae_handover_accounts"]),
        wording.capitalised(OPEN_DECISIONS["ae_renewal_commission"]),
    )


def test_the_note_s_dates_agree_with_the_memo_s_plan(pack: RulePack) -> None:
    kit = kit_for(sample("northwind-hire-now"), pack)
    memo_plan = next(b for b in _section(build_memo(kit), "plan").blocks if isinstance(b, Table))
    note = build_transition(kit)
    (plan,) = _of(note, "renewals", Table)
    # The same dates in the same words; the memo's risk line (gross profit) stays in the memo.
    assert plan.rows == tuple(row for row in memo_plan.rows if not row[0].startswith("Until"))
    assert dict(plan.rows)["The Account Manager starts"] == wording.long_date(STARTS)
    assert dict(plan.rows)["The Account Manager carries the book from"] == "5 June 2027"
    (cover,) = _of(note, "renewals", Paragraph)
    assert cover.text.startswith(
        "Until 7 March 2027 the renewals stay with the account executive, as today."
    )
    assert "carries the whole book from 5 June 2027" in cover.text
    assert "gross profit" not in render_markdown(note)
    # The role's takeover rule, as its 30-60-90 plan words it.
    (steps,) = _of(note, "renewals", Bullets)
    assert steps.items == (
        (
            "Days 31–60: Take over every renewal due within 120 days; each joins the renewal "
            "playbook at the step its date has reached, the largest accounts first"
        ),
    )


def test_renewals_nobody_owns_are_named_as_such(pack: RulePack) -> None:
    note = build_transition(kit_for(_northwind(renewal_owner="nobody"), pack))
    (cover,) = _of(note, "renewals", Paragraph)
    assert cover.text.startswith(
        "Until 7 March 2027 nobody owns the renewals, as today: name who keeps each one."
    )


def test_a_case_without_a_start_date_keeps_the_renewals_where_they_are(pack: RulePack) -> None:
    kit = kit_for(sample("acorn-not-yet"), pack)
    plan = kit.assessment.plan
    assert plan is not None and plan.starts_on is None and plan.reassess_on is not None
    note = build_transition(kit)
    assert [p.text for p in _of(note, "renewals", Paragraph)] == [
        (
            f"No start date yet: no hiring date yet; reassess on "
            f"{wording.long_date(plan.reassess_on)}. Until an Account Manager is "
            "hired, the renewals stay with the founder, as today."
        )
    ]


def test_new_business_stays_with_the_account_executives(pack: RulePack) -> None:
    kit = kit_for(sample("northwind-hire-now"), pack)
    note = build_transition(kit)
    texts = [p.text for p in _of(note, "stays", Paragraph)]
    assert texts == [
        (
            "New business stays with the account executives: prospecting and closing new clients. "
            "The Account Manager's pay plan has no new-logo quota."
        )
    ]
    (boundary,) = _of(note, "stays", Table)
    ae = next(b for b in kit.role.boundaries if b.role == "Account Executive (AE)")
    assert boundary.rows == ((ae.owns, ae.boundary),)


def test_the_northwind_transition_note_matches_the_golden_file(pack: RulePack) -> None:
    text = render_markdown(build_transition(kit_for(sample("northwind-hire-now"), pack)))
    golden = GOLDEN / "northwind-hire-now-transition.md"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"missing {golden}; run with UPDATE_GOLDEN=1 to create it"
    assert text == golden.read_text(encoding="utf-8")
