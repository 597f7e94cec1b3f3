"""What a document for outsiders keeps back unless the consultant allows it: the profile's
amounts, rates and scores, and its notes.

The list comes from the vocabulary (`advisor.fields`): every money, rate, net rate and score
field, and the notes. The job description, the command line's `--disclose` and the Role page's
tick boxes all read it from here, so the three never disagree on what is confidential.
"""

from __future__ import annotations

from collections.abc import Iterable

from advisor.fields import FIELDS
from advisor.i18n import _
from advisor.profile import CompanyProfile

CONFIDENTIAL_KINDS = frozenset({"money", "rate", "net_rate", "score"})
CONFIDENTIAL_TEXTS = ("notes",)  # free text: what the consultant wrote about the company

# Every field a document may disclose only when allowed, in the vocabulary's order.
DISCLOSABLE: tuple[str, ...] = tuple(
    name
    for name, info in FIELDS.items()
    if info.kind in CONFIDENTIAL_KINDS or name in CONFIDENTIAL_TEXTS
)


def disclosable_fields(profile: CompanyProfile) -> tuple[tuple[str, str], ...]:
    """The confidential fields this profile gives, as (field name, label), in field order: what
    a consultant may tick in."""
    return tuple(
        (name, _(FIELDS[name].label)) for name in DISCLOSABLE if getattr(profile, name) is not None
    )


def read_disclose(names: Iterable[str]) -> frozenset[str]:
    """Field names to disclose (blanks ignored, any case); a ValueError naming each name that is
    not a confidential field, and the choices."""
    wanted = [name.strip().lower() for name in names if name.strip()]
    unknown = [name for name in wanted if name not in DISCLOSABLE]
    if unknown:
        # Translators: {names} are the field names given, quoted; {choices} the field names.
        raise ValueError(
            _(
                "{names} is not a field a document may disclose; choose from {choices} "
                "(comma-separated)",
                names=", ".join(f"'{name}'" for name in unknown),
                choices=", ".join(DISCLOSABLE),
            )
        )
    return frozenset(wanted)
