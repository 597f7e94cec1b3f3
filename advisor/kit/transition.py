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
from advisor.i18n import N_, _, p_
from advisor.kit.document import KitDocument, KitInputs, written_in

TITLE = N_("Account executive transition note")
AUDIENCE = N_("For the account executives")
OPEN_DECISIONS = {
    "ae_handover_accounts": N_("which accounts the account executives hand over (all, or which)"),
    "ae_handover_date": N_("the date of the handover"),
    "ae_renewal_commission": N_(
        "what happens to their commission on the renewals of those accounts: kept, shared with "
        "the Account Manager for a transition period, or ended at the handover"
    ),
}


def open_decisions(kit: KitInputs) -> tuple[str, ...]:
    """What the founder has not decided yet about the handover, from the empty fields."""
    return tuple(
        _(what) for name, what in OPEN_DECISIONS.items() if getattr(kit.profile, name) is None
    )


def change_blocks(kit: KitInputs) -> list[Block]:
    blocks: list[Block] = []
    if kit.role.ae_handover:
        blocks.append(Paragraph(kit.role.ae_handover))
    blocks += date_warning(kit)
    undecided = open_decisions(kit)
    if undecided:
        lead = _("Still to decide:") if kit.role.ae_handover else _("The founder has to decide:")
        blocks += [
            Paragraph(
                _(
                    "Before the Account Manager starts, the founder decides and tells the account "
                    "executives:"
                ),
                lead=lead,
            ),
            Bullets(tuple(wording.capitalised(item) for item in undecided)),
        ]
    return blocks


def renewal_owner(kit: KitInputs) -> str:
    """Who runs the renewals today, as a sentence's subject: "the account executive"."""
    owner = str(kit.profile.renewal_owner)
    phrase = wording.CHOICE_PHRASES["renewal_owner"].get(owner)
    return _(phrase) if phrase else wording.words(owner)


def keeping(kit: KitInputs, until: str | None) -> str:
    """Who keeps the renewals until a date (`until`, worded; None: until a hire): today's owner,
    or a name to give when nobody is."""
    if str(kit.profile.renewal_owner) == "nobody":
        if until is None:
            return _(
                "Until an Account Manager is hired, nobody owns the renewals, as today: name who "
                "keeps each one."
            )
        return _(
            "Until {date} nobody owns the renewals, as today: name who keeps each one.", date=until
        )
    owner = renewal_owner(kit)
    # Translators: {owner} is who runs the renewals today ("the founder", "sales").
    if until is None:
        return _(
            "Until an Account Manager is hired, the renewals stay with {owner}, as today.",
            owner=owner,
        )
    return _("Until {date} the renewals stay with {owner}, as today.", date=until, owner=owner)


TAKEOVER = "renewal_takeover"  # the pack's kind of the step that hands over the renewals


def takeover_steps(kit: KitInputs) -> tuple[str, ...]:
    """The role's 30-60-90 steps that hand the renewals to the Account Manager (the steps the
    pack marks so, whatever language it is read in)."""
    return tuple(
        # Translators: an onboarding step: {phase} is its days ("Days 31–60"), {action} the step
        _("{phase}: {action}", phase=step.phase, action=step.action)
        for step in kit.role.onboarding
        if step.kind == TAKEOVER
    )


def date_warning(kit: KitInputs) -> list[Block]:
    """A handover dated before the Account Manager's first day, or after the day the plan has
    them carry the book, said as the clash it is."""
    plan, day = kit.assessment.plan, kit.profile.ae_handover_date
    if plan is None or plan.starts_on is None or plan.carries_from is None or day is None:
        return []
    handover = dt.date.fromisoformat(day)
    if handover < plan.starts_on:
        clash = _(
            "The handover ({handover}) comes before the Account Manager's first day in the plan "
            "({start}): the accounts handed over would have nobody until then. Move the handover "
            "to the start, or say who holds them.",
            handover=present.date(handover),
            start=present.date(plan.starts_on),
        )
    elif handover > plan.carries_from:
        clash = _(
            "The handover ({handover}) comes after the day the plan has the Account Manager "
            "carry the book ({carries}). Bring it forward, or say which renewals the account "
            "executives keep until then.",
            handover=present.date(handover),
            carries=present.date(plan.carries_from),
        )
    else:
        return []
    return [Callout(clash, tone="warning", lead=_("Dates to settle:"))]


def cover_blocks(kit: KitInputs) -> list[Block]:
    """Who runs the renewals until the Account Manager carries the book, by the plan's dates."""
    a = kit.assessment
    plan = a.plan
    if plan is None or plan.starts_on is None or plan.carries_from is None:
        # Translators: {when} is a sentence: when to open the search.
        first = _("No start date yet: {when}", when=wording.in_sentence(present.when_line(a)))
        return [Paragraph(f"{first} {keeping(kit, None)}")]
    steps = takeover_steps(kit)
    carries = present.date(plan.carries_from)
    if steps:
        takeover = _(
            "The Account Manager takes them over as the onboarding plan says, its days counted "
            "from that start, and carries the whole book from {date}; until then a renewal the "
            "Account Manager has not taken over keeps today's owner.",
            date=carries,
        )
    else:
        takeover = _(
            "The Account Manager takes them over during the onboarding, and carries the whole "
            "book from {date}; until then a renewal the Account Manager has not taken over keeps "
            "today's owner.",
            date=carries,
        )
    rows = tuple((line.label, line.text) for line in present.plan_lines(a) if line.key != "gap")
    blocks: list[Block] = [
        Table(("", ""), rows, widths=(2, 3)),
        Paragraph(f"{keeping(kit, present.date(plan.starts_on))} {takeover}"),
    ]
    if steps:
        blocks.append(Bullets(steps))
    return blocks


def checklist_blocks(kit: KitInputs) -> list[Block]:
    return [
        Table(
            ("", p_("task column", "Item"), p_("column", "Owner"), p_("column", "When")),
            tuple(("☐", h.item, h.owner, h.when) for h in kit.role.handover),
            widths=(0.4, 6, 1.8, 2),
        )
    ]


def staying_blocks(kit: KitInputs) -> list[Block]:
    """What the account executives keep: new business, as the role's boundaries say."""
    ae = next(
        (b for b in kit.role.boundaries if b.role.lower().startswith("account executive")), None
    )
    text = _("New business stays with the account executives: prospecting and closing new clients.")
    if not kit.role.compensation.has_new_logo_quota:
        text += " " + _("The Account Manager's pay plan has no new-logo quota.")
    blocks: list[Block] = [Paragraph(text)]
    if ae is not None:
        columns = (p_("column", "You own"), p_("column", "Where the Account Manager takes over"))
        blocks.append(Table(columns, ((ae.owns, ae.boundary),)))
    return blocks


def build_transition(kit: KitInputs, language: str | None = None) -> KitDocument:
    """The AE transition note, in `language` (the current language when None)."""
    with written_in(language):
        return _transition(kit)


def _transition(kit: KitInputs) -> KitDocument:
    plan = kit.assessment.plan
    facts: tuple[tuple[str, str], ...] = ((_("Role"), kit.role.title),)
    if plan is not None and plan.starts_on is not None:
        facts += ((_("The Account Manager starts"), present.date(plan.starts_on)),)
    handover = _("The handover, account by account")
    sections = (
        Section("changes", 1, _("What changes for you"), tuple(change_blocks(kit))),
        Section(
            "renewals",
            2,
            _("Who runs the renewals until the Account Manager carries the book"),
            tuple(cover_blocks(kit)),
        ),
        Section("handover", 3, handover, tuple(checklist_blocks(kit))),
        Section("stays", 4, _("What stays with you"), tuple(staying_blocks(kit))),
    )
    return kit.document(
        "transition",
        _(TITLE),
        _(AUDIENCE),
        sections,
        confidential=False,
        cover_facts=facts,
    )
