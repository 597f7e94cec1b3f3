"""The Brief document model: a cover plus numbered sections of plain, cleaned blocks.

A Brief is a cover plus numbered sections of plain blocks (paragraphs, lists, tables, callouts,
charts). Every string is cleaned on the way in — control characters dropped, lone surrogates
replaced, bidirectional overrides removed — so a renderer only has to escape for its own format
and can never be handed text that breaks it. Charts are placeholders until
`Brief.with_charts` gives each its content (what it shows, as data); a chart without content
says why it was left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING, Any

from advisor import wording
from advisor.branding import Branding
from advisor.engine import Assessment
from advisor.pack import RulePack
from advisor.role import RoleDesign
from advisor.textsafety import clean_text
from advisor.workshop import WorkshopResult

if TYPE_CHECKING:
    from advisor.chart_content import ChartContent


def _clean_tree(value: Any, single_line: bool) -> Any:
    if isinstance(value, str):
        return clean_text(value, single_line=single_line)
    if isinstance(value, tuple):
        return tuple(_clean_tree(item, single_line) for item in value)
    return value


class _Clean:
    """Mixin: clean every text field of a frozen dataclass when it is built."""

    MULTILINE: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for item in fields(self):  # type: ignore[arg-type]
            value = getattr(self, item.name)
            if isinstance(value, str | tuple):
                cleaned = _clean_tree(value, item.name not in self.MULTILINE)
                object.__setattr__(self, item.name, cleaned)


Cleaned = _Clean  # for the other documents built of these blocks (the workshop readout)


# ---------------------------------------------------------------------------------------------
# Blocks


@dataclass(frozen=True)
class Paragraph(_Clean):
    text: str
    lead: str = ""  # shown in bold before the text
    style: str = "body"  # body | note (small, for sources) | quote (the company's own words)
    MULTILINE = ("text",)


@dataclass(frozen=True)
class Bullets(_Clean):
    items: tuple[str, ...]
    ordered: bool = False


@dataclass(frozen=True)
class Table(_Clean):
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()  # relative column widths; equal when empty
    row_tones: tuple[str, ...] = ()  # per row: "" | good | warn | bad
    numeric: tuple[int, ...] = ()  # columns aligned right


@dataclass(frozen=True)
class Callout(_Clean):
    text: str
    tone: str = "info"  # info | warning | verdict
    lead: str = ""


@dataclass(frozen=True)
class Subheading(_Clean):
    text: str


@dataclass(frozen=True)
class Chart(_Clean):
    key: str  # score | whatif | timing | growth | payout
    title: str
    summary: str  # the chart's content in words: Markdown shows it, others use it as a caption
    width: int = 900
    height: int = 460
    content: ChartContent | None = field(default=None, repr=False)  # what the chart shows
    omitted: str = ""  # why there is no chart, shown in its place


Block = Paragraph | Bullets | Table | Callout | Subheading | Chart


@dataclass(frozen=True)
class Section(_Clean):
    key: str
    number: int
    title: str
    blocks: tuple[Block, ...]

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}"


@dataclass(frozen=True)
class Brief(_Clean):
    title: str
    subtitle: str
    company: str
    prepared_on: dt.date
    verdict: str
    verdict_label: str
    score: float
    headline: str
    role_title: str
    readiness: str
    cover_facts: tuple[tuple[str, str], ...]
    pack_line: str
    sections: tuple[Section, ...]
    assessment: Assessment = field(repr=False, compare=False)
    role: RoleDesign = field(repr=False, compare=False)
    pack: RulePack = field(repr=False, compare=False)
    workshop: WorkshopResult | None = field(default=None, repr=False, compare=False)
    branding: Branding = field(default_factory=Branding, repr=False)

    @property
    def date_text(self) -> str:
        return wording.long_date(self.prepared_on)

    def with_cover(self, branding: Branding, client: str | None = None) -> Brief:
        """A copy whose cover says who prepared it (the consultancy's name and logo) and, for
        a saved case, names the client as the workspace records it (`client`)."""
        company = self.company if client is None else client
        return replace(self, branding=branding, company=company)

    def charts(self) -> Iterator[Chart]:
        for section in self.sections:
            for block in section.blocks:
                if isinstance(block, Chart):
                    yield block

    def with_charts(self, contents: Mapping[str, ChartContent], omitted: str = "") -> Brief:
        """A copy with each chart's content from `contents` (by key), or `omitted` as the reason."""
        sections = []
        for section in self.sections:
            blocks: list[Block] = []
            for block in section.blocks:
                if isinstance(block, Chart):
                    content = contents.get(block.key)
                    block = replace(block, content=content, omitted="" if content else omitted)
                blocks.append(block)
            sections.append(replace(section, blocks=tuple(blocks)))
        return replace(self, sections=tuple(sections))

    def without_charts(self, reason: str) -> Brief:
        return self.with_charts({}, reason)
