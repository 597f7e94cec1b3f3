"""The Brief: one document model built from profile + assessment + role; renderers only render it.

`model` holds the blocks and the Brief, `build` puts the sections together, each of
`verdict_sections`, `timing_section` and `role_sections` builds the blocks of its sections, and
`prepare` assesses a profile on the brief's date and drafts its role first; `appendix` makes the
brief's method (rules, inputs, sources) a document of its own.
"""

from advisor.brief.appendix import method_appendix
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
    "method_appendix",
    "prepare_brief",
]
