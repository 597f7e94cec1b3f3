"""The Brief: one document model built from profile + assessment + role; renderers only render it.

`model` holds the blocks and the Brief, `build` puts the sections together, each of
`verdict_sections` and `role_sections` builds the blocks of its sections, and `prepare`
assesses and drafts what the caller did not give before building.
"""

from advisor.brief.build import build_brief
from advisor.brief.model import (
    Block,
    Brief,
    Bullets,
    Callout,
    Chart,
    Paragraph,
    Section,
    Subheading,
    Table,
)
from advisor.brief.prepare import prepare_brief
from advisor.textsafety import clean_text

__all__ = [
    "Block",
    "Brief",
    "Bullets",
    "Callout",
    "Chart",
    "Paragraph",
    "Section",
    "Subheading",
    "Table",
    "build_brief",
    "clean_text",
    "prepare_brief",
]
