"""Finding text that never went through the catalogue: render in the pseudo-language `qps`
(every translated stretch wrapped in ⟦…⟧, every locale-formatted value too) and look for words
left outside the marks.

    with language(PSEUDO):
        text = render(...)
    assert untranslated(text, allowed=[profile.company, *source_titles]) == []
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from advisor.i18n import CLOSE, OPEN

_INNERMOST = re.compile(re.escape(OPEN) + "[^" + OPEN + CLOSE + "]*" + re.escape(CLOSE))
_WORD = re.compile(r"[A-Za-zÀ-ÿ]{2,}")
# Words that are never translated: currency codes and the markup of the formats themselves.
ALWAYS_ALLOWED = frozenset({"EUR", "USD", "GBP", "CHF", "SEK", "MXN"})


def strip_marked(text: str) -> str:
    """The text with every ⟦…⟧ stretch (nested too) removed."""
    previous = None
    while previous != text:
        previous, text = text, _INNERMOST.sub(" ", text)
    return text


def untranslated(text: str, allowed: Iterable[str] = ()) -> list[str]:
    """Each word outside the marks, with a little of its context; empty when all is translated.

    `allowed` holds the texts that are data, not product words (a company's name, a person's,
    a source's original title, a rule id); they are removed before looking.
    """
    for item in sorted({a for a in allowed if a}, key=len, reverse=True):
        text = text.replace(item, " ")
    rest = strip_marked(text)
    found = []
    for match in _WORD.finditer(rest):
        if match.group(0) in ALWAYS_ALLOWED:
            continue
        start = max(0, match.start() - 30)
        found.append(rest[start : match.end() + 30].replace("\n", " ").strip())
    return found
