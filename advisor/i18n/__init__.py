"""The language every user-visible word is written in: message catalogues and the current language.

Every sentence a person reads goes through one of four functions, each taking the whole sentence
in English with named placeholders (`{name}`), filled from keyword arguments:

- `_("Hire by {date}.", date=…)` — a sentence or label;
- `n_("{count} account", "{count} accounts", count)` — a sentence whose words follow a count
  (`count` is also a placeholder); Spanish, like English, has its own plural rules in the catalogue;
- `p_("verdict", "Prepare")` — a short label that needs a context to be translated right;
- `N_("…")` — marks a constant for the catalogue where it is defined; `_()` translates it where
  it is shown.

The language is per context, never process-global: one Streamlit server serves every user, so
each script run sets its session's language (`set_language`), the CLI sets it from `--lang`, and a
document in another language is built inside `with language("es"):`. The catalogues themselves
(`advisor/locale/<lang>/LC_MESSAGES/advisor.po`, compiled to `.mo`) are read once per process.

`qps` is a pseudo-language for tests: every translated segment is wrapped in ⟦…⟧ and every value
a locale formats (dates, lists, compact money) too, so any text left unwrapped was never translated.
"""

from __future__ import annotations

import contextvars
import gettext
import io
import os
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

ENGLISH = "en"
SPANISH = "es"
PSEUDO = "qps"
LANGUAGES = (ENGLISH, SPANISH)  # the languages a person can choose
LANGUAGE_NAMES = {ENGLISH: "English", SPANISH: "Español"}  # each in its own language
DOMAIN = "advisor"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
OPEN, CLOSE = "⟦", "⟧"  # the pseudo-language's marks

_CURRENT: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "advisor_language", default=None
)
# Asked when no language was set in this context: a front end whose callbacks run in a fresh
# thread (Streamlit's) answers with the session's language; None means English.
_fallback: list[Callable[[], str | None]] = []
_PLACEHOLDER = re.compile(r"\{[a-z_][a-z0-9_]*\}")


def resolve(code: str | None) -> str:
    """The supported language a code names: 'es', 'es-ES', 'es_ES.UTF-8' → 'es'; else English."""
    if not code:
        return ENGLISH
    base = re.split(r"[-_.@]", code.strip().lower(), maxsplit=1)[0]
    return base if base in LANGUAGES or base == PSEUDO else ENGLISH


def is_supported(code: str) -> bool:
    """True when `code` names a language the catalogues hold (or the pseudo-language)."""
    base = re.split(r"[-_.@]", code.strip().lower(), maxsplit=1)[0]
    return base in LANGUAGES or base == PSEUDO


def from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The language the environment asks for (LC_ALL, LC_MESSAGES, LANG, as POSIX reads them)."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return resolve(value) if value not in ("C", "POSIX") else ENGLISH
    return ENGLISH


def current() -> str:
    """The language of the sentences being written now."""
    code = _CURRENT.get()
    if code is None:
        asked = _fallback[0]() if _fallback else None
        return asked if asked in LANGUAGES or asked == PSEUDO else ENGLISH
    return code


def chosen() -> str | None:
    """The language set in this context (`set_language`, `with language`), None if none was."""
    return _CURRENT.get()


def set_fallback(provider: Callable[[], str | None]) -> None:
    """Where the language comes from in a context that set none (one provider per process)."""
    _fallback[:] = [provider]


def set_language(code: str | None) -> str:
    """Make `code` the current language of this context (a session's run, a CLI call)."""
    chosen = resolve(code)
    _CURRENT.set(chosen)
    return chosen


@contextmanager
def language(code: str | None) -> Iterator[str]:
    """Write in `code` inside the block, then go back to the language before it."""
    token = _CURRENT.set(resolve(code))
    try:
        yield current()
    finally:
        _CURRENT.reset(token)


@cache
def translations(code: str) -> gettext.NullTranslations:
    """The compiled catalogue of one language, read once per process.

    The `.mo` file built from the `.po` source is used when it is at least as new as the source;
    otherwise (a checkout where the `.po` was just edited) the source is compiled in memory.
    """
    if code in (ENGLISH, PSEUDO):
        return gettext.NullTranslations()
    folder = LOCALE_DIR / code / "LC_MESSAGES"
    source, compiled = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    if compiled.exists() and (
        not source.exists() or compiled.stat().st_mtime >= source.stat().st_mtime
    ):
        with compiled.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    if not source.exists():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with source.open("rb") as handle:
        messages = read_po(handle, locale=code, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, messages)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def _fill(template: str, values: Mapping[str, Any], fallback: str) -> str:
    if not values:
        return template
    try:
        return template.format_map(values)
    except (KeyError, IndexError, ValueError):
        # a translation whose placeholders do not match the English: the English is never wrong
        return fallback.format_map(values)


def _pseudo(template: str) -> str:
    """Wrap every literal stretch of a template, leaving its placeholders for the values."""
    parts: list[str] = []
    last = 0
    for found in _PLACEHOLDER.finditer(template):
        if found.start() > last:
            parts.append(OPEN + template[last : found.start()] + CLOSE)
        parts.append(found.group(0))
        last = found.end()
    if last < len(template):
        parts.append(OPEN + template[last:] + CLOSE)
    return "".join(parts)


def _translated(message: str) -> str:
    """`message` in the current language, its placeholders unfilled."""
    code = current()
    if code == ENGLISH:
        return message
    if code == PSEUDO:
        return _pseudo(message)
    return translations(code).gettext(message)


def _(message: str, /, **values: Any) -> str:
    """`message` in the current language, its `{name}` placeholders filled from `values`."""
    return _fill(_translated(message), values, message)


def translator(message: str, /) -> Callable[..., str]:
    """`_` for a sentence written many times over (the labels of a timeline): `message` is
    translated once, into the current language, and each call fills its placeholders (the
    catalogue extracts its `message` as `_`'s)."""
    template = _translated(message)

    def fill(**values: Any) -> str:
        return _fill(template, values, message)

    return fill


def n_(singular: str, plural: str, count: int, /, **values: Any) -> str:
    """The form of a sentence that agrees with `count` (also the `{count}` placeholder)."""
    values = {"count": count, **values}
    english = singular if count == 1 else plural
    code = current()
    if code == ENGLISH:
        return _fill(english, values, english)
    if code == PSEUDO:
        return _fill(_pseudo(english), values, english)
    return _fill(translations(code).ngettext(singular, plural, count), values, english)


def p_(context: str, message: str, /, **values: Any) -> str:
    """A short label translated in its `context` ("verdict", "column", …)."""
    code = current()
    if code == ENGLISH:
        return _fill(message, values, message)
    if code == PSEUDO:
        return _fill(_pseudo(message), values, message)
    return _fill(translations(code).pgettext(context, message), values, message)


def N_(message: str, /) -> str:
    """Mark `message` for the catalogue without translating it here."""
    return message


def placeholders(text: str) -> set[str]:
    """The `{name}` placeholders of a template."""
    if "{" not in text:  # most of a pack's texts: no search needed
        return set()
    return {found.group(0)[1:-1] for found in _PLACEHOLDER.finditer(text)}
