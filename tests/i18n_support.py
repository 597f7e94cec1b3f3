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


def strip_marked(text: str, gap: str = " ") -> str:
    """The text with every ⟦…⟧ stretch (nested too) replaced by `gap`."""
    previous = None
    while previous != text:
        previous, text = text, _INNERMOST.sub(gap, text)
    return text


def untranslated(text: str, allowed: Iterable[str] = ()) -> list[str]:
    """Each stretch of text outside the marks that holds a word; empty when all is translated.

    `allowed` holds the texts that are data, not product words (a company's name, a person's,
    a source's original title, a rule id); they are removed before looking.
    """
    for item in sorted({a for a in allowed if a}, key=len, reverse=True):
        text = text.replace(item, " ")
    found = []
    for stretch in re.split(r"[\x00\n]", strip_marked(text, "\x00")):
        words = [word for word in _WORD.findall(stretch) if word not in ALWAYS_ALLOWED]
        if words:
            found.append(stretch.strip())
    return found
