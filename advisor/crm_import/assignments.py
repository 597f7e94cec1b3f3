"""Status words the reader does not know, given a meaning by the user.

`--status "Contrato enviado=open"` on the command line, or a choice per word on the Portfolio
page: the word is then read as the status it is assigned, in this file only. The meanings a
word can be given are the statuses the reader already knows (`TARGETS`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from advisor.crm_import.errors import ExportError
from advisor.crm_import.records import RawTable, cell_text
from advisor.crm_import.statuses import (
    ACTIVE,
    CHURNED,
    OPEN,
    PROSPECT,
    UNKNOWN,
    status_category,
    status_key,
)
from advisor.i18n import _
from advisor.problems import suggest

# The meanings a status word can be assigned, as typed, onto the reader's categories.
TARGETS = {
    "won": ACTIVE,
    "customer": ACTIVE,
    "active": ACTIVE,
    "lost": CHURNED,
    "former customer": CHURNED,
    "churned": CHURNED,
    "open": OPEN,
    "prospect": PROSPECT,
}
TARGET_WORDS = ", ".join(TARGETS)


def assignment_hint(word: str) -> str:
    """How to give an unknown word a meaning, on the command line and in the app."""
    # Translators: {meanings} lists the meanings typed as they are (won, lost, open…); "Status
    # words" and "Portfolio" name a section and a page of the app.
    return _(
        "assign it a meaning: --status '{word}=open' (one of {meanings}), or choose one under "
        "Status words on the Portfolio page",
        word=word,
        meanings=TARGET_WORDS,
    )


def parse_status_assignments(pairs: Iterable[str]) -> dict[str, str]:
    """'Word=meaning' pairs (as typed on the command line) -> {word as compared: category}."""
    assigned: dict[str, str] = {}
    for pair in pairs:
        word, sep, target = pair.rpartition("=")
        meaning = " ".join(target.split()).casefold()
        if not sep or not status_key(word):
            raise ExportError.at(
                _(
                    "--status '{pair}' is not of the form 'WORD=MEANING', e.g. --status "
                    "'Contrato enviado=open'; meanings: {meanings}",
                    pair=pair,
                    meanings=TARGET_WORDS,
                )
            )
        if meaning not in TARGETS:
            # Translators: {suggestion} is " (did you mean 'x'?)" or empty.
            raise ExportError.at(
                _(
                    "--status '{pair}': '{meaning}' is not a status the reader knows{suggestion}; "
                    "use one of {meanings}",
                    pair=pair,
                    meaning=target.strip(),
                    suggestion=suggest(meaning, TARGETS),
                    meanings=TARGET_WORDS,
                )
            )
        assigned[status_key(word)] = TARGETS[meaning]
    return assigned


def unknown_status_words(
    raw: RawTable, header: str | None, vocabulary: Mapping[str, str] | None
) -> list[str]:
    """The distinct words of the status column that the reader does not know, in file order."""
    if header is None or header not in raw.headers:
        return []
    checked: set[str] = set()
    unknown: list[str] = []
    for text in dict.fromkeys(map(cell_text, raw.column(header))):  # each distinct text once
        word = " ".join(text.split())
        key = status_key(word)
        if key in checked:
            continue
        checked.add(key)
        if key and status_category(word, vocabulary) == UNKNOWN:
            unknown.append(word)
    return unknown
