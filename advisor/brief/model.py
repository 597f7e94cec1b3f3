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
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, ClassVar

from advisor import wording
from advisor.blocks import (
    Block,
    Bullets,
    Callout,
    Chart,
    Cleaned,
    Paragraph,
    Subheading,
    Table,
)
from advisor.branding import Branding
from advisor.engine import Assessment
from advisor.pack import RulePack
from advisor.role import RoleDesign
from advisor.workshop import WorkshopResult

if TYPE_CHECKING:
    from advisor.chart_content import ChartContent


# The blocks live in `advisor.blocks`, which the reports load without the brief's modules.
__all__ = [
    "Block",
    "Brief",
    "Bullets",
    "Callout",
    "Chart",
    "Cleaned",
    "Paragraph",
    "Section",
    "Subheading",
    "Table",
]


@dataclass(frozen=True)
class Section(Cleaned):
    key: str
    number: int
    title: str
    blocks: tuple[Block, ...]

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}"


@dataclass(frozen=True)
class Brief(Cleaned):
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

    # The words the Markdown brief puts around its cover, each placeholder named.
    COVER_WORDS: ClassVar[dict[str, str]] = {
        "prepared": "Prepared",
        "headline": "Headline:",
        "pack_line": "Rule pack: {pack_line}",
        "contents": "Contents",
    }

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
