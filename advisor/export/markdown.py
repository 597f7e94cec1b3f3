"""Render a Brief as Markdown (CommonMark with GitHub tables).

All text is escaped so that whatever a company name or note contains stays literal text in any
Markdown viewer: no HTML, no links or autolinks, no mentions, no math, no headings or lists
started from inside a value.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import quote

from advisor.brief import (
    Block,
    Brief,
    Bullets,
    Callout,
    Chart,
    Paragraph,
    Subheading,
    Table,
)
from advisor.textsafety import escape_markdown_inline, escape_markdown_line

escape = escape_markdown_inline
escape_line = escape_markdown_line


def _paragraph_text(text: str) -> str:
    """Multi-line text as Markdown: lines joined by hard breaks, blank lines kept as breaks."""
    lines = [escape_line(line) for line in text.split("\n") if line.strip()]
    return "\\\n".join(lines)


def _cell(text: str) -> str:
    return escape(text) if text.strip() else " "


def _table(table: Table) -> str:
    header = "| " + " | ".join(_cell(c) for c in table.columns) + " |"
    align = (
        "|"
        + "|".join(
            "---:" if index in table.numeric else "---" for index in range(len(table.columns))
        )
        + "|"
    )
    body = ["| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows]
    return "\n".join([header, align, *body])


def _lead(lead: str) -> str:
    return f"**{escape(lead.strip())}** " if lead.strip() else ""


def _chart(block: Chart, link: str | None) -> str:
    words = f"**Chart — {escape(block.title)}.** {escape(block.summary)}"
    if link is None:
        return words
    # Percent-encoded, so a space or bracket in a folder name cannot end the link early.
    return f"![{escape(block.title)}]({quote(link)})\n\n{words}"


def _block(block: Block, links: Mapping[str, str]) -> str:
    if isinstance(block, Paragraph):
        text = _paragraph_text(block.text)
        if block.style == "quote":
            return "> " + _lead(block.lead) + text.replace("\n", "\n> ")
        if block.style == "note":
            lead = f"*{escape(block.lead.strip())}* " if block.lead.strip() else ""
            return f"{lead}{text}"
        return _lead(block.lead) + text
    if isinstance(block, Bullets):
        marker = "1." if block.ordered else "-"
        return "\n".join(f"{marker} {escape_line(item)}" for item in block.items)
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Callout):
        return "> " + _lead(block.lead) + escape(block.text)
    if isinstance(block, Subheading):
        return f"### {escape(block.text)}"
    if isinstance(block, Chart):
        return _chart(block, links.get(block.key))
    raise TypeError(f"unknown block {type(block).__name__}")


def render_markdown(brief: Brief, chart_links: Mapping[str, str] | None = None) -> str:
    """The brief as Markdown; `chart_links` maps chart keys to image files to show inline."""
    links = chart_links or {}
    parts = [
        f"# {escape(brief.title)}: {escape(brief.company)}",
        f"*{escape(brief.subtitle)}*",
        f"**{escape(brief.branding.prepared_by)}**" if brief.branding.prepared_by else "",
        _table(
            Table(
                ("", ""),
                (("Prepared", brief.date_text), *brief.cover_facts),
            )
        ),
        "> " + _lead("Headline:") + escape(brief.headline),
        f"*Rule pack: {escape(brief.pack_line)}*",
        "## Contents",
        "\n".join(f"{section.number}. {escape(section.title)}" for section in brief.sections),
    ]
    for section in brief.sections:
        parts.append(f"## {section.number}. {escape(section.title)}")
        parts.extend(_block(block, links) for block in section.blocks)
    return "\n\n".join(part for part in parts if part.strip()) + "\n"


def render(brief: Brief, chart_links: Mapping[str, str] | None = None) -> bytes:
    return render_markdown(brief, chart_links).encode("utf-8")


# The hiring kit's documents (`export.kit`) write their blocks as the brief does.
markdown_block = _block
markdown_table = _table
