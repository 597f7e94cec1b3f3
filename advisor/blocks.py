"""The blocks every document is made of: the brief, the hiring kit and the reports.

Every string is cleaned on the way in — control characters dropped, lone surrogates replaced,
bidirectional overrides removed — so a renderer only has to escape for its own format and can
never be handed text that breaks it. Charts are placeholders until their content (what they
show, as data) is given; a chart without content says why it was left out.

A `Report` is the document of one report (an assessment, a portfolio diagnosis, a workshop's
results, a comparison): a title, the lines under it, and parts of blocks, each part under its
own heading. The text and Markdown renderers only lay it out, so every sentence exists once.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

import msgspec

from advisor.textsafety import clean_text

if TYPE_CHECKING:
    from advisor.chart_content import ChartContent


def _clean_tree(value: Any, single_line: bool) -> Any:
    if isinstance(value, str):
        return clean_text(value, single_line=single_line)
    if isinstance(value, tuple):
        return tuple(_clean_tree(item, single_line) for item in value)
    return value


class Cleaned:
    """Mixin: clean every text field of a frozen dataclass when it is built."""

    MULTILINE: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for item in fields(self):  # type: ignore[arg-type]
            value = getattr(self, item.name)
            if isinstance(value, str | tuple):
                cleaned = _clean_tree(value, item.name not in self.MULTILINE)
                object.__setattr__(self, item.name, cleaned)


# ---------------------------------------------------------------------------------------------
# Blocks


@dataclass(frozen=True)
class Paragraph(Cleaned):
    """A paragraph, with an optional lead in bold before it."""

    text: str
    lead: str = ""  # shown in bold before the text
    style: str = "body"  # body | note (small, for sources) | quote (the company's own words)
    MULTILINE = ("text",)


@dataclass(frozen=True)
class Bullets(Cleaned):
    """A list, marked or numbered."""

    items: tuple[str, ...]
    ordered: bool = False


@dataclass(frozen=True)
class Table(Cleaned):
    """A table: its column headings and its rows of cells."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()  # relative column widths; equal when empty
    row_tones: tuple[str, ...] = ()  # per row: "" | good | warn | bad
    numeric: tuple[int, ...] = ()  # columns aligned right


@dataclass(frozen=True)
class Callout(Cleaned):
    """A sentence set apart, in the tone of what it says."""

    text: str
    tone: str = "info"  # info | warning | verdict
    lead: str = ""


@dataclass(frozen=True)
class Subheading(Cleaned):
    """A heading inside a section."""

    text: str


@dataclass(frozen=True)
class Chart(Cleaned):
    """A chart: its title, its content in words, and what it shows once drawn."""

    key: str  # score | whatif | timing | growth | payout
    title: str
    summary: str  # the chart's content in words: Markdown shows it, others use it as a caption
    width: int = 900
    height: int = 460
    content: ChartContent | None = field(default=None, repr=False)  # what the chart shows
    omitted: str = ""  # why there is no chart, shown in its place

    LEAD = "Chart — {title}."  # the chart's title as Markdown writes it before its summary


Block = Paragraph | Bullets | Table | Callout | Subheading | Chart


# ---------------------------------------------------------------------------------------------
# The reports' blocks: frozen msgspec Structs, built in C when `advisor assess` starts (a frozen
# dataclass compiles its methods from source), cleaned the same way.


class CleanedStruct(msgspec.Struct, frozen=True):
    """Base: clean every text field (single line) when the block is built."""

    def __post_init__(self) -> None:
        for name in self.__struct_fields__:
            value = getattr(self, name)
            if isinstance(value, str | tuple):
                msgspec.structs.force_setattr(self, name, _clean_tree(value, True))


class Lines(CleanedStruct, frozen=True):
    """A list of statements without marks: the text indents them, Markdown lists them."""

    items: tuple[str, ...]


class Facts(CleanedStruct, frozen=True):
    """Label-value rows ("Total ARR" → "€792,000"), each shown as `label: value`."""

    rows: tuple[tuple[str, str], ...]


class Entry(CleanedStruct, frozen=True):
    """One item of a list with lines of detail under it."""

    head: str
    details: tuple[str, ...] = ()


class Entries(CleanedStruct, frozen=True):
    items: tuple[Entry, ...]
    ordered: bool = False


class Note(CleanedStruct, frozen=True):
    """A line set apart from the body, such as the rule pack a report was judged by."""

    text: str


ReportBlock = Paragraph | Bullets | Table | Lines | Facts | Entries | Note


class Part(CleanedStruct, frozen=True):
    """A part of a report: its heading (none when `title` is empty) and its blocks."""

    title: str
    blocks: tuple[ReportBlock, ...]


class Report(CleanedStruct, frozen=True):
    """One report as a document: its title, the lines right under it, and its parts.

    `heading_end` is the mark the plain text puts after each part's heading (":" or none).
    """

    title: str
    standfirst: tuple[str, ...]
    parts: tuple[Part, ...]
    heading_end: str = ":"
