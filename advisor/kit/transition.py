"""The AE transition note: what changes for the account executives, and when.

Which accounts they hand over, on which date and what happens to their commission on those
renewals (the profile's search fields, as the drafted role words them), or, when the profile
leaves those out, what the founder still has to decide; who runs the renewals until the Account
Manager carries the book (today's renewal owner until the dates of the assessment's plan, then
the takeover the role's 30-60-90 plan sets); the handover checklist; and what stays with the
account executives: new business. Every date is the plan's, worded by the presenter, so the
note and the decision memo give the same days.
"""

from __future__ import annotations

import datetime as dt

from advisor import present, wording
from advisor.brief.model import Block, Bullets, Callout, Paragraph, Section, Table
from advisor.kit.document import KitDocument, KitInputs

TITLE = "Account executive transition note"
AUDIENCE = "For the account executives"
OPEN_DECISIONS = {
    "ae_handover_accounts": "which accounts the account executives hand over (all, or which)",
    "ae_handover_date": "the date of the handover",
    "ae_renewal_commission": (
        "what happens to their commission on the renewals of those accounts: kept, shared with "
        "the Account Manager for a transition period, or ended at the handover"
    ),
}


def open_decisions(kit: KitInputs) -> tuple[str, ...]:
    """What the founder has not decided yet about the handover, from the empty fields."""
    return tuple(
        what for name, what in OPEN_DECISIONS.items() if getattr(kit.profile, name) is None
    )


def change_blocks(kit: KitInputs) -> list[Block]:
    blocks: list[Block] = []
    if kit.role.ae_handover:
        blocks.append(Paragraph(kit.role.ae_handover))
    blocks += date_warning(kit)
    undecided = open_decisions(kit)
    if undecided:
        lead = "Still to decide:" if kit.role.ae_handover else "The founder has to decide:"
        blocks += [
            Paragraph(
                "Before the Account Manager starts, the founder decides and tells the account "
                "executives:",
                lead=lead,
            ),
            Bullets(tuple(wording.capitalised(item) for item in undecided)),
        ]
    return blocks


def renewal_owner(kit: KitInputs) -> str:
    """Who runs the renewals today, as a sentence's subject: "the account executive"."""
    owner = str(kit.profile.renewal_owner)
    return wording.CHOICE_PHRASES["renewal_owner"].get(owner, wording.words(owner))


def keeping(kit: KitInputs, until: str) -> str:
    """Who keeps the renewals until a date: today's owner, or a name to give when nobody is."""
    owner = renewal_owner(kit)
    if owner == "nobody":
        return f"{until} nobody owns the renewals, as today: name who keeps each one"
    return f"{until} the renewals stay with {owner}, as today"


def takeover_steps(kit: KitInputs) -> tuple[str, ...]:
    """The role's 30-60-90 steps that hand the renewals to the Account Manager."""
    return tuple(
        f"{step.phase}: {step.action}"
        for step in kit.role.onboarding
        if "renewal" in step.action.lower() and "take over" in step.action.lower()
    )


def date_warning(kit: KitInputs) -> list[Block]:
    """A handover dated before the Account Manager's first day, or after the day the plan has
    them carry the book, said as the clash it is."""
    plan, day = kit.assessment.plan, kit.profile.ae_handover_date
    if plan is None or plan.starts_on is None or plan.carries_from is None or day is None:
        return []
    handover = dt.date.fromisoformat(day)
    if handover < plan.starts_on:
        clash = (
            f"the handover ({present.date(handover)}) comes before the Account Manager's first "
            f"day in the plan ({present.date(plan.starts_on)}): the accounts handed over would "
            "have nobody until then. Move the handover to the start, or say who holds them."
        )
    elif handover > plan.carries_from:
        clash = (
            f"the handover ({present.date(handover)}) comes after the day the plan has the "
            f"Account Manager carry the book ({present.date(plan.carries_from)}). Bring it "
            "forward, or say which renewals the account executives keep until then."
        )
    else:
        return []
    return [Callout(wording.capitalised(clash), tone="warning", lead="Dates to settle:")]


def cover_blocks(kit: KitInputs) -> list[Block]:
    """Who runs the renewals until the Account Manager carries the book, by the plan's dates."""
    a = kit.assessment
    plan = a.plan
    if plan is None or plan.starts_on is None or plan.carries_from is None:
        return [
            Paragraph(
                f"No start date yet: {wording.in_sentence(present.when_line(a))} "
                f"{keeping(kit, 'Until an Account Manager is hired,')}."
            )
        ]
    steps = takeover_steps(kit)
    how = (
        "as the onboarding plan says, its days counted from that start"
        if steps
        else "during the onboarding"
    )
    rows = tuple((line.label, line.text) for line in present.plan_lines(a) if line.key != "gap")
    blocks: list[Block] = [
        Table(("", ""), rows, widths=(2, 3)),
        Paragraph(
            f"{keeping(kit, f'Until {present.date(plan.starts_on)}')}. The Account Manager takes "
            f"them over {how}, and carries the whole book from "
            f"{present.date(plan.carries_from)}; until then a renewal the Account Manager has "
            "not taken over keeps today's owner."
        ),
    ]
    if steps:
        blocks.append(Bullets(steps))
    return blocks


def checklist_blocks(kit: KitInputs) -> list[Block]:
    return [
        Table(
            ("", "Item", "Owner", "When"),
            tuple(("☐", h.item, h.owner, h.when) for h in kit.role.handover),
            widths=(0.4, 6, 1.8, 2),
        )
    ]


def staying_blocks(kit: KitInputs) -> list[Block]:
    """What the account executives keep: new business, as the role's boundaries say."""
    ae = next(
        (b for b in kit.role.boundaries if b.role.lower().startswith("account executive")), None
    )
    quota = (
        ""
        if kit.role.compensation.has_new_logo_quota
        else " The Account Manager's pay plan has no new-logo quota."
    )
    blocks: list[Block] = [
        Paragraph(
            "New business stays with the account executives: prospecting and closing new "
            f"clients.{quota}"
        )
    ]
    if ae is not None:
        blocks.append(
            Table(("You own", "Where the Account Manager takes over"), ((ae.owns, ae.boundary),))
        )
    return blocks


def build_transition(kit: KitInputs) -> KitDocument:
    plan = kit.assessment.plan
    facts: tuple[tuple[str, str], ...] = (("Role", kit.role.title),)
    if plan is not None and plan.starts_on is not None:
        facts += (("The Account Manager starts", present.date(plan.starts_on)),)
    sections = (
        Section("changes", 1, "What changes for you", tuple(change_blocks(kit))),
        Section(
            "renewals",
            2,
            "Who runs the renewals until the Account Manager carries the book",
            tuple(cover_blocks(kit)),
        ),
        Section("handover", 3, "The handover, account by account", tuple(checklist_blocks(kit))),
        Section("stays", 4, "What stays with you", tuple(staying_blocks(kit))),
    )
    return kit.document(
        "transition",
        TITLE,
        AUDIENCE,
        sections,
        confidential=False,
        cover_facts=facts,
    )
