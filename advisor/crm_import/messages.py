"""Sentences of the import that are chosen by case: each case one whole message for the catalogue."""

from __future__ import annotations

from functools import lru_cache

from advisor.crm_import.assignments import assignment_hint
from advisor.i18n import _, current


def mixed_decimals_note(decimal: str | None, points: int, commas: int) -> str:
    """The note on amounts written with both decimal marks: which one won, or that none did."""
    if decimal is None:
        return _(
            "amounts mix decimal points ({points}) and decimal commas ({commas}) equally; "
            "declare the decimal mark",
            points=points,
            commas=commas,
        )
    if decimal == ",":
        return _("amounts mostly use a decimal comma; values written the other way are excluded")
    return _("amounts mostly use a decimal point; values written the other way are excluded")


def duplicate_message(first: int, account_id: str = "") -> str:
    """Why a later row of an account already read is not counted (by ID when it has one)."""
    if account_id:
        return _(
            "duplicate of row {row} (same account ID '{id}'); only the first row is counted",
            row=first,
            id=account_id,
        )
    return _("duplicate of row {row} (same account name); only the first row is counted", row=first)


def unknown_status(value: str, header: str, words: str, others: list[str]) -> str:
    """Why a status word is refused, with how to assign it and where else a status could be.

    Worded once per word, column and language: a file repeats its unknown words on many rows."""
    return _worded_unknown_status(value, header, words, tuple(others), current())


@lru_cache(maxsize=512)
def _worded_unknown_status(
    value: str, header: str, words: str, others: tuple[str, ...], language: str
) -> str:
    """`unknown_status` in `language` (the current one: it is part of the key, not read here)."""
    values = {"value": value, "column": header, "hint": assignment_hint(value), "words": words}
    if others:
        # Translators: {hint} says how to assign the word a meaning; {words} lists the words
        # understood; {columns} the other columns (quoted) that could hold the status.
        return _(
            "status '{value}' (column '{column}' taken as the status) is not a word understood; "
            "{hint} — {words}; other columns that could hold the status: {columns}",
            columns=", ".join(f"'{c}'" for c in others),
            **values,
        )
    return _(
        "status '{value}' (column '{column}' taken as the status) is not a word understood; "
        "{hint} — {words}; no other column looks like a status",
        **values,
    )
