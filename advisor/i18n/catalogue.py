"""Keeping the catalogues: extract the messages from the code, update each language's `.po`,
compile the `.mo`, and check that nothing is missing (Babel's own message tools underneath).

    python -m advisor.i18n update    # extract, then add new messages to every .po (untranslated)
    python -m advisor.i18n compile   # .po → .mo (the wheel's build does this too)
    python -m advisor.i18n check     # exit 1 naming each message missing, fuzzy, empty or with
                                     # placeholders that differ from the English

The `.po` files are written sorted and without line numbers, so a change to the code moves no
entry and two branches that add messages merge cleanly.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from advisor.i18n import DOMAIN, ENGLISH, LANGUAGES, LOCALE_DIR, placeholders

ROOT = LOCALE_DIR.parent.parent  # the checkout: advisor/ and app.py
KEYWORDS = {"_": None, "n_": (1, 2), "p_": ((1, "c"), 2), "N_": None, "translator": None}
METHODS = [("**.py", "python")]
WIDTH = 100
HEADER = "# AM Advisor's messages. Kept with `python -m advisor.i18n update`; see docs/GLOSSARY.md."
EPOCH = dt.datetime(2026, 12, 7, tzinfo=dt.UTC)


def translated_languages() -> list[str]:
    return [code for code in LANGUAGES if code != ENGLISH]


def po_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract(root: Path = ROOT) -> Catalog:
    """Every message the code marks, with the files it is used in (no line numbers)."""
    template = Catalog(domain=DOMAIN, project="AM Advisor", charset="utf-8")
    for filename, _line, message, comments, context in extract_from_dir(
        str(root / "advisor"), METHODS, keywords=KEYWORDS, comment_tags=("Translators:",)
    ):
        template.add(
            message,
            locations=[(f"advisor/{filename}", 0)],
            auto_comments=comments,
            context=context,
        )
    for _line, message, comments, context in extract_from_file(
        "python", str(root / "app.py"), keywords=KEYWORDS, comment_tags=("Translators:",)
    ):
        template.add(message, locations=[("app.py", 0)], auto_comments=comments, context=context)
    return template


def read(code: str) -> Catalog:
    path = po_path(code)
    if not path.exists():
        return Catalog(
            locale=code,
            domain=DOMAIN,
            project="AM Advisor",
            version="1",
            charset="utf-8",
            header_comment=HEADER,
            language_team=f"AM Advisor ({code})",
            last_translator="AM Advisor",
            creation_date=EPOCH,
            revision_date=EPOCH,
            fuzzy=False,
        )
    with path.open("rb") as handle:
        return read_po(handle, locale=code, domain=DOMAIN)


def write(code: str, messages: Catalog) -> None:
    path = po_path(code)
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(
        buffer,
        messages,
        width=WIDTH,
        sort_output=True,
        include_lineno=False,
        ignore_obsolete=True,
        include_previous=False,
    )
    path.write_bytes(buffer.getvalue())


def update(root: Path = ROOT) -> dict[str, int]:
    """Bring every language's `.po` up to the code's messages; returns how many are untranslated."""
    template = extract(root)
    untranslated: dict[str, int] = {}
    for code in translated_languages():
        messages = read(code)
        created, revised = messages.creation_date, messages.revision_date
        messages.update(template, no_fuzzy_matching=True, update_header_comment=False)
        # the header's dates stay put, so two branches that add messages never clash on them
        messages.creation_date, messages.revision_date = created, revised
        write(code, messages)
        untranslated[code] = sum(1 for message in messages if message.id and not _done(message))
    return untranslated


def compile_all() -> list[Path]:
    """Write each language's `.mo` beside its `.po`."""
    written = []
    for code in translated_languages():
        target = po_path(code).with_suffix(".mo")
        with target.open("wb") as handle:
            write_mo(handle, read(code))
        written.append(target)
    return written


def _texts(value: object) -> tuple[str, ...]:
    """A message's id or string as a tuple of texts (one, or one per plural form)."""
    if isinstance(value, (tuple, list)):
        return tuple(str(text or "") for text in value)
    return (str(value or ""),)


def _done(message: Message) -> bool:
    return all(_texts(message.string)) and not message.fuzzy


def problems(code: str, root: Path = ROOT) -> list[str]:
    """What keeps the `.po` of `code` from covering the code: one line per message."""
    template = extract(root)
    messages = read(code)
    found = []
    for wanted in template:
        if not wanted.id:
            continue
        have = messages.get(wanted.id, context=wanted.context)
        where = ", ".join(sorted({str(path) for path, _line in wanted.locations}))
        name = _texts(wanted.id)[0]
        if have is None:
            found.append(f"{where}: missing from {code}: {name!r}")
        elif have.fuzzy:
            found.append(f"{where}: fuzzy in {code}: {name!r}")
        elif not _done(have):
            found.append(f"{where}: not translated in {code}: {name!r}")
        else:
            found += [f"{where}: {code}: {name!r} {issue}" for issue in _placeholder_issues(have)]
    return found


def _placeholder_issues(message: Message) -> list[str]:
    ids, strings = _texts(message.id), _texts(message.string)
    allowed = set().union(*(placeholders(text) for text in ids))
    if len(ids) > 1:
        allowed.add("count")
    issues = []
    for text in strings:
        extra = placeholders(text) - allowed
        if extra:
            issues.append(f"uses placeholders the English does not have: {sorted(extra)}")
        if len(ids) == 1 and placeholders(text) != allowed:
            issues.append(f"has placeholders {sorted(placeholders(text))}, not {sorted(allowed)}")
    return issues


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    command = args[0] if args else "check"
    if command == "update":
        for code, count in update().items():
            print(f"{po_path(code)}: {count} messages to translate")
        return 0
    if command == "compile":
        for path in compile_all():
            print(f"wrote {path}")
        return 0
    if command == "check":
        failures = [line for code in translated_languages() for line in problems(code)]
        for line in failures:
            print(line, file=sys.stderr)
        return 1 if failures else 0
    print("usage: python -m advisor.i18n update|compile|check", file=sys.stderr)
    return 2
