"""Make user-supplied text safe to place in documents: no live markup, links or formulas.

One home for text hygiene: the brief, the reports, the CSV output and the app all use it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Characters that never reach a document: C0/C1 controls (tab and newline are handled apart),
# bidirectional embeddings, overrides and isolates (they can reorder what a reader sees), the
# byte-order mark and the two non-characters XML refuses.
_DROP = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_BREAKS = re.compile("\r\n|[\r\u2028\u2029\x85]")

# Punctuation Markdown (or GitHub) may read as syntax anywhere in a line.
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>|~&#@!$^{}])")
_WWW = re.compile(r"(?i)\b(www)\.")
_LINE_START = re.compile(r"^([-+=:])")
_ORDERED = re.compile(r"^(\d+)([.)])")

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def clean_text(value: object, *, single_line: bool = False) -> str:
    """Text safe for every format: printable characters, tabs as spaces, `\\n` line breaks."""
    text = value if isinstance(value, str) else str(value)
    if _SURROGATE.search(text):
        # Pairs written as two code points are joined; a lone half becomes U+FFFD.
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    text = _BREAKS.sub("\n", text).replace("\t", " ")
    text = _DROP.sub("", text)
    text = unicodedata.normalize("NFC", text)
    if single_line:
        text = " ".join(text.split())
    return text


def escape_markdown_inline(text: str) -> str:
    """Text that renders literally inside a Markdown paragraph or table cell."""
    text = _MARKDOWN_INLINE.sub(r"\\\1", text)
    # Defuse bare-URL autolinks (GitHub's extension): a backslash escape breaks the pattern.
    text = text.replace("://", r":\/\/")
    return _WWW.sub(r"\1\\.", text)


def escape_markdown_line(line: str) -> str:
    """Escape one line that starts a block: no list, quote, heading or code from its start."""
    text = escape_markdown_inline(line.strip())
    text = _LINE_START.sub(r"\\\1", text)
    return _ORDERED.sub(r"\1\\\2", text)


def escape_markdown(text: str) -> str:
    """Any user text as one literal line of Markdown (cleaned, line breaks folded)."""
    return escape_markdown_line(clean_text(text, single_line=True))


# Controls a terminal acts on: ESC starts a sequence (`\x1b[2J` clears the screen), CR and BS
# overwrite what was printed, C1 codes are 8-bit escapes. Newline and tab stay.
_TERMINAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """Text a terminal prints as it reads: every control and escape sequence shown as `?`."""
    return _TERMINAL.sub("?", text)


# A signed number, optionally followed by plain words ("-12.5%", "+25 points", "-10 points, at
# best not yet"): a spreadsheet cannot run it, so it is shown as written.
_PLAIN_NUMBER = re.compile(r"[-+]?[0-9][0-9,.\u00a0 ]*%?(?: [A-Za-z][A-Za-z ,]*)?")


def formula_safe_cell(value: object) -> object:
    """A table cell a spreadsheet opens as text: formula-like strings get an apostrophe.

    Numbers, and strings that are signed numbers with plain words ("-5", "+25 points"), stay.
    """
    if not isinstance(value, str) or _PLAIN_NUMBER.fullmatch(value):
        return value
    return neutralise_formula(value)


def neutralise_formula(text: str) -> str:
    """Prefix text that a spreadsheet would read as a formula with an apostrophe."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def formula_safe_rows(
    rows: list[dict[str, object]], text_fields: Iterable[str]
) -> list[dict[str, object]]:
    """Rows whose text fields are formula-safe (`formula_safe_cell`); other fields stay as they are.

    For a table a user edits in the browser: its built-in CSV download is made from the cells
    shown, so a cell typed as `=HYPERLINK(…)` is kept with the apostrophe that makes it text.
    """
    names = set(text_fields)
    return [
        {key: formula_safe_cell(value) if key in names else value for key, value in row.items()}
        for row in rows
    ]
