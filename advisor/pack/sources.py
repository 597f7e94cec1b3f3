"""The pack's `sources:` list, and every `source` in the pack read against it.

A `source` names one or more documents of the list by id, each optionally followed by a note in
parentheses: `seed 000 (portfolio above 15–20 accounts); seed 004`. When the pack loads, every
id is checked (an unknown one gets a did-you-mean) and every `source` is rewritten in place with
the documents' titles and publishers, so the app, the reports and the brief all print
"“What is an account manager” (SalesDose: portfolio above 15–20 accounts)" and never an id.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import cache
from typing import Any

import msgspec

from advisor.i18n import _, p_
from advisor.i18n.formats import long_date
from advisor.pack.schema import Key, Schema, is_text
from advisor.problems import Problems, suggest
from advisor.yamlio import LineDict

# Keys whose text says where a figure comes from. The two OTE sources are left out: they are
# templates naming the user's figure or the pack's benchmark, filled when the role is drafted.
SOURCE_KEY = re.compile(r"^(source|[a-z_]+_source)$")
NOT_A_DOCUMENT = frozenset({"ote_source_profile", "ote_source_benchmark"})


def _text(value: Any) -> str | None:
    return None if is_text(value) else _("expected text")


def _date(value: Any) -> str | None:
    if isinstance(value, dt.date):
        return None
    if isinstance(value, str):
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return _("{value} is not a date such as 2026-05-23", value=repr(value))
        return None
    return _("expected a date such as 2026-05-23")


def _year(value: Any) -> str | None:
    if value == UNDATED or (isinstance(value, int) and not isinstance(value, bool)):
        if value == UNDATED or 1900 <= value <= 2100:
            return None
        return _("{value} is not a year", value=repr(value))
    # Translators: {undated} is the YAML word for a document without a date and stays as it is
    return _(
        "expected a year such as 2023, or '{undated}' for a document that shows none",
        undated=UNDATED,
    )


def _link(value: Any) -> str | None:
    if isinstance(value, str) and re.match(r"^https://\S+$", value):
        return None
    return _("expected a public https:// address")


# What a source's `year` says of a document whose page shows no date: said explicitly, so a
# source without any year is refused by the pack's tests rather than passed over.
UNDATED = "unknown"

SOURCE = Schema(
    (
        Key("id", _text),
        Key("title", _text),
        Key("publisher", _text),
        Key("date", _date, required=False),
        Key("year", _year, required=False),
        Key("link", _link, required=False),
    )
)


class Source(msgspec.Struct, frozen=True):
    """One document (or the product's own calibration) that figures of the pack come from."""

    id: str
    title: str
    publisher: str
    date: str = ""  # ISO date, empty when the document is not dated
    link: str = ""
    year: str = ""  # "2023", or UNDATED when the document shows none; empty when not given

    def when(self) -> str:
        """The date as shown (23 May 2026, 23 de mayo de 2026), the year alone, or empty when
        not known."""
        if self.date:
            return long_date(dt.date.fromisoformat(self.date))
        return "" if self.year == UNDATED else self.year

    def cite(self, note: str = "") -> str:
        """“Title” (Publisher, 23 May 2026: note)."""
        by = ", ".join(part for part in (self.publisher, self.when()) if part)
        detail = f"{by}: {note}" if note else by
        return f"“{self.title}” ({detail})"

    def listing(self) -> str:
        """“Title” (Publisher, year): a line of a list of sources, saying when it is not dated
        (the product's own calibration has no date to give)."""
        shown = p_("source", "not dated") if self.year == UNDATED else self.when()
        return f"“{self.title}” ({', '.join(part for part in (self.publisher, shown) if part)})"

    def mention(self) -> str:
        """Publisher, “Title”: the source named inside a sentence or a parenthesis."""
        return f"{self.publisher}, “{self.title}”"


def unknown_source(name: str, text: str, ids: Iterable[str]) -> str:
    """What is wrong with a source text naming `name`, which the `sources:` list does not hold."""
    known = list(ids)
    choices = ", ".join(known)
    if name == " ".join(text.split()):
        return _(
            "names no source of the pack's `sources` list; expected one of {choices}",
            choices=choices,
        )
    # Translators: {name} is the source as the text names it; {suggestion} " (did you mean …?)"
    return _(
        "{name} is not in the pack's `sources` list{suggestion}; expected one of {choices}",
        name=repr(name),
        suggestion=suggest(name, known, ignore_case=True),
        choices=choices,
    )


def read_sources(problems: Problems, file: str, node: Any, line: int) -> tuple[Source, ...]:
    """The `sources:` list: id, title, publisher, and the date and public link when known."""
    if not isinstance(node, list) or not node:
        problems.add(_("expected a list of sources"), file=file, line=line, context="sources")
        return ()
    sources: list[Source] = []
    for index, item in enumerate(node):
        context = f"sources[{index}]"
        if not isinstance(item, LineDict):
            problems.add(_("expected a mapping"), file=file, line=line, context=context)
            continue
        values = SOURCE.read(problems, file, item, context)
        if not all(isinstance(values[k], str) for k in ("id", "title", "publisher")):
            continue
        if any(s.id == values["id"] for s in sources):
            problems.add(
                _("the id {id} is used twice", id=repr(values["id"])),
                file=file,
                line=item.line_of("id"),
                context=context,
            )
        sources.append(
            Source(
                values["id"].strip(),
                " ".join(values["title"].split()),
                " ".join(values["publisher"].split()),
                str(values["date"]) if values["date"] and _date(values["date"]) is None else "",
                str(values["link"] or ""),
                _year_text(values["year"]),
            )
        )
    return tuple(sources)


def _year_text(value: Any) -> str:
    return str(value) if value is not None and _year(value) is None else ""


# What looks like a document id ("seed 001"): one that is not in the list is refused.
ID_LIKE = re.compile(r"\bseed \d+\b", re.IGNORECASE)


def may_name_an_id(text: str) -> bool:
    """False for a text `ID_LIKE` finds nothing in, checked far quicker than the pattern: every
    match holds "seed " in some case, and the letters the pattern takes in any case are those
    casefold turns into s, e and d ("ſEED 7" too). Most of a pack's texts name no id."""
    return "seed " in text.casefold()


# A note in parentheses after an id, with at most one level of parentheses inside.
NOTE = r"(?:\s*\((?P<note>[^()]*(?:\([^()]*\)[^()]*)*)\))?"


def cite_sources(text: str, sources: dict[str, Source]) -> tuple[str, list[str]]:
    """The text with each id (and its note) replaced by the citation, and the unknown ids.

    A text naming no source at all is reported as unknown too (the whole text).
    """
    return _Citer(sources).cite(text)


class _Citer:
    """What citing in a pack's texts needs of its sources, worked out once for all its texts."""

    def __init__(self, sources: dict[str, Source]) -> None:
        self.sources = sources
        ids = tuple(sorted(sources, key=len, reverse=True))
        self.pattern = _citations(ids) if ids else None
        self.by_folded = {source_id.casefold(): source for source_id, source in sources.items()}

    def cite(self, text: str) -> tuple[str, list[str]]:
        """`cite_sources` of one text."""
        text = " ".join(text.split())
        if self.pattern is None:
            return text, _unknown(text, None, False)
        found: list[str] = []

        def cite(match: re.Match[str]) -> str:
            found.append(match["id"])
            note = ID_LIKE.sub(self.mention, match["note"] or "")
            return self.by_folded[match["id"].casefold()].cite(note.strip())

        cited = self.pattern.sub(cite, text)
        return cited, _unknown(text, self.pattern, bool(found))

    def mention(self, match: re.Match[str]) -> str:
        """An id named in prose as its source's publisher and title; one not known as written."""
        found = self.by_folded.get(match.group(0).casefold())
        return found.mention() if found else match.group(0)


def uncited(text: str, sources: dict[str, Source]) -> list[str]:
    """The ids `cite_sources` would report unknown in the text, without writing its citations
    (a check of a text that is not shown)."""
    text = " ".join(text.split())
    ids = tuple(sorted(sources, key=len, reverse=True))
    pattern = _citations(ids) if ids else None
    return _unknown(text, pattern, pattern is not None and pattern.search(text) is not None)


def _unknown(text: str, pattern: re.Pattern[str] | None, found: bool) -> list[str]:
    """What looks like an id and is not one of the sources; the whole text when it names none."""
    rest = pattern.sub("", text) if pattern is not None else text
    unknown = [m.group(0) for m in ID_LIKE.finditer(rest)]
    if not found and not unknown:
        unknown.append(text)
    return unknown


@cache
def _citations(ids: tuple[str, ...]) -> re.Pattern[str]:
    """The pattern that finds any of the ids (longest first) with its note, made once per set."""
    alternatives = "|".join(re.escape(i) for i in ids)
    return re.compile(r"(?<![\w-])(?P<id>" + alternatives + r")(?![\w-])" + NOTE, re.IGNORECASE)


def cite_every_source(
    problems: Problems, file: str, node: Any, sources: dict[str, Source], path: str = ""
) -> None:
    """Check and rewrite, in place, every source text in a file's YAML tree."""
    _cite_tree(problems, file, node, _Citer(sources), path)


def _cite_tree(problems: Problems, file: str, node: Any, citer: _Citer, path: str) -> None:
    if isinstance(node, list):
        for index, item in enumerate(node):
            if isinstance(item, LineDict | list):  # a text in a list is neither kind
                _cite_tree(problems, file, item, citer, f"{path}[{index}]")
        return
    if not isinstance(node, LineDict):
        return
    for key, value in node.items():
        if isinstance(value, str):
            if SOURCE_KEY.match(str(key)) and key not in NOT_A_DOCUMENT:
                text, unknown = citer.cite(value)
                for name in unknown:
                    problems.add(
                        unknown_source(name, value, citer.sources),
                        file=file,
                        line=node.line_of(key),
                        path=f"{path}.{key}" if path else str(key),
                    )
                node[key] = text
            elif may_name_an_id(value) and ID_LIKE.search(value):
                # Prose that names a document by id, e.g. "... (seed 000)": name it by title.
                node[key] = ID_LIKE.sub(citer.mention, value)
        elif isinstance(value, LineDict | list):
            _cite_tree(problems, file, value, citer, f"{path}.{key}" if path else str(key))
